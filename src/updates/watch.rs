//! Watching the briefings folder: reload on change, serve only a clean set, report the rest.
//!
//! An editor's save is a burst of events (write, rename, chmod); the watcher waits until the
//! folder has been quiet for a moment and reloads once. Events that only say a file was opened
//! or read are ignored: the reload itself opens every file, and counting those would reload the
//! folder again and again. A reload with any error diagnostic is rejected — logged with every
//! diagnostic — and the last good set keeps serving, so nothing is ever posted from a broken set.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use notify::event::{AccessKind, AccessMode};
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};
use tokio::sync::mpsc;

use crate::diagnostic::{Diagnostic, Severity};
use crate::library::Library;
use crate::load::Folder;

use super::shared::SharedLibrary;
use super::shutdown::Shutdown;

/// What one reload of the folder did.
#[derive(Debug, Clone)]
pub enum Reload {
    /// The folder loaded without errors and is served from now on.
    Swapped {
        /// The new snapshot.
        library: Arc<Library>,
        /// Warnings the load reported (a clean set may have some).
        warnings: Vec<Diagnostic>,
    },
    /// The folder has errors: the last good set keeps serving.
    Rejected {
        /// Every problem the load found, errors and warnings.
        diagnostics: Vec<Diagnostic>,
    },
}

/// The folder watcher could not start.
#[derive(Debug, thiserror::Error)]
pub enum WatchError {
    /// The operating system refused to watch the folder (missing, unreadable, out of watches).
    #[error("cannot watch the briefings folder {path}")]
    Watch {
        /// The folder.
        path: PathBuf,
        /// Why.
        #[source]
        source: notify::Error,
    },
}

/// Reads the folder again (parsing only the files that changed since its last read) and, if
/// it has no error, swaps it in; logs what it did. Blocking (it reads files): call it from
/// `spawn_blocking` or a thread.
pub fn reload(folder: &mut Folder, shared: &SharedLibrary) -> Reload {
    let started = std::time::Instant::now();
    let loaded = folder.load();
    let dir = folder.dir();
    if loaded.has_errors() {
        let errors = loaded
            .diagnostics
            .iter()
            .filter(|diagnostic| diagnostic.is_error())
            .count();
        tracing::error!(
            folder = %dir.display(),
            errors,
            "briefings not reloaded: keeping the last good set"
        );
        for diagnostic in &loaded.diagnostics {
            match diagnostic.severity {
                Severity::Error => tracing::error!("{diagnostic}"),
                Severity::Warning => tracing::warn!("{diagnostic}"),
            }
        }
        return Reload::Rejected {
            diagnostics: loaded.diagnostics,
        };
    }
    for diagnostic in &loaded.diagnostics {
        tracing::warn!("{diagnostic}");
    }
    let library = Arc::new(loaded.library);
    shared.replace(Arc::clone(&library));
    tracing::info!(
        folder = %dir.display(),
        briefings = library.len(),
        parsed = loaded.parsed,
        took = ?started.elapsed(),
        "briefings reloaded"
    );
    Reload::Swapped {
        library,
        warnings: loaded.diagnostics,
    }
}

/// The watcher's raw events, as notify's thread sends them.
type RawEvents = mpsc::UnboundedReceiver<notify::Result<Event>>;

/// A watch on the briefings folder (and its sub-folders), registered and collecting changes.
pub struct FolderWatcher {
    /// The folder, and what its last read found, so a reload parses only what changed.
    folder: Folder,
    /// Owns the OS watch and notify's thread; dropping it stops both.
    watcher: RecommendedWatcher,
    /// Every event the OS reported, in order.
    events: RawEvents,
    /// How long the folder must be quiet after a change before it is reloaded.
    debounce: Duration,
}

