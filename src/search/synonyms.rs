//! The site's synonym groups of one language (`search.synonyms` in `site.yaml`),
//! analyzed as the index needs them: which words may start a member, which
//! compound parts are members, and whether the words after a start continue it.

use super::analyze::{Analyzer, fold_into, lower_into};
use super::fasthash::{FastMap, Interner};
use super::matching::is_form_of;
use super::tokens::tokens;
use super::vocab::WordInfo;

/// The site's synonym groups of one language, analyzed: each member a sequence of
/// keys. A phrase of a text is an occurrence of a member when each of its words is a
/// form of the member's key at that place.
#[derive(Debug, Default)]
pub struct Synonyms {
    /// group -> member -> (folded word, key) per word.
    pub groups: Vec<Vec<Vec<(String, String)>>>,
    /// The members (group, member) by their first word's key, and by that key's
    /// first three bytes: the only members a word can be a form of (see
    /// [`starts`](Self::starts)).
    by_key: FastMap<String, Vec<(u32, u32)>>,
    by_head: FastMap<Vec<u8>, Vec<(u32, u32)>>,
    /// The groups with a member of one word, by that word's key, in group order:
    /// asked for every compound part of every word.
    by_single: FastMap<String, Vec<u32>>,
}

impl Synonyms {
    pub fn new(analyzer: &Analyzer, groups: &[Vec<String>]) -> Synonyms {
        let mut lower = String::new();
        let mut out = Vec::new();
        for group in groups {
            let mut members = Vec::new();
            for member in group {
                let mut words = Vec::new();
                for token in tokens(member) {
                    lower_into(token, &mut lower);
                    let mut folded = String::new();
                    fold_into(&lower, &mut folded);
                    if !analyzer.is_stopword(&folded) {
                        words.push((folded, analyzer.key(&lower).into_owned()));
                    }
                }
                if !words.is_empty() && !members.contains(&words) {
                    members.push(words);
                }
            }
            if members.len() > 1 {
                out.push(members);
            }
        }
        let mut syn = Synonyms {
            groups: out,
            ..Synonyms::default()
        };
        for (g, group) in (0u32..).zip(&syn.groups) {
            for (m, member) in (0u32..).zip(group) {
                if let [(_, k)] = member.as_slice() {
                    let groups = syn.by_single.entry(k.clone()).or_default();
                    if groups.last() != Some(&g) {
                        groups.push(g);
                    }
                }
                if let Some((_, k)) = member.first() {
                    syn.by_key.entry(k.clone()).or_default().push((g, m));
                    syn.by_head
                        .entry(head3(k).to_vec())
                        .or_default()
                        .push((g, m));
                }
            }
        }
        syn
    }

    /// Every (folded word, key) of every member.
    pub(super) fn words(&self) -> impl Iterator<Item = (&str, &str)> {
        self.groups
            .iter()
            .flatten()
            .flatten()
            .map(|(w, k)| (w.as_str(), k.as_str()))
    }

