//! What the loopback Discord remembers: recorded requests, faults to inject, interactions,
//! messages, registered commands and the gateway session.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Instant;

use serde_json::Value;
use tokio::sync::{Notify, mpsc};

use super::payloads;

/// One HTTP request the bot made, with the answer it got.
#[derive(Debug, Clone)]
pub struct Recorded {
    /// `GET`, `POST`, …
    pub method: String,
    /// The path without the `/api/v10` prefix, e.g. `/channels/1/messages`.
    pub path: String,
    /// The query string, if any.
    pub query: Option<String>,
    /// The JSON body (`Null` when there was none).
    pub body: Value,
    /// The status the loopback answered with; 0 when it withheld the answer (a stall).
    pub status: u16,
    /// When the request arrived.
    pub at: Instant,
    /// The files of a multipart upload, in the order sent (empty for a JSON body).
    pub files: Vec<RecordedFile>,
}

/// One file of a multipart upload, as the bot sent it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedFile {
    /// The form field, e.g. `files[0]`.
    pub field: String,
    /// The file name the part carries, e.g. `timeline.png`.
    pub file_name: Option<String>,
    /// The part's content type, e.g. `image/png`.
    pub content_type: Option<String>,
    /// The file's bytes.
    pub bytes: Vec<u8>,
}

impl Recorded {
    /// True when this is `method` on a path containing `path_part`.
    pub fn is(&self, method: &str, path_part: &str) -> bool {
        self.method == method && self.path.contains(path_part)
    }
}

/// A failure Discord can answer with, injected by a test.
#[derive(Debug, Clone)]
pub enum Fault {
    /// 429 with `retry_after` seconds in the body and the `Retry-After` header.
    RateLimited {
        /// Seconds to wait.
        retry_after: f64,
        /// Whether the global limit was hit.
        global: bool,
    },
    /// 500, an internal server error.
    ServerError,
    /// 403 with code 50013, Missing Permissions.
    MissingPermissions,
    /// 403 with code 50001, Missing Access.
    MissingAccess,
    /// 404 with code 10003, Unknown Channel.
    UnknownChannel,
    /// 404 with code 10004, Unknown Guild.
    UnknownGuild,
}

impl Fault {
    /// The status, body and extra headers of the answer.
    pub fn answer(&self) -> Answer {
        match self {
            Fault::RateLimited {
                retry_after,
                global,
            } => {
                let mut answer = Answer::json(
                    429,
                    serde_json::json!({
                        "message": "You are being rate limited.",
                        "retry_after": retry_after,
                        "global": global,
                    }),
                );
                answer
                    .headers
                    .push(("retry-after", format!("{}", retry_after.ceil() as u64)));
                answer.headers.push((
                    "x-ratelimit-scope",
                    if *global { "global" } else { "user" }.to_owned(),
                ));
                if *global {
                    answer
                        .headers
                        .push(("x-ratelimit-global", "true".to_owned()));
                }
                answer
            }
            Fault::ServerError => {
                Answer::json(500, payloads::error(0, "500: Internal Server Error"))
            }
            Fault::MissingPermissions => {
                Answer::json(403, payloads::error(50013, "Missing Permissions"))
            }
            Fault::MissingAccess => Answer::json(403, payloads::error(50001, "Missing Access")),
            Fault::UnknownChannel => Answer::json(404, payloads::error(10003, "Unknown Channel")),
            Fault::UnknownGuild => Answer::json(404, payloads::error(10004, "Unknown Guild")),
        }
    }
}

/// Requests the loopback serves but never answers, as when Discord created a message and the
/// connection then hung: the bot cannot know the message exists.
#[derive(Debug, Clone)]
pub struct StallRule {
    /// The method it applies to.
    pub method: String,
    /// A part of the path it applies to.
    pub path_part: String,
    /// How many more matching requests are answered before the stall begins.
    pub pass: usize,
}

impl StallRule {
    /// Whether a successful `method path` request is to go unanswered; counts the ones let
    /// through.
    pub fn withholds(&mut self, method: &str, path: &str) -> bool {
        if self.method != method || !path.contains(&self.path_part) {
            return false;
        }
        if self.pass > 0 {
            self.pass -= 1;
            return false;
        }
        true
    }
}

/// A fault waiting for the next requests that match it.
#[derive(Debug, Clone)]
pub struct FaultRule {
    /// The method it applies to.
    pub method: String,
    /// A part of the path it applies to.
    pub path_part: String,
    /// What to answer.
    pub fault: Fault,
    /// How many more requests it answers.
    pub remaining: usize,
}