impl FolderWatcher {
    /// Starts watching `dir`; changes made after this returns are seen. A burst of changes
    /// is reported once it has been quiet for `debounce`.
    pub fn start(dir: PathBuf, debounce: Duration) -> Result<Self, WatchError> {
        let (sender, events) = mpsc::unbounded_channel();
        let watch_error = |source| WatchError::Watch {
            path: dir.clone(),
            source,
        };
        // Called on notify's own thread for every event.
        let mut watcher = notify::recommended_watcher(move |event| {
            let _ = sender.send(event);
        })
        .map_err(watch_error)?;
        watcher
            .watch(&dir, RecursiveMode::Recursive)
            .map_err(watch_error)?;
        tracing::info!(folder = %dir.display(), "watching the briefings folder");
        Ok(Self {
            folder: Folder::new(dir),
            watcher,
            events,
            debounce,
        })
    }

    /// Continues from `folder`'s last read (the one that loaded the library being served), so
    /// the first reload re-reads only what changed since; it must be of the watched folder.
    pub fn with_folder(mut self, folder: Folder) -> Self {
        debug_assert_eq!(folder.dir(), self.folder.dir());
        self.folder = folder;
        self
    }

    /// Until shutdown: after each burst of changes, reloads the folder with [`reload`] and
    /// sends the result to `reloads` (the delivery engine records and posts the updates of
    /// each swapped-in set). Watch errors are logged and watching goes on.
    pub async fn run(
        mut self,
        shared: SharedLibrary,
        reloads: mpsc::Sender<Reload>,
        mut shutdown: Shutdown,
    ) {
        loop {
            let burst = tokio::select! {
                () = shutdown.triggered() => break,
                burst = next_burst(&mut self.events, self.debounce, self.folder.dir()) => burst,
            };
            if burst.is_none() {
                break;
            }
            let dir = self.folder.dir().to_path_buf();
            let mut folder = std::mem::replace(&mut self.folder, Folder::new(&dir));
            let target = shared.clone();
            let reloaded = tokio::task::spawn_blocking(move || {
                let outcome = reload(&mut folder, &target);
                (folder, outcome)
            });
            let outcome = match reloaded.await {
                Ok((folder, outcome)) => {
                    self.folder = folder;
                    outcome
                }
                // The next reload starts afresh, from a folder never read (parsing it all).
                Err(error) => {
                    tracing::error!(%error, "reloading the briefings failed");
                    continue;
                }
            };
            if reloads.send(outcome).await.is_err() {
                break; // nobody listens any more
            }
        }
        drop(self.watcher);
        tracing::info!(folder = %self.folder.dir().display(), "stopped watching the briefings folder");
    }
}

/// Waits for an event that can change the library, then until no further such event came for
/// `debounce`. `None` once the watch has ended and nothing is left to reload for.
async fn next_burst(events: &mut RawEvents, debounce: Duration, dir: &Path) -> Option<()> {
    loop {
        let event = events.recv().await?;
        if changes_briefings(event, dir) {
            break;
        }
    }
    let mut quiet_at = tokio::time::Instant::now() + debounce;
    loop {
        match tokio::time::timeout_at(quiet_at, events.recv()).await {
            Err(_) | Ok(None) => return Some(()),
            Ok(Some(event)) => {
                if changes_briefings(event, dir) {
                    quiet_at = tokio::time::Instant::now() + debounce;
                }
            }
        }
    }
}

/// Whether an event can change the library: a briefing file or a folder was created, written,
/// renamed or removed. Opening and reading are not changes (a reload does both); finishing a
/// write is. An error is logged and counts as no change.
fn changes_briefings(event: notify::Result<Event>, dir: &Path) -> bool {
    let event = match event {
        Ok(event) => event,
        Err(error) => {
            tracing::warn!(folder = %dir.display(), %error, "watching the briefings folder");
            return false;
        }
    };
    let changes = match event.kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    };
    changes && event.paths.iter().any(|path| concerns_briefings(path))
}

/// Whether a changed path can change the library: a briefing file, or a folder (whose
/// removal or rename takes briefings with it). Editors' swap and backup files are not.
fn concerns_briefings(path: &Path) -> bool {
    match path.extension() {
        Some(extension) => extension == "toml",
        None => !path
            .file_name()
            .and_then(|name| name.to_str())
            .is_some_and(|name| name.starts_with('.') || name.ends_with('~')),
    }
}

