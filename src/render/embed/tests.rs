//! The embed renderer against every Discord limit, with examples and a property test.

use super::*;
use crate::reply::Field;

/// Every Discord limit, checked on every page; the failure names the one crossed.
fn assert_within_limits(pages: &[Page]) {
    assert!(
        !pages.is_empty() && pages.len() <= PAGES_MAX,
        "{} pages",
        pages.len()
    );
    for page in pages {
        assert!(!page.embeds.is_empty() && page.embeds.len() <= EMBEDS_MAX);
        assert!(
            page.chars() <= MESSAGE_TOTAL_MAX,
            "page of {} characters",
            page.chars()
        );
        for embed in &page.embeds {
            let count =
                |text: &Option<String>| text.as_deref().map_or(0, |text| text.chars().count());
            assert!(count(&embed.title) <= TITLE_MAX);
            assert!(count(&embed.description) <= DESCRIPTION_MAX);
            assert!(count(&embed.footer) <= FOOTER_MAX);
            assert!(embed.fields.len() <= FIELDS_MAX);
            for field in &embed.fields {
                assert!(!field.name.is_empty() && field.name.chars().count() <= FIELD_NAME_MAX);
                assert!(!field.value.is_empty() && field.value.chars().count() <= FIELD_VALUE_MAX);
            }
        }
    }
}

fn all_text(pages: &[Page]) -> String {
    let mut text = String::new();
    for embed in pages.iter().flat_map(|page| &page.embeds) {
        text.push_str(embed.description.as_deref().unwrap_or(""));
        for field in &embed.fields {
            text.push_str(&field.value);
        }
    }
    text
}

#[test]
fn a_short_reply_is_one_embed_with_everything() {
    let mut reply = Reply::info("Title", "Line one\nLine two");
    reply.fields.push(Field::new("Why it matters", "Because."));
    reply.footer = Some("id · 2026-11-27".to_owned());
    reply.url = Some("https://example.org/a".to_owned());
    let pages = render(&reply);
    assert_eq!(
        pages,
        vec![Page {
            embeds: vec![Embed {
                title: Some("Title".to_owned()),
                url: Some("https://example.org/a".to_owned()),
                description: Some("Line one\nLine two".to_owned()),
                colour: colour(Tone::Info),
                fields: vec![EmbedField {
                    name: "Why it matters".to_owned(),
                    value: "Because.".to_owned(),
                    inline: false
                }],
                footer: Some("id · 2026-11-27".to_owned()),
                image: None,
            }]
        }]
    );
}

#[test]
fn five_thousand_character_fields_are_continued_not_lost() {
    let long = "word ".repeat(1000);
    let mut reply = Reply::info("T".repeat(300), "d".repeat(5000));
    reply.fields.push(Field::new("N".repeat(300), long.clone()));
    reply.fields.push(Field::new("Second", "x".repeat(5000)));
    reply.footer = Some("f".repeat(3000));
    let pages = render(&reply);
    assert_within_limits(&pages);
    let first = &pages[0].embeds[0];
    assert!(
        first
            .title
            .as_deref()
            .unwrap()
            .ends_with(&format!(" (1/{})", pages.len()))
    );
    let text = all_text(&pages).replace(' ', "");
    assert!(text.contains(&"d".repeat(4000)));
    assert!(
        text.contains(&"word".repeat(1000)),
        "the long field arrives whole, across continued fields"
    );
    assert!(
        pages
            .iter()
            .flat_map(|page| &page.embeds)
            .flat_map(|embed| &embed.fields)
            .any(|field| field.name == CONTINUED)
    );
    assert!(
        pages
            .last()
            .unwrap()
            .embeds
            .last()
            .unwrap()
            .footer
            .as_deref()
            .unwrap()
            .ends_with('…')
    );
}

