//! Unit tests of index building and ranking through the query mirror.

use super::*;
use crate::search::query::search;
use crate::search::{DocSection, SearchDoc, Tokenized, build_index};
use std::sync::atomic::AtomicBool;

fn doc(href: &str, title: &str, sections: &[(Option<&str>, &str)]) -> SearchDoc {
    SearchDoc {
        href: href.to_owned(),
        title: title.to_owned(),
        crumb: String::new(),
        description: None,
        sections: sections
            .iter()
            .map(|&(h, text)| DocSection {
                id: h.map(|h| h.to_lowercase()),
                heading: h.map(str::to_owned),
                text: text.to_owned(),
            })
            .collect(),
    }
}

fn fixture() -> Vec<SearchDoc> {
    vec![
        doc(
            "kaupunki-somessa.html",
            "Kaupunki sosiaalisessa mediassa",
            &[
                (None, "Miksi kaupunki on läsnä somessa ja miten."),
                (
                    Some("Tavoitteet"),
                    "Näkyvyys ja vuorovaikutus asukkaiden kanssa.",
                ),
            ],
        ),
        doc(
            "kanavat/facebook.html",
            "Facebook",
            &[
                (None, "Kaupungin pääkanava. Julkaisemme päivittäin."),
                (Some("Vastaaminen"), "Kommentteihin vastataan arkisin."),
            ],
        ),
        doc(
            "kanavat/index.html",
            "Kanavat",
            &[(
                None,
                "Jokainen somekanava tarvitsee omistajan. Kanavalla on ylläpitäjä.",
            )],
        ),
        doc(
            "vaalit.html",
            "Vaalit ja viestintä",
            &[(
                None,
                "Vaalikausi vaikuttaa kaupungin viestintään. Ehdokkaat eivät käytä kaupungin tilejä.",
            )],
        ),
        doc(
            "kuvat.html",
            "Kuvat ja tekijänoikeudet",
            &[(
                None,
                "Käytä kuvia, joihin kaupungilla on oikeus. Facebook mainitaan tässä kerran.",
            )],
        ),
    ]
}

fn synonyms() -> Vec<Vec<String>> {
    vec![
        vec![
            "some".into(),
            "sosiaalinen media".into(),
            "sosiaalisen median".into(),
        ],
        vec!["x".into(), "twitter".into()],
    ]
}

fn first(index: &Index, query: &str) -> Option<String> {
    search(index, query, 10).first().map(|h| {
        let t = &index.targets[h.target as usize];
        let href = &index.pages[h.page as usize].href;
        if t.anchor.is_empty() {
            href.clone()
        } else {
            format!("{href}#{}", t.anchor)
        }
    })
}

fn index() -> Index {
    Index::build("fi", &fixture(), &synonyms())
}

#[test]
fn title_match_beats_body_match() {
    assert_eq!(
        first(&index(), "facebook").as_deref(),
        Some("kanavat/facebook.html")
    );
}

#[test]
fn inflected_forms_find_their_base_form() {
    let index = index();
    assert_eq!(
        first(&index, "Facebookissa").as_deref(),
        Some("kanavat/facebook.html")
    );
    assert_eq!(
        first(&index, "kanavalla").as_deref(),
        Some("kanavat/index.html")
    );
    assert_eq!(first(&index, "vaaleissa").as_deref(), Some("vaalit.html"));
}

#[test]
fn compound_parts_are_found() {
    let index = index();
    // `somekanava` holds `kanava`; `vaalikausi` holds `vaali`.
    let hits = search(&index, "somekanava", 10);
    assert_eq!(hits.first().map(|h| h.page), Some(2));
    assert!(index.keys.binary_search(&"kanav".to_owned()).is_ok());
    let kanav = index.keys.binary_search(&"kanav".to_owned()).unwrap_or(0);
    assert!(
        index.postings[kanav]
            .iter()
            .any(|p| index.targets[p.target as usize].page == 2)
    );
    let vaali = index.keys.binary_search(&"vaali".to_owned()).unwrap_or(0);
    assert!(
        index.postings[vaali]
            .iter()
            .any(|p| index.targets[p.target as usize].page == 3)
    );
}

#[test]
fn diacritics_are_optional() {
    let index = index();
    assert_eq!(
        first(&index, "nakyvyys").as_deref(),
        Some("kaupunki-somessa.html#tavoitteet")
    );
    assert_eq!(
        first(&index, "tekijanoikeudet").as_deref(),
        Some("kuvat.html")
    );
}

#[test]
fn synonyms_find_each_other() {
    let index = index();
    // "somessa" finds the page titled "sosiaalisessa mediassa" first.
    assert_eq!(
        first(&index, "somessa").as_deref(),
        Some("kaupunki-somessa.html")
    );
    let hits = search(&index, "sosiaalinen media", 10);
    assert!(
        hits.iter().any(|h| h.page == 2),
        "somekanava page via `some`"
    );
}

#[test]
fn headings_are_their_own_targets() {
    assert_eq!(
        first(&index(), "facebook vastaaminen").as_deref(),
        Some("kanavat/facebook.html#vastaaminen")
    );
}

#[test]
fn prefixes_match_while_typing() {
    let index = index();
    assert_eq!(
        first(&index, "faceb").as_deref(),
        Some("kanavat/facebook.html")
    );
    assert_eq!(first(&index, "tekijän").as_deref(), Some("kuvat.html"));
    assert!(search(&index, "zz", 10).is_empty());
}

#[test]
fn stopwords_only_queries_still_search() {
    let index = index();
    assert!(search(&index, "ja", 10).is_empty() || !index.stopwords.is_empty());
    assert!(!search(&index, "facebook ja", 10).is_empty());
}

