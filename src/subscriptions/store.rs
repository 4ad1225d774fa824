//! The SQLite store: subscriptions, the updates the bot noticed, and the delivery ledger.
//!
//! Every method is synchronous and takes `&self`; the connection sits behind a mutex that is
//! never held across an `.await`, so async code calls the store through `spawn_blocking` (or
//! from a dedicated thread) with an `Arc<Store>`. Every change of more than one row runs in one
//! transaction, so a crash leaves either all of it or none.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use rusqlite::{Connection, OptionalExtension, Row, TransactionBehavior, params};

use super::error::StoreError;
use super::ids::{ChannelId, GuildId, MessageId, Story};
use super::schema::{self, MigrateError};
use crate::briefing::BriefingId;
use crate::updates::{ChangedAt, Known, UpdateEvent, UpdateKey, UpdateKind};

/// How long a statement waits for another connection's write lock before it gives up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// The position of an update in the order the bot noticed it; subscriptions compare against it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UpdateSeq(pub i64);

/// A channel following a story.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subscription {
    /// The server the channel belongs to, so `/subscriptions` can list a server's channels.
    pub guild: GuildId,
    /// Where update posts go.
    pub channel: ChannelId,
    /// Which story's updates it receives.
    pub story: Story,
    /// When it was first made.
    pub created_at: SystemTime,
    /// Active, or paused with the reason the admin must fix.
    pub state: SubscriptionState,
    /// Only updates after this one are delivered (no back catalogue).
    pub cursor: UpdateSeq,
}

/// Whether a subscription receives posts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SubscriptionState {
    /// Posts are delivered.
    Active,
    /// Delivery stopped because Discord refused it; re-subscribing resumes it.
    Paused {
        /// What Discord said, in words an admin can act on.
        reason: String,
        /// When it was paused.
        since: SystemTime,
    },
}

/// What `subscribe` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subscribed {
    /// A new subscription.
    Created,
    /// It already existed and was active: nothing changed.
    AlreadyActive,
    /// It existed paused and is active again, from now on.
    Resumed {
        /// Why it had been paused.
        reason: String,
    },
}

/// An update the store recorded, and how many channels it was queued for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedUpdate {
    /// The event as detected.
    pub event: UpdateEvent,
    /// Its place in the order of updates.
    pub seq: UpdateSeq,
    /// How many (channel, update) rows were written as pending.
    pub queued: usize,
}

/// Where a (channel, update) delivery stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DeliveryState {
    /// Recorded, not yet confirmed by Discord; sent (again) by the next delivery pass.
    Pending,
    /// Discord created the message.
    Delivered,
    /// Gave up for this run; made pending again at the next start.
    Failed,
    /// Will never be sent (superseded by a newer update, briefing gone, subscription paused).
    Skipped,
}

impl DeliveryState {
    fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Delivered => "delivered",
            Self::Failed => "failed",
            Self::Skipped => "skipped",
        }
    }

    fn parse(text: &str) -> Option<Self> {
        [Self::Pending, Self::Delivered, Self::Failed, Self::Skipped]
            .into_iter()
            .find(|state| state.as_str() == text)
    }
}

/// One row of the delivery ledger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    /// The receiving channel.
    pub channel: ChannelId,
    /// The update delivered.
    pub key: UpdateKey,
    /// Where it stands.
    pub state: DeliveryState,
    /// How many times a post was sent for it, across runs.
    pub attempts: u32,
    /// The last error, or why it was skipped.
    pub last_error: Option<String>,
    /// When it was queued.
    pub created_at: SystemTime,
    /// When its state last changed.
    pub updated_at: SystemTime,
    /// The message Discord created, once delivered.
    pub message_id: Option<MessageId>,
}

/// A pending delivery ready to be sent: everything the engine needs to build and send the post.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueDelivery {
    /// The receiving channel.
    pub channel: ChannelId,
    /// The update to post.
    pub key: UpdateKey,
    /// The update's place in the order; a channel receives its updates in this order.
    pub seq: UpdateSeq,
    /// The briefing to post.
    pub briefing: BriefingId,
    /// New or updated.
    pub kind: UpdateKind,
    /// When the bot noticed the update (the start of the delivery lag).
    pub noticed_at: std::time::SystemTime,
}

