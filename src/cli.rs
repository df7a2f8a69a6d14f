//! TEMPORARY on the serve branch: the lead owns the real CLI; only `Serve` is wired here.

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(name = "handbook", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build, serve and live-reload the site while you edit it.
    Serve(crate::cmd::serve::ServeArgs),
}
