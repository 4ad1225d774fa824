//! Answers about one briefing: its summary, quotes, actors, questions and sources.

use crate::briefing::{Briefing, Quote};
use crate::reply::{Field, Reply, Tone};
use crate::text::{fold, truncate, words};

use super::{OPTION_MAX, about, or_list, too_long};

pub(super) fn summary(briefing: &Briefing) -> Reply {
    let mut fields = Vec::new();
    if let Some(why) = &briefing.summary.why_it_matters {
        fields.push(Field::new("Why it matters", why));
    }
    if let Some(quote) = briefing.key_quote() {
        fields.push(Field::new("Key quote", quoted(briefing, quote)));
    }
    if let (Some(_), Some(note)) = (briefing.updated, &briefing.update_note) {
        fields.push(Field::new("What's new", note));
    }
    let text = format!("{}\n\n{}", briefing.summary.tldr, briefing.summary.body);
    about(briefing, Tone::Info, briefing.title.clone(), text, fields)
}

/// A quote as shown everywhere: in quotation marks, attributed.
pub(crate) fn quoted(briefing: &Briefing, quote: &Quote) -> String {
    format!("“{}”\n— {}", quote.text, attribution(briefing, quote))
}

/// A quote in quotation marks, its context on the next line: a quote field's value.
pub(super) fn quote_with_context(quote: &Quote) -> String {
    let mut value = format!("“{}”", quote.text);
    if let Some(context) = &quote.context {
        value.push_str(&format!("\n{context}"));
    }
    value
}

pub(super) fn attribution(briefing: &Briefing, quote: &Quote) -> String {
    match quote.speaker.as_deref().and_then(|id| briefing.actor(id)) {
        Some(actor) => format!("{}, {}", actor.name, actor.role),
        None => quote
            .speaker
            .clone()
            .unwrap_or_else(|| "unattributed".to_owned()),
    }
}

pub(super) fn quote(briefing: &Briefing, all: bool, speaker: Option<&str>) -> Reply {
    if briefing.quotes.is_empty() {
        return about(
            briefing,
            Tone::Info,
            format!("Quotes — {}", briefing.title),
            "This briefing has no direct quotes.".to_owned(),
            Vec::new(),
        );
    }
    let speaker = speaker.map(str::trim).filter(|speaker| !speaker.is_empty());
    if let Some(speaker) = speaker {
        if speaker.chars().count() > OPTION_MAX {
            return too_long("speaker", OPTION_MAX);
        }
        let chosen: Vec<&Quote> = briefing
            .quotes
            .iter()
            .filter(|quote| {
                quote
                    .speaker
                    .as_deref()
                    .and_then(|id| briefing.actor(id))
                    .is_some_and(|actor| {
                        name_matches(
                            speaker,
                            std::iter::once(actor.id.as_str()).chain(actor.names()),
                        )
                    })
            })
            .collect();
        if chosen.is_empty() {
            let mut speakers: Vec<String> = briefing
                .quotes
                .iter()
                .filter_map(|quote| briefing.speaker_name(quote).map(str::to_owned))
                .collect();
            speakers.dedup();
            let text = if speakers.is_empty() {
                "None of this briefing's quotes is attributed.".to_owned()
            } else {
                format!(
                    "This briefing quotes {}.",
                    or_list(&speakers).replace(" or ", " and ")
                )
            };
            return Reply::error(format!("No quote by “{}”", truncate(speaker, 60)), text);
        }
        return quote_list(briefing, &chosen);
    }
    if all {
        let every: Vec<&Quote> = briefing.quotes.iter().collect();
        return quote_list(briefing, &every);
    }
    let Some(key) = briefing.key_quote() else {
        let every: Vec<&Quote> = briefing.quotes.iter().collect();
        return quote_list(briefing, &every);
    };
    let mut fields = Vec::new();
    if let Some(context) = &key.context {
        fields.push(Field::new("Context", context));
    }
    about(
        briefing,
        Tone::Quote,
        format!("Key quote — {}", briefing.title),
        quoted(briefing, key),
        fields,
    )
}

