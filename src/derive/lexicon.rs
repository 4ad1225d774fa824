//! Word lists: the domain knowledge `derive` uses in place of a statistical model.
//!
//! Every list is small and lowercase (folded) unless it says otherwise. The lists consulted
//! for every word are merged into one hash table (a word's bits name its lists), so a word
//! costs one lookup however many lists are asked about it.

/// A fast hasher for short keys (FxHash, as rustc uses): lookups run once per word, and the
/// keys are words of one article, not an attacker's chosen collisions at scale.
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher {
    hash: u64,
}

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl std::hash::Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let mut rest = [0u8; 8];
        let remainder = chunks.remainder();
        rest[..remainder.len()].copy_from_slice(remainder);
        self.add(u64::from_le_bytes(rest) ^ remainder.len() as u64);
    }

    fn write_u8(&mut self, value: u8) {
        self.add(u64::from(value));
    }

    fn write_usize(&mut self, value: usize) {
        self.add(value as u64);
    }

    fn finish(&self) -> u64 {
        self.hash
    }
}

/// Builds [`FxHasher`]s for `HashMap`s and `HashSet`s.
pub(crate) type FxBuild = std::hash::BuildHasherDefault<FxHasher>;

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
}

/// Every listed word with the bits of the lists it is on: one hash lookup answers them all.
static LISTED: std::sync::LazyLock<std::collections::HashMap<&'static str, u32, FxBuild>> =
    std::sync::LazyLock::new(|| {
        let mut listed = std::collections::HashMap::with_hasher(FxBuild::default());
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
                *listed.entry(*word).or_insert(0) |= flag;
            }
        }
        listed
    });

/// The lists `word` is on.
pub(crate) fn flags(word: &str) -> u32 {
    LISTED.get(word).copied().unwrap_or(0)
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
pub(crate) fn is_finite_speech_verb(word: &str) -> bool {
    has(word, bit::SPEECH_VERB)
}

/// A state: its display name, the folded names that mention it, and its demonyms.
pub(crate) struct State {
    /// The name an actor gets.
    pub name: &'static str,
    /// Folded names and aliases, as whole token sequences.
    pub names: &'static [&'static str],
    /// Folded adjectives ("belarusian"), used for roles ("Belarusian President").
    pub demonyms: &'static [&'static str],
}

/// The states an article about Belarus and Russia is likely to name.
pub(crate) const STATES: &[State] = &[
    State {
        name: "Belarus",
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
        names: &["russia", "russian federation"],
        demonyms: &["russian"],
    },
    State {
        name: "Ukraine",
        names: &["ukraine"],
        demonyms: &["ukrainian"],
    },
    State {
        name: "Poland",
        names: &["poland"],
        demonyms: &["polish"],
    },
    State {
        name: "Lithuania",
        names: &["lithuania"],
        demonyms: &["lithuanian"],
    },
    State {
        name: "Latvia",
        names: &["latvia"],
        demonyms: &["latvian"],
    },
    State {
        name: "Estonia",
        names: &["estonia"],
        demonyms: &["estonian"],
    },
    State {
        name: "United States",
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
        names: &["united kingdom", "uk", "u k", "britain", "great britain"],
        demonyms: &["british", "uk", "u k"],
    },
    State {
        name: "China",
        names: &["china", "people s republic of china"],
        demonyms: &["chinese"],
    },
    State {
        name: "Kazakhstan",
        names: &["kazakhstan"],
        demonyms: &["kazakh"],
    },
    State {
        name: "Armenia",
        names: &["armenia"],
        demonyms: &["armenian"],
    },
    State {
        name: "Azerbaijan",
        names: &["azerbaijan"],
        demonyms: &["azerbaijani"],
    },
    State {
        name: "Georgia",
        names: &["georgia"],
        demonyms: &["georgian"],
    },
    State {
        name: "Moldova",
        names: &["moldova"],
        demonyms: &["moldovan"],
    },
    State {
        name: "Kyrgyzstan",
        names: &["kyrgyzstan"],
        demonyms: &["kyrgyz"],
    },
    State {
        name: "Tajikistan",
        names: &["tajikistan"],
        demonyms: &["tajik"],
    },
    State {
        name: "Uzbekistan",
        names: &["uzbekistan"],
        demonyms: &["uzbek"],
    },
    State {
        name: "Germany",
        names: &["germany"],
        demonyms: &["german"],
    },
    State {
        name: "France",
        names: &["france"],
        demonyms: &["french"],
    },
    State {
        name: "Finland",
        names: &["finland"],
        demonyms: &["finnish"],
    },
    State {
        name: "Sweden",
        names: &["sweden"],
        demonyms: &["swedish"],
    },
    State {
        name: "Hungary",
        names: &["hungary"],
        demonyms: &["hungarian"],
    },
    State {
        name: "Serbia",
        names: &["serbia"],
        demonyms: &["serbian"],
    },
    State {
        name: "Turkey",
        names: &["turkey", "turkiye"],
        demonyms: &["turkish"],
    },
    State {
        name: "Iran",
        names: &["iran"],
        demonyms: &["iranian"],
    },
    State {
        name: "North Korea",
        names: &["north korea"],
        demonyms: &["north korean"],
    },
    State {
        name: "Soviet Union",
        names: &["soviet union", "ussr"],
        demonyms: &["soviet"],
    },
];

