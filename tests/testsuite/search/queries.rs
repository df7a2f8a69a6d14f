//! The query set `tests/search_queries.yaml`: each query's expected page must rank
//! first often enough (MRR >= 0.9) with the Rust mirror of the browser's ranking.

use std::collections::BTreeMap;
use std::path::Path;

use handbook::search::Index;
use handbook::search::query::search;
use serde::Deserialize;

use super::shipped;

/// One query and the page it should find.
#[derive(Debug, Clone, Deserialize)]
pub struct Case {
    pub q: String,
    pub expect: String,
    pub kind: String,
}

/// The query set, per language.
pub fn query_set() -> BTreeMap<String, Vec<Case>> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/search_queries.yaml");
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    serde_yaml::from_str(&text).unwrap_or_default()
}

/// The index of a language of the shipped handbook.
pub fn shipped_index(lang: &str) -> Index {
    shipped::index(lang)
}

/// The 1-based rank of a page among a query's results.
pub fn rank_of(index: &Index, query: &str, expect: &str) -> (Option<usize>, Vec<String>) {
    let hits = search(index, query, 10);
    let pages: Vec<String> = hits
        .iter()
        .map(|h| index.pages[h.page as usize].href.clone())
        .collect();
    (pages.iter().position(|p| p == expect).map(|i| i + 1), pages)
}

#[test]
fn query_set_finds_the_expected_page_first() {
    let set = query_set();
    let total: usize = set.values().map(Vec::len).sum();
    assert!(
        total >= 40,
        "the query set has {total} queries, fewer than 40"
    );
    let (mut rr_sum, mut at3) = (0.0, 0);
    let mut misses = Vec::new();
    for (lang, cases) in &set {
        let index = shipped_index(lang);
        for case in cases {
            assert!(
                index.pages.iter().any(|p| p.href == case.expect),
                "{lang}: `{}` expects {}, which is no page",
                case.q,
                case.expect
            );
            let (rank, pages) = rank_of(&index, &case.q, &case.expect);
            rr_sum += rank.map_or(0.0, |r| 1.0 / r as f64);
            at3 += usize::from(rank.is_some_and(|r| r <= 3));
            if rank != Some(1) {
                let top: Vec<&str> = pages.iter().take(3).map(String::as_str).collect();
                misses.push(format!(
                    "  {lang} {:14} {:32} rank {:?}, want {}, got {top:?}",
                    case.kind, case.q, rank, case.expect
                ));
            }
        }
    }
    let mrr = rr_sum / total as f64;
    let recall3 = at3 as f64 / total as f64;
    println!("search query set: {total} queries, MRR {mrr:.3}, recall@3 {recall3:.3}");
    for m in &misses {
        println!("{m}");
    }
    assert!(
        mrr >= 0.9,
        "MRR {mrr:.3} is below 0.9:\n{}",
        misses.join("\n")
    );
}

/// Prints the ranking of `SEARCH_QUERY` (language `SEARCH_LANG`, default `fi`):
/// `SEARCH_QUERY=somessa cargo test --test testsuite explain -- --ignored --nocapture`.
#[test]
#[ignore = "a tool for tuning, run by hand"]
fn explain() {
    let lang = std::env::var("SEARCH_LANG").unwrap_or_else(|_| "fi".to_owned());
    let query = std::env::var("SEARCH_QUERY").unwrap_or_default();
    let index = shipped_index(&lang);
    let words = handbook::search::query::query_words(&index, &query);
    for w in &words {
        let cands = handbook::search::query::candidates(&index, w);
        let named: Vec<String> = cands
            .iter()
            .map(|(k, wt)| format!("{}:{wt:.2}", index.keys[*k]))
            .collect();
        println!("{w}: {}", named.join(" "));
    }
    for h in search(&index, &query, 10) {
        let t = &index.targets[h.target as usize];
        println!(
            "{:8.3} {} #{} {}",
            h.score, index.pages[h.page as usize].href, t.anchor, t.heading
        );
    }
}
