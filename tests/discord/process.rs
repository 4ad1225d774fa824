//! The `briefbot run` process: exit codes and signals.

use serde_json::json;

use crate::support::briefings;
use crate::support::loopback::{self, Loopback, payloads};

/// A token only these tests use, to prove it never reaches the output.
const SECRET: &str = "MTIz.secret-token-never-printed.xyz";

/// `briefbot run` in an empty folder (no config/briefbot.toml there) with only `env` set.
fn briefbot_run(
    dir: &std::path::Path,
    args: &[&str],
    env: &[(&str, &str)],
) -> std::process::Command {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_briefbot"));
    command.arg("run").args(args).current_dir(dir).env_clear();
    for (name, value) in env {
        command.env(name, value);
    }
    command.stdin(std::process::Stdio::null());
    command
}

/// Runs the command off the async runtime and returns (exit code, stderr).
async fn finish_process(mut command: std::process::Command) -> (Option<i32>, String) {
    let output = tokio::time::timeout(
        loopback::WAIT_LIMIT,
        tokio::task::spawn_blocking(move || command.output()),
    )
    .await
    .expect("briefbot exits")
    .unwrap()
    .unwrap();
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// Exit code 2 and exactly one line on stderr that says `expected`, without the token.
fn assert_one_clear_line(outcome: (Option<i32>, String), expected: &str) {
    let (code, stderr) = outcome;
    assert_eq!(code, Some(2), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
    assert!(
        stderr.starts_with("briefbot: ") && stderr.contains(expected),
        "{stderr}"
    );
    assert!(
        !stderr.contains(SECRET) && !stderr.contains("panicked"),
        "{stderr}"
    );
}

#[tokio::test]
async fn a_missing_token_exits_2_with_one_clear_line() {
    let dir = tempfile::tempdir().unwrap();
    let outcome = finish_process(briefbot_run(dir.path(), &[], &[])).await;
    assert_one_clear_line(outcome, "DISCORD_TOKEN is not set");
}

#[tokio::test]
async fn a_bad_config_exits_2_with_its_location() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("bad.toml"),
        "briefings = \"briefings\"\nguild = 12\n",
    )
    .unwrap();
    let outcome = finish_process(briefbot_run(
        dir.path(),
        &["--config", "bad.toml"],
        &[("DISCORD_TOKEN", SECRET)],
    ))
    .await;
    assert_one_clear_line(outcome, "bad.toml:2:1: unknown field `guild`");
    let outcome = finish_process(briefbot_run(
        dir.path(),
        &[],
        &[("DISCORD_TOKEN", SECRET), ("BRIEFBOT_GUILD_ID", "general")],
    ))
    .await;
    assert_one_clear_line(outcome, "BRIEFBOT_GUILD_ID is not valid");
    let outcome = finish_process(briefbot_run(
        dir.path(),
        &["--config", "missing.toml"],
        &[("DISCORD_TOKEN", SECRET)],
    ))
    .await;
    assert_one_clear_line(outcome, "cannot read the configuration file missing.toml");
}

#[tokio::test]
async fn an_unreachable_api_exits_2_with_one_clear_line() {
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    let dir = tempfile::tempdir().unwrap();
    let env = [
        ("DISCORD_TOKEN", SECRET),
        ("BRIEFBOT_API_URL", url.as_str()),
    ];
    let outcome = finish_process(briefbot_run(dir.path(), &[], &env)).await;
    assert_one_clear_line(outcome, &format!("cannot reach Discord's API at {url}"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rejected_token_exits_2_without_echoing_it() {
    let discord = Loopback::start().await;
    let dir = tempfile::tempdir().unwrap();
    let url = discord.api_url();
    let env = [
        ("DISCORD_TOKEN", SECRET),
        ("BRIEFBOT_API_URL", url.as_str()),
    ];
    let outcome = finish_process(briefbot_run(dir.path(), &[], &env)).await;
    assert_one_clear_line(outcome, "Discord rejected DISCORD_TOKEN (401 Unauthorized)");
    assert_eq!(discord.requests_to("GET", "/users/@me")[0].status, 401);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigint_and_sigterm_close_the_shards_and_exit_0() {
    for signal in ["TERM", "INT"] {
        let discord = Loopback::start().await;
        let briefings = briefings::folder();
        let dir = tempfile::tempdir().unwrap();
        let url = discord.api_url();
        let folder = briefings.path().to_str().unwrap();
        let env = [
            ("DISCORD_TOKEN", payloads::TOKEN),
            ("BRIEFBOT_API_URL", url.as_str()),
            ("BRIEFBOT_BRIEFINGS", folder),
            ("BRIEFBOT_GUILD_ID", payloads::GUILD_ID),
            ("RUST_LOG", "warn"),
        ];
        let mut command = briefbot_run(dir.path(), &[], &env);
        command
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped());
        let child = command.spawn().unwrap();
        discord.wait_ready().await;
        discord.wait_request("PUT", "/commands").await;
        let interaction = discord.slash("summary", json!([]));
        assert_eq!(
            discord.callback(&interaction).await.status,
            204,
            "the process answers"
        );
        let kill = std::process::Command::new("kill")
            .arg(format!("-{signal}"))
            .arg(child.id().to_string())
            .status()
            .unwrap();
        assert!(kill.success());
        let waited = tokio::time::timeout(
            loopback::WAIT_LIMIT,
            tokio::task::spawn_blocking(move || child.wait_with_output()),
        );
        let output = waited
            .await
            .expect("briefbot exits after the signal")
            .unwrap()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(0), "SIG{signal}: {stderr}");
        discord.assert_no_violations();
    }
}
