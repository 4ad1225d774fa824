//! The loopback Discord itself: its payloads parse as serenity models, a bare poise bot runs
//! against it, and it enforces nonces, faults and the spec as Discord does.

use serde_json::json;

use crate::support::bare_bot::{self, BareBot};
use crate::support::loopback::{self, Loopback, payloads};

/// The objects the loopback hands out parse as serenity's own models; a field serenity needs
/// and the loopback forgot would otherwise make serenity drop the event without a word.
#[test]
fn loopback_payloads_parse_as_serenity_models() {
    use poise::serenity_prelude as serenity;
    let parse = |value: serde_json::Value| value;
    let _: serenity::CurrentUser = serde_json::from_value(parse(payloads::current_user())).unwrap();
    let _: serenity::CurrentApplicationInfo =
        serde_json::from_value(payloads::application()).unwrap();
    let _: serenity::Channel =
        serde_json::from_value(payloads::channel(payloads::NEWS_CHANNEL_ID, "news")).unwrap();
    let _: serenity::Guild = serde_json::from_value(payloads::guild()).unwrap();
    let _: serenity::Guild =
        serde_json::from_value(payloads::guild_of(payloads::SECOND_GUILD_ID)).unwrap();
    for channel in payloads::second_guild_channels() {
        let _: serenity::GuildChannel = serde_json::from_value(channel).unwrap();
    }
    let _: serenity::PartialGuild = serde_json::from_value(payloads::guild()).unwrap();
    let mut member = payloads::bot_member();
    member["guild_id"] = json!(payloads::GUILD_ID);
    let _: serenity::Member = serde_json::from_value(member).unwrap();
    for channel in payloads::channels() {
        let _: serenity::GuildChannel = serde_json::from_value(channel).unwrap();
    }
    let _: serenity::Ready = serde_json::from_value(payloads::ready(
        "session",
        "ws://127.0.0.1:1",
        [1, 2],
        &[payloads::GUILD_ID.to_owned()],
    ))
    .unwrap();
    let message = payloads::message(
        "1",
        payloads::GENERAL_CHANNEL_ID,
        &json!({ "content": "x" }),
        true,
    );
    let _: serenity::Message = serde_json::from_value(message.clone()).unwrap();
    let invoker = payloads::Invoker::default();
    let options = json!([loopback::option("briefing", "x")]);
    let command = payloads::interaction(
        "2",
        "t",
        2,
        payloads::command_data("3", "summary", options),
        &invoker,
    );
    assert!(matches!(
        serde_json::from_value(command).unwrap(),
        serenity::Interaction::Command(_)
    ));
    let options = json!([loopback::focused("briefing", "x")]);
    let autocomplete = payloads::interaction(
        "2",
        "t",
        4,
        payloads::command_data("3", "summary", options),
        &invoker,
    );
    assert!(matches!(
        serde_json::from_value(autocomplete).unwrap(),
        serenity::Interaction::Autocomplete(_)
    ));
    let mut click = payloads::interaction("2", "t", 3, payloads::button_data("quotes:x"), &invoker);
    click["message"] = message;
    assert!(matches!(
        serde_json::from_value(click).unwrap(),
        serenity::Interaction::Component(_)
    ));
    let sent = json!({ "name": "summary", "description": "d", "options": [] });
    let _: serenity::Command = serde_json::from_value(payloads::registered_command(
        "4",
        Some(payloads::GUILD_ID),
        &sent,
    ))
    .unwrap();
}

