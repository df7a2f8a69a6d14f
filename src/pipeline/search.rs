//! Each language's search index in a build: its documents, taken from the rendered
//! pages and the channel profiles, and the task that builds (or takes from the
//! cache) and writes its files beside the page rendering of [`super::pages`].

use super::pages::Common;
use super::resolve::{CHANNEL_IDS, RenderedPage, unshare};
use crate::assemble::{Handbook, LangTree};
use crate::error::Diagnostic;
use crate::markdown;
use crate::model::Channel;
use crate::model::Sources;
use crate::search::{self, Analyzer, ChunkStore, DocSection, IndexFile, SearchDoc};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::sync::atomic::AtomicBool;
use std::sync::{Mutex, PoisonError};

/// A language's search index as built (or taken from the cache) for this build.
struct BuiltIndex {
    files: Vec<IndexFile>,
    entry: String,
    /// Whether it was built fresh (and so is worth keeping).
    fresh: bool,
}

/// Starts one language's search index: a task that builds it from the pages' text
/// (taken out of `pages`), or takes it from the cache, and writes its files (and
/// its problems into `slot`).
pub(super) fn start_index<'s>(
    common: Common<'s>,
    tasks: &rayon::Scope<'s>,
    tree: &'s LangTree,
    lang_key: Option<u64>,
    pages: &mut [RenderedPage],
    slot: &'s Mutex<Vec<Diagnostic>>,
) {
    let Common {
        hb,
        theme,
        cache,
        out,
        analyzers,
        ..
    } = common;
    let lang = tree.lang.as_str();
    let cached = cache
        .search_memo()
        .zip(lang_key)
        .and_then(|(m, k)| m.get(&k));
    let docs = match cached {
        Some(_) => Vec::new(),
        // benches/search_share.sh: a build without the index, to time what it adds.
        None if cfg!(feature = "bench-without-search") => Vec::new(),
        None => search_docs(hb, tree, pages, theme.ui(lang)),
    };
    tasks.spawn(move |_| {
        // Written as soon as built: the files' bytes, as large as the pages' text,
        // are not held while the other pages render.
        let index = language_index(hb, analyzers, lang, docs, cached, cache.search_chunks());
        if let (true, Some(m), Some(k)) = (index.fresh, cache.search_memo(), lang_key) {
            m.put(k, (index.files.clone(), index.entry.clone()));
        }
        let errors = index
            .files
            .into_iter()
            .filter_map(|f| super::put_error(out, &f.path, f.bytes));
        slot.lock()
            .unwrap_or_else(PoisonError::into_inner)
            .extend(errors);
    });
}

/// One language's search index: `cached` when the cache had it, else built.
fn language_index(
    hb: &Handbook,
    analyzers: &BTreeMap<String, Analyzer>,
    lang: &str,
    docs: Vec<SearchDoc>,
    cached: Option<(Vec<IndexFile>, String)>,
    chunks: Option<&dyn ChunkStore>,
) -> BuiltIndex {
    if let Some((files, entry)) = cached {
        return BuiltIndex {
            files,
            entry,
            fresh: false,
        };
    }
    let synonyms = hb
        .sources
        .settings
        .synonyms
        .get(lang)
        .map_or(&[][..], Vec::as_slice);
    let fresh;
    let analyzer = match analyzers.get(lang) {
        Some(a) => a,
        None => {
            fresh = Analyzer::new(lang);
            &fresh
        }
    };
    let index = search::build_index_from(analyzer, lang, docs, synonyms, chunks);
    BuiltIndex {
        files: index.files,
        entry: index.entry,
        fresh: true,
    }
}

/// Every language's analyzer, having stemmed the words of the language's pages
/// (their titles, descriptions and Markdown) until `stop` is set: the index builds
/// meet most of these words in the rendered text, and need not stem them then.
pub(super) fn analyzers(sources: &Sources, stop: &AtomicBool) -> BTreeMap<String, Analyzer> {
    let langs = &sources.settings.languages;
    langs
        .iter()
        .map(|lang| {
            let mut analyzer = Analyzer::new(lang);
            if !cfg!(feature = "bench-without-search") {
                let pages = sources.pages.iter().filter(|p| &p.lang == lang);
                let texts = pages.flat_map(|p| {
                    let description = p.front.description.as_deref().unwrap_or("");
                    [p.front.title.as_str(), description, p.body.as_str()]
                });
                analyzer.learn(texts, stop);
            }
            (lang.clone(), analyzer)
        })
        .collect()
}

/// Search documents of one language: every page and every channel. The pages'
/// text sections move into the documents (nothing after this needs them).
fn search_docs(
    hb: &Handbook,
    tree: &LangTree,
    pages: &mut [RenderedPage],
    ui: &BTreeMap<String, String>,
) -> Vec<SearchDoc> {
    let lang_prefix = format!("{}/", tree.lang);
    let mut docs: Vec<SearchDoc> = tree
        .nodes
        .par_iter()
        .zip(pages.par_iter_mut())
        .map(|(node, p)| {
            let page = hb.page(node);
            let crumb = node
                .parent
                .filter(|&i| i > 0)
                .map(|i| hb.page(&tree.nodes[i]).front.title.clone())
                .unwrap_or_default();
            SearchDoc {
                href: node
                    .output
                    .strip_prefix(&lang_prefix)
                    .unwrap_or(&node.output)
                    .to_string(),
                title: page.front.title.clone(),
                crumb,
                description: page.front.description.clone(),
                sections: unshare(std::mem::take(&mut p.sections))
                    .into_iter()
                    .map(|s| DocSection {
                        id: s.id,
                        heading: s.heading,
                        text: s.text,
                    })
                    .collect(),
            }
        })
        .collect();
    let default = hb.sources.settings.default_lang();
    let crumb = ui.get("channels_title").cloned().unwrap_or_default();
    for &ci in &hb.channels {
        docs.push(channel_doc(
            &hb.sources.channels[ci],
            &tree.lang,
            default,
            &crumb,
            ui,
        ));
    }
    docs
}

fn channel_doc(
    c: &Channel,
    lang: &str,
    default: &str,
    crumb: &str,
    ui: &BTreeMap<String, String>,
) -> SearchDoc {
    let text = |v: &Option<crate::model::Localized<String>>| {
        v.as_ref()
            .and_then(|l| l.pick(lang, default))
            .map(|p| p.value.clone())
    };
    let list = |v: &Option<crate::model::LocalizedList>| {
        v.as_ref()
            .and_then(|l| l.pick(lang, default))
            .map(|p| p.value.join(". "))
    };
    let fields = [
        text(&c.audience),
        list(&c.purpose),
        list(&c.tone),
        list(&c.content),
        list(&c.dos),
        list(&c.donts),
        text(&c.response_time),
    ];
    let sections = CHANNEL_IDS
        .iter()
        .zip(fields)
        .filter_map(|(id, f)| {
            f.map(|t| DocSection {
                id: Some(id.to_string()),
                heading: ui
                    .get(&format!("channel_{}", id.replace('-', "_")))
                    .cloned(),
                text: t,
            })
        })
        .collect();
    SearchDoc {
        href: format!("channels/{}.html", c.id),
        title: c
            .name
            .pick(lang, default)
            .map(|p| p.value.clone())
            .unwrap_or_default(),
        crumb: crumb.to_string(),
        description: text(&c.description).map(|d| markdown::plain_text(&d)),
        sections,
    }
}
