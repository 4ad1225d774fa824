//! Reads a briefings folder from disk: every valid briefing into a library, every problem into a
//! diagnostic. One bad file never keeps the others from loading.

mod folder;

use std::collections::{HashMap, HashSet};
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::thread;

use crate::briefing::{self, Briefing, limits::FILE_BYTES_MAX};
use crate::diagnostic::Diagnostic;
use crate::library::Library;
use crate::verify;

pub use folder::Folder;

/// Folders nested deeper than this are not read: a guard against pathological trees.
const DEPTH_MAX: usize = 16;

/// What loading a folder produced.
#[derive(Debug)]
pub struct Loaded {
    /// Every valid briefing.
    pub library: Library,
    /// Every problem, in path order.
    pub diagnostics: Vec<Diagnostic>,
    /// How many briefing files were found, valid or not.
    pub files: usize,
    /// How many of them this load parsed: all on a first load, the changed ones on a reload.
    pub parsed: usize,
}

impl Loaded {
    /// True when any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// How many files have at least one error (diagnostics are in path order).
    pub fn files_with_errors(&self) -> usize {
        let mut paths: Vec<&str> = self
            .diagnostics
            .iter()
            .filter(|diagnostic| diagnostic.is_error())
            .map(|diagnostic| diagnostic.path.as_str())
            .collect();
        paths.dedup();
        paths.len()
    }
}

/// Loads every `*.toml` file under `dir` (recursively), parsing files in parallel.
///
/// A one-off read; the bot keeps a [`Folder`] instead, so a reload parses only what changed.
pub fn load_dir(dir: &Path) -> Loaded {
    Folder::new(dir).load()
}

/// Reports a second file using an id, pointing at its `id` line when the file can be re-read.
fn duplicate(path: &Path, id: &str, first: &Path) -> Diagnostic {
    let message = format!("the id {id:?} is also used by {}", first.display());
    let help = "ids must be unique across the folder: rename one of the files and its `id`";
    let display = path.display().to_string();
    let source = read_source(path).ok();
    match source
        .as_deref()
        .and_then(|source| briefing::id_span(source).map(|span| (source, span)))
    {
        Some((source, span)) => Diagnostic::at(display, source, span, message, help),
        None => Diagnostic::file(display, message, help),
    }
}

fn sort_diagnostics(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|left, right| {
        (&left.path, left.line, left.column).cmp(&(&right.path, right.line, right.column))
    });
}

/// A briefing file found by the walk, with what the walk learnt of it.
struct Found {
    path: PathBuf,
    /// Size and modification time; `None` when the system gives no time.
    stamp: Option<(u64, std::time::SystemTime)>,
}

/// Walks `dir`, collecting briefing files and reporting what cannot be walked.
fn collect(
    dir: &Path,
    depth: usize,
    visited: &mut HashSet<PathBuf>,
    paths: &mut Vec<Found>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    // A symlinked folder that leads back up the tree would otherwise be walked forever.
    match fs::canonicalize(dir) {
        Ok(canonical) => {
            if !visited.insert(canonical) {
                return;
            }
        }
        Err(error) => {
            diagnostics.push(unreadable(dir, &error));
            return;
        }
    }
    if depth > DEPTH_MAX {
        diagnostics.push(Diagnostic::file(
            dir.display().to_string(),
            format!("folders are nested more than {DEPTH_MAX} deep"),
            "keep briefings in a flat folder or a few sub-folders",
        ));
        return;
    }
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) => {
            diagnostics.push(unreadable(dir, &error));
            return;
        }
    };
    let mut children: Vec<PathBuf> = Vec::new();
    for entry in entries {
        match entry {
            Ok(entry) => children.push(entry.path()),
            Err(error) => diagnostics.push(unreadable(dir, &error)),
        }
    }
    children.sort();
    for path in children {
        let name = path
            .file_name()
            .and_then(|name| name.to_str())
            .unwrap_or("");
        // Hidden files include editors' lock and swap files (`.#x.toml` is a dangling link).
        if name.starts_with('.') {
            continue;
        }
        match fs::metadata(&path) {
            Ok(metadata) if metadata.is_dir() => {
                collect(&path, depth + 1, visited, paths, diagnostics)
            }
            Ok(metadata) if is_briefing_file(&path) => {
                let stamp = metadata.modified().ok().map(|time| (metadata.len(), time));
                paths.push(Found { path, stamp });
            }
            Ok(_) => {}
            // A broken link or a link loop named *.toml is still a briefing the editor meant.
            Err(error) if is_briefing_file(&path) => diagnostics.push(unreadable(&path, &error)),
            Err(_) => {}
        }
    }
}

