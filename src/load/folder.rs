//! A briefings folder as last read: each file's fingerprint and outcome, so that reading it
//! again re-reads and re-parses only the files that changed.
//!
//! A file is unchanged when its size and modification time are those of the last read. A file
//! whose time differs is read again and hashed; the same content (a `git checkout` that rewrote
//! it, a `touch`) keeps its briefing. Only new content is parsed. A time is not trusted when it
//! falls within [`RACY`] of the previous read's start: a second write within the file system's
//! clock tick may change a file without changing its size or time, so such a file is hashed.

use std::collections::{HashMap, HashSet};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use crate::briefing::Briefing;
use crate::diagnostic::Diagnostic;
use crate::library::Library;

use super::{
    Found, Loaded, collect, duplicate, in_parallel, internal_error, parse_source, read_source,
    sort_diagnostics,
};

/// Modification times this close to the previous read are checked by content.
const RACY: Duration = Duration::from_secs(2);

/// One file's outcome: a shared briefing, or its problems.
type Parsed = Result<Arc<Briefing>, Vec<Diagnostic>>;

/// A briefings folder and what the last [`Folder::load`] found in it.
#[derive(Debug)]
pub struct Folder {
    dir: PathBuf,
    /// Every briefing file by path, sorted by path (the order of loading and of diagnostics).
    files: Vec<(PathBuf, Known)>,
    /// When the last read started.
    last_read: Option<SystemTime>,
    /// Files parsed since this was created.
    parses: usize,
}

/// A file as last read.
#[derive(Debug)]
struct Known {
    /// Size and modification time; `None` when the file could not be read (so it is always
    /// read again) or the system gives no time.
    stamp: Option<(u64, SystemTime)>,
    /// Of the content; `None` when there was none to hash.
    hash: Option<u64>,
    outcome: Parsed,
}

/// What reading one changed file gave.
struct Fresh {
    hash: Option<u64>,
    outcome: Parsed,
    parsed: bool,
}

impl Folder {
    /// A folder not read yet: the first [`Folder::load`] parses every file.
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Self {
            dir: dir.into(),
            files: Vec::new(),
            last_read: None,
            parses: 0,
        }
    }

    /// The folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// How many files this folder has parsed since it was created: what a reload cost.
    pub fn parses(&self) -> usize {
        self.parses
    }

    /// Reads the folder: every valid briefing into a library, every problem into a diagnostic.
    /// Unchanged files keep the briefing (the same `Arc`) or the diagnostics of the last read.
    pub fn load(&mut self) -> Loaded {
        let started = SystemTime::now();
        let mut diagnostics = Vec::new();
        let mut found = Vec::new();
        match std::fs::metadata(&self.dir) {
            Ok(metadata) if metadata.is_dir() => {
                let mut visited = HashSet::new();
                collect(&self.dir, 0, &mut visited, &mut found, &mut diagnostics);
            }
            Ok(_) => diagnostics.push(Diagnostic::file(
                self.dir.display().to_string(),
                "is not a folder",
                "set BRIEFBOT_BRIEFINGS or `briefings` in the configuration to the folder that holds the briefings",
            )),
            Err(error) => diagnostics.push(Diagnostic::file(
                self.dir.display().to_string(),
                format!("cannot open the briefings folder: {error}"),
                "check the path in BRIEFBOT_BRIEFINGS or `briefings` in the configuration",
            )),
        }
        found.sort_unstable_by(|left, right| left.path.cmp(&right.path));
        let last_read = self.last_read;
        let trusted = |stamp: &Option<(u64, SystemTime)>| {
            stamp.is_some_and(|(_, modified)| last_read.is_some_and(|read| modified + RACY < read))
        };
        // Unchanged files by their stamp; the rest are read, hashed and, when new, parsed.
        let known = |path: &PathBuf| {
            self.files
                .binary_search_by(|(known, _)| known.cmp(path))
                .ok()
        };
        let changed: Vec<usize> = (0..found.len())
            .filter(|&position| {
                let Found { path, stamp } = &found[position];
                !(known(path).is_some_and(|at| self.files[at].1.stamp == *stamp) && trusted(stamp))
            })
            .collect();
        let fresh = in_parallel(
            &changed,
            |&position| {
                let path = &found[position].path;
                read(path, known(path).map(|at| &self.files[at].1))
            },
            |&position| Fresh {
                hash: None,
                outcome: Err(internal_error(&found[position].path)),
                parsed: true,
            },
        );
        let parsed = fresh.iter().filter(|fresh| fresh.parsed).count();
        self.parses += parsed;
        // Both lists are sorted by path: one merge pass carries the unchanged files over.
        let mut old = std::mem::take(&mut self.files).into_iter().peekable();
        let mut fresh = changed.into_iter().zip(fresh).peekable();
        let mut next = Vec::with_capacity(found.len());
        for (position, Found { path, stamp }) in found.into_iter().enumerate() {
            while old.next_if(|(known, _)| *known < path).is_some() {}
            let before = old
                .next_if(|(known, _)| *known == path)
                .map(|(_, known)| known);
            let known = match fresh.next_if(|(changed, _)| *changed == position) {
                Some((_, fresh)) => Known {
                    stamp: stamp.filter(|_| fresh.hash.is_some()),
                    hash: fresh.hash,
                    outcome: fresh.outcome,
                },
                None => match before {
                    Some(known) => known,
                    None => unreachable!("an unchanged file was known"),
                },
            };
            next.push((path, known));
        }
        drop(old);
        self.files = next;
        self.last_read = Some(started);
        let (library, more) = self.assemble();
        diagnostics.extend(more);
        sort_diagnostics(&mut diagnostics);
        Loaded {
            library,
            diagnostics,
            files: self.files.len(),
            parsed,
        }
    }

    /// The library of the files as known, in path order; of two files with one id the first
    /// is loaded and the second reported.
    fn assemble(&self) -> (Library, Vec<Diagnostic>) {
        let mut diagnostics = Vec::new();
        let mut briefings: Vec<Arc<Briefing>> = Vec::with_capacity(self.files.len());
        let mut first_path: HashMap<&str, &Path> = HashMap::with_capacity(self.files.len());
        for (path, known) in &self.files {
            match &known.outcome {
                Ok(briefing) => match first_path.get(briefing.id.as_str()) {
                    Some(first) => {
                        diagnostics.push(duplicate(path, briefing.id.as_str(), first));
                    }
                    None => {
                        first_path.insert(briefing.id.as_str(), path);
                        briefings.push(Arc::clone(briefing));
                    }
                },
                Err(found) => diagnostics.extend(found.iter().cloned()),
            }
        }
        drop(first_path);
        (Library::new(briefings), diagnostics)
    }
}

/// Reads a file that may have changed; parses it unless its content is what `known` holds.
fn read(path: &Path, known: Option<&Known>) -> Fresh {
    let source = match read_source(path) {
        Ok(source) => source,
        Err(diagnostic) => {
            return Fresh {
                hash: None,
                outcome: Err(vec![*diagnostic]),
                parsed: false,
            };
        }
    };
    let mut hasher = DefaultHasher::new();
    source.hash(&mut hasher);
    let hash = hasher.finish();
    if let Some(known) = known.filter(|known| known.hash == Some(hash)) {
        return Fresh {
            hash: Some(hash),
            outcome: known.outcome.clone(),
            parsed: false,
        };
    }
    Fresh {
        hash: Some(hash),
        outcome: parse_source(path, &source).map(Arc::new),
        parsed: true,
    }
}
