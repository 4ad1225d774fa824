//! Interactions the loopback dispatches as Discord would — slash commands (with resolved
//! channels and roles), autocomplete, button clicks — and the bot's answers to them.

use std::time::Instant;

use serde_json::{Value, json};

use super::payloads::{self, Invoker};
use super::state::{Interaction, InteractionState, Recorded, State};
use super::{Loopback, gateway};

impl Loopback {
    /// Dispatches a slash command from the default member in #general.
    pub fn slash(&self, name: &str, options: Value) -> Interaction {
        self.slash_as(name, options, &Invoker::default())
    }

    /// Dispatches a slash command from `invoker`. Channel options are resolved as Discord
    /// does, with the invoker's permissions in the channel.
    pub fn slash_as(&self, name: &str, options: Value, invoker: &Invoker) -> Interaction {
        self.interaction(2, invoker, |state| {
            let mut data = payloads::command_data(&command_id(state, name), name, options);
            let mut resolved = serde_json::Map::new();
            let mut roles = serde_json::Map::new();
            for option in data["options"].as_array().into_iter().flatten() {
                let id = option["value"].as_str().unwrap_or_default();
                if option["type"] == 7 {
                    if let Some(channel) = state.channels.get(id) {
                        resolved.insert(
                            id.to_owned(),
                            payloads::resolved_channel(channel, &invoker.permissions),
                        );
                    }
                }
                if option["type"] == 8 {
                    if let Some(role) = payloads::roles().into_iter().find(|role| role["id"] == id)
                    {
                        roles.insert(id.to_owned(), role);
                    }
                }
            }
            if !resolved.is_empty() {
                data["resolved"]["channels"] = json!(resolved);
            }
            if !roles.is_empty() {
                data["resolved"]["roles"] = json!(roles);
            }
            data
        })
    }

    /// Dispatches an autocomplete request; mark the focused option with `"focused": true`.
    pub fn autocomplete(&self, name: &str, options: Value) -> Interaction {
        self.interaction(4, &Invoker::default(), |state| {
            payloads::command_data(&command_id(state, name), name, options)
        })
    }

    /// Dispatches a click on the button `custom_id`, on the latest message that carries it.
    pub fn click(&self, custom_id: &str) -> Interaction {
        let needle = format!("\"{custom_id}\"");
        let message = self.with_state(|state| {
            state
                .originals
                .values()
                .chain(state.followups.values().flatten())
                .filter(|message| message["components"].to_string().contains(&needle))
                .max_by_key(|message| {
                    message["id"]
                        .as_str()
                        .unwrap_or_default()
                        .parse::<u64>()
                        .unwrap_or(0)
                })
                .cloned()
        });
        let message = message.unwrap_or_else(|| panic!("no message carries a button {custom_id}"));
        let invoker = Invoker::default();
        let id = self.next_interaction_ids();
        let mut payload =
            payloads::interaction(&id.0, &id.1, 3, payloads::button_data(custom_id), &invoker);
        payload["message"] = message;
        self.send_interaction(id, payload, &invoker)
    }

    /// Dispatches any event on the gateway (e.g. `CHANNEL_DELETE`), to the session of the shard
    /// that owns its guild.
    pub fn dispatch(&self, event: &str, data: Value) {
        self.shared
            .update(|state| gateway::dispatch(state, event, data));
    }

    fn interaction(
        &self,
        kind: u8,
        invoker: &Invoker,
        data: impl FnOnce(&State) -> Value,
    ) -> Interaction {
        let data = self.with_state(data);
        let id = self.next_interaction_ids();
        let payload = payloads::interaction(&id.0, &id.1, kind, data, invoker);
        self.send_interaction(id, payload, invoker)
    }

    fn next_interaction_ids(&self) -> (String, String) {
        self.shared.update(|state| {
            let id = state.snowflake();
            let token = format!("interaction-token-{id}");
            (id, token)
        })
    }

    fn send_interaction(
        &self,
        (id, token): (String, String),
        payload: Value,
        invoker: &Invoker,
    ) -> Interaction {
        self.shared.update(|state| {
            let dispatched_at = Instant::now();
            state.interactions.insert(
                id.clone(),
                InteractionState {
                    token: token.clone(),
                    dispatched_at,
                    answered_with: None,
                    channel_id: invoker.channel_id.clone(),
                },
            );
            let shards = gateway::dispatch(state, "INTERACTION_CREATE", payload);
            Interaction {
                id,
                token,
                dispatched_at,
                shards,
            }
        })
    }

    /// Waits for the bot's initial response to `interaction` and returns its request.
    pub async fn callback(&self, interaction: &Interaction) -> Recorded {
        let path = format!(
            "/interactions/{}/{}/callback",
            interaction.id, interaction.token
        );
        self.wait_for(
            &format!("the callback of interaction {}", interaction.id),
            |state| {
                state
                    .requests
                    .iter()
                    .find(|request| request.method == "POST" && request.path == path)
                    .cloned()
            },
        )
        .await
    }

    /// Waits for the `count`-th follow-up message to `interaction` and returns them all.
    pub async fn followups(&self, interaction: &Interaction, count: usize) -> Vec<Value> {
        self.wait_for(
            &format!("{count} follow-ups to interaction {}", interaction.id),
            |state| {
                let found = state
                    .followups
                    .get(&interaction.token)
                    .cloned()
                    .unwrap_or_default();
                (found.len() >= count).then_some(found)
            },
        )
        .await
    }

    /// The message the user sees as the interaction's response, after any edits.
    pub fn original(&self, interaction: &Interaction) -> Option<Value> {
        self.with_state(|state| state.originals.get(&interaction.token).cloned())
    }
}

/// The id Discord gave the command `name` when it was registered, or a stand-in.
fn command_id(state: &State, name: &str) -> String {
    state
        .commands
        .values()
        .flatten()
        .find(|command| command["name"] == name)
        .and_then(|command| command["id"].as_str())
        .unwrap_or("1600000000000000000")
        .to_owned()
}

/// A string option as Discord sends it in a command invocation.
pub fn option(name: &str, value: impl Into<Value>) -> Value {
    let value = value.into();
    let kind = match &value {
        Value::Bool(_) => 5,
        Value::Number(number) if number.is_i64() || number.is_u64() => 4,
        Value::Number(_) => 10,
        _ => 3,
    };
    json!({ "name": name, "type": kind, "value": value })
}

/// A channel option as Discord sends it (the channel itself goes in `resolved`, which
/// [`Loopback::slash_as`] fills in).
pub fn channel_option(name: &str, channel_id: &str) -> Value {
    json!({ "name": name, "type": 7, "value": channel_id })
}

/// The focused option of an autocomplete request.
pub fn focused(name: &str, partial: &str) -> Value {
    json!({ "name": name, "type": 3, "value": partial, "focused": true })
}

/// A role option as Discord sends it (the role itself goes in `resolved`, which
/// [`Loopback::slash_as`] fills in).
pub fn role_option(name: &str, role_id: &str) -> Value {
    json!({ "name": name, "type": 8, "value": role_id })
}
