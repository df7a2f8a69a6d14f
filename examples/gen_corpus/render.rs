//! Writing the plan out as Markdown in one language.

use crate::bank::{CONTEXTS, HEADINGS, OWNERS, SECTIONS, SITUATIONS, TOPICS};
use crate::channels::{self, CHANNELS};
use crate::plan::{Block, Chapter, Link, Plan};
use crate::rng::Rng;
use crate::text::{Text, capitalize, decapitalize};
use crate::yaml::quote;

/// One language: its index in the `[fi, en]` pairs and its text bank.
pub struct Lang {
    pub index: usize,
    pub code: &'static str,
    pub text: &'static Text,
}

/// The id a heading gets: lower case, spaces to `-`, ä/ö/å folded to a/o/a,
/// other punctuation dropped (the SPEC's rule).
pub fn heading_id(text: &str) -> String {
    let mut id = String::with_capacity(text.len());
    for c in text.to_lowercase().chars() {
        match c {
            'ä' | 'å' => id.push('a'),
            'ö' => id.push('o'),
            ' ' => id.push('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => id.push(c),
            _ => {}
        }
    }
    id
}

pub fn section_dir(section: usize) -> String {
    format!("osio-{:03}", section + 1)
}

pub fn chapter_file(plan: &Plan, index: usize) -> String {
    format!("luku-{:0w$}.md", index + 1, w = plan.width)
}

/// The link from chapter `from` to chapter `to`, as a source path.
fn chapter_href(plan: &Plan, from: usize, to: usize) -> String {
    let (a, b) = (plan.chapters[from].section, plan.chapters[to].section);
    if a == b {
        chapter_file(plan, to)
    } else {
        format!("../{}/{}", section_dir(b), chapter_file(plan, to))
    }
}

pub fn chapter_title(chapter: &Chapter, lang: &Lang) -> String {
    let topic = TOPICS[chapter.topic][lang.index];
    let context = CONTEXTS[chapter.context][lang.index];
    format!("{topic} {context}")
}

/// A section's title; names are reused with "part 2", "part 3"... once the
/// bank runs out.
pub fn section_title(section: usize, lang: &Lang) -> String {
    let name = SECTIONS[section % SECTIONS.len()][lang.index];
    match section / SECTIONS.len() {
        0 => name.to_string(),
        round => format!("{name}, {} {}", lang.text.part, round + 1),
    }
}

fn front_matter(out: &mut String, fields: &[(&str, String)]) {
    out.push_str("---\n");
    for (key, value) in fields {
        out.push_str(&format!("{key}: {value}\n"));
    }
    out.push_str("---\n\n");
}

/// `content/<lang>/_index.md`: the front page.
pub fn front_page(site_title: &str, lang: &Lang, rng: &mut Rng) -> String {
    let mut out = String::with_capacity(2048);
    front_matter(
        &mut out,
        &[
            ("title", quote(site_title)),
            ("description", quote(lang.text.front_description)),
        ],
    );
    out.push_str(lang.text.front_intro);
    out.push(' ');
    out.push_str(&lang.text.paragraph(rng, 3));
    out.push_str(&format!("\n\n## {}\n\n", lang.text.front_channels));
    for (i, c) in CHANNELS.iter().enumerate() {
        let file = channels::file_name(i);
        out.push_str(&format!("- [{}](../channels/{file})\n", c.name[lang.index]));
    }
    out
}

/// `content/<lang>/<section>/_index.md`.
pub fn section_index(section: usize, lang: &Lang, rng: &mut Rng) -> String {
    let mut out = String::with_capacity(1024);
    let title = section_title(section, lang);
    let intro = lang
        .text
        .section_intro
        .replace("{title}", &decapitalize(&title));
    front_matter(
        &mut out,
        &[
            ("title", quote(&title)),
            ("weight", ((section + 1) * 10).to_string()),
            ("description", quote(&intro)),
        ],
    );
    out.push_str(&intro);
    out.push(' ');
    let sentences = rng.range(2, 4);
    out.push_str(&lang.text.paragraph(rng, sentences));
    out.push('\n');
    out
}

/// One chapter in one language.
pub fn chapter(plan: &Plan, index: usize, lang: &Lang, rng: &mut Rng) -> String {
    let chapter = &plan.chapters[index];
    let mut out = String::with_capacity(6 * 1024);
    let title = chapter_title(chapter, lang);
    let description = rng
        .pick(lang.text.descriptions)
        .replace("{title}", &decapitalize(&title));
    front_matter(
        &mut out,
        &[
            ("title", quote(&title)),
            ("weight", ((chapter.position + 1) * 10).to_string()),
            ("description", quote(&description)),
            ("owner", quote(OWNERS[chapter.owner][lang.index])),
            ("reviewed", chapter.reviewed.to_string()),
        ],
    );
    let writer = BlockWriter { plan, index, lang };
    writer.block(&mut out, &chapter.intro, rng);
    if chapter.footnote.is_some() {
        // The reference closes the introduction; the note ends the page.
        out.truncate(out.trim_end().len());
        out.push_str("[^1]\n\n");
    }
    for heading in &chapter.headings {
        let hashes = "#".repeat(heading.level);
        out.push_str(&format!(
            "{hashes} {}\n\n",
            HEADINGS[heading.text][lang.index]
        ));
        for block in &heading.blocks {
            writer.block(&mut out, block, rng);
        }
    }
    if let Some(n) = chapter.footnote {
        out.push_str(&format!(
            "[^1]: {}\n",
            lang.text.footnotes[n % lang.text.footnotes.len()]
        ));
    }
    out
}

struct BlockWriter<'a> {
    plan: &'a Plan,
    index: usize,
    lang: &'a Lang,
}

