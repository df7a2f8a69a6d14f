//! Blocks written by hand instead of by pulldown-cmark: headings with ids and
//! permalinks, callouts as labelled asides, and footnotes gathered at the end.

use std::collections::HashMap;
use std::fmt::Write as _;

use pulldown_cmark::{BlockQuoteKind, CowStr, Event, HeadingLevel, Tag, TagEnd};

use super::plain::PlainText;
use super::slug::{IdSet, slugify};
use super::{Pass, escape_into, html_event};
use crate::error::Diagnostic;
use crate::render::view::Heading;

/// A heading being read: its inline events wait (in `Pass::heading_events`) until its
/// text, and so its id, is known.
#[derive(Debug)]
pub(super) struct OpenHeading<'a> {
    level: HeadingLevel,
    explicit_id: Option<CowStr<'a>>,
    classes: Vec<CowStr<'a>>,
    attrs: Vec<(CowStr<'a>, Option<CowStr<'a>>)>,
    pub(super) text: PlainText,
}

impl<'a> Pass<'a, '_> {
    pub(super) fn open_heading(&mut self, tag: Tag<'a>) {
        if let Tag::Heading {
            level,
            id,
            classes,
            attrs,
        } = tag
        {
            self.heading = Some(OpenHeading {
                level,
                explicit_id: id.filter(|id| !id.is_empty()),
                classes,
                attrs,
                text: PlainText::default(),
            });
        }
    }

    /// The whole heading as one piece of HTML: `<hN id>`, its content, a permalink.
    pub(super) fn close_heading(&mut self, level: HeadingLevel) -> Option<Event<'a>> {
        let Some(mut heading) = self.heading.take() else {
            return self.emit(Event::End(TagEnd::Heading(level)));
        };
        let text = heading.text.take();
        let id = match heading.explicit_id {
            Some(id) => self.ids.claim(id.into_string()),
            None => self.ids.claim(slugify(&text)),
        };
        let mut html = String::with_capacity(text.len() * 2 + id.len() * 2 + 96);
        let _ = write!(html, "<{} id=\"", heading.level);
        escape_into(&mut html, &id);
        html.push('"');
        if !heading.classes.is_empty() {
            html.push_str(" class=\"");
            escape_into(&mut html, &heading.classes.join(" "));
            html.push('"');
        }
        for (name, value) in &heading.attrs {
            html.push(' ');
            escape_into(&mut html, name);
            html.push_str("=\"");
            escape_into(&mut html, value.as_deref().unwrap_or(""));
            html.push('"');
        }
        html.push('>');
        pulldown_cmark::html::push_html(&mut html, self.heading_events.drain(..));
        html.push_str(" <a class=\"permalink\" href=\"#");
        escape_into(&mut html, &id);
        html.push_str("\" aria-label=\"");
        escape_into(&mut html, self.labels.permalink);
        html.push_str(": ");
        escape_into(&mut html, &text);
        let _ = writeln!(html, "\">#</a></{}>", heading.level);
        if !self.notes.is_open() {
            self.sections.start(&id, &text);
        }
        self.toc.push(Heading {
            level: heading.level as u8,
            id,
            text,
        });
        self.emit(html_event(html))
    }

    pub(super) fn open_callout(&mut self, kind: BlockQuoteKind) -> Option<Event<'a>> {
        self.callouts += 1;
        let id = self.ids.claim(format!("callout_{}", self.callouts));
        let (class, label) = match kind {
            BlockQuoteKind::Note => ("note", self.labels.note),
            BlockQuoteKind::Tip => ("tip", self.labels.tip),
            BlockQuoteKind::Important => ("important", self.labels.important),
            BlockQuoteKind::Warning => ("warning", self.labels.warning),
            BlockQuoteKind::Caution => ("caution", self.labels.caution),
        };
        let mut html = format!(
            "<aside class=\"callout callout-{class}\" role=\"note\" aria-labelledby=\"{id}\">\n\
             <p class=\"callout-title\" id=\"{id}\">"
        );
        escape_into(&mut html, label);
        html.push_str("</p>\n");
        self.emit(html_event(html))
    }

    pub(super) fn open_note(&mut self, label: &str, offset: usize) {
        if self.notes.open(label) {
            return;
        }
        let message = format!("footnote `[^{label}]` is defined twice");
        let d = Diagnostic::warning(self.src.path, message)
            .with_hint("only the first definition is shown; give this one another label");
        self.report(d, offset);
    }
}

