//! The delivery engine: sends each pending (channel, update) post once, within Discord's limits.
//!
//! The ledger row is written as pending before anything is sent (by [`Store::record_updates`])
//! and marked after Discord answers; the post carries a nonce derived from the row, so a post
//! re-sent after a crash between the two is recognised by Discord instead of doubled. Posts go
//! out with bounded concurrency behind a client-side rate limit; each channel's posts go one
//! after another, oldest first, so one refusal stops the rest of that channel's queue.
//!
//! Errors: 429 waits `retry_after` (the whole bot when Discord says the limit is global);
//! 5xx, timeouts and network failures back off exponentially up to a limit, then the row is failed for this run
//! and retried at the next start; 10003/10004 remove the subscriptions; 50001/50013 pause
//! them with a reason and are never retried (403s count toward Discord's ban on invalid
//! requests); a 401 (token rejected) halts the pass with every row left pending; anything
//! else fails the row for this run.
//!
//! [`Deliverer::try_deliver_one`] and [`Deliverer::deliver_pending`] are the steps tests call;
//! [`Deliverer::run`] is the loop around them.

use std::num::{NonZeroU32, NonZeroUsize};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use tokio::sync::{Semaphore, mpsc};
use tokio::task::JoinSet;

use crate::library::Library;
use crate::subscriptions::{
    ChannelId, DeliveryOutcome, DeliveryResult, DueDelivery, RecordedUpdate, Store, StoreError,
};

use super::diff::detect;
use super::event::UpdateKey;
use super::limiter::RateLimiter;
use super::observer::{DeliveryObserver, Unobserved};
use super::post::update_post;
use super::poster::{Nonce, PostError, Poster};
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
    /// (command registration, permission lookups) share it.
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
    /// error, for instance).
    pub idle_check: Duration,
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
            idle_check: Duration::from_secs(60),
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
    /// Channels whose subscriptions were paused (missing access or permissions).
    pub channels_paused: usize,
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
    store: Arc<Store>,
    /// Where posts go.
    poster: P,
    /// What posts are built from.
    library: SharedLibrary,
    /// Paces every send of this engine.
    limiter: RateLimiter,
    /// Pacing and retry policy.
    config: DeliveryConfig,
    /// Stops new sends; what is in flight finishes and is recorded.
    shutdown: Shutdown,
    /// Whether [`Deliverer::prepare`] has run: `briefbot run` prepares before the gateway
    /// opens, and [`Deliverer::run`] must not redo it.
    prepared: AtomicBool,
    /// Hears how each delivery ended; set once, by [`Deliverer::observed_by`].
    observer: OnceLock<Arc<dyn DeliveryObserver>>,
}

/// How one row's delivery ended.
enum Attempted {
    /// Write this outcome to the ledger.
    Done(DeliveryOutcome),
    /// Discord says the channel (10003) or its server (10004) is gone.
    Gone(PostError),
    /// Discord refused access (50001/50013) after this many sends.
    Refused(PostError, u32),
    /// Shutdown came first, or the pass was halted; the row stays pending.
    Interrupted,
    /// Discord rejected the token: halt the whole pass, leave every row pending.
    Halt,
}

