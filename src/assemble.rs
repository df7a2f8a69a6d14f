//! Pair translations, fill fallbacks, order sections, fix every output path.
//!
//! Each language gets a tree of the same pages: its own where they exist, the
//! default language's (marked as a fallback) where they do not. Output paths are
//! decided here once, so links, navigation and the writer all agree.

mod links;
mod paths;

use crate::error::{Diagnostic, Diagnostics};
use crate::model::{Page, PageKind, Sources};
use crate::parse::frontmatter::strip_order_prefix;
pub use links::{LinkTarget, Resolved};
pub use paths::{relative_href, root_prefix};

/// Resolves `path` relative to the folder `base` (both output-relative).
pub fn normalize_path(base: &str, path: &str) -> Option<String> {
    paths::normalize(base, path)
}
use std::collections::{BTreeMap, HashMap};

/// The assembled site: one tree per language, in `settings.languages` order.
#[derive(Debug)]
pub struct Handbook<'s> {
    pub sources: &'s Sources,
    pub langs: Vec<LangTree>,
    /// Indexes into `sources.channels`, by weight, then id.
    pub channels: Vec<usize>,
    /// Output path of each asset per language folder: (lang, rel) -> output.
    assets: HashMap<(String, String), String>,
}

/// One language's pages in reading order (the front page first).
#[derive(Debug)]
pub struct LangTree {
    pub lang: String,
    pub nodes: Vec<Node>,
    by_rel: HashMap<String, usize>,
}

/// A page as it appears in one language.
#[derive(Debug, Clone, Hash)]
pub struct Node {
    /// The source path below the language folder: the page's identity across languages.
    pub rel: String,
    pub kind: PageKind,
    /// Index into `sources.pages`: the language's own page or the default's.
    pub page: usize,
    pub is_fallback: bool,
    /// Output path relative to the output root: `fi/kanavat/facebook.html`.
    pub output: String,
    pub parent: Option<usize>,
    pub children: Vec<usize>,
    /// 0 for the front page, 1 for its children, ...
    pub depth: usize,
}

impl LangTree {
    pub fn node(&self, rel: &str) -> Option<&Node> {
        self.by_rel.get(rel).map(|&i| &self.nodes[i])
    }

    pub fn index_of(&self, rel: &str) -> Option<usize> {
        self.by_rel.get(rel).copied()
    }
}

impl<'s> Handbook<'s> {
    pub fn page(&self, node: &Node) -> &'s Page {
        &self.sources.pages[node.page]
    }

    pub fn tree(&self, lang: &str) -> Option<&LangTree> {
        self.langs.iter().find(|t| t.lang == lang)
    }

    /// Output path of an asset seen from `lang`'s folder, falling back to the default.
    pub fn asset_output(&self, lang: &str, rel: &str) -> Option<&str> {
        let default = self.sources.settings.default_lang();
        self.assets
            .get(&(lang.to_string(), rel.to_string()))
            .or_else(|| self.assets.get(&(default.to_string(), rel.to_string())))
            .map(String::as_str)
    }

    /// Every asset: (source, output path).
    pub fn asset_outputs(&self) -> impl Iterator<Item = (&std::path::Path, &str)> {
        self.sources.assets.iter().filter_map(|a| {
            self.assets
                .get(&(a.lang.clone(), a.rel.clone()))
                .map(|o| (a.source.as_path(), o.as_str()))
        })
    }
}

/// Builds every language's tree; reports missing sections and output clashes.
pub fn assemble(sources: &Sources) -> Result<Handbook<'_>, Diagnostics> {
    let mut diags = Diagnostics::new();
    let settings = &sources.settings;
    let default = settings.default_lang();
    let mut by_lang: HashMap<(&str, &str), usize> = HashMap::new();
    for (i, p) in sources.pages.iter().enumerate() {
        by_lang.insert((p.lang.as_str(), p.rel.as_str()), i);
    }
    let mut langs = Vec::new();
    for lang in &settings.languages {
        let shown = shown_pages(sources, &by_lang, lang, default);
        langs.push(build_tree(sources, lang, &shown, &mut diags));
    }
    let mut channels: Vec<usize> = (0..sources.channels.len()).collect();
    channels.sort_by(|&a, &b| {
        let (a, b) = (&sources.channels[a], &sources.channels[b]);
        (a.weight, &a.id).cmp(&(b.weight, &b.id))
    });
    let assets = asset_outputs(sources, &langs);
    check_clashes(sources, &langs, &assets, &mut diags);
    if diags.has_errors() {
        return Err(diags);
    }
    Ok(Handbook {
        sources,
        langs,
        channels,
        assets,
    })
}