/// The states by folded name and demonym: `(index into STATES, true for a name)`.
static STATE_WORDS: std::sync::LazyLock<
    std::collections::HashMap<&'static str, (usize, bool), FxBuild>,
> = std::sync::LazyLock::new(|| {
    let mut words = std::collections::HashMap::with_hasher(FxBuild::default());
    for (index, state) in STATES.iter().enumerate() {
        for demonym in state.demonyms {
            words.insert(*demonym, (index, false));
        }
    }
    for (index, state) in STATES.iter().enumerate() {
        for name in state.names {
            words.insert(*name, (index, true));
        }
    }
    words
});

/// The state a folded name ("russian federation") names.
pub(crate) fn state_named(folded: &str) -> Option<usize> {
    STATE_WORDS
        .get(folded)
        .filter(|(_, name)| *name)
        .map(|(index, _)| *index)
}

/// The state a folded name or demonym ("belarusian") refers to.
pub(crate) fn state_of_word(folded: &str) -> Option<usize> {
    STATE_WORDS.get(folded).map(|(index, _)| *index)
}

/// The organisations by folded name.
static ORGANISATION_WORDS: std::sync::LazyLock<
    std::collections::HashMap<&'static str, usize, FxBuild>,
> = std::sync::LazyLock::new(|| {
    let mut words = std::collections::HashMap::with_hasher(FxBuild::default());
    for (index, organisation) in ORGANISATIONS.iter().enumerate() {
        for name in organisation.names {
            words.insert(*name, index);
        }
    }
    words
});

/// The organisation a folded name ("wagner pmc") names.
pub(crate) fn organisation_named(folded: &str) -> Option<usize> {
    ORGANISATION_WORDS.get(folded).copied()
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
        names: &["kremlin"],
        group: false,
        role: "Russia's presidential administration",
        state: "russia",
    },
    Organisation {
        name: "Union State",
        names: &["union state", "union state of russia and belarus"],
        group: false,
        role: "Supranational union of Russia and Belarus",
        state: "",
    },
    Organisation {
        name: "NATO",
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
        names: &["european union", "eu", "e u"],
        group: false,
        role: "Political and economic union of European states",
        state: "",
    },
    Organisation {
        name: "CSTO",
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
        names: &["eurasian economic union", "eaeu", "eeu"],
        group: false,
        role: "Russia-led economic union",
        state: "",
    },
    Organisation {
        name: "Gazprom",
        names: &["gazprom"],
        group: false,
        role: "Russian state gas company",
        state: "russia",
    },
    Organisation {
        name: "Rosatom",
        names: &["rosatom"],
        group: false,
        role: "Russian state nuclear corporation",
        state: "russia",
    },
    Organisation {
        name: "Wagner",
        names: &["wagner", "wagner group", "wagner pmc", "pmc wagner"],
        group: false,
        role: "Russian private military company",
        state: "russia",
    },
    Organisation {
        name: "United Nations",
        names: &["united nations", "un", "u n"],
        group: false,
        role: "International organisation",
        state: "",
    },
    Organisation {
        name: "OSCE",
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
        names: &["imf", "international monetary fund"],
        group: false,
        role: "International lender",
        state: "",
    },
    Organisation {
        name: "State Duma",
        names: &["state duma", "duma"],
        group: false,
        role: "Lower house of Russia's parliament",
        state: "russia",
    },
    Organisation {
        name: "KGB of Belarus",
        names: &["kgb"],
        group: false,
        role: "Belarus's security service",
        state: "belarus",
    },
    Organisation {
        name: "FSB",
        names: &["fsb"],
        group: false,
        role: "Russia's security service",
        state: "russia",
    },
    Organisation {
        name: "Pentagon",
        names: &["pentagon"],
        group: false,
        role: "US Department of Defense",
        state: "united states",
    },
    Organisation {
        name: "White House",
        names: &["white house"],
        group: false,
        role: "Office of the US president",
        state: "united states",
    },
    Organisation {
        name: "European Commission",
        names: &["european commission"],
        group: false,
        role: "Executive of the European Union",
        state: "",
    },
    Organisation {
        name: "European Parliament",
        names: &["european parliament"],
        group: false,
        role: "Parliament of the European Union",
        state: "",
    },
    Organisation {
        name: "the West",
        names: &["west"],
        group: true,
        role: "Western governments",
        state: "",
    },
];

