//! A real PostgreSQL server in a temporary folder, for tests: Debian's `postgresql` package
//! (`initdb` and `pg_ctl` from `/usr/lib/postgresql/*/bin`), on a free port of 127.0.0.1, with
//! its unix socket in the same folder, stopped and removed when the [`Postgres`] is dropped.
//!
//! PostgreSQL refuses to run as root. Run as root (containers, CI), the server runs as the
//! `postgres` user the package creates (or `BRIEFBOT_PGTEST_USER`) through `runuser`; the
//! folder is handed to that user first. Nothing is skipped when PostgreSQL is missing:
//! [`Postgres::start`] fails and says how to install it.

use std::net::{Ipv4Addr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError, Weak};

use tempfile::TempDir;

/// The role every test connects as; trust authentication, so no password.
pub const USER: &str = "briefbot";

/// Why a server could not be started or a database made.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// No `initdb` under `/usr/lib/postgresql/*/bin` (or `BRIEFBOT_PGTEST_BIN`).
    #[error(
        "PostgreSQL is not installed: no initdb under /usr/lib/postgresql/*/bin \
         (install it with `apt-get install -y postgresql`, as .ci/run does)"
    )]
    NotInstalled,
    /// A file system step failed.
    #[error("{what}: {source}")]
    Io {
        /// What was being done.
        what: String,
        /// Why it failed.
        source: std::io::Error,
    },
    /// A PostgreSQL program ended with an error.
    #[error("{program} failed ({status}): {output}")]
    Program {
        /// The program run.
        program: String,
        /// Its exit status.
        status: String,
        /// Its stdout and stderr, and the server log where there is one.
        output: String,
    },
}

/// A running PostgreSQL server, stopped and deleted on drop.
#[derive(Debug)]
pub struct Postgres {
    /// Where `initdb`, `pg_ctl` and `createdb` are.
    bin: PathBuf,
    /// The user the programs run as when we are root; `None` runs them as ourselves.
    run_as: Option<String>,
    /// Holds `data/`, the socket and `server.log`; removed after the server stopped.
    dir: TempDir,
    /// The TCP port on 127.0.0.1.
    port: u16,
}

impl Postgres {
    /// Initialises a cluster in a new temporary folder and starts it.
    pub fn start() -> Result<Self, Error> {
        let bin = bin_dir()?;
        let run_as = if is_root() {
            Some(std::env::var("BRIEFBOT_PGTEST_USER").unwrap_or_else(|_| "postgres".into()))
        } else {
            None
        };
        let dir = tempfile::Builder::new()
            .prefix("briefbot-pg-")
            .tempdir()
            .map_err(|source| Error::Io {
                what: "creating the server's folder".into(),
                source,
            })?;
        if let Some(user) = &run_as {
            let (uid, gid) = ids_of(user)?;
            std::os::unix::fs::chown(dir.path(), Some(uid), Some(gid)).map_err(|source| {
                Error::Io {
                    what: format!("handing {} to {user}", dir.path().display()),
                    source,
                }
            })?;
        }
        let mut server = Self {
            bin,
            run_as,
            dir,
            port: 0,
        };
        server.run(
            "initdb",
            &[
                "-D",
                &server.data().display().to_string(),
                "-U",
                USER,
                "--auth=trust",
                "--no-sync",
                "--encoding=UTF8",
                "--locale=C",
            ],
        )?;
        // Another process may take the port between our probe and the server's bind; a few
        // tries make that race harmless.
        let mut last = None;
        for _ in 0..5 {
            server.port = free_port()?;
            match server.pg_ctl_start() {
                Ok(()) => return Ok(server),
                Err(error) => last = Some(error),
            }
        }
        Err(last.unwrap_or(Error::NotInstalled))
    }

    /// A server shared by every caller that holds it: started by the first, stopped when the
    /// last drops it. Tests of one binary running side by side share one server (each with its
    /// own database from [`Postgres::create_database`]) instead of each paying for `initdb`,
    /// and nothing outlives the test process — a `static` server would never be dropped.
    pub fn shared() -> Result<Arc<Self>, Error> {
        static SHARED: Mutex<Weak<Postgres>> = Mutex::new(Weak::new());
        let mut shared = SHARED.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(server) = shared.upgrade() {
            return Ok(server);
        }
        let server = Arc::new(Self::start()?);
        *shared = Arc::downgrade(&server);
        Ok(server)
    }

    /// The TCP port the server listens on (127.0.0.1).
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The folder holding the data directory, the socket and the log.
    pub fn folder(&self) -> &Path {
        self.dir.path()
    }

    /// The URL of database `name` on this server.
    pub fn url(&self, name: &str) -> String {
        format!("postgres://{USER}@127.0.0.1:{}/{name}", self.port)
    }

