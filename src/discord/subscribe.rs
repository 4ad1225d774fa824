//! `/subscribe`, `/unsubscribe` and `/subscriptions`: for members with Manage Channels.
//!
//! `default_member_permissions` hides them from everyone else, but a server admin can change
//! that default, so poise's `required_permissions` checks the invoking member's permissions in
//! every interaction too; for a channel other than the current one, the member's permissions
//! there (which Discord resolves into the option) are checked as well. What the commands do and
//! say is decided in [`crate::subscriptions::manage`].

use std::collections::HashMap;
use std::time::{Duration, SystemTime};

use poise::serenity_prelude::{ChannelId, ChannelType, PartialChannel, Permissions, Role};

use crate::reply::Reply;
use crate::subscriptions::{
    self, Changes, DEFAULT_HOUR, Destination, Edit, Filter, Hour, Mode, Period, RoleId, TargetKind,
    manage,
};
use crate::updates::{Nonce, Outgoing, PostError, Poster, test_post};

use super::{Context, Error, autocomplete, permissions, send};

/// How often a digest goes out (`/subscribe digest:`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, poise::ChoiceParameter)]
pub enum DigestChoice {
    /// One digest a day.
    #[name = "daily"]
    Daily,
    /// One digest a week, on Mondays.
    #[name = "weekly"]
    Weekly,
    /// Back to one post per update.
    #[name = "off"]
    Off,
}

/// What `/subscribe remove:` takes away.
#[derive(Debug, Clone, Copy, PartialEq, Eq, poise::ChoiceParameter)]
pub enum RemoveChoice {
    /// The role mention.
    #[name = "mention"]
    Mention,
    /// The filter.
    #[name = "filter"]
    Filter,
    /// Both.
    #[name = "mention and filter"]
    Both,
}

/// Post each new or updated briefing of a story in a channel (server admins).
#[allow(clippy::too_many_arguments)] // one per slash-command option
#[poise::command(
    slash_command,
    guild_only,
    default_member_permissions = "MANAGE_CHANNELS",
    required_permissions = "MANAGE_CHANNELS"
)]
pub async fn subscribe(
    ctx: Context<'_>,
    #[description = "Where the updates go (default: this channel)"]
    #[channel_types("Text", "News", "Forum", "PublicThread", "PrivateThread", "NewsThread")]
    channel: Option<PartialChannel>,
    #[description = "Which story (default: the newest briefing's)"]
    #[autocomplete = "autocomplete::story"]
    #[max_length = 100]
    story: Option<String>,
    #[description = "A role to mention in each post (only it is pinged)"] mention: Option<Role>,
    #[description = "Which briefings: tag:nuclear actor:putin word, -tag:economy excludes"]
    #[max_length = 200]
    filter: Option<String>,
    #[description = "One digest per day or week instead of a post per update"] digest: Option<
        DigestChoice,
    >,
    #[description = "The hour (UTC) the digest goes out, default 8"]
    #[min = 0]
    #[max = 23]
    hour: Option<u8>,
    #[description = "Take the mention or the filter away"] remove: Option<RemoveChoice>,
    #[description = "Post the newest briefing now, marked as a test; changes nothing"] test: Option<
        bool,
    >,
) -> Result<(), Error> {
    let target = match target(ctx, channel.as_ref()) {
        Ok(target) => target,
        Err(refusal) => return send::send_reply(ctx, &refusal, true, Vec::new()).await,
    };
    let granted = bot_permissions(ctx, &target).await?;
    let missing = permissions::missing_for_posting(target.manage.kind, granted);
    if !missing.is_empty() {
        let refusal = manage::cannot_post(&target.manage, &missing);
        return send::send_reply(ctx, &refusal, true, Vec::new()).await;
    }
    if let Some(role) = &mention {
        if !role.mentionable && !granted.contains(permissions::MENTION_EVERYONE.0) {
            let name = format!("@{}", role.name);
            let refusal =
                manage::cannot_mention(&target.manage, &name, permissions::MENTION_EVERYONE.1);
            return send::send_reply(ctx, &refusal, true, Vec::new()).await;
        }
    }
    let mention = mention.and_then(|role| RoleId::new(role.id.get()));
    if test == Some(true) {
        return test_post_to(ctx, &target, story.as_deref(), mention).await;
    }
    let changes = match changes(mention, filter.as_deref(), digest, hour, remove) {
        Ok(changes) => changes,
        Err(refusal) => return send::send_reply(ctx, &refusal, true, Vec::new()).await,
    };
    let library = ctx.data().library();
    let outcome = ctx
        .data()
        .store(move |store| {
            manage::subscribe(store, &library, &target.manage, story.as_deref(), &changes)
        })
        .await?;
    send::send_reply(ctx, &outcome.reply, !outcome.changed, Vec::new()).await
}

