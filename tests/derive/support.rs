//! Helpers for the derive tests: the annotated sets on disk, the shipped briefings' actors,
//! the binary.

use std::fs;
use std::path::{Path, PathBuf};

use briefbot::derive::eval::Case;

/// This crate's directory.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The written hard cases, texts and annotations side by side.
pub fn set_dir() -> PathBuf {
    root().join("crates/derive/tests/set")
}

/// Every `NAME.expected.toml` in `dir`, with its article from `dir/NAME.txt` or else
/// `articles/NAME.txt`. Panics with a clear message when an article is missing.
pub fn cases(dir: &Path, articles: Option<&Path>) -> Vec<Case> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap_or_else(|error| panic!("cannot read {}: {error}", dir.display()))
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter_map(|name| name.strip_suffix(".expected.toml").map(str::to_owned))
        .collect();
    names.sort();
    assert!(!names.is_empty(), "no *.expected.toml in {}", dir.display());
    names
        .into_iter()
        .map(|name| {
            let beside = dir.join(format!("{name}.txt"));
            let article_path = if beside.exists() {
                beside
            } else {
                let articles =
                    articles.unwrap_or_else(|| panic!("{name}.txt is not in {}", dir.display()));
                articles.join(format!("{name}.txt"))
            };
            let article = fs::read_to_string(&article_path)
                .unwrap_or_else(|error| panic!("cannot read {}: {error}", article_path.display()));
            let annotation = fs::read_to_string(dir.join(format!("{name}.expected.toml"))).unwrap();
            Case {
                name,
                article,
                annotation,
            }
        })
        .collect()
}

/// The actors of the shipped briefings, as `briefbot derive` uses them by default.
#[allow(
    dead_code,
    reason = "not every test file that includes this module uses it"
)]
pub fn shipped_known() -> Vec<briefbot::derive::BriefingActors> {
    let loaded = briefbot::load::load_dir(&root().join("briefings"));
    assert!(!loaded.has_errors(), "the shipped briefings do not load");
    briefbot::derive::library_actors(&loaded.library)
}

/// Runs the briefbot binary.
pub fn briefbot(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_briefbot"))
        .args(args)
        .env_remove("BRIEFBOT_BRIEFINGS")
        .current_dir(root())
        .output()
        .expect("the briefbot binary runs")
}
