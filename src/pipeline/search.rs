//! Each language's search index in a build: its documents, taken from the rendered
//! pages and the channel profiles, and the task that builds (or takes from the
//! cache) beside the page rendering of [`super::pages`], and the writing of its
//! files.

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

/// A language's search index, from the task that builds it to the writing of its
/// files. Writing (serializing the shards, putting the files) is left to the
/// thread that would otherwise wait while the language's channel, print and 404
/// pages render, each one template render (see [`IndexSlot::write_beside`]), when
/// the index is built by then; else the task writes it as soon as it is built.
#[derive(Default)]
pub(super) struct IndexSlot {
    index: Handoff<Ready>,
    /// What writing the files went wrong with, when the task wrote them.
    errors: Mutex<Vec<Diagnostic>>,
}

/// An index to write: built now (and worth keeping in the cache under its key),
/// or taken whole from the cache.
enum Ready {
    Built(Box<search::Index>, Option<u64>),
    Cached(Vec<IndexFile>),
}

impl IndexSlot {
    /// The task's side: leaves the index for the writer, or writes it if the
    /// writer came first.
    fn offer(&self, common: Common, ready: Ready) {
        if let Some(ready) = self.index.offer(ready) {
            let errors = write(common, ready);
            let mut slot = self.errors.lock().unwrap_or_else(PoisonError::into_inner);
            slot.extend(errors);
        }
    }

    /// The writer's side, beside the language's single-thread stretch: writes the
    /// index if it is built, else leaves it to the task.
    pub(super) fn write_beside(&self, common: Common) -> Vec<Diagnostic> {
        self.index
            .claim()
            .map(|ready| write(common, ready))
            .unwrap_or_default()
    }

    /// After every task: writes an index no writer came for, and returns what went
    /// wrong writing.
    pub(super) fn finish(self, common: Common) -> Vec<Diagnostic> {
        let mut errors = self
            .errors
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner);
        if let Some(ready) = self.index.into_left() {
            errors.extend(write(common, ready));
        }
        errors
    }
}

/// A value passed from the task that makes it to a consumer that may come before
/// or after it is made: whoever comes second uses it, so neither waits.
pub(super) struct Handoff<T>(Mutex<Hand<T>>);

enum Hand<T> {
    Waiting,
    Ready(T),
    /// The consumer came first: the producer uses the value.
    Late,
    Used,
}

impl<T> Default for Handoff<T> {
    fn default() -> Self {
        Handoff(Mutex::new(Hand::Waiting))
    }
}

impl<T> Handoff<T> {
    fn lock(&self) -> std::sync::MutexGuard<'_, Hand<T>> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The producer's side: keeps `value` for the consumer, or gives it back if the
    /// consumer has come and gone.
    pub(super) fn offer(&self, value: T) -> Option<T> {
        let mut hand = self.lock();
        match *hand {
            Hand::Late => {
                *hand = Hand::Used;
                Some(value)
            }
            _ => {
                *hand = Hand::Ready(value);
                None
            }
        }
    }

    /// The consumer's side: the value if it is ready, else `None`, leaving it to
    /// the producer.
    pub(super) fn claim(&self) -> Option<T> {
        let mut hand = self.lock();
        match std::mem::replace(&mut *hand, Hand::Used) {
            Hand::Ready(value) => Some(value),
            Hand::Waiting => {
                *hand = Hand::Late;
                None
            }
            other => {
                *hand = other;
                None
            }
        }
    }

    /// After both sides: a value offered that no consumer claimed.
    pub(super) fn into_left(self) -> Option<T> {
        match self.0.into_inner().unwrap_or_else(PoisonError::into_inner) {
            Hand::Ready(value) => Some(value),
            _ => None,
        }
    }
}

/// Writes an index's files (keeping a fresh one in the cache); returns what went
/// wrong.
fn write(common: Common, ready: Ready) -> Vec<Diagnostic> {
    let Common { cache, out, .. } = common;
    let files = match (ready, cache.search_memo()) {
        (Ready::Cached(files), _) => files,
        (Ready::Built(index, Some(k)), Some(m)) => {
            let written = search::write::write(&index);
            drop(index);
            m.put(k, (written.files.clone(), written.entry.clone()));
            written.files
        }
        // Nothing keeps the files: each goes out as soon as it is serialized.
        (Ready::Built(index, _), _) => {
            let errors = Mutex::new(Vec::new());
            search::write::write_each(&index, &|_, f| {
                if let Some(d) = super::put_error(out, &f.path, f.bytes) {
                    errors
                        .lock()
                        .unwrap_or_else(PoisonError::into_inner)
                        .push(d);
                }
            });
            return errors.into_inner().unwrap_or_else(PoisonError::into_inner);
        }
    };
    files
        .into_iter()
        .filter_map(|f| super::put_error(out, &f.path, f.bytes))
        .collect()
}

/// Starts one language's search index: a task that builds it from the pages' text
/// (taken out of `pages`), or takes it from the cache, and hands it to `slot`.
pub(super) fn start_index<'s>(
    common: Common<'s>,
    tasks: &rayon::Scope<'s>,
    tree: &'s LangTree,
    lang_key: Option<u64>,
    pages: &mut [RenderedPage],
    slot: &'s IndexSlot,
) {
    let Common {
        hb,
        theme,
        cache,
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
        let ready = match cached {
            Some((files, _)) => Ready::Cached(files),
            None => {
                let index = build(hb, analyzers, lang, docs, cache.search_chunks());
                Ready::Built(Box::new(index), lang_key)
            }
        };
        slot.offer(common, ready);
    });
}

/// Builds one language's index.
fn build(
    hb: &Handbook,
    analyzers: &BTreeMap<String, Analyzer>,
    lang: &str,
    docs: Vec<SearchDoc>,
    chunks: Option<&dyn ChunkStore>,
) -> search::Index {
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
    search::Index::build_from(analyzer, lang, docs, synonyms, chunks)
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

#[cfg(test)]
mod tests {
    use super::Handoff;

    #[test]
    fn a_handoff_is_used_once_by_whoever_comes_second() {
        // Made first: the consumer takes it.
        let h = Handoff::default();
        assert_eq!(h.offer(1), None);
        assert_eq!(h.claim(), Some(1));
        assert_eq!(h.claim(), None);
        assert_eq!(h.into_left(), None);
        // Consumer first: the producer keeps it.
        let h = Handoff::default();
        assert_eq!(h.claim(), None);
        assert_eq!(h.offer(2), Some(2));
        assert_eq!(h.claim(), None);
        assert_eq!(h.into_left(), None);
        // No consumer: left over.
        let h = Handoff::default();
        assert_eq!(h.offer(3), None);
        assert_eq!(h.into_left(), Some(3));
    }
}
