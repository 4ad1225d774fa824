//! One function from a library and a command to a reply, shared by the CLI and Discord.
//!
//! Every user mistake (an unknown briefing, a filter that matches nothing, an option too long)
//! is a reply too, with `Tone::Error`, so both transports show it the same way.

mod actor;
mod briefing;
pub(crate) use briefing::quoted;
mod help;
mod period;
mod search;
mod story;

use crate::briefing::Briefing;
use crate::library::Library;
use crate::reply::{Field, Reply, Tone};
use crate::text::truncate;

/// The longest search query accepted.
pub const QUERY_MAX: usize = 200;
/// The longest briefing id, speaker, name or story filter accepted.
pub const OPTION_MAX: usize = 100;
/// How many briefings a list or a search shows at most.
pub const LIST_MAX: usize = 10;
/// How many timeline events are shown at most (the latest ones): 25 lines of about 150
/// characters fit one Discord embed description (4096).
pub const TIMELINE_SHOWN_MAX: usize = 25;
/// How many quotes a story-wide answer (a dossier, a speaker across the story) shows at most,
/// newest first: 25 fields fill one embed.
pub const STORY_QUOTES_MAX: usize = 25;

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
        /// The briefing id; the newest briefing when `None` (but see `speaker`).
        briefing: Option<String>,
        /// Every quote rather than the key one.
        all: bool,
        /// Only quotes by an actor whose id, name or alias matches: in the named briefing,
        /// or across the whole story when no briefing is named.
        speaker: Option<String>,
    },
    /// One actor across the story: names, kind, roles over time, quotes, briefings.
    Actor {
        /// The actor's id, name or alias (case and accents ignored).
        name: String,
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
        /// Only events on or after this year (`2014`) or day (`2014-03-23`).
        from: Option<String>,
        /// Only events on or before this year or day.
        to: Option<String>,
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
        Command::Summary { briefing } => with_briefing(library, briefing, briefing::summary),
        Command::Quote {
            briefing,
            all,
            speaker,
        } => match (named(briefing), named(speaker)) {
            (None, Some(speaker)) => actor::quotes_across_story(library, speaker),
            _ => with_briefing(library, briefing, |briefing| {
                briefing::quote(briefing, *all, speaker.as_deref())
            }),
        },
        Command::Actor { name } => actor::dossier(library, name),
        Command::Actors { briefing, name } => with_briefing(library, briefing, |briefing| {
            briefing::actors(briefing, name.as_deref())
        }),
        Command::Questions { briefing } => with_briefing(library, briefing, briefing::questions),
        Command::Sources { briefing } => with_briefing(library, briefing, briefing::sources),
        Command::Briefings { story } => story::briefings(library, story.as_deref()),
        Command::Timeline { story, from, to } => {
            match period::Period::read(from.as_deref(), to.as_deref()) {
                Ok(period) => story::timeline(library, story.as_deref(), period),
                Err(refused) => *refused,
            }
        }
        Command::Search { query } => search::search(library, query),
        Command::Help => help::help(),
    }
}

/// An option's value when it says something: given, and not only spaces.
fn named(option: &Option<String>) -> Option<&str> {
    option
        .as_deref()
        .map(str::trim)
        .filter(|value| !value.is_empty())
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
        picture: None,
    }
}

fn unknown_story(library: &Library, story: &str) -> Reply {
    let quoted = |stories: &[&str]| -> Vec<String> {
        stories.iter().map(|story| format!("`{story}`")).collect()
    };
    let suggestions = library.suggest_story(story);
    Reply::error(
        format!("No story “{}”", truncate(story, 60)),
        if !suggestions.is_empty() {
            format!("Did you mean {}?", or_list(&quoted(&suggestions)))
        } else if library.is_empty() {
            "No briefings are loaded.".to_owned()
        } else {
            format!("Known stories: {}.", quoted(&library.stories()).join(", "))
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

fn too_long(option: &str, max: usize) -> Reply {
    Reply::error(
        format!("The {option} is too long"),
        format!("Keep it to {max} characters."),
    )
}