#[cfg(test)]
mod tests {
    use notify::event::{CreateKind, DataChange, ModifyKind, RemoveKind};

    use super::*;

    fn event(kind: EventKind, path: &str) -> notify::Result<Event> {
        Ok(Event::new(kind).add_path(PathBuf::from(path)))
    }

    #[test]
    fn opening_or_reading_a_briefing_is_not_a_change() {
        let dir = Path::new("briefings");
        let file = "briefings/a.toml";
        let opened = EventKind::Access(AccessKind::Open(AccessMode::Any));
        let read = EventKind::Access(AccessKind::Close(AccessMode::Read));
        assert!(!changes_briefings(event(opened, file), dir));
        assert!(!changes_briefings(event(opened, "briefings"), dir));
        assert!(!changes_briefings(event(read, file), dir));
        let written = EventKind::Access(AccessKind::Close(AccessMode::Write));
        let modified = EventKind::Modify(ModifyKind::Data(DataChange::Any));
        assert!(changes_briefings(event(written, file), dir));
        assert!(changes_briefings(event(modified, file), dir));
        assert!(changes_briefings(
            event(EventKind::Create(CreateKind::File), file),
            dir
        ));
        assert!(changes_briefings(
            event(EventKind::Remove(RemoveKind::File), file),
            dir
        ));
        assert!(!changes_briefings(
            event(modified, "briefings/.a.toml.swp"),
            dir
        ));
        assert!(!changes_briefings(Err(notify::Error::generic("lost")), dir));
    }

    #[tokio::test(start_paused = true)]
    async fn a_burst_of_changes_is_one_reload_once_quiet_and_reads_are_none() {
        let dir = Path::new("briefings");
        let debounce = Duration::from_millis(500);
        let (sender, mut events) = mpsc::unbounded_channel();
        let opened = EventKind::Access(AccessKind::Open(AccessMode::Any));
        let modified = EventKind::Modify(ModifyKind::Data(DataChange::Any));

        // What a reload does to the folder: open and read every file. No burst comes of it.
        sender.send(event(opened, "briefings/a.toml")).unwrap();
        let read = EventKind::Access(AccessKind::Close(AccessMode::Read));
        sender.send(event(read, "briefings/a.toml")).unwrap();
        let waited = tokio::time::timeout(
            Duration::from_secs(60),
            next_burst(&mut events, debounce, dir),
        );
        assert!(waited.await.is_err(), "reads alone never make a burst");

        // An editor's save: three changes 200 ms apart, then quiet.
        let start = tokio::time::Instant::now();
        let editor = tokio::spawn(async move {
            for _ in 0..3 {
                sender.send(event(modified, "briefings/a.toml")).unwrap();
                tokio::time::sleep(Duration::from_millis(200)).await;
                sender.send(event(opened, "briefings/a.toml")).unwrap();
            }
            sender
        });
        assert_eq!(next_burst(&mut events, debounce, dir).await, Some(()));
        assert_eq!(
            start.elapsed(),
            Duration::from_millis(400 + 500),
            "quiet after the last change"
        );
        drop(editor.await.unwrap());
        assert_eq!(
            next_burst(&mut events, debounce, dir).await,
            None,
            "the watch ended"
        );
    }

    #[test]
    fn only_briefing_files_and_folders_trigger_a_reload() {
        assert!(concerns_briefings(Path::new("briefings/2026-11-27-a.toml")));
        assert!(concerns_briefings(Path::new("briefings/archive")));
        assert!(!concerns_briefings(Path::new(
            "briefings/.2026-11-27-a.toml.swp"
        )));
        assert!(!concerns_briefings(Path::new(
            "briefings/2026-11-27-a.toml~"
        )));
        assert!(!concerns_briefings(Path::new(
            "briefings/sources/2026-11-27-a.txt"
        )));
    }
}
