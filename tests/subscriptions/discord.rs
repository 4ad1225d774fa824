//! The whole bot against the loopback Discord: `/subscribe`, posts in exactly the subscribed
//! channels, broken briefings, restarts. The harness is in `harness`; Discord's errors and the
//! SIGKILL test are in `faults`. The exactly-once and restart tests run on both backends.

use std::collections::HashMap;

use briefbot::subscriptions::LedgerCounts;
use serde_json::json;

use crate::discord_support::loopback::{Fault, Invoker, payloads};
use crate::harness::*;
use crate::support::{Db, on_both_backends_end_to_end};

// ---------------------------------------------------------------------------------------------

on_both_backends_end_to_end!(
    subscribed_channels_get_a_new_briefing_once_and_no_other_channel_gets_it,
    pending_deliveries_are_delivered_once_after_a_restart_and_never_again,
);

async fn subscribed_channels_get_a_new_briefing_once_and_no_other_channel_gets_it(db: Db) {
    let mut harness = Harness::start_on(db).await;
    let here = harness.subscribe(payloads::GENERAL_CHANNEL_ID, None).await;
    assert!(
        !is_ephemeral(&here),
        "the channel sees that it now follows the story"
    );
    assert_eq!(title(&here), "Subscribed");
    assert_eq!(
        description(&here),
        "#general now gets belarus-russia updates. The next new or updated briefing will be \
         posted here; earlier briefings are not posted."
    );
    let there = harness
        .subscribe(
            payloads::GENERAL_CHANNEL_ID,
            Some(payloads::NEWS_CHANNEL_ID),
        )
        .await;
    assert_eq!(
        description(&there),
        "#news now gets belarus-russia updates. The next new or updated briefing will be \
         posted there; earlier briefings are not posted."
    );
    let again = harness
        .subscribe(
            payloads::GENERAL_CHANNEL_ID,
            Some(payloads::NEWS_CHANNEL_ID),
        )
        .await;
    assert_eq!(title(&again), "Already subscribed");
    assert!(is_ephemeral(&again), "a no-op is for the admin alone");
    assert_eq!(harness.read(|store| store.subscription_count()).unwrap(), 2);
    assert!(
        harness
            .discord
            .channel_messages(payloads::GENERAL_CHANNEL_ID)
            .is_empty(),
        "no back catalogue"
    );

    write_briefing(harness.folder(), "b", "2026-11-27");
    harness.discord.wait_channel_messages(2).await;
    harness.stop().await;

    let posted = harness.discord.messages_per_channel();
    assert_eq!(
        posted,
        HashMap::from([
            (payloads::GENERAL_CHANNEL_ID.to_owned(), 1),
            (payloads::NEWS_CHANNEL_ID.to_owned(), 1),
        ])
    );
    for channel in [payloads::GENERAL_CHANNEL_ID, payloads::NEWS_CHANNEL_ID] {
        let posts = posts_to(&harness.discord, channel);
        assert_eq!(posts.len(), 1, "one request per channel");
        let (status, body) = &posts[0];
        assert_eq!(*status, 200);
        assert_eq!(title(body), "Title of b");
        assert_eq!(description(body), "The tl;dr of b.");
        let key_quote = fields(body)
            .into_iter()
            .find(|(name, _)| name == "Key quote")
            .expect("a key quote field");
        assert!(
            key_quote.1.contains("We will not, said b."),
            "{key_quote:?}"
        );
        assert_eq!(body["allowed_mentions"]["parse"], json!([]));
        assert_eq!(body["enforce_nonce"], true);
        assert!(
            body["nonce"]
                .as_str()
                .is_some_and(|nonce| nonce.len() <= 25)
        );
    }
    assert_eq!(
        harness
            .read(|store| store.ledger_counts())
            .unwrap()
            .delivered,
        2
    );
    harness.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_broken_briefing_posts_nothing_the_old_set_answers_and_the_fix_posts_once() {
    let mut harness = Harness::start().await;
    harness.subscribe(payloads::GENERAL_CHANNEL_ID, None).await;

    // A broken briefing, then a valid new one beside it: every set holding the broken file is
    // rejected as a whole, however the watcher batches the two writes.
    std::fs::write(harness.folder().join("c.toml"), "schema = 1\nid = \"c\"\n").unwrap();
    write_briefing(harness.folder(), "d", "2026-11-28");
    logs::wait_for(&[
        "briefings not reloaded",
        &harness.folder().display().to_string(),
    ])
    .await;
    let summary = harness.ask(&Invoker::default(), "summary", json!([])).await;
    assert_eq!(title(&summary), "Title of a", "the old set still answers");
    assert!(harness.discord.requests_to("POST", "/channels/").is_empty());

    write_briefing(harness.folder(), "c", "2026-11-27");
    harness.discord.wait_channel_messages(2).await;
    let summary = harness.ask(&Invoker::default(), "summary", json!([])).await;
    assert_eq!(title(&summary), "Title of d", "the fixed set answers");
    harness.stop().await;
    let titles: Vec<String> = harness
        .discord
        .channel_messages(payloads::GENERAL_CHANNEL_ID)
        .iter()
        .map(|message| title(message).to_owned())
        .collect();
    assert_eq!(
        titles,
        ["Title of c", "Title of d"],
        "oldest first, each once"
    );
    harness.finish().await;
}

async fn pending_deliveries_are_delivered_once_after_a_restart_and_never_again(db: Db) {
    let mut harness = Harness::start_on(db).await;
    harness.subscribe(payloads::GENERAL_CHANNEL_ID, None).await;
    harness
        .subscribe(
            payloads::GENERAL_CHANNEL_ID,
            Some(payloads::NEWS_CHANNEL_ID),
        )
        .await;
    // Discord holds each channel's post back for a minute: the bot stops with both pending.
    for channel in [payloads::GENERAL_CHANNEL_ID, payloads::NEWS_CHANNEL_ID] {
        let hold = Fault::RateLimited {
            retry_after: 60.0,
            global: false,
        };
        let path = format!("/channels/{channel}/messages");
        harness.discord.inject("POST", &path, hold, 1);
    }
    write_briefing(harness.folder(), "b", "2026-11-27");
    harness.discord.wait_requests("POST", "/messages", 2).await;
    harness.stop().await;
    assert!(harness.discord.messages_per_channel().is_empty());
    assert_eq!(
        harness.read(|store| store.ledger_counts()).unwrap(),
        LedgerCounts {
            pending: 2,
            ..LedgerCounts::default()
        }
    );

    harness.launch().await;
    harness.discord.wait_channel_messages(2).await;
    harness.stop().await;
    harness.launch().await;
    // The third run's pass over what is due has run (and found nothing) before it stops.
    let database = harness.database();
    logs::wait_for_count(&["delivered what was due at start", &database], 3).await;
    let summary = harness.ask(&Invoker::default(), "summary", json!([])).await;
    assert_eq!(title(&summary), "Title of b");
    harness.stop().await;

    assert_eq!(
        harness.discord.messages_per_channel(),
        HashMap::from([
            (payloads::GENERAL_CHANNEL_ID.to_owned(), 1),
            (payloads::NEWS_CHANNEL_ID.to_owned(), 1),
        ])
    );
    assert_eq!(
        harness.discord.requests_to("POST", "/messages").len(),
        4,
        "the two held posts, then one per channel; nothing after the second restart"
    );
    assert_eq!(
        harness.read(|store| store.ledger_counts()).unwrap(),
        LedgerCounts {
            delivered: 2,
            ..LedgerCounts::default()
        }
    );
    harness.finish().await;
}
