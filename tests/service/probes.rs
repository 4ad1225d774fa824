//! `/healthz` and `/readyz`: alive from the start, ready only once Discord said READY.

use crate::discord_support::loopback::Loopback;
use crate::support::{ServedBot, briefings};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn readiness_waits_for_the_gateways_ready_and_health_does_not() {
    let discord = Loopback::start().await;
    discord.hold_ready();
    let folder = briefings();
    let bot = ServedBot::start(&discord, folder.path());
    discord.wait_identified(1).await;

    let (status, body) = bot.get("/readyz").await;
    assert_eq!(status, 503, "{body}");
    assert_eq!(
        body,
        "gateway shard 0 is not ready: waiting for Discord's READY\n"
    );
    assert_eq!(bot.get("/healthz").await, (200, "ok\n".to_owned()));

    discord.release_ready();
    discord.wait_ready().await;
    let deadline = tokio::time::Instant::now() + crate::discord_support::loopback::WAIT_LIMIT;
    loop {
        let (status, body) = bot.get("/readyz").await;
        if status == 200 {
            assert_eq!(body, "ready\n");
            break;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "still {status}: {body}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert_eq!(bot.get("/healthz").await.0, 200);

    let (status, body) = bot.get("/favicon.ico").await;
    assert_eq!(status, 404);
    assert!(body.contains("/metrics, /healthz and /readyz"), "{body}");
    bot.stop().await.expect("the bot stops cleanly");
}
