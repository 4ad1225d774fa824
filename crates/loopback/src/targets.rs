//! The loopback's forum, thread and announcement endpoints: forum posts (`POST
//! /channels/{id}/threads`), active threads, reopening a thread (`PATCH /channels/{id}`) and
//! publishing a message (`POST …/messages/{id}/crosspost`), each as Discord answers them.

use serde_json::{Value, json};

use super::payloads::{self, APPLICATION_ID};
use super::rest::denied_to_everyone;
use super::state::{Answer, State};

/// The message flag Discord sets on a published announcement.
const CROSSPOSTED: u64 = 1 << 0;

/// `POST /channels/{forum}/threads`: a forum post — a thread named `name`, its first message
/// from `message`, with `applied_tags` that must be the forum's.
pub fn create_forum_post(state: &mut State, forum: &str, body: &Value) -> Answer {
    let Some(known) = state.channels.get(forum).cloned() else {
        return Answer::json(404, payloads::error(10003, "Unknown Channel"));
    };
    if known["type"] != 15 {
        return Answer::json(
            400,
            payloads::error(50024, "Cannot execute action on this channel type"),
        );
    }
    if denied_to_everyone(&known) & payloads::SEND_MESSAGES != 0 {
        return Answer::json(403, payloads::error(50013, "Missing Permissions"));
    }
    let available: Vec<&str> = known["available_tags"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|tag| tag["id"].as_str())
        .collect();
    let applied: Vec<String> = body["applied_tags"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|tag| tag.as_str().map(str::to_owned))
        .collect();
    if let Some(unknown) = applied
        .iter()
        .find(|tag| !available.contains(&tag.as_str()))
    {
        state.violations.push(format!(
            "forum post with tag {unknown}, which forum {forum} does not have"
        ));
        return Answer::json(400, payloads::error(50035, "Invalid Form Body"));
    }
    // A forum post's id is its first message's.
    let id = state.snowflake();
    let mut thread = payloads::channel_of(&id, body["name"].as_str().unwrap_or_default(), 11);
    thread["parent_id"] = json!(forum);
    thread["owner_id"] = json!(APPLICATION_ID);
    thread["applied_tags"] = json!(applied);
    thread["thread_metadata"] = json!({
        "archived": false, "locked": false, "auto_archive_duration": 4320,
        "archive_timestamp": payloads::TIMESTAMP,
    });
    let message = payloads::message(&id, &id, &body["message"], false);
    thread["message"] = message.clone();
    state.channels.insert(id.clone(), thread.clone());
    state.forum_posts.push((forum.to_owned(), thread.clone()));
    state.channel_messages.push((id.clone(), message));
    Answer::json(201, thread)
}

/// `GET /guilds/{id}/threads/active`: the guild's threads not archived, the fixed ones and forum
/// posts.
pub fn active_threads(state: &State, guild: &str) -> Answer {
    let mut threads: Vec<Value> = state
        .channels
        .values()
        .filter(|channel| channel["guild_id"] == guild)
        .filter(|channel| channel["type"] == 11 && channel["thread_metadata"]["archived"] != true)
        .cloned()
        .map(|mut thread| {
            if let Value::Object(fields) = &mut thread {
                fields.remove("message");
            }
            thread
        })
        .collect();
    threads.sort_by_key(|thread| thread["id"].as_str().unwrap_or_default().to_owned());
    Answer::json(200, json!({ "threads": threads, "members": [] }))
}

/// `PATCH /channels/{id}`: only reopening a thread is supported; a locked one needs Manage
/// Threads, which the bot does not have.
pub fn edit_channel(state: &mut State, channel: &str, body: &Value) -> Answer {
    let Some(known) = state.channels.get_mut(channel) else {
        return Answer::json(404, payloads::error(10003, "Unknown Channel"));
    };
    if body["archived"] != false || known["type"] != 11 {
        state.violations.push(format!(
            "PATCH /channels/{channel} with {body}: the loopback only reopens threads"
        ));
        return Answer::json(400, payloads::error(50035, "Invalid Form Body"));
    }
    if known["thread_metadata"]["locked"] == true {
        return Answer::json(403, payloads::error(50013, "Missing Permissions"));
    }
    known["thread_metadata"]["archived"] = json!(false);
    let reopened = known.clone();
    state.reopened.push(channel.to_owned());
    Answer::json(200, reopened)
}

/// Whether a post to `channel` is refused because it is an archived thread.
pub fn archived(state: &State, channel: &str) -> bool {
    state
        .channels
        .get(channel)
        .is_some_and(|known| known["thread_metadata"]["archived"] == true)
}

/// `POST /channels/{id}/messages/{id}/crosspost`: publishes a message of an announcement
/// channel once; a second time answers 40033.
pub fn crosspost(state: &mut State, channel: &str, message: &str) -> Answer {
    let Some(known) = state.channels.get(channel) else {
        return Answer::json(404, payloads::error(10003, "Unknown Channel"));
    };
    if known["type"] != 5 {
        return Answer::json(
            400,
            payloads::error(50068, "Invalid message type for operation"),
        );
    }
    let Some((_, found)) = state
        .channel_messages
        .iter_mut()
        .find(|(posted_in, posted)| posted_in == channel && posted["id"] == message)
    else {
        return Answer::json(404, payloads::error(10008, "Unknown Message"));
    };
    let flags = found["flags"].as_u64().unwrap_or(0);
    if flags & CROSSPOSTED != 0 {
        return Answer::json(
            400,
            payloads::error(40033, "This message has already been crossposted."),
        );
    }
    found["flags"] = json!(flags | CROSSPOSTED);
    let published = found.clone();
    state
        .crossposts
        .push((channel.to_owned(), message.to_owned()));
    Answer::json(200, published)
}
