//! The store: subscriptions, the updates the bot noticed, the delivery ledger and digests,
//! behind the [`Store`] trait with two backends — [`SqliteStore`] (this module; the embedded
//! default, one process) and [`PostgresStore`] (`postgres/`; shared by any number of replicas).
//!
//! All of the SQL is in the backends, behind methods whose signatures name only our own types.
//! `subscriptions`, `ledger` and `digests` hold SQLite's methods of each table group; `rows`
//! turns a row of either backend into our types, so both read their rows the same way.
//!
//! Every method is synchronous and takes `&self`; the connection sits behind a mutex that is
//! never held across an `.await`, so async code calls the store through `spawn_blocking` (or
//! from a dedicated thread) with an `Arc<Store>`. Every change of more than one row runs in one
//! transaction, so a crash leaves either all of it or none.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use rusqlite::Connection;

use super::error::StoreError;
use super::filter::Filter;
use super::ids::{ChannelId, RoleId};
use super::schema::{self, MigrateError};

mod api;
mod claims;
pub mod digests;
mod ledger;
pub mod postgres;
mod rows;
mod subscriptions;

pub use api::{Claimant, Digests, Ledger, Location, Store, Subscriptions, open};
pub use postgres::PostgresStore;

/// How long a statement waits for another connection's write lock before it gives up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// The SQLite subscriptions database: one file, one process.
#[derive(Debug)]
pub struct SqliteStore {
    /// Named in errors so an operator knows which file is meant.
    path: PathBuf,
    /// One connection: SQLite serialises writers anyway, and one connection keeps the
    /// statement cache warm. Never locked across an `.await`.
    connection: Mutex<Connection>,
}

impl SqliteStore {
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

    /// The SQLite journal mode in force (`wal` once opened).
    pub fn journal_mode(&self) -> Result<String, StoreError> {
        Ok(self
            .lock()
            .pragma_query_value(None, "journal_mode", |row| row.get(0))?)
    }

    pub(super) fn lock(&self) -> MutexGuard<'_, Connection> {
        // A panic while the lock was held rolled its transaction back when it unwound, so the
        // connection is still consistent: carry on rather than poison every later call.
        self.connection
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }
}

pub(super) fn channel_from_sql(value: i64) -> Result<ChannelId, StoreError> {
    ChannelId::from_sql(value).ok_or_else(|| StoreError::Corrupt(format!("channel id {value}")))
}

/// Reads back a mention column.
fn role_from_sql(value: Option<i64>) -> Result<Option<RoleId>, StoreError> {
    value
        .map(|role| {
            RoleId::from_sql(role).ok_or_else(|| StoreError::Corrupt(format!("role {role}")))
        })
        .transpose()
}

/// Reads back a filter column (the filter's canonical text).
fn filter_from_sql(value: Option<String>) -> Result<Option<Filter>, StoreError> {
    value
        .map(|text| {
            Filter::parse(&text).map_err(|_| StoreError::Corrupt(format!("filter {text:?}")))
        })
        .transpose()
}

pub(super) fn now_millis() -> i64 {
    let since_epoch = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    i64::try_from(since_epoch.as_millis()).unwrap_or(i64::MAX)
}

pub(super) fn time_from_millis(millis: i64) -> SystemTime {
    UNIX_EPOCH + Duration::from_millis(u64::try_from(millis).unwrap_or(0))
}