/// How a delivery ended, written back to the ledger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeliveryOutcome {
    /// The receiving channel.
    pub channel: ChannelId,
    /// The update.
    pub key: UpdateKey,
    /// Posts sent in this run (added to the ledger's count).
    pub attempts: u32,
    /// The result.
    pub result: DeliveryResult,
}

/// The result part of a [`DeliveryOutcome`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeliveryResult {
    /// Discord created this message.
    Delivered(MessageId),
    /// Gave up for this run, with the last error.
    Failed(String),
    /// Will never be sent, and why.
    Skipped(String),
}

/// How many ledger rows are in each state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LedgerCounts {
    /// Waiting to be sent.
    pub pending: usize,
    /// Confirmed by Discord.
    pub delivered: usize,
    /// Given up for this run.
    pub failed: usize,
    /// Never to be sent.
    pub skipped: usize,
}

/// The subscriptions database.
#[derive(Debug)]
pub struct Store {
    /// Named in errors so an operator knows which file is meant.
    path: PathBuf,
    /// One connection: SQLite serialises writers anyway, and one connection keeps the
    /// statement cache warm. Never locked across an `.await`.
    connection: Mutex<Connection>,
}

impl Store {
    /// Opens (creating if needed) the database at `path`, switches it to WAL and applies the
    /// migrations this build knows.
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        let path_buf = path.to_path_buf();
        if let Some(parent) = path
            .parent()
            .filter(|parent| !parent.as_os_str().is_empty())
        {
            std::fs::create_dir_all(parent).map_err(|source| StoreError::CreateDir {
                path: parent.to_path_buf(),
                source,
            })?;
        }
        let open_error = |source| StoreError::Open {
            path: path_buf.clone(),
            source,
        };
        let mut connection = Connection::open(path).map_err(open_error)?;
        connection.busy_timeout(BUSY_TIMEOUT).map_err(open_error)?;
        // WAL lets readers run while the ledger is written; NORMAL syncs at checkpoints only,
        // which in WAL mode loses at most the last commits on power loss, never integrity —
        // and a lost "delivered" mark is covered by the message nonce.
        let mode: String = connection
            .pragma_update_and_check(None, "journal_mode", "wal", |row| row.get(0))
            .map_err(open_error)?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(StoreError::NoWal {
                path: path_buf,
                mode,
            });
        }
        connection
            .pragma_update(None, "synchronous", "NORMAL")
            .map_err(open_error)?;
        connection
            .pragma_update(None, "foreign_keys", true)
            .map_err(open_error)?;
        schema::migrate(&mut connection).map_err(|error| match error {
            MigrateError::TooNew(found) => StoreError::TooNew {
                path: path_buf.clone(),
                found,
                known: schema::CURRENT,
            },
            MigrateError::Sqlite(version, source) => StoreError::Migrate {
                path: path_buf.clone(),
                version,
                source,
            },
        })?;
        Ok(Self {
            path: path_buf,
            connection: Mutex::new(connection),
        })
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema version the file is at.
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        Ok(self
            .lock()
            .pragma_query_value(None, "user_version", |row| row.get(0))?)
    }

    /// The SQLite journal mode in force (`wal` once opened).
    pub fn journal_mode(&self) -> Result<String, StoreError> {
        Ok(self
            .lock()
            .pragma_query_value(None, "journal_mode", |row| row.get(0))?)
    }

    fn lock(&self) -> MutexGuard<'_, Connection> {
        // A panic while the lock was held rolled its transaction back when it unwound, so the
        // connection is still consistent: carry on rather than poison every later call.
        self.connection
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    // ----- subscriptions -------------------------------------------------------------------

    /// Makes `channel` follow `story` from now on; resumes a paused subscription. Subscribing
    /// twice is not an error and makes no second subscription.
    pub fn subscribe(
        &self,
        guild: GuildId,
        channel: ChannelId,
        story: &Story,
    ) -> Result<Subscribed, StoreError> {
        let mut connection = self.lock();
        let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let existing: Option<(String, Option<String>)> = transaction
            .query_row(
                "SELECT state, paused_reason FROM subscriptions WHERE channel_id = ?1 AND story = ?2",
                params![channel.to_sql(), story.as_str()],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()?;
        let now = now_millis();
        let outcome = match existing {
            None => {
                transaction.execute(
                    "INSERT INTO subscriptions (channel_id, story, guild_id, created_at, state, cursor)
                     VALUES (?1, ?2, ?3, ?4, 'active', (SELECT COALESCE(MAX(seq), 0) FROM updates))",
                    params![channel.to_sql(), story.as_str(), guild.to_sql(), now],
                )?;
                Subscribed::Created
            }
            Some((state, _)) if state == "active" => Subscribed::AlreadyActive,
            Some((_, reason)) => {
                // Resuming moves the cursor to now: what appeared while paused is not backfilled.
                transaction.execute(
                    "UPDATE subscriptions
                     SET state = 'active', paused_reason = NULL, paused_at = NULL,
                         cursor = (SELECT COALESCE(MAX(seq), 0) FROM updates)
                     WHERE channel_id = ?1 AND story = ?2",
                    params![channel.to_sql(), story.as_str()],
                )?;
                Subscribed::Resumed {
                    reason: reason.unwrap_or_default(),
                }
            }
        };
        transaction.commit()?;
        Ok(outcome)
    }

    /// Stops `channel` following `story` and drops its undelivered posts of that story.
    /// Returns whether there was such a subscription.
    pub fn unsubscribe(&self, channel: ChannelId, story: &Story) -> Result<bool, StoreError> {
        let mut connection = self.lock();
        let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
        transaction.execute(
            "DELETE FROM deliveries
             WHERE channel_id = ?1 AND state IN ('pending', 'failed')
               AND update_key IN (SELECT key FROM updates WHERE story = ?2)",
            params![channel.to_sql(), story.as_str()],
        )?;
        let removed = transaction.execute(
            "DELETE FROM subscriptions WHERE channel_id = ?1 AND story = ?2",
            params![channel.to_sql(), story.as_str()],
        )?;
        transaction.commit()?;
        Ok(removed > 0)
    }

    /// Removes every subscription of a channel that no longer exists (Discord 10003, or
    /// CHANNEL_DELETE), with its undelivered posts. Returns how many subscriptions went.
    pub fn remove_channel(&self, channel: ChannelId) -> Result<usize, StoreError> {
        let mut connection = self.lock();
        let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
        transaction.execute(
            "DELETE FROM deliveries WHERE channel_id = ?1 AND state IN ('pending', 'failed')",
            params![channel.to_sql()],
        )?;
        let removed = transaction.execute(
            "DELETE FROM subscriptions WHERE channel_id = ?1",
            params![channel.to_sql()],
        )?;
        transaction.commit()?;
        Ok(removed)
    }

    /// Removes every subscription in a server the bot left or that is gone (Discord 10004, or
    /// GUILD_DELETE), with their undelivered posts. Returns how many subscriptions went.
    pub fn remove_guild(&self, guild: GuildId) -> Result<usize, StoreError> {
        let mut connection = self.lock();
        let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
        transaction.execute(
            "DELETE FROM deliveries
             WHERE state IN ('pending', 'failed')
               AND channel_id IN (SELECT channel_id FROM subscriptions WHERE guild_id = ?1)",
            params![guild.to_sql()],
        )?;
        let removed = transaction.execute(
            "DELETE FROM subscriptions WHERE guild_id = ?1",
            params![guild.to_sql()],
        )?;
        transaction.commit()?;
        Ok(removed)
    }

    /// Removes the subscriptions of the server that `channel` belongs to (Discord 10004 on a
    /// post). Returns how many subscriptions went.
    pub fn remove_guild_of(&self, channel: ChannelId) -> Result<usize, StoreError> {
        let guild: Option<i64> = self
            .lock()
            .query_row(
                "SELECT guild_id FROM subscriptions WHERE channel_id = ?1 LIMIT 1",
                params![channel.to_sql()],
                |row| row.get(0),
            )
            .optional()?;
        match guild.and_then(GuildId::from_sql) {
            Some(guild) => self.remove_guild(guild),
            None => Ok(0),
        }
    }

    /// Pauses every active subscription of a channel Discord refused to post in (50001 /
    /// 50013), and skips its pending posts: a 403 is never retried. Returns how many paused.
    pub fn pause_channel(&self, channel: ChannelId, reason: &str) -> Result<usize, StoreError> {
        let mut connection = self.lock();
        let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let now = now_millis();
        let paused = transaction.execute(
            "UPDATE subscriptions SET state = 'paused', paused_reason = ?2, paused_at = ?3
             WHERE channel_id = ?1 AND state = 'active'",
            params![channel.to_sql(), reason, now],
        )?;
        transaction.execute(
            "UPDATE deliveries SET state = 'skipped', last_error = ?2, updated_at = ?3
             WHERE channel_id = ?1 AND state IN ('pending', 'failed')",
            params![
                channel.to_sql(),
                format!("subscription paused: {reason}"),
                now
            ],
        )?;
        transaction.commit()?;
        Ok(paused)
    }

    /// One channel's subscription to one story.
    pub fn subscription(
        &self,
        channel: ChannelId,
        story: &Story,
    ) -> Result<Option<Subscription>, StoreError> {
        self.lock()
            .query_row(
                &format!("{SUBSCRIPTION_COLUMNS} WHERE channel_id = ?1 AND story = ?2"),
                params![channel.to_sql(), story.as_str()],
                |row| Ok(subscription_from_row(row)),
            )
            .optional()?
            .transpose()
    }

    /// A server's subscriptions, by channel then story.
    pub fn subscriptions_in_guild(&self, guild: GuildId) -> Result<Vec<Subscription>, StoreError> {
        let connection = self.lock();
        let mut statement = connection.prepare_cached(&format!(
            "{SUBSCRIPTION_COLUMNS} WHERE guild_id = ?1 ORDER BY channel_id, story"
        ))?;
        let rows = statement.query_map(params![guild.to_sql()], |row| {
            Ok(subscription_from_row(row))
        })?;
        rows.map(|row| row?).collect()
    }

    /// How many subscriptions there are, active or paused.
    pub fn subscription_count(&self) -> Result<usize, StoreError> {
        let count: i64 =
            self.lock()
                .query_row("SELECT COUNT(*) FROM subscriptions", [], |row| row.get(0))?;
        Ok(usize::try_from(count).unwrap_or(0))
    }

    // ----- updates ---------------------------------------------------------------------------

    /// The latest change recorded of every briefing: what the library is compared with at start
    /// to find what appeared while the bot was down.
    pub fn known(&self) -> Result<Known, StoreError> {
        let connection = self.lock();
        let mut statement =
            connection.prepare("SELECT briefing_id, changed_secs, changed_nanos FROM updates")?;
        let mut known = Known::new();
        let rows = statement.query_map([], |row| {
            Ok((
                row.get::<_, String>(0)?,
                row.get::<_, i64>(1)?,
                row.get::<_, i64>(2)?,
            ))
        })?;
        for row in rows {
            let (id, secs, nanos) = row?;
            let id = BriefingId::parse(&id)
                .ok_or_else(|| StoreError::Corrupt(format!("briefing id {id:?} in updates")))?;
            let nanos = u32::try_from(nanos)
                .map_err(|_| StoreError::Corrupt(format!("nanoseconds {nanos} in updates")))?;
            let changed = ChangedAt { secs, nanos };
            let latest = known.entry(id).or_insert(changed);
            *latest = (*latest).max(changed);
        }
        Ok(known)
    }

    /// Records update events and, in the same transaction, queues a pending delivery for every
    /// active subscription of the event's story. An event whose key is known, or that is not
    /// later than a recorded change of the same briefing, is ignored — so recording is
    /// idempotent. Older undelivered updates of the same briefing are skipped as superseded.
    pub fn record_updates(
        &self,
        events: &[UpdateEvent],
    ) -> Result<Vec<RecordedUpdate>, StoreError> {
        let mut connection = self.lock();
        let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let now = now_millis();
        let mut recorded = Vec::new();
        for event in events {
            let latest: Option<(i64, i64)> = transaction
                .prepare_cached(
                    "SELECT changed_secs, changed_nanos FROM updates WHERE briefing_id = ?1
                     ORDER BY changed_secs DESC, changed_nanos DESC LIMIT 1",
                )?
                .query_row(params![event.briefing.as_str()], |row| {
                    Ok((row.get(0)?, row.get(1)?))
                })
                .optional()?;
            let later = latest.is_none_or(|(secs, nanos)| {
                (event.changed.secs, i64::from(event.changed.nanos)) > (secs, nanos)
            });
            if !later {
                continue;
            }
            let inserted = transaction.prepare_cached(
                "INSERT INTO updates (key, briefing_id, story, kind, changed_secs, changed_nanos, noticed_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (key) DO NOTHING",
            )?
            .execute(params![
                event.key.as_str(),
                event.briefing.as_str(),
                event.story.as_str(),
                event.kind.as_str(),
                event.changed.secs,
                event.changed.nanos,
                now
            ])?;
            if inserted == 0 {
                continue;
            }
            let seq = transaction.last_insert_rowid();
            transaction
                .prepare_cached(
                    "UPDATE deliveries SET state = 'skipped', last_error = ?3, updated_at = ?4
                     WHERE state IN ('pending', 'failed') AND update_key IN
                       (SELECT key FROM updates WHERE briefing_id = ?1 AND seq < ?2)",
                )?
                .execute(params![
                    event.briefing.as_str(),
                    seq,
                    format!("superseded by {}", event.key),
                    now
                ])?;
            let queued = transaction
                .prepare_cached(
                    "INSERT INTO deliveries (channel_id, update_key, state, created_at, updated_at)
                     SELECT channel_id, ?1, 'pending', ?4, ?4 FROM subscriptions
                     WHERE story = ?2 AND state = 'active' AND cursor < ?3
                     ON CONFLICT DO NOTHING",
                )?
                .execute(params![event.key.as_str(), event.story.as_str(), seq, now])?;
            recorded.push(RecordedUpdate {
                event: event.clone(),
                seq: UpdateSeq(seq),
                queued,
            });
        }
        transaction.commit()?;
        Ok(recorded)
    }

    /// The newest update recorded.
    pub fn latest_update(&self) -> Result<UpdateSeq, StoreError> {
        let seq: i64 =
            self.lock()
                .query_row("SELECT COALESCE(MAX(seq), 0) FROM updates", [], |row| {
                    row.get(0)
                })?;
        Ok(UpdateSeq(seq))
    }

    // ----- the delivery ledger ------------------------------------------------------------

    /// Up to `limit` pending deliveries of active subscriptions, each channel's in the order
    /// the updates were noticed. Rows stay pending until [`Store::record_outcomes`] says
    /// otherwise, so a crash mid-send leaves them to be sent again (with the same nonce).
    pub fn due_deliveries(&self, limit: usize) -> Result<Vec<DueDelivery>, StoreError> {
        let connection = self.lock();
        let mut statement = connection.prepare_cached(
            "SELECT d.channel_id, d.update_key, u.seq, u.briefing_id, u.kind, u.noticed_at
             FROM deliveries d
             JOIN updates u ON u.key = d.update_key
             JOIN subscriptions s ON s.channel_id = d.channel_id AND s.story = u.story
             WHERE d.state = 'pending' AND s.state = 'active' AND u.seq > s.cursor
             ORDER BY d.channel_id, u.seq
             LIMIT ?1",
        )?;
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let rows = statement.query_map(params![limit], |row| {
            Ok((
                row.get::<_, i64>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, i64>(2)?,
                row.get::<_, String>(3)?,
                row.get::<_, String>(4)?,
                row.get::<_, i64>(5)?,
            ))
        })?;
        rows.map(|row| {
            let (channel, key, seq, briefing, kind, noticed_at) = row?;
            Ok(DueDelivery {
                channel: channel_from_sql(channel)?,
                key: UpdateKey::from_stored(key),
                seq: UpdateSeq(seq),
                briefing: BriefingId::parse(&briefing)
                    .ok_or_else(|| StoreError::Corrupt(format!("briefing id {briefing:?}")))?,
                kind: UpdateKind::parse(&kind)
                    .ok_or_else(|| StoreError::Corrupt(format!("update kind {kind:?}")))?,
                noticed_at: std::time::UNIX_EPOCH
                    + std::time::Duration::from_millis(u64::try_from(noticed_at).unwrap_or(0)),
            })
        })
        .collect()
    }

    /// Writes the outcomes of many deliveries in one transaction.
    pub fn record_outcomes(&self, outcomes: &[DeliveryOutcome]) -> Result<(), StoreError> {
        if outcomes.is_empty() {
            return Ok(());
        }
        let mut connection = self.lock();
        let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let now = now_millis();
        {
            let mut statement = transaction.prepare_cached(
                "UPDATE deliveries
                 SET state = ?3, attempts = attempts + ?4, last_error = ?5, message_id = ?6,
                     updated_at = ?7
                 WHERE channel_id = ?1 AND update_key = ?2",
            )?;
            for outcome in outcomes {
                let (state, error, message) = match &outcome.result {
                    DeliveryResult::Delivered(message) => {
                        (DeliveryState::Delivered, None, Some(message.to_sql()))
                    }
                    DeliveryResult::Failed(error) => (DeliveryState::Failed, Some(error), None),
                    DeliveryResult::Skipped(reason) => (DeliveryState::Skipped, Some(reason), None),
                };
                statement.execute(params![
                    outcome.channel.to_sql(),
                    outcome.key.as_str(),
                    state.as_str(),
                    outcome.attempts,
                    error,
                    message,
                    now
                ])?;
            }
        }
        transaction.commit()?;
        Ok(())
    }

    /// Makes every failed delivery pending again; called at start, so what gave up in the last
    /// run is tried once more. Returns how many.
    pub fn requeue_failed(&self) -> Result<usize, StoreError> {
        Ok(self.lock().execute(
            "UPDATE deliveries SET state = 'pending', updated_at = ?1 WHERE state = 'failed'",
            params![now_millis()],
        )?)
    }

    /// One ledger row.
    pub fn delivery(
        &self,
        channel: ChannelId,
        key: &UpdateKey,
    ) -> Result<Option<Delivery>, StoreError> {
        self.lock()
            .query_row(
                &format!("{DELIVERY_COLUMNS} WHERE channel_id = ?1 AND update_key = ?2"),
                params![channel.to_sql(), key.as_str()],
                |row| Ok(delivery_from_row(row)),
            )
            .optional()?
            .transpose()
    }

    /// Every ledger row of a channel, oldest update first.
    pub fn deliveries_to(&self, channel: ChannelId) -> Result<Vec<Delivery>, StoreError> {
        let connection = self.lock();
        let mut statement = connection.prepare_cached(&format!(
            "{DELIVERY_COLUMNS} JOIN updates u ON u.key = deliveries.update_key
             WHERE channel_id = ?1 ORDER BY u.seq"
        ))?;
        let rows =
            statement.query_map(params![channel.to_sql()], |row| Ok(delivery_from_row(row)))?;
        rows.map(|row| row?).collect()
    }

    /// How many posts wait in the ledger (a count over the partial index of pending rows, cheap
    /// at any ledger size: the metrics read it at every scrape).
    pub fn pending_deliveries(&self) -> Result<usize, StoreError> {
        let count: i64 = self.lock().query_row(
            "SELECT COUNT(*) FROM deliveries WHERE state = 'pending'",
            [],
            |row| row.get(0),
        )?;
        Ok(usize::try_from(count).unwrap_or(0))
    }

    /// How many ledger rows are in each state.
    pub fn ledger_counts(&self) -> Result<LedgerCounts, StoreError> {
        let connection = self.lock();
        let mut statement =
            connection.prepare_cached("SELECT state, COUNT(*) FROM deliveries GROUP BY state")?;
        let rows = statement.query_map([], |row| {
            Ok((row.get::<_, String>(0)?, row.get::<_, i64>(1)?))
        })?;
        let mut counts = LedgerCounts::default();
        for row in rows {
            let (state, count) = row?;
            let count = usize::try_from(count).unwrap_or(0);
            match DeliveryState::parse(&state) {
                Some(DeliveryState::Pending) => counts.pending = count,
                Some(DeliveryState::Delivered) => counts.delivered = count,
                Some(DeliveryState::Failed) => counts.failed = count,
                Some(DeliveryState::Skipped) => counts.skipped = count,
                None => return Err(StoreError::Corrupt(format!("delivery state {state:?}"))),
            }
        }
        Ok(counts)
    }
}

