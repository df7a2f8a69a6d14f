//! Request paths to keys of the in-memory output: decoding and refusing anything that climbs.
//!
//! The server only ever looks keys up in the built site's map, so no request can
//! reach the disk; this module still refuses every path that *tries* to leave the
//! output (`..`, `%2e%2e`, encoded slashes, backslashes, drive letters, NUL), so a
//! future change to the lookup cannot turn into a traversal hole.

/// What a request path asks for, once it is known to stay inside the output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A file key (`fi/ohje.html`), or a folder key ending in `/` (`fi/`, `` for the root).
    Key(String),
    /// Refused: served as a 404, like a file that does not exist.
    Refused,
}

/// Turns the path part of a request URL (`/fi/ohje.html?x#y`) into a key of the
/// output map. A folder (`/fi/` or `` `/` ``) becomes the folder's prefix ending in `/`.
pub fn resolve(url: &str) -> Target {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let Some(path) = path.strip_prefix('/') else {
        return Target::Refused;
    };
    // Check the segments as they were sent and as they decode: an encoded `/`
    // (`%2f`) or `\` must not create segments the raw check did not see.
    let Some(decoded) = percent_decode(path) else {
        return Target::Refused;
    };
    if decoded.contains(['\\', '\0', ':']) || decoded.starts_with('/') {
        return Target::Refused;
    }
    if decoded.split('/').any(|s| s == ".." || s == ".") {
        return Target::Refused;
    }
    if decoded.contains("//") {
        return Target::Refused;
    }
    if has_encoded_separator(path) {
        return Target::Refused;
    }
    Target::Key(decoded)
}

/// The key of the page a folder key serves: `fi/` -> `fi/index.html`, `` -> `index.html`.
pub fn index_of(folder: &str) -> String {
    format!("{folder}index.html")
}

/// `%2f`, `%5c` in the raw path: a separator smuggled inside one segment.
fn has_encoded_separator(raw: &str) -> bool {
    let lower = raw.to_ascii_lowercase();
    lower.contains("%2f") || lower.contains("%5c")
}

/// Decodes `%XX` escapes; `None` for a broken escape or bytes that are not UTF-8.
/// `+` stays a `+`: it only means a space in query strings, not in paths.
pub fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            let hi = (hex[0] as char).to_digit(16)?;
            let lo = (hex[1] as char).to_digit(16)?;
            out.push(u8::try_from(hi * 16 + lo).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(s: &str) -> Target {
        Target::Key(s.to_string())
    }

    #[test]
    fn plain_paths_become_keys() {
        assert_eq!(resolve("/"), key(""));
        assert_eq!(resolve("/fi/"), key("fi/"));
        assert_eq!(resolve("/fi/ohje.html"), key("fi/ohje.html"));
        assert_eq!(resolve("/fi/ohje.html?x=1#top"), key("fi/ohje.html"));
        assert_eq!(resolve("/fi/k%C3%A4ytt%C3%B6.html"), key("fi/käyttö.html"));
        assert_eq!(resolve("/a+b.html"), key("a+b.html"));
    }

    #[test]
    fn climbing_out_is_refused() {
        for url in [
            "/../etc/passwd",
            "/fi/../../etc/passwd",
            "/fi/..",
            "/%2e%2e/etc/passwd",
            "/%2E%2E/%2E%2E/etc/passwd",
            "/fi/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
            "/fi%2f..%2f..%2fetc",
            "/fi/ohje.html%2f",
            "/..%5c..%5cwindows",
            "/fi\\..\\..\\etc",
            "/fi/%5c%5cserver",
            "//etc/passwd",
            "/%2fetc/passwd",
            "/C:/Windows/win.ini",
            "/c%3a/windows",
            "/./index.html",
            "/fi/%00.html",
            "/%",
            "/%zz",
            "/%ff%fe",
            "etc/passwd",
            "http://example.com/",
        ] {
            assert_eq!(resolve(url), Target::Refused, "{url}");
        }
    }

    #[test]
    fn folders_serve_their_index() {
        assert_eq!(index_of(""), "index.html");
        assert_eq!(index_of("fi/"), "fi/index.html");
    }
}
