//! The Markdown stage: every page of every language rendered in parallel, links
//! resolved against the assembled site, anchors verified once all are known.

use super::cache::{Cache, Keys, MarkdownResult};
use crate::assemble::{Handbook, LinkTarget, Node, Resolved, relative_href};
use crate::error::{Diagnostic, Diagnostics, did_you_mean};
use crate::markdown::{self, AnchorUse, Labels, Source, Target, TextSection};
use crate::render::Theme;
use crate::render::view::Heading;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;

/// Fixed, language-independent ids of the sections of a channel page.
pub const CHANNEL_IDS: [&str; 7] = [
    "audience",
    "purpose",
    "tone",
    "content",
    "dos",
    "donts",
    "response-time",
];

/// One page's Markdown, rendered for its place in one language. The HTML and the
/// text sections are shared, so that a page `serve` takes from its cache costs no
/// copy of them unless a later stage really renders it again; a one-shot build,
/// the only holder, moves them on.
#[derive(Debug, Clone)]
pub struct RenderedPage {
    pub html: Arc<String>,
    pub toc: Vec<Heading>,
    /// Every id a link may point at: headings, callouts, footnotes, raw HTML ids.
    pub ids: Vec<String>,
    pub sections: Arc<Vec<TextSection>>,
}

/// The value in `shared`, moved out if nothing else holds it, else copied.
pub fn unshare<T: Clone>(shared: Arc<T>) -> T {
    Arc::try_unwrap(shared).unwrap_or_else(|still| T::clone(&still))
}

/// Resolves links of the text shown at one place of the output.
pub struct PlaceResolver<'a> {
    pub hb: &'a Handbook<'a>,
    /// The language of the page being built.
    pub lang: &'a str,
    /// The language the text is written in.
    pub source_lang: &'a str,
    /// The content-relative folder of the source file.
    pub base: String,
    /// Output path of the page being built.
    pub from: &'a str,
}

impl<'a> PlaceResolver<'a> {
    pub fn for_node(hb: &'a Handbook<'a>, lang: &'a str, node: &'a Node) -> Self {
        let page = hb.page(node);
        let base = match page.rel.rsplit_once('/') {
            Some((dir, _)) => format!("{}/{dir}", page.lang),
            None => page.lang.clone(),
        };
        PlaceResolver {
            hb,
            lang,
            source_lang: &page.lang,
            base,
            from: &node.output,
        }
    }

    fn resolve(&self, dest: &str) -> Result<Resolved, String> {
        self.hb
            .resolve_from(self.lang, self.source_lang, &self.base, dest)
    }
}

impl markdown::Resolver for PlaceResolver<'_> {
    fn link(&self, dest: &str) -> Result<Target, String> {
        let r = self.resolve(dest)?;
        let href = relative_href(self.from, &r.output);
        Ok(match r.target {
            LinkTarget::Page { lang, rel } => Target::Page {
                key: format!("{lang}:{rel}"),
                href,
            },
            LinkTarget::Channel { id } => Target::Page {
                key: format!("channel:{id}"),
                href,
            },
            LinkTarget::ChannelOverview { .. } => Target::Page {
                key: "channels".into(),
                href,
            },
            LinkTarget::File => Target::File { href },
        })
    }

    fn image(&self, dest: &str) -> Result<String, String> {
        // Images come from the text's own language folder, else the default's.
        let r = self
            .hb
            .resolve_from(self.source_lang, self.source_lang, &self.base, dest)?;
        match r.target {
            LinkTarget::File => Ok(relative_href(self.from, &r.output)),
            _ => Err(format!("`{dest}` is not an image file")),
        }
    }
}

/// The UI's callout labels in one language.
pub fn labels<'t>(theme: &'t Theme, lang: &str) -> Labels<'t> {
    let ui = theme.ui(lang);
    let get = |k: &str| ui.get(k).map_or("", String::as_str);
    Labels {
        note: get("callout_note"),
        tip: get("callout_tip"),
        important: get("callout_important"),
        warning: get("callout_warning"),
        caution: get("callout_caution"),
        permalink: get("permalink"),
    }
}

