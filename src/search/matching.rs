//! How a folded word typed by a reader matches the stemmed, folded keys of the index.
//!
//! This is the browser's whole "stemmer": Finnish and most European languages inflect
//! by adding endings, so an index key that is a prefix of the typed word is its stem
//! (`kanavalla` -> `kanav`, `facebookissa` -> `facebook`). A typed word that is a
//! prefix of a key is a word still being typed (`kana` -> `kanav`). A key that differs
//! from the typed word only in its last letter covers stem vowel changes that
//! Snowball leaves (`vaaleissa` -> `vaali`, `happy` -> `happi`).
//!
//! `search.js` implements the same function (`matchWeight`); the browser tests check
//! that both rank alike.

use super::analyze::len16;

/// How strongly a typed word `q` matches an index key `k` (both folded), or `None`.
///
/// - equal: 1.0
/// - `k` is a stem of `q` (a proper prefix of at least 3 letters, at most 8 shorter,
///   5 for a 3-letter stem): 0.9 minus 0.03 per letter of ending
/// - `q` is a prefix of `k` being typed (`q` at least 3 letters): 0.3 + 0.5 * |q|/|k|
/// - they share all but the last letter of `k` (at least 4 letters), and differ
///   there by two vowels or by `n`/`s` (`vaaleissa` ~ `vaali`, `jaksaminen` ~
///   `jaksamis`), or by `i`/`e` after 3 letters (`hiding` ~ `hide`): 0.7
///
/// Typed words shorter than 3 letters match only exactly (`x`, `fb`), so that they
/// need a single index shard and never flood the results.
pub fn match_weight(q: &str, k: &str) -> Option<f64> {
    if q == k {
        return Some(1.0);
    }
    let n = len16(q);
    if n < MIN_PREFIX {
        return None;
    }
    let m = len16(k);
    let l = common_prefix(q, k);
    if l == m && m >= MIN_PREFIX && n - m <= max_ending(m) {
        return Some(STEM_WEIGHT - ENDING_PENALTY * (n - m) as f64);
    }
    if l == n {
        return Some(PREFIX_BASE + PREFIX_SCALE * n as f64 / m as f64);
    }
    if l + 1 == m && l >= MIN_SIBLING - 1 {
        let (a, b) = (char_at(q, l), char_at(k, l));
        if (l >= MIN_SIBLING && alternates(a, b)) || (a, b) == ('i', 'e') {
            return Some(SIBLING_WEIGHT);
        }
    }
    None
}

/// Longest ending stripped from a typed word to reach a stem of `m` letters: short
/// stems take short endings only, so `tietosuoja` is no form of `tie`.
fn max_ending(m: usize) -> usize {
    if m <= MIN_PREFIX {
        SHORT_STEM_ENDING
    } else {
        MAX_ENDING
    }
}

fn char_at(word: &str, i: usize) -> char {
    word.chars().nth(i).unwrap_or(' ')
}

/// Letters that alternate at the end of a stem: any two vowels (`vaali`/`vaale`,
/// `hide`/`hiding`), and Finnish `n`/`s` (`jaksaminen`/`jaksamisen`).
fn alternates(a: char, b: char) -> bool {
    let vowel = |c| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y');
    (vowel(a) && vowel(b)) || matches!((a, b), ('n', 's') | ('s', 'n'))
}

/// Whether a word counts as a form of a synonym's key: equal, a stem of it with an
/// ending of at most 5 letters (a longer rest is rather another word, as `kanava` in
/// `somekanava`), or a sibling. A word being typed (a mere prefix) does not.
pub fn is_form_of(word: &str, key: &str) -> bool {
    // Index building asks this of every distinct word and every synonym: a first
    // look at three bytes settles nearly all. Every match but equality shares the
    // first MIN_PREFIX letters, which are at least as many bytes.
    if word.as_bytes().get(..MIN_PREFIX) != key.as_bytes().get(..MIN_PREFIX) {
        return word == key;
    }
    if word.len() < key.len() && key.starts_with(word) {
        return false;
    }
    if word.len() > key.len() && word.starts_with(key) && len16(word) - len16(key) > FORM_ENDING {
        return false;
    }
    match_weight(word, key).is_some()
}

