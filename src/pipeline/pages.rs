//! The template stage: every page of every language, the channel pages, print pages,
//! the language choice, 404 and sitemap, with each language's search index (see
//! [`super::search`]) built beside them.

use super::cache::{Cache, Keys, PageMemo};
use super::resolve::{CHANNEL_IDS, PlaceResolver, RenderedPage, labels, unshare};
use super::search::{IndexSlot, start_index};
use crate::assemble::{Handbook, LangTree, relative_href};
use crate::error::{Diagnostic, Diagnostics};
use crate::markdown::{self, Source};
use crate::model::Channel;
use crate::output::Output;
use crate::render::Theme;
use crate::render::channels::{pick, view as channel_view};
use crate::render::pages::LangCtx;
use crate::render::print::{part_id, rehome};
use crate::render::view::*;
use crate::search::{self, Analyzer};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};

/// A language's print page: taken whole from the cache, or its parts to render.
enum Print {
    Cached(String),
    Parts(Vec<PrintPart>),
}

/// What `render_all` may reuse: pages whose frame and body are unchanged, search
/// indexes and print pages of languages whose pages are all unchanged, and each
/// language's search analyzer with the words it has stemmed ahead.
pub struct Reuse<'c> {
    pub keys: &'c Keys,
    pub cache: &'c mut Cache,
    pub analyzers: &'c BTreeMap<String, Analyzer>,
}

/// What every language's rendering reads.
#[derive(Clone, Copy)]
pub(super) struct Common<'s> {
    pub hb: &'s Handbook<'s>,
    pub theme: &'s Theme,
    pub keys: &'s Keys,
    pub cache: &'s Cache,
    pub out: &'s Output,
    /// Each language's search analyzer, by language.
    pub analyzers: &'s BTreeMap<String, Analyzer>,
}

/// Renders every page of every language into `out`.
///
/// A language's search index depends on nothing rendered after its documents, so
/// every language's index is started first, each as a task of its own, and built
/// beside the pages, print and channel pages of every language: on a small site
/// the indexes take longer than the pages, and would otherwise be left to finish
/// after them.
pub fn render_all(
    hb: &Handbook,
    theme: &Theme,
    rendered: Vec<Vec<RenderedPage>>,
    reuse: Reuse,
    out: &Output,
    diags: &mut Diagnostics,
    t: &mut super::Timings,
) {
    let common = Common {
        hb,
        theme,
        keys: reuse.keys,
        cache: reuse.cache,
        out,
        analyzers: reuse.analyzers,
    };
    let indexes: Vec<IndexSlot> = hb.langs.iter().map(|_| IndexSlot::default()).collect();
    let mut html_outputs = Vec::new();
    rayon::scope(|tasks| {
        // A language's results that read all its pages are kept under this key.
        let lang_key = |tree| common.cache.keeps().then(|| common.keys.lang(tree));
        let mut langs: Vec<_> = hb
            .langs
            .iter()
            .map(|tree| (tree, lang_key(tree)))
            .zip(rendered)
            .collect();
        for (((tree, key), pages), slot) in langs.iter_mut().zip(&indexes) {
            start_index(common, tasks, tree, *key, pages, slot);
        }
        t.lap("search documents");
        for (((tree, key), pages), slot) in langs.into_iter().zip(&indexes) {
            render_language(common, tree, key, pages, slot, diags, t);
            html_outputs.extend(tree.nodes.iter().map(|n| n.output.clone()));
        }
        // Indexes built since their languages' pages: written here, beside the
        // indexes still being built.
        for slot in &indexes {
            diags.extend(slot.write_if_built(common));
        }
    });
    for slot in indexes {
        diags.extend(slot.finish(common));
    }
    t.lap("search indexes (what was left)");
    if let Some(base) = &hb.sources.settings.base_url {
        let xml = sitemap(base, hb, html_outputs);
        diags.extend(super::put_error(out, "sitemap.xml", xml.into_bytes()));
    }
}

