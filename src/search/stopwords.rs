//! Stopwords per language: words too common to help a search. They are neither
//! indexed nor matched; the list is shipped with the index so the browser drops the
//! same words.

/// The stopwords of a primary language subtag; empty for unknown languages.
pub fn for_lang(lang: &str) -> &'static [&'static str] {
    match lang {
        "fi" => FI,
        "en" => EN,
        "sv" => SV,
        _ => &[],
    }
}

const FI: &[&str] = &[
    "ei", "eikä", "eli", "en", "ennen", "esim", "et", "että", "he", "hän", "ja", "jo", "joka",
    "jos", "jota", "jotka", "jotta", "kanssa", "kuin", "kun", "me", "mikä", "miksi", "miten",
    "mitä", "mukaan", "mutta", "ne", "niin", "nyt", "näin", "nämä", "ole", "olemme", "olet",
    "olla", "ollut", "olisi", "on", "ovat", "oli", "se", "sekä", "sen", "siitä", "sitä", "siis",
    "tai", "te", "tämä", "tässä", "tätä", "vaan", "voi", "vain", "yms",
];

const EN: &[&str] = &[
    "a", "about", "all", "also", "an", "and", "are", "as", "at", "be", "but", "by", "can", "do",
    "does", "for", "from", "has", "have", "how", "if", "in", "into", "is", "it", "its", "may",
    "more", "must", "not", "of", "on", "or", "our", "should", "so", "such", "than", "that", "the",
    "their", "then", "there", "these", "they", "this", "those", "to", "was", "we", "what", "when",
    "where", "which", "who", "will", "with", "you", "your",
];

const SV: &[&str] = &[
    "alla", "att", "av", "de", "den", "det", "detta", "dessa", "där", "eller", "en", "ett", "för",
    "från", "har", "hur", "här", "i", "inte", "kan", "med", "men", "när", "och", "också", "om",
    "på", "så", "ska", "som", "till", "under", "vad", "var", "vi", "vid", "är",
];
