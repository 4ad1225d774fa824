//! The `briefbot` binary as a user runs it: `check` and `ask`, output and exit codes.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn briefbot(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_briefbot"))
        .args(args)
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

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Copies a fixture folder into a temporary one, so a test can add files to it.
fn copy_fixture(name: &str) -> tempfile::TempDir {
    let temp = tempfile::tempdir().expect("temp dir");
    copy_dir(&fixture(name), temp.path());
    temp
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every fault the loader must report, one file each, with the position and the start of the
/// message the editor sees.
const BROKEN: &[(&str, &str)] = &[
    ("bad-url.toml:13:7", "`sources #1: url` is not a valid URL"),
    (
        "control-character.toml:4:9",
        "`title` contains the invisible character U+0007",
    ),
    (
        "duplicate-actor.toml:18:6",
        "actor id \"lukashenko\" is used twice",
    ),
    ("empty-string.toml:4:9", "`title` is empty"),
    (
        "id-mismatch.toml:2:6",
        "`id` \"not-the-stem\" differs from the file name \"id-mismatch\"",
    ),
    ("missing-title.toml:1:1", "missing field `title`"),
    ("nested/good.toml:2:6", "the id \"good\" is also used by"),
    (
        "no-key-quote.toml:11:1",
        "no quote is marked as the key quote",
    ),
    (
        "not-a-slug.toml:2:6",
        "`id` \"Not_A_Slug\" is not a lowercase slug",
    ),
    ("syntax.toml:4:17", "invalid basic string"),
    (
        "too-long.toml:4:9",
        "`title` is 250 characters long; the limit is 200",
    ),
    (
        "two-key-quotes.toml:17:7",
        "2 quotes are marked `key = true`",
    ),
    ("unknown-field.toml:6:1", "unknown field `titel`"),
    (
        "unknown-speaker.toml:13:11",
        "speaker \"lukashenka\" is not an actor of this briefing",
    ),
    (
        "updated-before-published.toml:6:11",
        "`updated` (2024-12-31) is before `published` (2025-01-01)",
    ),
    // Made at run time below: they cannot live in git.
    (
        "invalid-utf8.toml:2:7",
        "the file is not valid UTF-8 (byte 17)",
    ),
    ("empty.toml:1:1", "the file is empty"),
    (
        "huge.toml:1:1",
        "the file has 52428800 bytes; a briefing may have at most 1048576",
    ),
    (
        "dangling.toml:1:1",
        "cannot read: No such file or directory",
    ),
    ("loop.toml:1:1", "cannot read:"),
    ("fifo.toml:1:1", "is not a regular file"),
];

/// A copy of the broken fixture plus the faults that cannot be committed.
fn broken_folder() -> tempfile::TempDir {
    let temp = copy_fixture("broken");
    let dir = temp.path();
    std::fs::write(
        dir.join("invalid-utf8.toml"),
        b"schema = 1\nid = \"\xff\xfe\"\n",
    )
    .unwrap();
    std::fs::write(dir.join("empty.toml"), b"").unwrap();
    // Sparse: fifty megabytes that take no disk and must never be read.
    let huge = std::fs::File::create(dir.join("huge.toml")).unwrap();
    huge.set_len(50 * 1024 * 1024).unwrap();
    std::os::unix::fs::symlink(dir.join("nowhere.toml"), dir.join("dangling.toml")).unwrap();
    std::os::unix::fs::symlink(dir.join("loop.toml"), dir.join("loop.toml")).unwrap();
    // A folder link back up the tree must not be walked forever.
    std::os::unix::fs::symlink(dir, dir.join("nested/up")).unwrap();
    let status = Command::new("mkfifo")
        .arg(dir.join("fifo.toml"))
        .status()
        .expect("mkfifo runs");
    assert!(status.success());
    temp
}

#[test]
fn check_reports_every_fault_with_its_position_and_exits_1() {
    let temp = broken_folder();
    let dir = temp.path().to_str().unwrap();
    let output = briefbot(&["check", dir]);
    let printed = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "{printed}");
    for (place, message) in BROKEN {
        let expected = format!("{dir}/{place}: error: {message}");
        assert!(
            printed.lines().any(|line| line.starts_with(&expected)),
            "missing diagnostic {expected:?} in:\n{printed}"
        );
    }
    let headlines = printed
        .lines()
        .filter(|line| line.contains(": error: "))
        .count();
    assert_eq!(headlines, BROKEN.len(), "{printed}");
    // Each diagnostic carries a snippet with a caret under the fault.
    assert!(
        printed.contains("4 | title = \"\"\n  |         ^^"),
        "{printed}"
    );
    assert!(
        printed.ends_with("2 briefings valid, 21 errors, 0 warnings\n"),
        "{printed}"
    );
}

