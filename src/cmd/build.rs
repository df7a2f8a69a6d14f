//! `handbook build`: build into a staging folder, then swap the output in whole.

use super::{counts, report};
use crate::cli::BuildArgs;
use crate::output::{check_target, replace_with};
use crate::pipeline::{BuildOptions, build_to_dir};
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
    // Pages stream into a staging folder that replaces the output only on success.
    match replace_with(&out, |staging| build_to_dir(&opts, staging))? {
        Ok(warnings) => {
            report(&warnings);
            let pages = count_pages(&out);
            eprintln!(
                "built {pages} pages into {} in {} ms ({})",
                out.display(),
                started.elapsed().as_millis(),
                counts(&warnings)
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

/// The HTML pages now in the output folder.
fn count_pages(out: &std::path::Path) -> usize {
    walkdir::WalkDir::new(out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .count()
}
