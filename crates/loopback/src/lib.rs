//! A loopback Discord: enough of Discord's REST API and gateway for the real serenity/poise
//! client, bound to 127.0.0.1, recording every request for the tests to assert on.
//!
//! Start one with [`Loopback::start`], point the bot at [`Loopback::api_url`] (the bot's
//! `BRIEFBOT_API_URL`), wait for [`Loopback::wait_ready`], then script interactions
//! ([`Loopback::slash`], [`Loopback::autocomplete`], [`Loopback::click`]) and wait for what the
//! bot sends ([`Loopback::callback`], [`Loopback::wait_request`]). Faults are injected with
//! [`Loopback::inject`] and [`Loopback::drop_gateway`]. Every request body is checked against
//! Discord's OpenAPI description; [`Loopback::assert_no_violations`] fails a test that sent
//! anything Discord would reject.

pub mod gateway;
mod interactions;
pub mod multipart;
pub mod payloads;
pub mod rest;
pub mod spec;
pub mod state;
pub mod targets;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::Value;
use tokio::net::TcpListener;
use tokio::sync::{Notify, mpsc};
use tokio::task::JoinHandle;

pub use interactions::{channel_option, focused, option, role_option};
pub use payloads::Invoker;
pub use state::{
    Fault, FaultRule, GatewayRecord, GlobalLimit, Interaction, Recorded, RecordedFile, StallRule,
    State,
};

use state::{Outgoing, Shared};

/// How long a wait may take before the test fails. Not a timing guess: every wait ends as soon
/// as its event happens; this only turns a hang into a failure with the requests printed.
pub const WAIT_LIMIT: Duration = Duration::from_secs(15);

/// How the loopback behaves.
#[derive(Debug, Clone)]
pub struct Options {
    /// Check request bodies against Discord's OpenAPI description (off for the perf harness,
    /// whose figures should measure the bot, not the validator).
    pub validate: bool,
    /// Parse and keep request bodies (off for the perf harness: Discord's side of the wire
    /// would not spend this machine's cores copying the bot's JSON around). Without bodies
    /// nothing is validated and no message is stored.
    pub keep_bodies: bool,
    /// The token the bot must present.
    pub token: String,
    /// Discord's global limit in requests per second, enforced with 429s when set.
    pub global_limit: Option<u32>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            validate: true,
            keep_bodies: true,
            token: payloads::TOKEN.to_owned(),
            global_limit: None,
        }
    }
}

/// A running loopback Discord; dropping it stops the servers.
pub struct Loopback {
    shared: Arc<Shared>,
    api_url: String,
    tasks: Vec<JoinHandle<()>>,
}

impl Drop for Loopback {
    fn drop(&mut self) {
        for task in &self.tasks {
            task.abort();
        }
    }
}

impl Loopback {
    /// Starts a loopback Discord that validates every request body.
    pub async fn start() -> Loopback {
        Loopback::start_with(Options::default()).await
    }

    /// Starts a loopback Discord with these options.
    pub async fn start_with(options: Options) -> Loopback {
        let rest = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind the REST port");
        let gateway = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind the gateway port");
        let api_url = format!("http://{}", rest.local_addr().expect("REST address"));
        let gateway_url = format!("ws://{}", gateway.local_addr().expect("gateway address"));
        if options.validate {
            // Load the description now, so the first request is not the slow one.
            let _ = spec::Spec::get();
        }
        let channels = payloads::channels()
            .into_iter()
            .chain(payloads::threads())
            .map(|channel| {
                (
                    channel["id"].as_str().unwrap_or_default().to_owned(),
                    channel,
                )
            })
            .collect();
        let state = State {
            token: options.token,
            gateway_url,
            channels,
            global_limit: options.global_limit.map(GlobalLimit::new),
            guilds: vec![payloads::GUILD_ID.to_owned()],
            ..State::default()
        };
        let shared = Arc::new(Shared {
            state: Mutex::new(state),
            changed: Notify::new(),
            validate: options.validate && options.keep_bodies,
            keep_bodies: options.keep_bodies,
        });
        let tasks = vec![
            tokio::spawn(rest::serve(rest, Arc::clone(&shared))),
            tokio::spawn(gateway::serve(gateway, Arc::clone(&shared))),
        ];
        Loopback {
            shared,
            api_url,
            tasks,
        }
    }

    /// The base URL the bot sends REST calls to (`BRIEFBOT_API_URL`).
    pub fn api_url(&self) -> String {
        self.api_url.clone()
    }

    /// Reads the state.
    pub fn with_state<T>(&self, read: impl FnOnce(&State) -> T) -> T {
        read(&self.shared.state.lock().expect("loopback state lock"))
    }

