//! Text → [`Briefing`], collecting every problem as a located [`Diagnostic`].

use std::collections::HashSet;
use std::ops::Range;
use std::path::Path;

use toml::Spanned;
use toml::value::Datetime;

use super::field::{Field, Label, closest, first_forbidden};
use super::limits::*;
use super::raw::{
    Loc, RawActor, RawBriefing, RawEvent, RawQuestion, RawQuote, RawSource, Spans, Text, with_spans,
};
use super::{
    Actor, ActorKind, Briefing, BriefingId, Question, Quote, SCHEMA_VERSION, Source, Summary,
    TimelineEvent, Timestamp, is_slug,
};
use crate::diagnostic::Diagnostic;

const FORMAT_DOC: &str = "briefings/README.md";

/// Parses and validates one briefing file.
///
/// `path` names the file in diagnostics, and its stem must equal the briefing's `id`. Every
/// problem found is returned, not just the first; syntax and type errors stop the parse early
/// because nothing after them can be trusted.
pub fn parse(path: &Path, source: &str) -> Result<Briefing, Vec<Diagnostic>> {
    // Without spans first: a valid file, nearly every one, is read once and quickly. A file
    // with any problem is read again with them, so that each problem says where it is.
    match parse_with(path, source, Spans::Skipped) {
        Ok(briefing) => Ok(briefing),
        Err(_) => parse_with(path, source, Spans::Kept),
    }
}

fn parse_with(path: &Path, source: &str, spans: Spans) -> Result<Briefing, Vec<Diagnostic>> {
    let display = path.display().to_string();
    let raw: RawBriefing = match with_spans(spans, || toml::from_str(source)) {
        Ok(raw) => raw,
        Err(error) => return Err(vec![toml_error(&display, source, &error)]),
    };
    let mut checker = Checker {
        path: &display,
        source,
        diagnostics: Vec::new(),
    };
    let stem = path
        .file_stem()
        .and_then(|stem| stem.to_str())
        .unwrap_or_default();
    let briefing = checker.briefing(raw, stem);
    if checker.diagnostics.is_empty() {
        briefing.ok_or(checker.diagnostics)
    } else {
        // Warnings too: only a second read can place them.
        Err(checker.diagnostics)
    }
}

/// The span of the top-level `id` value of a briefing's source, for diagnostics that concern
/// the id after parsing (a duplicate across files).
pub fn id_span(source: &str) -> Option<Range<usize>> {
    #[derive(serde::Deserialize)]
    struct IdOnly {
        id: Spanned<String>,
    }
    toml::from_str::<IdOnly>(source)
        .ok()
        .map(|only| only.id.span())
}

fn toml_error(path: &str, source: &str, error: &toml::de::Error) -> Diagnostic {
    let message = error.message().trim().replace('\n', " ");
    let help = if message.starts_with("unknown field") {
        format!("remove it or correct its spelling; {FORMAT_DOC} lists every field")
    } else if message.starts_with("missing field") {
        format!("add it; {FORMAT_DOC} lists the required fields")
    } else if message.starts_with("invalid type") || message.starts_with("invalid value") {
        format!("write the value with the type {FORMAT_DOC} gives for this field")
    } else {
        "fix the TOML syntax here (strings in double quotes, one key per line)".to_owned()
    };
    match error.span() {
        Some(span) => Diagnostic::at(path, source, span, message, help),
        None => Diagnostic::file(path, message, help),
    }
}

/// Whether a text field may span several lines.
#[derive(Clone, Copy, PartialEq)]
enum Lines {
    One,
    Many,
}

struct Checker<'a> {
    path: &'a str,
    source: &'a str,
    diagnostics: Vec<Diagnostic>,
}

