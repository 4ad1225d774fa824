//! The REST half of the loopback Discord: the endpoints serenity and poise call, each request
//! recorded, checked against Discord's API description and answered as Discord would.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::{Duration, Instant};

use http_body_util::{BodyExt, Full};
use hyper::body::{Bytes, Incoming};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use serde_json::{Value, json};
use tokio::net::TcpListener;

use super::payloads::{self, APPLICATION_ID};
use super::spec::Spec;
use super::state::{Answer, Recorded, Shared, State};
use super::targets;

/// The initial response to an interaction is due within this time, or Discord forgets it.
pub const INTERACTION_WINDOW: Duration = Duration::from_secs(3);
/// How long Discord remembers a message nonce sent with `enforce_nonce`.
pub const NONCE_WINDOW: Duration = Duration::from_secs(5 * 60);
/// The ephemeral message flag.
const EPHEMERAL: u64 = 1 << 6;

/// Accepts HTTP connections until the task is aborted.
pub async fn serve(listener: TcpListener, shared: Arc<Shared>) {
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            continue;
        };
        // Without this, Nagle's algorithm holds small responses back for the peer's delayed ACK.
        let _ = stream.set_nodelay(true);
        let shared = Arc::clone(&shared);
        tokio::spawn(async move {
            let service = service_fn(move |request| handle(Arc::clone(&shared), request));
            // A connection the client drops mid-request is not the test's concern.
            let _ = http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

/// Reads one request, answers it, records both.
async fn handle(
    shared: Arc<Shared>,
    request: Request<Incoming>,
) -> Result<Response<Full<Bytes>>, Infallible> {
    // A gateway connection on this port is no REST call of the bot under test (its gateway is
    // the other listener; a bot connecting here would never get READY and its test would fail
    // on that): it comes from a bot of another test in this binary whose loopback is gone and
    // whose gateway port the system gave to this listener. Seen in the suite under load as
    // `GET /: not under /api/v10`; it is refused without counting against this test.
    if request
        .headers()
        .get(hyper::header::UPGRADE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.eq_ignore_ascii_case("websocket"))
    {
        return Ok(encode(Answer::json(
            400,
            payloads::error(0, "not a gateway"),
        )));
    }
    let at = Instant::now();
    let method = request.method().as_str().to_owned();
    let full_path = request.uri().path().to_owned();
    let query = request.uri().query().map(str::to_owned);
    let authorization = request
        .headers()
        .get(hyper::header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned);
    let boundary = super::multipart::boundary(
        request
            .headers()
            .get(hyper::header::CONTENT_TYPE)
            .and_then(|value| value.to_str().ok()),
    );
    let bytes = match request.into_body().collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(_) => Bytes::new(),
    };
    let mut files = Vec::new();
    let mut unreadable = None;
    let body: Value = if bytes.is_empty() || !shared.keep_bodies {
        Value::Null
    } else if let Some(boundary) = boundary {
        // A message with files: its JSON is routed and validated like any other body.
        match super::multipart::split(boundary, bytes).await {
            Ok((payload, sent)) => {
                files = sent;
                payload
            }
            Err(problem) => {
                unreadable = Some(problem);
                Value::Null
            }
        }
    } else {
        serde_json::from_slice(&bytes)
            .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into_owned()))
    };
    let path = full_path
        .strip_prefix("/api/v10")
        .unwrap_or(&full_path)
        .to_owned();

    // Validation runs outside the lock: it is the slowest part of a request.
    let problems = if shared.validate && !body.is_null() && full_path.starts_with("/api/v10/") {
        Spec::get().check(&method, &path, &body)
    } else {
        Vec::new()
    };

    let (answer, stalled) = shared.update(|state| {
        let answer = if let Some(problem) = unreadable {
            state.violations.push(format!(
                "{method} {path}: a multipart body Discord could not read: {problem}"
            ));
            Answer::json(400, payloads::error(50035, "Invalid Form Body"))
        } else if !full_path.starts_with("/api/v10/") {
            state
                .violations
                .push(format!("{method} {full_path}: not under /api/v10"));
            Answer::json(404, payloads::error(0, "404: Not Found"))
        } else if let Some(fault) = state.take_fault(&method, &path) {
            fault.answer()
        } else if let Some(retry_after) = needs_bot_token(&path)
            .then(|| {
                state
                    .global_limit
                    .as_mut()
                    .and_then(|limit| limit.take().err())
            })
            .flatten()
        {
            super::state::Fault::RateLimited {
                retry_after,
                global: true,
            }
            .answer()
        } else if !problems.is_empty() {
            state.violations.push(format!(
                "{method} {path}: {}\n  body: {body}",
                problems.join("; ")
            ));
            Answer::json(
                400,
                json!({ "code": 50035, "message": "Invalid Form Body", "errors": problems }),
            )
        } else if needs_bot_token(&path) && !token_matches(authorization.as_deref(), &state.token) {
            Answer::json(401, payloads::error(0, "401: Unauthorized"))
        } else {
            route(state, &method, &path, &body)
        };
        let stalled = (200..300).contains(&answer.status)
            && state
                .stall
                .as_mut()
                .is_some_and(|rule| rule.withholds(&method, &path));
        state.stalled += usize::from(stalled);
        let recorded = Recorded {
            method: method.clone(),
            path: path.clone(),
            query,
            body,
            status: if stalled { 0 } else { answer.status },
            at,
            files,
        };
        state
            .subscribers
            .retain(|subscriber| subscriber.send(recorded.clone()).is_ok());
        state.requests.push(recorded);
        (answer, stalled)
    });
    if stalled {
        // The work is done and recorded; the bot never hears of it (until its process dies or
        // the test ends and drops this connection).
        std::future::pending::<()>().await;
    }
    Ok(encode(answer))
}

