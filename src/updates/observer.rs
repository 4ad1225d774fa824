//! What the delivery engine tells an observer about each finished delivery — the metrics, in
//! the running bot — so the engine itself names no metrics crate and keeps no counters.

use crate::subscriptions::{DeliveryResult, DueDelivery};

/// Told about every delivery the engine finishes. Calls come from the engine's tasks, so they
/// must be quick and must not block.
pub trait DeliveryObserver: Send + Sync + 'static {
    /// `due` ended with `result` (delivered, failed until the next start, or skipped).
    fn finished(&self, due: &DueDelivery, result: &DeliveryResult) {
        let _ = (due, result);
    }

    /// Discord refused `due` (missing access or permissions): the channel's subscriptions
    /// were paused.
    fn channel_paused(&self, due: &DueDelivery) {
        let _ = due;
    }

    /// Discord no longer knows the channel (or server) of `due`: its subscriptions were removed.
    fn channel_removed(&self, due: &DueDelivery) {
        let _ = due;
    }

    /// A heartbeat counted `live` replicas sharing the database, so this one now posts at
    /// most `rate_per_second` (its part of `delivery_rate`).
    fn replicas(&self, live: usize, rate_per_second: f64) {
        let _ = (live, rate_per_second);
    }
}

/// The observer of an engine nobody watches.
#[derive(Debug, Clone, Copy, Default)]
pub struct Unobserved;

impl DeliveryObserver for Unobserved {}
