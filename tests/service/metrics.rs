//! `/metrics` after a scripted session: the counters moved by exactly what happened.

use briefbot::ops::metrics::sample;
use serde_json::json;

use crate::discord_support::loopback::{
    Fault, Invoker, Loopback, Recorded, channel_option, focused, option, payloads,
};
use crate::support::{ServedBot, briefings, write_briefing};

/// A member who may manage channels, in #general.
fn admin() -> Invoker {
    Invoker {
        permissions: payloads::ALL_PERMISSIONS.to_owned(),
        ..Invoker::default()
    }
}

/// Whether briefbot's own code sent this request (and so counts it): not serenity's gateway
/// lookup, not poise's autocomplete answers.
fn counted_by_briefbot(request: &Recorded) -> bool {
    let autocomplete_answer = request.path.ends_with("/callback") && request.body["type"] == 8;
    !request.path.starts_with("/gateway") && !autocomplete_answer
}

fn value(text: &str, name: &str, labels: &str) -> f64 {
    sample(text, name, labels).unwrap_or(0.0)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_counters_move_by_exactly_what_happened() {
    let discord = Loopback::start().await;
    let folder = briefings();
    let bot = ServedBot::start(&discord, folder.path());
    discord.wait_ready().await;
    discord.wait_request("PUT", "/commands").await;

    // Two answers, one refusal, one autocomplete request.
    let answered = discord.slash("summary", json!([]));
    discord.callback(&answered).await;
    let unknown = discord.slash("summary", json!([option("briefing", "no-such-briefing")]));
    discord.callback(&unknown).await;
    let subscribed = discord.slash_as(
        "subscribe",
        json!([channel_option("channel", payloads::GENERAL_CHANNEL_ID)]),
        &admin(),
    );
    discord.callback(&subscribed).await;
    let typed = discord.autocomplete("summary", json!([focused("briefing", "tit")]));
    discord.callback(&typed).await;

    // One delivery, whose first post Discord answers with a 429.
    let post = format!("/channels/{}/messages", payloads::GENERAL_CHANNEL_ID);
    let limited = Fault::RateLimited {
        retry_after: 0.1,
        global: false,
    };
    discord.inject("POST", &post, limited, 1);
    write_briefing(folder.path(), "b", "2026-11-27");
    discord.wait_channel_messages(1).await;

    // Every request briefbot made, by the status Discord's side answered it with.
    let requests: Vec<Recorded> = discord
        .requests()
        .into_iter()
        .filter(counted_by_briefbot)
        .collect();
    let successes = requests
        .iter()
        .filter(|request| (200..300).contains(&request.status))
        .count();
    assert_eq!(requests.len(), successes + 1, "{}", discord.describe());
    let text = bot
        // Counted when Discord answered; the ledger row is marked a moment later.
        .scrape_until("the delivery to be counted and recorded", |text| {
            sample(text, "briefbot_deliveries_total", "outcome=\"delivered\"") == Some(1.0)
                && sample(text, "briefbot_delivery_pending", "") == Some(0.0)
                && sample(text, "briefbot_discord_requests_total", "status=\"2xx\"")
                    == Some(successes as f64)
        })
        .await;
    let interactions = |command: &str, outcome: &str| {
        value(
            &text,
            "briefbot_interactions_total",
            &format!("command=\"{command}\",outcome=\"{outcome}\""),
        )
    };
    assert_eq!(interactions("summary", "answered"), 1.0, "{text}");
    assert_eq!(interactions("summary", "refused"), 1.0, "{text}");
    assert_eq!(interactions("subscribe", "answered"), 1.0, "{text}");
    assert_eq!(interactions("summary", "failed"), 0.0, "{text}");
    let count = |name: &str| value(&text, &format!("{name}_count"), "command=\"summary\"");
    assert_eq!(count("briefbot_interaction_duration_seconds"), 2.0);
    assert_eq!(count("briefbot_autocomplete_duration_seconds"), 1.0);

    assert_eq!(
        value(&text, "briefbot_reloads_total", "result=\"swapped\""),
        1.0
    );
    assert_eq!(
        value(&text, "briefbot_reloads_total", "result=\"rejected\""),
        0.0
    );
    assert_eq!(value(&text, "briefbot_briefings", ""), 2.0);
    assert_eq!(value(&text, "briefbot_briefing_problems", ""), 0.0);
    for outcome in ["failed", "skipped", "paused", "removed"] {
        let labels = format!("outcome=\"{outcome}\"");
        assert_eq!(value(&text, "briefbot_deliveries_total", &labels), 0.0);
    }
    assert_eq!(value(&text, "briefbot_delivery_pending", ""), 0.0);
    assert_eq!(value(&text, "briefbot_delivery_lag_seconds_count", ""), 1.0);

    let status = |label: &str| {
        value(
            &text,
            "briefbot_discord_requests_total",
            &format!("status=\"{label}\""),
        )
    };
    assert_eq!(
        status("2xx"),
        successes as f64,
        "{text}\n{}",
        discord.describe()
    );
    assert_eq!(status("429"), 1.0, "{text}");
    assert_eq!(
        value(&text, "briefbot_discord_invalid_requests_total", ""),
        1.0
    );

    let version = format!("version=\"{}\"", env!("CARGO_PKG_VERSION"));
    assert_eq!(value(&text, "briefbot_build_info", &version), 1.0);
    bot.stop().await.expect("the bot stops cleanly");
    discord.assert_no_violations();
}
