//! A folded word-prefix index: what was typed → the items every typed word begins a word of.
//!
//! Autocomplete runs on every keystroke, so the work is done once per library snapshot: every
//! distinct folded word of the items' texts, sorted, so that the words a prefix begins form one
//! contiguous range of word numbers. A query then costs a binary search per typed word plus the
//! matches it walks, never a pass over the library — a prefix that matches nothing costs a few
//! comparisons. Items are numbered in the order they should be offered (newest briefing
//! first), and matches come out in that order.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};
use std::ops::Range;

use crate::text::{fold, words};

/// Which parts of a word a typed word may match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Matching {
    /// A typed word matches the words it begins ("vass" finds "vassal").
    WordStarts,
    /// A typed word matches anywhere inside a word ("larus" finds "belarus"): every suffix of
    /// every word is indexed, which suits short names such as story slugs.
    Anywhere,
}

/// Folded words → items, built once, queried by prefix in O(matches).
///
/// Compact by design (a handful of flat vectors, no allocation per word or per item): at ten
/// thousand briefings it holds a few hundred thousand numbers.
#[derive(Debug, Default)]
pub struct PrefixIndex {
    /// Every distinct folded word, sorted, end to end; word `w` is `text[ends[w - 1]..ends[w]]`.
    text: String,
    ends: Vec<u32>,
    /// The items of word `w`, ascending: `postings[posting_ends[w - 1]..posting_ends[w]]`.
    postings: Vec<u32>,
    posting_ends: Vec<u32>,
    /// The words of item `i`, ascending: `item_words[item_ends[i - 1]..item_ends[i]]`; checks
    /// an item found by one typed word against the others without walking their postings.
    item_words: Vec<u32>,
    item_ends: Vec<u32>,
}

impl PrefixIndex {
    /// Indexes items given in the order they should be offered, each as its texts.
    pub fn build<Items, Texts>(items: Items, matching: Matching) -> Self
    where
        Items: IntoIterator<Item = Texts>,
        Texts: IntoIterator<Item: AsRef<str>>,
    {
        // Words get provisional numbers as they are first seen, final ones once sorted.
        let mut numbers: HashMap<Box<str>, u32> = HashMap::new();
        let mut item_words: Vec<u32> = Vec::new();
        let mut item_ends: Vec<u32> = Vec::new();
        for texts in items {
            let start = item_words.len();
            for text in texts {
                let folded = fold(text.as_ref());
                for word in words(&folded) {
                    let mut add = |part: &str| {
                        let next = numbers.len() as u32;
                        let number = match numbers.get(part) {
                            Some(&number) => number,
                            None => *numbers.entry(part.into()).or_insert(next),
                        };
                        item_words.push(number);
                    };
                    match matching {
                        Matching::WordStarts => add(word),
                        Matching::Anywhere => {
                            for (at, _) in word.char_indices() {
                                add(&word[at..]);
                            }
                        }
                    }
                }
            }
            item_ends.push(item_words.len() as u32);
            // One item may use a word many times; it is found once.
            let own = &mut item_words[start..];
            own.sort_unstable();
            let unique = dedup_sorted(own);
            item_words.truncate(start + unique);
            *item_ends.last_mut().expect("just pushed") = item_words.len() as u32;
        }
        let mut sorted: Vec<(Box<str>, u32)> = numbers.into_iter().collect();
        sorted.sort_unstable();
        let mut final_number = vec![0u32; sorted.len()];
        let mut text = String::with_capacity(sorted.iter().map(|(word, _)| word.len()).sum());
        let mut ends = Vec::with_capacity(sorted.len());
        for (rank, (word, provisional)) in sorted.iter().enumerate() {
            final_number[*provisional as usize] = rank as u32;
            text.push_str(word);
            ends.push(text.len() as u32);
        }
        drop(sorted);
        // Renumber each item's words (and keep them ascending), then invert into postings.
        let mut counts = vec![0u32; ends.len()];
        let mut start = 0;
        for &end in &item_ends {
            let own = &mut item_words[start..end as usize];
            for word in own.iter_mut() {
                *word = final_number[*word as usize];
                counts[*word as usize] += 1;
            }
            own.sort_unstable();
            start = end as usize;
        }
        let mut posting_ends = Vec::with_capacity(counts.len());
        let mut total = 0;
        for count in &counts {
            total += count;
            posting_ends.push(total);
        }
        // Items are visited in order, so every word's postings come out ascending.
        let mut fill: Vec<u32> = std::iter::once(0)
            .chain(posting_ends.iter().copied())
            .take(counts.len())
            .collect();
        let mut postings = vec![0u32; total as usize];
        let mut start = 0;
        for (item, &end) in item_ends.iter().enumerate() {
            for &word in &item_words[start..end as usize] {
                postings[fill[word as usize] as usize] = item as u32;
                fill[word as usize] += 1;
            }
            start = end as usize;
        }
        Self {
            text,
            ends,
            postings,
            posting_ends,
            item_words,
            item_ends,
        }
    }

