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
        let full = e.to_string();
        // serde_yaml appends " at line L column C"; the location is reported separately.
        let message = match full.find(" at line ") {
            Some(i) => &full[..i],
            None => full.as_str(),
        };
        let (line, column) = match e.location() {
            Some(loc) => (loc.line() + self.first_line - 1, loc.column()),
            None => (self.first_line, 1),
        };
        let mut d =
            Diagnostic::error(self.path, format!("{what}: {}", friendly(message))).at(line, column);
        if let Some(hint) = hint_for(message) {
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
