//! What the end-to-end tests share: the whole bot (`briefbot run` in this process) against the
//! loopback Discord, with its briefings and its subscriptions database in temporary folders,
//! and helpers that read what the bot sent.
//!
//! These tests use the real clock. They never sleep to guess: each waits for what it expects —
//! a request at the loopback, a callback, a log line the operator would read — with a bound
//! that only turns a hang into a failure.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Instant;

use briefbot::subscriptions::{Store, Story};
use serde_json::{Value, json};
use tempfile::TempDir;

use crate::discord_support::bot::{Launch, RunningBot};
use crate::discord_support::loopback::{self, Invoker, Loopback, channel_option, payloads};
use crate::support::{Db, briefing_toml, off_runtime};

/// The ephemeral message flag.
pub const EPHEMERAL: u64 = 1 << 6;

/// A loopback Discord, a briefings folder, a database and (while running) the bot.
pub struct Harness {
    pub discord: Loopback,
    briefings: TempDir,
    db: Db,
    bot: Option<RunningBot>,
}

impl Harness {
    /// The bot serving one briefing (`a`), on a fresh SQLite file.
    pub async fn start() -> Harness {
        Self::start_on(Db::new()).await
    }

    /// The bot serving one briefing (`a`), on `db` (a fresh SQLite file or PostgreSQL
    /// database).
    pub async fn start_on(db: Db) -> Harness {
        logs::install();
        let briefings = tempfile::tempdir().unwrap();
        write_briefing(briefings.path(), "a", "2026-11-20");
        let mut harness = Harness {
            discord: Loopback::start().await,
            briefings,
            db,
            bot: None,
        };
        harness.launch().await;
        harness
    }

    /// The `database` setting the bot runs with, as its log lines name it.
    pub fn database(&self) -> String {
        self.db.setting()
    }

    pub fn folder(&self) -> &Path {
        self.briefings.path()
    }

    pub async fn launch(&mut self) {
        let launch = Launch {
            database: Some(self.database()),
            ..Launch::new(self.folder())
        };
        let registered = self.discord.requests_to("PUT", "/commands").len();
        self.bot = Some(RunningBot::launch(&self.discord, launch).await);
        self.discord
            .wait_requests("PUT", "/commands", registered + 1)
            .await;
    }

    /// Stops the bot cleanly (as SIGTERM would).
    pub async fn stop(&mut self) {
        if let Some(bot) = self.bot.take() {
            bot.stop().await.expect("the bot stops cleanly");
        }
    }

    /// The message data of the bot's answer to a slash command.
    pub async fn ask(&self, invoker: &Invoker, command: &str, options: Value) -> Value {
        let interaction = self.discord.slash_as(command, options, invoker);
        let callback = self.discord.callback(&interaction).await;
        assert_eq!(callback.status, 204, "{}", self.discord.describe());
        assert_eq!(callback.body["type"], 4, "a message, not a deferral");
        let data = callback.body["data"].clone();
        assert_eq!(data["allowed_mentions"]["parse"], json!([]), "{data}");
        data
    }

    /// `/subscribe` by an admin in `from`, for `channel` (or `from` itself).
    pub async fn subscribe(&self, from: &str, channel: Option<&str>) -> Value {
        let options = match channel {
            Some(channel) => json!([channel_option("channel", channel)]),
            None => json!([]),
        };
        self.ask(&admin_in(from), "subscribe", options).await
    }

    /// `/subscribe` by an admin in #general with these options.
    pub async fn subscribe_with(&self, options: Value) -> Value {
        self.ask(
            &admin_in(payloads::GENERAL_CHANNEL_ID),
            "subscribe",
            options,
        )
        .await
    }

    /// What `/subscriptions` lists: (field name, field value) per subscription.
    pub async fn subscriptions(&self) -> Vec<(String, String)> {
        let listed = self
            .ask(
                &admin_in(payloads::GENERAL_CHANNEL_ID),
                "subscriptions",
                json!([]),
            )
            .await;
        assert!(is_ephemeral(&listed));
        fields(&listed)
    }

