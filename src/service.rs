//! `briefbot run` as a whole: the metrics listener, the subscriptions store, the Discord
//! start-up check, the briefings and their watcher, the delivery engine and the gateway, all
//! stopped by one shutdown signal.
//!
//! The order matters. What can be checked on this machine comes first — the metrics address,
//! the database file — so a mistake there is said at once, without a round trip to Discord;
//! then the token (the likeliest mistake of all). The probes answer from the start: `/readyz`
//! says what the bot still waits for. The watcher starts before the briefings are read, so no
//! change slips between the two. The ledger is brought up to date with the library before the
//! gateway connects, so a `/subscribe` on a brand-new database starts after everything already
//! there and never gets the back catalogue.

use std::future::Future;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::mpsc;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Severity};
use crate::discord::{self, RunError};
use crate::load::{Folder, Loaded};
use crate::ops::metrics::ReloadResult;
use crate::ops::{self, Metrics, Ops};
use crate::subscriptions::{self, StoreError};
use crate::updates::{
    Deliverer, DeliveryConfig, DeliveryError, FolderWatcher, Reload, SharedLibrary, WatchError,
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
    /// `metrics_addr` cannot be listened on (in use, or not an address of this machine).
    #[error(
        "cannot serve metrics on {addr} (`metrics_addr` or BRIEFBOT_METRICS_ADDR): {reason}; choose a free port or remove the setting"
    )]
    Metrics {
        /// The address.
        addr: SocketAddr,
        /// Why (in the message, not a separate cause, so the line says it once).
        reason: std::io::Error,
    },
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
/// within a few seconds) or the gateway fails for good. Serves the probes and metrics on
/// `metrics_addr` when it is set.
pub async fn run(
    config: &Config,
    stop: impl Future<Output = ()> + Send + 'static,
) -> Result<(), ServiceError> {
    let listener = config
        .metrics_addr
        .map(|addr| {
            std::net::TcpListener::bind(addr)
                .map_err(|reason| ServiceError::Metrics { addr, reason })
        })
        .transpose()?;
    run_with(config, listener, stop).await
}

/// [`run`], serving the probes and metrics on `metrics` (bound by the caller — a test binds
/// port 0) instead of on `metrics_addr`.
pub async fn run_with(
    config: &Config,
    metrics: Option<std::net::TcpListener>,
    stop: impl Future<Output = ()> + Send + 'static,
) -> Result<(), ServiceError> {
    let ops = Arc::new(Ops::new());
    let (trigger, shutdown) = shutdown_signal();
    let serving = match metrics {
        Some(listener) => {
            let addr = listener.local_addr();
            let listener = listener
                .set_nonblocking(true)
                .and_then(|()| tokio::net::TcpListener::from_std(listener))
                .map_err(|reason| ServiceError::Metrics {
                    addr: addr.unwrap_or_else(|_| SocketAddr::from(([0, 0, 0, 0], 0))),
                    reason,
                })?;
            if let Ok(addr) = listener.local_addr() {
                tracing::info!(%addr, "serving /metrics, /healthz and /readyz");
            }
            Some(tokio::spawn(ops::serve(
                listener,
                Arc::clone(&ops),
                shutdown.clone(),
            )))
        }
        None => None,
    };
    let ended = serve(config, &ops, trigger.clone(), shutdown, stop).await;
    trigger.trigger();
    if let Some(serving) = serving {
        let _ = serving.await;
    }
    // `ops` now holds the last handle of the store, and PostgreSQL's client blocks while it
    // closes: dropped on a worker thread, where blocking is allowed.
    let _ = tokio::task::spawn_blocking(move || drop(ops)).await;
    ended
}

