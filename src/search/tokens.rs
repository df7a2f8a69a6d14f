//! Where a text's words begin and end: the tokenizer shared by the index builder
//! and, through the rules it mirrors, the browser (`search.js`), so that a query
//! word and an indexed word are cut alike.

/// A word character: a letter, a digit or a combining mark, and always inside the
/// Basic Multilingual Plane, so that lengths and sort order agree between Rust
/// (`char`) and JavaScript (UTF-16 units). The browser uses
/// `/[\p{Alphabetic}\p{N}\u0300-\u036f]/u` on single UTF-16 units, which is the same.
pub fn is_word_char(c: char) -> bool {
    (c as u32) <= 0xFFFF && (c.is_alphanumeric() || is_combining_mark(c))
}

pub(super) fn is_combining_mark(c: char) -> bool {
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
}
