//! Rendering whole Markdown snippets, with a resolver that knows a few files.

use std::path::Path;

use super::*;
use crate::error::Severity;

struct Fake;

impl Resolver for Fake {
    fn link(&self, dest: &str) -> Result<Target, String> {
        match dest {
            "kanavat/facebook.md" => Ok(Target::Page {
                key: "fi/kanavat/facebook".into(),
                href: "kanavat/facebook.html".into(),
            }),
            "kanavat/uusi kanava.md" => Ok(Target::Page {
                key: "fi/kanavat/uusi-kanava".into(),
                href: "kanavat/uusi-kanava.html".into(),
            }),
            "ohje.pdf" => Ok(Target::File {
                href: "ohje.pdf".into(),
            }),
            _ if dest.starts_with("../../") => Err("it leaves content/".into()),
            _ => Err(format!("there is no `content/fi/{dest}`")),
        }
    }

    fn image(&self, dest: &str) -> Result<String, String> {
        match dest {
            "kuva.png" | "kuvat/iso kuva.png" => Ok(dest.replace(' ', "%20")),
            _ => Err(format!("there is no `content/fi/{dest}`")),
        }
    }
}

const FI: Labels = Labels {
    note: "Huomautus",
    tip: "Vinkki",
    important: "Tärkeää",
    warning: "Varoitus",
    caution: "Varo",
    permalink: "Linkki tähän kohtaan",
};

fn render_at(text: &str, first_line: usize) -> Rendered {
    let src = Source {
        text,
        path: Path::new("content/fi/ohje.md"),
        first_line,
    };
    render(&src, &FI, &Fake)
}

fn md(text: &str) -> Rendered {
    render_at(text, 1)
}

/// Diagnostics in `check`'s one-line form, with the hint.
fn problems(r: &Rendered) -> Vec<String> {
    r.diagnostics
        .iter()
        .map(|d| match &d.hint {
            Some(h) => format!("{} [{h}]", d.headline()),
            None => d.headline(),
        })
        .collect()
}

