//! The JSON objects the loopback Discord hands out, shaped as Discord documents them.
//!
//! Every object carries the fields serenity 0.12.5 requires to deserialize it; a missing one
//! would make serenity drop the event silently, so `tests/discord/loopback_self.rs` parses each of them with
//! serenity's own model types.

use serde_json::{Value, json};

/// The application, and the bot user (Discord gives a bot the id of its application).
pub const APPLICATION_ID: &str = "1100000000000000001";
/// The guild the bot is in from the start (a test may add [`SECOND_GUILD_ID`]).
pub const GUILD_ID: &str = "1200000000000000002";
/// A second guild, which a test adds with [`super::Loopback::join_second_guild`]. With two
/// shards it is on shard 0 and [`GUILD_ID`] on shard 1 (`(id >> 22) % 2`).
pub const SECOND_GUILD_ID: &str = "1200000000004194306";
/// The one text channel of the second guild.
pub const SECOND_GENERAL_CHANNEL_ID: &str = "1300000000000000020";
/// A text channel of that guild, where interactions come from.
pub const GENERAL_CHANNEL_ID: &str = "1300000000000000003";
/// A second text channel, for posting tests.
pub const NEWS_CHANNEL_ID: &str = "1300000000000000004";
/// A text channel whose overwrites deny everyone (the bot included) Send Messages and Embed
/// Links: posting there answers 403 with code 50013.
pub const LOCKED_CHANNEL_ID: &str = "1300000000000000007";
/// An announcement channel (type 5): posts there can be published to following servers.
pub const ANNOUNCEMENTS_CHANNEL_ID: &str = "1300000000000000008";
/// A forum channel (type 15) with tags `nuclear`, `Union State` and a moderated `pinned`.
pub const FORUM_CHANNEL_ID: &str = "1300000000000000009";
/// A forum whose overwrites deny everyone Send Messages ("Create Posts").
pub const LOCKED_FORUM_CHANNEL_ID: &str = "1300000000000000010";
/// A public thread (type 11) under #general, open.
pub const THREAD_CHANNEL_ID: &str = "1300000000000000011";
/// A public thread under #general, archived but not locked: the bot may reopen it.
pub const ARCHIVED_THREAD_CHANNEL_ID: &str = "1300000000000000012";
/// A public thread under #general, archived and locked: only Manage Threads reopens it.
pub const LOCKED_THREAD_CHANNEL_ID: &str = "1300000000000000013";
/// The forum tags' ids.
pub const FORUM_TAG_NUCLEAR: &str = "1700000000000000001";
/// The `Union State` tag.
pub const FORUM_TAG_UNION_STATE: &str = "1700000000000000002";
/// A moderated tag (`pinned`), which only moderators may apply.
pub const FORUM_TAG_PINNED: &str = "1700000000000000003";
/// A mentionable role.
pub const PINGS_ROLE_ID: &str = "1250000000000000001";
/// A role that is not mentionable.
pub const STAFF_ROLE_ID: &str = "1250000000000000002";
/// The first id of the channels [`super::Loopback::add_channels`] creates.
pub const MORE_CHANNELS_FROM: u64 = 1_310_000_000_000_000_000;
/// The member who runs the commands.
pub const MEMBER_USER_ID: &str = "1400000000000000005";
/// The owner of the application and the guild.
pub const OWNER_USER_ID: &str = "1400000000000000006";
/// The token the loopback accepts unless a test says otherwise.
pub const TOKEN: &str = "loopback-token";

/// Every permission bit Discord defined when this was written (an administrator's view).
pub const ALL_PERMISSIONS: &str = "2251799813685247";
/// What an ordinary member may do: view, send, embed, read history, use application commands,
/// send in threads.
pub const MEMBER_PERMISSIONS: &str = "277025475584";
/// What the bot may do in the channel: view, send, embed links, read history, send in
/// threads.
pub const BOT_PERMISSIONS: &str = "274877991936";
/// Send Messages (2048) and Embed Links (16384), which the locked channel denies.
pub const SEND_AND_EMBED: u64 = 2048 | 16384;
/// Send Messages alone, which the locked forum denies.
pub const SEND_MESSAGES: u64 = 2048;
/// Send Messages in Threads.
pub const SEND_MESSAGES_IN_THREADS: u64 = 1 << 38;
/// Mention @everyone, @here and All Roles.
pub const MENTION_EVERYONE: u64 = 1 << 17;
/// Manage Channels.
pub const MANAGE_CHANNELS: u64 = 16;

