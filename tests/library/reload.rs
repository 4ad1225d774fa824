//! Reading a folder again: only what changed is parsed, everything else is the same briefing.

use std::fs::{self, File};
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use briefbot::briefing::Briefing;
use briefbot::load::{Folder, Loaded};

const TEMPLATE: &str = include_str!("../fixtures/library/2024-01-10-alpha.toml");

/// The alpha fixture under another id and title.
fn text(id: &str, title: &str) -> String {
    TEMPLATE
        .replace("\"2024-01-10-alpha\"", &format!("{id:?}"))
        .replace("Alpha: a gas row between Minsk and Moscow", title)
}

fn write(path: &Path, id: &str, title: &str) {
    fs::write(path.join(format!("{id}.toml")), text(id, title)).unwrap();
}

/// Sets a file's modification time an hour back, as for a file not touched in a while (a
/// time close to the last read is checked by content, whatever its size).
fn age(path: &Path) {
    let hour_ago = SystemTime::now() - Duration::from_secs(3600);
    File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(hour_ago)
        .unwrap();
}

/// A folder of `count` aged briefings `2024-01-NN-brief`, read once.
fn folder(count: usize) -> (tempfile::TempDir, Folder, Loaded) {
    let dir = tempfile::tempdir().unwrap();
    for number in 1..=count {
        let id = format!("2024-01-{number:02}-brief");
        write(dir.path(), &id, &format!("Brief {number}"));
        age(&dir.path().join(format!("{id}.toml")));
    }
    let mut folder = Folder::new(dir.path());
    let loaded = folder.load();
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    assert_eq!((loaded.parsed, folder.parses()), (count, count));
    (dir, folder, loaded)
}

fn briefing<'a>(loaded: &'a Loaded, id: &str) -> &'a Arc<Briefing> {
    loaded
        .library
        .get(id)
        .unwrap_or_else(|| panic!("{id} loaded"))
}

/// How many briefings of `after` are the very ones of `before` (not parsed again).
fn shared(before: &Loaded, after: &Loaded) -> usize {
    after
        .library
        .briefings()
        .iter()
        .filter(|briefing| {
            before
                .library
                .get(briefing.id.as_str())
                .is_some_and(|old| Arc::ptr_eq(old, briefing))
        })
        .count()
}

#[test]
fn an_unchanged_folder_is_parsed_not_at_all() {
    let (_dir, mut folder, first) = folder(40);
    let again = folder.load();
    assert_eq!((again.parsed, folder.parses()), (0, 40));
    assert_eq!(again.library.len(), 40);
    assert_eq!(shared(&first, &again), 40);
}

#[test]
fn a_changed_file_is_the_only_one_parsed() {
    let (dir, mut folder, first) = folder(40);
    write(dir.path(), "2024-01-07-brief", "Brief seven, revised");
    let again = folder.load();
    assert_eq!(again.parsed, 1);
    assert_eq!(
        briefing(&again, "2024-01-07-brief").title,
        "Brief seven, revised"
    );
    assert_eq!(shared(&first, &again), 39);
}

#[test]
fn added_removed_and_renamed_files_cost_one_parse_each_at_most() {
    let (dir, mut folder, first) = folder(40);
    write(dir.path(), "2024-02-01-added", "Added");
    fs::remove_file(dir.path().join("2024-01-02-brief.toml")).unwrap();
    // Moved into a sub-folder: same id, a new path (which its diagnostics would name).
    fs::create_dir(dir.path().join("archive")).unwrap();
    fs::rename(
        dir.path().join("2024-01-03-brief.toml"),
        dir.path().join("archive/2024-01-03-brief.toml"),
    )
    .unwrap();
    let again = folder.load();
    assert!(again.diagnostics.is_empty(), "{:?}", again.diagnostics);
    assert_eq!(again.parsed, 2, "the added and the moved file");
    assert_eq!(again.library.len(), 40);
    assert!(again.library.get("2024-01-02-brief").is_none());
    assert_eq!(briefing(&again, "2024-02-01-added").title, "Added");
    assert!(again.library.get("2024-01-03-brief").is_some());
    assert_eq!(shared(&first, &again), 38);
}

#[test]
fn a_touched_file_with_the_same_content_is_not_parsed() {
    let (dir, mut folder, first) = folder(10);
    let path = dir.path().join("2024-01-04-brief.toml");
    // A checkout that rewrites the same bytes: a new time, the same content.
    fs::write(&path, fs::read(&path).unwrap()).unwrap();
    let again = folder.load();
    assert_eq!(again.parsed, 0);
    assert_eq!(shared(&first, &again), 10);
}

#[test]
fn a_change_that_keeps_size_and_time_is_seen_while_the_time_is_recent() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "2024-01-01-brief", "Brief AAAA");
    let path = dir.path().join("2024-01-01-brief.toml");
    let mut folder = Folder::new(dir.path());
    assert_eq!(folder.load().parsed, 1);
    // A second save within the file system's clock tick: same size, same time, new text.
    let modified = fs::metadata(&path).unwrap().modified().unwrap();
    write(dir.path(), "2024-01-01-brief", "Brief BBBB");
    File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(modified)
        .unwrap();
    let again = folder.load();
    assert_eq!(again.parsed, 1);
    assert_eq!(briefing(&again, "2024-01-01-brief").title, "Brief BBBB");
}

#[test]
fn a_broken_file_is_reported_again_without_a_parse_and_its_fix_is_one() {
    let (dir, mut folder, first) = folder(20);
    let broken = text("2024-01-05-brief", "Brief 5").replace("title = \"Brief 5\"", "title = \"\"");
    fs::write(dir.path().join("2024-01-05-brief.toml"), broken).unwrap();
    let rejected = folder.load();
    assert_eq!(rejected.parsed, 1);
    assert_eq!(rejected.files_with_errors(), 1);
    assert!(
        rejected.diagnostics[0]
            .headline()
            .contains("2024-01-05-brief.toml:4:9: error: `title` is empty"),
        "{}",
        rejected.diagnostics[0]
    );
    assert!(rejected.library.get("2024-01-05-brief").is_none());
    assert_eq!(shared(&first, &rejected), 19);

    // Still broken: the same diagnostic, from memory.
    let again = folder.load();
    assert_eq!(again.parsed, 0);
    assert_eq!(
        again.diagnostics[0].headline(),
        rejected.diagnostics[0].headline()
    );

    write(dir.path(), "2024-01-05-brief", "Brief 5, fixed");
    let fixed = folder.load();
    assert_eq!(fixed.parsed, 1);
    assert!(fixed.diagnostics.is_empty());
    assert_eq!(briefing(&fixed, "2024-01-05-brief").title, "Brief 5, fixed");
    assert_eq!(shared(&first, &fixed), 19);
}

#[test]
fn a_duplicate_id_is_reported_on_every_read_and_clears_when_removed() {
    let (dir, mut folder, _) = folder(5);
    fs::create_dir(dir.path().join("copy")).unwrap();
    let copy = dir.path().join("copy/2024-01-01-brief.toml");
    fs::copy(dir.path().join("2024-01-01-brief.toml"), &copy).unwrap();
    for _ in 0..2 {
        let loaded = folder.load();
        assert_eq!(loaded.files_with_errors(), 1);
        assert!(
            loaded.diagnostics[0].headline().contains("is also used by"),
            "{}",
            loaded.diagnostics[0]
        );
        assert_eq!(loaded.library.len(), 5);
    }
    fs::remove_file(&copy).unwrap();
    let loaded = folder.load();
    assert!(loaded.diagnostics.is_empty());
    assert_eq!(loaded.parsed, 0);
}
