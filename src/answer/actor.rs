//! Answers about one actor across the story: the dossier, and their quotes in every briefing.
//!
//! Both read the library's cast (built once per snapshot), so neither scans the briefings.

use crate::briefing::{Briefing, Quote};
use crate::library::{Library, StoryActor};
use crate::reply::{Field, Reply, Tone};
use crate::text::{plural, truncate};

use super::briefing::quote_with_context;
use super::{LIST_MAX, OPTION_MAX, STORY_QUOTES_MAX, or_list, too_long};

/// How many dates a role lists before it says how many more there are.
const ROLE_DATES_MAX: usize = 4;

/// `actor NAME`: who they are, their roles as they changed, their quotes, their briefings.
pub(super) fn dossier(library: &Library, name: &str) -> Reply {
    let actors = match find(library, name, "name") {
        Ok(actors) => actors,
        Err(reply) => return *reply,
    };
    let actor = actors[0];
    let appearances = actor.appearances();
    let count = appearances.len();
    let (newest, oldest) = match (actor.appearances().next(), actor.appearances().next_back()) {
        (Some((newest, _)), Some((oldest, _))) => (newest, oldest),
        // The cast holds only actors some briefing names.
        _ => return unknown_actor(library, name),
    };
    let mut text = format!("{} ({})", actor.name, actor.kind);
    if !actor.aliases.is_empty() {
        text.push_str(&format!("\nAlso written: {}", actor.aliases.join(", ")));
    }
    let span = if count == 1 {
        format!("In 1 briefing, {}", newest.published.date)
    } else {
        format!(
            "In {count} briefings, {} to {}",
            oldest.published.date, newest.published.date
        )
    };
    text.push_str(&format!(
        "\n{span} · {}.",
        quotes_count(actor.quote_count())
    ));

    let mut fields = vec![Field::new("Roles over time", roles(actor))];
    fields.extend(
        actor
            .quotes()
            .take(STORY_QUOTES_MAX)
            .map(|(briefing, quote)| quote_field(briefing, quote, false)),
    );
    fields.push(Field::new("Briefings, newest first", briefings_list(actor)));
    let mut reply = Reply::info(actor.name.clone(), text);
    reply.fields = fields;
    let mut footer = Vec::new();
    if actor.quote_count() > STORY_QUOTES_MAX {
        footer.push(format!(
            "Showing the newest {STORY_QUOTES_MAX} of {} quotes",
            actor.quote_count()
        ));
    }
    if actors.len() > 1 {
        footer.push(format!(
            "“{}” also matches {}",
            truncate(name.trim(), 60),
            others(&actors[1..])
        ));
    }
    if !footer.is_empty() {
        reply.footer = Some(footer.join(" · "));
    }
    reply
}

/// `quote --speaker NAME` without a briefing: their quotes in every briefing, newest first.
pub(super) fn quotes_across_story(library: &Library, speaker: &str) -> Reply {
    let actors = match find(library, speaker, "speaker") {
        Ok(actors) => actors,
        Err(reply) => return *reply,
    };
    // Several actors can match a partial name ("government"): their quotes merge, newest
    // first; each list is already newest first, so only the shown ones are merged.
    let mut quotes: Vec<(&Briefing, &Quote)> = actors
        .iter()
        .flat_map(|actor| actor.quotes().take(STORY_QUOTES_MAX))
        .collect();
    quotes.sort_by_key(|(briefing, _)| std::cmp::Reverse(briefing.published));
    quotes.truncate(STORY_QUOTES_MAX);
    let total: usize = actors.iter().map(|actor| actor.quote_count()).sum();
    let who = or_list(
        &actors
            .iter()
            .map(|actor| actor.name.clone())
            .collect::<Vec<_>>(),
    )
    .replace(" or ", " and ");
    if total == 0 {
        let briefings: usize = actors.iter().map(|actor| actor.appearances().len()).sum();
        return Reply::error(
            format!("No quote by “{}”", truncate(speaker.trim(), 60)),
            format!(
                "{who} {} named in {} but never quoted. The `actor` command shows what is known of them.",
                if actors.len() == 1 { "is" } else { "are" },
                plural(briefings, "briefing"),
            ),
        );
    }
    let fields = quotes
        .iter()
        .map(|(briefing, quote)| quote_field(briefing, quote, true))
        .collect();
    let mut reply = Reply {
        tone: Tone::Quote,
        ..Reply::info(
            format!("Quotes by {who}"),
            format!("{} across the story, newest first.", quotes_count(total)),
        )
    };
    reply.fields = fields;
    if total > quotes.len() {
        reply.footer = Some(format!(
            "Showing the newest {} of {total}. Name a briefing to see its quotes only.",
            quotes.len()
        ));
    }
    reply
}

