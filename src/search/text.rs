//! Display text of pages and result targets: white space collapsed, cut at a word
//! boundary. Every text of a site passes through here once per build.

/// Collapses ASCII white space and cuts at a word boundary after at most `cap`
/// characters, marking the cut with `…`.
///
/// Page text comes with its white space collapsed already (see
/// `markdown::plain`), so most texts only need copying, and long ones cutting.
pub(super) fn clean(text: &str, cap: usize) -> String {
    if !is_collapsed(text.as_bytes()) {
        return clean_slow(text, cap);
    }
    // Character `cap` (counting from 0) starts at `cut`, if the text has one.
    let cut = if text.len() <= cap {
        None
    } else {
        text.char_indices().nth(cap).map(|(i, _)| i)
    };
    let Some(cut) = cut else {
        return text.to_owned();
    };
    // A word cut in two is dropped, unless it is the only one.
    let end = if text.as_bytes()[cut] == b' ' {
        cut
    } else {
        text[..cut].rfind(' ').unwrap_or(cut)
    };
    let mut out = String::with_capacity(end + '…'.len_utf8());
    out.push_str(&text[..end]);
    out.push('…');
    out
}

/// Whether a text has no control characters (so no white space but spaces), no
/// two spaces in a row and none at either end. One pass without early exit over
/// pairs of bytes, with byte-sized flags: it compiles to vector instructions.
fn is_collapsed(bytes: &[u8]) -> bool {
    let (Some(&first), Some(&last)) = (bytes.first(), bytes.last()) else {
        return true;
    };
    let bad = |a: u8, b: u8| u8::from(a < 0x20) | (u8::from(a == b' ') & u8::from(b == b' '));
    let pairs = bytes.iter().zip(&bytes[1..]);
    let flags = pairs.fold(0u8, |acc, (&a, &b)| acc | bad(a, b));
    flags == 0 && first != b' ' && last > b' '
}

/// [`clean`] for any text: byte by byte.
fn clean_slow(text: &str, cap: usize) -> String {
    let mut out: Vec<u8> = Vec::with_capacity(text.len().min(cap.saturating_mul(2)));
    let (mut chars, mut space, mut last_word_end) = (0usize, false, 0usize);
    for &b in text.as_bytes() {
        if b.is_ascii_whitespace() {
            space = !out.is_empty();
            continue;
        }
        let starts_char = b & 0xC0 != 0x80;
        if space {
            if chars + 1 > cap {
                out.extend_from_slice("…".as_bytes());
                break;
            }
            last_word_end = out.len();
            out.push(b' ');
            chars += 1;
            space = false;
        }
        if starts_char {
            if chars + 1 > cap {
                // Cut inside a word: drop it, unless it is the only one.
                if last_word_end > 0 {
                    out.truncate(last_word_end);
                }
                out.extend_from_slice("…".as_bytes());
                break;
            }
            chars += 1;
        }
        out.push(b);
    }
    // Only whole characters were copied, so this never fails.
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_collapses_space_and_cuts_between_words() {
        assert_eq!(clean("  a \n b\tc  ", 100), "a b c");
        assert_eq!(clean("yksi kaksi kolme", 8), "yksi…");
        assert_eq!(clean("yksi kaksi kolme", 10), "yksi kaksi…");
        assert_eq!(clean("yksi kaksi", 10), "yksi kaksi");
        assert_eq!(clean("pitkäsana", 4), "pitk…");
        assert_eq!(clean("", 4), "");
    }

    #[test]
    fn the_fast_path_agrees_with_the_slow_one() {
        let texts = [
            "a",
            "yksi kaksi kolme",
            "yksi  kaksi",
            " yksi",
            "yksi ",
            "yksi\nkaksi",
            "äää ööö åå",
            "pitkäsana",
            "a bb ccc dddd eeeee",
            "x\u{a0}y z",
            "a\u{1}b",
            "a\u{1}",
            "\ta",
        ];
        for text in texts {
            for cap in 0..22 {
                assert_eq!(clean(text, cap), clean_slow(text, cap), "{text:?} {cap}");
            }
        }
    }
}
