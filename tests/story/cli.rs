//! `briefbot ask actor`, `ask quote --speaker`, suggestions and `ask timeline --png` as a user
//! runs them.

use std::path::Path;
use std::process::{Command, Output};

use super::{decode_png, shipped};

fn briefbot(args: &[&str], briefings: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_briefbot"))
        .args(args)
        .arg("--briefings")
        .arg(briefings)
        .env_remove("BRIEFBOT_BRIEFINGS")
        .env_remove("BRIEFBOT_CONFIG")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("briefbot runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Where each of `parts` first occurs in `text`, failing when one is missing.
fn positions(text: &str, parts: &[&str]) -> Vec<usize> {
    parts
        .iter()
        .map(|part| {
            text.find(part)
                .unwrap_or_else(|| panic!("{part:?} is missing from:\n{text}"))
        })
        .collect()
}

#[test]
fn ask_actor_lukashenko_lists_his_quotes_newest_first_and_his_roles_over_time() {
    let output = briefbot(&["ask", "actor", "lukashenko"], &shipped());
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let printed = stdout(&output);
    assert!(printed.starts_with("Alexander Lukashenko\n====================\nAlexander Lukashenko (person)\nAlso written: Lukashenka, Aliaksandr Lukashenka, Alyaksandr Lukashenka, Aleksandr Lukashenko\nIn 23 briefings, 1997-05-24 to 2026-11-27 · 32 quotes.\n"), "{printed}");
    assert!(
        printed.contains("Roles over time\n  President of Belarus — 1997-05-24, 2002-08-21, 2006-04-14, 2007-01-05 and 9 more, to 2026-11-27\n"),
        "{printed}"
    );
    // Quotes from several briefings, each with its date and briefing, newest first.
    let order = positions(
        &printed,
        &[
            "2026-11-27 · 2026-11-27-lukashenko-vassal-warning (key quote)\n  “We will not become a vassal state",
            "2025-10-31 · 2025-10-31-oreshnik-combat-duty-december (key quote)",
            "2022-03-04 · 2022-03-04-belarus-drops-non-nuclear-status (key quote)",
            "2014-03-23 · 2014-03-23-lukashenko-crimea-bad-precedent (key quote)",
            "2010-06-22 · 2010-06-22-lukashenko-orders-gas-transit-halt (key quote)",
            "Briefings, newest first\n  2026-11-27 · ",
        ],
    );
    assert!(order.windows(2).all(|pair| pair[0] < pair[1]), "{printed}");
}

#[test]
fn ask_actor_finds_an_alias_and_suggests_for_an_unknown_name() {
    let by_alias = briefbot(&["ask", "actor", "Lukashénka"], &shipped());
    assert_eq!(by_alias.status.code(), Some(0));
    assert!(stdout(&by_alias).starts_with("Alexander Lukashenko\n"));

    let unknown = briefbot(&["ask", "actor", "peskow"], &shipped());
    assert_eq!(unknown.status.code(), Some(1));
    assert!(stdout(&unknown).is_empty());
    assert_eq!(
        stderr(&unknown),
        "error: No actor “peskow”\n========================\nDid you mean `peskov` (Dmitry Peskov)?\n"
    );
    let too_long = briefbot(&["ask", "actor", &"x".repeat(101)], &shipped());
    assert_eq!(too_long.status.code(), Some(1));
    assert!(stderr(&too_long).starts_with("error: The name is too long"));
}

#[test]
fn ask_quote_speaker_without_a_briefing_searches_the_whole_story() {
    let output = briefbot(&["ask", "quote", "--speaker", "peskov"], &shipped());
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let printed = stdout(&output);
    assert!(
        printed.starts_with("Quotes by Dmitry Peskov\n=======================\n7 quotes across the story, newest first.\n"),
        "{printed}"
    );
    assert!(printed.contains("2021-03-15 · 2021-03-15-kremlin-brothers-not-friends · Dmitry Peskov, Kremlin spokesman (key quote)\n  “And we are brothers rather than friends,”\n"), "{printed}");
    let order = positions(
        &printed,
        &[
            "2023-02-16 · 2023-02-16-putin-lukashenko-meeting-prepared · Dmitry Peskov",
            "2021-03-15 · 2021-03-15-kremlin-brothers-not-friends",
            "2007-01-05 · 2007-01-05-oil-transit-duty-row-supplies-to-continue",
        ],
    );
    assert!(order.windows(2).all(|pair| pair[0] < pair[1]), "{printed}");

    // With a briefing it stays in that briefing, as before.
    let newest = briefbot(
        &[
            "ask",
            "quote",
            "--speaker",
            "peskov",
            "--briefing",
            "2026-11-27-lukashenko-vassal-warning",
        ],
        &shipped(),
    );
    assert_eq!(newest.status.code(), Some(1));
    assert!(stderr(&newest).starts_with("error: No quote by “peskov”"));

    let never_quoted = briefbot(&["ask", "quote", "--speaker", "gazprom"], &shipped());
    assert_eq!(never_quoted.status.code(), Some(1));
    assert!(
        stderr(&never_quoted).contains("Gazprom is named in 2 briefings but never quoted."),
        "{}",
        stderr(&never_quoted)
    );
}

#[test]
fn misspelt_partial_ids_and_title_words_get_the_right_suggestion() {
    for (typed, expected) in [
        ("lukashenko-vasal", "2026-11-27-lukashenko-vassal-warning"),
        ("orehsnik", "2025-10-31-oreshnik-combat-duty-december"),
        (
            "crimea-precedent",
            "2014-03-23-lukashenko-crimea-bad-precedent",
        ),
    ] {
        let output = briefbot(&["ask", "summary", "--briefing", typed], &shipped());
        assert_eq!(output.status.code(), Some(1), "{typed}");
        let printed = stderr(&output);
        assert!(
            printed.contains(&format!("Did you mean `{expected}`")),
            "{typed}: {printed}"
        );
    }
    let story = briefbot(&["ask", "timeline", "--story", "belarus-rusia"], &shipped());
    assert!(stderr(&story).contains("Did you mean `belarus-russia`?"));
}

#[test]
fn ask_timeline_png_writes_a_picture_that_changes_when_an_event_is_added() {
    let briefings = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(shipped()).unwrap() {
        let path = entry.unwrap().path();
        if path
            .extension()
            .is_some_and(|extension| extension == "toml")
        {
            std::fs::copy(&path, briefings.path().join(path.file_name().unwrap())).unwrap();
        }
    }
    let out = tempfile::tempdir().unwrap();
    let first = out.path().join("first.png");
    let output = briefbot(
        &["ask", "timeline", "--png", first.to_str().unwrap()],
        briefings.path(),
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stdout(&output).starts_with("Timeline — belarus-russia\n"));
    let before = std::fs::read(&first).unwrap();
    let (width, height, _) = decode_png(&before);
    assert_eq!(width, 1200, "readable at Discord's preview width");
    assert!((800..4000).contains(&height), "{height}");

    let file = briefings
        .path()
        .join("2026-11-27-lukashenko-vassal-warning.toml");
    let mut text = std::fs::read_to_string(&file).unwrap();
    text.push_str(
        "\n[[timeline]]\ndate = 2026-11-28\ntext = \"Moscow answers the vassal-state remark.\"\n",
    );
    std::fs::write(&file, text).unwrap();
    let second = out.path().join("second.png");
    let output = briefbot(
        &["ask", "timeline", "--png", second.to_str().unwrap()],
        briefings.path(),
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let after = std::fs::read(&second).unwrap();
    let (width_after, height_after, _) = decode_png(&after);
    assert_eq!(width_after, 1200);
    assert!(
        height_after > height,
        "one more row: {height} → {height_after}"
    );
    assert_ne!(before, after);
}

#[test]
fn ask_timeline_png_into_a_missing_folder_is_a_clear_error() {
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("no-such-folder").join("timeline.png");
    let output = briefbot(
        &["ask", "timeline", "--png", target.to_str().unwrap()],
        &shipped(),
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).starts_with(&format!(
            "briefbot: cannot write the picture to {}",
            target.display()
        )),
        "{}",
        stderr(&output)
    );
    assert!(!target.exists());
}

#[test]
fn ask_timeline_json_carries_what_the_picture_shows() {
    let output = briefbot(&["ask", "timeline", "--json"], &shipped());
    assert_eq!(output.status.code(), Some(0));
    let reply: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let picture = &reply["picture"];
    assert_eq!(picture["kind"], "timeline");
    // The picture labels at most 24 events; the years count every event of the story.
    assert_eq!(picture["events"].as_array().unwrap().len(), 24);
    let counted: u64 = picture["years"]
        .as_array()
        .unwrap()
        .iter()
        .map(|year| year["events"].as_u64().unwrap())
        .sum();
    assert_eq!(counted, 40);
    assert_eq!(
        picture["years"][0],
        serde_json::json!({ "year": 1997, "events": 1 })
    );
    assert_eq!(picture["events"][0]["date"], "1997-05-23");
}

#[test]
fn ask_timeline_from_to_keeps_only_the_events_of_that_period_in_text_and_picture() {
    let output = briefbot(
        &["ask", "timeline", "--from", "2014", "--to", "2015"],
        &shipped(),
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let printed = stdout(&output);
    assert!(
        printed.starts_with("Timeline — belarus-russia, 2014 to 2015\n"),
        "{printed}"
    );
    let dates: Vec<&str> = printed
        .lines()
        .filter_map(|line| line.split_once(" — "))
        .map(|(date, _)| date)
        .filter(|date| date.len() == 10 && date.starts_with(['1', '2']))
        .collect();
    assert_eq!(dates, ["2014-03-23", "2014-07-17"], "{printed}");
    assert!(
        printed.ends_with("— 2 events, oldest first.\n"),
        "{printed}"
    );

    // Days as ends, and the picture drawn from the same events.
    let json = briefbot(
        &[
            "ask",
            "timeline",
            "--from",
            "2022-02-24",
            "--to",
            "2022-02-27",
            "--json",
        ],
        &shipped(),
    );
    assert_eq!(json.status.code(), Some(0), "{}", stderr(&json));
    let reply: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(
        reply["title"],
        "Timeline — belarus-russia, 2022-02-24 to 2022-02-27"
    );
    let picture = &reply["picture"];
    assert_eq!(picture["title"], reply["title"]);
    let drawn: Vec<&str> = picture["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|event| event["date"].as_str().unwrap())
        .collect();
    assert_eq!(drawn, ["2022-02-24", "2022-02-26", "2022-02-27"]);
    assert_eq!(
        picture["years"],
        serde_json::json!([{ "year": 2022, "events": 3 }])
    );
}

#[test]
fn ask_timeline_refuses_an_unreadable_or_reversed_period_and_says_when_it_is_empty() {
    let reversed = briefbot(
        &["ask", "timeline", "--from", "2020", "--to", "2014"],
        &shipped(),
    );
    assert_eq!(reversed.status.code(), Some(1));
    assert!(stdout(&reversed).is_empty());
    assert_eq!(
        stderr(&reversed),
        "error: The period ends before it starts\n=======================================\n`from` 2020 is after `to` 2014: swap them.\n"
    );
    let unreadable = briefbot(&["ask", "timeline", "--to", "2020-02-30"], &shipped());
    assert_eq!(unreadable.status.code(), Some(1));
    assert!(
        stderr(&unreadable).starts_with(
            "error: `to` is not a year or a day\n==================================\n“2020-02-30” is neither: write a year (2014) or a day (2014-03-23).\n"
        ),
        "{}",
        stderr(&unreadable)
    );
    let empty = briefbot(&["ask", "timeline", "--from", "2030"], &shipped());
    assert_eq!(empty.status.code(), Some(0));
    assert!(
        stdout(&empty).contains(
            "No dated events from 2030 on: the story's events run from 1997-05-23 to 2026-11-27."
        ),
        "{}",
        stdout(&empty)
    );
}
