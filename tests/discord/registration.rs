//! Command registration: exactly the commands and options, in the guild or globally, retried
//! after a server error.

use serde_json::json;

use crate::setup::*;
use crate::support::bot::RunningBot;
use crate::support::briefings;
use crate::support::loopback::{Fault, Loopback, payloads};

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
        vec![
            ("story".to_owned(), 3, false, true),
            ("from".to_owned(), 3, false, false),
            ("to".to_owned(), 3, false, false),
        ],
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
