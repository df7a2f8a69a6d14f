//! Text analysis shared by indexing and querying: case and diacritic folding,
//! stopwords and stemming per language. Words are cut in `tokens.rs`, compounds
//! split in `compound.rs`.
//!
//! The browser never stems. It only tokenizes, lowercases and folds, exactly as
//! `tokens`, [`lower_into`] and [`fold_into`] do (the fold table and the stopwords
//! are shipped inside the index, so there is one source of truth), and then
//! matches the folded query words against the stemmed keys of the index by prefix
//! (see `matching.rs`). Stemming and compound splitting therefore happen only at
//! build time.

use rust_stemmers::{Algorithm, Stemmer};
use std::borrow::Cow;
use std::sync::atomic::AtomicBool;

use super::fasthash::Interner;
use super::tokens::is_combining_mark;

/// Words longer than this (in UTF-16 units) are not indexed: they are URLs, hashes or
/// other noise nobody types.
pub const MAX_WORD_LEN: usize = 40;

/// Letters folded to plain Latin letters, sorted by character. Combining marks
/// U+0300..U+036F are removed as well. `nakyvyys` thus finds `näkyvyys`.
pub const FOLD_TABLE: &[(char, &str)] = &[
    ('ß', "ss"),
    ('à', "a"),
    ('á', "a"),
    ('â', "a"),
    ('ã', "a"),
    ('ä', "a"),
    ('å', "a"),
    ('æ', "ae"),
    ('ç', "c"),
    ('è', "e"),
    ('é', "e"),
    ('ê', "e"),
    ('ë', "e"),
    ('ì', "i"),
    ('í', "i"),
    ('î', "i"),
    ('ï', "i"),
    ('ð', "d"),
    ('ñ', "n"),
    ('ò', "o"),
    ('ó', "o"),
    ('ô', "o"),
    ('õ', "o"),
    ('ö', "o"),
    ('ø', "o"),
    ('ù', "u"),
    ('ú', "u"),
    ('û', "u"),
    ('ü', "u"),
    ('ý', "y"),
    ('þ', "th"),
    ('ÿ', "y"),
    ('ā', "a"),
    ('ă', "a"),
    ('ą', "a"),
    ('ć', "c"),
    ('č', "c"),
    ('ď', "d"),
    ('đ', "d"),
    ('ē', "e"),
    ('ė', "e"),
    ('ę', "e"),
    ('ě', "e"),
    ('ğ', "g"),
    ('ī', "i"),
    ('į', "i"),
    ('ı', "i"),
    ('ķ', "k"),
    ('ļ', "l"),
    ('ľ', "l"),
    ('ł', "l"),
    ('ń', "n"),
    ('ņ', "n"),
    ('ň', "n"),
    ('ō', "o"),
    ('ő', "o"),
    ('œ', "oe"),
    ('ŕ', "r"),
    ('ř', "r"),
    ('ś', "s"),
    ('ş', "s"),
    ('š', "s"),
    ('ţ', "t"),
    ('ť', "t"),
    ('ū', "u"),
    ('ů', "u"),
    ('ű', "u"),
    ('ų', "u"),
    ('ź', "z"),
    ('ż', "z"),
    ('ž', "z"),
    ('ș', "s"),
    ('ț', "t"),
];

