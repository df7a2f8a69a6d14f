//! Assembled pages -> typed view structs for the templates.
//!
//! Navigation is built per page from the page's own neighbourhood (all top-level
//! entries plus the current section), so its size never grows with the handbook.

use super::Theme;
use super::view::*;
use crate::assemble::{Handbook, LangTree, Node, relative_href};
use crate::error::Diagnostic;
use crate::model::PageKind;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};

/// The nav entries before and after the current one, rendered, per
/// (output folder, current top-level node).
type NavParts = HashMap<(String, Option<usize>), (String, String)>;

/// What every page of one language shares.
pub struct LangCtx<'a> {
    pub hb: &'a Handbook<'a>,
    pub tree: &'a LangTree,
    pub ui: &'a BTreeMap<String, String>,
    pub title: &'a str,
    /// Output-root-relative paths of the search index scripts to load first.
    pub search_entry: &'a [String],
    nav_parts: NavParts,
}

impl<'a> LangCtx<'a> {
    /// Prepares one language's shared parts, rendering the navigation entries that
    /// every page of a folder shares once per folder.
    pub fn new(
        hb: &'a Handbook<'a>,
        tree: &'a LangTree,
        ui: &'a BTreeMap<String, String>,
        title: &'a str,
        search_entry: &'a [String],
        theme: &Theme,
    ) -> Result<Self, Diagnostic> {
        let mut lc = LangCtx {
            hb,
            tree,
            ui,
            title,
            search_entry,
            nav_parts: HashMap::new(),
        };
        lc.nav_parts = lc.render_nav_parts(theme)?;
        Ok(lc)
    }

    fn render_nav_parts(&self, theme: &Theme) -> Result<NavParts, Diagnostic> {
        let lang = self.lang();
        let mut keys: Vec<(String, Option<usize>)> = (0..self.tree.nodes.len())
            .map(|i| (dir_of(&self.tree.nodes[i].output), self.top_of(i)))
            .collect();
        for dir in [format!("{lang}/channels"), lang.to_string(), String::new()] {
            keys.push((dir, None));
        }
        keys.sort_unstable();
        keys.dedup();
        let default_lang = self.hb.sources.settings.default_lang();
        keys.into_par_iter()
            .map(|(dir, top)| {
                let from = format!("{dir}/x.html");
                let tops = &self.tree.nodes[0].children;
                let split = top.and_then(|t| tops.iter().position(|&c| c == t));
                let entries: Vec<NavSection> = tops
                    .iter()
                    .filter(|&&c| Some(c) != top)
                    .map(|&c| self.nav_section(&from, c, false))
                    .collect();
                let cut = split.unwrap_or(entries.len());
                let render = |entries: &[NavSection]| {
                    theme.render_fragment(
                        "nav_entries.html",
                        &NavEntries {
                            entries,
                            default_lang,
                        },
                    )
                };
                let parts = (render(&entries[..cut])?, render(&entries[cut..])?);
                Ok(((dir, top), parts))
            })
            .collect()
    }

    /// The top-level node that is or holds node `idx` (none for the front page).
    fn top_of(&self, idx: usize) -> Option<usize> {
        self.ancestry(idx).get(1).copied()
    }

    fn nav_section(&self, from: &str, idx: usize, is_current: bool) -> NavSection {
        let node = &self.tree.nodes[idx];
        NavSection {
            title: self.node_title(node),
            href: relative_href(from, &node.output),
            is_current,
            is_fallback: node.is_fallback,
            chapters: Vec::new(),
        }
    }

