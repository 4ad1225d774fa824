//! The limits a briefing must respect, chosen so that every part fits a Discord embed.
//!
//! Lengths count Unicode scalar values (what an editor sees as characters), not bytes.
//! `briefings/README.md` lists the same numbers; a test keeps the two in step.

/// The largest briefing file the loader reads; anything bigger is not a hand-written briefing.
pub const FILE_BYTES_MAX: u64 = 1024 * 1024;
/// A briefing id (a slug, equal to the file stem).
pub const ID_MAX: usize = 80;
/// A story slug.
pub const STORY_MAX: usize = 40;
/// The title (Discord's embed title allows 256).
pub const TITLE_MAX: usize = 200;
/// How many tags.
pub const TAGS_MAX: usize = 12;
/// One tag (a slug).
pub const TAG_MAX: usize = 32;
/// The update note.
pub const UPDATE_NOTE_MAX: usize = 400;
/// `summary.tldr`.
pub const TLDR_MAX: usize = 400;
/// `summary.body` (Discord's embed description allows 4096).
pub const BODY_MAX: usize = 3000;
/// `summary.why_it_matters` (an embed field value allows 1024).
pub const WHY_MAX: usize = 1000;
/// How many quotes (an embed holds 25 fields).
pub const QUOTES_MAX: usize = 25;
/// One quote's text.
pub const QUOTE_MAX: usize = 1000;
/// Any `context` text.
pub const CONTEXT_MAX: usize = 600;
/// How many actors.
pub const ACTORS_MAX: usize = 25;
/// An actor id (a slug).
pub const ACTOR_ID_MAX: usize = 40;
/// An actor's name or alias (autocomplete choices allow 100).
pub const NAME_MAX: usize = 100;
/// How many aliases an actor has.
pub const ALIASES_MAX: usize = 10;
/// An actor's role.
pub const ROLE_MAX: usize = 200;
/// An actor's position.
pub const POSITION_MAX: usize = 600;
/// How many questions.
pub const QUESTIONS_MAX: usize = 25;
/// One question (it is shown as an embed field name, which allows 256).
pub const QUESTION_MAX: usize = 250;
/// How many sources.
pub const SOURCES_MAX: usize = 10;
/// A source's title.
pub const SOURCE_TITLE_MAX: usize = 300;
/// An outlet's name.
pub const OUTLET_MAX: usize = 200;
/// A URL.
pub const URL_MAX: usize = 2000;
/// A source note.
pub const NOTE_MAX: usize = 600;
/// How many timeline events.
pub const TIMELINE_MAX: usize = 50;
/// One timeline event.
pub const EVENT_MAX: usize = 400;
