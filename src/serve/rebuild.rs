//! Turning a batch of changed paths into a new build: classify each change, do the
//! rebuild its kind needs, and work out which output files differ.

use super::sources::{Classified, SourceIndex};
use crate::error::{Diagnostic, display_path};
use crate::pipeline::{self, BuildOptions, Cache, Site, Timings};
use crate::watch::{ChangeKind, Scope};
use rayon::prelude::*;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Owns what one `serve` session knows: the sources as last seen, the last good
/// build and the errors of the last rebuild, if it failed.
pub struct Rebuilder {
    opts: BuildOptions,
    sources: SourceIndex,
    site: Arc<Site>,
    errors: Option<Vec<Diagnostic>>,
    generation: u64,
    /// What the pipeline may reuse from the previous build.
    cache: Cache,
}

/// What one rebuild did, for the terminal and the tabs.
#[derive(Debug)]
pub struct Outcome {
    /// Each relevant changed source and a word on its kind.
    pub causes: Vec<(String, &'static str)>,
    /// Output keys that differ from the previous good build (added, changed, removed).
    pub changed: Vec<String>,
    /// Whether the error state flipped or its text changed (the overlay must follow).
    pub errors_changed: bool,
    /// The errors, when the rebuild failed.
    pub errors: Option<Vec<Diagnostic>>,
    pub warnings: usize,
    pub took: Duration,
}

impl Rebuilder {
    /// Builds once. The result is the warnings, or every problem when the
    /// site does not build (then an empty site is served with the errors).
    pub fn start(opts: BuildOptions) -> (Self, Result<Vec<Diagnostic>, Vec<Diagnostic>>) {
        let sources = SourceIndex::scan(&opts.root);
        let mut me = Rebuilder {
            opts,
            sources,
            site: Arc::new(Site::default()),
            errors: None,
            generation: 0,
            cache: Cache::keeping(),
        };
        let first = match pipeline::build_with(&me.opts, &mut me.cache) {
            Ok(site) => {
                let warnings = site.diagnostics.clone();
                me.site = Arc::new(site);
                Ok(warnings)
            }
            Err(problems) => {
                me.errors = Some(problems.clone());
                Err(problems)
            }
        };
        (me, first)
    }

    pub fn site(&self) -> Arc<Site> {
        Arc::clone(&self.site)
    }

    pub fn errors(&self) -> Option<&[Diagnostic]> {
        self.errors.as_deref()
    }

    /// Counts successful and failed rebuilds alike.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Rebuilds for a batch of changed paths; `None` when nothing relevant changed.
    pub fn apply(&mut self, paths: &[PathBuf]) -> Option<Outcome> {
        let started = Instant::now();
        let mut t = Timings::from_env();
        let classified = self.sources.update(paths);
        let scope = classified
            .iter()
            .map(|c| c.kind.scope())
            .max()
            .unwrap_or(Scope::Nothing);
        // After a failed build every save is worth a try: the fix may be anywhere.
        if scope == Scope::Nothing && self.errors.is_none() {
            return None;
        }
        let causes = causes(&classified);
        self.generation += 1;
        t.lap("serve: classify changes");
        let result = pipeline::build_with(&self.opts, &mut self.cache);
        t.note(format_args!("{:?}", self.cache.stats));
        t.lap("serve: build");
        let (changed, warnings, errors) = match result {
            Ok(site) => {
                let changed = changed_keys(&self.site, &site);
                let warnings = site.diagnostics.len();
                self.site = Arc::new(site);
                (changed, warnings, None)
            }
            Err(problems) => (Vec::new(), 0, Some(problems)),
        };
        t.lap("serve: compare outputs");
        let errors_changed = errors != self.errors;
        self.errors = errors.clone();
        Some(Outcome {
            causes,

            changed,
            errors_changed,
            errors,
            warnings,
            took: started.elapsed(),
        })
    }
}

fn causes(classified: &[Classified]) -> Vec<(String, &'static str)> {
    classified
        .iter()
        .filter(|c| !matches!(c.kind, ChangeKind::Ignored))
        .map(|c| (display_path(&c.rel), describe(c.kind)))
        .collect()
}

fn describe(kind: ChangeKind) -> &'static str {
    match kind {
        ChangeKind::ChapterBody => "text",
        ChangeKind::ChapterFrontMatter => "front matter",
        ChangeKind::ChapterAddedOrRemoved => "added or removed",
        ChangeKind::Channel => "channel",
        ChangeKind::SiteConfig => "site settings",
        ChangeKind::Template => "template",
        ChangeKind::StaticAsset | ChangeKind::ContentAsset => "file",
        ChangeKind::ContentAssetAddedOrRemoved => "file added or removed",
        ChangeKind::UiStrings => "UI strings",
        ChangeKind::ThemeFolder => "theme folder",
        ChangeKind::Unchanged => "unchanged",
        ChangeKind::Ignored => "ignored",
    }
}

/// Output keys whose bytes differ between two builds, including added and removed
/// ones. Compared in parallel: most files are equal, so every byte is read.
pub fn changed_keys(old: &Site, new: &Site) -> Vec<String> {
    let mut changed: Vec<String> = new
        .files
        .par_iter()
        .filter(|(k, v)| old.files.get(*k) != Some(*v))
        .map(|(k, _)| k.clone())
        .collect();
    changed.extend(
        old.files
            .keys()
            .filter(|k| !new.files.contains_key(*k))
            .cloned(),
    );
    changed.sort();
    changed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(files: &[(&str, &str)]) -> Site {
        Site {
            files: files
                .iter()
                .map(|(k, v)| ((*k).to_string(), v.as_bytes().to_vec()))
                .collect(),
            diagnostics: Vec::new(),
        }
    }

    #[test]
    fn changed_keys_lists_added_changed_and_removed() {
        let old = site(&[("a.html", "1"), ("b.html", "2"), ("c.css", "3")]);
        let new = site(&[("a.html", "1"), ("b.html", "X"), ("d.html", "4")]);
        assert_eq!(changed_keys(&old, &new), ["b.html", "c.css", "d.html"]);
    }
}
