//! The subscriptions table: subscribing, changing how a subscription posts, pausing, pruning.

use rusqlite::{OptionalExtension, Transaction, TransactionBehavior, params};

use super::rows::Columns;
use super::{
    SqliteStore, Subscriptions, channel_from_sql, filter_from_sql, now_millis, role_from_sql,
    time_from_millis,
};
use crate::subscriptions::error::StoreError;
use crate::subscriptions::ids::{ChannelId, GuildId, RoleId, Story};
use crate::subscriptions::model::{
    Changes, Settings, Subscribed, Subscription, SubscriptionState, TargetKind, UpdateSeq,
};
use crate::subscriptions::pause::PauseReason;
use crate::subscriptions::schedule::Mode;

impl Subscriptions for SqliteStore {
    fn subscribe(
        &self,
        guild: GuildId,
        channel: ChannelId,
        story: &Story,
        kind: TargetKind,
        changes: &Changes,
    ) -> Result<Subscribed, StoreError> {
        let mut connection = self.lock();
        let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let existing = transaction
            .query_row(
                &format!("{SUBSCRIPTION_COLUMNS} WHERE channel_id = ?1 AND story = ?2"),
                params![channel.to_sql(), story.as_str()],
                |row| Ok(subscription_from_row(row)),
            )
            .optional()?
            .transpose()?;
        let outcome = match existing {
            None => {
                let settings = apply(Settings::plain(kind), kind, changes);
                transaction.execute(
                    "INSERT INTO subscriptions (channel_id, story, guild_id, created_at, state, cursor)
                     VALUES (?1, ?2, ?3, ?4, 'active', (SELECT COALESCE(MAX(seq), 0) FROM updates))",
                    params![channel.to_sql(), story.as_str(), guild.to_sql(), now_millis()],
                )?;
                write_settings(&transaction, channel, story, &settings)?;
                Subscribed::Created
            }
            Some(subscription) => {
                let settings = apply(subscription.settings.clone(), kind, changes);
                let changed = settings != subscription.settings;
                write_settings(&transaction, channel, story, &settings)?;
                match subscription.state {
                    SubscriptionState::Active if changed => Subscribed::Changed,
                    SubscriptionState::Active => Subscribed::AlreadyActive,
                    SubscriptionState::Paused { reason, .. } => {
                        // Resuming moves the cursor to now: what appeared while paused is not
                        // backfilled.
                        transaction.execute(
                            "UPDATE subscriptions
                             SET state = 'active', paused_reason = NULL, paused_needs = NULL,
                                 paused_at = NULL,
                                 cursor = (SELECT COALESCE(MAX(seq), 0) FROM updates)
                             WHERE channel_id = ?1 AND story = ?2",
                            params![channel.to_sql(), story.as_str()],
                        )?;
                        Subscribed::Resumed { reason }
                    }
                }
            }
        };
        transaction.commit()?;
        Ok(outcome)
    }

    fn unsubscribe(&self, channel: ChannelId, story: &Story) -> Result<bool, StoreError> {
        let mut connection = self.lock();
        let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
        transaction.execute(
            "DELETE FROM deliveries
             WHERE channel_id = ?1 AND state IN ('pending', 'failed')
               AND update_key IN (SELECT key FROM updates WHERE story = ?2)",
            params![channel.to_sql(), story.as_str()],
        )?;
        transaction.execute(
            "DELETE FROM digests WHERE channel_id = ?1 AND story = ?2
             AND state IN ('pending', 'failed')",
            params![channel.to_sql(), story.as_str()],
        )?;
        let removed = transaction.execute(
            "DELETE FROM subscriptions WHERE channel_id = ?1 AND story = ?2",
            params![channel.to_sql(), story.as_str()],
        )?;
        transaction.commit()?;
        Ok(removed > 0)
    }

    fn remove_channel(&self, channel: ChannelId) -> Result<usize, StoreError> {
        let mut connection = self.lock();
        let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
        transaction.execute(
            "DELETE FROM deliveries WHERE channel_id = ?1 AND state IN ('pending', 'failed')",
            params![channel.to_sql()],
        )?;
        transaction.execute(
            "DELETE FROM digests WHERE channel_id = ?1 AND state IN ('pending', 'failed')",
            params![channel.to_sql()],
        )?;
        let removed = transaction.execute(
            "DELETE FROM subscriptions WHERE channel_id = ?1",
            params![channel.to_sql()],
        )?;
        transaction.commit()?;
        Ok(removed)
    }

    fn remove_guild(&self, guild: GuildId) -> Result<usize, StoreError> {
        let mut connection = self.lock();
        let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
        for table in ["deliveries", "digests"] {
            transaction.execute(
                &format!(
                    "DELETE FROM {table}
                     WHERE state IN ('pending', 'failed')
                       AND channel_id IN (SELECT channel_id FROM subscriptions WHERE guild_id = ?1)"
                ),
                params![guild.to_sql()],
            )?;
        }
        let removed = transaction.execute(
            "DELETE FROM subscriptions WHERE guild_id = ?1",
            params![guild.to_sql()],
        )?;
        transaction.commit()?;
        Ok(removed)
    }

