//! Word lists: the domain knowledge `derive` uses in place of a statistical model.
//!
//! Every list is small and lowercase (folded) unless it says otherwise. The lists consulted
//! for every word, and the names of states and organisations, are merged into one table (a
//! word's bits name its lists), so a word costs one lookup however many lists are asked about
//! it.

use std::sync::LazyLock;

use super::wordmap::WordMap;

/// Which lists a word is on, one bit per list.
pub(crate) mod bit {
    pub const OUTLET: u32 = 1 << 0;
    pub const TITLE_WORD: u32 = 1 << 1;
    pub const HONORIFIC: u32 = 1 << 2;
    pub const ROLE_NOUN: u32 = 1 << 3;
    pub const ADJECTIVAL_NOUN: u32 = 1 << 4;
    pub const COMPANY_NOUN: u32 = 1 << 5;
    pub const PROMINENT_SURNAME: u32 = 1 << 6;
    pub const ROLE_MODIFIER: u32 = 1 << 7;
    pub const TITLE_QUALIFIER: u32 = 1 << 8;
    pub const PORTFOLIO_WORD: u32 = 1 << 9;
    pub const ORGANISATION_HEAD: u32 = 1 << 10;
    pub const GIVEN_NAME: u32 = 1 << 11;
    pub const VOICE_NOUN: u32 = 1 << 12;
    pub const COMMON_WORD: u32 = 1 << 13;
    pub const SPEECH_VERB: u32 = 1 << 14;
    pub const SPEECH_PARTICIPLE: u32 = 1 << 15;
    pub const PLACE: u32 = 1 << 16;
    pub const CAPITAL: u32 = 1 << 17;
}

/// What the word lists say about one word: every question asked of a word is answered by one
/// lookup in [`LEXICON`].
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Entry {
    /// The lists the word is on ([`bit`]).
    pub flags: u32,
    /// Index + 1 into [`STATES`] of the state the word names or is the demonym of; 0 for none.
    state: u8,
    /// True when the word is the state's name, not only its demonym.
    state_name: bool,
    /// Index + 1 into [`ORGANISATIONS`] of the organisation the word names; 0 for none.
    organisation: u8,
}

impl Entry {
    /// True when the word is on the list `flag` ([`bit`]).
    pub fn has(self, flag: u32) -> bool {
        self.flags & flag != 0
    }

    /// The state the word names or is the demonym of.
    pub fn state(self) -> Option<usize> {
        usize::from(self.state).checked_sub(1)
    }

    /// The state the word names (not a demonym).
    pub fn state_named(self) -> Option<usize> {
        self.state().filter(|_| self.state_name)
    }

    /// The organisation the word names.
    pub fn organisation(self) -> Option<usize> {
        usize::from(self.organisation).checked_sub(1)
    }
}

/// Every listed word (and state or organisation name) with what the lists say about it.
static LEXICON: LazyLock<WordMap<Entry>> = LazyLock::new(|| {
    let mut lexicon = WordMap::new();
    for (list, flag) in [
        (OUTLET_WORDS, bit::OUTLET),
        (TITLE_WORD_WORDS, bit::TITLE_WORD),
        (HONORIFIC_WORDS, bit::HONORIFIC),
        (ROLE_NOUN_WORDS, bit::ROLE_NOUN),
        (ADJECTIVAL_NOUN_WORDS, bit::ADJECTIVAL_NOUN),
        (COMPANY_NOUN_WORDS, bit::COMPANY_NOUN),
        (PROMINENT_SURNAME_WORDS, bit::PROMINENT_SURNAME),
        (ROLE_MODIFIER_WORDS, bit::ROLE_MODIFIER),
        (TITLE_QUALIFIER_WORDS, bit::TITLE_QUALIFIER),
        (PORTFOLIO_WORD_WORDS, bit::PORTFOLIO_WORD),
        (ORGANISATION_HEAD_WORDS, bit::ORGANISATION_HEAD),
        (GIVEN_NAME_WORDS, bit::GIVEN_NAME),
        (VOICE_NOUN_WORDS, bit::VOICE_NOUN),
        (COMMON_WORD_WORDS, bit::COMMON_WORD),
        (SPEECH_VERBS, bit::SPEECH_VERB),
        (SPEECH_PARTICIPLES, bit::SPEECH_PARTICIPLE),
    ] {
        for word in list {
            lexicon.get_or_insert_with(word, Entry::default).flags |= flag;
        }
    }
    for (city, _) in CAPITALS {
        lexicon.get_or_insert_with(city, Entry::default).flags |= bit::CAPITAL | bit::PLACE;
    }
    for place in OTHER_PLACES {
        lexicon.get_or_insert_with(place, Entry::default).flags |= bit::PLACE;
    }
    // Demonyms first, then names: a word that is both ("us") counts as a name.
    for name in [false, true] {
        for (index, state) in STATES.iter().enumerate() {
            let words = if name { state.names } else { state.demonyms };
            for word in words {
                let entry = lexicon.get_or_insert_with(word, Entry::default);
                entry.state = small(index + 1);
                entry.state_name = name;
            }
        }
    }
    for (index, organisation) in ORGANISATIONS.iter().enumerate() {
        for word in organisation.names {
            lexicon
                .get_or_insert_with(word, Entry::default)
                .organisation = small(index + 1);
        }
    }
    lexicon
});

