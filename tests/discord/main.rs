//! End-to-end tests of the Discord bot against the loopback Discord in `tests/support`.
//!
//! Each test starts its own loopback Discord on 127.0.0.1 and asserts on the JSON the bot
//! actually sent. One test binary; new tests go in the module of what they exercise: the
//! loopback itself (`loopback`), command registration (`registration`), the answers users see
//! (`answers`), and the `briefbot run` process's exit codes and signals (`process`). `setup`
//! holds what they share.

#[path = "../support/mod.rs"]
mod support;

mod answers;
mod loopback_self;
mod process;
mod registration;
mod setup;
