//! The gateway half of the loopback Discord: HELLO, IDENTIFY → READY + GUILD_CREATE, heartbeat
//! ACKs, RESUME with replay, and the dispatches a test scripts.
//!
//! Several sessions may be live at once, one per shard named in IDENTIFY (`shard: [id,
//! total]`): each hears only of the guilds its shard owns, by Discord's rule `shard_id =
//! (guild_id >> 22) % total`, so two processes running shards `0-0/2` and `1-1/2` each get the
//! interactions of their own guilds only.

use std::sync::Arc;
use std::time::Instant;

use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::protocol::CloseFrame;
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;

use super::payloads;
use super::state::{GatewayRecord, Outgoing, Session, Shared, State};

/// The heartbeat interval HELLO announces. Long, so heartbeats never interleave with a test.
const HEARTBEAT_INTERVAL_MS: u64 = 41_250;

/// Accepts websocket connections until the task is aborted.
pub async fn serve(listener: TcpListener, shared: Arc<Shared>) {
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            continue;
        };
        // Without this, Nagle's algorithm holds small frames back for the peer's delayed ACK.
        let _ = stream.set_nodelay(true);
        tokio::spawn(connection(stream, Arc::clone(&shared)));
    }
}

/// One websocket connection, from HELLO until either side drops it.
async fn connection(stream: TcpStream, shared: Arc<Shared>) {
    let Ok(websocket) = tokio_tungstenite::accept_async(stream).await else {
        return;
    };
    let (mut sink, mut source) = websocket.split();
    let (sender, mut outgoing) = mpsc::unbounded_channel();
    let number = shared.update(|state| {
        state.gateway.connections += 1;
        state.gateway.connections
    });
    let hello = json!({ "op": 10, "d": { "heartbeat_interval": HEARTBEAT_INTERVAL_MS } });
    if sink.send(Message::Text(hello.to_string())).await.is_err() {
        return;
    }
    loop {
        tokio::select! {
            frame = source.next() => match frame {
                Some(Ok(Message::Text(text))) => receive(&shared, number, &sender, &text),
                Some(Ok(Message::Close(_))) | Some(Err(_)) | None => break,
                Some(Ok(_)) => {}
            },
            frame = outgoing.recv() => match frame {
                Some(Outgoing::Frame(text)) => {
                    if sink.send(Message::Text(text)).await.is_err() {
                        break;
                    }
                }
                Some(Outgoing::Close(code)) => {
                    let frame = CloseFrame { code: CloseCode::from(code), reason: "closed by the test".into() };
                    let _ = sink.send(Message::Close(Some(frame))).await;
                    break;
                }
                // Dropping both halves closes the TCP connection with no closing handshake.
                Some(Outgoing::Drop) | None => break,
            },
        }
    }
    shared.update(|state| {
        for session in &mut state.gateway.sessions {
            if session
                .connection
                .as_ref()
                .is_some_and(|(current, _)| *current == number)
            {
                session.connection = None;
            }
        }
    });
}

/// Handles one payload from the bot.
fn receive(shared: &Shared, number: u64, sender: &mpsc::UnboundedSender<Outgoing>, text: &str) {
    let Ok(payload) = serde_json::from_str::<Value>(text) else {
        shared.update(|state| state.violations.push(format!("gateway: not JSON: {text}")));
        return;
    };
    let op = payload["op"].as_u64().unwrap_or(u64::MAX);
    let data = payload["d"].clone();
    shared.update(|state| {
        state.gateway.log.push(GatewayRecord {
            op,
            data: data.clone(),
            connection: number,
            at: Instant::now(),
        });
        match op {
            1 => send(sender, json!({ "op": 11 })),
            2 => identify(state, number, sender, &data),
            6 => resume(state, number, sender, &data),
            // Presence, voice state and member requests need no answer here.
            3 | 4 | 8 => {}
            other => state
                .violations
                .push(format!("gateway: unknown opcode {other}")),
        }
    });
}

/// Queues a frame for a connection; a connection that went away just misses it.
fn send(sender: &mpsc::UnboundedSender<Outgoing>, frame: Value) {
    let _ = sender.send(Outgoing::Frame(frame.to_string()));
}

/// IDENTIFY: a new session for the shard it names (`[0, 1]` without one), READY and the
/// GUILD_CREATEs of that shard's guilds. A new session of a shard replaces the old one, as a
/// restarted process's does on Discord.
fn identify(
    state: &mut State,
    number: u64,
    sender: &mpsc::UnboundedSender<Outgoing>,
    data: &Value,
) {
    let token = data["token"].as_str().unwrap_or_default();
    if token.strip_prefix("Bot ").unwrap_or(token) != state.token {
        let _ = sender.send(Outgoing::Close(4004));
        return;
    }
    let Some(shard) = shard_in(&data["shard"]) else {
        state.violations.push(format!(
            "gateway: IDENTIFY with an invalid shard {}",
            data["shard"]
        ));
        // 4010, Invalid Shard, as Discord closes with.
        let _ = sender.send(Outgoing::Close(4010));
        return;
    };
    state.gateway.sessions_started += 1;
    let session_id = format!("loopback-session-{}", state.gateway.sessions_started);
    // A session of another total belongs to a bot that was resharded: Discord would have
    // closed it too.
    state
        .gateway
        .sessions
        .retain(|session| session.shard[0] != shard[0] && session.shard[1] == shard[1]);
    state.gateway.sessions.push(Session {
        id: session_id,
        shard,
        seq: 0,
        events: Vec::new(),
        ready: false,
        connection: Some((number, sender.clone())),
    });
    state
        .gateway
        .sessions
        .sort_by_key(|session| session.shard[0]);
    if !state.gateway.hold_ready {
        ready(state);
    }
}