    /// Creates a new, empty database and returns its URL. Each call gets its own, so tests
    /// sharing one server never see each other's rows.
    pub fn create_database(&self) -> Result<String, Error> {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let name = format!("test_{}", NEXT.fetch_add(1, Ordering::Relaxed));
        self.run(
            "createdb",
            &[
                "-h",
                "127.0.0.1",
                "-p",
                &self.port.to_string(),
                "-U",
                USER,
                &name,
            ],
        )?;
        Ok(self.url(&name))
    }

    /// The server's log so far (for a failing test's message).
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("server.log")).unwrap_or_default()
    }

    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    fn pg_ctl_start(&self) -> Result<(), Error> {
        // fsync off: a test server's data dies with the test anyway, and 2-core CI machines
        // spend their time on the tests rather than the disk.
        let options = format!(
            "-p {} -k {} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off \
             -c full_page_writes=off -c max_connections=200",
            self.port,
            self.dir.path().display()
        );
        self.run(
            "pg_ctl",
            &[
                "-D",
                &self.data().display().to_string(),
                "-l",
                &self.dir.path().join("server.log").display().to_string(),
                "-w",
                "-t",
                "60",
                "-o",
                &options,
                "start",
            ],
        )
        .map_err(|error| match error {
            Error::Program {
                program,
                status,
                output,
            } => Error::Program {
                program,
                status,
                output: format!("{output}\n--- server.log\n{}", self.log()),
            },
            other => other,
        })
        .map(drop)
    }

    fn run(&self, program: &str, args: &[&str]) -> Result<Output, Error> {
        let path = self.bin.join(program);
        let mut command = match &self.run_as {
            Some(user) => {
                let mut command = Command::new("runuser");
                command.args(["-u", user, "--"]).arg(&path);
                command
            }
            None => Command::new(&path),
        };
        // The programs write into the folder; run them from it so that a cwd the server user
        // cannot read (root's home) is no problem.
        let output = command
            .args(args)
            .current_dir(self.dir.path())
            .output()
            .map_err(|source| Error::Io {
                what: format!("running {}", path.display()),
                source,
            })?;
        if output.status.success() {
            Ok(output)
        } else {
            Err(Error::Program {
                program: program.into(),
                status: output.status.to_string(),
                output: format!(
                    "{}{}",
                    String::from_utf8_lossy(&output.stdout),
                    String::from_utf8_lossy(&output.stderr)
                ),
            })
        }
    }
}

impl Drop for Postgres {
    fn drop(&mut self) {
        if self.port == 0 {
            return;
        }
        // Immediate: the data is thrown away, so there is nothing to checkpoint.
        let _ = self.run(
            "pg_ctl",
            &[
                "-D",
                &self.data().display().to_string(),
                "-m",
                "immediate",
                "-w",
                "stop",
            ],
        );
    }
}

/// `BRIEFBOT_PGTEST_BIN`, or the newest `/usr/lib/postgresql/*/bin` that has `initdb`.
fn bin_dir() -> Result<PathBuf, Error> {
    if let Some(dir) = std::env::var_os("BRIEFBOT_PGTEST_BIN") {
        return Ok(PathBuf::from(dir));
    }
    let mut found: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .map_err(|_| Error::NotInstalled)?
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let version = entry.file_name().to_str()?.parse().ok()?;
            let bin = entry.path().join("bin");
            bin.join("initdb").exists().then_some((version, bin))
        })
        .collect();
    found.sort();
    found.pop().map(|(_, bin)| bin).ok_or(Error::NotInstalled)
}

fn is_root() -> bool {
    // The owner of our own /proc entry is our effective user; no libc needed.
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata("/proc/self").is_ok_and(|meta| meta.uid() == 0)
}

fn ids_of(user: &str) -> Result<(u32, u32), Error> {
    let id = |flag: &str| -> Result<u32, Error> {
        let output = Command::new("id")
            .args([flag, user])
            .output()
            .map_err(|source| Error::Io {
                what: format!("looking up user {user}"),
                source,
            })?;
        String::from_utf8_lossy(&output.stdout)
            .trim()
            .parse()
            .map_err(|_| Error::Program {
                program: "id".into(),
                status: output.status.to_string(),
                output: format!(
                    "no user {user} to run PostgreSQL as (PostgreSQL refuses root): {}",
                    String::from_utf8_lossy(&output.stderr)
                ),
            })
    };
    Ok((id("-u")?, id("-g")?))
}

fn free_port() -> Result<u16, Error> {
    TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .and_then(|listener| listener.local_addr())
        .map(|address| address.port())
        .map_err(|source| Error::Io {
            what: "finding a free port".into(),
            source,
        })
}
