//! The bot's Prometheus metrics: what is counted, with which labels, and the text a scrape gets.
//!
//! Every metric lives in one [`Metrics`] value with its own registry — not a process-wide
//! recorder — so two bots in one test process count apart and a test can assert exact numbers.
//! Label values are closed enums wherever the set is known, so a typo cannot start a new series.

use std::fmt::{self, Write as _};
use std::sync::atomic::AtomicU64;
use std::time::{Duration, SystemTime};

use prometheus_client::encoding::{EncodeLabelSet, EncodeLabelValue, LabelValueEncoder};
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::metrics::info::Info;
use prometheus_client::registry::{Registry, Unit};

use crate::subscriptions::{DeliveryResult, DueDelivery};
use crate::updates::DeliveryObserver;

use super::gateway::GatewayMetrics;

/// Buckets of the command and autocomplete histograms, in seconds. Dense around Discord's 3 s
/// deadline for the first response (2.5, 3, 4), so `le="3"` tells how many answered in time.
pub const DURATION_BUCKETS: [f64; 15] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 2.5, 3.0, 4.0, 10.0,
];
/// Buckets of the delivery lag, in seconds: from a post sent at once to one that waited out a
/// long outage.
pub const LAG_BUCKETS: [f64; 12] = [
    0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 300.0, 900.0, 3600.0,
];

/// How a slash command ended, for `briefbot_interactions_total{outcome}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum InteractionOutcome {
    /// Answered with what was asked.
    Answered,
    /// Answered with a refusal the user can act on: an unknown briefing, a missing
    /// permission, an option that could not be read.
    Refused,
    /// Something broke on our side or Discord's; the user got the generic apology.
    Failed,
}

impl InteractionOutcome {
    /// The label value.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Answered => "answered",
            Self::Refused => "refused",
            Self::Failed => "failed",
        }
    }
}

/// How a reload of the briefings folder ended, for `briefbot_reloads_total{result}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReloadResult {
    /// The folder loaded without errors and is served now.
    Swapped,
    /// The folder has errors; the last good set keeps serving.
    Rejected,
}

impl ReloadResult {
    /// The label value.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Swapped => "swapped",
            Self::Rejected => "rejected",
        }
    }
}

/// How one ledger row's delivery ended, for `briefbot_deliveries_total{outcome}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DeliveryOutcomeLabel {
    /// Discord created the post (or recognised it by its nonce).
    Delivered,
    /// Given up until the next start (server errors, rate limits, a malformed post).
    Failed,
    /// Never to be sent: superseded, its briefing gone.
    Skipped,
    /// Discord refused the post (50001/50013); the channel's subscriptions are paused.
    Paused,
    /// Discord no longer knows the channel or server (10003/10004); its subscriptions are gone.
    Removed,
}

impl DeliveryOutcomeLabel {
    /// The label value.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Delivered => "delivered",
            Self::Failed => "failed",
            Self::Skipped => "skipped",
            Self::Paused => "paused",
            Self::Removed => "removed",
        }
    }
}

macro_rules! label_value {
    ($($type:ty),*) => {$(
        impl EncodeLabelValue for $type {
            fn encode(&self, encoder: &mut LabelValueEncoder<'_>) -> fmt::Result {
                encoder.write_str(self.as_str())
            }
        }
    )*};
}
label_value!(InteractionOutcome, ReloadResult, DeliveryOutcomeLabel);

#[derive(Debug, Clone, PartialEq, Eq, Hash, EncodeLabelSet)]
struct CommandOutcome {
    command: String,
    outcome: InteractionOutcome,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, EncodeLabelSet)]
struct CommandName {
    command: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, EncodeLabelSet)]
struct ReloadLabels {
    result: ReloadResult,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, EncodeLabelSet)]
struct DeliveryLabels {
    outcome: DeliveryOutcomeLabel,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, EncodeLabelSet)]
struct StatusLabels {
    status: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, EncodeLabelSet)]
struct BuildLabels {
    version: &'static str,
}

fn duration_histogram() -> Histogram {
    Histogram::new(DURATION_BUCKETS)
}

/// Every metric of a running bot, and the registry that encodes them for a scrape.
#[derive(Debug)]
pub struct Metrics {
    registry: Registry,
    interactions: Family<CommandOutcome, Counter>,
    interaction_duration: Family<CommandName, Histogram, fn() -> Histogram>,
    autocomplete_duration: Family<CommandName, Histogram, fn() -> Histogram>,
    briefings: Gauge,
    briefing_problems: Gauge,
    reloads: Family<ReloadLabels, Counter>,
    deliveries: Family<DeliveryLabels, Counter>,
    delivery_pending: Gauge,
    delivery_lag: Histogram,
    discord_requests: Family<StatusLabels, Counter>,
    discord_invalid_requests: Counter,
    gateway: GatewayMetrics,
    replicas_live: Gauge,
    delivery_rate: Gauge<f64, AtomicU64>,
}

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}

