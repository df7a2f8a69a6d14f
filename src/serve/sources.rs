//! What `serve` remembers of the site's sources between rebuilds, so each change
//! can be classified against what was there before (old text vs new text).

use crate::watch::{self, ChangeKind, Entry, FileChange};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A remembered path: a folder, or a file with its text if it is Markdown.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Known {
    Folder,
    File(Option<String>),
}

/// Every path under the watched folders, relative to the site root.
#[derive(Debug, Default)]
pub struct SourceIndex {
    root: PathBuf,
    known: BTreeMap<PathBuf, Known>,
}

/// One classified change of a batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Classified {
    /// Relative to the site root.
    pub rel: PathBuf,
    pub kind: ChangeKind,
}

impl SourceIndex {
    /// Reads the folders `content/` and `themes/` under `root`.
    pub fn scan(root: &Path) -> Self {
        let mut index = SourceIndex {
            root: root.to_path_buf(),
            known: BTreeMap::new(),
        };
        for top in ["content", "themes"] {
            index.add_tree(Path::new(top));
        }
        index
    }

    /// Classifies a batch of changed absolute paths and remembers their new state.
    /// An empty path in the batch means the watcher lost track: everything is
    /// rescanned and reported as a structural change.
    pub fn update(&mut self, paths: &[PathBuf]) -> Vec<Classified> {
        if paths.iter().any(|p| p.as_os_str().is_empty()) {
            *self = SourceIndex::scan(&self.root);
            return vec![Classified {
                rel: PathBuf::from("content"),
                kind: ChangeKind::ChapterAddedOrRemoved,
            }];
        }
        let mut out = Vec::new();
        for path in paths {
            let Ok(rel) = path.strip_prefix(&self.root).map(Path::to_path_buf) else {
                continue;
            };
            let now = read(&self.root.join(&rel));
            let kind = {
                let before = self.known.get(&rel);
                watch::classify(&FileChange {
                    rel: &rel,
                    before: entry(before),
                    after: entry(now.as_ref()),
                })
            };
            self.remember(&rel, now);
            out.push(Classified { rel, kind });
        }
        out
    }

    fn remember(&mut self, rel: &Path, now: Option<Known>) {
        let was_folder = matches!(self.known.get(rel), Some(Known::Folder));
        match now {
            None => {
                self.known.remove(rel);
                if was_folder {
                    self.known.retain(|k, _| !k.starts_with(rel));
                }
            }
            Some(Known::Folder) => {
                if !was_folder {
                    self.add_tree(rel);
                }
            }
            Some(file) => {
                self.known.insert(rel.to_path_buf(), file);
            }
        }
    }

    fn add_tree(&mut self, rel: &Path) {
        let walk = walkdir::WalkDir::new(self.root.join(rel)).follow_links(false);
        for entry in walk.into_iter().flatten() {
            if let (Ok(sub), Some(known)) =
                (entry.path().strip_prefix(&self.root), read(entry.path()))
            {
                self.known.insert(sub.to_path_buf(), known);
            }
        }
    }
}

/// What is at a path now; Markdown files are read, other files only noted.
fn read(path: &Path) -> Option<Known> {
    let meta = std::fs::metadata(path).ok()?;
    if meta.is_dir() {
        return Some(Known::Folder);
    }
    let markdown = path.extension().is_some_and(|e| e == "md");
    Some(Known::File(
        markdown
            .then(|| std::fs::read_to_string(path).ok())
            .flatten(),
    ))
}

fn entry(known: Option<&Known>) -> Entry<'_> {
    match known {
        None => Entry::Missing,
        Some(Known::Folder) => Entry::Folder,
        Some(Known::File(text)) => Entry::File {
            text: text.as_deref(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembers_texts_between_batches() {
        let root = std::env::temp_dir().join(format!("handbook-sources-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let fi = root.join("content/fi");
        assert!(std::fs::create_dir_all(&fi).is_ok());
        let md = fi.join("a.md");
        assert!(std::fs::write(&md, "---\ntitle: A\n---\nyksi\n").is_ok());
        let mut index = SourceIndex::scan(&root);

        assert!(std::fs::write(&md, "---\ntitle: A\n---\nkaksi\n").is_ok());
        let kinds = |c: Vec<Classified>| c.into_iter().map(|c| c.kind).collect::<Vec<_>>();
        assert_eq!(
            kinds(index.update(std::slice::from_ref(&md))),
            [ChangeKind::ChapterBody]
        );
        assert_eq!(
            kinds(index.update(std::slice::from_ref(&md))),
            [ChangeKind::Unchanged]
        );

        assert!(std::fs::write(&md, "---\ntitle: B\n---\nkaksi\n").is_ok());
        assert_eq!(
            kinds(index.update(std::slice::from_ref(&md))),
            [ChangeKind::ChapterFrontMatter]
        );

        assert!(std::fs::remove_dir_all(&fi).is_ok());
        let gone = kinds(index.update(std::slice::from_ref(&fi)));
        assert_eq!(gone, [ChangeKind::ChapterAddedOrRemoved]);
        assert!(index.known.keys().all(|k| !k.starts_with("content/fi")));
        let _ = std::fs::remove_dir_all(&root);
    }
}
