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
        // Byte by byte, decoding only non-ASCII characters, and copying whole words:
        // this runs over every word of every page.
        let bytes = s.as_bytes();
        let mut word = 0;
        let mut i = 0;
        while i < bytes.len() {
            let (space, len) = match bytes[i] {
                b' ' | b'\t'..=b'\r' => (true, 1),
                b if b.is_ascii() => (false, 1),
                _ => s[i..]
                    .chars()
                    .next()
                    .map_or((false, 1), |c| (c.is_whitespace(), c.len_utf8())),
            };
            if space {
                self.word(&s[word..i]);
                self.gap = true;
                word = i + len;
            }
            i += len;
        }
        self.word(&s[word..]);
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