/// An HTTP answer before it is encoded.
#[derive(Debug, Clone)]
pub struct Answer {
    /// The status code.
    pub status: u16,
    /// The JSON body; `None` for 204.
    pub body: Option<Value>,
    /// Extra headers.
    pub headers: Vec<(&'static str, String)>,
}

impl Answer {
    /// A JSON answer.
    pub fn json(status: u16, body: Value) -> Answer {
        Answer {
            status,
            body: Some(body),
            headers: Vec::new(),
        }
    }

    /// 204 No Content.
    pub fn no_content() -> Answer {
        Answer {
            status: 204,
            body: None,
            headers: Vec::new(),
        }
    }
}

/// An interaction the loopback dispatched.
#[derive(Debug, Clone)]
pub struct Interaction {
    /// Its id (a snowflake).
    pub id: String,
    /// The token the bot answers with.
    pub token: String,
    /// When the dispatch was queued for the websocket.
    pub dispatched_at: Instant,
    /// The shards whose sessions it went to: the one that owns its guild, or none when no
    /// process runs that shard.
    pub shards: Vec<u64>,
}

/// What the loopback knows about a dispatched interaction.
#[derive(Debug, Clone)]
pub struct InteractionState {
    /// The token of the interaction.
    pub token: String,
    /// When it was dispatched: the initial response is due within 3 seconds.
    pub dispatched_at: Instant,
    /// The callback type of the initial response, once there is one.
    pub answered_with: Option<u64>,
    /// The channel it came from.
    pub channel_id: String,
}

/// A frame for a websocket connection task.
#[derive(Debug, Clone)]
pub enum Outgoing {
    /// A text frame.
    Frame(String),
    /// Close the TCP connection without a closing handshake (a dropped connection).
    Drop,
    /// Close with this code.
    Close(u16),
}

/// One gateway payload the bot sent.
#[derive(Debug, Clone)]
pub struct GatewayRecord {
    /// The opcode (1 heartbeat, 2 identify, 6 resume, …).
    pub op: u64,
    /// The `d` field.
    pub data: Value,
    /// Which connection it came over (1 is the first).
    pub connection: u64,
    /// When it arrived.
    pub at: Instant,
}

/// A gateway session: what RESUME replays.
#[derive(Debug)]
pub struct Session {
    /// The session id READY handed out.
    pub id: String,
    /// `[shard id, total shards]` as IDENTIFY named them (`[0, 1]` when it named none).
    pub shard: [u64; 2],
    /// The live connection its dispatches go to: its number and its frame queue.
    pub connection: Option<(u64, mpsc::UnboundedSender<Outgoing>)>,
    /// The sequence number of the last dispatch.
    pub seq: u64,
    /// Every dispatch of the session as its encoded frame, by sequence number.
    pub events: Vec<(u64, String)>,
    /// True once READY went out on a live connection.
    pub ready: bool,
}

/// The gateway's half of the state.
#[derive(Debug, Default)]
pub struct GatewayState {
    /// The sessions, one per shard, in shard order; empty until the bot identifies.
    pub sessions: Vec<Session>,
    /// Every dispatch a test scripted: (event, its guild, the shards it went to).
    pub dispatched: Vec<(String, Option<String>, Vec<u64>)>,
    /// How many websocket connections were opened.
    pub connections: u64,
    /// What the bot sent over the gateway.
    pub log: Vec<GatewayRecord>,
    /// How many sessions were started with IDENTIFY.
    pub sessions_started: u64,
    /// Withhold READY after the next IDENTIFY until the test releases it.
    pub hold_ready: bool,
}

/// Everything the loopback remembers, behind one lock that is never held across an await.
#[derive(Debug, Default)]
pub struct State {
    /// Every HTTP request, in arrival order.
    pub requests: Vec<Recorded>,
    /// What Discord would have rejected, or a request it does not know.
    pub violations: Vec<String>,
    /// Faults waiting to be injected.
    pub faults: Vec<FaultRule>,
    /// Nonce → when and what was first posted with it. Discord checks a nonce against the
    /// author's recent messages in every channel, and the bot is the only author here.
    pub nonces: HashMap<String, (Instant, Value)>,
    /// Successful requests to withhold the answer of, when a test stalls the loopback.
    pub stall: Option<StallRule>,
    /// How many answers were withheld.
    pub stalled: usize,
    /// Messages posted to channels, in order: (channel id, message).
    pub channel_messages: Vec<(String, Value)>,
    /// Interactions by id.
    pub interactions: HashMap<String, InteractionState>,
    /// Interaction token → the original response message.
    pub originals: HashMap<String, Value>,
    /// Interaction token → follow-up messages.
    pub followups: HashMap<String, Vec<Value>>,
    /// Registered commands: `None` for global, `Some(guild)` for a guild.
    pub commands: HashMap<Option<String>, Vec<Value>>,
    /// The next snowflake to hand out.
    pub next_snowflake: u64,
    /// The token the bot must present.
    pub token: String,
    /// `ws://127.0.0.1:PORT`, what `GET /gateway` answers.
    pub gateway_url: String,
    /// The gateway.
    pub gateway: GatewayState,
    /// The guilds the bot is in: [`payloads::GUILD_ID`], and the second guild once a test
    /// adds it.
    pub guilds: Vec<String>,
    /// Receivers of every recorded request (the perf harness listens here).
    pub subscribers: Vec<mpsc::UnboundedSender<Recorded>>,
    /// The guild's channels by id: the fixed ones, those a test added, minus deleted ones.
    pub channels: HashMap<String, Value>,
    /// Discord's global rate limit, when a test enforces one.
    pub global_limit: Option<GlobalLimit>,
    /// Forum posts made, in order: (forum id, the thread as created).
    pub forum_posts: Vec<(String, Value)>,
    /// Threads reopened with `PATCH /channels/{id}`.
    pub reopened: Vec<String>,
    /// Messages published to following servers: (channel id, message id).
    pub crossposts: Vec<(String, String)>,
}

/// Discord's global limit on a bot's requests, as a token bucket: `rate` requests a second,
/// up to one second's worth at once.
#[derive(Debug, Clone)]
pub struct GlobalLimit {
    /// Requests per second.
    pub rate: f64,
    /// Requests that may go now.
    pub tokens: f64,
    /// When `tokens` was last refilled.
    pub refilled: Instant,
}

impl GlobalLimit {
    /// A full bucket for `rate` requests a second.
    pub fn new(rate: u32) -> GlobalLimit {
        GlobalLimit {
            rate: f64::from(rate),
            tokens: f64::from(rate),
            refilled: Instant::now(),
        }
    }

