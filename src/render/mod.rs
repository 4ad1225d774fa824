//! Replies rendered for a transport: plain text for the terminal, embeds for Discord, and a
//! reply's picture as PNG bytes.

pub mod embed;
pub mod picture;
pub mod text;
