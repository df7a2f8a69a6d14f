//! The one place pulldown-cmark is configured and driven: Markdown text in, HTML and facts out.
//!
//! [`render`] is pure: links and images are resolved through a [`Resolver`] the caller
//! supplies, and every problem comes back as a [`Diagnostic`] with its line and column.
//!
//! One pass over the parsed events rewrites them (headings with ids and permalinks,
//! callouts as asides, footnotes moved to the end, links and images resolved) and
//! hands them straight to pulldown-cmark's HTML writer: nothing of the page is held
//! in memory but the HTML itself, a heading's own events and the footnotes.
//!
//! Ids generated for callouts and footnotes (`callout_1`, `fn_1`, `fnref_1`) contain
//! `_`, which [`slugify`] never produces, so a heading's id depends only on the
//! headings before it: links to it stay stable when callouts come and go.

mod blocks;
mod links;
mod plain;
mod raw;
mod slug;
#[cfg(test)]
mod tests;

use std::ops::Range;
use std::path::Path;

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd, html};

use crate::error::{Diagnostic, LineIndex, did_you_mean};
use crate::render::view::Heading;

pub use slug::slugify;

/// The Markdown to render and where it came from.
#[derive(Debug, Clone, Copy)]
pub struct Source<'a> {
    /// Markdown body (front matter already removed).
    pub text: &'a str,
    /// Site-relative path for messages, e.g. `content/fi/ohje.md`.
    pub path: &'a Path,
    /// 1-based line in the file where `text` starts (added to line numbers).
    pub first_line: usize,
}

/// UI strings in the page's language.
#[derive(Debug, Clone, Copy)]
pub struct Labels<'a> {
    pub note: &'a str,
    pub tip: &'a str,
    pub important: &'a str,
    pub warning: &'a str,
    pub caution: &'a str,
    /// Accessible name of a heading's permalink, followed by `: <heading text>`.
    pub permalink: &'a str,
}

/// What a relative link points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A page; `key` identifies it for the anchor checks after every page is rendered.
    Page { key: String, href: String },
    /// Anything else that is copied to the output, e.g. a PDF.
    File { href: String },
}

/// Turns link and image paths as written into hrefs of the output.
pub trait Resolver {
    /// A relative link destination as written, without its `#fragment`, e.g.
    /// `kanavat/facebook.md` or `../channels/x.yaml`. `Err` says why it points at nothing
    /// or is not allowed (it leaves `content/`).
    fn link(&self, dest: &str) -> Result<Target, String>;
    /// An image path as written; the href to use in the output, or why there is none.
    fn image(&self, dest: &str) -> Result<String, String>;
}

/// A link to another page with a fragment, to verify once every page is rendered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnchorUse {
    pub key: String,
    /// Percent-decoded, without the `#`.
    pub fragment: String,
    pub line: usize,
    pub column: usize,
}

/// The plain text of one heading's section, for the search index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextSection {
    /// `None` for the first section: the text before the first heading (always present,
    /// possibly empty).
    pub id: Option<String>,
    pub heading: Option<String>,
    pub text: String,
}

/// A rendered page body and the facts found while rendering it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub html: String,
    /// Every heading (h1 to h6) in order, with its final id.
    pub toc: Vec<Heading>,
    /// Links to other pages with a fragment.
    pub anchors: Vec<AnchorUse>,
    pub sections: Vec<TextSection>,
    /// Sorted by line and column.
    pub diagnostics: Vec<Diagnostic>,
    /// Every id in `html` a fragment may point at (headings, callouts, footnotes, ids
    /// written in raw HTML), sorted: check other pages' [`AnchorUse`]s against this.
    pub ids: Vec<String>,
}

/// The Markdown dialect of SPEC.md: CommonMark, tables, footnotes, strikethrough,
/// task lists, heading ids and GitHub's callouts.
const OPTIONS: Options = Options::ENABLE_TABLES
    .union(Options::ENABLE_FOOTNOTES)
    .union(Options::ENABLE_STRIKETHROUGH)
    .union(Options::ENABLE_TASKLISTS)
    .union(Options::ENABLE_HEADING_ATTRIBUTES)
    .union(Options::ENABLE_GFM);

/// Renders one Markdown body to HTML.
/// The words of a short Markdown text without its markup (link targets dropped), for
/// search documents of texts that are not pages, such as channel descriptions.
pub fn plain_text(markdown: &str) -> String {
    use pulldown_cmark::{Event, Parser, TagEnd};
    let mut out = String::with_capacity(markdown.len());
    for event in Parser::new(markdown) {
        let gap = match event {
            Event::Text(t) | Event::Code(t) => {
                out.push_str(&t);
                false
            }
            Event::SoftBreak | Event::HardBreak => true,
            Event::End(end) => matches!(
                end,
                TagEnd::Paragraph
                    | TagEnd::Heading(_)
                    | TagEnd::Item
                    | TagEnd::TableCell
                    | TagEnd::CodeBlock
                    | TagEnd::BlockQuote(_)
            ),
            _ => false,
        };
        if gap && !out.ends_with(' ') {
            out.push(' ');
        }
    }
    out.trim_end().to_string()
}

