//! The library through its public API: lookup, order, search, suggestions, autocomplete, and
//! the loader's promise never to panic.

use std::path::Path;

use briefbot::answer::{Command, answer};
use briefbot::library::{Library, Place};
use briefbot::load::{load_dir, parse_source};
use proptest::prelude::*;

#[path = "library/reload.rs"]
mod reload;

fn fixture_library() -> Library {
    let loaded = load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/library"));
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    loaded.library
}

fn ids(library: &Library) -> Vec<&str> {
    library
        .briefings()
        .iter()
        .map(|briefing| briefing.id.as_str())
        .collect()
}

#[test]
fn briefings_are_ordered_newest_first_and_found_by_id() {
    let library = fixture_library();
    assert_eq!(
        ids(&library),
        ["2025-05-01-beta", "2024-01-10-alpha", "2023-03-03-gamma"]
    );
    assert_eq!(
        library.get("2024-01-10-alpha").unwrap().title,
        "Alpha: a gas row between Minsk and Moscow"
    );
    assert!(library.get("2024-01-10").is_none());
    assert_eq!(library.newest(None).unwrap().id.as_str(), "2025-05-01-beta");
    assert_eq!(
        library.newest(Some("other-story")).unwrap().id.as_str(),
        "2023-03-03-gamma"
    );
    assert_eq!(library.stories(), ["belarus-russia", "other-story"]);
}

#[test]
fn search_finds_aliases_with_and_without_diacritics() {
    let library = fixture_library();
    for query in [
        "Lukashenka",
        "lukašenka",
        "LUKASENKA",
        "Aliaksandr Lukašenka",
    ] {
        let found = library.search(query, 10);
        assert_eq!(found.total, 1, "{query}");
        assert_eq!(
            found.hits[0].briefing.id.as_str(),
            "2024-01-10-alpha",
            "{query}"
        );
        assert_eq!(found.hits[0].places[0], Place::Actor(0), "{query}");
    }
    // The plain spelling finds him too, and every word must match.
    assert_eq!(library.search("lukashenko", 10).total, 1);
    assert_eq!(library.search("lukashenko peskov", 10).total, 0);
    // A word's beginning matches; short words match whole words only.
    assert_eq!(
        library.search("sovereign", 10).hits[0].briefing.id.as_str(),
        "2025-05-01-beta"
    );
    assert_eq!(library.search("ga", 10).total, 0);
    assert_eq!(library.search("   ", 10).total, 0);
}

#[test]
fn search_ranks_title_matches_above_body_matches() {
    let library = fixture_library();
    // "gas" is in alpha's title and in gamma's body only.
    let found = library.search("gas", 10);
    let order: Vec<&str> = found
        .hits
        .iter()
        .map(|hit| hit.briefing.id.as_str())
        .collect();
    assert_eq!(order, ["2024-01-10-alpha", "2023-03-03-gamma"]);
    assert_eq!(found.hits[0].places[0], Place::Title);
    assert_eq!(found.hits[1].places, [Place::Body]);
    let limited = library.search("gas", 1);
    assert_eq!((limited.total, limited.hits.len()), (2, 1));
}

#[test]
fn suggestions_catch_typos_and_fragments() {
    let library = fixture_library();
    let suggest = |wanted: &str| -> Vec<String> {
        library
            .suggest(wanted)
            .into_iter()
            .map(|id| id.to_string())
            .collect()
    };
    assert_eq!(suggest("2024-01-10-alfa"), ["2024-01-10-alpha"]);
    assert_eq!(suggest("beta"), ["2025-05-01-beta"]);
    assert!(suggest("nothing-like-it-at-all").is_empty());
}

#[test]
fn autocomplete_matches_word_beginnings_newest_first_within_discord_limits() {
    let library = fixture_library();
    let all = library.autocomplete("", 100);
    assert_eq!(all.len(), 3, "capped at the library size");
    assert_eq!(all[0].value, "2025-05-01-beta");
    assert_eq!(
        all[0].name,
        "2025-05-01 · Beta: Moscow answers on the Union State"
    );
    let gas = library.autocomplete("ALPH gas", 25);
    assert_eq!(gas.len(), 1);
    assert_eq!(gas[0].value, "2024-01-10-alpha");
    assert_eq!(
        library.autocomplete("2023", 25)[0].value,
        "2023-03-03-gamma"
    );
    assert!(library.autocomplete("zzz", 25).is_empty());
    assert!(library.autocomplete("alpha zzz", 25).is_empty());
    // Accents and case fold away; typed words may come in any order.
    assert_eq!(
        library.autocomplete("MÍNSK row", 25)[0].value,
        "2024-01-10-alpha"
    );
}

#[test]
fn story_autocomplete_matches_inside_slugs_in_the_order_of_their_newest_briefing() {
    let library = fixture_library();
    assert_eq!(
        library.autocomplete_story("", 25),
        ["belarus-russia", "other-story"]
    );
    assert_eq!(library.autocomplete_story("RUSS", 25), ["belarus-russia"]);
    assert_eq!(library.autocomplete_story("larus", 25), ["belarus-russia"]);
    assert_eq!(library.autocomplete_story("stor", 25), ["other-story"]);
    assert_eq!(library.autocomplete_story("-", 1), ["belarus-russia"]);
    assert!(library.autocomplete_story("ukraine", 25).is_empty());
}

