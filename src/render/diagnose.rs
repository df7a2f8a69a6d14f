//! Tera's errors, turned into diagnostics that name the template file, line and column.

use std::path::PathBuf;

use tera::{ErrorKind, ReportError};

use crate::error::Diagnostic;

/// Where each template came from, so an error names the file an editor must open.
pub(super) trait TemplatePaths {
    /// The file of template `name` (`themes/default/templates/chapter.html`).
    fn template_path(&self, name: &str) -> PathBuf;
}

/// Every problem in one Tera error: syntax and validation errors can come several at
/// once, joined into one message.
pub(super) fn diagnostics(
    err: &tera::Error,
    paths: &dyn TemplatePaths,
    context: &str,
) -> Vec<Diagnostic> {
    let found = match err.kind() {
        ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
            vec![from_report(report, paths)]
        }
        ErrorKind::Msg(text) => from_reports_text(text, paths),
        ErrorKind::MissingParent { current, parent } => vec![Diagnostic::error(
            paths.template_path(current),
            format!("`{current}` extends `{parent}`, which does not exist"),
        )],
        ErrorKind::CircularExtend {
            tpl,
            inheritance_chain,
        } => vec![Diagnostic::error(
            paths.template_path(tpl),
            format!(
                "templates extend each other in a circle: {}",
                inheritance_chain.join(" -> ")
            ),
        )],
        ErrorKind::CircularInclude { tpl, include_chain } => vec![Diagnostic::error(
            paths.template_path(tpl),
            format!(
                "templates include each other in a circle: {}",
                include_chain.join(" -> ")
            ),
        )],
        ErrorKind::TemplateNotFound(name) => vec![Diagnostic::error(
            paths.template_path(name),
            format!("template `{name}` not found"),
        )],
        _ => Vec::new(),
    };
    if !found.is_empty() {
        return found;
    }
    // Anything else has no location: blame the template being worked on.
    vec![Diagnostic::error(
        paths.template_path(context),
        with_source(err.to_string(), err),
    )]
}

fn from_report(report: &ReportError, paths: &dyn TemplatePaths) -> Diagnostic {
    let span = report.span();
    // Tera's lines are 1-based, its columns 0-based.
    Diagnostic::error(
        paths.template_path(report.filename()),
        report.message().to_string(),
    )
    .at(span.start_line, span.start_col + 1)
}

/// Reads Tera's rendered reports (`error: msg` then ` --> name:line:col`) back into
/// diagnostics; Tera joins validation errors (unknown filter, unknown template) into one
/// message that way.
fn from_reports_text(text: &str, paths: &dyn TemplatePaths) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    let mut message: Option<&str> = None;
    for line in text.lines() {
        if let Some(m) = line.strip_prefix("error: ") {
            message = Some(m);
        } else if let Some(locus) = line.trim_start().strip_prefix("--> ") {
            let Some(msg) = message.take() else { continue };
            let mut parts = locus.rsplitn(3, ':');
            let col = parts.next().and_then(|c| c.parse::<usize>().ok());
            let line_no = parts.next().and_then(|l| l.parse::<usize>().ok());
            let name = parts.next();
            if let (Some(name), Some(l), Some(c)) = (name, line_no, col) {
                found.push(Diagnostic::error(paths.template_path(name), msg).at(l, c));
            }
        }
    }
    found
}

fn with_source(mut message: String, err: &tera::Error) -> String {
    let mut source = std::error::Error::source(err);
    while let Some(s) = source {
        message.push_str(": ");
        message.push_str(&s.to_string());
        source = s.source();
    }
    message
}
