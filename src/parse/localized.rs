//! Localized values: one plain value for every language, or a map keyed by language.

use crate::error::{Diagnostic, did_you_mean};
use crate::model::{Localized, LocalizedList};
use serde_yaml::Value;
use std::collections::BTreeMap;
use std::path::Path;

/// Where a value sits, for messages.
pub struct At<'a> {
    pub path: &'a Path,
    pub key: &'a str,
    pub line: usize,
    pub languages: &'a [String],
}

impl At<'_> {
    fn error(&self, message: String) -> Diagnostic {
        Diagnostic::error(self.path, message).at_line(self.line)
    }

    fn check_lang(&self, lang: &str) -> Result<(), Diagnostic> {
        if self.languages.iter().any(|l| l == lang) {
            return Ok(());
        }
        let known: Vec<&str> = self.languages.iter().map(String::as_str).collect();
        let mut d = self.error(format!(
            "`{}` has a value for `{lang}`, which is not a language of the site",
            self.key
        ));
        d = match did_you_mean(lang, &known) {
            Some(best) => d.with_hint(format!("did you mean `{best}`?")),
            None => d.with_hint(format!("the site's languages are: {}", known.join(", "))),
        };
        Err(d)
    }

    fn map<T>(
        &self,
        value: &Value,
        one: impl Fn(&Value) -> Option<T>,
        expected: &str,
    ) -> Result<Localized<T>, Diagnostic> {
        if let Some(v) = one(value) {
            return Ok(Localized::Same(v));
        }
        let Value::Mapping(map) = value else {
            return Err(self.error(format!(
                "`{}` must be {expected}, or a map by language ({{fi: ..., en: ...}})",
                self.key
            )));
        };
        let mut out = BTreeMap::new();
        for (k, v) in map {
            let lang = scalar_text(k).unwrap_or_default();
            self.check_lang(&lang)?;
            let v = one(v)
                .ok_or_else(|| self.error(format!("`{}.{lang}` must be {expected}", self.key)))?;
            out.insert(lang, v);
        }
        Ok(Localized::PerLang(out))
    }

    pub fn text(&self, value: &Value) -> Result<Localized<String>, Diagnostic> {
        self.map(value, scalar_text, "text")
    }

    pub fn list(&self, value: &Value) -> Result<LocalizedList, Diagnostic> {
        self.map(value, list_of_text, "a list of texts")
    }
}

/// A scalar as text (numbers and booleans too: `name: 2026` is fine).
pub fn scalar_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn list_of_text(v: &Value) -> Option<Vec<String>> {
    match v {
        Value::Sequence(items) => items.iter().map(scalar_text).collect(),
        _ => None,
    }
}