impl<P: Poster> Deliverer<P> {
    /// An engine posting through `poster` from `library`, recording in `store`.
    pub fn new(
        store: Arc<Store>,
        poster: P,
        library: SharedLibrary,
        config: DeliveryConfig,
        shutdown: Shutdown,
    ) -> Self {
        let limiter = RateLimiter::new(config.rate_per_second, config.burst);
        Self {
            inner: Arc::new(Inner {
                store,
                poster,
                library,
                limiter,
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
    pub fn store(&self) -> &Arc<Store> {
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
        let due = self.blocking(|store| store.due_deliveries(1)).await?;
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
            let batch = self.inner.config.batch.max(1);
            let due = self
                .blocking(move |store| store.due_deliveries(batch))
                .await?;
            if due.is_empty() {
                break;
            }
            report.add(&self.deliver_batch(due).await?);
        }
        Ok(report)
    }

    /// Runs until shutdown: delivers what is due at start, then records and delivers the
    /// updates of every clean reload that arrives on `reloads` (rejected ones post nothing).
    pub async fn run(self, mut reloads: mpsc::Receiver<Reload>) {
        let mut shutdown = self.inner.shutdown.clone();
        match self.start().await {
            Ok(report) => {
                let database = self.inner.store.path().display().to_string();
                tracing::info!(?report, database, "delivered what was due at start");
            }
            Err(error) => tracing::error!(error = ?error, "delivery at start failed"),
        }
        let mut idle = tokio::time::interval(self.inner.config.idle_check);
        idle.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        idle.reset();
        let mut watching = true;
        loop {
            tokio::select! {
                () = shutdown.triggered() => break,
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
        tracing::info!("delivery stopped");
    }

    /// Sends one claimed batch: channels in parallel (bounded), each channel's rows in order,
    /// outcomes written in batches as they arrive.
    async fn deliver_batch(&self, due: Vec<DueDelivery>) -> Result<DeliveryReport, DeliveryError> {
        let (sender, receiver) = mpsc::unbounded_channel();
        let committer = tokio::spawn(commit_outcomes(Arc::clone(&self.inner.store), receiver));
        let semaphore = Arc::new(Semaphore::new(self.inner.config.concurrency.get()));
        let halted = Arc::new(AtomicBool::new(false));
        let mut tasks = JoinSet::new();
        for rows in by_channel(due) {
            if halted.load(Ordering::Relaxed) {
                break;
            }
            let Ok(permit) = Arc::clone(&semaphore).acquire_owned().await else {
                break;
            };
            let engine = self.clone();
            let sender = sender.clone();
            let halted = Arc::clone(&halted);
            tasks.spawn(async move {
                let _permit = permit;
                engine.deliver_channel(rows, sender, &halted).await
            });
        }
        drop(sender);
        let mut report = DeliveryReport::default();
        let mut first_error = None;
        while let Some(joined) = tasks.join_next().await {
            match joined {
                Ok(Ok(channel_report)) => report.add(&channel_report),
                Ok(Err(error)) => {
                    first_error.get_or_insert(error);
                }
                Err(error) => {
                    first_error.get_or_insert(DeliveryError::Task(error.to_string()));
                }
            }
        }
        let committed = committer
            .await
            .map_err(|error| DeliveryError::Task(error.to_string()))
            .and_then(|result| result);
        match (first_error, committed) {
            (Some(error), _) | (None, Err(error)) => Err(error),
            (None, Ok(())) if halted.load(Ordering::Relaxed) => Err(DeliveryError::Unauthorized),
            (None, Ok(())) => Ok(report),
        }
    }

    /// Delivers one channel's rows in order, stopping at the first that ends the channel.
    async fn deliver_channel(
        &self,
        rows: Vec<DueDelivery>,
        outcomes: mpsc::UnboundedSender<DeliveryOutcome>,
        halted: &AtomicBool,
    ) -> Result<DeliveryReport, DeliveryError> {
        let mut report = DeliveryReport::default();
        for due in rows {
            if outcomes.is_closed() {
                break; // the committer failed; deliver_batch reports its error
            }
            match self.attempt(&due, &mut report, halted).await {
                Attempted::Done(outcome) => {
                    self.observer().finished(&due, &outcome.result);
                    match &outcome.result {
                        DeliveryResult::Delivered(_) => report.delivered += 1,
                        DeliveryResult::Failed(error) => {
                            tracing::warn!(channel = %due.channel, update = %due.key, error, "delivery failed until the next start");
                            report.failed += 1;
                        }
                        DeliveryResult::Skipped(reason) => {
                            tracing::info!(channel = %due.channel, update = %due.key, reason, "delivery skipped");
                            report.skipped += 1;
                        }
                    }
                    // A closed receiver is noticed at the top of the loop.
                    let _ = outcomes.send(outcome);
                }
                Attempted::Gone(error) => {
                    self.observer().channel_removed(&due);
                    let channel = due.channel;
                    let removed = match error {
                        PostError::UnknownGuild => {
                            self.blocking(move |store| store.remove_guild_of(channel))
                                .await?
                        }
                        _ => {
                            self.blocking(move |store| store.remove_channel(channel))
                                .await?
                        }
                    };
                    tracing::info!(%channel, %error, removed, "removed subscriptions of a channel Discord no longer knows");
                    report.channels_removed += 1;
                    break;
                }
                Attempted::Refused(error, attempts) => {
                    self.observer().channel_paused(&due);
                    let channel = due.channel;
                    let reason = pause_reason(&error);
                    let paused_reason = reason.clone();
                    self.blocking(move |store| store.pause_channel(channel, &paused_reason))
                        .await?;
                    tracing::warn!(%channel, %error, reason, "paused subscriptions: Discord refused the post");
                    report.channels_paused += 1;
                    report.skipped += 1;
                    let _ = outcomes.send(DeliveryOutcome {
                        channel,
                        key: due.key,
                        attempts,
                        result: DeliveryResult::Skipped(format!("subscription paused: {reason}")),
                    });
                    break;
                }
                Attempted::Interrupted => break,
                Attempted::Halt => {
                    tracing::error!(channel = %due.channel, "Discord rejected the token; stopping deliveries");
                    halted.store(true, Ordering::Relaxed);
                    break;
                }
            }
        }
        Ok(report)
    }

    /// Builds the post for one row and sends it, retrying as the error calls for.
    async fn attempt(
        &self,
        due: &DueDelivery,
        report: &mut DeliveryReport,
        halted: &AtomicBool,
    ) -> Attempted {
        let done = |attempts, result| {
            Attempted::Done(DeliveryOutcome {
                channel: due.channel,
                key: due.key.clone(),
                attempts,
                result,
            })
        };
        let library = self.inner.library.current();
        let Some(briefing) = library.get(due.briefing.as_str()) else {
            let reason = format!("briefing {} is no longer in the library", due.briefing);
            return done(0, DeliveryResult::Skipped(reason));
        };
        let current = UpdateKey::of(briefing);
        if current != due.key {
            return done(
                0,
                DeliveryResult::Skipped(format!("superseded by {current}")),
            );
        }
        let post = update_post(briefing, due.kind);
        let nonce = Nonce::of(&due.key, due.channel);
        let config = &self.inner.config;
        let mut attempts = 0;
        let mut server_errors = 0;
        let mut rate_limited = 0;
        loop {
            let stopped = || self.inner.shutdown.is_triggered() || halted.load(Ordering::Relaxed);
            if stopped() || !self.wait(None).await || stopped() {
                return Attempted::Interrupted;
            }
            attempts += 1;
            report.requests += 1;
            let sent = tokio::time::timeout(
                config.post_timeout,
                self.inner.poster.post(due.channel, &post, &nonce),
            )
            .await
            .unwrap_or(Err(PostError::Timeout));
            let error = match sent {
                Ok(message) => return done(attempts, DeliveryResult::Delivered(message)),
                Err(error) => error,
            };
            let pause = match &error {
                PostError::RateLimited {
                    retry_after,
                    global,
                } => {
                    report.rate_limited += 1;
                    rate_limited += 1;
                    if *global {
                        self.inner
                            .limiter
                            .hold_until(tokio::time::Instant::now() + *retry_after);
                    }
                    if rate_limited > config.max_rate_limited {
                        let reason = format!("rate limited {rate_limited} times; last: {error}");
                        return done(attempts, DeliveryResult::Failed(reason));
                    }
                    *retry_after
                }
                PostError::ServerError { .. } | PostError::Timeout | PostError::Network(_) => {
                    report.server_errors += 1;
                    server_errors += 1;
                    if server_errors >= config.max_attempts {
                        return done(attempts, DeliveryResult::Failed(error.to_string()));
                    }
                    backoff(config, server_errors)
                }
                PostError::UnknownChannel | PostError::UnknownGuild => {
                    return Attempted::Gone(error);
                }
                PostError::MissingAccess | PostError::MissingPermissions => {
                    return Attempted::Refused(error, attempts);
                }
                PostError::Unauthorized => return Attempted::Halt,
                PostError::Other(_) => {
                    return done(attempts, DeliveryResult::Failed(error.to_string()));
                }
            };
            tracing::debug!(channel = %due.channel, update = %due.key, %error, ?pause, "retrying");
            if !self.wait(Some(pause)).await {
                return Attempted::Interrupted;
            }
        }
    }

    /// Sleeps `pause` (or waits for the rate limiter when `None`); false if shutdown came first.
    async fn wait(&self, pause: Option<Duration>) -> bool {
        let mut shutdown = self.inner.shutdown.clone();
        let waited = async {
            match pause {
                Some(pause) => tokio::time::sleep(pause).await,
                None => self.inner.limiter.acquire().await,
            }
        };
        tokio::select! {
            () = waited => true,
            () = shutdown.triggered() => false,
        }
    }

    /// Runs a store call on the blocking pool, so SQLite never stalls the async workers.
    async fn blocking<T: Send + 'static>(
        &self,
        call: impl FnOnce(&Store) -> Result<T, StoreError> + Send + 'static,
    ) -> Result<T, DeliveryError> {
        blocking(Arc::clone(&self.inner.store), call).await
    }
}

async fn blocking<T: Send + 'static>(
    store: Arc<Store>,
    call: impl FnOnce(&Store) -> Result<T, StoreError> + Send + 'static,
) -> Result<T, DeliveryError> {
    tokio::task::spawn_blocking(move || call(&store))
        .await
        .map_err(|error| DeliveryError::Task(error.to_string()))?
        .map_err(DeliveryError::from)
}

/// Writes outcomes as they arrive; whatever piled up during one write goes in the next, so
/// under load each transaction carries many rows and SQLite keeps up with any post rate.
async fn commit_outcomes(
    store: Arc<Store>,
    mut receiver: mpsc::UnboundedReceiver<DeliveryOutcome>,
) -> Result<(), DeliveryError> {
    let mut buffer = Vec::new();
    while receiver.recv_many(&mut buffer, 1024).await > 0 {
        let batch = std::mem::take(&mut buffer);
        blocking(Arc::clone(&store), move |store| {
            store.record_outcomes(&batch)
        })
        .await?;
    }
    Ok(())
}

/// Splits rows (ordered by channel, then update) into one list per channel.
fn by_channel(due: Vec<DueDelivery>) -> Vec<Vec<DueDelivery>> {
    let mut groups: Vec<Vec<DueDelivery>> = Vec::new();
    let mut current: Option<ChannelId> = None;
    for row in due {
        if current != Some(row.channel) {
            current = Some(row.channel);
            groups.push(Vec::new());
        }
        if let Some(group) = groups.last_mut() {
            group.push(row);
        }
    }
    groups
}

/// The wait after the `failures`-th server error of one post: first, 2×first, 4×first … ≤ max.
fn backoff(config: &DeliveryConfig, failures: u32) -> Duration {
    let factor = 2u32.saturating_pow(failures.saturating_sub(1));
    config
        .backoff_first
        .saturating_mul(factor)
        .min(config.backoff_max)
}

/// What an admin reads in `/subscriptions` for a paused subscription.
fn pause_reason(error: &PostError) -> String {
    match error {
        PostError::MissingAccess => "briefbot cannot see this channel (Discord: Missing Access); \
             give it View Channel there, then run /subscribe again"
            .to_owned(),
        _ => "briefbot may not post here (Discord: Missing Permissions); it needs View Channel, \
              Send Messages and Embed Links, then run /subscribe again"
            .to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_the_limit() {
        let config = DeliveryConfig::default();
        let waits: Vec<u64> = (1..=8)
            .map(|failures| backoff(&config, failures).as_secs())
            .collect();
        assert_eq!(waits, [1, 2, 4, 8, 16, 32, 60, 60]);
        assert_eq!(backoff(&config, u32::MAX), Duration::from_secs(60));
    }
}