/// Discord's timestamp format, fixed so payloads are reproducible.
pub const TIMESTAMP: &str = "2026-11-28T09:00:00.000000+00:00";

/// A user object; `bot` marks the application's own user.
pub fn user(id: &str, name: &str, bot: bool) -> Value {
    json!({
        "id": id,
        "username": name,
        "discriminator": "0",
        "global_name": name,
        "avatar": null,
        "bot": bot,
        "system": false,
        "public_flags": 0,
        "flags": 0,
    })
}

/// The bot's own user, as `GET /users/@me` and READY describe it.
pub fn current_user() -> Value {
    let mut user = user(APPLICATION_ID, "briefbot", true);
    user["verified"] = json!(true);
    user["mfa_enabled"] = json!(false);
    user["email"] = Value::Null;
    user
}

/// `GET /oauth2/applications/@me`.
pub fn application() -> Value {
    json!({
        "id": APPLICATION_ID,
        "name": "briefbot",
        "icon": null,
        "description": "Briefings on the Belarus–Russia story",
        "bot_public": true,
        "bot_require_code_grant": false,
        "verify_key": "0000000000000000000000000000000000000000000000000000000000000000",
        "flags": 0,
        "owner": user(OWNER_USER_ID, "owner", false),
        "team": null,
        "rpc_origins": [],
        "summary": "",
    })
}

/// A guild text channel.
pub fn channel(id: &str, name: &str) -> Value {
    json!({
        "id": id,
        "type": 0,
        "guild_id": GUILD_ID,
        "name": name,
        "position": 0,
        "permission_overwrites": [],
        "nsfw": false,
        "topic": null,
        "last_message_id": null,
        "parent_id": null,
        "rate_limit_per_user": 0,
        "flags": 0,
    })
}

/// A channel of `kind` (5 announcement, 15 forum, 11 public thread …).
pub fn channel_of(id: &str, name: &str, kind: u8) -> Value {
    let mut channel = channel(id, name);
    channel["type"] = json!(kind);
    channel
}

/// A public thread under #general; `archived`/`locked` as its metadata says.
pub fn thread(id: &str, name: &str, archived: bool, locked: bool) -> Value {
    let mut thread = channel_of(id, name, 11);
    thread["parent_id"] = json!(GENERAL_CHANNEL_ID);
    thread["owner_id"] = json!(OWNER_USER_ID);
    thread["thread_metadata"] = json!({
        "archived": archived,
        "locked": locked,
        "auto_archive_duration": 1440,
        "archive_timestamp": TIMESTAMP,
    });
    thread["message_count"] = json!(0);
    thread["member_count"] = json!(1);
    thread
}

/// A forum tag.
fn forum_tag(id: &str, name: &str, moderated: bool) -> Value {
    json!({ "id": id, "name": name, "moderated": moderated, "emoji_id": null, "emoji_name": null })
}

/// The channels of the guild.
pub fn channels() -> Vec<Value> {
    let mut forum = channel_of(FORUM_CHANNEL_ID, "forum", 15);
    forum["available_tags"] = json!([
        forum_tag(FORUM_TAG_NUCLEAR, "nuclear", false),
        forum_tag(FORUM_TAG_UNION_STATE, "Union State", false),
        forum_tag(FORUM_TAG_PINNED, "pinned", true),
    ]);
    let mut locked_forum = channel_of(LOCKED_FORUM_CHANNEL_ID, "locked-forum", 15);
    locked_forum["available_tags"] = json!([]);
    locked_forum["permission_overwrites"] = json!([{
        "id": GUILD_ID,
        "type": 0,
        "allow": "0",
        "deny": SEND_MESSAGES.to_string(),
    }]);
    let mut locked = channel(LOCKED_CHANNEL_ID, "locked");
    locked["permission_overwrites"] = json!([{
        "id": GUILD_ID,
        "type": 0,
        "allow": "0",
        "deny": SEND_AND_EMBED.to_string(),
    }]);
    vec![
        channel(GENERAL_CHANNEL_ID, "general"),
        channel(NEWS_CHANNEL_ID, "news"),
        locked,
        channel_of(ANNOUNCEMENTS_CHANNEL_ID, "announcements", 5),
        forum,
        locked_forum,
    ]
}

