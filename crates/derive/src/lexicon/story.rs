//! What derive knows of the story itself (`lexicon/story.toml`: states, capitals,
//! institutions, prominent people) and the descriptors that point back to a person
//! (`lexicon/descriptors.toml`), parsed once.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use serde::Deserialize;

/// A state: its display name, the folded names that mention it, its demonyms and capitals.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct State {
    /// The name an actor gets.
    pub name: String,
    /// The name folded: the state's key in actors' `state`.
    #[serde(skip)]
    pub key: String,
    /// Folded names and aliases, as whole token sequences.
    pub names: Vec<String>,
    /// Folded adjectives ("belarusian"), used for roles ("Belarusian President").
    pub demonyms: Vec<String>,
    /// Folded capitals ("minsk"): never people; as the subject of a speech verb they speak
    /// for their state.
    #[serde(default)]
    pub capitals: Vec<String>,
}

/// An organisation, institution or named collective the article may name.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Organisation {
    /// The name an actor gets.
    pub name: String,
    /// The name folded, for the library's names.
    #[serde(skip)]
    pub key: String,
    /// Folded names and aliases, as whole token sequences.
    pub names: Vec<String>,
    /// `"group"` for collective voices such as "the West"; an organisation otherwise.
    #[serde(default)]
    kind: Option<String>,
    /// True for a collective voice (`kind = "group"`).
    #[serde(skip)]
    pub group: bool,
    /// A neutral role an editor can keep or rewrite.
    pub role: String,
    /// The folded name of the state it belongs to, so "the Russian statement" can find it.
    #[serde(default)]
    pub state: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Story {
    prominent_surnames: Vec<String>,
    states: Vec<State>,
    organisations: Vec<Organisation>,
}

/// The text of `story.toml`.
pub(crate) const STORY_TOML: &str = include_str!("../../lexicon/story.toml");
/// The text of `descriptors.toml`.
pub(crate) const DESCRIPTORS_TOML: &str = include_str!("../../lexicon/descriptors.toml");

static STORY: LazyLock<Story> = LazyLock::new(|| {
    // The file is part of the build: a mistake in it fails the lexicon's tests, never a user.
    let mut story: Story = toml::from_str(STORY_TOML).expect("lexicon/story.toml is valid");
    for state in &mut story.states {
        state.key = briefbot_text::fold_words(&state.name);
    }
    for organisation in &mut story.organisations {
        organisation.key = briefbot_text::fold_words(&organisation.name);
        organisation.group = organisation.kind.as_deref() == Some("group");
    }
    story
});

/// The states an article about Belarus and Russia is likely to name.
pub(crate) static STATES: LazyLock<&'static [State]> = LazyLock::new(|| &STORY.states);

/// Institutions of the Belarus–Russia story and the bodies around it.
pub(crate) static ORGANISATIONS: LazyLock<&'static [Organisation]> =
    LazyLock::new(|| &STORY.organisations);

/// Surnames of people prominent in the story.
pub(crate) static PROMINENT_SURNAMES: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    STORY
        .prominent_surnames
        .iter()
        .map(String::as_str)
        .collect()
});

/// Every capital with its state's name.
pub(crate) static CAPITALS: LazyLock<Vec<(&'static str, &'static str)>> = LazyLock::new(|| {
    STORY
        .states
        .iter()
        .flat_map(|state| {
            state
                .capitals
                .iter()
                .map(|city| (city.as_str(), state.name.as_str()))
        })
        .collect()
});

/// Descriptor nouns and the offices they point back to, longest noun first (the order the
/// descriptor pattern tries them in).
pub(crate) static DESCRIPTORS: LazyLock<Vec<(String, Vec<String>)>> = LazyLock::new(|| {
    let table: BTreeMap<String, Vec<String>> =
        toml::from_str(DESCRIPTORS_TOML).expect("lexicon/descriptors.toml is valid");
    let mut descriptors: Vec<(String, Vec<String>)> = table.into_iter().collect();
    descriptors.sort_by(|left, right| right.0.len().cmp(&left.0.len()).then(left.0.cmp(&right.0)));
    descriptors
});
