//! Sending: a claimed batch fanned out over channels, each channel's rows in order, each post
//! sent and re-sent as its error calls for, outcomes committed in batches.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use tokio::sync::{Semaphore, mpsc};
use tokio::task::JoinSet;

use crate::subscriptions::{
    ChannelId, DeliveryOutcome, DeliveryResult, DueDelivery, MessageId, PauseReason, Store,
    UpdateKey, Verdict,
};
use crate::updates::post::update_post;
use crate::updates::poster::{Nonce, Outgoing, PostError, Poster};

use super::{Deliverer, DeliveryConfig, DeliveryError, DeliveryReport, blocking};

/// How sending one post ended, after every retry it was worth.
pub(super) enum Sent {
    /// Discord made the message (or recognised the nonce), after this many sends.
    Posted(MessageId, u32),
    /// Gave up for this run, after this many sends.
    Failed(String, u32),
    /// The channel or its server is gone.
    Gone(PostError),
    /// Discord refused the bot there, after this many sends.
    Refused(PauseReason, u32),
    /// Shutdown came first, or the pass was halted; nothing is recorded.
    Interrupted,
    /// Discord rejected the token: halt the whole pass.
    Halt,
}

/// How one row's delivery ended.
enum Attempted {
    /// Write this outcome to the ledger.
    Done(DeliveryOutcome),
    /// Anything else [`Sent`] can say.
    Unsent(Sent),
}

impl<P: Poster> Deliverer<P> {
    /// Sends one claimed batch: channels in parallel (bounded), each channel's rows in order,
    /// outcomes written in batches as they arrive.
    pub(super) async fn deliver_batch(
        &self,
        due: Vec<DueDelivery>,
    ) -> Result<DeliveryReport, DeliveryError> {
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
            let sent = match self.attempt(&due, &mut report, halted).await {
                Attempted::Done(outcome) => {
                    self.observer().finished(&due, &outcome.result);
                    match &outcome.result {
                        DeliveryResult::Delivered(_) => report.delivered += 1,
                        DeliveryResult::Failed(error) => {
                            tracing::warn!(channel = %due.channel(), update = %due.key, error, "delivery failed until the next start");
                            report.failed += 1;
                        }
                        DeliveryResult::Skipped(reason) => {
                            tracing::info!(channel = %due.channel(), update = %due.key, reason, "delivery skipped");
                            report.skipped += 1;
                        }
                    }
                    // A closed receiver is noticed at the top of the loop.
                    let _ = outcomes.send(outcome);
                    continue;
                }
                Attempted::Unsent(sent) => sent,
            };
            match &sent {
                Sent::Gone(_) => self.observer().channel_removed(&due),
                Sent::Refused(..) => self.observer().channel_paused(&due),
                _ => {}
            }
            if let Sent::Refused(reason, attempts) = &sent {
                let _ = outcomes.send(DeliveryOutcome {
                    channel: due.channel(),
                    key: due.key.clone(),
                    attempts: *attempts,
                    result: DeliveryResult::Skipped(format!("subscription paused: {reason}")),
                });
                report.skipped += 1;
            }
            self.end_channel(due.channel(), sent, &mut report, halted)
                .await?;
            break;
        }
        Ok(report)
    }

    /// Acts on a send that ended the channel's turn (its remaining rows wait): removes or
    /// pauses its subscriptions, or halts the pass.
    pub(super) async fn end_channel(
        &self,
        channel: ChannelId,
        sent: Sent,
        report: &mut DeliveryReport,
        halted: &AtomicBool,
    ) -> Result<(), DeliveryError> {
        match sent {
            Sent::Gone(error) => {
                let removed = match error {
                    PostError::GuildGone => {
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
            }
            Sent::Refused(reason, _) => {
                let words = reason.to_string();
                self.blocking(move |store| store.pause_channel(channel, &reason))
                    .await?;
                tracing::warn!(%channel, reason = words, "paused subscriptions: Discord refused the post");
                report.channels_paused += 1;
            }
            Sent::Halt => {
                tracing::error!(%channel, "Discord rejected the token; stopping deliveries");
                halted.store(true, Ordering::Relaxed);
            }
            Sent::Interrupted | Sent::Posted(..) | Sent::Failed(..) => {}
        }
        Ok(())
    }

    /// Builds the post for one row (unless the briefing is gone, superseded or filtered out)
    /// and sends it.
    async fn attempt(
        &self,
        due: &DueDelivery,
        report: &mut DeliveryReport,
        halted: &AtomicBool,
    ) -> Attempted {
        let done = |attempts, result| {
            Attempted::Done(DeliveryOutcome {
                channel: due.channel(),
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
        if let Some(Verdict::Skip(reason)) =
            due.filter.as_ref().map(|filter| filter.verdict(briefing))
        {
            return done(0, DeliveryResult::Skipped(reason));
        }
        let post = update_post(briefing, due.kind);
        let nonce = Nonce::of(&due.key, due.channel());
        let outgoing = Outgoing {
            destination: due.destination,
            reply: &post,
            nonce: &nonce,
            mention: due.mention,
            ping: true,
            publish: true,
            tags: &briefing.tags,
            since: due.queued_at,
        };
        match self.send(&outgoing, report, halted).await {
            Sent::Posted(message, attempts) => done(attempts, DeliveryResult::Delivered(message)),
            Sent::Failed(error, attempts) => done(attempts, DeliveryResult::Failed(error)),
            other => Attempted::Unsent(other),
        }
    }

    /// Sends one post, waiting for the rate limiter and retrying as each error calls for.
    pub(super) async fn send(
        &self,
        outgoing: &Outgoing<'_>,
        report: &mut DeliveryReport,
        halted: &AtomicBool,
    ) -> Sent {
        let config = &self.inner.config;
        let channel = outgoing.destination.channel;
        let mut attempts = 0;
        let mut server_errors = 0;
        let mut rate_limited = 0;
        loop {
            let stopped = || self.inner.shutdown.is_triggered() || halted.load(Ordering::Relaxed);
            if stopped() || !self.wait(None).await || stopped() {
                return Sent::Interrupted;
            }
            attempts += 1;
            report.requests += 1;
            let sent = tokio::time::timeout(config.post_timeout, self.inner.poster.post(outgoing))
                .await
                .unwrap_or(Err(PostError::Timeout));
            let error = match sent {
                Ok(message) => return Sent::Posted(message, attempts),
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
                        return Sent::Failed(reason, attempts);
                    }
                    *retry_after
                }
                PostError::ServerError { .. } | PostError::Timeout | PostError::Network(_) => {
                    report.server_errors += 1;
                    server_errors += 1;
                    if server_errors >= config.max_attempts {
                        return Sent::Failed(error.to_string(), attempts);
                    }
                    backoff(config, server_errors)
                }
                PostError::ChannelGone | PostError::GuildGone => return Sent::Gone(error),
                PostError::Refused(reason) => return Sent::Refused(reason.clone(), attempts),
                PostError::Unauthorized => return Sent::Halt,
                PostError::Other(_) => return Sent::Failed(error.to_string(), attempts),
            };
            tracing::debug!(%channel, nonce = %outgoing.nonce, %error, ?pause, "retrying");
            if !self.wait(Some(pause)).await {
                return Sent::Interrupted;
            }
        }
    }
}

impl<P: Poster> Deliverer<P> {
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
}

/// Writes outcomes as they arrive; whatever piled up during one write goes in the next, so
/// under load each transaction carries many rows and SQLite keeps up with any post rate.
async fn commit_outcomes(
    store: Arc<dyn Store>,
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
        if current != Some(row.channel()) {
            current = Some(row.channel());
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
