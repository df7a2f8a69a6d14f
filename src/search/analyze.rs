//! Text analysis shared by indexing and querying: tokens, case and diacritic folding,
//! stopwords, stemming per language and Finnish-style compound splitting.
//!
//! The browser never stems. It only tokenizes, lowercases and folds, exactly as
//! [`tokens`], [`lower_into`] and [`fold_into`] do here (the fold table and the
//! stopwords are shipped inside the index, so there is one source of truth), and then
//! matches the folded query words against the stemmed keys of the index by prefix
//! (see `matching.rs`). Stemming and compound splitting therefore happen only here,
//! at build time.

use rust_stemmers::{Algorithm, Stemmer};
use std::borrow::Cow;
use std::sync::atomic::AtomicBool;

use super::fasthash::Interner;

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

/// A word character: a letter, a digit or a combining mark, and always inside the
/// Basic Multilingual Plane, so that lengths and sort order agree between Rust
/// (`char`) and JavaScript (UTF-16 units). The browser uses
/// `/[\p{Alphabetic}\p{N}\u0300-\u036f]/u` on single UTF-16 units, which is the same.
pub fn is_word_char(c: char) -> bool {
    (c as u32) <= 0xFFFF && (c.is_alphanumeric() || is_combining_mark(c))
}

fn is_combining_mark(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

/// Characters that join a word to an ending that is not part of it: `X:ssä`, `EU:n`,
/// `city's`. The word ends there and the ending is skipped.
fn is_joiner(c: char) -> bool {
    matches!(c, ':' | '\'' | '\u{2019}')
}

/// The words of a text, in order, as slices of it. Hyphens and all other punctuation
/// separate words; an ending after a joiner (`X:ssä`) is dropped.
pub fn tokens(text: &str) -> Tokens<'_> {
    Tokens { text, pos: 0 }
}

/// Iterator behind [`tokens`].
pub struct Tokens<'a> {
    text: &'a str,
    pos: usize,
}

/// ASCII letters and digits: the word characters among single bytes.
const WORD_BYTE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    table
};

impl<'a> Iterator for Tokens<'a> {
    type Item = &'a str;

    #[inline]
    fn next(&mut self) -> Option<&'a str> {
        let (start, end, next) = next_word(self.text, self.pos)?;
        self.pos = next;
        self.text.get(start..end)
    }
}

/// The next word of `text` at or after byte `pos`: its start and end, and where the
/// search for the word after it goes on. Scans bytes: ASCII and two-byte Latin-1
/// letters (most letters of Finnish, Swedish and English text) without decoding,
/// any other character decoded.
#[inline(always)]
pub(super) fn next_word(text: &str, pos: usize) -> Option<(usize, usize, usize)> {
    let bytes = text.as_bytes();
    let mut i = pos;
    loop {
        let b = *bytes.get(i)?;
        if WORD_BYTE[usize::from(b)] {
            break;
        }
        if b < 0x80 {
            i += 1;
            continue;
        }
        let c = char_at(text, i);
        if is_word_char(c) {
            break;
        }
        i += c.len_utf8();
    }
    let start = i;
    loop {
        // Eight bytes a step while they are ASCII letters, most of a word's bytes.
        while let Some(chunk) = bytes.get(i..).and_then(|r| r.first_chunk::<8>()) {
            let n = ascii_letters(u64::from_le_bytes(*chunk));
            i += n;
            if n < 8 {
                break;
            }
        }
        let Some(&b) = bytes.get(i) else {
            break;
        };
        if WORD_BYTE[usize::from(b)] {
            i += 1;
        } else if b < 0x80 {
            let next = if is_joiner(char::from(b)) {
                after_ending(text, i + 1)
            } else {
                i + 1
            };
            return Some((start, i, next));
        } else if is_latin1_letter(b, bytes.get(i + 1)) {
            i += 2;
        } else {
            let c = char_at(text, i);
            if !is_word_char(c) {
                let after = i + c.len_utf8();
                let next = if is_joiner(c) {
                    after_ending(text, after)
                } else {
                    after
                };
                return Some((start, i, next));
            }
            i += c.len_utf8();
        }
    }
    Some((start, i, i))
}

/// How many of the eight bytes of `w` (first byte lowest) are ASCII letters before
/// the first other byte. Per byte, with `| 0x20` folding capitals onto small letters:
/// adding 0x1F sets the high bit from `a` on, adding 0x05 from past `z` on; neither
/// carries out of a byte below 0x80, and a carry out of a byte at or above 0x80
/// only changes the bytes after it.
fn ascii_letters(w: u64) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = ONES * 0x80;
    let v = w | (ONES * 0x20);
    let from_a = v.wrapping_add(ONES * 0x1F);
    let past_z = v.wrapping_add(ONES * 0x05);
    let letters = from_a & !past_z & !w & HIGH;
    ((!letters & HIGH).trailing_zeros() / 8) as usize
}

