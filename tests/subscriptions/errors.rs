//! The delivery engine against Discord's errors, with a recording poster on tokio's paused
//! clock: rate limits, server errors, timeouts, gone channels and servers, refusals, a
//! rejected token.

use std::num::NonZeroUsize;
use std::time::Duration;

use briefbot::subscriptions::{Changes, TargetKind};
use briefbot::subscriptions::{DeliveryState, PauseReason, SubscriptionState};
use briefbot::updates::{DeliveryConfig, PostError, UpdateKey};

use crate::support::{Bot, Db, Recorder, Scripted, briefing, channel, story};

/// Discord's refusal of a post for lack of permissions, as the adapter words it.
fn cannot_post() -> PostError {
    PostError::Refused(PauseReason::CannotPost {
        needs: vec!["Send Messages".into(), "Embed Links".into()],
    })
}

fn secs(value: u64) -> Duration {
    Duration::from_secs(value)
}

/// Gaps between consecutive calls, in milliseconds.
fn gaps(calls: &[crate::support::Call]) -> Vec<u128> {
    calls
        .windows(2)
        .map(|pair| (pair[1].at - pair[0].at).as_millis())
        .collect()
}

#[tokio::test(start_paused = true)]
async fn a_429_waits_retry_after_then_posts() {
    let db = Db::new();
    let recorder = Recorder::default();
    let bot = Bot::start(&db, vec![], &recorder);
    bot.engine.start().await.unwrap();
    bot.subscribe(10);
    recorder.script(
        10,
        [Scripted::Fail(PostError::RateLimited {
            retry_after: secs(3),
            global: false,
        })],
    );
    bot.reload(vec![briefing("b", "2026-11-27", None)]).await;
    let report = bot.engine.deliver_pending().await.unwrap();

    assert_eq!(
        (report.delivered, report.rate_limited, report.requests),
        (1, 1, 2)
    );
    assert_eq!(gaps(&recorder.calls_to(10)), [3000]);
    assert_eq!(recorder.messages_in(10), 1);
}

#[tokio::test(start_paused = true)]
async fn a_global_429_holds_every_channel() {
    let db = Db::new();
    let recorder = Recorder::default();
    let config = DeliveryConfig {
        concurrency: NonZeroUsize::MIN,
        ..DeliveryConfig::default()
    };
    let bot = Bot::start_with(&db, vec![], &recorder, config);
    bot.engine.start().await.unwrap();
    bot.subscribe(10);
    bot.subscribe(11);
    recorder.script(
        10,
        [Scripted::Fail(PostError::RateLimited {
            retry_after: secs(5),
            global: true,
        })],
    );
    bot.reload(vec![briefing("b", "2026-11-27", None)]).await;
    bot.engine.deliver_pending().await.unwrap();

    let calls = recorder.calls();
    let order: Vec<u64> = calls.iter().map(|call| call.channel.get()).collect();
    assert_eq!(order, [10, 10, 11]);
    assert_eq!(
        gaps(&calls),
        [5000, 25],
        "channel 11 waited for the hold, then the rate"
    );
}

#[tokio::test(start_paused = true)]
async fn too_many_429s_fail_the_post_until_the_next_start() {
    let db = Db::new();
    let recorder = Recorder::default();
    let config = DeliveryConfig {
        max_rate_limited: 2,
        ..DeliveryConfig::default()
    };
    let bot = Bot::start_with(&db, vec![], &recorder, config);
    bot.engine.start().await.unwrap();
    bot.subscribe(10);
    let limited = PostError::RateLimited {
        retry_after: secs(1),
        global: false,
    };
    recorder.script(10, vec![Scripted::Fail(limited); 3]);
    bot.reload(vec![briefing("b", "2026-11-27", None)]).await;
    let report = bot.engine.deliver_pending().await.unwrap();
    assert_eq!((report.failed, report.rate_limited), (1, 3));
}

