//! PostgreSQL's subscriptions table: the same statements as SQLite's, in its dialect.

use deadpool_postgres::Transaction;

use super::{PostgresStore, UPDATES_LOCK};
use crate::subscriptions::error::StoreError;
use crate::subscriptions::ids::{ChannelId, GuildId, RoleId, Story};
use crate::subscriptions::model::{
    Changes, Settings, Subscribed, Subscription, SubscriptionState, TargetKind,
};
use crate::subscriptions::pause::PauseReason;
use crate::subscriptions::store::subscriptions::{
    SUBSCRIPTION_COLUMNS, apply, subscription_from_row,
};
use crate::subscriptions::store::{Subscriptions, now_millis};

impl Subscriptions for PostgresStore {
    fn subscribe(
        &self,
        guild: GuildId,
        channel: ChannelId,
        story: &Story,
        kind: TargetKind,
        changes: &Changes,
    ) -> Result<Subscribed, StoreError> {
        self.run(async |client| {
            let transaction = client.transaction().await?;
            // The cursor is the newest update: taken under the lock that recording holds, so
            // no update commits between reading it and this subscription existing.
            transaction
                .execute("SELECT pg_advisory_xact_lock($1)", &[&UPDATES_LOCK])
                .await?;
            let (channel_id, story_text) = (channel.to_sql(), story.as_str());
            let existing = transaction
                .query_opt(
                    &format!(
                        "{SUBSCRIPTION_COLUMNS} WHERE channel_id = $1 AND story = $2 FOR UPDATE"
                    ),
                    &[&channel_id, &story_text],
                )
                .await?
                .map(|row| subscription_from_row(&row))
                .transpose()?;
            let outcome = match existing {
                None => {
                    let settings = apply(Settings::plain(kind), kind, changes);
                    transaction
                        .execute(
                            "INSERT INTO subscriptions (channel_id, story, guild_id, created_at, state, cursor)
                             VALUES ($1, $2, $3, $4, 'active', (SELECT COALESCE(MAX(seq), 0) FROM updates))",
                            &[&channel_id, &story_text, &guild.to_sql(), &now_millis()],
                        )
                        .await?;
                    write_settings(&transaction, channel, story, &settings).await?;
                    Subscribed::Created
                }
                Some(subscription) => {
                    let settings = apply(subscription.settings.clone(), kind, changes);
                    let changed = settings != subscription.settings;
                    write_settings(&transaction, channel, story, &settings).await?;
                    match subscription.state {
                        SubscriptionState::Active if changed => Subscribed::Changed,
                        SubscriptionState::Active => Subscribed::AlreadyActive,
                        SubscriptionState::Paused { reason, .. } => {
                            transaction
                                .execute(
                                    "UPDATE subscriptions
                                     SET state = 'active', paused_reason = NULL,
                                         paused_needs = NULL, paused_at = NULL,
                                         cursor = (SELECT COALESCE(MAX(seq), 0) FROM updates)
                                     WHERE channel_id = $1 AND story = $2",
                                    &[&channel_id, &story_text],
                                )
                                .await?;
                            Subscribed::Resumed { reason }
                        }
                    }
                }
            };
            transaction.commit().await?;
            Ok(outcome)
        })
    }

    fn unsubscribe(&self, channel: ChannelId, story: &Story) -> Result<bool, StoreError> {
        self.run(async |client| {
            let transaction = client.transaction().await?;
            let (channel_id, story_text) = (channel.to_sql(), story.as_str());
            transaction
                .execute(
                    "DELETE FROM deliveries
                     WHERE channel_id = $1 AND state IN ('pending', 'failed')
                       AND update_key IN (SELECT key FROM updates WHERE story = $2)",
                    &[&channel_id, &story_text],
                )
                .await?;
            transaction
                .execute(
                    "DELETE FROM digests WHERE channel_id = $1 AND story = $2
                     AND state IN ('pending', 'failed')",
                    &[&channel_id, &story_text],
                )
                .await?;
            let removed = transaction
                .execute(
                    "DELETE FROM subscriptions WHERE channel_id = $1 AND story = $2",
                    &[&channel_id, &story_text],
                )
                .await?;
            transaction.commit().await?;
            Ok(removed > 0)
        })
    }

    fn remove_channel(&self, channel: ChannelId) -> Result<usize, StoreError> {
        self.run(async |client| {
            let transaction = client.transaction().await?;
            let channel_id = channel.to_sql();
            for table in ["deliveries", "digests"] {
                transaction
                    .execute(
                        &format!(
                            "DELETE FROM {table}
                             WHERE channel_id = $1 AND state IN ('pending', 'failed')"
                        ),
                        &[&channel_id],
                    )
                    .await?;
            }
            let removed = transaction
                .execute(
                    "DELETE FROM subscriptions WHERE channel_id = $1",
                    &[&channel_id],
                )
                .await?;
            transaction.commit().await?;
            Ok(count(removed))
        })
    }

