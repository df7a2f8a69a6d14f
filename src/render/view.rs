//! The data every template receives: typed, serializable view structs.
//!
//! This is the contract between the Rust side and `themes/*/templates/`. Every href
//! here is already relative to the page being rendered and names a file, so templates
//! never build URLs themselves.

use serde::Serialize;
use std::collections::BTreeMap;

/// Which template renders a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PageType {
    /// `index.html` at the root: the language choice.
    Languages,
    /// `<lang>/index.html`
    Front,
    Section,
    Chapter,
    /// `<lang>/channels/index.html`
    Channels,
    /// `<lang>/channels/<id>.html`
    Channel,
    /// `<lang>/print.html`
    Print,
    /// `404.html`
    NotFound,
}

impl PageType {
    /// The template file that renders this kind of page.
    pub fn template(self) -> &'static str {
        match self {
            PageType::Languages => "languages.html",
            PageType::Front => "front.html",
            PageType::Section => "section.html",
            PageType::Chapter => "chapter.html",
            PageType::Channels => "channels.html",
            PageType::Channel => "channel.html",
            PageType::Print => "print.html",
            PageType::NotFound => "404.html",
        }
    }
}

/// The whole context of one rendered page: `{{ site.title }}`, `{{ page.html }}`, ...
#[derive(Debug, Clone, Serialize)]
pub struct PageContext<'a> {
    pub site: SiteView<'a>,
    /// UI strings of the page's language (`{{ ui.search_placeholder }}`), from
    /// `themes/<theme>/i18n/<lang>.yaml`, falling back to English per key.
    pub ui: &'a BTreeMap<String, String>,
    pub page: PageView,
    pub nav: NavView<'a>,
    /// The pages above this one, front page first, not including this page itself (the
    /// template adds its title as the current crumb). Empty on the front page.
    pub breadcrumbs: Vec<Link>,
    pub prev: Option<Link>,
    pub next: Option<Link>,
    /// Section and front pages: the pages directly below, with descriptions.
    pub children: Vec<Entry>,
    /// Front page only: the whole table of contents, as a tree.
    pub contents: Vec<TocNode>,
    /// Front page and channel overview: every channel, summarised.
    pub channels: Vec<ChannelView>,
    /// Channel page only.
    pub channel: Option<ChannelView>,
    /// Print page only: every page in reading order.
    pub print: Vec<PrintPart>,
    /// Languages page (root index.html) only: one entry per language.
    pub languages: Vec<LanguageChoice>,
}

/// Facts shared by every page of one language.
#[derive(Debug, Clone, Serialize)]
pub struct SiteView<'a> {
    /// The site title in the page's language.
    pub title: &'a str,
    /// The page's language (`<html lang>`).
    pub lang: &'a str,
    pub default_lang: &'a str,
    /// Relative prefix from this page to the output root: `""`, `"../"`, `"../../"`.
    pub root: String,
    /// Href of this language's front page, relative to this page.
    pub home: String,
    /// Href of this language's print page.
    pub print: String,
    /// Href of this language's channel overview.
    pub channels: String,
    /// Href prefix of the theme's static files: `{{ site.static }}style.css`.
    pub r#static: String,
    /// Hrefs of the scripts that hold this language's search index, in load order.
    pub search_index: Vec<String>,
    /// Same page in every other language, for the switcher and hreflang.
    pub alternates: Vec<Alternate>,
    /// Absolute URL of this page when `base_url` is set.
    pub canonical: Option<String>,
}

/// The same page in another language.
#[derive(Debug, Clone, Serialize)]
pub struct Alternate {
    pub lang: String,
    /// The language's own name for itself ("suomi", "English").
    pub name: String,
    pub href: String,
    /// Absolute URL for `<link rel="alternate" hreflang>` when `base_url` is set.
    pub absolute: Option<String>,
    pub is_current: bool,
    /// That language's page is a fallback showing the default language's text.
    pub is_fallback: bool,
}

/// A link with its text.
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub title: String,
    pub href: String,
}

/// A page in a listing.
#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    pub title: String,
    pub href: String,
    pub description: Option<String>,
    pub is_fallback: bool,
}

