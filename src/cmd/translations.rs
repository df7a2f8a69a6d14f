//! `handbook translations`: where every page stands in every language, and
//! `--mark` to record that a translation is up to date with its source.

use crate::assemble::assemble;
use crate::cli::TranslationsArgs;
use crate::load;
use crate::parse::frontmatter::set_key;
use crate::quality::{TranslationState, digest, translation_state};
use anyhow::Context;
use std::process::ExitCode;

pub fn run(args: &TranslationsArgs) -> anyhow::Result<ExitCode> {
    let root = &args.site.root;
    let (sources, _) = match load::sources(root, true) {
        Ok(s) => s,
        Err(diags) => {
            super::report(&diags.into_sorted());
            return Ok(ExitCode::FAILURE);
        }
    };
    let hb = match assemble(&sources) {
        Ok(hb) => hb,
        Err(diags) => {
            super::report(&diags.into_sorted());
            return Ok(ExitCode::FAILURE);
        }
    };
    let default = sources.settings.default_lang();
    if let Some(mark) = &args.mark {
        let Some((lang, rel)) = mark.split_once('/') else {
            eprintln!("error: --mark takes <lang>/<path>, e.g. en/kanavat/facebook.md");
            return Ok(ExitCode::FAILURE);
        };
        let rel = if rel.ends_with(".md") {
            rel.to_string()
        } else {
            format!("{rel}.md")
        };
        let source = sources
            .pages
            .iter()
            .find(|p| p.lang == default && p.rel == rel);
        let target = sources
            .pages
            .iter()
            .find(|p| p.lang == lang && p.rel == rel);
        let (Some(source), Some(target)) = (source, target) else {
            eprintln!(
                "error: content/{lang}/{rel} needs both itself and its source content/{default}/{rel}"
            );
            return Ok(ExitCode::FAILURE);
        };
        if lang == default {
            eprintln!(
                "error: content/{lang}/{rel} is in the source language; mark its translations instead"
            );
            return Ok(ExitCode::FAILURE);
        }
        let path = root.join(&target.source);
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        let updated = set_key(&text, "translated_from", &digest(source))
            .with_context(|| format!("{} has no front matter", target.source.display()))?;
        std::fs::write(&path, updated)
            .with_context(|| format!("cannot write {}", path.display()))?;
        println!("marked content/{lang}/{rel} as up to date with content/{default}/{rel}");
        return Ok(ExitCode::SUCCESS);
    }
    let mut counts = [0usize; 4];
    for page in sources.pages.iter().filter(|p| p.lang == default) {
        for lang in sources.settings.languages.iter().skip(1) {
            let state = translation_state(&hb, lang, page);
            let (i, word) = match state {
                TranslationState::UpToDate => (0, "up to date"),
                TranslationState::Unmarked => (1, "not marked"),
                TranslationState::Outdated => (2, "OUTDATED"),
                TranslationState::Missing => (3, "MISSING"),
            };
            counts[i] += 1;
            println!("{word:<11} content/{lang}/{}", page.rel);
        }
    }
    println!(
        "\n{} up to date, {} not marked, {} outdated, {} missing",
        counts[0], counts[1], counts[2], counts[3]
    );
    if counts[1] > 0 {
        println!(
            "A translation is `not marked` until `handbook translations --mark <lang>/<path>` records which source text it matches."
        );
    }
    Ok(ExitCode::SUCCESS)
}