    /// What `read` finds in the store, opened beside the running bot (WAL lets both use a
    /// SQLite file) and off the test's runtime (the PostgreSQL store blocks on its own).
    pub fn read<T: Send>(&self, read: impl FnOnce(&dyn Store) -> T + Send) -> T {
        off_runtime(|| read(&*self.db.open()))
    }

    pub async fn finish(mut self) {
        self.stop().await;
        self.discord.assert_no_violations();
    }
}

/// A member of the server who may manage channels, running commands in `channel`.
pub fn admin_in(channel: &str) -> Invoker {
    Invoker {
        permissions: payloads::ALL_PERMISSIONS.to_owned(),
        channel_id: channel.to_owned(),
        ..Invoker::default()
    }
}

pub fn write_briefing(folder: &Path, id: &str, published: &str) {
    let file = folder.join(format!("{id}.toml"));
    std::fs::write(file, briefing_toml(id, published, None)).unwrap();
}

/// A briefing file with these tags and, if given, this tl;dr (`text` may hold mentions).
pub fn write_tagged_briefing(
    folder: &Path,
    id: &str,
    published: &str,
    tags: &[&str],
    tldr: Option<&str>,
) {
    let published_line = format!("published = {published}\n");
    let tags: Vec<String> = tags.iter().map(|tag| format!("{tag:?}")).collect();
    let mut text = briefing_toml(id, published, None).replace(
        &published_line,
        &format!("{published_line}tags = [{}]\n", tags.join(", ")),
    );
    if let Some(tldr) = tldr {
        text = text.replace(&format!("The tl;dr of {id}."), tldr);
    }
    std::fs::write(folder.join(format!("{id}.toml")), text).unwrap();
}

pub fn is_ephemeral(message: &Value) -> bool {
    message["flags"].as_u64().unwrap_or(0) & EPHEMERAL != 0
}

pub fn title(message: &Value) -> &str {
    message["embeds"][0]["title"].as_str().unwrap_or_default()
}

pub fn description(message: &Value) -> &str {
    message["embeds"][0]["description"]
        .as_str()
        .unwrap_or_default()
}

