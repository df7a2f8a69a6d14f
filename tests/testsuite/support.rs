//! A fixture site copied to a temporary folder, edited, built, and inspected.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

static NEXT: AtomicUsize = AtomicUsize::new(0);

/// A copy of a fixture site in its own temporary folder.
pub struct TestSite {
    pub root: PathBuf,
}

/// What one run of the binary did.
pub struct Run {
    pub status: i32,
    pub stdout: String,
    pub stderr: String,
    pub out: PathBuf,
}

impl TestSite {
    /// Copies `tests/fixtures/<name>` into a fresh temporary folder.
    pub fn fixture(name: &str) -> TestSite {
        let src = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name);
        let n = NEXT.fetch_add(1, Ordering::SeqCst);
        let root =
            std::env::temp_dir().join(format!("handbook-test-{}-{name}-{n}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        copy_dir(&src, &root);
        TestSite { root }
    }

    pub fn write(&self, rel: &str, text: &str) -> &Self {
        let path = self.root.join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
        self
    }

    /// Runs `handbook <args> --root <site>`.
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_with(args, &[])
    }

    /// [`run`](Self::run) with these environment variables set.
    pub fn run_with(&self, args: &[&str], vars: &[(&str, &str)]) -> Run {
        let out = self.root.join("public");
        let output = Command::new(env!("CARGO_BIN_EXE_handbook"))
            .args(args)
            .arg("--root")
            .arg(&self.root)
            .env("RUST_BACKTRACE", "1")
            .envs(vars.iter().copied())
            .output()
            .expect("the handbook binary runs");
        Run::from(output, out, &self.root)
    }

    pub fn build(&self) -> Run {
        self.run(&["build"])
    }
}

impl Drop for TestSite {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.root);
    }
}

impl Run {
    fn from(o: Output, out: PathBuf, root: &Path) -> Run {
        // Temp paths differ per run: normalise them so assertions can be exact.
        let clean =
            |b: &[u8]| String::from_utf8_lossy(b).replace(&root.display().to_string(), "[ROOT]");
        Run {
            status: o.status.code().unwrap_or(-1),
            stdout: clean(&o.stdout),
            stderr: clean(&o.stderr),
            out,
        }
    }

    #[track_caller]
    pub fn success(&self) -> &Self {
        assert_eq!(
            self.status, 0,
            "expected success\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }

    #[track_caller]
    pub fn failure(&self) -> &Self {
        assert_eq!(
            self.status, 1,
            "expected exit status 1\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        assert!(
            !self.stderr.contains("panicked"),
            "no panics: {}",
            self.stderr
        );
        assert!(
            !self.stderr.contains("RUST_BACKTRACE") && !self.stderr.contains("stack backtrace")
        );
        self
    }

    /// A written file's text.
    #[track_caller]
    pub fn file(&self, rel: &str) -> String {
        fs::read_to_string(self.out.join(rel))
            .unwrap_or_else(|e| panic!("{rel} was not written: {e}"))
    }

    pub fn exists(&self, rel: &str) -> bool {
        self.out.join(rel).exists()
    }

    /// The `<main>` element of a written page.
    #[track_caller]
    pub fn main_of(&self, rel: &str) -> String {
        let html = self.file(rel);
        let start = html
            .find("<main")
            .unwrap_or_else(|| panic!("{rel} has no <main>"));
        let end = html[start..]
            .find("</main>")
            .map(|e| start + e + 7)
            .expect("</main> closes");
        html[start..end].to_string()
    }
}

/// Copies a folder and everything in it.
pub fn copy_dir(src: &Path, dst: &Path) {
    fs::create_dir_all(dst).unwrap();
    for entry in fs::read_dir(src).unwrap() {
        let entry = entry.unwrap();
        let target = dst.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Every `href="…"` and `src="…"` value in a page.
pub fn urls(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["href=\"", "src=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            if let Some(end) = rest.find('"') {
                out.push(rest[..end].to_string());
                rest = &rest[end..];
            }
        }
    }
    out
}
