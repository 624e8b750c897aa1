//! The keyword prefilter of every built-in reviewer at once: one pass over a file finds every
//! occurrence of every rule's keywords (ASCII case-insensitively, overlapping ones included),
//! and each reviewer maps the keywords found on a line to its candidate rules.
//!
//! The search is a hashed filter over the lower-cased text. Each keyword of four bytes or more
//! is anchored at its rarest window of four bytes, a three-byte keyword at itself, a two-byte
//! keyword at itself followed by any byte; a position whose window of four or of three bytes
//! hashes to an anchor's bit in a bitmap is verified against the keywords anchored there.
//! Building it takes microseconds, which a pre-commit review of a few lines needs (an
//! Aho-Corasick automaton over the same thousand keywords takes milliseconds), and the bitmap
//! stays in the first-level cache. Once a process has searched a few megabytes, an automaton
//! takes over ([`Table`]): one dependent load per byte, and a text of a few kilobytes or more is
//! walked as six stretches at once, whose loads overlap. On 50 MB of crate sources it searches
//! at about 1.1 GB/s, the hashed filter (with the lower-casing it needs) at about 0.5 GB/s.

use std::borrow::Cow;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use aho_corasick::automaton::Automaton;
use aho_corasick::nfa::noncontiguous::NFA;
use aho_corasick::{Anchored, MatchKind};

/// Bytes a process searches with the hashed windows before the automaton takes over.
const DFA_AFTER: usize = 4 << 20;

/// Stretches of a large text the automaton walks at once (see [`Keywords::search_dfa_in`]): on
/// 50 MB of crate sources 2 lanes searched at 0.97 GB/s, 4 at 0.99, 6 at 1.16, 8 at 0.63 (their
/// states no longer fit in registers) and 16 at 0.8.
const LANES: usize = 6;
/// Bytes per stretch below which a text is walked in one.
const LANE_MIN: usize = 256;

/// Positions per block of the lockstep walk (see [`Keywords::search_dfa_in`]).
const BLOCK: usize = 64;

/// The keyword automaton as a table of its own, built from the Aho-Corasick trie of the
/// keywords (every failure link resolved): a state is a row of next states, one per byte
/// class, each stored as the index of its own row (about 6,000 states of 56 classes, 1.3 MiB),
/// so that a step is a class lookup, an add and a load. Classes fold ASCII case (an upper-case
/// letter is its lower-case letter's class), so a text is searched as written, never
/// lower-cased first; every byte no keyword holds is one class. Match states are numbered last,
/// so a step tests for a match with one comparison.
struct Table {
    class: [u8; 256],
    /// The rows, each `width` next states; a state is the index of its row's first entry.
    next: Vec<u32>,
    /// Byte classes (a row's length).
    width: u32,
    start: u32,
    /// States from this one on are match states.
    first_match: u32,
    /// Per match state `first_match + m`: its keyword ids, `hits[spans[m]..spans[m + 1]]`.
    spans: Vec<u32>,
    hits: Vec<u32>,
}

