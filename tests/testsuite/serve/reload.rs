//! What only a browser shows about `handbook serve`, in headless Chromium: an edit
//! reloads the tab at the same scroll position, a CSS edit swaps the stylesheet
//! without a reload, a broken file shows the overlay and fixing it clears it, and
//! a tab picks up a restarted server by itself.
//!
//! Without Chromium these tests print why and pass, except on CI (see `cdp`).

use super::preview::{Preview, WAIT};
use crate::cdp::{Browser, browser};
use crate::support::{TestSite, copy_dir};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

const CHAPTER: &str = "content/fi/ohje.md";

/// Counts the `hello`s of the page's reload stream in `window.__hellos`, so a test
/// knows the tab is listening before it edits. Installed before any page script.
const COUNT_HELLOS: &str = "window.EventSource = class extends window.EventSource {
    constructor(url, options) {
        super(url, options);
        this.addEventListener('hello', () => { window.__hellos = (window.__hellos || 0) + 1; });
    }
};";

/// A copy of the serve fixture whose chapter is long enough to scroll, served, and
/// a tab open on the chapter and listening; `None` without Chromium.
fn open_chapter(name: &str, prepare: impl FnOnce(&TestSite)) -> Option<(Preview, Browser)> {
    let mut b = browser(&format!("reload-{name}"))?;
    let site = TestSite::fixture("serve-site");
    let paragraphs: Vec<String> = (0..150).map(|i| format!("Kappale {i}.")).collect();
    let text = std::fs::read_to_string(site.root.join(CHAPTER)).expect("read chapter");
    site.write(CHAPTER, &format!("{text}\n{}\n", paragraphs.join("\n\n")));
    prepare(&site);
    let preview = Preview::serve(site);
    check(b.call(
        "Page.addScriptToEvaluateOnNewDocument",
        json!({ "source": COUNT_HELLOS }),
    ));
    check(b.goto(&preview.url("/fi/ohje.html")));
    listening(&mut b);
    Some((preview, b))
}

/// Waits until the tab's reload stream has said hello.
fn listening(b: &mut Browser) {
    check(b.wait_until("window.__hellos >= 1", WAIT));
}

#[track_caller]
fn check<T>(r: Result<T, String>) -> T {
    r.unwrap_or_else(|e| panic!("{e}"))
}

fn eval(b: &mut Browser, js: &str) -> Value {
    check(b.eval(js))
}

#[test]
fn a_body_edit_reloads_the_tab_at_the_same_scroll_position() {
    let Some((preview, mut b)) = open_chapter("scroll", |_| {}) else {
        return;
    };
    eval(
        &mut b,
        // Manual restoration: the position must come back through the reload
        // script, not only through the browser's own memory of it.
        "history.scrollRestoration = 'manual';
         window.scrollTo({ top: 700, behavior: 'instant' });
         window.__marker = 'before'; 1",
    );
    assert_eq!(eval(&mut b, "window.scrollY"), json!(700));

    preview.edit(CHAPTER, "Kappale 3.", "Kappale kolme.");
    check(b.wait_until(
        "document.body.innerText.includes('Kappale kolme.') && window.scrollY > 0",
        WAIT,
    ));
    assert_eq!(
        eval(&mut b, "window.__marker === undefined"),
        json!(true),
        "the edit reloaded the page"
    );
    let y = eval(&mut b, "window.scrollY").as_f64().unwrap_or(0.0);
    assert!((y - 700.0).abs() < 5.0, "scrolled to {y} after the reload");
}

