//! Each language's search index in a build: its documents, taken from the rendered
//! pages and the channel profiles, and the task that builds (or takes from the
//! cache) beside the page rendering of [`super::pages`], and the writing of its
//! files.

use super::pages::Common;
use super::resolve::{CHANNEL_IDS, RenderedPage, unshare};
use crate::assemble::{Handbook, LangTree};
use crate::error::Diagnostic;
use crate::markdown;
use crate::model::Sources;
use crate::model::{Channel, Localized, LocalizedList};
use crate::search::index::Steps;
use crate::search::{self, Analyzer, ChunkStore, DocSection, IndexFile, SearchDoc};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::sync::atomic::AtomicBool;
use std::sync::{Mutex, PoisonError};
use std::time::Instant;

/// A language's search index, from the task that builds it to the writing of its
/// files. The task never writes: writing (serializing the shards, putting the
/// files) is left to a thread that would otherwise wait. That is the one beside
/// the language's channel, print and 404 pages, each a single template render
/// (see [`IndexSlot::write_if_built`]), when the index is built by then; else the
/// page thread once it has rendered every language; else whoever finishes the
/// build. So on a small site, where the indexes are built one after the other
/// and take longer than the pages, the first is written beside the second's
/// build instead of before it.
#[derive(Default)]
pub(super) struct IndexSlot(Mutex<Option<Ready>>);

/// An index to write: built now (and worth keeping in the cache under its key),
/// or taken whole from the cache.
enum Ready {
    /// With how long each step of building it took.
    Built(Box<search::Index>, Option<u64>, Steps),
    Cached(Vec<IndexFile>),
}

impl IndexSlot {
    fn lock(&self) -> std::sync::MutexGuard<'_, Option<Ready>> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The task's side: leaves the index for a writer.
    fn offer(&self, ready: Ready) {
        *self.lock() = Some(ready);
    }

    /// A writer's side: writes the index if it is built (and not written yet),
    /// returning what went wrong.
    pub(super) fn write_if_built(&self, common: Common) -> Vec<Diagnostic> {
        let ready = self.lock().take();
        ready.map(|r| write(common, r)).unwrap_or_default()
    }

    /// After every task: writes an index no writer came for, and returns what went
    /// wrong writing.
    pub(super) fn finish(self, common: Common) -> Vec<Diagnostic> {
        let ready = self.0.into_inner().unwrap_or_else(PoisonError::into_inner);
        ready.map(|r| write(common, r)).unwrap_or_default()
    }
}

/// Writes an index's files (keeping a fresh one in the cache); returns what went
/// wrong.
fn write(common: Common, ready: Ready) -> Vec<Diagnostic> {
    let start = Instant::now();
    let report = match &ready {
        Ready::Built(index, _, steps) if super::timings::enabled() => {
            Some((index.lang.clone(), steps.clone()))
        }
        _ => None,
    };
    let errors = write_files(common, ready);
    if let Some((lang, steps)) = report {
        let written = ("write", start.elapsed());
        for (step, took) in steps.steps.into_iter().chain([written]) {
            super::timings::print(&format!("search index {lang}: {step}"), took);
        }
    }
    errors
}

/// [`write`] without the report.
fn write_files(common: Common, ready: Ready) -> Vec<Diagnostic> {
    let Common { cache, out, .. } = common;
    let files = match (ready, cache.search_memo()) {
        (Ready::Cached(files), _) => files,
        (Ready::Built(index, Some(k), _), Some(m)) => {
            let written = search::write::write(&index);
            drop(index);
            m.put(k, (written.files.clone(), written.entry.clone()));
            written.files
        }
        // Nothing keeps the files: each goes out as soon as it is serialized.
        (Ready::Built(index, _, _), _) => {
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
                let (index, steps) = build(hb, analyzers, lang, docs, cache.search_chunks());
                Ready::Built(Box::new(index), lang_key, steps)
            }
        };
        slot.offer(ready);
    });
}

