//! The delivery engine: sends each pending (channel, update) post once, within Discord's limits.
//!
//! The ledger row is written as pending before anything is sent (by [`Store::record_updates`])
//! and marked after Discord answers; the post carries a nonce derived from the row, so a post
//! re-sent after a crash between the two is recognised by Discord instead of doubled. Posts go
//! out with bounded concurrency behind a client-side rate limit; each channel's posts go one
//! after another, oldest first, so one refusal stops the rest of that channel's queue.
//!
//! What a failure means is the poster's to say ([`super::PostError`]): a rate limit waits
//! `retry_after` (the whole bot when the limit is global); a server error, a timeout or a
//! network failure backs off exponentially up to a limit, then the row is failed for this run
//! and retried at the next start; a channel or server that is gone loses its subscriptions; a
//! refusal pauses them with its [`crate::subscriptions::PauseReason`] and is never retried
//! (refusals count toward Discord's ban on invalid requests); a rejected token halts the pass
//! with every row left pending; anything else fails the row for this run.
//!
//! A row whose subscription's filter rejects the briefing is skipped, with the term that
//! decided. Digest subscriptions get one post per period instead ([`digest`]).
//!
//! [`Deliverer::try_deliver_one`] and [`Deliverer::deliver_pending`] are the steps tests call;
//! [`Deliverer::run`] is the loop around them. `send` holds the sending and retrying;
//! `replicas` the heartbeat that divides `rate_per_second` among the replicas alive.

mod digest;
mod replicas;
mod send;

use std::num::{NonZeroU32, NonZeroUsize};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use tokio::sync::mpsc;

use crate::library::Library;
use crate::subscriptions::{Claimant, RecordedUpdate, Store, StoreError, next_due};

use super::clock::Clock;
use super::diff::detect;
use super::limiter::{RateLimiter, Share};
use super::observer::{DeliveryObserver, Unobserved};
use super::poster::Poster;
use super::shared::SharedLibrary;
use super::shutdown::Shutdown;
use super::watch::Reload;

/// Up to this many updates noticed at once are logged one by one at `info`; more (a first
/// start over a large folder) are summed up in one line.
const NOTICED_EACH_MAX: usize = 10;

/// How the engine paces and retries. [`Default`] suits Discord.
#[derive(Debug, Clone)]
pub struct DeliveryConfig {
    /// Posts in flight at once (each to a different channel).
    pub concurrency: NonZeroUsize,
    /// Posts per second across the bot; Discord's global limit is 50, and other requests
    /// (command registration, permission lookups) share it. Replicas sharing a database divide
    /// it among those alive ([`Deliverer::heartbeat`]).
    pub rate_per_second: NonZeroU32,
    /// Posts allowed back to back before the rate applies.
    pub burst: NonZeroU32,
    /// Sends of one post in one run before a 5xx or timeout fails it until the next start.
    pub max_attempts: u32,
    /// The wait after the first 5xx or timeout; doubled after each further one.
    pub backoff_first: Duration,
    /// The longest wait between two sends of one post.
    pub backoff_max: Duration,
    /// 429s one post may receive in one run before it is failed until the next start.
    pub max_rate_limited: u32,
    /// How long one send may take before it counts as a timeout.
    pub post_timeout: Duration,
    /// Ledger rows claimed per pass. A pass ends when its slowest channel is done (a post
    /// backing off holds the next claim), so a large batch keeps such waits rare.
    pub batch: usize,
    /// How often the running loop looks for due posts when nothing woke it (after a database
    /// error, or rows a dead replica held until its lease ran out).
    pub idle_check: Duration,
    /// How long this process holds the rows it claims: another replica sharing the database
    /// sends them if this one has not recorded them by then. A claim is sized so that it is
    /// sent well within it at `rate_per_second`.
    pub lease: Duration,
    /// What time it is, for digests: the system's clock, or one tests drive.
    pub clock: Clock,
}

impl Default for DeliveryConfig {
    fn default() -> Self {
        Self {
            concurrency: NonZeroUsize::new(16).unwrap_or(NonZeroUsize::MIN),
            rate_per_second: NonZeroU32::new(40).unwrap_or(NonZeroU32::MIN),
            burst: NonZeroU32::MIN,
            max_attempts: 5,
            backoff_first: Duration::from_secs(1),
            backoff_max: Duration::from_secs(60),
            max_rate_limited: 10,
            post_timeout: Duration::from_secs(15),
            batch: 10_000,
            idle_check: Duration::from_secs(30),
            lease: Duration::from_secs(60),
            clock: Clock::System,
        }
    }
}