/// Footnotes of one page, numbered in the order they are first referred to.
#[derive(Debug, Default)]
pub(super) struct Notes<'a> {
    /// Lowercased label -> index into `notes` (labels match case-insensitively).
    by_label: HashMap<String, usize>,
    notes: Vec<Note<'a>>,
    /// The definition being collected, if any; definitions do not nest, but a stack
    /// costs nothing and keeps odd input harmless.
    open: Vec<usize>,
    numbered: usize,
}

#[derive(Debug, Default)]
struct Note<'a> {
    number: Option<usize>,
    id: Option<String>,
    defined: bool,
    /// A second definition of a label: collected and dropped.
    discard: bool,
    body: Vec<Event<'a>>,
}

impl<'a> Notes<'a> {
    fn index(&mut self, label: &str) -> usize {
        let key = label.to_lowercase();
        let next = self.notes.len();
        let index = *self.by_label.entry(key).or_insert(next);
        if index == next {
            self.notes.push(Note::default());
        }
        index
    }

    /// The marker for `[^label]` in the text.
    pub(super) fn reference(&mut self, label: &str, ids: &mut IdSet) -> String {
        let index = self.index(label);
        let note = &mut self.notes[index];
        let number = *note.number.get_or_insert_with(|| {
            self.numbered += 1;
            self.numbered
        });
        let id = note
            .id
            .get_or_insert_with(|| ids.claim(format!("fn_{number}")));
        let back = ids.claim(format!("fnref_{number}"));
        format!("<sup class=\"footnote-ref\"><a href=\"#{id}\" id=\"{back}\">{number}</a></sup>")
    }

    /// Starts collecting a definition; false if the label was defined before.
    pub(super) fn open(&mut self, label: &str) -> bool {
        let index = self.index(label);
        let first = !self.notes[index].defined;
        let index = if first {
            self.notes[index].defined = true;
            index
        } else {
            self.notes.push(Note {
                discard: true,
                ..Note::default()
            });
            self.notes.len() - 1
        };
        self.open.push(index);
        first
    }

    pub(super) fn close(&mut self) {
        self.open.pop();
    }

    pub(super) fn is_open(&self) -> bool {
        !self.open.is_empty()
    }

    pub(super) fn open_body(&mut self) -> Option<&mut Vec<Event<'a>>> {
        let index = *self.open.last()?;
        self.notes.get_mut(index).map(|note| &mut note.body)
    }

    /// Appends the footnotes, referred ones in number order, then any never referred to.
    pub(super) fn finish(mut self, ids: &mut IdSet, out: &mut Vec<Event<'a>>) {
        let mut notes: Vec<Note> = self
            .notes
            .drain(..)
            .filter(|n| n.defined && !n.discard)
            .collect();
        if notes.is_empty() {
            return;
        }
        notes.sort_by_key(|n| n.number.unwrap_or(usize::MAX));
        out.push(html_event("<section class=\"footnotes\">\n<ol>\n".into()));
        for mut note in notes {
            let id = note.id.take().unwrap_or_else(|| {
                self.numbered += 1;
                ids.claim(format!("fn_{}", self.numbered))
            });
            out.push(html_event(format!("<li id=\"{id}\">\n")));
            out.append(&mut note.body);
            out.push(html_event("</li>\n".into()));
        }
        out.push(html_event("</ol>\n</section>\n".into()));
    }
}
