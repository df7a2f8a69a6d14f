//! handbook: builds a multilingual social media handbook from Markdown chapters and
//! YAML channel profiles into a static, searchable website.
//!
//! The build is one straight line, and the modules follow it:
//! discover and read (`load`) → parse (`parse`) → assemble (`assemble`) →
//! render (`markdown`, `render`, `search`) → write (`output`); `pipeline` is the only
//! place the stages meet.

pub mod assemble;
pub mod cli;
pub mod cmd;
pub mod config;
pub mod error;
pub mod load;
pub mod markdown;
pub mod model;
pub mod output;
pub mod parse;
pub mod pipeline;
pub mod quality;
pub mod render;
pub mod search;
pub mod serve;
pub mod watch;