#[test]
fn ask_answers_from_the_good_files_beside_broken_ones() {
    let temp = broken_folder();
    let dir = temp.path().to_str().unwrap();
    let output = briefbot(&["ask", "briefings", "--briefings", dir]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let printed = stdout(&output);
    assert!(printed.contains("2 briefings, newest first"), "{printed}");
    assert!(
        printed.contains("id: good\n") && printed.contains("id: also-good\n"),
        "{printed}"
    );
    // The problems are still reported, on stderr.
    assert!(stderr(&output).contains("syntax.toml:4:17: error: invalid basic string"));
}

#[test]
fn check_passes_a_clean_folder() {
    let output = briefbot(&["check", fixture("library").to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert!(stdout(&output).ends_with("3 briefings valid, 0 errors, 0 warnings\n"));
}

#[test]
fn check_of_a_missing_folder_says_so() {
    let output = briefbot(&["check", "no/such/folder"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stdout(&output).starts_with("no/such/folder:1:1: error: cannot open the briefings folder")
    );
}

#[test]
fn ask_summary_without_briefing_answers_with_the_newest() {
    let library = fixture("library");
    let output = briefbot(&["ask", "summary", "--briefings", library.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0));
    let printed = stdout(&output);
    assert!(
        printed.starts_with("Beta: Moscow answers on the Union State\n====="),
        "{printed}"
    );
    assert!(printed.contains("The Kremlin says the Union State is on track."));
    assert!(printed.contains("Key quote\n  “We are brothers rather than friends.”\n  — Dmitry Peskov, Kremlin spokesman\n"), "{printed}");
    assert!(
        printed.contains("What's new\n  Added the Kremlin's reply.\n"),
        "{printed}"
    );
    assert!(printed.contains("— 2025-05-01-beta · 2025-05-01 · updated 2025-05-02 · Example Daily\nSource: https://example.com/beta\n"), "{printed}");
}

#[test]
fn ask_unknown_briefing_suggests_the_nearest_id_and_exits_1() {
    let library = fixture("library");
    let output = briefbot(&[
        "ask",
        "quote",
        "--briefing",
        "2024-01-10-alpa",
        "--briefings",
        library.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).is_empty());
    let printed = stderr(&output);
    assert!(
        printed.starts_with("error: No briefing “2024-01-10-alpa”"),
        "{printed}"
    );
    assert!(
        printed.contains("Did you mean `2024-01-10-alpha`?"),
        "{printed}"
    );
}

#[test]
fn ask_json_prints_the_reply_structure() {
    let library = fixture("library");
    let output = briefbot(&[
        "ask",
        "quote",
        "--briefing",
        "2024-01-10-alpha",
        "--speaker",
        "lukasenka",
        "--json",
        "--briefings",
        library.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let reply: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(reply["tone"], "quote");
    assert_eq!(reply["briefing"], "2024-01-10-alpha");
    assert_eq!(reply["text"], "2 quotes");
    let fields = reply["fields"].as_array().unwrap();
    assert_eq!(
        fields[0]["name"],
        "Alexander Lukashenko, President of Belarus (key quote)"
    );
    assert_eq!(
        fields[0]["value"],
        "“Until we are paid, gas transit will not continue.”\nSaid in Minsk to visiting ministers."
    );
    assert_eq!(
        fields[1]["value"],
        "“It is absurd that we are not paying off this debt.”"
    );
}

#[test]
fn ask_timeline_merges_the_story_in_date_order_once() {
    let library = fixture("library");
    let output = briefbot(&["ask", "timeline", "--briefings", library.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        stdout(&output),
        "Timeline — belarus-russia\n=========================\n\
         2024-01-09 — Transit talks break down.\n\
         2024-01-10 — Minsk orders a halt to transit.\n\
         2025-05-01 — The Kremlin replies.\n\n\
         — 3 events from 2 briefings, oldest first.\n"
    );
}

#[test]
fn ask_search_ignores_case_and_diacritics() {
    let library = fixture("library");
    for query in ["LUKAŠENKA", "lukashenka", "Lukašenka gas"] {
        let output = briefbot(&[
            "ask",
            "search",
            query,
            "--briefings",
            library.to_str().unwrap(),
        ]);
        assert_eq!(output.status.code(), Some(0), "{query}");
        let printed = stdout(&output);
        assert!(
            printed.contains("1 briefing matches."),
            "{query}: {printed}"
        );
        assert!(
            printed.contains("id: 2024-01-10-alpha"),
            "{query}: {printed}"
        );
    }
}

#[test]
fn every_subcommand_has_help() {
    for subcommand in [
        vec!["run"],
        vec!["check"],
        vec!["ask"],
        vec!["ask", "summary"],
        vec!["ask", "quote"],
        vec!["ask", "actors"],
        vec!["ask", "questions"],
        vec!["ask", "briefings"],
        vec!["ask", "timeline"],
        vec!["ask", "search"],
        vec!["ask", "sources"],
    ] {
        let mut args = subcommand.clone();
        args.push("--help");
        let output = briefbot(&args);
        assert_eq!(output.status.code(), Some(0), "{args:?}");
        assert!(stdout(&output).contains("Usage: briefbot"), "{args:?}");
    }
}

// ---- The briefings we ship ----

const SEED: &str = "2026-11-27-lukashenko-vassal-warning";
const SEED_QUOTE: &str = "We will not become a vassal state, even for our closest partner.";

fn articles() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/articles")
}

#[test]
fn shipped_briefings_pass_check_with_their_sources() {
    let output = briefbot(&[
        "check",
        "briefings",
        "--sources",
        articles().to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert_eq!(
        stdout(&output),
        "checked 25 files in briefings: 25 briefings valid, 0 errors, 0 warnings\n"
    );
}

#[test]
fn a_quote_altered_by_one_character_fails_check_sources() {
    let temp = tempfile::tempdir().unwrap();
    copy_dir(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("briefings")
            .as_path(),
        temp.path(),
    );
    let path = temp
        .path()
        .join("2014-03-23-lukashenko-crimea-bad-precedent.toml");
    let source = std::fs::read_to_string(&path).unwrap();
    // The article prints a curly apostrophe; a straight one is a different quote.
    let altered = source.replacen(
        "It doesn’t change anything",
        "It doesn't change anything",
        1,
    );
    assert_ne!(source, altered, "the fixture quote moved");
    std::fs::write(&path, altered).unwrap();
    let dir = temp.path().to_str().unwrap();
    let output = briefbot(&["check", dir, "--sources", articles().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
    let printed = stdout(&output);
    let expected = format!("{dir}/2014-03-23-lukashenko-crimea-bad-precedent.toml:");
    let line = printed
        .lines()
        .find(|line| line.starts_with(&expected))
        .expect(&printed);
    assert!(
        line.contains(": error: quote #3 does not appear verbatim in"),
        "{line}"
    );
    assert!(
        printed.contains("It doesn't change anything"),
        "the snippet shows the quote: {printed}"
    );
    assert!(
        printed.ends_with("25 briefings valid, 1 errors, 0 warnings\n"),
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

#[test]
fn ask_answers_from_the_folder_the_configuration_names() {
    let temp = tempfile::tempdir().unwrap();
    let config = temp.path().join("briefbot.toml");
    std::fs::write(
        &config,
        format!(
            "briefings = {:?}\n",
            fixture("library").display().to_string()
        ),
    )
    .unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_briefbot"))
        .args(["ask", "briefings"])
        .env_remove("BRIEFBOT_BRIEFINGS")
        .env("BRIEFBOT_CONFIG", &config)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stdout(&output).contains("3 briefings, newest first"),
        "{}",
        stdout(&output)
    );
    // A broken configuration is one clear line and exit code 2, as for `run`.
    std::fs::write(&config, "briefings = [\n").unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_briefbot"))
        .args(["ask", "summary"])
        .env("BRIEFBOT_CONFIG", &config)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).starts_with("briefbot: "),
        "{}",
        stderr(&output)
    );
}
