//! Word lists: the domain knowledge `derive` uses in place of a statistical model.
//!
//! Every list is small, lowercase (folded) unless it says otherwise, and searched with
//! `binary_search` or a `match`, so lookups cost nothing next to the regular expressions.

/// Words that end a sentence only rarely when followed by a full stop ("Mr.", "Jan.").
pub(crate) fn is_abbreviation(word: &str) -> bool {
    matches!(
        word,
        "Mr" | "Mrs"
            | "Ms"
            | "Dr"
            | "Prof"
            | "Gen"
            | "Lt"
            | "Col"
            | "Maj"
            | "Capt"
            | "Sgt"
            | "Cpl"
            | "Adm"
            | "Cmdr"
            | "Gov"
            | "Sen"
            | "Rep"
            | "Rev"
            | "Fr"
            | "St"
            | "Mt"
            | "Ft"
            | "Jr"
            | "Sr"
            | "Jan"
            | "Feb"
            | "Mar"
            | "Apr"
            | "Jun"
            | "Jul"
            | "Aug"
            | "Sep"
            | "Sept"
            | "Oct"
            | "Nov"
            | "Dec"
            | "No"
            | "Nos"
            | "Nr"
            | "vs"
            | "approx"
            | "Inc"
            | "Ltd"
            | "Co"
            | "Corp"
            | "Dept"
            | "Univ"
            | "Ave"
            | "Rd"
            | "Vol"
            | "pp"
            | "cf"
            | "al"
            | "ca"
            | "Pres"
            | "Amb"
            | "Brig"
            | "Supt"
            | "Insp"
            | "Hon"
            | "Gens"
            | "Messrs"
            | "Mme"
            | "Mlle"
            | "Art"
            | "e.g"
            | "i.e"
            | "Ph.D"
            | "a.m"
            | "p.m"
            | "Ref"
            | "Fig"
    )
}

/// Words that often open a sentence after an abbreviation such as "U.S." ends one.
pub(crate) fn is_sentence_starter(word: &str) -> bool {
    matches!(
        word,
        "The"
            | "He"
            | "She"
            | "It"
            | "They"
            | "We"
            | "I"
            | "But"
            | "And"
            | "However"
            | "In"
            | "On"
            | "At"
            | "This"
            | "That"
            | "These"
            | "Those"
            | "A"
            | "An"
            | "There"
            | "Meanwhile"
            | "Yet"
            | "So"
            | "His"
            | "Her"
            | "Their"
            | "Its"
            | "Our"
            | "After"
            | "Before"
            | "When"
            | "While"
            | "If"
            | "As"
            | "Still"
            | "Now"
            | "Then"
            | "Some"
            | "Many"
            | "According"
    )
}

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
    SPEECH_VERBS.binary_search(&word).is_ok() || SPEECH_PARTICIPLES.binary_search(&word).is_ok()
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
        name: "Wagner Group",
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
    matches!(
        folded,
        "reuters"
            | "xinhua"
            | "tass"
            | "belta"
            | "sputnik"
            | "ria"
            | "ria novosti"
            | "interfax"
            | "ap"
            | "afp"
            | "bloomberg"
            | "rt"
            | "euroradio"
            | "belsat"
            | "b92"
            | "meduza"
            | "nasha niva"
            | "zerkalo"
            | "tut by"
            | "novaya gazeta"
            | "kommersant"
            | "izvestia"
            | "rbc"
            | "bbc"
            | "cnn"
            | "dpa"
            | "itar tass"
            | "rossiya"
            | "channel one"
    )
}

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
    matches!(
        folded,
        "president"
            | "presidents"
            | "minister"
            | "ministers"
            | "premier"
            | "prime"
            | "chancellor"
            | "secretary"
            | "spokesman"
            | "spokeswoman"
            | "spokesperson"
            | "ambassador"
            | "envoy"
            | "governor"
            | "mayor"
            | "speaker"
            | "chairman"
            | "chairwoman"
            | "chair"
            | "head"
            | "chief"
            | "leader"
            | "leaders"
            | "commander"
            | "general"
            | "gen"
            | "colonel"
            | "col"
            | "lieutenant"
            | "lt"
            | "major"
            | "maj"
            | "admiral"
            | "adm"
            | "marshal"
            | "patriarch"
            | "metropolitan"
            | "king"
            | "queen"
            | "prince"
            | "pope"
            | "senator"
            | "sen"
            | "mp"
            | "deputy"
            | "director"
            | "ceo"
            | "commissioner"
            | "prosecutor"
            | "judge"
            | "presenter"
            | "journalist"
            | "correspondent"
            | "analyst"
            | "commentator"
            | "politician"
            | "activist"
            | "blogger"
            | "lawyer"
            | "economist"
            | "historian"
            | "official"
            | "adviser"
            | "advisor"
            | "aide"
            | "founder"
            | "businessman"
            | "businesswoman"
            | "oligarch"
            | "candidate"
            | "dissident"
            | "writer"
            | "author"
            | "professor"
            | "researcher"
            | "opposition"
            | "press"
            | "foreign"
            | "defence"
            | "defense"
            | "vice"
            | "former"
            | "acting"
            | "mr"
            | "mrs"
            | "ms"
            | "dr"
            | "prof"
            | "sir"
            | "lord"
            | "lady"
            | "president elect"
            | "secretary general"
            | "director general"
            | "prosecutor general"
            | "host"
            | "anchor"
            | "editor"
            | "spokespeople"
    )
}

