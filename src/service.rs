//! `briefbot run` as a whole: the Discord start-up check, the briefings and their watcher, the
//! subscriptions store, the delivery engine and the gateway, all stopped by one shutdown signal.
//!
//! The order matters. The token is checked first (a wrong token is the likeliest mistake and
//! should be the first thing said). The watcher starts before the briefings are read, so no
//! change slips between the two. The ledger is brought up to date with the library before the
//! gateway connects, so a `/subscribe` on a brand-new database starts after everything already
//! there and never gets the back catalogue.

use std::future::Future;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::mpsc;

use crate::config::Config;
use crate::discord::{self, RunError};
use crate::load::load_dir;
use crate::subscriptions::{self, StoreError};
use crate::updates::{
    Deliverer, DeliveryConfig, DeliveryError, FolderWatcher, SharedLibrary, WatchError,
    shutdown_signal,
};

/// How long the watcher waits for an editor's burst of writes to settle before reloading.
pub const DEBOUNCE: Duration = Duration::from_millis(500);
/// How long the watcher and the delivery engine get to finish after shutdown; a post still in
/// flight then is abandoned and stays pending (its nonce covers the resend).
const TASK_GRACE: Duration = Duration::from_secs(3);

/// Why the bot could not start or stopped on its own; one line for the operator each.
#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    /// Discord's side: the token, the API, the gateway.
    #[error(transparent)]
    Discord(#[from] RunError),
    /// The briefings folder is missing.
    #[error(
        "the briefings folder {} does not exist: set `briefings` in the configuration or BRIEFBOT_BRIEFINGS",
        .0.display()
    )]
    NoBriefings(PathBuf),
    /// The folder cannot be watched.
    #[error(transparent)]
    Watch(#[from] WatchError),
    /// The subscriptions database cannot be opened.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The ledger could not be brought up to date at start.
    #[error("cannot prepare the delivery ledger: {0}")]
    Delivery(#[from] DeliveryError),
    /// A start-up task panicked.
    #[error("start-up task failed: {0}")]
    Task(String),
}

/// Runs the bot until `stop` completes (then every task is told to stop and `Ok` is returned
/// within a few seconds) or the gateway fails for good.
pub async fn run(
    config: &Config,
    stop: impl Future<Output = ()> + Send + 'static,
) -> Result<(), ServiceError> {
    let bot = discord::Bot::connect(config).await?;
    let folder = config.briefings.clone();
    if !folder.is_dir() {
        return Err(ServiceError::NoBriefings(folder));
    }
    let watcher = FolderWatcher::start(folder.clone(), DEBOUNCE)?;
    let loaded = {
        let folder = folder.clone();
        tokio::task::spawn_blocking(move || load_dir(&folder))
            .await
            .map_err(|error| ServiceError::Task(error.to_string()))?
    };
    for diagnostic in &loaded.diagnostics {
        tracing::warn!("{diagnostic}");
    }
    let clean = !loaded.has_errors();
    if !clean {
        tracing::error!(folder = %folder.display(), "the briefings have errors: answering from the valid ones, posting no updates until they are fixed");
    }
    tracing::info!(briefings = loaded.library.len(), folder = %folder.display(), "loaded the briefings");
    let library = SharedLibrary::new(Arc::new(loaded.library), clean);
    let store = {
        let location = config.database.clone();
        tokio::task::spawn_blocking(move || subscriptions::open(&location))
            .await
            .map_err(|error| ServiceError::Task(error.to_string()))??
    };
    tracing::info!(database = %config.database, "opened the subscriptions database");

    let (trigger, shutdown) = shutdown_signal();
    let gateway = bot.build(library.clone(), Arc::clone(&store)).await?;
    let delivery = DeliveryConfig {
        rate_per_second: config.delivery_rate,
        lease: Duration::from_secs(u64::from(config.delivery_lease.get())),
        ..DeliveryConfig::default()
    };
    let deliverer = Deliverer::new(
        store,
        gateway.poster(),
        library.clone(),
        delivery,
        shutdown.clone(),
    );
    deliverer.prepare().await?;

    let (reloads, reloaded) = mpsc::channel(16);
    let mut watching = tokio::spawn(watcher.run(library, reloads, shutdown.clone()));
    let mut delivering = tokio::spawn(deliverer.run(reloaded));
    let stopping = {
        let trigger = trigger.clone();
        tokio::spawn(async move {
            stop.await;
            tracing::info!("shutting down");
            trigger.trigger();
        })
    };
    let ended = gateway.run(shutdown).await;
    // The gateway may have ended on its own: the other tasks stop with it.
    trigger.trigger();
    stopping.abort();
    let finished = tokio::time::timeout(TASK_GRACE, async {
        let _ = (&mut watching).await;
        let _ = (&mut delivering).await;
    })
    .await;
    if finished.is_err() {
        tracing::warn!(
            "delivery did not stop in time; unsent posts stay pending for the next start"
        );
        watching.abort();
        delivering.abort();
    }
    ended.map_err(ServiceError::from)
}
