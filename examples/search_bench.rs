//! Search benchmark: index build time and sizes per language of a built site.
//!
//!   cargo run --release --example search_bench -- PUBLIC_DIR [RUNS]
//!
//! Reads each language's index back from PUBLIC_DIR/<lang>/search/ (as written by
//! `handbook build`), rebuilds it from the same pages RUNS times (default 5) to time
//! `search::build_index` alone, and prints a Markdown table: pages, targets, keys,
//! postings, build time (median), raw and gzip bytes in all, of the entry (the first
//! load, on focus) and of the largest key and page shards. A first query loads the
//! entry, the key shards of its words' first letters and its results' page shards;
//! the browser benchmark (tests/testsuite/search/browser.rs, `bench_in_chromium`)
//! measures that and the query time.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use handbook::search::read::read_index;
use handbook::search::write::gzip_stats;
use handbook::search::{DocSection, Index, SearchDoc, build_index};

/// The pages of an index as documents again (snippet texts are capped at 1,200
/// characters, which few sections reach).
fn docs_of(index: &Index) -> Vec<SearchDoc> {
    let mut docs: Vec<SearchDoc> = index
        .pages
        .iter()
        .map(|p| SearchDoc {
            href: p.href.clone(),
            title: p.title.clone(),
            crumb: p.crumb.clone(),
            description: None,
            sections: Vec::new(),
        })
        .collect();
    for t in &index.targets {
        if let Some(d) = docs.get_mut(t.page as usize) {
            let heading = (!t.heading.is_empty()).then(|| t.heading.clone());
            let id = (!t.anchor.is_empty()).then(|| t.anchor.clone());
            d.sections.push(DocSection {
                id,
                heading,
                text: t.text.clone(),
            });
        }
    }
    docs
}

fn read_lang(site: &Path, lang: &str) -> Result<Index, String> {
    let dir = site.join(lang).join("search");
    let mut files = HashMap::new();
    for e in std::fs::read_dir(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .flatten()
    {
        let name = e.file_name().to_string_lossy().into_owned();
        let bytes = std::fs::read(e.path()).map_err(|e| e.to_string())?;
        files.insert(format!("{lang}/search/{name}"), bytes);
    }
    read_index(lang, |p| files.get(p).map(Vec::as_slice))
}

fn kb(bytes: u64) -> String {
    format!("{:.1} KB", bytes as f64 / 1024.0)
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(site) = args.next().map(PathBuf::from) else {
        eprintln!("usage: search_bench PUBLIC_DIR [RUNS]");
        return ExitCode::from(2);
    };
    let runs: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(5).max(1);
    let mut langs: Vec<String> = std::fs::read_dir(&site)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.path().join("search/index.js").is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    langs.sort();
    println!(
        "| lang | pages | targets | keys | postings | build_index (median of {runs}) | files | raw | gzip | entry raw / gzip | largest key shard gzip | largest page shard gzip |"
    );
    println!(
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    );
    for lang in &langs {
        let index = match read_lang(&site, lang) {
            Ok(i) => i,
            Err(e) => {
                eprintln!("{lang}: {e}");
                return ExitCode::FAILURE;
            }
        };
        let docs = docs_of(&index);
        let synonyms: Vec<Vec<String>> = Vec::new();
        let mut times = Vec::new();
        let mut built = None;
        for _ in 0..runs {
            let t = Instant::now();
            let b = build_index(lang, &docs, &synonyms);
            times.push(t.elapsed().as_secs_f64() * 1000.0);
            built = Some(b);
        }
        times.sort_by(f64::total_cmp);
        let Some(built) = built else { continue };
        let gz = gzip_stats(&built);
        let s = built.stats;
        println!(
            "| {lang} | {} | {} | {} | {} | {:.0} ms | {} | {} | {} | {} / {} | {} | {} |",
            s.docs,
            s.targets,
            s.terms,
            s.postings,
            times[times.len() / 2],
            s.files,
            kb(s.raw_bytes),
            kb(gz.total),
            kb(s.entry_raw_bytes),
            kb(gz.entry),
            kb(gz.max_key_shard),
            kb(gz.max_page_shard),
        );
    }
    ExitCode::SUCCESS
}
