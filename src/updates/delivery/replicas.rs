//! The heartbeat that divides `rate_per_second` among the replicas sharing a database.
//!
//! Every replica records itself alive in the store for one lease ([`Store::heartbeat`]) and
//! counts the replicas whose heartbeat has not run out; it then posts at `rate_per_second /
//! live`, so that together they stay under Discord's global limit. It beats at start, before
//! the first post, and every third of a lease after that, so its own record never runs out
//! while it lives, and a replica that died stops counting one lease after its last beat; one
//! that stops cleanly leaves at once.
//!
//! [`Store::heartbeat`]: crate::subscriptions::Store::heartbeat

use std::num::NonZeroUsize;
use std::sync::atomic::Ordering;
use std::time::Duration;

use super::{Deliverer, DeliveryError, Share};
use crate::updates::poster::Poster;

/// The shortest time between two heartbeats, whatever the lease (tests use short leases).
const BEAT_MIN: Duration = Duration::from_millis(100);

impl<P: Poster> Deliverer<P> {
    /// This replica's part of `rate_per_second`, as of the last heartbeat.
    pub fn share(&self) -> Share {
        Share {
            total: self.inner.config.rate_per_second,
            live: NonZeroUsize::new(self.inner.live.load(Ordering::Acquire))
                .unwrap_or(NonZeroUsize::MIN),
        }
    }

    /// Records this replica alive for one lease, counts the replicas alive, and paces this
    /// one's posts at its share of `rate_per_second` from now on. Returns the count.
    pub async fn heartbeat(&self) -> Result<usize, DeliveryError> {
        let claimant = self.inner.claimant.clone();
        let live = self
            .blocking(move |store| store.heartbeat(&claimant))
            .await?
            .max(1);
        let before = self.inner.live.swap(live, Ordering::AcqRel);
        let share = self.share();
        self.inner.limiter.set_share(share, self.inner.config.burst);
        if before != live {
            tracing::info!(
                replicas = live,
                posts_per_second = share.per_second(),
                "replicas sharing delivery_rate"
            );
        }
        self.observer().replicas(live, share.per_second());
        Ok(live)
    }

    /// [`Deliverer::heartbeat`], for the running loop: a failure (the database is down) keeps
    /// the last share and is warned of once until a heartbeat succeeds again.
    pub(super) async fn beat(&self) {
        match self.heartbeat().await {
            Ok(_) => {
                if self.inner.heartbeat_failing.swap(false, Ordering::AcqRel) {
                    tracing::info!("replica heartbeat recorded again");
                }
            }
            Err(error) => {
                if !self.inner.heartbeat_failing.swap(true, Ordering::AcqRel) {
                    let share = self.share();
                    tracing::warn!(
                        error = ?error,
                        replicas = share.live.get(),
                        posts_per_second = share.per_second(),
                        "replica heartbeat failed; keeping the last share of delivery_rate"
                    );
                }
            }
        }
    }

    /// Leaves the replicas sharing the database ([`Store::leave`]): the others count one
    /// fewer at their next heartbeat, and any of them (or this process started again) may
    /// send the rows this one still held — a clean stop leaves nothing waiting for a lease.
    /// A failure is logged; the rows then wait for the lease to run out, as after a crash.
    ///
    /// [`Store::leave`]: crate::subscriptions::Store::leave
    pub async fn leave(&self) {
        let claimant = self.inner.claimant.clone();
        match self.blocking(move |store| store.leave(&claimant)).await {
            Ok(released) => tracing::info!(released, "left the replicas sharing the database"),
            Err(error) => tracing::warn!(
                error = ?error,
                "could not leave the replicas; the posts this one held wait for its lease to run out"
            ),
        }
    }

    /// Beats every third of a lease, forever: [`Deliverer::run`] drops it at shutdown.
    pub(super) async fn keep_beating(&self) {
        let every = (self.inner.config.lease / 3).max(BEAT_MIN);
        let mut ticks = tokio::time::interval(every);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        ticks.reset();
        loop {
            ticks.tick().await;
            self.beat().await;
        }
    }
}