    /// Every request so far.
    pub fn requests(&self) -> Vec<Recorded> {
        self.with_state(|state| state.requests.clone())
    }

    /// The requests that are `method` on a path containing `path_part`.
    pub fn requests_to(&self, method: &str, path_part: &str) -> Vec<Recorded> {
        self.with_state(|state| {
            state
                .requests
                .iter()
                .filter(|request| request.is(method, path_part))
                .cloned()
                .collect()
        })
    }

    /// What Discord would have rejected so far.
    pub fn violations(&self) -> Vec<String> {
        self.with_state(|state| state.violations.clone())
    }

    /// Fails the test if the bot sent anything Discord would reject, or called an endpoint the
    /// loopback does not know.
    pub fn assert_no_violations(&self) {
        let violations = self.violations();
        assert!(
            violations.is_empty(),
            "the bot sent what Discord would reject:\n{}",
            violations.join("\n")
        );
    }

    /// The next `times` requests that are `method` on a path containing `path_part` get `fault`.
    pub fn inject(&self, method: &str, path_part: &str, fault: Fault, times: usize) {
        self.shared.update(|state| {
            state.faults.push(FaultRule {
                method: method.to_owned(),
                path_part: path_part.to_owned(),
                fault,
                remaining: times,
            })
        });
    }

    /// After `pass` more successful `method` requests on a path containing `path_part`, each
    /// further one is served (a message is created) but never answered, until [`Loopback::unstall`].
    pub fn stall_after(&self, method: &str, path_part: &str, pass: usize) {
        self.shared.update(|state| {
            state.stall = Some(StallRule {
                method: method.to_owned(),
                path_part: path_part.to_owned(),
                pass,
            })
        });
    }

    /// Ends a stall: requests from now on are answered (those already held stay unanswered).
    pub fn unstall(&self) {
        self.shared.update(|state| state.stall = None);
    }

    /// How many answers a stall withheld so far.
    pub fn stalled(&self) -> usize {
        self.with_state(|state| state.stalled)
    }

    /// Waits until a stall withheld `count` answers.
    pub async fn wait_stalled(&self, count: usize) {
        self.wait_for(&format!("{count} withheld answers"), |state| {
            (state.stalled >= count).then_some(())
        })
        .await
    }

    /// From now on the bot must present `token` (a changed token makes the old one invalid).
    pub fn set_token(&self, token: &str) {
        self.shared.update(|state| state.token = token.to_owned());
    }

    /// Drops the live websocket without a closing handshake, as a network failure would.
    pub fn drop_gateway(&self) {
        self.close_gateway_with(Outgoing::Drop);
    }

    /// Closes the live websocket with a close code (e.g. 4000 unknown error, 4009 session timed out).
    pub fn close_gateway(&self, code: u16) {
        self.close_gateway_with(Outgoing::Close(code));
    }

    /// Ends every live connection `how` (one per shard).
    fn close_gateway_with(&self, how: Outgoing) {
        self.shared.update(|state| {
            let live: Vec<_> = state
                .gateway
                .sessions
                .iter_mut()
                .filter_map(|session| session.connection.take())
                .collect();
            assert!(!live.is_empty(), "no live gateway connection to close");
            for (_, sender) in live {
                let _ = sender.send(how.clone());
            }
        });
    }

    /// Receives every request recorded from now on (the perf harness measures with it).
    pub fn subscribe(&self) -> mpsc::UnboundedReceiver<Recorded> {
        let (sender, receiver) = mpsc::unbounded_channel();
        self.shared.update(|state| state.subscribers.push(sender));
        receiver
    }

    /// Waits until `check` finds what it looks for in the state, and returns it.
    pub async fn wait_for<T>(&self, what: &str, mut check: impl FnMut(&State) -> Option<T>) -> T {
        let deadline = tokio::time::Instant::now() + WAIT_LIMIT;
        loop {
            let notified = self.shared.changed.notified();
            tokio::pin!(notified);
            // Registered before the check, so a change between the check and the await wakes us.
            notified.as_mut().enable();
            if let Some(found) = self.with_state(&mut check) {
                return found;
            }
            if tokio::time::timeout_at(deadline, notified).await.is_err() {
                panic!(
                    "waited {WAIT_LIMIT:?} for {what}; so far:\n{}",
                    self.describe()
                );
            }
        }
    }

