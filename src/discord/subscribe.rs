//! `/subscribe`, `/unsubscribe` and `/subscriptions`: for members with Manage Channels.
//!
//! `default_member_permissions` hides them from everyone else, but a server admin can change
//! that default, so poise's `required_permissions` checks the invoking member's permissions in
//! every interaction too; for a channel other than the current one, the member's permissions
//! there (which Discord resolves into the option) are checked as well. What the commands do and
//! say is decided in [`crate::subscriptions::manage`].

use std::collections::HashMap;
use std::time::Duration;

use poise::serenity_prelude::{ChannelId, ChannelType, PartialChannel, Permissions};

use crate::reply::Reply;
use crate::subscriptions::{self, manage};

use super::{Context, Error, autocomplete, permissions, send};

/// The kinds of channel that can follow a story (the `channel` option offers only these).
const FOLLOWING_KINDS: [ChannelType; 2] = [ChannelType::Text, ChannelType::News];

/// Post each new or updated briefing of a story in a channel (server admins).
#[poise::command(
    slash_command,
    guild_only,
    default_member_permissions = "MANAGE_CHANNELS",
    required_permissions = "MANAGE_CHANNELS"
)]
pub async fn subscribe(
    ctx: Context<'_>,
    #[description = "Where the updates go (default: this channel)"]
    #[channel_types("Text", "News")]
    channel: Option<PartialChannel>,
    #[description = "Which story (default: the newest briefing's)"]
    #[autocomplete = "autocomplete::story"]
    #[max_length = 100]
    story: Option<String>,
) -> Result<(), Error> {
    let target = match target(ctx, channel.as_ref()) {
        Ok(target) => target,
        Err(refusal) => return send::send_reply(ctx, &refusal, true, Vec::new()).await,
    };
    let missing = permissions::missing_for_posting(bot_permissions(ctx, &target).await?);
    if !missing.is_empty() {
        let refusal = manage::cannot_post(&target.manage, &missing);
        return send::send_reply(ctx, &refusal, true, Vec::new()).await;
    }
    let library = ctx.data().library();
    let outcome = ctx
        .data()
        .store(move |store| manage::subscribe(store, &library, &target.manage, story.as_deref()))
        .await?;
    send::send_reply(ctx, &outcome.reply, !outcome.changed, Vec::new()).await
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
    #[channel_types("Text", "News")]
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

/// This server's subscriptions, paused ones with the reason (server admins).
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
                None => format!("channel {channel} (gone?)"),
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

/// The target channel: the option, else the channel the command runs in. Refuses (as a reply)
/// outside a server, and when the member lacks Manage Channels in a channel they named.
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
    let current_kind = interaction.channel.as_ref().map(|channel| channel.kind);
    let names_another = option.is_some_and(|chosen| chosen.id != here);
    if !names_another && current_kind.is_some_and(|kind| !FOLLOWING_KINDS.contains(&kind)) {
        // Threads and voice chats come and go; the option offers only channels that can follow.
        return Err(Box::new(Reply::error(
            "Not in this kind of channel",
            "Only text and announcement channels can follow a story: run the command in one, or name one with the channel option.",
        )));
    }
    let (id, name, current) = match option {
        Some(chosen) if chosen.id != here => (chosen.id, chosen.name.clone(), false),
        _ => (
            here,
            interaction
                .channel
                .as_ref()
                .and_then(|channel| channel.name.clone()),
            true,
        ),
    };
    let channel = subscriptions::ChannelId::new(id.get()).ok_or_else(|| Box::new(in_a_server()))?;
    let label = name.map_or_else(|| format!("channel {id}"), |name| format!("#{name}"));
    let manage = manage::Target {
        guild,
        channel,
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
