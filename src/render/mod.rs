//! Turning assembled pages into HTML with Tera templates.

pub mod view;
