//! "Did you mean": what people type, matched word by word against ids, titles and names.
//!
//! A mistyped id is rarely a whole id with one letter wrong: people type the words they
//! remember (`crimea-precedent`), misspelt (`orehsnik`, `lukashenko-vasal`). So the typed
//! text is split into words, and each word is matched against the words of every candidate —
//! exactly, as the beginning of a word, or within a few edits — and candidates are ranked by
//! how many words matched first, then by how closely, then by recency.

use crate::briefing::BriefingId;
use crate::text::{edit_distance, fold, words};

use super::Library;

/// How many suggestions are offered at most.
pub const SUGGESTIONS_MAX: usize = 3;

/// Typed words shorter than this are ignored (unless they are digits: a date's parts are
/// short), since "of" or "to" would match half the titles.
const WORD_MIN: usize = 3;
/// Typed words at least this long match the beginning of a word, or with a typo.
const FUZZY_MIN: usize = 4;

/// The typed text, split into the words that are worth matching.
pub(crate) struct Wanted {
    /// The whole text folded, for the whole-id comparison.
    folded: String,
    /// The folded words, in order, without repeats.
    words: Vec<String>,
}

/// How well a candidate matched: more words first, then fewer edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Score {
    /// How many typed words found no match (fewer is better, so it sorts first).
    missed: usize,
    /// Whether the words matched only with the help of a title: an id that holds the words
    /// itself is the likelier meaning of what was typed for an id.
    title_only: bool,
    /// The sum of each matched word's cost: 0 exact, 1 a word's beginning, else the edits.
    cost: usize,
}

impl Wanted {
    pub(crate) fn new(typed: &str) -> Self {
        let folded = fold(typed);
        let mut kept: Vec<String> = Vec::new();
        for word in words(&folded) {
            let digits = word.bytes().all(|byte| byte.is_ascii_digit());
            if (digits || word.chars().count() >= WORD_MIN) && !kept.iter().any(|seen| seen == word)
            {
                kept.push(word.to_owned());
            }
        }
        Self {
            folded: folded.split_whitespace().collect::<Vec<_>>().join(" "),
            words: kept,
        }
    }

    /// How `candidate` (already folded words) matches, or `None` when fewer than half of the
    /// typed words match, which is no hint at all.
    pub(crate) fn score(&self, candidate: &[&str]) -> Option<Score> {
        if self.words.is_empty() {
            return None;
        }
        let mut missed = 0;
        let mut cost = 0;
        for wanted in &self.words {
            match candidate
                .iter()
                .filter_map(|word| word_cost(wanted, word))
                .min()
            {
                Some(word_cost) => cost += word_cost,
                None => missed += 1,
            }
        }
        (missed * 2 <= self.words.len() && missed < self.words.len()).then_some(Score {
            missed,
            title_only: false,
            cost,
        })
    }

    /// The whole text compared with a whole name: a near miss of the full id is the best
    /// hint there is (`2024-01-10-alfa`).
    fn whole(&self, folded_name: &str) -> Option<Score> {
        let distance = edit_distance(&self.folded, folded_name);
        (distance <= (folded_name.chars().count() / 4).max(2)).then_some(Score {
            missed: 0,
            title_only: false,
            cost: distance,
        })
    }
}

/// The cost of matching a typed word to a candidate word, if they match at all.
fn word_cost(wanted: &str, word: &str) -> Option<usize> {
    if wanted == word {
        return Some(0);
    }
    let wanted_chars = wanted.chars().count();
    if wanted_chars < FUZZY_MIN || wanted.bytes().all(|byte| byte.is_ascii_digit()) {
        return None;
    }
    if word.starts_with(wanted) {
        return Some(1);
    }
    // One edit in a short word, two in a long one; a transposition ("orehsnik") is two.
    let allowed = if wanted_chars >= 6 { 2 } else { 1 };
    if wanted_chars.abs_diff(word.chars().count()) > allowed {
        return None;
    }
    let distance = edit_distance(wanted, word);
    (distance <= allowed).then_some(1 + distance)
}