/// Phase A's proof: an unmodified poise bot connects, registers and answers through the loopback.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn loopback_drives_a_bare_poise_bot() {
    let discord = Loopback::start().await;
    let bot = BareBot::start(&discord.api_url(), payloads::TOKEN).await;
    discord.wait_ready().await;
    let registration = discord.wait_request("PUT", "/commands").await;
    assert_eq!(
        registration.path,
        format!(
            "/applications/{}/guilds/{}/commands",
            payloads::APPLICATION_ID,
            payloads::GUILD_ID
        )
    );
    assert_eq!(registration.body[0]["name"], "summary");

    let interaction = discord.slash("summary", json!([]));
    let callback = discord.callback(&interaction).await;
    assert_eq!(callback.body["type"], 4);
    assert_eq!(callback.body["data"]["content"], bare_bot::ANSWER);
    let identify = &discord
        .gateway_log()
        .into_iter()
        .find(|record| record.op == 2)
        .unwrap()
        .data;
    assert_eq!(identify["intents"], 1, "GUILDS only");

    // A dispatch made while the connection is down waits in the session; RESUME replays it.
    discord.drop_gateway();
    let during_outage = discord.slash("summary", json!([]));
    let resume = discord.wait_gateway_op(6, 1).await.remove(0);
    assert_eq!(resume.connection, 2);
    assert_eq!(resume.data["session_id"], "loopback-session-1");
    assert_eq!(
        discord.callback(&during_outage).await.body["data"]["content"],
        bare_bot::ANSWER
    );
    let after = discord.slash("summary", json!([]));
    assert_eq!(
        discord.callback(&after).await.body["data"]["content"],
        bare_bot::ANSWER
    );
    discord.assert_no_violations();
    bot.stop().await;
}

/// A serenity `Http` pointed at the loopback, as briefbot's adapter builds it.
fn loopback_http(discord: &Loopback) -> poise::serenity_prelude::Http {
    poise::serenity_prelude::HttpBuilder::new(payloads::TOKEN)
        .proxy(discord.api_url())
        .ratelimiter_disabled(true)
        .build()
}

/// `enforce_nonce`: a repeated nonce within minutes returns the first message, not a second one.
#[tokio::test]
async fn loopback_keeps_the_first_message_for_a_repeated_nonce() {
    use poise::serenity_prelude::{ChannelId, CreateMessage, Nonce};
    let discord = Loopback::start().await;
    let http = loopback_http(&discord);
    let channel = ChannelId::new(payloads::NEWS_CHANNEL_ID.parse().unwrap());
    let post = |content: &str, nonce: &str| {
        CreateMessage::new()
            .content(content)
            .nonce(Nonce::String(nonce.to_owned()))
            .enforce_nonce(true)
    };
    let first = channel
        .send_message(&http, post("first", "update-1"))
        .await
        .unwrap();
    let again = channel
        .send_message(&http, post("second", "update-1"))
        .await
        .unwrap();
    let other = channel
        .send_message(&http, post("third", "update-2"))
        .await
        .unwrap();
    assert_eq!(first.id, again.id);
    assert_eq!(again.content, "first");
    assert_ne!(first.id, other.id);
    let posted = discord.channel_messages(payloads::NEWS_CHANNEL_ID);
    assert_eq!(
        posted
            .iter()
            .map(|message| message["content"].as_str().unwrap())
            .collect::<Vec<_>>(),
        ["first", "third"]
    );
    assert_eq!(discord.requests_to("POST", "/messages").len(), 3);
    discord.assert_no_violations();
}

