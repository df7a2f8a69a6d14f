//! The one-page print version: each page's HTML re-homed inside `<lang>/print.html`.
//!
//! Page HTML is written for the page's own location. On the print page every id is
//! prefixed with the page's part id, links to pages of the print page become
//! in-page anchors, and other relative URLs are re-based to the print page.

use crate::assemble::relative_href;
use std::collections::HashMap;

/// The part id of a page on the print page: `fi/kanavat/facebook.html` -> `p-kanavat-facebook`.
pub fn part_id(output: &str) -> String {
    let path = output.split_once('/').map_or(output, |(_, rest)| rest);
    let path = path.strip_suffix(".html").unwrap_or(path);
    let mut id = String::from("p-");
    for c in path.chars() {
        id.push(if c.is_alphanumeric() { c } else { '-' });
    }
    id
}

/// Re-homes `html`, written for `page_output`, into `print_output`; `parts` maps
/// every page output on the print page to its part id.
pub fn rehome(
    html: &str,
    page_output: &str,
    print_output: &str,
    parts: &HashMap<String, String>,
) -> String {
    let own = parts.get(page_output).map_or("p", String::as_str);
    let page_dir = page_output.rsplit_once('/').map_or("", |(d, _)| d);
    let mut out = String::with_capacity(html.len() + 256);
    let mut rest = html;
    // One pass over every `name="value"`; only the names below are rewritten.
    while let Some(eq) = rest.find("=\"") {
        let value_start = eq + 2;
        let Some(len) = rest[value_start..].find('"') else {
            break;
        };
        let name = attribute_name(&rest[..eq]);
        let value = &rest[value_start..value_start + len];
        out.push_str(&rest[..value_start]);
        match name {
            "href" | "src" => out.push_str(&rebase(value, own, page_dir, print_output, parts)),
            "id" | "aria-labelledby" | "aria-describedby" => {
                // Space-separated id lists.
                for (k, v) in value.split(' ').enumerate() {
                    if k > 0 {
                        out.push(' ');
                    }
                    out.push_str(own);
                    out.push_str("--");
                    out.push_str(v);
                }
            }
            _ => out.push_str(value),
        }
        rest = &rest[value_start + len..];
    }
    out.push_str(rest);
    out
}

/// The attribute name just before `=`: the word after the last space.
fn attribute_name(before: &str) -> &str {
    let start = before
        .rfind(|c: char| c.is_ascii_whitespace())
        .map_or(0, |i| i + 1);
    &before[start..]
}

fn rebase(
    url: &str,
    own: &str,
    page_dir: &str,
    print_output: &str,
    parts: &HashMap<String, String>,
) -> String {
    if let Some(frag) = url.strip_prefix('#') {
        return format!("#{own}--{frag}");
    }
    let external = url.starts_with("//") || url.starts_with('/') || url.contains(':');
    if external || url.is_empty() {
        return url.to_string();
    }
    let (path, frag) = url
        .split_once('#')
        .map_or((url, None), |(p, f)| (p, Some(f)));
    let Some(target) = crate::assemble::normalize_path(page_dir, path) else {
        return url.to_string();
    };
    match (parts.get(&target), frag) {
        (Some(part), Some(f)) => format!("#{part}--{f}"),
        (Some(part), None) => format!("#{part}"),
        (None, _) => {
            let href = relative_href(print_output, &target);
            frag.map_or(href.clone(), |f| format!("{href}#{f}"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rehomes_ids_links_and_images() {
        let mut parts = HashMap::new();
        parts.insert(
            "fi/kanavat/a.html".to_string(),
            part_id("fi/kanavat/a.html"),
        );
        parts.insert("fi/ohje.html".to_string(), part_id("fi/ohje.html"));
        let html = r##"<h2 id="x">X <a href="#x">#</a></h2><a href="../ohje.html#y">o</a><img src="kuva.svg" alt=""><a href="https://e.fi/#z">e</a><a href="../channels/c.html">c</a>"##;
        let got = rehome(html, "fi/kanavat/a.html", "fi/print.html", &parts);
        assert_eq!(
            got,
            r##"<h2 id="p-kanavat-a--x">X <a href="#p-kanavat-a--x">#</a></h2><a href="#p-ohje--y">o</a><img src="kanavat/kuva.svg" alt=""><a href="https://e.fi/#z">e</a><a href="channels/c.html">c</a>"##
        );
    }
}
