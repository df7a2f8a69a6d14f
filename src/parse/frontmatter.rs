//! Markdown files: front matter split off with its line offset, then validated.

use super::yaml::Doc;
use crate::error::Diagnostic;
use crate::model::{Date, FrontMatter};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

/// A file split at its front matter fences.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    pub yaml: &'a str,
    /// 1-based line where the YAML starts.
    pub yaml_line: usize,
    pub body: &'a str,
    /// 1-based line where the body starts.
    pub body_line: usize,
}

/// Splits `---\n<yaml>\n---\n<body>`.
pub fn split<'a>(path: &Path, text: &'a str) -> Result<Split<'a>, Diagnostic> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(Diagnostic::error(path, "the file is empty")
            .at(1, 1)
            .with_hint("a page starts with front matter: `---`, `title: ...`, `---`"));
    }
    let first = text.lines().next().unwrap_or_default();
    if first.trim_end() != "---" {
        return Err(Diagnostic::error(path, "the page has no front matter")
            .at(1, 1)
            .with_hint("start the file with a line `---`, then `title: ...`, then `---`"));
    }
    let yaml_start = first.len() + usize::from(text[first.len()..].starts_with("\r\n")) + 1;
    let mut offset = yaml_start.min(text.len());
    for (line_no, line) in (2..).zip(text[offset..].split_inclusive('\n')) {
        if matches!(line.trim_end(), "---" | "...") {
            let body_start = offset + line.len();
            return Ok(Split {
                yaml: &text[yaml_start.min(offset)..offset],
                yaml_line: 2,
                body: &text[body_start..],
                body_line: line_no + 1,
            });
        }
        offset += line.len();
    }
    Err(Diagnostic::error(path, "the front matter never closes")
        .at(1, 1)
        .with_hint("end the front matter with a line that holds only `---`"))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    title: String,
    #[serde(default)]
    weight: i64,
    description: Option<String>,
    slug: Option<String>,
    owner: Option<String>,
    reviewed: Option<String>,
    #[serde(default)]
    draft: bool,
    translated_from: Option<String>,
}

/// Parsed front matter plus the line of each key.
pub struct Parsed {
    pub front: FrontMatter,
    pub key_lines: BTreeMap<String, usize>,
}

/// Parses and validates the YAML between the fences.
pub fn parse(path: &Path, split: &Split) -> Result<Parsed, Vec<Diagnostic>> {
    let doc = Doc {
        path,
        text: split.yaml,
        first_line: split.yaml_line,
    };
    let raw: Raw = doc.parse("front matter").map_err(|d| vec![d])?;
    let key_lines = doc.key_lines();
    let line_of = |key: &str| key_lines.get(key).copied().unwrap_or(split.yaml_line);
    let mut problems = Vec::new();
    if raw.title.trim().is_empty() {
        problems.push(Diagnostic::error(path, "the title is empty").at_line(line_of("title")));
    }
    let reviewed = raw.reviewed.as_deref().and_then(|s| match parse_date(s) {
        Some(d) => Some(d),
        None => {
            problems.push(
                Diagnostic::error(path, format!("`reviewed: {s}` is not a date"))
                    .at_line(line_of("reviewed"))
                    .with_hint("write the date as YYYY-MM-DD, e.g. 2026-09-15"),
            );
            None
        }
    });
    if let Some((slug, Err(why))) = raw.slug.as_ref().map(|s| (s, check_slug(s))) {
        problems.push(
            Diagnostic::error(path, format!("`slug: {slug}` {why}"))
                .at_line(line_of("slug"))
                .with_hint("a slug is a file name without `.html`: letters, digits and `-`"),
        );
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let front = FrontMatter {
        title: raw.title.trim().to_string(),
        weight: raw.weight,
        description: raw.description.map(|s| s.trim().to_string()),
        slug: raw.slug,
        owner: raw.owner,
        reviewed,
        draft: raw.draft,
        translated_from: raw.translated_from,
    };
    Ok(Parsed { front, key_lines })
}

/// `YYYY-MM-DD` only: the one format SPEC allows.
pub fn parse_date(s: &str) -> Option<Date> {
    let s = s.trim();
    if s.len() != 10 {
        return None;
    }
    s.parse::<Date>().ok()
}

fn check_slug(slug: &str) -> Result<(), &'static str> {
    if slug.is_empty() {
        Err("is empty")
    } else if slug.contains(['/', '\\']) {
        Err("contains a slash")
    } else if slug.starts_with('.') {
        Err("starts with a dot")
    } else if slug.chars().any(|c| c.is_whitespace() || c.is_control()) {
        Err("contains spaces")
    } else {
        Ok(())
    }
}

