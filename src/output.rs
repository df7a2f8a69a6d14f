//! Files to write -> disk, all or nothing.
//!
//! The build writes into a temporary folder beside the output and swaps it in only
//! when everything is written, so a failed build leaves the previous output exactly
//! as it was. It refuses to replace a folder it did not write itself.

use anyhow::{Context, Result};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Where a build puts its files as it makes them: in memory (`serve`, tests) or
/// straight into a staging folder (`build`), so a large site is never held whole.
pub enum Output {
    Memory(Mutex<BTreeMap<String, Vec<u8>>>),
    Dir(PathBuf),
}

impl Output {
    pub fn memory() -> Self {
        Output::Memory(Mutex::new(BTreeMap::new()))
    }

    /// Stores one file; `path` is relative to the output root, with `/`.
    pub fn put(&self, path: &str, bytes: Vec<u8>) -> Result<()> {
        match self {
            Output::Memory(files) => {
                let mut files = files
                    .lock()
                    .unwrap_or_else(|poisoned| poisoned.into_inner());
                files.insert(path.to_string(), bytes);
                Ok(())
            }
            Output::Dir(dir) => {
                let target = dir.join(path);
                if let Some(parent) = target.parent() {
                    fs::create_dir_all(parent)
                        .with_context(|| format!("cannot create {}", parent.display()))?;
                }
                fs::write(&target, bytes)
                    .with_context(|| format!("cannot write {}", target.display()))
            }
        }
    }

    /// The files kept in memory (none for a folder).
    pub fn into_files(self) -> BTreeMap<String, Vec<u8>> {
        match self {
            Output::Memory(files) => files.into_inner().unwrap_or_else(|p| p.into_inner()),
            Output::Dir(_) => BTreeMap::new(),
        }
    }
}

/// The file every build leaves in its output, so a later build knows the folder is ours.
pub const MARKER: &str = ".handbook-build";

/// Why the output folder may not be replaced.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum Refusal {
    #[error("--out {0} is the site itself; building there would delete the sources")]
    IsSiteRoot(String),
    #[error("--out {0} holds a content/ folder; building there would delete it")]
    HoldsContent(String),
    #[error("--out {0} contains the site; replacing it would delete the sources")]
    ContainsSite(String),
    #[error("--out {0} is a folder with files that handbook did not write")]
    NotOurs(String),
}

impl Refusal {
    pub fn hint(&self) -> &'static str {
        match self {
            Refusal::NotOurs(_) => {
                "choose an empty or new folder, or add --force to replace it anyway"
            }
            _ => "choose another folder, e.g. the default public/",
        }
    }
}

/// Checks that `out` may be replaced by a build of the site at `site_root`.
pub fn check_target(out: &Path, site_root: &Path, force: bool) -> Result<(), Refusal> {
    let shown = out.display().to_string();
    let out_abs = absolute(out);
    let root_abs = absolute(site_root);
    if out_abs == root_abs {
        return Err(Refusal::IsSiteRoot(shown));
    }
    if root_abs.starts_with(&out_abs) {
        return Err(Refusal::ContainsSite(shown));
    }
    if force {
        return Ok(());
    }
    if out.join("content").is_dir() {
        return Err(Refusal::HoldsContent(shown));
    }
    let has_files = fs::read_dir(out).is_ok_and(|mut d| d.next().is_some());
    if has_files && !out.join(MARKER).is_file() {
        return Err(Refusal::NotOurs(shown));
    }
    Ok(())
}

fn absolute(p: &Path) -> PathBuf {
    p.canonicalize().unwrap_or_else(|_| {
        std::env::current_dir()
            .map(|cwd| cwd.join(p))
            .unwrap_or_else(|_| p.to_path_buf())
    })
}