/// The page's own content and facts.
#[derive(Debug, Clone, Serialize)]
pub struct PageView {
    pub kind: PageType,
    pub title: String,
    pub description: Option<String>,
    /// Rendered Markdown (trusted HTML: output with `| safe`).
    pub html: String,
    /// Headings of the page for its own table of contents.
    pub toc: Vec<Heading>,
    pub owner: Option<String>,
    /// `YYYY-MM-DD`.
    pub reviewed: Option<String>,
    /// The text shown is the default language's: the page is not translated yet.
    pub is_fallback: bool,
    /// The language the content is really in (for `lang` on the content element).
    pub content_lang: String,
    /// Output path relative to the root (`fi/kanavat/facebook.html`).
    pub path: String,
}

/// A heading inside a page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// Site navigation: every top-level entry, and the chapters of the current one only,
/// so a page's size does not grow with the whole handbook. The entries other than
/// the current one are the same for every page in a folder, so they come already
/// rendered (by the theme's `nav_entries.html`, once per folder), as HTML.
#[derive(Debug, Clone, Serialize)]
pub struct NavView<'a> {
    /// The `<li>` items of the top-level entries before the current one (trusted HTML).
    pub before: &'a str,
    /// The top-level entry that is or holds the page shown, with its chapters.
    pub current: Option<NavSection>,
    /// The `<li>` items of the top-level entries after the current one (trusted HTML).
    pub after: &'a str,
}

/// The context of `nav_entries.html`: top-level entries other than the current one,
/// with hrefs relative to the folder they are shown in.
#[derive(Debug, Clone, Serialize)]
pub struct NavEntries<'a> {
    pub entries: &'a [NavSection],
    pub default_lang: &'a str,
}

/// A top-level entry in the navigation: a section, or a chapter at the top level.
#[derive(Debug, Clone, Serialize)]
pub struct NavSection {
    pub title: String,
    pub href: String,
    /// This entry is the page shown, or contains it.
    pub is_current: bool,
    pub is_fallback: bool,
    /// Filled only for the section that contains the current page.
    pub chapters: Vec<NavItem>,
}

/// A chapter in the current section's list.
#[derive(Debug, Clone, Serialize)]
pub struct NavItem {
    pub title: String,
    pub href: String,
    pub is_current: bool,
    pub is_fallback: bool,
    /// Nested level below the section, starting at 0.
    pub depth: usize,
}

/// A node of the front page's table of contents.
#[derive(Debug, Clone, Serialize)]
pub struct TocNode {
    pub title: String,
    pub href: String,
    pub description: Option<String>,
    pub is_fallback: bool,
    pub children: Vec<TocNode>,
}

/// One channel profile in the page's language, fields already picked and rendered.
#[derive(Debug, Clone, Serialize)]
pub struct ChannelView {
    pub id: String,
    pub name: String,
    pub platform: String,
    /// The platform's display name ("Facebook", "X").
    pub platform_name: String,
    pub url: String,
    /// Href of the channel's own page.
    pub href: String,
    pub owner: Option<Field<String>>,
    /// Language names ("suomi", "englanti") in the page's language where known.
    pub languages: Vec<String>,
    /// Rendered Markdown.
    pub description: Option<Field<String>>,
    pub audience: Option<Field<String>>,
    pub purpose: Option<Field<Vec<String>>>,
    pub tone: Option<Field<Vec<String>>>,
    pub content: Option<Field<Vec<String>>>,
    pub dos: Option<Field<Vec<String>>>,
    pub donts: Option<Field<Vec<String>>>,
    pub response_time: Option<Field<String>>,
}

/// A localized channel field: its value and whether it fell back to the default
/// language (then `lang` is that language, for the `lang` attribute).
#[derive(Debug, Clone, Serialize)]
pub struct Field<T> {
    pub value: T,
    pub is_fallback: bool,
    pub lang: String,
}

/// One page inside `print.html`.
#[derive(Debug, Clone, Serialize)]
pub struct PrintPart {
    /// Unique id on the print page (the page's output path, slugified).
    pub id: String,
    pub title: String,
    /// 1 for top-level pages, 2 for pages in a section, ...
    pub depth: usize,
    /// Rendered Markdown with links rewritten to point inside the print page.
    pub html: String,
    pub is_fallback: bool,
    pub content_lang: String,
}

/// A language on the root language-choice page.
#[derive(Debug, Clone, Serialize)]
pub struct LanguageChoice {
    pub lang: String,
    pub name: String,
    /// The site title in that language.
    pub title: String,
    pub href: String,
}