#[test]
fn callouts_are_labelled_asides() {
    let r = md(
        "> [!NOTE]\n> Yksi.\n\n> [!TIP]\n> Kaksi.\n\n> [!IMPORTANT]\n> Kolme.\n\n\
                > [!WARNING]\n> Neljä.\n\n> [!CAUTION]\n> Viisi.\n\n> Tavallinen lainaus.\n",
    );
    insta::assert_snapshot!(r.html, @r##"
    <aside class="callout callout-note" role="note" aria-labelledby="callout_1">
    <p class="callout-title" id="callout_1">Huomautus</p>
    <p>Yksi.</p>
    </aside>
    <aside class="callout callout-tip" role="note" aria-labelledby="callout_2">
    <p class="callout-title" id="callout_2">Vinkki</p>
    <p>Kaksi.</p>
    </aside>
    <aside class="callout callout-important" role="note" aria-labelledby="callout_3">
    <p class="callout-title" id="callout_3">Tärkeää</p>
    <p>Kolme.</p>
    </aside>
    <aside class="callout callout-warning" role="note" aria-labelledby="callout_4">
    <p class="callout-title" id="callout_4">Varoitus</p>
    <p>Neljä.</p>
    </aside>
    <aside class="callout callout-caution" role="note" aria-labelledby="callout_5">
    <p class="callout-title" id="callout_5">Varo</p>
    <p>Viisi.</p>
    </aside>
    <blockquote>
    <p>Tavallinen lainaus.</p>
    </blockquote>
    "##);
    assert!(r.diagnostics.is_empty());
}

#[test]
fn headings_get_ids_and_permalinks() {
    let r = md(
        "# Ohje {#alku .iso}\n\n## Vastaaminen\n\n## Vastaaminen\n\n\
                ### `koodi` ja [linkki](kanavat/facebook.md) & <muuta>\n",
    );
    insta::assert_snapshot!(r.html, @r##"
    <h1 id="alku" class="iso">Ohje <a class="permalink" href="#alku" aria-label="Linkki tähän kohtaan: Ohje">#</a></h1>
    <h2 id="vastaaminen">Vastaaminen <a class="permalink" href="#vastaaminen" aria-label="Linkki tähän kohtaan: Vastaaminen">#</a></h2>
    <h2 id="vastaaminen-2">Vastaaminen <a class="permalink" href="#vastaaminen-2" aria-label="Linkki tähän kohtaan: Vastaaminen">#</a></h2>
    <h3 id="koodi-ja-linkki"><code>koodi</code> ja <a href="kanavat/facebook.html">linkki</a> &amp; <muuta> <a class="permalink" href="#koodi-ja-linkki" aria-label="Linkki tähän kohtaan: koodi ja linkki &amp;">#</a></h3>
    "##);
    let toc: Vec<(u8, &str, &str)> = r
        .toc
        .iter()
        .map(|h| (h.level, h.id.as_str(), h.text.as_str()))
        .collect();
    assert_eq!(
        toc,
        [
            (1, "alku", "Ohje"),
            (2, "vastaaminen", "Vastaaminen"),
            (2, "vastaaminen-2", "Vastaaminen"),
            (3, "koodi-ja-linkki", "koodi ja linkki &"),
        ]
    );
}

#[test]
fn heading_ids_do_not_depend_on_callouts_or_footnotes() {
    // Generated ids come first, yet the headings keep the ids their texts give them.
    let r = md("> [!NOTE]\n> Huom.[^1]\n\n## Callout 1\n\n## Fn 1\n\n[^1]: x\n");
    let ids: Vec<&str> = r.toc.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, ["callout-1", "fn-1"]);
    assert_eq!(r.ids, ["callout-1", "callout_1", "fn-1", "fn_1", "fnref_1"]);
}

#[test]
fn task_lists() {
    let r = md("- [x] Profiili täytetty\n- [ ] Kuva vaihdettu\n");
    insta::assert_snapshot!(r.html, @r##"
    <ul>
    <li><input disabled="" type="checkbox" checked=""/>
    Profiili täytetty</li>
    <li><input disabled="" type="checkbox"/>
    Kuva vaihdettu</li>
    </ul>
    "##);
}

#[test]
fn tables() {
    let r = md("| Kanava | Vasteaika |\n|:--|--:|\n| Facebook | 1 pv |\n| X | ~~2 pv~~ |\n");
    insta::assert_snapshot!(r.html, @r##"
    <table><thead><tr><th style="text-align: left">Kanava</th><th style="text-align: right">Vasteaika</th></tr></thead><tbody>
    <tr><td style="text-align: left">Facebook</td><td style="text-align: right">1 pv</td></tr>
    <tr><td style="text-align: left">X</td><td style="text-align: right"><del>2 pv</del></td></tr>
    </tbody></table>
    "##);
}

#[test]
fn footnotes_are_numbered_and_gathered_at_the_end() {
    let r = md("[^b]: Ennen viittausta määritelty.\n\n\
                Teksti[^a] ja toinen[^b] ja taas[^a].\n\n\
                [^a]: Ensimmäinen **alaviite**.\n\n\
                [^yksin]: Kukaan ei viittaa.\n\n\
                [^a]: Toinen määritelmä.\n");
    insta::assert_snapshot!(r.html, @r##"
    <p>Teksti<sup class="footnote-ref"><a href="#fn_1" id="fnref_1">1</a></sup> ja toinen<sup class="footnote-ref"><a href="#fn_2" id="fnref_2">2</a></sup> ja taas<sup class="footnote-ref"><a href="#fn_1" id="fnref_1-2">1</a></sup>.</p>
    <section class="footnotes">
    <ol>
    <li id="fn_1">
    <p>Ensimmäinen <strong>alaviite</strong>.</p>
    </li>
    <li id="fn_2">
    <p>Ennen viittausta määritelty.</p>
    </li>
    <li id="fn_3">
    <p>Kukaan ei viittaa.</p>
    </li>
    </ol>
    </section>
    "##);
    assert_eq!(
        problems(&r),
        [
            "content/fi/ohje.md:9:1: warning: footnote `[^a]` is defined twice \
          [only the first definition is shown; give this one another label]"
        ]
    );
}

#[test]
fn links_to_pages_and_files_are_rewritten() {
    let r = md("[FB](kanavat/facebook.md#vastaaminen \"Ohje\"), \
                [uusi](kanavat/uusi%20kanava.md), [pdf](ohje.pdf#page=2), [FB2](kanavat/facebook.md#)\n");
    insta::assert_snapshot!(r.html, @r##"<p><a href="kanavat/facebook.html#vastaaminen" title="Ohje">FB</a>, <a href="kanavat/uusi-kanava.html">uusi</a>, <a href="ohje.pdf#page=2">pdf</a>, <a href="kanavat/facebook.html">FB2</a></p>"##);
    assert_eq!(
        r.anchors,
        [AnchorUse {
            key: "fi/kanavat/facebook".into(),
            fragment: "vastaaminen".into(),
            line: 1,
            column: 1,
        }]
    );
    assert!(r.diagnostics.is_empty(), "{:?}", problems(&r));
}

#[test]
fn external_links_are_kept() {
    let r = md(
        "[a](https://lappeenranta.fi/x?y=1#z) [b](mailto:some@lappeenranta.fi) \
                [c](tel:+35853616111) [d](//example.org/x) <https://example.org> <some@lappeenranta.fi>\n",
    );
    insta::assert_snapshot!(r.html, @r##"<p><a href="https://lappeenranta.fi/x?y=1#z">a</a> <a href="mailto:some@lappeenranta.fi">b</a> <a href="tel:+35853616111">c</a> <a href="//example.org/x">d</a> <a href="https://example.org">https://example.org</a> <a href="mailto:some@lappeenranta.fi">some@lappeenranta.fi</a></p>"##);
    assert!(r.diagnostics.is_empty(), "{:?}", problems(&r));
    assert!(r.anchors.is_empty());
}

#[test]
fn broken_link_is_an_error_at_its_line_and_column() {
    // Front matter took the first 4 lines; the link is on the body's second line,
    // after 7 characters of which 4 are two bytes long.
    let r = render_at(
        "Ensin.\nÄänä ö [rikki](kanavat/facebok.md#x) ja [ulos](../../etc/passwd)\n",
        5,
    );
    assert_eq!(
        problems(&r),
        [
            "content/fi/ohje.md:6:8: error: broken link `kanavat/facebok.md`: there is no \
             `content/fi/kanavat/facebok.md` [links are written to source files, relative to \
             this file: `kanavat/facebook.md`]",
            "content/fi/ohje.md:6:41: error: broken link `../../etc/passwd`: it leaves content/ \
             [links are written to source files, relative to this file: `kanavat/facebook.md`]",
        ]
    );
    // The destination stays as written; the build refuses to publish anyway.
    assert!(r.html.contains(r#"<a href="kanavat/facebok.md#x">"#));
    assert!(r.anchors.is_empty());
}

#[test]
fn absolute_and_empty_links_are_errors() {
    let r = md("[a](/fi/kanavat.md)\n\n[b]()\n");
    assert_eq!(
        problems(&r),
        [
            "content/fi/ohje.md:1:1: error: link `/fi/kanavat.md` starts with `/` [write it \
             relative to this file (`../kanavat/facebook.md`), so the site works under any path \
             and from disk]",
            "content/fi/ohje.md:3:1: error: link has no destination [links are written to source \
             files, relative to this file: `kanavat/facebook.md`]",
        ]
    );
}

#[test]
fn same_page_anchors_are_checked() {
    let r = md(
        "## Vastaaminen\n\n[ok](#vastaaminen) [typo](#vastaamminen) [ei](#mitaan) \
                [callout](#callout_1) [html](#oma) [top](#)\n\n> [!TIP]\n> x\n\n<a id=\"oma\"></a>\n",
    );
    assert_eq!(
        problems(&r),
        [
            "content/fi/ohje.md:3:20: error: no heading with id `vastaamminen` on this page \
             [did you mean `#vastaaminen`?]",
            "content/fi/ohje.md:3:42: error: no heading with id `mitaan` on this page \
             [heading ids are made from their text: `## Vastaaminen` -> `#vastaaminen`]",
        ]
    );
    assert_eq!(r.ids, ["callout_1", "oma", "vastaaminen"]);
}

#[test]
fn raw_html_ids_must_be_unique() {
    let r = md("## Yhteystiedot\n\nTeksti <span id=\"yhteystiedot\">x</span>\n");
    assert_eq!(
        problems(&r),
        [
            "content/fi/ohje.md:3:8: warning: the id `yhteystiedot` is used twice on this page \
          [links to it go to the first one; give this element another id (headings get \
          theirs from their text)]"
        ]
    );
}

#[test]
fn images_are_resolved_and_checked() {
    let r = md(
        "![Logo](kuva.png) ![Iso](kuvat/iso%20kuva.png \"Otsikko\")\n\n\
                ![](kuva.png)\n\n![Ulkoinen](https://cdn.example/a.png)\n\n![Puuttuu](ei.png)\n",
    );
    insta::assert_snapshot!(r.html, @r##"
    <p><img src="kuva.png" alt="Logo" /> <img src="kuvat/iso%20kuva.png" alt="Iso" title="Otsikko" /></p>
    <p><img src="kuva.png" alt="" /></p>
    <p><img src="https://cdn.example/a.png" alt="Ulkoinen" /></p>
    <p><img src="ei.png" alt="Puuttuu" /></p>
    "##);
    assert_eq!(
        problems(&r),
        [
            "content/fi/ohje.md:3:1: warning: image has no alt text [write what the image shows \
             between the brackets, for readers who cannot see it: `![Kaupungin logo](logo.png)`]",
            "content/fi/ohje.md:5:1: error: image `https://cdn.example/a.png` is loaded from \
             another host [No page may load anything from another host: save the image beside \
             the Markdown and write its path relative to this file: `kuva.png`]",
            "content/fi/ohje.md:7:1: error: broken image `ei.png`: there is no `content/fi/ei.png` \
             [keep the image beside the Markdown and write its path relative to this file: \
             `kuva.png`]",
        ]
    );
}

#[test]
fn scripts_are_kept_with_a_warning() {
    let r = md(
        "Teksti <SCRIPT>alert(1)</SCRIPT> ja.\n\n> <div>\n> <script src=\"x.js\"></script>\n> </div>\n",
    );
    insta::assert_snapshot!(r.html, @r##"
    <p>Teksti <SCRIPT>alert(1)</SCRIPT> ja.</p>
    <blockquote>
    <div>
    <script src="x.js"></script>
    </div>
    </blockquote>
    "##);
    let at: Vec<_> = r
        .diagnostics
        .iter()
        .map(|d| (d.severity, d.line, d.column, d.message.as_str()))
        .collect();
    let msg = "raw HTML `<script>` in Markdown";
    assert_eq!(
        at,
        [
            (Severity::Warning, Some(1), Some(8), msg),
            (Severity::Warning, Some(4), Some(3), msg),
        ]
    );
}

#[test]
fn sections_hold_plain_text_per_heading() {
    let r = md("Johdanto *korostus*.\n\n## Kanavat\n\n- yksi\n- kaksi\n\n\
                | A | B |\n|---|---|\n| solu | toinen |\n\n```\nkoodi rivi\n```\n\n\
                ## Lopuksi {#loppu}\n\nTeksti[^1] `koodi`.\n\n[^1]: Alaviite.\n");
    assert_eq!(
        r.sections,
        [
            TextSection {
                id: None,
                heading: None,
                text: "Johdanto korostus.".into(),
            },
            TextSection {
                id: Some("kanavat".into()),
                heading: Some("Kanavat".into()),
                text: "yksi kaksi A B solu toinen koodi rivi".into(),
            },
            TextSection {
                id: Some("loppu".into()),
                heading: Some("Lopuksi".into()),
                text: "Teksti koodi. Alaviite.".into(),
            },
        ]
    );
}

#[test]
fn page_without_intro_has_an_empty_first_section() {
    let r = md("## Otsikko\n\nTeksti.\n");
    assert_eq!(r.sections.len(), 2);
    assert_eq!(r.sections[0].id, None);
    assert_eq!(r.sections[0].text, "");
}

#[test]
fn odd_input_does_not_panic() {
    for text in [
        "",
        "[x](%)",
        "[x](%FF.md)",
        "![x](%FF.png)",
        "![",
        "# {#}",
        "[^x]\n\n[^x]: [^x]",
        "> [!NOTE]",
        "<script",
        "#",
        "[a](b.md#%C3)",
    ] {
        let _ = md(text);
    }
}

#[test]
fn plain_text_drops_markup_and_link_targets() {
    assert_eq!(
        super::plain_text("Katso [ohje](../fi/ohje.md#a) ja **tärkeä** `koodi`.\nToinen rivi."),
        "Katso ohje ja tärkeä koodi. Toinen rivi."
    );
}
