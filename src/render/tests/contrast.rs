//! The default stylesheet's colours meet WCAG 2.1 AA in both colour schemes: 4.5:1 for
//! text, 3:1 for focus rings, borders of controls and other UI parts.

use std::collections::BTreeMap;

use crate::render::embedded;

/// (foreground, background) custom properties that carry text.
const TEXT: &[(&str, &str)] = &[
    ("text", "bg"),
    ("text", "bg-soft"),
    ("text", "current-bg"),
    ("text", "code-bg"),
    ("text-muted", "bg"),
    ("text-muted", "bg-soft"),
    ("link", "bg"),
    ("link", "bg-soft"),
    ("link", "current-bg"),
    ("link-hover", "bg"),
    ("link-visited", "bg"),
    ("header-text", "header-bg"),
    ("note-text", "note-bg"),
    ("tip-text", "tip-bg"),
    ("important-text", "important-bg"),
    ("warning-text", "warning-bg"),
    ("caution-text", "caution-bg"),
    ("text", "note-bg"),
    ("text", "tip-bg"),
    ("text", "important-bg"),
    ("text", "warning-bg"),
    ("text", "caution-bg"),
    ("link", "note-bg"),
    ("link", "warning-bg"),
    ("link", "caution-bg"),
    ("tip-text", "bg"),
    ("caution-text", "bg"),
];

/// (foreground, background) pairs of UI parts: focus rings, control borders, markers.
const UI: &[(&str, &str)] = &[
    ("focus", "bg"),
    ("focus", "bg-soft"),
    ("header-focus", "header-bg"),
    ("border-strong", "bg"),
    ("border-strong", "bg-soft"),
    ("accent", "bg"),
    ("note", "note-bg"),
    ("tip", "tip-bg"),
    ("important", "important-bg"),
    ("warning", "warning-bg"),
    ("caution", "caution-bg"),
];

fn stylesheet() -> String {
    let bytes = embedded::STATIC
        .iter()
        .find(|(name, _)| *name == "style.css")
        .map(|(_, bytes)| *bytes)
        .unwrap_or_default();
    String::from_utf8_lossy(bytes).into_owned()
}

/// `--name: #rrggbb;` declarations of the first `{ ... }` block after `marker`.
fn colours(css: &str, marker: &str) -> BTreeMap<String, [u8; 3]> {
    let start = css.find(marker).expect("colour block");
    let block = &css[start..];
    let block = &block[..block.find('}').unwrap_or(block.len())];
    block
        .lines()
        .filter_map(|line| {
            let (name, value) = line.trim().strip_prefix("--")?.split_once(':')?;
            let hex = value.trim().strip_prefix('#')?.strip_suffix(';')?;
            let channel = |i: usize| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok();
            Some((name.to_string(), [channel(0)?, channel(2)?, channel(4)?]))
        })
        .collect()
}

fn luminance(rgb: [u8; 3]) -> f64 {
    let lin = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.03928 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * lin(rgb[0]) + 0.7152 * lin(rgb[1]) + 0.0722 * lin(rgb[2])
}

fn ratio(a: [u8; 3], b: [u8; 3]) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

#[test]
fn colours_meet_wcag_aa_in_light_and_dark() {
    let css = stylesheet();
    let light = colours(&css, ":root {\n  color-scheme");
    let mut dark = light.clone();
    dark.extend(colours(&css, "@media (prefers-color-scheme: dark)"));
    let mut failures = Vec::new();
    for (scheme, palette) in [("light", &light), ("dark", &dark)] {
        for (pairs, needed) in [(TEXT, 4.5), (UI, 3.0)] {
            for (fg, bg) in pairs {
                let (Some(f), Some(b)) = (palette.get(*fg), palette.get(*bg)) else {
                    failures.push(format!(
                        "{scheme}: --{fg} or --{bg} is not a #rrggbb colour"
                    ));
                    continue;
                };
                let r = ratio(*f, *b);
                if r < needed {
                    failures.push(format!(
                        "{scheme}: --{fg} on --{bg} is {r:.2}:1, needs {needed}:1"
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}