#[test]
fn a_css_edit_swaps_the_stylesheet_without_a_reload() {
    let theme = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
    let Some((preview, mut b)) = open_chapter("css", |site| {
        copy_dir(&theme, &site.root.join("themes/default"));
    }) else {
        return;
    };
    let href = eval(
        &mut b,
        "new URL(document.querySelector('link[rel~=stylesheet]').href).pathname",
    );
    let css = theme_file(&preview.site.root, href.as_str().unwrap_or_default());
    eval(&mut b, "window.__marker = 'css'; 1");

    let text = std::fs::read_to_string(&css).expect("read stylesheet");
    preview.write(
        css.strip_prefix(&preview.site.root)
            .expect("in the site")
            .to_str()
            .expect("UTF-8 path"),
        &format!("{text}\nbody {{ background-color: rgb(1, 2, 3) !important; }}\n"),
    );
    check(b.wait_until(
        "getComputedStyle(document.body).backgroundColor === 'rgb(1, 2, 3)'",
        WAIT,
    ));
    assert_eq!(
        eval(&mut b, "window.__marker"),
        json!("css"),
        "the page was not reloaded"
    );
    assert_eq!(
        eval(
            &mut b,
            "document.querySelectorAll('link[rel~=stylesheet][href*=\"handbook-reload\"]').length"
        ),
        json!(1),
        "the old stylesheet link went once the new one loaded"
    );
}

/// What the server printed on stderr, up to a line that ends with `last`
/// (waiting for it within the time limit).
fn printed_lines(preview: &Preview, last: &str) -> Vec<String> {
    let deadline = std::time::Instant::now() + WAIT;
    let mut printed = Vec::new();
    while std::time::Instant::now() < deadline {
        printed.extend(preview.printed_errors());
        if printed.iter().any(|l| l.ends_with(last)) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    printed
}

/// The file under the site's `themes/` that the output path `/static/<x>` comes from.
fn theme_file(root: &Path, served: &str) -> PathBuf {
    let rel = served
        .trim_start_matches('/')
        .strip_prefix("static/")
        .unwrap_or_else(|| panic!("the stylesheet {served} is not a static file"));
    let file = root.join("themes/default/static").join(rel);
    assert!(file.is_file(), "{} is not in the theme", file.display());
    file
}

#[test]
fn a_broken_file_shows_the_overlay_and_fixing_it_clears_it() {
    let Some((preview, mut b)) = open_chapter("overlay", |_| {}) else {
        return;
    };
    let good = preview.read(CHAPTER);
    preview.write(CHAPTER, &good.replacen("title: Ohje", "title: [Ohje", 1));
    check(b.wait_until("document.getElementById('handbook-overlay')", WAIT));
    let overlay = eval(
        &mut b,
        "document.getElementById('handbook-overlay').textContent",
    );
    let overlay = overlay.as_str().unwrap_or_default();
    let at = overlay
        .find("content/fi/ohje.md:")
        .unwrap_or_else(|| panic!("no path in the overlay: {overlay}"));
    let location = overlay[at..].lines().next().unwrap_or_default();
    assert!(
        location["content/fi/ohje.md:".len()..].starts_with(|c: char| c.is_ascii_digit()),
        "path:line in the overlay: {overlay}"
    );
    let listed = eval(
        &mut b,
        "document.querySelector('#handbook-overlay pre').textContent",
    );
    let listed = listed.as_str().unwrap_or_default();
    let printed = printed_lines(&preview, location);
    for line in listed.lines().filter(|l| !l.trim().is_empty()) {
        assert!(
            printed.iter().any(|p| p == line),
            "the terminal says what the overlay says: {line:?} not in {printed:?}"
        );
    }
    assert_eq!(
        eval(
            &mut b,
            "document.body.innerText.includes('Alkuperäinen teksti.')"
        ),
        json!(true),
        "the last good page is still shown under the overlay"
    );

    preview.write(CHAPTER, &good);
    check(b.wait_until(
        "!document.getElementById('handbook-overlay') && document.body.innerText.includes('Kappale 3.')",
        WAIT,
    ));
}

#[cfg(unix)]
#[test]
fn a_tab_picks_up_a_restarted_server_by_itself() {
    let Some((mut preview, mut b)) = open_chapter("restart", |_| {}) else {
        return;
    };
    eval(&mut b, "window.__marker = 'before'; 1");
    preview.interrupt();
    // Edited while no server runs: the restarted one builds it, and the tab, told
    // by the new server's hello that the build changed, reloads to show it.
    preview.edit(CHAPTER, "Alkuperäinen", "Uudelleen käynnistetty");
    preview.restart();
    check(b.wait_until(
        "window.__marker === undefined && document.body.innerText.includes('Uudelleen käynnistetty')",
        WAIT,
    ));
    listening(&mut b);
}
