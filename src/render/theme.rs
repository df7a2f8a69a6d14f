//! A theme: templates compiled once, UI strings per language, and static files.
//!
//! The default theme is compiled into the binary. A site's `themes/<name>/` overrides
//! it file by file: templates by name, UI strings by language and then by key, static
//! files by path. So a site can change one template or one string and keep the rest.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use super::context::{UiValues, page_context};
use super::diagnose::{self, TemplatePaths};
use super::view::PageContext;
use super::{embedded, filters};
use crate::error::{Diagnostic, did_you_mean, display_path};

/// The theme every site gets when it names none.
const DEFAULT_THEME: &str = "default";
/// The language whose UI strings fill the gaps of every other.
const FALLBACK_LANG: &str = "en";

/// A loaded theme, ready to render pages from many threads at once.
pub struct Theme {
    tera: tera::Tera,
    paths: Paths,
    /// Per language: its own strings, every gap filled from English.
    ui: BTreeMap<String, BTreeMap<String, String>>,
    /// English, for a language without a file of its own.
    fallback_ui: BTreeMap<String, String>,
    /// The same strings, converted for Tera once.
    ui_values: UiValues,
    static_files: Vec<(String, Vec<u8>)>,
}

impl Theme {
    /// The default theme, overridden file by file by `site_root/themes/<name>/` when that
    /// folder exists. A theme name other than "default" must exist.
    pub fn load(site_root: &Path, name: &str) -> Result<Theme, Vec<Diagnostic>> {
        if !is_plain_name(name) {
            return Err(vec![
                Diagnostic::error(
                    "content/site.yaml",
                    format!("theme `{name}` is not a folder name"),
                )
                .with_hint("name a folder directly inside themes/, such as `default`"),
            ]);
        }
        let mut problems = Vec::new();
        let mut files = Files::embedded(&mut problems);
        let theme_rel = Path::new("themes").join(name);
        let theme_dir = site_root.join(&theme_rel);
        if theme_dir.is_dir() {
            files.overlay(&theme_dir, &theme_rel, &mut problems);
        } else if name != DEFAULT_THEME {
            problems.push(missing_theme(site_root, name));
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let paths = Paths {
            sources: files
                .templates
                .iter()
                .map(|(name, t)| (name.clone(), t.path.clone()))
                .collect(),
            dir: theme_rel.join("templates"),
        };
        let tera = compile(&files.templates, &paths)?;
        let (ui, fallback_ui) = merge_ui(files.i18n);
        let ui_values = UiValues::new(&ui, &fallback_ui).map_err(|err| {
            vec![Diagnostic::error(
                theme_rel.join("i18n"),
                format!("cannot use the UI strings: {err}"),
            )]
        })?;
        Ok(Theme {
            tera,
            paths,
            ui,
            fallback_ui,
            ui_values,
            static_files: files.statics.into_iter().collect(),
        })
    }

    /// UI strings for a language: its own file's, each missing key taken from English;
    /// a language with no file at all gets English.
    pub fn ui(&self, lang: &str) -> &BTreeMap<String, String> {
        self.ui.get(lang).unwrap_or(&self.fallback_ui)
    }

    /// Renders one page with the template its kind names.
    pub fn render(&self, ctx: &PageContext) -> Result<String, Diagnostic> {
        let name = ctx.page.kind.template();
        let while_rendering = || format!("this happened while rendering `{}`", ctx.page.path);
        // The theme's own strings for this language are converted already.
        let ready =
            std::ptr::eq(ctx.ui, self.ui(ctx.site.lang)).then(|| self.ui_values.get(ctx.site.lang));
        let context = page_context(ctx, ready).map_err(|err| {
            Diagnostic::error(
                self.paths.template_path(name),
                format!("cannot hand the page to its template: {err}"),
            )
            .with_hint(while_rendering())
        })?;
        self.tera.render(name, &context).map_err(|err| {
            let first = diagnose::diagnostics(&err, &self.paths, name)
                .into_iter()
                .next();
            first
                .unwrap_or_else(|| {
                    Diagnostic::error(self.paths.template_path(name), err.to_string())
                })
                .with_hint(while_rendering())
        })
    }

    /// Renders a partial template with its own small context (e.g. `nav_entries.html`).
    pub fn render_fragment(
        &self,
        name: &str,
        data: &impl serde::Serialize,
    ) -> Result<String, Diagnostic> {
        let context = tera::Context::from_serialize(data)
            .map_err(|err| Diagnostic::error(self.paths.template_path(name), err.to_string()))?;
        self.tera.render(name, &context).map_err(|err| {
            diagnose::diagnostics(&err, &self.paths, name)
                .into_iter()
                .next()
                .unwrap_or_else(|| {
                    Diagnostic::error(self.paths.template_path(name), err.to_string())
                })
        })
    }

    /// Every static file: path relative to the static folder (with `/`), and bytes.
    pub fn static_files(&self) -> &[(String, Vec<u8>)] {
        &self.static_files
    }

    /// Languages that have a UI strings file.
    pub fn languages(&self) -> impl Iterator<Item = &str> {
        self.ui.keys().map(String::as_str)
    }
}

/// Template names and the files they came from.
struct Paths {
    sources: BTreeMap<String, PathBuf>,
    /// `themes/<name>/templates`, for a template that does not exist.
    dir: PathBuf,
}

impl TemplatePaths for Paths {
    fn template_path(&self, name: &str) -> PathBuf {
        self.sources
            .get(name)
            .cloned()
            .unwrap_or_else(|| self.dir.join(name))
    }
}

/// A theme's files before compiling: the default's, with the site's laid over them.
#[derive(Default)]
struct Files {
    templates: BTreeMap<String, Template>,
    /// Language -> key -> text.
    i18n: BTreeMap<String, BTreeMap<String, String>>,
    statics: BTreeMap<String, Vec<u8>>,
}

struct Template {
    /// As shown in messages: `themes/default/templates/chapter.html`.
    path: PathBuf,
    text: String,
}

impl Files {
    fn embedded(problems: &mut Vec<Diagnostic>) -> Files {
        let base = Path::new("themes").join(DEFAULT_THEME);
        let mut files = Files::default();
        for (name, text) in embedded::TEMPLATES {
            files.templates.insert(
                (*name).to_string(),
                Template {
                    path: base.join("templates").join(name),
                    text: (*text).to_string(),
                },
            );
        }
        for (file, text) in embedded::I18N {
            files.add_strings(&base.join("i18n").join(file), text, problems);
        }
        for (name, bytes) in embedded::STATIC {
            files.statics.insert((*name).to_string(), bytes.to_vec());
        }
        files
    }