pub fn fields(message: &Value) -> Vec<(String, String)> {
    message["embeds"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|embed| embed["fields"].as_array().cloned().unwrap_or_default())
        .map(|field| {
            (
                field["name"].as_str().unwrap().to_owned(),
                field["value"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// The posts the loopback received for a channel, in order: (status, body).
pub fn posts_to(discord: &Loopback, channel: &str) -> Vec<(u16, Value)> {
    discord
        .requests_to("POST", &format!("/channels/{channel}/messages"))
        .into_iter()
        .map(|request| (request.status, request.body))
        .collect()
}

/// The statuses the loopback answered a channel's posts with, in order.
pub fn statuses(discord: &Loopback, channel: &str) -> Vec<u16> {
    posts_to(discord, channel)
        .into_iter()
        .map(|(status, _)| status)
        .collect()
}

pub fn story() -> Story {
    Story::parse("belarus-russia").unwrap()
}

/// Asks `/subscriptions` until it lists `count` subscriptions: the gateway event that changes
/// them is handled apart from the interaction, so the first answers may come before it.
pub async fn wait_for_listing(harness: &Harness, count: usize) -> Vec<(String, String)> {
    let deadline = Instant::now() + loopback::WAIT_LIMIT;
    loop {
        let listed = harness.subscriptions().await;
        if listed.len() == count {
            return listed;
        }
        assert!(
            Instant::now() < deadline,
            "waited for {count} subscriptions; listed: {listed:?}"
        );
        tokio::task::yield_now().await;
    }
}

/// [`briefbot_command`] with claims held two seconds (`delivery_lease`), for tests that kill a
/// process and start another: on PostgreSQL the second is another replica as far as the
/// ledger knows, and sends the dead one's claims once their lease ran out.
pub fn briefbot_command_short_lease(
    discord: &Loopback,
    briefings: &Path,
    database: impl AsRef<std::ffi::OsStr>,
    log: &Path,
) -> Command {
    let mut command = briefbot_command(discord, briefings, database, log);
    command.env("BRIEFBOT_DELIVERY_LEASE", "2");
    command
}

/// `briefbot run` as a child process against the loopback, its log in `log`; a test sets
/// more of its environment before it spawns.
pub fn briefbot_command(
    discord: &Loopback,
    briefings: &Path,
    database: impl AsRef<std::ffi::OsStr>,
    log: &Path,
) -> Command {
    let dir = log.parent().unwrap();
    let stderr = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(log)
        .unwrap();
    let mut command = Command::new(env!("CARGO_BIN_EXE_briefbot"));
    command
        .arg("run")
        .current_dir(dir)
        .env_clear()
        .env("DISCORD_TOKEN", payloads::TOKEN)
        .env("BRIEFBOT_API_URL", discord.api_url())
        .env("BRIEFBOT_BRIEFINGS", briefings)
        .env("BRIEFBOT_DB", database)
        .env("BRIEFBOT_GUILD_ID", payloads::GUILD_ID)
        .env("BRIEFBOT_DELIVERY_RATE", "400")
        .env("RUST_LOG", "warn")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(stderr);
    command
}

/// Stops `child` with SIGTERM and checks it exits cleanly (0), showing `log` when not.
pub async fn terminate(child: Child, log: &Path) {
    let sent = Command::new("kill")
        .arg("-TERM")
        .arg(child.id().to_string())
        .status()
        .unwrap();
    assert!(sent.success());
    assert_eq!(
        wait_exit(child).await,
        Some(0),
        "{}",
        std::fs::read_to_string(log).unwrap_or_default()
    );
}

/// Waits for the child to exit and returns its exit code.
pub async fn wait_exit(child: Child) -> Option<i32> {
    let waited = tokio::task::spawn_blocking(move || {
        let mut child = child;
        child.wait()
    });
    tokio::time::timeout(loopback::WAIT_LIMIT, waited)
        .await
        .expect("briefbot exits")
        .unwrap()
        .unwrap()
        .code()
}

// ---------------------------------------------------------------------------------------------
// The bot's log, as the operator reads it
// ---------------------------------------------------------------------------------------------

pub mod logs {
    use std::io::Write;
    use std::sync::{Mutex, Once};

    use tokio::sync::Notify;

    use super::loopback::WAIT_LIMIT;

    static TEXT: Mutex<String> = Mutex::new(String::new());
    static CHANGED: Notify = Notify::const_new();

    /// Appends what the bot logs to [`TEXT`].
    struct Capture;

    impl Write for Capture {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            TEXT.lock()
                .unwrap()
                .push_str(&String::from_utf8_lossy(bytes));
            CHANGED.notify_waiters();
            Ok(bytes.len())
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    /// Sends briefbot's log (info and up) of every test in this binary to the capture.
    pub fn install() {
        static INSTALL: Once = Once::new();
        INSTALL.call_once(|| {
            let _ = tracing_subscriber::fmt()
                .with_env_filter(tracing_subscriber::EnvFilter::new("briefbot=info"))
                .with_ansi(false)
                .with_writer(|| Capture)
                .try_init();
        });
    }

    /// Waits for a log line that contains every one of `parts`.
    pub async fn wait_for(parts: &[&str]) {
        wait_for_count(parts, 1).await;
    }

    /// Waits until `count` log lines contain every one of `parts`.
    pub async fn wait_for_count(parts: &[&str], count: usize) {
        let deadline = tokio::time::Instant::now() + WAIT_LIMIT;
        loop {
            let changed = CHANGED.notified();
            tokio::pin!(changed);
            changed.as_mut().enable();
            let found = TEXT
                .lock()
                .unwrap()
                .lines()
                .filter(|line| parts.iter().all(|part| line.contains(part)))
                .count();
            if found >= count {
                return;
            }
            if tokio::time::timeout_at(deadline, changed).await.is_err() {
                panic!("{found} of {count} log lines with {parts:?} within {WAIT_LIMIT:?}");
            }
        }
    }
}
