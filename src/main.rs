//! The `handbook` command line: parse, run the command, print any failure once.

use clap::Parser;
use handbook::cli::{Cli, Command};
use handbook::cmd;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    if !matches!(cli.command, Command::Serve(_)) {
        keep_freed_memory();
    }
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

/// mimalloc's `purge_delay` option: its place in `mi_option_e` (15 in mimalloc 2
/// and 3; libmimalloc-sys names the options beside it but not this one). The test
/// below checks that this is the option `MIMALLOC_PURGE_DELAY` sets.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Tells mimalloc never to hand freed memory back to the system. It does so a
/// second after it was freed, and a large build runs past that second: memory
/// freed while the pages were parsed was handed back, then asked for again for
/// the search index, and the system cleared it page by page a second time (at
/// 5,000 chapters per language a build then spent ~0.9 s instead of ~0.3 s in
/// the kernel, BENCHMARKS.md). A one-shot command gives all its memory back when it
/// exits a moment later anyway; `serve` keeps the default, so that a long preview
/// session returns what a rebuild no longer needs.
fn keep_freed_memory() {
    // SAFETY: sets one of mimalloc's options, an integer it reads when it next
    // decides whether to purge. `main` calls it before any other thread starts,
    // as `mi_option_set` asks; the test that calls it alongside others only
    // writes the same value.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `MI_OPTION_PURGE_DELAY` is the option the `MIMALLOC_PURGE_DELAY` variable
    /// sets: the test runs itself again with the variable set, and the child reads
    /// the option back.
    #[test]
    fn the_purge_delay_option_is_the_one_the_variable_sets() {
        const CHILD: &str = "HANDBOOK_TEST_PURGE_CHILD";
        if std::env::var_os(CHILD).is_some() {
            // SAFETY: reads one of mimalloc's options.
            let value = unsafe { libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY) };
            assert_eq!(
                value, 4321,
                "option {MI_OPTION_PURGE_DELAY} is not purge_delay"
            );
            return;
        }
        let exe = std::env::current_exe().expect("the test binary's path");
        let out = std::process::Command::new(exe)
            .args([
                "--exact",
                "tests::the_purge_delay_option_is_the_one_the_variable_sets",
            ])
            .env(CHILD, "1")
            .env("MIMALLOC_PURGE_DELAY", "4321")
            .output()
            .expect("the test binary runs");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "the child failed:\n{stdout}");
        assert!(
            stdout.contains("1 passed"),
            "the child ran no test:\n{stdout}"
        );
    }

    #[test]
    fn keeping_freed_memory_sets_no_purging() {
        keep_freed_memory();
        // SAFETY: reads one of mimalloc's options.
        let value = unsafe { libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY) };
        assert_eq!(value, -1);
    }
}
