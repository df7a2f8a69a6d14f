//! Warnings about a site that can still be published: translations missing or
//! outdated, channel fields untranslated, reviews overdue.

use crate::assemble::Handbook;
use crate::error::{Diagnostic, Diagnostics};
use crate::model::{Date, Page};
use crate::render::channels::untranslated;

/// A short, stable digest of what a translator translates: the title and the text.
/// Front matter such as `reviewed` does not count, so a review alone does not
/// make translations outdated.
pub fn digest(page: &Page) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let text = page.body.replace("\r\n", "\n");
    for b in page
        .front
        .title
        .bytes()
        .chain([0])
        .chain(text.trim().bytes())
    {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{:08x}", hash >> 32)
}

/// Where a translation stands against its source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TranslationState {
    UpToDate,
    /// Has a translation, never marked with `translated_from`.
    Unmarked,
    /// The source changed since `translated_from`.
    Outdated,
    Missing,
}

/// The state of `lang`'s version of the default-language page `source`.
pub fn translation_state(hb: &Handbook, lang: &str, source: &Page) -> TranslationState {
    let Some(node) = hb.tree(lang).and_then(|t| t.node(&source.rel)) else {
        return TranslationState::Missing;
    };
    if node.is_fallback {
        return TranslationState::Missing;
    }
    match &hb.page(node).front.translated_from {
        None => TranslationState::Unmarked,
        Some(d) if *d == digest(source) => TranslationState::UpToDate,
        Some(_) => TranslationState::Outdated,
    }
}

/// Every quality warning of the site, as of `today`.
pub fn warnings(hb: &Handbook, today: Date) -> Diagnostics {
    let mut out = Diagnostics::new();
    let settings = &hb.sources.settings;
    let default = settings.default_lang();
    for page in hb.sources.pages.iter().filter(|p| p.lang == default) {
        for lang in settings.languages.iter().skip(1) {
            match translation_state(hb, lang, page) {
                TranslationState::Missing => out.push(
                    Diagnostic::warning(
                        &page.source,
                        format!("not translated to `{lang}` yet; readers see this text there"),
                    )
                    .with_hint(format!("create content/{lang}/{}", page.rel)),
                ),
                TranslationState::Outdated => {
                    let path = format!("content/{lang}/{}", page.rel);
                    let line = hb
                        .tree(lang)
                        .and_then(|t| t.node(&page.rel))
                        .and_then(|n| hb.page(n).key_lines.get("translated_from").copied());
                    let d = Diagnostic::warning(
                        &path,
                        format!(
                            "outdated: {} has changed since this was translated",
                            page.source.display()
                        ),
                    )
                    .with_hint(format!(
                        "update the translation, then run `handbook translations --mark {lang}/{}`",
                        page.rel
                    ));
                    out.push(match line {
                        Some(l) => d.at_line(l),
                        None => d,
                    });
                }
                _ => {}
            }
        }
    }
    for page in &hb.sources.pages {
        if let Some(d) = overdue(page, settings.review_interval_months, today) {
            out.push(d);
        }
    }
    for c in &hb.sources.channels {
        for lang in settings.languages.iter().skip(1) {
            for key in untranslated(c, lang) {
                let d = Diagnostic::warning(
                    &c.source,
                    format!("`{key}` has no `{lang}` value; the `{default}` text is shown"),
                )
                .with_hint(format!("add `{lang}:` under `{key}`"));
                out.push(match c.key_lines.get(key) {
                    Some(&l) => d.at_line(l),
                    None => d,
                });
            }
        }
    }
    out
}

fn overdue(page: &Page, months: Option<u32>, today: Date) -> Option<Diagnostic> {
    let months = months?;
    let reviewed = page.front.reviewed?;
    let due = reviewed
        .checked_add(jiff::Span::new().months(i64::from(months)))
        .ok()?;
    if due >= today {
        return None;
    }
    let d = Diagnostic::warning(
        &page.source,
        format!("the review is overdue: reviewed {reviewed}, due {due}"),
    )
    .with_hint("check the page is still right, then update `reviewed:`");
    Some(match page.key_lines.get("reviewed") {
        Some(&l) => d.at_line(l),
        None => d,
    })
}

/// Today's date on this machine.
pub fn today() -> Date {
    jiff::Zoned::now().date()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{FrontMatter, PageKind};

    fn page(body: &str, reviewed: Option<&str>) -> Page {
        Page {
            lang: "fi".into(),
            rel: "a.md".into(),
            source: "content/fi/a.md".into(),
            kind: PageKind::Chapter,
            front: FrontMatter {
                title: "A".into(),
                reviewed: reviewed.map(|r| r.parse().unwrap()),
                ..FrontMatter::default()
            },
            key_lines: [("reviewed".to_string(), 4)].into(),
            body: body.into(),
            body_line: 6,
        }
    }

    #[test]
    fn digest_follows_text_not_review_date() {
        let a = page("Teksti.\n", Some("2026-01-01"));
        let b = page("Teksti.\r\n", Some("2026-05-01"));
        assert_eq!(digest(&a), digest(&b));
        assert_eq!(digest(&a).len(), 8);
        assert_ne!(digest(&a), digest(&page("Toinen.", None)));
    }

    #[test]
    fn reviews_are_overdue_after_whole_calendar_months() {
        let p = page("", Some("2025-11-21"));
        let today: Date = "2026-11-21".parse().unwrap();
        assert!(overdue(&p, Some(12), today).is_none());
        let later: Date = "2026-11-22".parse().unwrap();
        let d = overdue(&p, Some(12), later).unwrap();
        assert_eq!(d.location(), "content/fi/a.md:4");
        assert!(overdue(&p, None, later).is_none());
    }
}
