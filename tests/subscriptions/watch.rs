//! The briefings folder on disk: reloads that swap a clean set and reject a broken one, the
//! real watcher (inotify) reacting to files an editor writes, and the whole path from a file
//! dropped in the folder to the posts in subscribed channels.
//!
//! These tests use the real clock: the watcher hears of changes on notify's own thread. They never
//! sleep to guess: each waits for the event it expects, with a generous bound.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use briefbot::load::{Folder, load_dir};
use briefbot::updates::{
    Deliverer, DeliveryConfig, FolderWatcher, Reload, SharedLibrary, reload, shutdown_signal,
};
use tokio::sync::mpsc;

use crate::support::{Db, Recorder, briefing_toml, follow};

/// How long to wait for a file-system event before the test fails.
const PATIENCE: Duration = Duration::from_secs(20);
const DEBOUNCE: Duration = Duration::from_millis(100);

fn write(dir: &Path, id: &str, text: &str) {
    std::fs::write(dir.join(format!("{id}.toml")), text).unwrap();
}

fn good(dir: &Path, id: &str, published: &str) {
    write(dir, id, &briefing_toml(id, published, None));
}

/// A briefing with an empty title: one error diagnostic.
fn broken(dir: &Path, id: &str) {
    let text = briefing_toml(id, "2026-11-28", None).replace(&format!("Title of {id}"), "");
    write(dir, id, &text);
}

fn shared_from(dir: &Path) -> SharedLibrary {
    let loaded = load_dir(dir);
    let clean = !loaded.has_errors();
    SharedLibrary::new(Arc::new(loaded.library), clean)
}

/// Receives reloads until one satisfies `done`; returns all of them, `done`'s last.
async fn reloads_until(
    receiver: &mut mpsc::Receiver<Reload>,
    done: impl Fn(&Reload) -> bool,
) -> Vec<Reload> {
    let mut seen = Vec::new();
    loop {
        let reload = tokio::time::timeout(PATIENCE, receiver.recv())
            .await
            .expect("no reload in time")
            .expect("watcher stopped");
        let finished = done(&reload);
        seen.push(reload);
        if finished {
            return seen;
        }
    }
}

fn swapped_with(reload: &Reload, id: &str) -> bool {
    matches!(reload, Reload::Swapped { library, .. } if library.get(id).is_some())
}

fn mentions(reload: &Reload, file: &str) -> bool {
    matches!(reload, Reload::Rejected { diagnostics }
        if diagnostics.iter().any(|diagnostic| diagnostic.path.ends_with(file)))
}

#[test]
fn a_clean_folder_is_swapped_in_and_a_broken_one_is_rejected_with_its_diagnostics() {
    let dir = tempfile::tempdir().unwrap();
    good(dir.path(), "a", "2026-11-20");
    let shared = shared_from(dir.path());
    let mut folder = Folder::new(dir.path());

    good(dir.path(), "b", "2026-11-27");
    assert!(swapped_with(&reload(&mut folder, &shared), "b"));
    assert!(shared.current().get("b").is_some());

    broken(dir.path(), "c");
    let rejected = reload(&mut folder, &shared);
    assert!(mentions(&rejected, "c.toml"), "{rejected:?}");
    let Reload::Rejected { diagnostics } = rejected else {
        unreachable!()
    };
    assert!(
        diagnostics[0].to_string().contains("`title` is empty"),
        "{}",
        diagnostics[0]
    );
    let served = shared.current();
    assert!(served.get("b").is_some(), "the last good set keeps serving");
    assert!(served.get("c").is_none());
    assert!(shared.postable().is_some());
}

