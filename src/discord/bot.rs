//! `briefbot run`'s Discord side: check the token and the API, build the client, connect with
//! the GUILDS intent only, register the commands, answer until shutdown.

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use poise::serenity_prelude::{
    self as serenity, ClientBuilder, CreateAllowedMentions, GatewayIntents, Http, HttpBuilder,
};

use crate::config::{self, Config, ConfigError};
use crate::ops::{Metrics, Shards};
use crate::subscriptions::Store;
use crate::updates::{SharedLibrary, Shutdown};

use super::{Data, DiscordPoster, commands, errors, events, instrument, registration};

/// How long the start-up check waits for Discord's API.
const CHECK_TIMEOUT: Duration = Duration::from_secs(15);
/// How long the shards get to close after a shutdown signal.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(5);
/// Discord's REST base, shown in messages when no proxy is configured.
const DISCORD_API: &str = "https://discord.com";

/// Why the bot could not start or stopped on its own. Each message is one line for the
/// operator and never contains the token.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// The configuration lacks something the bot needs (the token).
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// Discord's API (or the configured proxy) did not answer.
    #[error("cannot reach Discord's API at {url}: {reason}")]
    Unreachable {
        /// The base URL tried.
        url: String,
        /// What went wrong, as the network library puts it.
        reason: String,
    },
    /// Discord answered 401: the token is wrong or was reset.
    #[error(
        "Discord rejected DISCORD_TOKEN (401 Unauthorized): copy the current token from the developer portal"
    )]
    TokenRejected,
    /// Discord answered the start-up check with something else.
    #[error("Discord answered the start-up check with {status}: {message}")]
    Unexpected {
        /// The HTTP status.
        status: u16,
        /// Discord's message.
        message: String,
    },
    /// The gateway connection ended with an error (bad token, disallowed intents, …).
    #[error("the Discord gateway connection failed: {0}")]
    Gateway(String),
    /// The HTTP client could not be built (no TLS backend, say).
    #[error("cannot set up the HTTP client: {0}")]
    Client(String),
}

/// A bot whose token and API were checked, ready to be [built](Bot::build).
pub struct Bot {
    http: Http,
    /// The client inside `http`, kept so update posts can read Discord's answers themselves.
    client: reqwest::Client,
    guild: Option<config::GuildId>,
    /// What the bot's requests and commands count.
    metrics: Arc<Metrics>,
    /// The gateway shards to run; `None` runs all that Discord recommends.
    shards: Option<config::Shards>,
}

/// The bot's gateway client with its commands and handlers, built but not yet connected: the
/// delivery engine gets its [`poster`](Gateway::poster) before anyone can run `/subscribe`.
pub struct Gateway {
    client: serenity::Client,
    reqwest: reqwest::Client,
    metrics: Arc<Metrics>,
    shards: Option<config::Shards>,
    /// The bot's total shards as the first READY told them (0 until then): how an
    /// autosharded process learns its range.
    total: Arc<AtomicU32>,
}

impl Bot {
    /// Builds the REST client and checks the token against `GET /users/@me`, so a wrong token
    /// or an unreachable API is one clear error before anything else happens. Requests and
    /// commands are counted in `metrics`.
    pub async fn connect(config: &Config, metrics: Arc<Metrics>) -> Result<Bot, RunError> {
        let token = config.token()?;
        // The TLS backend serenity would pick itself (rustls).
        let client = reqwest::Client::builder()
            .use_rustls_tls()
            .build()
            .map_err(|error| RunError::Client(source_chain(&error)))?;
        // Mentions in briefing text never ping, whatever a builder forgets to set.
        let mut builder = HttpBuilder::new(token.expose())
            .client(client.clone())
            .default_allowed_mentions(CreateAllowedMentions::new());
        if let Some(url) = &config.api_url {
            // serenity honours the proxy only with its own rate limiter off.
            builder = builder.proxy(url.as_str()).ratelimiter_disabled(true);
        }
        let http = builder.build();
        let url = config
            .api_url
            .as_ref()
            .map_or(DISCORD_API, config::ApiUrl::as_str)
            .to_owned();
        let checked = tokio::time::timeout(CHECK_TIMEOUT, http.get_current_user()).await;
        match &checked {
            Ok(result) => instrument::response(&metrics, result),
            Err(_) => metrics.discord_response(None),
        }
        match checked {
            Err(_) => Err(RunError::Unreachable {
                url,
                reason: format!("no answer within {} s", CHECK_TIMEOUT.as_secs()),
            }),
            Ok(Err(error)) => Err(check_failure(url, error)),
            Ok(Ok(user)) => {
                tracing::info!(user = %user.name, id = %user.id, "signed in to Discord");
                Ok(Bot {
                    http,
                    client,
                    guild: config.guild_id,
                    metrics,
                    shards: config.shards,
                })
            }
        }
    }