/// Lowercases `word` into `out` (cleared first) as JavaScript's `toLowerCase` does.
pub fn lower_into(word: &str, out: &mut String) {
    out.clear();
    if word.is_ascii() {
        out.extend(word.chars().map(|c| c.to_ascii_lowercase()));
    } else if word.contains('Σ') {
        // Only capital sigma lowercases by context (word-final ς).
        out.push_str(&word.to_lowercase());
    } else {
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
}

/// Folds diacritics of an already lowercased word into `out` (cleared first).
pub fn fold_into(word: &str, out: &mut String) {
    out.clear();
    if word.is_ascii() {
        out.push_str(word);
        return;
    }
    for c in word.chars() {
        if c.is_ascii() {
            out.push(c);
        } else if is_combining_mark(c) {
            continue;
        } else if let Ok(i) = FOLD_TABLE.binary_search_by(|&(k, _)| k.cmp(&c)) {
            out.push_str(FOLD_TABLE[i].1);
        } else {
            out.push(c);
        }
    }
}

/// Lowercases and folds a word: the form in which the browser sees a query word.
pub fn normalize(word: &str) -> String {
    let mut lower = String::new();
    let mut folded = String::new();
    lower_into(word, &mut lower);
    fold_into(&lower, &mut folded);
    folded
}

/// Length in UTF-16 units, as JavaScript's `length`. Words are BMP-only, so this is
/// also their number of characters.
pub fn len16(s: &str) -> usize {
    s.chars().count()
}

/// How one language's words become index keys.
pub struct Analyzer {
    stemmer: Option<Stemmer>,
    stopwords: Vec<String>,
    compounds: bool,
    /// Words stemmed ahead (see [`learn`](Self::learn)), lowercased, and the key and
    /// the folded form of each by its id there.
    known: Interner,
    known_keys: Vec<String>,
    known_folded: Vec<String>,
}

impl Analyzer {
    /// The analyzer for a language code such as `fi`, `sv`, `en` or `en-GB`.
    /// Languages without a Snowball stemmer are only folded.
    pub fn new(lang: &str) -> Analyzer {
        let primary = lang.split(['-', '_']).next().unwrap_or(lang);
        let primary = primary.to_ascii_lowercase();
        let mut stopwords: Vec<String> = super::stopwords::for_lang(&primary)
            .iter()
            .map(|w| normalize(w))
            .collect();
        stopwords.sort();
        stopwords.dedup();
        Analyzer {
            stemmer: algorithm(&primary).map(Stemmer::create),
            stopwords,
            compounds: matches!(
                primary.as_str(),
                "fi" | "sv" | "de" | "nl" | "da" | "no" | "nb" | "nn" | "is" | "et"
            ),
            known: Interner::default(),
            known_keys: Vec::new(),
            known_folded: Vec::new(),
        }
    }

    /// Stems the words of `texts` ahead of the index build that will meet them (the
    /// pipeline does this while one thread assembles the handbook and the other
    /// would wait), stopping early once `stop` is set. Keys are the same either
    /// way, and so is every index built with this analyzer.
    pub fn learn<'t>(&mut self, texts: impl Iterator<Item = &'t str>, stop: &AtomicBool) {
        let learned = super::vocab::stem_ahead(self, texts, stop);
        if self.known_keys.is_empty() {
            (self.known, self.known_keys, self.known_folded) = learned;
            return;
        }
        let (words, keys, folded) = learned;
        for ((word, key), folded) in words.names.iter().zip(keys).zip(folded) {
            if self.known.intern(word) as usize == self.known_keys.len() {
                self.known_keys.push(key);
                self.known_folded.push(folded);
            }
        }
    }

    /// The folded form of a lowercased word stemmed ahead (which is no stopword).
    pub(super) fn learned_folded(&self, lower: &str) -> Option<&str> {
        let id = self.known.get(lower)?;
        Some(&self.known_folded[id as usize])
    }

    /// Number of words stemmed ahead.
    pub fn learned(&self) -> usize {
        self.known_keys.len()
    }

    /// Folded stopwords, sorted.
    pub fn stopwords(&self) -> &[String] {
        &self.stopwords
    }

    /// Whether a folded word is a stopword.
    pub fn is_stopword(&self, folded: &str) -> bool {
        self.stopwords
            .binary_search_by(|s| s.as_str().cmp(folded))
            .is_ok()
    }

    /// Whether the language forms compounds by writing words together.
    pub fn splits_compounds(&self) -> bool {
        self.compounds
    }

    /// The index key of a lowercased word: its stem, folded. Words with digits are
    /// not stemmed.
    pub fn key(&self, lower: &str) -> Cow<'_, str> {
        if let Some(id) = self.known.get(lower) {
            return Cow::Borrowed(&self.known_keys[id as usize]);
        }
        let mut out = String::new();
        match &self.stemmer {
            Some(stemmer) if !lower.bytes().any(|b| b.is_ascii_digit()) => {
                fold_into(&stemmer.stem(lower), &mut out);
            }
            _ => fold_into(lower, &mut out),
        }
        if out.is_empty() {
            fold_into(lower, &mut out);
        }
        Cow::Owned(out)
    }
}