    /// Takes one request's token, or says how many seconds until one is free.
    pub fn take(&mut self) -> Result<(), f64> {
        let now = Instant::now();
        let elapsed = now.duration_since(self.refilled).as_secs_f64();
        self.tokens = (self.tokens + elapsed * self.rate).min(self.rate);
        self.refilled = now;
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            Ok(())
        } else {
            Err((1.0 - self.tokens) / self.rate)
        }
    }
}

impl State {
    /// A fresh snowflake: like Discord's, its top bits are the milliseconds since Discord's
    /// epoch (the bot dates forum posts by them), and each is larger than the last.
    pub fn snowflake(&mut self) -> String {
        const DISCORD_EPOCH_MS: u64 = 1_420_070_400_000;
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |since| since.as_millis() as u64);
        let timed = now.saturating_sub(DISCORD_EPOCH_MS) << 22;
        self.next_snowflake = timed.max(self.next_snowflake + 1);
        self.next_snowflake.to_string()
    }

    /// The fault to answer `method path` with, consuming one use of it.
    pub fn take_fault(&mut self, method: &str, path: &str) -> Option<Fault> {
        let rule = self.faults.iter_mut().find(|rule| {
            rule.remaining > 0 && rule.method == method && path.contains(&rule.path_part)
        })?;
        rule.remaining -= 1;
        let fault = rule.fault.clone();
        self.faults.retain(|rule| rule.remaining > 0);
        Some(fault)
    }
}

/// The state shared by the REST server, the gateway and the test's handle.
#[derive(Debug)]
pub struct Shared {
    /// Everything remembered.
    pub state: Mutex<State>,
    /// Woken whenever something is recorded, so tests wait for events instead of sleeping.
    pub changed: Notify,
    /// Whether request bodies are checked against Discord's OpenAPI description.
    pub validate: bool,
    /// Whether request bodies are parsed and kept.
    pub keep_bodies: bool,
}

impl Shared {
    /// Runs `change` on the state, then wakes every waiter.
    pub fn update<T>(&self, change: impl FnOnce(&mut State) -> T) -> T {
        let result = change(&mut self.state.lock().expect("loopback state lock"));
        self.changed.notify_waiters();
        result
    }
}
