//! Link and image destinations: sorting them out, resolving relative ones, and the
//! problems a writer can make with them.

use std::borrow::Cow;

use pulldown_cmark::{CowStr, LinkType};

use super::{AnchorUse, Pass, Target};
use crate::error::Diagnostic;

/// What a destination as written is.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Dest<'d> {
    Empty,
    /// Has a URL scheme (`https:`, `mailto:`) or starts with `//`.
    External,
    /// `#id` on this page.
    Fragment(&'d str),
    /// Starts with `/`: relative to a server root nobody knows.
    Absolute,
    Relative {
        path: &'d str,
        fragment: Option<&'d str>,
    },
}

pub(super) fn classify(dest: &str) -> Dest<'_> {
    if dest.is_empty() {
        Dest::Empty
    } else if dest.starts_with("//") || has_scheme(dest) {
        Dest::External
    } else if let Some(fragment) = dest.strip_prefix('#') {
        Dest::Fragment(fragment)
    } else if dest.starts_with('/') {
        Dest::Absolute
    } else {
        match dest.split_once('#') {
            Some((path, fragment)) => Dest::Relative {
                path,
                fragment: Some(fragment),
            },
            None => Dest::Relative {
                path: dest,
                fragment: None,
            },
        }
    }
}

/// `scheme:` as in RFC 3986: a letter, then letters, digits, `+`, `-` or `.`. One letter
/// is not enough, so a Windows drive (`c:`) is not taken for a scheme.
fn has_scheme(dest: &str) -> bool {
    let Some((scheme, _)) = dest.split_once(':') else {
        return false;
    };
    let mut chars = scheme.chars();
    scheme.len() >= 2
        && chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// `%20` -> ` `; a `%` not followed by two hex digits stays as it is. `None` if the
/// decoded bytes are not UTF-8.
pub(super) fn percent_decode(s: &str) -> Option<Cow<'_, str>> {
    if !s.contains('%') {
        return Some(Cow::Borrowed(s));
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .filter(|h| h.iter().all(u8::is_ascii_hexdigit))
            .and_then(|h| u8::from_str_radix(std::str::from_utf8(h).ok()?, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok().map(Cow::Owned)
}

const LINK_HINT: &str =
    "links are written to source files, relative to this file: `kanavat/facebook.md`";
const IMAGE_HINT: &str =
    "keep the image beside the Markdown and write its path relative to this file: `kuva.png`";

impl<'a> Pass<'a, '_> {
    /// The href a link gets; problems are reported and the destination kept as written.
    pub(super) fn link_dest(
        &mut self,
        kind: LinkType,
        dest: CowStr<'a>,
        offset: usize,
    ) -> CowStr<'a> {
        if matches!(kind, LinkType::Autolink | LinkType::Email) {
            return dest;
        }
        let rewritten = match classify(&dest) {
            Dest::External => None,
            Dest::Fragment(fragment) => {
                if !fragment.is_empty() {
                    let fragment = percent_decode(fragment).unwrap_or(Cow::Borrowed(fragment));
                    self.local_anchors.push((fragment.into_owned(), offset));
                }
                None
            }
            Dest::Empty => {
                let d = Diagnostic::error(self.src.path, "link has no destination");
                self.report(d.with_hint(LINK_HINT), offset);
                None
            }
            Dest::Absolute => {
                let message = format!("link `{dest}` starts with `/`");
                let d = Diagnostic::error(self.src.path, message).with_hint(
                    "write it relative to this file (`../kanavat/facebook.md`), \
                     so the site works under any path and from disk",
                );
                self.report(d, offset);
                None
            }
            Dest::Relative { path, fragment } => self.resolve_link(path, fragment, offset),
        };
        rewritten.map_or(dest, CowStr::from)
    }

    fn resolve_link(
        &mut self,
        path: &str,
        fragment: Option<&str>,
        offset: usize,
    ) -> Option<String> {
        let Some(decoded) = percent_decode(path) else {
            let message = format!("link `{path}` is not valid percent-encoded UTF-8");
            let d = Diagnostic::error(self.src.path, message).with_hint(LINK_HINT);
            self.report(d, offset);
            return None;
        };
        let (href, key) = match self.resolver.link(&decoded) {
            Ok(Target::Page { key, href }) => (href, Some(key)),
            Ok(Target::File { href }) => (href, None),
            Err(why) => {
                let message = format!("broken link `{path}`: {why}");
                let d = Diagnostic::error(self.src.path, message).with_hint(LINK_HINT);
                self.report(d, offset);
                return None;
            }
        };
        let Some(fragment) = fragment.filter(|f| !f.is_empty()) else {
            return Some(href);
        };
        if let Some(key) = key {
            let (line, column) = self.position(offset);
            let decoded = percent_decode(fragment).unwrap_or(Cow::Borrowed(fragment));
            self.anchors.push(AnchorUse {
                key,
                fragment: decoded.into_owned(),
                line,
                column,
            });
        }
        Some(format!("{href}#{fragment}"))
    }

    /// The src an image gets; problems are reported and the path kept as written.
    pub(super) fn image_src(&mut self, dest: CowStr<'a>, offset: usize) -> CowStr<'a> {
        // Inline data comes from no host at all.
        if dest.starts_with("data:") {
            return dest;
        }
        let problem = match classify(&dest) {
            Dest::External => Some((
                format!("image `{dest}` is loaded from another host"),
                "No page may load anything from another host: save the image beside the \
                 Markdown and write its path relative to this file: `kuva.png`",
            )),
            Dest::Absolute => Some((format!("image `{dest}` starts with `/`"), IMAGE_HINT)),
            Dest::Empty => Some(("image has no path".to_owned(), IMAGE_HINT)),
            Dest::Fragment(_) | Dest::Relative { .. } => None,
        };
        if let Some((message, hint)) = problem {
            let d = Diagnostic::error(self.src.path, message).with_hint(hint);
            self.report(d, offset);
            return dest;
        }
        let resolved = match percent_decode(&dest) {
            Some(path) => self.resolver.image(&path),
            None => Err("not valid percent-encoded UTF-8".to_owned()),
        };
        match resolved {
            Ok(href) => href.into(),
            Err(why) => {
                let message = format!("broken image `{dest}`: {why}");
                let d = Diagnostic::error(self.src.path, message).with_hint(IMAGE_HINT);
                self.report(d, offset);
                dest
            }
        }
    }

    /// Warns about an image that ends without alt text.
    pub(super) fn close_image(&mut self) {
        let Some((offset, has_alt)) = self.images.pop() else {
            return;
        };
        if !has_alt {
            let d = Diagnostic::warning(self.src.path, "image has no alt text").with_hint(
                "write what the image shows between the brackets, for readers who cannot \
                 see it: `![Kaupungin logo](logo.png)`",
            );
            self.report(d, offset);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_destinations() {
        assert_eq!(classify("https://x.fi/a"), Dest::External);
        assert_eq!(classify("mailto:a@b.fi"), Dest::External);
        assert_eq!(classify("tel:+358401234"), Dest::External);
        assert_eq!(classify("//cdn.example/x.js"), Dest::External);
        assert_eq!(classify("#vastaaminen"), Dest::Fragment("vastaaminen"));
        assert_eq!(classify("/fi/kanavat.md"), Dest::Absolute);
        assert_eq!(classify(""), Dest::Empty);
        assert_eq!(
            classify("kanavat/facebook.md#vastaaminen"),
            Dest::Relative {
                path: "kanavat/facebook.md",
                fragment: Some("vastaaminen")
            }
        );
        assert_eq!(
            classify("c:/x.md"),
            Dest::Relative {
                path: "c:/x.md",
                fragment: None
            }
        );
    }

    #[test]
    fn decodes_percent_escapes() {
        assert_eq!(percent_decode("a%20b.md").as_deref(), Some("a b.md"));
        assert_eq!(percent_decode("%C3%A4.md").as_deref(), Some("ä.md"));
        assert_eq!(percent_decode("100%.md").as_deref(), Some("100%.md"));
        assert_eq!(percent_decode("ä%2").as_deref(), Some("ä%2"));
        assert_eq!(percent_decode("%+1.md").as_deref(), Some("%+1.md"));
        assert_eq!(percent_decode("%FF.md"), None);
    }
}
