//! Drafts a briefing from an article's text: quotes with speakers, actors with roles, open
//! questions, an extractive summary. Pure: rules and word lists, no I/O, no network, no model.
//!
//! The stages, each in its own file: [`doc`](self) cleans the text and splits paragraphs,
//! sentences and words; `quotes` finds quotations; `actors` finds who is named; `attribution`
//! finds who said each quote; `questions` and `summary` draft the rest; `draft` writes the
//! file. [`eval`] measures the result against hand annotations.

mod actors;
mod attribution;
mod doc;
mod draft;
pub mod eval;
mod gazetteer;
mod lexicon;
mod questions;
mod quotes;
mod scan;
mod sentences;
mod source;
mod summary;

pub use draft::{Draft, DraftActor, DraftQuestion, DraftQuote, RoleSource};
pub use gazetteer::{BriefingActors, Gazetteer, KnownActor};
pub use source::{SourceMeta, id_from_stem, parse_meta};

use briefbot_format::limits::{
    ACTOR_ID_MAX, ACTORS_MAX, ALIASES_MAX, BODY_MAX, CONTEXT_MAX, NAME_MAX, NOTE_MAX, OUTLET_MAX,
    QUESTION_MAX, QUESTIONS_MAX, QUOTE_MAX, QUOTES_MAX, ROLE_MAX, SOURCE_TITLE_MAX, STORY_MAX,
    TITLE_MAX, TLDR_MAX, URL_MAX,
};
use briefbot_format::{ActorKind, BriefingId, Date, Source, Timestamp, is_slug};
use briefbot_text::truncate;

use actors::{ActorInfo, Cast};
use doc::Doc;
use quotes::QuoteSpan;
use summary::{Bags, overlap};

/// The largest article `derive` reads: far above any news article, well below trouble.
pub const ARTICLE_BYTES_MAX: usize = 1024 * 1024;

/// The story a draft belongs to unless told otherwise.
pub const DEFAULT_STORY: &str = "belarus-russia";

/// What `derive` is told besides the article's text.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// The briefing id (and so the file stem the draft must be saved under).
    pub id: BriefingId,
    /// The story slug; [`DEFAULT_STORY`] unless set.
    pub story: String,
    /// When the development happened, if the caller knows.
    pub published: Option<Timestamp>,
    /// Today's date, the last resort for `published` (pure code cannot read the clock).
    pub today: Option<Date>,
    /// The article's metadata (`.meta.toml`), if there is any.
    pub source: Option<SourceMeta>,
    /// The article's file name, named in the draft's header comment.
    pub article_name: Option<String>,
}

impl Options {
    /// Options for a briefing with this id, everything else unknown.
    pub fn new(id: BriefingId) -> Self {
        Self {
            id,
            story: DEFAULT_STORY.to_owned(),
            published: None,
            today: None,
            source: None,
            article_name: None,
        }
    }
}

/// Why no draft could be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DeriveError {
    /// The text has no letters or digits at all.
    #[error("the article has no words to draft from")]
    NoText,
    /// The text is larger than any news article.
    #[error("the article is {bytes} bytes; derive reads at most {limit} bytes (one news article)")]
    TooLarge {
        /// The article's size.
        bytes: usize,
        /// [`ARTICLE_BYTES_MAX`].
        limit: usize,
    },
    /// The story is not a slug.
    #[error(
        "story {0:?} is not a lowercase slug of at most 40 characters (like \"belarus-russia\")"
    )]
    InvalidStory(String),
    /// The metadata file is not usable.
    #[error("the article's metadata is not valid: {0}")]
    Metadata(String),
}

/// Drafts a briefing from an article's text.
///
/// The article is plain text, one paragraph per line or blank-line separated. `gazetteer`
/// holds the actors of loaded briefings (pass [`Gazetteer::new`] when there are none).
pub fn derive(
    article: &str,
    options: &Options,
    gazetteer: &Gazetteer,
) -> Result<Draft, DeriveError> {
    if article.len() > ARTICLE_BYTES_MAX {
        return Err(DeriveError::TooLarge {
            bytes: article.len(),
            limit: ARTICLE_BYTES_MAX,
        });
    }
    if !is_slug(&options.story, STORY_MAX) {
        return Err(DeriveError::InvalidStory(options.story.clone()));
    }
    let doc = Doc::new(article);
    if doc.tokens.is_empty() {
        return Err(DeriveError::NoText);
    }
    let analysis = Analysis::new(&doc, gazetteer);
    Ok(analysis.draft(options))
}

mod analysis;
mod drafted;
mod fit;

use analysis::Analysis;
use drafted::*;
pub(crate) use fit::*;
