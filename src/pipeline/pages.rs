//! The template stage: every page of every language, the channel pages, print pages,
//! the language choice, 404 and sitemap, plus each language's search index.

use super::cache::{Cache, NodeKey, hash_of};
use super::resolve::{CHANNEL_IDS, PlaceResolver, RenderedPage, labels};
use crate::assemble::{Handbook, LangTree, relative_href};
use crate::error::{Diagnostic, Diagnostics};
use crate::markdown::{self, Source};
use crate::model::Channel;
use crate::render::Theme;
use crate::render::channels::{pick, view as channel_view};
use crate::render::pages::LangCtx;
use crate::render::print::{part_id, rehome};
use crate::render::view::*;
use crate::search::{self, DocSection, SearchDoc};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};

type Files = BTreeMap<String, Vec<u8>>;

/// What `render_all` may reuse: pages whose frame and body are unchanged, search
/// indexes whose documents are unchanged.
pub struct Reuse<'c> {
    pub frame: u64,
    pub cache: &'c mut Cache,
}

/// Renders every page into `files`.
pub fn render_all(
    hb: &Handbook,
    theme: &Theme,
    rendered: Vec<Vec<RenderedPage>>,
    reuse: Reuse,
    files: &mut Files,
    diags: &mut Diagnostics,
    t: &mut super::Timings,
) {
    let Reuse { frame, cache } = reuse;
    let default = hb.sources.settings.default_lang();
    for (tree, pages) in hb.langs.iter().zip(rendered) {
        let lang = tree.lang.as_str();
        let ui = theme.ui(lang);
        let title = hb
            .sources
            .settings
            .title
            .pick(lang, default)
            .map_or("", |p| p.value.as_str());
        let docs = search_docs(hb, tree, &pages, ui);
        let synonyms = hb
            .sources
            .settings
            .synonyms
            .get(lang)
            .map_or(&[][..], Vec::as_slice);
        let search_key = cache.keeps().then(|| hash_of(&(lang, &docs, synonyms)));
        let (index_files, entry) = match search_key.and_then(|k| cache.search(k)) {
            Some(hit) => hit,
            None => {
                let index = search::build_index(lang, &docs, synonyms);
                let built = (index.files, index.entry);
                let copy = search_key.map(|_| built.clone());
                cache.put_search(search_key.unwrap_or_default(), copy.unwrap_or_default());
                built
            }
        };
        t.lap("search index");
        let entry = vec![entry];
        for f in index_files {
            files.insert(f.path, f.bytes);
        }
        let lc = match LangCtx::new(hb, tree, ui, title, &entry, theme) {
            Ok(lc) => lc,
            Err(d) => {
                diags.push(d);
                continue;
            }
        };
        let print = print_parts(hb, tree, &pages);
        t.lap("print parts");
        let keys: Vec<NodeKey> = tree
            .nodes
            .iter()
            .map(|n| NodeKey::new(frame, &n.output, &hb.page(n).body))
            .collect();
        let hits: Vec<Option<String>> = keys.iter().map(|k| cache.page(k)).collect();
        let results: Vec<(String, Result<String, Diagnostic>, bool)> = pages
            .into_par_iter()
            .zip(hits)
            .enumerate()
            .map(|(i, (p, hit))| {
                let output = tree.nodes[i].output.clone();
                match hit {
                    Some(html) => (output, Ok(html), false),
                    None => (output, theme.render(&lc.page(i, p.html, p.toc)), true),
                }
            })
            .collect();
        let mut fresh = Vec::with_capacity(results.len());
        for ((output, r, is_new), key) in results.into_iter().zip(keys) {
            if let (true, Ok(html)) = (is_new, &r) {
                let copy = if cache.keeps() {
                    html.clone()
                } else {
                    String::new()
                };
                cache.put_page(key, copy);
            }
            fresh.push((output, r));
        }
        collect(fresh, files, diags);
        t.lap("page templates");
        let mut extra = channel_pages(&lc, theme, diags);
        let mut print_ctx = lc.generated(
            PageType::Print,
            &format!("{lang}/print.html"),
            title.to_string(),
        );
        print_ctx.print = print;
        extra.push((format!("{lang}/print.html"), theme.render(&print_ctx)));
        if lang == default {
            extra.push(("404.html".into(), theme.render(&not_found(&lc))));
            extra.push((
                "index.html".into(),
                theme.render(&languages_page(&lc, theme)),
            ));
        }
        collect(extra, files, diags);
        t.lap("channel, print, 404 templates");
    }
    if let Some(base) = &hb.sources.settings.base_url {
        files.insert("sitemap.xml".into(), sitemap(base, files).into_bytes());
    }
}