/// An index into one of the short built-in lists.
fn small(index: usize) -> u8 {
    u8::try_from(index).unwrap_or(u8::MAX)
}

/// What the lists say about `word` (a folded word or name, or a word as written for the
/// case-sensitive speech verbs).
pub(crate) fn entry(word: &str) -> Entry {
    LEXICON.get(word).copied().unwrap_or_default()
}

/// [`entry`] with the word's [`super::wordmap::hash`] in hand.
pub(crate) fn entry_hashed(word: &str, hash: u64) -> Entry {
    LEXICON.get_hashed(word, hash).copied().unwrap_or_default()
}

/// The lists `word` is on.
pub(crate) fn flags(word: &str) -> u32 {
    entry(word).flags
}

fn has(word: &str, flag: u32) -> bool {
    flags(word) & flag != 0
}

/// Words that end a sentence only rarely when followed by a full stop ("Mr.", "Jan.").
pub(crate) fn is_abbreviation(word: &str) -> bool {
    ABBREVIATION_WORDS.binary_search(&word).is_ok()
}

#[rustfmt::skip]
const ABBREVIATION_WORDS: &[&str] = &[
    "Adm", "Amb", "Apr", "Art", "Aug", "Ave", "Brig", "Capt", "Cmdr", "Co", "Col", "Corp", "Cpl",
    "Dec", "Dept", "Dr", "Feb", "Fig", "Fr", "Ft", "Gen", "Gens", "Gov", "Hon", "Inc", "Insp",
    "Jan", "Jr", "Jul", "Jun", "Lt", "Ltd", "Maj", "Mar", "Messrs", "Mlle", "Mme", "Mr", "Mrs",
    "Ms", "Mt", "No", "Nos", "Nov", "Nr", "Oct", "Ph.D", "Pres", "Prof", "Rd", "Ref", "Rep", "Rev",
    "Sen", "Sep", "Sept", "Sgt", "Sr", "St", "Supt", "Univ", "Vol", "a.m", "al", "approx", "ca",
    "cf", "e.g", "i.e", "p.m", "pp", "vs",
];

/// Words that often open a sentence after an abbreviation such as "U.S." ends one.
pub(crate) fn is_sentence_starter(word: &str) -> bool {
    SENTENCE_STARTER_WORDS.binary_search(&word).is_ok()
}

#[rustfmt::skip]
const SENTENCE_STARTER_WORDS: &[&str] = &[
    "A", "According", "After", "An", "And", "As", "At", "Before", "But", "He", "Her", "His",
    "However", "I", "If", "In", "It", "Its", "Many", "Meanwhile", "Now", "On", "Our", "She", "So",
    "Some", "Still", "That", "The", "Their", "Then", "There", "These", "They", "This", "Those",
    "We", "When", "While", "Yet",
];

/// Speech and cognition verbs that attribute words to a speaker, in every form we meet.
pub(crate) const SPEECH_VERBS: &[&str] = &[
    "acknowledged",
    "added",
    "adds",
    "admitted",
    "announced",
    "answered",
    "argued",
    "argues",
    "asked",
    "asks",
    "asserted",
    "assured",
    "believed",
    "believes",
    "boasted",
    "called",
    "cautioned",
    "charged",
    "claimed",
    "claims",
    "commented",
    "complained",
    "conceded",
    "concluded",
    "confirmed",
    "continued",
    "countered",
    "declared",
    "declares",
    "described",
    "describes",
    "emphasised",
    "emphasized",
    "explained",
    "explains",
    "insisted",
    "insists",
    "joked",
    "lamented",
    "maintained",
    "noted",
    "notes",
    "observed",
    "pledged",
    "predicted",
    "promised",
    "quipped",
    "recalled",
    "reiterated",
    "remarked",
    "repeated",
    "replied",
    "reported",
    "responded",
    "retorted",
    "said",
    "say",
    "says",
    "stated",
    "states",
    "stressed",
    "stresses",
    "suggested",
    "tells",
    "thinks",
    "thought",
    "threatened",
    "told",
    "underlined",
    "underscored",
    "urged",
    "vowed",
    "warned",
    "warns",
    "writes",
    "wrote",
];

/// Verb forms that introduce a quote after a comma ("…, stating, “…”").
pub(crate) const SPEECH_PARTICIPLES: &[&str] = &[
    "adding",
    "arguing",
    "asking",
    "claiming",
    "declaring",
    "explaining",
    "insisting",
    "noting",
    "recalling",
    "saying",
    "stating",
    "stressing",
    "telling",
    "underlining",
    "urging",
    "warning",
    "writing",
];

