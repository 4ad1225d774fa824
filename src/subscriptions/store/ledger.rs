//! The updates table and the delivery ledger: recording what changed, claiming what is due,
//! writing back how each post ended.

use rusqlite::{OptionalExtension, TransactionBehavior, params};

use super::rows::Columns;
use super::{
    Ledger, SqliteStore, channel_from_sql, filter_from_sql, now_millis, role_from_sql,
    time_from_millis,
};
use crate::briefing::BriefingId;
use crate::subscriptions::error::StoreError;
use crate::subscriptions::event::{ChangedAt, Known, UpdateEvent, UpdateKey, UpdateKind};
use crate::subscriptions::ids::{GuildId, MessageId};
use crate::subscriptions::model::{
    Delivery, DeliveryOutcome, DeliveryResult, DeliveryState, Destination, DueDelivery,
    LedgerCounts, RecordedUpdate, TargetKind, UpdateSeq,
};

impl Ledger for SqliteStore {
    fn known(&self) -> Result<Known, StoreError> {
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

    fn record_updates(&self, events: &[UpdateEvent]) -> Result<Vec<RecordedUpdate>, StoreError> {
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
                     WHERE state IN ('pending', 'failed') AND digest IS NULL AND update_key IN
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

    fn latest_update(&self) -> Result<UpdateSeq, StoreError> {
        let seq: i64 =
            self.lock()
                .query_row("SELECT COALESCE(MAX(seq), 0) FROM updates", [], |row| {
                    row.get(0)
                })?;
        Ok(UpdateSeq(seq))
    }

    fn due_deliveries(&self, limit: usize) -> Result<Vec<DueDelivery>, StoreError> {
        let connection = self.lock();
        let mut statement = connection.prepare_cached(&format!(
            "{DUE_ROWS}
             WHERE {DUE_EACH}
             ORDER BY d.channel_id, u.seq
             LIMIT ?1"
        ))?;
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let rows = statement.query_map(params![limit], |row| Ok(due_from_row(row)))?;
        rows.map(|row| row?).collect()
    }

    fn record_outcomes(&self, outcomes: &[DeliveryOutcome]) -> Result<(), StoreError> {
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
                let (state, error, message) = result_columns(&outcome.result);
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

    fn requeue_failed(&self) -> Result<usize, StoreError> {
        let mut connection = self.lock();
        let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
        // One process owns a SQLite file: leases left in it are a previous run's, and the
        // process starting now sends those rows at once rather than when they run out.
        transaction.execute(
            "UPDATE deliveries SET lease_owner = NULL, lease_until = NULL
             WHERE lease_owner IS NOT NULL",
            [],
        )?;
        let mut requeued = 0;
        for table in ["deliveries", "digests"] {
            requeued += transaction.execute(
                &format!(
                    "UPDATE {table} SET state = 'pending', updated_at = ?1 WHERE state = 'failed'"
                ),
                params![now_millis()],
            )?;
        }
        transaction.commit()?;
        Ok(requeued)
    }

    fn delivery(
        &self,
        channel: crate::subscriptions::ChannelId,
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

    fn deliveries_to(
        &self,
        channel: crate::subscriptions::ChannelId,
    ) -> Result<Vec<Delivery>, StoreError> {
        let connection = self.lock();
        let mut statement = connection.prepare_cached(&format!(
            "{DELIVERY_COLUMNS} JOIN updates u ON u.key = deliveries.update_key
             WHERE channel_id = ?1 ORDER BY u.seq"
        ))?;
        let rows =
            statement.query_map(params![channel.to_sql()], |row| Ok(delivery_from_row(row)))?;
        rows.map(|row| row?).collect()
    }

    fn pending_deliveries(&self) -> Result<usize, StoreError> {
        let count: i64 = self.lock().query_row(
            "SELECT COUNT(*) FROM deliveries WHERE state = 'pending'",
            [],
            |row| row.get(0),
        )?;
        Ok(usize::try_from(count).unwrap_or(0))
    }

    fn ledger_counts(&self) -> Result<LedgerCounts, StoreError> {
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

/// The state, error and message columns of a result.
pub(super) fn result_columns(
    result: &DeliveryResult,
) -> (DeliveryState, Option<&String>, Option<i64>) {
    match result {
        DeliveryResult::Delivered(message) => {
            (DeliveryState::Delivered, None, Some(message.to_sql()))
        }
        DeliveryResult::Failed(error) => (DeliveryState::Failed, Some(error), None),
        DeliveryResult::Skipped(reason) => (DeliveryState::Skipped, Some(reason), None),
    }
}

/// The columns [`due_from_row`] reads, with the joins that find them: the start of every query
/// of due rows, on both backends (each adds its own `WHERE`, in its own placeholders).
pub(super) const DUE_ROWS: &str = "SELECT d.channel_id, d.update_key, u.seq, u.briefing_id, \
    u.kind, s.guild_id, s.target_kind, s.mention_role, s.filter, d.created_at, u.noticed_at \
    FROM deliveries d \
    JOIN updates u ON u.key = d.update_key \
    JOIN subscriptions s ON s.channel_id = d.channel_id AND s.story = u.story";

/// Which of those rows are due as posts of their own: pending, of an active subscription that
/// posts each update, newer than its cursor, and not held for a digest.
pub(super) const DUE_EACH: &str = "d.state = 'pending' AND s.state = 'active' \
    AND u.seq > s.cursor AND s.mode = 'each' AND d.digest IS NULL";

/// A row of a query that starts with [`DUE_ROWS`].
pub(super) fn due_from_row(row: &impl Columns) -> Result<DueDelivery, StoreError> {
    let briefing: String = row.get(3)?;
    let kind: String = row.get(4)?;
    let guild: i64 = row.get(5)?;
    let target: String = row.get(6)?;
    let mention: Option<i64> = row.get(7)?;
    let filter: Option<String> = row.get(8)?;
    Ok(DueDelivery {
        destination: Destination {
            guild: GuildId::from_sql(guild)
                .ok_or_else(|| StoreError::Corrupt(format!("guild id {guild}")))?,
            channel: channel_from_sql(row.get(0)?)?,
            kind: TargetKind::parse(&target)
                .ok_or_else(|| StoreError::Corrupt(format!("target kind {target:?}")))?,
        },
        key: UpdateKey::from_stored(row.get(1)?),
        seq: UpdateSeq(row.get(2)?),
        briefing: BriefingId::parse(&briefing)
            .ok_or_else(|| StoreError::Corrupt(format!("briefing id {briefing:?}")))?,
        kind: UpdateKind::parse(&kind)
            .ok_or_else(|| StoreError::Corrupt(format!("update kind {kind:?}")))?,
        mention: role_from_sql(mention)?,
        filter: filter_from_sql(filter)?,
        queued_at: time_from_millis(row.get(9)?),
        noticed_at: time_from_millis(row.get(10)?),
    })
}

pub(super) const DELIVERY_COLUMNS: &str = "SELECT deliveries.channel_id, deliveries.update_key, \
     deliveries.state, deliveries.attempts, deliveries.last_error, deliveries.created_at, \
     deliveries.updated_at, deliveries.message_id, deliveries.digest FROM deliveries";

pub(super) fn delivery_from_row(row: &impl Columns) -> Result<Delivery, StoreError> {
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
        digest: row.get(8)?,
    })
}
