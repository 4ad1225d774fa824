//! The post a subscribed channel receives for an update: a pure function of the briefing.

use crate::answer::{footer, quoted};
use crate::briefing::Briefing;
use crate::reply::{Field, Reply, Tone};

use super::event::UpdateKind;

/// The update post for `briefing`: its title (linked to the source), the tl;dr, a "What's new"
/// line when it was revised, the key quote, and the source.
///
/// Plain text like every [`Reply`]; the Discord side renders it as an embed with mentions off.
pub fn update_post(briefing: &Briefing, kind: UpdateKind) -> Reply {
    let mut fields = Vec::new();
    if kind == UpdateKind::Updated {
        let note = match (&briefing.update_note, briefing.updated) {
            (Some(note), _) => note.clone(),
            (None, Some(updated)) => format!("Revised on {}.", updated.date),
            (None, None) => "Revised.".to_owned(),
        };
        fields.push(Field::new("What's new", note));
    }
    if let Some(quote) = briefing.key_quote() {
        fields.push(Field::new("Key quote", quoted(briefing, quote)));
    }
    if let Some(source) = briefing.sources.first() {
        // The link itself is the reply's `url` (the embed title links to it), not repeated here.
        let source = match &source.outlet {
            Some(outlet) => format!("{} — {outlet}", source.title),
            None => source.title.clone(),
        };
        fields.push(Field::new("Source", source));
    }
    let title = match kind {
        UpdateKind::New => briefing.title.clone(),
        UpdateKind::Updated => format!("Updated: {}", briefing.title),
    };
    Reply {
        tone: Tone::Update,
        title,
        url: briefing
            .sources
            .iter()
            .find_map(|source| source.url.clone()),
        text: briefing.summary.tldr.clone(),
        fields,
        footer: Some(footer(briefing)),
        briefing: Some(briefing.id.as_str().to_owned()),
        picture: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::text::render;
    use crate::updates::testing::briefing;

    #[test]
    fn a_new_briefing_posts_its_title_tldr_key_quote_and_source() {
        let post = update_post(&briefing("a", "2026-11-27", None), UpdateKind::New);
        assert_eq!(
            render(&post),
            "\
Title of a
==========
The tl;dr of a.

Key quote
  “We will not, said a.”
  — Alexander Lukashenko, President of Belarus

Source
  The article behind a — Example News

— a · 2026-11-27 · Example News
Source: https://example.com/a
"
        );
        assert_eq!(post.tone, Tone::Update);
        assert_eq!(post.briefing.as_deref(), Some("a"));
    }

    #[test]
    fn an_updated_briefing_says_what_is_new_first() {
        let post = update_post(
            &briefing("a", "2026-11-27", Some("2026-11-28")),
            UpdateKind::Updated,
        );
        assert_eq!(post.title, "Updated: Title of a");
        assert_eq!(post.fields[0], Field::new("What's new", "Moscow answered."));
        assert_eq!(
            post.footer.as_deref(),
            Some("a · 2026-11-27 · updated 2026-11-28 · Example News")
        );
    }

    #[test]
    fn an_update_without_a_note_still_says_when() {
        let mut revised = (*briefing("a", "2026-11-27", Some("2026-11-28"))).clone();
        revised.update_note = None;
        let post = update_post(&revised, UpdateKind::Updated);
        assert_eq!(post.fields[0].value, "Revised on 2026-11-28.");
    }

    #[test]
    fn a_new_briefing_with_an_updated_date_is_posted_as_new() {
        let post = update_post(
            &briefing("a", "2026-11-27", Some("2026-11-28")),
            UpdateKind::New,
        );
        assert_eq!(post.title, "Title of a");
        assert!(post.fields.iter().all(|field| field.name != "What's new"));
    }
}
