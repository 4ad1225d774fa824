//! What can go wrong in the store, as an enum callers can match.

use std::path::PathBuf;

/// A store operation failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The folder for the database file could not be created.
    #[error("cannot create the folder {path} for the subscriptions database")]
    CreateDir {
        /// The folder.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// SQLite could not open or configure the file.
    #[error("cannot open the subscriptions database {path}")]
    Open {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: rusqlite::Error,
    },
    /// The file system does not support WAL (some network file systems).
    #[error(
        "the subscriptions database {path} cannot use WAL (journal mode stays {mode}); put it on a local disk"
    )]
    NoWal {
        /// The file.
        path: PathBuf,
        /// The mode SQLite kept.
        mode: String,
    },
    /// The file was written by a newer briefbot.
    #[error(
        "the subscriptions database {path} has schema version {found}, newer than this briefbot knows ({known}); run a newer briefbot or point BRIEFBOT_DB elsewhere"
    )]
    TooNew {
        /// The file.
        path: PathBuf,
        /// Its version.
        found: i64,
        /// The newest version this build knows.
        known: i64,
    },
    /// A migration step failed; the file is left at its previous version.
    #[error("cannot migrate the subscriptions database {path} to schema version {version}")]
    Migrate {
        /// The file.
        path: PathBuf,
        /// The version that failed.
        version: i64,
        /// Why.
        #[source]
        source: rusqlite::Error,
    },
    /// A query failed.
    #[error("subscriptions database query failed")]
    Sqlite(#[from] rusqlite::Error),
    /// PostgreSQL could not be reached, or refused the login.
    #[error("cannot connect to the subscriptions database {url}")]
    Connect {
        /// The URL, without its password.
        url: String,
        /// Why.
        #[source]
        source: tokio_postgres::Error,
    },
    /// The pool of PostgreSQL connections could not be made or gave none.
    #[error("cannot get a connection to the subscriptions database {url}: {reason}")]
    Pool {
        /// The URL, without its password.
        url: String,
        /// Why.
        reason: String,
    },
    /// The thread that drives the PostgreSQL connections could not be started.
    #[error("cannot start the PostgreSQL client's runtime")]
    Runtime(#[source] std::io::Error),
    /// The PostgreSQL database was written by a newer briefbot.
    #[error(
        "the subscriptions database {url} has schema version {found}, newer than this briefbot knows ({known}); run a newer briefbot or point BRIEFBOT_DB elsewhere"
    )]
    TooNewDatabase {
        /// The URL, without its password.
        url: String,
        /// Its version.
        found: i64,
        /// The newest version this build knows.
        known: i64,
    },
    /// A PostgreSQL migration step failed; the database is left at its previous version.
    #[error("cannot migrate the subscriptions database {url} to schema version {version}")]
    MigrateDatabase {
        /// The URL, without its password.
        url: String,
        /// The version that failed.
        version: i64,
        /// Why.
        #[source]
        source: tokio_postgres::Error,
    },
    /// A PostgreSQL query failed.
    #[error("subscriptions database query failed")]
    Postgres(#[from] tokio_postgres::Error),
    /// A row holds a value no version of briefbot writes.
    #[error("the subscriptions database holds an unreadable value: {0}")]
    Corrupt(String),
}