#[tokio::test(start_paused = true)]
async fn server_errors_back_off_then_fail_and_are_retried_at_the_next_start() {
    let db = Db::new();
    let recorder = Recorder::default();
    let key = UpdateKey::of(&briefing("b", "2026-11-27", None));
    {
        let bot = Bot::start(&db, vec![], &recorder);
        bot.engine.start().await.unwrap();
        bot.subscribe(10);
        recorder.script(
            10,
            vec![Scripted::Fail(PostError::ServerError { status: 502 }); 5],
        );
        bot.reload(vec![briefing("b", "2026-11-27", None)]).await;
        let report = bot.engine.deliver_pending().await.unwrap();
        assert_eq!(
            (report.failed, report.server_errors, report.requests),
            (1, 5, 5)
        );
        assert_eq!(gaps(&recorder.calls_to(10)), [1000, 2000, 4000, 8000]);

        let row = bot.store.delivery(channel(10), &key).unwrap().unwrap();
        assert_eq!(row.state, DeliveryState::Failed);
        assert_eq!(row.attempts, 5);
        assert_eq!(row.last_error.as_deref(), Some("Discord server error 502"));
        // Not retried again in the same run.
        assert_eq!(bot.engine.deliver_pending().await.unwrap().requests, 0);
    }
    let bot = Bot::start(&db, vec![briefing("b", "2026-11-27", None)], &recorder);
    assert_eq!(bot.engine.start().await.unwrap().delivered, 1);
    let row = bot.store.delivery(channel(10), &key).unwrap().unwrap();
    assert_eq!((row.state, row.attempts), (DeliveryState::Delivered, 6));
    assert_eq!(recorder.messages_in(10), 1);
}

#[tokio::test(start_paused = true)]
async fn a_hung_post_times_out_and_is_sent_again_with_the_same_nonce() {
    let db = Db::new();
    let recorder = Recorder::default();
    let config = DeliveryConfig {
        post_timeout: secs(10),
        ..DeliveryConfig::default()
    };
    let bot = Bot::start_with(&db, vec![], &recorder, config);
    bot.engine.start().await.unwrap();
    bot.subscribe(10);
    recorder.script(10, [Scripted::CreateThenHang]);
    bot.reload(vec![briefing("b", "2026-11-27", None)]).await;
    let report = bot.engine.deliver_pending().await.unwrap();

    assert_eq!((report.delivered, report.server_errors), (1, 1));
    let calls = recorder.calls_to(10);
    assert_eq!(
        gaps(&calls),
        [11_000],
        "the timeout, then the first backoff"
    );
    assert_eq!(calls[0].nonce, calls[1].nonce);
    assert_eq!(recorder.messages_in(10), 1);
}

#[tokio::test(start_paused = true)]
async fn an_unknown_channel_loses_its_subscription() {
    let db = Db::new();
    let recorder = Recorder::default();
    let bot = Bot::start(&db, vec![], &recorder);
    bot.engine.start().await.unwrap();
    bot.subscribe(10);
    bot.subscribe(11);
    recorder.script(10, [Scripted::Fail(PostError::ChannelGone)]);
    bot.reload(vec![briefing("b", "2026-11-27", None)]).await;
    let report = bot.engine.deliver_pending().await.unwrap();
    assert_eq!((report.delivered, report.channels_removed), (1, 1));
    assert!(
        bot.store
            .subscription(channel(10), &story())
            .unwrap()
            .is_none()
    );

    recorder.allow_only(&[11]);
    bot.reload(vec![
        briefing("b", "2026-11-27", None),
        briefing("c", "2026-11-28", None),
    ])
    .await;
    bot.engine.deliver_pending().await.unwrap();
    assert_eq!(recorder.calls_to(10).len(), 1, "never posted to again");
    assert_eq!(recorder.calls_to(11).len(), 2);
}

#[tokio::test(start_paused = true)]
async fn an_unknown_guild_loses_all_its_subscriptions() {
    let db = Db::new();
    let recorder = Recorder::default();
    let bot = Bot::start(&db, vec![], &recorder);
    bot.engine.start().await.unwrap();
    bot.subscribe(10);
    bot.subscribe(11);
    bot.store
        .subscribe(
            crate::support::guild(2),
            channel(20),
            &story(),
            TargetKind::Text,
            &Changes::default(),
        )
        .unwrap();
    recorder.script(10, [Scripted::Fail(PostError::GuildGone)]);
    bot.reload(vec![briefing("b", "2026-11-27", None)]).await;
    bot.engine.deliver_pending().await.unwrap();
    assert!(
        bot.store
            .subscription(channel(10), &story())
            .unwrap()
            .is_none()
    );
    assert!(
        bot.store
            .subscription(channel(11), &story())
            .unwrap()
            .is_none()
    );
    assert!(
        bot.store
            .subscription(channel(20), &story())
            .unwrap()
            .is_some()
    );
}

