//! Template filters the default theme needs beyond Tera's built-ins.

use tera::{Kwargs, State, Tera, TeraResult};

/// Makes the theme's filters available to every template.
pub(super) fn register(tera: &mut Tera) {
    tera.register_filter("local_date", local_date);
}

/// `{{ page.reviewed | local_date(format=ui.date_format) }}`: a `YYYY-MM-DD` date written
/// the way the reader's language writes dates. The format's placeholders are `{d}` and
/// `{m}` (no leading zero), `{dd}` and `{mm}` (two digits) and `{y}`. Anything that is
/// not such a date is shown as it is, so a hand-written date never breaks a build.
fn local_date(value: &str, kwargs: Kwargs, _: &State) -> TeraResult<String> {
    let format = kwargs.get::<&str>("format")?.unwrap_or("{y}-{mm}-{dd}");
    Ok(match split_date(value) {
        Some((y, m, d)) => format
            .replace("{dd}", &format!("{d:02}"))
            .replace("{mm}", &format!("{m:02}"))
            .replace("{d}", &d.to_string())
            .replace("{m}", &m.to_string())
            .replace("{y}", y),
        None => value.to_string(),
    })
}

/// `2026-09-05` -> ("2026", 9, 5); anything else -> None.
fn split_date(value: &str) -> Option<(&str, u8, u8)> {
    let mut parts = value.trim().split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    if !y.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (m, d) = (m.parse::<u8>().ok()?, d.parse::<u8>().ok()?);
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some((y, m, d))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(template: &str) -> String {
        let mut tera = Tera::default();
        register(&mut tera);
        tera.add_raw_template("t", template)
            .expect("template parses");
        tera.render("t", &tera::Context::new()).expect("renders")
    }

    #[test]
    fn dates_follow_the_given_format() {
        assert_eq!(
            render(r#"{{ "2026-09-05" | local_date(format="{d}.{m}.{y}") }}"#),
            "5.9.2026"
        );
        assert_eq!(render(r#"{{ "2026-09-05" | local_date }}"#), "2026-09-05");
        assert_eq!(
            render(r#"{{ "2026-09-05" | local_date(format="{dd}/{mm}/{y}") }}"#),
            "05/09/2026"
        );
    }

    #[test]
    fn anything_else_passes_through() {
        assert_eq!(
            render(r#"{{ "syksyllä 2026" | local_date(format="{d}.{m}.{y}") }}"#),
            "syksyllä 2026"
        );
        assert_eq!(
            render(r#"{{ "2026-13-01" | local_date(format="{d}.{m}.{y}") }}"#),
            "2026-13-01"
        );
    }
}
