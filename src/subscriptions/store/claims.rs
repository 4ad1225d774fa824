//! SQLite's whole-database half of [`Store`]: where it is, its version, leases and heartbeats.
//!
//! One process owns a SQLite file, so a lease here only matters across restarts of it; the
//! rows are the same as PostgreSQL's so that both backends pass the same suite.

use rusqlite::{TransactionBehavior, params};

use super::ledger::{DUE_EACH, DUE_ROWS, due_from_row};
use super::{Claimant, SqliteStore, Store, now_millis};
use crate::subscriptions::error::StoreError;
use crate::subscriptions::model::DueDelivery;

impl Store for SqliteStore {
    fn location(&self) -> String {
        self.path().display().to_string()
    }

    fn schema_version(&self) -> Result<i64, StoreError> {
        Ok(self
            .lock()
            .pragma_query_value(None, "user_version", |row| row.get(0))?)
    }

    fn claim_deliveries(
        &self,
        claimant: &Claimant,
        limit: usize,
    ) -> Result<Vec<DueDelivery>, StoreError> {
        let mut connection = self.lock();
        let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let now = now_millis();
        let until = now.saturating_add(lease_millis(claimant));
        let due = {
            let mut statement = transaction.prepare_cached(&format!(
                "{DUE_ROWS}
                 WHERE {DUE_EACH}
                   AND (d.lease_until IS NULL OR d.lease_until <= ?2 OR d.lease_owner = ?3)
                 ORDER BY d.channel_id, u.seq
                 LIMIT ?1"
            ))?;
            let limit = i64::try_from(limit).unwrap_or(i64::MAX);
            let rows = statement.query_map(params![limit, now, claimant.id()], |row| {
                Ok(due_from_row(row))
            })?;
            rows.map(|row| row?)
                .collect::<Result<Vec<_>, StoreError>>()?
        };
        {
            let mut lease = transaction.prepare_cached(
                "UPDATE deliveries SET lease_owner = ?3, lease_until = ?4
                 WHERE channel_id = ?1 AND update_key = ?2",
            )?;
            for row in &due {
                lease.execute(params![
                    row.destination.channel.to_sql(),
                    row.key.as_str(),
                    claimant.id(),
                    until
                ])?;
            }
        }
        transaction.commit()?;
        Ok(due)
    }

    fn heartbeat(&self, claimant: &Claimant) -> Result<usize, StoreError> {
        let mut connection = self.lock();
        let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let now = now_millis();
        transaction.execute(
            "INSERT INTO replicas (id, alive_until) VALUES (?1, ?2)
             ON CONFLICT (id) DO UPDATE SET alive_until = excluded.alive_until",
            params![claimant.id(), now.saturating_add(lease_millis(claimant))],
        )?;
        transaction.execute("DELETE FROM replicas WHERE alive_until <= ?1", params![now])?;
        transaction.execute(
            "UPDATE deliveries SET lease_until = ?2
             WHERE lease_owner = ?1 AND state = 'pending'",
            params![claimant.id(), now.saturating_add(lease_millis(claimant))],
        )?;
        let alive: i64 =
            transaction.query_row("SELECT COUNT(*) FROM replicas", [], |row| row.get(0))?;
        transaction.commit()?;
        Ok(usize::try_from(alive).unwrap_or(1).max(1))
    }

    fn leave(&self, claimant: &Claimant) -> Result<usize, StoreError> {
        let mut connection = self.lock();
        let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
        transaction.execute("DELETE FROM replicas WHERE id = ?1", params![claimant.id()])?;
        let released = transaction.execute(
            "UPDATE deliveries SET lease_owner = NULL, lease_until = NULL
             WHERE lease_owner = ?1 AND state = 'pending'",
            params![claimant.id()],
        )?;
        transaction.commit()?;
        Ok(released)
    }
}

/// A claimant's lease in milliseconds.
pub(super) fn lease_millis(claimant: &Claimant) -> i64 {
    i64::try_from(claimant.lease().as_millis()).unwrap_or(i64::MAX)
}