/// The guild's threads (not among `GET /guilds/{id}/channels`, as on Discord).
pub fn threads() -> Vec<Value> {
    vec![
        thread(THREAD_CHANNEL_ID, "thread", false, false),
        thread(ARCHIVED_THREAD_CHANNEL_ID, "archived-thread", true, false),
        thread(LOCKED_THREAD_CHANNEL_ID, "locked-thread", true, true),
    ]
}

/// The bot's member object in the guild (`GET /guilds/{id}/members/{bot}`): no roles beyond
/// `@everyone`, whose permissions it has.
pub fn bot_member() -> Value {
    json!({
        "user": user(APPLICATION_ID, "briefbot", true),
        "nick": null,
        "avatar": null,
        "roles": [],
        "joined_at": TIMESTAMP,
        "premium_since": null,
        "deaf": false,
        "mute": false,
        "flags": 0,
        "pending": false,
        "communication_disabled_until": null,
    })
}

/// The `resolved.channels` entry Discord sends for a channel option: the channel as the
/// invoking member sees it, with their permissions there.
pub fn resolved_channel(channel: &Value, member_permissions: &str) -> Value {
    let mut resolved = json!({
        "id": channel["id"],
        "name": channel["name"],
        "type": channel["type"],
        "permissions": member_permissions,
        "parent_id": channel["parent_id"],
    });
    if !channel["thread_metadata"].is_null() {
        resolved["thread_metadata"] = channel["thread_metadata"].clone();
    }
    resolved
}

/// The `@everyone` role of the guild (its id is the guild's).
fn everyone_role() -> Value {
    json!({
        "id": GUILD_ID,
        "name": "@everyone",
        "color": 0,
        "colors": { "primary_color": 0, "secondary_color": null, "tertiary_color": null },
        "hoist": false,
        "icon": null,
        "unicode_emoji": null,
        "position": 0,
        "permissions": MEMBER_PERMISSIONS,
        "managed": false,
        "mentionable": false,
        "flags": 0,
    })
}

/// A role of the guild.
pub fn role(id: &str, name: &str, mentionable: bool) -> Value {
    let mut role = everyone_role();
    role["id"] = json!(id);
    role["name"] = json!(name);
    role["permissions"] = json!("0");
    role["position"] = json!(1);
    role["mentionable"] = json!(mentionable);
    role
}

/// The guild's roles: `@everyone`, a mentionable `pings` and an unmentionable `staff`.
pub fn roles() -> Vec<Value> {
    vec![
        everyone_role(),
        role(PINGS_ROLE_ID, "pings", true),
        role(STAFF_ROLE_ID, "staff", false),
    ]
}

/// The channels of the second guild: one text channel, `#second-general`.
pub fn second_guild_channels() -> Vec<Value> {
    let mut general = channel(SECOND_GENERAL_CHANNEL_ID, "second-general");
    general["guild_id"] = json!(SECOND_GUILD_ID);
    vec![general]
}

/// The GUILD_CREATE object of `id`: [`guild`] for [`GUILD_ID`]; for any other guild the same
/// shape with that id, an `@everyone` role of its own, the second guild's channels and no
/// threads.
pub fn guild_of(id: &str) -> Value {
    let mut guild = guild();
    if id == GUILD_ID {
        return guild;
    }
    let mut everyone = everyone_role();
    everyone["id"] = json!(id);
    guild["id"] = json!(id);
    guild["name"] = json!("Second Loopback Guild");
    guild["roles"] = json!([everyone]);
    guild["channels"] = json!(second_guild_channels());
    guild["threads"] = json!([]);
    guild
}

