//! The cache `serve` rebuilds with, against full builds of the same sources.

use crate::support::{TestSite, copy_dir};
use handbook::pipeline::{BuildOptions, Cache, build, build_with};
use std::path::Path;
use std::time::Duration;

/// The cache `serve` rebuilds with must never show: after every edit of a sequence,
/// an incremental build equals a full build byte for byte.
#[test]
fn incremental_builds_equal_full_builds_through_a_sequence_of_edits() {
    let site = TestSite::fixture("serve-site");
    let root = site.root.clone();
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("content"),
        &root.join("content"),
    );
    // Files older than a clock tick may come from the parse cache; the edits below
    // are new and must be read again.
    age_files(&root, Duration::from_secs(3600));
    let opts = BuildOptions {
        root: root.clone(),
        drafts: false,
    };
    let mut cache = Cache::keeping();
    let first = build_with(&opts, &mut cache).expect("the shipped handbook builds");
    let file = |rel: &str| root.join("content").join(rel);
    let edit = |rel: &str, from: &str, to: &str| {
        let text = std::fs::read_to_string(file(rel)).expect("read");
        assert!(text.contains(from), "{rel} has no {from:?}");
        std::fs::write(file(rel), text.replacen(from, to, 1)).expect("write");
    };
    let body = "fi/kaupunki-somessa.md";
    let text = std::fs::read_to_string(file(body)).expect("read");
    let title_line = text
        .lines()
        .find(|l| l.starts_with("title:"))
        .expect("title")
        .to_string();
    type Step<'a> = (&'a str, Box<dyn Fn() + 'a>);
    let steps: Vec<Step> = vec![
        (
            "body edit",
            Box::new(|| edit(body, "Somessa kerromme", "Somessa KERROMME")),
        ),
        (
            "second body edit",
            Box::new(|| edit(body, "KERROMME", "kerromme (muokattu)")),
        ),
        (
            "title edit",
            Box::new(|| edit(body, &title_line, "title: Uusi otsikko")),
        ),
        (
            "new chapter",
            Box::new(|| {
                std::fs::write(file("fi/uusi.md"), "---\ntitle: Uusi\n---\nTeksti.\n")
                    .expect("write")
            }),
        ),
        (
            "renamed chapter",
            Box::new(|| std::fs::rename(file("fi/uusi.md"), file("fi/toinen.md")).expect("mv")),
        ),
        (
            "deleted chapter",
            Box::new(|| std::fs::remove_file(file("fi/toinen.md")).expect("remove")),
        ),
        (
            "English body edit",
            Box::new(|| {
                edit(
                    "en/kaupunki-somessa.md",
                    "because that is where",
                    "since that is where",
                )
            }),
        ),
        (
            "channel edit",
            Box::new(|| {
                edit(
                    "channels/lappeenranta-facebook.yaml",
                    "en: Lappeenranta on Facebook",
                    "en: Lappeenranta's Facebook",
                )
            }),
        ),
        (
            "broken front matter",
            Box::new(|| edit(body, "title: Uusi otsikko", "title: [rikki")),
        ),
        (
            "fixed front matter",
            Box::new(|| edit(body, "title: [rikki", "title: Korjattu")),
        ),
        (
            "site title",
            Box::new(|| edit("site.yaml", "Lappeenrannan", "Lappeenrannan (testi)")),
        ),
        (
            "theme override",
            Box::new(|| {
                std::fs::create_dir_all(root.join("themes/default/static")).expect("mkdir");
                std::fs::write(root.join("themes/default/static/extra.css"), "p{}").expect("write");
            }),
        ),
        (
            "body edit again",
            Box::new(|| edit(body, "(muokattu)", "(taas)")),
        ),
    ];
    let mut reused_on_body_edit = None;
    for (what, step) in steps {
        step();
        let incremental = build_with(&opts, &mut cache);
        let full = build(&opts);
        match (incremental, full) {
            (Ok(inc), Ok(full)) => {
                assert!(
                    inc.files == full.files,
                    "{what}: incremental output differs from a full build"
                );
                assert_eq!(inc.diagnostics, full.diagnostics, "{what}");
            }
            (Err(inc), Err(full)) => assert_eq!(inc, full, "{what}"),
            (inc, full) => panic!(
                "{what}: incremental ok={} but full ok={}",
                inc.is_ok(),
                full.is_ok()
            ),
        }
        if what == "body edit" {
            reused_on_body_edit = Some(cache.stats);
        }
    }
    let stats = reused_on_body_edit.expect("stats");
    assert!(
        stats.pages_reused > 0 && stats.markdown_reused > 0 && stats.files_reused > 0,
        "{stats:?}"
    );
    assert_eq!(stats.files_parsed, 1, "only the edited file: {stats:?}");
    assert!(
        stats.pages_rendered <= 2 && stats.markdown_rendered <= 2,
        "a body edit re-renders its page (and a fallback): {stats:?}"
    );
    assert!(
        stats.print_parts_made <= 2 && stats.print_parts_reused > 0,
        "{stats:?}"
    );
    assert_eq!(
        (stats.search_built, stats.search_reused),
        (1, 1),
        "the edited language's search index, not the other's: {stats:?}"
    );
    assert_eq!(
        (stats.print_pages_rendered, stats.print_pages_reused),
        (1, 1),
        "{stats:?}"
    );
    assert!(first.files.len() > 10);
}

/// Sets the modification time of every file under `dir` to `age` ago.
fn age_files(dir: &Path, age: Duration) {
    let when = std::time::SystemTime::now() - age;
    for entry in std::fs::read_dir(dir).expect("read dir") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            age_files(&path, age);
        } else {
            let file = std::fs::File::options().write(true).open(&path);
            file.and_then(|f| f.set_modified(when)).expect("set time");
        }
    }
}
