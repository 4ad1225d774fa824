//! Digests in the ledger: claiming a period's updates for one post, and writing back how it
//! ended. A claim assigns the ledger rows to the digest in the same transaction that records
//! it, so a digest re-sent after a crash lists exactly what the first attempt listed.

use std::time::SystemTime;

use rusqlite::{TransactionBehavior, params};

use super::ledger::{DUE_ROWS, due_from_row, result_columns};
use super::{Digests, SqliteStore, now_millis, time_from_millis};
use crate::subscriptions::error::StoreError;
use crate::subscriptions::event::UpdateKey;
use crate::subscriptions::ids::{ChannelId, Story};
use crate::subscriptions::model::{DeliveryResult, DueDelivery};
use crate::subscriptions::schedule::{Mode, latest_due};

/// A digest ready to be sent: the updates of its period, oldest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueDigest {
    /// The receiving channel.
    pub channel: ChannelId,
    /// The story it is about.
    pub story: Story,
    /// Its period's key (`daily@2026-12-03T08:00:00Z`), unique per subscription.
    pub period: String,
    /// When it was claimed: a forum post made since then may be this one.
    pub claimed_at: SystemTime,
    /// The updates it lists, each with the subscription's destination, mention and filter.
    pub rows: Vec<DueDelivery>,
}

/// How a digest ended, written back to it and its rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DigestOutcome {
    /// The receiving channel.
    pub channel: ChannelId,
    /// The story.
    pub story: Story,
    /// The period's key.
    pub period: String,
    /// Posts sent in this run.
    pub attempts: u32,
    /// The digest's result; its rows get the same unless left out.
    pub result: DeliveryResult,
    /// Rows the digest did not list (filtered out, briefing gone), with the reason.
    pub left_out: Vec<(UpdateKey, String)>,
}

impl Digests for SqliteStore {
    fn digest_modes(&self) -> Result<Vec<Mode>, StoreError> {
        let connection = self.lock();
        let mut statement = connection.prepare_cached(
            "SELECT DISTINCT mode, digest_hour FROM subscriptions
             WHERE state = 'active' AND mode != 'each'",
        )?;
        let rows = statement.query_map([], |row| {
            Ok((row.get::<_, String>(0)?, row.get::<_, Option<i64>>(1)?))
        })?;
        let mut modes = Vec::new();
        for row in rows {
            let (mode, hour) = row?;
            modes.push(
                Mode::from_stored(&mode, hour)
                    .ok_or_else(|| StoreError::Corrupt(format!("mode {mode:?}")))?,
            );
        }
        Ok(modes)
    }

