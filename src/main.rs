//! The `handbook` command line: parse, run the command, print any failure once.

use clap::Parser;
use handbook::cli::{Cli, Command};
use handbook::cmd;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Build(args) => cmd::build::run(args),
        Command::Check(args) => cmd::check::run(args),
        Command::New(args) => cmd::new::run(args),
        Command::Translations(args) => cmd::translations::run(args),
        Command::Serve(args) => cmd::serve::run(args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// A build allocates and frees many small strings on every core at once (template
/// values, rendered pages, search text), where glibc's malloc spent about a fifth
/// of the build's CPU time; mimalloc builds the 1,000- and 5,000-chapter sites
/// about 1.46 times as fast (BENCHMARKS.md). Only the command line uses it: the
/// library leaves the choice to whoever links it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
