//! Tests of the benchmark corpus generator (examples/gen_corpus): a small
//! corpus is written to a temporary folder and read back the way a site
//! builder would read it. Every relative link must land on a file inside
//! content/, every anchor on a heading of its target, and two runs with the
//! same arguments must write byte-identical files.

#[path = "../examples/gen_corpus/bank.rs"]
mod bank;
#[path = "../examples/gen_corpus/channels.rs"]
mod channels;
#[path = "../examples/gen_corpus/corpus.rs"]
mod corpus;
#[path = "../examples/gen_corpus/plan.rs"]
mod plan;
#[path = "../examples/gen_corpus/render.rs"]
mod render;
#[path = "../examples/gen_corpus/rng.rs"]
mod rng;
#[path = "../examples/gen_corpus/text.rs"]
mod text;
#[path = "../examples/gen_corpus/text_en.rs"]
mod text_en;
#[path = "../examples/gen_corpus/text_fi.rs"]
mod text_fi;
#[path = "../examples/gen_corpus/yaml.rs"]
mod yaml;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Component, Path, PathBuf};

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// A fresh, empty folder under the system temp dir, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let dir =
            std::env::temp_dir().join(format!("handbook-corpus-{}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("create temp dir");
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn write_corpus(name: &str, chapters: usize, seed: u64) -> TempDir {
    let dir = TempDir::new(name);
    let files = corpus::generate(&corpus::Options { chapters, seed });
    corpus::write_site(&dir.0, &files, "test\n").expect("write corpus");
    dir
}

/// Every file under `root`, by path relative to it, with its bytes.
fn read_tree(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).expect("read dir") {
            let path = entry.expect("dir entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path.strip_prefix(root).expect("under root").to_path_buf();
                out.insert(rel, fs::read(&path).expect("read file"));
            }
        }
    }
    out
}

fn markdown_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_GFM
}

/// The heading id rule, written independently of the generator's: lower
/// case, whitespace to '-', ä/ö/å to a/o/a, other punctuation dropped.
fn slug(text: &str) -> String {
    text.to_lowercase()
        .chars()
        .filter_map(|c| match c {
            'ä' | 'å' => Some('a'),
            'ö' => Some('o'),
            c if c.is_whitespace() => Some('-'),
            c if c.is_alphanumeric() => Some(c),
            _ => None,
        })
        .collect()
}

/// (level, text) of every heading in a Markdown body.
fn headings(markdown: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut current: Option<(usize, String)> = None;
    for event in Parser::new_ext(markdown, markdown_options()) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                current = Some((level as usize, String::new()))
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, text)) = current.as_mut() {
                    text.push_str(&t);
                }
            }
            Event::End(TagEnd::Heading(_)) => out.extend(current.take()),
            _ => {}
        }
    }
    out
}

fn links(markdown: &str) -> Vec<String> {
    Parser::new_ext(markdown, markdown_options())
        .filter_map(|event| match event {
            Event::Start(Tag::Link { dest_url, .. }) => Some(dest_url.to_string()),
            _ => None,
        })
        .collect()
}

/// Splits a page into its front matter (parsed) and body.
fn split_page(text: &str, path: &Path) -> (BTreeMap<String, serde_yaml::Value>, String) {
    let rest = text
        .strip_prefix("---\n")
        .unwrap_or_else(|| panic!("{}: no front matter", path.display()));
    let end = rest
        .find("\n---\n")
        .unwrap_or_else(|| panic!("{}: front matter not closed", path.display()));
    let fm = serde_yaml::from_str(&rest[..end])
        .unwrap_or_else(|e| panic!("{}: front matter: {e}", path.display()));
    (fm, rest[end + 5..].to_string())
}

/// `base/rel` with `.` and `..` folded; None if it climbs above the root.
fn resolve(base: &Path, rel: &str) -> Option<PathBuf> {
    let mut parts: Vec<String> = base
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into())
        .collect();
    for c in Path::new(rel).components() {
        match c {
            Component::ParentDir => {
                parts.pop()?;
            }
            Component::Normal(p) => parts.push(p.to_string_lossy().into()),
            Component::CurDir => {}
            _ => return None,
        }
    }
    Some(parts.iter().collect())
}

/// Checks one link found in `from` (a path relative to the site root);
/// returns whether it pointed at another chapter.
fn check_link(tree: &BTreeMap<PathBuf, Vec<u8>>, from: &Path, href: &str) -> bool {
    if href.starts_with("http://") || href.starts_with("https://") {
        return false;
    }
    let (file, anchor) = match href.split_once('#') {
        Some((f, a)) => (f, Some(a)),
        None => (href, None),
    };
    let target = resolve(from.parent().expect("has parent"), file)
        .unwrap_or_else(|| panic!("{}: link {href} climbs out of the site", from.display()));
    assert!(
        target.starts_with("content"),
        "{}: link {href} leaves content/",
        from.display()
    );
    let bytes = tree.get(&target).unwrap_or_else(|| {
        panic!(
            "{}: link {href} points at nothing ({})",
            from.display(),
            target.display()
        )
    });
    if let Some(anchor) = anchor {
        let text = String::from_utf8(bytes.clone()).expect("utf-8");
        let (_, body) = split_page(&text, &target);
        let ids: Vec<String> = headings(&body).iter().map(|(_, t)| slug(t)).collect();
        assert!(
            ids.iter().any(|id| id == anchor),
            "{}: no heading #{anchor} in {}: {ids:?}",
            from.display(),
            target.display()
        );
    }
    target.extension().is_some_and(|e| e == "md")
}