/// Renders every node of every language: `result[lang index][node index]`. Pages
/// whose frame and body are unchanged come from `cache`.
pub fn render_markdown(
    hb: &Handbook,
    theme: &Theme,
    keys: &Keys,
    cache: &Cache,
    diags: &mut Diagnostics,
) -> Vec<Vec<RenderedPage>> {
    let jobs: Vec<(usize, usize)> = hb
        .langs
        .iter()
        .enumerate()
        .flat_map(|(l, t)| (0..t.nodes.len()).map(move |n| (l, n)))
        .collect();
    let memo = cache.markdown_memo();
    let results: Vec<(RenderedPage, Vec<AnchorUse>, Vec<Diagnostic>, bool)> = jobs
        .par_iter()
        .map(|&(l, n)| {
            let node = &hb.langs[l].nodes[n];
            let key = memo.map(|_| keys.node(node));
            let r = match memo.zip(key.as_ref()).and_then(|(m, k)| m.get(k)) {
                Some(hit) => hit,
                None => {
                    let r = render_node(hb, theme, &hb.langs[l].lang, node);
                    if let (Some(m), Some(k)) = (memo, key) {
                        m.put(k, r.clone());
                    }
                    r
                }
            };
            (r.page, r.anchors, r.diagnostics, node.is_fallback)
        })
        .collect();
    let mut known: HashMap<String, HashSet<&str>> = HashMap::new();
    for (&(l, n), (r, ..)) in jobs.iter().zip(&results) {
        let tree = &hb.langs[l];
        let ids = known
            .entry(format!("{}:{}", tree.lang, tree.nodes[n].rel))
            .or_default();
        ids.extend(r.ids.iter().map(String::as_str));
    }
    for c in &hb.sources.channels {
        known.insert(
            format!("channel:{}", c.id),
            CHANNEL_IDS.into_iter().collect(),
        );
    }
    for (&(l, n), (_, anchors, ds, is_fallback)) in jobs.iter().zip(&results) {
        diags.extend(ds.iter().cloned());
        if !is_fallback {
            let page = hb.page(&hb.langs[l].nodes[n]);
            check_anchors(&page.source, anchors, &known, diags);
        }
    }
    let mut out: Vec<Vec<RenderedPage>> = hb
        .langs
        .iter()
        .map(|t| Vec::with_capacity(t.nodes.len()))
        .collect();
    for (&(l, _), (r, ..)) in jobs.iter().zip(results) {
        out[l].push(r);
    }
    out
}

/// One node's Markdown, rendered for its place.
fn render_node(hb: &Handbook, theme: &Theme, lang: &str, node: &Node) -> MarkdownResult {
    let page = hb.page(node);
    let resolver = PlaceResolver::for_node(hb, lang, node);
    let src = Source {
        text: &page.body,
        path: &page.source,
        first_line: page.body_line,
    };
    let out = markdown::render(&src, &labels(theme, lang), &resolver);
    MarkdownResult {
        page: RenderedPage {
            html: Arc::new(out.html),
            toc: out.toc,
            ids: out.ids,
            sections: Arc::new(out.sections),
        },
        anchors: out.anchors,
        diagnostics: out.diagnostics,
    }
}

/// Every `#fragment` of a link to another page must name a heading there.
pub fn check_anchors(
    source: &Path,
    anchors: &[AnchorUse],
    known: &HashMap<String, HashSet<&str>>,
    diags: &mut Diagnostics,
) {
    for a in anchors {
        let Some(ids) = known.get(&a.key) else {
            continue;
        };
        if ids.contains(a.fragment.as_str()) {
            continue;
        }
        let mut list: Vec<&str> = ids.iter().copied().collect();
        list.sort_unstable();
        let mut d = Diagnostic::error(
            source,
            format!(
                "the link's `#{}` is not a heading on the page it points to",
                a.fragment
            ),
        )
        .at(a.line, a.column);
        d = match did_you_mean(&a.fragment, &list) {
            Some(best) => d.with_hint(format!("did you mean `#{best}`?")),
            None if list.is_empty() => {
                d.with_hint("that page has no headings; link to the page without `#`")
            }
            None => d.with_hint(format!("its headings are: {}", list.join(", "))),
        };
        diags.push(d);
    }
}