/// The actors a name means, most prominent first, or the error reply that says why none;
/// `option` names the option in that reply.
fn find<'a>(
    library: &'a Library,
    name: &str,
    option: &str,
) -> Result<Vec<&'a StoryActor>, Box<Reply>> {
    let name = name.trim();
    if name.is_empty() {
        return Err(Box::new(Reply::error(
            "Which actor?",
            "Give a name, an alias or an id, e.g. `lukashenko` or `Lukashenka`.",
        )));
    }
    if name.chars().count() > OPTION_MAX {
        return Err(Box::new(too_long(option, OPTION_MAX)));
    }
    let actors = library.cast().find(name);
    if actors.is_empty() {
        return Err(Box::new(unknown_actor(library, name)));
    }
    Ok(actors)
}

fn unknown_actor(library: &Library, name: &str) -> Reply {
    let suggestions: Vec<String> = library
        .cast()
        .suggest(name)
        .into_iter()
        .map(|actor| format!("`{}` ({})", actor.id, actor.name))
        .collect();
    let text = if suggestions.is_empty() {
        "No briefing names anyone by that name. The `actors` command lists who a briefing names."
            .to_owned()
    } else {
        format!("Did you mean {}?", or_list(&suggestions))
    };
    Reply::error(format!("No actor “{}”", truncate(name, 60)), text)
}

/// A quote as a field: its date and briefing, and the speaker with the role they had then.
fn quote_field(briefing: &Briefing, quote: &Quote, with_speaker: bool) -> Field {
    let mut name = format!("{} · {}", briefing.published.date, briefing.id);
    if with_speaker {
        if let Some(actor) = quote.speaker.as_deref().and_then(|id| briefing.actor(id)) {
            name = format!("{name} · {}, {}", actor.name, actor.role);
        }
    }
    if quote.key {
        name.push_str(" (key quote)");
    }
    Field::new(name, quote_with_context(quote))
}

/// One line a role, oldest first: the role and the dates of the briefings that give it.
fn roles(actor: &StoryActor) -> String {
    actor
        .roles()
        .map(|role| {
            let dates: Vec<String> = role
                .briefings
                .iter()
                .take(ROLE_DATES_MAX)
                .map(|briefing| briefing.published.date.to_string())
                .collect();
            let more = role.briefings.len().saturating_sub(ROLE_DATES_MAX);
            let mut line = format!("{} — {}", role.role, dates.join(", "));
            if more > 0 {
                let last = role
                    .briefings
                    .last()
                    .map(|briefing| briefing.published.date);
                if let Some(last) = last {
                    line.push_str(&format!(" and {more} more, to {last}"));
                }
            }
            line
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The newest briefings an actor appears in, one a line, with how many are left out.
fn briefings_list(actor: &StoryActor) -> String {
    let mut lines: Vec<String> = actor
        .appearances()
        .take(LIST_MAX)
        .map(|(briefing, _)| {
            format!(
                "{} · {} (`{}`)",
                briefing.published.date, briefing.title, briefing.id
            )
        })
        .collect();
    let more = actor.appearances().len().saturating_sub(LIST_MAX);
    if more > 0 {
        lines.push(format!("… and {more} older."));
    }
    lines.join("\n")
}

fn others(actors: &[&StoryActor]) -> String {
    or_list(
        &actors
            .iter()
            .take(3)
            .map(|actor| format!("{} (`{}`)", actor.name, actor.id))
            .collect::<Vec<_>>(),
    )
    .replace(" or ", " and ")
}

fn quotes_count(count: usize) -> String {
    match count {
        0 => "no quotes".to_owned(),
        1 => "1 quote".to_owned(),
        many => format!("{many} quotes"),
    }
}