const SUBSCRIPTION_COLUMNS: &str = "SELECT guild_id, channel_id, story, created_at, state, \
     paused_reason, paused_at, cursor FROM subscriptions";

fn subscription_from_row(row: &Row<'_>) -> Result<Subscription, StoreError> {
    let guild: i64 = row.get(0)?;
    let story: String = row.get(2)?;
    let state: String = row.get(4)?;
    let reason: Option<String> = row.get(5)?;
    let paused_at: Option<i64> = row.get(6)?;
    let state = match (state.as_str(), reason) {
        ("active", _) => SubscriptionState::Active,
        ("paused", Some(reason)) => SubscriptionState::Paused {
            reason,
            since: time_from_millis(paused_at.unwrap_or(0)),
        },
        _ => return Err(StoreError::Corrupt(format!("subscription state {state:?}"))),
    };
    Ok(Subscription {
        guild: GuildId::from_sql(guild)
            .ok_or_else(|| StoreError::Corrupt(format!("guild id {guild}")))?,
        channel: channel_from_sql(row.get(1)?)?,
        story: Story::parse(&story)
            .ok_or_else(|| StoreError::Corrupt(format!("story {story:?}")))?,
        created_at: time_from_millis(row.get(3)?),
        state,
        cursor: UpdateSeq(row.get(7)?),
    })
}