/// The settings `/subscribe`'s options ask for, or the reply that refuses them.
fn changes(
    mention: Option<RoleId>,
    filter: Option<&str>,
    digest: Option<DigestChoice>,
    hour: Option<u8>,
    remove: Option<RemoveChoice>,
) -> Result<Changes, Box<Reply>> {
    let filter = match filter {
        Some(typed) => match Filter::parse(typed) {
            Ok(filter) => Edit::Set(filter),
            Err(error) => return Err(Box::new(manage::filter_error(typed, &error))),
        },
        None => Edit::Keep,
    };
    if hour.is_some() && !matches!(digest, Some(DigestChoice::Daily | DigestChoice::Weekly)) {
        return Err(Box::new(Reply::error(
            "An hour for which digest?",
            "The hour option goes with digest: daily or weekly (name both, even to change only \
             the hour); nothing changed.",
        )));
    }
    // Discord enforces the option's range, but an interaction's values are ours to check.
    let Some(hour) = Hour::new(hour.unwrap_or(DEFAULT_HOUR)) else {
        return Err(Box::new(Reply::error(
            "No such hour",
            "The hour of a digest is 0 to 23 (UTC); nothing changed.",
        )));
    };
    let mode = digest.map(|choice| match choice {
        DigestChoice::Daily => Mode::Digest {
            period: Period::Daily,
            hour,
        },
        DigestChoice::Weekly => Mode::Digest {
            period: Period::Weekly,
            hour,
        },
        DigestChoice::Off => Mode::EachUpdate,
    });
    let mut changes = Changes {
        mention: mention.map_or(Edit::Keep, Edit::Set),
        filter,
        mode,
    };
    if matches!(remove, Some(RemoveChoice::Mention | RemoveChoice::Both)) {
        changes.mention = Edit::Clear;
    }
    if matches!(remove, Some(RemoveChoice::Filter | RemoveChoice::Both)) {
        changes.filter = Edit::Clear;
    }
    Ok(changes)
}

/// `/subscribe test:true`: the newest briefing of the story, posted as a subscription would
/// post it (mention shown, nobody pinged, nothing published), and recorded nowhere.
async fn test_post_to(
    ctx: Context<'_>,
    target: &Resolved,
    story: Option<&str>,
    mention: Option<RoleId>,
) -> Result<(), Error> {
    let library = ctx.data().library();
    let story = match manage::story_for_test(&library, story) {
        Ok(story) => story,
        Err(refusal) => return send::send_reply(ctx, &refusal, true, Vec::new()).await,
    };
    let Some(briefing) = library.newest(Some(story.as_str())) else {
        return send::send_reply(ctx, &manage::no_briefing_to_test(), true, Vec::new()).await;
    };
    let place = &target.manage;
    let mention = match mention {
        Some(role) => Some(role),
        None => {
            let (channel, story) = (place.channel, story.clone());
            ctx.data()
                .store(move |store| store.subscription(channel, &story))
                .await?
                .and_then(|subscription| subscription.settings.mention)
        }
    };
    let post = test_post(briefing);
    // Unique per test: two tests in a row are two posts.
    let now = SystemTime::now();
    let stamp = now
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default()
        .as_nanos();
    let nonce = Nonce::named(&format!("test:{stamp}"), place.channel);
    let outgoing = Outgoing {
        destination: Destination {
            guild: place.guild,
            channel: place.channel,
            kind: place.kind,
        },
        reply: &post,
        nonce: &nonce,
        mention,
        ping: false,
        publish: false,
        tags: &briefing.tags,
        since: now,
    };
    let reply = match ctx.data().poster.post(&outgoing).await {
        Ok(_) => manage::test_posted(place, &briefing.title),
        Err(PostError::Refused(reason)) => manage::test_failed(place, &reason.to_string()),
        Err(error) => {
            tracing::warn!(%error, channel = %place.channel, "test post failed");
            manage::test_failed(place, &error.to_string())
        }
    };
    send::send_reply(ctx, &reply, true, Vec::new()).await
}