/// The `shard` of an IDENTIFY: `[id, total]` with `id < total`; `[0, 1]` when absent.
fn shard_in(field: &Value) -> Option<[u64; 2]> {
    if field.is_null() {
        return Some([0, 1]);
    }
    match field.as_array()?.as_slice() {
        [id, total] => {
            let (id, total) = (id.as_u64()?, total.as_u64()?);
            (id < total).then_some([id, total])
        }
        _ => None,
    }
}

/// READY and GUILD_CREATE for every session that has not had them yet.
pub fn ready(state: &mut State) {
    assert!(
        !state.gateway.sessions.is_empty(),
        "no session identified: nothing to send READY to"
    );
    let resume_url = state.gateway_url.clone();
    for index in 0..state.gateway.sessions.len() {
        if state.gateway.sessions[index].ready {
            continue;
        }
        let (session_id, shard) = {
            let session = &state.gateway.sessions[index];
            (session.id.clone(), session.shard)
        };
        let guilds: Vec<String> = state
            .guilds
            .iter()
            .filter(|guild| shard_of(guild, shard[1]) == Some(shard[0]))
            .cloned()
            .collect();
        let ready = payloads::ready(&session_id, &resume_url, shard, &guilds);
        send_to(state, index, "READY", ready);
        for guild in &guilds {
            send_to(state, index, "GUILD_CREATE", payloads::guild_of(guild));
        }
        state.gateway.sessions[index].ready = true;
    }
}

/// RESUME: replay what the session missed, then RESUMED; an unknown session is invalid.
fn resume(state: &mut State, number: u64, sender: &mpsc::UnboundedSender<Outgoing>, data: &Value) {
    let wanted = data["session_id"].as_str().unwrap_or_default();
    let from = data["seq"].as_u64().unwrap_or(0);
    let Some(index) = state
        .gateway
        .sessions
        .iter()
        .position(|session| session.id == wanted)
    else {
        send(sender, json!({ "op": 9, "d": false }));
        return;
    };
    let session = &mut state.gateway.sessions[index];
    for (_, frame) in session.events.iter().filter(|(seq, _)| *seq > from) {
        let _ = sender.send(Outgoing::Frame(frame.clone()));
    }
    session.connection = Some((number, sender.clone()));
    send_to(state, index, "RESUMED", json!({}));
}

/// The shard that owns `guild` out of `total`, by Discord's rule `(guild_id >> 22) % total`.
pub fn shard_of(guild: &str, total: u64) -> Option<u64> {
    let id = guild.parse::<u64>().ok()?;
    Some((id >> 22) % total.max(1))
}

/// The guild a dispatch belongs to: its `guild_id`, or the guild itself for the guild events.
fn guild_of_event(event: &str, data: &Value) -> Option<String> {
    let field = match event {
        "GUILD_CREATE" | "GUILD_UPDATE" | "GUILD_DELETE" => &data["id"],
        _ => &data["guild_id"],
    };
    field.as_str().map(str::to_owned)
}

/// Adds a dispatch to the session of the shard that owns its guild (shard 0 for an event of no
/// guild, as on Discord) and sends it to that session's live connection, if any; without one it
/// waits in the session for a RESUME. Returns the shards it went to: none when no process runs
/// the guild's shard, so nobody hears of it.
pub fn dispatch(state: &mut State, event: &str, data: Value) -> Vec<u64> {
    assert!(
        !state.gateway.sessions.is_empty(),
        "the loopback Discord has no session yet: wait for the bot to identify before dispatching {event}"
    );
    let guild = guild_of_event(event, &data);
    let owners: Vec<usize> = (0..state.gateway.sessions.len())
        .filter(|&index| {
            let [id, total] = state.gateway.sessions[index].shard;
            match &guild {
                Some(guild) => shard_of(guild, total) == Some(id),
                None => id == 0,
            }
        })
        .collect();
    let mut shards = Vec::new();
    for index in owners {
        shards.push(state.gateway.sessions[index].shard[0]);
        send_to(state, index, event, data.clone());
    }
    state
        .gateway
        .dispatched
        .push((event.to_owned(), guild, shards.clone()));
    shards
}

/// Adds a dispatch to one session and sends it on its live connection, if any.
fn send_to(state: &mut State, index: usize, event: &str, data: Value) {
    let session = &mut state.gateway.sessions[index];
    session.seq += 1;
    let frame = json!({ "op": 0, "s": session.seq, "t": event, "d": data }).to_string();
    session.events.push((session.seq, frame.clone()));
    if let Some((_, sender)) = &session.connection {
        let _ = sender.send(Outgoing::Frame(frame));
    }
}