impl Metrics {
    /// Every metric at zero, registered under its `briefbot_` name.
    pub fn new() -> Self {
        let mut metrics = Metrics {
            registry: Registry::default(),
            interactions: Family::default(),
            interaction_duration: Family::new_with_constructor(duration_histogram),
            autocomplete_duration: Family::new_with_constructor(duration_histogram),
            briefings: Gauge::default(),
            briefing_problems: Gauge::default(),
            reloads: Family::default(),
            deliveries: Family::default(),
            delivery_pending: Gauge::default(),
            delivery_lag: Histogram::new(LAG_BUCKETS),
            discord_requests: Family::default(),
            discord_invalid_requests: Counter::default(),
            gateway: GatewayMetrics::default(),
            replicas_live: Gauge::default(),
            delivery_rate: Gauge::default(),
        };
        let registry = &mut metrics.registry;
        registry.register(
            "briefbot_build",
            "The running build: its version",
            Info::new(BuildLabels {
                version: env!("CARGO_PKG_VERSION"),
            }),
        );
        registry.register(
            "briefbot_interactions",
            "Slash commands handled, by command and outcome (answered, refused, failed)",
            metrics.interactions.clone(),
        );
        registry.register_with_unit(
            "briefbot_interaction_duration",
            "Time from a slash command's start to its last reply sent, by command",
            Unit::Seconds,
            metrics.interaction_duration.clone(),
        );
        registry.register_with_unit(
            "briefbot_autocomplete_duration",
            "Time to compute the choices of an autocomplete request, by command",
            Unit::Seconds,
            metrics.autocomplete_duration.clone(),
        );
        registry.register(
            "briefbot_briefings",
            "Briefings being served",
            metrics.briefings.clone(),
        );
        registry.register(
            "briefbot_briefing_problems",
            "Files with diagnostics (errors or warnings) in the last load of the briefings folder",
            metrics.briefing_problems.clone(),
        );
        registry.register(
            "briefbot_reloads",
            "Reloads of the briefings folder, by result (swapped, rejected)",
            metrics.reloads.clone(),
        );
        registry.register(
            "briefbot_deliveries",
            "Update posts finished, by outcome (delivered, failed, skipped, paused, removed)",
            metrics.deliveries.clone(),
        );
        registry.register(
            "briefbot_delivery_pending",
            "Update posts waiting in the delivery ledger",
            metrics.delivery_pending.clone(),
        );
        registry.register_with_unit(
            "briefbot_delivery_lag",
            "Time from noticing a briefing change to Discord confirming its post",
            Unit::Seconds,
            metrics.delivery_lag.clone(),
        );
        registry.register(
            "briefbot_discord_requests",
            "REST requests briefbot made to Discord, by status (2xx for a success, the code of a refusal, none when no answer came)",
            metrics.discord_requests.clone(),
        );
        registry.register(
            "briefbot_discord_invalid_requests",
            "Requests Discord answered 401, 403 or 429; Discord bans a client at 10,000 in 10 minutes",
            metrics.discord_invalid_requests.clone(),
        );
        metrics.gateway.register(registry);
        registry.register(
            "briefbot_replicas_live",
            "Replicas sharing the database whose heartbeat has not run out, this one included, as of its last heartbeat",
            metrics.replicas_live.clone(),
        );
        registry.register(
            "briefbot_delivery_rate_per_second",
            "Update posts per second this replica sends at most: delivery_rate divided by the replicas live",
            metrics.delivery_rate.clone(),
        );
        // Known label sets start at zero, so `rate()` and alerts work before the first event.
        for result in [ReloadResult::Swapped, ReloadResult::Rejected] {
            drop(metrics.reloads.get_or_create(&ReloadLabels { result }));
        }
        for outcome in [
            DeliveryOutcomeLabel::Delivered,
            DeliveryOutcomeLabel::Failed,
            DeliveryOutcomeLabel::Skipped,
            DeliveryOutcomeLabel::Paused,
            DeliveryOutcomeLabel::Removed,
        ] {
            drop(
                metrics
                    .deliveries
                    .get_or_create(&DeliveryLabels { outcome }),
            );
        }
        metrics
    }

    /// Counts a slash command that ended with `outcome`, and its duration when it started.
    pub fn interaction(
        &self,
        command: &str,
        outcome: InteractionOutcome,
        duration: Option<Duration>,
    ) {
        let command = command.to_owned();
        if let Some(duration) = duration {
            self.interaction_duration
                .get_or_create(&CommandName {
                    command: command.clone(),
                })
                .observe(duration.as_secs_f64());
        }
        self.interactions
            .get_or_create(&CommandOutcome { command, outcome })
            .inc();
    }

