//! Operating the running bot: Prometheus metrics, the health and readiness probes, and logs.
//!
//! - [`metrics`]: every metric, and the text a scrape gets.
//! - [`Readiness`]: whether the bot can serve — briefings loaded, database open and answering,
//!   this replica's shards ready — and with which store and shards.
//! - [`serve`]: the HTTP listener of `metrics_addr`: `/metrics`, `/healthz`, `/readyz`.
//! - [`logs`]: the log subscriber, as text (colours only on a terminal) or JSON lines.
//!
//! Nothing here names serenity: the Discord adapter tells the gateway's state through
//! [`Shards`], and the delivery engine reports through [`crate::updates::DeliveryObserver`].

mod gateway;
pub mod logs;
pub mod metrics;
mod server;

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use crate::subscriptions::Store;

pub use gateway::GatewayMetrics;
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

/// The shards this process runs: `first..=last` of `total` across every process of the bot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShardRange {
    /// The first shard this process runs.
    pub first: u32,
    /// The last one (inclusive).
    pub last: u32,
    /// How many shards the bot has in all.
    pub total: u32,
}

impl ShardRange {
    /// The shard ids of the range, in order.
    pub fn ids(self) -> std::ops::RangeInclusive<u32> {
        self.first..=self.last
    }
}

/// A future the probes can hold without naming its type.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// The gateway's shards, as the Discord adapter reports them.
pub trait Shards: Send + Sync + 'static {
    /// Every shard this process runs, in id order.
    fn shards(&self) -> BoxFuture<'_, Vec<ShardState>>;

    /// The range this process is to run; shards of it may not be started yet (serenity starts
    /// them one after another).
    fn range(&self) -> ShardRange;
}

/// What `/readyz` says: the first reason the bot does not serve yet (none once it does), then
/// which store and shards this replica serves with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Readiness {
    /// Why the bot does not serve yet, as one line; `None` when it does.
    pub waiting: Option<String>,
    /// `store: …` and `shards: …`, one line each.
    pub details: Vec<String>,
}

impl Readiness {
    /// The probe's body: `ready` or the reason, then the details, a line each.
    pub fn body(&self) -> String {
        let mut body = self.waiting.clone().unwrap_or_else(|| "ready".to_owned());
        body.push('\n');
        for line in &self.details {
            body.push_str(line);
            body.push('\n');
        }
        body
    }
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

    /// Whether the bot serves — briefings loaded, database open and answering, every shard of
    /// this replica's range ready — and with which store and shards.
    pub async fn readiness(&self) -> Readiness {
        let (store_line, store_problem) = self.store_state().await;
        let (shards_line, shards_problem) = self.shards_state().await;
        let waiting = if !self.library_loaded.load(Ordering::Acquire) {
            Some("the briefings are not loaded yet".to_owned())
        } else {
            store_problem.or(shards_problem)
        };
        Readiness {
            waiting,
            details: vec![store_line, shards_line],
        }
    }

    /// The `store: …` line, and why the store keeps the bot from serving, if it does.
    async fn store_state(&self) -> (String, Option<String>) {
        let Some(store) = self.store.get() else {
            return (
                "store: not open yet".to_owned(),
                Some("the subscriptions database is not open yet".to_owned()),
            );
        };
        let location = store.location();
        let store = Arc::clone(store);
        // Asking for the schema version is also a round trip to a PostgreSQL server.
        let version = tokio::task::spawn_blocking(move || store.schema_version())
            .await
            .map_err(|error| error.to_string())
            .and_then(|version| version.map_err(|error| error.to_string()));
        match version {
            Ok(version) => (format!("store: {location} (schema {version})"), None),
            Err(error) => (
                format!("store: {location} (not answering)"),
                Some(format!(
                    "the subscriptions database does not answer: {error}"
                )),
            ),
        }
    }

    /// The `shards: …` line, and which shard keeps the bot from serving, if one does.
    async fn shards_state(&self) -> (String, Option<String>) {
        let Some(shards) = self.shards.get() else {
            return (
                "shards: the gateway client is not started yet".to_owned(),
                Some("the Discord gateway client is not started yet".to_owned()),
            );
        };
        let range = shards.range();
        let running = shards.shards().await;
        let waiting: Vec<u32> = range
            .ids()
            .filter(|id| !running.iter().any(|shard| shard.id == *id && shard.ready))
            .collect();
        let of = format!("{}-{} of {}", range.first, range.last, range.total);
        let Some(first) = waiting.first() else {
            return (format!("shards: {of}, all ready"), None);
        };
        let list: Vec<String> = waiting.iter().map(u32::to_string).collect();
        let line = format!("shards: {of}, waiting for {}", list.join(", "));
        let problem = if running.is_empty() {
            "no gateway shard is running yet".to_owned()
        } else {
            format!("gateway shard {first} is not ready: waiting for Discord's READY")
        };
        (line, Some(problem))
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
            let running = shards.shards().await;
            for id in shards.range().ids() {
                let shard = running.iter().find(|shard| shard.id == id);
                let gateway = self.metrics.gateway();
                gateway.latency(id, shard.and_then(|shard| shard.latency));
                gateway.ready(id, shard.is_some_and(|shard| shard.ready));
            }
        }
        self.metrics.encode()
    }
}
