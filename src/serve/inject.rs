//! What `serve` adds to HTML responses, and only to them: the live-reload script and,
//! while the sources have errors, an overlay listing them.
//!
//! Injection happens per response from the untouched build output, so nothing added
//! here can ever reach `handbook build`'s files.

use crate::error::Diagnostic;
use crate::markdown::escape_into;

/// Where the reload script is served from; the server answers this path itself.
pub const SCRIPT_PATH: &str = "/__handbook/reload.js";
/// The Server-Sent Events stream the script listens to.
pub const EVENTS_PATH: &str = "/__handbook/events";
/// The reload script itself.
pub const SCRIPT: &str = include_str!("reload.js");

/// The overlay shown on every page while the last rebuild failed: the same
/// `path:line:column` text as the terminal, HTML-escaped.
pub fn overlay_html(diagnostics: &[Diagnostic]) -> String {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let mut html = String::from(
        "<div id=\"handbook-overlay\" role=\"alert\" style=\"position:fixed;inset:0;z-index:2147483647;\
         overflow:auto;background:rgba(20,20,20,.94);color:#f3f3f3;padding:2rem;\
         font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace\">",
    );
    html.push_str(&format!(
        "<p style=\"margin:0 0 1rem;font-weight:bold;color:#ff8080\">handbook: the last change \
         did not build ({errors} error{}). This page shows the last good build.</p>",
        if errors == 1 { "" } else { "s" }
    ));
    html.push_str("<pre style=\"white-space:pre-wrap;margin:0\">");
    for d in diagnostics {
        escape_into(&mut html, &d.render());
        html.push('\n');
    }
    html.push_str("</pre></div>");
    html
}

/// Adds the reload script (and an overlay, if any) before the last `</body>`, or at
/// the end of a document without one.
pub fn inject(page: &[u8], overlay: Option<&str>) -> Vec<u8> {
    let mut extra = String::new();
    if let Some(overlay) = overlay {
        extra.push_str(overlay);
    }
    extra.push_str(&format!("<script src=\"{SCRIPT_PATH}\"></script>"));
    let at = find_last_ci(page, b"</body>").unwrap_or(page.len());
    let mut out = Vec::with_capacity(page.len() + extra.len());
    out.extend_from_slice(&page[..at]);
    out.extend_from_slice(extra.as_bytes());
    out.extend_from_slice(&page[at..]);
    out
}

/// Byte offset of the last ASCII-case-insensitive occurrence of `needle`.
fn find_last_ci(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.len() > haystack.len() {
        return None;
    }
    (0..=haystack.len() - needle.len())
        .rev()
        .find(|&i| haystack[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_goes_before_the_last_body_end() {
        let page = b"<html><body><p>x</p></BODY></html>";
        let out = String::from_utf8(inject(page, None)).unwrap_or_default();
        assert_eq!(
            out,
            format!("<html><body><p>x</p><script src=\"{SCRIPT_PATH}\"></script></BODY></html>")
        );
    }

    #[test]
    fn a_page_without_body_gets_it_at_the_end() {
        let out = String::from_utf8(inject(b"<p>x</p>", Some("<div>o</div>"))).unwrap_or_default();
        assert_eq!(
            out,
            format!("<p>x</p><div>o</div><script src=\"{SCRIPT_PATH}\"></script>")
        );
    }

    #[test]
    fn overlay_escapes_the_diagnostics() {
        let d = Diagnostic::error(
            "content/fi/<b>.md",
            "unknown key `<script>alert(1)</script>`",
        )
        .at(3, 7)
        .with_hint("did you mean \"title\" & 'x'?");
        let html = overlay_html(&[d]);
        assert!(!html.contains("<script>"), "{html}");
        assert!(!html.contains("<b>"), "{html}");
        assert!(html.contains("content/fi/&lt;b&gt;.md:3:7"), "{html}");
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{html}"
        );
        assert!(
            html.contains("did you mean &quot;title&quot; &amp; &#39;x&#39;?"),
            "{html}"
        );
        assert!(html.contains("(1 error)"), "{html}");
    }
}
