//! Serializing an [`Index`] into the script files the browser loads.
//!
//! Every file is one statement, `__handbookSearch.add(lang, part, data)`, so it works
//! as a plain `<script>` from file:// (no fetch, no WebAssembly). The entry
//! `<lang>/search/index.js` carries what every query needs (fold table, stopwords,
//! synonyms, impact table, targets per page) and a table of the other parts: key
//! shards, each a sorted range of keys with their postings, and page shards, each a
//! run of pages with their targets' titles and snippet texts. A small index is
//! written whole into the entry; a large one is split so that a query loads only the
//! shards holding its words' first three letters and its results' pages.
//!
//! Postings are a string per key: per posting the target's distance from the
//! previous one times 64 plus its impact level, as a little-endian base-45 number
//! whose digits are printable ASCII (see [`ALPHABET`]).

use std::io::Write;
use std::sync::{Mutex, PoisonError};

use flate2::Compression;
use flate2::write::GzEncoder;
use rayon::prelude::*;
use serde::Serialize;

use super::analyze::FOLD_TABLE;
use super::fasthash::hash_bytes;
use super::index::{Index, LEVELS, Posting, impact_table};
use super::json;
use super::{IndexFile, IndexStats, LangIndex};

/// Digits of the postings encoding: the first 45 end a number, the last 45 continue
/// it. Printable ASCII without `"` and `\`, so strings need no escapes.
pub const ALPHABET: &str =
    "#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}";
const BASE: u64 = 45;

/// Below this many bytes the whole index is one file.
pub const INLINE_LIMIT: usize = 192 * 1024;
/// Target size of a key shard and of a page shard, in bytes before gzip.
pub const KEY_SHARD_BYTES: usize = 16 * 1024;
pub const PAGE_SHARD_BYTES: usize = 48 * 1024;
/// Version of the data layout, checked by `search.js`.
pub const FORMAT: u32 = 1;

/// Encodes a key's postings: ASCII bytes of [`ALPHABET`].
pub fn encode_postings(postings: &[Posting], out: &mut Vec<u8>) {
    let digits = ALPHABET.as_bytes();
    let mut prev = 0u32;
    for p in postings {
        let mut v = u64::from(p.target - prev) * LEVELS as u64 + u64::from(p.level);
        prev = p.target;
        while v >= BASE {
            out.push(digits[(BASE + v % BASE) as usize]);
            v /= BASE;
        }
        out.push(digits[v as usize]);
    }
}

/// Decodes [`encode_postings`]' output; `None` on a character outside the alphabet.
pub fn decode_postings(s: &str) -> Option<Vec<Posting>> {
    let mut out = Vec::new();
    let (mut value, mut mult, mut target) = (0u64, 1u64, 0u64);
    for b in s.bytes() {
        let d = ALPHABET.bytes().position(|a| a == b)? as u64;
        if d >= BASE {
            value += (d - BASE) * mult;
            mult *= BASE;
            continue;
        }
        value += d * mult;
        target += value / LEVELS as u64;
        out.push(Posting {
            target: u32::try_from(target).ok()?,
            level: (value % LEVELS as u64) as u8,
        });
        (value, mult) = (0, 1);
    }
    Some(out)
}

#[derive(Serialize)]
struct Entry<'a> {
    v: u32,
    lang: &'a str,
    /// From the entry's folder to the language's folder, for result hrefs.
    base: String,
    fold: String,
    stop: &'a [String],
    syn: &'a [Vec<Vec<String>>],
    impact: Vec<f64>,
    /// Number of targets of each page.
    tp: Vec<u32>,
    /// Key shards: first key, part name, file (`null`: inside the entry).
    keys: Vec<(String, String, Option<String>)>,
    /// Page shards: first page, part name, file.
    pages: Vec<(u32, String, Option<String>)>,
}

/// Writes the index of one language into its files, in memory: the entry first,
/// then the key shards and the page shards in order.
pub fn write(index: &Index) -> LangIndex {
    let files = Mutex::new(Vec::new());
    let (entry, stats) = write_each(index, &|order, file| {
        files
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push((order, file));
    });
    let mut files = files.into_inner().unwrap_or_else(PoisonError::into_inner);
    files.sort_unstable_by_key(|&(order, _)| order);
    LangIndex {
        files: files.into_iter().map(|(_, f)| f).collect(),
        entry,
        stats,
    }
}