/// True for a speech verb or participle (case-sensitive: these are lowercase in running text).
pub(crate) fn is_speech_verb(word: &str) -> bool {
    has(word, bit::SPEECH_VERB | bit::SPEECH_PARTICIPLE)
}

/// True for a finite speech verb ("said", not "saying").
/// A state: its display name, the folded names that mention it, and its demonyms.
pub(crate) struct State {
    /// The name an actor gets.
    pub name: &'static str,
    /// The name folded (as `actors::fold_word` folds it): the state's key in actors' `state`.
    pub key: &'static str,
    /// Folded names and aliases, as whole token sequences.
    pub names: &'static [&'static str],
    /// Folded adjectives ("belarusian"), used for roles ("Belarusian President").
    pub demonyms: &'static [&'static str],
}

/// The states an article about Belarus and Russia is likely to name.
pub(crate) const STATES: &[State] = &[
    State {
        name: "Belarus",
        key: "belarus",
        names: &[
            "belarus",
            "republic of belarus",
            "byelorussia",
            "belorussia",
        ],
        demonyms: &["belarusian", "belarussian", "byelorussian", "belorussian"],
    },
    State {
        name: "Russia",
        key: "russia",
        names: &["russia", "russian federation"],
        demonyms: &["russian"],
    },
    State {
        name: "Ukraine",
        key: "ukraine",
        names: &["ukraine"],
        demonyms: &["ukrainian"],
    },
    State {
        name: "Poland",
        key: "poland",
        names: &["poland"],
        demonyms: &["polish"],
    },
    State {
        name: "Lithuania",
        key: "lithuania",
        names: &["lithuania"],
        demonyms: &["lithuanian"],
    },
    State {
        name: "Latvia",
        key: "latvia",
        names: &["latvia"],
        demonyms: &["latvian"],
    },
    State {
        name: "Estonia",
        key: "estonia",
        names: &["estonia"],
        demonyms: &["estonian"],
    },
    State {
        name: "United States",
        key: "united states",
        names: &[
            "united states",
            "us",
            "u s",
            "usa",
            "u s a",
            "america",
            "united states of america",
        ],
        demonyms: &["american", "us", "u s"],
    },
    State {
        name: "United Kingdom",
        key: "united kingdom",
        names: &["united kingdom", "uk", "u k", "britain", "great britain"],
        demonyms: &["british", "uk", "u k"],
    },
    State {
        name: "China",
        key: "china",
        names: &["china", "people s republic of china"],
        demonyms: &["chinese"],
    },
    State {
        name: "Kazakhstan",
        key: "kazakhstan",
        names: &["kazakhstan"],
        demonyms: &["kazakh"],
    },
    State {
        name: "Armenia",
        key: "armenia",
        names: &["armenia"],
        demonyms: &["armenian"],
    },
    State {
        name: "Azerbaijan",
        key: "azerbaijan",
        names: &["azerbaijan"],
        demonyms: &["azerbaijani"],
    },
    State {
        name: "Georgia",
        key: "georgia",
        names: &["georgia"],
        demonyms: &["georgian"],
    },
    State {
        name: "Moldova",
        key: "moldova",
        names: &["moldova"],
        demonyms: &["moldovan"],
    },
    State {
        name: "Kyrgyzstan",
        key: "kyrgyzstan",
        names: &["kyrgyzstan"],
        demonyms: &["kyrgyz"],
    },
    State {
        name: "Tajikistan",
        key: "tajikistan",
        names: &["tajikistan"],
        demonyms: &["tajik"],
    },
    State {
        name: "Uzbekistan",
        key: "uzbekistan",
        names: &["uzbekistan"],
        demonyms: &["uzbek"],
    },
    State {
        name: "Germany",
        key: "germany",
        names: &["germany"],
        demonyms: &["german"],
    },
    State {
        name: "France",
        key: "france",
        names: &["france"],
        demonyms: &["french"],
    },
    State {
        name: "Finland",
        key: "finland",
        names: &["finland"],
        demonyms: &["finnish"],
    },
    State {
        name: "Sweden",
        key: "sweden",
        names: &["sweden"],
        demonyms: &["swedish"],
    },
    State {
        name: "Hungary",
        key: "hungary",
        names: &["hungary"],
        demonyms: &["hungarian"],
    },
    State {
        name: "Serbia",
        key: "serbia",
        names: &["serbia"],
        demonyms: &["serbian"],
    },
    State {
        name: "Turkey",
        key: "turkey",
        names: &["turkey", "turkiye"],
        demonyms: &["turkish"],
    },
    State {
        name: "Iran",
        key: "iran",
        names: &["iran"],
        demonyms: &["iranian"],
    },
    State {
        name: "North Korea",
        key: "north korea",
        names: &["north korea"],
        demonyms: &["north korean"],
    },
    State {
        name: "Soviet Union",
        key: "soviet union",
        names: &["soviet union", "ussr"],
        demonyms: &["soviet"],
    },
];

/// The state a folded name ("russian federation") names.
pub(crate) fn state_named(folded: &str) -> Option<usize> {
    entry(folded).state_named()
}

