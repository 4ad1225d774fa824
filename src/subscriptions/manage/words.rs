//! The admin commands' refusals and the wording their replies share.

use std::time::{SystemTime, UNIX_EPOCH};

use crate::reply::Reply;
use crate::subscriptions::event::ChangedAt;
use crate::subscriptions::filter::FilterError;
use crate::subscriptions::model::{Settings, TargetKind};
use crate::subscriptions::schedule::Mode;

pub(super) use crate::subscriptions::pause::join_and;

use super::Target;

/// The refusal when the bot lacks permissions it needs to post in the channel. `missing` names
/// them as Discord's settings do ("Send Messages").
pub fn cannot_post(target: &Target, missing: &[&str]) -> Reply {
    let label = &target.label;
    Reply::error(
        format!("I cannot post in {label}"),
        format!(
            "I need {} in {label} to post updates there. A server admin can grant {} in the \
             channel's settings (Permissions), then run /subscribe again.",
            join_and(missing),
            if missing.len() == 1 { "it" } else { "them" }
        ),
    )
}

/// The refusal when the member may not manage the named channel.
pub fn member_cannot_manage(target: &Target) -> Reply {
    Reply::error(
        "You lack a permission there",
        format!(
            "Changing what {} follows needs Manage Channels in that channel.",
            target.label
        ),
    )
}

/// The refusal when the bot may not mention the role: it is not mentionable and the bot lacks
/// `permission` (named as Discord's settings name it) in the channel.
pub fn cannot_mention(target: &Target, role: &str, permission: &str) -> Reply {
    Reply::error(
        format!("I cannot mention {role}"),
        format!(
            "{role} is not mentionable, and I lack {permission} in {}. Make the role \
             mentionable (Server Settings → Roles), or grant me that permission there, then \
             run /subscribe again; nothing changed.",
            target.label
        ),
    )
}

/// The refusal of a filter that cannot be read, pointing at the part at fault.
pub fn filter_error(typed: &str, error: &FilterError) -> Reply {
    Reply::error(
        "I cannot read that filter",
        format!(
            "{}\n```\n{}\n```\nA filter is space-separated terms: `tag:nuclear`, \
             `actor:putin`, a word of the title or tl;dr, and `-` in front to exclude \
             (`-tag:economy`). Nothing changed.",
            error.message,
            error.pointer(typed)
        ),
    )
}

/// The refusal of a channel kind that cannot follow a story (a voice channel's chat, say).
pub fn not_a_channel_for() -> Reply {
    Reply::error(
        "Not in this kind of channel",
        "Text and announcement channels, forums and threads can follow a story: run the \
         command in one, or name one with the channel option.",
    )
}

/// The refusal of a test post when there is nothing to post.
pub fn no_briefing_to_test() -> Reply {
    Reply::error(
        "Nothing to test with",
        "There are no briefings of that story yet, so there is nothing to post.",
    )
}

/// What the admin sees once the test post went out.
pub fn test_posted(target: &Target, title: &str) -> Reply {
    Reply::info(
        "Test post sent",
        format!(
            "I posted “{title}” to {}, marked as a test, as a {} gets it. It changed no \
             subscription and is not counted as a delivery.",
            target.label,
            target.kind.label()
        ),
    )
}

/// What the admin sees when Discord refused the test post: why, in the words of a pause.
pub fn test_failed(target: &Target, why: &str) -> Reply {
    Reply::error(
        format!("The test post to {} failed", target.label),
        format!("{}.", sentence(why).trim_end_matches('.')),
    )
}

/// How a subscription posts, as a clause after "gets {story} updates": empty for a plain
/// subscription of a text channel.
pub(super) fn describe(settings: &Settings) -> String {
    let mut parts = Vec::new();
    match settings.kind {
        TargetKind::Text => {}
        TargetKind::Announcement => parts.push("published to following servers".to_owned()),
        TargetKind::Forum => parts.push("as one forum post per briefing".to_owned()),
        TargetKind::Thread => parts.push("in this thread".to_owned()),
    }
    if let Mode::Digest { .. } = settings.mode {
        parts.push(format!("as a {}", settings.mode));
    }
    if let Some(role) = settings.mention {
        parts.push(format!("mentioning <@&{role}>"));
    }
    if let Some(filter) = &settings.filter {
        parts.push(format!("only those matching `{filter}`"));
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!(" ({})", parts.join(", "))
    }
}

/// The text as a sentence: ends with a full stop unless it ends with punctuation already.
pub(super) fn sentence(text: &str) -> String {
    let text = text.trim();
    if text.ends_with(['.', '!', '?']) {
        text.to_owned()
    } else {
        format!("{text}.")
    }
}

/// The UTC date of an instant, `2026-11-28`.
pub(super) fn date(time: SystemTime) -> String {
    let secs = time.duration_since(UNIX_EPOCH).map_or(0, |since| {
        i64::try_from(since.as_secs()).unwrap_or(i64::MAX)
    });
    let instant = ChangedAt { secs, nanos: 0 }.to_string();
    instant.split('T').next().unwrap_or_default().to_owned()
}
