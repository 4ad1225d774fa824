//! PostgreSQL's updates table and delivery ledger: the same statements as SQLite's, in its
//! dialect, with recording serialised across replicas by an advisory lock.

use super::subscriptions::count;
use super::{PostgresStore, UPDATES_LOCK};
use crate::briefing::BriefingId;
use crate::subscriptions::error::StoreError;
use crate::subscriptions::event::{ChangedAt, Known, UpdateEvent, UpdateKey};
use crate::subscriptions::ids::ChannelId;
use crate::subscriptions::model::{
    Delivery, DeliveryOutcome, DeliveryState, DueDelivery, LedgerCounts, RecordedUpdate, UpdateSeq,
};
use crate::subscriptions::store::ledger::{
    DELIVERY_COLUMNS, DUE_EACH, DUE_ROWS, delivery_from_row, due_from_row, result_columns,
};
use crate::subscriptions::store::{Ledger, now_millis};

/// Posts queued by one recording above which the planner's statistics are refreshed.
const ANALYZE_AFTER: usize = 500;

impl Ledger for PostgresStore {
    fn known(&self) -> Result<Known, StoreError> {
        let rows = self.run(async |client| {
            Ok(client
                .query(
                    "SELECT briefing_id, changed_secs, changed_nanos FROM updates",
                    &[],
                )
                .await?)
        })?;
        let mut known = Known::new();
        for row in rows {
            let id: String = row.try_get(0)?;
            let secs: i64 = row.try_get(1)?;
            let nanos: i64 = row.try_get(2)?;
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
        self.run(async |client| {
            let transaction = client.transaction().await?;
            // Every replica notices the same reload: one records it at a time, and the others
            // find its rows and record nothing.
            transaction
                .execute("SELECT pg_advisory_xact_lock($1)", &[&UPDATES_LOCK])
                .await?;
            let now = now_millis();
            let latest_change = transaction
                .prepare_cached(
                    "SELECT changed_secs, changed_nanos FROM updates WHERE briefing_id = $1
                     ORDER BY changed_secs DESC, changed_nanos DESC LIMIT 1",
                )
                .await?;
            let insert = transaction
                .prepare_cached(
                    "INSERT INTO updates (key, briefing_id, story, kind, changed_secs,
                         changed_nanos, noticed_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (key) DO NOTHING
                     RETURNING seq",
                )
                .await?;
            let supersede = transaction
                .prepare_cached(
                    "UPDATE deliveries SET state = 'skipped', last_error = $3, updated_at = $4
                     WHERE state IN ('pending', 'failed') AND digest IS NULL AND update_key IN
                       (SELECT key FROM updates WHERE briefing_id = $1 AND seq < $2)",
                )
                .await?;
            let queue = transaction
                .prepare_cached(
                    "INSERT INTO deliveries (channel_id, update_key, state, created_at, updated_at)
                     SELECT channel_id, $1::TEXT, 'pending', $4::BIGINT, $4::BIGINT
                     FROM subscriptions
                     WHERE story = $2 AND state = 'active' AND cursor < $3
                     ON CONFLICT DO NOTHING",
                )
                .await?;
            let mut recorded = Vec::new();
            for event in events {
                let briefing = event.briefing.as_str();
                let latest = transaction.query_opt(&latest_change, &[&briefing]).await?;
                let later = match latest {
                    None => true,
                    Some(row) => {
                        let (secs, nanos): (i64, i64) = (row.try_get(0)?, row.try_get(1)?);
                        (event.changed.secs, i64::from(event.changed.nanos)) > (secs, nanos)
                    }
                };
                if !later {
                    continue;
                }
                let Some(inserted) = transaction
                    .query_opt(
                        &insert,
                        &[
                            &event.key.as_str(),
                            &briefing,
                            &event.story.as_str(),
                            &event.kind.as_str(),
                            &event.changed.secs,
                            &i64::from(event.changed.nanos),
                            &now,
                        ],
                    )
                    .await?
                else {
                    continue;
                };
                let seq: i64 = inserted.try_get(0)?;
                transaction
                    .execute(
                        &supersede,
                        &[
                            &briefing,
                            &seq,
                            &format!("superseded by {}", event.key),
                            &now,
                        ],
                    )
                    .await?;
                let queued = transaction
                    .execute(
                        &queue,
                        &[&event.key.as_str(), &event.story.as_str(), &seq, &now],
                    )
                    .await?;
                recorded.push(RecordedUpdate {
                    event: event.clone(),
                    seq: UpdateSeq(seq),
                    queued: count(queued),
                });
            }
            // A fanout fills `deliveries` faster than autovacuum's next look: without fresh
            // statistics the planner takes the tables for tiny ones and joins each claim by
            // scanning them, hundreds of milliseconds per claim of a 2,000-channel fanout.
            // The statistics of three tables cost a few milliseconds, once per large fanout.
            // They are taken before the commit (ANALYZE counts this transaction's own rows),
            // while the advisory lock still holds the other replicas: they wait in their own
            // recording of the same reload, and their first claim is then planned on the new
            // figures rather than spending the fanout's first second on a scan.
            if recorded.iter().map(|update| update.queued).sum::<usize>() >= ANALYZE_AFTER {
                transaction
                    .batch_execute("ANALYZE subscriptions, updates, deliveries")
                    .await?;
            }
            transaction.commit().await?;
            Ok(recorded)
        })
    }

    fn latest_update(&self) -> Result<UpdateSeq, StoreError> {
        self.run(async |client| {
            let seq: i64 = client
                .query_one("SELECT COALESCE(MAX(seq), 0) FROM updates", &[])
                .await?
                .try_get(0)?;
            Ok(UpdateSeq(seq))
        })
    }

    fn due_deliveries(&self, limit: usize) -> Result<Vec<DueDelivery>, StoreError> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        self.run(async |client| {
            client
                .query(
                    &format!(
                        "{DUE_ROWS}
                     WHERE {DUE_EACH}
                     ORDER BY d.channel_id, u.seq
                     LIMIT $1"
                    ),
                    &[&limit],
                )
                .await?
                .iter()
                .map(due_from_row)
                .collect()
        })
    }

