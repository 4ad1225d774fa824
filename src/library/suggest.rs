//! "Did you mean": the briefing ids nearest to one that was mistyped or half remembered.

use std::cmp::Reverse;
use std::sync::Arc;

use crate::briefing::{Briefing, BriefingId};
use crate::text::{edit_distance, fold, words};

/// At most this many suggestions: more is a list, not a hint.
const SUGGESTIONS_MAX: usize = 3;

/// Ids near `wanted` among `briefings` (newest first), best first.
///
/// A whole id with a typo in it means one briefing: only such near misses are offered, nearest
/// first. Otherwise the ids sharing the most words with `wanted` are offered (a word matches a
/// word of the id it begins or differs from by a letter or two), and among equals the newest
/// first, since that is the briefing a reader most likely means.
pub(super) fn suggest<'a>(briefings: &'a [Arc<Briefing>], wanted: &str) -> Vec<&'a BriefingId> {
    let typed = wanted.trim().to_lowercase();
    if typed.is_empty() {
        return Vec::new();
    }
    // Positions in `briefings` are recency ranks: a stable sort keeps the newest first.
    let mut near: Vec<(usize, usize)> = briefings
        .iter()
        .enumerate()
        .filter_map(|(position, briefing)| {
            let id = briefing.id.as_str();
            let distance = edit_distance(&typed, id);
            (distance <= (id.chars().count() / 4).max(2)).then_some((distance, position))
        })
        .collect();
    if !near.is_empty() {
        near.sort();
        return near
            .into_iter()
            .take(SUGGESTIONS_MAX)
            .map(|(_, position)| &briefings[position].id)
            .collect();
    }
    let folded = fold(&typed);
    let fragment = folded.trim();
    // One- and two-character words ("01", "of") match too much to mean anything.
    let wanted_words: Vec<&str> = words(fragment)
        .filter(|word| word.chars().count() >= 3)
        .collect();
    let mut scored: Vec<(Reverse<usize>, usize)> = briefings
        .iter()
        .enumerate()
        .filter_map(|(position, briefing)| {
            let id = fold(briefing.id.as_str());
            let id_words: Vec<&str> = words(&id).collect();
            let mut matched = wanted_words
                .iter()
                .filter(|want| id_words.iter().any(|word| word_matches(want, word)))
                .count();
            // A piece of an id ("shenko-vass") is as good a hint as its words.
            if fragment.chars().count() >= 4 && id.contains(fragment) {
                matched = matched.max(wanted_words.len().max(1));
            }
            (matched > 0).then_some((Reverse(matched), position))
        })
        .collect();
    scored.sort();
    scored
        .into_iter()
        .take(SUGGESTIONS_MAX)
        .map(|(_, position)| &briefings[position].id)
        .collect()
}

/// True when `wanted` begins `word`, or is a word of four letters or more that differs from it
/// by one letter (two from eight letters on): "lukashenka" finds "lukashenko".
fn word_matches(wanted: &str, word: &str) -> bool {
    if word.starts_with(wanted) {
        return true;
    }
    let letters = wanted.chars().count();
    let allowed = if letters >= 8 { 2 } else { 1 };
    letters >= 4
        && wanted.chars().all(char::is_alphabetic)
        && edit_distance(wanted, word) <= allowed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::Library;

    fn library(ids: &[(&str, &str)]) -> Library {
        Library::new(ids.iter().map(|(id, published)| {
            let text = include_str!("../../tests/fixtures/minimal-briefing.toml.in")
                .replace("{id}", id)
                .replace("{published}", published)
                .replace("{updated}", "");
            let path = std::path::PathBuf::from(format!("{id}.toml"));
            Arc::new(crate::briefing::parse(&path, &text).expect("the template parses"))
        }))
    }

    fn suggested(library: &Library, wanted: &str) -> Vec<String> {
        library
            .suggest(wanted)
            .into_iter()
            .map(|id| id.as_str().to_owned())
            .collect()
    }

    fn shipped_like() -> Library {
        library(&[
            (
                "2010-06-22-lukashenko-orders-gas-transit-halt",
                "2010-06-22",
            ),
            ("2014-03-23-lukashenko-crimea-bad-precedent", "2014-03-23"),
            ("2021-03-15-kremlin-brothers-not-friends", "2021-03-15"),
            ("2023-06-24-lukashenko-brokers-prigozhin-deal", "2023-06-24"),
            ("2026-11-27-lukashenko-vassal-warning", "2026-11-27"),
        ])
    }

    #[test]
    fn a_word_finds_its_briefings_newest_first() {
        assert_eq!(
            suggested(&shipped_like(), "lukashenko"),
            [
                "2026-11-27-lukashenko-vassal-warning",
                "2023-06-24-lukashenko-brokers-prigozhin-deal",
                "2014-03-23-lukashenko-crimea-bad-precedent",
            ]
        );
    }

    #[test]
    fn more_words_matched_rank_above_recency() {
        assert_eq!(
            suggested(&shipped_like(), "lukashenka gas"),
            [
                "2010-06-22-lukashenko-orders-gas-transit-halt",
                "2026-11-27-lukashenko-vassal-warning",
                "2023-06-24-lukashenko-brokers-prigozhin-deal",
            ]
        );
        assert_eq!(
            suggested(&shipped_like(), "Kremlin brother"),
            ["2021-03-15-kremlin-brothers-not-friends"]
        );
    }

    #[test]
    fn a_typo_in_a_whole_id_suggests_that_id_alone() {
        assert_eq!(
            suggested(&shipped_like(), "2026-11-27-lukashenko-vasal-warning"),
            ["2026-11-27-lukashenko-vassal-warning"]
        );
    }

    #[test]
    fn short_words_and_unrelated_text_suggest_nothing() {
        let library = shipped_like();
        assert!(suggested(&library, "03").is_empty());
        assert!(suggested(&library, "oreshnik").is_empty());
        assert!(suggested(&library, "   ").is_empty());
    }

    #[test]
    fn a_fragment_of_an_id_is_a_hint() {
        assert_eq!(
            suggested(&shipped_like(), "henko-vass"),
            ["2026-11-27-lukashenko-vassal-warning"]
        );
    }
}
