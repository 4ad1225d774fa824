//! The log subscriber of `briefbot run`: human-readable text, with colours only when stderr is
//! a terminal, or one JSON object a line for log shippers (`log_format = "json"`).

use std::io::IsTerminal;

use tracing_subscriber::EnvFilter;

use crate::config::LogFormat;

/// Why logging could not be set up; one line for the operator.
#[derive(Debug, thiserror::Error)]
pub enum LogError {
    /// `RUST_LOG` or `log` is not a filter tracing understands.
    #[error("{setting} is not a valid log filter ({reason}); try `info` or `briefbot=debug,info`")]
    Filter {
        /// Where the filter came from.
        setting: &'static str,
        /// What the parser said.
        reason: String,
    },
    /// Another subscriber was installed first (a bug, not an operator's mistake).
    #[error("cannot install the log subscriber: {0}")]
    Install(String),
}

/// The filter: `RUST_LOG` when set and not empty, else `configured` (the `log` key).
pub fn filter(rust_log: Option<&str>, configured: &str) -> Result<EnvFilter, LogError> {
    let (setting, text) = match rust_log.filter(|text| !text.trim().is_empty()) {
        Some(text) => ("RUST_LOG", text),
        None => ("`log` in the configuration", configured),
    };
    EnvFilter::try_new(text).map_err(|error| LogError::Filter {
        setting,
        reason: error.to_string(),
    })
}

/// Installs the process's log subscriber, writing to stderr.
pub fn init(filter: EnvFilter, format: LogFormat) -> Result<(), LogError> {
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    let installed = match format {
        // Escape codes in a file or a journal are noise: colour only for a person at a terminal.
        LogFormat::Text => builder
            .with_ansi(std::io::stderr().is_terminal())
            .try_init(),
        // One object a line: timestamp, level, target, message and fields at the top level.
        LogFormat::Json => builder
            .json()
            .flatten_event(true)
            .with_ansi(false)
            .try_init(),
    };
    installed.map_err(|error| LogError::Install(error.to_string()))
}
