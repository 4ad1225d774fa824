//! The file as serde sees it: every field spanned, so validation can point at it.

use serde::Deserialize;
use toml::Spanned;
use toml::value::Datetime;

/// A spanned string.
pub(super) type Text = Spanned<String>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawBriefing {
    pub schema: Spanned<i64>,
    pub id: Text,
    pub story: Text,
    pub title: Text,
    pub published: Spanned<Datetime>,
    pub updated: Option<Spanned<Datetime>>,
    pub update_note: Option<Text>,
    pub tags: Option<Spanned<Vec<Text>>>,
    pub summary: RawSummary,
    pub quotes: Option<Spanned<Vec<Spanned<RawQuote>>>>,
    pub actors: Option<Spanned<Vec<Spanned<RawActor>>>>,
    pub questions: Option<Spanned<Vec<Spanned<RawQuestion>>>>,
    pub sources: Option<Spanned<Vec<Spanned<RawSource>>>>,
    pub timeline: Option<Spanned<Vec<Spanned<RawEvent>>>>,
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
    pub key: Option<Spanned<bool>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawActor {
    pub id: Text,
    pub name: Text,
    pub aliases: Option<Spanned<Vec<Text>>>,
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
    pub published: Option<Spanned<Datetime>>,
    pub note: Option<Text>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawEvent {
    pub date: Spanned<Datetime>,
    pub text: Text,
}
