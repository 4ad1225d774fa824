//! Operating the running bot: Prometheus metrics, the health and readiness probes, and logs.
//!
//! - [`metrics`]: every metric, and the text a scrape gets.
//! - [`Readiness`]: whether the bot can serve — briefings loaded, database open, gateway ready.
//! - [`serve`]: the HTTP listener of `metrics_addr`: `/metrics`, `/healthz`, `/readyz`.
//! - [`logs`]: the log subscriber, as text (colours only on a terminal) or JSON lines.
//!
//! Nothing here names serenity: the Discord adapter tells the gateway's state through
//! [`Shards`], and the delivery engine reports through [`crate::updates::DeliveryObserver`].

pub mod logs;
pub mod metrics;
mod server;

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use crate::subscriptions::Store;

pub use metrics::Metrics;
pub use server::serve;

/// One gateway shard as the probes see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShardState {
    /// The shard's id.
    pub id: u32,
    /// True once the shard got READY (or RESUMED) on its current connection.
    pub ready: bool,
    /// The last heartbeat's round trip, once one was acknowledged.
    pub latency: Option<Duration>,
}

/// A future the probes can hold without naming its type.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// The gateway's shards, as the Discord adapter reports them.
pub trait Shards: Send + Sync + 'static {
    /// Every shard this process runs, in id order.
    fn shards(&self) -> BoxFuture<'_, Vec<ShardState>>;
}

/// What the probes and the metrics listener read: the metrics, the readiness of each part, and
/// the sources of the values computed at scrape time.
#[derive(Default)]
pub struct Ops {
    /// Every metric of this bot; shared with the Discord adapter and the delivery engine.
    pub metrics: Arc<Metrics>,
    /// Set once the briefings folder was read.
    library_loaded: AtomicBool,
    /// The subscriptions database, once open (the pending gauge is counted from it).
    store: OnceLock<Arc<dyn Store>>,
    /// The gateway, once its client was built.
    shards: OnceLock<Arc<dyn Shards>>,
}

impl Ops {
    /// Nothing loaded, opened or connected yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// The briefings folder was read: the bot can answer.
    pub fn library_loaded(&self) {
        self.library_loaded.store(true, Ordering::Release);
    }

    /// The subscriptions database is open.
    pub fn database_open(&self, store: Arc<dyn Store>) {
        let _ = self.store.set(store);
    }

    /// The gateway client exists; `shards` tells how its shards are doing.
    pub fn gateway(&self, shards: Arc<dyn Shards>) {
        let _ = self.shards.set(shards);
    }

    /// `Ok` when the bot serves: briefings loaded, database open, every shard ready. Otherwise
    /// the first reason it does not, as one line.
    pub async fn readiness(&self) -> Result<(), String> {
        if !self.library_loaded.load(Ordering::Acquire) {
            return Err("the briefings are not loaded yet".to_owned());
        }
        if self.store.get().is_none() {
            return Err("the subscriptions database is not open yet".to_owned());
        }
        let Some(shards) = self.shards.get() else {
            return Err("the Discord gateway client is not started yet".to_owned());
        };
        let shards = shards.shards().await;
        if shards.is_empty() {
            return Err("no gateway shard is running yet".to_owned());
        }
        match shards.iter().find(|shard| !shard.ready) {
            Some(shard) => Err(format!(
                "gateway shard {} is not ready: waiting for Discord's READY",
                shard.id
            )),
            None => Ok(()),
        }
    }

    /// Brings the values read at scrape time up to date (pending posts, shard latencies), then
    /// encodes every metric.
    pub async fn scrape(&self) -> String {
        if let Some(store) = self.store.get() {
            let store = Arc::clone(store);
            match tokio::task::spawn_blocking(move || store.pending_deliveries()).await {
                Ok(Ok(pending)) => self.metrics.delivery_pending(pending),
                Ok(Err(error)) => tracing::warn!(%error, "cannot count the pending deliveries"),
                Err(error) => tracing::warn!(%error, "cannot count the pending deliveries"),
            }
        }
        if let Some(shards) = self.shards.get() {
            for shard in shards.shards().await {
                self.metrics.gateway_latency(shard.id, shard.latency);
            }
        }
        self.metrics.encode()
    }
}
