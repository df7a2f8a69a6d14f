//! Discover and read `content/`: walk the tree, read each file once, parse it.
//!
//! Nothing outside `content/` is ever read: symlinks that point out or loop are
//! errors. Files are parsed in parallel; every problem is collected. `serve` passes
//! a [`ParseCache`] so that a rebuild re-parses only the files that changed.

mod reuse;
mod walk;

use crate::config;
use crate::error::{Diagnostic, Diagnostics};
use crate::model::{Asset, Channel, Page, PageKind, Settings, Sources};
use crate::parse::{channel, frontmatter};
use rayon::prelude::*;
pub use reuse::ParseCache;
use std::path::{Path, PathBuf};
pub use walk::{Found, FoundKind, classify};

/// Reads a file as UTF-8; the error names the first bad byte's line and column.
pub fn read_text(root: &Path, rel: &Path) -> Result<String, Diagnostic> {
    let bytes = std::fs::read(root.join(rel))
        .map_err(|e| Diagnostic::error(rel, format!("cannot read the file: {e}")))?;
    String::from_utf8(bytes).map_err(|e| {
        let good = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let line = 1 + bytes[..good].iter().filter(|&&b| b == b'\n').count();
        let line_start = bytes[..good]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        let column = 1 + String::from_utf8_lossy(&bytes[line_start..good])
            .chars()
            .count();
        Diagnostic::error(rel, "the file is not UTF-8 text")
            .at(line, column)
            .with_hint("save the file as UTF-8 (in most editors: Save As… → Encoding: UTF-8)")
    })
}

/// Reads and validates `content/site.yaml`.
pub fn settings(root: &Path) -> Result<Settings, Vec<Diagnostic>> {
    let rel = Path::new("content/site.yaml");
    if !root.join(rel).is_file() {
        return Err(vec![Diagnostic::error(rel, "the site has no settings file")
            .with_hint("create content/site.yaml with at least `title:` and `languages: [fi, en]`; or point --root at the folder that holds content/")]);
    }
    let text = read_text(root, rel).map_err(|d| vec![d])?;
    config::parse(rel, &text)
}

/// Everything under `content/`, parsed. Drafts are dropped unless `drafts`.
pub fn sources(root: &Path, drafts: bool) -> Result<(Sources, Diagnostics), Diagnostics> {
    sources_with(root, drafts, &ParseCache::default())
}

/// As [`sources`], taking from `cache` the parse of every file unchanged since the
/// load that put it there. The result is the same as [`sources`]'s.
pub fn sources_with(
    root: &Path,
    drafts: bool,
    cache: &ParseCache,
) -> Result<(Sources, Diagnostics), Diagnostics> {
    let mut diags = Diagnostics::new();
    let settings = match settings(root) {
        Ok(s) => s,
        Err(ds) => {
            diags.extend(ds);
            return Err(diags);
        }
    };
    cache.begin(&settings.languages);
    let found = walk::walk(root, &settings.languages, &mut diags);
    let parsed: Vec<Result<Parsed, Vec<Diagnostic>>> = found
        .par_iter()
        .map(|f| match f.kind {
            FoundKind::Asset { .. } => parse_one(root, f, &settings),
            _ => cache.get_or_parse(root, &f.path, || parse_one(root, f, &settings)),
        })
        .collect();
    cache.retain(found.iter().map(|f| f.path.as_path()));
    let mut pages = Vec::new();
    let mut channels = Vec::new();
    let mut assets = Vec::new();
    for p in parsed {
        match p {
            Ok(Parsed::Page(page)) if page.front.draft && !drafts => {}
            Ok(Parsed::Page(page)) => pages.push(*page),
            Ok(Parsed::Channel(c)) => channels.push(*c),
            Ok(Parsed::Asset(a)) => assets.push(a),
            Err(ds) => diags.extend(ds),
        }
    }
    if diags.has_errors() {
        return Err(diags);
    }
    Ok((
        Sources {
            root: root.to_path_buf(),
            settings,
            pages,
            channels,
            assets,
        },
        diags,
    ))
}

#[derive(Clone)]
enum Parsed {
    Page(Box<Page>),
    Channel(Box<Channel>),
    Asset(Asset),
}

fn parse_one(root: &Path, f: &Found, settings: &Settings) -> Result<Parsed, Vec<Diagnostic>> {
    match &f.kind {
        FoundKind::Page { lang, rel } => {
            let text = read_text(root, &f.path).map_err(|d| vec![d])?;
            page(&f.path, lang, rel, &text).map(|p| Parsed::Page(Box::new(p)))
        }
        FoundKind::Channel { id } => {
            let text = read_text(root, &f.path).map_err(|d| vec![d])?;
            channel::parse(id, &f.path, &text, &settings.languages)
                .map(|c| Parsed::Channel(Box::new(c)))
        }
        FoundKind::Asset { lang, rel } => Ok(Parsed::Asset(Asset {
            lang: lang.clone(),
            rel: rel.clone(),
            source: f.path.clone(),
        })),
    }
}

/// Parses one Markdown file's text into a page.
pub fn page(path: &Path, lang: &str, rel: &str, text: &str) -> Result<Page, Vec<Diagnostic>> {
    let split = frontmatter::split(path, text).map_err(|d| vec![d])?;
    let parsed = frontmatter::parse(path, &split)?;
    let kind = match rel {
        "_index.md" => PageKind::Front,
        r if r.ends_with("/_index.md") => PageKind::Section,
        _ => PageKind::Chapter,
    };
    Ok(Page {
        lang: lang.to_string(),
        rel: rel.to_string(),
        source: PathBuf::from(path),
        kind,
        front: parsed.front,
        key_lines: parsed.key_lines,
        body: split.body.to_string(),
        body_line: split.body_line,
    })
}