/// Interaction callbacks and webhooks are authorised by their token in the path.
fn needs_bot_token(path: &str) -> bool {
    !(path.starts_with("/interactions/") || path.starts_with("/webhooks/"))
}

/// Whether the Authorization header carries the loopback's token.
fn token_matches(header: Option<&str>, token: &str) -> bool {
    header.is_some_and(|header| header.strip_prefix("Bot ").unwrap_or(header) == token)
}

/// An answer as a hyper response.
fn encode(answer: Answer) -> Response<Full<Bytes>> {
    let mut builder = Response::builder().status(answer.status);
    for (name, value) in &answer.headers {
        builder = builder.header(*name, value);
    }
    let response = match answer.body {
        Some(body) => builder
            .header(hyper::header::CONTENT_TYPE, "application/json")
            .body(Full::new(Bytes::from(body.to_string()))),
        None => builder.body(Full::new(Bytes::new())),
    };
    response.expect("a valid response")
}

/// The answer of the endpoint `method path`.
fn route(state: &mut State, method: &str, path: &str, body: &Value) -> Answer {
    let segments: Vec<&str> = path.split('/').filter(|part| !part.is_empty()).collect();
    match (method, segments.as_slice()) {
        ("GET", ["gateway"]) => Answer::json(200, json!({ "url": gateway_url(state) })),
        ("GET", ["gateway", "bot"]) => Answer::json(
            200,
            json!({
                "url": gateway_url(state),
                "shards": 1,
                "session_start_limit": {
                    "total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1
                },
            }),
        ),
        ("GET", ["users", "@me"]) => Answer::json(200, payloads::current_user()),
        ("GET", ["oauth2", "applications", "@me"]) => Answer::json(200, payloads::application()),
        ("GET", ["applications", APPLICATION_ID, "commands"]) => commands(state, None),
        ("GET", ["applications", APPLICATION_ID, "guilds", guild, "commands"]) => {
            commands(state, Some(guild))
        }
        ("PUT", ["applications", APPLICATION_ID, "commands"]) => {
            overwrite_commands(state, None, body)
        }
        ("PUT", ["applications", APPLICATION_ID, "guilds", guild, "commands"]) => {
            overwrite_commands(state, Some(guild), body)
        }
        ("POST", ["interactions", id, token, "callback"]) => callback(state, id, token, body),
        ("POST", ["webhooks", APPLICATION_ID, token]) => followup(state, token, body),
        ("GET", ["webhooks", APPLICATION_ID, token, "messages", "@original"]) => {
            match state.originals.get(*token) {
                Some(message) => Answer::json(200, message.clone()),
                None => Answer::json(404, payloads::error(10008, "Unknown Message")),
            }
        }
        ("PATCH", ["webhooks", APPLICATION_ID, token, "messages", message]) => {
            edit_webhook_message(state, token, message, body)
        }
        ("DELETE", ["webhooks", APPLICATION_ID, token, "messages", message]) => {
            if *message == "@original" {
                state.originals.remove(*token);
            } else if let Some(followups) = state.followups.get_mut(*token) {
                followups.retain(|followup| followup["id"] != *message);
            }
            Answer::no_content()
        }
        ("POST", ["channels", channel, "messages"]) if targets::archived(state, channel) => {
            Answer::json(400, payloads::error(50083, "Thread is archived"))
        }
        ("POST", ["channels", channel, "messages"]) => create_message(state, channel, body),
        ("POST", ["channels", channel, "messages", message, "crosspost"]) => {
            targets::crosspost(state, channel, message)
        }
        ("POST", ["channels", channel, "threads"]) => {
            targets::create_forum_post(state, channel, body)
        }
        ("PATCH", ["channels", channel]) => targets::edit_channel(state, channel, body),
        ("GET", ["guilds", guild, "threads", "active"]) if joined(state, guild) => {
            targets::active_threads(state, guild)
        }
        ("GET", ["channels", channel]) => match state.channels.get(*channel) {
            Some(found) => Answer::json(200, found.clone()),
            None => Answer::json(404, payloads::error(10003, "Unknown Channel")),
        },
        ("GET", ["guilds", guild]) if joined(state, guild) => {
            Answer::json(200, payloads::guild_of(guild))
        }
        ("GET", ["guilds", guild, "channels"]) if joined(state, guild) => {
            // Threads are not among a guild's channels on Discord either.
            let mut channels: Vec<&Value> = state
                .channels
                .values()
                .filter(|channel| channel["type"] != 11 && channel["guild_id"] == *guild)
                .collect();
            channels.sort_by_key(|channel| channel["id"].as_str().unwrap_or_default().to_owned());
            Answer::json(200, json!(channels))
        }
        ("GET", ["guilds", guild, "members", user]) if joined(state, guild) => {
            if *user == APPLICATION_ID {
                Answer::json(200, payloads::bot_member())
            } else {
                Answer::json(404, payloads::error(10007, "Unknown Member"))
            }
        }
        ("GET", ["guilds", _]) => Answer::json(404, payloads::error(10004, "Unknown Guild")),
        _ => {
            state.violations.push(format!(
                "{method} {path}: the loopback Discord does not know this endpoint"
            ));
            Answer::json(404, payloads::error(0, "404: Not Found"))
        }
    }
}

