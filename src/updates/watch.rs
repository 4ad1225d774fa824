//! Watching the briefings folder: reload on change, serve only a clean set, report the rest.
//!
//! An editor's save is a burst of events (write, rename, chmod); the debouncer turns it into
//! one reload. A reload with any error diagnostic is rejected — logged with every diagnostic —
//! and the last good set keeps serving, so nothing is ever posted from a broken set.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use notify_debouncer_mini::notify::{RecommendedWatcher, RecursiveMode};
use notify_debouncer_mini::{DebounceEventResult, Debouncer, new_debouncer};
use tokio::sync::mpsc;

use crate::diagnostic::{Diagnostic, Severity};
use crate::library::Library;
use crate::load::load_dir;

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
        source: notify_debouncer_mini::notify::Error,
    },
}

/// Loads `dir` and, if it has no error, swaps it in; logs what it did. Blocking (it reads
/// files): call it from `spawn_blocking` or a thread.
pub fn reload(dir: &Path, shared: &SharedLibrary) -> Reload {
    let loaded = load_dir(dir);
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
    tracing::info!(folder = %dir.display(), briefings = library.len(), "briefings reloaded");
    Reload::Swapped {
        library,
        warnings: loaded.diagnostics,
    }
}

/// A watch on the briefings folder (and its sub-folders), registered and collecting changes.
pub struct FolderWatcher {
    /// The folder.
    dir: PathBuf,
    /// Owns the OS watch and the debouncing thread; dropping it stops both.
    debouncer: Debouncer<RecommendedWatcher>,
    /// Debounced batches of changes, sent by the debouncer's thread.
    changes: mpsc::UnboundedReceiver<DebounceEventResult>,
}

impl FolderWatcher {
    /// Starts watching `dir`; changes made after this returns are seen. A burst of changes
    /// is reported once it has been quiet for `debounce`.
    pub fn start(dir: PathBuf, debounce: Duration) -> Result<Self, WatchError> {
        let (events, changes) = mpsc::unbounded_channel();
        let watch_error = |source| WatchError::Watch {
            path: dir.clone(),
            source,
        };
        // Called on the debouncer's own thread for every debounced batch.
        let mut debouncer = new_debouncer(debounce, move |result| {
            let _ = events.send(result);
        })
        .map_err(watch_error)?;
        debouncer
            .watcher()
            .watch(&dir, RecursiveMode::Recursive)
            .map_err(watch_error)?;
        tracing::info!(folder = %dir.display(), "watching the briefings folder");
        Ok(Self {
            dir,
            debouncer,
            changes,
        })
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
            let first = tokio::select! {
                () = shutdown.triggered() => break,
                batch = self.changes.recv() => batch,
            };
            let Some(first) = first else { break };
            // Batches that piled up while the last reload was being delivered need one reload.
            let mut relevant = false;
            let mut next = Some(first);
            while let Some(batch) = next {
                match batch {
                    Err(error) => {
                        tracing::warn!(folder = %self.dir.display(), %error, "watching the briefings folder");
                    }
                    Ok(events) => {
                        relevant |= events.iter().any(|event| concerns_briefings(&event.path));
                    }
                }
                next = self.changes.try_recv().ok();
            }
            if !relevant {
                continue;
            }
            let folder = self.dir.clone();
            let target = shared.clone();
            let outcome = match tokio::task::spawn_blocking(move || reload(&folder, &target)).await
            {
                Ok(outcome) => outcome,
                Err(error) => {
                    tracing::error!(%error, "reloading the briefings failed");
                    continue;
                }
            };
            if reloads.send(outcome).await.is_err() {
                break; // nobody listens any more
            }
        }
        drop(self.debouncer);
        tracing::info!(folder = %self.dir.display(), "stopped watching the briefings folder");
    }
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
    use super::*;

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
