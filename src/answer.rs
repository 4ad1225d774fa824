//! One function from a library and a command to a reply, shared by the CLI and Discord.
//!
//! Every user mistake (an unknown briefing, a filter that matches nothing, an option too long)
//! is a reply too, with `Tone::Error`, so both transports show it the same way.

use std::fmt::Write as _;

use crate::briefing::{Briefing, Quote};
use crate::library::{Library, Place, StoryEvent};
use crate::reply::{Field, Reply, Tone};
use crate::text::{fold, truncate, words};

/// The longest search query accepted.
pub const QUERY_MAX: usize = 200;
/// The longest briefing id, speaker, name or story filter accepted.
pub const OPTION_MAX: usize = 100;
/// How many briefings a list or a search shows at most.
pub const LIST_MAX: usize = 10;
/// How many timeline events are shown at most (the latest ones): 25 lines of about 150
/// characters fit one Discord embed description (4096).
pub const TIMELINE_SHOWN_MAX: usize = 25;

/// Bytes a timeline line adds to its event's text: the date, " — " and a newline.
const DATE_LINE_OVERHEAD: usize = "2026-11-27 — \n".len();

/// What a user asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// The summary of a briefing.
    Summary {
        /// The briefing id; the newest briefing when `None`.
        briefing: Option<String>,
    },
    /// The key quote, or every quote, optionally of one speaker.
    Quote {
        /// The briefing id; the newest briefing when `None`.
        briefing: Option<String>,
        /// Every quote rather than the key one.
        all: bool,
        /// Only quotes by an actor whose id, name or alias matches.
        speaker: Option<String>,
    },
    /// The actors, optionally filtered by name.
    Actors {
        /// The briefing id; the newest briefing when `None`.
        briefing: Option<String>,
        /// Only actors whose id, name, alias or role matches.
        name: Option<String>,
    },
    /// The open questions.
    Questions {
        /// The briefing id; the newest briefing when `None`.
        briefing: Option<String>,
    },
    /// The list of briefings, newest first.
    Briefings {
        /// Only this story's briefings; all when `None`.
        story: Option<String>,
    },
    /// The dated events of a story, oldest first.
    Timeline {
        /// The story; the newest briefing's story when `None`.
        story: Option<String>,
    },
    /// A keyword search across every briefing.
    Search {
        /// The words to find.
        query: String,
    },
    /// Where a briefing's facts come from.
    Sources {
        /// The briefing id; the newest briefing when `None`.
        briefing: Option<String>,
    },
    /// What the bot can do.
    Help,
}

/// Answers a command from a library snapshot.
pub fn answer(library: &Library, command: &Command) -> Reply {
    match command {
        Command::Summary { briefing } => with_briefing(library, briefing, summary),
        Command::Quote {
            briefing,
            all,
            speaker,
        } => with_briefing(library, briefing, |briefing| {
            quote(briefing, *all, speaker.as_deref())
        }),
        Command::Actors { briefing, name } => with_briefing(library, briefing, |briefing| {
            actors(briefing, name.as_deref())
        }),
        Command::Questions { briefing } => with_briefing(library, briefing, questions),
        Command::Sources { briefing } => with_briefing(library, briefing, sources),
        Command::Briefings { story } => briefings(library, story.as_deref()),
        Command::Timeline { story } => timeline(library, story.as_deref()),
        Command::Search { query } => search(library, query),
        Command::Help => help(),
    }
}

/// Finds the briefing a command is about, or explains why there is none.
fn with_briefing(
    library: &Library,
    wanted: &Option<String>,
    respond: impl FnOnce(&Briefing) -> Reply,
) -> Reply {
    let found = match wanted.as_deref().map(str::trim) {
        None | Some("") => library.newest(None),
        Some(id) if id.chars().count() > OPTION_MAX => return unknown_briefing(library, id),
        Some(id) => match library.get(id) {
            Some(briefing) => Some(briefing),
            None => return unknown_briefing(library, id),
        },
    };
    match found {
        Some(briefing) => respond(briefing),
        None => no_briefings(),
    }
}

fn no_briefings() -> Reply {
    Reply::error(
        "No briefings are loaded",
        "The briefings folder holds no valid briefing yet. An editor adds one with `briefbot derive` and `briefbot check`.",
    )
}

fn unknown_briefing(library: &Library, id: &str) -> Reply {
    let shown = truncate(id, 60);
    let suggestions = library.suggest(id);
    let text = if suggestions.is_empty() {
        "No briefing has that id. Use the `briefings` command to list them, or `search` to find one.".to_owned()
    } else {
        let ids: Vec<String> = suggestions.iter().map(|id| format!("`{id}`")).collect();
        format!("Did you mean {}?", or_list(&ids))
    };
    Reply::error(format!("No briefing “{shown}”"), text)
}