impl Checker<'_> {
    fn error(&mut self, span: Range<usize>, message: impl Into<String>, help: impl Into<String>) {
        self.diagnostics
            .push(Diagnostic::at(self.path, self.source, span, message, help));
    }

    fn briefing(&mut self, mut raw: RawBriefing, stem: &str) -> Option<Briefing> {
        if *raw.schema.get_ref() != SCHEMA_VERSION {
            self.error(
                raw.schema.span(),
                format!("schema {} is not supported", raw.schema.get_ref()),
                format!("this briefbot reads schema = {SCHEMA_VERSION}"),
            );
        }
        let id = self.id(&raw.id, stem);
        let story = self.slug("story", &mut raw.story, STORY_MAX);
        let title = self.text("title", &mut raw.title, TITLE_MAX, Lines::One);
        let published = self.timestamp("published", &raw.published);
        let updated = raw
            .updated
            .as_ref()
            .and_then(|updated| self.timestamp("updated", updated));
        if let (Some(published), Some(updated), Some(raw_updated)) =
            (published, updated, raw.updated.as_ref())
        {
            if updated < published {
                self.error(
                    raw_updated.span(),
                    format!("`updated` ({updated}) is before `published` ({published})"),
                    "an update comes after publication: fix the date, or remove `updated`",
                );
            }
        }
        let update_note = self.optional_text(
            "update_note",
            &mut raw.update_note,
            UPDATE_NOTE_MAX,
            Lines::Many,
        );
        if let (Some(note), None) = (&raw.update_note, &raw.updated) {
            self.error(
                note.span(),
                "`update_note` without `updated`",
                "add `updated = <date>` to say when the update happened, or remove the note",
            );
        }
        let tags = self.tags(raw.tags.as_mut());
        let summary = Summary {
            tldr: self.text("summary.tldr", &mut raw.summary.tldr, TLDR_MAX, Lines::One),
            body: self.text("summary.body", &mut raw.summary.body, BODY_MAX, Lines::Many),
            why_it_matters: self.optional_text(
                "summary.why_it_matters",
                &mut raw.summary.why_it_matters,
                WHY_MAX,
                Lines::Many,
            ),
        };
        let actors = self.actors(raw.actors.as_mut());
        let quotes = self.quotes(raw.quotes.as_mut(), raw.id.span(), &actors);
        let questions = self.questions(raw.questions.as_mut());
        let sources = self.sources(raw.sources.as_mut(), raw.id.span());
        let timeline = self.timeline(raw.timeline.as_mut());
        Some(Briefing {
            id: id?,
            story,
            title,
            published: published?,
            updated,
            update_note,
            tags,
            summary,
            quotes,
            actors,
            questions,
            sources,
            timeline,
        })
    }

    fn id(&mut self, raw: &Text, stem: &str) -> Option<BriefingId> {
        let Some(id) = BriefingId::parse(raw.get_ref()) else {
            self.error(
                raw.span(),
                format!("`id` {:?} is not a lowercase slug of at most {ID_MAX} characters", raw.get_ref()),
                "use lowercase letters, digits and single hyphens, e.g. \"2026-11-27-lukashenko-vassal-warning\"",
            );
            return None;
        };
        if id.as_str() != stem {
            self.error(
                raw.span(),
                format!("`id` {:?} differs from the file name {stem:?}", id.as_str()),
                format!(
                    "set id = {stem:?}, or rename the file to {}.toml",
                    id.as_str()
                ),
            );
        }
        Some(id)
    }

    /// Checks one text field: not blank, no control characters, not too long. Returns it trimmed.
    fn text(&mut self, field: impl Label, raw: &mut Text, max: usize, lines: Lines) -> String {
        let value = raw.get_ref().trim();
        if value.is_empty() {
            self.error(
                raw.span(),
                format!("`{field}` is empty"),
                "write the text, or remove the key if it is optional",
            );
            return String::new();
        }
        if let Some(bad) = first_forbidden(value, lines == Lines::Many) {
            let help = if bad == '\n' {
                "keep this field on one line".to_owned()
            } else {
                "remove it (control and text-direction characters can hide or reorder text)"
                    .to_owned()
            };
            self.error(
                raw.span(),
                format!(
                    "`{field}` contains the invisible character U+{:04X}",
                    u32::from(bad)
                ),
                help,
            );
        }
        // Briefings are mostly ASCII, where bytes are characters and counting is free.
        let length = if value.is_ascii() {
            value.len()
        } else {
            value.chars().count()
        };
        if length > max {
            self.error(
                raw.span(),
                format!("`{field}` is {length} characters long; the limit is {max}"),
                "shorten it",
            );
        }
        // The string serde made is the one kept (trimmed in place): no copy of every text.
        raw.take_trimmed()
    }

    fn optional_text(
        &mut self,
        field: impl Label,
        raw: &mut Option<Text>,
        max: usize,
        lines: Lines,
    ) -> Option<String> {
        raw.as_mut().map(|raw| self.text(field, raw, max, lines))
    }

    fn slug(&mut self, field: impl Label, raw: &mut Text, max: usize) -> String {
        let value = raw.get_ref();
        if !is_slug(value, max) {
            self.error(
                raw.span(),
                format!("`{field}` {value:?} is not a lowercase slug of at most {max} characters"),
                "use lowercase letters, digits and single hyphens, e.g. \"belarus-russia\"",
            );
        }
        raw.take_trimmed()
    }

    fn timestamp(&mut self, field: impl Label, raw: &Loc<Datetime>) -> Option<Timestamp> {
        let timestamp = Timestamp::from_toml(raw.get_ref());
        if timestamp.is_none() {
            self.error(
                raw.span(),
                format!("`{field}` has no valid calendar date"),
                "write a TOML date such as 2026-11-27 or a datetime such as 2026-11-27T09:00:00Z",
            );
        }
        timestamp
    }

    fn count<T>(&mut self, field: impl Label, items: Option<&Loc<Vec<T>>>, max: usize) {
        if let Some(items) = items {
            if items.get_ref().len() > max {
                self.error(
                    items.span(),
                    format!(
                        "{} `{field}` entries; the limit is {max}",
                        items.get_ref().len()
                    ),
                    "keep the ones that matter most",
                );
            }
        }
    }

    fn tags(&mut self, raw: Option<&mut Loc<Vec<Text>>>) -> Vec<String> {
        self.count("tags", raw.as_deref(), TAGS_MAX);
        let mut seen = HashSet::new();
        let entries = items_mut(raw);
        let mut tags = Vec::with_capacity(entries.len());
        for tag in entries.iter_mut() {
            let value = self.slug("tags", tag, TAG_MAX);
            if !seen.insert(value.clone()) {
                self.error(
                    tag.span(),
                    format!("tag {value:?} is listed twice"),
                    "remove the repeat",
                );
            }
            tags.push(value);
        }
        tags
    }

    fn actors(&mut self, raw: Option<&mut Loc<Vec<Loc<RawActor>>>>) -> Vec<Actor> {
        self.count("actors", raw.as_deref(), ACTORS_MAX);
        let mut seen = HashSet::new();
        let entries = items_mut(raw);
        let mut actors = Vec::with_capacity(entries.len());
        for (index, spanned) in entries.iter_mut().enumerate() {
            let raw = spanned.get_mut();
            let label = |field| Field::item("actors", index, field);
            let id = self.slug(label("id"), &mut raw.id, ACTOR_ID_MAX);
            if !seen.insert(id.clone()) {
                self.error(
                    raw.id.span(),
                    format!("actor id {id:?} is used twice"),
                    "give each actor of a briefing its own id",
                );
            }
            let name = self.text(label("name"), &mut raw.name, NAME_MAX, Lines::One);
            self.count(label("aliases"), raw.aliases.as_ref(), ALIASES_MAX);
            let aliases = items_mut(raw.aliases.as_mut())
                .iter_mut()
                .map(|alias| self.text(label("aliases"), alias, NAME_MAX, Lines::One))
                .collect();
            let kind = ActorKind::parse(raw.kind.get_ref()).unwrap_or_else(|| {
                let known: Vec<&str> = ActorKind::ALL.iter().map(|kind| kind.as_str()).collect();
                self.error(
                    raw.kind.span(),
                    format!(
                        "{} is {:?}, not a known kind",
                        label("kind"),
                        raw.kind.get_ref()
                    ),
                    format!("use one of {}", known.join(", ")),
                );
                ActorKind::Group
            });
            let role = self.text(label("role"), &mut raw.role, ROLE_MAX, Lines::One);
            let position = self.optional_text(
                label("position"),
                &mut raw.position,
                POSITION_MAX,
                Lines::Many,
            );
            actors.push(Actor {
                id,
                name,
                aliases,
                kind,
                role,
                position,
            });
        }
        actors
    }

    fn quotes(
        &mut self,
        raw: Option<&mut Loc<Vec<Loc<RawQuote>>>>,
        fallback: Range<usize>,
        actors: &[Actor],
    ) -> Vec<Quote> {
        self.count("quotes", raw.as_deref(), QUOTES_MAX);
        let raw_quotes = items_mut(raw);
        let mut quotes = Vec::with_capacity(raw_quotes.len());
        let mut key_spans = Vec::new();
        for (index, spanned) in raw_quotes.iter_mut().enumerate() {
            let span = spanned.span();
            let raw = spanned.get_mut();
            let label = |field| Field::item("quotes", index, field);
            let text = self.text(label("text"), &mut raw.text, QUOTE_MAX, Lines::Many);
            let speaker = raw.speaker.as_ref().map(|speaker| {
                let id = speaker.get_ref().clone();
                if !actors.iter().any(|actor| actor.id == id) {
                    let help = match closest(&id, actors.iter().map(|actor| actor.id.as_str())) {
                        Some(near) => format!("did you mean {near:?}? A speaker is the id of an actor of this briefing"),
                        None => "add an [[actors]] entry with this id, or remove `speaker` for an unattributed quote".to_owned(),
                    };
                    self.error(speaker.span(), format!("speaker {id:?} is not an actor of this briefing"), help);
                }
                id
            });
            let context =
                self.optional_text(label("context"), &mut raw.context, CONTEXT_MAX, Lines::Many);
            let key = raw.key.as_ref().is_some_and(|key| *key.get_ref());
            if key {
                key_spans.push(raw.key.as_ref().map_or(span, Loc::span));
            }
            quotes.push(Quote {
                text,
                speaker,
                context,
                key,
            });
        }
        match key_spans.len() {
            0 if !raw_quotes.is_empty() => self.error(
                raw_quotes.first().map_or(fallback, Loc::span),
                "no quote is marked as the key quote",
                "add `key = true` to the one quote that stands for this briefing",
            ),
            0 | 1 => {}
            count => {
                for span in key_spans.into_iter().skip(1) {
                    self.error(
                        span,
                        format!("{count} quotes are marked `key = true`"),
                        "keep exactly one key quote: set `key = false` or remove the key on the others",
                    );
                }
            }
        }
        quotes
    }

    fn questions(&mut self, raw: Option<&mut Loc<Vec<Loc<RawQuestion>>>>) -> Vec<Question> {
        self.count("questions", raw.as_deref(), QUESTIONS_MAX);
        let entries = items_mut(raw);
        let mut questions = Vec::with_capacity(entries.len());
        for (index, spanned) in entries.iter_mut().enumerate() {
            let raw = spanned.get_mut();
            let label = |field| Field::item("questions", index, field);
            let text = self.text(label("text"), &mut raw.text, QUESTION_MAX, Lines::One);
            if !text.is_empty() && !text.ends_with('?') {
                self.error(
                    raw.text.span(),
                    format!("{} does not end with `?`", label("text")),
                    "phrase it as a question",
                );
            }
            let context =
                self.optional_text(label("context"), &mut raw.context, CONTEXT_MAX, Lines::Many);
            questions.push(Question { text, context });
        }
        questions
    }

    fn sources(
        &mut self,
        raw: Option<&mut Loc<Vec<Loc<RawSource>>>>,
        fallback: Range<usize>,
    ) -> Vec<Source> {
        self.count("sources", raw.as_deref(), SOURCES_MAX);
        let raw_sources = items_mut(raw);
        if raw_sources.is_empty() {
            self.error(
                fallback,
                "the briefing names no source",
                "add a [[sources]] entry with the article's title, outlet, url and date",
            );
        }
        let mut sources = Vec::with_capacity(raw_sources.len());
        for (index, spanned) in raw_sources.iter_mut().enumerate() {
            let raw = spanned.get_mut();
            let label = |field| Field::item("sources", index, field);
            let title = self.text(label("title"), &mut raw.title, SOURCE_TITLE_MAX, Lines::One);
            let outlet =
                self.optional_text(label("outlet"), &mut raw.outlet, OUTLET_MAX, Lines::One);
            let original_outlet = self.optional_text(
                label("original_outlet"),
                &mut raw.original_outlet,
                OUTLET_MAX,
                Lines::One,
            );
            let url = raw.url.as_mut().map(|url| self.url(label("url"), url));
            let published = raw
                .published
                .as_ref()
                .and_then(|published| self.timestamp(label("published"), published));
            let note = self.optional_text(label("note"), &mut raw.note, NOTE_MAX, Lines::Many);
            sources.push(Source {
                title,
                outlet,
                original_outlet,
                url,
                published,
                note,
            });
        }
        sources
    }

    fn url(&mut self, field: impl Label, raw: &mut Text) -> String {
        let value = self.text(field, raw, URL_MAX, Lines::One);
        if value.is_empty() {
            return value;
        }
        match url::Url::parse(&value) {
            Ok(url) if matches!(url.scheme(), "http" | "https") && url.host().is_some() => {}
            Ok(url) => self.error(
                raw.span(),
                format!("`{field}` uses the scheme {:?}", url.scheme()),
                "link to an http:// or https:// address",
            ),
            Err(error) => self.error(
                raw.span(),
                format!("`{field}` is not a valid URL: {error}"),
                "write a full address such as https://example.com/article, or leave `url` out when unknown",
            ),
        }
        value
    }

    fn timeline(&mut self, raw: Option<&mut Loc<Vec<Loc<RawEvent>>>>) -> Vec<TimelineEvent> {
        self.count("timeline", raw.as_deref(), TIMELINE_MAX);
        let entries = items_mut(raw);
        let mut events = Vec::with_capacity(entries.len());
        for (index, spanned) in entries.iter_mut().enumerate() {
            let raw = spanned.get_mut();
            let label = |field| Field::item("timeline", index, field);
            let date = self.timestamp(label("date"), &raw.date);
            let text = self.text(label("text"), &mut raw.text, EVENT_MAX, Lines::One);
            if let Some(date) = date {
                events.push(TimelineEvent {
                    date: date.date,
                    text,
                });
            }
        }
        events
    }
}

/// The entries of an optional array, to take their values (none when the key is absent).
/// Every list of a briefing is then allocated to its exact size (`with_capacity` of this
/// length), since a briefing lives as long as the library and a growing `Vec` reserves four.
fn items_mut<T>(raw: Option<&mut Loc<Vec<T>>>) -> &mut [T] {
    raw.map_or(&mut [], |raw| raw.get_mut().as_mut_slice())
}

#[cfg(test)]
#[path = "parse_tests.rs"]
mod tests;
