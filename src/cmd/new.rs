//! `handbook new chapter <lang>/<path>` and `handbook new channel <id>`: a new file
//! from a template, with stubs for the other languages. Never overwrites a file.

use crate::cli::{NewArgs, NewKind};
use crate::load;
use crate::quality::today;
use anyhow::Context;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub fn run(args: &NewArgs) -> anyhow::Result<ExitCode> {
    let root = &args.site.root;
    let settings = match load::settings(root) {
        Ok(s) => s,
        Err(diags) => {
            super::report(&diags);
            return Ok(ExitCode::FAILURE);
        }
    };
    let files = match &args.kind {
        NewKind::Chapter { path } => chapter_files(path, &settings.languages),
        NewKind::Channel { id } => channel_file(id, &settings.languages),
    };
    let files = match files {
        Ok(f) => f,
        Err(msg) => {
            eprintln!("error: {msg}");
            return Ok(ExitCode::FAILURE);
        }
    };
    if let Some((existing, _)) = files
        .iter()
        .find(|(p, _)| p.is_main && root.join(&p.path).exists())
    {
        eprintln!(
            "error: {} already exists; nothing was written",
            existing.path.display()
        );
        return Ok(ExitCode::FAILURE);
    }
    for (file, text) in &files {
        let path = root.join(&file.path);
        if path.exists() {
            continue; // a translation or section that is already there stays as it is
        }
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create {}", dir.display()))?;
        }
        std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
        println!("created {}", file.path.display());
    }
    Ok(ExitCode::SUCCESS)
}

/// A file to create; `is_main` is the one the user asked for.
pub struct NewFile {
    pub path: PathBuf,
    pub is_main: bool,
}

/// The chapter, its stubs in the other languages (drafts until translated, so
/// readers see the source text meanwhile), and any missing section `_index.md`.
pub fn chapter_files(spec: &str, languages: &[String]) -> Result<Vec<(NewFile, String)>, String> {
    let spec = spec.trim_start_matches("content/");
    let (lang, rel) = spec
        .split_once('/')
        .ok_or("give the chapter as <lang>/<path>, e.g. fi/kanavat/tiktok")?;
    if !languages.iter().any(|l| l == lang) {
        return Err(format!(
            "`{lang}` is not a language of the site ({})",
            languages.join(", ")
        ));
    }
    let rel = rel.strip_suffix(".md").unwrap_or(rel);
    if rel.is_empty()
        || rel
            .split('/')
            .any(|p| p.is_empty() || p == ".." || p == "." || p.starts_with('.'))
    {
        return Err(format!("`{rel}` is not a path inside content/{lang}/"));
    }
    let stem = rel.rsplit('/').next().unwrap_or(rel);
    let title = title_from(stem);
    let date = today();
    let mut files = Vec::new();
    let mut dir = Path::new(rel).parent();
    while let Some(d) = dir.filter(|d| !d.as_os_str().is_empty()) {
        for l in languages {
            let name = d
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let text = format!(
                "---\ntitle: {}\nweight: 10\ndescription: \n---\n",
                title_from(&name)
            );
            files.push((
                NewFile {
                    path: Path::new("content").join(l).join(d).join("_index.md"),
                    is_main: false,
                },
                text,
            ));
        }
        dir = d.parent();
    }
    for l in languages {
        let is_main = l == lang;
        let draft = if is_main {
            ""
        } else {
            "draft: true  # a stub: remove this line once translated\n"
        };
        let text = format!(
            "---\ntitle: {title}\nweight: 10\ndescription: \nowner: \nreviewed: {date}\n{draft}---\n"
        );
        files.push((
            NewFile {
                path: Path::new("content").join(l).join(format!("{rel}.md")),
                is_main,
            },
            text,
        ));
    }
    Ok(files)
}

/// A channel profile with every field, localized for every language of the site.
pub fn channel_file(id: &str, languages: &[String]) -> Result<Vec<(NewFile, String)>, String> {
    let ok = !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !ok {
        return Err(format!(
            "`{id}` is not a channel id: use lower-case letters, digits and `-`"
        ));
    }
    let map = |empty: &str| {
        let items: Vec<String> = languages
            .iter()
            .map(|l| format!("  {l}: {empty}"))
            .collect();
        format!("\n{}", items.join("\n"))
    };
    let text = format!(
        "name: {}\nplatform: \nurl: https://\nowner:{}\nlanguages: [{}]\nweight: 10\ndescription:{}\naudience:{}\npurpose:{}\ntone:{}\ncontent:{}\ndos:{}\ndonts:{}\nresponse_time:{}\n",
        title_from(id),
        map("\"\""),
        languages.first().map_or("", String::as_str),
        map("\"\""),
        map("\"\""),
        map("[]"),
        map("[]"),
        map("[]"),
        map("[]"),
        map("[]"),
        map("\"\""),
    );
    Ok(vec![(
        NewFile {
            path: Path::new("content/channels").join(format!("{id}.yaml")),
            is_main: true,
        },
        text,
    )])
}

/// `01-kanavan-valinta` -> `Kanavan valinta`.
fn title_from(stem: &str) -> String {
    let words = crate::parse::frontmatter::strip_order_prefix(stem).replace(['-', '_'], " ");
    crate::parse::channel::capitalize(&words)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn langs() -> Vec<String> {
        vec!["fi".into(), "en".into()]
    }

    #[test]
    fn a_chapter_comes_with_draft_stubs_and_sections() {
        let files = chapter_files("fi/kanavat/01-tiktok", &langs()).unwrap();
        let paths: Vec<String> = files
            .iter()
            .map(|(f, _)| f.path.display().to_string())
            .collect();
        assert_eq!(
            paths,
            [
                "content/fi/kanavat/_index.md",
                "content/en/kanavat/_index.md",
                "content/fi/kanavat/01-tiktok.md",
                "content/en/kanavat/01-tiktok.md"
            ]
        );
        assert!(files[2].0.is_main && files[2].1.starts_with("---\ntitle: Tiktok\n"));
        assert!(files[3].1.contains("draft: true"));
        assert!(chapter_files("sv/x", &langs()).is_err());
        assert!(chapter_files("fi/../x", &langs()).is_err());
    }

    #[test]
    fn a_channel_profile_parses_with_every_field() {
        let (file, text) = channel_file("city-tiktok", &langs()).unwrap().remove(0);
        assert_eq!(file.path, Path::new("content/channels/city-tiktok.yaml"));
        let text = text
            .replace("platform: ", "platform: tiktok")
            .replace("https://", "https://tiktok.com/@x");
        let c = crate::parse::channel::parse("city-tiktok", &file.path, &text, &langs()).unwrap();
        assert!(c.dos.is_some() && c.response_time.is_some());
        assert!(channel_file("Bad Id", &langs()).is_err());
    }
}
