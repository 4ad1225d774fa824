//! The bot's configuration: `config/briefbot.toml` (committed, no secrets) overlaid by the
//! environment; the Discord token comes only from `DISCORD_TOKEN`.
//!
//! Precedence, lowest first: built-in defaults, the file, the environment. The file is the one
//! given with `--config`, else `BRIEFBOT_CONFIG`, else `config/briefbot.toml` (which may be
//! absent: the defaults then apply). The offline commands read only the briefings folder
//! ([`BriefingsDir`]), so a setting only `run` needs never stops them.

use std::fmt;
use std::num::{NonZeroU32, NonZeroU64};
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::subscriptions::Location;

mod offline;
mod ops;
mod shards;

pub use offline::{BriefingsDir, Origin};
pub use ops::LogFormat;
pub use shards::Shards;

/// The configuration file read when neither `--config` nor `BRIEFBOT_CONFIG` names one.
pub const DEFAULT_PATH: &str = "config/briefbot.toml";
/// The briefings folder unless configured.
pub const DEFAULT_BRIEFINGS: &str = "briefings";
/// The subscriptions database unless configured.
pub const DEFAULT_DATABASE: &str = "data/briefbot.sqlite3";
/// The log filter unless configured or set by `RUST_LOG`.
pub const DEFAULT_LOG: &str = "info";
/// Update posts per second unless configured: under Discord's global limit of 50 requests/s,
/// leaving room for command replies and registration.
pub const DEFAULT_DELIVERY_RATE: u32 = 40;
/// Seconds a replica holds the posts it claimed, unless configured.
pub const DEFAULT_DELIVERY_LEASE: u32 = 60;

/// The configuration the bot runs with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// The file that was read, if any (for messages).
    pub file: Option<PathBuf>,
    /// The briefings folder (`briefings`, `BRIEFBOT_BRIEFINGS`).
    pub briefings: PathBuf,
    /// The subscriptions database (`database`, `BRIEFBOT_DB`): a SQLite file, or a
    /// `postgres://` URL that replicas share.
    pub database: Location,
    /// Register the commands in this guild only (`guild_id`, `BRIEFBOT_GUILD_ID`); globally when
    /// absent.
    pub guild_id: Option<GuildId>,
    /// Send every REST call to this base URL instead of `https://discord.com` (`api_url`,
    /// `BRIEFBOT_API_URL`).
    pub api_url: Option<ApiUrl>,
    /// The log filter (`log`); `RUST_LOG` takes precedence.
    pub log: String,
    /// Update posts per second across all channels (`delivery_rate`, `BRIEFBOT_DELIVERY_RATE`).
    pub delivery_rate: NonZeroU32,
    /// Serve `/metrics`, `/healthz` and `/readyz` here (`metrics_addr`, `BRIEFBOT_METRICS_ADDR`);
    /// off when absent.
    pub metrics_addr: Option<std::net::SocketAddr>,
    /// How logs are written (`log_format`, `BRIEFBOT_LOG_FORMAT`).
    pub log_format: LogFormat,
    /// The gateway shards this process runs (`shards`, `BRIEFBOT_SHARDS`); `None` runs every
    /// shard Discord recommends in this one process.
    pub shards: Option<Shards>,
    /// Seconds a replica holds the posts it claimed (`delivery_lease`,
    /// `BRIEFBOT_DELIVERY_LEASE`): when one dies, another sends its posts after this long.
    pub delivery_lease: NonZeroU32,
    /// `DISCORD_TOKEN`; only `briefbot run` needs it.
    token: Option<Token>,
}

/// A Discord bot token. Its `Debug` and `Display` never show it.
#[derive(Clone, PartialEq, Eq)]
pub struct Token(String);

impl Token {
    /// The token itself, for the one place that sends it to Discord.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Token(<redacted>)")
    }
}

/// A guild (server) id: a non-zero snowflake.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GuildId(NonZeroU64);

impl GuildId {
    /// Accepts a decimal snowflake such as `123456789012345678`.
    pub fn parse(text: &str) -> Option<Self> {
        text.trim().parse::<NonZeroU64>().ok().map(GuildId)
    }

    /// The id as a number.
    pub fn get(self) -> u64 {
        self.0.get()
    }
}

/// The base URL of Discord's REST API or of a proxy in front of it: `http(s)://host[:port]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiUrl(String);