fn collect(
    results: Vec<(String, Result<String, Diagnostic>)>,
    files: &mut Files,
    diags: &mut Diagnostics,
) {
    for (path, r) in results {
        match r {
            Ok(html) => {
                files.insert(path, html.into_bytes());
            }
            Err(d) => diags.push(d),
        }
    }
}

/// The channel overview and one page per channel.
fn channel_pages(
    lc: &LangCtx,
    theme: &Theme,
    diags: &mut Diagnostics,
) -> Vec<(String, Result<String, Diagnostic>)> {
    let lang = lc.lang();
    let overview = format!("{lang}/channels/index.html");
    let title = lc
        .ui
        .get("channels_title")
        .cloned()
        .unwrap_or_else(|| "Channels".into());
    let mut ctx = lc.generated(PageType::Channels, &overview, title);
    let mut out = Vec::new();
    for &ci in &lc.hb.channels {
        let c = &lc.hb.sources.channels[ci];
        let output = format!("{lang}/channels/{}.html", c.id);
        let view = channel_at(lc, theme, c, &output, Some(diags));
        ctx.channels.push(ChannelView {
            href: relative_href(&overview, &output),
            ..view.clone()
        });
        let mut page = lc.generated(PageType::Channel, &output, view.name.clone());
        page.page.description = view.audience.as_ref().map(|a| a.value.clone());
        page.page.toc = channel_toc(&view, lc.ui);
        page.breadcrumbs.insert(
            1,
            Link {
                title: ctx.page.title.clone(),
                href: "index.html".into(),
            },
        );
        page.channel = Some(view);
        out.push((output, theme.render(&page)));
    }
    out.push((overview, theme.render(&ctx)));
    out
}

fn channel_toc(view: &ChannelView, ui: &BTreeMap<String, String>) -> Vec<Heading> {
    let present = [
        view.audience.is_some(),
        view.purpose.is_some(),
        view.tone.is_some(),
        view.content.is_some(),
        view.dos.is_some(),
        view.donts.is_some(),
        view.response_time.is_some(),
    ];
    CHANNEL_IDS
        .iter()
        .zip(present)
        .filter(|(_, p)| *p)
        .map(|(id, _)| Heading {
            level: 2,
            id: id.to_string(),
            text: ui
                .get(&format!("channel_{}", id.replace('-', "_")))
                .cloned()
                .unwrap_or_else(|| id.to_string()),
        })
        .collect()
}

/// A channel's view for the page at `from`, its description rendered there.
fn channel_at(
    lc: &LangCtx,
    theme: &Theme,
    c: &Channel,
    from: &str,
    diags: Option<&mut Diagnostics>,
) -> ChannelView {
    let lang = lc.lang();
    let default = lc.hb.sources.settings.default_lang();
    let description = c
        .description
        .as_ref()
        .and_then(|d| pick(d, lang, default))
        .map(|field| {
            let resolver = PlaceResolver {
                hb: lc.hb,
                lang,
                source_lang: &field.lang,
                base: "channels".into(),
                from,
            };
            let line = c.key_lines.get("description").copied().unwrap_or(1);
            let src = Source {
                text: &field.value,
                path: &c.source,
                first_line: line + 1,
            };
            let out = markdown::render(&src, &labels(theme, lang), &resolver);
            if let Some(diags) = diags {
                diags.extend(out.diagnostics.into_iter().map(|mut d| {
                    // The text sits inside a YAML value: point at the key, not a guess.
                    d.line = Some(line);
                    d.column = None;
                    d
                }));
            }
            Field {
                value: out.html,
                ..field
            }
        });
    channel_view(c, lang, default, from, description, lc.ui)
}

fn print_parts(hb: &Handbook, tree: &LangTree, pages: &[RenderedPage]) -> Vec<PrintPart> {
    let print_output = format!("{}/print.html", tree.lang);
    let parts: HashMap<String, String> = tree
        .nodes
        .iter()
        .map(|n| (n.output.clone(), part_id(&n.output)))
        .collect();
    tree.nodes
        .par_iter()
        .zip(pages)
        .map(|(node, p)| PrintPart {
            id: part_id(&node.output),
            title: hb.page(node).front.title.clone(),
            depth: node.depth.max(1),
            html: rehome(&p.html, &node.output, &print_output, &parts),
            is_fallback: node.is_fallback,
            content_lang: hb.page(node).lang.clone(),
        })
        .collect()
}