/// The state a folded name or demonym ("belarusian") refers to.
pub(crate) fn state_of_word(folded: &str) -> Option<usize> {
    entry(folded).state()
}

/// The organisation a folded name ("wagner pmc") names.
pub(crate) fn organisation_named(folded: &str) -> Option<usize> {
    entry(folded).organisation()
}

/// Capital cities: never people; as the subject of a speech verb they speak for their state.
pub(crate) const CAPITALS: &[(&str, &str)] = &[
    ("minsk", "Belarus"),
    ("moscow", "Russia"),
    ("kyiv", "Ukraine"),
    ("kiev", "Ukraine"),
    ("warsaw", "Poland"),
    ("vilnius", "Lithuania"),
    ("riga", "Latvia"),
    ("tallinn", "Estonia"),
    ("washington", "United States"),
    ("london", "United Kingdom"),
    ("beijing", "China"),
    ("berlin", "Germany"),
    ("paris", "France"),
    ("astana", "Kazakhstan"),
];

/// An organisation, institution or named collective the article may name.
pub(crate) struct Organisation {
    /// The name an actor gets.
    pub name: &'static str,
    /// The name folded (as `actors::fold_word` folds it), for the library's names.
    pub key: &'static str,
    /// Folded names and aliases, as whole token sequences.
    pub names: &'static [&'static str],
    /// Organisation, or group for collective voices such as "the West".
    pub group: bool,
    /// A neutral role an editor can keep or rewrite.
    pub role: &'static str,
    /// The folded name of the state it belongs to, so "the Russian statement" can find it.
    pub state: &'static str,
}

/// Institutions of the Belarus–Russia story and the bodies around it.
pub(crate) const ORGANISATIONS: &[Organisation] = &[
    Organisation {
        name: "Kremlin",
        key: "kremlin",
        names: &["kremlin"],
        group: false,
        role: "Russia's presidential administration",
        state: "russia",
    },
    Organisation {
        name: "Union State",
        key: "union state",
        names: &["union state", "union state of russia and belarus"],
        group: false,
        role: "Supranational union of Russia and Belarus",
        state: "",
    },
    Organisation {
        name: "NATO",
        key: "nato",
        names: &[
            "nato",
            "north atlantic treaty organization",
            "north atlantic treaty organisation",
        ],
        group: false,
        role: "Western military alliance",
        state: "",
    },
    Organisation {
        name: "European Union",
        key: "european union",
        names: &["european union", "eu", "e u"],
        group: false,
        role: "Political and economic union of European states",
        state: "",
    },
    Organisation {
        name: "CSTO",
        key: "csto",
        names: &[
            "csto",
            "collective security treaty organization",
            "collective security treaty organisation",
        ],
        group: false,
        role: "Russia-led military alliance",
        state: "",
    },
    Organisation {
        name: "Eurasian Economic Union",
        key: "eurasian economic union",
        names: &["eurasian economic union", "eaeu", "eeu"],
        group: false,
        role: "Russia-led economic union",
        state: "",
    },
    Organisation {
        name: "Gazprom",
        key: "gazprom",
        names: &["gazprom"],
        group: false,
        role: "Russian state gas company",
        state: "russia",
    },
    Organisation {
        name: "Rosatom",
        key: "rosatom",
        names: &["rosatom"],
        group: false,
        role: "Russian state nuclear corporation",
        state: "russia",
    },
    Organisation {
        name: "Wagner",
        key: "wagner",
        names: &["wagner", "wagner group", "wagner pmc", "pmc wagner"],
        group: false,
        role: "Russian private military company",
        state: "russia",
    },
    Organisation {
        name: "United Nations",
        key: "united nations",
        names: &["united nations", "un", "u n"],
        group: false,
        role: "International organisation",
        state: "",
    },
    Organisation {
        name: "OSCE",
        key: "osce",
        names: &[
            "osce",
            "organization for security and co operation in europe",
            "organisation for security and co operation in europe",
        ],
        group: false,
        role: "European security organisation",
        state: "",
    },
    Organisation {
        name: "International Monetary Fund",
        key: "international monetary fund",
        names: &["imf", "international monetary fund"],
        group: false,
        role: "International lender",
        state: "",
    },
    Organisation {
        name: "State Duma",
        key: "state duma",
        names: &["state duma", "duma"],
        group: false,
        role: "Lower house of Russia's parliament",
        state: "russia",
    },
    Organisation {
        name: "KGB of Belarus",
        key: "kgb of belarus",
        names: &["kgb"],
        group: false,
        role: "Belarus's security service",
        state: "belarus",
    },
    Organisation {
        name: "FSB",
        key: "fsb",
        names: &["fsb"],
        group: false,
        role: "Russia's security service",
        state: "russia",
    },
    Organisation {
        name: "Pentagon",
        key: "pentagon",
        names: &["pentagon"],
        group: false,
        role: "US Department of Defense",
        state: "united states",
    },
    Organisation {
        name: "White House",
        key: "white house",
        names: &["white house"],
        group: false,
        role: "Office of the US president",
        state: "united states",
    },
    Organisation {
        name: "European Commission",
        key: "european commission",
        names: &["european commission"],
        group: false,
        role: "Executive of the European Union",
        state: "",
    },
    Organisation {
        name: "European Parliament",
        key: "european parliament",
        names: &["european parliament"],
        group: false,
        role: "Parliament of the European Union",
        state: "",
    },
    Organisation {
        name: "the West",
        key: "the west",
        names: &["west"],
        group: true,
        role: "Western governments",
        state: "",
    },
];

