//! `handbook serve`: the command line's options, turned into a [`ServeConfig`].

use crate::serve::{self, ServeConfig};
use std::net::IpAddr;
use std::path::PathBuf;

/// Live preview: build, serve, rebuild on every change, reload open tabs.
#[derive(Debug, Clone, clap::Args)]
pub struct ServeArgs {
    /// The site: a folder holding `content/` and optionally `themes/`.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// Port to serve on; when it is busy, the next free one is used. 0: any free port.
    #[arg(long, short, value_name = "N", default_value_t = 1111)]
    pub port: u16,
    /// Address to listen on. Anything but loopback exposes the preview to the network.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
    pub bind: IpAddr,
    /// Include chapters marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
    /// Open the site in the default browser.
    #[arg(long)]
    pub open: bool,
    /// Poll for changes instead of using the system's notifications (network drives,
    /// containers, WSL); chosen automatically when notifications are unavailable.
    #[arg(long)]
    pub poll: bool,
}

pub fn run(args: &ServeArgs) -> anyhow::Result<()> {
    serve::run(&ServeConfig {
        root: args.root.clone(),
        drafts: args.drafts,
        bind: args.bind,
        port: args.port,
        open: args.open,
        poll: args.poll,
    })
}
