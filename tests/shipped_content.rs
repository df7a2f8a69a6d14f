//! Keeps the handbook that ships in `content/` complete: every page of the
//! default language has a translation at the same path, every page carries the
//! front matter readers and `check` rely on, and every channel profile fills
//! every field in every language of the site.
//!
//! Each test collects all the gaps it finds and fails once, listing them, so
//! an editor sees the whole to-do list rather than the first item.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use handbook::parse::frontmatter;
use serde_yaml::{Mapping, Value};
use walkdir::WalkDir;

/// Keys every chapter must set (SPEC: "Chapters").
const CHAPTER_KEYS: [&str; 5] = ["title", "weight", "description", "owner", "reviewed"];
/// Keys every section `_index.md` (and the front page) must set.
const SECTION_KEYS: [&str; 3] = ["title", "weight", "description"];
/// Channel fields that hold one value for every language.
const PLAIN_CHANNEL_FIELDS: [&str; 4] = ["platform", "url", "languages", "weight"];
/// Channel fields that must be written out for every language of the site.
const LOCALIZED_CHANNEL_FIELDS: [&str; 9] = [
    "owner",
    "description",
    "audience",
    "purpose",
    "tone",
    "content",
    "dos",
    "donts",
    "response_time",
];
/// The channels the handbook documents; removing one should be a decision.
const CHANNELS: [&str; 7] = [
    "lappeenranta-facebook",
    "lappeenranta-instagram",
    "lappeenranta-linkedin",
    "lappeenranta-x",
    "lappeenranta-youtube",
    "visitlappeenranta-facebook",
    "visitlappeenranta-instagram",
];

fn content_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("content")
}

/// The site's languages from `site.yaml`, default language first.
fn site_languages() -> Vec<String> {
    let path = content_dir().join("site.yaml");
    let text = fs::read_to_string(&path)
        .unwrap_or_else(|err| panic!("cannot read {}: {err}", path.display()));
    let site: Value = serde_yaml::from_str(&text)
        .unwrap_or_else(|err| panic!("{} is not valid YAML: {err}", path.display()));
    let languages: Vec<String> = site
        .get("languages")
        .and_then(Value::as_sequence)
        .map(|langs| {
            langs
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
    assert!(
        languages.len() >= 2,
        "{} must list the default language and at least one translation, found {languages:?}",
        path.display()
    );
    languages
}

/// Markdown pages of one language, as paths relative to its folder.
fn pages(lang: &str) -> BTreeSet<PathBuf> {
    let root = content_dir().join(lang);
    WalkDir::new(&root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_file())
        .filter(|entry| entry.path().extension().is_some_and(|ext| ext == "md"))
        .filter_map(|entry| entry.path().strip_prefix(&root).ok().map(Path::to_path_buf))
        .collect()
}

/// Whether a value says something: not null, not blank, not an empty list.
fn is_filled(value: &Value) -> bool {
    match value {
        Value::String(text) => !text.trim().is_empty(),
        Value::Sequence(items) => !items.is_empty() && items.iter().all(is_filled),
        Value::Mapping(map) => !map.is_empty(),
        Value::Number(_) | Value::Bool(_) => true,
        Value::Null | Value::Tagged(_) => false,
    }
}

fn is_iso_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, byte)| match i {
            4 | 7 => *byte == b'-',
            _ => byte.is_ascii_digit(),
        })
}