/// Title words that are only a courtesy, not a role ("Mr.").
pub(crate) fn is_honorific(folded: &str) -> bool {
    matches!(
        folded,
        "mr" | "mrs" | "ms" | "dr" | "prof" | "sir" | "lord" | "lady"
    )
}

/// The nouns a role phrase must contain to be a role ("the Kremlin spokesman").
pub(crate) fn is_role_noun(folded: &str) -> bool {
    matches!(
        folded,
        "president"
            | "minister"
            | "premier"
            | "chancellor"
            | "secretary"
            | "spokesman"
            | "spokeswoman"
            | "spokesperson"
            | "ambassador"
            | "envoy"
            | "governor"
            | "mayor"
            | "speaker"
            | "chairman"
            | "chairwoman"
            | "head"
            | "chief"
            | "leader"
            | "commander"
            | "general"
            | "colonel"
            | "admiral"
            | "patriarch"
            | "king"
            | "queen"
            | "senator"
            | "deputy"
            | "director"
            | "ceo"
            | "commissioner"
            | "prosecutor"
            | "judge"
            | "presenter"
            | "journalist"
            | "correspondent"
            | "analyst"
            | "commentator"
            | "politician"
            | "activist"
            | "blogger"
            | "lawyer"
            | "economist"
            | "historian"
            | "official"
            | "adviser"
            | "advisor"
            | "aide"
            | "founder"
            | "businessman"
            | "oligarch"
            | "candidate"
            | "dissident"
            | "writer"
            | "author"
            | "professor"
            | "researcher"
            | "host"
            | "anchor"
            | "editor"
            | "lawmaker"
            | "member"
            | "officer"
            | "owner"
            | "expert"
    )
}

/// Role nouns that before a capitalised word are adjectives ("the official Telegram channel").
pub(crate) fn is_adjectival_noun(folded: &str) -> bool {
    matches!(
        folded,
        "official" | "expert" | "member" | "officer" | "owner" | "author" | "host" | "editor"
    )
}

/// Nouns that, right before a name, make it a company or body ("grid operator Litgrid").
pub(crate) fn is_company_noun(word: &str) -> bool {
    matches!(
        word,
        "company"
            | "firm"
            | "operator"
            | "producer"
            | "giant"
            | "monopoly"
            | "carrier"
            | "broadcaster"
            | "lender"
            | "network"
            | "airline"
            | "maker"
            | "manufacturer"
            | "exporter"
            | "importer"
            | "refinery"
            | "utility"
            | "supplier"
            | "distributor"
            | "consortium"
            | "conglomerate"
            | "watchdog"
            | "regulator"
            | "holding"
            | "corporation"
            | "concern"
            | "party"
            | "movement"
    )
}

