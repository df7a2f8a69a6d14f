//! Plain data of a handbook: settings, pages, channels. No I/O, no logic beyond lookups.

use std::collections::BTreeMap;
use std::path::PathBuf;

pub use jiff::civil::Date;

/// A language code as written in `site.yaml` (`fi`, `en`, `sv`).
pub type Lang = String;

/// `content/site.yaml`, validated.
#[derive(Debug, Clone, PartialEq, Hash)]
pub struct Settings {
    pub title: Localized<String>,
    /// The first one is the default and source language.
    pub languages: Vec<Lang>,
    /// Absolute, ending in `/`; only used for sitemap.xml, canonical and hreflang links.
    pub base_url: Option<String>,
    pub theme: String,
    pub review_interval_months: Option<u32>,
    /// Per language: groups of words that find each other.
    pub synonyms: BTreeMap<Lang, Vec<Vec<String>>>,
}

impl Settings {
    pub fn default_lang(&self) -> &str {
        &self.languages[0]
    }
}

/// A value that is either the same in every language or given per language.
#[derive(Debug, Clone, PartialEq, Hash)]
pub enum Localized<T> {
    Same(T),
    PerLang(BTreeMap<Lang, T>),
}

/// A localized value picked for one language.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Picked<'a, T> {
    pub value: &'a T,
    /// The language the value is really in (differs from the wanted one on fallback).
    pub lang: Option<&'a str>,
    pub is_fallback: bool,
}

impl<T> Localized<T> {
    /// The value for `lang`, else the default language's (marked as a fallback),
    /// else none.
    pub fn pick<'a>(&'a self, lang: &str, default_lang: &'a str) -> Option<Picked<'a, T>> {
        match self {
            Localized::Same(v) => Some(Picked {
                value: v,
                lang: None,
                is_fallback: false,
            }),
            Localized::PerLang(map) => {
                if let Some((l, v)) = map.get_key_value(lang) {
                    return Some(Picked {
                        value: v,
                        lang: Some(l.as_str()),
                        is_fallback: false,
                    });
                }
                map.get_key_value(default_lang).map(|(l, v)| Picked {
                    value: v,
                    lang: Some(l.as_str()),
                    is_fallback: true,
                })
            }
        }
    }

    /// Whether `lang` has its own value (a plain value counts for every language).
    pub fn has(&self, lang: &str) -> bool {
        match self {
            Localized::Same(_) => true,
            Localized::PerLang(map) => map.contains_key(lang),
        }
    }
}

/// What a Markdown file is by its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PageKind {
    /// `content/<lang>/_index.md`
    Front,
    /// `<folder>/_index.md`
    Section,
    Chapter,
}

/// The YAML front matter of a Markdown file.
#[derive(Debug, Clone, PartialEq, Default, Hash)]
pub struct FrontMatter {
    pub title: String,
    pub weight: i64,
    pub description: Option<String>,
    pub slug: Option<String>,
    pub owner: Option<String>,
    pub reviewed: Option<Date>,
    pub draft: bool,
    pub translated_from: Option<String>,
}

/// One Markdown source file, parsed.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub lang: Lang,
    /// Path below the language folder with `/` separators: `kanavat/facebook.md`.
    /// Pages with the same `rel` in two languages are translations of each other.
    pub rel: String,
    /// Path relative to the site root, for messages: `content/fi/kanavat/facebook.md`.
    pub source: PathBuf,
    pub kind: PageKind,
    pub front: FrontMatter,
    /// 1-based line of each front matter key, for messages about its value.
    pub key_lines: BTreeMap<String, usize>,
    /// The Markdown after the front matter.
    pub body: String,
    /// 1-based line in the file where `body` starts.
    pub body_line: usize,
}

/// A list of strings per language (purpose, tone, dos, ...).
pub type LocalizedList = Localized<Vec<String>>;

/// `content/channels/<id>.yaml`, parsed.
#[derive(Debug, Clone, PartialEq, Hash)]
pub struct Channel {
    /// The file stem: `lappeenranta-facebook`.
    pub id: String,
    pub source: PathBuf,
    pub name: Localized<String>,
    pub platform: String,
    pub url: String,
    pub owner: Option<Localized<String>>,
    pub languages: Vec<Lang>,
    pub weight: i64,
    /// Markdown.
    pub description: Option<Localized<String>>,
    pub audience: Option<Localized<String>>,
    pub purpose: Option<LocalizedList>,
    pub tone: Option<LocalizedList>,
    pub content: Option<LocalizedList>,
    pub dos: Option<LocalizedList>,
    pub donts: Option<LocalizedList>,
    pub response_time: Option<Localized<String>>,
    /// 1-based line of each top-level key, for messages.
    pub key_lines: BTreeMap<String, usize>,
}

/// An image or other file beside the Markdown, copied as it is.
#[derive(Debug, Clone, PartialEq, Hash)]
pub struct Asset {
    pub lang: Lang,
    /// Below the language folder: `kanavat/kanavakartta.svg`.
    pub rel: String,
    pub source: PathBuf,
}

/// Everything read from `content/`, before assembly.
#[derive(Debug, Clone, PartialEq)]
pub struct Sources {
    /// The site's folder (holds `content/`); source paths are relative to it.
    pub root: PathBuf,
    pub settings: Settings,
    pub pages: Vec<Page>,
    pub channels: Vec<Channel>,
    pub assets: Vec<Asset>,
}
