//! The metrics' own tests: names, buckets, labels and what each call moves.

use super::*;

#[test]
fn a_fresh_registry_shows_every_metric_family_once_used_and_the_build() {
    let metrics = Metrics::new();
    let fresh = metrics.encode();
    assert_eq!(
        sample(&fresh, "briefbot_deliveries_total", "outcome=\"paused\""),
        Some(0.0),
        "{fresh}"
    );
    assert_eq!(
        sample(&fresh, "briefbot_reloads_total", "result=\"rejected\""),
        Some(0.0)
    );
    metrics.interaction(
        "help",
        InteractionOutcome::Answered,
        Some(Duration::from_millis(3)),
    );
    metrics.autocomplete("summary", Duration::from_millis(1));
    metrics.discord_success();
    metrics
        .gateway()
        .latency(0, Some(Duration::from_millis(40)));
    metrics.replicas(3, 40.0 / 3.0);
    let text = metrics.encode();
    for name in [
        "briefbot_build_info",
        "briefbot_interactions_total",
        "briefbot_interaction_duration_seconds",
        "briefbot_autocomplete_duration_seconds",
        "briefbot_briefings",
        "briefbot_briefing_problems",
        "briefbot_reloads_total",
        "briefbot_deliveries_total",
        "briefbot_delivery_pending",
        "briefbot_delivery_lag_seconds",
        "briefbot_discord_requests_total",
        "briefbot_discord_invalid_requests_total",
        "briefbot_gateway_latency_seconds",
        "briefbot_replicas_live",
        "briefbot_delivery_rate_per_second",
    ] {
        assert!(
            text.contains(&format!("# TYPE {name} ")),
            "{name} in\n{text}"
        );
    }
    let version = format!("version=\"{}\"", env!("CARGO_PKG_VERSION"));
    assert_eq!(sample(&text, "briefbot_build_info", &version), Some(1.0));
}

#[test]
fn command_durations_fall_into_buckets_around_the_three_second_deadline() {
    let metrics = Metrics::new();
    metrics.interaction(
        "summary",
        InteractionOutcome::Answered,
        Some(Duration::from_millis(2_800)),
    );
    metrics.interaction(
        "summary",
        InteractionOutcome::Answered,
        Some(Duration::from_millis(3_200)),
    );
    metrics.interaction("summary", InteractionOutcome::Refused, None);
    let text = metrics.encode();
    let bucket = |le: &str| {
        sample(
            &text,
            "briefbot_interaction_duration_seconds_bucket",
            &format!("command=\"summary\",le=\"{le}\""),
        )
    };
    assert_eq!(bucket("2.5"), Some(0.0), "{text}");
    assert_eq!(bucket("3"), Some(1.0), "{text}");
    assert_eq!(bucket("4"), Some(2.0), "{text}");
    assert_eq!(
        sample(
            &text,
            "briefbot_interactions_total",
            "command=\"summary\",outcome=\"answered\""
        ),
        Some(2.0)
    );
    assert_eq!(
        sample(
            &text,
            "briefbot_interactions_total",
            "command=\"summary\",outcome=\"refused\""
        ),
        Some(1.0)
    );
}

#[test]
fn refusals_that_count_toward_discords_ban_are_counted_as_invalid() {
    let metrics = Metrics::new();
    for status in [
        Some(200),
        Some(204),
        Some(401),
        Some(403),
        Some(404),
        Some(429),
        None,
    ] {
        metrics.discord_response(status);
    }
    let text = metrics.encode();
    let requests = |status: &str| {
        sample(
            &text,
            "briefbot_discord_requests_total",
            &format!("status=\"{status}\""),
        )
    };
    assert_eq!(requests("2xx"), Some(2.0));
    assert_eq!(requests("429"), Some(1.0));
    assert_eq!(requests("404"), Some(1.0));
    assert_eq!(requests("none"), Some(1.0));
    assert_eq!(
        sample(&text, "briefbot_discord_invalid_requests_total", ""),
        Some(3.0)
    );
}

#[test]
fn a_heartbeat_sets_the_replicas_and_this_ones_share_of_the_rate() {
    let metrics = Metrics::new();
    metrics.replicas(3, 50.0 / 3.0);
    let text = metrics.encode();
    assert_eq!(
        sample(&text, "briefbot_replicas_live", ""),
        Some(3.0),
        "{text}"
    );
    let rate = sample(&text, "briefbot_delivery_rate_per_second", "").unwrap();
    assert!((rate - 16.666).abs() < 0.01, "{text}");
    metrics.replicas(1, 50.0);
    let text = metrics.encode();
    assert_eq!(sample(&text, "briefbot_replicas_live", ""), Some(1.0));
    assert_eq!(
        sample(&text, "briefbot_delivery_rate_per_second", ""),
        Some(50.0)
    );
}
