//! Keyword search: an inverted index from folded words to the briefings that contain them.

use std::collections::HashMap;
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

/// Folded word → postings, sorted by word so that a prefix is a contiguous range.
///
/// A posting packs the briefing's position (low 27 bits) with the weight of the weightiest
/// place the word occurs in (high 5 bits), keeping the index at four bytes a posting so ten
/// thousand briefings stay within a few megabytes.
pub(super) struct Index {
    words: Vec<(Box<str>, Vec<u32>)>,
    briefings: Vec<Arc<Briefing>>,
}

const WEIGHT_SHIFT: u32 = 27;
const POSITION_MASK: u32 = (1 << WEIGHT_SHIFT) - 1;

impl Index {
    pub(super) fn build(briefings: &[Arc<Briefing>]) -> Self {
        let mut by_word: HashMap<Box<str>, Vec<u32>> = HashMap::new();
        // Positions beyond 2^27 cannot be packed; no realistic folder comes near that.
        for (position, briefing) in briefings.iter().enumerate().take(POSITION_MASK as usize) {
            let folded: Vec<(u32, String)> = Place::texts(briefing)
                .into_iter()
                .flat_map(|(place, parts)| {
                    parts
                        .into_iter()
                        .map(move |part| (place.weight(), fold(part)))
                })
                .collect();
            let mut best: HashMap<&str, u32> = HashMap::new();
            for (weight, text) in &folded {
                for word in words(text) {
                    let entry = best.entry(word).or_insert(0);
                    *entry = (*entry).max(*weight);
                }
            }
            let position = position as u32;
            for (word, weight) in best {
                let posting = position | (weight << WEIGHT_SHIFT);
                match by_word.get_mut(word) {
                    Some(postings) => postings.push(posting),
                    None => {
                        by_word.insert(word.into(), vec![posting]);
                    }
                }
            }
        }
        let mut words_index: Vec<(Box<str>, Vec<u32>)> = by_word.into_iter().collect();
        words_index.sort_unstable_by(|left, right| left.0.cmp(&right.0));
        Self {
            words: words_index,
            briefings: briefings.to_vec(),
        }
    }

    pub(super) fn search(&self, query: &str, limit: usize) -> Found {
        let folded = fold(query);
        let mut query_words: Vec<&str> = words(&folded).collect();
        query_words.sort_unstable();
        query_words.dedup();
        if query_words.is_empty() {
            return Found::default();
        }
        // Dense arrays indexed by position: cheaper than hash maps when a word is everywhere.
        let count = self.briefings.len();
        let mut score = vec![0u32; count];
        let mut matched = vec![0u16; count];
        let mut best = vec![0u8; count];
        for query_word in &query_words {
            best.fill(0);
            for (_, postings) in self.postings(query_word) {
                for &posting in postings {
                    let position = (posting & POSITION_MASK) as usize;
                    best[position] = best[position].max((posting >> WEIGHT_SHIFT) as u8);
                }
            }
            for position in 0..count {
                if best[position] > 0 {
                    score[position] += u32::from(best[position]);
                    matched[position] += 1;
                }
            }
        }
        // Every query word must match.
        let all = query_words.len() as u16;
        let mut ranked: Vec<(u32, u32)> = (0..count)
            .filter(|&position| matched[position] == all)
            .map(|position| (score[position], position as u32))
            .collect();
        let total = ranked.len();
        // Best score first; among equals, newest first (lower position). Only the shown hits
        // need sorting.
        let order =
            |left: &(u32, u32), right: &(u32, u32)| right.0.cmp(&left.0).then(left.1.cmp(&right.1));
        if limit < ranked.len() {
            if limit > 0 {
                ranked.select_nth_unstable_by(limit - 1, order);
            }
            ranked.truncate(limit);
        }
        ranked.sort_unstable_by(order);
        // Places are worked out for the hits shown only: a broad query may match thousands.
        let hits = ranked
            .into_iter()
            .map(|(score, position)| {
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

    /// The index entries a query word matches: itself, and every word it begins when it is
    /// long enough to mean something as a prefix.
    fn postings<'a>(&'a self, query_word: &'a str) -> &'a [(Box<str>, Vec<u32>)] {
        let start = self.words.partition_point(|(word, _)| &**word < query_word);
        let rest = &self.words[start..];
        let end = if query_word.chars().count() < PREFIX_MIN {
            usize::from(rest.first().is_some_and(|(word, _)| &**word == query_word))
        } else {
            rest.partition_point(|(word, _)| word.starts_with(query_word))
        };
        &rest[..end]
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