/// Where the word characters from byte `i` on end: the ending a joiner attached to
/// the word before it (`ssä` of `X:ssä`), skipped.
fn after_ending(text: &str, mut i: usize) -> usize {
    while let Some(c) = text.get(i..).and_then(|r| r.chars().next()) {
        if !is_word_char(c) {
            break;
        }
        i += c.len_utf8();
    }
    i
}

/// The character starting at byte `i`, a character boundary.
fn char_at(text: &str, i: usize) -> char {
    text.get(i..).and_then(|r| r.chars().next()).unwrap_or(' ')
}

/// Whether `b` and the byte after it are a Latin-1 letter (U+00C0..U+00FF but × and
/// ÷): two bytes, the first 0xC3.
fn is_latin1_letter(b: u8, next: Option<&u8>) -> bool {
    b == 0xC3 && next.is_some_and(|&c| (0x80..=0xBF).contains(&c) && c != 0x97 && c != 0xB7)
}

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

    fn toks(text: &str) -> Vec<&str> {
        tokens(text).collect()
    }

    #[test]
    fn tokens_split_on_punctuation_and_hyphens() {
        assert_eq!(
            toks("Some-kanava, ja X:ssä (2026)!"),
            ["Some", "kanava", "ja", "X", "2026"]
        );
        assert_eq!(toks("the city's page"), ["the", "city", "page"]);
        assert_eq!(toks("  "), Vec::<&str>::new());
        assert_eq!(toks("a:"), ["a"]);
        assert_eq!(toks("EU:n ja YouTube’ssa"), ["EU", "ja", "YouTube"]);
    }

    #[test]
    fn tokens_keep_letters_of_any_script_but_not_astral_ones() {
        assert_eq!(toks("Näkyvyys på svenska"), ["Näkyvyys", "på", "svenska"]);
        assert_eq!(toks("кот😀dog"), ["кот", "dog"]);
        assert_eq!(toks("e\u{301}te\u{301}"), ["e\u{301}te\u{301}"]);
    }

    /// Words by the definition, char by char: runs of word characters, each
    /// followed by an ending that a joiner attaches, which is skipped.
    fn reference_tokens(text: &str) -> Vec<&str> {
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let word = |k: usize| chars.get(k).is_some_and(|&(_, c)| is_word_char(c));
        let (mut out, mut k) = (Vec::new(), 0);
        while k < chars.len() {
            if !word(k) {
                k += 1;
                continue;
            }
            let start = chars[k].0;
            while word(k) {
                k += 1;
            }
            out.push(&text[start..chars.get(k).map_or(text.len(), |c| c.0)]);
            if chars.get(k).is_some_and(|&(_, c)| is_joiner(c)) && word(k + 1) {
                k += 1;
                while word(k) {
                    k += 1;
                }
            }
        }
        out
    }

    #[test]
    fn byte_scanner_agrees_with_the_definition() {
        let alphabet = [
            "a",
            "Z",
            "7",
            "kanavaKANAVA",
            "ä",
            "Ö",
            "×",
            "÷",
            "ß",
            "é",
            "\u{301}",
            "к",
            "ǅ",
            "😀",
            ":",
            "'",
            "\u{2019}",
            " ",
            "-",
            ".",
            "\u{a0}",
            "\n",
        ];
        let mut seed = 12345u64;
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..(seed % 24) {
                seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                text.push_str(alphabet[(seed >> 33) as usize % alphabet.len()]);
            }
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            assert_eq!(toks(&text), reference_tokens(&text), "{text:?}");
        }
    }

    #[test]
    fn ascii_letters_counts_the_leading_run() {
        let run = |s: &[u8; 8]| ascii_letters(u64::from_le_bytes(*s));
        assert_eq!(run(b"abcdefgh"), 8);
        assert_eq!(run(b"ABCXYZaz"), 8);
        assert_eq!(run(b"kanava k"), 6);
        assert_eq!(run(b"@abcdefg"), 0);
        assert_eq!(run(b"a[b`c{d7"), 1);
        assert_eq!(run(&[b'n', 0xC3, 0xA4, b'k', b'y', b'v', b'y', b'y']), 1);
        assert_eq!(run(&[b'a', b'b', 0xFF, b'a', b'b', b'c', b'd', b'e']), 2);
        for b in 0..=255u8 {
            let mut bytes = [b'a'; 8];
            bytes[3] = b;
            let expected = if b.is_ascii_alphabetic() { 8 } else { 3 };
            assert_eq!(run(&bytes), expected, "{b}");
        }
    }

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
