//! The extractive summary: the lead, and the sentences a TextRank ranking finds most central.

use std::sync::LazyLock;

use regex::Regex;

use super::doc::Doc;
use super::lexicon::bit;
use super::quotes::QuoteSpan;

/// Sentences beyond this many are not ranked: the ranking is quadratic, and a news article's
/// point is made early.
const RANKED_MAX: usize = 150;

/// A dateline opening the first paragraph: "MOSCOW, June 22 (Xinhua) -- ", "MINSK (Reuters) - ".
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\p{Lu}[\p{Lu} .'’-]{1,40}?(?:,\s*[\p{Lu}][\p{L}]{2,9}\.?\s+\d{1,2})?\s*(?:\([^)]+\)\s*)?(?:--|-|–|—)\s+")
        .expect("valid regex")
});

/// False when [`DATELINE`] cannot match `paragraph`: its first two characters must be an
/// uppercase letter and one of `[\p{Lu} .'’-]`, which most openings ("Belarusian President
/// …") are not. Only ASCII characters are ruled out here; others are left to the pattern.
fn may_open_with_dateline(paragraph: &str) -> bool {
    let mut chars = paragraph.chars();
    let fits = |c: Option<char>, also: &str| {
        c.is_none_or(|c| !c.is_ascii() || c.is_ascii_uppercase() || also.contains(c))
    };
    fits(chars.next(), "") && fits(chars.next(), " .'-")
}

/// The words of each sentence, interned, for overlap counting.
pub(crate) struct Bags {
    /// Every sentence's stem ids, sorted and without repeats, one sentence after another.
    stems_by_sentence: Vec<u32>,
    /// Where each sentence's ids start in `stems_by_sentence` (one more entry at the end).
    starts: Vec<usize>,
    /// For each of the article's distinct words ([`Doc::word_id`]), the id of its stem when
    /// some content word has that stem (a function word can share a content word's stem).
    stems: Vec<Option<u32>>,
    /// For each stem id, how many sentences hold it.
    spread: Vec<u32>,
}

impl Bags {
    /// Content words (folded, lightly stemmed) of every sentence.
    pub fn new(doc: &Doc) -> Self {
        // A stem's id is the id of the article's word equal to it, so no table is needed:
        // a word is its own stem, or it drops a final "s" and its stem is another word of the
        // article ("talks" → "talk") or no word at all, and then this word alone has that stem
        // (a stem never ends in "s", so "talks" is no other word's stem) and lends it its id.
        let distinct = doc.distinct_words();
        let mut stem_of: Vec<u32> = Vec::with_capacity(distinct);
        // Content words: not function words, with a stem of three letters or more.
        let mut content = Vec::with_capacity(distinct);
        let mut content_stem = vec![false; distinct];
        for id in 0..distinct {
            let word = doc.distinct_word(id);
            let stemmed = stem(word);
            let stem_id = if stemmed.len() == word.len() {
                id
            } else {
                doc.distinct_id(stemmed).unwrap_or(id)
            };
            stem_of.push(u32::try_from(stem_id).unwrap_or(u32::MAX));
            let is_content = stemmed.len() > 2 && !doc.distinct_entry(id).has(bit::COMMON_WORD);
            content.push(is_content);
            content_stem[stem_id] |= is_content;
        }
        let stems: Vec<Option<u32>> = stem_of
            .iter()
            .map(|&stem_id| content_stem[stem_id as usize].then_some(stem_id))
            .collect();
        // Tokens come in sentence order, so each sentence's ids are one stretch of a single
        // vector: sorted and deduplicated in place, no vector per sentence.
        let mut stems_by_sentence = Vec::with_capacity(doc.tokens.len());
        let mut starts = Vec::with_capacity(doc.sentences.len() + 1);
        let mut spread = vec![0u32; distinct];
        let mut tokens = doc.tokens.iter().enumerate().peekable();
        for sentence in 0..doc.sentences.len() {
            let start = stems_by_sentence.len();
            starts.push(start);
            while let Some((index, _)) = tokens.next_if(|(_, token)| token.sentence == sentence) {
                let word = doc.word_id(index);
                if content[word] {
                    stems_by_sentence.push(stem_of[word]);
                }
            }
            stems_by_sentence[start..].sort_unstable();
            let mut kept = start;
            for read in start..stems_by_sentence.len() {
                let id = stems_by_sentence[read];
                if kept == start || stems_by_sentence[kept - 1] != id {
                    stems_by_sentence[kept] = id;
                    kept += 1;
                    spread[id as usize] += 1;
                }
            }
            stems_by_sentence.truncate(kept);
        }
        starts.push(stems_by_sentence.len());
        Self {
            stems_by_sentence,
            starts,
            stems,
            spread,
        }
    }