    /// Lays the files of `dir` (shown as `rel`) over these.
    fn overlay(&mut self, dir: &Path, rel: &Path, problems: &mut Vec<Diagnostic>) {
        for (name, bytes) in read_tree(&dir.join("templates"), &rel.join("templates"), problems) {
            let path = rel.join("templates").join(&name);
            match String::from_utf8(bytes) {
                Ok(text) => {
                    self.templates.insert(name, Template { path, text });
                }
                Err(_) => problems.push(Diagnostic::error(path, "template is not UTF-8 text")),
            }
        }
        for (name, bytes) in read_tree(&dir.join("i18n"), &rel.join("i18n"), problems) {
            let path = rel.join("i18n").join(&name);
            if name.contains('/') || !(name.ends_with(".yaml") || name.ends_with(".yml")) {
                continue;
            }
            match String::from_utf8(bytes) {
                Ok(text) => self.add_strings(&path, &text, problems),
                Err(_) => problems.push(Diagnostic::error(path, "UI strings are not UTF-8 text")),
            }
        }
        for (name, bytes) in read_tree(&dir.join("static"), &rel.join("static"), problems) {
            self.statics.insert(name, bytes);
        }
    }

    /// Parses one `<lang>.yaml` and lays its keys over what that language has.
    fn add_strings(&mut self, path: &Path, text: &str, problems: &mut Vec<Diagnostic>) {
        let Some(lang) = path.file_stem().and_then(|s| s.to_str()) else {
            return;
        };
        match parse_strings(path, text) {
            Ok(strings) => self
                .i18n
                .entry(lang.to_string())
                .or_default()
                .extend(strings),
            Err(d) => problems.push(d),
        }
    }
}

/// A flat `key: text` map; an empty file is an empty map.
fn parse_strings(path: &Path, text: &str) -> Result<BTreeMap<String, String>, Diagnostic> {
    match serde_yaml::from_str::<Option<BTreeMap<String, String>>>(text) {
        Ok(strings) => Ok(strings.unwrap_or_default()),
        Err(err) => {
            let message = err.to_string();
            let Some(loc) = err.location() else {
                return Err(Diagnostic::error(path, message));
            };
            // serde_yaml appends the location to its message; the diagnostic has it already.
            let suffix = format!(" at line {} column {}", loc.line(), loc.column());
            let message = message.strip_suffix(&suffix).unwrap_or(&message);
            Err(Diagnostic::error(path, message)
                .at(loc.line(), loc.column())
                .with_hint("UI strings are a flat map of `key: text` lines"))
        }
    }
}

/// Every file below `dir`, as (path relative to `dir` with `/`, bytes), sorted. Hidden
/// files and editor backups (`.x.swp`, `x~`) are skipped; a missing `dir` is empty.
fn read_tree(dir: &Path, rel: &Path, problems: &mut Vec<Diagnostic>) -> Vec<(String, Vec<u8>)> {
    if !dir.is_dir() {
        return Vec::new();
    }
    let mut found = Vec::new();
    let walk = WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_hidden_or_backup(e.file_name()));
    for entry in walk {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                let at = err
                    .path()
                    .map_or_else(|| rel.to_path_buf(), |p| shown(p, dir, rel));
                problems.push(Diagnostic::error(at, format!("cannot read: {err}")));
                continue;
            }
        };
        if !entry.path().is_file() {
            continue;
        }
        let Ok(below) = entry.path().strip_prefix(dir) else {
            continue;
        };
        let name = display_path(below);
        match std::fs::read(entry.path()) {
            Ok(bytes) => found.push((name, bytes)),
            Err(err) => problems.push(Diagnostic::error(
                rel.join(below),
                format!("cannot read: {err}"),
            )),
        }
    }
    found
}

