//! The draft briefing and its TOML form, with `# TODO` comments where an editor must decide.

use std::fmt::Write as _;

use briefbot_format::{ActorKind, BriefingId, SCHEMA_VERSION, Source, Timestamp};

/// A drafted briefing: every field `derive` could fill, and what the editor must still settle.
///
/// Every text already respects the format's limits, so [`Draft::to_toml`] always writes a
/// file that `briefing::parse` accepts.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    /// The briefing id, equal to the file stem the draft must be saved under.
    pub id: BriefingId,
    /// The story slug.
    pub story: String,
    /// A headline drafted from the article's opening words.
    pub title: String,
    /// When the development happened or was reported.
    pub published: Timestamp,
    /// Why `published` needs checking, when it is not the article's known date.
    pub published_todo: Option<String>,
    /// One or two sentences: the lead.
    pub tldr: String,
    /// The most central other sentences.
    pub body: String,
    /// Direct quotations, in article order; exactly one is the key quote when any exist.
    pub quotes: Vec<DraftQuote>,
    /// Everyone the article names, most mentioned first.
    pub actors: Vec<DraftActor>,
    /// What the article leaves open.
    pub questions: Vec<DraftQuestion>,
    /// The article as a source.
    pub source: Source,
    /// What the editor must still fill in about the source.
    pub source_todo: Option<String>,
    /// Notes for the whole draft (what was left out to respect the limits).
    pub notes: Vec<String>,
    /// The article's file name, for the header comment.
    pub article_name: Option<String>,
}

/// One quotation of the draft.
#[derive(Debug, Clone, PartialEq)]
pub struct DraftQuote {
    /// The text exactly as the article prints it (a split quote keeps its attribution).
    pub text: String,
    /// The quoted words alone (parts of a split quote joined), for evaluation.
    pub words: String,
    /// The id of the speaking actor; `None` when no speaker was found.
    pub speaker: Option<String>,
    /// The article's words around the quote (the quote itself shown as “…”).
    pub context: Option<String>,
    /// The key quote.
    pub key: bool,
    /// What the editor must check about this quote.
    pub todos: Vec<String>,
}

/// Where an actor's role comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoleSource {
    /// As the article gives it.
    Article,
    /// From a loaded briefing, or from `derive`'s own word lists.
    Known,
    /// A placeholder: the article gives none.
    Placeholder,
}

/// One actor of the draft.
#[derive(Debug, Clone, PartialEq)]
pub struct DraftActor {
    /// The id: the library's when it knows the actor, else a slug of the name.
    pub id: String,
    /// The fullest name found.
    pub name: String,
    /// Other spellings found, and those the library knows.
    pub aliases: Vec<String>,
    /// Person, organisation, state or group.
    pub kind: ActorKind,
    /// The role.
    pub role: String,
    /// Where the role comes from.
    pub role_source: RoleSource,
    /// How many times the article mentions the actor.
    pub mentions: usize,
    /// True when the id comes from a loaded briefing.
    pub known: bool,
}

/// One open question of the draft.
#[derive(Debug, Clone, PartialEq)]
pub struct DraftQuestion {
    /// The question, ending in `?`.
    pub text: String,
    /// The article's sentence it was drafted from.
    pub context: String,
    /// True when the wording is a fallback to rephrase.
    pub rephrase: bool,
}

impl Draft {
    /// The key quote, if the draft has quotes.
    pub fn key_quote(&self) -> Option<&DraftQuote> {
        self.quotes.iter().find(|quote| quote.key)
    }

    /// The actor with this id.
    pub fn actor(&self, id: &str) -> Option<&DraftActor> {
        self.actors.iter().find(|actor| actor.id == id)
    }

    /// One line for the terminal: what the draft holds and what it leaves open.
    pub fn summary(&self) -> String {
        let unattributed = self
            .quotes
            .iter()
            .filter(|quote| quote.speaker.is_none())
            .count();
        let known = self.actors.iter().filter(|actor| actor.known).count();
        let plural = |count: usize, word: &str| {
            format!("{count} {word}{}", if count == 1 { "" } else { "s" })
        };
        format!(
            "drafted {}: {} ({unattributed} without a speaker), {} ({known} known to the briefings), {}; every `# TODO` needs an editor",
            self.id,
            plural(self.quotes.len(), "quote"),
            plural(self.actors.len(), "actor"),
            plural(self.questions.len(), "question"),
        )
    }

