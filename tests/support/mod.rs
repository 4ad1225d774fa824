//! Test support shared by the integration tests and the perf harness: the loopback Discord and
//! a bare poise bot to measure the stack's ceiling against.
// Each test binary uses a different part of the support code.
#![allow(dead_code)]

pub mod bare_bot;
pub mod bot;
pub mod briefings;
pub mod loopback;
