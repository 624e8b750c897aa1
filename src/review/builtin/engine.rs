//! The scanner: one compiled rule set per reviewer over the shared keyword prefilter.
//!
//! One pass of [`Keywords`] over a file finds every keyword of every reviewer's rules on its
//! added lines (most lines: none). Each reviewer maps the keywords of a line to its candidate
//! rules; a `RegexSet` may then say which of several candidates match, and the matching rules'
//! own regexes locate the match for scope checks, validation and the excerpt. Everything is
//! compiled once per process, and each regex only when a line first needs it: a small change
//! pays for the few rules its lines can match, not for all of them.

use std::cell::RefCell;
use std::sync::OnceLock;

use regex::bytes::{Regex, RegexBuilder, RegexSet, RegexSetBuilder};

use super::keywords::Keywords;
use super::lang::Lang;
use super::lexer::{self, Carry, Region, Regions};
use super::rule::{FileView, Hit, Rule, Scope};
use crate::review::Finding;

/// Words of a rule bit set.
const WORDS: usize = 8;

const MAX_RULES: usize = WORDS * 64;

/// `Compiled::kw_slot` of a keyword no rule of the set has.
const NO_KEYWORD: u16 = u16::MAX;

/// The most patterns a `RegexSet` prefilter is used for (see `Compiled::use_set`).
const SET_MAX: usize = 128;

/// Rules of one set, by bit: a fixed-size set, so that the security reviewer's several hundred
/// credential formats share one keyword automaton and one pass over the text.
#[derive(Clone, Copy, PartialEq, Eq, Default)]
pub struct Bits([u64; WORDS]);

impl Bits {
    const EMPTY: Bits = Bits([0; WORDS]);

    fn one(i: usize) -> Bits {
        let mut b = Bits::EMPTY;
        b.0[i / 64] = 1 << (i % 64);
        b
    }

    fn is_empty(&self) -> bool {
        self.0.iter().all(|w| *w == 0)
    }

    fn count_ones(&self) -> u32 {
        self.0.iter().map(|w| w.count_ones()).sum()
    }

    fn or(mut self, other: Bits) -> Bits {
        for (a, b) in self.0.iter_mut().zip(other.0) {
            *a |= b;
        }
        self
    }

    fn and(mut self, other: Bits) -> Bits {
        for (a, b) in self.0.iter_mut().zip(other.0) {
            *a &= b;
        }
        self
    }

    /// The rule indexes in the set, lowest (most specific) first.
    fn iter(self) -> impl Iterator<Item = usize> {
        self.0.into_iter().enumerate().flat_map(|(w, mut word)| {
            std::iter::from_fn(move || {
                (word != 0).then(|| {
                    let i = word.trailing_zeros() as usize;
                    word &= word - 1;
                    w * 64 + i
                })
            })
        })
    }
}

/// The keywords found on the lines of a view: (line index, keyword id), in line order.
#[derive(Debug, Default)]
pub struct LineKeywords(Vec<(u32, u32)>);

