//! The file as serde sees it: every field located, so validation can point at it.
//!
//! Locating every value costs a good part of a parse (toml hands each span over as a struct of
//! its own), and nearly every file is valid, when nobody needs a location. So a file is first
//! read [`Spans::Skipped`], and only one with a problem is read again [`Spans::Kept`] to say
//! where it is. [`Loc`] is what makes that one set of types: it reads a bare value or a spanned
//! one, as [`with_spans`] says for the parse at hand.

use std::cell::Cell;
use std::ops::Range;

use serde::{Deserialize, Deserializer};
use toml::Spanned;
use toml::value::Datetime;

/// Whether a parse records where each value is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Spans {
    /// Every [`Loc`] gets its span; for diagnostics.
    Kept,
    /// Every [`Loc`] gets an empty span at 0; for the fast first read.
    Skipped,
}

thread_local! {
    // Per thread, so that files parsed in parallel each have their own.
    static SPANS: Cell<Spans> = const { Cell::new(Spans::Kept) };
}

/// Runs `parse` with every [`Loc`] it deserializes reading spans or not.
pub(super) fn with_spans<T>(spans: Spans, parse: impl FnOnce() -> T) -> T {
    let before = SPANS.with(|cell| cell.replace(spans));
    let parsed = parse();
    SPANS.with(|cell| cell.set(before));
    parsed
}

/// A value and where it is in the file (`0..0` when the parse skipped spans).
#[derive(Debug)]
pub(super) struct Loc<T> {
    value: T,
    span: Range<usize>,
}

impl<T> Loc<T> {
    /// The value.
    pub fn get_ref(&self) -> &T {
        &self.value
    }

    /// The value, to change or take.
    pub fn get_mut(&mut self) -> &mut T {
        &mut self.value
    }

    /// Where it is.
    pub fn span(&self) -> Range<usize> {
        self.span.clone()
    }
}

impl Loc<String> {
    /// Takes the string out, trimmed in place, leaving an empty one: the briefing keeps the
    /// allocation serde made instead of a copy.
    pub fn take_trimmed(&mut self) -> String {
        let mut value = std::mem::take(&mut self.value);
        let end = value.trim_end().len();
        value.truncate(end);
        let start = value.len() - value.trim_start().len();
        value.drain(..start);
        // A briefing lives as long as the library: no spare capacity (serde's strings may have
        // some when they were unescaped).
        value.shrink_to_fit();
        value
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Loc<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match SPANS.with(Cell::get) {
            Spans::Kept => Spanned::<T>::deserialize(deserializer).map(|spanned| Loc {
                span: spanned.span(),
                value: spanned.into_inner(),
            }),
            Spans::Skipped => T::deserialize(deserializer).map(|value| Loc { value, span: 0..0 }),
        }
    }
}

/// A located string.
pub(super) type Text = Loc<String>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawBriefing {
    pub schema: Loc<i64>,
    pub id: Text,
    pub story: Text,
    pub title: Text,
    pub published: Loc<Datetime>,
    pub updated: Option<Loc<Datetime>>,
    pub update_note: Option<Text>,
    pub tags: Option<Loc<Vec<Text>>>,
    pub summary: RawSummary,
    pub quotes: Option<Loc<Vec<Loc<RawQuote>>>>,
    pub actors: Option<Loc<Vec<Loc<RawActor>>>>,
    pub questions: Option<Loc<Vec<Loc<RawQuestion>>>>,
    pub sources: Option<Loc<Vec<Loc<RawSource>>>>,
    pub timeline: Option<Loc<Vec<Loc<RawEvent>>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSummary {
    pub tldr: Text,
    pub body: Text,
    pub why_it_matters: Option<Text>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawQuote {
    pub text: Text,
    pub speaker: Option<Text>,
    pub context: Option<Text>,
    pub key: Option<Loc<bool>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawActor {
    pub id: Text,
    pub name: Text,
    pub aliases: Option<Loc<Vec<Text>>>,
    pub kind: Text,
    pub role: Text,
    pub position: Option<Text>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawQuestion {
    pub text: Text,
    pub context: Option<Text>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSource {
    pub title: Text,
    pub outlet: Option<Text>,
    pub original_outlet: Option<Text>,
    pub url: Option<Text>,
    pub published: Option<Loc<Datetime>>,
    pub note: Option<Text>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawEvent {
    pub date: Loc<Datetime>,
    pub text: Text,
}