    /// Records how long the choices of an autocomplete request for `command` took.
    pub fn autocomplete(&self, command: &str, duration: Duration) {
        self.autocomplete_duration
            .get_or_create(&CommandName {
                command: command.to_owned(),
            })
            .observe(duration.as_secs_f64());
    }

    /// Sets what is served: `briefings` briefings, and `problem_files` files with diagnostics
    /// in the last load.
    pub fn library(&self, briefings: usize, problem_files: usize) {
        self.briefings.set(gauge_value(briefings));
        self.briefing_problems.set(gauge_value(problem_files));
    }

    /// Sets how many files had diagnostics in a load that was rejected (what is served, and so
    /// the briefings gauge, did not change).
    pub fn library_problems(&self, problem_files: usize) {
        self.briefing_problems.set(gauge_value(problem_files));
    }

    /// Counts a reload of the briefings folder.
    pub fn reload(&self, result: ReloadResult) {
        self.reloads.get_or_create(&ReloadLabels { result }).inc();
    }

    /// Counts a finished delivery.
    pub fn delivery(&self, outcome: DeliveryOutcomeLabel) {
        self.deliveries
            .get_or_create(&DeliveryLabels { outcome })
            .inc();
    }

    /// Sets how many posts wait in the ledger.
    pub fn delivery_pending(&self, pending: usize) {
        self.delivery_pending.set(gauge_value(pending));
    }

    /// Counts a REST request Discord answered with a success.
    pub fn discord_success(&self) {
        self.discord_response(Some(200));
    }

    /// Counts a REST request to Discord by the status it got (`None`: no answer came — a
    /// timeout or a connection that failed). 401, 403 and 429 also count as invalid.
    pub fn discord_response(&self, status: Option<u16>) {
        let label = match status {
            Some(200..=299) => "2xx".to_owned(),
            Some(status) => status.to_string(),
            None => "none".to_owned(),
        };
        self.discord_requests
            .get_or_create(&StatusLabels { status: label })
            .inc();
        if matches!(status, Some(401 | 403 | 429)) {
            self.discord_invalid_requests.inc();
        }
    }

    /// The gateway's metrics by shard, set at scrape time.
    pub fn gateway(&self) -> &GatewayMetrics {
        &self.gateway
    }

    /// Every metric in the Prometheus text format (version 0.0.4).
    pub fn encode(&self) -> String {
        let mut text = String::new();
        // Writing into a String cannot fail.
        let _ = prometheus_client::encoding::prometheus_text::encode(&mut text, &self.registry);
        text
    }
}

/// The content type of [`Metrics::encode`]'s text.
pub const CONTENT_TYPE: &str = prometheus_client::encoding::prometheus_text::CONTENT_TYPE;

fn gauge_value(count: usize) -> i64 {
    i64::try_from(count).unwrap_or(i64::MAX)
}

/// The delivery engine reports to the metrics through this, so `updates` names no metrics crate.
impl DeliveryObserver for Metrics {
    fn finished(&self, due: &DueDelivery, result: &DeliveryResult) {
        let outcome = match result {
            DeliveryResult::Delivered(_) => {
                // A clock set back makes the lag zero, not negative.
                let lag = SystemTime::now()
                    .duration_since(due.noticed_at)
                    .unwrap_or_default();
                self.delivery_lag.observe(lag.as_secs_f64());
                DeliveryOutcomeLabel::Delivered
            }
            DeliveryResult::Failed(_) => DeliveryOutcomeLabel::Failed,
            DeliveryResult::Skipped(_) => DeliveryOutcomeLabel::Skipped,
        };
        self.delivery(outcome);
    }

    fn channel_paused(&self, _due: &DueDelivery) {
        self.delivery(DeliveryOutcomeLabel::Paused);
    }

    fn channel_removed(&self, _due: &DueDelivery) {
        self.delivery(DeliveryOutcomeLabel::Removed);
    }

    fn replicas(&self, live: usize, rate_per_second: f64) {
        self.replicas_live.set(gauge_value(live));
        self.delivery_rate.set(rate_per_second);
    }
}

/// Reads one sample, `name{labels} value`, from scraped text: for tests and for the README's
/// example. `labels` is the exact label text between the braces, empty for none.
pub fn sample(text: &str, name: &str, labels: &str) -> Option<f64> {
    let mut series = String::from(name);
    if !labels.is_empty() {
        let _ = write!(series, "{{{labels}}}");
    }
    text.lines().find_map(|line| {
        let value = line.strip_prefix(series.as_str())?.strip_prefix(' ')?;
        value.trim().parse().ok()
    })
}

#[cfg(test)]
mod tests;