    fn remove_guild_of(&self, channel: ChannelId) -> Result<usize, StoreError> {
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

    fn pause_channel(&self, channel: ChannelId, reason: &PauseReason) -> Result<usize, StoreError> {
        let mut connection = self.lock();
        let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let now = now_millis();
        let needs = reason.needs().join("\n");
        let paused = transaction.execute(
            "UPDATE subscriptions SET state = 'paused', paused_reason = ?2, paused_needs = ?3,
                 paused_at = ?4
             WHERE channel_id = ?1 AND state = 'active'",
            params![channel.to_sql(), reason.code(), needs, now],
        )?;
        let skipped = format!("subscription paused: {reason}");
        for table in ["deliveries", "digests"] {
            transaction.execute(
                &format!(
                    "UPDATE {table} SET state = 'skipped', last_error = ?2, updated_at = ?3
                     WHERE channel_id = ?1 AND state IN ('pending', 'failed')"
                ),
                params![channel.to_sql(), skipped, now],
            )?;
        }
        transaction.commit()?;
        Ok(paused)
    }

    fn subscription(
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

    fn subscriptions_in_guild(&self, guild: GuildId) -> Result<Vec<Subscription>, StoreError> {
        let connection = self.lock();
        let mut statement = connection.prepare_cached(&format!(
            "{SUBSCRIPTION_COLUMNS} WHERE guild_id = ?1 ORDER BY channel_id, story"
        ))?;
        let rows = statement.query_map(params![guild.to_sql()], |row| {
            Ok(subscription_from_row(row))
        })?;
        rows.map(|row| row?).collect()
    }

    fn subscription_count(&self) -> Result<usize, StoreError> {
        let count: i64 =
            self.lock()
                .query_row("SELECT COUNT(*) FROM subscriptions", [], |row| row.get(0))?;
        Ok(usize::try_from(count).unwrap_or(0))
    }
}

/// `settings` with the kind of channel found now and the changes asked for.
pub(super) fn apply(settings: Settings, kind: TargetKind, changes: &Changes) -> Settings {
    Settings {
        kind,
        mention: changes.mention.apply(settings.mention),
        filter: changes.filter.apply(settings.filter),
        mode: changes.mode.unwrap_or(settings.mode),
    }
}

fn write_settings(
    transaction: &Transaction<'_>,
    channel: ChannelId,
    story: &Story,
    settings: &Settings,
) -> Result<(), StoreError> {
    transaction.execute(
        "UPDATE subscriptions SET target_kind = ?3, mention_role = ?4, filter = ?5, mode = ?6,
             digest_hour = ?7
         WHERE channel_id = ?1 AND story = ?2",
        params![
            channel.to_sql(),
            story.as_str(),
            settings.kind.as_str(),
            settings.mention.map(RoleId::to_sql),
            settings.filter.as_ref().map(ToString::to_string),
            settings.mode.as_str(),
            settings.mode.hour(),
        ],
    )?;
    Ok(())
}

pub(super) const SUBSCRIPTION_COLUMNS: &str = "SELECT guild_id, channel_id, story, created_at, state, \
     paused_reason, paused_at, cursor, target_kind, mention_role, filter, mode, digest_hour, \
     paused_needs FROM subscriptions";

pub(super) fn subscription_from_row(row: &impl Columns) -> Result<Subscription, StoreError> {
    let guild: i64 = row.get(0)?;
    let story: String = row.get(2)?;
    let state: String = row.get(4)?;
    let reason: Option<String> = row.get(5)?;
    let paused_at: Option<i64> = row.get(6)?;
    let needs: Option<String> = row.get(13)?;
    let state = match (state.as_str(), reason) {
        ("active", _) => SubscriptionState::Active,
        ("paused", Some(reason)) => SubscriptionState::Paused {
            reason: PauseReason::from_stored(
                &reason,
                needs
                    .iter()
                    .flat_map(|needs| needs.lines())
                    .filter(|need| !need.is_empty())
                    .map(str::to_owned)
                    .collect(),
            ),
            since: time_from_millis(paused_at.unwrap_or(0)),
        },
        _ => return Err(StoreError::Corrupt(format!("subscription state {state:?}"))),
    };
    let kind: String = row.get(8)?;
    let mention: Option<i64> = row.get(9)?;
    let filter: Option<String> = row.get(10)?;
    let mode: String = row.get(11)?;
    let settings = Settings {
        kind: TargetKind::parse(&kind)
            .ok_or_else(|| StoreError::Corrupt(format!("target kind {kind:?}")))?,
        mention: role_from_sql(mention)?,
        filter: filter_from_sql(filter)?,
        mode: Mode::from_stored(&mode, row.get(12)?)
            .ok_or_else(|| StoreError::Corrupt(format!("mode {mode:?}")))?,
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
        settings,
    })
}