    /// The content words of arbitrary ranges of the text (a quote's parts), sorted.
    pub fn of_ranges(&self, doc: &Doc, ranges: &[std::ops::Range<usize>]) -> Vec<u32> {
        let mut bag = Vec::new();
        for range in ranges {
            let first = doc.token_at(range.start);
            let within = doc.tokens[first..]
                .iter()
                .take_while(|token| token.end <= range.end);
            for index in first..first + within.count() {
                if let Some(id) = self.stems[doc.word_id(index)] {
                    bag.push(id);
                }
            }
        }
        bag.sort_unstable();
        bag.dedup();
        bag
    }

    /// How many sentences hold the word.
    pub fn spread(&self, id: u32) -> u32 {
        self.spread.get(id as usize).copied().unwrap_or(0)
    }

    /// The content words of one sentence, sorted.
    pub fn sentence(&self, index: usize) -> &[u32] {
        &self.stems_by_sentence[self.starts[index]..self.starts[index + 1]]
    }
}

/// Plural and possessive endings off, so "talks" meets "talk".
fn stem(word: &str) -> &str {
    word.strip_suffix('s')
        .filter(|stem| stem.len() > 3 && !stem.ends_with('s'))
        .unwrap_or(word)
}

/// How many words two sorted bags share.
pub(crate) fn overlap(left: &[u32], right: &[u32]) -> usize {
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while i < left.len() && j < right.len() {
        match left[i].cmp(&right[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    shared
}

/// The summary drafted from an article.
pub(crate) struct Extract {
    /// Index of the lead sentence, if the article has a usable one.
    pub lead: Option<usize>,
    /// Indices of the most central other sentences, in article order.
    pub body: Vec<usize>,
    /// The outlet named in the dateline ("Reuters"), if any.
    pub dateline_outlet: Option<String>,
    /// Bytes of dateline to skip at the start of the lead.
    pub dateline_len: usize,
}

/// Ranks the sentences and picks the lead and the body.
pub(crate) fn extract(doc: &Doc, bags: &Bags, quotes: &[&QuoteSpan], body_max: usize) -> Extract {
    let (dateline_outlet, dateline_len) = match doc
        .paragraphs
        .first()
        .map(|first| doc.slice(first.clone()))
        .filter(|first| may_open_with_dateline(first))
        .and_then(|first| DATELINE.find(first))
    {
        // The match alone, without its groups: a capture search runs the backtracker, the
        // costliest engine, and the outlet is easy to read back. Only the outlet's bracket can
        // hold "(" (the place and the date cannot), and the outlet runs to the next ")".
        Some(whole) => (
            whole
                .as_str()
                .split_once('(')
                .and_then(|(_, rest)| rest.split_once(')'))
                .map(|(outlet, _)| outlet.trim().to_owned()),
            whole.end(),
        ),
        None => (None, 0),
    };
    let eligible: Vec<usize> = doc
        .sentences
        .iter()
        .enumerate()
        .filter(|(index, sentence)| {
            let range = &sentence.range;
            let quoted: usize = quotes
                .iter()
                .map(|quote| {
                    quote
                        .close
                        .min(range.end)
                        .saturating_sub(quote.open.max(range.start))
                })
                .sum();
            quoted * 2 <= range.len() && bags.sentence(*index).len() >= 3
        })
        .map(|(index, _)| index)
        .take(RANKED_MAX)
        .collect();
    let lead = eligible.first().copied();
    let ranks = text_rank(
        &eligible
            .iter()
            .map(|&index| bags.sentence(index))
            .collect::<Vec<_>>(),
    );
    let mut order: Vec<usize> = (0..eligible.len()).collect();
    order.sort_by(|&left, &right| ranks[right].total_cmp(&ranks[left]).then(left.cmp(&right)));
    let mut body = Vec::new();
    let mut length = 0;
    for position in order {
        let index = eligible[position];
        if Some(index) == lead {
            continue;
        }
        let chars = doc
            .slice(doc.sentences[index].range.clone())
            .chars()
            .count()
            + 2;
        if body.len() >= 4 || length + chars > body_max {
            continue;
        }
        length += chars;
        body.push(index);
    }
    body.sort_unstable();
    Extract {
        lead,
        body,
        dateline_outlet,
        dateline_len,
    }
}

/// PageRank over the sentence-similarity graph (Mihalcea and Tarau's TextRank): similarity
/// is shared words over the sum of the logs of the sentences' lengths.
pub(crate) fn text_rank(bags: &[&[u32]]) -> Vec<f64> {
    let count = bags.len();
    if count == 0 {
        return Vec::new();
    }
    let mut weights = vec![0.0f64; count * count];
    let logs: Vec<f64> = bags.iter().map(|bag| (bag.len() as f64).ln()).collect();
    for i in 0..count {
        for j in i + 1..count {
            let shared = overlap(bags[i], bags[j]);
            if shared == 0 {
                continue;
            }
            let norm = logs[i] + logs[j];
            let weight = shared as f64 / norm.max(1.0);
            weights[i * count + j] = weight;
            weights[j * count + i] = weight;
        }
    }
    let out: Vec<f64> = (0..count)
        .map(|i| weights[i * count..(i + 1) * count].iter().sum())
        .collect();
    // The iterations visit only the edges: adding share × 0 to a positive rank changes
    // nothing, so skipping the zero weights keeps every sum as it was, term for term.
    // Sentence j's edges are edges[starts[j]..starts[j + 1]], in order of i.
    let mut edges: Vec<(usize, f64)> = Vec::new();
    let mut starts = Vec::with_capacity(count + 1);
    for row in weights.chunks(count) {
        starts.push(edges.len());
        edges.extend(
            row.iter()
                .enumerate()
                .filter(|(_, weight)| **weight != 0.0)
                .map(|(i, weight)| (i, *weight)),
        );
    }
    starts.push(edges.len());
    let damping = 0.85;
    let mut ranks = vec![1.0 / count as f64; count];
    // One buffer for every iteration's ranks (the sums are as before, in the same order).
    let mut next = vec![0.0; count];
    for _ in 0..40 {
        next.fill((1.0 - damping) / count as f64);
        for j in 0..count {
            if out[j] == 0.0 {
                continue;
            }
            let share = damping * ranks[j] / out[j];
            for &(i, weight) in &edges[starts[j]..starts[j + 1]] {
                next[i] += share * weight;
            }
        }
        let change: f64 = next
            .iter()
            .zip(&ranks)
            .map(|(new, old)| (new - old).abs())
            .sum();
        std::mem::swap(&mut ranks, &mut next);
        if change < 1e-6 {
            break;
        }
    }
    ranks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datelines_are_recognised() {
        for (text, outlet) in [
            (
                "MOSCOW, June 22 (Xinhua) -- Belarusian President spoke.",
                Some("Xinhua"),
            ),
            (
                "MINSK (Reuters) - Belarussian President spoke.",
                Some("Reuters"),
            ),
            (
                "MOSCOW (Sputnik) - Belarusian President spoke.",
                Some("Sputnik"),
            ),
        ] {
            let doc = Doc::new(text);
            let bags = Bags::new(&doc);
            let extract = extract(&doc, &bags, &[], 3000);
            assert_eq!(extract.dateline_outlet.as_deref(), outlet, "{text}");
            assert!(
                doc.text[extract.dateline_len..].starts_with("Bela"),
                "{text}"
            );
        }
    }

    #[test]
    fn the_central_sentence_ranks_first() {
        let bags: Vec<Vec<u32>> = vec![
            vec![1, 2, 3],
            vec![1, 2, 3, 4],
            vec![3, 4, 5],
            vec![9, 10, 11],
        ];
        let slices: Vec<&[u32]> = bags.iter().map(Vec::as_slice).collect();
        let ranks = text_rank(&slices);
        assert!(
            ranks[1] > ranks[0] && ranks[1] > ranks[2] && ranks[2] > ranks[3],
            "{ranks:?}"
        );
    }
}
