//! The PostgreSQL store: the same tables as SQLite's, shared by any number of replicas.
//!
//! What makes sharing safe is PostgreSQL's, not ours: update events are inserted under their
//! unique key with `ON CONFLICT DO NOTHING` (and recorded under a transaction-scoped advisory
//! lock, so two replicas noticing the same reload agree on one sequence); pending deliveries
//! are claimed with `SELECT … FOR UPDATE SKIP LOCKED` and a lease (who, until when), so a row
//! is sent by one replica, and a dead replica's rows go to another once its lease ran out.

use std::sync::{Mutex, MutexGuard, PoisonError};

use postgres::{Client, NoTls};

use self::subscriptions::count;
use super::claims::lease_millis;
use super::ledger::due_from_row;
use super::{Claimant, Store, now_millis};
use crate::subscriptions::error::StoreError;
use crate::subscriptions::model::DueDelivery;
use crate::subscriptions::schema_postgres::{self as schema, MigrateError};
use crate::subscriptions::store::api::redact;

mod digests;
mod ledger;
mod subscriptions;

/// The advisory lock under which updates are recorded and cursors set ("brfupd" in ASCII):
/// a subscription's cursor and an update's sequence number are then always in commit order.
const UPDATES_LOCK: i64 = 0x6272_6675_7064;

/// The subscriptions database in PostgreSQL.
pub struct PostgresStore {
    /// The URL, to reconnect and (without the password) to name in logs.
    url: String,
    /// One connection, as SQLite's store has: replicas, not connections, are how briefbot
    /// scales, and each statement is short. Reopened when the server dropped it.
    client: Mutex<Client>,
}

impl PostgresStore {
    /// Connects to `url` (`postgres://user:password@host:port/database`) and applies the
    /// migrations this build knows.
    pub fn connect(url: &str) -> Result<Self, StoreError> {
        let mut client = Self::open_client(url)?;
        schema::migrate(&mut client).map_err(|error| match error {
            MigrateError::TooNew(found) => StoreError::TooNewDatabase {
                url: redact(url),
                found,
                known: schema::CURRENT,
            },
            MigrateError::Postgres(version, source) => StoreError::MigrateDatabase {
                url: redact(url),
                version,
                source,
            },
        })?;
        Ok(Self {
            url: url.to_owned(),
            client: Mutex::new(client),
        })
    }

    fn open_client(url: &str) -> Result<Client, StoreError> {
        Client::connect(url, NoTls).map_err(|source| StoreError::Connect {
            url: redact(url),
            source,
        })
    }

    /// The connection, reopened first if the server closed it (a restart, a failover).
    pub(super) fn lock(&self) -> Result<MutexGuard<'_, Client>, StoreError> {
        // A panic while the lock was held dropped its transaction, which rolled back.
        let mut client = self.client.lock().unwrap_or_else(PoisonError::into_inner);
        if client.is_closed() {
            *client = Self::open_client(&self.url)?;
        }
        Ok(client)
    }
}

impl std::fmt::Debug for PostgresStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PostgresStore")
            .field("url", &redact(&self.url))
            .finish_non_exhaustive()
    }
}

impl Store for PostgresStore {
    fn location(&self) -> String {
        redact(&self.url)
    }

    fn schema_version(&self) -> Result<i64, StoreError> {
        Ok(self
            .lock()?
            .query_one("SELECT version FROM briefbot_schema", &[])?
            .try_get(0)?)
    }

    fn claim_deliveries(
        &self,
        claimant: &Claimant,
        limit: usize,
    ) -> Result<Vec<DueDelivery>, StoreError> {
        let mut client = self.lock()?;
        let mut transaction = client.transaction()?;
        let now = now_millis();
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let rows = transaction.query(
            "SELECT d.channel_id, d.update_key, u.seq, u.briefing_id, u.kind, s.guild_id,
                    s.target_kind, s.mention_role, s.filter, d.created_at, u.noticed_at
             FROM deliveries d
             JOIN updates u ON u.key = d.update_key
             JOIN subscriptions s ON s.channel_id = d.channel_id AND s.story = u.story
             WHERE d.state = 'pending' AND s.state = 'active' AND u.seq > s.cursor
               AND s.mode = 'each' AND d.digest IS NULL
               AND (d.lease_until IS NULL OR d.lease_until <= $2 OR d.lease_owner = $3)
             ORDER BY d.channel_id, u.seq
             LIMIT $1
             FOR UPDATE OF d SKIP LOCKED",
            &[&limit, &now, &claimant.id()],
        )?;
        let due = rows
            .iter()
            .map(due_from_row)
            .collect::<Result<Vec<_>, _>>()?;
        let channels: Vec<i64> = due
            .iter()
            .map(|row| row.destination.channel.to_sql())
            .collect();
        let keys: Vec<&str> = due.iter().map(|row| row.key.as_str()).collect();
        transaction.execute(
            "UPDATE deliveries SET lease_owner = $3, lease_until = $4
             FROM UNNEST($1::BIGINT[], $2::TEXT[]) AS claimed (channel_id, update_key)
             WHERE deliveries.channel_id = claimed.channel_id
               AND deliveries.update_key = claimed.update_key",
            &[
                &channels,
                &keys,
                &claimant.id(),
                &now.saturating_add(lease_millis(claimant)),
            ],
        )?;
        transaction.commit()?;
        Ok(due)
    }

    fn heartbeat(&self, claimant: &Claimant) -> Result<usize, StoreError> {
        let mut client = self.lock()?;
        let mut transaction = client.transaction()?;
        let now = now_millis();
        transaction.execute(
            "INSERT INTO replicas (id, alive_until) VALUES ($1, $2)
             ON CONFLICT (id) DO UPDATE SET alive_until = EXCLUDED.alive_until",
            &[&claimant.id(), &now.saturating_add(lease_millis(claimant))],
        )?;
        transaction.execute("DELETE FROM replicas WHERE alive_until <= $1", &[&now])?;
        transaction.execute(
            "UPDATE deliveries SET lease_until = $2
             WHERE lease_owner = $1 AND state = 'pending'",
            &[&claimant.id(), &now.saturating_add(lease_millis(claimant))],
        )?;
        let alive: i64 = transaction
            .query_one("SELECT COUNT(*) FROM replicas", &[])?
            .try_get(0)?;
        transaction.commit()?;
        Ok(usize::try_from(alive).unwrap_or(1).max(1))
    }

    fn leave(&self, claimant: &Claimant) -> Result<usize, StoreError> {
        let mut client = self.lock()?;
        let mut transaction = client.transaction()?;
        transaction.execute("DELETE FROM replicas WHERE id = $1", &[&claimant.id()])?;
        let released = transaction.execute(
            "UPDATE deliveries SET lease_owner = NULL, lease_until = NULL
             WHERE lease_owner = $1 AND state = 'pending'",
            &[&claimant.id()],
        )?;
        transaction.commit()?;
        Ok(count(released))
    }
}
