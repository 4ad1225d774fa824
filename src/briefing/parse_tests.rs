//! The parser's own tests: a minimal briefing, problems reported together and located.

use super::*;

const GOOD: &str = r#"
schema = 1
id = "good"
story = "belarus-russia"
title = "A title"
published = 2026-11-27

[summary]
tldr = "Short."
body = "Longer."

[[quotes]]
text = "We will not."
speaker = "lukashenko"
key = true

[[actors]]
id = "lukashenko"
name = "Alexander Lukashenko"
kind = "person"
role = "President of Belarus"

[[sources]]
title = "An article"
url = "https://example.com/a"
"#;

fn check(source: &str) -> Vec<String> {
    match parse(Path::new("good.toml"), source) {
        Ok(_) => Vec::new(),
        Err(diagnostics) => diagnostics.iter().map(Diagnostic::headline).collect(),
    }
}

#[test]
fn a_minimal_briefing_parses() {
    let briefing = parse(Path::new("good.toml"), GOOD).unwrap();
    assert_eq!(briefing.id.as_str(), "good");
    assert_eq!(briefing.key_quote().unwrap().text, "We will not.");
    assert_eq!(
        briefing.speaker_name(&briefing.quotes[0]),
        Some("Alexander Lukashenko")
    );
}

#[test]
fn several_problems_are_reported_together() {
    let source = GOOD
        .replace("title = \"A title\"", "title = \"\"")
        .replace("speaker = \"lukashenko\"", "speaker = \"lukashenka\"")
        .replace("https://example.com/a", "not a url");
    let found = check(&source);
    assert_eq!(found.len(), 3, "{found:#?}");
    assert!(
        found[0].starts_with("good.toml:5:9: error: `title` is empty"),
        "{found:#?}"
    );
    assert!(
        found[1].contains("speaker \"lukashenka\" is not an actor"),
        "{found:#?}"
    );
    assert!(
        found[1].contains("did you mean \"lukashenko\""),
        "{found:#?}"
    );
    assert!(found[2].contains("not a valid URL"), "{found:#?}");
}

#[test]
fn unknown_fields_are_rejected_with_their_position() {
    let found = check(&GOOD.replacen("title = ", "titel = ", 1));
    assert_eq!(found.len(), 1);
    assert!(
        found[0].starts_with("good.toml:5:1: error: unknown field `titel`"),
        "{found:#?}"
    );
}

#[test]
fn a_second_key_quote_is_an_error() {
    let source = format!("{GOOD}\n[[quotes]]\ntext = \"Another.\"\nkey = true\n");
    let found = check(&source);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0].contains("2 quotes are marked `key = true`"));
}

#[test]
fn closest_finds_typos_only() {
    let ids = ["lukashenko", "putin"];
    assert_eq!(closest("lukashenka", ids.into_iter()), Some("lukashenko"));
    assert_eq!(closest("merkel", ids.into_iter()), None);
}

#[test]
fn the_fast_read_without_spans_gives_the_same_briefing() {
    let path = Path::new("good.toml");
    let fast = parse_with(path, GOOD, Spans::Skipped).unwrap();
    assert_eq!(fast, parse_with(path, GOOD, Spans::Kept).unwrap());
    assert_eq!(fast, parse(path, GOOD).unwrap());
    // Without spans a problem has no place; `parse` reads the file again for one.
    let bad = GOOD.replace("title = \"A title\"", "title = \"  \"");
    let unplaced = parse_with(path, &bad, Spans::Skipped).unwrap_err();
    assert!(
        unplaced[0].headline().starts_with("good.toml:1:1:"),
        "{}",
        unplaced[0]
    );
    let placed = parse(path, &bad).unwrap_err();
    assert!(
        placed[0].headline().starts_with("good.toml:5:9:"),
        "{}",
        placed[0]
    );
}
