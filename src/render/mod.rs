//! Replies rendered for a transport: plain text for the terminal, embeds for Discord.

pub mod embed;
pub mod text;
