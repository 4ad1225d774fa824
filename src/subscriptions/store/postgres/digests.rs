//! PostgreSQL's digests: the same claims and write-backs as SQLite's, in its dialect. A claim
//! pass runs under the updates lock, so two replicas never decide the same period twice.

use std::time::SystemTime;

use super::{PostgresStore, UPDATES_LOCK};
use crate::subscriptions::error::StoreError;
use crate::subscriptions::ids::{ChannelId, Story};
use crate::subscriptions::model::DeliveryResult;
use crate::subscriptions::schedule::{Mode, latest_due};
use crate::subscriptions::store::digests::{DigestOutcome, DueDigest};
use crate::subscriptions::store::ledger::{DUE_ROWS, due_from_row, result_columns};
use crate::subscriptions::store::{Digests, channel_from_sql, now_millis, time_from_millis};

impl Digests for PostgresStore {
    fn digest_modes(&self) -> Result<Vec<Mode>, StoreError> {
        let rows = self.run(async |client| {
            Ok(client
                .query(
                    "SELECT DISTINCT mode, digest_hour FROM subscriptions
                     WHERE state = 'active' AND mode != 'each'",
                    &[],
                )
                .await?)
        })?;
        rows.iter()
            .map(|row| {
                let mode: String = row.try_get(0)?;
                Mode::from_stored(&mode, row.try_get(1)?)
                    .ok_or_else(|| StoreError::Corrupt(format!("mode {mode:?}")))
            })
            .collect()
    }

