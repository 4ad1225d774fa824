//! The `briefbot` command line: run the bot, ask it in the terminal, check briefings, derive drafts.

mod cli;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use briefbot::config::{self, BriefingsDir, Config};
use briefbot::ops::logs;
use briefbot::service;
use briefbot::updates;
use clap::{Parser, Subcommand};

/// briefbot briefs a Discord community on a running news story.
#[derive(Parser)]
#[command(name = "briefbot", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the Discord bot (needs DISCORD_TOKEN).
    Run {
        /// The configuration file [default: config/briefbot.toml, or BRIEFBOT_CONFIG].
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
    },
    /// Answer a command in the terminal, exactly as the bot would in Discord.
    Ask(cli::ask::AskArgs),
    /// Validate briefing files or folders: exit 0 when clean, 1 with errors.
    Check(cli::check::CheckArgs),
    /// Draft a briefing from an article's text, or measure the drafts on annotated articles.
    Derive(cli::derive::DeriveArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Command::Run { config } => run(config.as_deref()),
        Command::Ask(args) => cli::ask::ask(args),
        Command::Check(args) => cli::check::check(args),
        Command::Derive(args) => cli::derive::run(args, briefings_dir),
    };
    outcome.unwrap_or_else(|error| {
        // The reader of stdout went away (`| head`): nothing is wrong, and no one to tell.
        let closed = error.chain().any(|cause| {
            cause
                .downcast_ref::<std::io::Error>()
                .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
        });
        if !closed {
            cli::print_err(&format!("briefbot: {error:#}\n"));
        }
        ExitCode::from(if closed { 0 } else { 2 })
    })
}

/// `briefbot run`: configuration, then the bot (see `briefbot::service`) until SIGINT/SIGTERM.
/// Every failure before the bot runs is one line and exit code 2; with `log_format = "json"`
/// that line is a JSON log event like every other line of the run.
fn run(config_file: Option<&Path>) -> anyhow::Result<ExitCode> {
    let config = Config::load(config_file, &config::process_env)?;
    config.token()?;
    let rust_log = std::env::var("RUST_LOG").ok();
    logs::init(
        logs::filter(rust_log.as_deref(), &config.log)?,
        config.log_format,
    )?;
    let ran = tokio::runtime::Runtime::new()
        .context("cannot start the async runtime")
        .and_then(|runtime| Ok(runtime.block_on(service::run(&config, updates::interrupted()))?));
    match ran {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(error) if config.log_format == config::LogFormat::Json => {
            tracing::error!(error = format!("{error:#}"), "briefbot stopped");
            Ok(ExitCode::from(2))
        }
        Err(error) => Err(error),
    }
}

/// The briefings folder: the flag, else the one the bot would use (`BRIEFBOT_BRIEFINGS`, else
/// the configuration's `briefings`, else `briefings`), reading nothing else of the configuration.
fn briefings_dir(flag: Option<PathBuf>) -> anyhow::Result<PathBuf> {
    Ok(BriefingsDir::load(flag, None, &config::process_env)?.path)
}