    /// The briefing file: valid as it stands, with a `# TODO` wherever an editor must decide.
    pub fn to_toml(&self) -> String {
        let mut out = String::with_capacity(4096);
        let from = self
            .article_name
            .as_deref()
            .map(|name| format!(" from {}", one_line(name)))
            .unwrap_or_default();
        let _ = writeln!(out, "# Draft briefing written by `briefbot derive`{from}.");
        out.push_str("# `briefbot check` accepts it as it stands, but it is a draft: settle every `# TODO`\n");
        out.push_str("# (then delete the TODO line) before it goes out.\n");
        for note in &self.notes {
            let _ = writeln!(out, "# TODO: {}", one_line(note));
        }
        let _ = writeln!(out, "schema = {SCHEMA_VERSION}");
        let _ = writeln!(out, "id = {}", basic(self.id.as_str()));
        let _ = writeln!(out, "story = {}", basic(&self.story));
        out.push_str(
            "# TODO: write the headline; this one is drafted from the article's opening words.\n",
        );
        let _ = writeln!(out, "title = {}", basic(&self.title));
        if let Some(todo) = &self.published_todo {
            let _ = writeln!(out, "# TODO: {}", one_line(todo));
        }
        let _ = writeln!(out, "published = {}", self.published);
        out.push_str(
            "# TODO: add topic tags (slugs), e.g. tags = [\"sovereignty\", \"union-state\"]\n",
        );

        out.push_str("\n[summary]\n");
        out.push_str("# TODO: rewrite tldr and body in your own words: they are the article's own sentences\n");
        out.push_str("# (the lead, and the sentences a centrality ranking picked).\n");
        let _ = writeln!(out, "tldr = {}", basic(&self.tldr));
        let _ = writeln!(out, "body = {}", multi_line(&self.body));
        out.push_str("# TODO: say why it matters, then uncomment the line.\n");
        out.push_str("# why_it_matters = \"\"\n");

        for quote in &self.quotes {
            out.push_str("\n[[quotes]]\n");
            for todo in &quote.todos {
                let _ = writeln!(out, "# TODO: {}", one_line(todo));
            }
            let _ = writeln!(out, "text = {}", multi_line(&quote.text));
            match &quote.speaker {
                Some(speaker) => {
                    let _ = writeln!(out, "speaker = {}", basic(speaker));
                }
                None => out.push_str(
                    "# TODO: no speaker found: add `speaker = \"<actor id>\"`, or keep it unattributed.\n",
                ),
            }
            if let Some(context) = &quote.context {
                out.push_str(
                    "# TODO: the context is the article's sentence; say where, when and to whom.\n",
                );
                let _ = writeln!(out, "context = {}", multi_line(context));
            }
            if quote.key {
                out.push_str("# The key quote, chosen by its speaker's prominence and its overlap with the lead.\n");
                out.push_str("key = true\n");
            }
        }

        for actor in &self.actors {
            out.push_str("\n[[actors]]\n");
            let times = if actor.mentions == 1 {
                "once".to_owned()
            } else {
                format!("{} times", actor.mentions)
            };
            let known = if actor.known {
                "; the id is the one loaded briefings use"
            } else {
                ""
            };
            let _ = writeln!(out, "# Mentioned {times}{known}.");
            let _ = writeln!(out, "id = {}", basic(&actor.id));
            let _ = writeln!(out, "name = {}", basic(&actor.name));
            if !actor.aliases.is_empty() {
                let aliases: Vec<String> = actor.aliases.iter().map(|alias| basic(alias)).collect();
                let _ = writeln!(out, "aliases = [{}]", aliases.join(", "));
            }
            let _ = writeln!(out, "kind = {}", basic(actor.kind.as_str()));
            match actor.role_source {
                RoleSource::Article => {}
                RoleSource::Known => {
                    out.push_str("# TODO: check the role: the article does not give it.\n")
                }
                RoleSource::Placeholder => {
                    out.push_str("# TODO: write the role: the article does not give it.\n")
                }
            }
            let _ = writeln!(out, "role = {}", basic(&actor.role));
        }

        for question in &self.questions {
            out.push_str("\n[[questions]]\n");
            if question.rephrase {
                out.push_str("# TODO: rephrase: the wording is a fallback.\n");
            }
            let _ = writeln!(out, "text = {}", basic(&question.text));
            out.push_str("# TODO: the context is the article's sentence; say why it is open.\n");
            let _ = writeln!(out, "context = {}", multi_line(&question.context));
        }

        out.push_str("\n[[sources]]\n");
        if let Some(todo) = &self.source_todo {
            let _ = writeln!(out, "# TODO: {}", one_line(todo));
        }
        let source = &self.source;
        let _ = writeln!(out, "title = {}", basic(&source.title));
        if let Some(outlet) = &source.outlet {
            let _ = writeln!(out, "outlet = {}", basic(outlet));
        }
        if let Some(original) = &source.original_outlet {
            let _ = writeln!(out, "original_outlet = {}", basic(original));
        }
        if let Some(url) = &source.url {
            let _ = writeln!(out, "url = {}", basic(url));
        }
        if let Some(published) = &source.published {
            let _ = writeln!(out, "published = {published}");
        }
        if let Some(note) = &source.note {
            let _ = writeln!(out, "note = {}", multi_line(note));
        }
        out
    }
}

/// A comment never runs onto a second line.
fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// A TOML basic string on one line.
pub(crate) fn basic(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A TOML string that may span lines: `"""` when it has line breaks, else a basic string.
pub(crate) fn multi_line(text: &str) -> String {
    if !text.contains('\n') {
        return basic(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    out.push_str("\"\"\"\n");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push('\n'),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push_str("\"\"\"");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_escaped() {
        assert_eq!(basic("a \"b\" \\ c"), r#""a \"b\" \\ c""#);
        assert_eq!(multi_line("one\n\"two\""), "\"\"\"\none\n\\\"two\\\"\"\"\"");
        let parsed: toml::Table =
            toml::from_str(&format!("x = {}", multi_line("one\n\"two\"\"\"\"three"))).unwrap();
        assert_eq!(parsed["x"].as_str(), Some("one\n\"two\"\"\"\"three"));
    }
}