    /// The members whose first word a text word (folded, with its key) is a form of,
    /// in order of group and member.
    ///
    /// Index building asks this of every distinct word: rather than trying every
    /// member, it looks at those whose first key is the word's own key, and those
    /// whose first key starts with the word's first three bytes, which every other
    /// form shares (see [`is_form_of`]).
    pub(super) fn starts(&self, folded: &str, key: &str) -> Vec<(u32, u32)> {
        let mut out: Vec<(u32, u32)> = self.by_key.get(key).cloned().unwrap_or_default();
        if let Some(candidates) = self.by_head.get(head3(folded)) {
            out.extend(candidates.iter().filter(|&&(g, m)| {
                self.groups[g as usize][m as usize]
                    .first()
                    .is_some_and(|(_, k)| is_form_of(folded, k))
            }));
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// [`starts`](Self::starts) by trying every member.
    #[cfg(test)]
    fn starts_by_trying_all(&self, folded: &str, key: &str) -> Vec<(u32, u32)> {
        let mut out = Vec::new();
        for (g, group) in (0u32..).zip(&self.groups) {
            for (m, member) in (0u32..).zip(group) {
                if member
                    .first()
                    .is_some_and(|(_, k)| word_is_form(folded, key, k))
                {
                    out.push((g, m));
                }
            }
        }
        out
    }

    /// Groups with a one-word member whose key is `key`, in order.
    pub(super) fn single_word_groups(&self, key: &str) -> &[u32] {
        self.by_single.get(key).map_or(&[], Vec::as_slice)
    }

    /// Whether the words after a matched first word (ids into `words`) continue
    /// member `m` of group `g`.
    pub fn continues(
        &self,
        g: u32,
        m: u32,
        rest: &[u32],
        words: &[WordInfo],
        terms: &Interner,
    ) -> bool {
        let Some(member) = self
            .groups
            .get(g as usize)
            .and_then(|gr| gr.get(m as usize))
        else {
            return false;
        };
        let tail = member.get(1..).unwrap_or_default();
        tail.len() <= rest.len()
            && tail.iter().zip(rest).all(|((_, k), &w)| {
                let info = &words[w as usize];
                word_is_form(&info.folded, &terms.names[info.key as usize], k)
            })
    }

    /// Length in words of member `m` of group `g`.
    pub fn member_len(&self, g: u32, m: u32) -> usize {
        self.groups
            .get(g as usize)
            .and_then(|gr| gr.get(m as usize))
            .map_or(0, Vec::len)
    }
}

/// The first three bytes of a word, or all of a shorter one.
fn head3(word: &str) -> &[u8] {
    &word.as_bytes()[..word.len().min(3)]
}

/// A text word (folded, with its own key) is a form of a synonym's key `k`.
fn word_is_form(folded: &str, key: &str, k: &str) -> bool {
    key == k || is_form_of(folded, k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synonym_members_are_analyzed_phrases() {
        let analyzer = Analyzer::new("fi");
        let groups = vec![vec![
            "some".to_owned(),
            "sosiaalinen media".to_owned(),
            "sosiaalisen median".to_owned(),
        ]];
        let syn = Synonyms::new(&analyzer, &groups);
        let keys: Vec<Vec<&str>> = syn.groups[0]
            .iter()
            .map(|m| m.iter().map(|(_, k)| k.as_str()).collect())
            .collect();
        assert_eq!(
            keys,
            [
                vec!["some"],
                vec!["sosiaalin", "med"],
                vec!["sosiaalis", "media"]
            ]
        );
        assert_eq!(syn.starts("sosiaalisessa", "sosiaalis"), [(0, 1), (0, 2)]);
        assert_eq!(syn.starts("somessa", "some"), [(0, 0)]);
        assert!(syn.starts("sosiaaliturva", "sosiaaliturv").is_empty());
    }

    #[test]
    fn synonym_starts_are_found_as_by_trying_every_member() {
        let analyzer = Analyzer::new("fi");
        let groups: Vec<Vec<String>> = [
            &["some", "sosiaalinen media", "sosiaalisen median"][..],
            &["x", "twitter"],
            &["fb", "facebook"],
            &["vaalit", "vaalikausi"],
            &["ääni", "äänestys"],
        ]
        .iter()
        .map(|g| g.iter().map(|w| (*w).to_owned()).collect())
        .collect();
        let syn = Synonyms::new(&analyzer, &groups);
        let words = [
            "some",
            "somessa",
            "sosiaalisessa",
            "sosiaalinen",
            "x",
            "xx",
            "twitterissä",
            "fb",
            "facebookissa",
            "vaaleissa",
            "vaalit",
            "äänet",
            "äänestyksessä",
            "so",
            "tw",
            "",
        ];
        for w in words {
            let mut lower = String::new();
            lower_into(w, &mut lower);
            let key = analyzer.key(&lower);
            let mut folded = String::new();
            fold_into(&lower, &mut folded);
            assert_eq!(
                syn.starts(&folded, &key),
                syn.starts_by_trying_all(&folded, &key),
                "{w}"
            );
        }
        assert_eq!(syn.starts("somessa", "some"), [(0, 0)]);
    }

    #[test]
    fn single_word_groups_are_those_a_scan_of_every_member_finds() {
        let analyzer = Analyzer::new("fi");
        // `kanava` is a one-word member of two groups and twice of one; `some` is
        // one word of a group and the first of a phrase in another.
        let groups: Vec<Vec<String>> = [
            &["some", "sosiaalinen media"][..],
            &["kanava", "kanavat", "somekanava"],
            &["some kanava", "kanava", "x"],
            &["twitter", "x"],
        ]
        .iter()
        .map(|g| g.iter().map(|w| (*w).to_owned()).collect())
        .collect();
        let syn = Synonyms::new(&analyzer, &groups);
        let scan = |key: &str| -> Vec<u32> {
            let groups = (0u32..).zip(&syn.groups);
            let has =
                |g: &Vec<Vec<(String, String)>>| g.iter().any(|m| m.len() == 1 && m[0].1 == key);
            groups.filter(|(_, g)| has(g)).map(|(g, _)| g).collect()
        };
        let keys: Vec<String> = syn.words().map(|(_, k)| k.to_owned()).collect();
        for key in keys.iter().map(String::as_str).chain(["media", "nothing"]) {
            assert_eq!(syn.single_word_groups(key), scan(key), "{key}");
        }
        assert_eq!(syn.single_word_groups(&analyzer.key("kanava")), [1, 2]);
    }

    #[test]
    fn groups_of_one_member_are_dropped() {
        let analyzer = Analyzer::new("en");
        let groups = vec![vec!["Tweet".to_owned(), "tweet".to_owned()], vec![]];
        assert!(Synonyms::new(&analyzer, &groups).groups.is_empty());
    }
}
