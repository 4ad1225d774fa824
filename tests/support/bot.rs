//! briefbot's own bot, run in the test process against a loopback Discord.

use std::path::Path;
use std::sync::{Arc, RwLock};

use briefbot::config::Config;
use briefbot::discord::{Bot, RunError};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use super::loopback::{Loopback, payloads};

/// A running briefbot; [`RunningBot::stop`] sends the shutdown signal.
pub struct RunningBot {
    shutdown: Option<oneshot::Sender<()>>,
    task: JoinHandle<Result<(), RunError>>,
}

/// The configuration the bot gets from the environment in these tests.
pub fn config(discord: &Loopback, briefings: &Path, guild: bool) -> Config {
    let api_url = discord.api_url();
    let briefings = briefings.to_string_lossy().into_owned();
    let env = move |name: &str| match name {
        "DISCORD_TOKEN" => Some(payloads::TOKEN.to_owned()),
        "BRIEFBOT_API_URL" => Some(api_url.clone()),
        "BRIEFBOT_BRIEFINGS" => Some(briefings.clone()),
        "BRIEFBOT_GUILD_ID" if guild => Some(payloads::GUILD_ID.to_owned()),
        _ => None,
    };
    Config::from_toml(Path::new("test.toml"), "", &env).expect("a valid test configuration")
}

impl RunningBot {
    /// Starts briefbot on the briefings in `briefings`, registering in the loopback's guild
    /// when `guild` is true, and waits until it identified.
    pub async fn start(discord: &Loopback, briefings: &Path, guild: bool) -> RunningBot {
        let config = config(discord, briefings, guild);
        let loaded = briefbot::load::load_dir(&config.briefings);
        assert!(
            loaded.diagnostics.is_empty(),
            "test briefings are valid: {:#?}",
            loaded.diagnostics
        );
        let library = Arc::new(RwLock::new(Arc::new(loaded.library)));
        let bot = Bot::connect(&config)
            .await
            .expect("the start-up check passes");
        let (shutdown, signal) = oneshot::channel::<()>();
        let task = tokio::spawn(bot.run(library, async move {
            let _ = signal.await;
        }));
        discord.wait_ready().await;
        RunningBot {
            shutdown: Some(shutdown),
            task,
        }
    }

    /// Signals shutdown and returns what `run` returned.
    pub async fn stop(mut self) -> Result<(), RunError> {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
        (&mut self.task).await.expect("the bot task does not panic")
    }
}