/// Everything after the metrics listener: store, Discord, briefings, delivery, gateway.
async fn serve(
    config: &Config,
    ops: &Arc<Ops>,
    trigger: crate::updates::ShutdownTrigger,
    shutdown: crate::updates::Shutdown,
    stop: impl Future<Output = ()> + Send + 'static,
) -> Result<(), ServiceError> {
    let store = {
        let location = config.database.clone();
        tokio::task::spawn_blocking(move || subscriptions::open(&location))
            .await
            .map_err(|error| ServiceError::Task(error.to_string()))??
    };
    ops.database_open(Arc::clone(&store));
    let bot = discord::Bot::connect(config, Arc::clone(&ops.metrics)).await?;
    // Said after the sign-in, so a rejected token is still the only line of a failed start.
    tracing::info!(database = %config.database, "opened the subscriptions database");
    let folder = config.briefings.clone();
    if !folder.is_dir() {
        return Err(ServiceError::NoBriefings(folder));
    }
    let watcher = FolderWatcher::start(folder.clone(), DEBOUNCE)?;
    let started = std::time::Instant::now();
    let (read, loaded) = {
        let mut read = Folder::new(&folder);
        tokio::task::spawn_blocking(move || {
            let loaded = read.load();
            (read, loaded)
        })
        .await
        .map_err(|error| ServiceError::Task(error.to_string()))?
    };
    let watcher = watcher.with_folder(read);
    log_loaded(&folder, &loaded, started.elapsed());
    let clean = !loaded.has_errors();
    ops.metrics
        .library(loaded.library.len(), problem_files(&loaded.diagnostics));
    let library = SharedLibrary::new(Arc::new(loaded.library), clean);
    ops.library_loaded();

    let gateway = bot.build(library.clone(), Arc::clone(&store)).await?;
    ops.gateway(gateway.shards());
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
    )
    .observed_by(Arc::clone(&ops.metrics) as _);
    deliverer.prepare().await?;

    let (reloads, reloaded) = mpsc::channel(16);
    let (counted, to_deliver) = mpsc::channel(16);
    let mut watching = tokio::spawn(watcher.run(library, reloads, shutdown.clone()));
    tokio::spawn(count_reloads(reloaded, counted, Arc::clone(&ops.metrics)));
    let mut delivering = tokio::spawn(deliverer.run(to_deliver));
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

/// The start-up account of the briefings: one summary line, a line per problem, and the
/// briefings themselves only at `debug` (a folder of thousands would drown the log).
fn log_loaded(folder: &std::path::Path, loaded: &Loaded, took: Duration) {
    for diagnostic in &loaded.diagnostics {
        match diagnostic.severity {
            Severity::Error => tracing::error!("{diagnostic}"),
            Severity::Warning => tracing::warn!("{diagnostic}"),
        }
    }
    for briefing in loaded.library.briefings() {
        tracing::debug!(briefing = %briefing.id, story = %briefing.story, published = %briefing.published, "loaded a briefing");
    }
    let with_errors = loaded.files_with_errors();
    tracing::info!(
        folder = %folder.display(),
        briefings = loaded.library.len(),
        files = loaded.files,
        files_with_errors = with_errors,
        warnings = loaded.diagnostics.len() - loaded.diagnostics.iter().filter(|diagnostic| diagnostic.is_error()).count(),
        took = ?took,
        "loaded the briefings"
    );
    if loaded.has_errors() {
        tracing::error!(folder = %folder.display(), "the briefings have errors: answering from the valid ones, posting no updates until they are fixed");
    }
}

/// Counts each reload and sets the library gauges, then passes it on to delivery. Counting
/// here, between the watcher and the engine, keeps both of them free of metrics.
async fn count_reloads(
    mut reloads: mpsc::Receiver<Reload>,
    onward: mpsc::Sender<Reload>,
    metrics: Arc<Metrics>,
) {
    while let Some(reload) = reloads.recv().await {
        match &reload {
            Reload::Swapped { library, warnings } => {
                metrics.reload(ReloadResult::Swapped);
                metrics.library(library.len(), problem_files(warnings));
            }
            Reload::Rejected { diagnostics } => {
                metrics.reload(ReloadResult::Rejected);
                metrics.library_problems(problem_files(diagnostics));
            }
        }
        if onward.send(reload).await.is_err() {
            break;
        }
    }
}

/// How many files the diagnostics concern.
fn problem_files(diagnostics: &[Diagnostic]) -> usize {
    let mut paths: Vec<&str> = diagnostics
        .iter()
        .map(|diagnostic| diagnostic.path.as_str())
        .collect();
    paths.sort_unstable();
    paths.dedup();
    paths.len()
}