/// Writes the index of one language, handing each file to `put` as soon as it is
/// serialized, from several threads at once, with its place in [`write`]'s order
/// (the entry, which names the shards, comes last, as 0): a build writes the files
/// out at once, so the whole index is never in memory twice. Returns the entry's
/// path and the index's sizes.
pub fn write_each(index: &Index, put: &(dyn Fn(usize, IndexFile) + Sync)) -> (String, IndexStats) {
    let dir = format!("{}/search", index.lang);
    let entry_path = super::entry_path(&index.lang);
    let encoded = Encoded::new(&index.postings);
    let key_sizes: Vec<usize> = index
        .keys
        .iter()
        .enumerate()
        .map(|(i, k)| k.len() + encoded.get(i).len() + 6)
        .collect();
    let page_sizes = page_sizes(index);
    let total: usize = key_sizes.iter().sum::<usize>() + page_sizes.iter().sum::<usize>();
    let inline = total <= INLINE_LIMIT;
    let (key_limit, page_limit) = if inline {
        (usize::MAX, usize::MAX)
    } else {
        (KEY_SHARD_BYTES, PAGE_SHARD_BYTES)
    };
    let key_runs = runs(&key_sizes, key_limit);
    let page_runs = runs(&page_sizes, page_limit);

    // Shards are independent: written in parallel, each into a buffer of its size,
    // and handed over as soon as it is done unless the entry holds them.
    let key_parts = key_runs.par_iter().enumerate().map(|(i, r)| {
        let name = format!("k{i}");
        let size = key_sizes[r.clone()].iter().sum::<usize>() + CALL_BYTES;
        let mut body = String::with_capacity(size);
        json::open_call(&mut body, &index.lang, &name);
        json::key_shard(
            &mut body,
            &index.keys[r.clone()],
            r.clone().map(|k| encoded.get(k)),
        );
        json::close_call(&mut body);
        (name, body)
    });
    let page_parts = page_runs.par_iter().enumerate().map(|(i, r)| {
        let name = format!("p{i}");
        let size = page_sizes[r.clone()].iter().sum::<usize>() + CALL_BYTES;
        let mut body = String::with_capacity(size);
        json::open_call(&mut body, &index.lang, &name);
        json::page_shard(&mut body, index, r.clone());
        json::close_call(&mut body);
        (name, body)
    });
    let parts: Vec<Part> = key_parts
        .chain(page_parts)
        .enumerate()
        .map(|(i, (name, body))| {
            if inline {
                return Part {
                    name,
                    file: None,
                    len: body.len(),
                    body: Some(body),
                };
            }
            // A content hash, so browsers never mix shards of two builds from their
            // caches.
            let hash = hash_bytes(body.as_bytes()) >> 32;
            let file = format!("{name}-{hash:08x}.js");
            let len = body.len();
            put(
                i + 1,
                IndexFile {
                    path: format!("{dir}/{file}"),
                    bytes: body.into_bytes(),
                },
            );
            Part {
                name,
                file: Some(file),
                len,
                body: None,
            }
        })
        .collect();
    let entry = Entry {
        v: FORMAT,
        lang: &index.lang,
        base: "../".to_owned(),
        fold: FOLD_TABLE
            .iter()
            .map(|(c, s)| format!("{c}{s}"))
            .collect::<Vec<_>>()
            .join(" "),
        stop: &index.stopwords,
        syn: &index.synonyms,
        impact: impact_table(),
        tp: targets_per_page(index),
        keys: key_runs
            .iter()
            .zip(&parts)
            .map(|(r, part)| {
                let first = if r.start == 0 {
                    String::new()
                } else {
                    index.keys[r.start].clone()
                };
                (first, part.name.clone(), part.file.clone())
            })
            .collect(),
        pages: page_runs
            .iter()
            .zip(&parts[key_runs.len()..])
            .map(|(r, part)| (r.start as u32, part.name.clone(), part.file.clone()))
            .collect(),
    };
    let mut entry_js = format!(
        "/* handbook search index ({}): generated by handbook, do not edit */\n",
        index.lang
    );
    json::open_call(&mut entry_js, &index.lang, "entry");
    entry_js.push_str(&serde_json::to_string(&entry).unwrap_or_else(|_| "null".to_owned()));
    json::close_call(&mut entry_js);
    for body in parts.iter().filter_map(|p| p.body.as_deref()) {
        entry_js.push_str(body);
    }
    let stats = stats(index, entry_js.len(), key_runs.len(), &parts);
    put(
        0,
        IndexFile {
            path: entry_path.clone(),
            bytes: entry_js.into_bytes(),
        },
    );
    (entry_path, stats)
}