#[test]
fn overflow_past_the_last_page_is_cut_and_said() {
    let mut reply = Reply::info("Quotes", "25 quotes");
    for n in 0..60 {
        reply
            .fields
            .push(Field::new(format!("Speaker {n}"), "q".repeat(1000)));
    }
    let pages = render(&reply);
    assert_within_limits(&pages);
    assert_eq!(pages.len(), PAGES_MAX);
    let footer = pages
        .last()
        .unwrap()
        .embeds
        .last()
        .unwrap()
        .footer
        .clone()
        .unwrap();
    assert!(footer.contains("Cut short"), "{footer}");
}

#[test]
fn only_the_first_embed_links_and_the_order_is_kept() {
    let mut reply = Reply::info("T", "t");
    reply.url = Some("https://example.org".to_owned());
    for n in 0..30 {
        reply.fields.push(Field::new(format!("F{n}"), "v"));
    }
    let pages = render(&reply);
    assert_within_limits(&pages);
    let embeds: Vec<&Embed> = pages.iter().flat_map(|page| &page.embeds).collect();
    assert_eq!(embeds.iter().filter(|embed| embed.url.is_some()).count(), 1);
    let names: Vec<&str> = embeds
        .iter()
        .flat_map(|embed| &embed.fields)
        .map(|field| field.name.as_str())
        .collect();
    assert_eq!(names, (0..30).map(|n| format!("F{n}")).collect::<Vec<_>>());
    assert_eq!(embeds[0].fields.len(), FIELDS_MAX);
}

#[test]
fn cuts_never_split_a_grapheme() {
    // Each flag is two regional indicators; a cut inside one leaves an odd count.
    let flags = "🇧🇾🇷🇺".repeat(3000);
    let mut reply = Reply::info("🇧🇾".repeat(200), flags.clone());
    reply.fields.push(Field::new("🇷🇺".repeat(200), flags));
    let indicators = |text: &str| {
        text.chars()
            .filter(|c| ('\u{1F1E6}'..='\u{1F1FF}').contains(c))
            .count()
    };
    let pages = render(&reply);
    assert_within_limits(&pages);
    for embed in pages.iter().flat_map(|page| &page.embeds) {
        for text in [&embed.title, &embed.description].into_iter().flatten() {
            assert_eq!(indicators(text) % 2, 0, "{text}");
        }
        for field in &embed.fields {
            assert_eq!(indicators(&field.name) % 2, 0, "{}", field.name);
            assert_eq!(indicators(&field.value) % 2, 0, "{}", field.value);
        }
    }
}

#[test]
fn empty_names_and_values_become_visible_blanks() {
    let mut reply = Reply::info("T", "");
    reply.fields.push(Field::new("", " "));
    let pages = render(&reply);
    assert_within_limits(&pages);
    assert_eq!(pages[0].embeds[0].fields[0].name, BLANK);
}

mod property {
    use super::*;
    use proptest::prelude::*;

    fn text() -> impl Strategy<Value = String> {
        prop_oneof![".{0,50}", "[a-z \n]{0,2500}", "(🇧🇾|é|a|\n| ){0,1500}"]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(32))]
        #[test]
        fn every_reply_fits_discord(
            title in text(),
            body in text(),
            fields in prop::collection::vec((text(), text()), 0..30),
            footer in prop::option::of(text()),
        ) {
            let mut reply = Reply::info(title, body);
            reply.fields = fields.into_iter().map(|(name, value)| Field::new(name, value)).collect();
            reply.footer = footer;
            assert_within_limits(&render(&reply));
        }
    }
}

#[test]
fn a_picture_is_shown_in_the_first_embed_only() {
    use crate::reply::{Picture, TimelinePicture};
    let mut reply = Reply::info("Timeline", "line\n".repeat(2000));
    reply.picture = Some(Picture::Timeline(TimelinePicture {
        title: "Timeline".to_owned(),
        events: Vec::new(),
        years: Vec::new(),
    }));
    let pages = render(&reply);
    assert!(pages.len() > 1);
    let images: Vec<_> = pages
        .iter()
        .flat_map(|page| &page.embeds)
        .filter_map(|embed| embed.image.as_deref())
        .collect();
    assert_eq!(images, ["attachment://timeline.png"]);
    assert!(pages[0].embeds[0].image.is_some());
}
