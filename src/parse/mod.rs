//! Text to model types: pure functions over `&str`, no disk access.

pub mod channel;
pub mod frontmatter;
pub mod localized;
pub mod yaml;