    fn nav_at(&self, from: &str, top: Option<usize>) -> (&str, &str) {
        self.nav_parts
            .get(&(dir_of(from), top))
            .map_or(("", ""), |(b, a)| (b.as_str(), a.as_str()))
    }
    pub fn lang(&self) -> &'a str {
        &self.tree.lang
    }

    fn ui_text(&self, key: &str) -> String {
        self.ui.get(key).cloned().unwrap_or_else(|| key.to_string())
    }

    /// The site facts as seen from `output`; `same_page` gives this page's output in
    /// another language and whether it is a fallback there.
    pub fn site(
        &self,
        output: &str,
        same_page: &dyn Fn(&LangTree) -> Option<(String, bool)>,
    ) -> SiteView<'a> {
        let settings = &self.hb.sources.settings;
        let lang = self.lang();
        let absolute = |path: &str| settings.base_url.as_ref().map(|b| format!("{b}{path}"));
        let alternates = self
            .hb
            .langs
            .iter()
            .filter_map(|t| {
                let (out, is_fallback) = same_page(t)?;
                Some(Alternate {
                    lang: t.lang.clone(),
                    name: self.ui_text(&format!("lang_{}", t.lang)),
                    href: relative_href(output, &out),
                    absolute: absolute(&out),
                    is_current: t.lang == lang,
                    is_fallback,
                })
            })
            .collect();
        SiteView {
            title: self.title,
            lang,
            default_lang: settings.default_lang(),
            root: crate::assemble::root_prefix(output),
            home: relative_href(output, &format!("{lang}/index.html")),
            print: relative_href(output, &format!("{lang}/print.html")),
            channels: relative_href(output, &format!("{lang}/channels/index.html")),
            r#static: format!("{}static/", crate::assemble::root_prefix(output)),
            search_index: self
                .search_entry
                .iter()
                .map(|e| relative_href(output, e))
                .collect(),
            alternates,
            canonical: absolute(output),
        }
    }

    fn node_title(&self, node: &Node) -> String {
        self.hb.page(node).front.title.clone()
    }

    fn link(&self, from: &str, node: &Node) -> Link {
        Link {
            title: self.node_title(node),
            href: relative_href(from, &node.output),
        }
    }

    fn entry(&self, from: &str, node: &Node) -> Entry {
        let page = self.hb.page(node);
        Entry {
            title: page.front.title.clone(),
            href: relative_href(from, &node.output),
            description: page.front.description.clone(),
            is_fallback: node.is_fallback,
        }
    }

    /// The chain from the front page down to `idx`, inclusive.
    fn ancestry(&self, idx: usize) -> Vec<usize> {
        let mut chain = vec![idx];
        let mut cur = idx;
        while let Some(p) = self.tree.nodes[cur].parent {
            chain.push(p);
            cur = p;
        }
        chain.reverse();
        chain
    }

    fn nav(&self, idx: usize) -> NavView<'_> {
        let from = &self.tree.nodes[idx].output;
        let top = self.top_of(idx);
        let (before, after) = self.nav_at(from, top);
        let current = top.map(|t| {
            let mut section = self.nav_section(from, t, true);
            self.flatten(t, 0, idx, &mut section.chapters);
            section
        });
        NavView {
            before,
            current,
            after,
        }
    }

    fn flatten(&self, parent: usize, depth: usize, current: usize, out: &mut Vec<NavItem>) {
        let from = &self.tree.nodes[current].output;
        for &c in &self.tree.nodes[parent].children {
            let node = &self.tree.nodes[c];
            out.push(NavItem {
                title: self.node_title(node),
                href: relative_href(from, &node.output),
                is_current: c == current,
                is_fallback: node.is_fallback,
                depth,
            });
            self.flatten(c, depth + 1, current, out);
        }
    }

    fn contents(&self, from: &str, idx: usize) -> Vec<TocNode> {
        self.tree.nodes[idx]
            .children
            .iter()
            .map(|&c| {
                let e = self.entry(from, &self.tree.nodes[c]);
                TocNode {
                    title: e.title,
                    href: e.href,
                    description: e.description,
                    is_fallback: e.is_fallback,
                    children: self.contents(from, c),
                }
            })
            .collect()
    }

    /// The context of a Markdown page (front, section or chapter).
    pub fn page(&self, idx: usize, html: String, toc: Vec<Heading>) -> PageContext<'_> {
        let node = &self.tree.nodes[idx];
        let page = self.hb.page(node);
        let from = node.output.as_str();
        let rel = node.rel.clone();
        let site = self.site(from, &|t: &LangTree| {
            t.node(&rel).map(|n| (n.output.clone(), n.is_fallback))
        });
        let mut chain = self.ancestry(idx);
        chain.pop(); // the theme shows the current page's title itself
        let breadcrumbs = chain
            .iter()
            .map(|&i| self.link(from, &self.tree.nodes[i]))
            .collect();
        let neighbour = |i: Option<usize>| i.map(|i| self.link(from, &self.tree.nodes[i]));
        let kind = match node.kind {
            PageKind::Front => PageType::Front,
            PageKind::Section => PageType::Section,
            PageKind::Chapter => PageType::Chapter,
        };
        let is_front = node.kind == PageKind::Front;
        PageContext {
            site,
            ui: self.ui,
            page: PageView {
                kind,
                title: page.front.title.clone(),
                description: page.front.description.clone(),
                html,
                toc,
                owner: page.front.owner.clone(),
                reviewed: page.front.reviewed.map(|d| d.to_string()),
                is_fallback: node.is_fallback,
                content_lang: page.lang.clone(),
                path: node.output.clone(),
            },
            nav: self.nav(idx),
            breadcrumbs,
            prev: neighbour(idx.checked_sub(1)),
            next: neighbour(Some(idx + 1).filter(|&i| i < self.tree.nodes.len())),
            children: node
                .children
                .iter()
                .map(|&c| self.entry(from, &self.tree.nodes[c]))
                .collect(),
            contents: if is_front {
                self.contents(from, idx)
            } else {
                Vec::new()
            },
            channels: Vec::new(),
            channel: None,
            print: Vec::new(),
            languages: Vec::new(),
        }
    }

    /// A page the build makes itself (channels, print, 404), placed at `output`.
    pub fn generated(&self, kind: PageType, output: &str, title: String) -> PageContext<'_> {
        let suffix = output
            .split_once('/')
            .map_or(output, |(_, rest)| rest)
            .to_string();
        let site = self.site(output, &|t: &LangTree| {
            Some((format!("{}/{suffix}", t.lang), false))
        });
        let front = &self.tree.nodes[0];
        let breadcrumbs = vec![self.link(output, front)];
        PageContext {
            site,
            ui: self.ui,
            page: PageView {
                kind,
                title,
                description: None,
                html: String::new(),
                toc: Vec::new(),
                owner: None,
                reviewed: None,
                is_fallback: false,
                content_lang: self.lang().to_string(),
                path: output.to_string(),
            },
            nav: self.nav_outside(output),
            breadcrumbs,
            prev: None,
            next: None,
            children: Vec::new(),
            contents: Vec::new(),
            channels: Vec::new(),
            channel: None,
            print: Vec::new(),
            languages: Vec::new(),
        }
    }

    /// Navigation for a page that is not in the tree: top-level entries only.
    fn nav_outside(&self, from: &str) -> NavView<'_> {
        let (before, after) = self.nav_at(from, None);
        NavView {
            before,
            current: None,
            after,
        }
    }
}

/// The folder of an output path, without a trailing `/` (`""` at the root).
fn dir_of(output: &str) -> String {
    output
        .rsplit_once('/')
        .map_or(String::new(), |(d, _)| d.to_string())
}