impl Table {
    /// The table of `nfa` (over lower-case keywords); `None` past 65,535 states, a table too
    /// large to stay in the caches (the hashed windows serve instead).
    fn of(nfa: &NFA, words: &[Cow<'static, [u8]>]) -> Option<Table> {
        // Bytes some keyword holds each have a class; every other byte is class 0.
        let mut class = [0u8; 256];
        let mut reps: Vec<u8> = vec![0];
        for w in words {
            for &b in w.iter() {
                if class[usize::from(b)] == 0 {
                    class[usize::from(b)] = u8::try_from(reps.len()).ok()?;
                    reps.push(b);
                }
            }
        }
        // Class 0's representative: a byte no keyword holds.
        reps[0] = (0..=255u8).find(|&b| class[usize::from(b)] == 0 && !b.is_ascii_uppercase())?;
        for b in b'A'..=b'Z' {
            class[usize::from(b)] = class[usize::from(b.to_ascii_lowercase())];
        }
        // Every state the walk can reach, breadth first from the start, with its transitions
        // by the states' order of discovery; the trie's state ids are small integers.
        const UNSEEN: u32 = u32::MAX;
        let width = reps.len();
        let start = nfa.start_state(Anchored::No).ok()?;
        let mut seen: Vec<u32> = Vec::new();
        let mut see = |sid: aho_corasick::automaton::StateID, states: &mut Vec<_>| {
            let at = sid.as_usize();
            if at >= seen.len() {
                seen.resize(at + 1, UNSEEN);
            }
            if seen[at] == UNSEEN {
                seen[at] = states.len() as u32;
                states.push(sid);
            }
            seen[at]
        };
        let mut states = Vec::new();
        see(start, &mut states);
        let mut found: Vec<u32> = Vec::new();
        let mut at = 0;
        while at < states.len() {
            let sid = states[at];
            for &r in &reps {
                let t = nfa.next_state(Anchored::No, sid, r);
                found.push(see(t, &mut states));
            }
            at += 1;
        }
        if states.len() > usize::from(u16::MAX) {
            return None;
        }
        // Numbered again: the states without a match first.
        let is_match: Vec<bool> = states.iter().map(|&sid| nfa.is_match(sid)).collect();
        let mut order: Vec<usize> = (0..states.len()).collect();
        order.sort_by_key(|&i| is_match[i]);
        let mut number = vec![0u32; states.len()];
        for (n, &i) in order.iter().enumerate() {
            number[i] = (n * width) as u32;
        }
        let first_match = is_match.iter().filter(|m| !**m).count();
        let mut next: Vec<u32> = vec![0u32; states.len() * width];
        let mut spans = vec![0u32];
        let mut hits = Vec::new();
        for (n, &i) in order.iter().enumerate() {
            for (to, &d) in next[n * width..(n + 1) * width]
                .iter_mut()
                .zip(&found[i * width..(i + 1) * width])
            {
                *to = number[d as usize];
            }
            if is_match[i] {
                let sid = states[i];
                hits.extend((0..nfa.match_len(sid)).map(|k| nfa.match_pattern(sid, k).as_u32()));
                spans.push(hits.len() as u32);
            }
        }
        Some(Table {
            class,
            next,
            width: width as u32,
            start: number[0],
            first_match: (first_match * width) as u32,
            spans,
            hits,
        })
    }

    #[inline(always)]
    fn step(&self, state: u32, byte: u8) -> u32 {
        self.next[state as usize + usize::from(self.class[usize::from(byte)])]
    }

    /// Reports the keywords of match state `state`, which ends them at `i`.
    fn report(&self, state: u32, i: usize, found: &mut dyn FnMut(usize, usize)) {
        let m = ((state - self.first_match) / self.width) as usize;
        for &kw in &self.hits[self.spans[m] as usize..self.spans[m + 1] as usize] {
            found(i, kw as usize);
        }
    }

    /// Reports the matches of the lanes of a lockstep walk at `j` (see
    /// [`Keywords::search_dfa_in`]): lane `k` is at `from[k] + j` and reports from `part[k]`
    /// on; the first lane's go to `found`, the others' to `later`, in order.
    fn report_lanes(
        &self,
        state: &[u32; LANES],
        from: &[usize; LANES],
        part: &[usize; LANES],
        j: usize,
        found: &mut dyn FnMut(usize, usize),
        later: &mut [Vec<(usize, usize)>; LANES - 1],
    ) {
        for (k, &s) in state.iter().enumerate() {
            let i = from[k] + j;
            if s < self.first_match || i < part[k] {
                continue;
            }
            match k {
                0 => self.report(s, i, found),
                _ => self.report(s, i, &mut |i, kw| later[k - 1].push((i, kw))),
            }
        }
    }

    /// Walks `text[at..]` from `state`, reporting the occurrences that end at `report` or later
    /// (by their last byte).
    fn walk(
        &self,
        text: &[u8],
        at: usize,
        report: usize,
        mut state: u32,
        found: &mut dyn FnMut(usize, usize),
    ) {
        for (i, &b) in text.iter().enumerate().skip(at) {
            state = self.step(state, b);
            if state >= self.first_match && i >= report {
                self.report(state, i, found);
            }
        }
    }
}

/// Bits of the anchor bitmap (and of the anchor hashes): 32 KiB, about 1,900 bits set.
const HASH_BITS: u32 = 18;
/// Words of the bitmap.
const BITMAP_WORDS: usize = 1 << (HASH_BITS - 6);
/// Buckets of anchors, by the top bits of the hash.
const BUCKET_BITS: u32 = 11;
/// The low three bytes of a little-endian window.
const THREE: u32 = 0x00ff_ffff;

/// One keyword anchored at a window.
#[derive(Clone, Copy)]
struct Anchor {
    hash: u32,
    /// The window's bytes, little-endian (three of them: the high byte zero).
    window: u32,
    /// Whether the window has four bytes.
    four: bool,
    keyword: u32,
    /// Where the window starts in the keyword.
    offset: u32,
}

/// Every keyword of every built-in rule set, lower-cased and distinct.
pub struct Keywords {
    /// Borrowed from the rules when they are written in lower case (most are): building the
    /// set allocates nothing per keyword.
    words: Vec<Cow<'static, [u8]>>,
    /// Keyword to id; a fast hash: the map is built in every process, from built-in words.
    ids: foldhash::HashMap<Cow<'static, [u8]>, usize>,
    /// `1 << HASH_BITS` bits: set for the hash of every anchor window.
    bitmap: Box<[u64; BITMAP_WORDS]>,
    /// Anchors by bucket: `buckets[b]..buckets[b + 1]` are those whose hash has top bits `b`.
    anchors: Vec<Anchor>,
    buckets: Vec<u32>,
    /// Bytes searched so far in this process.
    searched: AtomicUsize,
    /// The automaton, built on first use (see [`Table`]); `None` if it could not be.
    table: OnceLock<Option<Table>>,
    /// Whether a thread has started building `table`.
    building: AtomicBool,
    /// The length of the longest keyword.
    longest: usize,
}

/// The hash of the window of four bytes `w`, little-endian.
#[inline]
fn hash4(w: u32) -> u32 {
    w.wrapping_mul(0x9e37_79b1) >> (32 - HASH_BITS)
}

/// The hash of the window of three bytes in the low bytes of `w`.
#[inline]
fn hash3(w: u32) -> u32 {
    (w & THREE).wrapping_mul(0x85eb_ca6b) >> (32 - HASH_BITS)
}

/// How common a byte is in source code (higher: more common); anchors avoid common bytes.
fn commonness(b: u8) -> u64 {
    COMMONNESS[b as usize]
}

/// How common a window of bytes is in source code, roughly: the product of its bytes'
/// [`commonness`], raised for each pair of bytes that often stand together.
fn rarity(window: &[u8]) -> u64 {
    let bytes: u64 = window.iter().map(|b| commonness(*b)).product();
    let pairs = window
        .windows(2)
        .filter(|p| {
            let i = usize::from(p[0]) | usize::from(p[1]) << 8;
            PAIR_BITS[i / 64] >> (i % 64) & 1 != 0
        })
        .count();
    bytes << (3 * pairs)
}

/// [`COMMON_PAIRS`] as a set of bits, indexed by the pair's two bytes, little-endian.
const PAIR_BITS: [u64; 1024] = {
    let mut bits = [0u64; 1024];
    let mut p = 0;
    while p < COMMON_PAIRS.len() {
        let i = COMMON_PAIRS[p][0] as usize | (COMMON_PAIRS[p][1] as usize) << 8;
        bits[i / 64] |= 1 << (i % 64);
        p += 1;
    }
    bits
};

/// Pairs of bytes common in English words and in source code.
const COMMON_PAIRS: &[[u8; 2]] = &[
    *b"th", *b"he", *b"in", *b"er", *b"an", *b"re", *b"on", *b"at", *b"en", *b"nd", *b"ti", *b"es",
    *b"or", *b"te", *b"of", *b"ed", *b"is", *b"it", *b"al", *b"ar", *b"st", *b"to", *b"nt", *b"ng",
    *b"se", *b"ha", *b"as", *b"ou", *b"io", *b"le", *b"ve", *b"co", *b"me", *b"de", *b"hi", *b"ri",
    *b"ro", *b"ic", *b"ne", *b"ea", *b"ra", *b"ce", *b"li", *b"ch", *b"ll", *b"be", *b"ma", *b"si",
    *b"om", *b"ur", *b"ck", *b"ct", *b"et", *b"el", *b"ge", *b"ad", *b"ac", *b"ec", *b"il", *b"la",
    *b"lo", *b"ol", *b"pe", *b"pr", *b"rt", *b"ta", *b"ts", *b"us", *b"ue", *b"ut", *b"un", *b"ul",
    *b"um", *b"ir", *b"id", *b"if", *b"im", *b"nc", *b"ns", *b"ow", *b"ss", *b"tr", *b"ca", *b"di",
    *b"ex", *b"fo", *b"ke", *b"ey", *b"mp", *b"no", *b"op", *b"po", *b"so", *b"sp", *b"ty", *b"pa",
    *b"mo", *b"fi", *b"rs", *b"da", *b"::", *b"()", *b"(\"", *b");", *b"->", *b"=>", *b"_s",
    *b"_t", *b"_c", *b"_p", *b"_i", *b"_f", *b"s_", *b"t_", *b"e_", *b"r_", *b"n_", *b"//", *b"/*",
    *b" *", *b"**", *b"  ", *b", ", *b"; ", *b"= ", *b" =", *b".c", *b".s", *b".t", *b".p", *b"e(",
    *b"t(", *b"s(", *b"f ", *b"e ", *b"s ", *b"t ", *b"d ", *b"n ", *b"r ", *b" t", *b" s", *b" i",
    *b" c", *b" a", *b" p", *b" f", *b" r", *b" d", *b" m", *b" e", *b" o", *b" w", *b" b",
];

/// [`commonness`] of every byte, worked out at compile time: the keyword set is built in each
/// process, and a search per byte of every window of every keyword was a large part of it.
const COMMONNESS: [u64; 256] = {
    const COMMON: &[u8] = b" etaoinsrlcdu_mph.f(),g;:=bywv\"xk'-/0>1<{}*&[]#";
    let mut table = [1u64; 256];
    // From the end, so that a byte listed twice keeps its first (higher) rank.
    let mut p = COMMON.len();
    while p > 0 {
        p -= 1;
        // Steeply: a window of three common letters is far worse than one with a single rare
        // byte. The first listed byte is the most common.
        table[COMMON[p] as usize] = 1 << (COMMON.len() - p).div_ceil(4);
    }
    table
};

impl Keywords {
    /// The set over `words`; keyword ids are positions in the deduplicated, lower-cased list
    /// [`Keywords::id`] answers for.
    pub fn new(words: impl IntoIterator<Item = &'static str>) -> Keywords {
        let mut list: Vec<Cow<'static, [u8]>> = Vec::with_capacity(1024);
        let mut ids = foldhash::HashMap::with_capacity_and_hasher(1024, Default::default());
        for w in words {
            let lower: Cow<'static, [u8]> = if w.bytes().any(|b| b.is_ascii_uppercase()) {
                Cow::Owned(w.to_ascii_lowercase().into_bytes())
            } else {
                Cow::Borrowed(w.as_bytes())
            };
            assert!(
                lower.len() >= 2 && !lower.contains(&b'\n') && !lower.contains(&b'\r'),
                "a keyword is one line of two bytes or more: {w:?}"
            );
            if !ids.contains_key(&lower[..]) {
                ids.insert(lower.clone(), list.len());
                list.push(lower);
            }
        }
        let mut anchors = Vec::with_capacity(list.len() + 256);
        for (i, w) in list.iter().enumerate() {
            let keyword = i as u32;
            if w.len() == 2 {
                // Any third byte; the zero stands for the end of the text.
                let pair = u32::from(w[0]) | u32::from(w[1]) << 8;
                for b in 0..=255u32 {
                    let window = pair | b << 16;
                    anchors.push(Anchor {
                        hash: hash3(window),
                        window,
                        four: false,
                        keyword,
                        offset: 0,
                    });
                }
                continue;
            }
            if w.len() == 3 {
                let window = u32::from_le_bytes([w[0], w[1], w[2], 0]);
                anchors.push(Anchor {
                    hash: hash3(window),
                    window,
                    four: false,
                    keyword,
                    offset: 0,
                });
                continue;
            }
            // The rarest window: the fewer positions of a text hash to an anchor's bit, the
            // fewer are verified.
            let offset = (0..=w.len() - 4)
                .min_by_key(|&o| rarity(&w[o..o + 4]))
                .expect("a window");
            let window = u32::from_le_bytes(w[offset..offset + 4].try_into().expect("4"));
            anchors.push(Anchor {
                hash: hash4(window),
                window,
                four: true,
                keyword,
                offset: offset as u32,
            });
        }
        let mut bitmap = Box::new([0u64; BITMAP_WORDS]);
        for a in &anchors {
            bitmap[(a.hash >> 6) as usize] |= 1 << (a.hash & 63);
        }
        // Grouped by bucket, in one counting pass (the order within a bucket does not matter):
        // a sort was a large part of building the set, which every process does.
        let shift = HASH_BITS - BUCKET_BITS;
        let mut buckets = vec![0u32; (1 << BUCKET_BITS) + 1];
        for a in &anchors {
            buckets[(a.hash >> shift) as usize + 1] += 1;
        }
        for b in 1..buckets.len() {
            buckets[b] += buckets[b - 1];
        }
        let mut next = buckets.clone();
        let mut grouped = anchors.clone();
        for a in anchors {
            let at = &mut next[(a.hash >> shift) as usize];
            grouped[*at as usize] = a;
            *at += 1;
        }
        let anchors = grouped;
        let longest = list.iter().map(|w| w.len()).max().unwrap_or(0);
        Keywords {
            longest,
            words: list,
            ids,
            bitmap,
            anchors,
            buckets,
            searched: AtomicUsize::new(0),
            table: OnceLock::new(),
            building: AtomicBool::new(false),
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

    #[inline]
    fn test(&self, h: u32) -> bool {
        self.bitmap[(h >> 6) as usize % BITMAP_WORDS] >> (h & 63) & 1 != 0
    }

    /// Calls `found(position, keyword id)` for every occurrence of every keyword in `lower`, a
    /// lower-cased text, in increasing order of position; the position is inside the
    /// occurrence (never the same occurrence twice).
    ///
    /// Once a process has searched [`DFA_AFTER`] bytes (a large review), an automaton over the
    /// same keywords takes over ([`Table`]): some milliseconds to build, then faster per byte.
    /// Both find exactly the same occurrences.
    pub fn search(&self, lower: &[u8], found: &mut dyn FnMut(usize, usize)) {
        match self.table_for(lower.len()) {
            Some(t) => self.search_dfa_in(t, lower, found, LANE_MIN),
            None => self.search_hashed(lower, found),
        }
    }

    /// [`Keywords::search`] of `text` in any case: the automaton folds case itself, and only
    /// for the hashed windows is the text lower-cased, into `lower`.
    pub fn search_any_case(
        &self,
        text: &[u8],
        lower: &mut Vec<u8>,
        found: &mut dyn FnMut(usize, usize),
    ) {
        match self.table_for(text.len()) {
            Some(t) => self.search_dfa_in(t, text, found, LANE_MIN),
            None => {
                lower.clear();
                lower.extend(text.iter().map(u8::to_ascii_lowercase));
                self.search_hashed(lower, found);
            }
        }
    }

    /// The automaton, when a search of `len` more bytes is to use it.
    fn table_for(&self, len: usize) -> Option<&Table> {
        let seen = self.searched.fetch_add(len, Ordering::Relaxed) + len;
        if let Some(table) = self.table.get() {
            return table.as_ref();
        }
        // One thread builds it; the others go on with the hashed windows meanwhile instead of
        // waiting for it.
        if seen < DFA_AFTER || self.building.swap(true, Ordering::AcqRel) {
            return None;
        }
        self.table()
    }

    fn table(&self) -> Option<&Table> {
        self.table
            .get_or_init(|| {
                // The trie with its failure links: its states are the automaton's, and resolving
                // the links once per state and class here costs less than building a DFA.
                let nfa = aho_corasick::nfa::noncontiguous::Builder::new()
                    .match_kind(MatchKind::Standard)
                    .prefilter(false)
                    .build(&self.words)
                    .ok()?;
                Table::of(&nfa, &self.words)
            })
            .as_ref()
    }

    /// [`Keywords::search`] with the automaton, whatever has been searched before (it must
    /// build); the position is the occurrence's last byte.
    #[cfg(test)]
    fn search_dfa(&self, text: &[u8], found: &mut dyn FnMut(usize, usize)) {
        self.search_dfa_lanes(text, found, LANE_MIN);
    }

    /// [`Keywords::search_dfa`] with stretches of at least `lane_min` bytes.
    #[cfg(test)]
    fn search_dfa_lanes(&self, text: &[u8], found: &mut dyn FnMut(usize, usize), lane_min: usize) {
        let t = self.table().expect("the keyword automaton");
        self.search_dfa_in(t, text, found, lane_min);
    }

    /// The automaton `t` over `text`, walking a text of [`LANES`] times `lane_min` bytes or
    /// more as that many stretches at once. The walk is one load per byte that depends on the
    /// one before (the next state), so a single walk waits on memory; independent walks
    /// interleaved overlap their waits. Each stretch after the first starts the longest
    /// keyword's length before its own part, so that its state there is the one a walk from
    /// the start would have, and reports only its own part; occurrences still come out in
    /// order.
    #[allow(
        clippy::needless_range_loop,
        reason = "the lanes advance in lockstep: one position, every lane"
    )]
    fn search_dfa_in(
        &self,
        t: &Table,
        text: &[u8],
        found: &mut dyn FnMut(usize, usize),
        lane_min: usize,
    ) {
        let n = text.len();
        let back = self.longest.saturating_sub(1);
        let size = n / LANES;
        if n < LANES * lane_min.max(1) || size <= back {
            t.walk(text, 0, 0, t.start, found);
            return;
        }
        // Lane k reports the positions `part[k]..end[k]` and walks from `from[k]`.
        let part: [usize; LANES] = std::array::from_fn(|k| k * size);
        let end: [usize; LANES] =
            std::array::from_fn(|k| if k + 1 == LANES { n } else { (k + 1) * size });
        let from: [usize; LANES] = std::array::from_fn(|k| part[k].saturating_sub(back));
        let common = (0..LANES).map(|k| end[k] - from[k]).min().expect("lanes");
        let lanes: [&[u8]; LANES] = std::array::from_fn(|k| &text[from[k]..from[k] + common]);
        let mut state = [t.start; LANES];
        // The occurrences of lanes after the first, until the first lane has reported all of its.
        let mut later: [Vec<(usize, usize)>; LANES - 1] = Default::default();
        // In blocks of fixed size, whose positions need no bounds checks; the last block
        // position by position.
        let mut j = 0;
        while j < common {
            let len = BLOCK.min(common - j);
            if len == BLOCK {
                let blocks: [&[u8; BLOCK]; LANES] =
                    std::array::from_fn(|k| lanes[k][j..j + BLOCK].try_into().expect("a block"));
                for o in 0..BLOCK {
                    let mut top = 0;
                    for k in 0..LANES {
                        state[k] = t.step(state[k], blocks[k][o]);
                        top = top.max(state[k]);
                    }
                    if top >= t.first_match {
                        t.report_lanes(&state, &from, &part, j + o, found, &mut later);
                    }
                }
            } else {
                for o in 0..len {
                    let mut top = 0;
                    for k in 0..LANES {
                        state[k] = t.step(state[k], lanes[k][j + o]);
                        top = top.max(state[k]);
                    }
                    if top >= t.first_match {
                        t.report_lanes(&state, &from, &part, j + o, found, &mut later);
                    }
                }
            }
            j += len;
        }
        // Each lane's rest on its own, in lane order.
        for k in 0..LANES {
            if k > 0 {
                for (i, kw) in std::mem::take(&mut later[k - 1]) {
                    found(i, kw);
                }
            }
            let at = from[k] + common;
            t.walk(&text[..end[k]], at, part[k], state[k], found);
        }
    }

