//! Issue 13, item 6: `briefbot check | head -1` ends quietly, with the verdict as exit code.

use std::io::Read;
use std::path::PathBuf;
use std::process::Stdio;
use std::sync::OnceLock;

use proptest::prelude::*;

use super::{command, fixture, minimal_briefing};

/// Broken files enough that `check` prints several pipe buffers' worth (a pipe holds 64 KiB),
/// beside valid briefings for `ask` to answer from.
fn big_folder() -> &'static PathBuf {
    static FOLDER: OnceLock<PathBuf> = OnceLock::new();
    FOLDER.get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("cli-pipe-folder");
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        for entry in std::fs::read_dir(fixture("library")).unwrap() {
            let entry = entry.unwrap();
            std::fs::copy(entry.path(), dir.join(entry.file_name())).unwrap();
        }
        for number in 0..800 {
            let id = format!("2020-01-01-broken-{number}");
            let text = minimal_briefing(&id, "2020-01-01").replacen("title = ", "titel = ", 1);
            std::fs::write(dir.join(format!("{id}.toml")), text).unwrap();
        }
        dir
    })
}

/// Runs `args`, reads `keep` bytes of stdout (all of stderr), closes stdout, and returns the
/// exit code, the bytes read and stderr.
fn run_and_close_early(args: &[&str], keep: usize) -> (Option<i32>, usize, String) {
    let mut child = command()
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("briefbot starts");
    let mut errors = child.stderr.take().expect("stderr");
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        errors.read_to_string(&mut text).map(|_| text)
    });
    let mut stdout = child.stdout.take().expect("stdout");
    let mut read = 0;
    let mut buffer = vec![0; 8192];
    while read < keep {
        let want = buffer.len().min(keep - read);
        match stdout.read(&mut buffer[..want]) {
            Ok(0) => break,
            Ok(count) => read += count,
            Err(error) => panic!("reading stdout: {error}"),
        }
    }
    drop(stdout);
    let status = child.wait().expect("briefbot ends");
    let errors = reader.join().expect("stderr reader").expect("stderr");
    (status.code(), read, errors)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn check_and_ask_never_print_broken_pipe_when_stdout_closes_early(
        which in 0..4usize,
        keep in prop_oneof![Just(0usize), 1..4096usize, 4096..400_000usize],
    ) {
        let dir = big_folder().display().to_string();
        let (args, verdict): (Vec<&str>, i32) = match which {
            0 => (vec!["check", &dir], 1),
            1 => (vec!["ask", "briefings", "--briefings", &dir], 0),
            2 => (vec!["ask", "timeline", "--briefings", &dir], 0),
            _ => (vec!["ask", "summary", "--json", "--briefings", &dir], 0),
        };
        let (code, _read, errors) = run_and_close_early(&args, keep);
        prop_assert!(!errors.contains("Broken pipe"), "{args:?}: {errors}");
        prop_assert!(!errors.contains("briefbot:"), "{args:?}: {errors}");
        prop_assert_eq!(code, Some(verdict), "{:?}", args);
    }
}

/// `derive`'s draft goes to stdout too: a reader that goes away is no error there either.
#[test]
fn derive_ends_quietly_when_stdout_closes_before_the_draft() {
    let (code, read, errors) =
        run_and_close_early(&["derive", "tests/derive/set/seed-vassal-warning.txt"], 0);
    assert_eq!(read, 0);
    assert!(!errors.contains("Broken pipe"), "{errors}");
    assert!(!errors.contains("briefbot: Broken"), "{errors}");
    assert_eq!(code, Some(0), "{errors}");
}
