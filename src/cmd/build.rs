//! `handbook build`: build in memory, then swap the output in whole.

use super::{counts, report};
use crate::cli::BuildArgs;
use crate::output::{check_target, write_atomically};
use crate::pipeline::{BuildOptions, build};
use std::process::ExitCode;
use std::time::Instant;

pub fn run(args: &BuildArgs) -> anyhow::Result<ExitCode> {
    let root = &args.site.root;
    let out = args.out.clone().unwrap_or_else(|| root.join("public"));
    if let Err(refusal) = check_target(&out, root, args.force) {
        eprintln!("error: {refusal}\n   = help: {}", refusal.hint());
        return Ok(ExitCode::FAILURE);
    }
    let started = Instant::now();
    let opts = BuildOptions {
        root: root.clone(),
        drafts: args.drafts,
    };
    match build(&opts) {
        Ok(site) => {
            report(&site.diagnostics);
            write_atomically(&out, &site.files)?;
            let pages = site.files.keys().filter(|k| k.ends_with(".html")).count();
            eprintln!(
                "built {pages} pages into {} in {} ms ({})",
                out.display(),
                started.elapsed().as_millis(),
                counts(&site.diagnostics)
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(diags) => {
            report(&diags);
            eprintln!(
                "error: the build failed ({}); {} was left as it was",
                counts(&diags),
                out.display()
            );
            Ok(ExitCode::FAILURE)
        }
    }
}
