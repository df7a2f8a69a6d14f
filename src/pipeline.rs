//! STUB standing in for the lead's build pipeline until it lands on main; the serve
//! branch deletes it on merge. Same signature: `build(&BuildOptions) -> Site`.

use crate::error::{Diagnostic, Diagnostics};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub struct BuildOptions {
    pub root: PathBuf,
    pub drafts: bool,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Site {
    pub files: BTreeMap<String, Vec<u8>>,
    pub diagnostics: Vec<Diagnostic>,
}

pub fn build(opts: &BuildOptions) -> Result<Site, Vec<Diagnostic>> {
    let mut site = Site::default();
    let mut diags = Diagnostics::new();
    let content = opts.root.join("content");
    for entry in walkdir::WalkDir::new(&content).sort_by_file_name() {
        let Ok(entry) = entry else { continue };
        if !entry.file_type().is_file() {
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(&content) else {
            continue;
        };
        let rel = rel.to_string_lossy().replace('\\', "/");
        let shown = Path::new("content").join(&rel);
        let Ok(bytes) = std::fs::read(entry.path()) else {
            diags.push(Diagnostic::error(shown, "cannot read"));
            continue;
        };
        if let Some(stem) = rel.strip_suffix(".md") {
            let text = String::from_utf8_lossy(&bytes);
            let Some((front, body)) = text
                .strip_prefix("---\n")
                .and_then(|t| t.split_once("\n---\n"))
            else {
                diags.push(Diagnostic::error(shown, "missing front matter").at(1, 1));
                continue;
            };
            let title = match serde_yaml::from_str::<serde_yaml::Value>(front) {
                Ok(v) => v
                    .get("title")
                    .and_then(|t| t.as_str())
                    .unwrap_or("")
                    .to_string(),
                Err(e) => {
                    let (l, c) = e.location().map_or((1, 1), |l| (l.line() + 1, l.column()));
                    diags.push(Diagnostic::error(shown, e.to_string()).at(l, c));
                    continue;
                }
            };
            let out = if let Some(dir) = stem.strip_suffix("_index") {
                format!("{dir}index.html")
            } else {
                format!("{stem}.html")
            };
            let html = format!(
                "<!doctype html><html><head><title>{title}</title>\
                 <link rel=\"stylesheet\" href=\"/style.css\"></head><body><h1>{title}</h1><pre>{}</pre></body></html>",
                crate::serve::inject::escape(body)
            );
            site.files.insert(out, html.into_bytes());
        } else if !rel.ends_with(".yaml") {
            site.files.insert(rel, bytes);
        }
    }
    let statics = opts.root.join("themes/default/static");
    for entry in walkdir::WalkDir::new(&statics).into_iter().flatten() {
        if entry.file_type().is_file()
            && let (Ok(rel), Ok(bytes)) = (
                entry.path().strip_prefix(&statics),
                std::fs::read(entry.path()),
            )
        {
            site.files.insert(rel.to_string_lossy().into_owned(), bytes);
        }
    }
    site.files.insert(
        "404.html".into(),
        b"<!doctype html><html><body>not found</body></html>".to_vec(),
    );
    site.files.insert(
        "index.html".into(),
        b"<!doctype html><html><body>fi en</body></html>".to_vec(),
    );
    if diags.has_errors() {
        return Err(diags.into_sorted());
    }
    site.diagnostics = diags.into_sorted();
    Ok(site)
}
