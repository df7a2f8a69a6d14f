//! The shipped handbook as search documents, read straight from `content/`.
//!
//! A stand-in for the build pipeline's own extraction, so that the query set can be
//! evaluated before the pipeline calls `build_index`: front matter title and
//! description, Markdown split at `##` headings into plain text, channel profiles
//! as pages with a section per field.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use handbook::search::{DocSection, SearchDoc};
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde_yaml::Value;

/// The repository's `content/` folder.
pub fn content_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("content")
}

/// Synonym groups of a language from `content/site.yaml`.
pub fn synonyms(lang: &str) -> Vec<Vec<String>> {
    let text = fs::read_to_string(content_dir().join("site.yaml")).unwrap_or_default();
    let site: Value = serde_yaml::from_str(&text).unwrap_or(Value::Null);
    let groups = &site["search"]["synonyms"][lang];
    groups
        .as_sequence()
        .map(|gs| {
            gs.iter()
                .map(|g| {
                    g.as_sequence()
                        .map(|ws| {
                            ws.iter()
                                .filter_map(|w| w.as_str().map(str::to_owned))
                                .collect()
                        })
                        .unwrap_or_default()
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Every chapter, section page and channel profile of a language.
pub fn docs(lang: &str) -> Vec<SearchDoc> {
    let root = content_dir().join(lang);
    let mut files: Vec<PathBuf> = walk(&root);
    files.sort();
    let mut titles: BTreeMap<PathBuf, String> = BTreeMap::new();
    for f in files.iter().filter(|f| f.ends_with("_index.md")) {
        let (front, _) = split_front(&fs::read_to_string(f).unwrap_or_default());
        if let Some(dir) = f.parent() {
            titles.insert(dir.to_path_buf(), str_of(&front["title"]));
        }
    }
    let mut docs: Vec<SearchDoc> = files.iter().map(|f| chapter(&root, f, &titles)).collect();
    let mut channels: Vec<(i64, PathBuf)> = walk(&content_dir().join("channels"))
        .into_iter()
        .map(|f| (weight_of(&f), f))
        .collect();
    channels.sort();
    docs.extend(channels.iter().map(|(_, f)| channel(lang, f)));
    docs
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("md" | "yaml")
        ) {
            out.push(path);
        }
    }
    out
}

fn weight_of(file: &Path) -> i64 {
    let text = fs::read_to_string(file).unwrap_or_default();
    let v: Value = serde_yaml::from_str(&text).unwrap_or(Value::Null);
    v["weight"].as_i64().unwrap_or(0)
}

fn split_front(text: &str) -> (Value, &str) {
    let Some(rest) = text.strip_prefix("---\n") else {
        return (Value::Null, text);
    };
    let Some(end) = rest.find("\n---\n") else {
        return (Value::Null, text);
    };
    let front = serde_yaml::from_str(&rest[..end]).unwrap_or(Value::Null);
    (front, &rest[end + 5..])
}

fn str_of(v: &Value) -> String {
    v.as_str().map(str::to_owned).unwrap_or_default()
}

fn chapter(root: &Path, file: &Path, titles: &BTreeMap<PathBuf, String>) -> SearchDoc {
    let text = fs::read_to_string(file).unwrap_or_default();
    let (front, body) = split_front(&text);
    let rel = file.strip_prefix(root).unwrap_or(file);
    let dir = rel.parent().map(Path::to_path_buf).unwrap_or_default();
    let stem = file
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    let name = if stem == "_index" {
        "index".to_owned()
    } else {
        stem.trim_start_matches(|c: char| c.is_ascii_digit())
            .trim_start_matches('-')
            .to_owned()
    };
    let href = dir
        .join(format!("{name}.html"))
        .to_string_lossy()
        .replace('\\', "/");
    let crumb = rel
        .ancestors()
        .skip(1)
        .filter(|a| !a.as_os_str().is_empty() && (stem != "_index" || *a != dir))
        .filter_map(|a| titles.get(&root.join(a)).cloned())
        .collect::<Vec<_>>()
        .join(" › ");
    SearchDoc {
        href,
        title: str_of(&front["title"]),
        crumb,
        description: front["description"].as_str().map(str::to_owned),
        sections: markdown_sections(body),
    }
}

/// Plain text of Markdown split at level-2+ headings.
pub fn markdown_sections(markdown: &str) -> Vec<DocSection> {
    let mut out = vec![DocSection {
        id: None,
        heading: None,
        text: String::new(),
    }];
    let mut in_heading = false;
    let mut heading = String::new();
    for event in Parser::new_ext(markdown, Options::all()) {
        match event {
            Event::Start(Tag::Heading { level, .. }) if level != HeadingLevel::H1 => {
                in_heading = true;
                heading.clear();
            }
            Event::End(TagEnd::Heading(level)) if level != HeadingLevel::H1 && in_heading => {
                in_heading = false;
                out.push(DocSection {
                    id: Some(slug(&heading)),
                    heading: Some(heading.trim().to_owned()),
                    text: String::new(),
                });
            }
            Event::Text(t) | Event::Code(t) => {
                let t = t.strip_prefix("[!").map_or(&*t, |_| "");
                if in_heading {
                    heading.push_str(t);
                } else if let Some(s) = out.last_mut() {
                    s.text.push_str(t);
                }
            }
            Event::SoftBreak | Event::HardBreak | Event::End(_) => {
                if let Some(s) = out.last_mut().filter(|_| !in_heading) {
                    s.text.push(' ');
                }
            }
            _ => {}
        }
    }
    for s in &mut out {
        s.text = s.text.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    if out[0].text.is_empty() && out.len() > 1 {
        out.remove(0);
    }
    out
}

/// The heading id rule of the SPEC: lowercase, ä/ö/å folded, words joined by `-`.
fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.to_lowercase().chars() {
        let c = match c {
            'ä' | 'å' => 'a',
            'ö' => 'o',
            c => c,
        };
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_owned()
}

fn localized(v: &Value, lang: &str) -> Value {
    match v {
        Value::Mapping(m) => m
            .get(lang)
            .or_else(|| m.get("fi"))
            .cloned()
            .unwrap_or(Value::Null),
        other => other.clone(),
    }
}

fn text_of(v: &Value) -> String {
    match v {
        Value::Sequence(items) => items.iter().map(text_of).collect::<Vec<_>>().join(" "),
        Value::String(s) => markdown_sections(s)
            .into_iter()
            .map(|s| s.text)
            .collect::<Vec<_>>()
            .join(" "),
        _ => String::new(),
    }
}

fn channel(lang: &str, file: &Path) -> SearchDoc {
    let text = fs::read_to_string(file).unwrap_or_default();
    let v: Value = serde_yaml::from_str(&text).unwrap_or(Value::Null);
    let id = file
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    let fi = lang == "fi";
    let fields: [(&str, &str, &str); 7] = [
        ("audience", "Yleisö", "Audience"),
        ("purpose", "Tarkoitus", "Purpose"),
        ("tone", "Äänensävy", "Tone of voice"),
        ("content", "Sisältö", "Content"),
        ("dos", "Tee näin", "Do"),
        ("donts", "Vältä", "Don't"),
        ("response_time", "Vastausaika", "Response time"),
    ];
    let mut sections = vec![DocSection {
        id: None,
        heading: None,
        text: str_of(&v["platform"]),
    }];
    for (key, fi_label, en_label) in fields {
        let value = text_of(&localized(&v[key], lang));
        if !value.is_empty() {
            sections.push(DocSection {
                id: Some(key.replace('_', "-")),
                heading: Some(if fi { fi_label } else { en_label }.to_owned()),
                text: value,
            });
        }
    }
    SearchDoc {
        href: format!("channels/{id}.html"),
        title: text_of(&localized(&v["name"], lang)),
        crumb: if fi { "Kanavat" } else { "Channels" }.to_owned(),
        description: Some(text_of(&localized(&v["description"], lang))).filter(|d| !d.is_empty()),
        sections,
    }
}
