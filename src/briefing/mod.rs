//! The briefing model: validated types built only by [`parse`], which reports every problem.
//!
//! A briefing is one TOML file in `briefings/`, derived from one news article. The format is
//! documented in `briefings/README.md`; [`limits`] holds the numbers that document quotes.

mod field;
mod parse;
mod raw;

pub use briefbot_format::{
    ActorKind, BriefingId, Date, SCHEMA_VERSION, Source, Timestamp, is_slug, limits,
};
pub use parse::{id_span, parse};

/// One development of a story, as an editor wrote it up from an article.
#[derive(Debug, Clone, PartialEq)]
pub struct Briefing {
    /// Equal to the file stem, so a file can be found from its id and vice versa.
    pub id: BriefingId,
    /// The story this briefing belongs to (a slug such as `belarus-russia`).
    pub story: String,
    /// The headline the bot shows.
    pub title: String,
    /// When the development happened or was reported; orders briefings newest first.
    pub published: Timestamp,
    /// Set when an editor revised the briefing; a later value is posted as an update.
    pub updated: Option<Timestamp>,
    /// What changed in the last update, shown in the update post.
    pub update_note: Option<String>,
    /// Free-form topic labels (slugs), searched like the text.
    pub tags: Vec<String>,
    /// The editor's own words on what happened.
    pub summary: Summary,
    /// Verbatim quotations from the source; exactly one is the key quote when any exist.
    pub quotes: Vec<Quote>,
    /// Everyone the article names: people, organisations, states, groups.
    pub actors: Vec<Actor>,
    /// What the article leaves open.
    pub questions: Vec<Question>,
    /// Where the facts come from; at least one.
    pub sources: Vec<Source>,
    /// Dated events this briefing contributes to the story's timeline.
    pub timeline: Vec<TimelineEvent>,
}

impl Briefing {
    /// The key quote, if the briefing has quotes.
    pub fn key_quote(&self) -> Option<&Quote> {
        self.quotes.iter().find(|quote| quote.key)
    }

    /// The actor with this id.
    pub fn actor(&self, id: &str) -> Option<&Actor> {
        self.actors.iter().find(|actor| actor.id == id)
    }

    /// The display name of a quote's speaker, or `None` for an unattributed quote.
    pub fn speaker_name<'a>(&'a self, quote: &'a Quote) -> Option<&'a str> {
        let speaker = quote.speaker.as_deref()?;
        Some(
            self.actor(speaker)
                .map_or(speaker, |actor| actor.name.as_str()),
        )
    }

    /// The latest of `published` and `updated`: when this briefing last changed.
    pub fn last_changed(&self) -> Timestamp {
        match self.updated {
            Some(updated) if updated > self.published => updated,
            _ => self.published,
        }
    }
}

/// The editor's summary of a briefing.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// One or two sentences.
    pub tldr: String,
    /// A short paragraph or three.
    pub body: String,
    /// Why a reader should care; optional because a draft may not know yet.
    pub why_it_matters: Option<String>,
}

/// A verbatim quotation from the source article.
#[derive(Debug, Clone, PartialEq)]
pub struct Quote {
    /// The words exactly as the article prints them.
    pub text: String,
    /// The actor id of the speaker; `None` when the article does not attribute it.
    pub speaker: Option<String>,
    /// Where, when and to whom it was said.
    pub context: Option<String>,
    /// The one quote that stands for the briefing.
    pub key: bool,
}

/// Someone the article names.
#[derive(Debug, Clone, PartialEq)]
pub struct Actor {
    /// A slug unique within the briefing; quotes refer to it as `speaker`.
    pub id: String,
    /// The name as the bot shows it.
    pub name: String,
    /// Other spellings and names ("Lukashenka"), found by search and by the speaker filter.
    pub aliases: Vec<String>,
    /// Person, organisation, state or group.
    pub kind: ActorKind,
    /// Their role as the article gives it.
    pub role: String,
    /// Their stance in this development, when the article shows it.
    pub position: Option<String>,
}

impl Actor {
    /// The name followed by every alias.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str()).chain(self.aliases.iter().map(String::as_str))
    }
}

/// A question the article leaves open.
#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    /// The question, ending in `?`.
    pub text: String,
    /// Why it is open.
    pub context: Option<String>,
}

/// A dated event on the story's timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct TimelineEvent {
    /// The day it happened.
    pub date: Date,
    /// What happened, in one line.
    pub text: String,
}
