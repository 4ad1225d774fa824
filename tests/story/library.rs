//! The cast and the suggestions through the library's public API.

use briefbot::library::Library;
use briefbot::load::load_dir;

fn library() -> Library {
    let loaded = load_dir(&super::shipped());
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    loaded.library
}

#[test]
fn actor_autocomplete_finds_an_alias_without_its_accents_and_says_which() {
    let library = library();
    for typed in ["lukashenka", "LUKASHÉNKA", "aliaksandr luk"] {
        let choices = library.cast().autocomplete(typed, 25);
        assert_eq!(choices[0].value, "lukashenko", "{typed}");
        assert!(
            choices[0].name.starts_with("Alexander Lukashenko (")
                && choices[0].name.ends_with(" · person"),
            "{typed}: {}",
            choices[0].name
        );
    }
    let everyone = library.cast().autocomplete("", 1000);
    assert_eq!(everyone.len(), 25, "Discord allows 25 choices");
    assert_eq!(
        everyone[0].value, "belarus",
        "the actor in most briefings first"
    );
    assert!(
        everyone
            .iter()
            .all(|choice| choice.name.chars().count() <= 100)
    );
    assert!(library.cast().autocomplete("zzzz", 25).is_empty());
}

#[test]
fn an_actor_gathers_every_briefing_quote_and_role() {
    let library = library();
    let lukashenko = library.cast().get("lukashenko").expect("lukashenko");
    assert_eq!(lukashenko.appearances().len(), 23);
    let dates: Vec<String> = lukashenko
        .quotes()
        .map(|(briefing, _)| briefing.published.date.to_string())
        .collect();
    let mut newest_first = dates.clone();
    newest_first.sort_by(|left, right| right.cmp(left));
    assert_eq!(dates, newest_first);
    assert!(dates.len() >= 6, "{dates:?}");
    let roles: Vec<&str> = lukashenko.roles().map(|role| role.role).collect();
    assert_eq!(roles[0], "President of Belarus", "oldest first");
    assert!(roles.len() >= 2, "{roles:?}");
    assert_eq!(
        library.cast().find("Lukashénka")[0].id,
        "lukashenko",
        "an alias names him, accents and case ignored"
    );
}

#[test]
fn mistyped_ids_words_and_names_get_the_right_suggestion_first() {
    let library = library();
    for (typed, expected) in [
        ("lukashenko-vasal", "2026-11-27-lukashenko-vassal-warning"),
        ("orehsnik", "2025-10-31-oreshnik-combat-duty-december"),
        (
            "crimea-precedent",
            "2014-03-23-lukashenko-crimea-bad-precedent",
        ),
        (
            "prigozin deal",
            "2023-06-24-lukashenko-brokers-prigozhin-deal",
        ),
        (
            "2019-12-07-sochi-integraton",
            "2019-12-07-sochi-integration-talks-no-deal",
        ),
    ] {
        let suggested = library.suggest(typed);
        assert_eq!(
            suggested.first().map(|id| id.as_str()),
            Some(expected),
            "{typed}: {suggested:?}"
        );
        assert!(suggested.len() <= 3);
    }
    assert!(library.suggest("nothing like it at all").is_empty());
    assert_eq!(library.suggest_story("belarus-rusia"), ["belarus-russia"]);
    let peskov: Vec<&str> = library
        .cast()
        .suggest("peskow")
        .into_iter()
        .map(|actor| actor.id.as_str())
        .collect();
    assert_eq!(peskov, ["peskov"]);
}
