//! The extractive summary: the lead, and the sentences a TextRank ranking finds most central.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use super::doc::Doc;
use super::lexicon::{FxBuild, bit};
use super::quotes::QuoteSpan;

/// Sentences beyond this many are not ranked: the ranking is quadratic, and a news article's
/// point is made early.
const RANKED_MAX: usize = 150;

/// A dateline opening the first paragraph: "MOSCOW, June 22 (Xinhua) -- ", "MINSK (Reuters) - ".
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<place>\p{Lu}[\p{Lu} .'’-]{1,40}?)(?:,\s*[\p{Lu}][\p{L}]{2,9}\.?\s+\d{1,2})?\s*(?:\((?P<outlet>[^)]+)\)\s*)?(?:--|-|–|—)\s+")
        .expect("valid regex")
});

/// The words of each sentence, interned, for overlap counting.
pub(crate) struct Bags<'a> {
    bags: Vec<Vec<u32>>,
    ids: HashMap<&'a str, u32, FxBuild>,
    /// For each word, how many sentences hold it.
    spread: Vec<u32>,
}

impl<'a> Bags<'a> {
    /// Content words (folded, lightly stemmed) of every sentence.
    pub fn new(doc: &'a Doc) -> Self {
        let mut ids: HashMap<&'a str, u32, FxBuild> =
            HashMap::with_capacity_and_hasher(doc.tokens.len(), FxBuild::default());
        let mut bags = vec![Vec::new(); doc.sentences.len()];
        for (index, (token, flags)) in doc.tokens.iter().zip(&doc.flags).enumerate() {
            let word = stem(doc.folded(index));
            if word.len() <= 2 || flags & bit::COMMON_WORD != 0 {
                continue;
            }
            let next = u32::try_from(ids.len()).unwrap_or(u32::MAX);
            let id = *ids.entry(word).or_insert(next);
            bags[token.sentence].push(id);
        }
        let mut spread = vec![0u32; ids.len()];
        for bag in &mut bags {
            bag.sort_unstable();
            bag.dedup();
            for &id in bag.iter() {
                spread[id as usize] += 1;
            }
        }
        Self { bags, ids, spread }
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
                if let Some(&id) = self.ids.get(stem(doc.folded(index))) {
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
        &self.bags[index]
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
pub(crate) fn extract(
    doc: &Doc,
    bags: &Bags<'_>,
    quotes: &[&QuoteSpan],
    body_max: usize,
) -> Extract {
    let (dateline_outlet, dateline_len) = match doc
        .paragraphs
        .first()
        .and_then(|first| DATELINE.captures(doc.slice(first.clone())))
    {
        Some(captures) => (
            captures
                .name("outlet")
                .map(|outlet| outlet.as_str().trim().to_owned()),
            captures.get(0).map_or(0, |whole| whole.end()),
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
    for i in 0..count {
        for j in i + 1..count {
            let shared = overlap(bags[i], bags[j]);
            if shared == 0 {
                continue;
            }
            let norm = (bags[i].len() as f64).ln() + (bags[j].len() as f64).ln();
            let weight = shared as f64 / norm.max(1.0);
            weights[i * count + j] = weight;
            weights[j * count + i] = weight;
        }
    }
    let out: Vec<f64> = (0..count)
        .map(|i| weights[i * count..(i + 1) * count].iter().sum())
        .collect();
    let damping = 0.85;
    let mut ranks = vec![1.0 / count as f64; count];
    for _ in 0..40 {
        let mut next = vec![(1.0 - damping) / count as f64; count];
        for j in 0..count {
            if out[j] == 0.0 {
                continue;
            }
            let share = damping * ranks[j] / out[j];
            for (i, rank) in next.iter_mut().enumerate() {
                *rank += share * weights[j * count + i];
            }
        }
        let change: f64 = next
            .iter()
            .zip(&ranks)
            .map(|(new, old)| (new - old).abs())
            .sum();
        ranks = next;
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