fn algorithm(lang: &str) -> Option<Algorithm> {
    Some(match lang {
        "ar" => Algorithm::Arabic,
        "da" => Algorithm::Danish,
        "nl" => Algorithm::Dutch,
        "en" => Algorithm::English,
        "fi" => Algorithm::Finnish,
        "fr" => Algorithm::French,
        "de" => Algorithm::German,
        "el" => Algorithm::Greek,
        "hu" => Algorithm::Hungarian,
        "it" => Algorithm::Italian,
        "no" | "nb" | "nn" => Algorithm::Norwegian,
        "pt" => Algorithm::Portuguese,
        "ro" => Algorithm::Romanian,
        "ru" => Algorithm::Russian,
        "es" => Algorithm::Spanish,
        "sv" => Algorithm::Swedish,
        "ta" => Algorithm::Tamil,
        "tr" => Algorithm::Turkish,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::tokens::tokens;

    #[test]
    fn folding_removes_diacritics() {
        assert_eq!(normalize("NÄKYVYYS"), "nakyvyys");
        assert_eq!(normalize("Työnantajakuva"), "tyonantajakuva");
        assert_eq!(normalize("Åbo"), "abo");
        assert_eq!(normalize("Café"), "cafe");
        assert_eq!(normalize("cafe\u{301}"), "cafe");
        assert_eq!(normalize("Straße"), "strasse");
    }

    #[test]
    fn fold_table_is_sorted_for_binary_search() {
        assert!(FOLD_TABLE.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn finnish_stems_inflections_to_one_key() {
        let fi = Analyzer::new("fi");
        for w in ["kanava", "kanavalla", "kanavat", "kanavien"] {
            assert_eq!(fi.key(w), "kanav", "{w}");
        }
        assert_eq!(fi.key("facebookissa"), "facebook");
        assert_eq!(fi.key("somessa"), "some");
        assert_eq!(fi.key("näkyvyys"), "nakyvyys");
        assert_eq!(fi.key("kommentteihin"), "komment");
    }

    #[test]
    fn english_and_swedish_use_their_own_stemmers() {
        let en = Analyzer::new("en");
        assert_eq!(en.key("comments"), "comment");
        assert_eq!(en.key("replying"), en.key("reply"));
        let sv = Analyzer::new("sv-FI");
        assert_eq!(sv.key("kanalen"), "kanal");
        assert_eq!(sv.key("kanaler"), "kanal");
        let none = Analyzer::new("xx");
        assert_eq!(none.key("kanavalla"), "kanavalla");
    }

    #[test]
    fn words_stemmed_ahead_keep_their_keys() {
        let text =
            "Kanavalla **julkaistaan** [Facebookissa](a.md) ja SOMESSA; kommentteihin vastataan.";
        let fresh = Analyzer::new("fi");
        let mut ahead = Analyzer::new("fi");
        ahead.learn([text].into_iter(), &AtomicBool::new(false));
        // Every word but the stopword `ja` (the link target's `a` and `md` too).
        assert_eq!(ahead.learned(), 8);
        for word in tokens(text) {
            let lower = word.to_lowercase();
            assert_eq!(ahead.key(&lower), fresh.key(&lower), "{word}");
        }
        assert_eq!(ahead.key("kanavien"), "kanav", "a word not met");
        let mut stopped = Analyzer::new("fi");
        stopped.learn([text].into_iter(), &AtomicBool::new(true));
        assert_eq!(stopped.learned(), 0);
    }

    #[test]
    fn learning_twice_is_learning_once() {
        let (a, b) = (
            "Näkyvyys somessa ja kanavalla.",
            "Kanavalla työnantajakuva; ÄÄNI.",
        );
        let mut once = Analyzer::new("fi");
        once.learn([a, b].into_iter(), &AtomicBool::new(false));
        let mut twice = Analyzer::new("fi");
        twice.learn([a].into_iter(), &AtomicBool::new(false));
        twice.learn([b].into_iter(), &AtomicBool::new(false));
        assert_eq!(twice.learned(), once.learned());
        for word in once.known.names.iter() {
            assert_eq!(twice.key(word), once.key(word), "{word}");
            assert_eq!(
                twice.learned_folded(word),
                once.learned_folded(word),
                "{word}"
            );
        }
        assert_eq!(twice.learned_folded("ääni"), Some("aani"));
    }

    #[test]
    fn numbers_are_not_stemmed() {
        assert_eq!(Analyzer::new("en").key("24h"), "24h");
    }

    #[test]
    fn stopwords_are_folded_and_found() {
        let fi = Analyzer::new("fi");
        assert!(fi.is_stopword("etta"));
        assert!(fi.is_stopword("ja"));
        assert!(!fi.is_stopword("some"));
        assert!(!fi.is_stopword("x"));
        assert!(Analyzer::new("en").is_stopword("the"));
        assert!(Analyzer::new("sv").is_stopword("och"));
        assert!(fi.splits_compounds());
        assert!(!Analyzer::new("en").splits_compounds());
    }
}
