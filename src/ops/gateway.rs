//! The gateway's metrics, by shard: each shard's heartbeat latency and whether it is ready.
//!
//! Kept apart from the other metrics because they are set at scrape time from the shards'
//! state (see [`super::Ops::scrape`]), not counted as events happen.

use std::sync::atomic::AtomicU64;
use std::time::Duration;

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::registry::{Registry, Unit};

#[derive(Debug, Clone, PartialEq, Eq, Hash, EncodeLabelSet)]
struct ShardLabels {
    shard: u32,
}

/// `briefbot_gateway_latency_seconds{shard}` and `briefbot_gateway_ready{shard}`.
#[derive(Debug, Default)]
pub struct GatewayMetrics {
    latency: Family<ShardLabels, Gauge<f64, AtomicU64>>,
    ready: Family<ShardLabels, Gauge>,
}

impl GatewayMetrics {
    /// Registers both families in `registry`.
    pub fn register(&self, registry: &mut Registry) {
        registry.register_with_unit(
            "briefbot_gateway_latency",
            "Time between the last gateway heartbeat and its acknowledgement, by shard",
            Unit::Seconds,
            self.latency.clone(),
        );
        registry.register(
            "briefbot_gateway_ready",
            "1 when the shard (one this process runs) got READY on its current connection, else 0",
            self.ready.clone(),
        );
    }

    /// Sets the heartbeat latency of `shard`; `None` (no heartbeat acknowledged yet) removes it.
    pub fn latency(&self, shard: u32, latency: Option<Duration>) {
        let labels = ShardLabels { shard };
        match latency {
            Some(latency) => {
                self.latency
                    .get_or_create(&labels)
                    .set(latency.as_secs_f64());
            }
            None => {
                self.latency.remove(&labels);
            }
        }
    }

    /// Sets whether `shard` is ready.
    pub fn ready(&self, shard: u32, ready: bool) {
        self.ready
            .get_or_create(&ShardLabels { shard })
            .set(i64::from(ready));
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::super::metrics::{Metrics, sample};

    #[test]
    fn a_shard_without_a_heartbeat_shows_no_latency() {
        let metrics = Metrics::new();
        metrics
            .gateway()
            .latency(0, Some(Duration::from_millis(42)));
        metrics.gateway().latency(1, Some(Duration::from_millis(7)));
        metrics.gateway().latency(1, None);
        let text = metrics.encode();
        assert_eq!(
            sample(&text, "briefbot_gateway_latency_seconds", "shard=\"0\""),
            Some(0.042)
        );
        assert_eq!(
            sample(&text, "briefbot_gateway_latency_seconds", "shard=\"1\""),
            None
        );
    }

    #[test]
    fn each_shard_says_whether_it_is_ready() {
        let metrics = Metrics::new();
        metrics.gateway().ready(2, false);
        metrics.gateway().ready(3, true);
        let text = metrics.encode();
        assert_eq!(
            sample(&text, "briefbot_gateway_ready", "shard=\"2\""),
            Some(0.0)
        );
        assert_eq!(
            sample(&text, "briefbot_gateway_ready", "shard=\"3\""),
            Some(1.0)
        );
        metrics.gateway().ready(2, true);
        let text = metrics.encode();
        assert_eq!(
            sample(&text, "briefbot_gateway_ready", "shard=\"2\""),
            Some(1.0)
        );
    }
}