/// News outlets: credited as sources ("TASS informed"), so they are not actors of the story.
#[rustfmt::skip]
const OUTLET_WORDS: &[&str] = &[
    "afp", "ap", "b92", "bbc", "belsat", "belta", "bloomberg", "channel one", "cnn", "dpa",
    "euroradio", "interfax", "itar tass", "izvestia", "kommersant", "meduza", "nasha niva",
    "novaya gazeta", "rbc", "reuters", "ria", "ria novosti", "rossiya", "rt", "sputnik", "tass",
    "tut by", "xinhua", "zerkalo",
];

/// Places that are neither states nor actors, so their capitalisation proves nothing
/// ([`bit::PLACE`], with the [`CAPITALS`]).
#[rustfmt::skip]
const OTHER_PLACES: &[&str] = &[
    "europe", "crimea", "donbas", "donbass", "sochi", "st petersburg", "saint petersburg",
    "petersburg", "vitebsk", "grodno", "hrodna", "brest", "gomel", "homel", "mogilev",
    "mahilyou", "kursk", "bryansk", "smolensk", "kaliningrad", "siberia", "dnipro",
    "dnepropetrovsk", "kharkiv", "donetsk", "luhansk", "belgorod", "rostov", "baltic", "baltics",
    "black sea", "caucasus", "asia", "africa", "middle east", "eastern europe", "central asia",
];

/// Title words that make the following name a person's ("President", "Spokesman").
/// Folded; plural forms too, for "Presidents Lukashenka and Putin".
#[rustfmt::skip]
const TITLE_WORD_WORDS: &[&str] = &[
    "acting", "activist", "adm", "admiral", "adviser", "advisor", "aide", "ambassador", "analyst",
    "anchor", "author", "blogger", "businessman", "businesswoman", "candidate", "ceo", "chair",
    "chairman", "chairwoman", "chancellor", "chief", "col", "colonel", "commander", "commentator",
    "commissioner", "correspondent", "counterpart", "defence", "defense", "deputy", "director",
    "director general", "dissident", "dr", "economist", "editor", "envoy", "foreign", "former",
    "founder", "gen", "general", "governor", "head", "historian", "host", "journalist", "judge",
    "king", "lady", "lawyer", "leader", "leaders", "lieutenant", "lord", "lt", "maj", "major",
    "marshal", "mayor", "metropolitan", "minister", "ministers", "mp", "mr", "mrs", "ms",
    "official", "oligarch", "opposition", "patriarch", "politician", "pope", "premier", "presenter",
    "president", "president elect", "presidents", "press", "prime", "prince", "prof", "professor",
    "prosecutor", "prosecutor general", "queen", "researcher", "secretary", "secretary general",
    "sen", "senator", "sir", "speaker", "spokesman", "spokespeople", "spokesperson", "spokeswoman",
    "vice", "writer",
];

/// Title words that are only a courtesy, not a role ("Mr.").
#[rustfmt::skip]
const HONORIFIC_WORDS: &[&str] = &[
    "dr", "lady", "lord", "mr", "mrs", "ms", "prof", "sir",
];

/// The nouns a role phrase must contain to be a role ("the Kremlin spokesman").
pub(crate) fn is_role_noun(folded: &str) -> bool {
    has(folded, bit::ROLE_NOUN)
}

#[rustfmt::skip]
const ROLE_NOUN_WORDS: &[&str] = &[
    "activist", "admiral", "adviser", "advisor", "aide", "ambassador", "analyst", "anchor",
    "attache", "author", "blogger", "businessman", "candidate", "ceo", "chairman", "chairwoman",
    "chancellor", "chief", "colonel", "commander", "commentator", "commissioner", "consul",
    "correspondent", "counterpart", "daffaires", "deputy", "director", "dissident", "economist",
    "editor", "envoy", "expert", "founder", "general", "governor", "head", "historian", "host",
    "journalist", "judge", "king", "lawmaker", "lawyer", "leader", "mayor", "mediator", "member",
    "minister", "negotiator", "officer", "official", "oligarch", "owner", "patriarch", "politician",
    "premier", "presenter", "president", "professor", "prosecutor", "queen", "representative",
    "researcher", "secretary", "senator", "speaker", "spokesman", "spokesperson", "spokeswoman",
    "writer",
];

/// Role nouns that before a capitalised word are adjectives ("the official Telegram channel").
#[rustfmt::skip]
const ADJECTIVAL_NOUN_WORDS: &[&str] = &[
    "author", "editor", "expert", "host", "member", "officer", "official", "owner",
];

