//! Text from outside (file names, reviewer answers, knowledge files, audit details) shown on a
//! terminal: control characters are made visible so that no text can move the cursor, recolor
//! or clear the screen, set the window title, ring the bell, rewrite a line with `\r`, fake a line
//! of output with `\n`, or reorder what is shown with bidirectional overrides (DESIGN.md "Output
//! cannot be steered").
//!
//! Escaped: every C0 control but tab (`\n` and `\r` as such, the others as `\x1b`-style escapes),
//! DEL, every C1 control (U+0080 to U+009F, which some terminals read as ESC-sequences), and the
//! bidirectional embeddings, overrides and isolates (U+202A to U+202E, U+2066 to U+2069) and marks
//! (U+200E, U+200F, U+061C). Tab is kept: it cannot steer anything and appears in real text.
//! wfc's own colors are added after escaping, by `crate::ui::Ui::paint`.

use std::borrow::Cow;
use std::fmt::Write;

/// Whether `c` is a character that could steer a terminal or reorder text.
pub fn is_steering(c: char) -> bool {
    (c.is_control() && c != '\t')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
        || matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}')
}

fn escape_with(s: &str, keep_newlines: bool) -> Cow<'_, str> {
    let steering = |c: char| is_steering(c) && !(keep_newlines && c == '\n');
    if !s.chars().any(steering) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if !steering(c) {
            out.push(c);
            continue;
        }
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x80 => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c => {
                let _ = write!(out, "\\u{{{:04x}}}", c as u32);
            }
        }
    }
    Cow::Owned(out)
}

/// One line of text from outside, safe to print: every steering character, newlines included, is
/// shown as an escape (`\x1b`, `\n`, `\u{202e}`).
pub fn escape(s: &str) -> Cow<'_, str> {
    escape_with(s, false)
}

/// [`escape`] for text of several lines (a knowledge file, a report): newlines are kept.
pub fn escape_lines(s: &str) -> Cow<'_, str> {
    escape_with(s, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_can_steer() {
        assert!(matches!(escape("plain\ttext é ü 名前"), Cow::Borrowed(_)));
        assert_eq!(escape("a\x1b[2Jb"), "a\\x1b[2Jb");
        assert_eq!(escape("x\ry\nz\x07\x7f"), "x\\ry\\nz\\x07\\x7f");
        assert_eq!(escape("\u{9b}31m"), "\\u{009b}31m");
        assert_eq!(escape("abc\u{202e}txt.exe"), "abc\\u{202e}txt.exe");
        assert_eq!(escape("\u{2066}x\u{2069}"), "\\u{2066}x\\u{2069}");
        assert_eq!(escape_lines("a\nb\x1b"), "a\nb\\x1b");
    }
}