    fn record_outcomes(&self, outcomes: &[DeliveryOutcome]) -> Result<(), StoreError> {
        if outcomes.is_empty() {
            return Ok(());
        }
        // One statement for the whole batch, its columns as arrays: a statement per row was a
        // round trip per post, and held its connection meanwhile.
        let mut channels = Vec::with_capacity(outcomes.len());
        let mut keys = Vec::with_capacity(outcomes.len());
        let mut states = Vec::with_capacity(outcomes.len());
        let mut attempts = Vec::with_capacity(outcomes.len());
        let mut errors = Vec::with_capacity(outcomes.len());
        let mut messages = Vec::with_capacity(outcomes.len());
        for outcome in outcomes {
            let (state, error, message) = result_columns(&outcome.result);
            channels.push(outcome.channel.to_sql());
            keys.push(outcome.key.as_str());
            states.push(state.as_str());
            attempts.push(i64::from(outcome.attempts));
            errors.push(error.map(String::as_str));
            messages.push(message);
        }
        self.run(async |client| {
            client
                .execute(
                    "UPDATE deliveries AS d
                     SET state = o.state, attempts = d.attempts + o.attempts,
                         last_error = o.last_error, message_id = o.message_id, updated_at = $7,
                         lease_owner = NULL, lease_until = NULL
                     FROM UNNEST($1::BIGINT[], $2::TEXT[], $3::TEXT[], $4::BIGINT[],
                                 $5::TEXT[], $6::BIGINT[])
                          AS o (channel_id, update_key, state, attempts, last_error, message_id)
                     WHERE d.channel_id = o.channel_id AND d.update_key = o.update_key",
                    &[
                        &channels,
                        &keys,
                        &states,
                        &attempts,
                        &errors,
                        &messages,
                        &now_millis(),
                    ],
                )
                .await?;
            Ok(())
        })
    }

    fn requeue_failed(&self) -> Result<usize, StoreError> {
        self.run(async |client| {
            let transaction = client.transaction().await?;
            let mut requeued = 0;
            for table in ["deliveries", "digests"] {
                requeued += transaction
                    .execute(
                        &format!(
                            "UPDATE {table} SET state = 'pending', updated_at = $1
                             WHERE state = 'failed'"
                        ),
                        &[&now_millis()],
                    )
                    .await?;
            }
            transaction.commit().await?;
            Ok(count(requeued))
        })
    }

    fn delivery(
        &self,
        channel: ChannelId,
        key: &UpdateKey,
    ) -> Result<Option<Delivery>, StoreError> {
        self.run(async |client| {
            client
                .query_opt(
                    &format!("{DELIVERY_COLUMNS} WHERE channel_id = $1 AND update_key = $2"),
                    &[&channel.to_sql(), &key.as_str()],
                )
                .await?
                .map(|row| delivery_from_row(&row))
                .transpose()
        })
    }

    fn deliveries_to(&self, channel: ChannelId) -> Result<Vec<Delivery>, StoreError> {
        self.run(async |client| {
            client
                .query(
                    &format!(
                        "{DELIVERY_COLUMNS} JOIN updates u ON u.key = deliveries.update_key
                         WHERE channel_id = $1 ORDER BY u.seq"
                    ),
                    &[&channel.to_sql()],
                )
                .await?
                .iter()
                .map(delivery_from_row)
                .collect()
        })
    }

    fn pending_deliveries(&self) -> Result<usize, StoreError> {
        self.run(async |client| {
            let count: i64 = client
                .query_one(
                    "SELECT COUNT(*) FROM deliveries WHERE state = 'pending'",
                    &[],
                )
                .await?
                .try_get(0)?;
            Ok(usize::try_from(count).unwrap_or(0))
        })
    }

    fn ledger_counts(&self) -> Result<LedgerCounts, StoreError> {
        let rows = self.run(async |client| {
            Ok(client
                .query("SELECT state, COUNT(*) FROM deliveries GROUP BY state", &[])
                .await?)
        })?;
        let mut counts = LedgerCounts::default();
        for row in rows {
            let state: String = row.try_get(0)?;
            let count: i64 = row.try_get(1)?;
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
