//! `briefbot check`: what an editor sees for good, broken, missing and empty input.

use std::process::Command;

use super::{briefbot, copy_fixture, fixture, minimal_briefing, stderr, stdout};

/// Every fault the loader must report, one file each, with the position and the start of the
/// message the editor sees.
pub(crate) const BROKEN: &[(&str, &str)] = &[
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
pub(crate) fn broken_folder() -> tempfile::TempDir {
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
    // Files checked = valid + invalid: the two links that cannot be read are files too.
    assert!(
        printed.ends_with(&format!(
            "checked 23 files in {dir}: 2 valid, 21 invalid (21 errors, 0 warnings)\n"
        )),
        "{printed}"
    );
}

#[test]
fn check_passes_a_clean_folder() {
    let dir = fixture("library");
    let output = briefbot(&["check", dir.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert_eq!(
        stdout(&output),
        format!(
            "checked 3 files in {}: 3 valid, 0 invalid (0 errors, 0 warnings)\n",
            dir.display()
        )
    );
}

/// Issue 13, item 5: six broken files, three of them links that lead nowhere, beside three
/// good ones.
#[test]
fn check_counts_add_up_and_links_that_lead_nowhere_are_files() {
    let temp = copy_fixture("library");
    let dir = temp.path();
    for name in ["one", "two", "three"] {
        std::fs::write(dir.join(format!("{name}.toml")), "schema = 1\n").unwrap();
        std::os::unix::fs::symlink(
            dir.join(format!("gone-{name}")),
            dir.join(format!("link-{name}.toml")),
        )
        .unwrap();
    }
    let output = briefbot(&["check", dir.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stdout(&output).ends_with(&format!(
            "checked 9 files in {}: 3 valid, 6 invalid (6 errors, 0 warnings)\n",
            dir.display()
        )),
        "{}",
        stdout(&output)
    );
}

/// Issue 13, item 2: editors check the file they just wrote.
#[test]
fn check_takes_files_and_counts_each_once() {
    let good = fixture("library/2024-01-10-alpha.toml");
    let broken = fixture("broken/syntax.toml");
    let output = briefbot(&["check", good.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert_eq!(
        stdout(&output),
        "checked 1 file: 1 valid, 0 invalid (0 errors, 0 warnings)\n"
    );
    let output = briefbot(&["check", good.to_str().unwrap(), broken.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let printed = stdout(&output);
    assert!(
        printed.starts_with(&format!(
            "{}:4:17: error: invalid basic string",
            broken.display()
        )),
        "{printed}"
    );
    assert!(
        printed.ends_with("checked 2 files: 1 valid, 1 invalid (1 error, 0 warnings)\n"),
        "{printed}"
    );
}

/// Issue 13, item 2: `--briefings` works for `check` as for `ask`, so every hint that names it
/// names an option that exists.
#[test]
fn check_accepts_the_briefings_option_and_hints_name_real_options() {
    let dir = fixture("library");
    let output = briefbot(&["check", "--briefings", dir.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stdout(&output).starts_with("checked 3 files in "));
    let help = stdout(&briefbot(&["check", "--help"]));
    for option in ["--briefings", "--config", "--sources"] {
        assert!(help.contains(option), "{option}: {help}");
    }
    // A file where a folder is needed: the hint names only what `ask` has.
    let output = briefbot(&["ask", "summary", "--briefings", "Cargo.toml"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        "briefbot: Cargo.toml is not a folder (given on the command line): name the folder that holds the briefings\n"
    );
}

/// Issue 13, item 3.
#[test]
fn check_with_a_sources_folder_that_does_not_exist_is_an_error() {
    let output = briefbot(&["check", "briefings", "--sources", "/no/such/dir"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stdout(&output).is_empty(), "{}", stdout(&output));
    assert_eq!(
        stderr(&output),
        "briefbot: the --sources folder /no/such/dir does not exist or is not a folder: name the folder that holds the article texts (<id>.txt)\n"
    );
}

/// Issue 13, item 4: a missing folder is one error, exit 2, for every subcommand.
#[test]
fn a_missing_folder_is_one_error_for_every_subcommand() {
    let expected =
        "briefbot: the briefings folder /missing does not exist (given on the command line)\n";
    for args in [
        &["check", "--briefings", "/missing"][..],
        &["ask", "summary", "--briefings", "/missing"],
        &["ask", "search", "x", "--briefings", "/missing"],
        &["ask", "briefings", "--briefings", "/missing", "--json"],
        &["ask", "help", "--briefings", "/missing"],
    ] {
        let output = briefbot(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(stdout(&output).is_empty(), "{args:?}: {}", stdout(&output));
        assert_eq!(stderr(&output), expected, "{args:?}");
    }
    let output = briefbot(&["check", "no/such/file.toml"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output)
            .starts_with("briefbot: cannot check no/such/file.toml (given on the command line): "),
        "{}",
        stderr(&output)
    );
}

/// Issue 13, item 4: nothing checked is not "all valid".
#[test]
fn check_of_an_empty_folder_warns_that_nothing_was_checked() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().display().to_string();
    let output = briefbot(&["check", &dir]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        stdout(&output),
        format!(
            "{dir}:1:1: warning: holds no briefing file (*.toml): nothing was checked — name the folder that holds the briefings, or draft one with `briefbot derive`\n\n\
             checked 0 files in {dir}: 0 valid, 0 invalid (0 errors, 1 warning)\n"
        )
    );
}

/// Issue 13, item 12: a right-to-left override in the snippet would reorder the very line that
/// reports it; the caret still points at the fault after the escape.
#[test]
fn bidi_characters_in_a_snippet_are_shown_escaped() {
    let temp = tempfile::tempdir().unwrap();
    let path = temp.path().join("bidi.toml");
    let briefing = minimal_briefing("bidi", "2025-01-01").replacen(
        "title = \"Title of bidi\"",
        "title = \"Title of bidi\"\ntags = [\"a\u{202E}b\", \"\"]",
        1,
    );
    std::fs::write(&path, briefing).unwrap();
    let output = briefbot(&["check", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let printed = stdout(&output);
    assert!(!printed.contains('\u{202E}'), "{printed:?}");
    assert!(
        printed.contains("5 | tags = [\"a\\u{202E}b\", \"\"]\n  |                       ^^\n"),
        "{printed}"
    );
}
