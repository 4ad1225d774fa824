//! The configuration's parsing: the committed file, precedence, and each refusal.

use super::*;
use std::collections::HashMap;

fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> + use<> {
    let map: HashMap<String, String> = pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    move |name| map.get(name).cloned()
}

fn parse(text: &str, pairs: &[(&str, &str)]) -> Result<Config, ConfigError> {
    Config::from_toml(Path::new("config/briefbot.toml"), text, &env(pairs))
}

#[test]
fn the_committed_file_parses_and_holds_no_secret() {
    let text = include_str!("../../config/briefbot.toml");
    let config = parse(text, &[]).unwrap();
    assert_eq!(config.briefings, PathBuf::from("briefings"));
    assert_eq!(config.guild_id, None);
    assert_eq!(
        config.database,
        Location::Sqlite(PathBuf::from(DEFAULT_DATABASE))
    );
    assert_eq!(config.delivery_rate.get(), DEFAULT_DELIVERY_RATE);
    assert_eq!(config.log_format, LogFormat::Text);
    assert_eq!(config.metrics_addr, None);
    assert!(matches!(config.token(), Err(ConfigError::MissingToken)));
}

#[test]
fn the_environment_overrides_the_file() {
    let text = "briefings = \"b\"\ndatabase = \"d.db\"\nguild_id = 1\napi_url = \"http://a:1\"\ndelivery_rate = 20\n";
    let config = parse(
        text,
        &[
            ("BRIEFBOT_BRIEFINGS", "other"),
            ("BRIEFBOT_DB", "x.db"),
            ("BRIEFBOT_GUILD_ID", "42"),
            ("BRIEFBOT_API_URL", "http://127.0.0.1:9/"),
            ("BRIEFBOT_DELIVERY_RATE", "45"),
            ("DISCORD_TOKEN", " secret "),
        ],
    )
    .unwrap();
    assert_eq!(config.briefings, PathBuf::from("other"));
    assert_eq!(config.database, Location::Sqlite(PathBuf::from("x.db")));
    assert_eq!(config.guild_id.map(GuildId::get), Some(42));
    assert_eq!(
        config.api_url.as_ref().map(ApiUrl::as_str),
        Some("http://127.0.0.1:9")
    );
    assert_eq!(config.delivery_rate.get(), 45);
    assert_eq!(config.token().unwrap().expose(), "secret");
    assert!(
        !format!("{config:?}").contains("secret"),
        "Debug never shows the token"
    );
    let from_file = parse(text, &[]).unwrap();
    assert_eq!(from_file.guild_id.map(GuildId::get), Some(1));
    assert_eq!(from_file.api_url.unwrap().as_str(), "http://a:1");
    assert_eq!(from_file.delivery_rate.get(), 20);
}

#[test]
fn metrics_addr_log_format_and_database_are_checked_where_they_were_set() {
    let text = "metrics_addr = \"127.0.0.1:9108\"\nlog_format = \"json\"\n";
    let config = parse(text, &[]).unwrap();
    assert_eq!(config.metrics_addr, Some(([127, 0, 0, 1], 9108).into()));
    assert_eq!(config.log_format, LogFormat::Json);
    let config = parse(text, &[("BRIEFBOT_METRICS_ADDR", "0.0.0.0:9200")]).unwrap();
    assert_eq!(config.metrics_addr, Some(([0, 0, 0, 0], 9200).into()));
    let defaults = parse("", &[]).unwrap();
    assert_eq!(
        (defaults.metrics_addr, defaults.log_format),
        (None, LogFormat::Text)
    );
    let config = parse("database = \"postgres://db/briefbot\"\n", &[]).unwrap();
    assert_eq!(
        config.database,
        Location::Postgres("postgres://db/briefbot".to_owned())
    );
    let error = parse(
        "database = \"d.db\"\n",
        &[("BRIEFBOT_DB", "sqlite://data/x.db")],
    )
    .unwrap_err()
    .to_string();
    assert!(
        error.starts_with("BRIEFBOT_DB is not valid: sqlite:// is not a database briefbot knows"),
        "{error}"
    );
    let error = parse(
        "metrics_addr = \"9108\"\n",
        &[("BRIEFBOT_METRICS_ADDR", "x")],
    )
    .unwrap_err()
    .to_string();
    assert!(
        error.starts_with("BRIEFBOT_METRICS_ADDR is not valid"),
        "{error}"
    );
}

