//! The gateway half of the loopback Discord: HELLO, IDENTIFY → READY + GUILD_CREATE, heartbeat
//! ACKs, RESUME with replay, and the dispatches a test scripts.

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
        if state
            .gateway
            .connection
            .as_ref()
            .is_some_and(|(current, _)| *current == number)
        {
            state.gateway.connection = None;
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

/// IDENTIFY: a new session, READY and GUILD_CREATE.
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
    state.gateway.sessions_started += 1;
    let session_id = format!("loopback-session-{}", state.gateway.sessions_started);
    state.gateway.session = Some(Session {
        id: session_id.clone(),
        seq: 0,
        events: Vec::new(),
        ready: false,
    });
    state.gateway.connection = Some((number, sender.clone()));
    if !state.gateway.hold_ready {
        ready(state);
    }
}

/// READY and GUILD_CREATE for the session that identified last.
pub fn ready(state: &mut State) {
    let Some(session_id) = state
        .gateway
        .session
        .as_ref()
        .map(|session| session.id.clone())
    else {
        panic!("no session identified: nothing to send READY to");
    };
    let resume_url = state.gateway_url.clone();
    dispatch(state, "READY", payloads::ready(&session_id, &resume_url));
    dispatch(state, "GUILD_CREATE", payloads::guild());
    if let Some(session) = state.gateway.session.as_mut() {
        session.ready = true;
    }
}

/// RESUME: replay what the session missed, then RESUMED; an unknown session is invalid.
fn resume(state: &mut State, number: u64, sender: &mpsc::UnboundedSender<Outgoing>, data: &Value) {
    let wanted = data["session_id"].as_str().unwrap_or_default();
    let from = data["seq"].as_u64().unwrap_or(0);
    let Some(session) = state
        .gateway
        .session
        .as_ref()
        .filter(|session| session.id == wanted)
    else {
        send(sender, json!({ "op": 9, "d": false }));
        return;
    };
    for (_, frame) in session.events.iter().filter(|(seq, _)| *seq > from) {
        let _ = sender.send(Outgoing::Frame(frame.clone()));
    }
    state.gateway.connection = Some((number, sender.clone()));
    dispatch(state, "RESUMED", json!({}));
}

/// Adds a dispatch to the session and sends it to the live connection, if any; without one it
/// waits in the session for a RESUME, as on Discord.
pub fn dispatch(state: &mut State, event: &str, data: Value) {
    let Some(session) = state.gateway.session.as_mut() else {
        panic!(
            "the loopback Discord has no session yet: wait for the bot to identify before dispatching {event}"
        );
    };
    session.seq += 1;
    let frame = json!({ "op": 0, "s": session.seq, "t": event, "d": data }).to_string();
    session.events.push((session.seq, frame.clone()));
    if let Some((_, sender)) = &state.gateway.connection {
        let _ = sender.send(Outgoing::Frame(frame));
    }
}