#[test]
fn same_arguments_give_identical_files_and_the_seed_matters() {
    let a = write_corpus("det-a", 20, 7);
    let b = write_corpus("det-b", 20, 7);
    let c = write_corpus("det-c", 20, 8);
    let (ta, tb, tc) = (read_tree(&a.0), read_tree(&b.0), read_tree(&c.0));
    assert!(ta.len() > 40, "too few files: {}", ta.len());
    assert_eq!(ta.keys().collect::<Vec<_>>(), tb.keys().collect::<Vec<_>>());
    for (path, bytes) in &ta {
        assert!(
            bytes == &tb[path],
            "{} differs between two runs",
            path.display()
        );
    }
    assert_ne!(ta, tc, "a different seed gave the same corpus");
}

#[test]
fn every_link_and_anchor_resolves_and_pages_are_well_formed() {
    let chapters = 60;
    let site = write_corpus("links", chapters, 1);
    let tree = read_tree(&site.0);
    let allowed: BTreeSet<&str> = ["title", "weight", "description", "owner", "reviewed"].into();
    let mut per_lang: BTreeMap<&str, BTreeSet<PathBuf>> = BTreeMap::new();
    let mut chapter_bytes = 0;
    for (path, bytes) in &tree {
        let text = std::str::from_utf8(bytes).expect("utf-8");
        if path.extension().is_some_and(|e| e == "md") {
            let (fm, body) = split_page(text, path);
            for key in fm.keys() {
                assert!(
                    allowed.contains(key.as_str()),
                    "{}: unexpected key {key}",
                    path.display()
                );
            }
            assert!(
                fm.get("title")
                    .and_then(|t| t.as_str())
                    .is_some_and(|t| !t.is_empty())
            );
            let lang = path
                .components()
                .nth(1)
                .expect("lang dir")
                .as_os_str()
                .to_str()
                .expect("utf-8");
            let lang = if lang == "fi" { "fi" } else { "en" };
            per_lang
                .entry(lang)
                .or_default()
                .insert(path.components().skip(2).collect());
            let chapter_links = links(&body)
                .iter()
                .filter(|href| check_link(&tree, path, href))
                .count();
            if path.file_name().is_some_and(|n| n != "_index.md") {
                chapter_bytes += bytes.len();
                let reviewed = fm["reviewed"].as_str().expect("reviewed is a string");
                assert!(
                    bank::REVIEWED.contains(&reviewed),
                    "{}: reviewed {reviewed}",
                    path.display()
                );
                let hs = headings(&body);
                assert!(
                    (3..=8).contains(&hs.len()),
                    "{}: {} headings",
                    path.display(),
                    hs.len()
                );
                assert!(hs.iter().all(|(level, _)| *level == 2 || *level == 3));
                assert!(
                    (2..=5).contains(&chapter_links),
                    "{}: {chapter_links} chapter links",
                    path.display()
                );
            }
        } else if path.starts_with("content/channels") {
            let profile: serde_yaml::Value = serde_yaml::from_str(text).expect("channel yaml");
            for field in [
                "name",
                "description",
                "audience",
                "purpose",
                "tone",
                "content",
                "dos",
                "donts",
                "response_time",
            ] {
                for lang in ["fi", "en"] {
                    assert!(
                        !profile[field][lang].is_null(),
                        "{}: {field}.{lang} missing",
                        path.display()
                    );
                }
            }
            for lang in ["fi", "en"] {
                for href in links(profile["description"][lang].as_str().expect("description")) {
                    check_link(&tree, path, &href);
                }
            }
        }
    }
    assert_eq!(per_lang["fi"], per_lang["en"], "fi and en are not mirrored");
    let average = chapter_bytes / (2 * chapters);
    assert!(
        (3000..=5500).contains(&average),
        "average chapter {average} bytes"
    );
}

#[test]
fn sections_hold_twenty_to_fifty_chapters() {
    for chapters in [20, 100, 1000] {
        let plan = plan::Plan::new(chapters, 3);
        let total: usize = plan.sections.iter().map(|s| s.len()).sum();
        assert_eq!(total, chapters);
        for s in &plan.sections {
            assert!(
                (20..60).contains(&s.len()),
                "{chapters} chapters: a section of {}",
                s.len()
            );
        }
    }
}

#[test]
fn heading_bank_gives_unique_plain_ids() {
    for lang in 0..2 {
        let mut ids = BTreeSet::new();
        for pair in bank::HEADINGS {
            let text = pair[lang];
            assert!(
                text.chars().all(|c| c.is_alphanumeric() || c == ' '),
                "punctuation in heading {text:?}"
            );
            assert_eq!(render::heading_id(text), slug(text));
            assert!(
                ids.insert(slug(text)),
                "two headings share the id of {text:?}"
            );
        }
    }
}

#[test]
fn refuses_to_replace_content_it_did_not_write() {
    let dir = TempDir::new("foreign");
    fs::create_dir_all(dir.0.join("content")).expect("mkdir");
    fs::write(dir.0.join("content/keep.md"), "mine").expect("write");
    let files = corpus::generate(&corpus::Options {
        chapters: 3,
        seed: 1,
    });
    assert!(corpus::write_site(&dir.0, &files, "test\n").is_err());
    assert!(dir.0.join("content/keep.md").exists());
    // A corpus it wrote itself is replaced.
    let own = write_corpus("own", 5, 1);
    let files = corpus::generate(&corpus::Options {
        chapters: 2,
        seed: 1,
    });
    corpus::write_site(&own.0, &files, "test\n").expect("rewrite");
    let md = read_tree(&own.0)
        .keys()
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .count();
    assert_eq!(md, 2 * (2 + 1 + 1), "old files left behind");
}
