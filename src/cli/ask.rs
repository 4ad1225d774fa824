//! `briefbot ask`: one command answered in the terminal through the same `answer` as Discord.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use briefbot::answer::{Command as Ask, answer};
use briefbot::load::{self, Loaded};
use briefbot::render;
use briefbot::reply::Reply;
use briefbot::text::truncate;
use clap::error::ErrorKind;
use clap::{Args, CommandFactory, Subcommand};

/// The options of `ask`; every one is accepted before or after the subcommand.
#[derive(Args)]
#[command(disable_help_subcommand = true)]
pub struct AskArgs {
    /// The briefing to answer about, for summary, quote, actors, questions and sources
    /// [default: the newest briefing].
    #[arg(long, value_name = "ID", global = true)]
    briefing: Option<String>,
    /// The briefings folder [default: BRIEFBOT_BRIEFINGS, else `briefings` in the
    /// configuration, else briefings].
    #[arg(long, value_name = "DIR", global = true)]
    briefings: Option<PathBuf>,
    /// The configuration file; only its `briefings` key is read [default: BRIEFBOT_CONFIG,
    /// else config/briefbot.toml].
    #[arg(long, value_name = "FILE", global = true)]
    config: Option<PathBuf>,
    /// Print the reply as JSON, for scripts and tests (a mistake too, with exit code 1).
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    what: AskCommand,
}

#[derive(Subcommand)]
enum AskCommand {
    /// What happened, why it matters, the key quote.
    Summary,
    /// The key quote, every quote, or one speaker's quotes (across the story without --briefing).
    Quote {
        /// Every quote, not only the key quote.
        #[arg(long)]
        all: bool,
        /// Only quotes by this speaker: each word begins a word of the actor's id, name or an
        /// alias (accents and case ignored; `luk` finds Lukashenko): in the --briefing given,
        /// else in every briefing of the story, newest first.
        #[arg(long, value_name = "NAME")]
        speaker: Option<String>,
    },
    /// One actor across the story: roles over time, every quote, the briefings.
    Actor {
        /// The actor's id, name or alias (accents and case ignored).
        #[arg(required = true, num_args = 1..)]
        name: Vec<String>,
    },
    /// Who is involved: role and stance.
    Actors {
        /// Only actors whose name, alias, id or role matches.
        name: Option<String>,
    },
    /// What the article leaves open.
    Questions,
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
        /// Only events on or after this year (2014) or day (2014-03-23).
        #[arg(long, value_name = "WHEN")]
        from: Option<String>,
        /// Only events on or before this year (2020) or day (2020-08-09).
        #[arg(long, value_name = "WHEN")]
        to: Option<String>,
        /// Also draw the timeline as a PNG picture into FILE (replaced if it exists).
        #[arg(long, value_name = "FILE")]
        png: Option<PathBuf>,
    },
    /// Find briefings by word or name (accents and case ignored).
    Search {
        /// The words to find; every word must match.
        query: Vec<String>,
    },
    /// Where a briefing's facts come from.
    Sources,
    /// What the bot can do.
    Help,
}

impl AskCommand {
    /// The command to answer, or the subcommand's name when it takes no `--briefing`.
    fn into_command(self, briefing: Option<String>) -> Result<Ask, &'static str> {
        let refuse = |name| match &briefing {
            Some(_) => Err(name),
            None => Ok(()),
        };
        Ok(match self {
            Self::Summary => Ask::Summary { briefing },
            Self::Quote { all, speaker } => Ask::Quote {
                briefing,
                all,
                speaker,
            },
            Self::Actors { name } => Ask::Actors { briefing, name },
            Self::Questions => Ask::Questions { briefing },
            Self::Sources => Ask::Sources { briefing },
            Self::Briefings { story } => {
                refuse("briefings")?;
                Ask::Briefings { story }
            }
            Self::Actor { name } => {
                refuse("actor")?;
                Ask::Actor {
                    name: name.join(" "),
                }
            }
            Self::Timeline {
                story, from, to, ..
            } => {
                refuse("timeline")?;
                Ask::Timeline { story, from, to }
            }
            Self::Search { query } => {
                refuse("search")?;
                Ask::Search {
                    query: query.join(" "),
                }
            }
            Self::Help => {
                refuse("help")?;
                Ask::Help
            }
        })
    }
}

/// Answers one command: the reply on stdout (exit 0), or a mistake on stderr (exit 1; on
/// stdout with `--json`). Problems in the briefings folder go to stderr, and the good
/// briefings still answer.
pub fn ask(args: AskArgs) -> anyhow::Result<ExitCode> {
    let wanted = args.briefing.clone();
    let png = match &args.what {
        AskCommand::Timeline { png, .. } => png.clone(),
        _ => None,
    };
    let command = match args.what.into_command(args.briefing) {
        Ok(command) => command,
        // The same mistake as any other misplaced option: clap's message and exit code 2.
        Err(name) => {
            let mut command = crate::Cli::command();
            command.build();
            let message = format!(
                "`--briefing` does not apply to `ask {name}`, which is not about one briefing"
            );
            match command
                .find_subcommand_mut("ask")
                .and_then(|ask| ask.find_subcommand_mut(name))
            {
                Some(subcommand) => subcommand.error(ErrorKind::ArgumentConflict, message),
                None => command.error(ErrorKind::ArgumentConflict, message),
            }
            .exit()
        }
    };
    let dir = super::briefings_folder(args.briefings, args.config.as_deref())?;
    let loaded = load::load_dir(&dir.path);
    let mut problems = String::new();
    for diagnostic in &loaded.diagnostics {
        let _ = writeln!(problems, "{diagnostic}");
    }
    super::print_err(&problems);
    let reply = wanted
        .as_deref()
        .and_then(|id| not_loaded(&loaded, id))
        .unwrap_or_else(|| answer(&loaded.library, &command));
    if let (Some(path), false) = (png, reply.is_error()) {
        write_picture(&reply, &path)?;
    }
    if args.json {
        let mut json = serde_json::to_string_pretty(&reply).context("cannot write the reply")?;
        json.push('\n');
        super::print(&json)?;
    } else if reply.is_error() {
        super::print_err(&render::text::render(&reply));
    } else {
        super::print(&render::text::render(&reply))?;
    }
    Ok(if reply.is_error() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// The reply for a briefing whose file is there but failed to load: "no such briefing" would
/// send the editor looking for a file they are looking at.
fn not_loaded(loaded: &Loaded, id: &str) -> Option<Reply> {
    let id = id.trim();
    if id.is_empty() || loaded.library.get(id).is_some() {
        return None;
    }
    let broken = loaded.diagnostics.iter().any(|diagnostic| {
        let path = Path::new(&diagnostic.path);
        diagnostic.is_error()
            && path
                .extension()
                .is_some_and(|extension| extension == "toml")
            && path.file_stem().is_some_and(|stem| stem == id)
    });
    broken.then(|| {
        Reply::error(
            format!("Briefing “{}” is not loaded", truncate(id, 60)),
            "Its file has errors (see above). Fix them; `briefbot check` says when it is valid.",
        )
    })
}

/// `ask timeline --png FILE`: the reply's picture, drawn and written; a story without events
/// has no picture, and saying so beats writing an empty one.
fn write_picture(reply: &Reply, path: &Path) -> anyhow::Result<()> {
    let picture = reply
        .picture
        .as_ref()
        .context("this story has no dated events to draw, so no picture was written")?;
    let bytes = render::picture::png(picture).context("cannot draw the picture")?;
    std::fs::write(path, bytes)
        .with_context(|| format!("cannot write the picture to {}", path.display()))
}
