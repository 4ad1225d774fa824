//! What the bot may do in a channel, and which of the permissions an update post needs it lacks.
//!
//! In the channel a command runs in, Discord tells us (`app_permissions` of the interaction).
//! For another channel we compute it as Discord does — the guild's roles, the channel's
//! overwrites, the bot's own roles — from three REST lookups, since the bot keeps no cache.

use std::time::Duration;

use poise::serenity_prelude::{Channel, ChannelId, GuildId, Permissions};

use crate::subscriptions::TargetKind;

use super::{Context, Error};

/// What posting an update embed in a text or announcement channel needs, with the names
/// Discord's settings show.
pub const FOR_POSTING: [(Permissions, &str); 3] = [
    (Permissions::VIEW_CHANNEL, "View Channel"),
    (Permissions::SEND_MESSAGES, "Send Messages"),
    (Permissions::EMBED_LINKS, "Embed Links"),
];

/// What posting in a thread needs.
pub const FOR_POSTING_IN_THREADS: [(Permissions, &str); 3] = [
    (Permissions::VIEW_CHANNEL, "View Channel"),
    (
        Permissions::SEND_MESSAGES_IN_THREADS,
        "Send Messages in Threads",
    ),
    (Permissions::EMBED_LINKS, "Embed Links"),
];

/// What making a forum post needs (a forum's settings call Send Messages "Create Posts").
pub const FOR_FORUM_POSTS: [(Permissions, &str); 3] = [
    (Permissions::VIEW_CHANNEL, "View Channel"),
    (Permissions::SEND_MESSAGES, "Create Posts"),
    (Permissions::EMBED_LINKS, "Embed Links"),
];

/// Mentioning a role that is not mentionable needs this.
pub const MENTION_EVERYONE: (Permissions, &str) = (
    Permissions::MENTION_EVERYONE,
    "Mention @everyone, @here and All Roles",
);

/// Reopening an archived thread that is locked needs this.
pub const MANAGE_THREADS: (Permissions, &str) = (Permissions::MANAGE_THREADS, "Manage Threads");

/// Publishing to following servers: Discord asks only Send Messages for the bot's own posts
/// (which it has, having posted); a refusal means the server withholds it, and Manage Messages
/// is what grants publishing whatever the author.
pub const MANAGE_MESSAGES: (Permissions, &str) = (Permissions::MANAGE_MESSAGES, "Manage Messages");

/// What posting to a channel of `kind` needs.
pub fn for_posting(kind: TargetKind) -> &'static [(Permissions, &'static str); 3] {
    match kind {
        TargetKind::Text | TargetKind::Announcement => &FOR_POSTING,
        TargetKind::Thread => &FOR_POSTING_IN_THREADS,
        TargetKind::Forum => &FOR_FORUM_POSTS,
    }
}

/// The names of what posting to a channel of `kind` needs, for a pause reason.
pub fn names_for_posting(kind: TargetKind) -> Vec<String> {
    for_posting(kind)
        .iter()
        .map(|(_, name)| (*name).to_owned())
        .collect()
}

/// How long the lookups may take in all: the interaction must be answered within 3 s.
const LOOKUP_TIMEOUT: Duration = Duration::from_secs(2);

/// The names of the permissions posting to a channel of `kind` needs that `granted` lacks, in
/// Discord's order.
pub fn missing_for_posting(kind: TargetKind, granted: Permissions) -> Vec<&'static str> {
    for_posting(kind)
        .iter()
        .filter(|(permission, _)| !granted.contains(*permission))
        .map(|(_, name)| *name)
        .collect()
}

/// The bot's permissions in `channel` of `guild`, computed from the channel's overwrites, the
/// guild's roles and the bot's roles. `None` when the channel is not a channel of that guild.
pub async fn of_bot_in(
    ctx: Context<'_>,
    guild: GuildId,
    channel: ChannelId,
) -> Result<Option<Permissions>, Error> {
    let bot = ctx.framework().bot_id;
    let lookup = async {
        let (channel, partial_guild, member) = tokio::try_join!(
            channel.to_channel(ctx),
            guild.to_partial_guild(ctx),
            guild.member(ctx, bot),
        )?;
        let Channel::Guild(channel) = channel else {
            return Ok(None);
        };
        if channel.guild_id != guild {
            return Ok(None);
        }
        Ok(Some(partial_guild.user_permissions_in(&channel, &member)))
    };
    tokio::time::timeout(LOOKUP_TIMEOUT, lookup)
        .await
        .map_err(|_| Error::Timeout)?
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_missing_permission_is_named_and_no_other() {
        let text = TargetKind::Text;
        assert!(missing_for_posting(text, Permissions::all()).is_empty());
        assert_eq!(
            missing_for_posting(text, Permissions::empty()),
            ["View Channel", "Send Messages", "Embed Links"]
        );
        assert_eq!(
            missing_for_posting(text, Permissions::VIEW_CHANNEL | Permissions::SEND_MESSAGES),
            ["Embed Links"]
        );
        assert_eq!(
            missing_for_posting(
                TargetKind::Forum,
                Permissions::VIEW_CHANNEL | Permissions::EMBED_LINKS
            ),
            ["Create Posts"]
        );
        assert_eq!(
            missing_for_posting(
                TargetKind::Thread,
                Permissions::VIEW_CHANNEL | Permissions::SEND_MESSAGES | Permissions::EMBED_LINKS
            ),
            ["Send Messages in Threads"]
        );
    }
}
