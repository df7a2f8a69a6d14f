//! Loading themes: the embedded default, overrides, UI strings and errors.

use std::collections::BTreeSet;
use std::path::Path;

use super::fixtures::page;
use super::{TempDir, default_theme};
use crate::error::Diagnostic;
use crate::render::Theme;
use crate::render::embedded;
use crate::render::view::PageType;

fn load_err(root: &Path, name: &str) -> Vec<Diagnostic> {
    match Theme::load(root, name) {
        Ok(_) => panic!("theme `{name}` loaded but should not"),
        Err(problems) => problems,
    }
}

#[test]
fn theme_is_send_and_sync() {
    fn shareable<T: Send + Sync>() {}
    shareable::<Theme>();
}

#[test]
fn ui_string_files_have_the_same_keys() {
    let files: Vec<(&str, BTreeSet<String>)> = embedded::I18N
        .iter()
        .map(|(file, text)| {
            let map: std::collections::BTreeMap<String, String> =
                serde_yaml::from_str(text).unwrap_or_else(|e| panic!("{file}: {e}"));
            (*file, map.into_keys().collect())
        })
        .collect();
    let all: BTreeSet<&String> = files.iter().flat_map(|(_, keys)| keys).collect();
    let mut report = String::new();
    for (file, keys) in &files {
        let missing: Vec<&&String> = all.iter().filter(|k| !keys.contains(**k)).collect();
        if !missing.is_empty() {
            report.push_str(&format!("{file} lacks {missing:?}\n"));
        }
    }
    assert!(report.is_empty(), "{report}");
    for key in [
        "callout_note",
        "callout_tip",
        "callout_important",
        "callout_warning",
        "callout_caution",
        "permalink",
        "lang_fi",
        "lang_en",
        "lang_sv",
        "lang_name_fi",
        "search_results",
    ] {
        assert!(all.iter().any(|k| *k == key), "no key {key}");
    }
}

#[test]
fn embedded_files_are_every_file_of_the_default_theme() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
    for (sub, listed) in [
        (
            "templates",
            embedded::TEMPLATES
                .iter()
                .map(|(n, _)| *n)
                .collect::<Vec<_>>(),
        ),
        ("i18n", embedded::I18N.iter().map(|(n, _)| *n).collect()),
        ("static", embedded::STATIC.iter().map(|(n, _)| *n).collect()),
    ] {
        let on_disk: BTreeSet<String> = std::fs::read_dir(dir.join(sub))
            .expect("theme folder")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        let listed: BTreeSet<String> = listed.into_iter().map(String::from).collect();
        assert_eq!(
            on_disk, listed,
            "src/render/embedded.rs is out of date for {sub}/"
        );
    }
}

#[test]
fn static_files_come_with_the_default_theme() {
    let theme = default_theme();
    let names: Vec<&str> = theme
        .static_files()
        .iter()
        .map(|(n, _)| n.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "handbook.js",
            "search-ui.js",
            "search.css",
            "search.js",
            "style.css"
        ]
    );
}

#[test]
fn ui_strings_fall_back_to_english_per_key_and_per_language() {
    let site = TempDir::new("ui");
    site.write("themes/default/i18n/fi.yaml", "home: Alkuun\n")
        .write("themes/default/i18n/de.yaml", "home: Startseite\n");
    let theme = Theme::load(site.path(), "default").expect("loads");
    assert_eq!(theme.ui("fi")["home"], "Alkuun");
    assert_eq!(theme.ui("fi")["menu"], "Valikko");
    assert_eq!(theme.ui("de")["home"], "Startseite");
    assert_eq!(theme.ui("de")["menu"], "Menu");
    assert_eq!(theme.ui("xx")["menu"], "Menu");
    assert_eq!(theme.ui("sv")["menu"], "Meny");
}

