//! The `briefbot` binary as a user runs it: `check` and `ask`, output and exit codes.
//!
//! One test binary; new tests go in the module of the subcommand they run (`check`, `ask`), in
//! `config` when they are about where settings come from, in `shipped` when they need the
//! briefings the repository ships, and in `pipe` when stdout closes early.

mod ask;
mod check;
mod config;
mod pipe;
mod readme;
mod shipped;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The binary in the repository's root, with no briefbot setting inherited from the caller.
fn command() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_briefbot"));
    for name in [
        "BRIEFBOT_BRIEFINGS",
        "BRIEFBOT_CONFIG",
        "BRIEFBOT_DB",
        "BRIEFBOT_GUILD_ID",
        "BRIEFBOT_API_URL",
        "BRIEFBOT_DELIVERY_RATE",
        "DISCORD_TOKEN",
    ] {
        command.env_remove(name);
    }
    command.current_dir(env!("CARGO_MANIFEST_DIR"));
    command
}

fn briefbot(args: &[&str]) -> Output {
    command().args(args).output().expect("briefbot runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Copies a fixture folder into a temporary one, so a test can add files to it.
fn copy_fixture(name: &str) -> tempfile::TempDir {
    let temp = tempfile::tempdir().expect("temp dir");
    copy_dir(&fixture(name), temp.path());
    temp
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A minimal valid briefing with this id and date.
fn minimal_briefing(id: &str, published: &str) -> String {
    include_str!("../fixtures/minimal-briefing.toml.in")
        .replace("{id}", id)
        .replace("{published}", published)
        .replace("{updated}", "")
}
