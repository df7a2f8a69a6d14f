//! `content/site.yaml`: the raw serde struct, then validated settings.

use crate::error::Diagnostic;
use crate::model::{Localized, Settings};
use crate::parse::localized::At;
use crate::parse::yaml::Doc;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    title: serde_yaml::Value,
    languages: Vec<String>,
    base_url: Option<String>,
    theme: Option<String>,
    review_interval_months: Option<u32>,
    #[serde(default)]
    search: RawSearch,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawSearch {
    #[serde(default)]
    synonyms: BTreeMap<String, Vec<Vec<String>>>,
}

/// Parses `site.yaml` text; `path` is only for messages.
pub fn parse(path: &Path, text: &str) -> Result<Settings, Vec<Diagnostic>> {
    let doc = Doc {
        path,
        text,
        first_line: 1,
    };
    let raw: Raw = doc.parse("site settings").map_err(|d| vec![d])?;
    let lines = doc.key_lines();
    let line = |k: &str| lines.get(k).copied().unwrap_or(1);
    let mut problems = Vec::new();
    let mut languages: Vec<String> = Vec::new();
    for lang in &raw.languages {
        if !is_lang_code(lang) {
            problems.push(
                Diagnostic::error(path, format!("`{lang}` is not a language code"))
                    .at_line(line("languages"))
                    .with_hint("use short codes like `fi`, `en`, `sv`"),
            );
        } else if languages.contains(lang) {
            problems.push(
                Diagnostic::error(path, format!("language `{lang}` is listed twice"))
                    .at_line(line("languages")),
            );
        } else {
            languages.push(lang.clone());
        }
    }
    if raw.languages.is_empty() {
        problems.push(
            Diagnostic::error(path, "`languages` is empty")
                .at_line(line("languages"))
                .with_hint(
                    "list at least one language; the first is the default: `languages: [fi, en]`",
                ),
        );
    }
    let title = At {
        path,
        key: "title",
        line: line("title"),
        languages: &languages,
    }
    .text(&raw.title)
    .unwrap_or_else(|d| {
        problems.push(d);
        Localized::Same(String::new())
    });
    let base_url = raw.base_url.and_then(|url| match normalize_base_url(&url) {
        Some(u) => Some(u),
        None => {
            problems.push(
                Diagnostic::error(
                    path,
                    format!("`base_url: {url}` is not an absolute http(s) URL"),
                )
                .at_line(line("base_url"))
                .with_hint("write it like https://intra.example.fi/somekasikirja/"),
            );
            None
        }
    });
    for lang in raw.search.synonyms.keys() {
        if !languages.contains(lang) {
            problems.push(
                Diagnostic::error(
                    path,
                    format!("search synonyms for `{lang}`, which is not a language of the site"),
                )
                .at_line(line("search")),
            );
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Settings {
        title,
        languages,
        base_url,
        theme: raw.theme.unwrap_or_else(|| "default".to_string()),
        review_interval_months: raw.review_interval_months,
        synonyms: raw.search.synonyms,
    })
}

fn is_lang_code(s: &str) -> bool {
    let mut parts = s.split('-');
    let main = parts.next().unwrap_or_default();
    (2..=3).contains(&main.len())
        && main.chars().all(|c| c.is_ascii_lowercase())
        && parts.all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

fn normalize_base_url(url: &str) -> Option<String> {
    let url = url.trim();
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    if rest.is_empty() || rest.starts_with('/') || rest.contains(char::is_whitespace) {
        return None;
    }
    Some(if url.ends_with('/') {
        url.to_string()
    } else {
        format!("{url}/")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p() -> &'static Path {
        Path::new("content/site.yaml")
    }

    #[test]
    fn parses_the_spec_example() {
        let s = parse(
            p(),
            "title:\n  fi: Käsikirja\n  en: Handbook\nlanguages: [fi, en]\nbase_url: https://x.fi/k\nsearch:\n  synonyms:\n    fi:\n      - [some, sosiaalinen media]\n",
        )
        .unwrap();
        assert_eq!(s.languages, ["fi", "en"]);
        assert_eq!(s.default_lang(), "fi");
        assert_eq!(s.base_url.as_deref(), Some("https://x.fi/k/"));
        assert_eq!(s.theme, "default");
        assert_eq!(s.synonyms["fi"][0], ["some", "sosiaalinen media"]);
        assert_eq!(s.title.pick("en", "fi").unwrap().value, "Handbook");
    }

    #[test]
    fn title_in_unknown_language_is_an_error_with_hint() {
        let e = parse(p(), "title:\n  fi: A\n  em: B\nlanguages: [fi, en]\n").unwrap_err();
        assert_eq!(e[0].location(), "content/site.yaml:1");
        assert_eq!(e[0].hint.as_deref(), Some("did you mean `en`?"));
    }

    #[test]
    fn unknown_key_and_bad_url() {
        let e = parse(p(), "title: A\nlanguages: [fi]\nlanguage: fi\n").unwrap_err();
        assert_eq!(e[0].location(), "content/site.yaml:3:1");
        let e = parse(p(), "title: A\nlanguages: [fi]\nbase_url: intra/x\n").unwrap_err();
        assert_eq!(e[0].location(), "content/site.yaml:3");
    }
}
