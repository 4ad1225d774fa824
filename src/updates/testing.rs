//! Briefings for unit tests, built through the real parser so they are valid.

use std::path::Path;
use std::sync::Arc;

use crate::briefing::{Briefing, parse};

/// The TOML of a minimal valid briefing of the `belarus-russia` story.
pub(crate) fn briefing_toml(id: &str, published: &str, updated: Option<&str>) -> String {
    let updated = updated
        .map(|updated| format!("updated = {updated}\nupdate_note = \"Moscow answered.\"\n"))
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

/// A minimal valid briefing; panics (this is test code) if the fixture stops parsing.
pub(crate) fn briefing(id: &str, published: &str, updated: Option<&str>) -> Arc<Briefing> {
    let path = format!("{id}.toml");
    match parse(Path::new(&path), &briefing_toml(id, published, updated)) {
        Ok(briefing) => Arc::new(briefing),
        Err(diagnostics) => panic!("fixture {id} does not parse: {diagnostics:#?}"),
    }
}
