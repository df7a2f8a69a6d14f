//! The Rust mirror of the browser's query code in `themes/default/static/search.js`:
//! the same steps over the same [`Index`], so that ranking can be measured (and
//! tuned) in `cargo test`. The browser tests check that both return the same pages.
//!
//! A query is split and folded like the text was; stopwords are dropped. Each word
//! is matched against the keys sharing its first three letters ([`match_weight`]);
//! a word's score in a target is its best key's `weight * impact`, so the stem, a
//! compound part and a synonym of one word never add up. Words' scores are summed,
//! pairs of adjacent words matching a title phrase add a bonus, and the sum is scaled
//! by the square of the share of words matched. A page scores its best target plus a
//! little of its other targets, and links to that best target.

use super::analyze::{MAX_WORD_LEN, len16, normalize};
use super::index::{Index, impact_table};
use super::matching::{MIN_PREFIX, head, is_form_of, match_weight};
use super::tokens::tokens;

/// A page found, with the target (page or heading) to link to.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hit {
    pub page: u32,
    pub target: u32,
    pub score: f64,
}

/// Keys kept per query word, best first.
pub const MAX_CANDIDATES: usize = 24;
/// A stem shorter than another stem of the same word counts this much.
const SHORTER_STEM: f64 = 0.7;
/// A synonym counts this much of the word it stands for.
const SYNONYM_MATCH: f64 = 0.9;
/// A title or heading phrase counts this much on top of its words.
const PHRASE_MATCH: f64 = 0.5;
/// A word typed exactly as in a title or heading counts this much on top (a word
/// being typed, by the share typed).
const EXACT_MATCH: f64 = 0.5;
/// Share of a page's other targets' scores added to its best.
const OTHER_TARGETS: f64 = 0.35;

/// The query's words: split, lowercased, folded, without stopwords (unless it has
/// nothing else) and without repeats.
pub fn query_words(index: &Index, text: &str) -> Vec<String> {
    let mut all: Vec<String> = Vec::new();
    for token in tokens(text) {
        let word = normalize(token);
        if len16(&word) <= MAX_WORD_LEN && !all.contains(&word) {
            all.push(word);
        }
    }
    let is_stop = |w: &String| index.stopwords.binary_search(w).is_ok();
    if all.iter().all(is_stop) {
        return all;
    }
    all.into_iter().filter(|w| !is_stop(w)).collect()
}

/// The keys a query word may stand for, with weights, best first (ties by key).
pub fn candidates(index: &Index, word: &str) -> Vec<(usize, f64)> {
    let mut out = Vec::new();
    if len16(word) < MIN_PREFIX {
        if let Ok(i) = index.keys.binary_search_by(|k| k.as_str().cmp(word)) {
            out.push((i, 1.0));
        }
        return out;
    }
    let prefix = head(word, MIN_PREFIX);
    let start = index.keys.partition_point(|k| k.as_str() < prefix);
    for (i, key) in index.keys.iter().enumerate().skip(start) {
        if !key.starts_with(prefix) {
            break;
        }
        if key.contains(' ') {
            continue;
        }
        if let Some(w) = match_weight(word, key) {
            out.push((i, w));
        }
    }
    // A stem shorter than the word's longest stem is another word's (`naky` of
    // `näkyvä` for `näkyvyys`): it still matches, but less.
    let stem_len = |k: &str| if word.starts_with(k) { len16(k) } else { 0 };
    let longest = out
        .iter()
        .map(|&(i, _)| stem_len(&index.keys[i]))
        .max()
        .unwrap_or(0);
    for (i, w) in &mut out {
        let m = stem_len(&index.keys[*i]);
        if m > 0 && m < longest {
            *w *= SHORTER_STEM;
        }
    }
    out.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    out.truncate(MAX_CANDIDATES);
    out
}

/// Adds synonym group keys to the candidates of the words that spell a member.
fn add_synonyms(index: &Index, words: &[String], cands: &mut [Vec<(usize, f64)>]) {
    for (g, group) in index.synonyms.iter().enumerate() {
        let Ok(key) = index.keys.binary_search(&format!("~{g}")) else {
            continue;
        };
        for member in group {
            for start in 0..words.len() {
                let Some(span) = words.get(start..start + member.len()) else {
                    break;
                };
                let weights: Option<Vec<f64>> = span
                    .iter()
                    .zip(member)
                    .map(|(w, k)| is_form_of(w, k).then(|| match_weight(w, k)).flatten())
                    .collect();
                let Some(weights) = weights else { continue };
                let w = SYNONYM_MATCH * weights.iter().copied().fold(1.0, f64::min);
                for c in &mut cands[start..start + member.len()] {
                    match c.iter_mut().find(|(k, _)| *k == key) {
                        Some(existing) => existing.1 = existing.1.max(w),
                        None => c.push((key, w)),
                    }
                }
            }
        }
    }
}

