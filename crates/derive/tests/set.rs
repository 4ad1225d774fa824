//! The written hard cases (`tests/set`): unit cases of the hard forms, each text with its
//! annotation. Passing them says the forms are handled, not that `derive` is good on real
//! articles (those are measured by the bot's `.ci/run`, on articles kept outside the repo).

use std::fs;
use std::path::{Path, PathBuf};

use briefbot_derive::eval::{Case, Report, evaluate};

fn set_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/set")
}

/// Every `NAME.expected.toml` of `dir` with its `NAME.txt`.
fn cases(dir: &Path) -> Vec<Case> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap_or_else(|error| panic!("cannot read {}: {error}", dir.display()))
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter_map(|name| name.strip_suffix(".expected.toml").map(str::to_owned))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|name| Case {
            article: fs::read_to_string(dir.join(format!("{name}.txt"))).unwrap(),
            annotation: fs::read_to_string(dir.join(format!("{name}.expected.toml"))).unwrap(),
            name,
        })
        .collect()
}

fn mismatches(report: &Report) -> String {
    let lines: Vec<String> = report.mismatches.iter().map(ToString::to_string).collect();
    lines.join("\n")
}

fn assert_floor(report: &Report, field: &str, floor: f64) {
    let score = report.field(field).unwrap();
    assert!(
        score.precision() >= floor && score.recall() >= floor,
        "{field}: precision {:.3}, recall {:.3}, floor {floor}\n{report}\n{}",
        score.precision(),
        score.recall(),
        mismatches(report)
    );
}

#[test]
fn the_hard_cases_meet_the_floors() {
    let cases = cases(&set_dir());
    assert_eq!(cases.len(), 8, "the set has eight articles");
    let report = evaluate(&cases, &[]).unwrap();
    eprintln!("{report}\n{}", mismatches(&report));
    for field in [
        "quotes",
        "speakers",
        "actors",
        "kinds",
        "roles",
        "questions",
    ] {
        assert_floor(&report, field, 0.9);
    }
    assert_floor(&report, "quotes", 0.95);
}