    /// Builds the gateway client answering from `library` and `store`; nothing connects yet.
    pub async fn build(
        self,
        library: SharedLibrary,
        store: Arc<dyn Store>,
    ) -> Result<Gateway, RunError> {
        let guild = self.guild;
        let metrics = Arc::clone(&self.metrics);
        let shards = self.shards;
        let reqwest = self.client.clone();
        let options = poise::FrameworkOptions {
            commands: commands::all(),
            on_error: errors::on_error,
            pre_command: instrument::pre_command,
            post_command: instrument::post_command,
            event_handler: events::handle,
            allowed_mentions: Some(CreateAllowedMentions::new()),
            // Owners matter only for owner-only commands, which we do not have. (poise's
            // FrameworkBuilder would turn this back on, hence `Framework::new`.)
            initialize_owners: false,
            ..Default::default()
        };
        let total = Arc::new(AtomicU32::new(0));
        let told = Arc::clone(&total);
        let framework = poise::Framework::new(options, move |ctx, ready, framework| {
            if let Some(shard) = ready.shard {
                told.store(shard.total, Ordering::Release);
            }
            // Setup must not fail: poise would then leave every later interaction hanging.
            let commands =
                poise::builtins::create_application_commands(&framework.options().commands);
            registration::spawn(Arc::clone(&ctx.http), commands, guild, Arc::clone(&metrics));
            let poster = DiscordPoster::new(Arc::clone(&ctx.http), reqwest, Arc::clone(&metrics));
            Box::pin(async move {
                Ok(Data {
                    library,
                    store,
                    metrics,
                    poster,
                })
            })
        });
        let client = ClientBuilder::new_with_http(self.http, GatewayIntents::GUILDS)
            .framework(framework)
            .await
            .map_err(|error| RunError::Gateway(error.to_string()))?;
        Ok(Gateway {
            client,
            reqwest: self.client,
            metrics: self.metrics,
            shards,
            total,
        })
    }
}

impl Gateway {
    /// Posts update embeds through this client's `Http`.
    pub fn poster(&self) -> DiscordPoster {
        DiscordPoster::new(
            Arc::clone(&self.client.http),
            self.reqwest.clone(),
            Arc::clone(&self.metrics),
        )
    }

    /// The shards of this client, for the readiness probe and the latency gauge.
    pub fn shards(&self) -> Arc<dyn Shards> {
        Arc::new(instrument::ShardView {
            manager: Arc::clone(&self.client.shard_manager),
            configured: self.shards,
            told_total: Arc::clone(&self.total),
        })
    }

    /// Connects to the gateway and answers until `shutdown` (then closes the shards and
    /// returns `Ok`) or the connection fails for good.
    pub async fn run(self, mut shutdown: Shutdown) -> Result<(), RunError> {
        let mut client = self.client;
        let shard_manager = Arc::clone(&client.shard_manager);
        let shards = self.shards;
        let mut connection = tokio::spawn(async move {
            match shards {
                // serenity's range end is inclusive (`start_connection(first, last, total)`).
                Some(shards) => {
                    tracing::info!(%shards, "starting the gateway shards of this process");
                    client
                        .start_shard_range(shards.first()..shards.last(), shards.total())
                        .await
                }
                None => client.start_autosharded().await,
            }
        });
        tokio::select! {
            () = shutdown.triggered() => {
                shard_manager.shutdown_all().await;
                if tokio::time::timeout(SHUTDOWN_GRACE, &mut connection).await.is_err() {
                    tracing::warn!("the gateway did not close in time");
                    connection.abort();
                }
                Ok(())
            }
            ended = &mut connection => match ended {
                Ok(Ok(())) => Ok(()),
                Ok(Err(error)) => Err(RunError::Gateway(error.to_string())),
                Err(error) => Err(RunError::Gateway(error.to_string())),
            },
        }
    }
}

/// The start-up check's failure as one line for the operator.
fn check_failure(url: String, error: serenity::Error) -> RunError {
    match error {
        serenity::Error::Http(serenity::HttpError::UnsuccessfulRequest(response)) => {
            if response.status_code.as_u16() == 401 {
                RunError::TokenRejected
            } else {
                RunError::Unexpected {
                    status: response.status_code.as_u16(),
                    message: response.error.message,
                }
            }
        }
        serenity::Error::Http(serenity::HttpError::Request(error)) => RunError::Unreachable {
            url,
            reason: source_chain(&error),
        },
        other => RunError::Unreachable {
            url,
            reason: other.to_string(),
        },
    }
}

/// An error and its causes on one line, innermost last ("error sending request: … : Connection refused").
fn source_chain(error: &(dyn std::error::Error + 'static)) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let cause_text = cause.to_string();
        if !text.contains(&cause_text) {
            text.push_str(": ");
            text.push_str(&cause_text);
        }
        source = cause.source();
    }
    text
}