fn or_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [only] => only.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// The footer every briefing reply carries: which briefing, when, from whom.
pub(crate) fn footer(briefing: &Briefing) -> String {
    let mut footer = format!("{} · {}", briefing.id, briefing.published.date);
    if let Some(updated) = briefing.updated {
        footer.push_str(&format!(" · updated {}", updated.date));
    }
    if let Some(outlet) = briefing
        .sources
        .first()
        .and_then(|source| source.outlet.as_deref())
    {
        footer.push_str(&format!(" · {outlet}"));
    }
    footer
}

/// A reply about one briefing, with its link, footer and id filled in.
fn about(
    briefing: &Briefing,
    tone: Tone,
    title: String,
    text: String,
    fields: Vec<Field>,
) -> Reply {
    Reply {
        tone,
        title,
        url: briefing
            .sources
            .iter()
            .find_map(|source| source.url.clone()),
        text,
        fields,
        footer: Some(footer(briefing)),
        briefing: Some(briefing.id.as_str().to_owned()),
    }
}

fn summary(briefing: &Briefing) -> Reply {
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

fn attribution(briefing: &Briefing, quote: &Quote) -> String {
    match quote.speaker.as_deref().and_then(|id| briefing.actor(id)) {
        Some(actor) => format!("{}, {}", actor.name, actor.role),
        None => quote
            .speaker
            .clone()
            .unwrap_or_else(|| "unattributed".to_owned()),
    }
}

fn quote(briefing: &Briefing, all: bool, speaker: Option<&str>) -> Reply {
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
            let mut value = format!("“{}”", quote.text);
            if let Some(context) = &quote.context {
                value.push_str(&format!("\n{context}"));
            }
            Field::new(name, value)
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
fn name_matches<'a>(wanted: &str, names: impl Iterator<Item = &'a str>) -> bool {
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

fn actors(briefing: &Briefing, name: Option<&str>) -> Reply {
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

fn questions(briefing: &Briefing) -> Reply {
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

fn sources(briefing: &Briefing) -> Reply {
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

fn unknown_story(library: &Library, story: &str) -> Reply {
    let stories: Vec<String> = library
        .stories()
        .iter()
        .map(|story| format!("`{story}`"))
        .collect();
    Reply::error(
        format!("No story “{}”", truncate(story, 60)),
        if stories.is_empty() {
            "No briefings are loaded.".to_owned()
        } else {
            format!("Known stories: {}.", stories.join(", "))
        },
    )
}

/// Checks a story option; `Ok(None)` means every story.
fn story_option<'a>(
    library: &Library,
    story: Option<&'a str>,
) -> Result<Option<&'a str>, Box<Reply>> {
    match story.map(str::trim).filter(|story| !story.is_empty()) {
        None => Ok(None),
        Some(story) if story.chars().count() > OPTION_MAX => {
            Err(Box::new(too_long("story", OPTION_MAX)))
        }
        Some(story) if library.count(Some(story)) == 0 => {
            Err(Box::new(unknown_story(library, story)))
        }
        Some(story) => Ok(Some(story)),
    }
}

fn briefings(library: &Library, story: Option<&str>) -> Reply {
    let story = match story_option(library, story) {
        Ok(story) => story,
        Err(reply) => return *reply,
    };
    let total = library.count(story);
    if total == 0 {
        return no_briefings();
    }
    let fields = library
        .of_story(story)
        .take(LIST_MAX)
        .map(|briefing| {
            Field::new(
                format!("{} · {}", briefing.published.date, briefing.title),
                format!(
                    "{}\nid: {}",
                    truncate(&briefing.summary.tldr, 300),
                    briefing.id
                ),
            )
        })
        .collect();
    let scope = story.map_or_else(
        || "all stories".to_owned(),
        |story| format!("story {story}"),
    );
    let mut reply = Reply::info(
        "Briefings",
        format!("{total} briefings, newest first ({scope})."),
    );
    reply.fields = fields;
    if total > LIST_MAX {
        reply.footer = Some(format!(
            "Showing the newest {LIST_MAX} of {total}. Use search to find older ones."
        ));
    }
    reply
}

fn timeline(library: &Library, story: Option<&str>) -> Reply {
    let story = match story_option(library, story) {
        Ok(Some(story)) => story.to_owned(),
        Ok(None) => match library.newest(None) {
            Some(newest) => newest.story.clone(),
            None => return no_briefings(),
        },
        Err(reply) => return *reply,
    };
    let events = library.timeline(&story);
    let total = events.len();
    if total == 0 {
        return Reply::info(
            format!("Timeline — {story}"),
            "No dated events are recorded for this story yet.",
        );
    }
    let skipped = total.saturating_sub(TIMELINE_SHOWN_MAX);
    // From the end: the latest events are the ones shown, and skipping from the front would
    // walk the whole story.
    let shown: Vec<StoryEvent<'_>> = events.rev().take(TIMELINE_SHOWN_MAX).collect();
    // One buffer sized up front: this answer is the longest text a command builds, and a
    // string per line plus a join was most of its cost.
    let mut text = String::with_capacity(
        shown
            .iter()
            .map(|entry| entry.event.text.len() + DATE_LINE_OVERHEAD)
            .sum(),
    );
    for entry in shown.iter().rev() {
        if !text.is_empty() {
            text.push('\n');
        }
        // Writing to a String cannot fail.
        let _ = write!(text, "{} — {}", entry.event.date, entry.event.text);
    }
    let mut reply = Reply::info(format!("Timeline — {story}"), text);
    reply.footer = Some(if skipped > 0 {
        format!("The latest {TIMELINE_SHOWN_MAX} of {total} events, oldest first.")
    } else {
        format!(
            "{total} events from {} briefings, oldest first.",
            library.count(Some(&story))
        )
    });
    reply
}

fn search(library: &Library, query: &str) -> Reply {
    let query = query.trim();
    if query.is_empty() || words(&fold(query)).next().is_none() {
        return Reply::error(
            "Nothing to search for",
            "Give a word or a name to search for, e.g. `vassal` or `Lukashenka`.",
        );
    }
    if query.chars().count() > QUERY_MAX {
        return too_long("query", QUERY_MAX);
    }
    let found = library.search(query, LIST_MAX);
    if found.total == 0 {
        return Reply::info(
            format!("No briefing mentions “{query}”"),
            "Try another spelling, fewer words, or the `briefings` command for the full list.",
        );
    }
    let fields = found
        .hits
        .iter()
        .map(|hit| {
            let briefing = &hit.briefing;
            let excerpt = hit.places.first().map_or_else(
                || briefing.summary.tldr.clone(),
                |place| excerpt(briefing, *place),
            );
            Field::new(
                format!("{} · {}", briefing.published.date, briefing.title),
                format!("{}\nid: {}", truncate(&excerpt, 300), briefing.id),
            )
        })
        .collect();
    let mut reply = Reply::info(
        format!("Search — “{query}”"),
        match found.total {
            1 => "1 briefing matches.".to_owned(),
            total => format!("{total} briefings match, best first."),
        },
    );
    reply.fields = fields;
    if found.total > found.hits.len() {
        reply.footer = Some(format!(
            "Showing {} of {}. Add words to narrow it down.",
            found.hits.len(),
            found.total
        ));
    }
    reply
}

/// The text at a search hit's place, as a reader would want to see it.
fn excerpt(briefing: &Briefing, place: Place) -> String {
    match place {
        Place::Title | Place::Tags | Place::Tldr => briefing.summary.tldr.clone(),
        Place::Body => briefing.summary.body.clone(),
        Place::Actor(position) => briefing
            .actors
            .get(position)
            .map_or_else(String::new, |actor| {
                format!("{} — {}", actor.name, actor.role)
            }),
        Place::Quote(position) => briefing
            .quotes
            .get(position)
            .map_or_else(String::new, |quote| quoted(briefing, quote)),
        Place::Question(position) => briefing
            .questions
            .get(position)
            .map_or_else(String::new, |question| question.text.clone()),
        Place::Timeline(position) => briefing
            .timeline
            .get(position)
            .map_or_else(String::new, |event| {
                format!("{} — {}", event.date, event.text)
            }),
    }
}

fn too_long(option: &str, max: usize) -> Reply {
    Reply::error(
        format!("The {option} is too long"),
        format!("Keep it to {max} characters."),
    )
}

fn help() -> Reply {
    let mut reply = Reply::info(
        "briefbot",
        "Briefings on the Belarus–Russia story, each written from a news article. Without a briefing option, the newest briefing answers.",
    );
    reply.fields = [
        (
            "summary [briefing]",
            "What happened, why it matters, the key quote.",
        ),
        (
            "quote [briefing] [all] [speaker]",
            "The key quote; every quote; or the quotes of one speaker.",
        ),
        (
            "actors [briefing] [name]",
            "Who is involved: role and stance.",
        ),
        ("questions [briefing]", "What the article leaves open."),
        ("sources [briefing]", "Where the facts come from."),
        ("briefings [story]", "Every briefing, newest first."),
        (
            "timeline [story]",
            "The dated events of the story, oldest first.",
        ),
        (
            "search query",
            "Find briefings by word or name (accents and case ignored).",
        ),
        (
            "subscribe · unsubscribe · subscriptions",
            "In Discord, for members with Manage Channels: post each new or updated briefing in a channel, stop, or list this server's subscriptions.",
        ),
    ]
    .into_iter()
    .map(|(name, value)| Field::new(name, value))
    .collect();
    reply
}
