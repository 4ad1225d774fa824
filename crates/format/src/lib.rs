//! The briefing format's primitives, shared by the bot and `briefbot-derive`: the schema
//! version, the limits, ids and slugs, actor kinds, dates and timestamps.
//!
//! The bot's `briefing` module re-exports all of it; a draft written by `derive` uses the same
//! types, so it can only say what a briefing may say.

#![warn(missing_docs, rust_2018_idioms)]

pub mod limits;
mod time;

use std::fmt;

pub use time::{Date, Timestamp, civil_from_days};

/// The `schema` number of the briefing format this code reads and writes.
pub const SCHEMA_VERSION: i64 = 1;

/// The identifier of a briefing: a lowercase slug equal to its file stem.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BriefingId(String);

impl BriefingId {
    /// Accepts a lowercase ASCII slug (`a-z`, `0-9`, single hyphens) of at most
    /// [`limits::ID_MAX`] characters.
    pub fn parse(text: &str) -> Option<Self> {
        is_slug(text, limits::ID_MAX).then(|| Self(text.to_owned()))
    }

    /// The id as written in the file.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for BriefingId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// True when `text` is a lowercase slug no longer than `max` characters.
pub fn is_slug(text: &str, max: usize) -> bool {
    !text.is_empty()
        && text.len() <= max
        && !text.starts_with('-')
        && !text.ends_with('-')
        && !text.contains("--")
        && text
            .bytes()
            .all(|byte| byte.is_ascii_lowercase() || byte.is_ascii_digit() || byte == b'-')
}

/// What kind of actor someone is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ActorKind {
    /// A named individual.
    Person,
    /// A company, agency, institution or office.
    Organisation,
    /// A country or its government as a whole.
    State,
    /// A collective voice an article cites, such as "analysts".
    Group,
}

impl ActorKind {
    /// Every kind, in the order the format documents them.
    pub const ALL: [ActorKind; 4] = [Self::Person, Self::Organisation, Self::State, Self::Group];

    /// The word used in briefing files.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Person => "person",
            Self::Organisation => "organisation",
            Self::State => "state",
            Self::Group => "group",
        }
    }

    /// Parses the word used in briefing files.
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.as_str() == text)
    }
}

impl fmt::Display for ActorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a briefing's facts come from: a briefing's `[[sources]]` entry, and the article a
/// `derive` draft names as its source.
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    /// The article's headline.
    pub title: String,
    /// The outlet that published the copy we read; `None` when unknown.
    pub outlet: Option<String>,
    /// The outlet that first published it, for a republished copy.
    pub original_outlet: Option<String>,
    /// Where to read it; `None` when no address is known.
    pub url: Option<String>,
    /// When the outlet published it; `None` when unknown.
    pub published: Option<Timestamp>,
    /// Anything a reader should know about the source (an inferred date, an unknown outlet).
    pub note: Option<String>,
}