thread_local! {
    /// The lower-cased text of the file being searched, kept between files (a large buffer
    /// costs page faults each time it is allocated anew).
    static LOWER: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// Every keyword occurrence on the lines of `view`, from one pass over the lines joined by
/// newlines (no keyword holds a newline, so none spans two lines).
pub fn line_keywords(keywords: &Keywords, view: &FileView<'_>) -> LineKeywords {
    LOWER.with(|buf| {
        let mut text = buf.borrow_mut();
        text.clear();
        let mut ends = Vec::with_capacity(view.lines.len());
        for line in &view.lines {
            text.extend(line.bytes().map(|b| b.to_ascii_lowercase()));
            ends.push(text.len());
            text.push(b'\n');
        }
        let mut out = Vec::new();
        let mut idx = 0;
        keywords.search(&text, &mut |at, kw| {
            while ends[idx] < at {
                idx += 1;
            }
            out.push((idx as u32, kw as u32));
        });
        if text.capacity() > 64 << 20 {
            *text = Vec::new();
        }
        LineKeywords(out)
    })
}

/// [`line_keywords`] for a view whose lines are all of `text`, in order (each line a part of
/// it, its end of line left out): the text is searched whole, in any case, its `\r\n` and
/// `\n` standing between lines as the joining newline does (no keyword holds either).
pub fn text_keywords(keywords: &Keywords, text: &str, view: &FileView<'_>) -> LineKeywords {
    let base = text.as_ptr() as usize;
    // Where line `idx` ends in `text`, worked out as the hits come (in order) rather than for
    // every line first.
    let end = |idx: usize| {
        let l = view.lines[idx];
        match (l.as_ptr() as usize).checked_sub(base) {
            Some(at) if at + l.len() <= text.len() => at + l.len(),
            _ => panic!("a line of the view is not a part of the text"),
        }
    };
    LOWER.with(|buf| {
        let mut lower = buf.borrow_mut();
        let mut out = Vec::new();
        let mut idx = 0;
        keywords.search_any_case(text.as_bytes(), &mut lower, &mut |at, kw| {
            while end(idx) < at {
                idx += 1;
            }
            out.push((idx as u32, kw as u32));
        });
        if lower.capacity() > 64 << 20 {
            *lower = Vec::new();
        }
        LineKeywords(out)
    })
}

/// Lines longer than this are not lexed for scope checks; matches on them count as code.
const MAX_LEX: usize = 64 * 1024;

pub struct Compiled {
    pub rules: &'static [Rule],
    /// The shared prefilter, holding this set's keywords among every other set's.
    keywords: &'static Keywords,
    /// For each keyword id of `keywords`, where `kw_bits` holds the rules of this set it stands
    /// for, or `NO_KEYWORD` for the keywords of other sets: a set holds a few of the thousand
    /// keywords, and a process builds every set, so each keeps only its own.
    kw_slot: Vec<u16>,
    kw_bits: Vec<Bits>,
    /// Rules with no keyword: candidates on every line.
    always: Bits,
    /// How many rules have a pattern (the set's patterns, rewritten when it is built).
    set_len: usize,
    set: OnceLock<RegexSet>,
    /// Whether a line with several candidates asks the set first: worth it for a few dozen
    /// patterns; for hundreds (the credential formats) one set is a lazy DFA too large to stay
    /// in its cache, slower than running the few candidates' own regexes.
    use_set: bool,
    /// Rule index to its index in `set` (pattern-less rules have none).
    set_index: Vec<Option<usize>>,
    regex: Vec<OnceLock<Regex>>,
    /// Per rule, the literals one of which every match holds as written (see
    /// [`literal_prefixes`]), worked out on first use.
    prefixes: Vec<OnceLock<Option<Literals>>>,
    /// Per rule with literals, its shortest match, worked out (parsing the pattern) the first
    /// time a line holds one of them.
    shortest: Vec<OnceLock<usize>>,
    unless: Vec<OnceLock<Regex>>,
    paths: Vec<OnceLock<Regex>>,
    /// Whether the rule's pattern has a secret group `s` to mask.
    masks: Vec<bool>,
    /// The rules of `masks`, as a set.
    masking: Bits,
    /// The rules without a path that look at a file, by its language, test and generated flags
    /// (see `file_mask`).
    kind_masks: Vec<OnceLock<Bits>>,
    /// The rules bound to a path.
    path_bound: Vec<usize>,
}

/// Makes a pattern's `\b`, `\w`, `\d`, `\s` ASCII so that the lazy DFA never has to give up on
/// non-ASCII text (Unicode word boundaries are not supported by it).
pub fn ascii_pattern(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut chars = pattern.chars().peekable();
    let mut in_class = 0usize;
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some(k @ ('b' | 'w' | 'd' | 's')) if in_class == 0 => {
                    out.push_str("(?-u:\\");
                    out.push(k);
                    out.push(')');
                }
                Some(k) => {
                    out.push('\\');
                    out.push(k);
                }
                None => out.push('\\'),
            }
            continue;
        }
        match c {
            '[' => in_class += 1,
            ']' if in_class > 0 => in_class -= 1,
            _ => {}
        }
        out.push(c);
    }
    out
}

/// Byte strings, one of which a match holds.
type Literals = Box<[Box<[u8]>]>;

