//! Reading an index back from the script files [`super::write`] produced: the
//! inverse of writing, so that tests (and tools) can query exactly what a build
//! shipped with the Rust mirror of the browser's ranking.

use std::collections::HashMap;

use serde::Deserialize;
use serde_json::Value;

use super::index::{Index, Page, Target};
use super::write::decode_postings;

#[derive(Deserialize)]
struct Entry {
    lang: String,
    stop: Vec<String>,
    syn: Vec<Vec<Vec<String>>>,
    tp: Vec<u32>,
    keys: Vec<(String, String, Option<String>)>,
    pages: Vec<(u32, String, Option<String>)>,
}

#[derive(Deserialize)]
struct KeyShard {
    k: Vec<String>,
    p: Vec<String>,
}

/// A page shard's page: href, title, crumb, targets (anchor, heading, text).
type PageRow = (String, String, String, Vec<(String, String, String)>);

#[derive(Deserialize)]
struct PageShard {
    first: u32,
    pages: Vec<PageRow>,
}

/// The registrations of one script file: part name -> data.
fn parts_of(text: &str, parts: &mut HashMap<String, Value>) -> Result<(), String> {
    for line in text.lines().filter(|l| l.starts_with('(')) {
        let start = line.find(").add(").ok_or("a statement without add(")? + 6;
        let end = line
            .rfind(");")
            .filter(|&e| e >= start)
            .ok_or("an unclosed add(")?;
        let (_, part, data): (String, String, Value) =
            serde_json::from_str(&format!("[{}]", &line[start..end])).map_err(|e| e.to_string())?;
        parts.insert(part, data);
    }
    Ok(())
}

/// Reads the index of `lang` from output files; `file` returns the bytes of an
/// output-root-relative path.
pub fn read_index<'a>(
    lang: &str,
    file: impl Fn(&str) -> Option<&'a [u8]>,
) -> Result<Index, String> {
    let dir = format!("{lang}/search");
    let text = |path: &str| -> Result<&'a str, String> {
        let bytes = file(path).ok_or_else(|| format!("{path} is missing"))?;
        std::str::from_utf8(bytes).map_err(|e| format!("{path}: {e}"))
    };
    let mut parts = HashMap::new();
    parts_of(text(&format!("{dir}/index.js"))?, &mut parts)?;
    let entry: Entry = take(&mut parts, "entry")?;
    let files = entry
        .keys
        .iter()
        .map(|k| &k.2)
        .chain(entry.pages.iter().map(|p| &p.2));
    for f in files.flatten() {
        parts_of(text(&format!("{dir}/{f}"))?, &mut parts)?;
    }
    let mut keys = Vec::new();
    let mut postings = Vec::new();
    for (_, name, _) in &entry.keys {
        let shard: KeyShard = take(&mut parts, name)?;
        for (k, p) in shard.k.into_iter().zip(&shard.p) {
            postings.push(decode_postings(p).ok_or_else(|| format!("bad postings of `{k}`"))?);
            keys.push(k);
        }
    }
    let mut pages = Vec::new();
    let mut targets = Vec::new();
    for (_, name, _) in &entry.pages {
        let shard: PageShard = take(&mut parts, name)?;
        for (i, (href, title, crumb, list)) in (shard.first..).zip(shard.pages) {
            pages.push(Page { href, title, crumb });
            if entry.tp.get(i as usize) != Some(&(list.len() as u32)) {
                return Err(format!("page {i} has a wrong number of targets"));
            }
            targets.extend(list.into_iter().map(|(anchor, heading, text)| Target {
                page: i,
                anchor,
                heading,
                text,
            }));
        }
    }
    Ok(Index {
        lang: entry.lang,
        pages,
        targets,
        keys,
        postings,
        stopwords: entry.stop,
        synonyms: entry.syn,
    })
}

fn take<T: for<'de> Deserialize<'de>>(
    parts: &mut HashMap<String, Value>,
    name: &str,
) -> Result<T, String> {
    let value = parts
        .remove(name)
        .ok_or_else(|| format!("index part {name} is missing"))?;
    serde_json::from_value(value).map_err(|e| format!("index part {name}: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::{DocSection, SearchDoc, write};

    fn docs(n: usize) -> Vec<SearchDoc> {
        (0..n)
            .map(|i| SearchDoc {
                href: format!("luku-{i}.html"),
                title: format!("Luku {i} kanavista"),
                crumb: "Osio".into(),
                description: Some(format!("Kuvaus {i}")),
                sections: vec![
                    DocSection {
                        id: None,
                        heading: None,
                        text: format!("Johdanto {i} somekanavista ja sana{}", i % 97),
                    },
                    DocSection {
                        id: Some(format!("otsikko-{i}")),
                        heading: Some(format!("Otsikko {i}")),
                        text: format!(
                            "Teksti{} kommentteihin vastaamisesta {}",
                            i % 13,
                            "sana ".repeat(i % 50)
                        ),
                    },
                ],
            })
            .collect()
    }

    fn round_trip(n: usize) -> (Index, usize) {
        let index = Index::build(
            "fi",
            &docs(n),
            &[vec!["some".into(), "sosiaalinen media".into()]],
        );
        let built = write::write(&index);
        let files: HashMap<String, Vec<u8>> =
            built.files.into_iter().map(|f| (f.path, f.bytes)).collect();
        let read = read_index("fi", |p| files.get(p).map(Vec::as_slice));
        assert_eq!(read.as_ref().ok(), Some(&index));
        (index, files.len())
    }

    #[test]
    fn a_small_index_reads_back_from_one_file() {
        assert_eq!(round_trip(5).1, 1);
    }

    #[test]
    fn a_sharded_index_reads_back_whole() {
        let (_, files) = round_trip(3000);
        assert!(files > 3, "{files} files");
    }

    #[test]
    fn missing_files_are_errors() {
        assert!(read_index("fi", |_| None).is_err());
    }
}
