//! Turning assembled pages into HTML with Tera templates.
//!
//! `view` is the data contract with the templates. `theme` loads a theme (the default
//! one compiled in from `embedded`, overridden file by file by the site's own), compiles
//! its templates once and renders pages through `context`; `diagnose` turns Tera's errors into
//! diagnostics that name the template file. `pages`, `channels` and `print` build the
//! view structs from the assembled handbook.

pub mod channels;
mod context;
mod diagnose;
mod embedded;
mod filters;
pub mod pages;
pub mod print;
mod theme;
pub mod view;

pub use theme::Theme;

#[cfg(test)]
mod tests;
