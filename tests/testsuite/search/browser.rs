//! The search box in real headless Chromium: typing shows the expected page first,
//! over HTTP and from file://; the keyboard works as the ARIA combobox pattern
//! says; and search.js ranks every query of the set exactly as the Rust mirror.
//!
//! Without Chromium these tests print why and pass, except on CI (`CI=true`), where
//! a missing browser is a failure.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use super::queries::{query_set, shipped_index};
use super::shipped;
use crate::cdp::{Browser, browser};

/// Serves a folder on 127.0.0.1 for as long as the test process runs.
fn serve(dir: PathBuf) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap_or_else(|e| panic!("bind: {e}"));
    let port = listener.local_addr().map(|a| a.port()).unwrap_or(0);
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut stream = stream;
            let mut line = String::new();
            if BufReader::new(&stream).read_line(&mut line).is_err() {
                continue;
            }
            let path = line.split_whitespace().nth(1).unwrap_or("/");
            let path = path.split(['?', '#']).next().unwrap_or("/");
            let file = dir.join(path.trim_start_matches('/'));
            let body = if path.contains("..") {
                None
            } else {
                std::fs::read(&file).ok()
            };
            let kind = match file.extension().and_then(|e| e.to_str()) {
                Some("html") => "text/html; charset=utf-8",
                Some("js") => "text/javascript; charset=utf-8",
                Some("css") => "text/css",
                _ => "application/octet-stream",
            };
            let head = match &body {
                Some(b) => format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    b.len()
                ),
                None => "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                    .to_owned(),
            };
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(body.as_deref().unwrap_or_default());
        }
    });
    format!("http://127.0.0.1:{port}")
}