fn shown(path: &Path, dir: &Path, rel: &Path) -> PathBuf {
    path.strip_prefix(dir)
        .map_or_else(|_| rel.to_path_buf(), |p| rel.join(p))
}

fn is_hidden_or_backup(name: &std::ffi::OsStr) -> bool {
    let name = name.to_string_lossy();
    name.starts_with('.') || name.ends_with('~')
}

/// A theme name is one folder inside `themes/`, never a path.
fn is_plain_name(name: &str) -> bool {
    !name.is_empty()
        && name != "."
        && name != ".."
        && !name.contains(['/', '\\'])
        && !Path::new(name).is_absolute()
}

fn missing_theme(site_root: &Path, name: &str) -> Diagnostic {
    let mut available: Vec<String> = std::fs::read_dir(site_root.join("themes"))
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.path().is_dir())
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .collect();
    available.push(DEFAULT_THEME.to_string());
    let candidates: Vec<&str> = available.iter().map(String::as_str).collect();
    let hint = match did_you_mean(name, &candidates) {
        Some(near) => format!("did you mean `{near}`?"),
        None => "leave `theme` out to use the built-in default theme".to_string(),
    };
    Diagnostic::error(
        "content/site.yaml",
        format!("theme `{name}` not found: there is no folder themes/{name}/"),
    )
    .with_hint(hint)
}

/// Compiles every template at once, so `extends` and `include` resolve across files.
fn compile(
    templates: &BTreeMap<String, Template>,
    paths: &Paths,
) -> Result<tera::Tera, Vec<Diagnostic>> {
    let mut tera = tera::Tera::default();
    filters::register(&mut tera);
    // Escape in every template, whatever its suffix: a partial named `x.txt` included
    // into a page must not let content through unescaped.
    tera.autoescape_on([""]);
    let sources = templates.iter().map(|(n, t)| (n.as_str(), t.text.as_str()));
    match tera.add_raw_templates(sources) {
        Ok(()) => Ok(tera),
        Err(err) => {
            // Tera stops at the first syntax error; check each file alone to report all.
            let syntax = syntax_errors(templates, paths);
            if syntax.is_empty() {
                // An error that names no template is blamed on the templates folder.
                Err(diagnose::diagnostics(&err, paths, ""))
            } else {
                Err(syntax)
            }
        }
    }
}

/// The syntax errors of every template, each parsed on its own.
fn syntax_errors(templates: &BTreeMap<String, Template>, paths: &Paths) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for (name, template) in templates {
        let mut alone = tera::Tera::default();
        if let Err(err) = alone.add_raw_template(name, &template.text)
            && matches!(err.kind(), tera::ErrorKind::SyntaxError(_))
        {
            found.extend(diagnose::diagnostics(&err, paths, name));
        }
    }
    found
}

/// Each language's strings with English filling the gaps, and English itself.
fn merge_ui(
    i18n: BTreeMap<String, BTreeMap<String, String>>,
) -> (
    BTreeMap<String, BTreeMap<String, String>>,
    BTreeMap<String, String>,
) {
    let fallback = i18n.get(FALLBACK_LANG).cloned().unwrap_or_default();
    let merged = i18n
        .into_iter()
        .map(|(lang, own)| {
            let mut strings = fallback.clone();
            strings.extend(own);
            (lang, strings)
        })
        .collect();
    (merged, fallback)
}
