//! Configuration an operator gets wrong: each is refused with one line and exit code 2,
//! before briefbot contacts Discord (the token here is never checked) and without creating
//! anything on disk.

use std::path::Path;
use std::process::{Command, Stdio};

/// Runs `briefbot run` in `dir` with only `env` set, and returns (exit code, stderr).
fn run_in(dir: &Path, env: &[(&str, &str)]) -> (Option<i32>, String) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_briefbot"));
    command
        .arg("run")
        .current_dir(dir)
        .env_clear()
        .env("DISCORD_TOKEN", "not-checked-before-the-configuration")
        // Nothing answers here: a refusal that came from Discord would look different.
        .env("BRIEFBOT_API_URL", "http://127.0.0.1:9")
        .stdin(Stdio::null());
    for (name, value) in env {
        command.env(name, value);
    }
    let output = command.output().expect("run briefbot");
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// Exit code 2 and one line on stderr that starts with `expected`.
fn assert_refused(outcome: (Option<i32>, String), expected: &str) {
    let (code, stderr) = outcome;
    assert_eq!(code, Some(2), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
    assert!(
        stderr.starts_with(&format!("briefbot: {expected}")),
        "expected {expected:?}, got {stderr}"
    );
}

/// The files `dir` holds, by name.
fn files_in(dir: &Path) -> Vec<std::ffi::OsString> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name())
        .collect()
}

#[test]
fn a_postgres_url_selects_postgresql_and_is_not_taken_for_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    // Nothing listens on port 9: the error shows briefbot went to PostgreSQL for the store.
    let outcome = run_in(
        dir.path(),
        &[("BRIEFBOT_DB", "postgres://briefbot@127.0.0.1:9/briefbot")],
    );
    assert_refused(
        outcome,
        "cannot connect to the subscriptions database postgres://briefbot@127.0.0.1:9/briefbot: ",
    );
    std::fs::write(
        dir.path().join("briefbot.toml"),
        "database = \"postgresql://briefbot:secret@127.0.0.1:9/briefbot\"\n",
    )
    .unwrap();
    let (code, stderr) = run_in(dir.path(), &[("BRIEFBOT_CONFIG", "briefbot.toml")]);
    assert!(
        !stderr.contains("secret"),
        "the password is never shown: {stderr}"
    );
    assert_refused(
        (code, stderr),
        "cannot connect to the subscriptions database postgresql://briefbot:***@127.0.0.1:9/briefbot: ",
    );
    assert_eq!(
        files_in(dir.path()),
        ["briefbot.toml"],
        "no postgres: folder, no data/ folder"
    );
}

#[test]
fn a_database_url_of_another_scheme_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let outcome = run_in(dir.path(), &[("BRIEFBOT_DB", "mysql://db/briefbot")]);
    assert_refused(
        outcome,
        "BRIEFBOT_DB is not valid: mysql:// is not a database briefbot knows: give a SQLite file or a postgres:// URL",
    );
    std::fs::write(
        dir.path().join("briefbot.toml"),
        "database = \"sqlite://data/briefbot.sqlite3\"\n",
    )
    .unwrap();
    let outcome = run_in(dir.path(), &[("BRIEFBOT_CONFIG", "briefbot.toml")]);
    assert_refused(
        outcome,
        "`database` in briefbot.toml is not valid: sqlite:// is not a database briefbot knows",
    );
    assert_eq!(
        files_in(dir.path()),
        ["briefbot.toml"],
        "no sqlite: folder, no data/ folder"
    );
}

#[test]
fn a_database_folder_that_cannot_be_made_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    // A file where the folder should be: no user, root included, can create a folder in it.
    std::fs::write(dir.path().join("data"), "not a folder").unwrap();
    let outcome = run_in(dir.path(), &[("BRIEFBOT_DB", "data/briefbot.sqlite3")]);
    assert_refused(
        outcome,
        "cannot create the folder data for the subscriptions database: ",
    );
}

#[test]
fn a_metrics_address_that_is_not_one_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let outcome = run_in(dir.path(), &[("BRIEFBOT_METRICS_ADDR", "localhost:9108")]);
    assert_refused(
        outcome,
        "BRIEFBOT_METRICS_ADDR is not valid: expected an IP address and a port, such as 127.0.0.1:9108",
    );
}

#[test]
fn a_metrics_address_in_use_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = taken.local_addr().unwrap().to_string();
    let outcome = run_in(dir.path(), &[("BRIEFBOT_METRICS_ADDR", &addr)]);
    assert_refused(
        outcome,
        &format!("cannot serve metrics on {addr} (`metrics_addr` or BRIEFBOT_METRICS_ADDR): "),
    );
    assert!(
        !dir.path().join("data").exists(),
        "nothing was created before the refusal"
    );
}

#[test]
fn a_log_format_that_is_not_text_or_json_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let outcome = run_in(dir.path(), &[("BRIEFBOT_LOG_FORMAT", "logfmt")]);
    assert_refused(
        outcome,
        "BRIEFBOT_LOG_FORMAT is not valid: expected \"text\" or \"json\"",
    );
}