/// `count` copies of the alpha fixture under their own ids, each with a long title and its own
/// timeline day.
fn many_briefings(count: usize) -> Library {
    let template = include_str!("fixtures/library/2024-01-10-alpha.toml");
    let long_title = "A very long title that goes on ".repeat(6);
    let briefings = (0..count).map(|number| {
        let id = format!("2024-01-10-alpha-{number}");
        let text = template
            .replace("\"2024-01-10-alpha\"", &format!("{id:?}"))
            .replace(
                "Alpha: a gas row between Minsk and Moscow",
                long_title.trim(),
            )
            .replace(
                "date = 2024-01-09",
                &format!("date = 2023-{:02}-{:02}", 1 + number / 28, 1 + number % 28),
            );
        std::sync::Arc::new(parse_source(Path::new(&format!("{id}.toml")), &text).unwrap())
    });
    Library::new(briefings)
}

#[test]
fn autocomplete_never_exceeds_25_choices_or_100_characters() {
    let library = many_briefings(40);
    let choices = library.autocomplete("alpha", 1000);
    assert_eq!(choices.len(), 25);
    assert!(
        choices
            .iter()
            .all(|choice| choice.name.chars().count() <= 100 && choice.value.len() <= 100)
    );
    assert!(choices[0].name.ends_with('…'));
}

#[test]
fn long_lists_show_the_newest_and_say_how_many_were_left_out() {
    let library = many_briefings(40);
    let list = answer(&library, &Command::Briefings { story: None });
    assert_eq!(list.fields.len(), 10);
    assert_eq!(
        list.footer.as_deref(),
        Some("Showing the newest 10 of 40. Use search to find older ones.")
    );
    // 40 distinct days plus the one day every copy shares.
    let timeline = answer(
        &library,
        &Command::Timeline {
            story: None,
            from: None,
            to: None,
        },
    );
    let lines: Vec<&str> = timeline.text.lines().collect();
    assert_eq!(lines.len(), 25);
    assert_eq!(
        timeline.footer.as_deref(),
        Some("The latest 25 of 41 events, oldest first.")
    );
    assert_eq!(lines[24], "2024-01-10 — Minsk orders a halt to transit.");
}

#[test]
fn an_empty_library_answers_with_an_error_not_a_panic() {
    let library = Library::default();
    for command in [
        Command::Summary { briefing: None },
        Command::Quote {
            briefing: None,
            all: true,
            speaker: None,
        },
        Command::Timeline {
            story: None,
            from: None,
            to: None,
        },
        Command::Briefings { story: None },
    ] {
        assert!(answer(&library, &command).is_error(), "{command:?}");
    }
}

#[test]
fn options_too_long_are_refused_with_a_clear_reply() {
    let library = fixture_library();
    let long = "x".repeat(500);
    let reply = answer(
        &library,
        &Command::Search {
            query: long.clone(),
        },
    );
    assert!(reply.is_error());
    assert_eq!(reply.title, "The query is too long");
    let reply = answer(
        &library,
        &Command::Summary {
            briefing: Some(long.clone()),
        },
    );
    assert!(reply.is_error());
    assert!(
        reply.title.chars().count() < 80,
        "the id is not echoed whole: {}",
        reply.title
    );
    let reply = answer(
        &library,
        &Command::Quote {
            briefing: None,
            all: false,
            speaker: Some(long),
        },
    );
    assert_eq!(reply.title, "The speaker is too long");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Whatever an editor (or a disk error) puts in a file, the loader answers with a briefing
    /// or with located diagnostics, and never panics.
    #[test]
    fn any_text_yields_a_briefing_or_diagnostics(text in any::<String>()) {
        match parse_source(Path::new("any.toml"), &text) {
            Ok(briefing) => prop_assert_eq!(briefing.id.as_str(), "any"),
            Err(diagnostics) => {
                prop_assert!(!diagnostics.is_empty());
                for diagnostic in diagnostics {
                    prop_assert!(diagnostic.line >= 1 && diagnostic.column >= 1);
                    prop_assert!(diagnostic.to_string().starts_with("any.toml:"));
                }
            }
        }
    }

    /// Text that looks like a briefing, mutated, never panics: a briefing or located diagnostics.
    #[test]
    fn mutated_briefings_never_panic(cut in 0usize..2000, insert in "[\\PC\"\\[\\]=\n]{0,12}") {
        let template = include_str!("fixtures/library/2024-01-10-alpha.toml");
        let mut cut = cut.min(template.len());
        while !template.is_char_boundary(cut) {
            cut -= 1;
        }
        let text = format!("{}{insert}{}", &template[..cut], &template[cut..]);
        // Whatever the mutation, a failure is reported, and located in this file.
        if let Err(diagnostics) = parse_source(Path::new("2024-01-10-alpha.toml"), &text) {
            prop_assert!(!diagnostics.is_empty());
            for diagnostic in diagnostics {
                prop_assert!(diagnostic.line >= 1 && diagnostic.column >= 1);
                prop_assert!(diagnostic.to_string().starts_with("2024-01-10-alpha.toml:"));
            }
        }
    }
}