/// What a delivery pass did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DeliveryReport {
    /// Posts Discord created (or recognised by nonce).
    pub delivered: usize,
    /// Posts given up until the next start.
    pub failed: usize,
    /// Rows that will never be posted (superseded, briefing gone, subscription paused).
    pub skipped: usize,
    /// Channels whose subscriptions were removed (unknown channel or guild).
    pub channels_removed: usize,
    /// Channels whose subscriptions were paused (Discord refused the bot there).
    pub channels_paused: usize,
    /// Digests posted (each also counts its listed updates as delivered).
    pub digests: usize,
    /// HTTP requests sent.
    pub requests: usize,
    /// 429 answers received.
    pub rate_limited: usize,
    /// 5xx answers, timeouts and network failures.
    pub server_errors: usize,
    /// True when nothing was posted because the library did not load cleanly.
    pub held: bool,
}

impl DeliveryReport {
    fn add(&mut self, other: &Self) {
        self.delivered += other.delivered;
        self.failed += other.failed;
        self.skipped += other.skipped;
        self.channels_removed += other.channels_removed;
        self.channels_paused += other.channels_paused;
        self.digests += other.digests;
        self.requests += other.requests;
        self.rate_limited += other.rate_limited;
        self.server_errors += other.server_errors;
        self.held |= other.held;
    }
}

/// Delivery could not go on.
#[derive(Debug, thiserror::Error)]
pub enum DeliveryError {
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Discord rejected the token (401): the pass stopped so that a bad token does not send
    /// one invalid request per channel (Discord bans clients that send too many).
    #[error("Discord rejected the bot's token while posting updates; deliveries wait")]
    Unauthorized,
    /// A delivery task panicked or was cancelled.
    #[error("delivery task failed: {0}")]
    Task(String),
}

/// Sends pending update posts. Cheap to clone; clones share everything.
pub struct Deliverer<P> {
    inner: Arc<Inner<P>>,
}

impl<P> Clone for Deliverer<P> {
    fn clone(&self) -> Self {
        Self {
            inner: Arc::clone(&self.inner),
        }
    }
}

struct Inner<P> {
    /// The ledger.
    store: Arc<dyn Store>,
    /// Where posts go.
    poster: P,
    /// What posts are built from.
    library: SharedLibrary,
    /// Paces every send of this engine, at this replica's share of `rate_per_second`.
    limiter: RateLimiter,
    /// Replicas alive at the last heartbeat, this one included (1 until one ran).
    live: AtomicUsize,
    /// Whether the last heartbeat failed, so a database that stays down is warned of once.
    heartbeat_failing: AtomicBool,
    /// Pacing and retry policy.
    config: DeliveryConfig,
    /// Stops new sends; what is in flight finishes and is recorded.
    shutdown: Shutdown,
    /// This process, as its leases in the ledger name it.
    claimant: Claimant,
    /// Whether [`Deliverer::prepare`] has run: `briefbot run` prepares before the gateway
    /// opens, and [`Deliverer::run`] must not redo it.
    prepared: AtomicBool,
    /// Hears how each delivery ended; set once, by [`Deliverer::observed_by`].
    observer: OnceLock<Arc<dyn DeliveryObserver>>,
}

impl<P: Poster> Deliverer<P> {
    /// An engine posting through `poster` from `library`, recording in `store`.
    pub fn new(
        store: Arc<dyn Store>,
        poster: P,
        library: SharedLibrary,
        config: DeliveryConfig,
        shutdown: Shutdown,
    ) -> Self {
        let limiter = RateLimiter::new(config.rate_per_second, config.burst);
        let claimant = Claimant::this_process(config.lease);
        Self {
            inner: Arc::new(Inner {
                claimant,
                store,
                poster,
                library,
                limiter,
                live: AtomicUsize::new(1),
                heartbeat_failing: AtomicBool::new(false),
                config,
                shutdown,
                prepared: AtomicBool::new(false),
                observer: OnceLock::new(),
            }),
        }
    }

    /// Tells `observer` how every delivery ends from now on (the first observer given stays).
    pub fn observed_by(self, observer: Arc<dyn DeliveryObserver>) -> Self {
        let _ = self.inner.observer.set(observer);
        self
    }