const DELIVERY_COLUMNS: &str = "SELECT deliveries.channel_id, deliveries.update_key, \
     deliveries.state, deliveries.attempts, deliveries.last_error, deliveries.created_at, \
     deliveries.updated_at, deliveries.message_id FROM deliveries";

fn delivery_from_row(row: &Row<'_>) -> Result<Delivery, StoreError> {
    let state: String = row.get(2)?;
    let attempts: i64 = row.get(3)?;
    let message: Option<i64> = row.get(7)?;
    Ok(Delivery {
        channel: channel_from_sql(row.get(0)?)?,
        key: UpdateKey::from_stored(row.get(1)?),
        state: DeliveryState::parse(&state)
            .ok_or_else(|| StoreError::Corrupt(format!("delivery state {state:?}")))?,
        attempts: u32::try_from(attempts)
            .map_err(|_| StoreError::Corrupt(format!("attempts {attempts}")))?,
        last_error: row.get(4)?,
        created_at: time_from_millis(row.get(5)?),
        updated_at: time_from_millis(row.get(6)?),
        message_id: message
            .map(|message| {
                MessageId::from_sql(message)
                    .ok_or_else(|| StoreError::Corrupt(format!("message id {message}")))
            })
            .transpose()?,
    })
}

fn channel_from_sql(value: i64) -> Result<ChannelId, StoreError> {
    ChannelId::from_sql(value).ok_or_else(|| StoreError::Corrupt(format!("channel id {value}")))
}

fn now_millis() -> i64 {
    let since_epoch = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    i64::try_from(since_epoch.as_millis()).unwrap_or(i64::MAX)
}

fn time_from_millis(millis: i64) -> SystemTime {
    UNIX_EPOCH + Duration::from_millis(u64::try_from(millis).unwrap_or(0))
}