/// The literal alternatives a pattern of the shape `\b(?P<s>(?P<p>A|B)...` (the `token!`
/// rules) starts with, as written, when its prefix group is plain text and nothing in the
/// pattern turns on case-insensitive matching (or any other flag); else `None`.
fn literal_prefixes(pattern: &str) -> Option<Literals> {
    let rest = pattern.strip_prefix(r"\b(?P<s>(?P<p>")?;
    // Flags could make the prefix match in another case; only plain and named groups may stay.
    let flagged = pattern
        .match_indices("(?")
        .any(|(i, _)| !(pattern[i..].starts_with("(?:") || pattern[i..].starts_with("(?P<")));
    if flagged {
        return None;
    }
    let mut lits = vec![Vec::new()];
    let mut chars = rest.chars();
    loop {
        match chars.next()? {
            ')' => break,
            '|' => lits.push(Vec::new()),
            '\\' => match chars.next()? {
                c @ ('.' | '-' | '_' | '/' | ':') => lits.last_mut()?.push(c as u8),
                _ => return None,
            },
            c if c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '/' | ':' | '=') => {
                lits.last_mut()?.push(c as u8);
            }
            _ => return None,
        }
    }
    if lits.iter().any(Vec::is_empty) {
        return None;
    }
    Some(lits.into_iter().map(Vec::into_boxed_slice).collect())
}

/// The length of the shortest text `pattern` matches (as [`build_regex`] compiles it); 0 when
/// unknown. Parsing costs a fraction of compiling.
fn shortest_match(pattern: &str) -> usize {
    regex_syntax::ParserBuilder::new()
        .unicode(false)
        .utf8(false)
        .build()
        .parse(&ascii_pattern(pattern))
        .ok()
        .and_then(|h| h.properties().minimum_len())
        .unwrap_or(0)
}

fn build_regex(pattern: &str) -> Regex {
    RegexBuilder::new(&ascii_pattern(pattern))
        .unicode(false)
        .build()
        .unwrap_or_else(|e| panic!("built-in rule pattern {pattern:?} does not compile: {e}"))
}

impl Compiled {
    /// The set of `rules`, whose keywords must all be in `keywords`.
    pub fn new(rules: &'static [Rule], keywords: &'static Keywords) -> Compiled {
        assert!(
            rules.len() <= MAX_RULES,
            "a rule set holds at most {MAX_RULES} rules"
        );
        let mut kw_slot: Vec<u16> = vec![NO_KEYWORD; keywords.len()];
        let mut kw_bits: Vec<Bits> = Vec::new();
        let mut always = Bits::EMPTY;
        let mut set_len = 0;
        let mut set_index = Vec::new();
        let mut masks = Vec::new();
        for (i, rule) in rules.iter().enumerate() {
            let bit = Bits::one(i);
            if rule.keywords.is_empty() && !rule.is_path_only() {
                always = always.or(bit);
            }
            for kw in rule.keywords {
                let at = keywords
                    .id(kw)
                    .unwrap_or_else(|| panic!("keyword {kw:?} of {} in the prefilter", rule.id));
                if kw_slot[at] == NO_KEYWORD {
                    kw_slot[at] = u16::try_from(kw_bits.len()).expect("fewer keywords than slots");
                    kw_bits.push(Bits::EMPTY);
                }
                let slot = usize::from(kw_slot[at]);
                kw_bits[slot] = kw_bits[slot].or(bit);
            }
            if rule.pattern.is_empty() {
                assert!(
                    rule.check.is_some() || rule.path.is_some(),
                    "rule {} has neither",
                    rule.id
                );
                set_index.push(None);
            } else {
                set_index.push(Some(set_len));
                set_len += 1;
            }
            // Rules bound to a path (`.npmrc`) need the file to judge a line; free text has none.
            masks.push(rule.secret && rule.pattern.contains("(?P<s>") && rule.path.is_none());
        }
        Compiled {
            rules,
            keywords,
            kw_slot,
            kw_bits,
            always,
            use_set: set_len <= SET_MAX,
            set_len,
            set: OnceLock::new(),
            set_index,
            regex: rules.iter().map(|_| OnceLock::new()).collect(),
            prefixes: rules.iter().map(|_| OnceLock::new()).collect(),
            shortest: rules.iter().map(|_| OnceLock::new()).collect(),
            unless: rules.iter().map(|_| OnceLock::new()).collect(),
            paths: rules.iter().map(|_| OnceLock::new()).collect(),
            masking: masks
                .iter()
                .enumerate()
                .filter(|(_, m)| **m)
                .fold(Bits::EMPTY, |b, (i, _)| b.or(Bits::one(i))),
            masks,
            kind_masks: (0..Lang::ALL.len() * 4).map(|_| OnceLock::new()).collect(),
            path_bound: (0..rules.len())
                .filter(|&i| rules[i].path.is_some())
                .collect(),
        }
    }

    /// The rule's regex, compiled on first use; `None` for pattern-less rules.
    fn regex(&self, ri: usize) -> Option<&Regex> {
        let pattern = self.rules[ri].pattern;
        (!pattern.is_empty()).then(|| self.regex[ri].get_or_init(|| build_regex(pattern)))
    }