/// Surnames of people prominent in the Belarus–Russia story: named alone, even only inside a
/// quotation ("I will turn to Putin"), they are people. Recognition only; roles change, so
/// none is given here.
pub(crate) fn is_prominent_surname(folded: &str) -> bool {
    matches!(
        folded,
        "putin"
            | "lukashenko"
            | "lukashenka"
            | "peskov"
            | "lavrov"
            | "zelensky"
            | "zelenskyy"
            | "tsikhanouskaya"
            | "tikhanovskaya"
            | "prigozhin"
            | "shoigu"
            | "medvedev"
            | "mishustin"
            | "makei"
            | "khrenin"
            | "golovchenko"
            | "ryzhenkov"
            | "kolesnikova"
            | "babariko"
            | "protasevich"
            | "navalny"
            | "biden"
            | "trump"
            | "macron"
            | "scholz"
            | "merz"
            | "tusk"
            | "duda"
            | "nauseda"
            | "stoltenberg"
            | "rutte"
            | "erdogan"
            | "belousov"
            | "gerasimov"
            | "zakharova"
            | "volfovich"
            | "kochanova"
            | "naumchik"
            | "latushka"
            | "bialiatski"
    )
}

/// Lowercase words that may stand between a demonym and a role noun ("Russian mercenary leader").
pub(crate) fn is_role_modifier(folded: &str) -> bool {
    matches!(
        folded,
        "opposition"
            | "mercenary"
            | "foreign"
            | "defence"
            | "defense"
            | "deputy"
            | "former"
            | "acting"
            | "prime"
            | "vice"
            | "senior"
            | "chief"
            | "state"
            | "military"
            | "security"
            | "political"
            | "presidential"
            | "press"
            | "top"
            | "interim"
            | "exiled"
            | "jailed"
            | "imprisoned"
            | "veteran"
            | "television"
            | "tv"
            | "news"
            | "independent"
            | "government"
            | "economic"
            | "finance"
            | "energy"
            | "interior"
            | "emergency"
            | "kremlin"
            | "army"
            | "party"
            | "parliament"
            | "parliamentary"
            | "wagner"
            | "union"
            | "federal"
            | "regional"
            | "radio"
            | "leading"
            | "first"
            | "foreign-policy"
            | "pro-government"
            | "pro-kremlin"
            | "campaign"
            | "industry"
            | "ruling"
            | "communist"
    )
}

/// Capitalised words that qualify a title inside a name run ("Kremlin Spokesman").
pub(crate) fn is_title_qualifier(folded: &str) -> bool {
    matches!(
        folded,
        "kremlin"
            | "wagner"
            | "state"
            | "duma"
            | "opposition"
            | "kgb"
            | "fsb"
            | "nato"
            | "un"
            | "eu"
            | "csto"
            | "gazprom"
            | "union"
            | "belarusian"
            | "belarussian"
            | "russian"
            | "ukrainian"
            | "polish"
            | "lithuanian"
            | "american"
            | "us"
            | "u s"
            | "british"
            | "chinese"
            | "european"
            | "soviet"
            | "german"
            | "french"
    )
}

/// Capitalised words naming a ministry's field ("Minister for Economic Development").
pub(crate) fn is_portfolio_word(folded: &str) -> bool {
    matches!(
        folded,
        "economic"
            | "development"
            | "economy"
            | "foreign"
            | "affairs"
            | "defence"
            | "defense"
            | "finance"
            | "energy"
            | "justice"
            | "interior"
            | "internal"
            | "emergency"
            | "emergencies"
            | "situations"
            | "trade"
            | "industry"
            | "agriculture"
            | "education"
            | "health"
            | "culture"
            | "sport"
            | "sports"
            | "transport"
            | "communications"
            | "natural"
            | "resources"
            | "information"
            | "labour"
            | "labor"
            | "social"
            | "protection"
            | "security"
            | "state"
            | "national"
            | "public"
            | "and"
            | "the"
            | "of"
            | "for"
            | "on"
            | "integration"
            | "cooperation"
            | "co"
            | "operation"
            | "european"
            | "eurasian"
            | "relations"
    )
}

