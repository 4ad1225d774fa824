//! What a real `briefbot run` process writes to stderr, redirected to a file as a service
//! manager would: JSON lines with `log_format = "json"`, plain text without escape codes.

use std::path::Path;
use std::process::{Child, Command, Stdio};

use serde_json::{Value, json};

use crate::discord_support::loopback::{Loopback, WAIT_LIMIT, payloads};
use crate::support::briefings;

/// Starts `briefbot run` against `discord`, its stderr appended to `log`, with `extra` set.
fn spawn_briefbot(
    discord: &Loopback,
    briefings: &Path,
    log: &Path,
    extra: &[(&str, &str)],
) -> Child {
    let dir = log.parent().expect("the log's folder");
    let stderr = std::fs::File::create(log).expect("create the log file");
    let mut command = Command::new(env!("CARGO_BIN_EXE_briefbot"));
    command
        .arg("run")
        .current_dir(dir)
        .env_clear()
        .env("DISCORD_TOKEN", payloads::TOKEN)
        .env("BRIEFBOT_API_URL", discord.api_url())
        .env("BRIEFBOT_BRIEFINGS", briefings)
        .env("BRIEFBOT_DB", dir.join("data").join("briefbot.sqlite3"))
        .env("BRIEFBOT_GUILD_ID", payloads::GUILD_ID);
    for (name, value) in extra {
        command.env(name, value);
    }
    command
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(stderr)
        .spawn()
        .expect("start briefbot")
}

/// Runs briefbot until it answered one `/summary`, stops it with SIGTERM, and returns its
/// exit code and what it wrote to stderr.
async fn one_session(extra: &[(&str, &str)]) -> (Option<i32>, String) {
    let discord = Loopback::start().await;
    let folder = briefings();
    let data = tempfile::tempdir().expect("a temporary folder");
    let log = data.path().join("briefbot.log");
    let child = spawn_briefbot(&discord, folder.path(), &log, extra);
    discord.wait_ready().await;
    let asked = discord.slash("summary", json!([]));
    discord.callback(&asked).await;
    let terminate = Command::new("kill")
        .arg("-TERM")
        .arg(child.id().to_string())
        .status()
        .expect("run kill");
    assert!(terminate.success());
    let waited = tokio::task::spawn_blocking(move || {
        let mut child = child;
        child.wait()
    });
    let status = tokio::time::timeout(WAIT_LIMIT, waited)
        .await
        .expect("briefbot exits")
        .expect("the wait task")
        .expect("the exit status");
    let text = std::fs::read_to_string(&log).expect("read the log");
    (status.code(), text)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_line_of_a_json_run_is_a_json_object() {
    let (code, text) = one_session(&[("BRIEFBOT_LOG_FORMAT", "json")]).await;
    assert_eq!(code, Some(0), "{text}");
    let events: Vec<Value> = text
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|error| panic!("{error}: {line:?}")))
        .collect();
    assert!(events.iter().all(Value::is_object), "{text}");
    let messages: Vec<&str> = events
        .iter()
        .filter_map(|event| event["message"].as_str())
        .collect();
    for expected in [
        "signed in to Discord",
        "loaded the briefings",
        "shutting down",
    ] {
        assert!(messages.contains(&expected), "{expected:?} in {messages:?}");
    }
    let signed_in = events
        .iter()
        .find(|event| event["message"] == "signed in to Discord")
        .expect("the sign-in event");
    assert_eq!(signed_in["level"], "INFO");
    assert!(signed_in["timestamp"].is_string(), "{signed_in}");
    assert!(
        signed_in["user"].is_string(),
        "fields at the top level: {signed_in}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_text_run_to_a_file_has_no_escape_codes() {
    let (code, text) = one_session(&[]).await;
    assert_eq!(code, Some(0), "{text}");
    assert!(text.contains(" INFO "), "{text}");
    assert!(text.contains("signed in to Discord"), "{text}");
    assert!(!text.contains('\u{1b}'), "escape codes in a file: {text:?}");
}
