//! What the offline commands (`ask`, `check`, `derive`) take from the configuration: the
//! briefings folder and where it was set, so that a setting only `run` needs never stops them.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::{ConfigError, DEFAULT_BRIEFINGS, parse_error, read_file};

/// Where the briefings folder was set, named in messages about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A command-line argument (`--briefings`, or `check`'s paths).
    Flag,
    /// `BRIEFBOT_BRIEFINGS`.
    Env,
    /// The `briefings` key of this configuration file.
    File(PathBuf),
    /// Nothing set it: [`DEFAULT_BRIEFINGS`].
    Default,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Flag => f.write_str("given on the command line"),
            Self::Env => f.write_str("set by BRIEFBOT_BRIEFINGS"),
            Self::File(path) => write!(f, "set by `briefings` in {}", path.display()),
            Self::Default => f.write_str(
                "the default; set --briefings, BRIEFBOT_BRIEFINGS or `briefings` in the configuration",
            ),
        }
    }
}

/// The briefings folder, and where it was set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BriefingsDir {
    /// The folder.
    pub path: PathBuf,
    /// Where it was set.
    pub origin: Origin,
}

/// The one key of the file the offline commands read; every other key is `run`'s business and
/// is neither read nor checked here.
#[derive(Debug, Default, Deserialize)]
struct OfflineRaw {
    briefings: Option<String>,
}

impl BriefingsDir {
    /// The folder by precedence, highest first: `flag`, `BRIEFBOT_BRIEFINGS`, the file's
    /// `briefings` key (`from_file`, read from `file`), [`DEFAULT_BRIEFINGS`].
    pub fn resolve(
        flag: Option<PathBuf>,
        env: &dyn Fn(&str) -> Option<String>,
        file: Option<&Path>,
        from_file: Option<String>,
    ) -> Self {
        let (path, origin) = match (flag, env("BRIEFBOT_BRIEFINGS"), from_file, file) {
            (Some(flag), _, _, _) => (flag, Origin::Flag),
            (None, Some(dir), _, _) => (PathBuf::from(dir), Origin::Env),
            (None, None, Some(dir), Some(file)) => {
                (PathBuf::from(dir), Origin::File(file.to_path_buf()))
            }
            _ => (PathBuf::from(DEFAULT_BRIEFINGS), Origin::Default),
        };
        Self { path, origin }
    }

    /// The folder for an offline command. The configuration file (`config`, else
    /// `BRIEFBOT_CONFIG`, else the default one) is read only when neither `flag` nor
    /// `BRIEFBOT_BRIEFINGS` sets the folder, and then only its `briefings` key: an invalid
    /// `guild_id` or an unknown key is `run`'s concern, never `ask`'s.
    pub fn load(
        flag: Option<PathBuf>,
        config: Option<&Path>,
        env: &dyn Fn(&str) -> Option<String>,
    ) -> Result<Self, ConfigError> {
        if flag.is_some() || env("BRIEFBOT_BRIEFINGS").is_some() {
            return Ok(Self::resolve(flag, env, None, None));
        }
        match read_file(config, env)? {
            Some((path, text)) => Self::from_toml(&path, &text, env),
            None => Ok(Self::resolve(None, env, None, None)),
        }
    }

    /// The folder from a configuration file's text (no I/O); only `briefings` is read.
    pub fn from_toml(
        path: &Path,
        text: &str,
        env: &dyn Fn(&str) -> Option<String>,
    ) -> Result<Self, ConfigError> {
        let raw: OfflineRaw =
            toml::from_str(text).map_err(|error| parse_error(path, text, &error))?;
        Ok(Self::resolve(None, env, Some(path), raw.briefings))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_env(_: &str) -> Option<String> {
        None
    }

    fn parse(text: &str) -> Result<BriefingsDir, ConfigError> {
        BriefingsDir::from_toml(Path::new("config/briefbot.toml"), text, &no_env)
    }

    #[test]
    fn settings_only_run_needs_are_not_read() {
        let found =
            parse("briefings = \"b\"\ndelivery_rate = 0\nguild_id = \"abc\"\ntypo = 1\n").unwrap();
        assert_eq!(found.path, PathBuf::from("b"));
        assert_eq!(
            found.origin.to_string(),
            "set by `briefings` in config/briefbot.toml"
        );
    }

    #[test]
    fn the_flag_beats_the_environment_which_beats_the_file_which_beats_the_default() {
        let env = |name: &str| (name == "BRIEFBOT_BRIEFINGS").then(|| "from-env".to_owned());
        let file = Some(Path::new("c.toml"));
        let pick = |flag: Option<&str>, env: &dyn Fn(&str) -> Option<String>, key: Option<&str>| {
            let found =
                BriefingsDir::resolve(flag.map(PathBuf::from), env, file, key.map(str::to_owned));
            (found.path.display().to_string(), found.origin)
        };
        assert_eq!(
            pick(Some("flag"), &env, Some("key")),
            ("flag".to_owned(), Origin::Flag)
        );
        assert_eq!(
            pick(None, &env, Some("key")),
            ("from-env".to_owned(), Origin::Env)
        );
        assert_eq!(
            pick(None, &no_env, Some("key")),
            ("key".to_owned(), Origin::File(PathBuf::from("c.toml")))
        );
        assert_eq!(
            pick(None, &no_env, None),
            (DEFAULT_BRIEFINGS.to_owned(), Origin::Default)
        );
    }

    #[test]
    fn a_broken_briefings_key_is_located() {
        let error = parse("log = \"info\"\nbriefings = 3\n")
            .unwrap_err()
            .to_string();
        assert!(error.starts_with("config/briefbot.toml:2:13: "), "{error}");
        let error = parse("briefings = [\n").unwrap_err().to_string();
        assert!(error.starts_with("config/briefbot.toml:"), "{error}");
    }
}
