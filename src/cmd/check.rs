//! `handbook check`: every problem at once, one `path:line:column` line each.

use super::counts;
use crate::cli::CheckArgs;
use crate::pipeline::{BuildOptions, build};
use std::process::ExitCode;

pub fn run(args: &CheckArgs) -> anyhow::Result<ExitCode> {
    let opts = BuildOptions {
        root: args.site.root.clone(),
        drafts: args.drafts,
    };
    let diags = match build(&opts) {
        Ok(site) => site.diagnostics,
        Err(diags) => diags,
    };
    for d in &diags {
        println!("{}", d.headline());
        if let Some(hint) = &d.hint {
            println!("    help: {hint}");
        }
    }
    let failed = diags.iter().any(|d| d.is_error() || args.strict);
    eprintln!(
        "{}",
        if diags.is_empty() {
            "no problems found".to_string()
        } else {
            counts(&diags)
        }
    );
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