/// The default slug: the file stem without a leading order prefix
/// (`01-kaupunki-somessa` -> `kaupunki-somessa`).
pub fn strip_order_prefix(stem: &str) -> &str {
    let digits = stem.len() - stem.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 {
        return stem;
    }
    match stem[digits..].strip_prefix(['-', '_', '.']) {
        Some(rest) if !rest.is_empty() => rest,
        _ => stem,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p() -> &'static Path {
        Path::new("content/fi/ohje.md")
    }

    #[test]
    fn splits_with_line_offsets() {
        let s = split(p(), "---\ntitle: A\n---\n# Body\n").unwrap();
        assert_eq!(s.yaml, "title: A\n");
        assert_eq!(s.yaml_line, 2);
        assert_eq!(s.body, "# Body\n");
        assert_eq!(s.body_line, 4);
    }

    #[test]
    fn crlf_and_bom_are_accepted() {
        let s = split(p(), "\u{feff}---\r\ntitle: A\r\n---\r\nx").unwrap();
        assert_eq!(s.yaml, "title: A\r\n");
        assert_eq!(s.body, "x");
    }

    #[test]
    fn unclosed_empty_and_missing_front_matter_are_errors() {
        let e = split(p(), "---\ntitle: A\n").unwrap_err();
        assert!(e.message.contains("never closes"));
        assert_eq!(e.location(), "content/fi/ohje.md:1:1");
        assert!(split(p(), "  \n").unwrap_err().message.contains("empty"));
        assert!(
            split(p(), "# x\n")
                .unwrap_err()
                .message
                .contains("no front matter")
        );
    }

    #[test]
    fn unknown_key_has_line_and_hint() {
        let text = "---\ntitle: A\nowner: B\nreviwed: 2026-01-01\n---\n";
        let s = split(p(), text).unwrap();
        let e = parse(p(), &s).err().unwrap().remove(0);
        assert_eq!(e.location(), "content/fi/ohje.md:4:1");
        assert!(e.hint.unwrap().contains("did you mean `reviewed`?"));
    }

    #[test]
    fn bad_date_names_its_line() {
        let s = split(p(), "---\ntitle: A\nreviewed: 15.9.2026\n---\n").unwrap();
        let e = parse(p(), &s).err().unwrap().remove(0);
        assert_eq!(e.location(), "content/fi/ohje.md:3");
        let ok = split(p(), "---\ntitle: A\nreviewed: 2026-09-15\n---\n").unwrap();
        let front = parse(p(), &ok).ok().unwrap().front;
        assert_eq!(front.reviewed.unwrap().to_string(), "2026-09-15");
    }

    #[test]
    fn missing_title_is_an_error() {
        let s = split(p(), "---\nweight: 1\n---\n").unwrap();
        let e = parse(p(), &s).err().unwrap().remove(0);
        assert!(
            e.message.contains("missing required key `title`"),
            "{}",
            e.message
        );
    }

    #[test]
    fn order_prefixes_are_stripped() {
        assert_eq!(
            strip_order_prefix("01-kaupunki-somessa"),
            "kaupunki-somessa"
        );
        assert_eq!(strip_order_prefix("2_ohje"), "ohje");
        assert_eq!(strip_order_prefix("2024"), "2024");
        assert_eq!(strip_order_prefix("ohje-01"), "ohje-01");
        assert_eq!(strip_order_prefix("10-"), "10-");
    }
}

/// Sets `key: value` in a file's front matter, keeping every other byte: an existing
/// top-level line for `key` is replaced, else the line is added before the closing
/// fence. `None` when the file has no front matter.
pub fn set_key(text: &str, key: &str, value: &str) -> Option<String> {
    let split = split(Path::new(""), text).ok()?;
    let yaml_start = split.yaml.as_ptr() as usize - text.as_ptr() as usize;
    let yaml_end = yaml_start + split.yaml.len();
    let eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let new_line = format!("{key}: {value}{eol}");
    let mut offset = yaml_start;
    for line in split.yaml.split_inclusive('\n') {
        let is_key = line
            .split_once(':')
            .is_some_and(|(k, _)| k == key && !line.starts_with([' ', '\t']));
        if is_key {
            return Some(format!(
                "{}{new_line}{}",
                &text[..offset],
                &text[offset + line.len()..]
            ));
        }
        offset += line.len();
    }
    let needs_eol = !split.yaml.is_empty() && !split.yaml.ends_with('\n');
    Some(format!(
        "{}{}{new_line}{}",
        &text[..yaml_end],
        if needs_eol { eol } else { "" },
        &text[yaml_end..]
    ))
}

#[cfg(test)]
mod set_key_tests {
    use super::set_key;

    #[test]
    fn replaces_or_adds_one_line_only() {
        let text = "---\ntitle: A\ntranslated_from: 111\nowner: B\n---\nBody\n";
        assert_eq!(
            set_key(text, "translated_from", "222").unwrap(),
            "---\ntitle: A\ntranslated_from: 222\nowner: B\n---\nBody\n"
        );
        let text = "---\ntitle: A\n---\nBody\n";
        assert_eq!(
            set_key(text, "translated_from", "9").unwrap(),
            "---\ntitle: A\ntranslated_from: 9\n---\nBody\n"
        );
        let crlf = "---\r\ntitle: A\r\n---\r\nB";
        assert_eq!(
            set_key(crlf, "translated_from", "9").unwrap(),
            "---\r\ntitle: A\r\ntranslated_from: 9\r\n---\r\nB"
        );
        assert!(set_key("no front matter", "a", "b").is_none());
    }
}