    fn claim_digests(&self, now: SystemTime) -> Result<Vec<DueDigest>, StoreError> {
        self.run(async |client| {
            let transaction = client.transaction().await?;
            transaction
                .execute("SELECT pg_advisory_xact_lock($1)", &[&UPDATES_LOCK])
                .await?;
            let subscriptions = transaction
                .query(
                    "SELECT channel_id, story, mode, digest_hour FROM subscriptions
                     WHERE state = 'active' AND mode != 'each'",
                    &[],
                )
                .await?;
            let created = now_millis();
            let decided = transaction
                .prepare_cached(
                    "SELECT EXISTS (SELECT 1 FROM digests
                     WHERE channel_id = $1 AND story = $2 AND period = $3)",
                )
                .await?;
            let started = transaction
                .prepare_cached(
                    "SELECT EXISTS (SELECT 1 FROM digests
                     WHERE channel_id = $1 AND story = $2 AND period LIKE $3::TEXT || '@%')",
                )
                .await?;
            let assign = transaction
                .prepare_cached(
                    "UPDATE deliveries SET digest = $3, updated_at = $4
                     WHERE channel_id = $1 AND state = 'pending' AND digest IS NULL
                       AND update_key IN (
                         SELECT u.key FROM updates u JOIN subscriptions s
                           ON s.story = u.story AND s.channel_id = $1
                         WHERE u.story = $2 AND u.seq > s.cursor)",
                )
                .await?;
            let insert = transaction
                .prepare_cached(
                    "INSERT INTO digests (channel_id, story, period, state, last_error,
                         created_at, updated_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $6)",
                )
                .await?;
            for row in subscriptions {
                let channel: i64 = row.try_get(0)?;
                let story: String = row.try_get(1)?;
                let mode: String = row.try_get(2)?;
                let Some(Mode::Digest { period, hour }) = Mode::from_stored(&mode, row.try_get(3)?)
                else {
                    return Err(StoreError::Corrupt(format!("mode {mode:?}")));
                };
                let due = latest_due(period, hour, now);
                let is_decided: bool = transaction
                    .query_one(&decided, &[&channel, &story, &due.key])
                    .await?
                    .try_get(0)?;
                if is_decided {
                    continue;
                }
                // As in SQLite's store: the period before a subscription's first digest is
                // recorded as decided, listing nothing.
                let name = due.key.split('@').next().unwrap_or_default().to_owned();
                let has_started: bool = transaction
                    .query_one(&started, &[&channel, &story, &name])
                    .await?
                    .try_get(0)?;
                if !has_started {
                    transaction
                        .execute(
                            &insert,
                            &[
                                &channel,
                                &story,
                                &due.key,
                                &"skipped",
                                &Some("before the first digest"),
                                &created,
                            ],
                        )
                        .await?;
                    continue;
                }
                let assigned = transaction
                    .execute(&assign, &[&channel, &story, &due.key, &created])
                    .await?;
                let (state, note) = if assigned > 0 {
                    ("pending", None)
                } else {
                    ("skipped", Some("nothing new in this period"))
                };
                transaction
                    .execute(
                        &insert,
                        &[&channel, &story, &due.key, &state, &note, &created],
                    )
                    .await?;
            }
            let pending = transaction
                .query(
                    "SELECT g.channel_id, g.story, g.period, g.created_at FROM digests g
                     JOIN subscriptions s ON s.channel_id = g.channel_id AND s.story = g.story
                     WHERE g.state = 'pending' AND s.state = 'active'
                     ORDER BY g.channel_id, g.period",
                    &[],
                )
                .await?;
            let listed = transaction
                .prepare_cached(&format!(
                    "{DUE_ROWS}
                     WHERE d.channel_id = $1 AND u.story = $2 AND d.digest = $3
                       AND d.state = 'pending'
                     ORDER BY u.seq"
                ))
                .await?;
            let mut digests = Vec::new();
            for row in pending {
                let channel: i64 = row.try_get(0)?;
                let story: String = row.try_get(1)?;
                let period: String = row.try_get(2)?;
                let rows = transaction
                    .query(&listed, &[&channel, &story, &period])
                    .await?
                    .iter()
                    .map(due_from_row)
                    .collect::<Result<Vec<_>, StoreError>>()?;
                digests.push(DueDigest {
                    channel: channel_from_sql(channel)?,
                    story: Story::parse(&story)
                        .ok_or_else(|| StoreError::Corrupt(format!("story {story:?}")))?,
                    period,
                    claimed_at: time_from_millis(row.try_get(3)?),
                    rows,
                });
            }
            transaction.commit().await?;
            Ok(digests)
        })
    }

    fn record_digest(&self, outcome: &DigestOutcome) -> Result<(), StoreError> {
        self.run(async |client| {
            let transaction = client.transaction().await?;
            let now = now_millis();
            let channel = outcome.channel.to_sql();
            let attempts = i64::from(outcome.attempts);
            let (state, error, message) = result_columns(&outcome.result);
            transaction
                .execute(
                    "UPDATE digests SET state = $4, attempts = attempts + $5, last_error = $6,
                         message_id = $7, updated_at = $8
                     WHERE channel_id = $1 AND story = $2 AND period = $3",
                    &[
                        &channel,
                        &outcome.story.as_str(),
                        &outcome.period,
                        &state.as_str(),
                        &attempts,
                        &error,
                        &message,
                        &now,
                    ],
                )
                .await?;
            for (key, reason) in &outcome.left_out {
                transaction
                    .execute(
                        "UPDATE deliveries SET state = 'skipped', last_error = $3, updated_at = $4
                         WHERE channel_id = $1 AND update_key = $2 AND state = 'pending'",
                        &[&channel, &key.as_str(), reason, &now],
                    )
                    .await?;
            }
            if !matches!(outcome.result, DeliveryResult::Failed(_)) {
                transaction
                    .execute(
                        "UPDATE deliveries SET state = $3, attempts = attempts + $4,
                             last_error = $5, message_id = $6, updated_at = $7
                         WHERE channel_id = $1 AND digest = $2 AND state = 'pending'",
                        &[
                            &channel,
                            &outcome.period,
                            &state.as_str(),
                            &attempts,
                            &error,
                            &message,
                            &now,
                        ],
                    )
                    .await?;
            }
            transaction.commit().await?;
            Ok(())
        })
    }

    fn digests_delivered(&self, channel: ChannelId) -> Result<Vec<String>, StoreError> {
        self.run(async |client| {
            client
                .query(
                    "SELECT period FROM digests WHERE channel_id = $1 AND state = 'delivered'
                     ORDER BY period",
                    &[&channel.to_sql()],
                )
                .await?
                .iter()
                .map(|row| Ok(row.try_get(0)?))
                .collect()
        })
    }
}
