//! Hand-built page contexts for every page type, with realistic content.

use std::collections::BTreeMap;

use crate::render::view::*;

pub const CHAPTER_HTML: &str = r##"<p>Kaupunki on läsnä sosiaalisessa mediassa, koska asukkaat ovat siellä.</p>
<h2 id="miksi-somessa">Miksi somessa <a class="anchor" href="#miksi-somessa" aria-label="Linkki tähän kohtaan">#</a></h2>
<p>Somessa tavoitamme ihmiset <a href="https://example.org/tutkimus">tutkimuksen</a> mukaan nopeammin.</p>
<div class="callout callout-tip"><p class="callout-title">Vinkki</p><p>Vastaa kysymyksiin arkisin vuorokauden sisällä.</p></div>
<div class="callout callout-warning"><p class="callout-title">Varoitus</p><p>Älä julkaise henkilötietoja.</p></div>
<h3 id="tavoitteet">Tavoitteet</h3>
<ul><li>Näkyvyys</li><li>Vuorovaikutus</li></ul>
<h2 id="vastaaminen">Vastaaminen</h2>
<table><thead><tr><th>Kanava</th><th>Vastausaika</th><th>Vastaaja</th></tr></thead>
<tbody><tr><td>Facebook</td><td>1 arkipäivä</td><td>Viestintäyksikkö</td></tr></tbody></table>
<blockquote><p>Hyvä vastaus on lyhyt ja ystävällinen.</p></blockquote>
<pre><code>#lappeenranta</code></pre>"##;

fn link(title: &str, href: &str) -> Link {
    Link {
        title: title.into(),
        href: href.into(),
    }
}

fn field<T>(value: T, lang: &str, is_fallback: bool) -> Option<Field<T>> {
    Some(Field {
        value,
        is_fallback,
        lang: lang.into(),
    })
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_string()).collect()
}

pub fn channel(lang: &str, fallback: bool) -> ChannelView {
    ChannelView {
        id: "facebook".into(),
        name: "Lappeenranta".into(),
        platform: "facebook".into(),
        platform_name: "Facebook".into(),
        url: "https://www.facebook.com/lappeenranta".into(),
        href: "facebook.html".into(),
        owner: field("Viestintäyksikkö".into(), lang, false),
        languages: strings(&["suomi", "englanti"]),
        description: field("<p>Asukasviestinnän pääkanava.</p>".into(), lang, false),
        audience: field("Kaupunkilaiset ja mökkiläiset".into(), "fi", fallback),
        purpose: field(
            strings(&["Ajankohtaiset asiat", "Häiriötiedotteet"]),
            lang,
            false,
        ),
        tone: field(strings(&["kaverillinen", "yhteisöllinen"]), lang, false),
        content: field(strings(&["Tapahtumat", "Kuvat kaupungilta"]), lang, false),
        dos: field(strings(&["Vastaa nopeasti"]), lang, false),
        donts: field(strings(&["Älä poista kritiikkiä"]), lang, false),
        response_time: field("Arkisin vuorokauden sisällä".into(), lang, false),
    }
}

fn alternates(kind_path: &str, current: &str, fallback_en: bool) -> Vec<Alternate> {
    [("fi", "suomi"), ("en", "English"), ("sv", "svenska")]
        .iter()
        .map(|(lang, name)| Alternate {
            lang: (*lang).into(),
            name: (*name).into(),
            href: format!("../{lang}/{kind_path}"),
            absolute: Some(format!("https://intra.example.fi/some/{lang}/{kind_path}")),
            is_current: *lang == current,
            is_fallback: *lang == "en" && fallback_en,
        })
        .collect()
}

