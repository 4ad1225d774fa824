//! The one API both backends offer, how a replica names itself when it claims work, and
//! which backend a configured `database` value selects.

use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use super::digests::{DigestOutcome, DueDigest};
use super::{PostgresStore, SqliteStore};
use crate::subscriptions::error::StoreError;
use crate::subscriptions::event::{Known, UpdateEvent, UpdateKey};
use crate::subscriptions::ids::{ChannelId, GuildId, Story};
use crate::subscriptions::model::{
    Changes, Delivery, DeliveryOutcome, DueDelivery, LedgerCounts, RecordedUpdate, Subscribed,
    Subscription, TargetKind, UpdateSeq,
};
use crate::subscriptions::pause::PauseReason;
use crate::subscriptions::schedule::Mode;

/// The subscriptions, the updates noticed, the delivery ledger and digests, wherever they are
/// kept: one trait per table group (so each backend implements each in its own file), and this
/// one for what concerns the whole database. Every method is synchronous (async code calls it
/// through `spawn_blocking`; PostgreSQL's store blocks on its async client's own runtime) and
/// every change of more than one row is one transaction.
pub trait Store: Subscriptions + Ledger + Digests + fmt::Debug + Send + Sync {
    /// Where the data is, for logs: a file path, or a PostgreSQL URL without its password.
    fn location(&self) -> String;

    /// The schema version the database is at.
    fn schema_version(&self) -> Result<i64, StoreError>;

    /// Up to `limit` of the deliveries [`Store::due_deliveries`] would return that no other
    /// replica holds a live lease on, leased to `claimant` until its lease runs out. A replica
    /// that dies keeps its rows only that long; then another claims and sends them (with the
    /// same nonce, so a post sent just before the crash is not repeated within Discord's
    /// window). A claimant may claim again what it already holds.
    fn claim_deliveries(
        &self,
        claimant: &Claimant,
        limit: usize,
    ) -> Result<Vec<DueDelivery>, StoreError>;

    /// Records that `claimant` is alive until its lease runs out, renews the lease of every
    /// pending row it holds for as long, forgets replicas whose heartbeat ran out, and returns
    /// how many are alive (this one included): the bot's `delivery_rate` is divided among
    /// them. The renewal is what keeps a claim from being sent twice when it takes longer
    /// than a lease — its share of the rate shrank as replicas joined, or a 429 held it back:
    /// only a replica that stops beating loses its rows.
    fn heartbeat(&self, claimant: &Claimant) -> Result<usize, StoreError>;

    /// What a replica that stops cleanly does last: it stops counting among the replicas
    /// alive, and the pending rows it still holds are free at once, so that a deploy's
    /// restart neither leaves the others at a smaller share nor holds those posts back for a
    /// lease. Returns how many rows it let go.
    fn leave(&self, claimant: &Claimant) -> Result<usize, StoreError>;
}

/// The subscriptions table: subscribing, changing how a subscription posts, pausing, pruning.
pub trait Subscriptions {
    /// Makes `channel` (a channel of `kind`) follow `story` from now on, with `changes` applied
    /// to its settings; resumes a paused subscription. Subscribing twice is not an error and
    /// makes no second subscription; settings not named in `changes` stay as they were.
    fn subscribe(
        &self,
        guild: GuildId,
        channel: ChannelId,
        story: &Story,
        kind: TargetKind,
        changes: &Changes,
    ) -> Result<Subscribed, StoreError>;

    /// Stops `channel` following `story` and drops its undelivered posts of that story.
    /// Returns whether there was such a subscription.
    fn unsubscribe(&self, channel: ChannelId, story: &Story) -> Result<bool, StoreError>;

    /// Removes every subscription of a channel that no longer exists (Discord's "unknown
    /// channel", or CHANNEL_DELETE), with its undelivered posts. Returns how many went.
    fn remove_channel(&self, channel: ChannelId) -> Result<usize, StoreError>;