fn quote_list(briefing: &Briefing, quotes: &[&Quote]) -> Reply {
    let fields = quotes
        .iter()
        .map(|quote| {
            let mut name = attribution(briefing, quote);
            if quote.key {
                name.push_str(" (key quote)");
            }
            Field::new(name, quote_with_context(quote))
        })
        .collect();
    let count = match quotes.len() {
        1 => "1 quote".to_owned(),
        many => format!("{many} quotes"),
    };
    about(
        briefing,
        Tone::Quote,
        format!("Quotes — {}", briefing.title),
        count,
        fields,
    )
}

/// True when every word of `wanted` begins a word of one of `names` (case and accents ignored).
pub(super) fn name_matches<'a>(wanted: &str, names: impl Iterator<Item = &'a str>) -> bool {
    let wanted = fold(wanted);
    let wanted: Vec<&str> = words(&wanted).collect();
    names.into_iter().any(|name| {
        let folded = fold(name);
        let name_words: Vec<&str> = words(&folded).collect();
        !wanted.is_empty()
            && wanted
                .iter()
                .all(|want| name_words.iter().any(|word| word.starts_with(want)))
    })
}

pub(super) fn actors(briefing: &Briefing, name: Option<&str>) -> Reply {
    let name = name.map(str::trim).filter(|name| !name.is_empty());
    if name.is_some_and(|name| name.chars().count() > OPTION_MAX) {
        return too_long("name", OPTION_MAX);
    }
    let chosen: Vec<_> = briefing
        .actors
        .iter()
        .filter(|actor| {
            name.is_none_or(|name| {
                name_matches(
                    name,
                    [actor.id.as_str(), actor.role.as_str()]
                        .into_iter()
                        .chain(actor.names()),
                )
            })
        })
        .collect();
    if let (Some(name), true) = (name, chosen.is_empty()) {
        return Reply::error(
            format!("No actor matches “{}”", truncate(name, 60)),
            format!(
                "This briefing names {}.",
                briefing
                    .actors
                    .iter()
                    .map(|actor| actor.name.clone())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        );
    }
    let fields = chosen
        .iter()
        .map(|actor| {
            let mut value = actor.role.clone();
            if let Some(position) = &actor.position {
                value.push_str(&format!("\n{position}"));
            }
            if !actor.aliases.is_empty() {
                value.push_str(&format!("\nAlso written: {}", actor.aliases.join(", ")));
            }
            Field::new(format!("{} ({})", actor.name, actor.kind), value)
        })
        .collect();
    let text = match chosen.len() {
        0 => "This briefing names no actors.".to_owned(),
        1 => "1 actor".to_owned(),
        many => format!("{many} actors"),
    };
    about(
        briefing,
        Tone::Info,
        format!("Actors — {}", briefing.title),
        text,
        fields,
    )
}

pub(super) fn questions(briefing: &Briefing) -> Reply {
    let fields = briefing
        .questions
        .iter()
        .map(|question| {
            Field::new(
                &question.text,
                question
                    .context
                    .clone()
                    .unwrap_or_else(|| "(no context given)".to_owned()),
            )
        })
        .collect();
    let text = match briefing.questions.len() {
        0 => "This briefing leaves no open questions.".to_owned(),
        1 => "1 open question".to_owned(),
        many => format!("{many} open questions"),
    };
    about(
        briefing,
        Tone::Info,
        format!("Open questions — {}", briefing.title),
        text,
        fields,
    )
}

pub(super) fn sources(briefing: &Briefing) -> Reply {
    let fields = briefing
        .sources
        .iter()
        .map(|source| {
            let mut lines = vec![match (&source.outlet, &source.original_outlet) {
                (Some(outlet), Some(original)) => {
                    format!("{outlet}, first published by {original}")
                }
                (Some(outlet), None) => outlet.clone(),
                (None, Some(original)) => format!("first published by {original}"),
                (None, None) => "Outlet unknown".to_owned(),
            }];
            lines.push(match source.published {
                Some(published) => format!("Published {published}"),
                None => "Publication date unknown".to_owned(),
            });
            lines.extend(source.url.clone());
            lines.extend(source.note.clone());
            Field::new(&source.title, lines.join("\n"))
        })
        .collect();
    let text = match briefing.sources.len() {
        1 => "1 source".to_owned(),
        many => format!("{many} sources"),
    };
    about(
        briefing,
        Tone::Info,
        format!("Sources — {}", briefing.title),
        text,
        fields,
    )
}
