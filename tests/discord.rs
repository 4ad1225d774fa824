//! End-to-end tests of the Discord bot against the loopback Discord in `tests/support`.
//!
//! Each test starts its own loopback Discord on 127.0.0.1 and asserts on the JSON the bot
//! actually sent.

mod support;

use serde_json::{Value, json};
use support::bare_bot::{self, BareBot};
use support::bot::RunningBot;
use support::briefings;
use support::loopback::{self, Fault, Interaction, Loopback, Recorded, payloads};

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
    use poise::serenity_prelude::{ChannelId, CreateMessage, Error, HttpError};
    use support::loopback::Fault;
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
    use support::loopback::spec::Spec;
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

// ---------------------------------------------------------------------------------------------
// briefbot against the loopback Discord
// ---------------------------------------------------------------------------------------------

/// The ephemeral message flag.
const EPHEMERAL: u64 = 1 << 6;

/// A loopback Discord, the test briefings and briefbot connected to both.
struct Setup {
    discord: Loopback,
    bot: RunningBot,
    _briefings: tempfile::TempDir,
}

impl Setup {
    /// briefbot registering in the guild, its registration done.
    async fn start() -> Setup {
        let discord = Loopback::start().await;
        let briefings = briefings::folder();
        let bot = RunningBot::start(&discord, briefings.path(), true).await;
        discord.wait_request("PUT", "/commands").await;
        Setup {
            discord,
            bot,
            _briefings: briefings,
        }
    }

    /// The message data of the initial response to a slash command.
    async fn ask(&self, command: &str, options: Value) -> Value {
        let interaction = self.discord.slash(command, options);
        self.answer(&interaction).await
    }

    /// The message data of the initial response to `interaction`, checked for what every
    /// message of ours must be: a channel message with mentions off.
    async fn answer(&self, interaction: &Interaction) -> Value {
        let callback = self.discord.callback(interaction).await;
        assert_eq!(callback.status, 204, "{}", self.discord.describe());
        assert_eq!(callback.body["type"], 4, "a message, not a deferral");
        let data = callback.body["data"].clone();
        assert_mentions_off(&data);
        data
    }

    /// Stops the bot and fails the test if anything sent was not what Discord accepts.
    async fn finish(self) {
        self.discord.assert_no_violations();
        self.bot.stop().await.expect("the bot stops cleanly");
    }
}

/// `allowed_mentions` with nothing to parse and nobody listed.
fn assert_mentions_off(message: &Value) {
    assert_eq!(message["allowed_mentions"]["parse"], json!([]), "{message}");
    for list in ["users", "roles"] {
        let listed = &message["allowed_mentions"][list];
        assert!(listed.is_null() || listed == &json!([]), "{message}");
    }
}

fn is_ephemeral(message: &Value) -> bool {
    message["flags"].as_u64().unwrap_or(0) & EPHEMERAL != 0
}

/// Every text of every embed of a message, one per line.
fn embed_text(message: &Value) -> String {
    let mut text = String::new();
    for embed in message["embeds"].as_array().expect("embeds") {
        for key in ["title", "description"] {
            if let Some(part) = embed[key].as_str() {
                text.push_str(part);
                text.push('\n');
            }
        }
        for field in embed["fields"].as_array().into_iter().flatten() {
            text.push_str(&format!(
                "{}\n{}\n",
                field["name"].as_str().unwrap(),
                field["value"].as_str().unwrap()
            ));
        }
        if let Some(footer) = embed["footer"]["text"].as_str() {
            text.push_str(footer);
            text.push('\n');
        }
    }
    text
}

fn title(message: &Value) -> &str {
    message["embeds"][0]["title"].as_str().unwrap_or_default()
}

fn field_names(message: &Value) -> Vec<String> {
    message["embeds"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|embed| embed["fields"].as_array().cloned().unwrap_or_default())
        .map(|field| field["name"].as_str().unwrap().to_owned())
        .collect()
}

