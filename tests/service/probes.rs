//! `/healthz` and `/readyz`: alive from the start, ready only once Discord said READY; the
//! readiness body names the store and the shards this replica serves with.

use briefbot::ops::metrics::sample;
use briefbot_pgtest::Postgres;

use crate::discord_support::bot::Launch;
use crate::discord_support::loopback::{Loopback, WAIT_LIMIT};
use crate::support::{ServedBot, briefings};

/// Asks `/readyz` until it answers 200, and returns the body.
async fn wait_until_ready(bot: &ServedBot) -> String {
    let deadline = tokio::time::Instant::now() + WAIT_LIMIT;
    loop {
        let (status, body) = bot.get("/readyz").await;
        if status == 200 {
            return body;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "still {status}: {body}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
}

/// Checks the `store:` line names the bot's database and a schema version, and returns the
/// other lines.
fn after_store_line<'a>(bot: &ServedBot, body: &'a str) -> Vec<&'a str> {
    let mut lines: Vec<&str> = body.lines().collect();
    assert!(lines.len() >= 2, "{body}");
    let store = lines.remove(1);
    let prefix = format!("store: {} (schema ", bot.database);
    let version = store
        .strip_prefix(&prefix)
        .and_then(|rest| rest.strip_suffix(')'))
        .unwrap_or_else(|| panic!("{store:?} is not {prefix}N)"));
    assert!(version.parse::<u32>().is_ok_and(|v| v >= 1), "{store}");
    lines
}

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
        after_store_line(&bot, &body),
        [
            "gateway shard 0 is not ready: waiting for Discord's READY",
            "shards: 0-0 of 1, waiting for 0",
        ],
        "{body}"
    );
    assert!(body.ends_with('\n'));
    assert_eq!(bot.get("/healthz").await, (200, "ok\n".to_owned()));

    discord.release_ready();
    discord.wait_ready().await;
    let body = wait_until_ready(&bot).await;
    assert_eq!(
        after_store_line(&bot, &body),
        ["ready", "shards: 0-0 of 1, all ready"],
        "{body}"
    );
    assert_eq!(bot.get("/healthz").await.0, 200);

    let (status, body) = bot.get("/favicon.ico").await;
    assert_eq!(status, 404);
    assert!(body.contains("/metrics, /healthz and /readyz"), "{body}");
    bot.stop().await.expect("the bot stops cleanly");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_replica_of_shard_1_of_2_names_its_shard_in_readiness_and_metrics() {
    let discord = Loopback::start().await;
    discord.hold_ready();
    let folder = briefings();
    let launch = Launch {
        config: "shards = \"1-1/2\"\n".to_owned(),
        ..Launch::new(folder.path())
    };
    let bot = ServedBot::start_with(&discord, &launch);
    discord.wait_identified(1).await;
    assert_eq!(
        discord.session_shards(),
        [[1, 2]],
        "IDENTIFY named shard 1 of 2"
    );

    let (status, body) = bot.get("/readyz").await;
    assert_eq!(status, 503, "{body}");
    assert_eq!(
        after_store_line(&bot, &body),
        [
            "gateway shard 1 is not ready: waiting for Discord's READY",
            "shards: 1-1 of 2, waiting for 1",
        ],
        "{body}"
    );
    let (_, metrics) = bot.get("/metrics").await;
    assert_eq!(
        sample(&metrics, "briefbot_gateway_ready", "shard=\"1\""),
        Some(0.0),
        "{metrics}"
    );

    discord.release_ready();
    let body = wait_until_ready(&bot).await;
    assert_eq!(
        after_store_line(&bot, &body),
        ["ready", "shards: 1-1 of 2, all ready"],
        "{body}"
    );
    let metrics = bot
        .scrape_until("shard 1 ready", |text| {
            sample(text, "briefbot_gateway_ready", "shard=\"1\"") == Some(1.0)
        })
        .await;
    assert_eq!(
        sample(&metrics, "briefbot_gateway_ready", "shard=\"0\""),
        None,
        "shard 0 is another replica's: {metrics}"
    );
    bot.stop().await.expect("the bot stops cleanly");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_replica_on_postgresql_names_its_store_and_is_unready_once_the_database_is_gone() {
    let server = Postgres::shared().expect("PostgreSQL is installed");
    let url = server.create_database().expect("a fresh database");
    let discord = Loopback::start().await;
    let folder = briefings();
    let launch = Launch {
        database: Some(url.clone()),
        ..Launch::new(folder.path())
    };
    let bot = ServedBot::start_with(&discord, &launch);
    let body = wait_until_ready(&bot).await;
    assert!(
        url.starts_with("postgres://briefbot@127.0.0.1:"),
        "no password to hide: {url}"
    );
    assert_eq!(
        after_store_line(&bot, &body),
        ["ready", "shards: 0-0 of 1, all ready"],
        "{body}"
    );

    // The database is dropped under the running bot (its connections closed first).
    let name = url.rsplit('/').next().unwrap().to_owned();
    let admin = server.url("postgres");
    std::thread::scope(|scope| {
        scope
            .spawn(|| {
                let mut client = postgres::Client::connect(&admin, postgres::NoTls).unwrap();
                client
                    .batch_execute(&format!("DROP DATABASE {name} WITH (FORCE)"))
                    .unwrap();
            })
            .join()
            .unwrap()
    });
    let (status, body) = bot.get("/readyz").await;
    assert_eq!(status, 503, "{body}");
    let lines: Vec<&str> = body.lines().collect();
    assert!(
        lines[0].starts_with("the subscriptions database does not answer: "),
        "{body}"
    );
    assert_eq!(
        lines[1..],
        [
            format!("store: {url} (not answering)").as_str(),
            "shards: 0-0 of 1, all ready"
        ],
        "{body}"
    );
    // It still stops cleanly: a database gone away is not a reason to hang at shutdown.
    bot.stop().await.expect("the bot stops cleanly");
}