    /// Whether `line` may hold a match of the rule: false when the rule's pattern starts with a
    /// literal prefix (a vendor's `SK`, `ion_`) that `line` does not hold in that case, or when
    /// `line` is shorter than the pattern's shortest match. The keywords are matched in any
    /// case; this spares the regex (and compiling it) for the lines where a keyword only
    /// appears in another case (`task`, `path`) or in a word too short to be the token
    /// (`duration_ms`).
    fn prefix_ok(&self, ri: usize, line: &str) -> bool {
        let pattern = self.rules[ri].pattern;
        match self.prefixes[ri].get_or_init(|| literal_prefixes(pattern)) {
            None => true,
            Some(lits) => {
                lits.iter()
                    .any(|l| memchr::memmem::find(line.as_bytes(), l).is_some())
                    && line.len() >= *self.shortest[ri].get_or_init(|| shortest_match(pattern))
            }
        }
    }

    fn unless(&self, ri: usize) -> Option<&Regex> {
        self.rules[ri]
            .unless
            .map(|u| self.unless[ri].get_or_init(|| build_regex(u)))
    }

    /// Whether the rule looks at a file at this path (rules without a path look at every file).
    fn path_ok(&self, ri: usize, path: &str) -> bool {
        let rule = &self.rules[ri];
        if !rule.path_hints.is_empty() {
            let lower = path.to_ascii_lowercase();
            if !rule.path_hints.iter().any(|h| lower.contains(h)) {
                return false;
            }
        }
        rule.path.is_none_or(|p| {
            self.paths[ri]
                .get_or_init(|| build_regex(p))
                .is_match(path.as_bytes())
        })
    }

    /// The rules decided by the file's path alone (a key store, an SSH key file) that fire on it.
    pub fn path_rules<'s>(&'s self, view: &FileView<'_>) -> impl Iterator<Item = &'s Rule> {
        self.rules.iter().enumerate().filter_map(move |(ri, rule)| {
            (rule.is_path_only() && rule.applies_to(view) && self.path_ok(ri, view.path))
                .then_some(rule)
        })
    }

    fn set(&self) -> &RegexSet {
        self.set.get_or_init(|| {
            let patterns: Vec<String> = self
                .rules
                .iter()
                .filter(|r| !r.pattern.is_empty())
                .map(|r| ascii_pattern(r.pattern))
                .collect();
            debug_assert_eq!(patterns.len(), self.set_len);
            RegexSetBuilder::new(&patterns)
                .unicode(false)
                .size_limit(64 << 20)
                .dfa_size_limit(16 << 20)
                .build()
                .expect("rule set compiles")
        })
    }

    /// Compiles every regex now (tests check that they all compile).
    #[cfg(test)]
    pub fn compile_all(&self) {
        for ri in 0..self.rules.len() {
            self.regex(ri);
            self.unless(ri);
            if let Some(p) = self.rules[ri].path {
                self.paths[ri].get_or_init(|| build_regex(p));
                for hint in self.rules[ri].path_hints {
                    assert_eq!(*hint, hint.to_ascii_lowercase(), "{}", self.rules[ri].id);
                }
            }
        }
        self.set();
    }

    /// The rules that look at this file.
    pub fn file_mask(&self, view: &FileView<'_>) -> Bits {
        // What a file's language and kind decide, the same for every such file; then the rules
        // bound to a path.
        let key =
            (view.lang as usize * 2 + usize::from(view.is_test)) * 2 + usize::from(view.generated);
        let mut mask = *self.kind_masks[key].get_or_init(|| {
            let mut mask = Bits::EMPTY;
            for (i, rule) in self.rules.iter().enumerate() {
                if rule.path.is_none() && rule.applies_to(view) && !rule.is_path_only() {
                    mask = mask.or(Bits::one(i));
                }
            }
            mask
        });
        for &i in &self.path_bound {
            let rule = &self.rules[i];
            if rule.applies_to(view) && !rule.is_path_only() && self.path_ok(i, view.path) {
                mask = mask.or(Bits::one(i));
            }
        }
        mask
    }

    /// Whether [`Compiled::redact_line`] may mask anything on some line of `text`: false when
    /// no masking rule is a candidate on any of its lines (the keyword search over the whole
    /// text finds every keyword of every line: none holds a newline).
    /// The rules of this set that keyword `kw` (an id of `keywords`) stands for.
    #[inline]
    fn keyword_bits(&self, kw: usize) -> Bits {
        match self.kw_slot[kw] {
            NO_KEYWORD => Bits::EMPTY,
            slot => self.kw_bits[usize::from(slot)],
        }
    }