/// Whether the bot is in `guild`.
fn joined(state: &State, guild: &str) -> bool {
    state.guilds.iter().any(|joined| joined == guild)
}

/// The gateway's URL as `GET /gateway` reports it.
fn gateway_url(state: &State) -> String {
    // Kept in the state by `Loopback::start`, so routing needs no second handle.
    state.gateway_url.clone()
}

/// The commands registered in one scope.
fn commands(state: &State, guild: Option<&str>) -> Answer {
    let registered = state
        .commands
        .get(&guild.map(str::to_owned))
        .cloned()
        .unwrap_or_default();
    Answer::json(200, Value::Array(registered))
}

/// A bulk overwrite: the scope's commands become exactly the ones sent.
fn overwrite_commands(state: &mut State, guild: Option<&str>, body: &Value) -> Answer {
    if guild.is_some_and(|guild| guild != payloads::GUILD_ID) {
        return Answer::json(403, payloads::error(50001, "Missing Access"));
    }
    let sent = body.as_array().cloned().unwrap_or_default();
    let registered: Vec<Value> = sent
        .iter()
        .map(|command| {
            let id = state.snowflake();
            payloads::registered_command(&id, guild, command)
        })
        .collect();
    state
        .commands
        .insert(guild.map(str::to_owned), registered.clone());
    Answer::json(200, Value::Array(registered))
}

/// The initial response to an interaction: due within 3 seconds, and only once.
fn callback(state: &mut State, id: &str, token: &str, body: &Value) -> Answer {
    let Some(interaction) = state.interactions.get(id).cloned() else {
        state.violations.push(format!(
            "callback for interaction {id}, which was never dispatched"
        ));
        return Answer::json(404, payloads::error(10062, "Unknown interaction"));
    };
    if interaction.token != token {
        state
            .violations
            .push(format!("callback for interaction {id} with a wrong token"));
        return Answer::json(401, payloads::error(50027, "Invalid Webhook Token"));
    }
    let elapsed = interaction.dispatched_at.elapsed();
    if elapsed > INTERACTION_WINDOW {
        state.violations.push(format!(
            "interaction {id} answered after {elapsed:?}; Discord allows 3 s"
        ));
        return Answer::json(404, payloads::error(10062, "Unknown interaction"));
    }
    if interaction.answered_with.is_some() {
        state
            .violations
            .push(format!("interaction {id} answered twice"));
        return Answer::json(
            400,
            payloads::error(40060, "Interaction has already been acknowledged."),
        );
    }
    let kind = body["type"].as_u64().unwrap_or(0);
    if let Some(known) = state.interactions.get_mut(id) {
        known.answered_with = Some(kind);
    }
    match kind {
        // A message now, or a "thinking…" placeholder whose flags fix its visibility.
        4 | 5 => {
            let message_id = state.snowflake();
            let data = if kind == 4 {
                body["data"].clone()
            } else {
                json!({ "flags": body["data"]["flags"] })
            };
            let message = payloads::message(&message_id, &interaction.channel_id, &data, true);
            state.originals.insert(token.to_owned(), message);
        }
        // The clicked message itself changes.
        7 => {
            let updated = state.originals.values_mut().find(|message| {
                message["components"].to_string().contains(&format!(
                    "\"{}\"",
                    body["data"]["custom_id"].as_str().unwrap_or("")
                ))
            });
            if let Some(message) = updated {
                merge_message(message, &body["data"]);
            }
        }
        _ => {}
    }
    Answer::no_content()
}