/// Shortest typed word matched by prefix, and shortest stem matched.
pub const MIN_PREFIX: usize = 3;
/// Longest ending stripped from a typed word to reach a stem (of three letters).
pub const MAX_ENDING: usize = 8;
const SHORT_STEM_ENDING: usize = 5;
/// Longest ending of a synonym's form.
const FORM_ENDING: usize = 5;
const STEM_WEIGHT: f64 = 0.9;
const ENDING_PENALTY: f64 = 0.03;
const PREFIX_BASE: f64 = 0.3;
const PREFIX_SCALE: f64 = 0.5;
const MIN_SIBLING: usize = 4;
const SIBLING_WEIGHT: f64 = 0.7;

/// Length of the common prefix, in characters.
pub fn common_prefix(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

/// The first `n` characters of a word (all of it when shorter).
pub fn head(word: &str, n: usize) -> &str {
    match word.char_indices().nth(n) {
        Some((i, _)) => &word[..i],
        None => word,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_beats_stem_beats_prefix() {
        let exact = match_weight("kanav", "kanav").unwrap_or(0.0);
        let stem = match_weight("kanavalla", "kanav").unwrap_or(0.0);
        let typing = match_weight("kanav", "kanavakartt").unwrap_or(0.0);
        assert!(exact > stem && stem > typing && typing > 0.0);
    }

    #[test]
    fn inflected_query_words_reach_their_stem() {
        assert!(match_weight("facebookissa", "facebook").is_some());
        assert!(match_weight("somessa", "some").is_some());
        assert!(match_weight("kommentteihin", "komment").is_some());
        // A longer stem is the closer one.
        let kanav = match_weight("kanavalla", "kanav").unwrap_or(0.0);
        let kana = match_weight("kanavalla", "kana").unwrap_or(0.0);
        assert!(kanav > kana);
    }

    #[test]
    fn stem_vowel_changes_are_siblings() {
        assert_eq!(match_weight("vaaleissa", "vaali"), Some(0.7));
        assert_eq!(match_weight("happy", "happi"), Some(0.7));
        assert_eq!(match_weight("tapa", "tavat"), None);
        assert_eq!(match_weight("sosiaaliturva", "sosiaalin"), None);
        assert_eq!(match_weight("hiding", "hide"), Some(0.7));
        assert_eq!(match_weight("manager", "mani"), None);
        assert_eq!(match_weight("jaksaminen", "jaksamis"), Some(0.7));
        assert_eq!(match_weight("sosiaalisen", "sosiaalin"), Some(0.7));
    }

    #[test]
    fn short_words_match_only_exactly() {
        assert_eq!(match_weight("x", "x"), Some(1.0));
        assert_eq!(match_weight("x", "xbox"), None);
        assert_eq!(match_weight("fb", "fbi"), None);
        assert_eq!(match_weight("som", "so"), None);
    }

    #[test]
    fn unrelated_words_do_not_match() {
        assert_eq!(match_weight("tietosuoja", "tie"), None);
        assert_eq!(match_weight("kanava", "kissa"), None);
    }

    #[test]
    fn forms_exclude_prefixes_being_typed() {
        assert!(is_form_of("somessa", "some"));
        assert!(is_form_of("sosiaalisen", "sosiaalis"));
        assert!(!is_form_of("som", "some"));
        assert!(!is_form_of("somekanava", "some"));
    }

    #[test]
    fn forms_are_found_as_without_the_first_look() {
        // `is_form_of` without its shortcut on the first bytes.
        let slow = |w: &str, k: &str| {
            let typed = w.len() < k.len() && k.starts_with(w);
            let longer = w.len() > k.len() && w.starts_with(k) && len16(w) - len16(k) > FORM_ENDING;
            !typed && !longer && match_weight(w, k).is_some()
        };
        let words = [
            "x",
            "xy",
            "fb",
            "some",
            "somessa",
            "somekanava",
            "som",
            "so",
            "sosiaalis",
            "sosiaalisen",
            "vaali",
            "vaaleissa",
            "vaalit",
            "hide",
            "hiding",
            "ääni",
            "äänet",
            "äå",
            "äänestys",
            "jaksamis",
            "jaksaminen",
            "kanav",
            "kanavalla",
            "kana",
            "",
        ];
        for w in words {
            for k in words {
                assert_eq!(is_form_of(w, k), slow(w, k), "{w:?} / {k:?}");
            }
        }
    }

    #[test]
    fn heads_cut_by_characters() {
        assert_eq!(head("näkyvyys", 2), "nä");
        assert_eq!(head("x", 3), "x");
    }
}
