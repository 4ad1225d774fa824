//! A bare poise bot that answers `/summary` with a fixed string: proof that the loopback
//! Discord drives the real client, and the ceiling the perf harness compares briefbot with.
//!
//! It is built the way briefbot's adapter builds its client (REST through the proxy with the
//! rate limiter off, the GUILDS intent only, no cache), so the comparison measures our work.

use std::sync::Arc;

use poise::serenity_prelude as serenity;
use tokio::task::JoinHandle;

use super::loopback::payloads::GUILD_ID;

type Error = Box<dyn std::error::Error + Send + Sync>;
type Context<'a> = poise::Context<'a, (), Error>;

/// The string the bare bot answers with.
pub const ANSWER: &str = "A fixed answer from the bare poise bot.";

/// A running bare bot.
pub struct BareBot {
    shard_manager: Arc<serenity::ShardManager>,
    task: JoinHandle<Result<(), serenity::Error>>,
}

/// The briefing to summarise (ignored: the answer is fixed).
#[poise::command(slash_command)]
async fn summary(
    ctx: Context<'_>,
    #[description = "Briefing id"] briefing: Option<String>,
) -> Result<(), Error> {
    let _ = briefing;
    ctx.say(ANSWER).await?;
    Ok(())
}

impl BareBot {
    /// Connects to the loopback Discord at `api_url` with `token`.
    pub async fn start(api_url: &str, token: &str) -> BareBot {
        let http = serenity::HttpBuilder::new(token)
            .proxy(api_url)
            .ratelimiter_disabled(true)
            .build();
        let framework = poise::Framework::builder()
            .options(poise::FrameworkOptions {
                commands: vec![summary()],
                ..Default::default()
            })
            .setup(|ctx, _ready, framework| {
                Box::pin(async move {
                    let guild = serenity::GuildId::new(GUILD_ID.parse().expect("a snowflake"));
                    poise::builtins::register_in_guild(ctx, &framework.options().commands, guild)
                        .await?;
                    Ok(())
                })
            })
            .build();
        let mut client =
            serenity::ClientBuilder::new_with_http(http, serenity::GatewayIntents::GUILDS)
                .framework(framework)
                .await
                .expect("build the bare bot's client");
        let shard_manager = Arc::clone(&client.shard_manager);
        let task = tokio::spawn(async move { client.start().await });
        BareBot {
            shard_manager,
            task,
        }
    }

    /// Closes the shards and waits for the client to return.
    pub async fn stop(self) {
        self.shard_manager.shutdown_all().await;
        let _ = self.task.await;
    }
}
