//! Briefings for unit tests, built through the real parser so they are valid.

use std::path::Path;
use std::sync::Arc;

use crate::briefing::{Briefing, parse};

/// The TOML of a minimal valid briefing of the `belarus-russia` story.
pub(crate) fn briefing_toml(id: &str, published: &str, updated: Option<&str>) -> String {
    let updated = updated
        .map(|updated| format!("updated = {updated}\nupdate_note = \"Moscow answered.\"\n"))
        .unwrap_or_default();
    // The same template the integration tests and the fanout bench use.
    include_str!("../../tests/fixtures/minimal-briefing.toml.in")
        .replace("{id}", id)
        .replace("{published}", published)
        .replace("{updated}", &updated)
}

/// A minimal valid briefing; panics (this is test code) if the fixture stops parsing.
pub(crate) fn briefing(id: &str, published: &str, updated: Option<&str>) -> Arc<Briefing> {
    let path = format!("{id}.toml");
    match parse(Path::new(&path), &briefing_toml(id, published, updated)) {
        Ok(briefing) => Arc::new(briefing),
        Err(diagnostics) => panic!("fixture {id} does not parse: {diagnostics:#?}"),
    }
}
