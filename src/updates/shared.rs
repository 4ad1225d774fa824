//! The library the bot serves right now, swapped whole on a good reload.
//!
//! A `RwLock<Arc<Library>>` rather than arc-swap: a reader holds the lock only to clone the
//! `Arc` (nanoseconds), a reload swaps once in a while, so contention cannot matter and the
//! standard library suffices.

use std::sync::{Arc, PoisonError, RwLock};

use crate::library::Library;

/// A cheap-to-clone handle on the current library snapshot.
#[derive(Debug, Clone)]
pub struct SharedLibrary(Arc<RwLock<Current>>);

#[derive(Debug)]
struct Current {
    /// What commands answer from.
    library: Arc<Library>,
    /// Whether it loaded without an error diagnostic: only such a set is ever posted from.
    clean: bool,
}

impl SharedLibrary {
    /// Starts serving `library`; `clean` is false when its load reported errors (then the bot
    /// still answers from the valid briefings, but posts nothing until a clean load).
    pub fn new(library: Arc<Library>, clean: bool) -> Self {
        Self(Arc::new(RwLock::new(Current { library, clean })))
    }

    /// The snapshot to answer from.
    pub fn current(&self) -> Arc<Library> {
        Arc::clone(&self.read().library)
    }

    /// The snapshot to post from: the current one if it loaded cleanly.
    pub fn postable(&self) -> Option<Arc<Library>> {
        let current = self.read();
        current.clean.then(|| Arc::clone(&current.library))
    }

    /// Serves a clean library from now on; returns the one it replaces.
    pub fn replace(&self, library: Arc<Library>) -> Arc<Library> {
        let mut current = self.0.write().unwrap_or_else(PoisonError::into_inner);
        current.clean = true;
        std::mem::replace(&mut current.library, library)
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, Current> {
        // Writers only swap an Arc and a bool, so a poisoned lock still holds a whole snapshot.
        self.0.read().unwrap_or_else(PoisonError::into_inner)
    }
}
