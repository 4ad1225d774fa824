//! What `derive` is told about an article besides its text: metadata, id, dates.

use serde::Deserialize;

use super::DeriveError;
use briefbot_format::limits::ID_MAX;
use briefbot_format::{BriefingId, Date, Timestamp};

/// An article's metadata, as the `YYYY-MM-DD-slug.meta.toml` files beside articles hold it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SourceMeta {
    /// The headline.
    pub title: Option<String>,
    /// Who published the copy we read.
    pub outlet: Option<String>,
    /// Who published it first, for a republished copy.
    pub original_outlet: Option<String>,
    /// Where it was published.
    pub url: Option<String>,
    /// When it was published.
    pub published: Option<Timestamp>,
    /// How the date was inferred, or where the headline comes from.
    pub note: Option<String>,
}

#[derive(Deserialize)]
struct RawMeta {
    title: Option<String>,
    outlet: Option<String>,
    original_outlet: Option<String>,
    url: Option<String>,
    published: Option<toml::value::Datetime>,
    published_note: Option<String>,
    title_note: Option<String>,
}

/// Reads an article's `.meta.toml`; keys `derive` does not use (`retrieved`, `standfirst`)
/// are ignored.
pub fn parse_meta(text: &str) -> Result<SourceMeta, DeriveError> {
    let raw: RawMeta = toml::from_str(text)
        .map_err(|error| DeriveError::Metadata(error.message().trim().to_owned()))?;
    let published = match &raw.published {
        Some(value) => Some(Timestamp::from_toml(value).ok_or_else(|| {
            DeriveError::Metadata(format!("`published` ({value}) has no valid calendar date"))
        })?),
        None => None,
    };
    let notes: Vec<String> = [raw.title_note, raw.published_note]
        .into_iter()
        .flatten()
        .collect();
    Ok(SourceMeta {
        title: raw.title,
        outlet: raw.outlet,
        original_outlet: raw.original_outlet,
        url: raw.url,
        published,
        note: (!notes.is_empty()).then(|| notes.join(" ")),
    })
}

/// A briefing id from a file stem: lowercase ASCII words joined by single hyphens
/// ("2026-11-27 Lukashenko Vassal" → "2026-11-27-lukashenko-vassal"). `None` when nothing is left.
pub fn id_from_stem(stem: &str) -> Option<BriefingId> {
    let folded = briefbot_text::fold(stem);
    let words: Vec<String> = briefbot_text::words(&folded)
        .map(|word| {
            word.chars()
                .filter(char::is_ascii_alphanumeric)
                .collect::<String>()
        })
        .filter(|word| !word.is_empty())
        .collect();
    BriefingId::parse(&slug_within(&words, ID_MAX))
}

/// Words joined by hyphens, cut at a hyphen to at most `max` characters.
pub(crate) fn slug_within(words: &[String], max: usize) -> String {
    let mut slug = String::new();
    for word in words {
        let extra = usize::from(!slug.is_empty()) + word.len();
        if slug.len() + extra > max {
            if slug.is_empty() {
                slug.push_str(&word[..max.min(word.len())]);
            }
            break;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(word);
    }
    slug
}

/// The date an id starts with (`2026-11-27-…`), by the naming convention.
pub(crate) fn date_in_id(id: &str) -> Option<Date> {
    let mut parts = id.splitn(4, '-');
    let year = parts.next()?.parse().ok()?;
    let month = parts.next()?.parse().ok()?;
    let day = parts.next()?.parse().ok()?;
    (id.len() >= 10).then_some(())?;
    Date::new(year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_come_from_file_stems() {
        assert_eq!(
            id_from_stem("2026-11-27-lukashenko-vassal-warning")
                .unwrap()
                .as_str(),
            "2026-11-27-lukashenko-vassal-warning"
        );
        assert_eq!(
            id_from_stem("Łukašenka Speech (draft)").unwrap().as_str(),
            "lukasenka-speech-draft"
        );
        assert_eq!(id_from_stem("---"), None);
        assert_eq!(id_from_stem(&"a".repeat(100)).unwrap().as_str().len(), 80);
    }

    #[test]
    fn dates_in_ids_are_read_only_when_they_exist() {
        assert_eq!(date_in_id("2026-11-27-x"), Date::new(2026, 11, 27));
        assert_eq!(date_in_id("2026-13-27-x"), None);
        assert_eq!(date_in_id("seed"), None);
    }

    #[test]
    fn metadata_is_read_and_unknown_keys_ignored() {
        let meta = parse_meta("title = \"T\"\noutlet = \"O\"\npublished = 2014-03-23\npublished_note = \"N\"\nretrieved = \"x\"\n").unwrap();
        assert_eq!(meta.title.as_deref(), Some("T"));
        assert_eq!(meta.published.unwrap().to_string(), "2014-03-23");
        assert_eq!(meta.note.as_deref(), Some("N"));
        assert!(matches!(
            parse_meta("title = "),
            Err(DeriveError::Metadata(_))
        ));
    }
}
