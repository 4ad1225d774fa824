//! `search`: briefings found by word or name, each with the excerpt where it matched.

use crate::briefing::Briefing;
use crate::library::{Library, Place};
use crate::reply::{Field, Reply};
use crate::text::{fold, truncate, words};

use super::{LIST_MAX, QUERY_MAX, briefing::quoted, too_long};

pub(super) fn search(library: &Library, query: &str) -> Reply {
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