#[test]
fn every_page_has_a_translation_at_the_same_path() {
    let languages = site_languages();
    let (default, translations) = languages.split_first().expect("languages checked above");
    let sources = pages(default);
    assert!(!sources.is_empty(), "content/{default}/ has no pages");

    let mut problems = Vec::new();
    for lang in translations {
        let translated = pages(lang);
        for missing in sources.difference(&translated) {
            problems.push(format!(
                "content/{lang}/{} is missing (translation of content/{default}/{0})",
                missing.display()
            ));
        }
        for orphan in translated.difference(&sources) {
            problems.push(format!(
                "content/{lang}/{} has no source page content/{default}/{0}",
                orphan.display()
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "pages without a pair:\n{}",
        problems.join("\n")
    );
}

#[test]
fn every_page_has_the_required_front_matter() {
    let mut problems = Vec::new();
    for lang in site_languages() {
        for page in pages(&lang) {
            let shown = format!("content/{lang}/{}", page.display());
            let is_index = page.file_name().is_some_and(|name| name == "_index.md");
            let required: &[&str] = if is_index {
                &SECTION_KEYS
            } else {
                &CHAPTER_KEYS
            };
            match read_front_matter(&content_dir().join(&lang).join(&page)) {
                Ok(meta) => check_front_matter(&shown, &meta, required, &mut problems),
                Err(err) => problems.push(format!("{shown}: {err}")),
            }
        }
    }
    assert!(
        problems.is_empty(),
        "front matter gaps:\n{}",
        problems.join("\n")
    );
}

fn read_front_matter(path: &Path) -> Result<Mapping, String> {
    let text = fs::read_to_string(path).map_err(|err| format!("cannot read: {err}"))?;
    // The tool's own splitter, so this test and the build agree on the fences.
    let split = frontmatter::split(path, &text).map_err(|diagnostic| diagnostic.message)?;
    match serde_yaml::from_str(split.yaml) {
        Ok(Value::Mapping(meta)) => Ok(meta),
        Ok(_) => Err("front matter is not a mapping".to_owned()),
        Err(err) => Err(format!("invalid front matter: {err}")),
    }
}

fn check_front_matter(shown: &str, meta: &Mapping, required: &[&str], problems: &mut Vec<String>) {
    for key in required {
        match meta.get(*key) {
            Some(value) if is_filled(value) => {}
            Some(_) => problems.push(format!("{shown}: `{key}` is empty")),
            None => problems.push(format!("{shown}: `{key}` is missing")),
        }
    }
    if let Some(reviewed) = meta.get("reviewed")
        && !reviewed.as_str().is_some_and(is_iso_date)
    {
        problems.push(format!(
            "{shown}: `reviewed` must be a YYYY-MM-DD date, found {reviewed:?}"
        ));
    }
}

#[test]
fn every_channel_profile_is_complete() {
    let languages = site_languages();
    let dir = content_dir().join("channels");
    let mut problems = Vec::new();

    let mut ids: BTreeSet<String> = CHANNELS.iter().map(|id| (*id).to_owned()).collect();
    ids.extend(
        fs::read_dir(&dir)
            .unwrap_or_else(|err| panic!("cannot read {}: {err}", dir.display()))
            .filter_map(Result::ok)
            .map(|entry| entry.path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "yaml"))
            .filter_map(|path| path.file_stem()?.to_str().map(str::to_owned)),
    );

    for id in ids {
        let shown = format!("content/channels/{id}.yaml");
        match read_channel(&dir.join(format!("{id}.yaml"))) {
            Ok(channel) => check_channel(&shown, &channel, &languages, &mut problems),
            Err(err) => problems.push(format!("{shown}: {err}")),
        }
    }
    assert!(
        problems.is_empty(),
        "channel profile gaps:\n{}",
        problems.join("\n")
    );
}

fn read_channel(path: &Path) -> Result<Mapping, String> {
    let text = fs::read_to_string(path).map_err(|err| format!("cannot read: {err}"))?;
    match serde_yaml::from_str(&text) {
        Ok(Value::Mapping(channel)) => Ok(channel),
        Ok(_) => Err("not a mapping".to_owned()),
        Err(err) => Err(format!("invalid YAML: {err}")),
    }
}

fn check_channel(shown: &str, channel: &Mapping, languages: &[String], problems: &mut Vec<String>) {
    // `name` may be one plain value or written out per language.
    match channel.get("name") {
        Some(Value::Mapping(_)) => check_localized(shown, channel, "name", languages, problems),
        Some(value) if is_filled(value) => {}
        Some(_) => problems.push(format!("{shown}: `name` is empty")),
        None => problems.push(format!("{shown}: `name` is missing")),
    }
    for field in PLAIN_CHANNEL_FIELDS {
        match channel.get(field) {
            Some(value) if is_filled(value) => {}
            Some(_) => problems.push(format!("{shown}: `{field}` is empty")),
            None => problems.push(format!("{shown}: `{field}` is missing")),
        }
    }
    if let Some(url) = channel.get("url").filter(|url| is_filled(url)) {
        let is_web = url
            .as_str()
            .is_some_and(|url| url.starts_with("https://") || url.starts_with("http://"));
        if !is_web {
            problems.push(format!("{shown}: `url` must be http(s), found {url:?}"));
        }
    }
    for field in LOCALIZED_CHANNEL_FIELDS {
        check_localized(shown, channel, field, languages, problems);
    }
}

/// A localized field must be a map with a filled value for every language.
fn check_localized(
    shown: &str,
    channel: &Mapping,
    field: &str,
    languages: &[String],
    problems: &mut Vec<String>,
) {
    let Some(value) = channel.get(field) else {
        problems.push(format!("{shown}: `{field}` is missing"));
        return;
    };
    let Some(by_language) = value.as_mapping() else {
        problems.push(format!(
            "{shown}: `{field}` must be written out per language ({})",
            languages.join(", ")
        ));
        return;
    };
    for lang in languages {
        if !by_language.get(lang.as_str()).is_some_and(is_filled) {
            problems.push(format!("{shown}: `{field}` has no `{lang}` value"));
        }
    }
}

#[test]
fn review_dates_must_be_iso() {
    assert!(is_iso_date("2026-11-02"));
    assert!(!is_iso_date("2.11.2026"));
    assert!(!is_iso_date("2026-11-2"));
}
