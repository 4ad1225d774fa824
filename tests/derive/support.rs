//! Helpers for the derive tests: the annotated sets on disk, and a gazetteer briefing.

use std::fs;
use std::path::{Path, PathBuf};

use briefbot::derive::eval::Case;

/// This crate's directory.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The shared folder of real articles (beside the worktree), which tests may read.
pub fn shared_articles() -> PathBuf {
    root().join("../shared/articles")
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

/// The shipped briefings of the first collection as annotations of their articles: the
/// editors' quotes (with speakers) and actors (names, aliases, kinds). An independent
/// reference: written by the editors, not by whoever wrote the rules.
///
/// The briefings of the articles annotated under `crates/derive/annotations/real/` (the
/// second collection) are left out: their held-out half must never be a floor that a rule is
/// tuned to pass, and both halves are measured by the development protocol of
/// `crates/derive/README.md` instead.
pub fn shipped_cases() -> Vec<Case> {
    let loaded = briefbot::load::load_dir(&root().join("briefings"));
    assert!(!loaded.has_errors(), "the shipped briefings do not load");
    let protocol = root().join("crates/derive/annotations/real");
    let mut cases = Vec::new();
    for briefing in loaded.library.briefings() {
        let id = briefing.id.as_str();
        let annotation = format!("{id}.expected.toml");
        if ["dev", "heldout"]
            .iter()
            .any(|half| protocol.join(half).join(&annotation).is_file())
        {
            continue;
        }
        let article = [
            shared_articles().join(format!("{id}.txt")),
            root().join(format!("briefings/sources/{id}.txt")),
        ]
        .into_iter()
        .find_map(|path| fs::read_to_string(path).ok())
        .unwrap_or_else(|| panic!("no article text for {id}"));
        let mut annotation = String::new();
        for quote in &briefing.quotes {
            annotation.push_str(&format!(
                "[[quotes]]\ntext = {}\n",
                toml_string(&quote.text)
            ));
            if let Some(name) = briefing.speaker_name(quote) {
                annotation.push_str(&format!("speaker = {}\n", toml_string(name)));
            }
        }
        for actor in &briefing.actors {
            let aliases: Vec<String> = actor
                .aliases
                .iter()
                .map(|alias| toml_string(alias))
                .collect();
            annotation.push_str(&format!(
                "[[actors]]\nname = {}\naliases = [{}]\nkind = {}\n",
                toml_string(&actor.name),
                aliases.join(", "),
                toml_string(actor.kind.as_str())
            ));
        }
        cases.push(Case {
            name: id.to_owned(),
            article,
            annotation,
        });
    }
    cases
}

fn toml_string(text: &str) -> String {
    toml::Value::String(text.to_owned()).to_string()
}

/// The actors of the shipped briefings, as `briefbot derive` uses them by default.
pub fn shipped_gazetteer() -> briefbot::derive::Gazetteer {
    let loaded = briefbot::load::load_dir(&root().join("briefings"));
    briefbot::derive::Gazetteer::from_briefings(
        loaded
            .library
            .briefings()
            .iter()
            .map(|briefing| briefing.as_ref()),
    )
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