/// The full guild object of GUILD_CREATE.
pub fn guild() -> Value {
    let mut guild = json!({
        "id": GUILD_ID,
        "name": "Loopback Guild",
        "icon": null,
        "splash": null,
        "discovery_splash": null,
        "owner_id": OWNER_USER_ID,
        "afk_channel_id": null,
        "afk_timeout": 300,
        "verification_level": 0,
        "default_message_notifications": 0,
        "explicit_content_filter": 0,
        "roles": roles(),
        "emojis": [],
        "features": [],
        "mfa_level": 0,
        "application_id": null,
        "system_channel_id": null,
        "system_channel_flags": 0,
        "rules_channel_id": null,
        "vanity_url_code": null,
    });
    let more = json!({
        "description": null,
        "banner": null,
        "premium_tier": 0,
        "premium_subscription_count": 0,
        "preferred_locale": "en-US",
        "public_updates_channel_id": null,
        "nsfw_level": 0,
        "premium_progress_bar_enabled": false,
        "stickers": [],
        "joined_at": TIMESTAMP,
        "large": false,
        "unavailable": false,
        "member_count": 2,
        "voice_states": [],
        "members": [],
        "channels": channels(),
        "threads": threads(),
        "presences": [],
        "stage_instances": [],
        "guild_scheduled_events": [],
    });
    merge(&mut guild, more);
    merge(
        &mut guild,
        json!({ "max_video_channel_users": 25, "max_stage_video_channel_users": 50 }),
    );
    guild
}

/// Copies the keys of `more` into `into` (both objects).
fn merge(into: &mut Value, more: Value) {
    if let (Value::Object(into), Value::Object(more)) = (into, more) {
        into.extend(more);
    }
}

/// The READY dispatch for a new session of `shard` (`[id, total]`), in `guilds`.
pub fn ready(session_id: &str, resume_url: &str, shard: [u64; 2], guilds: &[String]) -> Value {
    let guilds: Vec<Value> = guilds
        .iter()
        .map(|id| json!({ "id": id, "unavailable": true }))
        .collect();
    json!({
        "v": 10,
        "user": current_user(),
        "guilds": guilds,
        "session_id": session_id,
        "resume_gateway_url": resume_url,
        "shard": shard,
        "application": { "id": APPLICATION_ID, "flags": 0 },
        "private_channels": [],
        "relationships": [],
        "user_settings": {},
        "presences": [],
        "geo_ordered_rtc_regions": [],
        "guild_join_requests": [],
    })
}

/// A message as Discord returns it after a create or an edit.
pub fn message(id: &str, channel_id: &str, body: &Value, webhook: bool) -> Value {
    let field = |name: &str, default: Value| body.get(name).cloned().unwrap_or(default);
    let mut message = json!({
        "id": id,
        "channel_id": channel_id,
        "guild_id": GUILD_ID,
        "author": user(APPLICATION_ID, "briefbot", true),
        "content": field("content", json!("")),
        "timestamp": TIMESTAMP,
        "edited_timestamp": null,
        "tts": field("tts", json!(false)),
        "mention_everyone": false,
        "mentions": [],
        "mention_roles": [],
        "attachments": [],
        "embeds": field("embeds", json!([])),
        "pinned": false,
        "type": 0,
        "flags": field("flags", json!(0)),
        "components": field("components", json!([])),
    });
    if let Some(nonce) = body.get("nonce") {
        message["nonce"] = nonce.clone();
    }
    if webhook {
        message["webhook_id"] = json!(APPLICATION_ID);
        message["application_id"] = json!(APPLICATION_ID);
    }
    for (key, value) in [
        ("content", json!("")),
        ("embeds", json!([])),
        ("components", json!([])),
        ("flags", json!(0)),
    ] {
        if message[key].is_null() {
            message[key] = value;
        }
    }
    message
}