/// Builds one language's index.
fn build(
    hb: &Handbook,
    analyzers: &BTreeMap<String, Analyzer>,
    lang: &str,
    docs: Vec<SearchDoc>,
    chunks: Option<&dyn ChunkStore>,
) -> (search::Index, Steps) {
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
                let default = sources.settings.default_lang();
                let channels = sources.channels.iter();
                let texts = texts.chain(channels.flat_map(|c| channel_texts(c, lang, default)));
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

/// A field of a channel's profile, picked for one language.
enum Field<'c> {
    Text(&'c str),
    List(&'c [String]),
}

/// The fields of a channel's profile that are sections of its search document, in
/// the order of [`CHANNEL_IDS`], picked for `lang` (or the default language).
fn channel_fields<'c>(c: &'c Channel, lang: &str, default: &'c str) -> [Option<Field<'c>>; 7] {
    let text = |v: &'c Option<Localized<String>>| {
        let picked = v.as_ref().and_then(|l| l.pick(lang, default));
        picked.map(|p| Field::Text(p.value))
    };
    let list = |v: &'c Option<LocalizedList>| {
        let picked = v.as_ref().and_then(|l| l.pick(lang, default));
        picked.map(|p| Field::List(p.value))
    };
    [
        text(&c.audience),
        list(&c.purpose),
        list(&c.tone),
        list(&c.content),
        list(&c.dos),
        list(&c.donts),
        text(&c.response_time),
    ]
}

/// The texts of a channel's profile in `lang` that its search document is made of:
/// its name, description and fields, a list's items one by one.
fn channel_texts<'c>(c: &'c Channel, lang: &str, default: &'c str) -> Vec<&'c str> {
    let head = [Some(&c.name), c.description.as_ref()];
    let head = head
        .into_iter()
        .flatten()
        .filter_map(|t| t.pick(lang, default));
    let mut out: Vec<&str> = head.map(|p| p.value.as_str()).collect();
    for field in channel_fields(c, lang, default).into_iter().flatten() {
        match field {
            Field::Text(t) => out.push(t),
            Field::List(items) => out.extend(items.iter().map(String::as_str)),
        }
    }
    out
}

fn channel_doc(
    c: &Channel,
    lang: &str,
    default: &str,
    crumb: &str,
    ui: &BTreeMap<String, String>,
) -> SearchDoc {
    let fields = channel_fields(c, lang, default).map(|f| {
        f.map(|f| match f {
            Field::Text(t) => t.to_owned(),
            Field::List(items) => items.join(". "),
        })
    });
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
    let description = c.description.as_ref().and_then(|l| l.pick(lang, default));
    SearchDoc {
        href: format!("channels/{}.html", c.id),
        title: c
            .name
            .pick(lang, default)
            .map(|p| p.value.clone())
            .unwrap_or_default(),
        crumb: crumb.to_string(),
        description: description.map(|d| markdown::plain_text(d.value)),
        sections,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::borrow::Cow;
    use std::path::Path;

    /// Whether `analyzer` stemmed `lower` ahead: it lends the key it learned.
    fn learned(analyzer: &Analyzer, lower: &str) -> bool {
        matches!(analyzer.key(lower), Cow::Borrowed(_))
    }

    #[test]
    fn channel_profiles_are_stemmed_ahead_in_each_language() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/basic");
        let Ok((sources, _)) = crate::load::sources(&root, false) else {
            panic!("the fixture loads");
        };
        let analyzers = analyzers(&sources, &AtomicBool::new(false));
        let (fi, en) = (&analyzers["fi"], &analyzers["en"]);
        // Its description, audience and tone (a list), each in the analyzer's own
        // language.
        for word in ["asukkaiden", "asukkaat", "kaverillinen"] {
            assert!(learned(fi, word), "fi: {word}");
            assert!(!learned(en, word), "en: {word}");
        }
        for word in ["residents", "friendly"] {
            assert!(learned(en, word), "en: {word}");
        }
        // Its response time, given in Finnish only, is the English page's too.
        assert!(learned(fi, "arkisin") && learned(en, "arkisin"));
        // A word of no page and no channel.
        assert!(!learned(fi, "kanavoida"));
    }
}