    fn observer(&self) -> &dyn DeliveryObserver {
        self.inner
            .observer
            .get()
            .map_or(&Unobserved, |observer| observer.as_ref())
    }

    /// The store this engine records in.
    pub fn store(&self) -> &Arc<dyn Store> {
        &self.inner.store
    }

    /// What to do at start: [`Deliverer::prepare`] (unless done already), then deliver
    /// everything due.
    pub async fn start(&self) -> Result<DeliveryReport, DeliveryError> {
        if !self.inner.prepared.load(Ordering::Acquire) {
            self.prepare().await?;
        }
        self.deliver_pending().await
    }

    /// Gets the ledger ready, quickly and without posting: failed deliveries of the last run
    /// become pending again, and what appeared while the bot was down is recorded (the library
    /// compared with the ledger). Call it before the bot accepts `/subscribe`: a subscription
    /// then starts after everything already in the library, so it never gets the back catalogue.
    ///
    /// A library that loaded with errors is recorded too (its valid briefings), but nothing is
    /// posted until a clean set is served.
    pub async fn prepare(&self) -> Result<(), DeliveryError> {
        let requeued = self.blocking(|store| store.requeue_failed()).await?;
        if requeued > 0 {
            tracing::info!(requeued, "retrying deliveries that failed in the last run");
        }
        self.notice(self.inner.library.current()).await?;
        self.inner.prepared.store(true, Ordering::Release);
        Ok(())
    }

    /// Records the updates `library` holds that the ledger has not seen, queueing a pending
    /// post for every subscribed channel. Comparing with the ledger rather than the previous
    /// snapshot makes this right after a restart, after a broken set, and after a failed write.
    pub async fn notice(
        &self,
        library: Arc<Library>,
    ) -> Result<Vec<RecordedUpdate>, DeliveryError> {
        let recorded = self
            .blocking(move |store| {
                let events = detect(&store.known()?, library.briefings());
                store.record_updates(&events)
            })
            .await?;
        // A reload brings an update or two, each worth its line; a first start over a folder of
        // thousands brings them all, which is one line at `info` and the rest at `debug`.
        let each_at_info = recorded.len() <= NOTICED_EACH_MAX;
        for update in &recorded {
            if each_at_info {
                tracing::info!(update = %update.event.key, kind = update.event.kind.as_str(), channels = update.queued, "noticed update");
            } else {
                tracing::debug!(update = %update.event.key, kind = update.event.kind.as_str(), channels = update.queued, "noticed update");
            }
        }
        if !each_at_info {
            let channels: usize = recorded.iter().map(|update| update.queued).sum();
            tracing::info!(
                updates = recorded.len(),
                posts_queued = channels,
                "noticed updates"
            );
        }
        Ok(recorded)
    }

    /// Delivers the oldest due post, if any, and writes its outcome. The step tests drive.
    pub async fn try_deliver_one(&self) -> Result<Option<DeliveryReport>, DeliveryError> {
        if self.inner.library.postable().is_none() {
            return Ok(None);
        }
        let claimant = self.inner.claimant.clone();
        let due = self
            .blocking(move |store| store.claim_deliveries(&claimant, 1))
            .await?;
        if due.is_empty() {
            return Ok(None);
        }
        Ok(Some(self.deliver_batch(due).await?))
    }

    /// Delivers everything due, pass after pass, until nothing is due or shutdown is asked.
    pub async fn deliver_pending(&self) -> Result<DeliveryReport, DeliveryError> {
        let mut report = DeliveryReport::default();
        if self.inner.library.postable().is_none() {
            tracing::warn!(
                "not posting updates: the briefings have errors and no clean set loaded yet"
            );
            report.held = true;
            return Ok(report);
        }
        while !self.inner.shutdown.is_triggered() {
            let batch = self.claim_size();
            let claimant = self.inner.claimant.clone();
            let due = self
                .blocking(move |store| store.claim_deliveries(&claimant, batch))
                .await?;
            if due.is_empty() {
                break;
            }
            report.add(&self.deliver_batch(due).await?);
        }
        if !self.inner.shutdown.is_triggered() {
            report.add(&self.deliver_digests().await?);
        }
        Ok(report)
    }

