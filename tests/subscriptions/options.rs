//! `/subscribe`'s options end to end against the loopback Discord: a role mention that pings
//! exactly that role, filters, the test post, and what `/subscriptions` shows.

use briefbot::subscriptions::{DeliveryState, LedgerCounts};
use serde_json::{Value, json};

use crate::discord_support::loopback::{channel_option, option, payloads, role_option};
use crate::harness::*;

fn in_news() -> Value {
    channel_option("channel", payloads::NEWS_CHANNEL_ID)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_mention_post_pings_exactly_its_role_whatever_the_briefing_says() {
    let harness = Harness::start().await;
    let made = harness
        .subscribe_with(json!([
            in_news(),
            role_option("mention", payloads::PINGS_ROLE_ID)
        ]))
        .await;
    assert_eq!(title(&made), "Subscribed", "{made}");
    assert!(
        description(&made).contains("mentioning <@&1250000000000000001>"),
        "{made}"
    );
    // The briefing's own text names everyone and another role: neither may ping.
    let loud = "Everyone look: @everyone and <@&1250000000000000002> and <@1400000000000000005>.";
    write_tagged_briefing(harness.folder(), "b", "2026-11-27", &[], Some(loud));
    harness.discord.wait_channel_messages(1).await;
    let posts = posts_to(&harness.discord, payloads::NEWS_CHANNEL_ID);
    let (status, body) = &posts[0];
    assert_eq!(*status, 200);
    assert_eq!(body["content"], "<@&1250000000000000001>");
    assert_eq!(
        body["allowed_mentions"],
        json!({ "roles": ["1250000000000000001"] }),
        "exactly the role, no parse, no users"
    );
    assert_eq!(description(body), loud);

    // Running /subscribe again with remove:mention takes it away; nothing else changes.
    let removed = harness
        .subscribe_with(json!([in_news(), option("remove", 0)]))
        .await;
    assert_eq!(title(&removed), "Subscription changed", "{removed}");
    write_briefing(harness.folder(), "c", "2026-11-28");
    harness.discord.wait_channel_messages(2).await;
    let posts = posts_to(&harness.discord, payloads::NEWS_CHANNEL_ID);
    let (_, body) = &posts[1];
    assert!(body.get("content").is_none_or(Value::is_null), "{body}");
    assert_eq!(body["allowed_mentions"], json!({ "parse": [] }));
    harness.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_role_the_bot_may_not_mention_is_refused_and_changes_nothing() {
    let harness = Harness::start().await;
    let refused = harness
        .subscribe_with(json!([role_option("mention", payloads::STAFF_ROLE_ID)]))
        .await;
    assert!(is_ephemeral(&refused));
    assert_eq!(title(&refused), "I cannot mention @staff");
    assert!(
        description(&refused).contains("I lack Mention @everyone, @here and All Roles in #general"),
        "{refused}"
    );
    assert_eq!(harness.read(|store| store.subscription_count()).unwrap(), 0);

    // With Mention Everyone in the channel the bot may mention any role.
    let mut admin = admin_in(payloads::GENERAL_CHANNEL_ID);
    let granted: u64 = admin.app_permissions.parse::<u64>().unwrap() | payloads::MENTION_EVERYONE;
    admin.app_permissions = granted.to_string();
    let made = harness
        .ask(
            &admin,
            "subscribe",
            json!([role_option("mention", payloads::STAFF_ROLE_ID)]),
        )
        .await;
    assert_eq!(title(&made), "Subscribed", "{made}");
    harness.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_filtered_out_briefing_is_never_posted_and_is_recorded_as_skipped() {
    let mut harness = Harness::start().await;
    let made = harness
        .subscribe_with(json!([
            in_news(),
            option("filter", "tag:nuclear -tag:economy")
        ]))
        .await;
    assert!(
        description(&made).contains("only those matching `tag:nuclear -tag:economy`"),
        "{made}"
    );
    write_tagged_briefing(harness.folder(), "b", "2026-11-27", &["energy"], None);
    write_tagged_briefing(
        harness.folder(),
        "c",
        "2026-11-28",
        &["nuclear", "economy"],
        None,
    );
    write_tagged_briefing(harness.folder(), "d", "2026-11-29", &["nuclear"], None);
    harness.discord.wait_channel_messages(1).await;
    // The restart proves nothing was left "missed": no post for b or c comes later either.
    harness.stop().await;
    harness.launch().await;
    logs::wait_for_count(&["delivered what was due at start", &harness.database()], 2).await;
    harness.stop().await;
    let titles: Vec<String> = harness
        .discord
        .channel_messages(payloads::NEWS_CHANNEL_ID)
        .iter()
        .map(|message| title(message).to_owned())
        .collect();
    assert_eq!(titles, ["Title of d"]);
    let news = briefbot::subscriptions::ChannelId::new(payloads::NEWS_CHANNEL_ID.parse().unwrap())
        .unwrap();
    let rows = harness.read(|store| store.deliveries_to(news)).unwrap();
    let summary: Vec<(String, DeliveryState, Option<String>)> = rows
        .into_iter()
        .map(|row| (row.key.to_string(), row.state, row.last_error))
        .collect();
    assert_eq!(
        summary,
        [
            (
                "b@2026-11-27T00:00:00Z".to_owned(),
                DeliveryState::Skipped,
                Some("filtered out: matches none of `tag:nuclear`".to_owned())
            ),
            (
                "c@2026-11-28T00:00:00Z".to_owned(),
                DeliveryState::Skipped,
                Some("filtered out by `-tag:economy`".to_owned())
            ),
            (
                "d@2026-11-29T00:00:00Z".to_owned(),
                DeliveryState::Delivered,
                None
            ),
        ]
    );
    harness.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_invalid_filter_is_refused_with_where_and_what_to_write_instead() {
    let harness = Harness::start().await;
    let refused = harness
        .subscribe_with(json!([option("filter", "tag:nuclear -tga:economy")]))
        .await;
    assert!(is_ephemeral(&refused));
    assert_eq!(title(&refused), "I cannot read that filter");
    assert!(
        description(&refused).starts_with(
            "unknown term `tga:`, did you mean `tag:`?\n```\ntag:nuclear -tga:economy\n             ^^^^\n```"
        ),
        "{refused}"
    );
    assert_eq!(
        harness.read(|store| store.subscription_count()).unwrap(),
        0,
        "nothing changed"
    );
    harness.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_test_post_shows_the_newest_briefing_marked_and_changes_nothing() {
    let harness = Harness::start().await;
    let answer = harness
        .subscribe_with(json!([
            in_news(),
            role_option("mention", payloads::PINGS_ROLE_ID),
            option("test", true)
        ]))
        .await;
    assert!(is_ephemeral(&answer));
    assert_eq!(title(&answer), "Test post sent", "{answer}");
    let posts = posts_to(&harness.discord, payloads::NEWS_CHANNEL_ID);
    assert_eq!(posts.len(), 1);
    let (status, body) = &posts[0];
    assert_eq!(*status, 200);
    assert_eq!(title(body), "Test post: Title of a");
    assert!(
        body["embeds"][0]["footer"]["text"]
            .as_str()
            .unwrap()
            .ends_with("a test of this channel's subscription, not a new briefing")
    );
    assert_eq!(
        body["content"], "<@&1250000000000000001>",
        "shows the mention"
    );
    assert_eq!(
        body["allowed_mentions"],
        json!({ "parse": [] }),
        "pings nobody"
    );
    let (subscriptions, ledger) = harness.read(|store| {
        (
            store.subscription_count().unwrap(),
            store.ledger_counts().unwrap(),
        )
    });
    assert_eq!(subscriptions, 0);
    assert_eq!(ledger, LedgerCounts::default());
    harness.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn subscriptions_shows_kind_story_mention_filter_mode_and_pause() {
    let harness = Harness::start().await;
    harness
        .subscribe_with(json!([
            role_option("mention", payloads::PINGS_ROLE_ID),
            option("filter", "actor:putin"),
            option("digest", 0),
            option("hour", 9),
        ]))
        .await;
    harness
        .subscribe_with(json!([channel_option(
            "channel",
            payloads::FORUM_CHANNEL_ID
        )]))
        .await;
    let listed = harness.subscriptions().await;
    assert_eq!(
        listed,
        [
            (
                "#general · belarus-russia".to_owned(),
                format!(
                    "Text channel: {}\nMention: <@&1250000000000000001>\nFilter: `actor:putin`\n\
                     Posts: daily digest at 09:00 UTC",
                    listed[0]
                        .1
                        .lines()
                        .next()
                        .unwrap()
                        .trim_start_matches("Text channel: ")
                )
            ),
            (
                "#forum · belarus-russia".to_owned(),
                format!(
                    "Forum: {}\nMention: none\nFilter: none (every briefing)\nPosts: each update",
                    listed[1]
                        .1
                        .lines()
                        .next()
                        .unwrap()
                        .trim_start_matches("Forum: ")
                )
            ),
        ]
    );
    assert!(
        listed[0].1.starts_with("Text channel: Active since 20"),
        "{listed:?}"
    );
    harness.finish().await;
}
