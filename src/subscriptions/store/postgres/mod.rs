//! The PostgreSQL store: the same tables as SQLite's, shared by any number of replicas.
//!
//! What makes sharing safe is PostgreSQL's, not ours: update events are inserted under their
//! unique key with `ON CONFLICT DO NOTHING` (and recorded under a transaction-scoped advisory
//! lock, so two replicas noticing the same reload agree on one sequence); pending deliveries
//! are claimed with `SELECT … FOR UPDATE SKIP LOCKED` and a lease (who, until when), so a row
//! is sent by one replica, and a dead replica's rows go to another once its lease ran out.

use deadpool_postgres::{Client, Manager, ManagerConfig, Pool, PoolError, RecyclingMethod};
use tokio::runtime::{Handle, Runtime};
use tokio_postgres::NoTls;

use self::subscriptions::count;
use super::claims::lease_millis;
use super::ledger::{DUE_EACH, DUE_ROWS, due_from_row};
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

/// Connections one process keeps at most: the delivery engine's claims and write-backs, its
/// heartbeat, slash commands and the readiness probe each get one without waiting for the
/// others. Replicas, not connections, are how briefbot scales.
const CONNECTIONS: usize = 4;

/// The subscriptions database in PostgreSQL.
pub struct PostgresStore {
    /// The URL, to name (without the password) in logs and errors.
    url: String,
    /// The connections, made when first needed and replaced when the server dropped them.
    pool: Pool,
    /// Where the store's calls run. The store's API is synchronous, like SQLite's (async code
    /// calls it through `spawn_blocking`): each call blocks its thread on its query, and the
    /// connections themselves are driven by the store's own runtime, one worker thread.
    handle: Handle,
    /// That runtime; taken only when the store is dropped.
    runtime: Option<Runtime>,
}

impl PostgresStore {
    /// Connects to `url` (`postgres://user:password@host:port/database`) and applies the
    /// migrations this build knows.
    pub fn connect(url: &str) -> Result<Self, StoreError> {
        let config: tokio_postgres::Config = url.parse().map_err(|source| StoreError::Connect {
            url: redact(url),
            source,
        })?;
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("briefbot-postgres")
            .enable_all()
            .build()
            .map_err(StoreError::Runtime)?;
        let manager = Manager::from_config(
            config,
            NoTls,
            ManagerConfig {
                // A closed connection is replaced without a round trip to ask.
                recycling_method: RecyclingMethod::Fast,
            },
        );
        let pool = Pool::builder(manager)
            .max_size(CONNECTIONS)
            .runtime(deadpool_postgres::Runtime::Tokio1)
            .build()
            .map_err(|error| StoreError::Pool {
                url: redact(url),
                reason: error.to_string(),
            })?;
        let store = Self {
            url: url.to_owned(),
            pool,
            handle: runtime.handle().clone(),
            runtime: Some(runtime),
        };
        store
            .run(async |client| Ok(schema::migrate(client).await))?
            .map_err(|error| match error {
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
        Ok(store)
    }

    /// Runs `work` on a connection of the pool and waits for it. Called from a thread that
    /// may block (never from async code directly: tokio refuses to block a worker).
    pub(super) fn run<T>(
        &self,
        work: impl AsyncFnOnce(&mut Client) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        self.handle.block_on(async {
            let mut client = self.pool.get().await.map_err(|error| match error {
                PoolError::Backend(source) => StoreError::Connect {
                    url: redact(&self.url),
                    source,
                },
                other => StoreError::Pool {
                    url: redact(&self.url),
                    reason: other.to_string(),
                },
            })?;
            work(&mut client).await
        })
    }
}

impl Drop for PostgresStore {
    fn drop(&mut self) {
        // Without waiting: a store may be dropped on an async worker, where blocking is
        // refused, and its connections have nothing left to finish.
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_background();
        }
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
        self.run(async |client| {
            Ok(client
                .query_one("SELECT version FROM briefbot_schema", &[])
                .await?
                .try_get(0)?)
        })
    }

    fn claim_deliveries(
        &self,
        claimant: &Claimant,
        limit: usize,
    ) -> Result<Vec<DueDelivery>, StoreError> {
        self.run(async |client| {
            let transaction = client.transaction().await?;
            let now = now_millis();
            let limit = i64::try_from(limit).unwrap_or(i64::MAX);
            let rows = transaction
                .query(
                    &format!(
                        "{DUE_ROWS}
                     WHERE {DUE_EACH}
                       AND (d.lease_until IS NULL OR d.lease_until <= $2 OR d.lease_owner = $3)
                     ORDER BY d.channel_id, u.seq
                     LIMIT $1
                     FOR UPDATE OF d SKIP LOCKED"
                    ),
                    &[&limit, &now, &claimant.id()],
                )
                .await?;
            let due = rows
                .iter()
                .map(due_from_row)
                .collect::<Result<Vec<_>, _>>()?;
            let channels: Vec<i64> = due
                .iter()
                .map(|row| row.destination.channel.to_sql())
                .collect();
            let keys: Vec<&str> = due.iter().map(|row| row.key.as_str()).collect();
            transaction
                .execute(
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
                )
                .await?;
            transaction.commit().await?;
            Ok(due)
        })
    }

    fn heartbeat(&self, claimant: &Claimant) -> Result<usize, StoreError> {
        self.run(async |client| {
            let transaction = client.transaction().await?;
            let now = now_millis();
            let until = now.saturating_add(lease_millis(claimant));
            transaction
                .execute(
                    "INSERT INTO replicas (id, alive_until) VALUES ($1, $2)
                     ON CONFLICT (id) DO UPDATE SET alive_until = EXCLUDED.alive_until",
                    &[&claimant.id(), &until],
                )
                .await?;
            transaction
                .execute("DELETE FROM replicas WHERE alive_until <= $1", &[&now])
                .await?;
            transaction
                .execute(
                    "UPDATE deliveries SET lease_until = $2
                     WHERE lease_owner = $1 AND state = 'pending'",
                    &[&claimant.id(), &until],
                )
                .await?;
            let alive: i64 = transaction
                .query_one("SELECT COUNT(*) FROM replicas", &[])
                .await?
                .try_get(0)?;
            transaction.commit().await?;
            Ok(usize::try_from(alive).unwrap_or(1).max(1))
        })
    }

    fn leave(&self, claimant: &Claimant) -> Result<usize, StoreError> {
        self.run(async |client| {
            let transaction = client.transaction().await?;
            transaction
                .execute("DELETE FROM replicas WHERE id = $1", &[&claimant.id()])
                .await?;
            let released = transaction
                .execute(
                    "UPDATE deliveries SET lease_owner = NULL, lease_until = NULL
                     WHERE lease_owner = $1 AND state = 'pending'",
                    &[&claimant.id()],
                )
                .await?;
            transaction.commit().await?;
            Ok(count(released))
        })
    }
}
