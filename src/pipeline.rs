//! The only place the stages meet: load → assemble → render → (caller) write.

pub mod cache;
mod pages;
mod resolve;
mod search;
pub mod timings;

pub use cache::Cache;
use pages::Reuse;
pub use timings::Timings;

use crate::assemble::{self, Handbook};
use crate::error::{Diagnostic, Diagnostics};
use crate::load;
use crate::model::Sources;
use crate::output::Output;
use crate::quality;
use crate::render::Theme;
use crate::search::Analyzer;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

/// What to build.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site: the folder that holds `content/` (and maybe `themes/`).
    pub root: PathBuf,
    /// Include pages with `draft: true`.
    pub drafts: bool,
}

/// A finished build, in memory.
#[derive(Debug, Clone, Default)]
pub struct Site {
    /// Output path relative to the output root (`fi/index.html`) -> bytes.
    pub files: BTreeMap<String, Vec<u8>>,
    /// Warnings: the site was built, but could be better.
    pub diagnostics: Vec<Diagnostic>,
}

/// Builds the whole site in memory. `Err` holds every problem found (errors and
/// warnings), sorted by file and line.
pub fn build(opts: &BuildOptions) -> Result<Site, Vec<Diagnostic>> {
    build_with(opts, &mut Cache::default())
}

/// Builds the site, reusing from `cache` every result whose inputs did not change
/// since the build that filled it (`serve` keeps one cache for its whole session).
/// The output is byte-identical to [`build`]'s.
pub fn build_with(opts: &BuildOptions, cache: &mut Cache) -> Result<Site, Vec<Diagnostic>> {
    let out = Output::memory();
    cache.begin();
    let result = build_into(opts, cache, &out);
    cache.finish(result.is_ok());
    result.map(|diagnostics| Site {
        files: out.into_files(),
        diagnostics,
    })
}

/// Builds the site straight into the folder `dir` (a staging folder: on `Err` its
/// contents are incomplete and must be thrown away). `Ok` holds the warnings.
pub fn build_to_dir(opts: &BuildOptions, dir: &Path) -> Result<Vec<Diagnostic>, Vec<Diagnostic>> {
    build_into(opts, &mut Cache::default(), &Output::Dir(dir.to_path_buf()))
}

fn build_into(
    opts: &BuildOptions,
    cache: &mut Cache,
    out: &Output,
) -> Result<Vec<Diagnostic>, Vec<Diagnostic>> {
    let mut t = Timings::from_env();
    let (sources, mut diags) = load::sources_with(&opts.root, opts.drafts, &cache.parse)
        .map_err(Diagnostics::into_sorted)?;
    t.lap("load and parse");
    // The search indexes need the rendered pages, but their words can be stemmed
    // now, by the thread that would otherwise wait for this one to load the theme,
    // assemble the handbook and check it.
    let stop = AtomicBool::new(false);
    let (assembled, analyzers) = rayon::join(
        || {
            let assembled = theme_and_handbook(&opts.root, &sources).map(|(theme, hb)| {
                let warnings = quality::warnings(&hb, quality::today()).into_sorted();
                let keys = cache.keys(&hb, &opts.root);
                (theme, hb, warnings, keys)
            });
            stop.store(true, Ordering::Relaxed);
            assembled
        },
        || search::analyzers(&sources, &stop),
    );
    let learned: usize = analyzers.values().map(Analyzer::learned).sum();
    t.note(format!(
        "{learned} words stemmed ahead for the search indexes"
    ));
    let (theme, hb, warnings, keys) = match assembled {
        Ok(ok) => ok,
        Err(ds) => {
            diags.extend(ds);
            return Err(diags.into_sorted());
        }
    };
    diags.extend(warnings);
    t.lap("theme, assemble, cache keys");
    let reuse = Reuse {
        keys: &keys,
        cache,
        analyzers: &analyzers,
    };
    render_site(&hb, &theme, reuse, out, &mut diags, &mut t);
    if diags.has_errors() {
        return Err(diags.into_sorted());
    }
    Ok(diags.into_sorted())
}

/// The theme and the handbook assembled from `sources`, or every problem found.
fn theme_and_handbook<'s>(
    root: &Path,
    sources: &'s Sources,
) -> Result<(Theme, Handbook<'s>), Vec<Diagnostic>> {
    let theme = Theme::load(root, &sources.settings.theme)?;
    let hb = assemble::assemble(sources).map_err(Diagnostics::into_sorted)?;
    Ok((theme, hb))
}

/// Renders every output file; problems go to `diags`.
fn render_site(
    hb: &Handbook,
    theme: &Theme,
    reuse: Reuse,
    out: &Output,
    diags: &mut Diagnostics,
    t: &mut Timings,
) {
    let rendered = resolve::render_markdown(hb, theme, reuse.keys, reuse.cache, diags);
    t.lap("markdown and anchors");
    if diags.has_errors() {
        return;
    }
    pages::render_all(hb, theme, rendered, reuse, out, diags, t);
    for (path, bytes) in theme.static_files() {
        put(out, &format!("static/{path}"), bytes.clone(), diags);
    }
    for (source, output) in hb.asset_outputs() {
        match std::fs::read(hb.sources.root.join(source)) {
            Ok(bytes) => put(out, output, bytes, diags),
            Err(e) => diags.push(Diagnostic::error(
                source,
                format!("cannot read the file: {e}"),
            )),
        }
    }
    t.lap("static files and assets");
}

/// Puts one output file; a failure to write is an error of the build.
fn put(out: &Output, path: &str, bytes: Vec<u8>, diags: &mut Diagnostics) {
    if let Some(d) = put_error(out, path, bytes) {
        diags.push(d);
    }
}

/// Puts one output file, returning the problem if it could not be written.
fn put_error(out: &Output, path: &str, bytes: Vec<u8>) -> Option<Diagnostic> {
    out.put(path, bytes)
        .err()
        .map(|e| Diagnostic::error(path, format!("{e:#}")))
}
