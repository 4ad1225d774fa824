//! Test support shared by the integration tests and the perf harness: the bot under test, a bare
//! poise bot to measure the stack's ceiling against, and briefing fixtures (the loopback Discord
//! is the `briefbot-loopback` crate, re-exported here).
// Each test binary uses a different part of the support code.
#![allow(dead_code)]

pub mod bare_bot;
pub mod bot;
pub mod briefings;
pub mod ledger;
pub mod metrics;
/// The loopback Discord lives in its own crate, compiled once for every target that uses it.
pub use briefbot_loopback as loopback;