pub fn render(src: &Source, labels: &Labels, resolver: &dyn Resolver) -> Rendered {
    let mut pass = Pass {
        src,
        labels,
        resolver,
        lines: None,
        heading_events: Vec::new(),
        toc: Vec::new(),
        ids: slug::IdSet::default(),
        heading: None,
        callouts: 0,
        notes: blocks::Notes::default(),
        images: Vec::new(),
        sections: plain::Sections::default(),
        local_anchors: Vec::new(),
        anchors: Vec::new(),
        diagnostics: Vec::new(),
    };
    // Markup-heavy pages come out at about twice their Markdown.
    let mut html = String::with_capacity(src.text.len() * 2 + 256);
    // Every event becomes at most one event, so the writer takes them as they come.
    let page = Parser::new_ext(src.text, OPTIONS)
        .into_offset_iter()
        .filter_map(|(event, range)| pass.event(event, range));
    html::push_html(&mut html, page);
    pass.finish(html)
}

/// What is known while reading one page.
struct Pass<'a, 'r> {
    src: &'r Source<'a>,
    labels: &'r Labels<'r>,
    resolver: &'r dyn Resolver,
    /// Built on the first position asked for: most pages never need one.
    lines: Option<LineIndex>,
    toc: Vec<Heading>,
    ids: slug::IdSet,
    heading: Option<blocks::OpenHeading<'a>>,
    /// The inline events of the heading being read; kept to reuse its memory.
    heading_events: Vec<Event<'a>>,
    callouts: usize,
    notes: blocks::Notes<'a>,
    /// Images being written: start offset, and whether any alt text was seen.
    images: Vec<(usize, bool)>,
    sections: plain::Sections,
    /// `#fragment` links to this page, checked once every id is known.
    local_anchors: Vec<(String, usize)>,
    anchors: Vec<AnchorUse>,
    diagnostics: Vec<Diagnostic>,
}