fn is_briefing_file(path: &Path) -> bool {
    path.extension()
        .is_some_and(|extension| extension == "toml")
}

fn unreadable(path: &Path, error: &std::io::Error) -> Diagnostic {
    let help = match error.raw_os_error() {
        Some(40) => {
            "a symbolic link points to itself, directly or in a loop: remove or fix the link"
        }
        _ if error.kind() == std::io::ErrorKind::PermissionDenied => {
            "give the bot's user permission to read it"
        }
        _ if error.kind() == std::io::ErrorKind::NotFound => {
            "the link points nowhere: fix or remove it"
        }
        _ => "check that the file exists and can be read",
    };
    Diagnostic::file(
        path.display().to_string(),
        format!("cannot read: {error}"),
        help,
    )
}

/// `work` on every item on all cores, the results in `items` order. A worker that panics
/// (only a bug does) gets `failed` for each of its items, and the rest go on.
fn in_parallel<T: Sync, R: Send>(
    items: &[T],
    work: impl Fn(&T) -> R + Sync,
    failed: impl Fn(&T) -> R,
) -> Vec<R> {
    let workers = thread::available_parallelism()
        .map_or(1, usize::from)
        .min(items.len().max(1));
    if workers <= 1 || items.len() < 32 {
        return items.iter().map(work).collect();
    }
    let chunk = items.len().div_ceil(workers);
    let work = &work;
    thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|chunk| {
                (
                    chunk,
                    scope.spawn(move || chunk.iter().map(work).collect::<Vec<_>>()),
                )
            })
            .collect();
        let mut results = Vec::with_capacity(items.len());
        for (chunk, handle) in handles {
            match handle.join() {
                Ok(done) => results.extend(done),
                Err(_) => results.extend(chunk.iter().map(&failed)),
            }
        }
        results
    })
}

/// What a file gets when parsing it panicked: a bug, reported against the file.
fn internal_error(path: &Path) -> Vec<Diagnostic> {
    vec![Diagnostic::file(
        path.display().to_string(),
        "internal error while parsing this folder",
        "report this as a bug in briefbot",
    )]
}

/// Reads one file (refusing the too large, the non-regular and the non-UTF-8) and parses it.
pub fn read_and_parse(path: &Path) -> Result<Briefing, Vec<Diagnostic>> {
    let source = read_source(path).map_err(|diagnostic| vec![*diagnostic])?;
    parse_source(path, &source)
}

/// Parses an already read file; the pure twin of [`read_and_parse`].
pub fn parse_source(path: &Path, source: &str) -> Result<Briefing, Vec<Diagnostic>> {
    if source.trim().is_empty() {
        return Err(vec![Diagnostic::file(
            path.display().to_string(),
            "the file is empty",
            "write a briefing (see briefings/README.md), or delete the file",
        )]);
    }
    briefing::parse(path, source)
}

/// Reads a briefing file as text, with the checks a folder of untrusted files needs.
pub fn read_source(path: &Path) -> Result<String, Box<Diagnostic>> {
    read_text(path).map_err(Box::new)
}

