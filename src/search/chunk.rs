//! Tokenizing a language's pages in chunks: each chunk's result targets, its
//! own vocabulary and its targets' fields as word ids, which
//! [`super::index`] merges and scores. `serve` keeps the chunks (see
//! [`ChunkStore`]), so an edit re-tokenizes only the chunk that holds the page.

use rayon::prelude::*;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use super::analyze::Analyzer;
use super::index::{Field, Page, TEXT_CAP, Target};
use super::text::clean;
use super::vocab::{Vocab, VocabBuilder};
use super::{DocSection, SearchDoc};

/// The words of a chunk of targets' fields: what scoring reads.
#[derive(Clone)]
pub(super) struct ChunkFields {
    /// Word ids, field after field.
    pub words: Vec<u32>,
    /// Every field of every target, target after target, with its words'
    /// range in `words`.
    pub fields: Vec<(Field, u32, u32)>,
    /// Target `t` of the chunk has the fields `fields[spans[t]..spans[t + 1]]`.
    pub spans: Vec<u32>,
}

impl ChunkFields {
    /// Each target's fields, in target order.
    pub fn targets(&self) -> impl Iterator<Item = &[(Field, u32, u32)]> {
        let field = |w: &[u32]| &self.fields[w[0] as usize..w[1] as usize];
        self.spans.windows(2).map(field)
    }

    /// The words of one field.
    pub fn words(&self, (_, start, end): (Field, u32, u32)) -> &[u32] {
        &self.words[start as usize..end as usize]
    }
}

/// Tokenizes the pages in parallel chunks of [`PAGE_CHUNK`], taking from `store`
/// the chunks it holds, and dropping each chunk's pages once it is tokenized: the
/// pages' text is the largest thing an index is built from.
pub(super) fn tokenize_owned(
    analyzer: &Analyzer,
    lang: &str,
    docs: Vec<SearchDoc>,
    store: Option<&dyn ChunkStore>,
) -> Vec<Arc<Chunk>> {
    let mut chunks = Vec::with_capacity(docs.len().div_ceil(PAGE_CHUNK));
    let mut docs = docs.into_iter();
    loop {
        let chunk: Vec<SearchDoc> = docs.by_ref().take(PAGE_CHUNK).collect();
        if chunk.is_empty() {
            break;
        }
        chunks.push(chunk);
    }
    chunks
        .into_par_iter()
        .enumerate()
        .map(|(c, docs)| tokenize_chunk(analyzer, lang, c * PAGE_CHUNK, &docs, store))
        .collect()
}

/// The chunk of a language's pages from page number `first` on, from `store` if
/// it holds it.
pub(super) fn tokenize_chunk(
    analyzer: &Analyzer,
    lang: &str,
    first: usize,
    docs: &[SearchDoc],
    store: Option<&dyn ChunkStore>,
) -> Arc<Chunk> {
    let first = first as u32;
    let tokenize = || Arc::new(Chunk::tokenize(analyzer, first, docs));
    let Some(store) = store else {
        return tokenize();
    };
    let key = chunk_key(lang, first, docs);
    if let Some(Tokenized(hit)) = store.get(key) {
        return hit;
    }
    let chunk = tokenize();
    store.put(key, Tokenized(Arc::clone(&chunk)));
    chunk
}

/// Pages tokenized per parallel task.
pub(super) const PAGE_CHUNK: usize = 256;

/// Where [`super::Index::build_from`] finds chunks of pages tokenized by an earlier
/// build, by a key of everything their tokens are computed from.
pub trait ChunkStore: Sync {
    fn get(&self, key: u64) -> Option<Tokenized>;
    fn put(&self, key: u64, chunk: Tokenized);
}

/// A chunk of pages as tokenized; opaque outside the index builder.
#[derive(Clone)]
pub struct Tokenized(pub(super) Arc<Chunk>);

/// The key of a chunk: its language (the analyzer), its first page's number and
/// its pages.
fn chunk_key(lang: &str, first: u32, docs: &[SearchDoc]) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    (lang, first, docs).hash(&mut h);
    h.finish()
}

/// One chunk of pages, tokenized with its own vocabulary.
pub(super) struct Chunk {
    pub vocab: Vocab,
    pub pages: Vec<Page>,
    pub targets: Vec<Target>,
    /// Its targets' fields, by word ids in `vocab`.
    pub fields: ChunkFields,
}

