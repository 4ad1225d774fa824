//! briefbot's own bot — the whole `briefbot run` service — run in the test process against a
//! loopback Discord, with its subscriptions database in a temporary folder.

use std::path::{Path, PathBuf};

use briefbot::config::Config;
use briefbot::service::{self, ServiceError};
use tempfile::TempDir;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use super::loopback::{Loopback, payloads};

/// A running briefbot; [`RunningBot::stop`] sends the shutdown signal.
pub struct RunningBot {
    shutdown: Option<oneshot::Sender<()>>,
    task: JoinHandle<Result<(), ServiceError>>,
    /// The folder of the database when the test did not name one; deleted with the bot.
    _data: Option<TempDir>,
}

/// How the bot is started.
#[derive(Debug, Clone)]
pub struct Launch {
    /// The briefings folder it serves and watches.
    pub briefings: PathBuf,
    /// Register the commands in the loopback's guild (else globally).
    pub guild: bool,
    /// The `database` setting (a SQLite file or a `postgres://` URL); a fresh SQLite file in
    /// a temporary folder when `None`.
    pub database: Option<String>,
    /// The text of the configuration file (e.g. `delivery_rate = 400`).
    pub config: String,
}

impl Launch {
    /// Registering in the guild, a fresh database, the default configuration.
    pub fn new(briefings: &Path) -> Launch {
        Launch {
            briefings: briefings.to_path_buf(),
            guild: true,
            database: None,
            config: String::new(),
        }
    }
}

/// The configuration the bot gets from the environment (and `file`) in these tests.
pub fn config(discord: &Loopback, launch: &Launch, database: &str) -> Config {
    let api_url = discord.api_url();
    let briefings = launch.briefings.to_string_lossy().into_owned();
    let database = database.to_owned();
    let guild = launch.guild;
    let env = move |name: &str| match name {
        "DISCORD_TOKEN" => Some(payloads::TOKEN.to_owned()),
        "BRIEFBOT_API_URL" => Some(api_url.clone()),
        "BRIEFBOT_BRIEFINGS" => Some(briefings.clone()),
        "BRIEFBOT_DB" => Some(database.clone()),
        "BRIEFBOT_GUILD_ID" if guild => Some(payloads::GUILD_ID.to_owned()),
        _ => None,
    };
    Config::from_toml(Path::new("test.toml"), &launch.config, &env)
        .expect("a valid test configuration")
}

impl RunningBot {
    /// Starts briefbot on the briefings in `briefings`, registering in the loopback's guild
    /// when `guild` is true, and waits until it identified.
    pub async fn start(discord: &Loopback, briefings: &Path, guild: bool) -> RunningBot {
        let loaded = briefbot::load::load_dir(briefings);
        assert!(
            loaded.diagnostics.is_empty(),
            "test briefings are valid: {:#?}",
            loaded.diagnostics
        );
        let launch = Launch {
            guild,
            ..Launch::new(briefings)
        };
        RunningBot::launch(discord, launch).await
    }

    /// Starts briefbot as `launch` says and waits until it identified (by then the ledger is
    /// prepared and the briefings folder watched).
    pub async fn launch(discord: &Loopback, launch: Launch) -> RunningBot {
        let (data, database) = match &launch.database {
            Some(database) => (None, database.clone()),
            None => {
                let dir = tempfile::tempdir().expect("a temporary folder");
                let database = dir.path().join("data").join("briefbot.sqlite3");
                (Some(dir), database.to_string_lossy().into_owned())
            }
        };
        let config = config(discord, &launch, &database);
        let sessions = discord.sessions_started();
        let (shutdown, signal) = oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            service::run(&config, async move {
                let _ = signal.await;
            })
            .await
        });
        // A bot stopped a moment ago may still look connected: wait for this one's session.
        discord.wait_ready_after(sessions).await;
        RunningBot {
            shutdown: Some(shutdown),
            task,
            _data: data,
        }
    }

    /// Signals shutdown and returns what `run` returned.
    pub async fn stop(mut self) -> Result<(), ServiceError> {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
        (&mut self.task).await.expect("the bot task does not panic")
    }
}
