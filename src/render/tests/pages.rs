//! Every page type renders with the landmarks, languages and links the contract asks for.

use super::default_theme;
use super::fixtures::{ALL_KINDS, page};
use crate::render::view::PageType;

fn render(kind: PageType, lang: &str, fallback: bool) -> String {
    let theme = default_theme();
    let ctx = page(kind, lang, fallback, theme.ui(lang));
    match theme.render(&ctx) {
        Ok(html) => html,
        Err(d) => panic!("{kind:?} does not render: {}", d.render()),
    }
}

fn assert_has(html: &str, fragments: &[&str]) {
    let missing: Vec<&&str> = fragments.iter().filter(|f| !html.contains(**f)).collect();
    assert!(missing.is_empty(), "missing {missing:#?} in\n{html}");
}

/// The `<main>` element, for snapshots that do not change with the layout around it.
fn main_of(html: &str) -> &str {
    let start = html.find("<main").unwrap_or(0);
    let end = html
        .find("</main>")
        .map_or(html.len(), |i| i + "</main>".len());
    &html[start..end]
}

#[test]
fn every_page_has_the_landmarks() {
    for kind in ALL_KINDS {
        let html = render(kind, "fi", false);
        assert_has(
            &html,
            &[
                "<!doctype html>",
                r#"<html lang="fi">"#,
                r#"<meta charset="utf-8">"#,
                r#"<meta name="viewport" content="width=device-width, initial-scale=1">"#,
                "<title>",
                r#"<meta name="description" content="Miksi ja miten kaupunki on läsnä somessa.">"#,
                r#"<link rel="stylesheet" href=""#,
                r##"<a class="skip-link" href="#main">Siirry sisältöön</a>"##,
                r#"<header class="site-header">"#,
                r#"<main id="main" tabindex="-1">"#,
                r#"<footer class="site-footer">"#,
                r#"<form class="search" role="search""#,
                r#"<label class="search__label" for="search-input">Hae käsikirjasta</label>"#,
                r#"id="search-input" type="search""#,
                r#"id="search-results""#,
                "data-index=\"",
            ],
        );
        if kind != PageType::Languages {
            assert_has(
                &html,
                &[r#"<nav class="site-nav" aria-label="Päävalikko">"#],
            );
        }
        assert!(!html.contains("{{"), "{kind:?} leaks template syntax");
    }
}

#[test]
fn switcher_links_other_languages_and_says_when_untranslated() {
    let html = render(PageType::Chapter, "fi", true);
    assert_has(
        &html,
        &[
            r#"<nav class="lang-switcher" aria-label="Kielivalinta">"#,
            r#"<a href="../en/index.html" hreflang="en" lang="en">English <span class="lang-switcher__note" lang="fi">(ei vielä käännetty)</span></a>"#,
            r#"<a href="../sv/index.html" hreflang="sv" lang="sv">svenska</a>"#,
        ],
    );
    assert!(!html.contains(r#"href="../fi/index.html" hreflang="fi""#));
    // hreflang only for real translations.
    assert!(html.contains(r#"<link rel="alternate" hreflang="sv""#));
    assert!(!html.contains(r#"<link rel="alternate" hreflang="en""#));
    assert!(
        html.contains(
            r#"<link rel="canonical" href="https://intra.example.fi/some/fi/index.html">"#
        )
    );
}

#[test]
fn fallback_pages_say_so_and_mark_the_content_language() {
    let html = render(PageType::Chapter, "en", true);
    assert_has(
        &html,
        &[
            r#"<html lang="en">"#,
            r#"<div class="notice notice--untranslated" role="note">"#,
            "This page has not been translated into English yet, so it is shown in its original language (Finnish).",
            r#"<header class="page-header" lang="fi">"#,
            r#"<div class="prose" lang="fi">"#,
        ],
    );
    let translated = render(PageType::Chapter, "en", false);
    assert!(!translated.contains("notice--untranslated"));
    assert!(!translated.contains(r#"<div class="prose" lang="#));
}

#[test]
fn chapter_has_toc_meta_and_pager() {
    let html = render(PageType::Chapter, "fi", false);
    assert_has(
        &html,
        &[
            r#"<nav class="page-toc" aria-labelledby="hb-page-toc">"#,
            r##"<li class="page-toc__h3"><a href="#tavoitteet">Tavoitteet</a></li>"##,
            r#"<p class="page-meta__owner">Vastuu: Viestintäyksikkö</p>"#,
            r#"Tarkistettu: <time datetime="2026-09-15">15.9.2026</time>"#,
            r#"<a class="pager__link pager__link--prev" rel="prev" href="johdanto.html">"#,
            r#"rel="next" href="../kanavat/index.html""#,
            r#"<nav class="breadcrumbs" aria-label="Murupolku">"#,
            r#"<li><span aria-current="page">Kaupunki sosiaalisessa mediassa</span></li>"#,
            r#"<a href="kaupunki-somessa.html" aria-current="page">"#,
            r#"<a href="index.html" aria-current="true">Perusteet</a>"#,
        ],
    );
}

#[test]
fn a_chapter_with_one_heading_has_no_toc() {
    let theme = default_theme();
    let mut ctx = page(PageType::Chapter, "fi", false, theme.ui("fi"));
    ctx.page.toc.truncate(1);
    let html = theme.render(&ctx).expect("renders");
    assert!(!html.contains("page-toc"));
}

#[test]
fn channel_fields_have_fixed_ids_and_fallback_marks() {
    let html = render(PageType::Channel, "en", true);
    for id in [
        "audience",
        "purpose",
        "tone",
        "content",
        "dos",
        "donts",
        "response-time",
    ] {
        assert!(
            html.contains(&format!(r#"<h2 id="{id}">"#)),
            "no heading #{id}"
        );
    }
    assert_has(
        &html,
        &[
            r#"<div class="channel-field__value" lang="fi"><p>Kaupunkilaiset ja mökkiläiset</p></div>"#,
            r#"<span class="tag tag--untranslated">not translated</span>"#,
            r#"<a href="https://www.facebook.com/lappeenranta" rel="external">"#,
            "<li>Vastaa nopeasti</li>",
        ],
    );
}

#[test]
fn channel_overview_is_a_table_linking_each_channel() {
    let html = render(PageType::Channels, "fi", false);
    assert_has(
        &html,
        &[
            r#"<th scope="row"><a href="facebook.html">Lappeenranta</a></th>"#,
            r#"<td data-label="Palvelu">Facebook</td>"#,
            r#"<td data-label="Äänensävy">kaverillinen, yhteisöllinen</td>"#,
            r#"<td data-label="Vastausaika">Arkisin vuorokauden sisällä</td>"#,
            r#"<td data-label="Kielet">suomi, englanti</td>"#,
        ],
    );
}

#[test]
fn front_page_has_contents_tree_and_channel_cards() {
    let html = render(PageType::Front, "fi", false);
    assert_has(
        &html,
        &[
            r#"<h2 id="hb-contents">Sisällys</h2>"#,
            r#"<a href="perusteet/kaupunki-somessa.html">"#,
            r#"<li class="channel-card channel-card--facebook">"#,
            r#"<p class="channel-card__audience">Kaupunkilaiset ja mökkiläiset</p>"#,
        ],
    );
}

#[test]
fn print_page_has_every_part_in_a_section() {
    let html = render(PageType::Print, "fi", false);
    assert_has(
        &html,
        &[
            r#"<section id="fi-index" class="print-part depth-1">"#,
            r#"<h2 class="print-part__title">Sosiaalisen median käsikirja</h2>"#,
            r#"<section id="fi-perusteet-kaupunki-somessa" class="print-part depth-2">"#,
            r#"<h3 class="print-part__title">Kaupunki sosiaalisessa mediassa</h3>"#,
            r##"<a href="#fi-perusteet-kaupunki-somessa">"##,
        ],
    );
}

#[test]
fn languages_page_redirects_and_offers_every_language() {
    let html = render(PageType::Languages, "fi", false);
    assert_has(
        &html,
        &[
            r#"<meta http-equiv="refresh" content="0; url=fi/index.html">"#,
            r#"<a href="en/index.html" hreflang="en" lang="en">"#,
            r#"<a href="fi/index.html">Siirry käsikirjaan</a>"#,
        ],
    );
}

#[test]
fn not_found_links_home_in_every_language() {
    let html = render(PageType::NotFound, "fi", false);
    assert_has(
        &html,
        &[
            "<h1>Sivua ei löytynyt</h1>",
            r#"<a href="fi/index.html" hreflang="fi" lang="fi">"#,
            r#"<a href="en/index.html" hreflang="en" lang="en">"#,
        ],
    );
}

#[test]
fn content_text_is_escaped_but_rendered_html_is_not() {
    let theme = default_theme();
    let mut ctx = page(PageType::Chapter, "fi", false, theme.ui("fi"));
    ctx.page.title = "<script>alert(1)</script>".into();
    let html = theme.render(&ctx).expect("renders");
    assert!(!html.contains("<script>alert"));
    assert!(html.contains("&lt;script&gt;"));
    assert!(html.contains(r#"<h2 id="miksi-somessa">"#));
}

#[test]
fn chapter_main_snapshot() {
    let html = render(PageType::Chapter, "fi", false);
    insta::assert_snapshot!(main_of(&html));
}

#[test]
fn a_page_may_bring_its_own_ui_strings() {
    let theme = default_theme();
    let mut strings = theme.ui("fi").clone();
    strings.insert("skip_to_content".into(), "Hyppää sisältöön".into());
    let ctx = page(PageType::Chapter, "fi", false, &strings);
    let html = theme.render(&ctx).expect("renders");
    assert!(html.contains(">Hyppää sisältöön</a>"));
}
