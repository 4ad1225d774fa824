//! The subcommands that work without Discord (`ask`, `check`) and what they share: the briefings
//! folder they read, and output that a closed pipe does not turn into an error.

pub mod ask;
pub mod check;

use std::io::Write;
use std::path::PathBuf;

use anyhow::bail;
use briefbot::config::{self, BriefingsDir};

/// The briefings folder an offline command reads (see [`BriefingsDir::load`]); it must exist.
pub fn briefings_folder(
    flag: Option<PathBuf>,
    config_file: Option<&std::path::Path>,
) -> anyhow::Result<BriefingsDir> {
    let dir = BriefingsDir::load(flag, config_file, &config::process_env)?;
    match std::fs::metadata(&dir.path) {
        Ok(metadata) if metadata.is_dir() => Ok(dir),
        Ok(_) => bail!(
            "{} is not a folder ({}): name the folder that holds the briefings",
            dir.path.display(),
            dir.origin
        ),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => bail!(
            "the briefings folder {} does not exist ({})",
            dir.path.display(),
            dir.origin
        ),
        Err(error) => bail!(
            "cannot open the briefings folder {} ({}): {error}",
            dir.path.display(),
            dir.origin
        ),
    }
}

/// Writes `text` to stdout. A reader that stopped reading (`briefbot check | head -1`) is not
/// an error: the answer was already decided, so the command ends quietly with its own exit code,
/// as Unix tools do.
pub fn print(text: &str) -> std::io::Result<()> {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

/// Writes `text` to stderr; there is nowhere left to report a failure to.
pub fn print_err(text: &str) {
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}

/// "1 file", "2 files", "0 files".
pub fn count(number: usize, noun: &str) -> String {
    if number == 1 {
        format!("1 {noun}")
    } else {
        format!("{number} {noun}s")
    }
}
