//! Running briefbot as a service: the metrics and probes of `metrics_addr` against the loopback
//! Discord, the log formats of a real `briefbot run` process, and the configuration mistakes an
//! operator makes, each refused with one line and exit code 2.
//!
//! New tests go in the module of what they exercise: `metrics` for `/metrics`, `probes` for
//! `/healthz` and `/readyz`, `logs` for what a run writes to stderr, `config` for refusals.

mod config;
#[path = "../support/mod.rs"]
mod discord_support;
mod logs;
mod metrics;
mod probes;
mod support;