/// Nouns that, right before a name, make it a company or body ("grid operator Litgrid").
pub(crate) fn is_company_noun(word: &str) -> bool {
    has(word, bit::COMPANY_NOUN)
}

#[rustfmt::skip]
const COMPANY_NOUN_WORDS: &[&str] = &[
    "airline", "broadcaster", "carrier", "company", "concern", "conglomerate", "consortium",
    "corporation", "distributor", "exporter", "firm", "giant", "holding", "importer", "lender",
    "maker", "manufacturer", "monopoly", "movement", "network", "operator", "party", "producer",
    "refinery", "regulator", "supplier", "utility", "watchdog",
];

/// Surnames of people prominent in the Belarus–Russia story: named alone, even only inside a
/// quotation ("I will turn to Putin"), they are people. Recognition only; roles change, so
/// none is given here.
#[rustfmt::skip]
const PROMINENT_SURNAME_WORDS: &[&str] = &[
    "babariko", "belousov", "bialiatski", "biden", "duda", "erdogan", "gerasimov", "golovchenko",
    "khrenin", "kochanova", "kolesnikova", "latushka", "lavrov", "lukashenka", "lukashenko",
    "macron", "makei", "medvedev", "merz", "mishustin", "naumchik", "nauseda", "navalny", "peskov",
    "prigozhin", "protasevich", "putin", "rutte", "ryzhenkov", "scholz", "shoigu", "stoltenberg",
    "tikhanovskaya", "trump", "tsikhanouskaya", "tusk", "volfovich", "zakharova", "zelensky",
    "zelenskyy",
];

/// Lowercase words that may stand between a demonym and a role noun ("Russian mercenary leader").
#[rustfmt::skip]
const ROLE_MODIFIER_WORDS: &[&str] = &[
    "acting", "army", "campaign", "charge", "chargee", "chief", "communist", "defence", "defense",
    "deputy", "economic", "emergency", "energy", "exiled", "federal", "finance", "first", "foreign",
    "foreign-policy", "former", "government", "imprisoned", "independent", "industry", "interim",
    "interior", "jailed", "kremlin", "leading", "mercenary", "military", "news", "opposition",
    "parliament", "parliamentary", "party", "political", "presidential", "press", "prime",
    "pro-government", "pro-kremlin", "radio", "regional", "ruling", "security", "senior", "special",
    "state", "television", "top", "tv", "union", "veteran", "vice", "wagner",
];

/// Capitalised words that qualify a title inside a name run ("Kremlin Spokesman").
#[rustfmt::skip]
const TITLE_QUALIFIER_WORDS: &[&str] = &[
    "american", "belarusian", "belarussian", "british", "chinese", "csto", "duma", "eu", "european",
    "french", "fsb", "gazprom", "german", "kgb", "kremlin", "lithuanian", "nato", "opposition",
    "polish", "russian", "soviet", "state", "u s", "ukrainian", "un", "union", "us", "wagner",
];

/// Capitalised words naming a ministry's field ("Minister for Economic Development").
#[rustfmt::skip]
const PORTFOLIO_WORD_WORDS: &[&str] = &[
    "affairs", "agriculture", "and", "co", "communications", "cooperation", "culture", "defence",
    "defense", "development", "economic", "economy", "education", "emergencies", "emergency",
    "energy", "eurasian", "european", "finance", "for", "foreign", "health", "industry",
    "information", "integration", "interior", "internal", "justice", "labor", "labour", "national",
    "natural", "of", "on", "operation", "protection", "public", "relations", "resources",
    "security", "situations", "social", "sport", "sports", "state", "the", "trade", "transport",
];

/// Head nouns that make a capitalised run an organisation ("Belarusian Election Commission").
#[rustfmt::skip]
const ORGANISATION_HEAD_WORDS: &[&str] = &[
    "administration", "agency", "alliance", "army", "assembly", "association", "authority", "bank",
    "bloc", "board", "cabinet", "center", "centre", "coalition", "command", "commission",
    "committee", "company", "corporation", "council", "court", "department", "directorate", "duma",
    "federation", "forces", "foundation", "front", "fund", "government", "group", "guard", "inc",
    "inspectorate", "institute", "ltd", "ministry", "movement", "navy", "office", "organisation",
    "organization", "parliament", "party", "pmc", "police", "presidency", "prosecutor s office",
    "secretariat", "service", "services", "union", "university",
];

