//! The briefings the repository ships, as `check` and `ask` see them.

use std::path::Path;

use super::{briefbot, copy_dir, stderr, stdout};

const SEED: &str = "2026-11-27-lukashenko-vassal-warning";
const SEED_QUOTE: &str = "We will not become a vassal state, even for our closest partner.";

#[test]
fn shipped_briefings_pass_check() {
    let output = briefbot(&["check", "briefings"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert_eq!(
        stdout(&output),
        "checked 25 files in briefings: 25 valid, 0 invalid (0 errors, 0 warnings)\n"
    );
}

/// The seed's article ships in `briefings/sources/`, so this runs on a clone alone; the other
/// briefings are checked against their articles, which live outside the repo, by `.ci/run`.
#[test]
fn a_quote_altered_by_one_character_fails_check_sources_and_its_briefing_is_invalid() {
    let temp = tempfile::tempdir().unwrap();
    copy_dir(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("briefings")
            .as_path(),
        temp.path(),
    );
    let path = temp.path().join(format!("{SEED}.toml"));
    let source = std::fs::read_to_string(&path).unwrap();
    let altered = source.replacen(SEED_QUOTE, &SEED_QUOTE.replace("vassal", "vasal"), 1);
    assert_ne!(source, altered, "the seed quote moved");
    std::fs::write(&path, altered).unwrap();
    let sources = tempfile::tempdir().unwrap();
    let dir = temp.path().to_str().unwrap();
    let output = briefbot(&["check", dir, "--sources", sources.path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
    let printed = stdout(&output);
    let expected = format!("{dir}/{SEED}.toml:");
    let line = printed
        .lines()
        .find(|line| line.starts_with(&expected) && line.contains(": error: "))
        .expect(&printed);
    assert!(
        line.contains(": error: quote #1 does not appear verbatim in"),
        "{line}"
    );
    assert!(
        printed.contains("We will not become a vasal state"),
        "the snippet shows the quote: {printed}"
    );
    // The others without an article text are warnings; the seed is no longer valid.
    assert!(
        printed.ends_with(&format!(
            "checked 25 files in {dir}: 24 valid, 1 invalid (1 error, 24 warnings)\n"
        )),
        "{printed}"
    );
}

#[test]
fn the_seed_briefing_has_every_field() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("briefings/{SEED}.toml"));
    let text = std::fs::read_to_string(&path).unwrap();
    let briefing = briefbot::briefing::parse(&path, &text).expect("the seed parses");
    assert_eq!(briefing.story, "belarus-russia");
    assert_eq!(briefing.published.to_string(), "2026-11-27");
    assert!(!briefing.tags.is_empty());
    assert!(briefing.summary.why_it_matters.is_some());
    assert_eq!(
        briefing.key_quote().map(|quote| quote.text.as_str()),
        Some(SEED_QUOTE)
    );
    assert!(
        briefing
            .quotes
            .iter()
            .all(|quote| quote.speaker.is_some() && quote.context.is_some())
    );
    let names: Vec<&str> = briefing
        .actors
        .iter()
        .map(|actor| actor.name.as_str())
        .collect();
    for named in [
        "Alexander Lukashenko",
        "Vladimir Putin",
        "Kremlin",
        "Union State",
        "Analysts",
        "Experts",
        "Russian political commentators",
    ] {
        assert!(names.contains(&named), "{named} missing from {names:?}");
    }
    assert!(briefing.actors.iter().any(|actor| actor.position.is_some()));
    assert!(
        briefing.questions.len() >= 2
            && briefing
                .questions
                .iter()
                .all(|question| question.context.is_some())
    );
    let source = &briefing.sources[0];
    assert!(source.outlet.is_none() && source.url.is_none() && source.published.is_none());
    assert!(
        source
            .note
            .as_deref()
            .is_some_and(|note| note.contains("unknown"))
    );
    assert!(!briefing.timeline.is_empty());
    // The seed article's text ships beside its briefing.
    let kept = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("briefings/sources/{SEED}.txt")),
    )
    .unwrap();
    assert!(kept.contains(SEED_QUOTE));
}

