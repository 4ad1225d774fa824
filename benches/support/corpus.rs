//! Synthetic briefings for the benchmarks: a deterministic folder of realistic size, generated
//! at run time (never committed). Shared by `foundation` and `discord` through `#[path]`.
// Each bench uses a different part.
#![allow(dead_code)]

use std::path::Path;

/// A small deterministic generator (xorshift), so every run measures the same folder.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, bound: usize) -> usize {
        (self.next() % bound as u64) as usize
    }

    fn words(&mut self, vocabulary: &[String], count: usize) -> String {
        (0..count)
            .map(|_| vocabulary[self.below(vocabulary.len())].as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

const PEOPLE: &[(&str, &str, &str)] = &[
    ("lukashenko", "Alexander Lukashenko", "President of Belarus"),
    ("putin", "Vladimir Putin", "President of Russia"),
    ("peskov", "Dmitry Peskov", "Kremlin spokesman"),
    ("lavrov", "Sergei Lavrov", "Russian Foreign Minister"),
    ("prigozhin", "Yevgeny Prigozhin", "Wagner chief"),
    (
        "oreshkin",
        "Maksim Oreshkin",
        "Russian Minister for Economic Development",
    ),
];

/// Writes `count` briefings of realistic size (about 3 KB each) into `dir`.
pub fn generate(dir: &Path, count: usize) {
    let mut random = Random(0x9E37_79B9_7F4A_7C15);
    // A vocabulary of made-up words plus the story's real ones, so search has work to do.
    let mut vocabulary: Vec<String> = (0..3000)
        .map(|_| {
            let length = 3 + random.below(8);
            (0..length)
                .map(|_| (b'a' + random.below(26) as u8) as char)
                .collect()
        })
        .collect();
    for word in [
        "gas",
        "transit",
        "sovereignty",
        "union",
        "state",
        "vassal",
        "oreshnik",
        "minsk",
        "moscow",
    ] {
        vocabulary.push(word.to_owned());
    }
    for number in 0..count {
        let year = 2000 + number % 26;
        let month = 1 + random.below(12);
        let day = 1 + random.below(28);
        let id = format!("{year}-{month:02}-{day:02}-synthetic-{number:05}");
        let speaker = PEOPLE[random.below(PEOPLE.len())];
        let mut text = format!(
            "schema = 1\nid = \"{id}\"\nstory = \"belarus-russia\"\ntitle = \"{}\"\npublished = {year}-{month:02}-{day:02}\ntags = [\"gas\", \"synthetic\"]\n\n[summary]\ntldr = \"{}\"\nbody = \"\"\"\n{}\n\n{}\n\"\"\"\nwhy_it_matters = \"{}\"\n",
            random.words(&vocabulary, 9),
            random.words(&vocabulary, 30),
            random.words(&vocabulary, 120),
            random.words(&vocabulary, 80),
            random.words(&vocabulary, 40),
        );
        for quote in 0..3 {
            text.push_str(&format!(
                "\n[[quotes]]\ntext = \"{}\"\nspeaker = \"{}\"\ncontext = \"{}\"\nkey = {}\n",
                random.words(&vocabulary, 25),
                speaker.0,
                random.words(&vocabulary, 12),
                quote == 0
            ));
        }
        for (actor_id, name, role) in [
            speaker,
            PEOPLE[(PEOPLE.iter().position(|p| p.0 == speaker.0).unwrap_or(0) + 1) % PEOPLE.len()],
        ] {
            text.push_str(&format!(
                "\n[[actors]]\nid = \"{actor_id}\"\nname = \"{name}\"\naliases = [\"{name} Jr\"]\nkind = \"person\"\nrole = \"{role}\"\nposition = \"{}\"\n",
                random.words(&vocabulary, 20)
            ));
        }
        for _ in 0..2 {
            text.push_str(&format!(
                "\n[[questions]]\ntext = \"{}?\"\ncontext = \"{}\"\n",
                random.words(&vocabulary, 10),
                random.words(&vocabulary, 15)
            ));
        }
        text.push_str(&format!(
            "\n[[sources]]\ntitle = \"{}\"\noutlet = \"Synthetic Wire\"\nurl = \"https://example.com/{id}\"\npublished = {year}-{month:02}-{day:02}\n",
            random.words(&vocabulary, 8)
        ));
        for _ in 0..3 {
            text.push_str(&format!(
                "\n[[timeline]]\ndate = {year}-{:02}-{:02}\ntext = \"{}\"\n",
                1 + random.below(12),
                1 + random.below(28),
                random.words(&vocabulary, 12)
            ));
        }
        std::fs::write(dir.join(format!("{id}.toml")), text).expect("write a synthetic briefing");
    }
}

/// How many briefings the repository ships (`briefings/*.toml`).
pub fn shipped() -> usize {
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("briefings");
    std::fs::read_dir(shipped)
        .expect("the shipped briefings")
        .filter(|entry| {
            entry
                .as_ref()
                .is_ok_and(|entry| entry.path().extension().is_some_and(|ext| ext == "toml"))
        })
        .count()
}

/// A temporary folder with the shipped briefings plus `extra` synthetic ones, every file's
/// time set an hour back, as in a folder nobody has edited for a while (a reload trusts such
/// times; fresh ones are checked by content).
pub fn folder(extra: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("briefings");
    for entry in std::fs::read_dir(&shipped).expect("the shipped briefings") {
        let path = entry.expect("a shipped file").path();
        if path
            .extension()
            .is_some_and(|extension| extension == "toml")
        {
            let name = path.file_name().expect("a file name");
            std::fs::copy(&path, dir.path().join(name)).expect("copy a shipped briefing");
        }
    }
    generate(dir.path(), extra);
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    for entry in std::fs::read_dir(dir.path()).expect("the generated folder") {
        std::fs::File::options()
            .write(true)
            .open(entry.expect("a generated file").path())
            .and_then(|file| file.set_modified(hour_ago))
            .expect("age a briefing");
    }
    dir
}