#[test]
fn building_is_deterministic() {
    let a = build_index("fi", &fixture(), &synonyms());
    let b = build_index("fi", &fixture(), &synonyms());
    assert_eq!(a.files, b.files);
    assert_eq!(a.entry, "fi/search/index.js");
}

#[test]
fn the_index_does_not_depend_on_the_chunks() {
    // Chunks' vocabularies are merged (the first taken whole) and their words
    // renumbered: any split must give the same index.
    let docs = fixture();
    let whole = Index::build_in_chunks("fi", &docs, &synonyms(), docs.len());
    assert_eq!(whole, Index::build("fi", &docs, &synonyms()));
    for size in [1, 2, 3] {
        let chunked = Index::build_in_chunks("fi", &docs, &synonyms(), size);
        assert_eq!(chunked, whole, "chunks of {size} pages");
    }
}

#[test]
fn words_stemmed_ahead_change_nothing() {
    // The pipeline stems the pages' Markdown ahead, for as long as it has time:
    // an index built with all, some or none of its words stemmed ahead is one.
    let docs = fixture();
    let texts: Vec<&str> = docs
        .iter()
        .flat_map(|d| d.sections.iter().map(|s| s.text.as_str()))
        .collect();
    let plain = Index::build("fi", &docs, &synonyms());
    for some in [texts.len(), 1] {
        let mut ahead = Analyzer::new("fi");
        ahead.learn(texts[..some].iter().copied(), &AtomicBool::new(false));
        assert!(ahead.learned() > 0);
        let built = Index::build_from(&ahead, "fi", docs.clone(), &synonyms(), None).0;
        assert_eq!(built, plain, "{some} texts stemmed ahead");
    }
}

#[test]
fn small_index_is_one_file() {
    let built = build_index("fi", &fixture(), &synonyms());
    assert_eq!(built.files.len(), 1);
    assert_eq!(built.stats.docs, 5);
    let gzip = crate::search::write::gzip_stats(&built);
    assert!(gzip.entry > 0 && gzip.entry < built.stats.raw_bytes);
}

#[test]
fn texts_are_capped_at_word_boundaries() {
    let long = "sana ".repeat(1000);
    let docs = vec![doc("a.html", "A", &[(None, &long)])];
    let index = Index::build("fi", &docs, &[]);
    let text = &index.targets[0].text;
    assert!(text.chars().count() <= TEXT_CAP + 1);
    assert!(text.ends_with("sana…"));
}

#[test]
fn empty_input_builds_an_empty_index() {
    let built = build_index("fi", &[], &[]);
    assert_eq!(built.files.len(), 1);
    assert_eq!(built.stats.docs, 0);
    let index = Index::build("en", &[], &[]);
    assert!(search(&index, "anything", 10).is_empty());
}

#[test]
fn impacts_grow_with_level() {
    let table = impact_table();
    assert_eq!(table.len(), LEVELS);
    assert!(table.windows(2).all(|w| w[0] < w[1]));
}

/// Keeps every chunk, counting hits.
#[derive(Default)]
struct Store {
    chunks: std::sync::Mutex<std::collections::HashMap<u64, Tokenized>>,
    hits: std::sync::atomic::AtomicUsize,
}

impl ChunkStore for Store {
    fn get(&self, key: u64) -> Option<Tokenized> {
        let hit = self.chunks.lock().ok()?.get(&key).cloned();
        if hit.is_some() {
            self.hits.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        }
        hit
    }

    fn put(&self, key: u64, chunk: Tokenized) {
        if let Ok(mut chunks) = self.chunks.lock() {
            chunks.insert(key, chunk);
        }
    }
}

#[test]
fn reusing_tokenized_chunks_builds_the_same_index() {
    let mut docs: Vec<SearchDoc> = (0..3 * PAGE_CHUNK)
        .map(|i| {
            let body = format!("Sivu {i} kertoo kanavasta numero {}.", i % 7);
            doc(
                &format!("p{i}.html"),
                &format!("Otsikko {i}"),
                &[(None, &body)],
            )
        })
        .collect();
    let store = Store::default();
    let fi = Analyzer::new("fi");
    let first = Index::build_from(&fi, "fi", docs.clone(), &[], Some(&store)).0;
    assert_eq!(first, Index::build("fi", &docs, &[]));
    assert_eq!(store.hits.load(std::sync::atomic::Ordering::Relaxed), 0);

    docs[PAGE_CHUNK + 1].sections[0].text = "Uusi teksti Facebookista.".into();
    let again = Index::build_from(&fi, "fi", docs.clone(), &[], Some(&store)).0;
    assert_eq!(again, Index::build("fi", &docs, &[]));
    assert_eq!(
        store.hits.load(std::sync::atomic::Ordering::Relaxed),
        2,
        "the two chunks without the edit"
    );
    assert!(!search(&again, "facebookista", 5).is_empty());
}

#[test]
fn quantizing_by_table_equals_searching_the_bounds() {
    let q = Quantizer::new();
    let mut values = vec![
        0.0,
        -1.0,
        f64::NAN,
        f64::INFINITY,
        1e-300,
        1e300,
        MAX_IMPACT,
    ];
    for &b in &q.bounds {
        let bits = b.to_bits();
        values.extend([b, f64::from_bits(bits - 1), f64::from_bits(bits + 1)]);
    }
    values.extend((0..200_000).map(|i| f64::from(i) * 0.00031));
    for v in values {
        assert_eq!(q.level(v), q.level_by_search(v), "{v}");
    }
}