/// Head nouns that make a capitalised run an organisation ("Belarusian Election Commission").
pub(crate) fn is_organisation_head(folded: &str) -> bool {
    matches!(
        folded,
        "ministry"
            | "commission"
            | "committee"
            | "council"
            | "agency"
            | "service"
            | "services"
            | "parliament"
            | "assembly"
            | "union"
            | "organization"
            | "organisation"
            | "company"
            | "corporation"
            | "bank"
            | "party"
            | "office"
            | "court"
            | "army"
            | "forces"
            | "group"
            | "fund"
            | "institute"
            | "university"
            | "front"
            | "movement"
            | "alliance"
            | "bloc"
            | "duma"
            | "government"
            | "administration"
            | "department"
            | "directorate"
            | "guard"
            | "police"
            | "navy"
            | "command"
            | "coalition"
            | "inc"
            | "ltd"
            | "pmc"
            | "cabinet"
            | "presidency"
            | "secretariat"
            | "centre"
            | "center"
            | "foundation"
            | "association"
            | "federation"
            | "board"
            | "authority"
            | "inspectorate"
            | "prosecutor s office"
    )
}

/// Common given names (folded), so "Yevgeny Prigozhin" is a person without a title.
pub(crate) fn is_given_name(folded: &str) -> bool {
    matches!(
        folded,
        "alexander"
            | "aleksandr"
            | "aliaksandr"
            | "alyaksandr"
            | "alexandr"
            | "alexei"
            | "alexey"
            | "aleksei"
            | "aliaksei"
            | "anatoly"
            | "andrei"
            | "andrey"
            | "andrew"
            | "anna"
            | "anton"
            | "antony"
            | "anthony"
            | "boris"
            | "dmitry"
            | "dmitri"
            | "dzmitry"
            | "elena"
            | "emmanuel"
            | "evgeny"
            | "yevgeny"
            | "yevgeniy"
            | "fyodor"
            | "gennady"
            | "george"
            | "grigory"
            | "igor"
            | "ihar"
            | "ilya"
            | "ivan"
            | "joe"
            | "john"
            | "joseph"
            | "josep"
            | "kirill"
            | "konstantin"
            | "leonid"
            | "maksim"
            | "maxim"
            | "maksym"
            | "maria"
            | "mariya"
            | "maryia"
            | "mikhail"
            | "mikalai"
            | "nikolai"
            | "nikolay"
            | "olaf"
            | "oleg"
            | "olga"
            | "pavel"
            | "paval"
            | "petr"
            | "pyotr"
            | "roman"
            | "sergei"
            | "sergey"
            | "siarhei"
            | "sviatlana"
            | "svetlana"
            | "tatiana"
            | "tatyana"
            | "ursula"
            | "valentin"
            | "valery"
            | "valeriy"
            | "vasily"
            | "veronika"
            | "viktor"
            | "viktar"
            | "vladimir"
            | "uladzimir"
            | "volodymyr"
            | "vitaly"
            | "vyacheslav"
            | "yuri"
            | "yury"
            | "yuriy"
            | "yulia"
            | "natalia"
            | "natalya"
            | "ales"
            | "alies"
            | "franak"
            | "raman"
            | "ryhor"
            | "stanislav"
            | "stsiapan"
            | "viasna"
            | "donald"
            | "angela"
            | "jens"
            | "mark"
            | "kaja"
            | "charles"
            | "david"
            | "michael"
            | "peter"
            | "paul"
            | "james"
            | "robert"
            | "william"
            | "richard"
            | "thomas"
            | "daniel"
            | "mary"
            | "elizabeth"
            | "sarah"
            | "emily"
            | "ana"
            | "andrzej"
            | "gitanas"
            | "valdis"
            | "olena"
            | "oksana"
            | "nadia"
            | "nadezhda"
            | "irina"
            | "iryna"
            | "ekaterina"
            | "yekaterina"
            | "kseniya"
            | "ksenia"
            | "lukas"
            | "egils"
            | "xi"
            | "recep"
            | "viktoria"
            | "marina"
            | "margarita"
    )
}