    /// Removes every subscription in a server the bot left or that is gone (Discord's "unknown
    /// guild", or GUILD_DELETE), with their undelivered posts. Returns how many went.
    fn remove_guild(&self, guild: GuildId) -> Result<usize, StoreError>;

    /// Removes the subscriptions of the server that `channel` belongs to (Discord's "unknown
    /// guild" on a post). Returns how many subscriptions went.
    fn remove_guild_of(&self, channel: ChannelId) -> Result<usize, StoreError>;

    /// Pauses every active subscription of a channel Discord refused to post in, and skips its
    /// pending posts: a refusal is never retried. Returns how many paused.
    fn pause_channel(&self, channel: ChannelId, reason: &PauseReason) -> Result<usize, StoreError>;

    /// One channel's subscription to one story.
    fn subscription(
        &self,
        channel: ChannelId,
        story: &Story,
    ) -> Result<Option<Subscription>, StoreError>;

    /// A server's subscriptions, by channel then story.
    fn subscriptions_in_guild(&self, guild: GuildId) -> Result<Vec<Subscription>, StoreError>;

    /// How many subscriptions there are, active or paused.
    fn subscription_count(&self) -> Result<usize, StoreError>;
}

/// The updates table and the delivery ledger: recording what changed, finding what is due,
/// writing back how each post ended.
pub trait Ledger {
    /// The latest change recorded of every briefing: what the library is compared with at start
    /// to find what appeared while the bot was down.
    fn known(&self) -> Result<Known, StoreError>;

    /// Records update events and, in the same transaction, queues a pending delivery for every
    /// active subscription of the event's story. An event whose key is known, or that is not
    /// later than a recorded change of the same briefing, is ignored — so recording is
    /// idempotent. Older undelivered updates of the same briefing are skipped as superseded
    /// (unless a digest already claimed them).
    fn record_updates(&self, events: &[UpdateEvent]) -> Result<Vec<RecordedUpdate>, StoreError>;

    /// The newest update recorded.
    fn latest_update(&self) -> Result<UpdateSeq, StoreError>;

    /// Up to `limit` pending deliveries of active subscriptions that post each update (digest
    /// subscriptions wait for their digest), each channel's in the order the updates were
    /// noticed. Rows stay pending until [`Store::record_outcomes`] says otherwise, so a crash
    /// mid-send leaves them to be sent again (with the same nonce).
    fn due_deliveries(&self, limit: usize) -> Result<Vec<DueDelivery>, StoreError>;

    /// Writes the outcomes of many deliveries in one transaction.
    fn record_outcomes(&self, outcomes: &[DeliveryOutcome]) -> Result<(), StoreError>;

    /// Makes every failed delivery and digest pending again; called at start, so what gave up
    /// in the last run is tried once more. Returns how many. SQLite, which one process owns,
    /// also drops the leases of the last run; PostgreSQL's stay until they run out, since
    /// other replicas may hold them.
    fn requeue_failed(&self) -> Result<usize, StoreError>;

    /// One ledger row.
    fn delivery(&self, channel: ChannelId, key: &UpdateKey)
    -> Result<Option<Delivery>, StoreError>;

    /// Every ledger row of a channel, oldest update first.
    fn deliveries_to(&self, channel: ChannelId) -> Result<Vec<Delivery>, StoreError>;

    /// How many ledger rows are in each state.
    fn ledger_counts(&self) -> Result<LedgerCounts, StoreError>;

    /// How many posts wait in the ledger (a count over the partial index of pending rows, cheap
    /// at any ledger size: the metrics read it at every scrape).
    fn pending_deliveries(&self) -> Result<usize, StoreError>;
}

/// Digests in the ledger: claiming a period's updates for one post, writing back how it ended.
pub trait Digests {
    /// The distinct schedules of active digest subscriptions: when the engine must next look.
    fn digest_modes(&self) -> Result<Vec<Mode>, StoreError>;