/// A serialized shard: its part name, its file (`None`: inside the entry, whose
/// text it keeps until then) and its size.
struct Part {
    name: String,
    file: Option<String>,
    len: usize,
    body: Option<String>,
}

/// The sizes of the parts that are files of their own.
fn files(parts: &[Part]) -> impl Iterator<Item = u64> + '_ {
    parts
        .iter()
        .filter(|p| p.file.is_some())
        .map(|p| p.len as u64)
}

/// Room for a statement's opening and closing around its data.
const CALL_BYTES: usize = 160;

/// Every key's postings encoded, in one buffer.
struct Encoded {
    text: String,
    /// Where key `i`'s postings end (and key `i + 1`'s start).
    ends: Vec<usize>,
}

impl Encoded {
    fn new(postings: &[Vec<Posting>]) -> Encoded {
        let count: usize = postings.iter().map(Vec::len).sum();
        // Most postings take two digits. Bytes, not a `String`: a byte push
        // needs no UTF-8 encoding of a `char`.
        let mut bytes = Vec::with_capacity(count * 2 + count / 2);
        let mut ends = Vec::with_capacity(postings.len());
        for p in postings {
            encode_postings(p, &mut bytes);
            ends.push(bytes.len());
        }
        // ASCII by construction; the lossy conversion would change nothing.
        let text = String::from_utf8(bytes)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
        Encoded { text, ends }
    }

    fn get(&self, key: usize) -> &str {
        let start = key.checked_sub(1).map_or(0, |k| self.ends[k]);
        &self.text[start..self.ends[key]]
    }
}

/// Splits items into consecutive runs of about `limit` bytes each.
fn runs(sizes: &[usize], limit: usize) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let (mut start, mut bytes) = (0, 0);
    for (i, &size) in sizes.iter().enumerate() {
        if bytes > 0 && bytes + size > limit {
            out.push(start..i);
            (start, bytes) = (i, 0);
        }
        bytes += size;
    }
    out.push(start..sizes.len());
    out
}

fn targets_per_page(index: &Index) -> Vec<u32> {
    let mut tp = vec![0u32; index.pages.len()];
    for t in &index.targets {
        if let Some(n) = tp.get_mut(t.page as usize) {
            *n += 1;
        }
    }
    tp
}

/// Approximate serialized size of each page with its targets.
fn page_sizes(index: &Index) -> Vec<usize> {
    let mut sizes: Vec<usize> = index
        .pages
        .iter()
        .map(|p| p.href.len() + p.title.len() + p.crumb.len() + 12)
        .collect();
    for t in &index.targets {
        if let Some(s) = sizes.get_mut(t.page as usize) {
            *s += t.anchor.len() + t.heading.len() + t.text.len() + 12;
        }
    }
    sizes
}

fn gzip_len(bytes: &[u8]) -> u64 {
    let mut enc = GzEncoder::new(Vec::new(), Compression::default());
    // Writing into memory cannot fail.
    let _ = enc.write_all(bytes);
    enc.finish().map_or(0, |v| v.len() as u64)
}

/// Whether an index file is a key shard (`k3-…js`) or a page shard (`p3-…js`).
fn shard_kind(path: &str) -> Option<char> {
    let name = path.rsplit('/').next()?;
    let kind = name.chars().next()?;
    (name != "index.js" && matches!(kind, 'k' | 'p')).then_some(kind)
}

/// Counts and raw sizes (gzipped ones: [`gzip_stats`]) of an index whose entry
/// has `entry` bytes and whose first `key_parts` parts are key shards.
fn stats(index: &Index, entry: usize, key_parts: usize, parts: &[Part]) -> IndexStats {
    let (keys, pages) = parts.split_at(key_parts);
    IndexStats {
        raw_bytes: entry as u64 + files(parts).sum::<u64>(),
        entry_raw_bytes: entry as u64,
        max_key_shard_raw_bytes: files(keys).max().unwrap_or(0),
        max_page_shard_raw_bytes: files(pages).max().unwrap_or(0),
        files: 1 + files(parts).count(),
        docs: index.pages.len(),
        targets: index.targets.len(),
        terms: index.keys.len(),
        postings: index.postings.iter().map(Vec::len).sum(),
    }
}

