//! Channel profiles -> [`ChannelView`]s in one language, fields picked with fallback.

use super::view::{ChannelView, Field};
use crate::assemble::relative_href;
use crate::model::{Channel, Localized};
use crate::parse::channel::platform_name;
use std::collections::BTreeMap;

/// Builds a channel's view for `lang`; `description` is its Markdown already rendered
/// for the page at `from`.
pub fn view(
    channel: &Channel,
    lang: &str,
    default_lang: &str,
    from: &str,
    description: Option<Field<String>>,
    ui: &BTreeMap<String, String>,
) -> ChannelView {
    let text = |v: &Option<Localized<String>>| v.as_ref().and_then(|l| pick(l, lang, default_lang));
    let list =
        |v: &Option<Localized<Vec<String>>>| v.as_ref().and_then(|l| pick(l, lang, default_lang));
    ChannelView {
        id: channel.id.clone(),
        name: pick(&channel.name, lang, default_lang)
            .map(|f| f.value)
            .unwrap_or_default(),
        platform: channel.platform.clone(),
        platform_name: platform_name(&channel.platform),
        url: channel.url.clone(),
        href: relative_href(from, &format!("{lang}/channels/{}.html", channel.id)),
        owner: text(&channel.owner),
        languages: channel
            .languages
            .iter()
            .map(|l| {
                ui.get(&format!("lang_name_{l}"))
                    .cloned()
                    .unwrap_or_else(|| l.clone())
            })
            .collect(),
        description,
        audience: text(&channel.audience),
        purpose: list(&channel.purpose),
        tone: list(&channel.tone),
        content: list(&channel.content),
        dos: list(&channel.dos),
        donts: list(&channel.donts),
        response_time: text(&channel.response_time),
    }
}

/// A localized value as a view field, marked when it fell back.
pub fn pick<T: Clone>(value: &Localized<T>, lang: &str, default_lang: &str) -> Option<Field<T>> {
    value.pick(lang, default_lang).map(|p| Field {
        value: p.value.clone(),
        is_fallback: p.is_fallback,
        lang: p.lang.unwrap_or(lang).to_string(),
    })
}

/// The keys of `c` that have a value, but none in `lang` (the default's is shown).
pub fn untranslated(c: &Channel, lang: &str) -> Vec<&'static str> {
    let texts = [
        ("name", Some(&c.name)),
        ("owner", c.owner.as_ref()),
        ("description", c.description.as_ref()),
        ("audience", c.audience.as_ref()),
        ("response_time", c.response_time.as_ref()),
    ];
    let lists = [
        ("purpose", c.purpose.as_ref()),
        ("tone", c.tone.as_ref()),
        ("content", c.content.as_ref()),
        ("dos", c.dos.as_ref()),
        ("donts", c.donts.as_ref()),
    ];
    let mut missing: Vec<&'static str> = texts
        .into_iter()
        .filter(|(_, v)| v.is_some_and(|v| !v.has(lang)))
        .map(|(k, _)| k)
        .collect();
    missing.extend(
        lists
            .into_iter()
            .filter(|(_, v)| v.is_some_and(|v| !v.has(lang)))
            .map(|(k, _)| k),
    );
    missing
}
