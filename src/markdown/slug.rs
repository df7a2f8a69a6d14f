//! Heading ids: the slug rule shared by the whole crate, and per-page deduplication.

use std::collections::HashSet;

/// The id a heading gets from its text.
///
/// Lowercase; Latin letters with diacritics fold to their base letter (`ä`, `å` -> `a`,
/// `ö` -> `o`, `ß` -> `ss`); runs of whitespace and `-` become one `-`; any other
/// punctuation or symbol is dropped; leading and trailing `-` are trimmed. Letters of
/// other scripts and digits are kept. A text with nothing left gives `section`.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut dash = false;
    for c in text.chars().flat_map(lowercase) {
        if c.is_whitespace() || c == '-' {
            dash = !out.is_empty();
            continue;
        }
        let folded = fold(c);
        if folded.is_none() && !c.is_alphanumeric() {
            continue;
        }
        if dash {
            out.push('-');
            dash = false;
        }
        match folded {
            Some(s) => out.push_str(s),
            None => out.push(c),
        }
    }
    if out.is_empty() {
        out.push_str("section");
    }
    out
}

/// `char::to_lowercase`, with a shortcut for ASCII, which most headings are.
fn lowercase(c: char) -> impl Iterator<Item = char> {
    let (ascii, other) = if c.is_ascii() {
        (Some(c.to_ascii_lowercase()), None)
    } else {
        (None, Some(c.to_lowercase()))
    };
    ascii.into_iter().chain(other.into_iter().flatten())
}

/// The base letters of a lowercase Latin letter with diacritics (Latin-1 Supplement and
/// Latin Extended-A, which cover the languages of Europe), or `None` to keep it as is.
fn fold(c: char) -> Option<&'static str> {
    if c.is_ascii() {
        return None;
    }
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
        'ð' | 'ď' | 'đ' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'ĥ' | 'ħ' => "h",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
        'ĳ' => "ij",
        'ĵ' => "j",
        'ķ' | 'ĸ' => "k",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
        'ñ' | 'ń' | 'ņ' | 'ň' | 'ŉ' | 'ŋ' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => "o",
        'œ' => "oe",
        'ŕ' | 'ŗ' | 'ř' => "r",
        'ś' | 'ŝ' | 'ş' | 'š' | 'ſ' => "s",
        'ß' => "ss",
        'ţ' | 'ť' | 'ŧ' => "t",
        'þ' => "th",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
        'ŵ' => "w",
        'ý' | 'ÿ' | 'ŷ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        // Combining diacritical marks, as in decomposed text ("a\u{308}"): drop them so
        // the base letter before them is all that is left.
        '\u{300}'..='\u{36f}' => "",
        _ => return None,
    })
}

/// The ids already given out on one page; hands out unique ones.
#[derive(Debug, Default)]
pub(super) struct IdSet {
    used: HashSet<String>,
}

impl IdSet {
    /// `base` if it is free, else `base-2`, `base-3`, ...: the first free one.
    pub(super) fn claim(&mut self, base: String) -> String {
        if !self.used.contains(&base) {
            self.used.insert(base.clone());
            return base;
        }
        let mut n = 2usize;
        loop {
            let candidate = format!("{base}-{n}");
            if !self.used.contains(&candidate) {
                self.used.insert(candidate.clone());
                return candidate;
            }
            n += 1;
        }
    }

    pub(super) fn contains(&self, id: &str) -> bool {
        self.used.contains(id)
    }

    /// Marks an id written by hand in raw HTML as taken (it cannot be renamed); false
    /// if it already was.
    pub(super) fn reserve(&mut self, id: &str) -> bool {
        if self.used.contains(id) {
            return false;
        }
        self.used.insert(id.to_owned())
    }

    pub(super) fn iter(&self) -> impl Iterator<Item = &str> {
        self.used.iter().map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finnish_headings() {
        assert_eq!(slugify("Vastaaminen"), "vastaaminen");
        assert_eq!(
            slugify("Yhteisömanagerointi ja äänensävy"),
            "yhteisomanagerointi-ja-aanensavy"
        );
        assert_eq!(slugify("Åbo – Turku"), "abo-turku");
    }

    #[test]
    fn punctuation_and_whitespace() {
        assert_eq!(
            slugify("  Mitä? Miksi! (ja miten)  "),
            "mita-miksi-ja-miten"
        );
        assert_eq!(slugify("X / Twitter"), "x-twitter");
        assert_eq!(slugify("a--b  -  c"), "a-b-c");
        assert_eq!(slugify("snake_case & C++"), "snakecase-c");
        assert_eq!(slugify("-leading and trailing-"), "leading-and-trailing");
        assert_eq!(slugify("2024: vuosi"), "2024-vuosi");
    }

    #[test]
    fn other_letters() {
        assert_eq!(
            slugify("Straße Øresund Łódź Œuvre"),
            "strasse-oresund-lodz-oeuvre"
        );
        // Decomposed ä (a + combining diaeresis) folds like the composed one.
        assert_eq!(slugify("Ka\u{308}ytto\u{308}"), "kaytto");
        assert_eq!(slugify("Ελληνικά"), "ελληνικά");
    }

    #[test]
    fn empty_becomes_section() {
        assert_eq!(slugify(""), "section");
        assert_eq!(slugify(" ?! — "), "section");
    }

    #[test]
    fn duplicates_are_numbered() {
        let mut ids = IdSet::default();
        assert_eq!(ids.claim("a".into()), "a");
        assert_eq!(ids.claim("a".into()), "a-2");
        assert!(ids.reserve("a-3"));
        assert!(!ids.reserve("a"));
        assert_eq!(ids.claim("a".into()), "a-4");
        assert_eq!(ids.claim("a-2".into()), "a-2-2");
        assert!(ids.contains("a-3"));
    }
}