#[test]
fn an_unknown_key_is_located() {
    let error = parse("briefings = \"b\"\nguild = 1\n", &[]).unwrap_err();
    let message = error.to_string();
    assert!(
        message.starts_with("config/briefbot.toml:2:1: unknown field `guild`"),
        "{message}"
    );
    assert!(!message.contains('\n'));
}

#[test]
fn a_token_in_the_file_is_refused_without_echoing_it() {
    let error = parse("token = \"abc.def.ghi\"\n", &[])
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("DISCORD_TOKEN") && !error.contains("abc.def"),
        "{error}"
    );
}

#[test]
fn a_postgres_url_selects_postgresql_and_its_password_is_never_shown() {
    let config = parse(
        "",
        &[("BRIEFBOT_DB", "postgres://bot:secret@db:5432/briefbot")],
    )
    .unwrap();
    assert!(matches!(&config.database, Location::Postgres(url) if url.contains("secret")));
    assert_eq!(
        config.database.to_string(),
        "postgres://bot:***@db:5432/briefbot"
    );
}

#[test]
fn bad_values_say_how_to_fix_them() {
    let error = parse("", &[("BRIEFBOT_GUILD_ID", "my-server")])
        .unwrap_err()
        .to_string();
    assert!(
        error.starts_with("BRIEFBOT_GUILD_ID is not valid: expected a server id"),
        "{error}"
    );
    let error = parse("guild_id = 0\n", &[]).unwrap_err().to_string();
    assert!(
        error.starts_with("`guild_id` in config/briefbot.toml is not valid"),
        "{error}"
    );
    let error = parse("", &[("BRIEFBOT_API_URL", "ftp://x")])
        .unwrap_err()
        .to_string();
    assert!(error.contains("http://"), "{error}");
    let error = parse("", &[("BRIEFBOT_API_URL", "http://x/api/v10")])
        .unwrap_err()
        .to_string();
    assert!(error.contains("only scheme, host and port"), "{error}");
    for bad in ["delivery_rate = 0\n", "delivery_rate = -5\n"] {
        let error = parse(bad, &[]).unwrap_err().to_string();
        assert!(
            error.starts_with("`delivery_rate` in config/briefbot.toml is not valid: expected update posts per second"),
            "{error}"
        );
    }
    let error = parse("delivery_lease = 0\n", &[]).unwrap_err().to_string();
    assert!(
        error
            .starts_with("`delivery_lease` in config/briefbot.toml is not valid: expected seconds"),
        "{error}"
    );
    let error = parse("shards = \"2-1/4\"\n", &[]).unwrap_err().to_string();
    assert!(
        error
            .starts_with("`shards` in config/briefbot.toml is not valid: \"2-1/4\" is not a range"),
        "{error}"
    );
    let config = parse("shards = \"0-0/2\"\n", &[("BRIEFBOT_SHARDS", "1-1/2")]).unwrap();
    assert_eq!(
        config.shards.map(|shards| shards.to_string()).as_deref(),
        Some("1-1/2")
    );
    let error = parse("database = \"mysql://db/briefbot\"\n", &[])
        .unwrap_err()
        .to_string();
    assert!(
        error.starts_with("`database` in config/briefbot.toml is not valid: mysql:// is not a database briefbot knows"),
        "{error}"
    );
    let error = parse("", &[("BRIEFBOT_DB", "postgres://u:secret@[::1")])
        .unwrap_err()
        .to_string();
    assert!(
        error.starts_with("BRIEFBOT_DB is not valid") && !error.contains("secret"),
        "{error}"
    );
    let error = parse("", &[("BRIEFBOT_DELIVERY_RATE", "fast")])
        .unwrap_err()
        .to_string();
    assert!(
        error.starts_with("BRIEFBOT_DELIVERY_RATE is not valid"),
        "{error}"
    );
}

#[test]
fn a_missing_default_file_means_defaults_but_a_named_one_must_exist() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope.toml");
    let error = Config::load(Some(&missing), &env(&[])).unwrap_err();
    assert!(matches!(error, ConfigError::Read { .. }));
    let error = Config::load(
        None,
        &env(&[("BRIEFBOT_CONFIG", missing.to_str().unwrap())]),
    )
    .unwrap_err();
    assert!(
        error
            .to_string()
            .starts_with("cannot read the configuration file")
    );
}