/// Common given names (folded), so "Yevgeny Prigozhin" is a person without a title.
#[rustfmt::skip]
const GIVEN_NAME_WORDS: &[&str] = &[
    "alar", "aleksandr", "aleksei", "ales", "alexander", "alexandr", "alexei", "alexey", "algirdas",
    "aliaksandr", "aliaksandra", "aliaksei", "alies", "alla", "alyaksandr", "alyaksei", "ana",
    "anatol", "anatoly", "andrei", "andrew", "andrey", "andris", "andrzej", "angela", "anna",
    "anthony", "anton", "antony", "arkady", "artem", "arturs", "artyom", "barys", "boris",
    "charles", "dalia", "daniel", "daniil", "darya", "david", "denis", "dmitri", "dmitry", "dmytro",
    "donald", "dzmitry", "edgars", "egils", "ekaterina", "elena", "elizabeth", "emily", "emmanuel",
    "evgeny", "franak", "friedrich", "fyodor", "gabrielius", "galina", "gennady", "george", "girts",
    "gitanas", "gleb", "grigory", "grzegorz", "hanna", "heorhi", "igor", "ihar", "ilya", "ingrida",
    "irina", "iryna", "ivan", "jacek", "jake", "james", "jan", "janis", "janusz", "jaroslaw", "jd",
    "jens", "joe", "john", "josep", "joseph", "kaja", "kamala", "karlis", "kaspars", "katsiaryna",
    "keir", "kestutis", "kirill", "kiryl", "konstantin", "krisjanis", "kristjan", "krzysztof",
    "ksenia", "kseniya", "larisa", "laurynas", "leanid", "lech", "leonid", "lev", "linas",
    "liudmila", "lloyd", "ludmila", "lukas", "lyudmila", "maksim", "maksym", "mantas", "marco",
    "marek", "margarita", "margus", "maria", "marina", "maris", "mariya", "mark", "mary", "maryia",
    "mateusz", "matvei", "maxim", "michael", "mikalai", "mike", "mikhail", "mikhas", "mykhailo",
    "mykola", "nadezhda", "nadia", "natalia", "natalya", "nikita", "nikolai", "nikolay", "nina",
    "oksana", "olaf", "oleg", "oleksandr", "oleksiy", "olena", "olga", "olha", "palina", "paul",
    "paval", "pavel", "pawel", "peter", "petr", "petro", "piotr", "polina", "pyotr", "radoslaw",
    "raisa", "raman", "rasa", "recep", "richard", "rishi", "robert", "roman", "rostislav", "ruslan",
    "ryhor", "sarah", "semyon", "sergei", "sergey", "serhii", "serhiy", "siarhei", "stanislav",
    "stepan", "stsiapan", "svetlana", "sviatlana", "tamara", "taras", "tatiana", "tatyana",
    "thomas", "tomasz", "toomas", "tsimafei", "uladzimir", "urmas", "ursula", "vadim", "valdis",
    "valentin", "valentina", "valeriy", "valery", "vasily", "vera", "veranika", "veronika",
    "viasna", "viktar", "viktor", "viktoria", "viktoriya", "vitali", "vitaly", "vladimir",
    "vladislav", "volha", "volodymyr", "vyacheslav", "vytautas", "william", "witold", "wojciech",
    "xi", "yaroslav", "yegor", "yekaterina", "yelena", "yevgenia", "yevgeniy", "yevgeny", "yulia",
    "yuri", "yuriy", "yury", "zakhar", "zbigniew", "zoya",
];

/// Nouns for the collective voices an article cites ("analysts", "experts").
#[rustfmt::skip]
const VOICE_NOUN_WORDS: &[&str] = &[
    "activists", "analysts", "bloggers", "campaigners", "commentators", "critics", "defenders",
    "demonstrators", "deputies", "diplomats", "economists", "experts", "historians", "insiders",
    "investigators", "lawmakers", "legislators", "monitors", "observers", "officials", "opponents",
    "opposition", "organisers", "organizers", "politicians", "prosecutors", "protesters", "pundits",
    "researchers", "residents", "scholars", "sources", "strategists", "supporters", "veterans",
    "voters",
];

/// The plural voice noun of a singular one ("diplomat" → "diplomats"), for the single
/// anonymous voices an article cites ("one European diplomat said").
pub(crate) fn singular_voice(folded: &str) -> Option<&'static str> {
    Some(match folded {
        "diplomat" => "diplomats",
        "official" => "officials",
        "source" => "sources",
        "analyst" => "analysts",
        "observer" => "observers",
        "insider" => "insiders",
        "expert" => "experts",
        "lawmaker" => "lawmakers",
        "resident" => "residents",
        "witness" => "witnesses",
        _ => return None,
    })
}

/// Words allowed before a voice noun in a group's name ("Russian political commentators"),
/// given the word and its [`entry`].
pub(crate) fn is_voice_modifier(folded: &str, entry: Entry) -> bool {
    entry.has(bit::ROLE_MODIFIER)
        || entry.state().is_some()
        || matches!(
            folded,
            "western"
                | "human"
                | "rights"
                | "local"
                | "foreign"
                | "international"
                | "kremlin"
                | "military"
                | "political"
                | "independent"
                | "belarusian"
                | "russian"
                | "eu"
                | "european"
                | "ukrainian"
                | "polish"
                | "lithuanian"
                | "us"
                | "american"
                | "other"
                | "diplomatic"
                | "intelligence"
                | "opposition"
                | "pro"
                | "democratic"
                | "civil"
                | "society"
                | "election"
                | "exiled"
                | "anonymous"
                | "unnamed"
                | "informed"
                | "defense"
                | "defence"
                | "financial"
                | "market"
        )
}

