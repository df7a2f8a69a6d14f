//! Writing the few YAML shapes the corpus needs, quoting only when a plain
//! scalar would be misread.

use crate::bank::Pair;

/// `s` as a YAML scalar: plain when that is safe, double-quoted otherwise.
pub fn quote(s: &str) -> String {
    let risky_start =
        s.starts_with(|c: char| "-?:,[]{}#&*!|>'\"%@`~ ".contains(c) || c.is_ascii_digit());
    let risky_inner = s.contains(": ") || s.contains(" #") || s.ends_with(':') || s.ends_with(' ');
    let keyword = matches!(
        s.to_ascii_lowercase().as_str(),
        "" | "yes" | "no" | "true" | "false" | "on" | "off" | "null" | "y" | "n"
    );
    if risky_start || risky_inner || keyword {
        let escaped = s.replace('\\', "\\\\").replace('"', "\\\"");
        format!("\"{escaped}\"")
    } else {
        s.to_string()
    }
}

/// `key:` followed by `fi:` and `en:` values.
pub fn write_map(out: &mut String, key: &str, pair: Pair) {
    out.push_str(&format!(
        "{key}:\n  fi: {}\n  en: {}\n",
        quote(pair[0]),
        quote(pair[1])
    ));
}

/// `key:` followed by a list per language.
pub fn write_list_map(out: &mut String, key: &str, items: &[Pair]) {
    out.push_str(&format!("{key}:\n"));
    for (lang, l) in [("fi", 0), ("en", 1)] {
        out.push_str(&format!("  {lang}:\n"));
        for item in items {
            out.push_str(&format!("    - {}\n", quote(item[l])));
        }
    }
}
