//! The briefings the Discord tests answer from: the hand-written fixtures in
//! `tests/fixtures/discord`, one briefing with every text at its longest, and thirty short
//! ones so autocomplete has more candidates than Discord allows.

use std::fmt::Write as _;
use std::path::Path;

use tempfile::TempDir;

/// The newest briefing: what a command without a `briefing` option answers.
pub const NEWEST: &str = "2026-11-27-vassal-warning";
/// Its key quote, verbatim.
pub const KEY_QUOTE: &str = "We will not become a vassal state, even for our closest partner.";
/// A briefing whose texts contain `@everyone`, `@here`, a user and a role mention.
pub const MENTIONS: &str = "2026-11-20-mentions";
/// A briefing with 25 quotes, actors and questions, every text at its limit.
pub const AT_THE_LIMITS: &str = "2026-11-01-at-the-limits";
/// How many filler briefings there are.
pub const FILLERS: usize = 30;

/// A temporary folder with every test briefing in it.
pub fn folder() -> TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/discord");
    for entry in std::fs::read_dir(&fixtures).expect("tests/fixtures/discord") {
        let path = entry.expect("a fixture").path();
        std::fs::copy(
            &path,
            dir.path().join(path.file_name().expect("a file name")),
        )
        .expect("copy a fixture");
    }
    write(dir.path(), AT_THE_LIMITS, &at_the_limits());
    for number in 1..=FILLERS {
        let id = filler_id(number);
        write(dir.path(), &id, &filler(&id, number));
    }
    dir
}

/// The id of filler briefing `number` (1-based).
pub fn filler_id(number: usize) -> String {
    format!("2026-10-{number:02}-filler-{number}")
}

fn write(dir: &Path, id: &str, text: &str) {
    std::fs::write(dir.join(format!("{id}.toml")), text).expect("write a briefing");
}

/// Words up to exactly `length` characters, with a few accented letters and a flag, starting
/// with `label` so each text is recognisable.
pub fn text_of(label: &str, length: usize) -> String {
    let mut text = String::from(label);
    let words = [
        "Lukašenka",
        "sovereignty",
        "🇧🇾",
        "union",
        "vassal",
        "Minsk",
        "Moscow",
        "state",
    ];
    let mut index = 0;
    while text.chars().count() < length {
        text.push(' ');
        text.push_str(words[index % words.len()]);
        index += 1;
    }
    let cut: String = text.chars().take(length).collect();
    // Never end on a space or half of the flag (a lone regional indicator).
    let trimmed = cut.trim_end().trim_end_matches('\u{1F1E7}');
    let mut text = trimmed.trim_end().to_owned();
    while text.chars().count() < length {
        text.push('x');
    }
    text
}

/// A TOML basic string.
fn quoted(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

fn at_the_limits() -> String {
    let mut toml = String::new();
    let _ = writeln!(
        toml,
        "schema = 1\nid = \"{AT_THE_LIMITS}\"\nstory = \"belarus-russia\""
    );
    let _ = writeln!(toml, "title = {}", quoted(&text_of("Limits", 200)));
    let _ = writeln!(toml, "published = 2026-11-01\n\n[summary]");
    let _ = writeln!(toml, "tldr = {}", quoted(&text_of("Tldr", 400)));
    let _ = writeln!(toml, "body = {}", quoted(&text_of("Body", 3000)));
    let _ = writeln!(toml, "why_it_matters = {}", quoted(&text_of("Why", 1000)));
    for number in 1..=25 {
        let _ = writeln!(
            toml,
            "\n[[quotes]]\ntext = {}",
            quoted(&text_of(&format!("Quote{number}"), 1000))
        );
        let _ = writeln!(
            toml,
            "speaker = \"actor-{number}\"\ncontext = {}",
            quoted(&text_of("Context", 600))
        );
        if number == 1 {
            let _ = writeln!(toml, "key = true");
        }
    }
    for number in 1..=25 {
        let _ = writeln!(toml, "\n[[actors]]\nid = \"actor-{number}\"");
        let _ = writeln!(
            toml,
            "name = {}",
            quoted(&text_of(&format!("Actor{number}"), 100))
        );
        let aliases: Vec<String> = (1..=10)
            .map(|alias| quoted(&text_of(&format!("Alias{number}x{alias}"), 100)))
            .collect();
        let _ = writeln!(toml, "aliases = [{}]", aliases.join(", "));
        let _ = writeln!(
            toml,
            "kind = \"person\"\nrole = {}",
            quoted(&text_of("Role", 200))
        );
        let _ = writeln!(toml, "position = {}", quoted(&text_of("Position", 600)));
    }
    for number in 1..=25 {
        let question = format!("{}?", text_of(&format!("Question{number}"), 249));
        let _ = writeln!(toml, "\n[[questions]]\ntext = {}", quoted(&question));
        let _ = writeln!(toml, "context = {}", quoted(&text_of("Open", 600)));
    }
    for number in 1..=10 {
        let _ = writeln!(
            toml,
            "\n[[sources]]\ntitle = {}",
            quoted(&text_of(&format!("Source{number}"), 300))
        );
        let _ = writeln!(toml, "outlet = {}", quoted(&text_of("Outlet", 200)));
        let _ = writeln!(
            toml,
            "url = \"https://example.com/{number}\"\nnote = {}",
            quoted(&text_of("Note", 600))
        );
    }
    for day in 1..=50 {
        let _ = writeln!(
            toml,
            "\n[[timeline]]\ndate = 2026-{:02}-{:02}",
            1 + (day - 1) / 28,
            1 + (day - 1) % 28
        );
        let _ = writeln!(
            toml,
            "text = {}",
            quoted(&text_of(&format!("Event{day}"), 400))
        );
    }
    toml
}

fn filler(id: &str, number: usize) -> String {
    format!(
        "schema = 1\nid = \"{id}\"\nstory = \"belarus-russia\"\ntitle = \"Filler {number}: more vassal talk\"\n\
         published = 2026-10-{number:02}\n\n[summary]\ntldr = \"Filler number {number}.\"\nbody = \"Nothing new.\"\n\n\
         [[sources]]\ntitle = \"Filler source\"\n"
    )
}