/// A page of `kind` in `lang`; `fallback` makes it an untranslated English page.
pub fn page<'a>(
    kind: PageType,
    lang: &'a str,
    fallback: bool,
    ui: &'a BTreeMap<String, String>,
) -> PageContext<'a> {
    let root = if kind == PageType::Languages || kind == PageType::NotFound {
        ""
    } else {
        "../"
    };
    let title = match kind {
        PageType::Front => "Sosiaalisen median käsikirja",
        PageType::Section => "Kanavat",
        PageType::Channels => "Kanavat rinnakkain",
        PageType::Channel => "Lappeenranta",
        PageType::Print => "Koko käsikirja",
        _ => "Kaupunki sosiaalisessa mediassa",
    };
    let is_front_or_root = matches!(
        kind,
        PageType::Front | PageType::Languages | PageType::NotFound
    );
    PageContext {
        site: SiteView {
            title: "Lappeenrannan sosiaalisen median käsikirja",
            lang,
            default_lang: "fi",
            root: root.into(),
            home: format!("{root}{lang}/index.html"),
            print: format!("{root}{lang}/print.html"),
            channels: format!("{root}{lang}/channels/index.html"),
            r#static: format!("{root}static/"),
            search_index: vec![format!("{root}{lang}/search-index.js")],
            alternates: if kind == PageType::Languages || kind == PageType::NotFound {
                Vec::new()
            } else {
                alternates("index.html", lang, fallback)
            },
            canonical: Some(format!("https://intra.example.fi/some/{lang}/index.html")),
        },
        ui,
        page: PageView {
            kind,
            title: title.into(),
            description: Some("Miksi ja miten kaupunki on läsnä somessa.".into()),
            html: if kind == PageType::Chapter || kind == PageType::Front {
                CHAPTER_HTML.into()
            } else {
                "<p>Johdanto.</p>".into()
            },
            toc: vec![
                Heading {
                    level: 2,
                    id: "miksi-somessa".into(),
                    text: "Miksi somessa".into(),
                },
                Heading {
                    level: 3,
                    id: "tavoitteet".into(),
                    text: "Tavoitteet".into(),
                },
                Heading {
                    level: 2,
                    id: "vastaaminen".into(),
                    text: "Vastaaminen".into(),
                },
            ],
            owner: Some("Viestintäyksikkö".into()),
            reviewed: Some("2026-09-15".into()),
            is_fallback: fallback,
            content_lang: if fallback { "fi".into() } else { lang.into() },
            path: format!("{lang}/kaupunki-somessa.html"),
        },
        nav: NavView {
            before: "",
            current: Some(NavSection {
                title: "Perusteet".into(),
                href: "index.html".into(),
                is_current: !is_front_or_root,
                is_fallback: false,
                chapters: vec![
                    NavItem {
                        title: "Kaupunki sosiaalisessa mediassa".into(),
                        href: "kaupunki-somessa.html".into(),
                        is_current: kind == PageType::Chapter,
                        is_fallback: fallback,
                        depth: 0,
                    },
                    NavItem {
                        title: "Kriisiviestintä".into(),
                        href: "kriisi.html".into(),
                        is_current: false,
                        is_fallback: false,
                        depth: 1,
                    },
                ],
            })
            .filter(|_| !is_front_or_root),
            after: "\n<li class=\"nav-list__section\"><a href=\"../kanavat/index.html\">Kanavat</a></li>",
        },
        breadcrumbs: if is_front_or_root {
            Vec::new()
        } else {
            vec![
                link("Etusivu", "../index.html"),
                link("Perusteet", "index.html"),
            ]
        },
        prev: Some(link("Johdanto", "johdanto.html")),
        next: Some(link("Kanavat", "../kanavat/index.html")),
        children: vec![Entry {
            title: "Kaupunki sosiaalisessa mediassa".into(),
            href: "kaupunki-somessa.html".into(),
            description: Some("Miksi ja miten kaupunki on somessa.".into()),
            is_fallback: fallback,
        }],
        contents: vec![TocNode {
            title: "Perusteet".into(),
            href: "perusteet/index.html".into(),
            description: Some("Mistä kaikki alkaa.".into()),
            is_fallback: false,
            children: vec![TocNode {
                title: "Kaupunki sosiaalisessa mediassa".into(),
                href: "perusteet/kaupunki-somessa.html".into(),
                description: None,
                is_fallback: fallback,
                children: Vec::new(),
            }],
        }],
        channels: vec![channel(lang, fallback)],
        channel: (kind == PageType::Channel).then(|| channel(lang, fallback)),
        print: vec![
            PrintPart {
                id: "fi-index".into(),
                title: "Sosiaalisen median käsikirja".into(),
                depth: 1,
                html: "<p>Johdanto.</p>".into(),
                is_fallback: false,
                content_lang: lang.into(),
            },
            PrintPart {
                id: "fi-perusteet-kaupunki-somessa".into(),
                title: "Kaupunki sosiaalisessa mediassa".into(),
                depth: 2,
                html: CHAPTER_HTML.into(),
                is_fallback: fallback,
                content_lang: if fallback { "fi".into() } else { lang.into() },
            },
        ],
        languages: vec![
            LanguageChoice {
                lang: "fi".into(),
                name: "suomi".into(),
                title: "Lappeenrannan sosiaalisen median käsikirja".into(),
                href: "fi/index.html".into(),
            },
            LanguageChoice {
                lang: "en".into(),
                name: "English".into(),
                title: "City of Lappeenranta social media handbook".into(),
                href: "en/index.html".into(),
            },
        ],
    }
}

pub const ALL_KINDS: [PageType; 8] = [
    PageType::Languages,
    PageType::Front,
    PageType::Section,
    PageType::Chapter,
    PageType::Channels,
    PageType::Channel,
    PageType::Print,
    PageType::NotFound,
];