    /// [`Keywords::search`] with the hashed windows; the position is the anchor's.
    fn search_hashed(&self, lower: &[u8], found: &mut dyn FnMut(usize, usize)) {
        let n = lower.len();
        let mut i = 0;
        // Four positions per load of eight bytes: their windows of four and of three bytes.
        while i + 8 <= n {
            let word = u64::from_le_bytes(lower[i..i + 8].try_into().expect("8 bytes"));
            let mut any = false;
            for k in 0..4 {
                let w = (word >> (8 * k)) as u32;
                any |= self.test(hash4(w)) | self.test(hash3(w));
            }
            if any {
                for k in 0..4 {
                    self.verify(lower, i + k, (word >> (8 * k)) as u32, found);
                }
            }
            i += 4;
        }
        // The last positions, whose windows may run past the end (padded with zeros, which no
        // keyword holds).
        while i < n {
            let mut b = [0u8; 4];
            let end = n.min(i + 4);
            b[..end - i].copy_from_slice(&lower[i..end]);
            self.verify(lower, i, u32::from_le_bytes(b), found);
            i += 1;
        }
    }

    /// Reports the keywords anchored at position `i`, whose window of four bytes there is `w`.
    #[inline(never)]
    fn verify(&self, lower: &[u8], i: usize, w: u32, found: &mut dyn FnMut(usize, usize)) {
        for four in [false, true] {
            let (h, window) = if four {
                (hash4(w), w)
            } else {
                (hash3(w), w & THREE)
            };
            if !self.test(h) {
                continue;
            }
            let b = (h >> (HASH_BITS - BUCKET_BITS)) as usize;
            let (from, to) = (self.buckets[b] as usize, self.buckets[b + 1] as usize);
            for a in &self.anchors[from..to] {
                if a.hash != h || a.window != window || a.four != four {
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

    /// The keywords of every built-in rule, as written (repeats included).
    fn every_rule_keyword() -> Vec<&'static str> {
        crate::review::builtin::all_rules()
            .flat_map(|(_, r)| r.keywords.iter().copied())
            .collect()
    }

    /// The set the built-in reviewers search with.
    fn every_keyword() -> Keywords {
        Keywords::new(every_rule_keyword())
    }

    /// Every occurrence, by plain comparison at every position.
    fn naive(words: &[&'static str], text: &str) -> Vec<(usize, usize)> {
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

    /// Every occurrence [`Keywords::search`] reports, as (start, keyword id).
    fn found(k: &Keywords, lower: &[u8]) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut last = 0;
        k.search_hashed(lower, &mut |pos, id| {
            assert!(pos >= last, "positions in order");
            last = pos;
            let anchor = k.anchors.iter().find(|a| a.keyword as usize == id);
            out.push((pos - anchor.expect("anchored").offset as usize, id));
        });
        out.sort_unstable();
        let mut by_dfa = Vec::new();
        let mut last = 0;
        k.search_dfa(lower, &mut |pos, id| {
            assert!(pos >= last, "positions in order");
            last = pos;
            by_dfa.push((pos + 1 - k.words[id].len(), id));
        });
        by_dfa.sort_unstable();
        assert_eq!(by_dfa, out, "the automaton finds what the windows find");
        // The automaton folds case itself: the text in capitals, and with every other letter a
        // capital, hold the same occurrences.
        let upper = lower.to_ascii_uppercase();
        let mixed: Vec<u8> = lower
            .iter()
            .enumerate()
            .map(|(i, b)| {
                if i % 2 == 0 {
                    b.to_ascii_uppercase()
                } else {
                    *b
                }
            })
            .collect();
        for text in [&upper, &mixed] {
            let mut any_case = Vec::new();
            let mut scratch = Vec::new();
            k.search_dfa(text, &mut |pos, id| {
                any_case.push((pos + 1 - k.words[id].len(), id));
            });
            any_case.sort_unstable();
            assert_eq!(any_case, out, "the automaton folds case");
            // And through the entry point, whichever search it takes.
            let mut entry = Vec::new();
            k.search_any_case(text, &mut scratch, &mut |pos, id| entry.push((pos, id)));
            assert_eq!(
                entry.len(),
                out.len(),
                "search_any_case finds each occurrence once"
            );
        }
        // The same walk in stretches of any length, each at least one keyword long.
        for lane_min in [1, 64] {
            let mut by_lanes = Vec::new();
            let mut last = 0;
            k.search_dfa_lanes(
                lower,
                &mut |pos, id| {
                    assert!(pos >= last, "positions in order");
                    last = pos;
                    by_lanes.push((pos + 1 - k.words[id].len(), id));
                },
                lane_min,
            );
            assert_eq!(by_lanes.len(), out.len(), "each occurrence once");
            by_lanes.sort_unstable();
            assert_eq!(by_lanes, out, "walks in stretches find what one walk finds");
        }
        out
    }

    fn fast(words: &[&'static str], text: &str) -> Vec<(usize, usize)> {
        let k = Keywords::new(words.iter().copied());
        found(&k, text.to_ascii_lowercase().as_bytes())
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
            "if if",
            "xxif",
            "xxxxxxif",
            "xxxxxxxif",
            "xxxxxif",
            "0123456789ab ghp_ 0123 aws abc",
            "q~q~q~q~q~q~q~q~q~",
            "ab",
            "abc ",
        ] {
            assert_eq!(fast(&words, text), naive(&words, text), "{text:?}");
        }
    }

    #[test]
    fn an_automaton_finds_the_same_occurrences_in_real_text() {
        let k = every_keyword();
        let automaton = aho_corasick::AhoCorasick::new(&k.words).expect("automaton");
        for text in [
            include_str!("secrets.rs"),
            include_str!("vendors.rs"),
            include_str!("tests.rs"),
            include_str!("../../../README.md"),
        ] {
            let lower = text.to_ascii_lowercase();
            let mut want: Vec<(usize, usize)> = automaton
                .find_overlapping_iter(lower.as_bytes())
                .map(|m| (m.start(), m.pattern().as_usize()))
                .collect();
            want.sort_unstable();
            assert!(want.len() > 100);
            assert_eq!(found(&k, lower.as_bytes()), want);
        }
    }

    #[test]
    fn an_automaton_finds_the_same_occurrences_in_random_text() {
        let k = every_keyword();
        let automaton = aho_corasick::AhoCorasick::new(&k.words).expect("automaton");
        // Text made of keywords' own bytes, spliced with keywords, at every length up to a few
        // blocks: occurrences fall on every offset of the eight-byte blocks and at the end.
        let mut state = 0x2545_f491_u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for round in 0..600 {
            let mut text = Vec::new();
            // Short texts, and texts long enough to be walked in stretches (keywords then
            // straddle the stretches' borders).
            let len = if round % 3 == 0 {
                (next() % 4000) as usize
            } else {
                (next() % 40) as usize
            };
            while text.len() < len {
                if next() % 3 == 0 {
                    text.extend_from_slice(&k.words[(next() % k.words.len() as u64) as usize]);
                } else {
                    text.push(b"ifskq~_-:/ aeoxyz0"[(next() % 18) as usize]);
                }
            }
            let mut want: Vec<(usize, usize)> = automaton
                .find_overlapping_iter(&text)
                .map(|m| (m.start(), m.pattern().as_usize()))
                .collect();
            want.sort_unstable();
            assert_eq!(
                found(&k, &text),
                want,
                "{:?}",
                String::from_utf8_lossy(&text)
            );
        }
    }

    /// The longest keyword at every offset of a text walked in stretches, across each border
    /// between two: found once, where it ends.
    #[test]
    fn walks_in_stretches_find_a_keyword_across_their_borders() {
        let k = every_keyword();
        let (id, word) = k
            .words
            .iter()
            .enumerate()
            .max_by_key(|(_, w)| w.len())
            .expect("keywords");
        assert_eq!(word.len(), k.longest);
        let n = LANES * 3 * word.len() + 5;
        for at in 0..=n - word.len() {
            let mut text = vec![b' '; n];
            text[at..at + word.len()].copy_from_slice(word);
            let mut ends = Vec::new();
            k.search_dfa_lanes(
                &text,
                &mut |pos, kw| {
                    if kw == id {
                        ends.push(pos);
                    }
                },
                1,
            );
            assert_eq!(ends, vec![at + word.len() - 1], "at {at} of {n}");
        }
    }

    #[test]
    fn every_rule_keyword_is_found_where_it_stands() {
        let all = every_rule_keyword();
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
