//! `briefbot check`: validate briefing files and folders before they are committed.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::bail;
use briefbot::config::{BriefingsDir, Origin};
use briefbot::diagnostic::Diagnostic;
use briefbot::library::Library;
use briefbot::load::{self, Loaded};
use clap::Args;

use super::count;

/// The options of `check`.
#[derive(Args)]
pub struct CheckArgs {
    /// Briefing files or folders to check [default: the briefings folder].
    #[arg(value_name = "PATH", conflicts_with = "briefings")]
    paths: Vec<PathBuf>,
    /// The briefings folder [default: BRIEFBOT_BRIEFINGS, else `briefings` in the
    /// configuration, else briefings].
    #[arg(long, value_name = "DIR")]
    briefings: Option<PathBuf>,
    /// The configuration file; only its `briefings` key is read [default: BRIEFBOT_CONFIG,
    /// else config/briefbot.toml].
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Also verify every quote against the article text `<id>.txt` found in this folder (and
    /// in the briefings' own `sources/` folder). May be given more than once.
    #[arg(long, value_name = "DIR")]
    sources: Vec<PathBuf>,
}

/// What checking one file or folder found.
#[derive(Default)]
struct Tally {
    diagnostics: Vec<Diagnostic>,
    valid: usize,
    invalid: usize,
}

/// Checks every file and folder named (or the briefings folder): each problem rustc-style on
/// stdout, then one line of counts. Exit 0 when clean, 1 with an error; a path or `--sources`
/// folder that does not exist is exit 2 before anything is checked.
pub fn check(args: CheckArgs) -> anyhow::Result<ExitCode> {
    for folder in &args.sources {
        if !folder.is_dir() {
            bail!(
                "the --sources folder {} does not exist or is not a folder: name the folder that holds the article texts (<id>.txt)",
                folder.display()
            );
        }
    }
    let targets: Vec<BriefingsDir> = if args.paths.is_empty() {
        vec![super::briefings_folder(
            args.briefings,
            args.config.as_deref(),
        )?]
    } else {
        args.paths
            .into_iter()
            .map(|path| BriefingsDir {
                path,
                origin: Origin::Flag,
            })
            .collect()
    };
    let mut folders = 0;
    for target in &targets {
        match std::fs::metadata(&target.path) {
            Ok(metadata) => folders += usize::from(metadata.is_dir()),
            Err(error) => bail!(
                "cannot check {} ({}): {error}",
                target.path.display(),
                target.origin
            ),
        }
    }
    let mut total = Tally::default();
    for target in &targets {
        let tally = if target.path.is_dir() {
            check_folder(&target.path, &args.sources)
        } else {
            check_file(&target.path, &args.sources)
        };
        total.diagnostics.extend(tally.diagnostics);
        total.valid += tally.valid;
        total.invalid += tally.invalid;
    }
    let mut out = String::new();
    for diagnostic in &total.diagnostics {
        let _ = writeln!(out, "{diagnostic}\n");
    }
    let errors = total
        .diagnostics
        .iter()
        .filter(|diagnostic| diagnostic.is_error())
        .count();
    let warnings = total.diagnostics.len() - errors;
    let place = match targets.as_slice() {
        [only] if folders == 1 => match &only.origin {
            Origin::Env | Origin::File(_) => {
                format!(" in {} ({})", only.path.display(), only.origin)
            }
            Origin::Flag | Origin::Default => format!(" in {}", only.path.display()),
        },
        _ => String::new(),
    };
    let _ = writeln!(
        out,
        "checked {}{place}: {} valid, {} invalid ({}, {})",
        count(total.valid + total.invalid, "file"),
        total.valid,
        total.invalid,
        count(errors, "error"),
        count(warnings, "warning"),
    );
    super::print(&out)?;
    Ok(if errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn check_folder(dir: &Path, sources: &[PathBuf]) -> Tally {
    let loaded = load::load_dir(dir);
    let verified = if sources.is_empty() {
        Vec::new()
    } else {
        load::verify_sources(dir, &loaded, sources)
    };
    let broken_files = error_files(&loaded.diagnostics);
    let failed_verification = error_files(&verified);
    let invalid = broken_files.union(&failed_verification).count();
    let valid = loaded
        .library
        .len()
        .saturating_sub(failed_verification.len());
    let nothing_found = loaded.files == 0 && broken_files.is_empty();
    let mut diagnostics = loaded.diagnostics;
    diagnostics.extend(verified);
    if nothing_found {
        diagnostics.push(
            Diagnostic::file(
                dir.display().to_string(),
                "holds no briefing file (*.toml): nothing was checked",
                "name the folder that holds the briefings, or draft one with `briefbot derive`",
            )
            .warning(),
        );
    }
    Tally {
        diagnostics,
        valid,
        invalid,
    }
}

fn check_file(path: &Path, sources: &[PathBuf]) -> Tally {
    let mut diagnostics = match load::read_and_parse(path) {
        Err(diagnostics) => {
            return Tally {
                diagnostics,
                valid: 0,
                invalid: 1,
            };
        }
        Ok(briefing) if !sources.is_empty() => {
            let loaded = Loaded {
                library: Library::new([std::sync::Arc::new(briefing)]),
                diagnostics: Vec::new(),
                files: 1,
                parsed: 1,
            };
            // The file's own folder is where its `sources/` folder and its siblings are.
            let folder = match path.parent() {
                Some(parent) if !parent.as_os_str().is_empty() => parent,
                _ => Path::new("."),
            };
            load::verify_sources(folder, &loaded, sources)
        }
        Ok(_) => Vec::new(),
    };
    let invalid = usize::from(diagnostics.iter().any(Diagnostic::is_error));
    diagnostics.sort_by_key(|diagnostic| (diagnostic.line, diagnostic.column));
    Tally {
        diagnostics,
        valid: 1 - invalid,
        invalid,
    }
}

/// The briefing files with an error: a problem with a folder (one nested too deep, one that
/// cannot be read) is an error, but not an invalid file.
fn error_files(diagnostics: &[Diagnostic]) -> HashSet<String> {
    diagnostics
        .iter()
        .filter(|diagnostic| {
            diagnostic.is_error()
                && Path::new(&diagnostic.path)
                    .extension()
                    .is_some_and(|extension| extension == "toml")
        })
        .map(|diagnostic| diagnostic.path.clone())
        .collect()
}
