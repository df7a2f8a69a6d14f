//! The command line, as clap derive structs only: no logic here.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// Builds the city's social media handbook into a website.
///
/// Write chapters in content/<language>/ as Markdown, channel profiles in
/// content/channels/ as YAML, then run `handbook build` (or `handbook serve` to
/// watch the pages change as you save).
#[derive(Debug, Parser)]
#[command(name = "handbook", version, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the website into public/ (nothing is written if anything is wrong).
    Build(BuildArgs),
    /// List every problem in the handbook at once, with file, line and column.
    Check(CheckArgs),
    /// Create a new chapter or channel profile from a template.
    New(NewArgs),
    /// Show which translations are up to date, outdated or missing.
    Translations(TranslationsArgs),
    /// Preview while you write: build, serve on http://127.0.0.1:1111/, rebuild and
    /// reload open browser tabs on every save, show build errors in the page.
    Serve(ServeArgs),
}

/// Which site to work on.
#[derive(Debug, Args, Clone)]
pub struct SiteArgs {
    /// The folder that holds content/ (and optionally themes/).
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Where to write the website [default: public/ inside the site folder].
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Include pages marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
    /// Replace --out even if it holds files that handbook did not write.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Fail on warnings too (missing translations, overdue reviews, ...).
    #[arg(long)]
    pub strict: bool,
    /// Check pages marked `draft: true` as well.
    #[arg(long)]
    pub drafts: bool,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    #[command(subcommand)]
    pub kind: NewKind,
}

#[derive(Debug, Subcommand)]
pub enum NewKind {
    /// A chapter, e.g. `fi/kanavat/tiktok`; the other languages get draft stubs.
    Chapter {
        /// <lang>/<path> below content/, with or without `.md`.
        path: String,
    },
    /// A channel profile, e.g. `lappeenranta-tiktok`, with every field.
    Channel {
        /// The file name without `.yaml`: lower-case letters, digits and `-`.
        id: String,
    },
}

#[derive(Debug, Args)]
pub struct TranslationsArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Record that <lang>/<path> is up to date with its source, e.g. en/kanavat/facebook.md.
    #[arg(long, value_name = "LANG/PATH")]
    pub mark: Option<String>,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Port to serve on; when it is busy, the next free one is used (0: any free port).
    #[arg(long, short, value_name = "N", default_value_t = 1111)]
    pub port: u16,
    /// Address to listen on. Anything but loopback lets other machines read the preview.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
    /// Include pages marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
    /// Open the site in the default browser.
    #[arg(long)]
    pub open: bool,
    /// Poll for changes instead of relying on the system's notifications (network
    /// drives, containers); chosen automatically where notifications are unavailable.
    #[arg(long)]
    pub poll: bool,
}
