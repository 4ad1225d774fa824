//! Replies rendered for a transport: plain text for the terminal (Discord embeds come later).

pub mod text;
