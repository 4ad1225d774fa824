//! Reading a column of either backend's rows: the row decoders of `subscriptions` and `ledger`
//! are written once, over [`Columns`], and both backends call them.
//!
//! Both schemas store every integer as a 64-bit integer and every word as text, so the Rust
//! types a decoder asks for are the same on both.

use crate::subscriptions::error::StoreError;

/// A row of query results, read by column index.
pub(crate) trait Columns {
    /// The value of column `index`.
    fn get<T: Column>(&self, index: usize) -> Result<T, StoreError>;
}

/// A Rust type both backends can read a column into.
pub(crate) trait Column: Sized {
    /// From a SQLite row.
    fn from_sqlite(row: &rusqlite::Row<'_>, index: usize) -> Result<Self, StoreError>;
    /// From a PostgreSQL row.
    fn from_postgres(row: &tokio_postgres::Row, index: usize) -> Result<Self, StoreError>;
}

macro_rules! column {
    ($($ty:ty),*) => {$(
        impl Column for $ty {
            fn from_sqlite(row: &rusqlite::Row<'_>, index: usize) -> Result<Self, StoreError> {
                Ok(row.get(index)?)
            }
            fn from_postgres(row: &tokio_postgres::Row, index: usize) -> Result<Self, StoreError> {
                Ok(row.try_get(index)?)
            }
        }
    )*};
}

column!(i64, Option<i64>, String, Option<String>, bool);

impl Columns for rusqlite::Row<'_> {
    fn get<T: Column>(&self, index: usize) -> Result<T, StoreError> {
        T::from_sqlite(self, index)
    }
}

impl Columns for tokio_postgres::Row {
    fn get<T: Column>(&self, index: usize) -> Result<T, StoreError> {
        T::from_postgres(self, index)
    }
}
