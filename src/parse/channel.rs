//! `content/channels/<id>.yaml` text to a [`Channel`].

use super::localized::At;
use super::yaml::Doc;
use crate::error::Diagnostic;
use crate::model::{Channel, Localized};
use serde::Deserialize;
use serde_yaml::Value;
use std::path::Path;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    name: Value,
    platform: String,
    url: String,
    owner: Option<Value>,
    #[serde(default)]
    languages: Vec<String>,
    #[serde(default)]
    weight: i64,
    description: Option<Value>,
    audience: Option<Value>,
    purpose: Option<Value>,
    tone: Option<Value>,
    content: Option<Value>,
    dos: Option<Value>,
    donts: Option<Value>,
    response_time: Option<Value>,
}

/// Parses one channel profile; `id` is the file stem.
pub fn parse(
    id: &str,
    path: &Path,
    text: &str,
    languages: &[String],
) -> Result<Channel, Vec<Diagnostic>> {
    let doc = Doc {
        path,
        text,
        first_line: 1,
    };
    if text.trim().is_empty() {
        return Err(vec![
            Diagnostic::error(path, "the channel profile is empty")
                .at(1, 1)
                .with_hint("a channel needs at least `name`, `platform` and `url`"),
        ]);
    }
    let raw: Raw = doc.parse("channel profile").map_err(|d| vec![d])?;
    let key_lines = doc.key_lines();
    let mut problems = Vec::new();
    let at = |key: &'static str| At {
        path,
        key,
        line: key_lines.get(key).copied().unwrap_or(1),
        languages,
    };
    let mut text_field = |key: &'static str, v: Option<&Value>| {
        v.and_then(|v| at(key).text(v).map_err(|d| problems.push(d)).ok())
    };
    let name = text_field("name", Some(&raw.name));
    let owner = text_field("owner", raw.owner.as_ref());
    let description = text_field("description", raw.description.as_ref());
    let audience = text_field("audience", raw.audience.as_ref());
    let response_time = text_field("response_time", raw.response_time.as_ref());
    let mut list_field = |key: &'static str, v: Option<&Value>| {
        v.and_then(|v| at(key).list(v).map_err(|d| problems.push(d)).ok())
    };
    let purpose = list_field("purpose", raw.purpose.as_ref());
    let tone = list_field("tone", raw.tone.as_ref());
    let content = list_field("content", raw.content.as_ref());
    let dos = list_field("dos", raw.dos.as_ref());
    let donts = list_field("donts", raw.donts.as_ref());
    let url = raw.url.trim().to_string();
    if !(url.starts_with("https://") || url.starts_with("http://")) || url.contains(' ') {
        problems.push(
            Diagnostic::error(path, format!("`url: {url}` is not an http(s) address"))
                .at_line(at("url").line)
                .with_hint(
                    "write the channel's full address, e.g. https://www.facebook.com/lappeenranta",
                ),
        );
    }
    let platform = raw.platform.trim().to_lowercase();
    if platform.is_empty() || !platform.chars().all(|c| c.is_alphanumeric() || c == '-') {
        problems.push(
            Diagnostic::error(
                path,
                format!("`platform: {}` is not a platform name", raw.platform),
            )
            .at_line(at("platform").line)
            .with_hint("e.g. facebook, instagram, x, youtube, linkedin, tiktok"),
        );
    }
    if name.is_some() && n_is_empty(name.as_ref()) {
        problems
            .push(Diagnostic::error(path, "the channel name is empty").at_line(at("name").line));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Channel {
        id: id.to_string(),
        source: path.to_path_buf(),
        name: name.unwrap_or(Localized::Same(String::new())),
        platform,
        url,
        owner,
        languages: raw.languages,
        weight: raw.weight,
        description,
        audience,
        purpose,
        tone,
        content,
        dos,
        donts,
        response_time,
        key_lines,
    })
}

fn n_is_empty(name: Option<&Localized<String>>) -> bool {
    match name {
        Some(Localized::Same(s)) => s.is_empty(),
        Some(Localized::PerLang(m)) => m.values().all(String::is_empty),
        None => true,
    }
}

/// The readable name of a platform id ("x" -> "X", "linkedin" -> "LinkedIn").
pub fn platform_name(platform: &str) -> String {
    match platform {
        "facebook" => "Facebook".into(),
        "instagram" => "Instagram".into(),
        "x" | "twitter" => "X".into(),
        "youtube" => "YouTube".into(),
        "linkedin" => "LinkedIn".into(),
        "tiktok" => "TikTok".into(),
        "threads" => "Threads".into(),
        "bluesky" => "Bluesky".into(),
        "mastodon" => "Mastodon".into(),
        other => capitalize(other),
    }
}

/// The text with its first letter in upper case (`tiktok` -> `Tiktok`).
pub fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn langs() -> Vec<String> {
        vec!["fi".into(), "en".into()]
    }

    #[test]
    fn parses_plain_and_localized_fields() {
        let text = "name: Lappeenranta\nplatform: Facebook\nurl: https://www.facebook.com/lappeenranta\nlanguages: [fi]\ntone: {fi: [kaverillinen], en: [friendly]}\nresponse_time:\n  fi: Arkisin\n";
        let c = parse("fb", Path::new("content/channels/fb.yaml"), text, &langs()).unwrap();
        assert_eq!(c.platform, "facebook");
        let tone = c.tone.unwrap();
        assert_eq!(
            tone.pick("en", "fi").unwrap().value,
            &vec!["friendly".to_string()]
        );
        let rt = c.response_time.unwrap();
        let picked = rt.pick("en", "fi").unwrap();
        assert!(picked.is_fallback);
        assert_eq!(picked.value, "Arkisin");
    }

    #[test]
    fn unknown_key_and_missing_url() {
        let path = Path::new("content/channels/x.yaml");
        let e = parse(
            "x",
            path,
            "name: X\nplatform: x\nurl: https://x.com/a\naudiense: a\n",
            &langs(),
        )
        .unwrap_err();
        assert_eq!(e[0].location(), "content/channels/x.yaml:4:1");
        assert!(
            e[0].hint
                .as_deref()
                .unwrap()
                .starts_with("did you mean `audience`?")
        );
        let e = parse("x", path, "name: X\nplatform: x\n", &langs()).unwrap_err();
        assert!(
            e[0].message.contains("missing required key `url`"),
            "{}",
            e[0].message
        );
    }

    #[test]
    fn wrong_shapes_name_the_key_line() {
        let path = Path::new("content/channels/x.yaml");
        let text = "name: X\nplatform: x\nurl: https://x.com/a\ndos: {fi: kissa}\n";
        let e = parse("x", path, text, &langs()).unwrap_err();
        assert_eq!(e[0].location(), "content/channels/x.yaml:4");
        assert!(
            e[0].message.contains("`dos.fi` must be a list"),
            "{}",
            e[0].message
        );
        let text = "name: X\nplatform: x\nurl: ftp://x\n";
        let e = parse("x", path, text, &langs()).unwrap_err();
        assert_eq!(e[0].location(), "content/channels/x.yaml:3");
    }
}
