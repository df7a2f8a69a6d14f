//! The output folder is replaced whole, or not at all.

use crate::support::TestSite;
use std::fs;

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let site = TestSite::fixture("basic");
    site.build().success();
    let before = fs::read(site.root.join("public/fi/aloitus.html")).unwrap();
    site.write(
        "content/fi/01-aloitus.md",
        "---\ntitle: Aloitus\n---\n[rikki](ei-ole.md)\n",
    );
    let run = site.build();
    run.failure();
    assert!(run.stderr.contains("was left as it was"), "{}", run.stderr);
    assert_eq!(
        fs::read(site.root.join("public/fi/aloitus.html")).unwrap(),
        before
    );
    let names: Vec<String> = fs::read_dir(&site.root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names.iter().all(|n| !n.starts_with(".public")),
        "no staging folder is left: {names:?}"
    );
}

#[test]
fn refuses_to_replace_a_folder_it_did_not_write() {
    let site = TestSite::fixture("basic");
    site.write("docs/notes.txt", "mine");
    let run = site.run(&["build", "--out", site.root.join("docs").to_str().unwrap()]);
    run.failure();
    assert!(
        run.stderr.contains("files that handbook did not write"),
        "{}",
        run.stderr
    );
    assert_eq!(
        fs::read_to_string(site.root.join("docs/notes.txt")).unwrap(),
        "mine"
    );
    let root = site.root.to_str().unwrap();
    let run = site.run(&["build", "--out", root]);
    run.failure();
    assert!(site.root.join("content/site.yaml").exists());
}

#[test]
fn out_writes_elsewhere() {
    let site = TestSite::fixture("basic");
    let out = site.root.join("elsewhere");
    site.run(&["build", "--out", out.to_str().unwrap()])
        .success();
    assert!(out.join("fi/index.html").is_file());
    assert!(!site.root.join("public").exists());
}