impl Chunk {
    fn tokenize(analyzer: &Analyzer, first_page: u32, docs: &[SearchDoc]) -> Chunk {
        let mut builder = VocabBuilder::default();
        // Sized once: few texts have more than a word in four bytes.
        let bytes: usize = docs.iter().map(doc_bytes).sum();
        let mut c = Chunk {
            vocab: Vocab::default(),
            pages: Vec::with_capacity(docs.len()),
            targets: Vec::new(),
            fields: ChunkFields {
                words: Vec::with_capacity(bytes / 4),
                fields: Vec::new(),
                spans: vec![0],
            },
        };
        for (p, doc) in (first_page..).zip(docs) {
            c.pages.push(Page {
                href: doc.href.clone(),
                title: clean(&doc.title, usize::MAX),
                crumb: clean(&doc.crumb, usize::MAX),
            });
            // A page's title is a field of each of its targets, and each heading a
            // field of the page and of its own target: their words are copied.
            let mut done: Vec<(&str, usize, usize)> =
                Vec::with_capacity(4 + 2 * doc.sections.len());
            let f = &mut c.fields;
            for (target, texts) in targets_of(p, doc) {
                for (field, text) in texts {
                    let start = f.words.len();
                    match done.iter().find(|d| std::ptr::eq(d.0, text)) {
                        Some(&(_, from, to)) => f.words.extend_from_within(from..to),
                        None => {
                            builder.push_text(analyzer, text, &mut f.words);
                            done.push((text, start, f.words.len()));
                        }
                    }
                    f.fields.push((field, start as u32, f.words.len() as u32));
                }
                c.targets.push(target);
                f.spans.push(f.fields.len() as u32);
            }
        }
        c.vocab = builder.vocab;
        c
    }
}

/// The bytes of a page's text: what its words are read from.
fn doc_bytes(doc: &SearchDoc) -> usize {
    let texts = doc.sections.iter().map(|s| s.text.len());
    let headings = doc.sections.iter().filter_map(|s| s.heading.as_ref());
    // Each heading is read again for the page, and the title for each heading.
    let heading_bytes: usize = headings.map(|h| 2 * h.len() + doc.title.len()).sum();
    texts.sum::<usize>()
        + heading_bytes
        + doc.title.len()
        + doc.crumb.len()
        + doc.description.as_ref().map_or(0, String::len)
}

/// The targets of a page, each with its fields' texts.
fn targets_of(page: u32, doc: &SearchDoc) -> Vec<(Target, Vec<(Field, &str)>)> {
    let (intro, rest): (&[DocSection], &[DocSection]) = match doc.sections.split_first() {
        Some((first, rest)) if first.heading.is_none() => (std::slice::from_ref(first), rest),
        _ => (&[], &doc.sections[..]),
    };
    // Sized up front: this runs for every page.
    let mut page_fields = Vec::with_capacity(4 + rest.len() + intro.len());
    page_fields.push((Field::Title, doc.title.as_str()));
    if let Some(d) = &doc.description {
        page_fields.push((Field::Description, d.as_str()));
    }
    page_fields.push((Field::Crumb, doc.crumb.as_str()));
    for s in rest {
        if let Some(h) = &s.heading {
            page_fields.push((Field::Headings, h.as_str()));
        }
    }
    for s in intro {
        page_fields.push((Field::Body, s.text.as_str()));
    }
    let intro_text: Vec<&str> = doc
        .description
        .iter()
        .map(String::as_str)
        .chain(intro.iter().map(|s| s.text.as_str()))
        .collect();
    let mut out = Vec::with_capacity(1 + rest.len());
    out.push((
        Target {
            page,
            anchor: String::new(),
            heading: String::new(),
            // Joined by a space, not a line break: `clean` turns both into one space,
            // and a text without line breaks takes its fast path.
            text: clean(&intro_text.join(" "), TEXT_CAP),
        },
        page_fields,
    ));
    for s in rest {
        let heading = s.heading.as_deref().unwrap_or_default();
        match out.last_mut() {
            // Text under no heading after the first belongs to the target before it.
            Some((target, fields)) if s.heading.is_none() => {
                fields.push((Field::Body, s.text.as_str()));
                let joined = format!("{} {}", target.text, s.text);
                target.text = clean(&joined, TEXT_CAP);
            }
            _ => out.push((
                Target {
                    page,
                    anchor: s.id.clone().unwrap_or_default(),
                    heading: clean(heading, usize::MAX),
                    text: clean(&s.text, TEXT_CAP),
                },
                vec![
                    (Field::Heading, heading),
                    (Field::Context, doc.title.as_str()),
                    (Field::Body, s.text.as_str()),
                ],
            )),
        }
    }
    out
}