    /// Rows per claim: [`Share::claim`] of the configured batch.
    fn claim_size(&self) -> usize {
        let config = &self.inner.config;
        self.share().claim(config.batch, config.lease)
    }

    /// Runs until shutdown: delivers what is due at start, then records and delivers the
    /// updates of every clean reload that arrives on `reloads` (rejected ones post nothing).
    /// Meanwhile it keeps this replica's heartbeat and its share of the rate up to date; at
    /// shutdown, once what was in flight is recorded, it leaves ([`Deliverer::leave`]).
    pub async fn run(self, reloads: mpsc::Receiver<Reload>) {
        // Before the first post: a replica joining others starts at its share, not the whole.
        self.beat().await;
        tokio::select! {
            () = self.deliver_until_shutdown(reloads) => {}
            () = self.keep_beating() => {}
        }
        self.leave().await;
        tracing::info!("delivery stopped");
    }

    /// [`Deliverer::run`]'s loop: start, then a pass after each reload, digest or idle check.
    async fn deliver_until_shutdown(&self, mut reloads: mpsc::Receiver<Reload>) {
        let mut shutdown = self.inner.shutdown.clone();
        match self.start().await {
            Ok(report) => {
                let database = self.inner.store.location();
                tracing::info!(?report, database, "delivered what was due at start");
            }
            Err(error) => tracing::error!(error = ?error, "delivery at start failed"),
        }
        // Rows a dead replica held are free once its lease ran out: look again by then.
        let mut idle = tokio::time::interval(
            self.inner
                .config
                .idle_check
                .min(self.inner.config.lease / 2)
                .max(Duration::from_millis(100)),
        );
        idle.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        idle.reset();
        let mut watching = true;
        loop {
            let digest_due = self.next_digest().await;
            tokio::select! {
                () = shutdown.triggered() => break,
                () = tokio::time::sleep_until(digest_due.unwrap_or_else(far_future)), if digest_due.is_some() => {}
                reload = reloads.recv(), if watching => {
                    let library = match reload {
                        Some(Reload::Swapped { library, .. }) => library,
                        Some(Reload::Rejected { .. }) => continue,
                        None => {
                            tracing::warn!("the briefings watcher stopped; delivering what is due only");
                            watching = false;
                            continue;
                        }
                    };
                    if let Err(error) = self.notice(library).await {
                        tracing::error!(error = ?error, "recording updates failed");
                    }
                }
                _ = idle.tick() => {}
            }
            match self.deliver_pending().await {
                Ok(report) if report != DeliveryReport::default() => {
                    tracing::info!(?report, "delivery pass");
                }
                Ok(_) => {}
                Err(error) => tracing::error!(error = ?error, "delivery pass failed"),
            }
        }
    }

    /// When, on tokio's clock, the next digest of any subscription is due; `None` when no
    /// subscription takes digests (or the store cannot say, which the next pass logs).
    async fn next_digest(&self) -> Option<tokio::time::Instant> {
        let modes = self.blocking(|store| store.digest_modes()).await.ok()?;
        let clock = self.inner.config.clock;
        let now = clock.now();
        modes
            .into_iter()
            .filter_map(|mode| match mode {
                crate::subscriptions::Mode::Digest { period, hour } => {
                    Some(next_due(period, hour, now))
                }
                crate::subscriptions::Mode::EachUpdate => None,
            })
            .min()
            .map(|due| clock.instant_of(due))
    }

    /// Runs a store call on the blocking pool, so SQLite never stalls the async workers.
    async fn blocking<T: Send + 'static>(
        &self,
        call: impl FnOnce(&dyn Store) -> Result<T, StoreError> + Send + 'static,
    ) -> Result<T, DeliveryError> {
        blocking(Arc::clone(&self.inner.store), call).await
    }
}

async fn blocking<T: Send + 'static>(
    store: Arc<dyn Store>,
    call: impl FnOnce(&dyn Store) -> Result<T, StoreError> + Send + 'static,
) -> Result<T, DeliveryError> {
    tokio::task::spawn_blocking(move || call(store.as_ref()))
        .await
        .map_err(|error| DeliveryError::Task(error.to_string()))?
        .map_err(DeliveryError::from)
}

/// A tokio instant no timer reaches (a disabled `select!` branch still builds its future).
fn far_future() -> tokio::time::Instant {
    tokio::time::Instant::now() + Duration::from_secs(86_400 * 365)
}
