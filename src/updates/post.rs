//! What a subscribed channel receives — an update post, a digest, a test post: pure functions
//! of the briefings.

use crate::answer::{footer, quoted};
use crate::briefing::Briefing;
use crate::reply::{Field, Reply, Tone};

use crate::subscriptions::UpdateKind;

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

/// The post `/subscribe test:true` sends: the newest briefing as an update post would show it,
/// marked as a test so nobody takes it for news.
pub fn test_post(briefing: &Briefing) -> Reply {
    let mut post = update_post(briefing, UpdateKind::New);
    post.title = format!("Test post: {}", post.title);
    let footer = post.footer.take().unwrap_or_default();
    post.footer = Some(format!(
        "{footer} · a test of this channel's subscription, not a new briefing"
    ));
    post
}

/// A digest: the new and updated briefings of one period, each with its tl;dr, oldest first.
/// `period` is the ledger's key (`daily@2026-12-03T08:00:00Z`); the renderer pages a long one
/// over several messages within Discord's limits.
pub fn digest_post(period: &str, entries: &[(&Briefing, UpdateKind)]) -> Reply {
    let (name, when) = period.split_once('@').unwrap_or(("daily", period));
    let date = when.split('T').next().unwrap_or(when);
    let title = match name {
        "weekly" => format!("Weekly digest — week of {date}"),
        _ => format!("Daily digest — {date}"),
    };
    let count = entries.len();
    let text = if count == 1 {
        "1 briefing new or updated since the last digest.".to_owned()
    } else {
        format!("{count} briefings new or updated since the last digest.")
    };
    let fields = entries
        .iter()
        .map(|(briefing, kind)| {
            let name = match kind {
                UpdateKind::New => briefing.title.clone(),
                UpdateKind::Updated => format!("Updated: {}", briefing.title),
            };
            let mut value = briefing.summary.tldr.clone();
            if let Some(url) = briefing
                .sources
                .iter()
                .find_map(|source| source.url.as_ref())
            {
                value.push_str(&format!("\n{url}"));
            }
            Field::new(name, value)
        })
        .collect();
    Reply {
        tone: Tone::Update,
        title,
        url: None,
        text,
        fields,
        footer: Some(format!(
            "{} · {}",
            entries
                .first()
                .map_or("", |(briefing, _)| briefing.story.as_str()),
            period
        )),
        briefing: None,
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

    #[test]
    fn a_test_post_is_marked_as_one() {
        let post = test_post(&briefing("a", "2026-11-27", None));
        assert_eq!(post.title, "Test post: Title of a");
        assert!(post.footer.unwrap().ends_with("not a new briefing"));
    }

    #[test]
    fn a_digest_lists_each_briefing_with_its_tldr() {
        let (a, b) = (
            briefing("a", "2026-11-27", None),
            briefing("b", "2026-11-28", Some("2026-11-29")),
        );
        let post = digest_post(
            "daily@2026-12-03T08:00:00Z",
            &[(&a, UpdateKind::New), (&b, UpdateKind::Updated)],
        );
        assert_eq!(post.title, "Daily digest — 2026-12-03");
        assert_eq!(
            post.text,
            "2 briefings new or updated since the last digest."
        );
        assert_eq!(
            post.fields[0],
            Field::new("Title of a", "The tl;dr of a.\nhttps://example.com/a")
        );
        assert_eq!(post.fields[1].name, "Updated: Title of b");
        let weekly = digest_post("weekly@2026-12-07T00:00:00Z", &[(&a, UpdateKind::New)]);
        assert_eq!(weekly.title, "Weekly digest — week of 2026-12-07");
        assert_eq!(
            weekly.text,
            "1 briefing new or updated since the last digest."
        );
    }
}
