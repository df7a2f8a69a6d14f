//! Tests of the render engine and the default theme.

mod contrast;
mod fixtures;
mod loading;
mod pages;
mod sample;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use super::Theme;

/// The built-in default theme, as a site without `themes/` gets it.
fn default_theme() -> Theme {
    let empty = TempDir::new("default");
    match Theme::load(empty.path(), "default") {
        Ok(theme) => theme,
        Err(problems) => panic!("default theme does not load: {problems:#?}"),
    }
}

/// A folder under the system temp dir, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(label: &str) -> TempDir {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!(
            "handbook-render-{label}-{}-{n}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        TempDir(dir)
    }

    fn path(&self) -> &Path {
        &self.0
    }

    /// Writes `text` to `rel` below this folder, creating folders on the way.
    fn write(&self, rel: &str, text: &str) -> &TempDir {
        let path = self.0.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create folder");
        }
        std::fs::write(path, text).expect("write file");
        self
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
