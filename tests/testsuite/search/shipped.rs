//! The shipped handbook (`content/` of this repository), built once per test run by
//! the real binary, and its search indexes read back from the written files.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use handbook::search::Index;
use handbook::search::read::read_index;

/// The output folder of `handbook build` over this repository.
pub fn site() -> &'static Path {
    static SITE: OnceLock<PathBuf> = OnceLock::new();
    SITE.get_or_init(|| {
        let out = Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join(format!("search-shipped-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&out);
        let run = Command::new(env!("CARGO_BIN_EXE_handbook"))
            .args(["build", "--root", env!("CARGO_MANIFEST_DIR"), "--out"])
            .arg(&out)
            .output()
            .expect("the handbook binary runs");
        assert!(
            run.status.success(),
            "building the shipped handbook failed:\n{}",
            String::from_utf8_lossy(&run.stderr)
        );
        out
    })
}

/// The `file://` URL of a path inside the built site.
pub fn file_url(rel: &str) -> String {
    format!("file://{}/{rel}", site().display())
}

/// A language's search index, as shipped.
pub fn index(lang: &str) -> Index {
    let dir = site();
    let files: std::collections::HashMap<String, Vec<u8>> =
        std::fs::read_dir(dir.join(lang).join("search"))
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                std::fs::read(e.path())
                    .ok()
                    .map(|b| (format!("{lang}/search/{name}"), b))
            })
            .collect();
    read_index(lang, |p| files.get(p).map(Vec::as_slice))
        .unwrap_or_else(|e| panic!("{lang} index: {e}"))
}
