//! `help`: what the bot can do, one field a command.

use crate::reply::{Field, Reply};

/// The commands and their options, as `/help` and `briefbot ask help` show them.
pub(super) fn help() -> Reply {
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
            "The key quote; every quote; or one speaker's quotes — across the whole story when no briefing is named.",
        ),
        (
            "actors [briefing] [name]",
            "Who is involved: role and stance.",
        ),
        (
            "actor name",
            "One actor across the story: names, roles over time, every quote, the briefings.",
        ),
        ("questions [briefing]", "What the article leaves open."),
        ("sources [briefing]", "Where the facts come from."),
        ("briefings [story]", "Every briefing, newest first."),
        (
            "timeline [story] [from] [to]",
            "The dated events of the story, oldest first, with a picture of them; from and to (a year or a day) narrow it.",
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
