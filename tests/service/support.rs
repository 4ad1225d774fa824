//! The bot under test with its metrics listener on a free port, a minimal HTTP client for the
//! probes, and briefing files.

use std::net::SocketAddr;
use std::path::Path;

use briefbot::service::{self, ServiceError};
use tempfile::TempDir;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::discord_support::bot::{self as bot_support, Launch};
use crate::discord_support::loopback::{Loopback, WAIT_LIMIT};

/// A briefbot running in this process, serving its probes on [`ServedBot::addr`].
pub struct ServedBot {
    /// Where `/metrics`, `/healthz` and `/readyz` answer.
    pub addr: SocketAddr,
    /// Its subscriptions database: a SQLite file, or a `postgres://` URL.
    pub database: String,
    shutdown: Option<oneshot::Sender<()>>,
    task: JoinHandle<Result<(), ServiceError>>,
    _data: TempDir,
}

impl ServedBot {
    /// Starts briefbot on `briefings` against `discord`, registering in its guild, with a fresh
    /// database and its probes on a port of 127.0.0.1 the system picked. Returns at once: the
    /// caller waits for what it needs (READY, a probe).
    pub fn start(discord: &Loopback, briefings: &Path) -> ServedBot {
        ServedBot::start_with(discord, &Launch::new(briefings))
    }

    /// Starts briefbot as [`ServedBot::start`] does, with `launch`'s configuration file and
    /// its database when it names one.
    pub fn start_with(discord: &Loopback, launch: &Launch) -> ServedBot {
        let data = tempfile::tempdir().expect("a temporary folder");
        let database = launch.database.clone().unwrap_or_else(|| {
            let file = data.path().join("data").join("briefbot.sqlite3");
            file.to_string_lossy().into_owned()
        });
        let config = bot_support::config(discord, launch, &database);
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
        let addr = listener.local_addr().expect("the bound address");
        let (shutdown, signal) = oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            service::run_with(&config, Some(listener), async move {
                let _ = signal.await;
            })
            .await
        });
        ServedBot {
            addr,
            database,
            shutdown: Some(shutdown),
            task,
            _data: data,
        }
    }

    /// `GET path` on the probe listener: (status, body).
    pub async fn get(&self, path: &str) -> (u16, String) {
        let response = reqwest::Client::new()
            .get(format!("http://{}{path}", self.addr))
            .send()
            .await
            .unwrap_or_else(|error| panic!("GET {path}: {error}"));
        let status = response.status().as_u16();
        (status, response.text().await.expect("a text body"))
    }

    /// Scrapes `/metrics` until `check` accepts the text (the bot counts a moment after
    /// Discord's side saw a request), and returns it.
    pub async fn scrape_until(&self, what: &str, check: impl Fn(&str) -> bool) -> String {
        let deadline = tokio::time::Instant::now() + WAIT_LIMIT;
        loop {
            let (status, text) = self.get("/metrics").await;
            assert_eq!(status, 200, "{text}");
            if check(&text) {
                return text;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "waited {WAIT_LIMIT:?} for {what}; the last scrape:\n{text}"
            );
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
    }

    /// Signals shutdown and returns what `run` returned.
    pub async fn stop(mut self) -> Result<(), ServiceError> {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
        (&mut self.task).await.expect("the bot task does not panic")
    }
}

/// A briefings folder with one briefing, `a`.
pub fn briefings() -> TempDir {
    let folder = tempfile::tempdir().expect("a temporary folder");
    write_briefing(folder.path(), "a", "2026-11-20");
    folder
}

/// Writes a minimal valid briefing of the `belarus-russia` story.
pub fn write_briefing(folder: &Path, id: &str, published: &str) {
    let text = include_str!("../fixtures/minimal-briefing.toml.in")
        .replace("{id}", id)
        .replace("{published}", published)
        .replace("{updated}", "");
    std::fs::write(folder.join(format!("{id}.toml")), text).expect("write a briefing");
}
