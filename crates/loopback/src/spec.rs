//! Checks each request body the bot sends the way Discord would: against Discord's OpenAPI
//! description, then against the limits the description cannot express (6000 characters across
//! the embeds of a message).

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};

use jsonschema::Validator;
use serde_json::{Map, Value};

/// Compiled validators by (method, path template); `None` for an operation without a JSON body.
type Validators = HashMap<(String, String), Option<Arc<Validator>>>;

/// Discord's OpenAPI description, loaded once per test binary.
pub struct Spec {
    /// The whole document: the validators resolve `#/components/schemas/…` against it.
    document: Value,
    /// Path templates (`/channels/{channel_id}/messages`) split into segments, for matching.
    templates: Vec<(String, Vec<String>)>,
    /// One compiled validator per (method, template), built on first use.
    validators: Mutex<Validators>,
}

/// Where the description lives: `discord-api-spec/openapi.json` in this crate (vendored, MIT),
/// or the file named by `BRIEFBOT_DISCORD_SPEC` (to try a newer description).
fn spec_path() -> PathBuf {
    match std::env::var_os("BRIEFBOT_DISCORD_SPEC") {
        Some(path) => PathBuf::from(path),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("discord-api-spec/openapi.json"),
    }
}

impl Spec {
    /// The description, loaded and indexed on first call.
    ///
    /// Panics when the file is missing: a loopback that silently stopped validating would let
    /// payloads through that Discord rejects.
    pub fn get() -> &'static Spec {
        static SPEC: OnceLock<Spec> = OnceLock::new();
        SPEC.get_or_init(|| {
            let path = spec_path();
            let text = std::fs::read_to_string(&path).unwrap_or_else(|error| {
                panic!(
                    "the loopback Discord validates against Discord's OpenAPI description at {} \
                     (or BRIEFBOT_DISCORD_SPEC): {error}",
                    path.display()
                )
            });
            let document: Value = serde_json::from_str(&text).expect("openapi.json is JSON");
            let templates = document["paths"]
                .as_object()
                .expect("openapi.json has paths")
                .keys()
                .map(|template| (template.clone(), segments(template)))
                .collect();
            Spec {
                document,
                templates,
                validators: Mutex::new(HashMap::new()),
            }
        })
    }

    /// The template a concrete path (without `/api/v10`) matches, preferring literal segments
    /// (`/messages/@original` over `/messages/{message_id}`).
    pub fn template(&self, path: &str) -> Option<&str> {
        let parts = segments(path);
        self.templates
            .iter()
            .filter(|(_, template)| {
                template.len() == parts.len()
                    && template
                        .iter()
                        .zip(&parts)
                        .all(|(want, got)| want.starts_with('{') || want == got)
            })
            .max_by_key(|(_, template)| {
                template
                    .iter()
                    .filter(|part| !part.starts_with('{'))
                    .count()
            })
            .map(|(template, _)| template.as_str())
    }

    /// Problems Discord would report for this JSON body, empty when it is acceptable.
    pub fn check(&self, method: &str, path: &str, body: &Value) -> Vec<String> {
        let Some(template) = self.template(path) else {
            return vec![format!(
                "{method} {path} is not an endpoint of Discord's API"
            )];
        };
        let mut problems = Vec::new();
        if let Some(validator) = self.validator(method, template) {
            let body = &attachment_ids_as_text(&permissions_as_numbers(body));
            problems.extend(
                validator
                    .iter_errors(body)
                    .take(5)
                    .map(|error| format!("{} at {}", error, error.instance_path())),
            );
        }
        problems.extend(embed_limits(body));
        problems
    }

    /// The validator of this operation's JSON request body, if it takes one.
    fn validator(&self, method: &str, template: &str) -> Option<Arc<Validator>> {
        let key = (method.to_owned(), template.to_owned());
        let mut validators = self.validators.lock().expect("validators lock");
        validators
            .entry(key)
            .or_insert_with(|| {
                let operation = &self.document["paths"][template][method.to_lowercase()];
                let schema =
                    operation["requestBody"]["content"]["application/json"]["schema"].clone();
                let Value::Object(mut root) = schema else {
                    return None;
                };
                // The body's schema refers to `#/components/...`: make that resolvable from it.
                root.insert("components".to_owned(), self.document["components"].clone());
                let validator = jsonschema::options()
                    .with_draft(jsonschema::Draft::Draft202012)
                    .build(&Value::Object(root))
                    .unwrap_or_else(|error| panic!("schema of {method} {template}: {error}"));
                Some(Arc::new(validator))
            })
            .clone()
    }
}

