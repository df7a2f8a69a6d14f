//! Where a link written to a source file points in the output of one language.

use super::paths::{normalize, relative_href};
use super::{Handbook, Node};
use crate::error::did_you_mean;

/// What a source link points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkTarget {
    /// A page: its tree language and rel (the key for anchor checks is `lang:rel`).
    Page {
        lang: String,
        rel: String,
    },
    Channel {
        id: String,
    },
    ChannelOverview {
        lang: String,
    },
    /// A file copied as it is (image, PDF).
    File,
}

/// A resolved link: where it points and the href to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    pub target: LinkTarget,
    /// Output path of the target relative to the output root.
    pub output: String,
}

impl Handbook<'_> {
    /// Resolves `dest` (as written, without `#fragment`) in the page shown at `node`
    /// of language `lang`. Links to pages of the page's own source language go to the
    /// same page in `lang`, so a fallback page links within the reader's language.
    pub fn resolve(&self, lang: &str, node: &Node, dest: &str) -> Result<Resolved, String> {
        let page = self.page(node);
        let base = match page.rel.rsplit_once('/') {
            Some((dir, _)) => format!("{}/{dir}", page.lang),
            None => page.lang.clone(),
        };
        self.resolve_from(lang, &page.lang, &base, dest)
    }

    /// Resolves `dest` written in a file in the content-relative folder `base`, whose
    /// text is in `source_lang`, for a page of language `lang`.
    pub fn resolve_from(
        &self,
        lang: &str,
        source_lang: &str,
        base: &str,
        dest: &str,
    ) -> Result<Resolved, String> {
        if dest.starts_with('/') {
            return Err(format!(
                "`{dest}` is an absolute path; write links relative to this file"
            ));
        }
        // `dest` arrives percent-decoded from the markdown stage.
        let Some(path) = normalize(base, dest) else {
            return Err(format!(
                "`{dest}` leaves content/; nothing outside content/ is published"
            ));
        };
        let (top, rest) = path.split_once('/').unwrap_or((path.as_str(), ""));
        if top == "channels" {
            return self.resolve_channel(lang, rest, dest);
        }
        if !self.sources.settings.languages.iter().any(|l| l == top) {
            return Err(format!(
                "`{dest}` points at content/{path}, which is not part of the handbook"
            ));
        }
        let tree_lang = if top == source_lang { lang } else { top };
        self.resolve_in_lang(tree_lang, rest, dest)
    }

    fn resolve_channel(&self, lang: &str, rest: &str, dest: &str) -> Result<Resolved, String> {
        if rest.is_empty() {
            return Ok(Resolved {
                target: LinkTarget::ChannelOverview {
                    lang: lang.to_string(),
                },
                output: format!("{lang}/channels/index.html"),
            });
        }
        let id = rest
            .strip_suffix(".yaml")
            .or_else(|| rest.strip_suffix(".yml"));
        match id {
            Some(id) if self.sources.channels.iter().any(|c| c.id == id) => Ok(Resolved {
                target: LinkTarget::Channel { id: id.to_string() },
                output: format!("{lang}/channels/{id}.html"),
            }),
            _ => {
                let ids: Vec<String> = self
                    .sources
                    .channels
                    .iter()
                    .map(|c| format!("{}.yaml", c.id))
                    .collect();
                let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
                let hint = did_you_mean(rest, &refs)
                    .map(|b| format!("; did you mean `{b}`?"))
                    .unwrap_or_default();
                Err(format!(
                    "`{dest}` points at no channel profile in content/channels/{hint}"
                ))
            }
        }
    }

    fn resolve_in_lang(&self, lang: &str, rel: &str, dest: &str) -> Result<Resolved, String> {
        let tree = self
            .tree(lang)
            .ok_or_else(|| format!("no language `{lang}`"))?;
        let candidates = if rel.is_empty() {
            vec!["_index.md".to_string()]
        } else if rel.ends_with(".md") {
            vec![rel.to_string()]
        } else {
            vec![format!("{rel}/_index.md")]
        };
        for c in &candidates {
            if let Some(node) = tree.node(c) {
                return Ok(Resolved {
                    target: LinkTarget::Page {
                        lang: lang.to_string(),
                        rel: c.clone(),
                    },
                    output: node.output.clone(),
                });
            }
        }
        let asset = (!rel.ends_with(".md"))
            .then(|| self.asset_output(lang, rel))
            .flatten();
        if let Some(out) = asset {
            return Ok(Resolved {
                target: LinkTarget::File,
                output: out.to_string(),
            });
        }
        let rels: Vec<&str> = tree.nodes.iter().map(|n| n.rel.as_str()).collect();
        let hint = did_you_mean(rel, &rels)
            .map(|b| format!("; did you mean `{b}`?"))
            .unwrap_or_default();
        Err(format!(
            "`{dest}` points at nothing: there is no content/{lang}/{rel}{hint}"
        ))
    }

    /// Resolves an image path; it must be a file beside the Markdown (or at the same
    /// place in the default language's folder).
    pub fn resolve_image(&self, node: &Node, dest: &str) -> Result<String, String> {
        let page = self.page(node);
        let resolved = self.resolve(&page.lang, node, dest)?;
        match resolved.target {
            LinkTarget::File => Ok(resolved.output),
            _ => Err(format!("`{dest}` is not an image file")),
        }
    }

    /// The href to write in the page at `from_output` for a resolved link.
    pub fn href(from_output: &str, resolved: &Resolved) -> String {
        relative_href(from_output, &resolved.output)
    }
}
