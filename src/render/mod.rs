//! Turning assembled pages into HTML with Tera templates.
//!
//! `view` is the data contract with the templates. `theme` loads a theme (the default
//! one compiled in from `embedded`, overridden file by file by the site's own), compiles
//! its templates once and renders pages through `context`; `diagnose` turns Tera's errors into
//! diagnostics that name the template file.

mod context;
mod diagnose;
mod embedded;
mod filters;
mod theme;
pub mod view;

pub use theme::Theme;

#[cfg(test)]
mod tests;
