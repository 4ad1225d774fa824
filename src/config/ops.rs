//! The settings of the running bot's operation: the metrics listener and the log format
//! (`database` is read by [`crate::subscriptions::Location::parse`]).

use std::fmt;
use std::net::SocketAddr;

/// How `briefbot run` writes its logs (`log_format`, `BRIEFBOT_LOG_FORMAT`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum LogFormat {
    /// One readable line per event; colours only when stderr is a terminal.
    #[default]
    Text,
    /// One JSON object per line, for log shippers.
    Json,
}

impl LogFormat {
    /// Accepts `text` or `json` (any case).
    pub fn parse(text: &str) -> Result<Self, String> {
        match text.trim().to_ascii_lowercase().as_str() {
            "text" => Ok(Self::Text),
            "json" => Ok(Self::Json),
            _ => Err("expected \"text\" or \"json\"".to_owned()),
        }
    }
}

impl fmt::Display for LogFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Text => "text",
            Self::Json => "json",
        })
    }
}

/// Accepts an IP address and port, such as `127.0.0.1:9108` or `[::1]:9108`.
pub fn parse_metrics_addr(text: &str) -> Result<SocketAddr, String> {
    text.trim().parse().map_err(|_| {
        "expected an IP address and a port, such as 127.0.0.1:9108 (0.0.0.0:9108 to listen on every interface)".to_owned()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metrics_addresses_need_an_ip_and_a_port() {
        assert_eq!(
            parse_metrics_addr("127.0.0.1:9108"),
            Ok(SocketAddr::from(([127, 0, 0, 1], 9108)))
        );
        assert!(parse_metrics_addr("[::1]:9108").is_ok());
        for bad in ["9108", "localhost:9108", "127.0.0.1", "127.0.0.1:99999"] {
            assert!(parse_metrics_addr(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn log_formats_are_text_or_json() {
        assert_eq!(LogFormat::parse("JSON"), Ok(LogFormat::Json));
        assert_eq!(LogFormat::parse("text"), Ok(LogFormat::Text));
        assert!(LogFormat::parse("logfmt").is_err());
    }
}
