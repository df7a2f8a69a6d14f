//! Walking `content/`: which file is what, and refusing paths that leave it.

use crate::error::{Diagnostic, Diagnostics};
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// A file found under `content/`, by role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Relative to the site root: `content/fi/ohje.md`.
    pub path: PathBuf,
    pub kind: FoundKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FoundKind {
    Page { lang: String, rel: String },
    Channel { id: String },
    Asset { lang: String, rel: String },
}

/// Walks `root/content` in a stable order.
pub fn walk(root: &Path, languages: &[String], diags: &mut Diagnostics) -> Vec<Found> {
    let content = root.join("content");
    let canonical = match content.canonicalize() {
        Ok(c) => c,
        Err(e) => {
            diags.push(Diagnostic::error(
                "content",
                format!("cannot read the folder: {e}"),
            ));
            return Vec::new();
        }
    };
    let mut found = Vec::new();
    let walker = WalkDir::new(&content)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored(&e.file_name().to_string_lossy()));
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                diags.push(walk_error(root, &e));
                continue;
            }
        };
        let rel = relative(root, entry.path());
        if entry.path_is_symlink() && !points_inside(entry.path(), &canonical) {
            diags.push(
                Diagnostic::error(&rel, "this link points outside content/").with_hint(
                    "nothing outside content/ is read: copy the file into content/ instead",
                ),
            );
            continue;
        }
        if entry.file_type().is_dir() {
            if entry.depth() == 1 {
                check_top_folder(&rel, languages, diags);
            }
            continue;
        }
        match classify(&rel, languages) {
            Ok(Some(f)) => found.push(f),
            Ok(None) => {}
            Err(d) => diags.push(d),
        }
    }
    found
}

fn walk_error(root: &Path, e: &walkdir::Error) -> Diagnostic {
    let path = e
        .path()
        .map(|p| relative(root, p))
        .unwrap_or_else(|| "content".into());
    if e.loop_ancestor().is_some() {
        Diagnostic::error(path, "this link makes a loop").with_hint("remove the symbolic link")
    } else {
        Diagnostic::error(path, format!("cannot read: {e}"))
    }
}

fn points_inside(path: &Path, content: &Path) -> bool {
    path.canonicalize().is_ok_and(|p| p.starts_with(content))
}

fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

fn check_top_folder(rel: &Path, languages: &[String], diags: &mut Diagnostics) {
    let name = rel
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if name == "channels" || languages.contains(&name) {
        return;
    }
    diags.push(
        Diagnostic::error(
            rel,
            format!("the folder `{name}` is not a language of the site"),
        )
        .with_hint(format!(
            "add `{name}` to `languages` in content/site.yaml, or rename the folder to one of: {}",
            languages.join(", ")
        )),
    );
}

/// Hidden files and editors' temporary files are never content.
pub fn is_ignored(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".tmp")
        || name == "4913"
}

/// What a site-relative path under `content/` is. `Ok(None)`: not content (ignored).
pub fn classify(rel: &Path, languages: &[String]) -> Result<Option<Found>, Diagnostic> {
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let [first, top, rest @ ..] = parts.as_slice() else {
        return Ok(None);
    };
    if first != "content" || parts.iter().any(|p| is_ignored(p)) {
        return Ok(None);
    }
    let found = |kind| {
        Ok(Some(Found {
            path: rel.to_path_buf(),
            kind,
        }))
    };
    if rest.is_empty() {
        return Ok(None); // site.yaml and stray top-level files
    }
    if top == "channels" {
        let name = rest.join("/");
        let id = name
            .strip_suffix(".yaml")
            .or_else(|| name.strip_suffix(".yml"));
        return match id {
            Some(id) if rest.len() == 1 => found(FoundKind::Channel { id: id.to_string() }),
            _ => Err(
                Diagnostic::error(rel, "content/channels/ holds only channel profiles")
                    .with_hint("name the file <id>.yaml directly in content/channels/"),
            ),
        };
    }
    if !languages.contains(top) {
        return Ok(None); // reported once for the folder
    }
    let rel_in_lang = rest.join("/");
    if rel_in_lang.ends_with(".md") {
        found(FoundKind::Page {
            lang: top.clone(),
            rel: rel_in_lang,
        })
    } else {
        found(FoundKind::Asset {
            lang: top.clone(),
            rel: rel_in_lang,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn langs() -> Vec<String> {
        vec!["fi".into(), "en".into()]
    }

    #[test]
    fn classifies_by_place_and_extension() {
        let c = |p: &str| classify(Path::new(p), &langs()).unwrap().map(|f| f.kind);
        assert_eq!(
            c("content/fi/kanavat/facebook.md"),
            Some(FoundKind::Page {
                lang: "fi".into(),
                rel: "kanavat/facebook.md".into()
            })
        );
        assert_eq!(
            c("content/channels/x.yaml"),
            Some(FoundKind::Channel { id: "x".into() })
        );
        assert_eq!(
            c("content/en/kuva.svg"),
            Some(FoundKind::Asset {
                lang: "en".into(),
                rel: "kuva.svg".into()
            })
        );
        assert_eq!(c("content/fi/.ohje.md.swp"), None);
        assert_eq!(c("content/site.yaml"), None);
        assert!(classify(Path::new("content/channels/a/b.yaml"), &langs()).is_err());
    }
}
