//! One file per command: thin glue between the CLI and the pipeline.

pub mod build;
pub mod check;
pub mod new;
pub mod serve;
pub mod translations;

use crate::error::Diagnostic;
use std::io::Write;

/// Prints problems to stderr, rustc-style, each once.
pub fn report(diags: &[Diagnostic]) {
    let mut err = std::io::stderr().lock();
    for d in diags {
        let _ = writeln!(err, "{}", d.render());
    }
}

/// "2 errors, 1 warning".
pub fn counts(diags: &[Diagnostic]) -> String {
    let errors = diags.iter().filter(|d| d.is_error()).count();
    let warnings = diags.len() - errors;
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!(
        "{}, {}",
        plural(errors, "error"),
        plural(warnings, "warning")
    )
}