/// One language's pages, channel pages, print page (and, for the default
/// language, 404 and the language choice).
fn render_language(
    common: Common,
    tree: &LangTree,
    lang_key: Option<u64>,
    pages: Vec<RenderedPage>,
    index: &IndexSlot,
    diags: &mut Diagnostics,
    t: &mut super::Timings,
) {
    let Common {
        hb,
        theme,
        keys,
        cache,
        out,
        ..
    } = common;
    let lang = tree.lang.as_str();
    let default = hb.sources.settings.default_lang();
    let ui = theme.ui(lang);
    let title = hb
        .sources
        .settings
        .title
        .pick(lang, default)
        .map_or("", |p| p.value.as_str());
    let entry = vec![search::entry_path(lang)];
    let lc = match LangCtx::new(hb, tree, ui, title, &entry, theme) {
        Ok(lc) => lc,
        Err(d) => {
            diags.push(d);
            return;
        }
    };
    let print = match cache.print_page_memo().zip(lang_key) {
        Some((m, k)) => m.get(&k).map(Print::Cached),
        None => None,
    }
    .unwrap_or_else(|| Print::Parts(print_parts(hb, tree, &pages, keys, cache)));
    t.lap("print parts");
    diags.extend(render_pages(
        &lc,
        theme,
        pages,
        keys,
        cache.page_memo(),
        out,
    ));
    t.lap("page templates");
    // The pages left are a few single template renders, one thread's work; the
    // other writes the language's search index, if it is built by now.
    let (extra, index_errors) = rayon::join(
        || {
            let mut extra = channel_pages(&lc, theme, diags);
            let print_output = format!("{lang}/print.html");
            let print_html = match print {
                Print::Cached(html) => Ok(html),
                Print::Parts(parts) => {
                    let mut ctx = lc.generated(PageType::Print, &print_output, title.to_string());
                    ctx.print = parts;
                    let html = theme.render(&ctx);
                    if let (Ok(html), Some(m), Some(k)) = (&html, cache.print_page_memo(), lang_key)
                    {
                        m.put(k, html.clone());
                    }
                    html
                }
            };
            extra.push((print_output, print_html));
            if lang == default {
                extra.push(("404.html".into(), theme.render(&not_found(&lc))));
                extra.push(("index.html".into(), theme.render(&languages_page(&lc))));
            }
            extra
        },
        || index.write_if_built(common),
    );
    diags.extend(index_errors);
    for (path, r) in extra {
        match r {
            Ok(html) => diags.extend(super::put_error(out, &path, html.into_bytes())),
            Err(d) => diags.push(d),
        }
    }
    t.lap("channel, print, 404 templates");
}

/// Renders and stores every page of one language; returns the problems.
fn render_pages(
    lc: &LangCtx,
    theme: &Theme,
    pages: Vec<RenderedPage>,
    keys: &Keys,
    memo: Option<&PageMemo>,
    out: &Output,
) -> Vec<Diagnostic> {
    let tree = lc.tree;
    pages
        .into_par_iter()
        .enumerate()
        .filter_map(|(i, p)| {
            let node = &tree.nodes[i];
            let key = memo.map(|_| keys.node(node));
            let html = match memo.zip(key.as_ref()).and_then(|(m, k)| m.get(k)) {
                Some(html) => html,
                None => match theme.render(&lc.page(i, unshare(p.html), p.toc)) {
                    Ok(html) => {
                        if let (Some(m), Some(k)) = (memo, key) {
                            m.put(k, html.clone());
                        }
                        html
                    }
                    Err(d) => return Some(d),
                },
            };
            super::put_error(out, &node.output, html.into_bytes())
        })
        .collect()
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

/// Every page of a language re-homed for its print page; a page whose frame and
/// body are unchanged comes from the cache.
fn print_parts(
    hb: &Handbook,
    tree: &LangTree,
    pages: &[RenderedPage],
    keys: &Keys,
    cache: &Cache,
) -> Vec<PrintPart> {
    let print_output = format!("{}/print.html", tree.lang);
    let parts: HashMap<String, String> = tree
        .nodes
        .iter()
        .map(|n| (n.output.clone(), part_id(&n.output)))
        .collect();
    let memo = cache.print_part_memo();
    tree.nodes
        .par_iter()
        .zip(pages)
        .map(|(node, p)| {
            let key = memo.map(|_| keys.node(node));
            let html = match memo.zip(key.as_ref()).and_then(|(m, k)| m.get(k)) {
                Some(html) => html,
                None => {
                    let html = rehome(&p.html, &node.output, &print_output, &parts);
                    if let (Some(m), Some(k)) = (memo, key) {
                        m.put(k, html.clone());
                    }
                    html
                }
            };
            PrintPart {
                id: part_id(&node.output),
                title: hb.page(node).front.title.clone(),
                depth: node.depth.max(1),
                html,
                is_fallback: node.is_fallback,
                content_lang: hb.page(node).lang.clone(),
            }
        })
        .collect()
}

fn not_found<'a>(lc: &'a LangCtx) -> PageContext<'a> {
    let title = lc
        .ui
        .get("not_found_title")
        .cloned()
        .unwrap_or_else(|| "404".into());
    let mut ctx = lc.generated(PageType::NotFound, "404.html", title);
    ctx.languages = language_choices(lc, "404.html");
    ctx
}

fn languages_page<'a>(lc: &'a LangCtx) -> PageContext<'a> {
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

fn sitemap(base: &str, hb: &Handbook, mut pages: Vec<String>) -> String {
    for tree in &hb.langs {
        pages.push(format!("{}/channels/index.html", tree.lang));
        pages.extend(
            hb.channels
                .iter()
                .map(|&c| format!("{}/channels/{}.html", tree.lang, hb.sources.channels[c].id)),
        );
        pages.push(format!("{}/print.html", tree.lang));
    }
    pages.push("index.html".into());
    pages.sort();
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for path in pages {
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