    pub fn may_mask(&self, text: &str) -> bool {
        let masking = self.masking;
        if !self.always.and(masking).is_empty() {
            return true;
        }
        let lower = text.to_ascii_lowercase();
        let mut any = false;
        self.keywords.search(lower.as_bytes(), &mut |_, kw| {
            any |= !self.keyword_bits(kw).and(masking).is_empty();
        });
        any
    }

    /// The candidate rules of one line, from the keyword prefilter.
    fn candidates(&self, line: &str) -> Bits {
        let mut cand = self.always;
        let lower = line.to_ascii_lowercase();
        self.keywords.search(lower.as_bytes(), &mut |_, kw| {
            cand = cand.or(self.keyword_bits(kw));
        });
        cand
    }

    /// Runs the rules in `mask` over every line of `view`, calling `emit` for each firing
    /// (at most one per rule and line). `hits` are the view's keywords ([`line_keywords`]).
    pub fn scan(
        &self,
        view: &FileView<'_>,
        hits: &LineKeywords,
        mask: Bits,
        emit: &mut dyn FnMut(Firing<'_>),
    ) {
        if mask.is_empty() {
            return;
        }
        let mut lex = LexCursor::default();
        let always = self.always.and(mask);
        // Per line with keywords, in line order, the candidates they make.
        let mut per_line: Vec<(usize, Bits)> = Vec::new();
        for &(idx, kw) in &hits.0 {
            let bits = self.keyword_bits(kw as usize).and(mask);
            if bits.is_empty() {
                continue;
            }
            match per_line.last_mut() {
                Some((at, b)) if *at == idx as usize => *b = b.or(bits),
                _ => per_line.push((idx as usize, bits)),
            }
        }
        let mut next = per_line.iter().peekable();
        let lines: Box<dyn Iterator<Item = usize>> = if always.is_empty() {
            Box::new(per_line.iter().map(|(idx, _)| *idx))
        } else {
            Box::new(0..view.lines.len())
        };
        // A line without keywords (most lines) has only the keyword-less rules as candidates:
        // they are listed once here, not worked out of the bit sets on every line. With more
        // than two of them a set prefilter would be asked; that takes the general path.
        let always_list: Vec<(usize, usize)> = always
            .iter()
            .map(|ri| (ri, self.rules[ri].min_len))
            .collect();
        let always_direct = !(self.use_set && always_list.len() > 2);
        for idx in lines {
            let line = &view.lines[idx];
            let hits = match next.peek() {
                Some((at, bits)) if *at == idx => {
                    next.next();
                    *bits
                }
                _ => Bits::EMPTY,
            };
            if hits.is_empty() && always_direct {
                for &(ri, min_len) in &always_list {
                    if line.len() >= min_len {
                        self.fire(ri, view, idx, line, None, &mut lex, emit);
                    }
                }
                continue;
            }
            let cand = hits.or(always);
            if cand.is_empty() {
                continue;
            }
            let set_matches = (self.use_set && cand.count_ones() > 2)
                .then(|| self.set().matches(line.as_bytes()));
            for ri in cand.iter() {
                self.fire(ri, view, idx, line, set_matches.as_ref(), &mut lex, emit);
            }
        }
    }

    /// Rule `ri` on line `idx` (`line`) of `view`: its scope, pre-check, literals, set answer
    /// (`set_matches`, when the set was asked) and regex, then its check; emits its first
    /// match that passes them all.
    #[allow(
        clippy::too_many_arguments,
        reason = "one candidate rule on one line, with the line's shared state"
    )]
    fn fire(
        &self,
        ri: usize,
        view: &FileView<'_>,
        idx: usize,
        line: &str,
        set_matches: Option<&regex::bytes::SetMatches>,
        lex: &mut LexCursor,
        emit: &mut dyn FnMut(Firing<'_>),
    ) {
        let rule = &self.rules[ri];
        if line.len() < rule.min_len {
            return;
        }
        if (rule.skip_tests || rule.only_tests) && rule.skip_tests == view.is_test_code(idx) {
            return;
        }
        if rule.pre.is_some_and(|pre| !pre(line))
            || (!rule.pattern.is_empty() && !self.prefix_ok(ri, line))
        {
            return;
        }
        let Some(re) = self.regex(ri) else {
            let hit = Hit {
                view,
                idx,
                line,
                start: 0,
                end: line.len(),
                caps: None,
            };
            if rule.check.is_some_and(|check| check(&hit)) {
                emit(Firing { rule, hit: &hit });
            }
            return;
        };
        if let (Some(sm), Some(si)) = (set_matches, self.set_index[ri])
            && !sm.matched(si)
        {
            return;
        }
        if self.unless(ri).is_some_and(|u| u.is_match(line.as_bytes())) {
            return;
        }
        for caps in re.captures_iter(line.as_bytes()) {
            let whole = caps.get(0).expect("group 0");
            if rule.scope != Scope::Any {
                let at = caps.name("at").map_or(whole.start(), |m| m.start());
                let region = lex.region(view, idx, at);
                let ok = match rule.scope {
                    Scope::Any => true,
                    Scope::Code => region == Region::Code,
                    Scope::NotComment => region != Region::Comment,
                    Scope::Comment => region == Region::Comment,
                };
                if !ok {
                    continue;
                }
            }
            if caps.name("split").is_some() {
                // The rule asked to see an element written across lines judged as one.
                if let Some(joined) = split_element(view, idx)
                    && let Some(jc) = re.captures(joined.as_bytes())
                    && jc.name("s").is_some()
                {
                    let hit = Hit::matched(view, idx, &joined, &jc);
                    if rule.check.is_none_or(|check| check(&hit)) {
                        emit(Firing { rule, hit: &hit });
                        return;
                    }
                }
                continue;
            }
            let hit = Hit::matched(view, idx, line, &caps);
            if rule.check.is_none_or(|check| check(&hit)) {
                emit(Firing { rule, hit: &hit });
                return;
            }
        }
    }

    /// Masks the secrets of this (secret-only) rule set in one line; `None` when there are none.
    pub fn redact_line(&self, view: &FileView<'_>, idx: usize) -> Option<String> {
        let line = view.lines[idx];
        let cand = self.candidates(line);
        if cand.is_empty() {
            return None;
        }
        // (start, rule index, end, kept prefix): on overlaps the earlier rule (more specific) wins.
        let mut spans: Vec<(usize, usize, usize, usize)> = Vec::new();
        for ri in cand.iter() {
            let rule = &self.rules[ri];
            if !self.masks[ri]
                || rule.pre.is_some_and(|pre| !pre(line))
                || !self.prefix_ok(ri, line)
            {
                continue;
            }
            let Some(re) = self.regex(ri) else { continue };
            for caps in re.captures_iter(line.as_bytes()) {
                let hit = Hit::matched(view, idx, line, &caps);
                if rule.check.is_some_and(|check| !check(&hit)) {
                    continue;
                }
                let Some(s) = caps.name("s") else { continue };
                let keep = caps
                    .name("p")
                    .or_else(|| caps.name("p2"))
                    .filter(|p| p.start() == s.start())
                    .map_or(0, |p| p.len());
                spans.push((s.start(), ri, s.end(), keep));
            }
        }
        if spans.is_empty() {
            return None;
        }
        spans.sort_unstable();
        let mut out = String::with_capacity(line.len());
        let mut pos = 0;
        for (start, _, end, keep) in spans {
            if start < pos {
                continue;
            }
            out.push_str(&String::from_utf8_lossy(&line.as_bytes()[pos..start]));
            out.push_str(&String::from_utf8_lossy(
                &line.as_bytes()[start..start + keep],
            ));
            out.push_str("****");
            pos = end;
        }
        out.push_str(&String::from_utf8_lossy(&line.as_bytes()[pos..]));
        Some(out)
    }
}