/// A follow-up message: allowed only after the interaction was acknowledged.
fn followup(state: &mut State, token: &str, body: &Value) -> Answer {
    let Some(original) = state.originals.get(token).cloned() else {
        state
            .violations
            .push("a follow-up before the initial response".to_owned());
        return Answer::json(404, payloads::error(10015, "Unknown Webhook"));
    };
    let message_id = state.snowflake();
    let channel_id = original["channel_id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let mut data = body.clone();
    // The first follow-up after a deferral replaces the placeholder and keeps its visibility.
    let is_deferred_placeholder = original["content"] == "" && original["embeds"] == json!([]);
    if is_deferred_placeholder && !state.followups.contains_key(token) {
        let placeholder_flags = original["flags"].as_u64().unwrap_or(0) & EPHEMERAL;
        data["flags"] = json!(data["flags"].as_u64().unwrap_or(0) | placeholder_flags);
    }
    let message = payloads::message(&message_id, &channel_id, &data, true);
    state
        .followups
        .entry(token.to_owned())
        .or_default()
        .push(message.clone());
    Answer::json(200, message)
}

/// `PATCH /webhooks/{app}/{token}/messages/{id or @original}`.
fn edit_webhook_message(state: &mut State, token: &str, message_id: &str, body: &Value) -> Answer {
    let target = if message_id == "@original" {
        state.originals.get_mut(token)
    } else {
        state.followups.get_mut(token).and_then(|followups| {
            followups
                .iter_mut()
                .find(|followup| followup["id"] == message_id)
        })
    };
    match target {
        Some(message) => {
            merge_message(message, body);
            Answer::json(200, message.clone())
        }
        None => Answer::json(404, payloads::error(10008, "Unknown Message")),
    }
}

/// Applies the fields of an edit to a stored message.
fn merge_message(message: &mut Value, edit: &Value) {
    for key in ["content", "embeds", "components", "flags"] {
        if let Some(value) = edit.get(key) {
            if !value.is_null() {
                message[key] = value.clone();
            }
        }
    }
}

/// `POST /channels/{id}/messages`, with Discord's `enforce_nonce`: a nonce the bot already used
/// within a few minutes, in any channel, returns that first message instead of posting a second.
fn create_message(state: &mut State, channel: &str, body: &Value) -> Answer {
    let Some(known) = state.channels.get(channel) else {
        return Answer::json(404, payloads::error(10003, "Unknown Channel"));
    };
    if denied_to_everyone(known) & payloads::SEND_AND_EMBED != 0 {
        return Answer::json(403, payloads::error(50013, "Missing Permissions"));
    }
    let nonce = match &body["nonce"] {
        Value::String(text) => Some(text.clone()),
        Value::Number(number) => Some(number.to_string()),
        _ => None,
    };
    let enforce = body["enforce_nonce"].as_bool().unwrap_or(false);
    if let (Some(nonce), true) = (&nonce, enforce) {
        if let Some((first_at, first)) = state.nonces.get(nonce) {
            if first_at.elapsed() < NONCE_WINDOW {
                return Answer::json(200, first.clone());
            }
        }
    }
    let message_id = state.snowflake();
    let message = payloads::message(&message_id, channel, body, false);
    if let (Some(nonce), true) = (nonce, enforce) {
        state
            .nonces
            .insert(nonce, (Instant::now(), message.clone()));
    }
    state
        .channel_messages
        .push((channel.to_owned(), message.clone()));
    Answer::json(200, message)
}

/// The permission bits a channel's overwrite for `@everyone` denies (the bot has no other role).
pub fn denied_to_everyone(channel: &Value) -> u64 {
    channel["permission_overwrites"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|overwrite| overwrite["id"] == payloads::GUILD_ID)
        .filter_map(|overwrite| overwrite["deny"].as_str()?.parse::<u64>().ok())
        .fold(0, |denied, bits| denied | bits)
}