/// Stop posting a story's updates in a channel (server admins).
#[poise::command(
    slash_command,
    guild_only,
    default_member_permissions = "MANAGE_CHANNELS",
    required_permissions = "MANAGE_CHANNELS"
)]
pub async fn unsubscribe(
    ctx: Context<'_>,
    #[description = "Which channel (default: this channel)"]
    #[channel_types("Text", "News", "Forum", "PublicThread", "PrivateThread", "NewsThread")]
    channel: Option<PartialChannel>,
    #[description = "Which story (default: the one the channel follows)"]
    #[autocomplete = "autocomplete::story"]
    #[max_length = 100]
    story: Option<String>,
) -> Result<(), Error> {
    let target = match target(ctx, channel.as_ref()) {
        Ok(target) => target,
        Err(refusal) => return send::send_reply(ctx, &refusal, true, Vec::new()).await,
    };
    let library = ctx.data().library();
    let outcome = ctx
        .data()
        .store(move |store| manage::unsubscribe(store, &library, &target.manage, story.as_deref()))
        .await?;
    send::send_reply(ctx, &outcome.reply, !outcome.changed, Vec::new()).await
}

/// This server's subscriptions: where, what, how, and paused ones with the reason (admins).
#[poise::command(
    slash_command,
    guild_only,
    default_member_permissions = "MANAGE_CHANNELS",
    required_permissions = "MANAGE_CHANNELS"
)]
pub async fn subscriptions(ctx: Context<'_>) -> Result<(), Error> {
    let Some(guild) = ctx
        .guild_id()
        .and_then(|guild| subscriptions::GuildId::new(guild.get()))
    else {
        return send::send_reply(ctx, &in_a_server(), true, Vec::new()).await;
    };
    let names = channel_names(ctx).await;
    let reply = ctx
        .data()
        .store(move |store| {
            manage::list(store, guild, |channel| match names.get(&channel.get()) {
                Some(name) => format!("#{name}"),
                // Threads are not among the server's channels; Discord shows this as its name.
                None => format!("<#{channel}>"),
            })
        })
        .await?;
    send::send_reply(ctx, &reply, true, Vec::new()).await
}

/// The channel a command is about, and what Discord told us of it.
struct Resolved {
    /// The channel as the domain knows it.
    manage: manage::Target,
    /// The bot's permissions there, when Discord sent them with the interaction.
    app_permissions: Option<Permissions>,
}

/// What kind of destination a Discord channel type is; `None` for kinds that cannot follow.
fn kind_of(kind: ChannelType) -> Option<TargetKind> {
    match kind {
        ChannelType::Text => Some(TargetKind::Text),
        ChannelType::News => Some(TargetKind::Announcement),
        ChannelType::Forum => Some(TargetKind::Forum),
        ChannelType::PublicThread | ChannelType::PrivateThread | ChannelType::NewsThread => {
            Some(TargetKind::Thread)
        }
        _ => None,
    }
}

/// The target channel: the option, else the channel the command runs in. Refuses (as a reply)
/// outside a server, in a kind of channel that cannot follow, and when the member lacks Manage
/// Channels in a channel they named.
fn target(ctx: Context<'_>, option: Option<&PartialChannel>) -> Result<Resolved, Box<Reply>> {
    let poise::Context::Application(app) = ctx else {
        return Err(Box::new(in_a_server()));
    };
    let interaction = app.interaction;
    let guild = interaction
        .guild_id
        .and_then(|guild| subscriptions::GuildId::new(guild.get()))
        .ok_or_else(|| Box::new(in_a_server()))?;
    let here = interaction.channel_id;
    let (id, name, discord_kind, current) = match option {
        Some(chosen) if chosen.id != here => {
            (chosen.id, chosen.name.clone(), Some(chosen.kind), false)
        }
        _ => {
            let channel = interaction.channel.as_ref();
            (
                here,
                channel.and_then(|channel| channel.name.clone()),
                channel.map(|channel| channel.kind),
                true,
            )
        }
    };
    // Without the channel's type (Discord always sends it), assume a text channel.
    let kind = match discord_kind {
        Some(discord_kind) => {
            kind_of(discord_kind).ok_or_else(|| Box::new(manage::not_a_channel_for()))?
        }
        None => TargetKind::Text,
    };
    let channel = subscriptions::ChannelId::new(id.get()).ok_or_else(|| Box::new(in_a_server()))?;
    let label = name.map_or_else(|| format!("channel {id}"), |name| format!("#{name}"));
    let manage = manage::Target {
        guild,
        channel,
        kind,
        label,
        current,
    };
    // Discord resolves a channel option with the invoking member's permissions in it.
    let member_there = option
        .filter(|_| !current)
        .and_then(|chosen| chosen.permissions);
    if member_there.is_some_and(|granted| !granted.contains(Permissions::MANAGE_CHANNELS)) {
        return Err(Box::new(manage::member_cannot_manage(&manage)));
    }
    Ok(Resolved {
        manage,
        app_permissions: current.then_some(interaction.app_permissions).flatten(),
    })
}