    /// Decides the digest due by `now` of every active digest subscription (the first call
    /// after its hour assigns it every update waiting), then returns every digest still to
    /// send, including claims of an earlier run that did not finish. A subscription whose hour
    /// passed while the bot was down gets one digest, at start, of everything waiting; a new
    /// one waits for its first hour.
    fn claim_digests(&self, now: SystemTime) -> Result<Vec<DueDigest>, StoreError>;

    /// Writes how a digest ended: the digest, the rows it listed, and the rows it left out.
    /// A failed digest keeps its rows pending (they stay assigned to it for the next attempt).
    fn record_digest(&self, outcome: &DigestOutcome) -> Result<(), StoreError>;

    /// How many digests were sent to a channel, and their periods, oldest first.
    fn digests_delivered(&self, channel: ChannelId) -> Result<Vec<String>, StoreError>;
}

/// A replica, as the ledger names it in a lease: unique per process start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claimant {
    /// `host:pid:start`, so an operator can tell which process holds a row.
    id: String,
    /// How long a claim (or a heartbeat) holds without being renewed.
    lease: Duration,
}

impl Claimant {
    /// This process, holding claims for `lease`.
    pub fn this_process(lease: Duration) -> Self {
        let host = std::fs::read_to_string("/etc/hostname")
            .ok()
            .map(|name| name.trim().to_owned())
            .filter(|name| !name.is_empty())
            .unwrap_or_else(|| "localhost".into());
        let started = SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .unwrap_or_default()
            .as_micros();
        Self::named(format!("{host}:{}:{started}", std::process::id()), lease)
    }

    /// A claimant with a given name (tests, two claimants in one process).
    pub fn named(id: impl Into<String>, lease: Duration) -> Self {
        Self {
            id: id.into(),
            lease,
        }
    }

    /// Its name in the ledger.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// How long its claims hold.
    pub fn lease(&self) -> Duration {
        self.lease
    }
}

/// Where the store is: a SQLite file, or a PostgreSQL database.
#[derive(Clone, PartialEq, Eq)]
pub enum Location {
    /// A SQLite file (any value that is not a URL).
    Sqlite(PathBuf),
    /// A `postgres://` or `postgresql://` URL.
    Postgres(String),
}

impl Location {
    /// Reads a `database` value: a `postgres://` URL selects PostgreSQL, any other URL is an
    /// error (it used to become a folder named `scheme:`), anything else is a SQLite path.
    pub fn parse(text: &str) -> Result<Self, String> {
        let text = text.trim();
        if text.is_empty() {
            return Err("the database is empty: give a SQLite file or a postgres:// URL".into());
        }
        match text.split_once("://") {
            Some((scheme, _)) if scheme == "postgres" || scheme == "postgresql" => {
                url::Url::parse(text).map_err(|error| format!("{}: {error}", redact(text)))?;
                Ok(Self::Postgres(text.to_owned()))
            }
            Some((scheme, _))
                if !scheme.is_empty()
                    && scheme
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)) =>
            {
                Err(format!(
                    "{scheme}:// is not a database briefbot knows: give a SQLite file or a postgres:// URL"
                ))
            }
            _ => Ok(Self::Sqlite(PathBuf::from(text))),
        }
    }
}

impl fmt::Debug for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl fmt::Display for Location {
    /// Never shows a password.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Sqlite(path) => write!(f, "{}", path.display()),
            Self::Postgres(url) => f.write_str(&redact(url)),
        }
    }
}

/// `url` without its password, for logs and errors.
pub(crate) fn redact(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut parsed) if parsed.password().is_some() => {
            let _ = parsed.set_password(Some("***"));
            parsed.to_string()
        }
        Ok(parsed) => parsed.to_string(),
        Err(_) => "(an unreadable URL)".into(),
    }
}

/// Opens the store at `location`, applying the migrations this build knows.
pub fn open(location: &Location) -> Result<Arc<dyn Store>, StoreError> {
    Ok(match location {
        Location::Sqlite(path) => Arc::new(SqliteStore::open(path)?),
        Location::Postgres(url) => Arc::new(PostgresStore::connect(url)?),
    })
}