/// Search documents of one language: every page and every channel.
fn search_docs(
    hb: &Handbook,
    tree: &LangTree,
    pages: &[RenderedPage],
    ui: &BTreeMap<String, String>,
) -> Vec<SearchDoc> {
    let lang_prefix = format!("{}/", tree.lang);
    let mut docs: Vec<SearchDoc> = tree
        .nodes
        .iter()
        .zip(pages)
        .map(|(node, p)| {
            let page = hb.page(node);
            let crumb = node
                .parent
                .filter(|&i| i > 0)
                .map(|i| hb.page(&tree.nodes[i]).front.title.clone())
                .unwrap_or_default();
            SearchDoc {
                href: node
                    .output
                    .strip_prefix(&lang_prefix)
                    .unwrap_or(&node.output)
                    .to_string(),
                title: page.front.title.clone(),
                crumb,
                description: page.front.description.clone(),
                sections: p
                    .sections
                    .iter()
                    .map(|s| DocSection {
                        id: s.id.clone(),
                        heading: s.heading.clone(),
                        text: s.text.clone(),
                    })
                    .collect(),
            }
        })
        .collect();
    let default = hb.sources.settings.default_lang();
    let crumb = ui.get("channels_title").cloned().unwrap_or_default();
    for &ci in &hb.channels {
        docs.push(channel_doc(
            &hb.sources.channels[ci],
            &tree.lang,
            default,
            &crumb,
            ui,
        ));
    }
    docs
}

fn channel_doc(
    c: &Channel,
    lang: &str,
    default: &str,
    crumb: &str,
    ui: &BTreeMap<String, String>,
) -> SearchDoc {
    let text = |v: &Option<crate::model::Localized<String>>| {
        v.as_ref()
            .and_then(|l| l.pick(lang, default))
            .map(|p| p.value.clone())
    };
    let list = |v: &Option<crate::model::LocalizedList>| {
        v.as_ref()
            .and_then(|l| l.pick(lang, default))
            .map(|p| p.value.join(". "))
    };
    let fields = [
        text(&c.audience),
        list(&c.purpose),
        list(&c.tone),
        list(&c.content),
        list(&c.dos),
        list(&c.donts),
        text(&c.response_time),
    ];
    let sections = CHANNEL_IDS
        .iter()
        .zip(fields)
        .filter_map(|(id, f)| {
            f.map(|t| DocSection {
                id: Some(id.to_string()),
                heading: ui
                    .get(&format!("channel_{}", id.replace('-', "_")))
                    .cloned(),
                text: t,
            })
        })
        .collect();
    SearchDoc {
        href: format!("channels/{}.html", c.id),
        title: c
            .name
            .pick(lang, default)
            .map(|p| p.value.clone())
            .unwrap_or_default(),
        crumb: crumb.to_string(),
        description: text(&c.description),
        sections,
    }
}

fn not_found<'a>(lc: &LangCtx<'a>) -> PageContext<'a> {
    let title = lc
        .ui
        .get("not_found_title")
        .cloned()
        .unwrap_or_else(|| "404".into());
    let mut ctx = lc.generated(PageType::NotFound, "404.html", title);
    ctx.languages = language_choices(lc, "404.html");
    ctx
}

fn languages_page<'a>(lc: &LangCtx<'a>, _theme: &Theme) -> PageContext<'a> {
    let title = lc.title.to_string();
    let mut ctx = lc.generated(PageType::Languages, "index.html", title);
    ctx.languages = language_choices(lc, "index.html");
    ctx
}

fn language_choices(lc: &LangCtx, from: &str) -> Vec<LanguageChoice> {
    let settings = &lc.hb.sources.settings;
    settings
        .languages
        .iter()
        .map(|l| LanguageChoice {
            lang: l.clone(),
            name: lc
                .ui
                .get(&format!("lang_{l}"))
                .cloned()
                .unwrap_or_else(|| l.clone()),
            title: settings
                .title
                .pick(l, settings.default_lang())
                .map(|p| p.value.clone())
                .unwrap_or_default(),
            href: relative_href(from, &format!("{l}/index.html")),
        })
        .collect()
}

fn sitemap(base: &str, files: &Files) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for path in files
        .keys()
        .filter(|p| p.ends_with(".html") && p.as_str() != "404.html")
    {
        xml.push_str(&format!(
            "  <url><loc>{}</loc></url>\n",
            escape_xml(&format!("{base}{path}"))
        ));
    }
    xml.push_str("</urlset>\n");
    xml
}

fn escape_xml(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