/// The best few candidates, best first: candidates come newest first, so a stable sort keeps
/// recency as the last tie-breaker. Only candidates as good as the best in matched words are
/// kept: one that matches both typed words beats every one that matches one.
pub(crate) fn best<T>(scored: impl Iterator<Item = (Score, T)>) -> Vec<T> {
    let mut scored: Vec<(Score, T)> = scored.collect();
    scored.sort_by_key(|(score, _)| *score);
    let Some(best_missed) = scored.first().map(|(score, _)| score.missed) else {
        return Vec::new();
    };
    scored
        .into_iter()
        .take_while(|(score, _)| score.missed == best_missed)
        .take(SUGGESTIONS_MAX)
        .map(|(_, candidate)| candidate)
        .collect()
}

/// Briefing ids close to `wanted`, best first (at most [`SUGGESTIONS_MAX`]).
pub(super) fn briefing_ids<'a>(library: &'a Library, wanted: &str) -> Vec<&'a BriefingId> {
    let wanted = Wanted::new(wanted);
    best(library.briefings.iter().filter_map(|briefing| {
        let id = briefing.id.as_str();
        let folded_id = fold(id);
        let folded_title = fold(&briefing.title);
        // The date's words match only typed digits (see `word_cost`), so "2019" still helps.
        let id_words: Vec<&str> = words(&folded_id).collect();
        let candidate: Vec<&str> = words(&folded_id).chain(words(&folded_title)).collect();
        let by_words = match (wanted.score(&id_words), wanted.score(&candidate)) {
            (Some(by_id), Some(with_title)) if by_id.missed == with_title.missed => Some(by_id),
            (_, with_title) => with_title.map(|score| Score {
                title_only: true,
                ..score
            }),
        };
        let score = match (wanted.whole(&folded_id), by_words) {
            (Some(whole), Some(by_words)) => Some(whole.min(by_words)),
            (whole, by_words) => whole.or(by_words),
        }?;
        Some((score, &briefing.id))
    }))
}

/// Story names close to `wanted`, best first, in the order of their newest briefing.
fn stories<'a>(library: &'a Library, wanted: &str) -> Vec<&'a str> {
    let wanted = Wanted::new(wanted);
    best(library.stories.iter().filter_map(|(story, _)| {
        let folded = fold(story);
        let candidate: Vec<&str> = words(&folded).collect();
        let score = wanted.whole(&folded).or_else(|| wanted.score(&candidate))?;
        Some((score, story.as_str()))
    }))
}

impl Library {
    /// Story names close to a mistyped one, best first (at most three).
    pub fn suggest_story(&self, wanted: &str) -> Vec<&str> {
        stories(self, wanted)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_match_exactly_by_beginning_or_with_a_typo() {
        assert_eq!(word_cost("vassal", "vassal"), Some(0));
        assert_eq!(word_cost("vass", "vassal"), Some(1));
        assert_eq!(word_cost("vasal", "vassal"), Some(2));
        assert_eq!(word_cost("orehsnik", "oreshnik"), Some(3));
        assert_eq!(word_cost("gas", "gaz"), None, "short words match exactly");
        assert_eq!(word_cost("2019", "2018"), None, "digits match exactly");
        assert_eq!(word_cost("crimea", "russia"), None);
    }

    #[test]
    fn fewer_missed_words_beat_fewer_edits() {
        let wanted = Wanted::new("lukashenko-vasal");
        let both = wanted.score(&["lukashenko", "vassal", "warning"]);
        let one = wanted.score(&["lukashenko", "crimea"]);
        assert!(both.unwrap() < one.unwrap());
        assert_eq!(wanted.score(&["putin", "crimea"]), None);
        assert_eq!(Wanted::new("of to").score(&["of", "to"]), None);
    }
}
