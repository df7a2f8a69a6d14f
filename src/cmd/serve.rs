//! `handbook serve`: the command line's options, turned into a [`ServeConfig`].

use crate::cli::ServeArgs;
use crate::serve::{self, ServeConfig};
use std::process::ExitCode;

pub fn run(args: &ServeArgs) -> anyhow::Result<ExitCode> {
    serve::run(&ServeConfig {
        root: args.site.root.clone(),
        drafts: args.drafts,
        bind: args.bind,
        port: args.port,
        open: args.open,
        poll: args.poll,
    })?;
    Ok(ExitCode::SUCCESS)
}