/// The body with permission bit sets written as decimal strings turned into numbers.
///
/// Discord documents bit sets as strings ("default_member_permissions": "16"), serenity sends
/// them so and Discord accepts them; its OpenAPI description types them as integers only.
/// The ids of a message's `attachments`, as text. A new upload's id is its index among the
/// files (`files[0]` is id 0), which serenity sends as a number and Discord accepts, while the
/// description types every id as a snowflake string.
fn attachment_ids_as_text(body: &Value) -> Value {
    let mut body = body.clone();
    // An interaction callback carries its message in `data`; other messages are the body.
    if let Some(data) = body.get_mut("data") {
        ids_as_text(data);
    }
    ids_as_text(&mut body);
    body
}

fn ids_as_text(message: &mut Value) {
    if let Some(Value::Array(attachments)) = message.get_mut("attachments") {
        for attachment in attachments {
            if let Some(id) = attachment.get("id").and_then(Value::as_u64) {
                attachment["id"] = Value::String(id.to_string());
            }
        }
    }
}

fn permissions_as_numbers(body: &Value) -> Value {
    const BIT_SETS: [&str; 4] = ["default_member_permissions", "permissions", "allow", "deny"];
    match body {
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(key, value)| {
                    let converted = match value {
                        Value::String(text) if BIT_SETS.contains(&key.as_str()) => text
                            .parse::<u64>()
                            .map_or_else(|_| value.clone(), Value::from),
                        _ => permissions_as_numbers(value),
                    };
                    (key.clone(), converted)
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(permissions_as_numbers).collect()),
        other => other.clone(),
    }
}

/// The segments of a path, without empty ones.
fn segments(path: &str) -> Vec<String> {
    path.split('/')
        .filter(|part| !part.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Limits Discord enforces beyond the schema: the 6000-character total across all embeds of
/// one message (title, description, field names and values, footer text, author name).
pub fn embed_limits(body: &Value) -> Vec<String> {
    // Interaction callbacks carry the message under `data`.
    let message = match body.get("data") {
        Some(Value::Object(data)) => data,
        _ => match body {
            Value::Object(map) => map,
            _ => return Vec::new(),
        },
    };
    let Some(Value::Array(embeds)) = message.get("embeds") else {
        return Vec::new();
    };
    let total: usize = embeds
        .iter()
        .filter_map(Value::as_object)
        .map(embed_chars)
        .sum();
    if total > 6000 {
        vec![format!(
            "embeds total {total} characters; Discord allows 6000 across a message"
        )]
    } else {
        Vec::new()
    }
}

/// The characters of one embed that count toward the 6000 limit.
pub fn embed_chars(embed: &Map<String, Value>) -> usize {
    let chars = |value: Option<&Value>| {
        value
            .and_then(Value::as_str)
            .map_or(0, |text| text.chars().count())
    };
    let mut total = chars(embed.get("title")) + chars(embed.get("description"));
    if let Some(footer) = embed.get("footer") {
        total += chars(footer.get("text"));
    }
    if let Some(author) = embed.get("author") {
        total += chars(author.get("name"));
    }
    if let Some(Value::Array(fields)) = embed.get("fields") {
        for field in fields {
            total += chars(field.get("name")) + chars(field.get("value"));
        }
    }
    total
}