#[test]
fn ask_on_the_shipped_briefings_prints_what_a_member_expects() {
    let ask = |args: &[&str]| {
        let mut all = vec!["ask"];
        all.extend_from_slice(args);
        let output = briefbot(&all);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{args:?}: {}",
            stderr(&output)
        );
        assert!(stderr(&output).is_empty(), "{args:?}: {}", stderr(&output));
        stdout(&output)
    };
    let summary = ask(&["summary"]);
    assert!(
        summary.starts_with("Lukashenko warns Belarus will not become a \"vassal state\"\n"),
        "{summary}"
    );
    assert!(summary.contains(&format!(
        "Key quote\n  “{SEED_QUOTE}”\n  — Alexander Lukashenko, President of Belarus\n"
    )));
    assert!(summary.contains(&format!("— {SEED} · 2026-11-27\n")));

    let quote = ask(&["quote"]);
    assert!(
        quote.contains(&format!(
            "“{SEED_QUOTE}”\n— Alexander Lukashenko, President of Belarus\n"
        )),
        "{quote}"
    );

    let all = ask(&[
        "quote",
        "--all",
        "--briefing",
        "2010-06-22-lukashenko-orders-gas-transit-halt",
    ]);
    assert!(all.contains("5 quotes"), "{all}");
    assert!(
        all.contains("“Gazprom owes us, not we owes Gazprom.”"),
        "{all}"
    );

    let actors = ask(&["actors"]);
    for name in [
        "Alexander Lukashenko (person)",
        "Kremlin (organisation)",
        "Russian political commentators (group)",
    ] {
        assert!(actors.contains(name), "{name}: {actors}");
    }
    let filtered = ask(&["actors", "lukashenka"]);
    assert!(
        filtered.contains("1 actor\n") && filtered.contains("Alexander Lukashenko (person)"),
        "{filtered}"
    );

    let questions = ask(&["questions"]);
    assert!(
        questions.contains("How will the Kremlin respond?\n"),
        "{questions}"
    );

    let list = ask(&["briefings"]);
    assert!(
        list.contains("25 briefings, newest first (all stories)."),
        "{list}"
    );
    let newest = list.find(SEED).unwrap();
    let tenth = list
        .find("id: 2021-03-15-kremlin-brothers-not-friends")
        .unwrap();
    assert!(newest < tenth, "newest first: {list}");
    assert!(
        list.ends_with("— Showing the newest 10 of 25. Use search to find older ones.\n"),
        "{list}"
    );
    let oldest = ask(&["search", "yeltsin"]);
    assert!(
        oldest.contains("id: 1997-05-24-yeltsin-lukashenko-initial-union-charter"),
        "the oldest briefing is found by search: {oldest}"
    );

    let timeline = ask(&["timeline"]);
    assert!(
        timeline.contains("— The latest 25 of 40 events, oldest first."),
        "{timeline}"
    );
    let lines: Vec<&str> = timeline
        .lines()
        .filter(|line| line.len() > 10 && line.as_bytes()[4] == b'-')
        .collect();
    let mut sorted = lines.clone();
    sorted.sort();
    assert_eq!(lines, sorted, "date order");

    let search = ask(&["search", "PRIGOZHÍN"]);
    assert!(
        search.contains("id: 2023-06-24-lukashenko-brokers-prigozhin-deal"),
        "{search}"
    );
    let search = ask(&["search", "lukashenka", "oreshnik"]);
    assert!(search.contains("1 briefing matches."), "{search}");

    let sources = ask(&[
        "sources",
        "--briefing",
        "2021-03-15-kremlin-brothers-not-friends",
    ]);
    assert!(
        sources.contains("Russia Business Today, first published by TASS"),
        "{sources}"
    );
    assert!(sources.contains("https://russiabusinesstoday.com/politics/kremlin-russia-belarus-are-not-just-friends-they-are-brothers/"));
}

/// Issue 13, item 8: a word of the id finds the briefings with that word, newest first.
#[test]
fn suggestions_rank_word_matches_first_then_the_newest() {
    let output = briefbot(&["ask", "summary", "--briefing", "lukashenko"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stderr(&output),
        "error: No briefing “lukashenko”\n===============================\n\
         Did you mean `2026-11-27-lukashenko-vassal-warning`, `2023-06-24-lukashenko-brokers-prigozhin-deal` or `2023-02-16-putin-lukashenko-meeting-prepared`?\n"
    );
    let output = briefbot(&[
        "ask",
        "summary",
        "--briefing",
        "2026-11-27-lukashenko-vasal-warning",
    ]);
    assert!(
        stderr(&output).ends_with("Did you mean `2026-11-27-lukashenko-vassal-warning`?\n"),
        "{}",
        stderr(&output)
    );
}
