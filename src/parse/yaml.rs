//! serde_yaml, driven so its errors keep the file, line and column and gain hints.

use crate::error::{Diagnostic, did_you_mean};
use serde::de::DeserializeOwned;
use std::collections::BTreeMap;
use std::path::Path;

/// A YAML document inside a file, starting at `first_line` (1-based).
pub struct Doc<'a> {
    pub path: &'a Path,
    pub text: &'a str,
    pub first_line: usize,
}

impl Doc<'_> {
    /// Deserializes the document; an error names the file and the line in the file.
    pub fn parse<T: DeserializeOwned>(&self, what: &str) -> Result<T, Diagnostic> {
        serde_yaml::from_str(self.text).map_err(|e| self.error_from(&e, what))
    }

    fn error_from(&self, e: &serde_yaml::Error, what: &str) -> Diagnostic {
        let (message, mentioned) = strip_locations(&e.to_string());
        // "found unexpected end of stream at 5:1, while scanning a quoted scalar at 3:14":
        // the last place mentioned is where the broken value starts.
        let located = mentioned
            .last()
            .copied()
            .or_else(|| e.location().map(|l| (l.line(), l.column())));
        let (line, column) = match located {
            Some((line, column)) => (line + self.first_line - 1, column),
            None => (self.first_line, 1),
        };
        let mut d = Diagnostic::error(self.path, format!("{what}: {}", friendly(&message)))
            .at(line, column);
        if let Some(hint) = hint_for(&message) {
            d = d.with_hint(hint);
        }
        d
    }

    /// 1-based file line of every top-level key (`key:` at column 1).
    pub fn key_lines(&self) -> BTreeMap<String, usize> {
        let mut lines = BTreeMap::new();
        for (i, line) in self.text.lines().enumerate() {
            if line.starts_with([' ', '\t', '#', '-']) {
                continue;
            }
            if let Some((key, _)) = line.split_once(':') {
                let key = key.trim().trim_matches(['"', '\'']);
                if !key.is_empty() {
                    lines.entry(key.to_string()).or_insert(self.first_line + i);
                }
            }
        }
        lines
    }
}

/// Removes serde_yaml's " at line L column C" mentions, returning them in order.
fn strip_locations(full: &str) -> (String, Vec<(usize, usize)>) {
    const AT: &str = " at line ";
    let mut message = String::new();
    let mut found = Vec::new();
    let mut rest = full;
    while let Some(i) = rest.find(AT) {
        message.push_str(&rest[..i]);
        let after = &rest[i + AT.len()..];
        let digits = |s: &str| s.chars().take_while(char::is_ascii_digit).count();
        let line_len = digits(after);
        let col_part = after[line_len..].strip_prefix(" column ").unwrap_or("");
        let col_len = digits(col_part);
        match (after[..line_len].parse(), col_part[..col_len].parse()) {
            (Ok(l), Ok(c)) => {
                found.push((l, c));
                rest = &col_part[col_len..];
            }
            _ => {
                message.push_str(AT);
                rest = after;
            }
        }
    }
    message.push_str(rest);
    (message, found)
}

/// serde's messages in words an editor knows.
fn friendly(message: &str) -> String {
    message
        .replace("unknown field", "unknown key")
        .replace("missing field", "missing required key")
}

/// "did you mean" for unknown keys: serde lists the expected ones in its message.
fn hint_for(message: &str) -> Option<String> {
    let rest = message.strip_prefix("unknown field `")?;
    let (unknown, rest) = rest.split_once('`')?;
    let expected: Vec<&str> = rest
        .split('`')
        .skip(1)
        .step_by(2)
        .filter(|s| !s.is_empty())
        .collect();
    let known = expected.join(", ");
    Some(match did_you_mean(unknown, &expected) {
        Some(best) => format!("did you mean `{best}`? Known keys: {known}"),
        None => format!("known keys: {known}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code, reason = "only deserialized in tests")]
    struct T {
        title: String,
        weight: Option<i64>,
    }

    #[test]
    fn unknown_key_reports_file_line_and_hint() {
        let doc = Doc {
            path: Path::new("content/fi/a.md"),
            text: "title: A\ntitel: B\n",
            first_line: 2,
        };
        let e = doc.parse::<T>("front matter").unwrap_err();
        assert_eq!(e.location(), "content/fi/a.md:3:1");
        assert!(e.message.contains("unknown key `titel`"), "{}", e.message);
        assert!(e.hint.unwrap().starts_with("did you mean `title`?"));
    }

    #[test]
    fn wrong_type_points_at_value() {
        let doc = Doc {
            path: Path::new("x.md"),
            text: "title: A\nweight: kymmenen\n",
            first_line: 2,
        };
        let e = doc.parse::<T>("front matter").unwrap_err();
        assert_eq!((e.line, e.column), (Some(3), Some(9)));
    }

    #[test]
    fn an_unclosed_quote_points_where_it_opens() {
        let doc = Doc {
            path: Path::new("x.md"),
            text: "weight: 1\ntitle: 'avoin\n",
            first_line: 2,
        };
        let e = doc.parse::<T>("front matter").unwrap_err();
        assert_eq!((e.line, e.column), (Some(3), Some(8)), "{}", e.message);
        assert!(!e.message.contains(" at line "), "{}", e.message);
    }

    #[test]
    fn key_lines_are_file_lines() {
        let doc = Doc {
            path: Path::new("x.md"),
            text: "title: A\n# c\nweight: 1\n",
            first_line: 2,
        };
        let lines = doc.key_lines();
        assert_eq!(lines["title"], 2);
        assert_eq!(lines["weight"], 4);
    }
}
