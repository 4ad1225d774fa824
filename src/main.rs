//! The `briefbot` command line: run the bot, ask it in the terminal, check briefings, derive drafts.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use briefbot::answer::{Command as Ask, answer};
use briefbot::config::{self, Config};
use briefbot::load;
use briefbot::render;
use briefbot::service;
use briefbot::updates;
use clap::{Args, Parser, Subcommand};
use tracing_subscriber::EnvFilter;

mod cli {
    pub mod derive;
}

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
    Ask(AskArgs),
    /// Validate a briefings folder: exit 0 when clean, 1 with diagnostics.
    Check {
        /// The folder to check [default: briefings, or BRIEFBOT_BRIEFINGS].
        dir: Option<PathBuf>,
        /// Also verify every quote against the article text `<id>.txt` found in this folder
        /// (and in the briefings' own `sources/` folder). May be given more than once.
        #[arg(long, value_name = "DIR")]
        sources: Vec<PathBuf>,
    },
    /// Draft a briefing from an article's text, or measure the drafts on annotated articles.
    Derive(cli::derive::DeriveArgs),
}

#[derive(Args)]
#[command(disable_help_subcommand = true)]
struct AskArgs {
    /// The briefings folder [default: briefings, or BRIEFBOT_BRIEFINGS].
    #[arg(long, value_name = "DIR", global = true)]
    briefings: Option<PathBuf>,
    /// Print the reply as JSON, for scripts and tests.
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    what: AskCommand,
}

#[derive(Args)]
struct BriefingArg {
    /// The briefing id [default: the newest briefing].
    #[arg(long, value_name = "ID")]
    briefing: Option<String>,
}

#[derive(Subcommand)]
enum AskCommand {
    /// What happened, why it matters, the key quote.
    Summary(BriefingArg),
    /// The key quote, every quote, or the quotes of one speaker.
    Quote {
        #[command(flatten)]
        briefing: BriefingArg,
        /// Every quote, not only the key quote.
        #[arg(long)]
        all: bool,
        /// Only quotes by this speaker (id, name or alias; accents and case ignored).
        #[arg(long, value_name = "NAME")]
        speaker: Option<String>,
    },
    /// Who is involved: role and stance.
    Actors {
        #[command(flatten)]
        briefing: BriefingArg,
        /// Only actors whose name, alias, id or role matches.
        name: Option<String>,
    },
    /// What the article leaves open.
    Questions(BriefingArg),
    /// Every briefing, newest first.
    Briefings {
        /// Only this story's briefings.
        #[arg(long)]
        story: Option<String>,
    },
    /// The dated events of a story, oldest first.
    Timeline {
        /// The story [default: the newest briefing's story].
        #[arg(long)]
        story: Option<String>,
    },
    /// Find briefings by word or name (accents and case ignored).
    Search {
        /// The words to find; every word must match.
        #[arg(required = true, num_args = 1..)]
        query: Vec<String>,
    },
    /// Where a briefing's facts come from.
    Sources(BriefingArg),
    /// What the bot can do.
    Help,
}

impl AskCommand {
    fn into_command(self) -> Ask {
        match self {
            Self::Summary(arg) => Ask::Summary {
                briefing: arg.briefing,
            },
            Self::Quote {
                briefing,
                all,
                speaker,
            } => Ask::Quote {
                briefing: briefing.briefing,
                all,
                speaker,
            },
            Self::Actors { briefing, name } => Ask::Actors {
                briefing: briefing.briefing,
                name,
            },
            Self::Questions(arg) => Ask::Questions {
                briefing: arg.briefing,
            },
            Self::Briefings { story } => Ask::Briefings { story },
            Self::Timeline { story } => Ask::Timeline { story },
            Self::Search { query } => Ask::Search {
                query: query.join(" "),
            },
            Self::Sources(arg) => Ask::Sources {
                briefing: arg.briefing,
            },
            Self::Help => Ask::Help,
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Command::Run { config } => run(config.as_deref()),
        Command::Ask(args) => ask(args),
        Command::Check { dir, sources } => briefings_dir(dir).and_then(|dir| check(&dir, &sources)),
        Command::Derive(args) => cli::derive::run(args, briefings_dir),
    };
    outcome.unwrap_or_else(|error| {
        eprintln!("briefbot: {error:#}");
        ExitCode::from(2)
    })
}

/// `briefbot run`: configuration, then the bot (see `briefbot::service`) until SIGINT/SIGTERM.
/// Every failure before the bot runs is one line and exit code 2.
fn run(config_file: Option<&Path>) -> anyhow::Result<ExitCode> {
    let config = Config::load(config_file, &config::process_env)?;
    config.token()?;
    let filter = match std::env::var("RUST_LOG") {
        Ok(filter) if !filter.trim().is_empty() => {
            EnvFilter::try_new(&filter).context("RUST_LOG is not a valid log filter")?
        }
        _ => EnvFilter::try_new(&config.log)
            .context("`log` in the configuration is not a valid log filter")?,
    };
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .init();
    let runtime = tokio::runtime::Runtime::new().context("cannot start the async runtime")?;
    runtime.block_on(service::run(&config, updates::interrupted()))?;
    Ok(ExitCode::SUCCESS)
}

/// The briefings folder: the flag, else the one the bot would use (`BRIEFBOT_BRIEFINGS`, else
/// the configuration's `briefings`, else `briefings`), so `ask` answers from what `run` serves.
fn briefings_dir(flag: Option<PathBuf>) -> anyhow::Result<PathBuf> {
    match flag {
        Some(dir) => Ok(dir),
        None => Ok(Config::load(None, &config::process_env)?.briefings),
    }
}

fn ask(args: AskArgs) -> anyhow::Result<ExitCode> {
    let dir = briefings_dir(args.briefings)?;
    let loaded = load::load_dir(&dir);
    // A broken file beside good ones is reported, and the good ones still answer.
    let mut stderr = std::io::stderr().lock();
    for diagnostic in &loaded.diagnostics {
        writeln!(stderr, "{diagnostic}")?;
    }
    let reply = answer(&loaded.library, &args.what.into_command());
    let mut stdout = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut stdout, &reply).context("cannot write the reply")?;
        writeln!(stdout)?;
    } else if reply.is_error() {
        write!(stderr, "{}", render::text::render(&reply))?;
    } else {
        write!(stdout, "{}", render::text::render(&reply))?;
    }
    Ok(if reply.is_error() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn check(dir: &Path, source_dirs: &[PathBuf]) -> anyhow::Result<ExitCode> {
    let loaded = load::load_dir(dir);
    let mut diagnostics = loaded.diagnostics.clone();
    if !source_dirs.is_empty() {
        diagnostics.extend(load::verify_sources(dir, &loaded, source_dirs));
    }
    let mut stdout = std::io::stdout().lock();
    for diagnostic in &diagnostics {
        writeln!(stdout, "{diagnostic}\n")?;
    }
    let errors = diagnostics
        .iter()
        .filter(|diagnostic| diagnostic.is_error())
        .count();
    let warnings = diagnostics.len() - errors;
    writeln!(
        stdout,
        "checked {} files in {}: {} briefings valid, {errors} errors, {warnings} warnings",
        loaded.files,
        dir.display(),
        loaded.library.len()
    )?;
    Ok(if errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