    /// The requests, violations and gateway traffic so far, for a failure message.
    pub fn describe(&self) -> String {
        self.with_state(|state| {
            let mut text = String::new();
            for request in &state.requests {
                let body = request.body.to_string();
                let body: String = body.chars().take(300).collect();
                text.push_str(&format!(
                    "  {} {} → {}  {body}\n",
                    request.method, request.path, request.status
                ));
            }
            for record in &state.gateway.log {
                text.push_str(&format!(
                    "  gateway op {} on connection {}\n",
                    record.op, record.connection
                ));
            }
            for violation in &state.violations {
                text.push_str(&format!("  VIOLATION {violation}\n"));
            }
            text
        })
    }

    /// Waits for the first request that is `method` on a path containing `path_part`.
    pub async fn wait_request(&self, method: &str, path_part: &str) -> Recorded {
        self.wait_requests(method, path_part, 1).await.remove(0)
    }

    /// Waits until `count` requests are `method` on a path containing `path_part`; returns them.
    pub async fn wait_requests(
        &self,
        method: &str,
        path_part: &str,
        count: usize,
    ) -> Vec<Recorded> {
        self.wait_for(&format!("{count} × {method} …{path_part}…"), |state| {
            let found: Vec<Recorded> = state
                .requests
                .iter()
                .filter(|request| request.is(method, path_part))
                .cloned()
                .collect();
            (found.len() >= count).then_some(found)
        })
        .await
    }

    /// Waits until the bot identified and READY went out on a live connection (on every
    /// shard's, when several identified).
    pub async fn wait_ready(&self) {
        self.wait_for("the bot to identify and receive READY", |state| {
            all_ready(state).then_some(())
        })
        .await
    }

    /// Waits until a session of each of `shards` (out of `total`) identified and got READY on
    /// a live connection: processes that split the shards are all up.
    pub async fn wait_shards_ready(&self, shards: &[u64], total: u64) {
        self.wait_for(&format!("READY on shards {shards:?} of {total}"), |state| {
            let up = shards.iter().all(|id| {
                state.gateway.sessions.iter().any(|session| {
                    session.shard == [*id, total] && session.ready && session.connection.is_some()
                })
            });
            up.then_some(())
        })
        .await
    }

    /// The shards (`[id, total]`) of the sessions identified so far, in shard order.
    pub fn session_shards(&self) -> Vec<[u64; 2]> {
        self.with_state(|state| {
            state
                .gateway
                .sessions
                .iter()
                .map(|session| session.shard)
                .collect()
        })
    }

    /// Every dispatch a test scripted so far: (event, its guild, the shards it went to).
    pub fn dispatched(&self) -> Vec<(String, Option<String>, Vec<u64>)> {
        self.with_state(|state| state.gateway.dispatched.clone())
    }

    /// From now on, an IDENTIFY starts a session but READY waits for [`Loopback::release_ready`]
    /// (a bot then sits between connecting and being ready, as on a slow Discord).
    pub fn hold_ready(&self) {
        self.shared.update(|state| state.gateway.hold_ready = true);
    }

    /// Sends the withheld READY to the session that identified, and stops withholding.
    pub fn release_ready(&self) {
        self.shared.update(|state| {
            state.gateway.hold_ready = false;
            gateway::ready(state);
        });
    }

    /// Waits until `count` sessions were started with IDENTIFY.
    pub async fn wait_identified(&self, count: u64) {
        self.wait_for(&format!("{count} IDENTIFY"), |state| {
            (state.gateway.sessions_started >= count).then_some(())
        })
        .await
    }

    /// How many gateway sessions were started with IDENTIFY so far.
    pub fn sessions_started(&self) -> u64 {
        self.with_state(|state| state.gateway.sessions_started)
    }

    /// Waits until a bot identified after `sessions` sessions had started and READY went out
    /// on its live connection: a restarted bot, not the one before it.
    pub async fn wait_ready_after(&self, sessions: u64) {
        self.wait_for("a new session and READY", |state| {
            let new = state.gateway.sessions_started > sessions;
            (new && all_ready(state)).then_some(())
        })
        .await
    }

    /// Waits until the bot sent `count` gateway payloads with opcode `op`.
    pub async fn wait_gateway_op(&self, op: u64, count: usize) -> Vec<GatewayRecord> {
        self.wait_for(&format!("{count} gateway payloads with op {op}"), |state| {
            let found: Vec<GatewayRecord> = state
                .gateway
                .log
                .iter()
                .filter(|record| record.op == op)
                .cloned()
                .collect();
            (found.len() >= count).then_some(found)
        })
        .await
    }

    /// What the bot sent over the gateway so far.
    pub fn gateway_log(&self) -> Vec<GatewayRecord> {
        self.with_state(|state| state.gateway.log.clone())
    }

    /// How many websocket connections the bot opened.
    pub fn gateway_connections(&self) -> u64 {
        self.with_state(|state| state.gateway.connections)
    }