#[tokio::test(start_paused = true)]
async fn missing_permissions_pause_the_subscription_and_are_never_retried() {
    let db = Db::new();
    let recorder = Recorder::default();
    let bot = Bot::start(&db, vec![], &recorder);
    bot.engine.start().await.unwrap();
    bot.subscribe(10);
    recorder.script(10, [Scripted::Fail(cannot_post())]);
    bot.reload(vec![
        briefing("b", "2026-11-27", None),
        briefing("c", "2026-11-28", None),
    ])
    .await;
    let report = bot.engine.deliver_pending().await.unwrap();
    assert_eq!(
        (report.requests, report.channels_paused),
        (1, 1),
        "one 403, then nothing"
    );

    let subscription = bot
        .store
        .subscription(channel(10), &story())
        .unwrap()
        .unwrap();
    let SubscriptionState::Paused { reason, .. } = subscription.state else {
        panic!("not paused: {subscription:?}");
    };
    assert_eq!(
        reason,
        PauseReason::CannotPost {
            needs: vec!["Send Messages".into(), "Embed Links".into()]
        }
    );
    assert!(
        reason
            .to_string()
            .contains("needs Send Messages and Embed Links"),
        "{reason}"
    );

    recorder.allow_only(&[]);
    bot.reload(vec![briefing("d", "2026-11-29", None)]).await;
    assert_eq!(bot.engine.deliver_pending().await.unwrap().requests, 0);

    // The admin fixes the permission and subscribes again: only what comes next is posted.
    recorder.allow_only(&[10]);
    bot.subscribe(10);
    bot.reload(vec![briefing("e", "2026-11-30", None)]).await;
    bot.engine.deliver_pending().await.unwrap();
    let titles: Vec<String> = recorder
        .calls_to(10)
        .into_iter()
        .map(|call| call.reply.title)
        .collect();
    assert_eq!(titles, ["Title of b", "Title of e"]);
}

#[tokio::test(start_paused = true)]
async fn missing_access_pauses_too() {
    let db = Db::new();
    let recorder = Recorder::default();
    let bot = Bot::start(&db, vec![], &recorder);
    bot.engine.start().await.unwrap();
    bot.subscribe(10);
    recorder.script(
        10,
        [Scripted::Fail(PostError::Refused(PauseReason::CannotSee {
            needs: vec!["View Channel".into()],
        }))],
    );
    bot.reload(vec![briefing("b", "2026-11-27", None)]).await;
    bot.engine.deliver_pending().await.unwrap();
    let subscription = bot
        .store
        .subscription(channel(10), &story())
        .unwrap()
        .unwrap();
    assert!(
        matches!(&subscription.state, SubscriptionState::Paused { reason, .. } if reason.to_string().contains("give it View Channel")),
        "{subscription:?}"
    );
}

#[tokio::test(start_paused = true)]
async fn any_other_error_fails_the_post_without_a_retry() {
    let db = Db::new();
    let recorder = Recorder::default();
    let bot = Bot::start(&db, vec![], &recorder);
    bot.engine.start().await.unwrap();
    bot.subscribe(10);
    let bad = PostError::Other("HTTP 400, Discord code 50035".into());
    recorder.script(10, [Scripted::Fail(bad)]);
    bot.reload(vec![briefing("b", "2026-11-27", None)]).await;
    let report = bot.engine.deliver_pending().await.unwrap();
    assert_eq!((report.requests, report.failed), (1, 1));
    let key = UpdateKey::of(&briefing("b", "2026-11-27", None));
    let row = bot.store.delivery(channel(10), &key).unwrap().unwrap();
    assert_eq!(
        row.last_error.as_deref(),
        Some("post failed: HTTP 400, Discord code 50035")
    );
}

#[tokio::test(start_paused = true)]
async fn a_rejected_token_halts_the_fanout_with_every_post_left_pending() {
    let db = Db::new();
    let recorder = Recorder::default();
    let config = DeliveryConfig {
        concurrency: NonZeroUsize::MIN,
        ..DeliveryConfig::default()
    };
    let bot = Bot::start_with(&db, vec![], &recorder, config);
    bot.engine.start().await.unwrap();
    for id in 10..20 {
        bot.subscribe(id);
    }
    recorder.script(10, [Scripted::Fail(PostError::Unauthorized)]);
    bot.reload(vec![briefing("b", "2026-11-27", None)]).await;

    let error = bot.engine.deliver_pending().await.unwrap_err();
    assert!(
        matches!(error, briefbot::updates::DeliveryError::Unauthorized),
        "{error:?}"
    );
    assert_eq!(
        recorder.calls().len(),
        1,
        "one invalid request, not one per channel"
    );
    assert_eq!(bot.store.ledger_counts().unwrap().pending, 10);

    // With the token fixed (here: the next call succeeds), the next pass delivers them all.
    assert_eq!(bot.engine.deliver_pending().await.unwrap().delivered, 10);
}