/// The bot's permissions in the target: from the interaction in the current channel, else
/// computed from Discord's lookups (none when the channel is not in this server).
async fn bot_permissions(ctx: Context<'_>, target: &Resolved) -> Result<Permissions, Error> {
    if let Some(granted) = target.app_permissions {
        return Ok(granted);
    }
    let guild = poise::serenity_prelude::GuildId::new(target.manage.guild.get());
    let channel = ChannelId::new(target.manage.channel.get());
    Ok(permissions::of_bot_in(ctx, guild, channel)
        .await?
        .unwrap_or_else(Permissions::empty))
}

/// The names of the server's channels by id, for the list; empty if Discord does not answer
/// (the list then names channels by id).
async fn channel_names(ctx: Context<'_>) -> HashMap<u64, String> {
    let Some(guild) = ctx.guild_id() else {
        return HashMap::new();
    };
    match tokio::time::timeout(Duration::from_secs(2), guild.channels(ctx)).await {
        Ok(Ok(channels)) => channels
            .into_iter()
            .map(|(id, channel)| (id.get(), channel.name))
            .collect(),
        Ok(Err(error)) => {
            tracing::warn!(%error, "cannot list the server's channels; naming them by id");
            HashMap::new()
        }
        Err(_) => {
            tracing::warn!("listing the server's channels timed out; naming them by id");
            HashMap::new()
        }
    }
}

fn in_a_server() -> Reply {
    Reply::error(
        "Only in a server",
        "Subscriptions belong to a server's channels: run this command in a server.",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn channels_threads_and_forums_follow_and_voice_chats_do_not() {
        assert_eq!(kind_of(ChannelType::Text), Some(TargetKind::Text));
        assert_eq!(kind_of(ChannelType::News), Some(TargetKind::Announcement));
        assert_eq!(kind_of(ChannelType::Forum), Some(TargetKind::Forum));
        for thread in [
            ChannelType::PublicThread,
            ChannelType::PrivateThread,
            ChannelType::NewsThread,
        ] {
            assert_eq!(kind_of(thread), Some(TargetKind::Thread));
        }
        assert_eq!(kind_of(ChannelType::Voice), None);
        assert_eq!(kind_of(ChannelType::Stage), None);
    }

    #[test]
    fn options_become_changes_and_remove_wins_over_keep() {
        let role = RoleId::new(5);
        let asked = changes(
            role,
            Some("tag:nuclear"),
            Some(DigestChoice::Weekly),
            Some(6),
            None,
        )
        .unwrap();
        assert_eq!(asked.mention, Edit::Set(RoleId::new(5).unwrap()));
        assert_eq!(
            asked.mode,
            Some(Mode::Digest {
                period: Period::Weekly,
                hour: Hour::new(6).unwrap()
            })
        );
        let removed = changes(None, None, None, None, Some(RemoveChoice::Both)).unwrap();
        assert_eq!(
            (removed.mention, removed.filter),
            (Edit::Clear, Edit::Clear)
        );
        assert_eq!(removed.mode, None, "the mode is kept");
        let late = changes(None, None, Some(DigestChoice::Daily), Some(24), None).unwrap_err();
        assert_eq!(late.title, "No such hour");
        let lonely = changes(None, None, None, Some(9), None).unwrap_err();
        assert_eq!(lonely.title, "An hour for which digest?");
        let bad = changes(None, Some("tga:x"), None, None, None).unwrap_err();
        assert_eq!(bad.title, "I cannot read that filter");
    }
}