#[test]
fn a_site_theme_overrides_templates_and_static_files() {
    let site = TempDir::new("override");
    site.write(
        "themes/city/templates/chapter.html",
        r#"{% extends "base.html" %}{% block content %}<p class="mine">{{ page.title }}</p>{% endblock content %}"#,
    )
    .write("themes/city/static/style.css", "body { color: black }")
    .write("themes/city/static/img/logo.svg", "<svg/>")
    .write("themes/city/templates/.chapter.html.swp", "{% garbage");
    let theme = Theme::load(site.path(), "city").expect("loads");
    let ctx = page(PageType::Chapter, "fi", false, theme.ui("fi"));
    let html = theme.render(&ctx).expect("renders");
    assert!(html.contains(r#"<p class="mine">Kaupunki sosiaalisessa mediassa</p>"#));
    assert!(
        html.contains("skip-link"),
        "base.html still comes from the default"
    );
    let statics: Vec<(&str, &[u8])> = theme
        .static_files()
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    assert!(statics.contains(&("style.css", b"body { color: black }".as_slice())));
    assert!(statics.contains(&("img/logo.svg", b"<svg/>".as_slice())));
    assert!(statics.iter().any(|(n, _)| *n == "handbook.js"));
}

#[test]
fn a_missing_named_theme_is_an_error_with_a_hint() {
    let site = TempDir::new("missing");
    site.write("themes/city/templates/base.html", "x");
    let problems = load_err(site.path(), "ctiy");
    assert_eq!(problems.len(), 1);
    assert_eq!(
        problems[0].message,
        "theme `ctiy` not found: there is no folder themes/ctiy/"
    );
    assert_eq!(problems[0].hint.as_deref(), Some("did you mean `city`?"));
    assert!(!load_err(site.path(), "../etc").is_empty());
}

#[test]
fn template_syntax_errors_name_the_file_line_and_column() {
    let site = TempDir::new("syntax");
    site.write(
        "themes/default/templates/chapter.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<p>{{ page.title }</p>\n{% endblock content %}\n",
    )
    .write("themes/default/templates/section.html", "{% if %}\n");
    let problems = load_err(site.path(), "default");
    let locations: Vec<String> = problems.iter().map(Diagnostic::location).collect();
    assert_eq!(
        locations,
        [
            "themes/default/templates/chapter.html:3:18",
            "themes/default/templates/section.html:1:7"
        ],
        "{problems:#?}"
    );
}

#[test]
fn unknown_filters_and_includes_name_the_file() {
    let site = TempDir::new("validation");
    site.write(
        "themes/default/templates/section.html",
        "{% extends \"base.html\" %}\n{% block content %}{{ page.title | shout }}{% include \"nope.html\" %}{% endblock content %}",
    );
    let problems = load_err(site.path(), "default");
    assert!(
        problems.iter().any(
            |d| d.location() == "themes/default/templates/section.html:2:36"
                && d.message.contains("shout")
        ),
        "{problems:#?}"
    );
    assert!(
        problems.iter().any(|d| d.message.contains("nope.html")),
        "{problems:#?}"
    );
}

#[test]
fn render_errors_name_the_template_and_the_page() {
    let site = TempDir::new("render");
    site.write(
        "themes/default/templates/chapter.html",
        "{% extends \"base.html\" %}\n{% block content %}\n{{ page.no_such_field }}{% endblock content %}",
    );
    let theme = Theme::load(site.path(), "default").expect("loads");
    let ctx = page(PageType::Chapter, "fi", false, theme.ui("fi"));
    let err = match theme.render(&ctx) {
        Ok(_) => panic!("renders an unknown field"),
        Err(err) => err,
    };
    assert_eq!(err.location(), "themes/default/templates/chapter.html:3:9");
    assert!(err.message.contains("no_such_field"), "{err:?}");
    assert_eq!(
        err.hint.as_deref(),
        Some("this happened while rendering `fi/kaupunki-somessa.html`")
    );
}

#[test]
fn ui_string_errors_name_the_file_line_and_column() {
    let site = TempDir::new("yaml");
    site.write(
        "themes/default/i18n/fi.yaml",
        "home: Etusivu\nmenu: [a, b]\n",
    )
    .write("themes/default/i18n/sv.yaml", "# only comments\n");
    let problems = load_err(site.path(), "default");
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert_eq!(problems[0].location(), "themes/default/i18n/fi.yaml:2:7");
}

#[test]
fn a_template_that_is_not_utf8_is_an_error() {
    let site = TempDir::new("utf8");
    let path = site.path().join("themes/default/templates/404.html");
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(&path, [0xff, 0xfe, b'x']).expect("write");
    let problems = load_err(site.path(), "default");
    assert_eq!(problems[0].location(), "themes/default/templates/404.html");
}

#[test]
fn render_errors_in_a_parent_template_name_the_parent() {
    let site = TempDir::new("parent");
    let base = embedded::TEMPLATES
        .iter()
        .find(|(name, _)| *name == "base.html")
        .map(|(_, text)| *text)
        .unwrap_or_default();
    let broken = base.replacen("<html", "{{ site.no_such_field }}<html", 1);
    site.write("themes/default/templates/base.html", &broken);
    let theme = Theme::load(site.path(), "default").expect("loads");
    let ctx = page(PageType::Chapter, "fi", false, theme.ui("fi"));
    match theme.render(&ctx) {
        Ok(_) => panic!("renders an unknown field"),
        Err(err) => assert_eq!(err.location(), "themes/default/templates/base.html:2:9"),
    }
}
