//! The keyword prefilter of every built-in reviewer at once: one pass over a file finds every
//! occurrence of every rule's keywords (ASCII case-insensitively, overlapping ones included),
//! and each reviewer maps the keywords found on a line to its candidate rules.
//!
//! The search is a hashed n-gram filter over the lower-cased text: each keyword of four bytes
//! or more is anchored at its rarest four-byte window, each shorter keyword at its start; a
//! position whose window hashes to an anchor's bit in a small bitmap is verified against the
//! keywords anchored there. Building it takes microseconds (an Aho-Corasick automaton over the
//! same thousand keywords takes milliseconds, which a pre-commit review of a few lines cannot
//! afford), and the bitmap stays in the first-level cache.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use aho_corasick::automaton::Automaton;
use aho_corasick::dfa::DFA;
use aho_corasick::{Anchored, MatchKind};

/// Bytes a process searches with the hashed windows before the automaton takes over.
const DFA_AFTER: usize = 4 << 20;

/// Bits of the anchor bitmap (and of the anchor hashes).
const HASH_BITS: u32 = 18;
/// Buckets of anchors, by the top bits of the hash.
const BUCKET_BITS: u32 = 10;

/// One keyword anchored at a window.
#[derive(Clone, Copy)]
struct Anchor {
    hash: u32,
    /// The window's bytes, little-endian (a keyword shorter than four bytes: itself, the rest
    /// zero).
    window: u32,
    /// The window's length: 2, 3 or 4.
    len_class: u8,
    keyword: u32,
    /// Where the window starts in the keyword.
    offset: u32,
}

/// Every keyword of every built-in rule set, lower-cased and distinct.
pub struct Keywords {
    words: Vec<Box<[u8]>>,
    /// Keyword to id; a fast hash: the map is built in every process, from built-in words.
    ids: foldhash::HashMap<Box<[u8]>, usize>,
    /// `1 << HASH_BITS` bits: set for the hash of every anchor window.
    bitmap: Vec<u64>,
    /// Bytes searched so far in this process.
    searched: AtomicUsize,
    dfa: OnceLock<DFA>,
    /// Anchors sorted by hash; `buckets[b]..buckets[b + 1]` are those whose hash has top bits `b`.
    anchors: Vec<Anchor>,
    buckets: Vec<u32>,
}

/// The windows of four bytes, three bytes and two bytes at a position, little-endian, hashed;
/// the window of a keyword shorter than four bytes is the keyword itself.
fn hash(window: u32, len: usize) -> u32 {
    let (masked, seed) = match len {
        2 => (window & 0xffff, 0x2545_f491),
        3 => (window & 0x00ff_ffff, 0x85eb_ca6b),
        _ => (window, 0x9e37_79b1),
    };
    masked.wrapping_mul(seed) >> (32 - HASH_BITS)
}

/// How common a byte is in source code (higher: more common); anchors avoid common bytes.
fn commonness(b: u8) -> u64 {
    COMMONNESS[b as usize]
}

/// [`commonness`] of every byte, worked out at compile time: the keyword set is built in each
/// process, and a search per byte of every window of every keyword was a large part of it.
const COMMONNESS: [u64; 256] = {
    const COMMON: &[u8] = b" etaoinsrlcdu_mph.f(),g;:=bywv\"xk'-/0>1<{}*&[]#";
    let mut table = [1u64; 256];
    // From the end, so that a byte listed twice keeps its first (higher) rank.
    let mut p = COMMON.len();
    while p > 0 {
        p -= 1;
        // Steeply: a window of four common letters is far worse than one with a single rare
        // byte. The first listed byte is the most common.
        table[COMMON[p] as usize] = 1 << (COMMON.len() - p).div_ceil(4);
    }
    table
};