    fn remove_guild(&self, guild: GuildId) -> Result<usize, StoreError> {
        self.run(async |client| {
            let transaction = client.transaction().await?;
            let guild_id = guild.to_sql();
            for table in ["deliveries", "digests"] {
                transaction
                    .execute(
                        &format!(
                            "DELETE FROM {table}
                             WHERE state IN ('pending', 'failed')
                               AND channel_id IN
                                 (SELECT channel_id FROM subscriptions WHERE guild_id = $1)"
                        ),
                        &[&guild_id],
                    )
                    .await?;
            }
            let removed = transaction
                .execute(
                    "DELETE FROM subscriptions WHERE guild_id = $1",
                    &[&guild_id],
                )
                .await?;
            transaction.commit().await?;
            Ok(count(removed))
        })
    }

    fn remove_guild_of(&self, channel: ChannelId) -> Result<usize, StoreError> {
        let guild: Option<i64> = self.run(async |client| {
            Ok(client
                .query_opt(
                    "SELECT guild_id FROM subscriptions WHERE channel_id = $1 LIMIT 1",
                    &[&channel.to_sql()],
                )
                .await?
                .map(|row| row.try_get(0))
                .transpose()?)
        })?;
        match guild.and_then(GuildId::from_sql) {
            Some(guild) => self.remove_guild(guild),
            None => Ok(0),
        }
    }

    fn pause_channel(&self, channel: ChannelId, reason: &PauseReason) -> Result<usize, StoreError> {
        self.run(async |client| {
            let transaction = client.transaction().await?;
            let now = now_millis();
            let channel_id = channel.to_sql();
            let needs = reason.needs().join("\n");
            let paused = transaction
                .execute(
                    "UPDATE subscriptions SET state = 'paused', paused_reason = $2,
                         paused_needs = $3, paused_at = $4
                     WHERE channel_id = $1 AND state = 'active'",
                    &[&channel_id, &reason.code(), &needs, &now],
                )
                .await?;
            let skipped = format!("subscription paused: {reason}");
            for table in ["deliveries", "digests"] {
                transaction
                    .execute(
                        &format!(
                            "UPDATE {table} SET state = 'skipped', last_error = $2, updated_at = $3
                             WHERE channel_id = $1 AND state IN ('pending', 'failed')"
                        ),
                        &[&channel_id, &skipped, &now],
                    )
                    .await?;
            }
            transaction.commit().await?;
            Ok(count(paused))
        })
    }

    fn subscription(
        &self,
        channel: ChannelId,
        story: &Story,
    ) -> Result<Option<Subscription>, StoreError> {
        self.run(async |client| {
            client
                .query_opt(
                    &format!("{SUBSCRIPTION_COLUMNS} WHERE channel_id = $1 AND story = $2"),
                    &[&channel.to_sql(), &story.as_str()],
                )
                .await?
                .map(|row| subscription_from_row(&row))
                .transpose()
        })
    }

    fn subscriptions_in_guild(&self, guild: GuildId) -> Result<Vec<Subscription>, StoreError> {
        self.run(async |client| {
            client
                .query(
                    &format!(
                        "{SUBSCRIPTION_COLUMNS} WHERE guild_id = $1 ORDER BY channel_id, story"
                    ),
                    &[&guild.to_sql()],
                )
                .await?
                .iter()
                .map(subscription_from_row)
                .collect()
        })
    }

    fn subscription_count(&self) -> Result<usize, StoreError> {
        self.run(async |client| {
            let count: i64 = client
                .query_one("SELECT COUNT(*) FROM subscriptions", &[])
                .await?
                .try_get(0)?;
            Ok(usize::try_from(count).unwrap_or(0))
        })
    }
}

async fn write_settings(
    transaction: &Transaction<'_>,
    channel: ChannelId,
    story: &Story,
    settings: &Settings,
) -> Result<(), StoreError> {
    transaction
        .execute(
            "UPDATE subscriptions SET target_kind = $3, mention_role = $4, filter = $5, mode = $6,
                 digest_hour = $7
             WHERE channel_id = $1 AND story = $2",
            &[
                &channel.to_sql(),
                &story.as_str(),
                &settings.kind.as_str(),
                &settings.mention.map(RoleId::to_sql),
                &settings.filter.as_ref().map(ToString::to_string),
                &settings.mode.as_str(),
                &settings.mode.hour().map(i64::from),
            ],
        )
        .await?;
    Ok(())
}

/// A row count as `usize`.
pub(super) fn count(rows: u64) -> usize {
    usize::try_from(rows).unwrap_or(usize::MAX)
}
