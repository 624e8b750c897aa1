//! A small per-line lexer that tells code from strings and comments.
//!
//! It is not a parser: it knows each language family's comment markers and quotes, carries
//! multi-line strings and block comments from one added line to the next when the lines are
//! consecutive, and gives up gracefully (a mistake only makes a rule miss, never fire).

use super::lang::Lang;

/// What a byte of a line is part of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Region {
    Code,
    Str,
    Comment,
}

/// The state carried from the end of one line to the start of the next.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Carry {
    #[default]
    Code,
    BlockComment,
    Str(Quote),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quote {
    byte: u8,
    triple: bool,
    /// Rust raw string: the number of `#`s that close it; escapes do not apply.
    raw: Option<u8>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SingleQuote {
    /// `'...'` is a string.
    Str,
    /// `'x'` is a character literal; a lone `'` (a Rust lifetime) is code.
    Char,
}

#[derive(Debug, Clone, Copy)]
struct Syntax {
    hash: bool,
    /// `#` starts a comment only at the start of a line or after whitespace (shell, YAML).
    hash_needs_space: bool,
    slashes: bool,
    dashes: bool,
    block: bool,
    single: Option<SingleQuote>,
    backtick: bool,
    backtick_escapes: bool,
    triple: bool,
    rust_raw: bool,
    /// `"` strings may span lines (Rust).
    multiline_double: bool,
}

const NONE: Syntax = Syntax {
    hash: false,
    hash_needs_space: false,
    slashes: false,
    dashes: false,
    block: false,
    single: None,
    backtick: false,
    backtick_escapes: false,
    triple: false,
    rust_raw: false,
    multiline_double: false,
};

fn syntax(lang: Lang) -> Option<Syntax> {
    let c_like = Syntax {
        slashes: true,
        block: true,
        single: Some(SingleQuote::Char),
        ..NONE
    };
    Some(match lang {
        Lang::Python => Syntax {
            hash: true,
            single: Some(SingleQuote::Str),
            triple: true,
            ..NONE
        },
        Lang::JavaScript => Syntax {
            single: Some(SingleQuote::Str),
            backtick: true,
            backtick_escapes: true,
            ..c_like
        },
        Lang::Rust => Syntax {
            rust_raw: true,
            multiline_double: true,
            ..c_like
        },
        Lang::Go => Syntax {
            backtick: true,
            ..c_like
        },
        Lang::Jvm | Lang::CSharp | Lang::C | Lang::Swift => c_like,
        Lang::Php => Syntax {
            hash: true,
            hash_needs_space: true,
            single: Some(SingleQuote::Str),
            ..c_like
        },
        Lang::Ruby => Syntax {
            hash: true,
            single: Some(SingleQuote::Str),
            ..NONE
        },
        Lang::Shell | Lang::Config => Syntax {
            hash: true,
            hash_needs_space: true,
            single: Some(SingleQuote::Str),
            ..NONE
        },
        Lang::Sql => Syntax {
            dashes: true,
            block: true,
            single: Some(SingleQuote::Str),
            ..NONE
        },
        Lang::Docs | Lang::Other => return None,
    })
}

/// The regions of one line: `(start byte, region)` transitions, sorted, starting at 0.
#[derive(Debug, Default, Clone)]
pub struct Regions(Vec<(usize, Region)>);

impl Regions {
    pub fn at(&self, pos: usize) -> Region {
        let i = self.0.partition_point(|(start, _)| *start <= pos);
        if i == 0 {
            Region::Code
        } else {
            self.0[i - 1].1
        }
    }

    fn push(&mut self, pos: usize, region: Region) {
        if let Some(last) = self.0.last_mut() {
            if last.0 == pos {
                last.1 = region;
                return;
            }
            if last.1 == region {
                return;
            }
        }
        self.0.push((pos, region));
    }
}

fn is_ident(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

fn region_of(carry: Carry) -> Region {
    match carry {
        Carry::Code => Region::Code,
        Carry::BlockComment => Region::Comment,
        Carry::Str(_) => Region::Str,
    }
}

/// The length of a character literal starting at `i` (a `'`), or `None` when the quote is code
/// (a Rust lifetime or label).
fn char_literal_len(line: &[u8], i: usize) -> Option<usize> {
    let rest = &line[i + 1..];
    let first = *rest.first()?;
    if first == b'\\' {
        let close = rest.iter().skip(2).take(10).position(|b| *b == b'\'')?;
        return Some(close + 4);
    }
    let width = match first {
        0x00..=0x7f => 1,
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        _ => 4,
    };
    (rest.get(width) == Some(&b'\'')).then_some(width + 2)
}

/// The bytes a comment, string or literal can start with, in any syntax (see [`lex`]'s code
/// state): `/` (`//`, `/*`), `-` (`--`), `#`, `r` and `b` (Rust raw strings), and the quotes.
const CODE_SPECIAL: [bool; 256] = {
    let mut t = [false; 256];
    let bytes = b"/-#rb\"'`";
    let mut k = 0;
    while k < bytes.len() {
        t[bytes[k] as usize] = true;
        k += 1;
    }
    t
};

/// Lexes one line that starts in state `carry`; fills `out` (when given) and returns the state
/// the next line starts in.
pub fn lex(lang: Lang, line: &str, carry: Carry, mut out: Option<&mut Regions>) -> Carry {
    let Some(sx) = syntax(lang) else {
        if let Some(out) = out.as_deref_mut() {
            out.0.clear();
            out.0.push((0, Region::Code));
        }
        return Carry::Code;
    };
    let line = line.as_bytes();
    let n = line.len();
    let mut state = carry;
    if let Some(out) = out.as_deref_mut() {
        out.0.clear();
        out.0.push((0, region_of(state)));
    }
    let mut mark = |pos: usize, region: Region| {
        if let Some(out) = out.as_deref_mut() {
            out.push(pos, region);
        }
    };
    let mut i = 0;
    while i < n {
        match state {
            Carry::Code => {
                // A byte that can start no comment, string or literal changes nothing: a run of
                // them is skipped at once.
                while i < n && !CODE_SPECIAL[line[i] as usize] {
                    i += 1;
                }
                if i == n {
                    break;
                }
                let b = line[i];
                let next = line.get(i + 1).copied();
                if sx.block && b == b'/' && next == Some(b'*') {
                    mark(i, Region::Comment);
                    state = Carry::BlockComment;
                    i += 2;
                    continue;
                }
                let line_comment = (sx.slashes && b == b'/' && next == Some(b'/'))
                    || (sx.dashes && b == b'-' && next == Some(b'-'))
                    || (sx.hash
                        && b == b'#'
                        && (!sx.hash_needs_space || i == 0 || line[i - 1].is_ascii_whitespace())
                        && !(lang == Lang::Php && next == Some(b'[')));
                if line_comment {
                    mark(i, Region::Comment);
                    return Carry::Code;
                }
                if sx.rust_raw
                    && (b == b'r' || (b == b'b' && next == Some(b'r')))
                    && (i == 0 || !is_ident(line[i - 1]))
                {
                    let mut j = if b == b'b' { i + 2 } else { i + 1 };
                    let hashes_start = j;
                    while j < n && line[j] == b'#' {
                        j += 1;
                    }
                    if j < n && line[j] == b'"' {
                        mark(i, Region::Str);
                        state = Carry::Str(Quote {
                            byte: b'"',
                            triple: false,
                            raw: Some((j - hashes_start) as u8),
                        });
                        i = j + 1;
                        continue;
                    }
                }
                let quote = match b {
                    b'"' => true,
                    b'\'' => sx.single == Some(SingleQuote::Str),
                    b'`' => sx.backtick,
                    _ => false,
                };
                if quote {
                    mark(i, Region::Str);
                    let triple = sx.triple
                        && (b == b'"' || b == b'\'')
                        && line.get(i + 1) == Some(&b)
                        && line.get(i + 2) == Some(&b);
                    state = Carry::Str(Quote {
                        byte: b,
                        triple,
                        raw: None,
                    });
                    i += if triple { 3 } else { 1 };
                    continue;
                }
                if b == b'\''
                    && sx.single == Some(SingleQuote::Char)
                    && let Some(len) = char_literal_len(line, i)
                {
                    mark(i, Region::Str);
                    mark((i + len).min(n), Region::Code);
                    i += len;
                    continue;
                }
                i += 1;
            }
            Carry::BlockComment => match memchr::memmem::find(&line[i..], b"*/") {
                Some(k) => {
                    i += k + 2;
                    mark(i, Region::Code);
                    state = Carry::Code;
                }
                None => i = n,
            },
            Carry::Str(q) => {
                let escapes = q.raw.is_none() && (q.byte != b'`' || sx.backtick_escapes);
                // Straight to the next byte that can end the string or escape the next one.
                let rest = &line[i..];
                let stop = if escapes {
                    memchr::memchr2(q.byte, b'\\', rest)
                } else {
                    memchr::memchr(q.byte, rest)
                };
                let Some(k) = stop else {
                    i = n;
                    continue;
                };
                i += k;
                let b = line[i];
                if escapes && b == b'\\' {
                    i += 2;
                    continue;
                }
                if q.triple {
                    if line.get(i + 1) == Some(&b) && line.get(i + 2) == Some(&b) {
                        i += 3;
                        mark(i, Region::Code);
                        state = Carry::Code;
                    } else {
                        i += 1;
                    }
                    continue;
                }
                if let Some(hashes) = q.raw {
                    let h = hashes as usize;
                    if line.len() >= i + 1 + h && line[i + 1..i + 1 + h].iter().all(|c| *c == b'#')
                    {
                        i += 1 + h;
                        mark(i, Region::Code);
                        state = Carry::Code;
                    } else {
                        i += 1;
                    }
                    continue;
                }
                i += 1;
                mark(i, Region::Code);
                state = Carry::Code;
            }
        }
    }
    match state {
        Carry::Code => Carry::Code,
        Carry::BlockComment => Carry::BlockComment,
        Carry::Str(q) => {
            let spans = q.triple
                || q.raw.is_some()
                || q.byte == b'`'
                || (q.byte == b'"' && sx.multiline_double);
            if spans { state } else { Carry::Code }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn regions(lang: Lang, line: &str) -> String {
        let mut r = Regions::default();
        lex(lang, line, Carry::Code, Some(&mut r));
        (0..line.len())
            .map(|i| match r.at(i) {
                Region::Code => 'c',
                Region::Str => 's',
                Region::Comment => '#',
            })
            .collect()
    }

    #[test]
    fn python_strings_and_comments() {
        assert_eq!(regions(Lang::Python, "x = 'a#b' # c"), "ccccsssssc###");
        assert_eq!(regions(Lang::Python, r#"f("\"")"#), "ccssssc");
    }

    #[test]
    fn rust_chars_lifetimes_and_raw_strings() {
        assert_eq!(regions(Lang::Rust, "fn f<'a>(x: &'a str)"), "c".repeat(20));
        assert_eq!(
            regions(Lang::Rust, "let c = '\"'; // x"),
            "ccccccccssscc####"
        );
        assert_eq!(regions(Lang::Rust, r##"r#"a"b"# x"##), "sssssssscc");
        assert_eq!(regions(Lang::Rust, "/* a */ b"), "#######cc");
    }

    /// Runs of ordinary bytes are skipped at once, and a string is crossed to its next quote or
    /// backslash: the regions are still byte for byte those of a walk one byte at a time.
    #[test]
    fn skipped_runs_keep_every_region_boundary() {
        let cases = [
            // An escaped quote inside a string; the string ends at the next quote.
            (Lang::Rust, r#"let s = "a\"b"; x"#, "ccccccccssssssccc"),
            // A backslash as the last byte of a line inside a string.
            (Lang::Python, r#"x = "ab\"#, "ccccssss"),
            // An escaped backtick in a template string.
            (Lang::JavaScript, r"a = `x\`y` + 1", "ccccsssssscccc"),
            // A raw string closed only by a quote and both of its `#`s.
            (Lang::Rust, r###"r##"a"#b"## c"###, "ssssssssssscc"),
            // Two block comments on one line.
            (Lang::C, "a /* b */ c /* d */ e", "cc#######ccc#######cc"),
            // `r` and `b` inside words start nothing; `br"` starts a raw string.
            (
                Lang::Rust,
                r#"let rb = br"x" + bar;"#,
                "cccccccccsssssccccccc",
            ),
            // A `--` comment after a string holding dashes.
            (Lang::Sql, "select '--' -- c", "cccccccssssc####"),
        ];
        for (lang, line, want) in cases {
            assert_eq!(regions(lang, line), want, "{lang:?} {line:?}");
        }
    }

    #[test]
    fn shell_hash_needs_space() {
        assert_eq!(regions(Lang::Shell, "echo ${#x} # c"), "ccccccccccc###");
    }

    #[test]
    fn multi_line_state_is_carried() {
        let c = lex(Lang::Python, "x = \"\"\"doc", Carry::Code, None);
        assert!(matches!(c, Carry::Str(_)));
        let mut r = Regions::default();
        let c = lex(Lang::Python, "pdb.set_trace() \"\"\" + y", c, Some(&mut r));
        assert_eq!(c, Carry::Code);
        assert_eq!(r.at(0), Region::Str);
        assert_eq!(r.at(22), Region::Code);
        // A plain Python string does not span lines.
        assert_eq!(
            lex(Lang::Python, "x = \"abc", Carry::Code, None),
            Carry::Code
        );
        // A C block comment does.
        let c = lex(Lang::C, "int x; /* start", Carry::Code, None);
        assert_eq!(c, Carry::BlockComment);
        let mut r = Regions::default();
        lex(Lang::C, "still */ code", c, Some(&mut r));
        assert_eq!(r.at(0), Region::Comment);
        assert_eq!(r.at(10), Region::Code);
    }
}
