//! A small site around the shipped handbook's search index, for the browser tests:
//! one plain HTML page per document, each with the real search partial
//! (`themes/default/templates/search.html`, rendered with Tera) and the real
//! `search.js`, and the index files exactly as `build_index` writes them.

use std::fs;
use std::path::{Path, PathBuf};

use handbook::search::{SearchDoc, build_index};

use super::content;

/// A site written to disk.
pub struct Site {
    pub dir: PathBuf,
}

impl Site {
    /// The `file://` URL of a path inside the site.
    pub fn file_url(&self, rel: &str) -> String {
        format!("file://{}/{rel}", self.dir.display())
    }
}

fn theme_file(rel: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("themes/default")
        .join(rel);
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// UI strings the partial needs, per language.
fn ui(lang: &str) -> serde_json::Value {
    let fi = lang == "fi";
    serde_json::json!({
        "search_label": if fi { "Hae käsikirjasta" } else { "Search the handbook" },
        "search_placeholder": if fi { "Hae, esim. Facebook" } else { "Search, e.g. Facebook" },
        "search_results_label": if fi { "Hakutulokset" } else { "Search results" },
        "search_results": if fi { "{n} tulosta" } else { "{n} results" },
        "search_one_result": if fi { "1 tulos" } else { "1 result" },
        "search_no_results": if fi { "Ei tuloksia." } else { "No results." },
        "search_unavailable": if fi { "Haku ei ole käytettävissä." } else { "Search is not available." },
        "search_hint": if fi { "Valitse nuolinäppäimillä." } else { "Choose with the arrow keys." },
    })
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Writes the site of the given languages into `dir` (emptied first).
pub fn write(dir: &Path, langs: &[&str], docs_of: impl Fn(&str) -> Vec<SearchDoc>) -> Site {
    let _ = fs::remove_dir_all(dir);
    let mut tera = tera::Tera::new();
    tera.add_raw_template("search.html", &theme_file("templates/search.html"))
        .unwrap_or_else(|e| panic!("search.html: {e}"));
    let put = |rel: &str, bytes: &[u8]| {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{}: {e}", parent.display()));
        }
        fs::write(&path, bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    };
    put(
        "static/search.js",
        theme_file("static/search.js").as_bytes(),
    );
    put(
        "static/search.css",
        theme_file("static/search.css").as_bytes(),
    );
    for &lang in langs {
        let docs = docs_of(lang);
        let index = build_index(lang, &docs, &content::synonyms(lang));
        for f in &index.files {
            put(&f.path, &f.bytes);
        }
        for doc in &docs {
            let rel = format!("{lang}/{}", doc.href);
            let root = "../".repeat(rel.matches('/').count());
            let mut ctx = tera::Context::new();
            ctx.insert(
                "site",
                &serde_json::json!({
                    "lang": lang,
                    "root": root,
                    "static": format!("{root}static/"),
                    "search_index": [format!("{root}{}", index.entry)],
                }),
            );
            ctx.insert("ui", &ui(lang));
            let search = tera
                .render("search.html", &ctx)
                .unwrap_or_else(|e| panic!("render: {e}"));
            let mut body = String::new();
            for s in &doc.sections {
                if let Some(h) = &s.heading {
                    let id = s.id.as_deref().unwrap_or_default();
                    body.push_str(&format!("<h2 id=\"{}\">{}</h2>\n", escape(id), escape(h)));
                }
                body.push_str(&format!("<p>{}</p>\n", escape(&s.text)));
            }
            let html = format!(
                "<!doctype html>\n<html lang=\"{lang}\">\n<head><meta charset=\"utf-8\"><title>{title}</title></head>\n<body>\n<header>{search}</header>\n<main><h1>{title}</h1>\n{body}</main>\n</body>\n</html>\n",
                title = escape(&doc.title)
            );
            put(&rel, html.as_bytes());
        }
    }
    Site {
        dir: dir.to_path_buf(),
    }
}

/// The shipped handbook's site in the test's scratch folder.
pub fn shipped(name: &str) -> Site {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    write(&dir, &["fi", "en"], content::docs)
}