impl Keywords {
    /// The set over `words`; keyword ids are positions in the deduplicated, lower-cased list
    /// [`Keywords::id`] answers for.
    pub fn new<'a>(words: impl IntoIterator<Item = &'a str>) -> Keywords {
        let mut list: Vec<Box<[u8]>> = Vec::new();
        let mut ids = foldhash::HashMap::with_capacity_and_hasher(1024, Default::default());
        for w in words {
            let lower = w.to_ascii_lowercase().into_bytes().into_boxed_slice();
            assert!(
                !lower.is_empty() && !lower.contains(&b'\n') && !lower.contains(&b'\r'),
                "a keyword is one line of text: {w:?}"
            );
            if !ids.contains_key(&lower) {
                ids.insert(lower.clone(), list.len());
                list.push(lower);
            }
        }
        let mut anchors = Vec::with_capacity(list.len());
        for (i, w) in list.iter().enumerate() {
            let (offset, window) = if w.len() < 4 {
                let mut b = [0u8; 4];
                b[..w.len()].copy_from_slice(w);
                (0, u32::from_le_bytes(b))
            } else {
                // The rarest window: the fewer positions of a text hash to an anchor's bit,
                // the fewer are verified.
                let offset = (0..=w.len() - 4)
                    .min_by_key(|&o| w[o..o + 4].iter().map(|b| commonness(*b)).product::<u64>())
                    .expect("a window");
                let window = u32::from_le_bytes(w[offset..offset + 4].try_into().expect("4"));
                (offset, window)
            };
            anchors.push(Anchor {
                hash: hash(window, w.len().min(4)),
                window,
                len_class: w.len().min(4) as u8,
                keyword: i as u32,
                offset: offset as u32,
            });
        }
        anchors.sort_by_key(|a| a.hash);
        let mut bitmap = vec![0u64; 1 << (HASH_BITS - 6)];
        for a in &anchors {
            bitmap[(a.hash >> 6) as usize] |= 1 << (a.hash & 63);
        }
        let shift = HASH_BITS - BUCKET_BITS;
        let mut buckets = vec![0u32; (1 << BUCKET_BITS) + 1];
        for a in &anchors {
            buckets[(a.hash >> shift) as usize + 1] += 1;
        }
        for b in 1..buckets.len() {
            buckets[b] += buckets[b - 1];
        }
        Keywords {
            words: list,
            ids,
            bitmap,
            searched: AtomicUsize::new(0),
            dfa: OnceLock::new(),
            anchors,
            buckets,
        }
    }

    /// The id of a keyword (any case); `None` when it is not in the set.
    pub fn id(&self, word: &str) -> Option<usize> {
        if word.bytes().any(|b| b.is_ascii_uppercase()) {
            self.ids.get(word.to_ascii_lowercase().as_bytes()).copied()
        } else {
            self.ids.get(word.as_bytes()).copied()
        }
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    fn test(&self, h: u32) -> bool {
        self.bitmap[(h >> 6) as usize] >> (h & 63) & 1 != 0
    }

    /// Calls `found(position, keyword id)` for every occurrence of every keyword in `lower`, a
    /// lower-cased text, in increasing order of position; the position is inside the occurrence
    /// (never the same occurrence twice).
    ///
    /// Once a process has searched [`DFA_AFTER`] bytes (a large review), an Aho-Corasick DFA
    /// over the same keywords takes over: some milliseconds to build, then faster per byte. Both
    /// find exactly the same occurrences.
    pub fn search(&self, lower: &[u8], found: &mut dyn FnMut(usize, usize)) {
        let seen = self.searched.fetch_add(lower.len(), Ordering::Relaxed) + lower.len();
        if seen >= DFA_AFTER || self.dfa.get().is_some() {
            self.search_dfa(lower, found);
        } else {
            self.search_hashed(lower, found);
        }
    }

    fn dfa(&self) -> &DFA {
        self.dfa.get_or_init(|| {
            DFA::builder()
                .match_kind(MatchKind::Standard)
                .prefilter(false)
                .build(&self.words)
                .expect("keyword automaton")
        })
    }

    /// [`Keywords::search`] with the automaton; the position is the occurrence's last byte.
    fn search_dfa(&self, lower: &[u8], found: &mut dyn FnMut(usize, usize)) {
        let dfa = self.dfa();
        let mut sid = dfa.start_state(Anchored::No).expect("an unanchored start");
        for (i, &b) in lower.iter().enumerate() {
            sid = dfa.next_state(Anchored::No, sid, b);
            if dfa.is_special(sid) && dfa.is_match(sid) {
                for k in 0..dfa.match_len(sid) {
                    found(i, dfa.match_pattern(sid, k).as_usize());
                }
            }
        }
    }

    /// [`Keywords::search`] with the hashed windows; the position is the anchor's.
    fn search_hashed(&self, lower: &[u8], found: &mut dyn FnMut(usize, usize)) {
        let n = lower.len();
        for (i, w) in lower.windows(4).enumerate() {
            let w = u32::from_le_bytes([w[0], w[1], w[2], w[3]]);
            if self.test(hash(w, 4)) | self.test(hash(w, 3)) | self.test(hash(w, 2)) {
                self.verify(lower, i, w, found);
            }
        }
        // The last positions, whose windows run past the end (padded with zeros, which no
        // keyword holds).
        for i in n.saturating_sub(3)..n {
            let mut b = [0u8; 4];
            b[..n - i].copy_from_slice(&lower[i..]);
            self.verify(lower, i, u32::from_le_bytes(b), found);
        }
    }

    /// Reports the keywords anchored at position `i`, whose window there is `w`.
    fn verify(&self, lower: &[u8], i: usize, w: u32, found: &mut dyn FnMut(usize, usize)) {
        let shift = HASH_BITS - BUCKET_BITS;
        for len in [2, 3, 4] {
            let h = hash(w, len);
            if !self.test(h) {
                continue;
            }
            let b = (h >> shift) as usize;
            let (from, to) = (self.buckets[b] as usize, self.buckets[b + 1] as usize);
            let mask = match len {
                2 => 0xffff,
                3 => 0x00ff_ffff,
                _ => u32::MAX,
            };
            for a in &self.anchors[from..to] {
                // The window itself first: a keyword of up to four bytes is its window.
                if a.hash != h || a.window != w & mask || a.len_class as usize != len {
                    continue;
                }
                let word = &self.words[a.keyword as usize];
                let whole = word.len() <= 4
                    || i.checked_sub(a.offset as usize).is_some_and(|start| {
                        lower.get(start..start + word.len()) == Some(&word[..])
                    });
                if whole {
                    found(i, a.keyword as usize);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every occurrence, by plain comparison at every position.
    fn naive(words: &[&str], text: &str) -> Vec<(usize, usize)> {
        let lower = text.to_ascii_lowercase();
        let k = Keywords::new(words.iter().copied());
        let mut out = Vec::new();
        for start in 0..lower.len() {
            for (id, w) in k.words.iter().enumerate() {
                if lower.as_bytes()[start..].starts_with(w) {
                    out.push((start, id));
                }
            }
        }
        out.sort_unstable();
        out
    }

    fn fast(words: &[&str], text: &str) -> Vec<(usize, usize)> {
        let lower = text.to_ascii_lowercase();
        let k = Keywords::new(words.iter().copied());
        let mut out = Vec::new();
        let mut last = 0;
        k.search_hashed(lower.as_bytes(), &mut |pos, id| {
            assert!(pos >= last, "positions in order");
            last = pos;
            let anchor = k.anchors.iter().find(|a| a.keyword as usize == id);
            out.push((pos - anchor.expect("anchored").offset as usize, id));
        });
        out.sort_unstable();
        let mut by_dfa = Vec::new();
        let mut last = 0;
        k.search_dfa(lower.as_bytes(), &mut |pos, id| {
            assert!(pos >= last, "positions in order");
            last = pos;
            by_dfa.push((pos + 1 - k.words[id].len(), id));
        });
        by_dfa.sort_unstable();
        assert_eq!(by_dfa, out, "the automaton finds what the windows find");
        out
    }

    #[test]
    fn finds_every_occurrence_overlapping_and_at_the_ends() {
        let words = [
            "if",
            "sk",
            "aws",
            "pwd",
            "token",
            "secret_access_key",
            "access_key",
            "secret",
            "ghp_",
            "xoxb-",
            "q~",
            "://",
            "aaaa",
        ];
        for text in [
            "",
            "i",
            "if",
            "sk",
            "aws",
            "AWS_SECRET_ACCESS_KEY=x",
            "my Token: ghp_abc; if (x) xoxb-1 ://",
            "aaaaaaa",
            "SecretAccess_Key q~ sk-aws pwd",
            "ends with toke",
            "ends with token",
            "kif",
            "a://b",
        ] {
            assert_eq!(fast(&words, text), naive(&words, text), "{text:?}");
        }
    }

    #[test]
    fn the_automaton_and_the_windows_agree_on_real_text() {
        let all: Vec<&str> = crate::review::builtin::all_rules()
            .flat_map(|(_, r)| r.keywords.iter().copied())
            .collect();
        let k = Keywords::new(all.iter().copied());
        for text in [
            include_str!("secrets.rs"),
            include_str!("vendors.rs"),
            include_str!("tests.rs"),
            include_str!("../../../README.md"),
        ] {
            let lower = text.to_ascii_lowercase();
            let mut hashed = Vec::new();
            k.search_hashed(lower.as_bytes(), &mut |pos, id| {
                let anchor = k.anchors.iter().find(|a| a.keyword as usize == id);
                hashed.push((pos - anchor.expect("anchored").offset as usize, id));
            });
            let mut by_dfa = Vec::new();
            k.search_dfa(lower.as_bytes(), &mut |pos, id| {
                by_dfa.push((pos + 1 - k.words[id].len(), id));
            });
            hashed.sort_unstable();
            by_dfa.sort_unstable();
            assert!(hashed.len() > 100);
            assert_eq!(hashed, by_dfa);
        }
    }

    #[test]
    fn every_rule_keyword_is_found_where_it_stands() {
        let all: Vec<&str> = crate::review::builtin::all_rules()
            .flat_map(|(_, r)| r.keywords.iter().copied())
            .collect();
        let k = Keywords::new(all.iter().copied());
        for w in &all {
            for text in [
                w.to_string(),
                format!("x{w}"),
                format!("{w}y"),
                format!("ab {w} cd"),
            ] {
                let lower = text.to_ascii_lowercase();
                let want = k.id(w).expect("in the set");
                let mut seen = false;
                k.search(lower.as_bytes(), &mut |_, id| seen |= id == want);
                assert!(seen, "{w:?} in {text:?}");
            }
        }
    }
}