/// For one query word: each target's best impact among the word's keys (with their
/// weights) into `best`, the targets reached listed in `touched`.
fn best_per_target(
    index: &Index,
    impacts: &[f64],
    keys: &[(usize, f64)],
    best: &mut [f64],
    touched: &mut Vec<usize>,
) {
    for &(key, w) in keys {
        for p in &index.postings[key] {
            let t = p.target as usize;
            let v = w * impacts[p.level as usize];
            if v > best[t] {
                if best[t] == 0.0 {
                    touched.push(t);
                }
                best[t] = v;
            }
        }
    }
}

/// Searches the index; at most `limit` pages, best first.
pub fn search(index: &Index, text: &str, limit: usize) -> Vec<Hit> {
    let words = query_words(index, text);
    if words.is_empty() {
        return Vec::new();
    }
    let mut cands: Vec<Vec<(usize, f64)>> = words.iter().map(|w| candidates(index, w)).collect();
    add_synonyms(index, &words, &mut cands);
    let impacts = impact_table();
    let n = index.targets.len();
    let mut score = vec![0.0f64; n];
    let mut matched = vec![0u32; n];
    let mut best = vec![0.0f64; n];
    let mut touched: Vec<usize> = Vec::new();
    for word_cands in &cands {
        best_per_target(index, &impacts, word_cands, &mut best, &mut touched);
        for &t in &touched {
            score[t] += best[t];
            matched[t] += 1;
            best[t] = 0.0;
        }
        touched.clear();
    }
    for pair in cands.windows(2) {
        let (Some(a), Some(b)) = (
            first_word_key(index, &pair[0]),
            first_word_key(index, &pair[1]),
        ) else {
            continue;
        };
        let phrase = format!("{} {}", index.keys[a.0], index.keys[b.0]);
        if let Ok(key) = index.keys.binary_search(&phrase) {
            let w = PHRASE_MATCH * a.1.min(b.1);
            for p in &index.postings[key] {
                score[p.target as usize] += w * impacts[p.level as usize];
            }
        }
    }
    for word in &words {
        best_per_target(
            index,
            &impacts,
            &exact_words(index, word),
            &mut best,
            &mut touched,
        );
        for &t in &touched {
            score[t] += best[t];
            best[t] = 0.0;
        }
        touched.clear();
    }
    rank_pages(index, &score, &matched, words.len(), limit)
}

/// Exact-word keys of titles and headings that a query word is or begins (as it is
/// being typed), with weights: [`EXACT_MATCH`] times the share of the word typed.
pub fn exact_words(index: &Index, word: &str) -> Vec<(usize, f64)> {
    let prefix = format!("={word}");
    let n = len16(word);
    let start = index.keys.partition_point(|k| k.as_str() < prefix.as_str());
    let mut out = Vec::new();
    for (i, key) in index
        .keys
        .iter()
        .enumerate()
        .skip(start)
        .take(MAX_CANDIDATES)
    {
        if !key.starts_with(&prefix) || (n < MIN_PREFIX && *key != prefix) {
            break;
        }
        let m = len16(key) - 1;
        out.push((i, EXACT_MATCH * n as f64 / m as f64));
    }
    out
}

/// The best candidate that is a word's key (not a synonym group).
fn first_word_key(index: &Index, cands: &[(usize, f64)]) -> Option<(usize, f64)> {
    cands
        .iter()
        .copied()
        .filter(|&(k, _)| !index.keys[k].starts_with('~'))
        .reduce(|a, b| if b.1 > a.1 { b } else { a })
}

/// Scales target scores by coverage, groups them by page and sorts.
fn rank_pages(
    index: &Index,
    score: &[f64],
    matched: &[u32],
    words: usize,
    limit: usize,
) -> Vec<Hit> {
    let mut hits: Vec<Hit> = Vec::new();
    let mut others: Vec<f64> = Vec::new();
    for (t, target) in index.targets.iter().enumerate() {
        if score[t] <= 0.0 {
            continue;
        }
        let c = matched[t] as f64 / words as f64;
        let s = score[t] * c * c;
        match hits.last_mut() {
            Some(h) if h.page == target.page => {
                let other = if s > h.score {
                    let old = h.score;
                    h.score = s;
                    h.target = t as u32;
                    old
                } else {
                    s
                };
                if let Some(o) = others.last_mut() {
                    *o += other;
                }
            }
            _ => {
                hits.push(Hit {
                    page: target.page,
                    target: t as u32,
                    score: s,
                });
                others.push(0.0);
            }
        }
    }
    for (h, &o) in hits.iter_mut().zip(&others) {
        if o > 0.0 {
            h.score += OTHER_TARGETS * o * h.score / (o + h.score);
        }
    }
    hits.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.page.cmp(&b.page)));
    hits.truncate(limit);
    hits
}