    fn claim_digests(&self, now: SystemTime) -> Result<Vec<DueDigest>, StoreError> {
        let mut connection = self.lock();
        let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let subscriptions: Vec<(i64, String, String, Option<i64>)> = {
            let mut statement = transaction.prepare_cached(
                "SELECT channel_id, story, mode, digest_hour FROM subscriptions
                 WHERE state = 'active' AND mode != 'each'",
            )?;
            let rows = statement.query_map([], |row| {
                Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?))
            })?;
            rows.collect::<Result<_, _>>()?
        };
        let created = now_millis();
        for (channel, story, mode, hour) in subscriptions {
            let Some(Mode::Digest { period, hour }) = Mode::from_stored(&mode, hour) else {
                return Err(StoreError::Corrupt(format!("mode {mode:?}")));
            };
            let due = latest_due(period, hour, now);
            // The first pass after a period's hour decides its digest, once: it lists what is
            // waiting then, and what arrives later waits for the next period.
            let decided: bool = transaction
                .prepare_cached(
                    "SELECT EXISTS (SELECT 1 FROM digests
                     WHERE channel_id = ?1 AND story = ?2 AND period = ?3)",
                )?
                .query_row(params![channel, story, due.key], |row| row.get(0))?;
            if decided {
                continue;
            }
            // A subscription's first digest is the first whose hour comes after the engine
            // first saw it take digests: the period before is recorded as decided, listing
            // nothing, so a new digest subscription is not sent one at once.
            let name = due.key.split('@').next().unwrap_or_default().to_owned();
            let started: bool = transaction
                .prepare_cached(
                    "SELECT EXISTS (SELECT 1 FROM digests
                     WHERE channel_id = ?1 AND story = ?2 AND period LIKE ?3 || '@%')",
                )?
                .query_row(params![channel, story, name], |row| row.get(0))?;
            if !started {
                transaction
                    .prepare_cached(
                        "INSERT INTO digests (channel_id, story, period, state, last_error,
                             created_at, updated_at)
                         VALUES (?1, ?2, ?3, 'skipped', 'before the first digest', ?4, ?4)",
                    )?
                    .execute(params![channel, story, due.key, created])?;
                continue;
            }
            let assigned = transaction
                .prepare_cached(
                    "UPDATE deliveries SET digest = ?3, updated_at = ?4
                     WHERE channel_id = ?1 AND state = 'pending' AND digest IS NULL
                       AND update_key IN (
                         SELECT u.key FROM updates u JOIN subscriptions s
                           ON s.story = u.story AND s.channel_id = ?1
                         WHERE u.story = ?2 AND u.seq > s.cursor)",
                )?
                .execute(params![channel, story, due.key, created])?;
            // An empty period is recorded too, so that it is decided.
            let (state, note) = if assigned > 0 {
                ("pending", None)
            } else {
                ("skipped", Some("nothing new in this period"))
            };
            transaction
                .prepare_cached(
                    "INSERT INTO digests (channel_id, story, period, state, last_error,
                         created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
                )?
                .execute(params![channel, story, due.key, state, note, created])?;
        }
        let pending: Vec<(i64, String, String, i64)> = {
            let mut statement = transaction.prepare_cached(
                "SELECT g.channel_id, g.story, g.period, g.created_at FROM digests g
                 JOIN subscriptions s ON s.channel_id = g.channel_id AND s.story = g.story
                 WHERE g.state = 'pending' AND s.state = 'active'
                 ORDER BY g.channel_id, g.period",
            )?;
            let rows = statement.query_map([], |row| {
                Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?))
            })?;
            rows.collect::<Result<_, _>>()?
        };
        let mut digests = Vec::new();
        for (channel, story, period, claimed_at) in pending {
            let rows = {
                let mut statement = transaction.prepare_cached(&format!(
                    "{DUE_ROWS}
                     WHERE d.channel_id = ?1 AND u.story = ?2 AND d.digest = ?3
                       AND d.state = 'pending'
                     ORDER BY u.seq"
                ))?;
                let rows = statement
                    .query_map(params![channel, story, period], |row| Ok(due_from_row(row)))?;
                rows.map(|row| row?)
                    .collect::<Result<Vec<_>, StoreError>>()?
            };
            digests.push(DueDigest {
                channel: super::channel_from_sql(channel)?,
                story: Story::parse(&story)
                    .ok_or_else(|| StoreError::Corrupt(format!("story {story:?}")))?,
                period,
                claimed_at: time_from_millis(claimed_at),
                rows,
            });
        }
        transaction.commit()?;
        Ok(digests)
    }

    fn record_digest(&self, outcome: &DigestOutcome) -> Result<(), StoreError> {
        let mut connection = self.lock();
        let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let now = now_millis();
        let channel = outcome.channel.to_sql();
        let (state, error, message) = result_columns(&outcome.result);
        transaction.execute(
            "UPDATE digests SET state = ?4, attempts = attempts + ?5, last_error = ?6,
                 message_id = ?7, updated_at = ?8
             WHERE channel_id = ?1 AND story = ?2 AND period = ?3",
            params![
                channel,
                outcome.story.as_str(),
                outcome.period,
                state.as_str(),
                outcome.attempts,
                error,
                message,
                now
            ],
        )?;
        for (key, reason) in &outcome.left_out {
            transaction.execute(
                "UPDATE deliveries SET state = 'skipped', last_error = ?3, updated_at = ?4
                 WHERE channel_id = ?1 AND update_key = ?2 AND state = 'pending'",
                params![channel, key.as_str(), reason, now],
            )?;
        }
        if !matches!(outcome.result, DeliveryResult::Failed(_)) {
            transaction.execute(
                "UPDATE deliveries SET state = ?3, attempts = attempts + ?4, last_error = ?5,
                     message_id = ?6, updated_at = ?7
                 WHERE channel_id = ?1 AND digest = ?2 AND state = 'pending'",
                params![
                    channel,
                    outcome.period,
                    state.as_str(),
                    outcome.attempts,
                    error,
                    message,
                    now
                ],
            )?;
        }
        transaction.commit()?;
        Ok(())
    }

    fn digests_delivered(&self, channel: ChannelId) -> Result<Vec<String>, StoreError> {
        let connection = self.lock();
        let mut statement = connection.prepare_cached(
            "SELECT period FROM digests WHERE channel_id = ?1 AND state = 'delivered'
             ORDER BY period",
        )?;
        let rows = statement.query_map(params![channel.to_sql()], |row| row.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
