//! `briefbot derive`: the command line's side of drafting — reading the article, its metadata
//! and the briefings, writing the draft — around the pure `briefbot-derive` crate.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use briefbot::briefing::{BriefingId, Date};
use briefbot::derive::{self, BriefingActors};
use briefbot::load;
use clap::Args;

/// The options of `briefbot derive`.
#[derive(Args)]
pub struct DeriveArgs {
    /// The article: plain text, one paragraph per line or blank-line separated. An
    /// ARTICLE.meta.toml beside it (title, outlet, url, published) is used when present.
    #[arg(required_unless_present = "eval")]
    article: Option<PathBuf>,
    /// The briefing id [default: the article's file name, so `check --sources` pairs the
    /// briefing with its article].
    #[arg(long, value_name = "ID")]
    id: Option<String>,
    /// Write the draft to this file (never over an existing one), or as ID.toml into this
    /// folder, instead of stdout.
    #[arg(long, value_name = "PATH")]
    out: Option<PathBuf>,
    /// Briefings whose actors derive knows by name, alias and role [default: briefings, or
    /// BRIEFBOT_BRIEFINGS; none with --eval].
    #[arg(long, value_name = "DIR")]
    briefings: Option<PathBuf>,
    /// The story the draft belongs to.
    #[arg(long, value_name = "SLUG", default_value = derive::DEFAULT_STORY)]
    story: String,
    /// Print precision and recall per field on a folder of NAME.txt + NAME.expected.toml
    /// (the format: crates/derive/annotations/README.md).
    #[arg(long, value_name = "DIR", conflicts_with_all = ["article", "id", "out"])]
    eval: Option<PathBuf>,
    /// With --eval: where the articles not beside their annotations are.
    #[arg(long, value_name = "DIR", requires = "eval")]
    articles: Option<PathBuf>,
    /// With --eval: every missed quote, wrong or missing speaker and missed actor, each with
    /// the article's sentence.
    #[arg(long, requires = "eval")]
    explain: bool,
}

/// Runs `briefbot derive`; `briefings_dir` resolves the briefings folder as every subcommand
/// does (flag, environment, configuration, default).
pub fn run(
    args: DeriveArgs,
    briefings_dir: impl Fn(Option<PathBuf>) -> anyhow::Result<PathBuf>,
) -> anyhow::Result<ExitCode> {
    match (&args.eval, &args.article) {
        (Some(dir), _) => {
            // Measure the rules alone unless briefings are named.
            let known = match args.briefings.clone() {
                Some(flag) => known_actors(Some(flag), &briefings_dir)?,
                None => Vec::new(),
            };
            eval(dir, args.articles.as_deref(), &known, args.explain)
        }
        (None, Some(article)) => {
            let known = known_actors(args.briefings.clone(), &briefings_dir)?;
            draft(article, &args, &known)
        }
        (None, None) => Err(anyhow::anyhow!("name the article to derive a draft from")),
    }
}

/// The actors of the briefings in `flag` (or the default folder, when it exists), so a draft
/// reuses the ids, names and roles editors already gave them.
fn known_actors(
    flag: Option<PathBuf>,
    briefings_dir: &impl Fn(Option<PathBuf>) -> anyhow::Result<PathBuf>,
) -> anyhow::Result<Vec<BriefingActors>> {
    let explicit = flag.is_some();
    let dir = briefings_dir(flag)?;
    if !dir.is_dir() {
        anyhow::ensure!(!explicit, "{} is not a folder of briefings", dir.display());
        return Ok(Vec::new());
    }
    let loaded = load::load_dir(&dir);
    if loaded.has_errors() {
        eprintln!(
            "briefbot: {} has problems (see `briefbot check`); the actors of its valid briefings are used",
            dir.display()
        );
    }
    Ok(derive::library_actors(&loaded.library))
}

fn stem(path: &Path) -> Option<String> {
    path.file_stem()
        .map(|stem| stem.to_string_lossy().into_owned())
}

fn draft(article: &Path, args: &DeriveArgs, known: &[BriefingActors]) -> anyhow::Result<ExitCode> {
    let text = std::fs::read_to_string(article)
        .with_context(|| format!("cannot read the article {}", article.display()))?;
    // The article's name, not the output's: `check --sources` pairs a briefing with the
    // article of the same name.
    let id = match &args.id {
        Some(id) => BriefingId::parse(id).with_context(|| {
            format!("--id {id:?} is not a lowercase slug (letters, digits, single hyphens)")
        })?,
        None => stem(article)
            .and_then(|stem| derive::id_from_stem(&stem))
            .context("no briefing id can be made from the article's file name; give --id")?,
    };
    let out = match &args.out {
        Some(out) if out.is_dir() => Some(out.join(format!("{id}.toml"))),
        Some(out) => {
            anyhow::ensure!(
                stem(out).as_deref() == Some(id.as_str()),
                "the draft's id is {id}, and a briefing's file name must equal its id: use --out {}{}",
                out.with_file_name(format!("{id}.toml")).display(),
                if args.id.is_some() {
                    ""
                } else {
                    " (the id comes from the article's file name; --id sets another)"
                }
            );
            Some(out.clone())
        }
        None => None,
    };
    if let Some(out) = &out {
        anyhow::ensure!(
            !out.exists(),
            "{} exists; derive never overwrites a briefing",
            out.display()
        );
    }
    let mut options = derive::Options::new(id);
    options.story = args.story.clone();
    options.article_name = article
        .file_name()
        .map(|name| name.to_string_lossy().into_owned());
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH);
    options.today = now.ok().and_then(|since| {
        Date::from_days_since_epoch(i64::try_from(since.as_secs() / 86_400).ok()?)
    });
    let meta = article.with_extension("meta.toml");
    if meta.is_file() {
        let source = std::fs::read_to_string(&meta)
            .with_context(|| format!("cannot read {}", meta.display()))?;
        options.source =
            Some(derive::parse_meta(&source).with_context(|| format!("in {}", meta.display()))?);
    }
    let gazetteer = derive::Gazetteer::from_briefings(known);
    let draft = derive::derive(&text, &options, &gazetteer)?;
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

fn eval(
    dir: &Path,
    articles: Option<&Path>,
    known: &[BriefingActors],
    explain: bool,
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
    let report = derive::eval::evaluate(&cases, known)?;
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "{report}")?;
    if explain {
        for mismatch in &report.mismatches {
            writeln!(stdout, "{mismatch}")?;
        }
    } else if !report.mismatches.is_empty() {
        let count = report.mismatches.len();
        writeln!(
            stdout,
            "{count} mismatch{}: --explain lists each with its sentence",
            if count == 1 { "" } else { "es" }
        )?;
    }
    Ok(ExitCode::SUCCESS)
}
