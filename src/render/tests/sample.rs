//! Writes every page type with the default theme to a temp folder, for a look in a
//! browser: `cargo test render::tests::sample -- --nocapture` prints where.

use super::default_theme;
use super::fixtures::{ALL_KINDS, page};

#[test]
fn write_sample_pages() {
    let theme = default_theme();
    let out = std::env::temp_dir().join("handbook-theme-sample");
    let _ = std::fs::remove_dir_all(&out);
    for (name, bytes) in theme.static_files() {
        let path = out.join("static").join(name);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, bytes).expect("write static file");
    }
    for lang in ["fi", "en"] {
        for kind in ALL_KINDS {
            let fallback = lang == "en";
            let ctx = page(kind, lang, fallback, theme.ui(lang));
            let html = theme.render(&ctx).expect("renders");
            // Root pages sit at the top, like index.html and 404.html do.
            let dir = if ctx.site.root.is_empty() {
                out.clone()
            } else {
                out.join(lang)
            };
            std::fs::create_dir_all(&dir).expect("mkdir");
            let file = format!("{}-{lang}.html", kind.template().trim_end_matches(".html"));
            std::fs::write(dir.join(file), html).expect("write page");
        }
    }
    println!("sample pages: {}", out.display());
}

/// `cargo test --release render_speed -- --ignored --nocapture`: rendering is on the hot
/// path (10,000 pages per build), so this prints what one page costs.
#[test]
#[ignore = "a measurement, not a check"]
fn render_speed() {
    let theme = default_theme();
    let ctx = page(
        crate::render::view::PageType::Chapter,
        "fi",
        false,
        theme.ui("fi"),
    );
    let start = std::time::Instant::now();
    let mut bytes = 0;
    for _ in 0..10_000 {
        bytes += theme.render(&ctx).expect("renders").len();
    }
    let took = start.elapsed();
    println!(
        "10,000 chapter pages on one thread: {took:?} ({:?} per page, {bytes} bytes)",
        took / 10_000
    );
}
