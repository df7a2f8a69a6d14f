//! Benchmark corpus generator: writes a complete bilingual handbook site
//! (site.yaml, fi/en chapters at mirrored paths, channel profiles) whose
//! every link resolves.
//!
//! cargo run --release --example gen_corpus -- --chapters N --out DIR [--seed S]
//!
//! The same arguments always give byte-identical files.

mod bank;
mod channels;
mod corpus;
mod plan;
mod render;
mod rng;
mod text;
mod text_en;
mod text_fi;
mod yaml;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

const USAGE: &str = "usage: gen_corpus --chapters N --out DIR [--seed S]\n\
    \n\
    Writes DIR/content/ with N chapters per language (fi and en), grouped in\n\
    sections of 20-50 chapters, and 10 channel profiles. Deterministic: the\n\
    same arguments give byte-identical files. An existing DIR/content is\n\
    replaced only if gen_corpus wrote it.";

struct Args {
    chapters: usize,
    out: PathBuf,
    seed: u64,
}

fn parse_args() -> Result<Args, String> {
    let mut chapters = None;
    let mut out = None;
    let mut seed = 1;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        match arg.as_str() {
            "--chapters" => {
                let v = value("--chapters")?;
                let n: usize = v
                    .parse()
                    .map_err(|_| format!("--chapters: not a number: {v}"))?;
                if n == 0 {
                    return Err("--chapters must be at least 1".into());
                }
                chapters = Some(n);
            }
            "--out" => out = Some(PathBuf::from(value("--out")?)),
            "--seed" => {
                let v = value("--seed")?;
                seed = v
                    .parse()
                    .map_err(|_| format!("--seed: not a number: {v}"))?;
            }
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown argument: {other}")),
        }
    }
    Ok(Args {
        chapters: chapters.ok_or("--chapters is required")?,
        out: out.ok_or("--out is required")?,
        seed,
    })
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(message) => {
            if !message.is_empty() {
                eprintln!("gen_corpus: {message}\n");
            }
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    let start = Instant::now();
    let opts = corpus::Options {
        chapters: args.chapters,
        seed: args.seed,
    };
    let files = corpus::generate(&opts);
    let generated = start.elapsed();
    let note = format!(
        "gen_corpus --chapters {} --seed {}\n",
        args.chapters, args.seed
    );
    if let Err(e) = corpus::write_site(&args.out, &files, &note) {
        eprintln!("gen_corpus: writing {}: {e}", args.out.display());
        return ExitCode::FAILURE;
    }
    let bytes: usize = files.iter().map(|f| f.text.len()).sum();
    let chapters: Vec<usize> = files
        .iter()
        .filter(|f| f.path.ends_with(".md") && !f.path.ends_with("_index.md"))
        .map(|f| f.text.len())
        .collect();
    let average = chapters.iter().sum::<usize>() / chapters.len().max(1);
    eprintln!(
        "gen_corpus: {} files, {:.1} MB ({} chapters per language, average chapter {:.1} KB) \
         in {}: generated in {} ms, written in {} ms",
        files.len(),
        bytes as f64 / 1e6,
        args.chapters,
        average as f64 / 1024.0,
        args.out.display(),
        generated.as_millis(),
        (start.elapsed() - generated).as_millis(),
    );
    ExitCode::SUCCESS
}
