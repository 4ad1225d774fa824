//! Keyword search: an inverted index from folded words to the briefings that contain them.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use crate::briefing::Briefing;
use crate::text::{fold, words};

/// Query words shorter than this match whole words only; longer ones match word beginnings.
const PREFIX_MIN: usize = 3;

/// Where in a briefing a query matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Place {
    /// The title.
    Title,
    /// An actor's name, alias, role or position (by position in `actors`).
    Actor(usize),
    /// A tag.
    Tags,
    /// The tl;dr.
    Tldr,
    /// A quote's text or context.
    Quote(usize),
    /// A question or its context.
    Question(usize),
    /// The body or why it matters.
    Body,
    /// A timeline event.
    Timeline(usize),
}

impl Place {
    /// How much a match here counts: a word in the title says more than one in the body.
    fn weight(self) -> u32 {
        match self {
            Self::Title => 8,
            Self::Actor(_) => 6,
            Self::Tags => 5,
            Self::Tldr => 4,
            Self::Quote(_) | Self::Question(_) => 3,
            Self::Body => 2,
            Self::Timeline(_) => 1,
        }
    }

    /// Every searchable text of a briefing, with its place.
    fn texts(briefing: &Briefing) -> Vec<(Place, Vec<&str>)> {
        let mut texts = vec![
            (Self::Title, vec![briefing.title.as_str()]),
            (
                Self::Tags,
                briefing.tags.iter().map(String::as_str).collect(),
            ),
            (Self::Tldr, vec![briefing.summary.tldr.as_str()]),
            (
                Self::Body,
                std::iter::once(briefing.summary.body.as_str())
                    .chain(briefing.summary.why_it_matters.as_deref())
                    .collect(),
            ),
        ];
        for (position, actor) in briefing.actors.iter().enumerate() {
            let mut parts: Vec<&str> = actor.names().collect();
            parts.push(&actor.role);
            parts.extend(actor.position.as_deref());
            texts.push((Self::Actor(position), parts));
        }
        for (position, quote) in briefing.quotes.iter().enumerate() {
            let mut parts = vec![quote.text.as_str()];
            parts.extend(quote.context.as_deref());
            // A quote is found by its speaker's names too ("lukashenka quote").
            if let Some(actor) = quote.speaker.as_deref().and_then(|id| briefing.actor(id)) {
                parts.extend(actor.names());
            }
            texts.push((Self::Quote(position), parts));
        }
        for (position, question) in briefing.questions.iter().enumerate() {
            let mut parts = vec![question.text.as_str()];
            parts.extend(question.context.as_deref());
            texts.push((Self::Question(position), parts));
        }
        for (position, event) in briefing.timeline.iter().enumerate() {
            texts.push((Self::Timeline(position), vec![event.text.as_str()]));
        }
        texts
    }
}

/// One briefing that matched a query.
#[derive(Debug, Clone)]
pub struct Hit {
    /// The briefing.
    pub briefing: Arc<Briefing>,
    /// Higher is better: the sum over query words of the weightiest place each matched.
    pub score: u32,
    /// Where the query's words occur, weightiest first.
    pub places: Vec<Place>,
}

/// The outcome of a search.
#[derive(Debug, Clone, Default)]
pub struct Found {
    /// How many briefings matched in all.
    pub total: usize,
    /// The best of them, best first, as many as asked for.
    pub hits: Vec<Hit>,
}

/// Folded word → postings. A posting packs the briefing's position (low 27 bits) with the
/// weight of the weightiest place the word occurs in (high 5 bits), keeping the index at four
/// bytes a posting so ten thousand briefings stay within a few megabytes.
pub(super) struct Index {
    words: BTreeMap<String, Vec<u32>>,
    briefings: Vec<Arc<Briefing>>,
}

const WEIGHT_SHIFT: u32 = 27;
const POSITION_MASK: u32 = (1 << WEIGHT_SHIFT) - 1;

