//! The default theme, compiled into the binary so one executable builds any site.
//!
//! A list of `include_str!`/`include_bytes!` instead of a directory-embedding crate:
//! the theme is a dozen files, and a unit test checks this list against
//! `themes/default/` so a new file cannot be forgotten.

/// Embeds `themes/default/<dir>/<name>` as text, keyed by `name`.
macro_rules! text {
    ($dir:literal, $name:literal) => {
        (
            $name,
            include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/themes/default/",
                $dir,
                "/",
                $name
            )),
        )
    };
}

/// Embeds `themes/default/static/<name>` as bytes, keyed by `name`.
macro_rules! bytes {
    ($name:literal) => {
        (
            $name,
            include_bytes!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/themes/default/static/",
                $name
            ))
            .as_slice(),
        )
    };
}

/// `templates/`: name (as used by `extends`/`include` and `PageType::template`) and text.
pub const TEMPLATES: &[(&str, &str)] = &[
    text!("templates", "base.html"),
    text!("templates", "components.html"),
    text!("templates", "search.html"),
    text!("templates", "nav_entries.html"),
    text!("templates", "languages.html"),
    text!("templates", "front.html"),
    text!("templates", "section.html"),
    text!("templates", "chapter.html"),
    text!("templates", "channels.html"),
    text!("templates", "channel.html"),
    text!("templates", "print.html"),
    text!("templates", "404.html"),
];

/// `i18n/`: file name and YAML text.
pub const I18N: &[(&str, &str)] = &[
    text!("i18n", "en.yaml"),
    text!("i18n", "fi.yaml"),
    text!("i18n", "sv.yaml"),
];

/// `static/`: path below the static folder and bytes.
pub const STATIC: &[(&str, &[u8])] = &[
    bytes!("style.css"),
    bytes!("handbook.js"),
    bytes!("search.css"),
    bytes!("search.js"),
    bytes!("search-ui.js"),
];
