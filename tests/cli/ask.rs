//! `briefbot ask`: the answers, the mistakes and where each goes.

use super::{briefbot, copy_fixture, fixture, minimal_briefing, stderr, stdout};

#[test]
fn ask_answers_from_the_good_files_beside_broken_ones() {
    let temp = super::check::broken_folder();
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

/// Issue 13, item 7: the file is there; saying "no briefing has that id" sends the editor
/// looking for something they are looking at.
#[test]
fn ask_for_a_briefing_whose_file_is_broken_says_it_is_not_loaded() {
    let temp = copy_fixture("library");
    let broken =
        minimal_briefing("2025-06-01-broken", "2025-06-01").replacen("title = ", "titel = ", 1);
    std::fs::write(temp.path().join("2025-06-01-broken.toml"), broken).unwrap();
    let dir = temp.path().to_str().unwrap();
    let output = briefbot(&[
        "ask",
        "summary",
        "--briefing",
        "2025-06-01-broken",
        "--briefings",
        dir,
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).is_empty());
    let printed = stderr(&output);
    let problem = printed.find("2025-06-01-broken.toml:4:1: error: unknown field `titel`");
    let verdict = printed.find(
        "error: Briefing “2025-06-01-broken” is not loaded\n\
         =================================================\n\
         Its file has errors (see above). Fix them; `briefbot check` says when it is valid.\n",
    );
    assert!(
        problem.is_some() && verdict.is_some() && problem < verdict,
        "the problem, then the verdict: {printed}"
    );
    assert!(!printed.contains("No briefing"), "{printed}");
}

/// Issue 13, item 9: options of `ask` are accepted before or after the subcommand.
#[test]
fn ask_options_go_before_or_after_the_subcommand() {
    let library = fixture("library");
    let library = library.to_str().unwrap();
    let before = briefbot(&[
        "ask",
        "--briefing",
        "2024-01-10-alpha",
        "--briefings",
        library,
        "--json",
        "summary",
    ]);
    let after = briefbot(&[
        "ask",
        "summary",
        "--json",
        "--briefings",
        library,
        "--briefing",
        "2024-01-10-alpha",
    ]);
    assert_eq!(before.status.code(), Some(0), "{}", stderr(&before));
    assert_eq!(before.stdout, after.stdout);
    let reply: serde_json::Value = serde_json::from_slice(&before.stdout).expect("JSON");
    assert_eq!(reply["briefing"], "2024-01-10-alpha");
}

/// Issue 13, item 9: the same mistake gets one answer however it is typed.
#[test]
fn ask_search_without_words_is_one_mistake_however_it_is_typed() {
    let library = fixture("library");
    let library = library.to_str().unwrap();
    let expected = "error: Nothing to search for\n============================\n\
                    Give a word or a name to search for, e.g. `vassal` or `Lukashenka`.\n";
    for args in [
        &["ask", "search", "--briefings", library][..],
        &["ask", "search", "", "--briefings", library],
        &["ask", "search", "  ", "--briefings", library],
    ] {
        let output = briefbot(args);
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        assert!(stdout(&output).is_empty(), "{args:?}");
        assert_eq!(stderr(&output), expected, "{args:?}");
    }
}

/// Issue 13, item 9: `--briefing` where no briefing is meant is refused, not ignored.
#[test]
fn ask_refuses_a_briefing_option_where_it_means_nothing() {
    for subcommand in ["briefings", "timeline", "search", "help"] {
        let output = briefbot(&["ask", subcommand, "--briefing", "2024-01-10-alpha"]);
        assert_eq!(output.status.code(), Some(2), "{subcommand}");
        let printed = stderr(&output);
        assert!(
            printed.starts_with(&format!(
                "error: `--briefing` does not apply to `ask {subcommand}`, which is not about one briefing\n\nUsage: briefbot ask {subcommand}"
            )),
            "{printed}"
        );
    }
}

/// A mistake with `--json` is JSON on stdout, so a script reads one stream, and exit code 1.
#[test]
fn ask_json_reports_a_mistake_on_stdout_with_exit_1() {
    let library = fixture("library");
    let output = briefbot(&[
        "ask",
        "summary",
        "--json",
        "--briefing",
        "2024-01-10-alpa",
        "--briefings",
        library.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).is_empty(), "{}", stderr(&output));
    let reply: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(reply["tone"], "error");
    assert_eq!(reply["title"], "No briefing “2024-01-10-alpa”");
    assert_eq!(reply["text"], "Did you mean `2024-01-10-alpha`?");
}
