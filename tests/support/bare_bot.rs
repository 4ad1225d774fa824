//! A bare poise bot that answers `/summary` with a fixed reply: proof that the loopback
//! Discord drives the real client, and the ceiling the perf harness compares briefbot with.
//!
//! It is built the way briefbot's adapter builds its client (REST through the proxy with the
//! rate limiter off, the GUILDS intent only, no cache), so the comparison measures our work.
//! By default the reply is a fixed string; [`BareBot::start_with`] gives it a fixed embed
//! reply instead, to tell the cost of a bigger payload from the cost of our code.

use std::sync::Arc;

use poise::serenity_prelude as serenity;
use tokio::task::JoinHandle;

use super::loopback::payloads::GUILD_ID;

type Error = Box<dyn std::error::Error + Send + Sync>;
/// The bot's data: the reply to send, or `None` for the fixed string.
type Data = Option<poise::CreateReply>;
type Context<'a> = poise::Context<'a, Data, Error>;

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
    match ctx.data() {
        Some(reply) => ctx.send(reply.clone()).await?,
        None => ctx.say(ANSWER).await?,
    };
    Ok(())
}

impl BareBot {
    /// Connects to the loopback Discord at `api_url` with `token`; answers with [`ANSWER`].
    pub async fn start(api_url: &str, token: &str) -> BareBot {
        BareBot::start_with(api_url, token, None).await
    }

    /// Connects and answers every `/summary` with a clone of `reply` (or [`ANSWER`]).
    pub async fn start_with(
        api_url: &str,
        token: &str,
        reply: Option<poise::CreateReply>,
    ) -> BareBot {
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
                    Ok(reply)
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

/// What briefbot sends for `/summary` of the newest briefing in `briefings`, built once: the
/// same embed, buttons and allowed mentions, as a fixed poise reply.
pub fn summary_reply(briefings: &std::path::Path) -> poise::CreateReply {
    use briefbot::render::embed;
    let loaded = briefbot::load::load_dir(briefings);
    let reply = briefbot::answer::answer(
        &loaded.library,
        &briefbot::answer::Command::Summary { briefing: None },
    );
    let page = embed::render(&reply).remove(0);
    let id = reply.briefing.clone().unwrap_or_default();
    let buttons = ["quotes", "actors", "questions"]
        .into_iter()
        .map(|section| {
            serenity::CreateButton::new(format!("briefbot:{section}:{id}"))
                .label(section)
                .style(serenity::ButtonStyle::Secondary)
        })
        .collect();
    let mut built = poise::CreateReply::default()
        .allowed_mentions(serenity::CreateAllowedMentions::new())
        .components(vec![serenity::CreateActionRow::Buttons(buttons)]);
    for embed in &page.embeds {
        let mut created = serenity::CreateEmbed::new().colour(embed.colour);
        if let Some(title) = &embed.title {
            created = created.title(title);
        }
        if let Some(url) = &embed.url {
            created = created.url(url);
        }
        if let Some(description) = &embed.description {
            created = created.description(description);
        }
        created = created.fields(
            embed
                .fields
                .iter()
                .map(|field| (&field.name, &field.value, field.inline)),
        );
        if let Some(footer) = &embed.footer {
            created = created.footer(serenity::CreateEmbedFooter::new(footer));
        }
        built = built.embed(created);
    }
    built
}
