//! The language-independent shape of the corpus: sections, and for every
//! chapter its title, headings, blocks and link targets. Both languages are
//! rendered from the same plan, so translations mirror each other and an
//! anchor chosen here exists in the target page in every language.

use crate::bank::{CALLOUTS, CONTEXTS, HEADINGS, OWNERS, REVIEWED, SITUATIONS, TOPICS};
use crate::channels::CHANNELS;
use crate::rng::Rng;

/// Purposes of derived random streams (the second `Rng::derive` number).
const STRUCTURE: u64 = 1;
const LINKS: u64 = 2;
const SECTIONS: u64 = 3;

pub struct Plan {
    /// Chapter index ranges, one per section folder.
    pub sections: Vec<std::ops::Range<usize>>,
    pub chapters: Vec<Chapter>,
    /// Digits in chapter file names (`luku-0042.md`).
    pub width: usize,
}

pub struct Chapter {
    pub section: usize,
    /// Position within its section, from 0.
    pub position: usize,
    pub topic: usize,
    pub context: usize,
    pub owner: usize,
    pub reviewed: &'static str,
    pub footnote: Option<usize>,
    pub intro: Block,
    pub headings: Vec<Heading>,
}

pub struct Heading {
    pub level: usize,
    /// Index into `bank::HEADINGS`.
    pub text: usize,
    pub blocks: Vec<Block>,
}

pub enum Block {
    Para {
        sentences: usize,
        links: Vec<Link>,
    },
    Bullets(usize),
    Steps(usize),
    Tasks(usize),
    /// Channels table: channel indices.
    ChannelTable(Vec<usize>),
    /// Who-does-what table: `bank::SITUATIONS` indices.
    SituationTable(Vec<usize>),
    Callout {
        kind: &'static str,
        sentences: usize,
    },
}

pub enum Link {
    /// Another chapter, optionally at one of its headings (an index into
    /// the target's `headings`).
    Chapter {
        target: usize,
        heading: Option<usize>,
    },
    Channel(usize),
}

impl Plan {
    pub fn new(chapters: usize, seed: u64) -> Plan {
        let sections = split_into_sections(chapters, seed);
        let mut list = Vec::with_capacity(chapters);
        for (s, range) in sections.iter().enumerate() {
            for (position, index) in range.clone().enumerate() {
                let mut rng = Rng::derive(seed, index as u64, STRUCTURE);
                list.push(chapter_skeleton(&mut rng, s, position));
            }
        }
        for index in 0..chapters {
            let mut rng = Rng::derive(seed, index as u64, LINKS);
            add_links(&mut list, index, &mut rng);
        }
        let width = chapters.to_string().len().max(4);
        Plan {
            sections,
            chapters: list,
            width,
        }
    }
}

/// Sections of 20-50 chapters; a small remainder joins the last section.
fn split_into_sections(chapters: usize, seed: u64) -> Vec<std::ops::Range<usize>> {
    let mut rng = Rng::derive(seed, 0, SECTIONS);
    let mut sections = Vec::new();
    let mut start = 0;
    while start < chapters {
        let size = rng.range(20, 50);
        let mut end = (start + size).min(chapters);
        if chapters - end < 10 {
            end = chapters;
        }
        sections.push(start..end);
        start = end;
    }
    sections
}

fn chapter_skeleton(rng: &mut Rng, section: usize, position: usize) -> Chapter {
    let count = rng.range(3, 8);
    let texts = rng.distinct(HEADINGS.len(), count);
    let mut headings: Vec<Heading> = texts
        .into_iter()
        .enumerate()
        .map(|(i, text)| Heading {
            level: if i > 0 && rng.chance(30) { 3 } else { 2 },
            text,
            blocks: heading_blocks(rng),
        })
        .collect();
    if rng.chance(25) {
        let at = rng.below(headings.len());
        let rows = rng.range(3, 5);
        let table = if rng.chance(50) {
            Block::ChannelTable(rng.distinct(CHANNELS.len(), rows))
        } else {
            Block::SituationTable(rng.distinct(SITUATIONS.len(), rows))
        };
        headings[at].blocks.push(table);
    }
    if rng.chance(35) {
        let at = rng.below(headings.len());
        let kind = *rng.pick(CALLOUTS);
        let sentences = rng.range(1, 2);
        headings[at]
            .blocks
            .insert(1, Block::Callout { kind, sentences });
    }
    if rng.chance(5) {
        let at = rng.below(headings.len());
        headings[at].blocks.push(Block::Tasks(rng.range(3, 5)));
    }
    Chapter {
        section,
        position,
        topic: rng.below(TOPICS.len()),
        context: rng.below(CONTEXTS.len()),
        owner: rng.below(OWNERS.len()),
        reviewed: REVIEWED[rng.below(REVIEWED.len())],
        footnote: if rng.chance(10) {
            Some(rng.below(3))
        } else {
            None
        },
        intro: para(rng),
        headings,
    }
}

fn para(rng: &mut Rng) -> Block {
    Block::Para {
        sentences: rng.range(3, 6),
        links: Vec::new(),
    }
}

/// What follows a heading: always a paragraph, sometimes more.
fn heading_blocks(rng: &mut Rng) -> Vec<Block> {
    let mut blocks = vec![para(rng)];
    if rng.chance(25) {
        blocks.push(Block::Bullets(rng.range(3, 6)));
    } else if rng.chance(15) {
        blocks.push(Block::Steps(rng.range(3, 6)));
    }
    if rng.chance(30) {
        blocks.push(para(rng));
    }
    blocks
}

/// 2-5 links to other chapters (some to a heading) and 0-2 to channels,
/// attached to randomly chosen paragraphs of chapter `index`.
fn add_links(chapters: &mut [Chapter], index: usize, rng: &mut Rng) {
    let mut links = Vec::new();
    if chapters.len() > 1 {
        for _ in 0..rng.range(2, 5) {
            let mut target = rng.below(chapters.len() - 1);
            if target >= index {
                target += 1;
            }
            let heading = if rng.chance(40) {
                Some(rng.below(chapters[target].headings.len()))
            } else {
                None
            };
            links.push(Link::Chapter { target, heading });
        }
    }
    for _ in 0..rng.range(0, 2) {
        links.push(Link::Channel(rng.below(CHANNELS.len())));
    }
    let chapter = &mut chapters[index];
    let paragraphs = 1 + chapter
        .headings
        .iter()
        .flat_map(|h| &h.blocks)
        .filter(|b| matches!(b, Block::Para { .. }))
        .count();
    for link in links {
        let mut nth = rng.below(paragraphs);
        if nth == 0 {
            push_link(&mut chapter.intro, link);
            continue;
        }
        for block in chapter
            .headings
            .iter_mut()
            .flat_map(|h| h.blocks.iter_mut())
        {
            if matches!(block, Block::Para { .. }) {
                nth -= 1;
                if nth == 0 {
                    push_link(block, link);
                    break;
                }
            }
        }
    }
}

fn push_link(block: &mut Block, link: Link) {
    if let Block::Para { links, .. } = block {
        links.push(link);
    }
}