#[test]
fn watching_a_missing_folder_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such-folder");
    let error = FolderWatcher::start(missing, DEBOUNCE)
        .err()
        .expect("must fail");
    assert!(error.to_string().contains("no-such-folder"), "{error}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_watcher_reloads_on_change_and_never_swaps_in_a_broken_set() {
    let dir = tempfile::tempdir().unwrap();
    good(dir.path(), "a", "2026-11-20");
    let shared = shared_from(dir.path());
    let (trigger, signal) = shutdown_signal();
    let (sender, mut receiver) = mpsc::channel(16);
    let watcher = FolderWatcher::start(dir.path().to_path_buf(), DEBOUNCE).unwrap();
    let running = tokio::spawn(watcher.run(shared.clone(), sender, signal));

    good(dir.path(), "b", "2026-11-27");
    reloads_until(&mut receiver, |reload| swapped_with(reload, "b")).await;

    broken(dir.path(), "c");
    let seen = reloads_until(&mut receiver, |reload| mentions(reload, "c.toml")).await;
    assert!(seen.iter().all(|reload| !swapped_with(reload, "c")));
    assert!(shared.current().get("c").is_none());
    assert!(shared.current().get("b").is_some());

    good(dir.path(), "c", "2026-11-28");
    reloads_until(&mut receiver, |reload| swapped_with(reload, "c")).await;
    assert!(shared.current().get("c").is_some());

    trigger.trigger();
    tokio::time::timeout(PATIENCE, running)
        .await
        .unwrap()
        .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_file_dropped_in_the_folder_is_posted_once_and_a_broken_one_only_once_fixed() {
    let dir = tempfile::tempdir().unwrap();
    good(dir.path(), "a", "2026-11-20");
    let db = Db::new();
    let store = db.open();
    let shared = shared_from(dir.path());
    let recorder = Recorder::default();
    recorder.allow_only(&[10, 11]);
    let (trigger, signal) = shutdown_signal();
    let engine = Deliverer::new(
        Arc::clone(&store),
        recorder.clone(),
        shared.clone(),
        DeliveryConfig::default(),
        signal.clone(),
    );
    engine.prepare().await.unwrap();
    for id in [10, 11] {
        follow(&*store, 1, id);
    }

    // watcher → tap (so the test sees each reload) → engine
    let (watched, mut tapped) = mpsc::channel::<Reload>(16);
    let (forward, reloads) = mpsc::channel(16);
    let (seen_sender, mut seen) = mpsc::channel(16);
    tokio::spawn(async move {
        while let Some(reload) = tapped.recv().await {
            let _ = seen_sender.send(reload.clone()).await;
            if forward.send(reload).await.is_err() {
                break;
            }
        }
    });
    let watcher = FolderWatcher::start(dir.path().to_path_buf(), DEBOUNCE).unwrap();
    let watching = tokio::spawn(watcher.run(shared.clone(), watched, signal));
    let delivering = tokio::spawn(engine.clone().run(reloads));

    good(dir.path(), "b", "2026-11-27");
    tokio::time::timeout(PATIENCE, recorder.wait_for_messages(2))
        .await
        .unwrap();
    assert_eq!(recorder.messages_in(10), 1);
    assert_eq!(recorder.messages_in(11), 1);
    let call = &recorder.calls_to(10)[0];
    assert_eq!(call.reply.title, "Title of b");
    assert!(call.reply.fields[0].value.contains("We will not, said b."));

    broken(dir.path(), "c");
    reloads_until(&mut seen, |reload| mentions(reload, "c.toml")).await;
    assert!(
        shared.current().get("b").is_some(),
        "the old set still answers"
    );

    good(dir.path(), "c", "2026-11-28");
    tokio::time::timeout(PATIENCE, recorder.wait_for_messages(4))
        .await
        .unwrap();
    trigger.trigger();
    tokio::time::timeout(PATIENCE, watching)
        .await
        .unwrap()
        .unwrap();
    tokio::time::timeout(PATIENCE, delivering)
        .await
        .unwrap()
        .unwrap();

    let titles: Vec<String> = recorder
        .calls_to(10)
        .into_iter()
        .map(|call| call.reply.title)
        .collect();
    assert_eq!(titles, ["Title of b", "Title of c"]);
    assert_eq!(
        recorder.calls().len(),
        4,
        "each post once, nothing from the broken set"
    );
}
