//! What the bot may do in a channel, and which of the permissions an update post needs it lacks.
//!
//! In the channel a command runs in, Discord tells us (`app_permissions` of the interaction).
//! For another channel we compute it as Discord does — the guild's roles, the channel's
//! overwrites, the bot's own roles — from three REST lookups, since the bot keeps no cache.

use std::time::Duration;

use poise::serenity_prelude::{Channel, ChannelId, GuildId, Permissions};

use super::{Context, Error};

/// What posting an update embed needs, with the names Discord's settings show.
pub const FOR_POSTING: [(Permissions, &str); 3] = [
    (Permissions::VIEW_CHANNEL, "View Channel"),
    (Permissions::SEND_MESSAGES, "Send Messages"),
    (Permissions::EMBED_LINKS, "Embed Links"),
];

/// How long the lookups may take in all: the interaction must be answered within 3 s.
const LOOKUP_TIMEOUT: Duration = Duration::from_secs(2);

/// The names of the permissions posting needs that `granted` lacks, in Discord's order.
pub fn missing_for_posting(granted: Permissions) -> Vec<&'static str> {
    FOR_POSTING
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
        assert!(missing_for_posting(Permissions::all()).is_empty());
        assert_eq!(
            missing_for_posting(Permissions::empty()),
            ["View Channel", "Send Messages", "Embed Links"]
        );
        assert_eq!(
            missing_for_posting(Permissions::VIEW_CHANNEL | Permissions::SEND_MESSAGES),
            ["Embed Links"]
        );
    }
}
