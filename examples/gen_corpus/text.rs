//! Turning a language's text bank into sentences and paragraphs.

use crate::rng::Rng;

/// Everything one language needs to write running text. `{text}` and
/// `{href}` in the link phrases, and `{title}` in descriptions and
/// introductions, are replaced when used.
pub struct Text {
    /// Whole sentences.
    pub fixed: &'static [&'static str],
    /// Sentences with `{SLOT}` placeholders filled from `slots`.
    pub templates: &'static [&'static str],
    /// Slot name -> the values it may take, already inflected.
    pub slots: &'static [(&'static str, &'static [&'static str])],
    pub bullets: &'static [&'static str],
    pub steps: &'static [&'static str],
    pub chapter_links: &'static [&'static str],
    pub anchor_links: &'static [&'static str],
    pub channel_links: &'static [&'static str],
    pub footnotes: &'static [&'static str],
    pub descriptions: &'static [&'static str],
    /// Header rows of the two kinds of table: channels, and who does what.
    pub table_headers: [&'static str; 2],
    pub front_description: &'static str,
    pub front_intro: &'static str,
    pub front_channels: &'static str,
    pub section_intro: &'static str,
    /// "part", to tell apart sections that reuse a name.
    pub part: &'static str,
}

impl Text {
    /// One sentence: a fixed one or a filled template, sometimes with a word
    /// set in bold or italics.
    pub fn sentence(&self, rng: &mut Rng) -> String {
        if rng.chance(45) {
            let s = *rng.pick(self.fixed);
            if rng.chance(10) {
                emphasize_a_word(s, rng)
            } else {
                s.to_string()
            }
        } else {
            let template = *rng.pick(self.templates);
            self.fill(template, rng)
        }
    }

    /// `n` sentences, (almost always) no sentence twice.
    pub fn paragraph(&self, rng: &mut Rng, n: usize) -> String {
        let mut sentences: Vec<String> = Vec::with_capacity(n);
        for _ in 0..n {
            let mut s = self.sentence(rng);
            for _ in 0..3 {
                if !sentences.contains(&s) {
                    break;
                }
                s = self.sentence(rng);
            }
            sentences.push(s);
        }
        sentences.join(" ")
    }

    /// Replaces every `{SLOT}` in `template`; one slot's values don't repeat
    /// within a sentence ("friendly and friendly").
    fn fill(&self, template: &str, rng: &mut Rng) -> String {
        let mut out = String::with_capacity(template.len() + 64);
        let mut used: Vec<&str> = Vec::new();
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let close = open + rest[open..].find('}').expect("template slot is closed");
            let name = &rest[open + 1..close];
            let values = self.slot(name);
            let mut value = *rng.pick(values);
            for _ in 0..4 {
                if !used.contains(&value) {
                    break;
                }
                value = *rng.pick(values);
            }
            used.push(value);
            let emphasize = name.starts_with('P') || name.starts_with('T');
            if emphasize && rng.chance(6) {
                out.push_str(&format!("**{value}**"));
            } else if emphasize && rng.chance(4) {
                out.push_str(&format!("*{value}*"));
            } else {
                out.push_str(value);
            }
            rest = &rest[close + 1..];
        }
        out.push_str(rest);
        capitalize(&out)
    }

    fn slot(&self, name: &str) -> &'static [&'static str] {
        self.slots
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| *v)
            .unwrap_or_else(|| panic!("text bank has no slot {{{name}}}"))
    }
}

/// `s` with its first letter upper-cased (markup before it is skipped).
pub fn capitalize(s: &str) -> String {
    match s.char_indices().find(|(_, c)| c.is_alphabetic()) {
        Some((i, c)) if c.is_lowercase() => {
            let mut out = String::with_capacity(s.len() + 2);
            out.push_str(&s[..i]);
            out.extend(c.to_uppercase());
            out.push_str(&s[i + c.len_utf8()..]);
            out
        }
        _ => s.to_string(),
    }
}

/// `s` with its first letter lower-cased, for a title used mid-sentence.
pub fn decapitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Wraps one longer plain word of `s` in `**` or `*`.
fn emphasize_a_word(s: &str, rng: &mut Rng) -> String {
    let words: Vec<&str> = s.split(' ').collect();
    let candidates: Vec<usize> = (0..words.len())
        .filter(|&i| {
            let w = words[i].trim_end_matches([',', '.', ':']);
            w.chars().count() >= 6 && w.chars().all(char::is_alphabetic)
        })
        .collect();
    if candidates.is_empty() {
        return s.to_string();
    }
    let i = *rng.pick(&candidates);
    let word = words[i];
    let core = word.trim_end_matches([',', '.', ':']);
    let tail = &word[core.len()..];
    let mark = if rng.chance(60) { "**" } else { "*" };
    let mut out: Vec<String> = words.iter().map(|w| w.to_string()).collect();
    out[i] = format!("{mark}{core}{mark}{tail}");
    out.join(" ")
}
