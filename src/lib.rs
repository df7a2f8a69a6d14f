//! handbook: builds a multilingual social media handbook from Markdown chapters and
//! YAML channel profiles into a static, searchable website.
//!
//! The build is one straight line, and the modules follow it:
//! discover and read (`load`) → parse (`parse`) → assemble (`assemble`) →
//! render (`markdown`, `render`, `search`) → write (`output`); `pipeline` is the only
//! place the stages meet.

pub mod cli;
pub mod cmd;
pub mod error;
pub mod model;
pub mod pipeline;
pub mod render;
pub mod serve;
pub mod watch;
