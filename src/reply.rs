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
    /// A picture that goes with the text: drawn by `render::picture`, attached by Discord
    /// (the embed shows it), written to a file by `briefbot ask … --png`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub picture: Option<Picture>,
}

/// What a reply's picture shows; pure data, so every transport draws the same picture.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Picture {
    /// A story's events on a time axis.
    Timeline(TimelinePicture),
}

impl Picture {
    /// The file name the picture travels under (`attachment://…` in Discord).
    pub fn file_name(&self) -> &'static str {
        match self {
            Self::Timeline(_) => "timeline.png",
        }
    }
}

/// A story's timeline as a picture shows it: the labelled events, and how many each year has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TimelinePicture {
    /// The headline drawn at the top.
    pub title: String,
    /// The events drawn with their text, oldest first. A dense story has more events than a
    /// picture can label; `years` says how many each year has in all.
    pub events: Vec<PictureEvent>,
    /// Every year that has events, oldest first, with its number of events.
    pub years: Vec<YearCount>,
}

/// One labelled event of a timeline picture.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PictureEvent {
    /// The day, `YYYY-MM-DD`.
    pub date: String,
    /// The day's year, which groups the events.
    pub year: u16,
    /// What happened.
    pub text: String,
}

/// How many events a year of the story has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct YearCount {
    /// The year.
    pub year: u16,
    /// Its events, labelled or not.
    pub events: usize,
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
            picture: None,
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