/// An XML element written across lines (`<xToken>`, the value alone on the next line, then
/// `</xToken>`), joined on one line; `None` when the lines after `idx` are not of that shape.
fn split_element(view: &FileView<'_>, idx: usize) -> Option<String> {
    let value = view.next_line(idx)?.trim();
    let close = view.next_line(idx + 1)?.trim();
    let plain = !value.is_empty() && !value.contains(|c: char| c.is_whitespace() || c == '<');
    (plain && close.starts_with("</"))
        .then(|| format!("{}{value}{close}", view.lines[idx].trim_end()))
}

/// One rule firing on one line.
pub struct Firing<'a> {
    pub rule: &'a Rule,
    pub hit: &'a Hit<'a>,
}

/// Lexes a file's lines lazily, in order, carrying multi-line state between consecutive lines.
#[derive(Default)]
struct LexCursor {
    /// The next line index whose start state is `carry`.
    next: usize,
    carry: Carry,
    cached: Option<usize>,
    regions: Regions,
}

impl LexCursor {
    fn region(&mut self, view: &FileView<'_>, idx: usize, pos: usize) -> Region {
        if self.cached != Some(idx) {
            while self.next < idx {
                let carry = self.start_state(view, self.next);
                self.carry = lex_line(view, self.next, carry, None);
                self.next += 1;
            }
            let carry = self.start_state(view, idx);
            self.carry = lex_line(view, idx, carry, Some(&mut self.regions));
            self.next = idx + 1;
            self.cached = Some(idx);
        }
        self.regions.at(pos)
    }