// The diagnostic is boxed once at the public boundary; inside, plain values read better.
#[allow(clippy::result_large_err)]
fn read_text(path: &Path) -> Result<String, Diagnostic> {
    let display = path.display().to_string();
    // Opening a FIFO blocks until someone writes to it: look before opening.
    let before = fs::metadata(path).map_err(|error| unreadable(path, &error))?;
    if !before.is_file() {
        return Err(Diagnostic::file(
            display,
            "is not a regular file",
            "briefings must be plain files",
        ));
    }
    let file = fs::File::open(path).map_err(|error| unreadable(path, &error))?;
    let metadata = file.metadata().map_err(|error| unreadable(path, &error))?;
    if !metadata.is_file() {
        // The path was swapped for something else between the look and the open.
        return Err(Diagnostic::file(
            display,
            "is not a regular file",
            "briefings must be plain files",
        ));
    }
    if metadata.len() > FILE_BYTES_MAX {
        return Err(too_large(display, metadata.len()));
    }
    let mut bytes = Vec::with_capacity(metadata.len() as usize);
    // The file may grow between the size check and the read: read one byte past the limit.
    file.take(FILE_BYTES_MAX + 1)
        .read_to_end(&mut bytes)
        .map_err(|error| unreadable(path, &error))?;
    if bytes.len() as u64 > FILE_BYTES_MAX {
        return Err(too_large(display, bytes.len() as u64));
    }
    String::from_utf8(bytes).map_err(|error| {
        let valid = error.utf8_error().valid_up_to();
        let prefix = String::from_utf8_lossy(&error.as_bytes()[..valid]).into_owned();
        let end = prefix.len();
        Diagnostic::at(
            display,
            &prefix,
            end..end,
            format!("the file is not valid UTF-8 (byte {valid})"),
            "save the file as UTF-8",
        )
    })
}

fn too_large(path: String, bytes: u64) -> Diagnostic {
    Diagnostic::file(
        path,
        format!("the file has {bytes} bytes; a briefing may have at most {FILE_BYTES_MAX}"),
        "a briefing is a short summary of one article: split or shorten it",
    )
}

/// Verifies every quote of every loaded briefing against its article text, found as `<id>.txt`
/// in `<dir>/sources/` or in one of `source_dirs`. A briefing without a text is a warning.
pub fn verify_sources(dir: &Path, loaded: &Loaded, source_dirs: &[PathBuf]) -> Vec<Diagnostic> {
    let own = dir.join("sources");
    let mut diagnostics = Vec::new();
    // The loader keeps no paths (the bot never needs them): find each briefing's file again.
    let mut walked = Vec::new();
    collect(dir, 0, &mut HashSet::new(), &mut walked, &mut Vec::new());
    let mut found: Vec<PathBuf> = walked.into_iter().map(|found| found.path).collect();
    found.sort();
    let mut files: HashMap<&str, &PathBuf> = HashMap::new();
    for path in &found {
        if let Some(stem) = path.file_stem().and_then(|stem| stem.to_str()) {
            files.entry(stem).or_insert(path);
        }
    }
    for briefing in loaded.library.briefings() {
        let file_name = format!("{}.txt", briefing.id);
        let briefing_path = files
            .get(briefing.id.as_str())
            .map(|path| (*path).clone())
            .unwrap_or_else(|| dir.join(format!("{}.toml", briefing.id)));
        let display = briefing_path.display().to_string();
        let article = std::iter::once(&own)
            .chain(source_dirs)
            .map(|folder| folder.join(&file_name))
            .find_map(|path| read_article(&path).map(|text| (path, text)));
        let Some((article_path, article)) = article else {
            diagnostics.push(
                Diagnostic::file(
                    display,
                    format!("no article text {file_name} to verify the quotes against"),
                    "put the article text in a --sources folder or in the briefings' sources/ folder",
                )
                .warning(),
            );
            continue;
        };
        let missing = verify::quotes_missing_from(briefing, &article);
        if missing.is_empty() {
            continue;
        }
        let source = read_source(&briefing_path).unwrap_or_default();
        for position in missing {
            let message = format!(
                "quote #{} does not appear verbatim in {}",
                position + 1,
                article_path.display()
            );
            let help = "copy the quotation exactly as the article prints it (wording, punctuation, apostrophes)";
            diagnostics.push(match verify::quote_text_span(&source, position) {
                Some(span) => Diagnostic::at(display.clone(), &source, span, message, help),
                None => Diagnostic::file(display.clone(), message, help),
            });
        }
    }
    sort_diagnostics(&mut diagnostics);
    diagnostics
}

/// An article text, if it exists and reads as UTF-8 within the size limit.
fn read_article(path: &Path) -> Option<String> {
    fs::metadata(path)
        .ok()
        .filter(|metadata| metadata.is_file())?;
    read_source(path).ok()
}