impl ApiUrl {
    /// Accepts an `http` or `https` URL with a host and no path, query or credentials.
    pub fn parse(text: &str) -> Result<Self, String> {
        let url = url::Url::parse(text.trim()).map_err(|error| error.to_string())?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err("use an http:// or https:// URL".to_owned());
        }
        if url.host().is_none()
            || url.path() != "/"
            || url.query().is_some()
            || !url.username().is_empty()
        {
            return Err("give only scheme, host and port, e.g. http://127.0.0.1:3000".to_owned());
        }
        Ok(ApiUrl(url.as_str().trim_end_matches('/').to_owned()))
    }

    /// The URL without a trailing slash.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Why the configuration cannot be used. Each message is one line that says what to fix.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The configuration file cannot be read.
    #[error("cannot read the configuration file {path}")]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The file is not valid TOML or has an unknown key or a wrong type.
    #[error("{path}:{line}:{column}: {message}")]
    Parse {
        /// The file.
        path: PathBuf,
        /// 1-based line of the problem.
        line: usize,
        /// 1-based column of the problem.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// A value has the right type but cannot be used.
    #[error("{setting} is not valid: {reason}")]
    Invalid {
        /// Where it was set (`BRIEFBOT_GUILD_ID`, or `guild_id in config/briefbot.toml`).
        setting: String,
        /// What is wrong and how to fix it.
        reason: String,
    },
    /// `DISCORD_TOKEN` is not set.
    #[error(
        "DISCORD_TOKEN is not set: create a bot in the Discord developer portal, copy its token and run `DISCORD_TOKEN=… briefbot run`"
    )]
    MissingToken,
}

/// The file as written; every key optional, unknown keys rejected.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    briefings: Option<String>,
    database: Option<String>,
    guild_id: Option<RawId>,
    api_url: Option<String>,
    log: Option<String>,
    delivery_rate: Option<i64>,
    metrics_addr: Option<String>,
    log_format: Option<String>,
    shards: Option<String>,
    delivery_lease: Option<i64>,
}

/// A snowflake written as a TOML integer or string.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum RawId {
    Number(i64),
    Text(String),
}

/// Reads an environment variable, treating an empty value as unset.
pub fn process_env(name: &str) -> Option<String> {
    std::env::var(name)
        .ok()
        .filter(|value| !value.trim().is_empty())
}

impl Config {
    /// Finds and reads the configuration file (see the module docs), then applies `env`.
    pub fn load(
        flag: Option<&Path>,
        env: &dyn Fn(&str) -> Option<String>,
    ) -> Result<Config, ConfigError> {
        match read_file(flag, env)? {
            Some((path, text)) => Config::from_toml(&path, &text, env),
            None => Config::from_raw(None, RawConfig::default(), env),
        }
    }

    /// Builds the configuration from a file's text and the environment (no I/O).
    pub fn from_toml(
        path: &Path,
        text: &str,
        env: &dyn Fn(&str) -> Option<String>,
    ) -> Result<Config, ConfigError> {
        let raw: RawConfig = toml::from_str(text).map_err(|error| {
            // A token pasted into the file gets its own message, not "unknown field".
            if text.parse::<toml::Table>().is_ok_and(|table| table.contains_key("token")) {
                return ConfigError::Invalid {
                    setting: format!("`token` in {}", path.display()),
                    reason: "the token is a secret and does not belong in a committed file; remove it and set DISCORD_TOKEN instead".to_owned(),
                };
            }
            parse_error(path, text, &error)
        })?;
        Config::from_raw(Some(path), raw, env)
    }

    fn from_raw(
        path: Option<&Path>,
        raw: RawConfig,
        env: &dyn Fn(&str) -> Option<String>,
    ) -> Result<Config, ConfigError> {
        let in_file = |key: &str| match path {
            Some(path) => format!("`{key}` in {}", path.display()),
            None => format!("`{key}`"),
        };
        let guild_id = match env("BRIEFBOT_GUILD_ID") {
            Some(text) => Some(
                parse_guild_id(&text).map_err(|reason| ConfigError::Invalid {
                    setting: "BRIEFBOT_GUILD_ID".to_owned(),
                    reason,
                })?,
            ),
            None => match raw.guild_id {
                Some(RawId::Number(number)) => {
                    Some(parse_guild_id(&number.to_string()).map_err(|reason| {
                        ConfigError::Invalid {
                            setting: in_file("guild_id"),
                            reason,
                        }
                    })?)
                }
                Some(RawId::Text(text)) => {
                    Some(
                        parse_guild_id(&text).map_err(|reason| ConfigError::Invalid {
                            setting: in_file("guild_id"),
                            reason,
                        })?,
                    )
                }
                None => None,
            },
        };
        let api_url = match env("BRIEFBOT_API_URL") {
            Some(text) => Some(ApiUrl::parse(&text).map_err(|reason| ConfigError::Invalid {
                setting: "BRIEFBOT_API_URL".to_owned(),
                reason,
            })?),
            None => match raw.api_url {
                Some(text) => {
                    Some(ApiUrl::parse(&text).map_err(|reason| ConfigError::Invalid {
                        setting: in_file("api_url"),
                        reason,
                    })?)
                }
                None => None,
            },
        };
        let delivery_rate = match env("BRIEFBOT_DELIVERY_RATE") {
            Some(text) => parse_rate(&text).map_err(|reason| ConfigError::Invalid {
                setting: "BRIEFBOT_DELIVERY_RATE".to_owned(),
                reason,
            })?,
            None => match raw.delivery_rate {
                Some(number) => {
                    parse_rate(&number.to_string()).map_err(|reason| ConfigError::Invalid {
                        setting: in_file("delivery_rate"),
                        reason,
                    })?
                }
                None => NonZeroU32::new(DEFAULT_DELIVERY_RATE).unwrap_or(NonZeroU32::MIN),
            },
        };
        // The environment first, then the file; a bad value names where it was set.
        let setting = |env_name: &str, key: &str, from_file: Option<String>| match env(env_name) {
            Some(text) => Some((env_name.to_owned(), text)),
            None => from_file.map(|text| (in_file(key), text)),
        };
        let metrics_addr = checked(
            setting("BRIEFBOT_METRICS_ADDR", "metrics_addr", raw.metrics_addr),
            ops::parse_metrics_addr,
        )?;
        let log_format = checked(
            setting("BRIEFBOT_LOG_FORMAT", "log_format", raw.log_format),
            LogFormat::parse,
        )?
        .unwrap_or_default();
        let database = match checked(
            setting("BRIEFBOT_DB", "database", raw.database),
            Location::parse,
        )? {
            Some(location) => location,
            None => Location::Sqlite(PathBuf::from(DEFAULT_DATABASE)),
        };
        let delivery_lease = checked(
            setting(
                "BRIEFBOT_DELIVERY_LEASE",
                "delivery_lease",
                raw.delivery_lease.map(|number| number.to_string()),
            ),
            parse_lease,
        )?
        .unwrap_or_else(|| NonZeroU32::new(DEFAULT_DELIVERY_LEASE).unwrap_or(NonZeroU32::MIN));
        let shards = checked(
            setting("BRIEFBOT_SHARDS", "shards", raw.shards),
            Shards::parse,
        )?;
        Ok(Config {
            file: path.map(Path::to_path_buf),
            briefings: BriefingsDir::resolve(None, env, path, raw.briefings).path,
            database,
            guild_id,
            api_url,
            log: raw.log.unwrap_or_else(|| DEFAULT_LOG.to_owned()),
            delivery_rate,
            metrics_addr,
            log_format,
            shards,
            delivery_lease,
            token: env("DISCORD_TOKEN").map(|token| Token(token.trim().to_owned())),
        })
    }

