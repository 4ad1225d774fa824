//! The `briefbot` command line: run the bot, ask it in the terminal, check briefings, derive drafts.

mod cli;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use briefbot::config::{self, BriefingsDir, Config};
use briefbot::derive;
use briefbot::load;
use briefbot::service;
use briefbot::updates;
use clap::{Parser, Subcommand};
use tracing_subscriber::EnvFilter;

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
    Derive {
        /// The article: plain text, one paragraph per line or blank-line separated. An
        /// ARTICLE.meta.toml beside it (title, outlet, url, published) is used when present.
        #[arg(required_unless_present = "eval")]
        article: Option<PathBuf>,
        /// The briefing id [default: the --out file's name, else the article's].
        #[arg(long, value_name = "ID")]
        id: Option<String>,
        /// Write the draft to this file (never over an existing one) instead of stdout.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Briefings whose actors derive knows by name, alias and role [default: briefings, or
        /// BRIEFBOT_BRIEFINGS; none with --eval].
        #[arg(long, value_name = "DIR")]
        briefings: Option<PathBuf>,
        /// The story the draft belongs to.
        #[arg(long, value_name = "SLUG", default_value = derive::DEFAULT_STORY)]
        story: String,
        /// Print precision and recall per field on a folder of NAME.txt + NAME.expected.toml
        /// (the format: tests/derive/README.md).
        #[arg(long, value_name = "DIR", conflicts_with_all = ["article", "id", "out"])]
        eval: Option<PathBuf>,
        /// With --eval: where the articles not beside their annotations are.
        #[arg(long, value_name = "DIR", requires = "eval")]
        articles: Option<PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Command::Run { config } => run(config.as_deref()),
        Command::Ask(args) => cli::ask::ask(args),
        Command::Check(args) => cli::check::check(args),
        Command::Derive {
            article,
            id,
            out,
            briefings,
            story,
            eval,
            articles,
        } => match (eval, article) {
            (Some(dir), _) => derive_eval(&dir, articles.as_deref(), briefings),
            (None, Some(article)) => derive_draft(&article, id, out, briefings, story),
            (None, None) => Err(anyhow::anyhow!("name the article to derive a draft from")),
        },
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
/// the configuration's `briefings`, else `briefings`), reading nothing else of the configuration.
fn briefings_dir(flag: Option<PathBuf>) -> anyhow::Result<PathBuf> {
    Ok(BriefingsDir::load(flag, None, &config::process_env)?.path)
}

/// The actors of the briefings in `flag` (or the default folder, when it exists), so a draft
/// reuses the ids, names and roles editors already gave them.
fn derive_gazetteer(flag: Option<PathBuf>) -> anyhow::Result<derive::Gazetteer> {
    let explicit = flag.is_some();
    let dir = briefings_dir(flag)?;
    if !dir.is_dir() {
        anyhow::ensure!(!explicit, "{} is not a folder of briefings", dir.display());
        return Ok(derive::Gazetteer::new());
    }
    let loaded = load::load_dir(&dir);
    if loaded.has_errors() {
        eprintln!(
            "briefbot: {} has problems (see `briefbot check`); the actors of its valid briefings are used",
            dir.display()
        );
    }
    Ok(derive::Gazetteer::from_briefings(
        loaded
            .library
            .briefings()
            .iter()
            .map(|briefing| briefing.as_ref()),
    ))
}

fn derive_draft(
    article: &Path,
    id: Option<String>,
    out: Option<PathBuf>,
    briefings: Option<PathBuf>,
    story: String,
) -> anyhow::Result<ExitCode> {
    let text = std::fs::read_to_string(article)
        .with_context(|| format!("cannot read the article {}", article.display()))?;
    let stem = |path: &Path| {
        path.file_stem()
            .map(|stem| stem.to_string_lossy().into_owned())
    };
    let id = match (&id, &out) {
        (Some(id), _) => briefbot::briefing::BriefingId::parse(id).with_context(|| {
            format!("--id {id:?} is not a lowercase slug (letters, digits, single hyphens)")
        })?,
        (None, Some(out)) => stem(out)
            .and_then(|stem| derive::id_from_stem(&stem))
            .context("no briefing id can be made from the --out file name; give --id")?,
        (None, None) => stem(article)
            .and_then(|stem| derive::id_from_stem(&stem))
            .context("no briefing id can be made from the article's file name; give --id")?,
    };
    if let Some(out) = &out {
        anyhow::ensure!(
            stem(out).as_deref() == Some(id.as_str()),
            "the draft's id is {id}, and a briefing's file name must equal its id: use --out {}",
            out.with_file_name(format!("{id}.toml")).display()
        );
        anyhow::ensure!(
            !out.exists(),
            "{} exists; derive never overwrites a briefing",
            out.display()
        );
    }
    let mut options = derive::Options::new(id);
    options.story = story;
    options.article_name = article
        .file_name()
        .map(|name| name.to_string_lossy().into_owned());
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH);
    options.today = now.ok().and_then(|since| {
        derive::date_from_unix_days(i64::try_from(since.as_secs() / 86_400).ok()?)
    });
    let meta = article.with_extension("meta.toml");
    if meta.is_file() {
        let source = std::fs::read_to_string(&meta)
            .with_context(|| format!("cannot read {}", meta.display()))?;
        options.source =
            Some(derive::parse_meta(&source).with_context(|| format!("in {}", meta.display()))?);
    }
    let draft = derive::derive(&text, &options, &derive_gazetteer(briefings)?)?;
    match &out {
        Some(out) => std::fs::write(out, draft.to_toml())
            .with_context(|| format!("cannot write {}", out.display()))?,
        None => std::io::stdout()
            .lock()
            .write_all(draft.to_toml().as_bytes())?,
    }
    eprintln!("briefbot: {}", draft.summary());
    Ok(ExitCode::SUCCESS)
}

fn derive_eval(
    dir: &Path,
    articles: Option<&Path>,
    briefings: Option<PathBuf>,
) -> anyhow::Result<ExitCode> {
    let entries =
        std::fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))?;
    let mut names: Vec<String> = entries
        .filter_map(|entry| {
            let name = entry.ok()?.file_name().into_string().ok()?;
            name.strip_suffix(".expected.toml").map(str::to_owned)
        })
        .collect();
    names.sort();
    anyhow::ensure!(
        !names.is_empty(),
        "no NAME.expected.toml annotation in {}",
        dir.display()
    );
    let mut cases = Vec::new();
    for name in names {
        let beside = dir.join(format!("{name}.txt"));
        let path = match articles {
            Some(articles) if !beside.is_file() => articles.join(format!("{name}.txt")),
            _ => beside,
        };
        let article = std::fs::read_to_string(&path)
            .with_context(|| format!("cannot read {}, the article of {name}", path.display()))?;
        let annotation = std::fs::read_to_string(dir.join(format!("{name}.expected.toml")))?;
        cases.push(derive::eval::Case {
            name,
            article,
            annotation,
        });
    }
    // Measure the rules alone unless briefings are named: the shipped ones know the answers.
    let gazetteer = match briefings {
        Some(briefings) => derive_gazetteer(Some(briefings))?,
        None => derive::Gazetteer::new(),
    };
    let report = derive::eval::evaluate(&cases, &gazetteer)?;
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "{report}")?;
    for mismatch in &report.mismatches {
        writeln!(stdout, "{mismatch}")?;
    }
    Ok(ExitCode::SUCCESS)
}