/// News outlets: credited as sources ("TASS informed"), so they are not actors of the story.
pub(crate) fn is_outlet(folded: &str) -> bool {
    has(folded, bit::OUTLET)
}

#[rustfmt::skip]
const OUTLET_WORDS: &[&str] = &[
    "afp", "ap", "b92", "bbc", "belsat", "belta", "bloomberg", "channel one", "cnn", "dpa",
    "euroradio", "interfax", "itar tass", "izvestia", "kommersant", "meduza", "nasha niva",
    "novaya gazeta", "rbc", "reuters", "ria", "ria novosti", "rossiya", "rt", "sputnik", "tass",
    "tut by", "xinhua", "zerkalo",
];

/// Places that are neither states nor actors, so their capitalisation proves nothing.
pub(crate) fn is_place(folded: &str) -> bool {
    CAPITALS.iter().any(|(city, _)| *city == folded)
        || matches!(
            folded,
            "europe"
                | "crimea"
                | "donbas"
                | "donbass"
                | "sochi"
                | "st petersburg"
                | "saint petersburg"
                | "petersburg"
                | "vitebsk"
                | "grodno"
                | "hrodna"
                | "brest"
                | "gomel"
                | "homel"
                | "mogilev"
                | "mahilyou"
                | "kursk"
                | "bryansk"
                | "smolensk"
                | "kaliningrad"
                | "siberia"
                | "dnipro"
                | "dnepropetrovsk"
                | "kharkiv"
                | "donetsk"
                | "luhansk"
                | "belgorod"
                | "rostov"
                | "baltic"
                | "baltics"
                | "black sea"
                | "caucasus"
                | "asia"
                | "africa"
                | "middle east"
                | "eastern europe"
                | "central asia"
        )
}

/// Title words that make the following name a person's ("President", "Spokesman").
/// Folded; plural forms too, for "Presidents Lukashenka and Putin".
pub(crate) fn is_title_word(folded: &str) -> bool {
    has(folded, bit::TITLE_WORD)
}

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
pub(crate) fn is_honorific(folded: &str) -> bool {
    has(folded, bit::HONORIFIC)
}

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
pub(crate) fn is_adjectival_noun(folded: &str) -> bool {
    has(folded, bit::ADJECTIVAL_NOUN)
}

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
pub(crate) fn is_prominent_surname(folded: &str) -> bool {
    has(folded, bit::PROMINENT_SURNAME)
}

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
pub(crate) fn is_role_modifier(folded: &str) -> bool {
    has(folded, bit::ROLE_MODIFIER)
}

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
pub(crate) fn is_title_qualifier(folded: &str) -> bool {
    has(folded, bit::TITLE_QUALIFIER)
}

#[rustfmt::skip]
const TITLE_QUALIFIER_WORDS: &[&str] = &[
    "american", "belarusian", "belarussian", "british", "chinese", "csto", "duma", "eu", "european",
    "french", "fsb", "gazprom", "german", "kgb", "kremlin", "lithuanian", "nato", "opposition",
    "polish", "russian", "soviet", "state", "u s", "ukrainian", "un", "union", "us", "wagner",
];

/// Capitalised words naming a ministry's field ("Minister for Economic Development").
pub(crate) fn is_portfolio_word(folded: &str) -> bool {
    has(folded, bit::PORTFOLIO_WORD)
}

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
pub(crate) fn is_organisation_head(folded: &str) -> bool {
    has(folded, bit::ORGANISATION_HEAD)
}

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
pub(crate) fn is_given_name(folded: &str) -> bool {
    has(folded, bit::GIVEN_NAME)
}

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
pub(crate) fn is_voice_noun(folded: &str) -> bool {
    has(folded, bit::VOICE_NOUN)
}

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

/// Words allowed before a voice noun in a group's name ("Russian political commentators").
pub(crate) fn is_voice_modifier(folded: &str) -> bool {
    is_role_modifier(folded)
        || state_of_word(folded).is_some()
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
