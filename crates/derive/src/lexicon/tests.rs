//! Every list checked: a header, folded (unless written as in text), sorted, no duplicates,
//! and no word on two lists that contradict each other.

use std::collections::BTreeSet;

use super::lists::{FILES, PAIR_FILES, parse};
use super::*;

fn is_folded(entry: &str) -> bool {
    briefbot_text::fold_words(entry) == entry
}

#[test]
fn every_list_has_a_header_and_is_folded_sorted_and_without_duplicates() {
    for (file, text) in FILES.iter().chain(PAIR_FILES) {
        assert!(text.starts_with("# "), "{file} opens with what it is for");
        let as_written = text
            .lines()
            .take_while(|line| line.starts_with('#'))
            .any(|line| line.trim() == "# form: as written");
        let entries = parse(text);
        assert!(!entries.is_empty(), "{file} is empty");
        let keys: Vec<&str> = entries
            .iter()
            .map(|entry| {
                entry
                    .split(' ')
                    .next()
                    .filter(|_| PAIR_FILES.iter().any(|(name, _)| name == file))
                    .unwrap_or(entry)
            })
            .collect();
        for pair in keys.windows(2) {
            assert!(
                pair[0] < pair[1],
                "{file}: {:?} then {:?}: unsorted or doubled",
                pair[0],
                pair[1]
            );
        }
        if !as_written {
            for entry in &entries {
                for word in entry.split(' ') {
                    assert!(
                        is_folded(word) && !word.is_empty(),
                        "{file}: {entry:?} is not folded"
                    );
                }
            }
        }
    }
}

#[test]
fn the_story_and_the_descriptors_parse_and_are_folded() {
    assert!(STATES.len() >= 10 && ORGANISATIONS.len() >= 10);
    for state in STATES.iter() {
        assert_eq!(state.key, briefbot_text::fold_words(&state.name));
        for name in state
            .names
            .iter()
            .chain(&state.demonyms)
            .chain(&state.capitals)
        {
            assert!(is_folded(name), "{}: {name:?} is not folded", state.name);
        }
        assert!(
            state.names.contains(&state.key),
            "{} is named by its own name",
            state.name
        );
    }
    for organisation in ORGANISATIONS.iter() {
        for name in &organisation.names {
            assert!(
                is_folded(name),
                "{}: {name:?} is not folded",
                organisation.name
            );
        }
        assert!(
            organisation.state.is_empty()
                || STATES.iter().any(|state| state.key == organisation.state),
            "{}: no state {:?}",
            organisation.name,
            organisation.state
        );
    }
    let surnames = &story::PROMINENT_SURNAMES;
    assert!(
        surnames.windows(2).all(|pair| pair[0] < pair[1]),
        "prominent_surnames sorted"
    );
    assert!(!story::DESCRIPTORS.is_empty());
    for (noun, offices) in story::DESCRIPTORS.iter() {
        assert!(is_folded(noun) && !offices.is_empty(), "{noun}");
    }
    assert_eq!(description_offices("spokesman")[0], "spokesman");
    assert!(description_offices("banana").is_empty());
}

/// Names of things of different kinds: a name is one kind of thing, so no entry may be on two.
fn kinds_of_names() -> Vec<(&'static str, BTreeSet<String>)> {
    let owned = |list: &[&str]| list.iter().map(|word| (*word).to_owned()).collect();
    vec![
        ("outlets.txt", owned(&OUTLETS)),
        ("places.txt", owned(&PLACES)),
        (
            "capitals (story.toml)",
            CAPITALS
                .iter()
                .map(|(city, _)| (*city).to_owned())
                .collect(),
        ),
        (
            "states' names (story.toml)",
            STATES
                .iter()
                .flat_map(|state| state.names.iter().cloned())
                .collect(),
        ),
        (
            "organisations' names (story.toml)",
            ORGANISATIONS
                .iter()
                .flat_map(|organisation| organisation.names.iter().cloned())
                .collect(),
        ),
        ("given-names.txt", owned(&GIVEN_NAMES)),
        (
            "prominent_surnames (story.toml)",
            owned(&story::PROMINENT_SURNAMES),
        ),
        ("common-words.txt", owned(&COMMON_WORDS)),
    ]
}

#[test]
fn no_entry_is_on_two_lists_that_contradict() {
    let kinds = kinds_of_names();
    for (index, (left_name, left)) in kinds.iter().enumerate() {
        for (right_name, right) in &kinds[index + 1..] {
            let both: Vec<&String> = left.intersection(right).collect();
            assert!(both.is_empty(), "on {left_name} and {right_name}: {both:?}");
        }
    }
    // Lists that refine another must stay inside it.
    for (narrow, wide, narrow_name, wide_name) in [
        (
            &HONORIFICS,
            &TITLE_WORDS,
            "honorifics.txt",
            "title-words.txt",
        ),
        (
            &ADJECTIVAL_NOUNS,
            &ROLE_NOUNS,
            "adjectival-nouns.txt",
            "role-nouns.txt",
        ),
    ] {
        for word in narrow.iter() {
            assert!(
                wide.contains(word),
                "{word:?} is on {narrow_name} but not on {wide_name}"
            );
        }
    }
}

#[test]
fn lookups_answer_from_the_lists() {
    assert!(is_speech_verb("said") && is_speech_verb("saying") && !is_speech_verb("Said"));
    assert!(is_abbreviation("Mr") && !is_abbreviation("mr"));
    assert_eq!(singular_voice("diplomat"), Some("diplomats"));
    assert_eq!(irregular_base("said"), Some("say"));
    assert_eq!(irregular_base("walked"), None);
    assert!(entry("tass").has(bit::OUTLET));
    assert_eq!(STATES[state_named("belarus").unwrap()].name, "Belarus");
    assert_eq!(state_of_word("belarusian"), state_named("belarus"));
    assert!(state_named("belarusian").is_none());
    assert_eq!(
        ORGANISATIONS[organisation_named("wagner pmc").unwrap()].name,
        "Wagner"
    );
    assert!(entry("minsk").has(bit::CAPITAL));
}
