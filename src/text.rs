//! Text helpers shared by the layers: folding for search, edit distance, safe truncation.
//!
//! They live in the `briefbot-text` crate so that `briefbot-derive` folds words exactly as
//! search does; this module is the bot's name for them.

pub use briefbot_text::*;