/// Who invokes an interaction, and with which permissions.
#[derive(Debug, Clone)]
pub struct Invoker {
    /// The member's user id.
    pub user_id: String,
    /// The member's permissions in the channel (a decimal bit set).
    pub permissions: String,
    /// The bot's permissions in the channel (`app_permissions`).
    pub app_permissions: String,
    /// The channel the interaction comes from.
    pub channel_id: String,
    /// That channel's type (0 text, 5 announcement, 11 public thread, …).
    pub channel_type: u8,
    /// The guild it comes from: [`GUILD_ID`] unless a test says otherwise.
    pub guild_id: String,
}

impl Default for Invoker {
    fn default() -> Self {
        Invoker {
            user_id: MEMBER_USER_ID.to_owned(),
            permissions: MEMBER_PERMISSIONS.to_owned(),
            app_permissions: BOT_PERMISSIONS.to_owned(),
            channel_id: GENERAL_CHANNEL_ID.to_owned(),
            channel_type: 0,
            guild_id: GUILD_ID.to_owned(),
        }
    }
}

/// The member object an interaction in a guild carries.
fn member(invoker: &Invoker) -> Value {
    json!({
        "user": user(&invoker.user_id, "member", false),
        "nick": null,
        "avatar": null,
        "roles": [],
        "joined_at": TIMESTAMP,
        "premium_since": null,
        "deaf": false,
        "mute": false,
        "flags": 0,
        "pending": false,
        "permissions": invoker.permissions,
        "communication_disabled_until": null,
    })
}

/// The fields every interaction shares; `kind` is 2 (command), 3 (component) or 4 (autocomplete).
pub fn interaction(id: &str, token: &str, kind: u8, data: Value, invoker: &Invoker) -> Value {
    json!({
        "id": id,
        "application_id": APPLICATION_ID,
        "type": kind,
        "data": data,
        "guild_id": invoker.guild_id,
        "channel": {
            "id": invoker.channel_id,
            "type": invoker.channel_type,
            "name": "general",
            "guild_id": invoker.guild_id,
            "permissions": invoker.permissions,
        },
        "channel_id": invoker.channel_id,
        "member": member(invoker),
        "token": token,
        "version": 1,
        "app_permissions": invoker.app_permissions,
        "locale": "en-US",
        "guild_locale": "en-US",
        "entitlements": [],
        "authorizing_integration_owners": { "0": invoker.guild_id },
        "context": 0,
        "attachment_size_limit": 10485760,
    })
}

/// The `data` of a slash command invocation (`options` as Discord sends them).
pub fn command_data(command_id: &str, name: &str, options: Value) -> Value {
    json!({
        "id": command_id,
        "name": name,
        "type": 1,
        "guild_id": GUILD_ID,
        "options": options,
        "resolved": {},
    })
}

/// The `data` of a button click.
pub fn button_data(custom_id: &str) -> Value {
    json!({ "custom_id": custom_id, "component_type": 2 })
}

/// The object `PUT .../commands` returns for one command the bot registered.
pub fn registered_command(id: &str, guild_id: Option<&str>, command: &Value) -> Value {
    let mut registered = command.clone();
    let fields = [
        ("id", json!(id)),
        ("application_id", json!(APPLICATION_ID)),
        ("version", json!("1")),
        ("type", command.get("type").cloned().unwrap_or(json!(1))),
        (
            "default_member_permissions",
            command
                .get("default_member_permissions")
                .cloned()
                .unwrap_or(Value::Null),
        ),
        ("nsfw", json!(false)),
        (
            "options",
            command.get("options").cloned().unwrap_or(json!([])),
        ),
        (
            "description",
            command.get("description").cloned().unwrap_or(json!("")),
        ),
    ];
    if let Value::Object(map) = &mut registered {
        for (key, value) in fields {
            map.insert(key.to_owned(), value);
        }
        if let Some(guild_id) = guild_id {
            map.insert("guild_id".to_owned(), json!(guild_id));
        }
    }
    registered
}

/// Discord's error body: `{"code": …, "message": …}`.
pub fn error(code: u32, message: &str) -> Value {
    json!({ "code": code, "message": message })
}