/// Function words and frequent sentence openers: a capital letter on one proves nothing.
pub(crate) fn is_common_word(folded: &str) -> bool {
    has(folded, bit::COMMON_WORD)
}

#[rustfmt::skip]
const COMMON_WORD_WORDS: &[&str] = &[
    "a", "about", "above", "according", "after", "again", "against", "all", "also", "although",
    "amid", "among", "an", "and", "another", "any", "anybody", "anyone", "anything", "april", "are",
    "around", "as", "asked", "at", "august", "be", "because", "been", "before", "being", "below",
    "between", "both", "breaking", "but", "by", "can", "commenting", "could", "currently",
    "december", "despite", "did", "do", "does", "don t", "during", "each", "earlier", "early",
    "either", "even", "every", "everybody", "everyone", "everything", "february", "few", "finally",
    "first", "for", "fortunately", "friday", "from", "furthermore", "had", "has", "have", "he",
    "her", "here", "his", "how", "however", "i", "if", "in", "indeed", "instead", "into", "is",
    "it", "it s", "its", "january", "july", "june", "just", "last", "late", "later", "less", "let",
    "like", "many", "march", "mass", "may", "maybe", "meanwhile", "mid", "might", "monday", "more",
    "moreover", "most", "much", "must", "my", "neither", "nevertheless", "news", "next", "no",
    "no-one", "nobody", "nonetheless", "nor", "not", "nothing", "november", "now", "october", "of",
    "oh", "on", "once", "one", "only", "or", "other", "our", "over", "people", "perhaps", "photo",
    "please", "previously", "read", "recently", "saturday", "second", "see", "september", "several",
    "shall", "she", "should", "since", "so", "so called", "some", "somebody", "someone",
    "something", "speaking", "still", "such", "sunday", "thank", "that", "the", "their", "then",
    "there", "therefore", "these", "they", "third", "this", "those", "though", "three", "through",
    "thursday", "thus", "to", "today", "tomorrow", "toward", "towards", "tuesday", "two", "under",
    "unfortunately", "unless", "unlike", "until", "update", "upon", "very", "video", "was", "we",
    "we re", "wednesday", "well", "were", "what", "whatever", "when", "where", "whereas", "whether",
    "which", "while", "who", "whoever", "why", "will", "with", "within", "without", "would", "yes",
    "yesterday", "yet", "you", "your",
];

/// Nouns that, after "the" and an optional demonym, describe a person by office
/// ("the Russian leader", "the spokesman").
pub(crate) fn description_offices(noun: &str) -> &'static [&'static str] {
    match noun {
        "leader" => &[
            "president",
            "leader",
            "prime minister",
            "premier",
            "head of state",
            "chairman",
        ],
        "president" => &["president"],
        "head of state" => &["president", "head of state", "king", "queen"],
        "spokesman" | "spokeswoman" | "spokesperson" | "press secretary" => &[
            "spokesman",
            "spokeswoman",
            "spokesperson",
            "press secretary",
        ],
        "prime minister" | "premier" => &["prime minister", "premier"],
        "foreign minister" => &["foreign minister", "minister of foreign affairs"],
        "minister" => &["minister"],
        "chief" => &["chief", "head", "leader"],
        "commander" => &["commander", "general"],
        _ => &[],
    }
}

/// Irregular past participles, for turning "has not said" into "Will … say?".
pub(crate) fn irregular_base(participle: &str) -> Option<&'static str> {
    Some(match participle {
        "said" => "say",
        "made" => "make",
        "given" => "give",
        "taken" => "take",
        "told" => "tell",
        "set" => "set",
        "put" => "put",
        "done" => "do",
        "shown" => "show",
        "spoken" => "speak",
        "written" => "write",
        "held" => "hold",
        "met" => "meet",
        "sent" => "send",
        "paid" => "pay",
        "won" => "win",
        "begun" => "begin",
        "chosen" => "choose",
        "known" => "know",
        "seen" => "see",
        "found" => "find",
        "brought" => "bring",
        "sought" => "seek",
        "come" => "come",
        "become" => "become",
        "gone" => "go",
        "laid" => "lay",
        "struck" => "strike",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn state_and_organisation_keys_are_their_folded_names() {
        for state in STATES {
            assert_eq!(state.key, crate::actors::fold_word(state.name));
        }
        for organisation in ORGANISATIONS {
            assert_eq!(
                organisation.key,
                crate::actors::fold_word(organisation.name)
            );
        }
    }

    #[test]
    fn binary_searched_lists_are_sorted() {
        assert!(
            SPEECH_VERBS.windows(2).all(|pair| pair[0] < pair[1]),
            "SPEECH_VERBS"
        );
        assert!(
            SPEECH_PARTICIPLES.windows(2).all(|pair| pair[0] < pair[1]),
            "SPEECH_PARTICIPLES"
        );
    }
}
