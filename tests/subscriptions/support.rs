//! Fixtures shared by the test modules: briefings, ids and a fresh database.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use briefbot::briefing::{Briefing, parse};
use briefbot::subscriptions::{Changes, TargetKind};
use briefbot::subscriptions::{ChannelId, GuildId, Location, SqliteStore, Store, Story};
use briefbot_pgtest::Postgres;
use tempfile::TempDir;

/// The TOML of a minimal valid briefing of the `belarus-russia` story.
pub fn briefing_toml(id: &str, published: &str, updated: Option<&str>) -> String {
    let updated = updated
        .map(|updated| format!("updated = {updated}\nupdate_note = \"Moscow answered {id}.\"\n"))
        .unwrap_or_default();
    // The same template the unit tests and the fanout bench use.
    include_str!("../fixtures/minimal-briefing.toml.in")
        .replace("{id}", id)
        .replace("{published}", published)
        .replace("{updated}", &updated)
}

/// A minimal valid briefing.
pub fn briefing(id: &str, published: &str, updated: Option<&str>) -> Arc<Briefing> {
    let path = format!("{id}.toml");
    Arc::new(parse(Path::new(&path), &briefing_toml(id, published, updated)).unwrap())
}

/// A channel id.
pub fn channel(value: u64) -> ChannelId {
    ChannelId::new(value).unwrap()
}

/// A guild id.
pub fn guild(value: u64) -> GuildId {
    GuildId::new(value).unwrap()
}

/// Makes channel `channel_id` of guild `guild_id` follow the story, plainly (a text channel,
/// every update, no mention).
pub fn follow(store: &dyn Store, guild_id: u64, channel_id: u64) {
    store
        .subscribe(
            guild(guild_id),
            channel(channel_id),
            &story(),
            TargetKind::Text,
            &Changes::default(),
        )
        .unwrap();
}

/// The story every fixture briefing belongs to.
pub fn story() -> Story {
    Story::parse("belarus-russia").unwrap()
}

/// Runs `work` on a thread of its own: the PostgreSQL store (as the bot uses it, through
/// `spawn_blocking`) blocks its caller on its own runtime, which tokio refuses on a thread
/// that is running async code.
pub fn off_runtime<T: Send>(work: impl FnOnce() -> T + Send) -> T {
    std::thread::scope(|scope| scope.spawn(work).join().unwrap())
}

/// A fresh database that outlives any one `Store`, so a test can close and reopen it as a
/// restart would: a SQLite file in a temporary folder, or a database of its own on a real
/// PostgreSQL server (shared with the tests running beside it).
pub struct Db {
    /// Deleted when the test ends; holds the SQLite file.
    pub dir: TempDir,
    /// The PostgreSQL server and the database's URL, for [`Db::postgres`].
    postgres: Option<(Arc<Postgres>, String)>,
}

impl Db {
    /// A fresh SQLite file.
    pub fn new() -> Self {
        Self {
            dir: tempfile::tempdir().unwrap(),
            postgres: None,
        }
    }

    /// A fresh PostgreSQL database. Fails, never skips, when PostgreSQL is not installed.
    pub fn postgres() -> Self {
        let server = Postgres::shared().unwrap();
        let url = server.create_database().unwrap();
        Self {
            dir: tempfile::tempdir().unwrap(),
            postgres: Some((server, url)),
        }
    }

    /// The SQLite file (unused by a PostgreSQL database).
    pub fn path(&self) -> PathBuf {
        self.dir.path().join("data").join("briefbot.sqlite3")
    }

    /// Where the store is, as `database` would say it.
    pub fn location(&self) -> Location {
        match &self.postgres {
            Some((_, url)) => Location::Postgres(url.clone()),
            None => Location::Sqlite(self.path()),
        }
    }

    /// The `database` setting (`BRIEFBOT_DB`) a `briefbot run` process is given.
    pub fn setting(&self) -> String {
        match self.location() {
            Location::Postgres(url) => url,
            Location::Sqlite(path) => path.to_string_lossy().into_owned(),
        }
    }

    /// Opens (or reopens) the store.
    pub fn open(&self) -> Arc<dyn Store> {
        briefbot::subscriptions::open(&self.location()).unwrap()
    }

    /// Opens (or reopens) the SQLite file itself (tests of SQLite alone).
    pub fn open_sqlite(&self) -> SqliteStore {
        assert!(self.postgres.is_none(), "a PostgreSQL database has no file");
        SqliteStore::open(&self.path()).unwrap()
    }
}

