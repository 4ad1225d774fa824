//! What the briefbot-against-loopback tests share: a running bot and helpers that read the
//! messages it sent.

use serde_json::{Value, json};

use crate::support::bot::RunningBot;
use crate::support::briefings;
use crate::support::loopback::{Interaction, Loopback};

/// The ephemeral message flag.
pub(crate) const EPHEMERAL: u64 = 1 << 6;

/// A loopback Discord, the test briefings and briefbot connected to both.
pub(crate) struct Setup {
    pub(crate) discord: Loopback,
    pub(crate) bot: RunningBot,
    pub(crate) _briefings: tempfile::TempDir,
}

impl Setup {
    /// briefbot registering in the guild, its registration done.
    pub(crate) async fn start() -> Setup {
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
    pub(crate) async fn ask(&self, command: &str, options: Value) -> Value {
        let interaction = self.discord.slash(command, options);
        self.answer(&interaction).await
    }

    /// The message data of the initial response to `interaction`, checked for what every
    /// message of ours must be: a channel message with mentions off.
    pub(crate) async fn answer(&self, interaction: &Interaction) -> Value {
        let callback = self.discord.callback(interaction).await;
        assert_eq!(callback.status, 204, "{}", self.discord.describe());
        assert_eq!(callback.body["type"], 4, "a message, not a deferral");
        let data = callback.body["data"].clone();
        assert_mentions_off(&data);
        data
    }

    /// Stops the bot and fails the test if anything sent was not what Discord accepts.
    pub(crate) async fn finish(self) {
        self.discord.assert_no_violations();
        self.bot.stop().await.expect("the bot stops cleanly");
    }
}

/// `allowed_mentions` with nothing to parse and nobody listed.
pub(crate) fn assert_mentions_off(message: &Value) {
    assert_eq!(message["allowed_mentions"]["parse"], json!([]), "{message}");
    for list in ["users", "roles"] {
        let listed = &message["allowed_mentions"][list];
        assert!(listed.is_null() || listed == &json!([]), "{message}");
    }
}

pub(crate) fn is_ephemeral(message: &Value) -> bool {
    message["flags"].as_u64().unwrap_or(0) & EPHEMERAL != 0
}

/// Every text of every embed of a message, one per line.
pub(crate) fn embed_text(message: &Value) -> String {
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

pub(crate) fn title(message: &Value) -> &str {
    message["embeds"][0]["title"].as_str().unwrap_or_default()
}

pub(crate) fn field_names(message: &Value) -> Vec<String> {
    message["embeds"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|embed| embed["fields"].as_array().cloned().unwrap_or_default())
        .map(|field| field["name"].as_str().unwrap().to_owned())
        .collect()
}

/// The option names, types and flags of a registered command.
pub(crate) fn options_of(command: &Value) -> Vec<(String, u64, bool, bool)> {
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