/// rel -> (page index, is_fallback) for one language, sorted by rel.
fn shown_pages(
    sources: &Sources,
    by_lang: &HashMap<(&str, &str), usize>,
    lang: &str,
    default: &str,
) -> BTreeMap<String, (usize, bool)> {
    let mut shown = BTreeMap::new();
    for p in &sources.pages {
        if p.lang == default || p.lang == lang {
            let own = by_lang.get(&(lang, p.rel.as_str()));
            let entry = match own {
                Some(&i) => (i, false),
                None => (by_lang[&(p.lang.as_str(), p.rel.as_str())], p.lang != lang),
            };
            shown.insert(p.rel.clone(), entry);
        }
    }
    shown
}

fn parent_rel(rel: &str) -> Option<String> {
    if rel == "_index.md" {
        return None;
    }
    let dir = rel.strip_suffix("/_index.md").unwrap_or(rel);
    Some(match dir.rsplit_once('/') {
        Some((parent, _)) => format!("{parent}/_index.md"),
        None => "_index.md".to_string(),
    })
}

/// The file or folder name used to break weight ties.
fn sort_name(rel: &str) -> &str {
    let dir = rel.strip_suffix("/_index.md").unwrap_or(rel);
    dir.rsplit('/').next().unwrap_or(dir)
}

fn build_tree(
    sources: &Sources,
    lang: &str,
    shown: &BTreeMap<String, (usize, bool)>,
    diags: &mut Diagnostics,
) -> LangTree {
    let page = |rel: &str| &sources.pages[shown[rel].0];
    let mut children: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for rel in shown.keys() {
        let Some(parent) = parent_rel(rel) else {
            continue;
        };
        match shown.get_key_value(parent.as_str()) {
            Some((parent, _)) => children.entry(parent.as_str()).or_default().push(rel),
            None => diags.push(missing_parent(lang, &parent, page(rel))),
        }
    }
    for list in children.values_mut() {
        list.sort_by(|a, b| {
            let (pa, pb) = (page(a), page(b));
            (pa.front.weight, sort_name(a)).cmp(&(pb.front.weight, sort_name(b)))
        });
    }
    let mut tree = LangTree {
        lang: lang.to_string(),
        nodes: Vec::new(),
        by_rel: HashMap::new(),
    };
    if shown.contains_key("_index.md") {
        let ctx = TreeCtx {
            sources,
            lang,
            shown,
            children: &children,
        };
        ctx.visit("_index.md", None, 0, &mut tree);
    } else if !sources.pages.is_empty() || lang == sources.settings.default_lang() {
        diags.push(
            Diagnostic::error(
                format!("content/{lang}/_index.md"),
                "the language has no front page",
            )
            .with_hint("create it with `title:` in its front matter and an introduction below"),
        );
    }
    tree
}

struct TreeCtx<'a> {
    sources: &'a Sources,
    lang: &'a str,
    shown: &'a BTreeMap<String, (usize, bool)>,
    children: &'a BTreeMap<&'a str, Vec<&'a str>>,
}

impl TreeCtx<'_> {
    fn visit(&self, rel: &str, parent: Option<usize>, depth: usize, tree: &mut LangTree) -> usize {
        let (page_idx, is_fallback) = self.shown[rel];
        let page = &self.sources.pages[page_idx];
        let dir = parent.map_or(String::new(), |p| output_dir(&tree.nodes[p]));
        let output = match page.kind {
            PageKind::Front => format!("{}/index.html", self.lang),
            PageKind::Section => format!("{dir}{}/index.html", slug_of(page)),
            PageKind::Chapter => format!("{dir}{}.html", slug_of(page)),
        };
        let idx = tree.nodes.len();
        tree.nodes.push(Node {
            rel: rel.to_string(),
            kind: page.kind,
            page: page_idx,
            is_fallback,
            output,
            parent,
            children: Vec::new(),
            depth,
        });
        tree.by_rel.insert(rel.to_string(), idx);
        for child in self.children.get(rel).into_iter().flatten() {
            let c = self.visit(child, Some(idx), depth + 1, tree);
            tree.nodes[idx].children.push(c);
        }
        idx
    }
}