/// Replaces `out` with what `fill` writes into a fresh staging folder beside it. When
/// `fill` fails (returns `Err`), the staging folder is removed and `out` is left
/// exactly as it was; the inner result is handed back either way.
pub fn replace_with<T, E>(
    out: &Path,
    fill: impl FnOnce(&Path) -> Result<T, E>,
) -> Result<Result<T, E>> {
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent).with_context(|| format!("cannot create {}", parent.display()))?;
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    let pid = std::process::id();
    let staging = parent.join(format!(".{name}.new-{pid}"));
    let retired = parent.join(format!(".{name}.old-{pid}"));
    let _ = fs::remove_dir_all(&staging);
    fs::create_dir_all(&staging).with_context(|| format!("cannot create {}", staging.display()))?;
    let filled = fill(&staging);
    let marked = filled.is_ok().then(|| write_marker(&staging));
    if filled.is_err() || matches!(marked, Some(Err(_))) {
        let _ = fs::remove_dir_all(&staging);
        marked.transpose()?;
        return Ok(filled);
    }
    if out.exists() {
        fs::rename(out, &retired)
            .with_context(|| format!("cannot move the old {} aside", out.display()))?;
    }
    if let Err(e) = fs::rename(&staging, out) {
        // Put the previous output back: a failed build must leave it as it was.
        let _ = fs::rename(&retired, out);
        let _ = fs::remove_dir_all(&staging);
        return Err(e).with_context(|| format!("cannot move the new output to {}", out.display()));
    }
    let _ = fs::remove_dir_all(&retired);
    Ok(filled)
}

/// Writes `files` (output-relative path -> bytes) as the new content of `out`.
pub fn write_atomically(out: &Path, files: &BTreeMap<String, Vec<u8>>) -> Result<()> {
    replace_with(out, |staging| write_tree(staging, files))?
}

fn write_tree(dir: &Path, files: &BTreeMap<String, Vec<u8>>) -> Result<()> {
    let mut dirs: Vec<PathBuf> = files
        .keys()
        .filter_map(|f| Path::new(f).parent().map(|p| dir.join(p)))
        .collect();
    dirs.dedup();
    for d in &dirs {
        fs::create_dir_all(d).with_context(|| format!("cannot create {}", d.display()))?;
    }
    files.par_iter().try_for_each(|(rel, bytes)| {
        let path = dir.join(rel);
        fs::write(&path, bytes).with_context(|| format!("cannot write {}", path.display()))
    })
}

fn write_marker(dir: &Path) -> Result<()> {
    let marker = dir.join(MARKER);
    fs::write(
        &marker,
        "This folder is written by `handbook build`; it is replaced on every build.\n",
    )
    .with_context(|| format!("cannot write {}", marker.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("handbook-output-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&d);
        fs::create_dir_all(&d).unwrap();
        d
    }

    #[test]
    fn replaces_previous_output_whole() {
        let base = temp("replace");
        let out = base.join("public");
        let mut files = BTreeMap::new();
        files.insert("fi/index.html".to_string(), b"one".to_vec());
        files.insert("old.html".to_string(), b"old".to_vec());
        write_atomically(&out, &files).unwrap();
        files.remove("old.html");
        files.insert("fi/index.html".to_string(), b"two".to_vec());
        check_target(&out, &base, false).unwrap();
        write_atomically(&out, &files).unwrap();
        assert_eq!(fs::read(out.join("fi/index.html")).unwrap(), b"two");
        assert!(!out.join("old.html").exists());
        assert!(out.join(MARKER).is_file());
        let leftovers: Vec<_> = fs::read_dir(&base).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no staging folders are left behind");
        fs::remove_dir_all(base).unwrap();
    }

    #[test]
    fn refuses_folders_it_did_not_write() {
        let base = temp("refuse");
        let site = base.join("site");
        fs::create_dir_all(site.join("content")).unwrap();
        assert!(matches!(
            check_target(&site, &site, true),
            Err(Refusal::IsSiteRoot(_))
        ));
        assert!(matches!(
            check_target(&base, &site, true),
            Err(Refusal::ContainsSite(_))
        ));
        let other = base.join("docs");
        fs::create_dir_all(&other).unwrap();
        fs::write(other.join("notes.txt"), "mine").unwrap();
        assert!(matches!(
            check_target(&other, &site, false),
            Err(Refusal::NotOurs(_))
        ));
        assert!(check_target(&other, &site, true).is_ok());
        let holder = base.join("holder");
        fs::create_dir_all(holder.join("content")).unwrap();
        assert!(matches!(
            check_target(&holder, &site, false),
            Err(Refusal::HoldsContent(_))
        ));
        assert!(check_target(&base.join("new"), &site, false).is_ok());
        fs::remove_dir_all(base).unwrap();
    }
}