impl Index {
    pub(super) fn build(briefings: &[Arc<Briefing>]) -> Self {
        let mut words_index: BTreeMap<String, Vec<u32>> = BTreeMap::new();
        let mut best: HashMap<String, u32> = HashMap::new();
        // Positions beyond 2^27 cannot be packed; no realistic folder comes near that.
        for (position, briefing) in briefings.iter().enumerate().take(POSITION_MASK as usize) {
            best.clear();
            for (place, parts) in Place::texts(briefing) {
                for part in parts {
                    let folded = fold(part);
                    for word in words(&folded) {
                        let weight = best.entry(word.to_owned()).or_insert(0);
                        *weight = (*weight).max(place.weight());
                    }
                }
            }
            let position = position as u32;
            for (word, weight) in best.drain() {
                words_index
                    .entry(word)
                    .or_default()
                    .push(position | (weight << WEIGHT_SHIFT));
            }
        }
        Self {
            words: words_index,
            briefings: briefings.to_vec(),
        }
    }

    pub(super) fn search(&self, query: &str, limit: usize) -> Found {
        let folded = fold(query);
        let query_words: Vec<&str> = words(&folded).collect();
        if query_words.is_empty() {
            return Found::default();
        }
        let mut scores: Option<HashMap<u32, u32>> = None;
        for query_word in &query_words {
            let mut found: HashMap<u32, u32> = HashMap::new();
            for postings in self.postings(query_word) {
                for &posting in postings {
                    let weight = posting >> WEIGHT_SHIFT;
                    let entry = found.entry(posting & POSITION_MASK).or_insert(0);
                    *entry = (*entry).max(weight);
                }
            }
            scores = Some(match scores {
                None => found,
                // Every query word must match: keep the briefings found for all so far.
                Some(so_far) => so_far
                    .into_iter()
                    .filter_map(|(position, score)| {
                        found
                            .get(&position)
                            .map(|weight| (position, score + weight))
                    })
                    .collect(),
            });
        }
        let mut ranked: Vec<(u32, u32)> = scores.unwrap_or_default().into_iter().collect();
        // Best score first; among equals, newest first (lower position).
        ranked.sort_by(|left, right| right.1.cmp(&left.1).then(left.0.cmp(&right.0)));
        let total = ranked.len();
        // Places are worked out for the hits shown only: a broad query may match thousands.
        let hits = ranked
            .into_iter()
            .take(limit)
            .map(|(position, score)| {
                let briefing = Arc::clone(&self.briefings[position as usize]);
                let places = places(&briefing, &query_words);
                Hit {
                    briefing,
                    score,
                    places,
                }
            })
            .collect();
        Found { total, hits }
    }

    fn postings<'a>(&'a self, query_word: &'a str) -> Box<dyn Iterator<Item = &'a Vec<u32>> + 'a> {
        if query_word.chars().count() < PREFIX_MIN {
            Box::new(self.words.get(query_word).into_iter())
        } else {
            Box::new(
                self.words
                    .range::<str, _>((
                        std::ops::Bound::Included(query_word),
                        std::ops::Bound::Unbounded,
                    ))
                    .take_while(move |(word, _)| word.starts_with(query_word))
                    .map(|(_, postings)| postings),
            )
        }
    }
}

/// The places of a briefing where any query word occurs, weightiest first.
fn places(briefing: &Briefing, query_words: &[&str]) -> Vec<Place> {
    let mut found: Vec<Place> = Place::texts(briefing)
        .into_iter()
        .filter(|(_, parts)| {
            parts.iter().any(|part| {
                let folded = fold(part);
                words(&folded).any(|word| query_words.iter().any(|query| matches(word, query)))
            })
        })
        .map(|(place, _)| place)
        .collect();
    found.sort_by_key(|place| std::cmp::Reverse(place.weight()));
    found
}

fn matches(word: &str, query_word: &str) -> bool {
    if query_word.chars().count() < PREFIX_MIN {
        word == query_word
    } else {
        word.starts_with(query_word)
    }
}
