//! Raw HTML written in Markdown: kept as it is, but scanned for `<script>` and for ids
//! that links may point at.

/// Byte offset of the first `<script` tag (any case) in `html`.
pub(super) fn find_script(html: &str) -> Option<usize> {
    const TAG: &[u8] = b"<script";
    let bytes = html.as_bytes();
    let mut from = 0;
    while let Some(at) = memchr_lt(&bytes[from..]).map(|i| from + i) {
        let name = bytes.get(at..at + TAG.len());
        let after = bytes.get(at + TAG.len()).copied();
        // `<script>`, `<script src>`, `<script/>`, but not `<scripted-thing>`.
        let ends = after.is_none_or(|b| !(b.is_ascii_alphanumeric() || b == b'-'));
        if name.is_some_and(|n| n.eq_ignore_ascii_case(TAG)) && ends {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

fn memchr_lt(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == b'<')
}

/// Calls `found` with the value of every `id` attribute in `html`.
pub(super) fn ids_in(html: &str, mut found: impl FnMut(&str)) {
    let bytes = html.as_bytes();
    let mut from = 0;
    while let Some(at) = find_ci(&bytes[from..], b"id=").map(|i| from + i) {
        from = at + 3;
        // Only a whole attribute name: ` id=`, not `data-id=` or `grid=`.
        if at == 0 || !bytes[at - 1].is_ascii_whitespace() {
            continue;
        }
        let rest = &html[from..];
        let value = match rest.as_bytes().first() {
            Some(&q @ (b'"' | b'\'')) => rest[1..].split(q as char).next(),
            Some(_) => rest
                .split(|c: char| c.is_ascii_whitespace() || c == '>')
                .next(),
            None => None,
        };
        if let Some(value) = value.filter(|v| !v.is_empty()) {
            found(value);
        }
    }
}

fn find_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_script_tags_only() {
        assert_eq!(find_script("<p>x</p><SCRIPT src=a>"), Some(8));
        assert_eq!(find_script("<script>"), Some(0));
        assert_eq!(find_script("a <script"), Some(2));
        assert_eq!(find_script("<scripted-thing>"), None);
        assert_eq!(find_script("</script>"), None);
        assert_eq!(find_script("script"), None);
    }

    #[test]
    fn finds_ids() {
        let mut ids = Vec::new();
        ids_in(
            r#"<a id="yksi"></a><b ID='kaksi' data-id="no"><i id=kolme>"#,
            |id| ids.push(id.to_owned()),
        );
        assert_eq!(ids, ["yksi", "kaksi", "kolme"]);
    }
}
