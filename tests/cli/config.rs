//! Where `ask` and `check` find the briefings folder, and what of the configuration they read:
//! its `briefings` key alone, so a setting only `run` needs never stops them.

use super::{briefbot, command, fixture, stderr, stdout};

/// A configuration file in a temporary folder.
fn config_file(text: &str) -> (tempfile::TempDir, String) {
    let temp = tempfile::tempdir().unwrap();
    let path = temp.path().join("briefbot.toml");
    std::fs::write(&path, text).unwrap();
    let path = path.display().to_string();
    (temp, path)
}

fn library_key() -> String {
    format!(
        "briefings = {:?}\n",
        fixture("library").display().to_string()
    )
}

#[test]
fn ask_answers_from_the_folder_the_configuration_names() {
    let (_temp, config) = config_file(&library_key());
    for output in [
        command()
            .args(["ask", "briefings"])
            .env("BRIEFBOT_CONFIG", &config)
            .output()
            .unwrap(),
        briefbot(&["ask", "briefings", "--config", &config]),
    ] {
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        assert!(
            stdout(&output).contains("3 briefings, newest first"),
            "{}",
            stdout(&output)
        );
    }
}

/// Issue 13, item 1: settings only `run` needs, valid or not, are not the offline commands'
/// business.
#[test]
fn offline_commands_never_fail_on_a_setting_only_run_needs() {
    let output = command()
        .args(["check", "briefings"])
        .env("BRIEFBOT_GUILD_ID", "abc")
        .env("BRIEFBOT_DELIVERY_RATE", "fast")
        .env("BRIEFBOT_API_URL", "ftp://x")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = library_key() + "delivery_rate = 0\nguild_id = \"my-server\"\ndelivry_rate = 5\n";
    let (_temp, config) = config_file(&text);
    for args in [
        &["ask", "help", "--config", &config][..],
        &["ask", "summary", "--config", &config],
        &["check", "--config", &config],
    ] {
        let output = briefbot(args);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{args:?}: {}",
            stderr(&output)
        );
        assert!(stderr(&output).is_empty(), "{args:?}: {}", stderr(&output));
    }
    let derived = command()
        .args(["derive", "tests/derive/set/seed-vassal-warning.txt"])
        .env("BRIEFBOT_CONFIG", &config)
        .env("BRIEFBOT_GUILD_ID", "abc")
        .output()
        .unwrap();
    assert_eq!(derived.status.code(), Some(0), "{}", stderr(&derived));
    assert!(
        stdout(&derived).contains("schema = 1"),
        "{}",
        stdout(&derived)
    );
    // `run` still refuses the same file, before it needs a token.
    let output = command()
        .args(["run", "--config", &config])
        .env("DISCORD_TOKEN", "not-a-token")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("unknown field `delivry_rate`"),
        "{}",
        stderr(&output)
    );
}

/// Issue 13, item 1: the offline commands say which file and key named the folder.
#[test]
fn check_says_which_file_and_key_named_the_folder() {
    let (_temp, config) = config_file(&library_key());
    let output = briefbot(&["check", "--config", &config]);
    assert_eq!(
        stdout(&output),
        format!(
            "checked 3 files in {} (set by `briefings` in {config}): 3 valid, 0 invalid (0 errors, 0 warnings)\n",
            fixture("library").display()
        )
    );
    let (_temp, config) = config_file("briefings = \"/no/such/briefings\"\n");
    for subcommand in [&["check"][..], &["ask", "summary"]] {
        let mut args = subcommand.to_vec();
        args.extend(["--config", &config]);
        let output = briefbot(&args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert_eq!(
            stderr(&output),
            format!(
                "briefbot: the briefings folder /no/such/briefings does not exist (set by `briefings` in {config})\n"
            ),
            "{args:?}"
        );
    }
}

/// The README's precedence: `--briefings`, then `BRIEFBOT_BRIEFINGS`, then the file's key, then
/// `briefings`.
#[test]
fn the_flag_beats_the_environment_which_beats_the_configuration() {
    let (_temp, config) = config_file("briefings = \"/from/the/file\"\n");
    let run = |flag: Option<&str>, env: Option<&str>| {
        let mut command = command();
        command.args(["ask", "summary", "--config", &config]);
        if let Some(flag) = flag {
            command.args(["--briefings", flag]);
        }
        if let Some(env) = env {
            command.env("BRIEFBOT_BRIEFINGS", env);
        }
        stderr(&command.output().unwrap())
    };
    assert!(run(None, None).contains("/from/the/file does not exist (set by `briefings` in"));
    assert!(
        run(None, Some("/from/env"))
            .contains("/from/env does not exist (set by BRIEFBOT_BRIEFINGS)")
    );
    assert!(
        run(Some("/from/flag"), Some("/from/env"))
            .contains("/from/flag does not exist (given on the command line)")
    );
    // With the flag or the variable set, the file is not read at all.
    let output = command()
        .args(["ask", "summary", "--config", "/no/such/config.toml"])
        .env("BRIEFBOT_BRIEFINGS", fixture("library"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    // Without any, the default folder, named as such.
    let empty = tempfile::tempdir().unwrap();
    let output = command()
        .args(["ask", "summary"])
        .current_dir(empty.path())
        .output()
        .unwrap();
    assert_eq!(
        stderr(&output),
        "briefbot: the briefings folder briefings does not exist (the default; set --briefings, BRIEFBOT_BRIEFINGS or `briefings` in the configuration)\n"
    );
}

#[test]
fn a_broken_briefings_key_is_one_located_line_and_exit_2() {
    let (_temp, config) = config_file("log = \"info\"\nbriefings = [\n");
    let output = briefbot(&["ask", "summary", "--config", &config]);
    assert_eq!(output.status.code(), Some(2));
    let printed = stderr(&output);
    assert!(
        printed.starts_with(&format!("briefbot: {config}:2:")) && printed.lines().count() == 1,
        "{printed}"
    );
    let output = briefbot(&["check", "--config", "/no/such/config.toml"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        "briefbot: cannot read the configuration file /no/such/config.toml: No such file or directory (os error 2)\n"
    );
}
