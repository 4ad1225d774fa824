//! Text → [`Briefing`], collecting every problem as a located [`Diagnostic`].

use std::collections::HashSet;
use std::ops::Range;
use std::path::Path;

use toml::Spanned;
use toml::value::Datetime;

use super::limits::*;
use super::raw::{RawActor, RawBriefing, RawEvent, RawQuestion, RawQuote, RawSource, Text};
use super::{
    Actor, ActorKind, Briefing, BriefingId, Question, Quote, SCHEMA_VERSION, Source, Summary,
    TimelineEvent, Timestamp, is_slug,
};
use crate::diagnostic::Diagnostic;
use crate::text::edit_distance;

const FORMAT_DOC: &str = "briefings/README.md";

/// Parses and validates one briefing file.
///
/// `path` names the file in diagnostics, and its stem must equal the briefing's `id`. Every
/// problem found is returned, not just the first; syntax and type errors stop the parse early
/// because nothing after them can be trusted.
pub fn parse(path: &Path, source: &str) -> Result<Briefing, Vec<Diagnostic>> {
    let display = path.display().to_string();
    let raw: RawBriefing = match toml::from_str(source) {
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
    if checker.diagnostics.iter().any(Diagnostic::is_error) {
        Err(checker.diagnostics)
    } else {
        briefing.ok_or(checker.diagnostics)
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

    fn briefing(&mut self, raw: RawBriefing, stem: &str) -> Option<Briefing> {
        if *raw.schema.get_ref() != SCHEMA_VERSION {
            self.error(
                raw.schema.span(),
                format!("schema {} is not supported", raw.schema.get_ref()),
                format!("this briefbot reads schema = {SCHEMA_VERSION}"),
            );
        }
        let id = self.id(&raw.id, stem);
        let story = self.slug("story", &raw.story, STORY_MAX);
        let title = self.text("title", &raw.title, TITLE_MAX, Lines::One);
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
            &raw.update_note,
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
        let tags = self.tags(raw.tags.as_ref());
        let summary = Summary {
            tldr: self.text("summary.tldr", &raw.summary.tldr, TLDR_MAX, Lines::One),
            body: self.text("summary.body", &raw.summary.body, BODY_MAX, Lines::Many),
            why_it_matters: self.optional_text(
                "summary.why_it_matters",
                &raw.summary.why_it_matters,
                WHY_MAX,
                Lines::Many,
            ),
        };
        let actors = self.actors(raw.actors.as_ref());
        let quotes = self.quotes(raw.quotes.as_ref(), raw.id.span(), &actors);
        let questions = self.questions(raw.questions.as_ref());
        let sources = self.sources(raw.sources.as_ref(), raw.id.span());
        let timeline = self.timeline(raw.timeline.as_ref());
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
    fn text(&mut self, field: &str, raw: &Text, max: usize, lines: Lines) -> String {
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
        value.to_owned()
    }

    fn optional_text(
        &mut self,
        field: &str,
        raw: &Option<Text>,
        max: usize,
        lines: Lines,
    ) -> Option<String> {
        raw.as_ref().map(|raw| self.text(field, raw, max, lines))
    }

    fn slug(&mut self, field: &str, raw: &Text, max: usize) -> String {
        let value = raw.get_ref();
        if !is_slug(value, max) {
            self.error(
                raw.span(),
                format!("`{field}` {value:?} is not a lowercase slug of at most {max} characters"),
                "use lowercase letters, digits and single hyphens, e.g. \"belarus-russia\"",
            );
        }
        value.clone()
    }

    fn timestamp(&mut self, field: &str, raw: &Spanned<Datetime>) -> Option<Timestamp> {
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

    fn count<T>(&mut self, field: &str, items: Option<&Spanned<Vec<T>>>, max: usize) {
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

    fn tags(&mut self, raw: Option<&Spanned<Vec<Text>>>) -> Vec<String> {
        self.count("tags", raw, TAGS_MAX);
        let mut seen = HashSet::new();
        let mut tags = Vec::with_capacity(len(raw));
        for tag in items(raw) {
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

    fn actors(&mut self, raw: Option<&Spanned<Vec<Spanned<RawActor>>>>) -> Vec<Actor> {
        self.count("actors", raw, ACTORS_MAX);
        let mut seen = HashSet::new();
        let mut actors = Vec::with_capacity(len(raw));
        for (index, spanned) in items(raw).iter().enumerate() {
            let raw = spanned.get_ref();
            let label = |field: &str| format!("actors #{}: {field}", index + 1);
            let id = self.slug(&label("id"), &raw.id, ACTOR_ID_MAX);
            if !seen.insert(id.clone()) {
                self.error(
                    raw.id.span(),
                    format!("actor id {id:?} is used twice"),
                    "give each actor of a briefing its own id",
                );
            }
            let name = self.text(&label("name"), &raw.name, NAME_MAX, Lines::One);
            let aliases_raw = raw.aliases.as_ref();
            self.count(&label("aliases"), aliases_raw, ALIASES_MAX);
            let aliases = items(aliases_raw)
                .iter()
                .map(|alias| self.text(&label("aliases"), alias, NAME_MAX, Lines::One))
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
            let role = self.text(&label("role"), &raw.role, ROLE_MAX, Lines::One);
            let position =
                self.optional_text(&label("position"), &raw.position, POSITION_MAX, Lines::Many);
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
        raw: Option<&Spanned<Vec<Spanned<RawQuote>>>>,
        fallback: Range<usize>,
        actors: &[Actor],
    ) -> Vec<Quote> {
        self.count("quotes", raw, QUOTES_MAX);
        let raw_quotes = items(raw);
        let mut quotes = Vec::with_capacity(raw_quotes.len());
        let mut key_spans = Vec::new();
        for (index, spanned) in raw_quotes.iter().enumerate() {
            let raw = spanned.get_ref();
            let label = |field: &str| format!("quotes #{}: {field}", index + 1);
            let text = self.text(&label("text"), &raw.text, QUOTE_MAX, Lines::Many);
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
                self.optional_text(&label("context"), &raw.context, CONTEXT_MAX, Lines::Many);
            let key = raw.key.as_ref().is_some_and(|key| *key.get_ref());
            if key {
                key_spans.push(raw.key.as_ref().map_or(spanned.span(), Spanned::span));
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
                raw_quotes.first().map_or(fallback, Spanned::span),
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

    fn questions(&mut self, raw: Option<&Spanned<Vec<Spanned<RawQuestion>>>>) -> Vec<Question> {
        self.count("questions", raw, QUESTIONS_MAX);
        let mut questions = Vec::with_capacity(len(raw));
        for (index, spanned) in items(raw).iter().enumerate() {
            let raw = spanned.get_ref();
            let label = |field: &str| format!("questions #{}: {field}", index + 1);
            let text = self.text(&label("text"), &raw.text, QUESTION_MAX, Lines::One);
            if !text.is_empty() && !text.ends_with('?') {
                self.error(
                    raw.text.span(),
                    format!("{} does not end with `?`", label("text")),
                    "phrase it as a question",
                );
            }
            let context =
                self.optional_text(&label("context"), &raw.context, CONTEXT_MAX, Lines::Many);
            questions.push(Question { text, context });
        }
        questions
    }

    fn sources(
        &mut self,
        raw: Option<&Spanned<Vec<Spanned<RawSource>>>>,
        fallback: Range<usize>,
    ) -> Vec<Source> {
        self.count("sources", raw, SOURCES_MAX);
        let raw_sources = items(raw);
        if raw_sources.is_empty() {
            self.error(
                fallback,
                "the briefing names no source",
                "add a [[sources]] entry with the article's title, outlet, url and date",
            );
        }
        let mut sources = Vec::with_capacity(raw_sources.len());
        for (index, spanned) in raw_sources.iter().enumerate() {
            let raw = spanned.get_ref();
            let label = |field: &str| format!("sources #{}: {field}", index + 1);
            let title = self.text(&label("title"), &raw.title, SOURCE_TITLE_MAX, Lines::One);
            let outlet = self.optional_text(&label("outlet"), &raw.outlet, OUTLET_MAX, Lines::One);
            let original_outlet = self.optional_text(
                &label("original_outlet"),
                &raw.original_outlet,
                OUTLET_MAX,
                Lines::One,
            );
            let url = raw.url.as_ref().map(|url| self.url(&label("url"), url));
            let published = raw
                .published
                .as_ref()
                .and_then(|published| self.timestamp(&label("published"), published));
            let note = self.optional_text(&label("note"), &raw.note, NOTE_MAX, Lines::Many);
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

    fn url(&mut self, field: &str, raw: &Text) -> String {
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

    fn timeline(&mut self, raw: Option<&Spanned<Vec<Spanned<RawEvent>>>>) -> Vec<TimelineEvent> {
        self.count("timeline", raw, TIMELINE_MAX);
        let mut events = Vec::with_capacity(len(raw));
        for (index, spanned) in items(raw).iter().enumerate() {
            let raw = spanned.get_ref();
            let label = |field: &str| format!("timeline #{}: {field}", index + 1);
            let date = self.timestamp(&label("date"), &raw.date);
            let text = self.text(&label("text"), &raw.text, EVENT_MAX, Lines::One);
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

/// The entries of an optional array (none when the key is absent).
fn items<T>(raw: Option<&Spanned<Vec<T>>>) -> &[T] {
    raw.map_or(&[], |raw| raw.get_ref().as_slice())
}

/// How many entries an optional array has: every list of a briefing is allocated to its exact
/// size, since a briefing lives as long as the library and a growing `Vec` reserves four.
fn len<T>(raw: Option<&Spanned<Vec<T>>>) -> usize {
    items(raw).len()
}

/// The first character a text field may not hold; `\n` is allowed in many-line fields.
fn first_forbidden(value: &str, many_lines: bool) -> Option<char> {
    let allowed = |c: char| many_lines && c == '\n';
    if value.is_ascii() {
        // The hot path of loading: no Unicode tables for plain ASCII text.
        value
            .bytes()
            .find(|&byte| (byte < 0x20 || byte == 0x7f) && !(many_lines && byte == b'\n'))
            .map(char::from)
    } else {
        value.chars().find(|&c| is_forbidden(c) && !allowed(c))
    }
}

/// Control characters, and the bidirectional overrides that can make text read differently
/// from what it says ("Trojan source").
fn is_forbidden(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// The candidate nearest to `wanted`, when it is near enough to be a typo.
pub(crate) fn closest<'a>(
    wanted: &str,
    candidates: impl Iterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .map(|candidate| (edit_distance(wanted, candidate), candidate))
        .filter(|&(distance, candidate)| distance <= (candidate.chars().count() / 3).max(2))
        .min()
        .map(|(_, candidate)| candidate)
}

#[cfg(test)]
#[path = "parse_tests.rs"]
mod tests;