impl BlockWriter<'_> {
    fn block(&self, out: &mut String, block: &Block, rng: &mut Rng) {
        let text = self.lang.text;
        let l = self.lang.index;
        match block {
            Block::Para { sentences, links } => {
                out.push_str(&self.paragraph(*sentences, links, rng));
            }
            Block::Bullets(n) => list(out, text.bullets, *n, rng, |_| "- ".to_string()),
            Block::Steps(n) => list(out, text.steps, *n, rng, |i| format!("{}. ", i + 1)),
            Block::Tasks(n) => list(out, text.bullets, *n, rng, |i| {
                if i == 0 { "- [x] " } else { "- [ ] " }.to_string()
            }),
            Block::ChannelTable(rows) => {
                out.push_str(text.table_headers[0]);
                out.push_str("\n| --- | --- | --- |\n");
                for &c in rows {
                    let ch = &CHANNELS[c];
                    let href = format!("../../channels/{}", channels::file_name(c));
                    out.push_str(&format!(
                        "| [{}]({href}) | {} | {} |\n",
                        ch.name[l], ch.platform, ch.response_time[l]
                    ));
                }
            }
            Block::SituationTable(rows) => {
                out.push_str(text.table_headers[1]);
                out.push_str("\n| --- | --- | --- |\n");
                for &s in rows {
                    let [what, who, when] = SITUATIONS[s];
                    out.push_str(&format!("| {} | {} | {} |\n", what[l], who[l], when[l]));
                }
            }
            Block::Callout { kind, sentences } => {
                out.push_str(&format!(
                    "> [!{kind}]\n> {}\n",
                    text.paragraph(rng, *sentences)
                ));
            }
        }
        out.push('\n');
    }

    /// Sentences with the paragraph's link phrases mixed in.
    fn paragraph(&self, sentences: usize, links: &[Link], rng: &mut Rng) -> String {
        let mut parts: Vec<String> = (0..sentences)
            .map(|_| self.lang.text.sentence(rng))
            .collect();
        for link in links {
            let at = 1 + rng.below(parts.len());
            parts.insert(at, self.link_sentence(link, rng));
        }
        let mut p = parts.join(" ");
        p.push('\n');
        p
    }

    fn link_sentence(&self, link: &Link, rng: &mut Rng) -> String {
        let (text, l) = (self.lang.text, self.lang.index);
        let (template, label, href) = match link {
            Link::Chapter {
                target,
                heading: None,
            } => {
                let label = chapter_title(&self.plan.chapters[*target], self.lang);
                let href = chapter_href(self.plan, self.index, *target);
                (*rng.pick(text.chapter_links), label, href)
            }
            Link::Chapter {
                target,
                heading: Some(h),
            } => {
                let heading = HEADINGS[self.plan.chapters[*target].headings[*h].text][l];
                let href = format!(
                    "{}#{}",
                    chapter_href(self.plan, self.index, *target),
                    heading_id(heading)
                );
                (*rng.pick(text.anchor_links), heading.to_string(), href)
            }
            Link::Channel(c) => {
                let href = format!("../../channels/{}", channels::file_name(*c));
                (
                    *rng.pick(text.channel_links),
                    CHANNELS[*c].name[l].to_string(),
                    href,
                )
            }
        };
        capitalize(&template.replace("{text}", &label).replace("{href}", &href))
    }
}

/// `n` distinct items of `bank`, each line started by `marker(i)`.
fn list(
    out: &mut String,
    bank: &[&str],
    n: usize,
    rng: &mut Rng,
    marker: impl Fn(usize) -> String,
) {
    for (i, item) in rng.distinct(bank.len(), n).into_iter().enumerate() {
        out.push_str(&marker(i));
        out.push_str(bank[item]);
        out.push('\n');
    }
}