impl<'a> Pass<'a, '_> {
    /// The event to write in place of `event`, if any.
    fn event(&mut self, event: Event<'a>, range: Range<usize>) -> Option<Event<'a>> {
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(end) => self.end(end),
            Event::Text(text) => {
                self.plain_text(&text);
                self.emit(Event::Text(text))
            }
            Event::Code(code) => {
                self.plain_text(&code);
                self.emit(Event::Code(code))
            }
            Event::Html(html) => {
                self.raw_html(&html, range);
                self.emit(Event::Html(html))
            }
            Event::InlineHtml(html) => {
                self.raw_html(&html, range);
                self.emit(Event::InlineHtml(html))
            }
            Event::FootnoteReference(label) => {
                let html = self.notes.reference(&label, &mut self.ids);
                self.emit(html_event(html))
            }
            Event::SoftBreak | Event::HardBreak | Event::Rule => {
                self.gap();
                self.emit(event)
            }
            other => self.emit(other),
        }
    }

    fn start(&mut self, tag: Tag<'a>, range: Range<usize>) -> Option<Event<'a>> {
        let tag = match tag {
            Tag::Heading { .. } => {
                self.open_heading(tag);
                return None;
            }
            Tag::BlockQuote(Some(kind)) => return self.open_callout(kind),
            Tag::FootnoteDefinition(label) => {
                self.open_note(&label, range.start);
                return None;
            }
            Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            } => Tag::Link {
                dest_url: self.link_dest(link_type, dest_url, range.start),
                link_type,
                title,
                id,
            },
            Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            } => {
                self.images.push((range.start, false));
                Tag::Image {
                    dest_url: self.image_src(dest_url, range.start),
                    link_type,
                    title,
                    id,
                }
            }
            other => {
                if !is_inline(other.to_end()) {
                    self.gap();
                }
                other
            }
        };
        self.emit(Event::Start(tag))
    }

    fn end(&mut self, end: TagEnd) -> Option<Event<'a>> {
        match end {
            TagEnd::Heading(level) => return self.close_heading(level),
            TagEnd::BlockQuote(Some(_)) => return self.emit(Event::Html("</aside>\n".into())),
            TagEnd::FootnoteDefinition => {
                self.notes.close();
                return None;
            }
            TagEnd::Image => self.close_image(),
            other if !is_inline(other) => self.gap(),
            _ => {}
        }
        self.emit(Event::End(end))
    }

    /// Passes an event on to the page, or keeps it for the heading or footnote being
    /// collected.
    fn emit(&mut self, event: Event<'a>) -> Option<Event<'a>> {
        if self.heading.is_some() {
            self.heading_events.push(event);
            return None;
        }
        match self.notes.open_body() {
            Some(body) => {
                body.push(event);
                None
            }
            None => Some(event),
        }
    }

    /// Text a reader sees: alt text for the image being written, search text for the
    /// section or heading.
    fn plain_text(&mut self, text: &str) {
        if let Some((_, has_alt)) = self.images.last_mut() {
            *has_alt |= !text.trim().is_empty();
        }
        if let Some(heading) = self.heading.as_mut() {
            heading.text.push(text);
        } else if !cfg!(feature = "bench-without-search") {
            // Only the search index reads the sections' text (benches/search_share.sh
            // times a build without it).
            let in_note = self.notes.is_open();
            self.sections.text(in_note).push(text);
        }
    }

    fn gap(&mut self) {
        if let Some(heading) = self.heading.as_mut() {
            heading.text.gap();
        } else {
            let in_note = self.notes.is_open();
            self.sections.text(in_note).gap();
        }
    }

    fn raw_html(&mut self, html: &str, range: Range<usize>) {
        let written = self.src.text.get(range.clone()).unwrap_or(html);
        let script = raw::find_script(written)
            .map(|at| range.start + at)
            .or_else(|| raw::find_script(html).map(|_| range.start));
        if let Some(at) = script {
            let d = Diagnostic::warning(self.src.path, "raw HTML `<script>` in Markdown")
                .with_hint(
                    "scripts belong in the theme (themes/<name>/), where one reviewed copy \
                     serves every page; remove it from the chapter",
                );
            self.report(d, at);
        }
        let mut repeated = Vec::new();
        raw::ids_in(html, |id| {
            if !self.ids.reserve(id) {
                repeated.push(id.to_owned());
            }
        });
        for id in repeated {
            let message = format!("the id `{id}` is used twice on this page");
            let d = Diagnostic::warning(self.src.path, message).with_hint(
                "links to it go to the first one; give this element another id \
                 (headings get theirs from their text)",
            );
            self.report(d, range.start);
        }
    }

    /// Adds the problem at a byte offset of the text, as a 1-based line and column of
    /// the file.
    fn report(&mut self, d: Diagnostic, offset: usize) {
        let (line, column) = self.position(offset);
        self.diagnostics.push(d.at(line, column));
    }

    fn position(&mut self, offset: usize) -> (usize, usize) {
        let text = self.src.text;
        let lines = self.lines.get_or_insert_with(|| LineIndex::new(text));
        let (line, column) = lines.position(text, offset);
        (line + self.src.first_line.max(1) - 1, column)
    }

    fn finish(mut self, mut html: String) -> Rendered {
        // The footnotes are a block of their own at the end: a fresh writer is fine.
        let mut notes = Vec::new();
        std::mem::take(&mut self.notes).finish(&mut self.ids, &mut notes);
        html::push_html(&mut html, notes.into_iter());
        self.check_local_anchors();
        let mut ids: Vec<String> = self.ids.iter().map(str::to_owned).collect();
        ids.sort_unstable();
        self.diagnostics
            .sort_by_key(|d| (d.line.unwrap_or(0), d.column.unwrap_or(0)));
        Rendered {
            html,
            toc: self.toc,
            anchors: self.anchors,
            sections: self.sections.finish(),
            diagnostics: self.diagnostics,
            ids,
        }
    }

    /// `[..](#id)` must name an id of this page.
    fn check_local_anchors(&mut self) {
        for (fragment, offset) in std::mem::take(&mut self.local_anchors) {
            if self.ids.contains(&fragment) {
                continue;
            }
            let headings: Vec<&str> = self.toc.iter().map(|h| h.id.as_str()).collect();
            let hint = match did_you_mean(&fragment, &headings) {
                Some(id) => format!("did you mean `#{id}`?"),
                None => "heading ids are made from their text: `## Vastaaminen` -> `#vastaaminen`"
                    .to_owned(),
            };
            let message = format!("no heading with id `{fragment}` on this page");
            let d = Diagnostic::error(self.src.path, message).with_hint(hint);
            self.report(d, offset);
        }
    }
}

/// Tags that live inside a line of text: no word break around them.
fn is_inline(end: TagEnd) -> bool {
    matches!(
        end,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
}

/// Escapes text for an HTML attribute value or element content.
pub(crate) fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
}

/// An owned HTML string as an event payload.
fn html_event<'a>(html: String) -> Event<'a> {
    Event::Html(CowStr::from(html))
}