/// The option names, types and flags of a registered command.
fn options_of(command: &Value) -> Vec<(String, u64, bool, bool)> {
    command["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|option| {
            assert!(
                !option["description"].as_str().unwrap().is_empty(),
                "every option is described"
            );
            (
                option["name"].as_str().unwrap().to_owned(),
                option["type"].as_u64().unwrap(),
                option["required"].as_bool().unwrap_or(false),
                option["autocomplete"].as_bool().unwrap_or(false),
            )
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn registers_exactly_the_commands_with_their_options_in_the_guild() {
    let setup = Setup::start().await;
    let registrations = setup.discord.requests_to("PUT", "/commands");
    assert_eq!(registrations.len(), 1, "one bulk overwrite per start");
    let registration = &registrations[0];
    assert_eq!(
        registration.path,
        format!(
            "/applications/{}/guilds/{}/commands",
            payloads::APPLICATION_ID,
            payloads::GUILD_ID
        )
    );
    let commands = registration.body.as_array().unwrap();
    let names: Vec<&str> = commands
        .iter()
        .map(|command| command["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "summary",
            "quote",
            "actors",
            "actor",
            "questions",
            "sources",
            "briefings",
            "timeline",
            "search",
            "subscribe",
            "unsubscribe",
            "subscriptions",
            "help"
        ]
    );
    let briefing = ("briefing".to_owned(), 3, false, true);
    let expected: Vec<Vec<(String, u64, bool, bool)>> = vec![
        vec![briefing.clone()],
        vec![
            briefing.clone(),
            ("all".to_owned(), 5, false, false),
            ("speaker".to_owned(), 3, false, false),
        ],
        vec![briefing.clone(), ("name".to_owned(), 3, false, false)],
        vec![("name".to_owned(), 3, true, true)],
        vec![briefing.clone()],
        vec![briefing.clone()],
        vec![("story".to_owned(), 3, false, true)],
        vec![("story".to_owned(), 3, false, true)],
        vec![("query".to_owned(), 3, true, false)],
        vec![
            ("channel".to_owned(), 7, false, false),
            ("story".to_owned(), 3, false, true),
            ("mention".to_owned(), 8, false, false),
            ("filter".to_owned(), 3, false, false),
            ("digest".to_owned(), 4, false, false),
            ("hour".to_owned(), 4, false, false),
            ("remove".to_owned(), 4, false, false),
            ("test".to_owned(), 5, false, false),
        ],
        vec![
            ("channel".to_owned(), 7, false, false),
            ("story".to_owned(), 3, false, true),
        ],
        vec![],
        vec![],
    ];
    for (command, expected) in commands.iter().zip(expected) {
        let description = command["description"].as_str().unwrap();
        assert!(
            !description.is_empty() && description.chars().count() <= 100,
            "{description}"
        );
        assert_eq!(
            options_of(command),
            expected,
            "options of /{}",
            command["name"]
        );
    }
    // Only members with Manage Channels (16) see the subscription commands, and only in servers.
    let admin: Vec<&str> = commands
        .iter()
        .filter(|command| command["default_member_permissions"] == "16")
        .map(|command| command["name"].as_str().unwrap())
        .collect();
    assert_eq!(admin, ["subscribe", "unsubscribe", "subscriptions"]);
    for command in &commands[9..12] {
        assert_eq!(command["contexts"], json!([0]), "guild only: {command}");
    }
    assert_eq!(
        commands[9]["options"][0]["channel_types"],
        json!([0, 5, 15, 11, 12, 10]),
        "text and announcement channels, forums and threads"
    );
    // The digest option offers exactly its three choices, the hour its range.
    let digest = &commands[9]["options"][4];
    let choices: Vec<&str> = digest["choices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|choice| choice["name"].as_str().unwrap())
        .collect();
    assert_eq!(choices, ["daily", "weekly", "off"]);
    let hour = &commands[9]["options"][5];
    assert_eq!(
        (hour["min_value"].as_f64(), hour["max_value"].as_f64()),
        (Some(0.0), Some(23.0))
    );
    let identify = setup.discord.wait_gateway_op(2, 1).await.remove(0);
    assert_eq!(identify.data["intents"], 1, "only the GUILDS intent");
    assert!(
        setup
            .discord
            .requests_to("GET", "/oauth2/applications/@me")
            .is_empty(),
        "no owner lookup"
    );
    setup.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn registers_globally_without_a_guild_id() {
    let discord = Loopback::start().await;
    let briefings = briefings::folder();
    let bot = RunningBot::start(&discord, briefings.path(), false).await;
    let registration = discord.wait_request("PUT", "/commands").await;
    assert_eq!(
        registration.path,
        format!("/applications/{}/commands", payloads::APPLICATION_ID)
    );
    assert_eq!(discord.registered_commands(None).len(), 13);
    discord.assert_no_violations();
    bot.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn registration_is_retried_after_a_server_error() {
    let discord = Loopback::start().await;
    discord.inject("PUT", "/commands", Fault::ServerError, 1);
    let briefings = briefings::folder();
    let bot = RunningBot::start(&discord, briefings.path(), true).await;
    let attempts = discord.wait_requests("PUT", "/commands", 2).await;
    assert_eq!(
        attempts
            .iter()
            .map(|attempt| attempt.status)
            .collect::<Vec<_>>(),
        [500, 200]
    );
    assert_eq!(
        discord.registered_commands(Some(payloads::GUILD_ID)).len(),
        13
    );
    bot.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn summary_answers_with_the_newest_briefing_and_its_key_quote_verbatim() {
    let setup = Setup::start().await;
    let message = setup.ask("summary", json!([])).await;
    assert!(
        !is_ephemeral(&message),
        "an answer is for the whole channel"
    );
    assert_eq!(
        title(&message),
        "Lukashenko warns Belarus will not become a \"vassal state\""
    );
    let embed = &message["embeds"][0];
    assert_eq!(embed["url"], "https://example.com/vassal");
    assert!(
        embed["description"]
            .as_str()
            .unwrap()
            .starts_with("Lukashenko told a government meeting")
    );
    let text = embed_text(&message);
    assert!(
        text.contains(&format!("“{}”", briefings::KEY_QUOTE)),
        "{text}"
    );
    assert!(text.contains("Why it matters"));
    assert!(
        embed["footer"]["text"]
            .as_str()
            .unwrap()
            .starts_with(briefings::NEWEST)
    );
    // The same text `briefbot ask summary` prints: one `answer` for both transports.
    let loaded = briefbot::load::load_dir(setup._briefings.path());
    let reply = briefbot::answer::answer(
        &loaded.library,
        &briefbot::answer::Command::Summary { briefing: None },
    );
    assert_eq!(embed["description"].as_str().unwrap(), reply.text);
    setup.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_command_answers_with_the_expected_embed() {
    let setup = Setup::start().await;
    let id = briefings::NEWEST;

    let quote = setup
        .ask("quote", json!([loopback::option("briefing", id)]))
        .await;
    assert!(title(&quote).starts_with("Key quote"));
    assert!(
        quote["embeds"][0]["description"]
            .as_str()
            .unwrap()
            .contains(briefings::KEY_QUOTE)
    );

    let all = setup
        .ask("quote", json!([loopback::option("all", true)]))
        .await;
    let text = embed_text(&all);
    assert!(
        text.contains(briefings::KEY_QUOTE) && text.contains("Belarus will remain independent."),
        "{text}"
    );
    assert_eq!(field_names(&all).len(), 2);

    let by_speaker = setup
        .ask("quote", json!([loopback::option("speaker", "LUKASHÉNKA")]))
        .await;
    assert_eq!(
        field_names(&by_speaker).len(),
        2,
        "the alias, accent-insensitive, finds both quotes"
    );

    let actors = setup.ask("actors", json!([])).await;
    assert_eq!(
        field_names(&actors),
        [
            "Alexander Lukashenko (person)",
            "Vladimir Putin (person)",
            "Kremlin (organisation)"
        ]
    );
    let putin = setup
        .ask("actors", json!([loopback::option("name", "putin")]))
        .await;
    assert_eq!(field_names(&putin), ["Vladimir Putin (person)"]);

    let questions = setup
        .ask("questions", json!([loopback::option("briefing", id)]))
        .await;
    assert_eq!(
        field_names(&questions),
        [
            "Is this a lasting shift or a temporary recalibration?",
            "How will Moscow respond?"
        ]
    );

    let sources = setup.ask("sources", json!([])).await;
    assert!(embed_text(&sources).contains("https://example.com/vassal"));

    let list = setup.ask("briefings", json!([])).await;
    let names = field_names(&list);
    assert_eq!(names.len(), 10, "the newest ten");
    assert!(names[0].contains("vassal state"), "{names:?}");

    let interaction = setup.discord.slash(
        "timeline",
        json!([loopback::option("story", "belarus-russia")]),
    );
    let timeline = setup.answer(&interaction).await;
    assert!(title(&timeline).starts_with("Timeline — belarus-russia"));
    // Forty events of up to 400 characters take more than one message; the newest comes last.
    let pages = whole_answer(&setup, &interaction, timeline.clone()).await;
    assert!(pages.len() > 1);
    let last = embed_text(pages.last().unwrap());
    assert!(
        last.contains("2026-11-27 — Lukashenko warns against becoming a vassal state."),
        "{last}"
    );

    let search = setup
        .ask("search", json!([loopback::option("query", "LUKASHÉNKA")]))
        .await;
    assert!(title(&search).starts_with("Search"), "{search}");
    assert!(embed_text(&search).contains(id));

    let help = setup.ask("help", json!([])).await;
    assert!(is_ephemeral(&help), "/help is for the asker alone");
    assert_eq!(title(&help), "briefbot");

    for message in [
        &quote,
        &all,
        &by_speaker,
        &actors,
        &putin,
        &questions,
        &sources,
        &list,
        &timeline,
        &search,
    ] {
        assert!(!is_ephemeral(message));
        assert!(
            message["components"].as_array().is_none_or(Vec::is_empty),
            "only /summary has buttons"
        );
    }
    setup.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn autocomplete_returns_at_most_25_matching_choices_newest_first() {
    let setup = Setup::start().await;
    let complete = |partial: &str| {
        setup
            .discord
            .autocomplete("summary", json!([loopback::focused("briefing", partial)]))
    };

    let everything = setup.discord.callback(&complete("")).await;
    assert_eq!(everything.body["type"], 8);
    let choices = everything.body["data"]["choices"]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(choices.len(), 25, "33 briefings, Discord allows 25");
    for choice in &choices {
        assert!(choice["name"].as_str().unwrap().chars().count() <= 100);
        assert!(choice["value"].as_str().unwrap().chars().count() <= 100);
    }
    assert_eq!(choices[0]["value"], briefings::NEWEST);
    assert_eq!(
        choices[0]["name"],
        "2026-11-27 · Lukashenko warns Belarus will not become a \"vassal state\""
    );
    assert_eq!(choices[1]["value"], briefings::MENTIONS);

    let values = |recorded: &Recorded| -> Vec<String> {
        let choices = recorded.body["data"]["choices"].as_array().unwrap();
        choices
            .iter()
            .map(|choice| choice["value"].as_str().unwrap().to_owned())
            .collect()
    };
    let fillers = values(&setup.discord.callback(&complete("FILLER")).await);
    let newest_fillers: Vec<String> = (6..=30).rev().map(briefings::filler_id).collect();
    assert_eq!(
        fillers, newest_fillers,
        "the 25 newest matches, newest first"
    );
    let one = values(&setup.discord.callback(&complete("filler 29")).await);
    assert_eq!(one, [briefings::filler_id(29)]);

    let limits = setup.discord.callback(&complete("limits")).await;
    let choice = &limits.body["data"]["choices"][0];
    assert_eq!(choice["value"], briefings::AT_THE_LIMITS);
    assert!(
        choice["name"].as_str().unwrap().ends_with('…'),
        "a 200-character title is cut to 100"
    );

    let stories = setup
        .discord
        .autocomplete("timeline", json!([loopback::focused("story", "bela")]));
    let stories = setup.discord.callback(&stories).await;
    assert_eq!(
        stories.body["data"]["choices"],
        json!([{ "name": "belarus-russia", "value": "belarus-russia" }])
    );
    setup.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unknown_briefing_is_an_ephemeral_error_with_a_suggestion() {
    let setup = Setup::start().await;
    let message = setup
        .ask(
            "summary",
            json!([loopback::option("briefing", "2026-11-27-vasal-warning")]),
        )
        .await;
    assert!(is_ephemeral(&message));
    assert_eq!(title(&message), "No briefing “2026-11-27-vasal-warning”");
    assert_eq!(
        message["embeds"][0]["description"],
        format!("Did you mean `{}`?", briefings::NEWEST)
    );
    assert!(
        message["components"].as_array().is_none_or(Vec::is_empty),
        "no buttons under an error"
    );
    // Autocomplete is only a suggestion: whatever the user finally sends is checked.
    let typed = setup
        .ask(
            "questions",
            json!([loopback::option("briefing", "x".repeat(100))]),
        )
        .await;
    assert!(is_ephemeral(&typed));
    setup.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mentions_in_a_briefing_never_ping() {
    let setup = Setup::start().await;
    for (command, options) in [
        (
            "summary",
            json!([loopback::option("briefing", briefings::MENTIONS)]),
        ),
        (
            "quote",
            json!([loopback::option("briefing", briefings::MENTIONS)]),
        ),
        (
            "actors",
            json!([loopback::option("briefing", briefings::MENTIONS)]),
        ),
    ] {
        let message = setup.ask(command, options).await;
        assert!(
            embed_text(&message).contains("@everyone"),
            "the text is shown as written"
        );
        assert!(
            message["content"].as_str().unwrap_or_default().is_empty(),
            "mentions would ping only in content"
        );
        assert_mentions_off(&message);
    }
    setup.finish().await;
}

/// Every message of an interaction: the initial response and the follow-ups.
async fn whole_answer(setup: &Setup, interaction: &Interaction, first: Value) -> Vec<Value> {
    let mut messages = vec![first];
    let embeds: Vec<&Value> = messages[0]["embeds"].as_array().unwrap().iter().collect();
    let title = embeds[0]["title"].as_str().unwrap();
    // A paged reply numbers its pages: "(1/3)".
    if let Some(total) = title
        .rsplit_once('/')
        .and_then(|(_, total)| total.trim_end_matches(')').parse::<usize>().ok())
    {
        messages.extend(setup.discord.followups(interaction, total - 1).await);
        let path = format!(
            "/webhooks/{}/{}",
            payloads::APPLICATION_ID,
            interaction.token
        );
        for request in setup.discord.requests_to("POST", &path) {
            assert_mentions_off(&request.body);
        }
    }
    messages
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_briefing_with_every_text_at_its_limit_still_yields_valid_embeds() {
    let setup = Setup::start().await;
    let limits = briefings::AT_THE_LIMITS;
    for (command, options) in [
        ("summary", json!([loopback::option("briefing", limits)])),
        (
            "quote",
            json!([
                loopback::option("briefing", limits),
                loopback::option("all", true)
            ]),
        ),
        ("actors", json!([loopback::option("briefing", limits)])),
        ("questions", json!([loopback::option("briefing", limits)])),
        ("sources", json!([loopback::option("briefing", limits)])),
        ("timeline", json!([])),
    ] {
        let interaction = setup.discord.slash(command, options);
        let first = setup.answer(&interaction).await;
        let messages = whole_answer(&setup, &interaction, first).await;
        for message in &messages {
            let embeds = message["embeds"].as_array().unwrap();
            assert!(embeds.len() <= 10);
            let total: usize = embeds
                .iter()
                .map(|embed| loopback::spec::embed_chars(embed.as_object().unwrap()))
                .sum();
            assert!(
                total <= 6000,
                "/{command}: {total} characters in one message"
            );
        }
        let text: String = messages.iter().map(embed_text).collect();
        if command == "questions" {
            for number in 1..=25 {
                assert!(
                    text.contains(&format!("Question{number} ")),
                    "/questions shows question {number}"
                );
            }
        }
        if command == "quote" {
            // 25 quotes of 1,000 characters with 600 of context do not fit in five messages.
            assert_eq!(messages.len(), 5);
            assert!(text.contains("Cut short"), "the cut is said");
        }
    }
    // The loopback checked every body against Discord's API description and the 6000 limit.
    setup.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn buttons_on_summary_open_the_right_section() {
    let setup = Setup::start().await;
    let summary = setup.ask("summary", json!([])).await;
    let buttons = summary["components"][0]["components"].as_array().unwrap();
    let ids: Vec<&str> = buttons
        .iter()
        .map(|button| button["custom_id"].as_str().unwrap())
        .collect();
    let id = briefings::NEWEST;
    assert_eq!(
        ids,
        [
            format!("briefbot:quotes:{id}"),
            format!("briefbot:actors:{id}"),
            format!("briefbot:questions:{id}")
        ]
    );
    let labels: Vec<&str> = buttons
        .iter()
        .map(|button| button["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["Quotes", "Actors", "Open questions"]);

    let quotes = setup
        .answer(&setup.discord.click(&format!("briefbot:quotes:{id}")))
        .await;
    assert!(title(&quotes).starts_with("Quotes — "), "{quotes}");
    assert!(embed_text(&quotes).contains(briefings::KEY_QUOTE));
    assert!(
        is_ephemeral(&quotes),
        "a click opens the section for the clicker alone"
    );
    let actors = setup
        .answer(&setup.discord.click(&format!("briefbot:actors:{id}")))
        .await;
    assert_eq!(field_names(&actors).len(), 3);
    let questions = setup
        .answer(&setup.discord.click(&format!("briefbot:questions:{id}")))
        .await;
    assert!(title(&questions).starts_with("Open questions — "));

    // The mentions briefing has no questions: no button for them.
    let mentions = setup
        .ask(
            "summary",
            json!([loopback::option("briefing", briefings::MENTIONS)]),
        )
        .await;
    let labels: Vec<&str> = mentions["components"][0]["components"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["Quotes", "Actors"]);
    setup.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_bot_reconnects_after_the_websocket_drops_and_keeps_answering() {
    let setup = Setup::start().await;
    setup.discord.drop_gateway();
    let resume = setup.discord.wait_gateway_op(6, 1).await.remove(0);
    assert_eq!(resume.connection, 2, "a new connection resumed the session");
    let message = setup.ask("summary", json!([])).await;
    assert!(embed_text(&message).contains(briefings::KEY_QUOTE));

    // A session Discord will not resume: the bot identifies again.
    setup.discord.close_gateway(4009);
    let identifies = setup.discord.wait_gateway_op(2, 2).await;
    assert_eq!(identifies.len(), 2);
    setup.discord.wait_ready().await;
    let message = setup.ask("quote", json!([])).await;
    assert!(embed_text(&message).contains(briefings::KEY_QUOTE));
    assert_eq!(
        setup.discord.requests_to("PUT", "/commands").len(),
        1,
        "registration once per start, not per session"
    );
    setup.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failure_on_our_side_is_logged_and_the_user_gets_a_short_generic_line() {
    let setup = Setup::start().await;
    setup
        .discord
        .inject("POST", "/callback", Fault::ServerError, 1);
    let interaction = setup.discord.slash("summary", json!([]));
    let callbacks = setup
        .discord
        .wait_requests("POST", &format!("/interactions/{}/", interaction.id), 2)
        .await;
    assert_eq!(callbacks[0].status, 500);
    let second: &Recorded = &callbacks[1];
    let message = &second.body["data"];
    assert!(is_ephemeral(message));
    assert_eq!(title(message), "Something went wrong");
    let text = embed_text(message);
    assert!(
        !text.contains("500") && !text.contains("Internal") && !text.contains("http"),
        "no raw error text: {text}"
    );
    assert_mentions_off(message);
    setup.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stale_registration_gets_an_ephemeral_line_not_a_hang() {
    let setup = Setup::start().await;
    // Discord sends what the registered command declared; a registration older than the code
    // can send a string where the code now expects a boolean, or a command that is gone.
    let mismatch = setup
        .ask(
            "quote",
            json!([{ "name": "all", "type": 3, "value": "yes" }]),
        )
        .await;
    assert!(is_ephemeral(&mismatch));
    assert_eq!(title(&mismatch), "Something went wrong");
    let gone = setup.ask("poll", json!([])).await;
    assert!(is_ephemeral(&gone));
    assert_eq!(title(&gone), "That command is gone");
    setup.finish().await;
}

/// No file outside `src/discord/` names serenity or poise (STYLE.md: Discord at one edge).
#[test]
fn only_the_discord_adapter_names_serenity_or_poise() {
    fn visit(dir: &std::path::Path, offenders: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.ends_with("discord") {
                continue;
            }
            if path.is_dir() {
                visit(&path, offenders);
            } else if path.extension().is_some_and(|extension| extension == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                if text.contains("serenity::") || text.contains("poise::") {
                    offenders.push(path.display().to_string());
                }
            }
        }
    }
    let mut offenders = Vec::new();
    visit(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut offenders,
    );
    assert!(offenders.is_empty(), "{offenders:?}");
}

// ---------------------------------------------------------------------------------------------
// The `briefbot run` process: exit codes and signals
// ---------------------------------------------------------------------------------------------

/// A token only these tests use, to prove it never reaches the output.
const SECRET: &str = "MTIz.secret-token-never-printed.xyz";

/// `briefbot run` in an empty folder (no config/briefbot.toml there) with only `env` set.
fn briefbot_run(
    dir: &std::path::Path,
    args: &[&str],
    env: &[(&str, &str)],
) -> std::process::Command {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_briefbot"));
    command.arg("run").args(args).current_dir(dir).env_clear();
    for (name, value) in env {
        command.env(name, value);
    }
    command.stdin(std::process::Stdio::null());
    command
}

/// Runs the command off the async runtime and returns (exit code, stderr).
async fn finish_process(mut command: std::process::Command) -> (Option<i32>, String) {
    let output = tokio::time::timeout(
        loopback::WAIT_LIMIT,
        tokio::task::spawn_blocking(move || command.output()),
    )
    .await
    .expect("briefbot exits")
    .unwrap()
    .unwrap();
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// Exit code 2 and exactly one line on stderr that says `expected`, without the token.
fn assert_one_clear_line(outcome: (Option<i32>, String), expected: &str) {
    let (code, stderr) = outcome;
    assert_eq!(code, Some(2), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
    assert!(
        stderr.starts_with("briefbot: ") && stderr.contains(expected),
        "{stderr}"
    );
    assert!(
        !stderr.contains(SECRET) && !stderr.contains("panicked"),
        "{stderr}"
    );
}

#[tokio::test]
async fn a_missing_token_exits_2_with_one_clear_line() {
    let dir = tempfile::tempdir().unwrap();
    let outcome = finish_process(briefbot_run(dir.path(), &[], &[])).await;
    assert_one_clear_line(outcome, "DISCORD_TOKEN is not set");
}

#[tokio::test]
async fn a_bad_config_exits_2_with_its_location() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("bad.toml"),
        "briefings = \"briefings\"\nguild = 12\n",
    )
    .unwrap();
    let outcome = finish_process(briefbot_run(
        dir.path(),
        &["--config", "bad.toml"],
        &[("DISCORD_TOKEN", SECRET)],
    ))
    .await;
    assert_one_clear_line(outcome, "bad.toml:2:1: unknown field `guild`");
    let outcome = finish_process(briefbot_run(
        dir.path(),
        &[],
        &[("DISCORD_TOKEN", SECRET), ("BRIEFBOT_GUILD_ID", "general")],
    ))
    .await;
    assert_one_clear_line(outcome, "BRIEFBOT_GUILD_ID is not valid");
    let outcome = finish_process(briefbot_run(
        dir.path(),
        &["--config", "missing.toml"],
        &[("DISCORD_TOKEN", SECRET)],
    ))
    .await;
    assert_one_clear_line(outcome, "cannot read the configuration file missing.toml");
}

#[tokio::test]
async fn an_unreachable_api_exits_2_with_one_clear_line() {
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    let dir = tempfile::tempdir().unwrap();
    let env = [
        ("DISCORD_TOKEN", SECRET),
        ("BRIEFBOT_API_URL", url.as_str()),
    ];
    let outcome = finish_process(briefbot_run(dir.path(), &[], &env)).await;
    assert_one_clear_line(outcome, &format!("cannot reach Discord's API at {url}"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rejected_token_exits_2_without_echoing_it() {
    let discord = Loopback::start().await;
    let dir = tempfile::tempdir().unwrap();
    let url = discord.api_url();
    let env = [
        ("DISCORD_TOKEN", SECRET),
        ("BRIEFBOT_API_URL", url.as_str()),
    ];
    let outcome = finish_process(briefbot_run(dir.path(), &[], &env)).await;
    assert_one_clear_line(outcome, "Discord rejected DISCORD_TOKEN (401 Unauthorized)");
    assert_eq!(discord.requests_to("GET", "/users/@me")[0].status, 401);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigint_and_sigterm_close_the_shards_and_exit_0() {
    for signal in ["TERM", "INT"] {
        let discord = Loopback::start().await;
        let briefings = briefings::folder();
        let dir = tempfile::tempdir().unwrap();
        let url = discord.api_url();
        let folder = briefings.path().to_str().unwrap();
        let env = [
            ("DISCORD_TOKEN", payloads::TOKEN),
            ("BRIEFBOT_API_URL", url.as_str()),
            ("BRIEFBOT_BRIEFINGS", folder),
            ("BRIEFBOT_GUILD_ID", payloads::GUILD_ID),
            ("RUST_LOG", "warn"),
        ];
        let mut command = briefbot_run(dir.path(), &[], &env);
        command
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped());
        let child = command.spawn().unwrap();
        discord.wait_ready().await;
        discord.wait_request("PUT", "/commands").await;
        let interaction = discord.slash("summary", json!([]));
        assert_eq!(
            discord.callback(&interaction).await.status,
            204,
            "the process answers"
        );
        let kill = std::process::Command::new("kill")
            .arg(format!("-{signal}"))
            .arg(child.id().to_string())
            .status()
            .unwrap();
        assert!(kill.success());
        let waited = tokio::time::timeout(
            loopback::WAIT_LIMIT,
            tokio::task::spawn_blocking(move || child.wait_with_output()),
        );
        let output = waited
            .await
            .expect("briefbot exits after the signal")
            .unwrap()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(0), "SIG{signal}: {stderr}");
        discord.assert_no_violations();
    }
}
