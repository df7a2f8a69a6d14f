//! Links written to sources become relative links to output files.

use crate::support::{TestSite, urls};

#[test]
fn source_links_become_relative_output_links() {
    let site = TestSite::fixture("basic");
    let run = site.build();
    run.success();
    let main = run.main_of("fi/aloitus.html");
    assert!(
        main.contains("href=\"kanavat/facebook.html#vastaaminen\""),
        "{main}"
    );
    assert!(main.contains("href=\"channels/fb.html#tone\""), "{main}");
    assert!(main.contains("src=\"kuva.svg\""), "{main}");
    let en = run.main_of("en/getting-started.html");
    assert!(
        en.contains("href=\"kanavat/facebook.html#vastaaminen\""),
        "{en}"
    );
    assert!(en.contains("src=\"../fi/kuva.svg\""), "{en}");
}

#[test]
fn every_internal_link_names_an_existing_file() {
    let site = TestSite::fixture("basic");
    let run = site.build();
    run.success();
    for page in [
        "fi/index.html",
        "fi/aloitus.html",
        "en/kanavat/facebook.html",
        "fi/channels/index.html",
        "en/print.html",
        "index.html",
    ] {
        let dir = std::path::Path::new(page).parent().unwrap();
        for url in urls(&run.file(page)) {
            if url.starts_with("http") || url.starts_with('#') || url.starts_with("mailto:") {
                continue;
            }
            assert!(!url.starts_with('/'), "{page}: {url} is not relative");
            let path = url.split('#').next().unwrap();
            let target = run.out.join(dir).join(path);
            assert!(target.is_file(), "{page}: {url} points at nothing");
        }
    }
}

#[test]
fn nothing_loads_from_another_host() {
    let site = TestSite::fixture("basic");
    let run = site.build();
    run.success();
    let html = run.file("fi/aloitus.html");
    for tag in [
        "<script src=\"http",
        "<link rel=\"stylesheet\" href=\"http",
        "<img src=\"http",
        "url(http",
    ] {
        assert!(!html.contains(tag), "{tag} in {html}");
    }
}

#[test]
fn the_404_page_resolves_its_links_from_the_site_root_when_base_url_is_set() {
    let site = TestSite::fixture("basic");
    let run = site.build();
    run.success();
    let page = run.file("404.html");
    let base = page.find("<base href=\"https://intra.example.fi/kasikirja/404.html\">");
    let css = page.find("static/style.css");
    assert!(
        base.is_some() && base < css,
        "<base> comes before the first relative URL: {page}"
    );
    site.write("content/site.yaml", "title: T\nlanguages: [fi, en]\n");
    let run = site.build();
    run.success();
    assert!(
        !run.file("404.html").contains("<base"),
        "no base_url, no <base>"
    );
}
