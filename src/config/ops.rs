//! The settings of the running bot's operation: the metrics listener, the log format, and the
//! check that `database` names a file briefbot can use.

use std::fmt;
use std::net::SocketAddr;
use std::path::PathBuf;

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

/// Accepts a path to a SQLite file. A URL (`postgres://…`, `sqlite://…`) is refused rather than
/// taken as a folder named `postgres:`.
pub fn parse_database(text: &str) -> Result<PathBuf, String> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err("give a path to a SQLite file, such as data/briefbot.sqlite3".to_owned());
    }
    match url_scheme(trimmed) {
        Some(scheme) if matches!(scheme.as_str(), "postgres" | "postgresql") => Err(
            "PostgreSQL is not supported yet; give a path to a SQLite file, such as data/briefbot.sqlite3".to_owned(),
        ),
        Some(scheme) => Err(format!(
            "a {scheme}:// URL is not a database briefbot can use; give a path to a SQLite file, such as data/briefbot.sqlite3"
        )),
        None => Ok(PathBuf::from(text)),
    }
}

/// The scheme of `scheme://…`, lowercased (RFC 3986: a letter, then letters, digits, `+-.`).
fn url_scheme(text: &str) -> Option<String> {
    let (scheme, _) = text.split_once("://")?;
    let mut chars = scheme.chars();
    let valid = chars
        .next()
        .is_some_and(|first| first.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then(|| scheme.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_database_url_is_refused_and_postgres_is_named() {
        for url in ["postgres://bot@db/briefbot", "PostgreSQL://x"] {
            let error = parse_database(url).unwrap_err();
            assert!(
                error.starts_with("PostgreSQL is not supported yet"),
                "{error}"
            );
        }
        let error = parse_database("sqlite://data/x.db").unwrap_err();
        assert!(error.starts_with("a sqlite:// URL"), "{error}");
        assert_eq!(
            parse_database("data/briefbot.sqlite3"),
            Ok(PathBuf::from("data/briefbot.sqlite3"))
        );
        // A colon in a file name is not a scheme.
        assert!(parse_database("backups/2026-12-03T08:00.sqlite3").is_ok());
        assert!(parse_database("  ").is_err());
    }

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
