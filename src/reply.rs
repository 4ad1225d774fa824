//! The transport-neutral answer to a command: what the terminal prints and Discord embeds.

use serde::Serialize;

/// The colour hint of a reply; each transport picks its own rendering.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Tone {
    /// An ordinary answer.
    Info,
    /// A quotation is the point of the reply.
    Quote,
    /// A new or updated briefing, posted to subscribed channels.
    Update,
    /// The user asked for something that does not exist or cannot be done.
    Error,
}

/// A named block of a reply (an embed field in Discord).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Field {
    /// The heading.
    pub name: String,
    /// The content.
    pub value: String,
    /// Whether Discord may show it beside its neighbours.
    pub inline: bool,
}

impl Field {
    /// A full-width field.
    pub fn new(name: impl Into<String>, value: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            value: value.into(),
            inline: false,
        }
    }

    /// A field Discord may place beside others.
    pub fn inline(name: impl Into<String>, value: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            value: value.into(),
            inline: true,
        }
    }
}

/// Everything a transport needs to show an answer. Plain text, except for backticks around ids
/// and command names, which read well in a terminal and show as code in Discord; each renderer
/// decides how to present the rest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reply {
    /// Colour hint; `Error` also means the reply should be shown to the asker alone.
    pub tone: Tone,
    /// The headline.
    pub title: String,
    /// The source link the title points to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The main text; may be empty when the fields carry everything.
    pub text: String,
    /// Named blocks, in order.
    pub fields: Vec<Field>,
    /// A closing line: which briefing, when published, where from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub footer: Option<String>,
    /// The id of the briefing this reply is about, so a transport can offer follow-ups.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub briefing: Option<String>,
}

impl Reply {
    /// An informational reply with a title and text.
    pub fn info(title: impl Into<String>, text: impl Into<String>) -> Self {
        Self {
            tone: Tone::Info,
            title: title.into(),
            url: None,
            text: text.into(),
            fields: Vec::new(),
            footer: None,
            briefing: None,
        }
    }

    /// A reply saying what the user got wrong and how to put it right.
    pub fn error(title: impl Into<String>, text: impl Into<String>) -> Self {
        Self {
            tone: Tone::Error,
            ..Self::info(title, text)
        }
    }

    /// True when the reply reports a mistake rather than answering.
    pub fn is_error(&self) -> bool {
        self.tone == Tone::Error
    }
}