    /// Waits until a live gateway connection exists (after a reconnect, say).
    pub async fn wait_connected(&self) {
        self.wait_for("a live gateway connection", |state| {
            let sessions = &state.gateway.sessions;
            let live =
                !sessions.is_empty() && sessions.iter().all(|session| session.connection.is_some());
            live.then_some(())
        })
        .await
    }

    /// Adds `count` text channels to the guild (not announced over the gateway; the bot learns
    /// of them from the commands that name them) and returns their ids.
    pub fn add_channels(&self, count: usize) -> Vec<String> {
        self.shared.update(|state| {
            (0..count as u64)
                .map(|number| {
                    let id = (payloads::MORE_CHANNELS_FROM + number).to_string();
                    let channel = payloads::channel(&id, &format!("channel-{number}"));
                    state.channels.insert(id.clone(), channel);
                    id
                })
                .collect()
        })
    }

    /// The bot joins the second guild ([`payloads::SECOND_GUILD_ID`], on the other shard of
    /// two from [`payloads::GUILD_ID`]) with its one text channel
    /// ([`payloads::SECOND_GENERAL_CHANNEL_ID`]). Before the bot identifies, READY lists it;
    /// after, its shard gets GUILD_CREATE, as on Discord when a bot is added to a server.
    pub fn join_second_guild(&self) {
        self.shared.update(|state| {
            let guild = payloads::SECOND_GUILD_ID.to_owned();
            if state.guilds.contains(&guild) {
                return;
            }
            state.guilds.push(guild.clone());
            for channel in payloads::second_guild_channels() {
                let id = channel["id"].as_str().unwrap_or_default().to_owned();
                state.channels.insert(id, channel);
            }
            if !state.gateway.sessions.is_empty() {
                gateway::dispatch(state, "GUILD_CREATE", payloads::guild_of(&guild));
            }
        });
    }

    /// Deletes a channel: posts there answer 10003 from now on, and CHANNEL_DELETE is dispatched.
    pub fn delete_channel(&self, id: &str) {
        self.shared.update(|state| {
            let channel = state
                .channels
                .remove(id)
                .unwrap_or_else(|| panic!("no channel {id} to delete"));
            gateway::dispatch(state, "CHANNEL_DELETE", channel);
        });
    }

    /// How many messages were created in each channel (a post recognised by its nonce creates
    /// none).
    pub fn messages_per_channel(&self) -> HashMap<String, usize> {
        self.with_state(|state| {
            let mut counts = HashMap::new();
            for (channel, _) in &state.channel_messages {
                *counts.entry(channel.clone()).or_default() += 1;
            }
            counts
        })
    }

    /// Waits until `count` messages were created in channels, across channels.
    pub async fn wait_channel_messages(&self, count: usize) {
        self.wait_for(&format!("{count} channel messages"), |state| {
            (state.channel_messages.len() >= count).then_some(())
        })
        .await
    }

    /// The commands registered in the guild (`Some`) or globally (`None`).
    pub fn registered_commands(&self, guild: Option<&str>) -> Vec<Value> {
        self.with_state(|state| {
            state
                .commands
                .get(&guild.map(str::to_owned))
                .cloned()
                .unwrap_or_default()
        })
    }

    /// Messages posted to `channel_id` with `POST /channels/{id}/messages`.
    pub fn channel_messages(&self, channel_id: &str) -> Vec<Value> {
        self.with_state(|state| {
            state
                .channel_messages
                .iter()
                .filter(|(channel, _)| channel == channel_id)
                .map(|(_, message)| message.clone())
                .collect()
        })
    }

    /// The forum posts made in `forum`, as created (name, applied tags, first message).
    pub fn forum_posts(&self, forum: &str) -> Vec<Value> {
        self.with_state(|state| {
            state
                .forum_posts
                .iter()
                .filter(|(made_in, _)| made_in == forum)
                .map(|(_, thread)| thread.clone())
                .collect()
        })
    }

    /// The messages published from `channel` to following servers.
    pub fn crossposts(&self, channel: &str) -> Vec<String> {
        self.with_state(|state| {
            state
                .crossposts
                .iter()
                .filter(|(published_in, _)| published_in == channel)
                .map(|(_, message)| message.clone())
                .collect()
        })
    }

    /// The threads reopened so far.
    pub fn reopened(&self) -> Vec<String> {
        self.with_state(|state| state.reopened.clone())
    }
}

/// True when at least one session identified and every one got READY on a live connection.
fn all_ready(state: &State) -> bool {
    let sessions = &state.gateway.sessions;
    !sessions.is_empty()
        && sessions
            .iter()
            .all(|session| session.ready && session.connection.is_some())
}