/// Nouns for the collective voices an article cites ("analysts", "experts").
pub(crate) fn is_voice_noun(folded: &str) -> bool {
    matches!(
        folded,
        "analysts"
            | "experts"
            | "observers"
            | "commentators"
            | "critics"
            | "officials"
            | "diplomats"
            | "activists"
            | "protesters"
            | "demonstrators"
            | "lawmakers"
            | "legislators"
            | "deputies"
            | "economists"
            | "historians"
            | "sources"
            | "residents"
            | "politicians"
            | "scholars"
            | "researchers"
            | "bloggers"
            | "insiders"
            | "opponents"
            | "supporters"
            | "veterans"
            | "voters"
            | "opposition"
            | "defenders"
            | "campaigners"
            | "monitors"
            | "investigators"
            | "prosecutors"
            | "strategists"
            | "pundits"
            | "organisers"
            | "organizers"
    )
}

/// Words allowed before a voice noun in a group's name ("Russian political commentators").
pub(crate) fn is_voice_modifier(folded: &str) -> bool {
    is_role_modifier(folded)
        || STATES.iter().any(|state| state.demonyms.contains(&folded))
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
    matches!(
        folded,
        "the"
            | "a"
            | "an"
            | "in"
            | "on"
            | "at"
            | "for"
            | "to"
            | "of"
            | "by"
            | "with"
            | "from"
            | "as"
            | "after"
            | "before"
            | "during"
            | "since"
            | "until"
            | "while"
            | "when"
            | "where"
            | "but"
            | "and"
            | "or"
            | "so"
            | "yet"
            | "however"
            | "meanwhile"
            | "also"
            | "still"
            | "then"
            | "this"
            | "that"
            | "these"
            | "those"
            | "there"
            | "here"
            | "it"
            | "its"
            | "he"
            | "she"
            | "they"
            | "we"
            | "i"
            | "you"
            | "his"
            | "her"
            | "their"
            | "our"
            | "my"
            | "your"
            | "some"
            | "many"
            | "most"
            | "other"
            | "several"
            | "both"
            | "each"
            | "every"
            | "all"
            | "any"
            | "no"
            | "not"
            | "according"
            | "speaking"
            | "commenting"
            | "asked"
            | "if"
            | "although"
            | "though"
            | "because"
            | "despite"
            | "amid"
            | "among"
            | "under"
            | "over"
            | "into"
            | "what"
            | "who"
            | "which"
            | "why"
            | "how"
            | "one"
            | "two"
            | "three"
            | "last"
            | "next"
            | "earlier"
            | "later"
            | "now"
            | "today"
            | "yesterday"
            | "tomorrow"
            | "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "january"
            | "february"
            | "march"
            | "april"
            | "may"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
            | "mass"
            | "even"
            | "only"
            | "just"
            | "such"
            | "more"
            | "less"
            | "instead"
            | "indeed"
            | "thus"
            | "therefore"
            | "moreover"
            | "furthermore"
            | "nevertheless"
            | "nonetheless"
            | "once"
            | "again"
            | "first"
            | "second"
            | "third"
            | "finally"
            | "currently"
            | "recently"
            | "previously"
            | "unfortunately"
            | "fortunately"
            | "perhaps"
            | "maybe"
            | "whether"
            | "do"
            | "does"
            | "did"
            | "is"
            | "are"
            | "was"
            | "were"
            | "will"
            | "would"
            | "can"
            | "could"
            | "should"
            | "shall"
            | "might"
            | "must"
            | "has"
            | "have"
            | "had"
            | "be"
            | "been"
            | "being"
            | "let"
            | "please"
            | "thank"
            | "yes"
            | "oh"
            | "well"
            | "mid"
            | "late"
            | "early"
            | "about"
            | "around"
            | "above"
            | "below"
            | "between"
            | "without"
            | "within"
            | "through"
            | "against"
            | "toward"
            | "towards"
            | "upon"
            | "like"
            | "unlike"
            | "whereas"
            | "unless"
            | "whatever"
            | "whoever"
            | "nor"
            | "either"
            | "neither"
            | "we re"
            | "it s"
            | "don t"
            | "so called"
            | "another"
            | "few"
            | "much"
            | "very"
            | "people"
            | "news"
            | "photo"
            | "video"
            | "update"
            | "breaking"
            | "read"
            | "see"
    )
}

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
