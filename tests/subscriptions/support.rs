//! Fixtures shared by the test modules: briefings, ids and a fresh database.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use briefbot::briefing::{Briefing, parse};
use briefbot::subscriptions::{ChannelId, GuildId, Store, Story};
use tempfile::TempDir;

/// The TOML of a minimal valid briefing of the `belarus-russia` story.
pub fn briefing_toml(id: &str, published: &str, updated: Option<&str>) -> String {
    let updated = updated
        .map(|updated| format!("updated = {updated}\nupdate_note = \"Moscow answered {id}.\"\n"))
        .unwrap_or_default();
    format!(
        r#"schema = 1
id = "{id}"
story = "belarus-russia"
title = "Title of {id}"
published = {published}
{updated}
[summary]
tldr = "The tl;dr of {id}."
body = "The body of {id}."

[[quotes]]
text = "We will not, said {id}."
speaker = "lukashenko"
key = true

[[actors]]
id = "lukashenko"
name = "Alexander Lukashenko"
kind = "person"
role = "President of Belarus"

[[sources]]
title = "The article behind {id}"
outlet = "Example News"
url = "https://example.com/{id}"
"#
    )
}

/// A minimal valid briefing.
pub fn briefing(id: &str, published: &str, updated: Option<&str>) -> Arc<Briefing> {
    let path = format!("{id}.toml");
    Arc::new(parse(Path::new(&path), &briefing_toml(id, published, updated)).unwrap())
}

/// A channel id.
pub fn channel(value: u64) -> ChannelId {
    ChannelId::new(value).unwrap()
}

/// A guild id.
pub fn guild(value: u64) -> GuildId {
    GuildId::new(value).unwrap()
}

/// The story every fixture briefing belongs to.
pub fn story() -> Story {
    Story::parse("belarus-russia").unwrap()
}

/// A temporary folder holding a database file that outlives any one `Store`, so a test can
/// close and reopen it as a restart would.
pub struct Db {
    /// Deleted when the test ends.
    pub dir: TempDir,
}

impl Db {
    /// A fresh folder.
    pub fn new() -> Self {
        Self {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    /// The database file inside it.
    pub fn path(&self) -> PathBuf {
        self.dir.path().join("data").join("briefbot.sqlite3")
    }

    /// Opens (or reopens) the store.
    pub fn open(&self) -> Store {
        Store::open(&self.path()).unwrap()
    }
}