/// Gzipped sizes of an index's files, for benchmarks and reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct GzipStats {
    pub total: u64,
    pub entry: u64,
    pub max_key_shard: u64,
    pub max_page_shard: u64,
}

/// Gzips every file of an index (slow at thousands of pages: not part of a build).
pub fn gzip_stats(index: &LangIndex) -> GzipStats {
    let mut out = GzipStats::default();
    for (i, f) in index.files.iter().enumerate() {
        let gz = gzip_len(&f.bytes);
        out.total += gz;
        match shard_kind(&f.path) {
            _ if i == 0 => out.entry = gz,
            Some('k') => out.max_key_shard = out.max_key_shard.max(gz),
            Some('p') => out.max_page_shard = out.max_page_shard.max(gz),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alphabet_has_ninety_distinct_safe_digits() {
        let mut bytes: Vec<u8> = ALPHABET.bytes().collect();
        assert_eq!(bytes.len(), 2 * BASE as usize);
        assert!(!ALPHABET.contains(['"', '\\']));
        bytes.sort_unstable();
        bytes.dedup();
        assert_eq!(bytes.len(), 2 * BASE as usize);
    }

    #[test]
    fn postings_round_trip() {
        let postings: Vec<Posting> = [(0, 1), (1, 63), (2, 5), (2000, 7), (1_000_000, 63)]
            .iter()
            .map(|&(target, level)| Posting { target, level })
            .collect();
        let mut bytes = Vec::new();
        encode_postings(&postings, &mut bytes);
        let s = String::from_utf8(bytes).unwrap_or_default();
        assert_eq!(decode_postings(&s), Some(postings));
        assert_eq!(decode_postings("\""), None);
    }

    #[test]
    fn runs_split_near_the_limit() {
        assert_eq!(runs(&[5, 5, 5, 5], 10), [0..2, 2..4]);
        assert_eq!(runs(&[50, 5], 10), [0..1, 1..2]);
        assert_eq!(runs(&[], 10).len(), 1);
    }
}

#[cfg(test)]
mod shard_tests {
    use super::*;
    use crate::search::{DocSection, SearchDoc};

    fn docs(n: usize) -> Vec<SearchDoc> {
        (0..n)
            .map(|i| SearchDoc {
                href: format!("osio/luku-{i}.html"),
                title: format!("Luku {i}: kanava{}", i % 50),
                crumb: "Osio".into(),
                description: None,
                sections: vec![DocSection {
                    id: Some(format!("o{i}")),
                    heading: Some(format!("Otsikko sana{}", i % 300)),
                    text: format!(
                        "Teksti sana{} ja sana{} {}",
                        i % 700,
                        i % 31,
                        "täyte ".repeat(40)
                    ),
                }],
            })
            .collect()
    }

    #[test]
    fn below_the_limit_the_index_is_one_file() {
        let index = Index::build("fi", &docs(20), &[]);
        let built = write(&index);
        assert_eq!(built.files.len(), 1);
        assert_eq!(built.stats.max_key_shard_raw_bytes, 0);
    }

    #[test]
    fn above_the_limit_keys_and_pages_are_sharded() {
        let index = Index::build("fi", &docs(2000), &[]);
        let built = write(&index);
        assert!(built.stats.raw_bytes > INLINE_LIMIT as u64);
        let keys = built
            .files
            .iter()
            .filter(|f| shard_kind(&f.path) == Some('k'))
            .count();
        let pages = built
            .files
            .iter()
            .filter(|f| shard_kind(&f.path) == Some('p'))
            .count();
        assert!(
            keys > 1 && pages > 1,
            "{keys} key shards, {pages} page shards"
        );
        // The entry is what a page loads on focus: it holds no keys or texts.
        assert!(built.stats.entry_raw_bytes < 32 * 1024, "{:?}", built.stats);
        // A shard passes its size only by the one key or page that started it.
        let biggest_key = index
            .keys
            .iter()
            .zip(&index.postings)
            .map(|(k, p)| k.len() + 3 * p.len())
            .max();
        let bound = (KEY_SHARD_BYTES + biggest_key.unwrap_or(0) + 1024) as u64;
        assert!(
            built.stats.max_key_shard_raw_bytes <= bound,
            "{:?}",
            built.stats
        );
        // Shard names carry a content hash.
        assert!(
            built.files[1..]
                .iter()
                .all(|f| f.path.starts_with("fi/search/") && f.path.contains('-'))
        );
    }
}