    /// How many items are indexed.
    pub fn len(&self) -> usize {
        self.item_ends.len()
    }

    /// True when no item is indexed.
    pub fn is_empty(&self) -> bool {
        self.item_ends.is_empty()
    }

    /// The first `limit` items (in the order given at build) that have, for every word of
    /// `query`, a word it matches; with no word typed, the first `limit` items. Case and
    /// diacritics are ignored.
    pub fn find(&self, query: &str, limit: usize) -> Vec<u32> {
        let folded = fold(query);
        let mut ranges: Vec<Range<u32>> = Vec::new();
        for typed in words(&folded) {
            let range = self.words_beginning(typed);
            if range.is_empty() {
                return Vec::new();
            }
            ranges.push(range);
        }
        if ranges.is_empty() {
            return (0..self.len().min(limit) as u32).collect();
        }
        // Walk the typed word with the fewest postings; check the others item by item.
        let (driver, _) = ranges
            .iter()
            .enumerate()
            .min_by_key(|(_, range)| self.postings_of(range).len())
            .expect("at least one typed word");
        let driver = ranges.swap_remove(driver);
        let mut found = Vec::new();
        for item in self.items_of(driver) {
            if found.len() >= limit {
                break;
            }
            if ranges.iter().all(|range| self.has_word_in(item, range)) {
                found.push(item);
            }
        }
        found
    }

    /// The numbers of the words `typed` matches: one contiguous range, since words are sorted.
    fn words_beginning(&self, typed: &str) -> Range<u32> {
        let count = self.ends.len();
        let start = partition_point(count, |word| self.word(word) < typed);
        let end = start
            + partition_point(count - start, |offset| {
                self.word(start + offset).starts_with(typed)
            });
        start as u32..end as u32
    }

    fn word(&self, number: usize) -> &str {
        let start = number.checked_sub(1).map_or(0, |before| self.ends[before]);
        &self.text[start as usize..self.ends[number] as usize]
    }

    fn postings_of(&self, words: &Range<u32>) -> &[u32] {
        let start = (words.start as usize)
            .checked_sub(1)
            .map_or(0, |before| self.posting_ends[before]);
        let end = (words.end as usize)
            .checked_sub(1)
            .map_or(0, |last| self.posting_ends[last]);
        &self.postings[start as usize..end as usize]
    }

    /// Every item with a word in `words`, ascending and once each: the postings of one word
    /// as they are, of several merged lazily, so taking the first few costs little.
    fn items_of(&self, words: Range<u32>) -> Box<dyn Iterator<Item = u32> + '_> {
        if words.len() == 1 {
            return Box::new(self.postings_of(&words).iter().copied());
        }
        let lists: Vec<&[u32]> = words
            .map(|word| self.postings_of(&(word..word + 1)))
            .collect();
        let mut heads: BinaryHeap<Reverse<(u32, usize, usize)>> = lists
            .iter()
            .enumerate()
            .filter_map(|(list, postings)| Some(Reverse((*postings.first()?, list, 0))))
            .collect();
        let mut last = None;
        Box::new(std::iter::from_fn(move || {
            loop {
                let Reverse((item, list, at)) = heads.pop()?;
                if let Some(&next) = lists[list].get(at + 1) {
                    heads.push(Reverse((next, list, at + 1)));
                }
                if last != Some(item) {
                    last = Some(item);
                    return Some(item);
                }
            }
        }))
    }

    fn has_word_in(&self, item: u32, words: &Range<u32>) -> bool {
        let item = item as usize;
        let start = item
            .checked_sub(1)
            .map_or(0, |before| self.item_ends[before]);
        let own = &self.item_words[start as usize..self.item_ends[item] as usize];
        let first = own.partition_point(|&word| word < words.start);
        own.get(first).is_some_and(|&word| word < words.end)
    }
}

/// The first of `0..count` for which `before` is false, `before` being true up to some point
/// and false after it (the slice method, over numbers).
fn partition_point(count: usize, before: impl Fn(usize) -> bool) -> usize {
    let (mut low, mut high) = (0, count);
    while low < high {
        let middle = low + (high - low) / 2;
        if before(middle) {
            low = middle + 1;
        } else {
            high = middle;
        }
    }
    low
}