/// Runs each named test, a `fn(&Db)`, once on a SQLite file and once on PostgreSQL, as
/// `sqlite::NAME` and `postgres::NAME`: one suite, both backends.
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(#[test]
            fn $name() {
                super::$name(&$crate::support::Db::new());
            })*
        }
        mod postgres {
            $(#[test]
            fn $name() {
                super::$name(&$crate::support::Db::postgres());
            })*
        }
    };
}
pub(crate) use on_both_backends;

/// The same for end-to-end tests, each an `async fn(Db)` run on a two-worker runtime.
macro_rules! on_both_backends_end_to_end {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() {
                super::$name($crate::support::Db::new()).await;
            })*
        }
        mod postgres {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() {
                super::$name($crate::support::Db::postgres()).await;
            })*
        }
    };
}
pub(crate) use on_both_backends_end_to_end;

/// A runtime on tokio's paused clock, for engine tests that run on both backends. The stores
/// are called outside it: the PostgreSQL store blocks its caller on a runtime of its own,
/// which tokio refuses inside one.
pub fn paused_runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .start_paused(true)
        .build()
        .unwrap()
}

// ----- a recording poster -------------------------------------------------------------------

use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::Mutex;

use briefbot::library::Library;
use briefbot::reply::Reply;
use briefbot::subscriptions::MessageId;
use briefbot::updates::{
    Deliverer, DeliveryConfig, Nonce, Outgoing, PostError, Poster, SharedLibrary, ShutdownTrigger,
    shutdown_signal,
};
use tokio::sync::Notify;
use tokio::time::Instant;

/// What the recorder does with the next post to a channel, instead of succeeding.
#[derive(Debug, Clone)]
pub enum Scripted {
    /// Answer with this error.
    Fail(PostError),
    /// Never answer (a hung connection): the engine's timeout must fire.
    Hang,
    /// Create the message, then never answer: Discord has it, the bot does not know.
    CreateThenHang,
}

/// One call the engine made.
#[derive(Debug, Clone)]
pub struct Call {
    /// Where it posted.
    pub channel: ChannelId,
    /// What kind of channel the engine said it is.
    pub kind: TargetKind,
    /// The role it mentions.
    pub mention: Option<briefbot::subscriptions::RoleId>,
    /// What it posted.
    pub reply: Reply,
    /// The nonce it carried.
    pub nonce: String,
    /// When (tokio's clock, which tests pause).
    pub at: Instant,
}

#[derive(Default)]
struct RecorderState {
    /// Channels a post may go to; `None` allows any. A post elsewhere panics the test.
    allowed: Option<HashSet<ChannelId>>,
    /// Per channel, what the next calls do before posts succeed again.
    scripts: HashMap<ChannelId, VecDeque<Scripted>>,
    /// Every call, in order.
    calls: Vec<Call>,
    /// Messages created, by nonce, as Discord's `enforce_nonce` keeps them.
    by_nonce: HashMap<String, MessageId>,
    /// Messages created per channel (a repeated nonce creates none).
    created: HashMap<ChannelId, usize>,
    next_message: u64,
    in_flight: usize,
    max_in_flight: usize,
}

/// A [`Poster`] that records every call, emulates Discord's nonce rule, can be scripted to
/// fail, and panics on a post to a channel the test did not allow.
#[derive(Clone, Default)]
pub struct Recorder {
    state: Arc<Mutex<RecorderState>>,
    posted: Arc<Notify>,
    /// How long each post takes, on tokio's clock.
    latency: Arc<Mutex<Option<std::time::Duration>>>,
}

impl Recorder {
    /// Only these channels may receive posts.
    pub fn allow_only(&self, channels: &[u64]) {
        self.lock().allowed = Some(channels.iter().map(|&id| channel(id)).collect());
    }

    /// The next calls to `channel` do these things, in order.
    pub fn script(&self, channel_id: u64, steps: impl IntoIterator<Item = Scripted>) {
        self.lock()
            .scripts
            .entry(channel(channel_id))
            .or_default()
            .extend(steps);
    }

    /// Each post takes this long.
    pub fn set_latency(&self, latency: std::time::Duration) {
        *self.latency.lock().unwrap() = Some(latency);
    }

    /// Every call so far.
    pub fn calls(&self) -> Vec<Call> {
        self.lock().calls.clone()
    }

    /// The calls to one channel.
    pub fn calls_to(&self, channel_id: u64) -> Vec<Call> {
        self.calls()
            .into_iter()
            .filter(|call| call.channel == channel(channel_id))
            .collect()
    }

