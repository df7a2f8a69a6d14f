//! Bad input: every problem at once, each with path:line:column, no panic.

use crate::support::TestSite;

#[test]
fn a_broken_link_names_file_line_and_column() {
    let site = TestSite::fixture("basic");
    site.write(
        "content/fi/kanavat/facebook.md",
        "---\ntitle: Facebook\n---\nKatso [ohje](puuttuu.md).\n",
    );
    let run = site.build();
    run.failure();
    assert!(
        run.stderr
            .contains("--> content/fi/kanavat/facebook.md:4:7"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("points at nothing"), "{}", run.stderr);
}

#[test]
fn a_missing_anchor_is_an_error() {
    let site = TestSite::fixture("basic");
    site.write(
        "content/fi/_index.md",
        "---\ntitle: Etusivu\n---\n[x](kanavat/facebook.md#vastaamine)\n",
    );
    let run = site.build();
    run.failure();
    assert!(
        run.stderr.contains("content/fi/_index.md:4:1"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("did you mean `#vastaaminen`?"),
        "{}",
        run.stderr
    );
}

#[test]
fn several_problems_are_reported_in_one_run() {
    let site = TestSite::fixture("basic");
    site.write("content/fi/a.md", "---\ntitle: A\ntitel: B\n---\n");
    site.write(
        "content/channels/x.yaml",
        "name: X\nplatform: x\nurl: https://x.com/a\naudiense: a\n",
    );
    site.write("content/fi/b.md", "---\ntitle: B\n");
    let run = site.run(&["check"]);
    run.failure();
    assert!(
        run.stdout
            .contains("content/fi/a.md:3:1: error: front matter: unknown key `titel`"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("did you mean `title`?"));
    assert!(
        run.stdout.contains("content/channels/x.yaml:4:1: error"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("content/fi/b.md:1:1: error: the front matter never closes"),
        "{}",
        run.stdout
    );
}

#[test]
fn invalid_yaml_and_non_utf8_are_located() {
    let site = TestSite::fixture("basic");
    site.write(
        "content/fi/a.md",
        "---\ntitle: A\ndescription: 'avoin\nowner: B\n---\n",
    );
    std::fs::write(
        site.root.join("content/fi/b.md"),
        b"---\ntitle: B\n---\nok \xff\n",
    )
    .unwrap();
    let run = site.run(&["check"]);
    run.failure();
    assert!(run.stdout.contains("content/fi/a.md:3:14: error: front matter: found unexpected end of stream, while scanning a quoted scalar"), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("content/fi/b.md:4:4: error: the file is not UTF-8 text"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_language_folder_not_in_site_yaml_is_an_error() {
    let site = TestSite::fixture("basic");
    site.write("content/sv/_index.md", "---\ntitle: Hem\n---\n");
    let run = site.run(&["check"]);
    run.failure();
    assert!(
        run.stdout
            .contains("content/sv: error: the folder `sv` is not a language of the site"),
        "{}",
        run.stdout
    );
}

#[test]
fn two_pages_writing_one_file_is_an_error() {
    let site = TestSite::fixture("basic");
    site.write("content/fi/02-aloitus.md", "---\ntitle: Toinen\n---\n");
    let run = site.run(&["check"]);
    run.failure();
    assert!(
        run.stdout.contains("would write `fi/aloitus.html`"),
        "{}",
        run.stdout
    );
}

#[test]
fn links_and_images_may_not_leave_content() {
    let site = TestSite::fixture("basic");
    site.write(
        "content/fi/a.md",
        "---\ntitle: A\n---\n[x](../../../etc/passwd)\n\n![k](../../README.md)\n",
    );
    let run = site.run(&["check"]);
    run.failure();
    assert!(
        run.stdout.contains("content/fi/a.md:4:1: error"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("leaves content/"), "{}", run.stdout);
}

#[cfg(unix)]
#[test]
fn a_symlink_out_of_content_is_an_error() {
    let site = TestSite::fixture("basic");
    std::os::unix::fs::symlink("/etc/hostname", site.root.join("content/fi/salaisuus.txt"))
        .unwrap();
    let run = site.run(&["check"]);
    run.failure();
    assert!(
        run.stdout
            .contains("content/fi/salaisuus.txt: error: this link points outside content/"),
        "{}",
        run.stdout
    );
}

#[test]
fn warnings_fail_check_only_with_strict() {
    let site = TestSite::fixture("basic");
    let run = site.run(&["check"]);
    run.success();
    assert!(
        run.stdout.contains("warning: not translated to `en` yet"),
        "{}",
        run.stdout
    );
    site.run(&["check", "--strict"]).failure();
}
