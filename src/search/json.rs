//! The index's script statements and the JSON of its shards, written straight
//! into each file's buffer.
//!
//! Shards hold every text of a site (the snippets) and every posting, megabytes at
//! a few thousand pages, so they are not built as serde values and serialized, which
//! went through the text once per character and grew buffers many times. The
//! output is the JSON serde_json writes for the same data; tests compare the two.

use std::ops::Range;

use super::index::Index;

/// Opens the statement that registers `part` of `lang`'s index with `search.js`,
/// creating the queue when the script is not loaded yet. [`close_call`] ends it.
pub fn open_call(out: &mut String, lang: &str, part: &str) {
    out.push_str(
        "(globalThis.__handbookSearch=globalThis.__handbookSearch||{q:[],add:function(){this.q.push(arguments)}}).add(",
    );
    push_str(out, lang);
    out.push(',');
    push_str(out, part);
    out.push(',');
}

pub fn close_call(out: &mut String) {
    out.push_str(");\n");
}

/// A key shard: `{"k":[keys],"p":[postings]}`, the postings already encoded (in
/// an alphabet that needs no escapes).
pub fn key_shard<'a>(out: &mut String, keys: &[String], postings: impl Iterator<Item = &'a str>) {
    out.push_str("{\"k\":[");
    for (i, k) in keys.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_str(out, k);
    }
    out.push_str("],\"p\":[");
    for (i, p) in postings.enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push('"');
        out.push_str(p);
        out.push('"');
    }
    out.push_str("]}");
}

/// A page shard: `{"first":n,"pages":[[href,title,crumb,[[anchor,heading,text],..]],..]}`.
pub fn page_shard(out: &mut String, index: &Index, pages: Range<usize>) {
    out.push_str("{\"first\":");
    out.push_str(&pages.start.to_string());
    out.push_str(",\"pages\":[");
    let first_target = index
        .targets
        .partition_point(|t| (t.page as usize) < pages.start);
    let mut targets = index.targets[first_target..].iter().peekable();
    for (page_no, p) in pages.clone().zip(&index.pages[pages.clone()]) {
        if page_no > pages.start {
            out.push(',');
        }
        out.push('[');
        for s in [&p.href, &p.title, &p.crumb] {
            push_str(out, s);
            out.push(',');
        }
        out.push('[');
        let mut first = true;
        while let Some(t) = targets.next_if(|t| t.page as usize == page_no) {
            if !first {
                out.push(',');
            }
            first = false;
            out.push('[');
            push_str(out, &t.anchor);
            out.push(',');
            push_str(out, &t.heading);
            out.push(',');
            push_str(out, &t.text);
            out.push(']');
        }
        out.push_str("]]");
    }
    out.push_str("]}");
}

/// Appends `s` as a JSON string, escaped as serde_json does: `"`, `\` and control
/// characters only.
pub fn push_str(out: &mut String, s: &str) {
    out.push('"');
    // Most texts need no escape: one vectorizable pass, then a single copy.
    let clean = !s.bytes().fold(false, |acc, b| acc | needs_escape(b));
    if clean {
        out.push_str(s);
    } else {
        let mut rest = s;
        while let Some(i) = rest.bytes().position(needs_escape) {
            out.push_str(&rest[..i]);
            push_escape(out, rest.as_bytes()[i]);
            rest = &rest[i + 1..];
        }
        out.push_str(rest);
    }
    out.push('"');
}

fn needs_escape(b: u8) -> bool {
    b < 0x20 || b == b'"' || b == b'\\'
}

fn push_escape(out: &mut String, b: u8) {
    match b {
        b'"' => out.push_str("\\\""),
        b'\\' => out.push_str("\\\\"),
        b'\n' => out.push_str("\\n"),
        b'\r' => out.push_str("\\r"),
        b'\t' => out.push_str("\\t"),
        0x08 => out.push_str("\\b"),
        0x0c => out.push_str("\\f"),
        _ => {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.push_str("\\u00");
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xf)]));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::index::{Page, Target};
    use super::*;

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let mut all_bytes = String::new();
        for c in (0u8..0x80)
            .map(char::from)
            .chain(['ä', '€', '\u{2028}', '😀'])
        {
            all_bytes.push(c);
        }
        for s in [
            "",
            "kanava",
            "\"quoted\" \\ back",
            "line\nbreak\ttab",
            &all_bytes,
        ] {
            let mut out = String::new();
            push_str(&mut out, s);
            assert_eq!(out, serde_json::to_string(s).unwrap_or_default(), "{s:?}");
        }
    }

    #[test]
    fn shards_are_the_json_of_their_data() {
        let page = |href: &str| Page {
            href: href.into(),
            title: "Otsikko \"lainaus\"".into(),
            crumb: String::new(),
        };
        let target = |page, anchor: &str| Target {
            page,
            anchor: anchor.into(),
            heading: anchor.to_uppercase(),
            text: "Teksti\\".into(),
        };
        let index = Index {
            lang: "fi".into(),
            pages: vec![page("a.html"), page("b.html"), page("c.html")],
            targets: vec![target(0, ""), target(0, "x"), target(2, ""), target(2, "y")],
            keys: Vec::new(),
            postings: Vec::new(),
            stopwords: Vec::new(),
            synonyms: Vec::new(),
        };
        for range in [0..3, 1..3, 2..3, 1..2] {
            let mut out = String::new();
            page_shard(&mut out, &index, range.clone());
            let rows: Vec<_> = range
                .clone()
                .map(|p| {
                    let pg = &index.pages[p];
                    let targets: Vec<_> = index
                        .targets
                        .iter()
                        .filter(|t| t.page as usize == p)
                        .map(|t| (&t.anchor, &t.heading, &t.text))
                        .collect();
                    (&pg.href, &pg.title, &pg.crumb, targets)
                })
                .collect();
            let expected = serde_json::json!({ "first": range.start, "pages": rows });
            assert_eq!(out, expected.to_string(), "{range:?}");
        }
        let keys = vec!["kanav".to_owned(), "some \"x\"".to_owned()];
        let mut out = String::new();
        key_shard(&mut out, &keys, ["#$", "%"].into_iter());
        let expected = serde_json::json!({ "k": keys, "p": ["#$", "%"] });
        assert_eq!(out, expected.to_string());
    }
}