    fn start_state(&self, view: &FileView<'_>, idx: usize) -> Carry {
        if view.follows(idx) {
            self.carry
        } else {
            Carry::Code
        }
    }
}

fn lex_line(view: &FileView<'_>, idx: usize, carry: Carry, out: Option<&mut Regions>) -> Carry {
    let line = view.lines[idx];
    if line.len() > MAX_LEX {
        if let Some(out) = out {
            lexer::lex(view.lang, "", Carry::Code, Some(out));
        }
        return Carry::Code;
    }
    lexer::lex(view.lang, line, carry, out)
}

/// Whether a `wfc:allow` comment on the line names this rule.
pub fn allowed(line: &str, rule_id: &str) -> bool {
    let mut rest = line;
    while let Some(at) = rest.find("wfc:allow") {
        rest = &rest[at + "wfc:allow".len()..];
        let list = rest.trim_start_matches(|c: char| c == ':' || c.is_whitespace());
        for token in list
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|t| !t.is_empty())
        {
            let token = token.trim_end_matches(|c: char| !c.is_ascii_alphanumeric());
            if token == rule_id {
                return true;
            }
            let id_like = !token.is_empty()
                && token
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'));
            if !id_like {
                break;
            }
        }
    }
    false
}

/// Whether the line carries another scanner's allow marker, `gitleaks:allow` or detect-secrets'
/// `pragma: allowlist secret` (in any comment syntax). Like in those tools, it silences every
/// credential finding of the line, a confirmed vendor format included: a team that switches keeps
/// its reviewed exceptions, and the marker is part of the change, visible in code review.
pub fn secret_marker(line: &str) -> bool {
    let bytes = line.as_bytes();
    let has = |needle: &[u8]| {
        bytes
            .windows(needle.len())
            .any(|w| w.eq_ignore_ascii_case(needle))
    };
    (line.contains(':') && has(b"gitleaks:allow")) || has(b"pragma: allowlist secret")
}

/// The finding for one firing; its description carries a short excerpt with every secret masked.
pub fn finding(
    firing: &Firing<'_>,
    redact: &dyn Fn(&str) -> String,
    masked_line: Option<&str>,
) -> Finding {
    let hit = firing.hit;
    let rule = firing.rule;
    let excerpt = match masked_line {
        Some(masked) => masked.trim().to_string(),
        None => redact(hit.text().trim()),
    };
    let excerpt = shorten(&excerpt, 80);
    let line = hit.view.numbers[hit.idx];
    let (severity, confidence) = rule
        .grade
        .and_then(|grade| grade(hit))
        .unwrap_or((rule.severity, rule.confidence));
    let description = if excerpt.is_empty() {
        rule.message.to_string()
    } else {
        format!("{}: `{}`", rule.message, excerpt.replace('`', "'"))
    };
    Finding {
        file: Some(hit.view.path.to_string()),
        line_start: Some(line),
        line_end: Some(line),
        category: rule.category.to_string(),
        severity,
        confidence,
        description,
        remediation: rule.remediation.to_string(),
        rule: Some(rule.id.to_string()),
    }
}

fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out: String = text.chars().take(max - 1).collect();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literal_prefixes_of_plain_token_patterns_only() {
        let lits = |p: &str| {
            literal_prefixes(p).map(|l| {
                l.iter()
                    .map(|x| String::from_utf8(x.to_vec()).expect("utf-8"))
                    .collect::<Vec<_>>()
            })
        };
        assert_eq!(
            lits(r"\b(?P<s>(?P<p>SK)(?:[0-9a-f]{32}))(?:[^0-9A-Za-z_\-]|$)"),
            Some(vec!["SK".to_string()])
        );
        assert_eq!(
            lits(r"\b(?P<s>(?P<p>hvs\.|hvb\.)(?:[A-Za-z0-9]{24}))"),
            Some(vec!["hvs.".to_string(), "hvb.".to_string()])
        );
        // A flag anywhere, a class, a group, an empty branch: no literal to demand.
        assert_eq!(lits(r"(?i)\b(?P<s>(?P<p>SK)(?:[0-9a-f]{32}))"), None);
        assert_eq!(lits(r"\b(?P<s>(?P<p>SK)(?i:[0-9a-f]{32}))"), None);
        assert_eq!(lits(r"\b(?P<s>(?P<p>s[kK])(?:[0-9a-f]{32}))"), None);
        assert_eq!(lits(r"\b(?P<s>(?P<p>gl(?:pat|ptt)-)(?:x{20}))"), None);
        assert_eq!(lits(r"\b(?P<s>(?P<p>a|)(?:x{20}))"), None);
        assert_eq!(lits(r"\b(?P<s>(?P<p>a?)(?:x{20}))"), None);
        assert_eq!(lits(r"(?P<s>(?P<p>SK)(?:x{20}))"), None);
    }

    /// Every built-in rule with a literal prefix: each corpus line its pattern matches holds
    /// the prefix, and most vendor formats have one.
    #[test]
    fn literal_prefixes_hold_in_every_match() {
        let corpus = include_str!("../../../tests/corpus/secrets.tsv").replace("@@", "");
        let lines: Vec<&str> = corpus
            .lines()
            .flat_map(|l| l.split('\t'))
            .flat_map(|l| l.split("\\n"))
            .collect();
        let mut with = 0;
        let mut checked = 0;
        for b in crate::review::builtin::Builtin::ALL {
            for rule in crate::review::builtin::rules(b) {
                let Some(lits) = literal_prefixes(rule.pattern) else {
                    continue;
                };
                with += 1;
                let re = build_regex(rule.pattern);
                let shortest = shortest_match(rule.pattern);
                for line in &lines {
                    if re.is_match(line.as_bytes()) {
                        checked += 1;
                        assert!(line.len() >= shortest, "{} matches {line:?}", rule.id);
                        assert!(
                            lits.iter()
                                .any(|l| line.as_bytes().windows(l.len()).any(|w| w == &l[..])),
                            "{} matches {line:?} without its prefix",
                            rule.id
                        );
                    }
                }
            }
        }
        assert!(with >= 100, "only {with} rules have a literal prefix");
        assert_eq!(
            shortest_match(r"\b(?P<s>(?P<p>SK)(?:[0-9a-f]{32}))(?:[^0-9A-Za-z_\-]|$)"),
            34
        );
        assert!(checked >= 300, "only {checked} matches checked");
    }

    #[test]
    fn ascii_pattern_rewrites_classes_outside_brackets() {
        assert_eq!(ascii_pattern(r"\bfoo\w+"), r"(?-u:\b)foo(?-u:\w)+");
        assert_eq!(ascii_pattern(r"[\w.]\d"), r"[\w.](?-u:\d)");
        assert_eq!(ascii_pattern(r"a\.b"), r"a\.b");
    }

    #[test]
    fn allow_comment_names_rules() {
        assert!(allowed("x = 1  # wfc:allow cor.x", "cor.x"));
        assert!(allowed("x // wfc:allow sec.a, cor.x", "cor.x"));
        assert!(allowed("x /* wfc:allow cor.x */", "cor.x"));
        assert!(allowed("x <!-- wfc:allow: cor.x -->", "cor.x"));
        assert!(!allowed("x # wfc:allow cor.xy", "cor.x"));
        assert!(!allowed("x # wfc:allow", "cor.x"));
        assert!(!allowed("x # allow cor.x", "cor.x"));
    }

    #[test]
    fn allow_markers_of_other_scanners() {
        assert!(secret_marker("TOKEN = 'x' # gitleaks:allow"));
        assert!(secret_marker("token: x // gitleaks:allow"));
        assert!(secret_marker("x = 1 /* pragma: allowlist secret */"));
        assert!(secret_marker("<!-- Gitleaks:Allow --> x"));
        assert!(!secret_marker("x = 1 # gitleaks"));
        assert!(!secret_marker("x = 1 # pragma: allowlist"));
    }

    #[test]
    fn shorten_keeps_short_text() {
        assert_eq!(shorten("abc", 5), "abc");
        assert_eq!(shorten("abcdefgh", 5), "abcd…");
    }
}
