//! Path arithmetic on output paths: always `/`-separated, always relative.

/// The href from the page at `from` to the file at `to` (both relative to the
/// output root): `fi/kanavat/a.html` -> `fi/channels/x.html` = `../channels/x.html`.
pub fn relative_href(from: &str, to: &str) -> String {
    let from_dir: Vec<&str> = match from.rsplit_once('/') {
        Some((dir, _)) => dir.split('/').collect(),
        None => Vec::new(),
    };
    let to_parts: Vec<&str> = to.split('/').collect();
    let (to_dir, to_file) = to_parts.split_at(to_parts.len() - 1);
    let common = from_dir
        .iter()
        .zip(to_dir)
        .take_while(|(a, b)| a == b)
        .count();
    let mut href = "../".repeat(from_dir.len() - common);
    for part in &to_dir[common..] {
        href.push_str(part);
        href.push('/');
    }
    href.push_str(to_file[0]);
    href
}

/// The prefix from a page to the output root: `fi/a/b.html` -> `../../`.
pub fn root_prefix(from: &str) -> String {
    "../".repeat(from.matches('/').count())
}

/// Joins `dest` onto the folder `base` and resolves `.` and `..`;
/// `None` when it climbs above the root of `base`.
pub fn normalize(base: &str, dest: &str) -> Option<String> {
    let mut parts: Vec<&str> = base.split('/').filter(|p| !p.is_empty()).collect();
    for part in dest.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hrefs_are_relative_and_name_files() {
        assert_eq!(
            relative_href("fi/kanavat/a.html", "fi/channels/x.html"),
            "../channels/x.html"
        );
        assert_eq!(
            relative_href("fi/index.html", "fi/kanavat/index.html"),
            "kanavat/index.html"
        );
        assert_eq!(relative_href("fi/a/b/c.html", "fi/a/d.html"), "../d.html");
        assert_eq!(
            relative_href("index.html", "fi/index.html"),
            "fi/index.html"
        );
        assert_eq!(relative_href("fi/a.html", "en/a.html"), "../en/a.html");
        assert_eq!(relative_href("fi/a.html", "fi/a.html"), "a.html");
    }

    #[test]
    fn normalizing_refuses_to_climb_out() {
        assert_eq!(
            normalize("fi/kanavat", "../channels/x.yaml").as_deref(),
            Some("fi/channels/x.yaml")
        );
        assert_eq!(
            normalize("fi", "../channels/x.yaml").as_deref(),
            Some("channels/x.yaml")
        );
        assert_eq!(normalize("fi", "./a/./b.md").as_deref(), Some("fi/a/b.md"));
        assert_eq!(normalize("fi", "../../etc/passwd"), None);
    }

    #[test]
    fn root_prefix_climbs_to_the_output_root() {
        assert_eq!(root_prefix("fi/a/b.html"), "../../");
        assert_eq!(root_prefix("index.html"), "");
    }
}