/// The hrefs (relative to the site) of the listed results, in order.
fn result_paths(b: &mut Browser, site_url: &str) -> Vec<String> {
    let v = b
        .eval("[...document.querySelectorAll('#search-results a[role=option]')].map(a => a.href)")
        .unwrap_or(Value::Null);
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(|h| {
                    h.strip_prefix(site_url)
                        .unwrap_or(h)
                        .trim_start_matches('/')
                        .to_owned()
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Focuses the search box by clicking it, types a query and waits for results.
fn type_query(b: &mut Browser, query: &str) {
    b.click("input[type=search]")
        .unwrap_or_else(|e| panic!("{e}"));
    b.eval("document.querySelector('input[type=search]').value = ''")
        .unwrap_or_else(|e| panic!("{e}"));
    b.type_text(query).unwrap_or_else(|e| panic!("{e}"));
    let expected = serde_json::to_string(query).unwrap_or_default();
    b.wait_for(&format!(
        "document.querySelector('input[type=search]').value === {expected} && document.querySelector('#search-results a[role=option]') && document.querySelector('input').getAttribute('aria-expanded') === 'true'"
    ))
    .unwrap_or_else(|e| panic!("`{query}`: {e}"));
    // Let the last keystroke's search win over earlier ones still running.
    std::thread::sleep(std::time::Duration::from_millis(50));
}

fn check_first(b: &mut Browser, base: &str, page: &str, query: &str, expect: &str) {
    b.goto(&format!("{base}/{page}"))
        .unwrap_or_else(|e| panic!("{e}"));
    type_query(b, query);
    let paths = result_paths(b, base);
    let first = paths
        .first()
        .map(|p| p.split('#').next().unwrap_or(p))
        .unwrap_or_default();
    assert_eq!(first, expect, "`{query}` on {page}: results {paths:?}");
}

/// Queries typed on a page of each language, with the page expected first.
const TYPED: &[(&str, &str, &str)] = &[
    (
        "fi/index.html",
        "kommentteihin vastaaminen",
        "fi/yhteisomanagerointi/kommentteihin-vastaaminen.html",
    ),
    (
        "fi/kanavat/kanavan-valinta.html",
        "somessa henkilöstö",
        "fi/henkilosto-somessa.html",
    ),
    (
        "fi/yhteisomanagerointi/mediaseuranta.html",
        "tyonantajakuva",
        "fi/kaupunki-somessa.html",
    ),
    (
        "fi/channels/lappeenranta-x.html",
        "Instagramissa",
        "fi/channels/lappeenranta-instagram.html",
    ),
    (
        "en/index.html",
        "replying to comments",
        "en/yhteisomanagerointi/replying-to-comments.html",
    ),
];

#[test]
fn typing_shows_the_expected_page_first_over_http() {
    let Some(mut b) = browser("http") else { return };
    let base = serve(shipped::site().to_path_buf());
    for (page, query, expect) in TYPED {
        check_first(&mut b, &base, page, query, expect);
    }
}

#[test]
fn typing_shows_the_expected_page_first_from_file_urls() {
    let Some(mut b) = browser("file") else { return };
    let base = shipped::file_url("").trim_end_matches('/').to_owned();
    for (page, query, expect) in TYPED {
        check_first(&mut b, &base, page, query, expect);
    }
    // The index is loaded on first focus, not before.
    b.goto(&shipped::file_url("fi/index.html"))
        .unwrap_or_else(|e| panic!("{e}"));
    let before = b.eval("document.querySelectorAll('script[src*=\"fi/search/\"]').length");
    assert_eq!(before, Ok(json!(0)), "the index loads lazily");
    type_query(&mut b, "some");
    let marks = b.eval("[...document.querySelectorAll('#search-results mark')].map(m => m.textContent.toLowerCase())");
    let marks = marks.unwrap_or(Value::Null);
    assert!(
        marks.as_array().is_some_and(|m| m
            .iter()
            .any(|t| t.as_str().is_some_and(|t| t.starts_with("some")))),
        "matched words are marked: {marks}"
    );
    // No results: the listbox closes and a message says so, also to screen readers.
    b.eval("document.querySelector('input[type=search]').value = ''")
        .unwrap_or_else(|e| panic!("{e}"));
    b.type_text("qqxqq").unwrap_or_else(|e| panic!("{e}"));
    b.wait_for("document.querySelector('.search-results__empty') && !document.querySelector('.search-results__empty').hidden && document.querySelector('[data-search-status]').textContent === 'Ei tuloksia.'")
        .unwrap_or_else(|e| panic!("no results: {e}"));
    let closed = b.eval("[document.querySelector('input[type=search]').getAttribute('aria-expanded'), document.getElementById('search-results').hidden]");
    assert_eq!(closed, Ok(json!(["false", true])));
}

#[test]
fn keyboard_moves_opens_and_closes() {
    let Some(mut b) = browser("keys") else { return };
    let base = shipped::file_url("").trim_end_matches('/').to_owned();
    b.goto(&format!("{base}/fi/kanavat/index.html"))
        .unwrap_or_else(|e| panic!("{e}"));
    type_query(&mut b, "kritiikki");
    let state = |b: &mut Browser| {
        b.eval("(() => { const i = document.querySelector('input[type=search]'); const a = document.activeElement === i; const sel = [...document.querySelectorAll('#search-results [aria-selected=true]')].map(o => o.id); return [i.getAttribute('role'), i.getAttribute('aria-expanded'), i.getAttribute('aria-activedescendant'), sel, a, document.getElementById('search-results').hidden, i.value]; })()")
            .unwrap_or(Value::Null)
    };
    let s = state(&mut b);
    assert_eq!(s[0], "combobox");
    assert_eq!(s[1], "true");
    assert_eq!(s[2], Value::Null, "no option is active before the arrows");
    b.press("ArrowDown").unwrap_or_else(|e| panic!("{e}"));
    let s = state(&mut b);
    assert_eq!(
        (&s[2], &s[3]),
        (&json!("search-result-0"), &json!(["search-result-0"]))
    );
    assert_eq!(s[4], true, "focus stays in the box");
    b.press("ArrowDown").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(state(&mut b)[2], "search-result-1");
    b.press("ArrowUp").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(state(&mut b)[2], "search-result-0");
    b.press("ArrowUp").unwrap_or_else(|e| panic!("{e}"));
    let last =
        b.eval("'search-result-' + (document.querySelectorAll('#search-results a').length - 1)");
    assert_eq!(
        Ok(state(&mut b)[2].clone()),
        last,
        "ArrowUp from the first wraps to the last"
    );
    b.press("Escape").unwrap_or_else(|e| panic!("{e}"));
    let s = state(&mut b);
    assert_eq!(
        (&s[1], &s[5], &s[6]),
        (&json!("false"), &json!(true), &json!("kritiikki")),
        "Escape closes"
    );
    b.press("Escape").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(state(&mut b)[6], "", "a second Escape clears");

    // The live region says how many results there are, in the page's language.
    type_query(&mut b, "kritiikki");
    b.wait_for("/^\\d+ tulosta$|^1 tulos$/.test(document.querySelector('[data-search-status]').textContent)")
        .unwrap_or_else(|e| panic!("live region: {e}"));

    // Enter opens the active result.
    let paths = result_paths(&mut b, &base);
    b.press("ArrowDown").unwrap_or_else(|e| panic!("{e}"));
    b.press("Enter").unwrap_or_else(|e| panic!("{e}"));
    let want = format!(
        "{base}/{}",
        paths.first().map(String::as_str).unwrap_or_default()
    );
    b.wait_for(&format!("location.href === {}", json!(want)))
        .unwrap_or_else(|e| panic!("Enter opens {want}: {e}"));
}

/// Every query of the set, through search.js in Chromium, must rank the same pages
/// with the same scores as the Rust mirror; prints the browser's query times.
#[test]
fn browser_ranking_matches_the_rust_mirror() {
    let Some(mut b) = browser("parity") else {
        return;
    };
    for (lang, cases) in &query_set() {
        let index = shipped_index(lang);
        b.goto(&shipped::file_url(&format!("{lang}/index.html")))
            .unwrap_or_else(|e| panic!("{e}"));
        b.eval(&format!(
            "(() => {{ const f = document.querySelector('form[data-search]'); const urls = f.dataset.index.split(' ').map(u => new URL(u, document.baseURI).href); return __handbookSearch.open({}, urls).then(() => true); }})()",
            json!(lang)
        ))
        .unwrap_or_else(|e| panic!("{e}"));
        let mut times = Vec::new();
        for case in cases {
            // Scores travel as strings: serde_json's float parsing may be off by
            // one unit in the last place, `str::parse` is exact.
            let out = b
                .eval(&format!(
                    "__handbookSearch.search({}, {}, 10).then(o => ({{ms: o.ms, hits: o.results.map(h => [h.page, String(h.score)])}}))",
                    json!(lang),
                    json!(case.q)
                ))
                .unwrap_or_else(|e| panic!("{e}"));
            let js: Vec<(String, f64)> = out["hits"]
                .as_array()
                .map(|r| {
                    r.iter()
                        .map(|h| {
                            let page = h[0]
                                .as_u64()
                                .map_or(String::new(), |p| index.pages[p as usize].href.clone());
                            (
                                page,
                                h[1].as_str().and_then(|s| s.parse().ok()).unwrap_or(-1.0),
                            )
                        })
                        .collect()
                })
                .unwrap_or_default();
            let rust: Vec<(String, f64)> = handbook::search::query::search(&index, &case.q, 10)
                .iter()
                .map(|h| (index.pages[h.page as usize].href.clone(), h.score))
                .collect();
            assert_eq!(
                js, rust,
                "{lang} `{}`: search.js and query.rs differ",
                case.q
            );
            times.push(out["ms"].as_f64().unwrap_or(0.0));
        }
        times.sort_by(f64::total_cmp);
        println!(
            "search.js in Chromium, {lang}: {} queries, median {:.3} ms, max {:.3} ms",
            times.len(),
            times[times.len() / 2],
            times[times.len() - 1]
        );
    }
}

/// Saves screenshots of the open result list, for looking at by hand:
/// `SEARCH_QUERY=somessa cargo test --test testsuite screenshot -- --ignored`.
#[test]
#[ignore = "a tool for looking at the results by hand"]
fn screenshot() {
    let Some(mut b) = browser("screenshot") else {
        return;
    };
    let query =
        std::env::var("SEARCH_QUERY").unwrap_or_else(|_| "kommentteihin vastaaminen".into());
    let page = std::env::var("SEARCH_PAGE").unwrap_or_else(|_| "fi/kanavat/index.html".into());
    b.goto(&shipped::file_url(&page))
        .unwrap_or_else(|e| panic!("{e}"));
    type_query(&mut b, &query);
    b.press("ArrowDown").unwrap_or_else(|e| panic!("{e}"));
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join("search-results.png");
    b.screenshot(&path).unwrap_or_else(|e| panic!("{e}"));
    println!("{}", path.display());
}

/// Queries for the benchmark: inflected, compound, typed without diacritics,
/// several words, and one that is very common in the generated corpus.
const BENCH_QUERIES: &[(&str, &str)] = &[
    ("fi", "Facebookissa"),
    ("fi", "kommentteihin vastaaminen"),
    ("fi", "henkilotietojen suojaaminen"),
    ("fi", "kriisiviestintä"),
    ("fi", "yhteisömanageri"),
    ("fi", "somekanava"),
    ("fi", "vastaukset muokataan tilanteeseen"),
    ("fi", "kaupunki"),
    ("en", "replying to comments"),
    ("en", "crisis communication"),
    ("en", "community manager"),
    ("en", "instagram"),
];

/// Browser figures for BENCHMARKS.md on a built site:
/// `SEARCH_BENCH_SITE=public cargo test --release --test testsuite bench_in_chromium -- --ignored --nocapture`.
/// Per query on a fresh page: the files and gzip bytes its first search loads
/// (entry, key shards, page shards), the time of that search and of its ranking
/// alone (postings decoded on first use), then ranking and whole-search times warm.
#[test]
#[ignore = "a benchmark, run by hand on a built site"]
fn bench_in_chromium() {
    let Some(site) = std::env::var_os("SEARCH_BENCH_SITE").map(PathBuf::from) else {
        eprintln!("set SEARCH_BENCH_SITE to a built site");
        return;
    };
    let site = site.canonicalize().unwrap_or(site);
    let Some(mut b) = browser("bench") else {
        return;
    };
    println!(
        "| lang | query | first-query files | first-query gzip | first search (loads shards) | its ranking | ranking, warm (median of 10) | whole search, warm |"
    );
    println!("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (lang, query) in BENCH_QUERIES {
        b.goto(&format!("file://{}/{lang}/index.html", site.display()))
            .unwrap_or_else(|e| panic!("{e}"));
        // Focus loads the entry; the first search loads its shards.
        b.click("input[type=search]")
            .unwrap_or_else(|e| panic!("{e}"));
        b.wait_for("document.querySelector('script[src*=\"/search/index.js\"]')")
            .unwrap_or_else(|e| panic!("{e}"));
        let open = format!(
            "(() => {{ const f = document.querySelector('form[data-search]'); const urls = f.dataset.index.split(' ').map(u => new URL(u, document.baseURI).href); return __handbookSearch.open({}, urls).then(() => true); }})()",
            json!(lang)
        );
        b.eval(&open).unwrap_or_else(|e| panic!("{e}"));
        let first = b
            .eval(&format!(
                "(async () => {{ const t = performance.now(); const r = await __handbookSearch.search({}, {}, 10); return [r.ms, performance.now() - t]; }})()",
                json!(lang),
                json!(query)
            ))
            .unwrap_or(Value::Null);
        let loaded = b
            .eval("[...document.querySelectorAll('script[src*=\"/search/\"]')].map(s => decodeURIComponent(s.src))")
            .unwrap_or(Value::Null);
        let files: Vec<String> = loaded
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default();
        let gzip: u64 = files
            .iter()
            .filter_map(|u| u.strip_prefix("file://"))
            .filter_map(|p| std::fs::read(p).ok())
            .map(|bytes| gzip_len(&bytes))
            .sum();
        let times = b
            .eval(&format!(
                "(async () => {{ const H = __handbookSearch, out = []; for (let i = 0; i < 10; i++) {{ const t = performance.now(); const r = await H.search({l}, {q}, 10); out.push([r.ms, performance.now() - t]); }} return out; }})()",
                l = json!(lang),
                q = json!(query)
            ))
            .unwrap_or(Value::Null);
        let pairs: Vec<(f64, f64)> = times
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|p| (p[0].as_f64().unwrap_or(0.0), p[1].as_f64().unwrap_or(0.0)))
                    .collect()
            })
            .unwrap_or_default();
        let cold = first[0].as_f64().unwrap_or(0.0);
        let cold_whole = first[1].as_f64().unwrap_or(0.0);
        let mut warm: Vec<f64> = pairs.iter().map(|p| p.0).collect();
        let mut whole: Vec<f64> = pairs.iter().map(|p| p.1).collect();
        warm.sort_by(f64::total_cmp);
        whole.sort_by(f64::total_cmp);
        let mid = |v: &[f64]| v.get(v.len() / 2).copied().unwrap_or(0.0);
        println!(
            "| {lang} | {query} | {} | {:.1} KB | {cold_whole:.0} ms | {cold:.1} ms | {:.1} ms | {:.1} ms |",
            files.len(),
            gzip as f64 / 1024.0,
            mid(&warm),
            mid(&whole)
        );
    }
}

fn gzip_len(bytes: &[u8]) -> u64 {
    use flate2::Compression;
    use flate2::write::GzEncoder;
    let mut enc = GzEncoder::new(Vec::new(), Compression::default());
    let _ = enc.write_all(bytes);
    enc.finish().map_or(0, |v| v.len() as u64)
}
