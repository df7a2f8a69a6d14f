//! Plain text without markup: heading texts and the per-section text for search.

use super::TextSection;

/// Text with every run of whitespace collapsed to one space and no space at either end.
#[derive(Debug, Default)]
pub(super) struct PlainText {
    text: String,
    gap: bool,
}

impl PlainText {
    pub(super) fn push(&mut self, s: &str) {
        // This runs over every word of every page. Most pieces of text (a line of
        // a paragraph) have no whitespace but single spaces: one vectorized check
        // finds them, and they are copied whole.
        if let Some(inner) = single_spaced(s) {
            self.gap |= s.starts_with(' ');
            self.word(inner);
            self.gap |= s.ends_with(' ');
        } else {
            self.push_slow(s);
        }
    }

    /// [`push`](Self::push) for any text.
    fn push_slow(&mut self, s: &str) {
        // Runs of text whose only whitespace is single spaces between words are
        // copied whole; a byte that may start whitespace is looked at closely (see
        // `MAY_BE_SPACE`).
        let bytes = s.as_bytes();
        let mut run = 0;
        let mut i = 0;
        while let Some(&b) = bytes.get(i) {
            if !MAY_BE_SPACE[usize::from(b)] {
                i += 1;
                continue;
            }
            let len = if b == b' ' {
                1
            } else {
                whitespace_len(&bytes[i..])
            };
            if len == 0 {
                i += 1;
                continue;
            }
            // A space between two words (the byte after it is most often a letter).
            let single = b == b' '
                && i > run
                && bytes.get(i + 1).is_some_and(|&n| {
                    !MAY_BE_SPACE[usize::from(n)] || whitespace_len(&bytes[i + 1..]) == 0
                });
            if !single {
                self.word(&s[run..i]);
                self.gap = true;
                run = i + len;
            }
            i += len;
        }
        self.word(&s[run..]);
    }

    fn word(&mut self, word: &str) {
        if word.is_empty() {
            return;
        }
        if self.gap && !self.text.is_empty() {
            self.text.push(' ');
        }
        self.gap = false;
        self.text.push_str(word);
    }

    /// A block boundary: the next word must not stick to the previous one.
    pub(super) fn gap(&mut self) {
        self.gap = true;
    }

    pub(super) fn take(&mut self) -> String {
        self.gap = false;
        std::mem::take(&mut self.text)
    }
}

/// `s` without the space at either end, when its only whitespace is single spaces
/// between words: no control character, no two spaces in a row, no other Unicode
/// whitespace. One pass over triples of bytes without early exit, with byte-sized
/// flags, so it compiles to vector instructions.
fn single_spaced(s: &str) -> Option<&str> {
    let bytes = s.as_bytes();
    if !maybe_spaced(bytes) && !exactly_spaced(bytes) {
        return None;
    }
    let inner = s.strip_prefix(' ').unwrap_or(s);
    Some(inner.strip_suffix(' ').unwrap_or(inner))
}

/// Whether `bytes` surely have no whitespace but single spaces: a check of pairs
/// of bytes that compiles to vector instructions, and takes dashes and quotes
/// (whose UTF-8 starts as some Unicode spaces' does) for spaces.
fn maybe_spaced(bytes: &[u8]) -> bool {
    let Some(&last) = bytes.last() else {
        return false;
    };
    let pairs = bytes.iter().zip(&bytes[1..]);
    let flags = pairs.fold(u8::from(last < b' '), |acc, (&a, &b)| {
        let is = |x: u8, y: u8| u8::from(x == y);
        let control = u8::from(a < b' ');
        let spaces = is(a, b' ') & is(b, b' ');
        let c2 = is(a, 0xC2) & (is(b, 0x85) | is(b, 0xA0));
        let e = (is(a, 0xE1) & is(b, 0x9A)) | (is(a, 0xE3) & is(b, 0x80));
        let e2 = is(a, 0xE2) & (is(b, 0x80) | is(b, 0x81));
        acc | control | spaces | c2 | e | e2
    });
    flags == 0
}

/// [`maybe_spaced`] exactly: byte by byte, for text it turned away.
fn exactly_spaced(bytes: &[u8]) -> bool {
    let n = bytes.len();
    let triples = bytes.iter().zip(&bytes[1.min(n)..]).zip(&bytes[2.min(n)..]);
    let mut flags = triples.fold(0u8, |acc, ((&a, &b), &c)| acc | bad(a, b, c));
    // The last two bytes start no triple.
    let at = |i: usize| bytes.get(i).copied().unwrap_or(0);
    for (i, &a) in bytes.iter().enumerate().skip(n.saturating_sub(2)) {
        flags |= bad(a, at(i + 1), at(i + 2));
    }
    flags == 0
}

/// 1 when the bytes `a b c` start whitespace other than a single space: a control
/// character (any, to be safe), two spaces, or the UTF-8 of a Unicode space (see
/// `whitespace_len`); else 0.
#[inline(always)]
fn bad(a: u8, b: u8, c: u8) -> u8 {
    let is = |x: u8, y: u8| u8::from(x == y);
    let control = u8::from(a < b' ');
    let spaces = is(a, b' ') & is(b, b' ');
    let c2 = is(a, 0xC2) & (is(b, 0x85) | is(b, 0xA0));
    let e1 = is(a, 0xE1) & is(b, 0x9A) & is(c, 0x80);
    let e2_80 = is(b, 0x80) & (u8::from(c <= 0x8A) | is(c, 0xA8) | is(c, 0xA9) | is(c, 0xAF));
    let e2 = is(a, 0xE2) & (e2_80 | (is(b, 0x81) & is(c, 0x9F)));
    let e3 = is(a, 0xE3) & is(b, 0x80) & is(c, 0x80);
    control | spaces | c2 | e1 | e2 | e3
}

