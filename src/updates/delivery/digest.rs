//! Digests: at each period's hour, one post per digest subscription listing what the period
//! brought, claimed in the ledger before it is sent so it goes out once — also when the bot
//! was down at the hour (then at start).

use std::sync::atomic::AtomicBool;

use crate::briefing::Briefing;
use crate::subscriptions::{
    DeliveryResult, DigestOutcome, DueDigest, UpdateKey, UpdateKind, Verdict,
};
use crate::updates::post::digest_post;
use crate::updates::poster::{Nonce, Outgoing, Poster};

use super::send::Sent;
use super::{Deliverer, DeliveryError, DeliveryReport};

impl<P: Poster> Deliverer<P> {
    /// Claims the digests due by the clock's now and sends each, one after another.
    pub(super) async fn deliver_digests(&self) -> Result<DeliveryReport, DeliveryError> {
        let now = self.inner.config.clock.now();
        let due = self.blocking(move |store| store.claim_digests(now)).await?;
        let mut report = DeliveryReport::default();
        let halted = AtomicBool::new(false);
        for digest in due {
            if self.inner.shutdown.is_triggered() {
                break;
            }
            self.deliver_digest(digest, &mut report, &halted).await?;
            if halted.load(std::sync::atomic::Ordering::Relaxed) {
                return Err(DeliveryError::Unauthorized);
            }
        }
        Ok(report)
    }

    async fn deliver_digest(
        &self,
        digest: DueDigest,
        report: &mut DeliveryReport,
        halted: &AtomicBool,
    ) -> Result<(), DeliveryError> {
        let Some(first) = digest.rows.first().cloned() else {
            // Every row it claimed was dropped since (unsubscribed and back, say).
            return self
                .record_digest(&digest, 0, skipped("nothing left to list"), Vec::new())
                .await;
        };
        let library = self.inner.library.current();
        let mut left_out: Vec<(UpdateKey, String)> = Vec::new();
        // One entry per briefing, in the order of its first update in the period; a briefing
        // new in the period stays "new" however often it was revised after.
        let mut entries: Vec<(&Briefing, UpdateKind)> = Vec::new();
        for row in &digest.rows {
            let Some(briefing) = library.get(row.briefing.as_str()) else {
                let reason = format!("briefing {} is no longer in the library", row.briefing);
                left_out.push((row.key.clone(), reason));
                continue;
            };
            if let Some(Verdict::Skip(reason)) =
                row.filter.as_ref().map(|filter| filter.verdict(briefing))
            {
                left_out.push((row.key.clone(), reason));
                continue;
            }
            match entries
                .iter_mut()
                .find(|(listed, _)| listed.id == briefing.id)
            {
                Some(_) => {}
                None => entries.push((briefing.as_ref(), row.kind)),
            }
        }
        if entries.is_empty() {
            return self
                .record_digest(&digest, 0, skipped("every update was left out"), left_out)
                .await;
        }
        let post = digest_post(&digest.period, &entries);
        let channel = digest.channel;
        let nonce = Nonce::named(&format!("{}:{}", digest.story, digest.period), channel);
        let outgoing = Outgoing {
            destination: first.destination,
            reply: &post,
            nonce: &nonce,
            mention: first.mention,
            ping: true,
            publish: true,
            tags: &[],
            since: digest.claimed_at,
        };
        let sent = self.send(&outgoing, report, halted).await;
        self.observe_digest(&digest, &left_out, &sent);
        match sent {
            Sent::Posted(message, attempts) => {
                report.digests += 1;
                report.delivered += digest.rows.len() - left_out.len();
                report.skipped += left_out.len();
                tracing::info!(%channel, period = digest.period, entries = entries.len(), "digest posted");
                self.record_digest(
                    &digest,
                    attempts,
                    DeliveryResult::Delivered(message),
                    left_out,
                )
                .await
            }
            Sent::Failed(error, attempts) => {
                tracing::warn!(%channel, period = digest.period, error, "digest failed until the next start");
                report.failed += 1;
                self.record_digest(&digest, attempts, DeliveryResult::Failed(error), Vec::new())
                    .await
            }
            Sent::Refused(reason, attempts) => {
                let result = skipped(&format!("subscription paused: {reason}"));
                self.record_digest(&digest, attempts, result, left_out)
                    .await?;
                self.end_channel(channel, Sent::Refused(reason, attempts), report, halted)
                    .await
            }
            other => self
                .end_channel(channel, other, report, halted)
                .await
                .map(|_| ()),
        }
    }

    /// Tells the observer about each row a digest's send decided, as the ledger records them:
    /// a posted digest delivers the rows it lists and skips those left out, a failed one fails
    /// them all; a refusal or a gone channel is the channel's.
    fn observe_digest(&self, digest: &DueDigest, left_out: &[(UpdateKey, String)], sent: &Sent) {
        let observer = self.observer();
        let result = match sent {
            Sent::Posted(message, _) => DeliveryResult::Delivered(*message),
            Sent::Failed(error, _) => DeliveryResult::Failed(error.clone()),
            Sent::Refused(..) => {
                if let Some(row) = digest.rows.first() {
                    observer.channel_paused(row);
                }
                return;
            }
            Sent::Gone(_) => {
                if let Some(row) = digest.rows.first() {
                    observer.channel_removed(row);
                }
                return;
            }
            Sent::Interrupted | Sent::Halt => return,
        };
        for row in &digest.rows {
            match left_out.iter().find(|(key, _)| *key == row.key) {
                Some((_, reason)) if matches!(sent, Sent::Posted(..)) => {
                    observer.finished(row, &DeliveryResult::Skipped(reason.clone()));
                }
                _ => observer.finished(row, &result),
            }
        }
    }

    async fn record_digest(
        &self,
        digest: &DueDigest,
        attempts: u32,
        result: DeliveryResult,
        left_out: Vec<(UpdateKey, String)>,
    ) -> Result<(), DeliveryError> {
        let channel = digest.channel;
        let outcome = DigestOutcome {
            channel,
            story: digest.story.clone(),
            period: digest.period.clone(),
            attempts,
            result,
            left_out,
        };
        self.blocking(move |store| store.record_digest(&outcome))
            .await
    }
}

fn skipped(reason: &str) -> DeliveryResult {
    DeliveryResult::Skipped(reason.to_owned())
}
