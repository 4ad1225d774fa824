//! Every `$ briefbot …` example in the README prints what the README shows.
//!
//! An example's output may elide: a line `…` stands for any number of lines, and a line ending
//! in `…` for a line that begins with what comes before it and any lines after it. An example whose command ends in
//! a comment with "title emptied" runs on a copy of the repository's briefings whose seed has an
//! empty title. `derive` examples and those that read outside the checkout (a path starting
//! `..`: the articles) are left to `tests/derive.rs` and `.ci/run`.

use std::path::Path;

use super::{command, copy_dir, stdout};

/// One `$ briefbot` line of a code block and the lines shown under it.
struct Example {
    line: usize,
    args: Vec<String>,
    broken_seed: bool,
    expected: Vec<String>,
}

fn examples(readme: &str) -> Vec<Example> {
    let mut examples: Vec<Example> = Vec::new();
    let mut in_block = false;
    for (number, line) in readme.lines().enumerate() {
        if line.starts_with("```") {
            in_block = !in_block;
            continue;
        }
        if !in_block {
            continue;
        }
        if let Some(command) = line.strip_prefix("$ briefbot ") {
            let (command, comment) = command.split_once(" #").unwrap_or((command, ""));
            examples.push(Example {
                line: number + 1,
                args: command.split_whitespace().map(str::to_owned).collect(),
                broken_seed: comment.contains("title emptied"),
                expected: Vec::new(),
            });
        } else if line.starts_with('$') {
            // Another program's example ends the one before it.
            examples.push(Example {
                line: 0,
                args: Vec::new(),
                broken_seed: false,
                expected: Vec::new(),
            });
        } else if let Some(example) = examples.last_mut() {
            example.expected.push(line.to_owned());
        }
    }
    examples.retain(|example| {
        !example.args.is_empty()
            && example.args[0] != "derive"
            && !example.args.iter().any(|arg| arg.starts_with(".."))
    });
    examples
}

/// Whether `printed` is what `expected` shows, with its elisions.
fn shows(expected: &[String], printed: &[&str]) -> bool {
    match expected.split_first() {
        None => printed.is_empty(),
        Some((first, rest)) if first.trim() == "…" => {
            (0..=printed.len()).any(|skip| shows(rest, &printed[skip..]))
        }
        Some((first, rest)) => match printed.split_first() {
            None => false,
            Some((line, others)) => match first.strip_suffix('…') {
                // "text …" cuts the line and what follows, up to the next line shown.
                Some(start) => {
                    line.starts_with(start.trim_end())
                        && (0..=others.len()).any(|skip| shows(rest, &others[skip..]))
                }
                None => line == first && shows(rest, others),
            },
        },
    }
}

#[test]
fn every_readme_example_prints_what_it_shows() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let examples = examples(&readme);
    assert!(examples.len() >= 14, "found {} examples", examples.len());
    // The repository's configuration and briefings, with the seed's title emptied.
    let broken = tempfile::tempdir().unwrap();
    copy_dir(&root.join("briefings"), &broken.path().join("briefings"));
    copy_dir(&root.join("config"), &broken.path().join("config"));
    let seed = broken
        .path()
        .join("briefings/2026-11-27-lukashenko-vassal-warning.toml");
    let text = std::fs::read_to_string(&seed).unwrap();
    let emptied = text.replacen(
        "title = \"Lukashenko warns Belarus will not become a \\\"vassal state\\\"\"",
        "title = \"\"",
        1,
    );
    assert_ne!(text, emptied, "the seed's title moved");
    std::fs::write(&seed, emptied).unwrap();
    let mut failures = Vec::new();
    for example in &examples {
        let mut run = command();
        run.args(&example.args);
        if example.broken_seed {
            run.current_dir(broken.path());
        }
        let output = run.output().unwrap();
        let printed = stdout(&output) + &String::from_utf8_lossy(&output.stderr);
        let lines: Vec<&str> = printed.lines().collect();
        if !shows(&example.expected, &lines) {
            failures.push(format!(
                "README.md:{} `briefbot {}` shows\n{}\nbut prints\n{printed}",
                example.line,
                example.args.join(" "),
                example.expected.join("\n")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn elisions_match_what_they_stand_for_and_nothing_else() {
    let expected = |lines: &[&str]| {
        lines
            .iter()
            .map(|line| line.to_string())
            .collect::<Vec<_>>()
    };
    assert!(shows(&expected(&["a", "…", "d"]), &["a", "b", "c", "d"]));
    assert!(shows(&expected(&["a", "…"]), &["a"]));
    assert!(shows(&expected(&["abc …"]), &["abc def"]));
    assert!(shows(
        &expected(&["abc …", "", "e"]),
        &["abc def", "more", "", "e"]
    ));
    assert!(!shows(&expected(&["abc …", "e"]), &["abc def", "f"]));
    assert!(!shows(&expected(&["a", "d"]), &["a", "b", "d"]));
    assert!(!shows(&expected(&["abc …"]), &["abd"]));
    assert!(!shows(&expected(&["a"]), &["a", "b"]));
}
