//! A complete bilingual site: every file SPEC lists, languages and fallbacks.

use crate::support::TestSite;

#[test]
fn writes_every_output_file() {
    let site = TestSite::fixture("basic");
    let run = site.build();
    run.success();
    for f in [
        "index.html",
        "404.html",
        "sitemap.xml",
        "fi/index.html",
        "fi/aloitus.html",
        "fi/kanavat/index.html",
        "fi/kanavat/facebook.html",
        "fi/channels/index.html",
        "fi/channels/fb.html",
        "fi/print.html",
        "fi/kuva.svg",
        "en/index.html",
        "en/getting-started.html",
        "en/kanavat/facebook.html",
        "en/channels/fb.html",
        "en/print.html",
    ] {
        assert!(run.exists(f), "{f} is missing");
    }
    assert!(
        !run.exists("fi/kanavat/luonnos.html"),
        "drafts are left out"
    );
    assert!(
        !run.exists("en/kuva.svg"),
        "a missing image is taken from the default language"
    );
}

#[test]
fn drafts_are_built_on_request() {
    let site = TestSite::fixture("basic");
    site.run(&["build", "--drafts"]).success();
    assert!(site.root.join("public/fi/kanavat/luonnos.html").exists());
}

#[test]
fn pages_carry_their_language_and_alternates() {
    let site = TestSite::fixture("basic");
    let run = site.build();
    run.success();
    let fi = run.file("fi/aloitus.html");
    assert!(fi.contains("<html lang=\"fi\""), "{fi}");
    assert!(fi.contains("hreflang=\"en\""));
    assert!(fi.contains("href=\"../en/getting-started.html\""));
    let en = run.file("en/getting-started.html");
    assert!(en.contains("<html lang=\"en\""));
    assert!(en.contains("href=\"../fi/aloitus.html\""));
}

#[test]
fn an_untranslated_page_is_a_marked_fallback() {
    let site = TestSite::fixture("basic");
    let run = site.build();
    run.success();
    let page = run.file("en/kanavat/facebook.html");
    assert!(page.contains("<html lang=\"en\""));
    assert!(
        page.contains("lang=\"fi\""),
        "the Finnish text is marked as Finnish"
    );
    assert!(
        page.contains("Vastaa kommentteihin"),
        "the default language's text is shown"
    );
    assert!(
        run.stderr.contains("not translated to `en` yet"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let site = TestSite::fixture("basic");
    site.build().success();
    let first = snapshot(&site.root.join("public"));
    site.build().success();
    assert_eq!(first, snapshot(&site.root.join("public")));
}

fn snapshot(dir: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().display().to_string(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

#[test]
fn channel_fields_fall_back_and_say_so() {
    let site = TestSite::fixture("basic");
    let run = site.build();
    run.success();
    let page = run.file("en/channels/fb.html");
    assert!(page.contains("Arkisin vuorokauden sisällä"));
    assert!(page.contains("id=\"response-time\""));
    assert!(
        run.stderr.contains("`response_time` has no `en` value"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_site_without_themes_uses_the_built_in_theme() {
    let site = TestSite::fixture("basic");
    assert!(!site.root.join("themes").exists());
    let run = site.build();
    run.success();
    assert!(run.exists("static/style.css"));
}

#[test]
fn a_site_theme_overrides_one_template() {
    let site = TestSite::fixture("basic");
    site.write(
        "themes/default/templates/404.html",
        "<!doctype html><html lang=\"{{ site.lang }}\"><main>OMA 404</main></html>",
    );
    let run = site.build();
    run.success();
    assert!(run.file("404.html").contains("OMA 404"));
    assert!(
        run.file("fi/index.html").contains("<main"),
        "other templates stay"
    );
}

/// The part of `<nav class="site-nav">` that lists entries.
fn nav_of(html: &str) -> &str {
    let start = html.find("<ul class=\"nav-list\">").expect("a nav list");
    let end = html[start..].find("</details>").expect("the nav closes") + start;
    &html[start..end]
}

#[test]
fn navigation_lists_every_top_entry_and_the_current_section() {
    let site = TestSite::fixture("basic");
    site.write(
        "content/fi/kanavat/instagram.md",
        "---\ntitle: Instagram\nweight: 2\n---\nKuvat.\n",
    );
    let run = site.build();
    run.success();
    let nav = run.file("fi/kanavat/facebook.html");
    let nav = nav_of(&nav);
    let expected = [
        "<a href=\"../aloitus.html\">Aloitus</a>",
        "<a href=\"index.html\" aria-current=\"true\">Kanavat</a>",
        "<a href=\"facebook.html\" aria-current=\"page\">Facebook</a>",
        "<a href=\"instagram.html\">Instagram</a>",
    ];
    let mut at = 0;
    for e in expected {
        let found = nav[at..]
            .find(e)
            .unwrap_or_else(|| panic!("{e} missing or out of order in {nav}"));
        at += found + e.len();
    }
    let top = run.file("fi/aloitus.html");
    let top = nav_of(&top);
    assert!(
        top.contains("<a href=\"aloitus.html\" aria-current=\"page\">Aloitus</a>"),
        "{top}"
    );
    assert!(
        top.contains("<a href=\"kanavat/index.html\">Kanavat</a>"),
        "{top}"
    );
    assert!(
        !top.contains("Instagram"),
        "only the current section's chapters: {top}"
    );
}

/// `HANDBOOK_TIMINGS` reports the stages of a build and the steps of each
/// language's search index, which are built beside them; without it, nothing.
#[test]
fn timings_report_the_stages_and_each_search_index() {
    let site = TestSite::fixture("basic");
    let run = site.run_with(&["build"], &[("HANDBOOK_TIMINGS", "1")]);
    run.success();
    let steps = [
        "tokenize",
        "merge",
        "stem and split",
        "score",
        "finish",
        "write",
    ];
    for lang in ["fi", "en"] {
        for step in steps {
            let line = format!("timing: search index {lang}: {step} ");
            assert!(
                run.stderr.contains(&line),
                "no `{line}` in:\n{}",
                run.stderr
            );
        }
    }
    assert!(run.stderr.contains("timing: markdown and anchors "));
    let quiet = site.build();
    quiet.success();
    assert!(!quiet.stderr.contains("timing:"), "{}", quiet.stderr);
}