/// Moves the distinct values of a sorted slice to its front; returns how many there are.
fn dedup_sorted(values: &mut [u32]) -> usize {
    if values.is_empty() {
        return 0;
    }
    let mut kept = 1;
    for read in 1..values.len() {
        if values[read] != values[kept - 1] {
            values[kept] = values[read];
            kept += 1;
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(items: &[&[&str]], matching: Matching) -> PrefixIndex {
        PrefixIndex::build(items.iter().map(|texts| texts.iter().copied()), matching)
    }

    /// What `find` must return, worked out the slow way: every item, every word.
    fn by_scanning(items: &[&[&str]], query: &str, limit: usize) -> Vec<u32> {
        let typed = fold(query);
        let typed: Vec<&str> = words(&typed).collect();
        items
            .iter()
            .enumerate()
            .filter(|(_, texts)| {
                let folded: Vec<String> = texts.iter().map(|text| fold(text)).collect();
                typed.iter().all(|want| {
                    folded
                        .iter()
                        .any(|text| words(text).any(|word| word.starts_with(want)))
                })
            })
            .map(|(item, _)| item as u32)
            .take(limit)
            .collect()
    }

    const ITEMS: &[&[&str]] = &[
        &[
            "2026-11-27-vassal",
            "Lukashenko warns of a vassal state",
            "2026-11-27",
        ],
        &[
            "2025-10-31-oreshnik",
            "Oreshnik on combat duty",
            "2025-10-31",
        ],
        &[
            "2024-01-10-alpha",
            "Alpha: a gas row between Minsk and Moscow",
            "2024-01-10",
        ],
        &[
            "2023-03-03-gamma",
            "Łukašenka and the gas price",
            "2023-03-03",
        ],
        &[
            "2010-06-22-gas",
            "Gas transit halted, gas gas gas",
            "2010-06-22",
        ],
    ];

    #[test]
    fn every_typed_word_must_begin_a_word_and_order_is_kept() {
        let index = index(ITEMS, Matching::WordStarts);
        assert_eq!(index.len(), 5);
        assert_eq!(index.find("gas", 25), [2, 3, 4]);
        assert_eq!(index.find("GA MIN", 25), [2]);
        assert_eq!(index.find("vass", 25), [0]);
        assert_eq!(index.find("2026", 25), [0]);
        assert_eq!(index.find("20", 25), [0, 1, 2, 3, 4], "merged, once each");
        assert_eq!(
            index.find("assal", 25),
            Vec::<u32>::new(),
            "word starts only"
        );
    }

    #[test]
    fn a_prefix_that_matches_nothing_finds_nothing() {
        let index = index(ITEMS, Matching::WordStarts);
        assert!(index.find("zzz", 25).is_empty());
        assert!(index.find("gas zzz", 25).is_empty());
        assert!(PrefixIndex::default().find("gas", 25).is_empty());
        assert!(PrefixIndex::default().find("", 25).is_empty());
    }

    #[test]
    fn accents_and_case_are_ignored_both_ways() {
        let index = index(ITEMS, Matching::WordStarts);
        assert_eq!(index.find("lukasenka", 25), [3]);
        assert_eq!(
            index.find("ŁUKAŠ", 25),
            [0, 3],
            "lukas begins both spellings"
        );
        assert_eq!(index.find("lukashenko", 25), [0]);
    }

    #[test]
    fn limits_are_kept_and_no_words_means_the_first_items() {
        let index = index(ITEMS, Matching::WordStarts);
        assert_eq!(index.find("", 2), [0, 1]);
        assert_eq!(index.find("  -- ", 25), [0, 1, 2, 3, 4]);
        assert_eq!(index.find("20", 3), [0, 1, 2]);
        assert_eq!(index.find("gas", 0), Vec::<u32>::new());
    }

    #[test]
    fn anywhere_matches_inside_words() {
        let stories: &[&[&str]] = &[&["belarus-russia"], &["ukraine-war"], &["russia"]];
        let index = index(stories, Matching::Anywhere);
        assert_eq!(index.find("larus", 25), [0]);
        assert_eq!(index.find("USS", 25), [0, 2]);
        assert_eq!(index.find("war", 25), [1]);
        assert_eq!(index.find("s r", 25), [0, 2]);
        assert!(index.find("xyz", 25).is_empty());
    }

    #[test]
    fn finds_what_a_scan_finds_on_many_generated_items() {
        // Titles from a small vocabulary, so prefixes overlap and repeat.
        let vocabulary = [
            "gas", "gaz", "garden", "minsk", "moscow", "mo", "union", "un",
        ];
        let texts: Vec<Vec<String>> = (0..300)
            .map(|item: usize| {
                let words: Vec<&str> = (0..4)
                    .map(|k| vocabulary[(item * 7 + k * 3 + item / 5) % vocabulary.len()])
                    .collect();
                vec![format!("id-{item}"), words.join(" ")]
            })
            .collect();
        let borrowed: Vec<Vec<&str>> = texts
            .iter()
            .map(|texts| texts.iter().map(String::as_str).collect())
            .collect();
        let slices: Vec<&[&str]> = borrowed.iter().map(Vec::as_slice).collect();
        let index = index(&slices, Matching::WordStarts);
        for query in [
            "g", "ga", "gas", "mo", "mos un", "id", "id 1", "un ga mo", "x", "12",
        ] {
            for limit in [1, 25, 1000] {
                assert_eq!(
                    index.find(query, limit),
                    by_scanning(&slices, query, limit),
                    "{query} {limit}"
                );
            }
        }
    }
}