    /// Messages that exist in a channel (what its members see).
    pub fn messages_in(&self, channel_id: u64) -> usize {
        self.lock()
            .created
            .get(&channel(channel_id))
            .copied()
            .unwrap_or(0)
    }

    /// Waits until at least `count` messages exist, across channels.
    pub async fn wait_for_messages(&self, count: usize) {
        loop {
            let notified = self.posted.notified();
            if self.lock().created.values().sum::<usize>() >= count {
                return;
            }
            notified.await;
        }
    }

    /// The most posts in flight at once.
    pub fn max_in_flight(&self) -> usize {
        self.lock().max_in_flight
    }

    /// Waits until at least `count` calls were made.
    pub async fn wait_for_calls(&self, count: usize) {
        loop {
            let notified = self.posted.notified();
            if self.lock().calls.len() >= count {
                return;
            }
            notified.await;
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, RecorderState> {
        self.state.lock().unwrap()
    }
}

impl Poster for Recorder {
    async fn post(&self, outgoing: &Outgoing<'_>) -> Result<MessageId, PostError> {
        let (channel, post, nonce) = (outgoing.destination.channel, outgoing.reply, outgoing.nonce);
        let step = {
            let mut state = self.lock();
            if let Some(allowed) = &state.allowed {
                assert!(
                    allowed.contains(&channel),
                    "unexpected post to channel {channel}: {:?}",
                    post.title
                );
            }
            state.calls.push(Call {
                channel,
                kind: outgoing.destination.kind,
                mention: outgoing.mention,
                reply: post.clone(),
                nonce: nonce.to_string(),
                at: Instant::now(),
            });
            state.in_flight += 1;
            state.max_in_flight = state.max_in_flight.max(state.in_flight);
            state
                .scripts
                .get_mut(&channel)
                .and_then(VecDeque::pop_front)
        };
        self.posted.notify_waiters();
        let latency = *self.latency.lock().unwrap();
        if let Some(latency) = latency {
            tokio::time::sleep(latency).await;
        }
        let result = match step {
            Some(Scripted::Fail(error)) => Err(error),
            Some(Scripted::Hang) => std::future::pending().await,
            Some(Scripted::CreateThenHang) => {
                self.create(channel, nonce);
                std::future::pending().await
            }
            None => Ok(self.create(channel, nonce)),
        };
        self.lock().in_flight -= 1;
        result
    }
}

impl Recorder {
    /// Creates a message unless the nonce was seen: Discord's `enforce_nonce`.
    fn create(&self, channel: ChannelId, nonce: &Nonce) -> MessageId {
        let mut state = self.lock();
        if let Some(&existing) = state.by_nonce.get(nonce.as_str()) {
            return existing;
        }
        state.next_message += 1;
        let message = MessageId::new(state.next_message).unwrap();
        state.by_nonce.insert(nonce.to_string(), message);
        *state.created.entry(channel).or_default() += 1;
        drop(state);
        self.posted.notify_waiters();
        message
    }
}

/// A database, a library, a recorder and an engine over them: one run of the bot.
pub struct Bot {
    pub store: Arc<dyn Store>,
    pub library: SharedLibrary,
    pub engine: Deliverer<Recorder>,
    pub shutdown: ShutdownTrigger,
}

impl Bot {
    /// Starts a "process" on the database in `db` serving `briefings`, posting to `recorder`.
    pub fn start(db: &Db, briefings: Vec<Arc<Briefing>>, recorder: &Recorder) -> Self {
        Self::start_with(db, briefings, recorder, DeliveryConfig::default())
    }

    /// The same with a delivery configuration.
    pub fn start_with(
        db: &Db,
        briefings: Vec<Arc<Briefing>>,
        recorder: &Recorder,
        config: DeliveryConfig,
    ) -> Self {
        let store = db.open();
        let library = SharedLibrary::new(Arc::new(Library::new(briefings)), true);
        let (shutdown, signal) = shutdown_signal();
        let engine = Deliverer::new(
            Arc::clone(&store),
            recorder.clone(),
            library.clone(),
            config,
            signal,
        );
        Self {
            store,
            library,
            engine,
            shutdown,
        }
    }

    /// Swaps in a new clean library and records its updates, as a good reload does.
    pub async fn reload(&self, briefings: Vec<Arc<Briefing>>) {
        self.library.replace(Arc::new(Library::new(briefings)));
        self.engine.notice(self.library.current()).await.unwrap();
    }

    /// Subscribes a channel of guild 1 to the story.
    pub fn subscribe(&self, channel_id: u64) {
        follow(&*self.store, 1, channel_id);
    }
}
