//! The shipped handbook builds cleanly, and a reader finds the answers new employees
//! ask for within two clicks of the front page.

use crate::support::urls;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

fn build_shipped() -> (PathBuf, String) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = std::env::temp_dir().join(format!("handbook-shipped-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    let o = Command::new(env!("CARGO_BIN_EXE_handbook"))
        .args(["build", "--root"])
        .arg(root)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(o.status.success(), "{stderr}");
    (out, stderr)
}

#[test]
fn the_shipped_handbook_builds_without_a_warning() {
    let (out, stderr) = build_shipped();
    assert!(stderr.contains("(0 errors, 0 warnings)"), "{stderr}");
    assert!(out.join("fi/index.html").is_file() && out.join("en/index.html").is_file());
    let _ = std::fs::remove_dir_all(out);
}

/// Pages reachable from `start` in at most `clicks` clicks on links inside `<main>`,
/// with the text of each.
fn reachable(out: &Path, start: &str, clicks: usize) -> BTreeMap<String, String> {
    let mut seen = BTreeMap::new();
    let mut frontier = BTreeSet::from([start.to_string()]);
    for depth in 0..=clicks {
        let mut next = BTreeSet::new();
        for page in frontier {
            if seen.contains_key(&page) {
                continue;
            }
            let Ok(html) = std::fs::read_to_string(out.join(&page)) else {
                continue;
            };
            let main = html
                .split("<main")
                .nth(1)
                .unwrap_or("")
                .split("</main>")
                .next()
                .unwrap_or("")
                .to_string();
            if depth < clicks {
                let dir = Path::new(&page).parent().unwrap().to_path_buf();
                for url in urls(&main) {
                    if url.contains(':') || url.starts_with('#') {
                        continue;
                    }
                    let path = url.split('#').next().unwrap();
                    if let Some(p) = normalize(&dir.join(path)) {
                        next.insert(p);
                    }
                }
            }
            seen.insert(page, main);
        }
        frontier = next;
    }
    seen
}

fn normalize(p: &Path) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    for c in p.components() {
        match c.as_os_str().to_str()? {
            ".." => {
                parts.pop()?;
            }
            "." => {}
            s => parts.push(s.to_string()),
        }
    }
    Some(parts.join("/"))
}

#[track_caller]
fn answer_within_two_clicks(pages: &BTreeMap<String, String>, question: &str, needles: &[&str]) {
    let found = pages
        .iter()
        .find(|(_, text)| needles.iter().all(|n| text.contains(n)));
    assert!(
        found.is_some(),
        "no page within two clicks answers {question:?} (looked for {needles:?} in {:?})",
        pages.keys().collect::<Vec<_>>()
    );
}

#[test]
fn new_employees_find_answers_within_two_clicks() {
    let (out, _) = build_shipped();
    let fi = reachable(&out, "fi/index.html", 2);
    answer_within_two_clicks(
        &fi,
        "Saanko kertoa työstäni omalla tililläni?",
        &["id=\"saanko-kertoa-tyostani-omalla-tilillani\""],
    );
    answer_within_two_clicks(
        &fi,
        "Kuinka nopeasti Facebook-kommenttiin vastataan?",
        &["id=\"vastausajat\"", "Facebook", "yhden työpäivän sisällä"],
    );
    answer_within_two_clicks(
        &fi,
        "Mikä kanava on matkailijoille?",
        &["VisitLappeenranta", "id=\"audience\"", "Matkailijat"],
    );
    let en = reachable(&out, "en/index.html", 2);
    answer_within_two_clicks(
        &en,
        "May I post about my work on my own account?",
        &["id=\"may-i-post-about-my-work-on-my-own-account\""],
    );
    answer_within_two_clicks(
        &en,
        "How fast must we answer a Facebook comment?",
        &["id=\"response-times\"", "Facebook", "one working day"],
    );
    answer_within_two_clicks(
        &en,
        "Which channel is for tourists?",
        &["VisitLappeenranta", "id=\"audience\"", "Tourists"],
    );
    let _ = std::fs::remove_dir_all(out);
}