/// Injected faults reach the client with Discord's status, code and `retry_after`.
#[tokio::test]
async fn loopback_injects_discord_faults() {
    use crate::support::loopback::Fault;
    use poise::serenity_prelude::{ChannelId, CreateMessage, Error, HttpError};
    let discord = Loopback::start().await;
    let http = loopback_http(&discord);
    let news = ChannelId::new(payloads::NEWS_CHANNEL_ID.parse().unwrap());
    let path = format!("/channels/{}/messages", payloads::NEWS_CHANNEL_ID);
    discord.inject(
        "POST",
        &path,
        Fault::RateLimited {
            retry_after: 0.25,
            global: false,
        },
        1,
    );
    discord.inject("POST", &path, Fault::ServerError, 1);
    discord.inject("POST", &path, Fault::MissingPermissions, 1);
    let mut answers = Vec::new();
    for _ in 0..4 {
        answers.push(
            match news
                .send_message(&http, CreateMessage::new().content("x"))
                .await
            {
                Ok(_) => (200, 0),
                Err(Error::Http(HttpError::UnsuccessfulRequest(response))) => {
                    (response.status_code.as_u16(), response.error.code)
                }
                Err(other) => panic!("unexpected error {other:?}"),
            },
        );
    }
    // serenity keeps Discord's `code` but not `retry_after`; a 429 body has no code (-1 here).
    assert_eq!(answers, [(429, -1), (500, 0), (403, 50013), (200, 0)]);
    let statuses: Vec<u16> = discord
        .requests_to("POST", &path)
        .iter()
        .map(|request| request.status)
        .collect();
    assert_eq!(statuses, [429, 500, 403, 200]);
    let unknown = ChannelId::new(1);
    let error = unknown
        .send_message(&http, CreateMessage::new().content("x"))
        .await
        .unwrap_err();
    assert!(
        matches!(error, Error::Http(HttpError::UnsuccessfulRequest(response)) if response.error.code == 10003)
    );
    discord.assert_no_violations();
}

/// The loopback rejects what Discord would: schema violations and the 6000-character total.
#[test]
fn loopback_spec_check_rejects_what_discord_rejects() {
    use crate::support::loopback::spec::Spec;
    let spec = Spec::get();
    let path = format!("/channels/{}/messages", payloads::GENERAL_CHANNEL_ID);
    let fine = json!({ "content": "hello", "allowed_mentions": { "parse": [] } });
    assert_eq!(spec.check("POST", &path, &fine), Vec::<String>::new());
    let long_title = json!({ "embeds": [{ "title": "t".repeat(257) }] });
    assert!(!spec.check("POST", &path, &long_title).is_empty());
    let too_many_choices = json!({ "type": 8, "data": { "choices": (0..26).map(|n| json!({ "name": n.to_string(), "value": n.to_string() })).collect::<Vec<_>>() } });
    assert!(
        !spec
            .check("POST", "/interactions/1/t/callback", &too_many_choices)
            .is_empty()
    );
    let embed = json!({ "description": "d".repeat(4000) });
    let over_total = json!({ "embeds": [embed.clone(), embed] });
    let problems = spec.check("POST", &path, &over_total);
    assert!(
        problems.iter().any(|problem| problem.contains("6000")),
        "{problems:?}"
    );
    assert!(!spec.check("POST", "/no/such/endpoint", &fine).is_empty());
    assert_eq!(
        spec.template("/webhooks/1/t/messages/@original"),
        Some("/webhooks/{webhook_id}/{webhook_token}/messages/@original")
    );
}

/// A gateway client that reached the REST port (a bot of another test whose loopback is gone,
/// its gateway port reused for this one's REST listener) is refused without counting against
/// this test; any other request outside `/api/v10` still does.
#[tokio::test]
async fn loopback_refuses_a_stray_gateway_connection_on_its_rest_port_without_a_violation() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    let discord = Loopback::start().await;
    let address = discord.api_url().trim_start_matches("http://").to_owned();
    let request = |upgrade: &str| {
        format!("GET /?v=10 HTTP/1.1\r\nHost: {address}\r\n{upgrade}Connection: close\r\n\r\n")
    };
    let status_line = |request: String| {
        let address = address.clone();
        async move {
            let mut stream = tokio::net::TcpStream::connect(&address).await.unwrap();
            stream.write_all(request.as_bytes()).await.unwrap();
            let mut answer = String::new();
            stream.read_to_string(&mut answer).await.unwrap();
            answer.lines().next().unwrap_or_default().to_owned()
        }
    };
    let stray = status_line(request("Upgrade: websocket\r\n")).await;
    assert!(stray.starts_with("HTTP/1.1 400"), "{stray}");
    assert!(
        discord.violations().is_empty(),
        "{:?}",
        discord.violations()
    );
    let plain = status_line(request("")).await;
    assert!(plain.starts_with("HTTP/1.1 404"), "{plain}");
    assert_eq!(discord.violations(), ["GET /: not under /api/v10"]);
}
