//! Tera's context for one page, built field by field so each language's UI strings are
//! converted once per build instead of once per page (they were most of a page's cost).

use std::collections::BTreeMap;

use serde::Serialize;
use tera::{Context, TeraResult, Value};

use super::view::PageContext;

/// Each language's UI strings, already converted to Tera values.
pub(super) struct UiValues {
    by_lang: BTreeMap<String, Value>,
    fallback: Value,
}

impl UiValues {
    pub(super) fn new(
        ui: &BTreeMap<String, BTreeMap<String, String>>,
        fallback: &BTreeMap<String, String>,
    ) -> TeraResult<UiValues> {
        let mut by_lang = BTreeMap::new();
        for (lang, strings) in ui {
            by_lang.insert(lang.clone(), Value::try_from_serializable(strings)?);
        }
        Ok(UiValues {
            by_lang,
            fallback: Value::try_from_serializable(fallback)?,
        })
    }

    /// The converted strings of `lang`, or English's for a language without a file.
    pub(super) fn get(&self, lang: &str) -> &Value {
        self.by_lang.get(lang).unwrap_or(&self.fallback)
    }
}

/// The context of one page. `ui` is the ready value for the page's strings when the
/// page uses the theme's own map for its language; otherwise the page's map is converted.
pub(super) fn page_context(ctx: &PageContext, ui: Option<&Value>) -> TeraResult<Context> {
    // Destructured without `..`, so a field added to PageContext fails to compile here
    // instead of silently never reaching the templates.
    let PageContext {
        site,
        ui: strings,
        page,
        nav,
        breadcrumbs,
        prev,
        next,
        children,
        contents,
        channels,
        channel,
        print,
        languages,
    } = ctx;
    let mut context = Context::new();
    put(&mut context, "site", site)?;
    match ui {
        Some(value) => context.insert_value("ui", value.clone()),
        None => put(&mut context, "ui", strings)?,
    }
    put(&mut context, "page", page)?;
    put(&mut context, "nav", nav)?;
    put(&mut context, "breadcrumbs", breadcrumbs)?;
    put(&mut context, "prev", prev)?;
    put(&mut context, "next", next)?;
    put(&mut context, "children", children)?;
    put(&mut context, "contents", contents)?;
    put(&mut context, "channels", channels)?;
    put(&mut context, "channel", channel)?;
    put(&mut context, "print", print)?;
    put(&mut context, "languages", languages)?;
    Ok(context)
}

fn put<T: Serialize + ?Sized>(
    context: &mut Context,
    key: &'static str,
    value: &T,
) -> TeraResult<()> {
    context.insert_value(key, Value::try_from_serializable(value)?);
    Ok(())
}