    /// The token, or the error that tells the operator how to provide one.
    pub fn token(&self) -> Result<&Token, ConfigError> {
        self.token.as_ref().ok_or(ConfigError::MissingToken)
    }
}

/// The configuration file's path and text: `flag`, else `BRIEFBOT_CONFIG`, else
/// [`DEFAULT_PATH`]. `None` when the default file is absent (a file named anywhere must exist).
fn read_file(
    flag: Option<&Path>,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<Option<(PathBuf, String)>, ConfigError> {
    let chosen = flag
        .map(Path::to_path_buf)
        .or_else(|| env("BRIEFBOT_CONFIG").map(PathBuf::from));
    let path = chosen
        .clone()
        .unwrap_or_else(|| PathBuf::from(DEFAULT_PATH));
    match std::fs::read_to_string(&path) {
        Ok(text) => Ok(Some((path, text))),
        // Without a file named anywhere, the defaults and the environment are enough.
        Err(error) if chosen.is_none() && error.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(source) => Err(ConfigError::Read { path, source }),
    }
}

/// A TOML error located in the file, on one line.
fn parse_error(path: &Path, text: &str, error: &toml::de::Error) -> ConfigError {
    let (line, column) = error
        .span()
        .map_or((1, 1), |span| line_column(text, span.start));
    ConfigError::Parse {
        path: path.to_path_buf(),
        line,
        column,
        message: error.message().trim().to_owned(),
    }
}

fn parse_guild_id(text: &str) -> Result<GuildId, String> {
    GuildId::parse(text).ok_or_else(|| {
        "expected a server id, a number such as 123456789012345678 (Discord: Developer Mode, right-click the server, Copy Server ID)".to_owned()
    })
}

fn parse_rate(text: &str) -> Result<NonZeroU32, String> {
    text.trim().parse::<NonZeroU32>().map_err(|_| {
        format!("expected update posts per second, a whole number from 1 (Discord allows 50 requests/s in all; the default is {DEFAULT_DELIVERY_RATE})")
    })
}

/// Parses a setting found as (where it was set, its text); a bad value names where it was set.
fn checked<T>(
    found: Option<(String, String)>,
    parse: fn(&str) -> Result<T, String>,
) -> Result<Option<T>, ConfigError> {
    found
        .map(|(setting, text)| {
            parse(&text).map_err(|reason| ConfigError::Invalid { setting, reason })
        })
        .transpose()
}

fn parse_lease(text: &str) -> Result<NonZeroU32, String> {
    text.trim().parse::<NonZeroU32>().map_err(|_| {
        format!("expected seconds a replica holds its claimed posts, a whole number from 1 (the default is {DEFAULT_DELIVERY_LEASE})")
    })
}

/// The 1-based line and column of a byte offset.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before
        .rsplit('\n')
        .next()
        .map_or(0, |last| last.chars().count())
        + 1;
    (line, column)
}

#[cfg(test)]
mod tests;