/// Bytes that may start whitespace: ASCII spaces and controls 9-13, and the first
/// bytes of the other Unicode whitespace (U+0085, U+00A0: 0xC2; U+1680: 0xE1;
/// U+2000-U+205F: 0xE2; U+3000: 0xE3). Other bytes, most of a text, are skipped
/// with one lookup.
static MAY_BE_SPACE: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 9;
    while b <= 13 {
        t[b] = true;
        b += 1;
    }
    t[b' ' as usize] = true;
    t[0xC2] = true;
    t[0xE1] = true;
    t[0xE2] = true;
    t[0xE3] = true;
    t
};

/// The length in bytes of the whitespace character at the start of `bytes`, 0 when
/// it starts with something else: `char::is_whitespace`, without decoding.
fn whitespace_len(bytes: &[u8]) -> usize {
    match *bytes {
        [b' ' | b'\t'..=b'\r', ..] => 1,
        [0xC2, 0x85 | 0xA0, ..] => 2,
        [0xE1, 0x9A, 0x80, ..]
        | [0xE2, 0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF, ..]
        | [0xE2, 0x81, 0x9F, ..]
        | [0xE3, 0x80, 0x80, ..] => 3,
        _ => 0,
    }
}

/// Splits a page's text at its headings.
#[derive(Debug, Default)]
pub(super) struct Sections {
    done: Vec<TextSection>,
    id: Option<String>,
    heading: Option<String>,
    current: PlainText,
    /// Footnote definitions: shown at the end of the page, so searched with the last section.
    notes: PlainText,
}

impl Sections {
    /// Ends the current section; text from now on belongs to this heading.
    pub(super) fn start(&mut self, id: &str, heading: &str) {
        self.close();
        self.id = Some(id.to_owned());
        self.heading = Some(heading.to_owned());
    }

    pub(super) fn text(&mut self, in_note: bool) -> &mut PlainText {
        if in_note {
            &mut self.notes
        } else {
            &mut self.current
        }
    }

    fn close(&mut self) {
        self.done.push(TextSection {
            id: self.id.take(),
            heading: self.heading.take(),
            text: self.current.take(),
        });
    }

    pub(super) fn finish(mut self) -> Vec<TextSection> {
        self.close();
        let notes = self.notes.take();
        if let Some(last) = self.done.last_mut().filter(|_| !notes.is_empty()) {
            if !last.text.is_empty() {
                last.text.push(' ');
            }
            last.text.push_str(&notes);
        }
        self.done
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collapses_whitespace_and_keeps_inline_joins() {
        let mut t = PlainText::default();
        t.push("  Hello\n ");
        t.push("wor");
        t.push("ld  ");
        t.gap();
        t.push("next");
        t.gap();
        t.push("ä\u{a0}ö\u{2003}\u{2003}å\tx");
        assert_eq!(t.take(), "Hello world next ä ö å x");
    }

    #[test]
    fn the_fast_path_agrees_with_the_slow_one() {
        // Every string of up to four pieces from a set that holds each kind of
        // whitespace, lookalikes (dashes and quotes share first bytes with Unicode
        // spaces) and plain words.
        let pieces = [
            " ", "  ", "a", "sana", "\n", "\t", "\u{a0}", "\u{85}", "\u{1680}", "\u{2003}",
            "\u{2028}", "\u{202f}", "\u{205f}", "\u{3000}", "\u{2013}", "\u{201d}", "\u{2060}",
            "\u{e1}", "\u{1}", "ä",
        ];
        let mut texts = vec![String::new()];
        for _ in 0..3 {
            let longer: Vec<String> = texts
                .iter()
                .flat_map(|t| pieces.iter().map(move |p| format!("{t}{p}")))
                .collect();
            texts.extend(longer);
        }
        texts.sort();
        texts.dedup();
        for text in &texts {
            for before in ["", "x", "x "] {
                let (mut fast, mut slow) = (PlainText::default(), PlainText::default());
                fast.push(before);
                slow.push_slow(before);
                fast.push(text);
                slow.push_slow(text);
                fast.push("y");
                slow.push_slow("y");
                assert_eq!(fast.text, slow.text, "{before:?} + {text:?}");
                assert_eq!(
                    single_spaced(text).is_some(),
                    !text.chars().any(|c| c.is_whitespace() && c != ' ')
                        && !text.contains("  ")
                        && !text.contains('\u{1}'),
                    "{text:?}"
                );
            }
        }
    }

    #[test]
    fn whitespace_is_found_without_decoding() {
        let mut buf = [0; 4];
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let enc = c.encode_utf8(&mut buf).as_bytes();
            let want = if c.is_whitespace() { enc.len() } else { 0 };
            assert_eq!(whitespace_len(enc), want, "{:?}", c);
        }
    }

    #[test]
    fn runs_with_single_spaces_are_copied_as_they_are() {
        let mut t = PlainText::default();
        t.push("yksi kaksi");
        t.push(" kolme  neljä\u{2013}viisi ");
        t.push("kuusi\u{a0}");
        t.push(" ");
        t.push("seitsemän\u{e1}");
        assert_eq!(
            t.take(),
            "yksi kaksi kolme neljä\u{2013}viisi kuusi seitsemän\u{e1}"
        );
    }

    #[test]
    fn notes_go_to_the_last_section() {
        let mut s = Sections::default();
        s.text(false).push("intro");
        s.text(true).push("footnote");
        s.start("a", "A");
        s.text(false).push("body");
        let got = s.finish();
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].text, "intro");
        assert_eq!(got[1].id.as_deref(), Some("a"));
        assert_eq!(got[1].text, "body footnote");
    }
}