/// The folder a node's children are written into, with a trailing `/`.
fn output_dir(node: &Node) -> String {
    match node.output.rsplit_once('/') {
        Some((dir, _)) => format!("{dir}/"),
        None => String::new(),
    }
}

/// The output name: `slug`, else the file (or folder) stem without its order prefix.
pub fn slug_of(page: &Page) -> String {
    if let Some(slug) = &page.front.slug {
        return slug.clone();
    }
    let name = sort_name(&page.rel);
    let stem = name.strip_suffix(".md").unwrap_or(name);
    strip_order_prefix(stem).to_string()
}

fn missing_parent(lang: &str, parent: &str, child: &Page) -> Diagnostic {
    Diagnostic::error(
        &child.source,
        format!("the folder of this page has no `{parent}` in content/{lang}/"),
    )
    .with_hint(format!(
        "every folder is a section: create content/{}/{parent} with a `title:`",
        child.lang
    ))
}

/// Assets keep their file name; folders that are sections take the section's output folder.
fn asset_outputs(sources: &Sources, langs: &[LangTree]) -> HashMap<(String, String), String> {
    let mut out = HashMap::new();
    for asset in &sources.assets {
        let Some(tree) = langs.iter().find(|t| t.lang == asset.lang) else {
            continue;
        };
        let (dir, name) = asset.rel.rsplit_once('/').unwrap_or(("", &asset.rel));
        let out_dir = if dir.is_empty() {
            format!("{}/", asset.lang)
        } else {
            match tree.node(&format!("{dir}/_index.md")) {
                Some(section) => output_dir(section),
                None => format!("{}/{dir}/", asset.lang),
            }
        };
        out.insert(
            (asset.lang.clone(), asset.rel.clone()),
            format!("{out_dir}{name}"),
        );
    }
    out
}

/// Two sources writing one file, or a page taking a name the build needs itself.
fn check_clashes(
    sources: &Sources,
    langs: &[LangTree],
    assets: &HashMap<(String, String), String>,
    diags: &mut Diagnostics,
) {
    let mut owners: BTreeMap<String, String> = BTreeMap::new();
    for tree in langs {
        for reserved in ["print.html", "channels/index.html", "search"] {
            owners.insert(
                format!("{}/{reserved}", tree.lang),
                "the build itself".into(),
            );
        }
    }
    let mut claim = |output: &str, who: String, diags: &mut Diagnostics| {
        if let Some(first) = owners.get(output) {
            diags.push(
                Diagnostic::error(
                    &who,
                    format!("this would write `{output}`, which {first} writes too"),
                )
                .with_hint("give one of them another `slug:` or file name"),
            );
        } else {
            owners.insert(output.to_string(), who);
        }
    };
    for tree in langs {
        let l = &tree.lang;
        for node in &tree.nodes {
            let reserved_dir = node.output.starts_with(&format!("{l}/channels/"))
                || node.output.starts_with(&format!("{l}/search/"));
            let source = sources.pages[node.page]
                .source
                .to_string_lossy()
                .into_owned();
            if reserved_dir {
                diags.push(
                    Diagnostic::error(
                        &source,
                        format!("`{}` is reserved for the build's own pages", node.output),
                    )
                    .with_hint("rename the folder or set another `slug:` in its _index.md"),
                );
            }
            claim(&node.output, source, diags);
        }
    }
    for asset in &sources.assets {
        if let Some(out) = assets.get(&(asset.lang.clone(), asset.rel.clone())) {
            claim(out, asset.source.to_string_lossy().into_owned(), diags);
        }
    }
}
