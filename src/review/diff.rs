//! Reading a unified diff (git's or plain `diff -u`) into a [`Change`].
//!
//! One parser serves every input: git2 renders its diffs as patch text and `--diff-file` hands
//! over a file, so the reviewers always see the same shape.

use super::builtin::{is_rust_mod_line, is_rust_test_cfg, is_rust_test_mod_context};
use super::change::{AddedLine, Change, FileChange, FileStatus};

#[derive(Debug, Default)]
struct Pending {
    old_path: Option<String>,
    new_path: Option<String>,
    status: Option<FileStatus>,
    binary: bool,
    added: Vec<AddedLine>,
    removed: u32,
    seen_hunk: bool,
    /// A Rust file: its test module is looked for in the hunks (added and context lines).
    rust: bool,
    test_module_from: Option<u32>,
    /// A `#[cfg(test)]` line seen, with how many lines a `mod` may still follow it in.
    cfg_test: Option<(u32, u8)>,
}

impl Pending {
    /// Notes a line of the new file (added or context) for the test-module search.
    fn see_line(&mut self, number: u32, text: &str) {
        if !self.rust {
            return;
        }
        if is_rust_test_cfg(text) {
            self.cfg_test = Some((number, 3));
        } else if let Some((at, left)) = self.cfg_test {
            if is_rust_mod_line(text) {
                self.test_module_from = Some(self.test_module_from.map_or(at, |t| t.min(at)));
                self.cfg_test = None;
            } else {
                self.cfg_test = (left > 1).then_some((at, left - 1));
            }
        }
    }
}

impl Pending {
    fn finish(self, emit: &mut dyn FnMut(FileChange)) {
        let deleted = self.status == Some(FileStatus::Deleted)
            || (self.new_path.is_none() && self.old_path.is_some() && self.seen_hunk);
        let path = if deleted {
            self.old_path.clone()
        } else {
            self.new_path.clone().or_else(|| self.old_path.clone())
        };
        let Some(path) = path else { return };
        let status = if deleted {
            FileStatus::Deleted
        } else if let Some(s) = self.status {
            s
        } else if self.old_path.is_none() {
            FileStatus::Added
        } else if self.old_path != self.new_path {
            FileStatus::Renamed
        } else {
            FileStatus::Modified
        };
        let old_path = match status {
            FileStatus::Renamed => self.old_path,
            _ => None,
        };
        emit(FileChange {
            path,
            old_path,
            status,
            binary: self.binary,
            added: self.added,
            removed: self.removed,
            line_count: None,
            test_module_from: self.test_module_from,
        });
    }
}

/// Undoes git's C-style quoting of unusual path names (`"a/sp\303\251cial"`).
fn unquote(raw: &str) -> String {
    let Some(inner) = raw.strip_prefix('"').and_then(|r| r.strip_suffix('"')) else {
        return raw.to_string();
    };
    let mut bytes = Vec::with_capacity(inner.len());
    let mut it = inner.bytes().peekable();
    while let Some(b) = it.next() {
        if b != b'\\' {
            bytes.push(b);
            continue;
        }
        match it.next() {
            Some(b'n') => bytes.push(b'\n'),
            Some(b't') => bytes.push(b'\t'),
            Some(b'"') => bytes.push(b'"'),
            Some(b'\\') => bytes.push(b'\\'),
            Some(d @ b'0'..=b'7') => {
                let mut v = (d - b'0') as u32;
                for _ in 0..2 {
                    match it.peek() {
                        Some(n @ b'0'..=b'7') => {
                            v = v * 8 + (*n - b'0') as u32;
                            it.next();
                        }
                        _ => break,
                    }
                }
                bytes.push(v as u8);
            }
            Some(other) => bytes.push(other),
            None => bytes.push(b'\\'),
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

/// The path of a `--- `/`+++ ` line: `None` for `/dev/null`; `a/`/`b/` prefixes and trailing
/// timestamps removed.
fn header_path(rest: &str) -> Option<String> {
    let rest = rest.trim_end_matches('\r');
    let rest = if rest.starts_with('"') {
        rest
    } else {
        rest.split('\t').next().unwrap_or(rest)
    };
    let path = unquote(rest.trim_end());
    if path == "/dev/null" {
        return None;
    }
    let path = path
        .strip_prefix("a/")
        .or_else(|| path.strip_prefix("b/"))
        .unwrap_or(&path)
        .to_string();
    Some(path.trim_start_matches("./").to_string())
}

/// `@@ -a,b +c,d @@` -> (b, c, d)
fn hunk_header(line: &str) -> Option<(u32, u32, u32)> {
    let rest = line.strip_prefix("@@ -")?;
    let (old, rest) = rest.split_once(" +")?;
    let (new, _) = rest.split_once(" @@")?;
    let count = |s: &str| -> Option<(u32, u32)> {
        match s.split_once(',') {
            Some((a, b)) => Some((a.parse().ok()?, b.parse().ok()?)),
            None => Some((s.parse().ok()?, 1)),
        }
    };
    let (_, old_len) = count(old)?;
    let (new_start, new_len) = count(new)?;
    Some((old_len, new_start, new_len))
}

/// The first line of a Rust test module in a whole file, found as [`Parser`] finds it in the
/// lines a hunk shows (for changes read from blobs rather than from patch text).
pub fn test_module_in(path: &str, text: &str) -> Option<u32> {
    if !path.to_ascii_lowercase().ends_with(".rs") {
        return None;
    }
    // No line can open a test module without one of these (see `is_rust_test_cfg`), and no
    // line before the first of them changes the search: it starts on that one's line.
    let find = |needle: &str| memchr::memmem::find(text.as_bytes(), needle.as_bytes());
    let first = match (find("#[cfg(test)]"), find("#[cfg(all(test")) {
        (Some(a), Some(b)) => a.min(b),
        (Some(a), None) | (None, Some(a)) => a,
        (None, None) => return None,
    };
    let start = text[..first].rfind('\n').map_or(0, |i| i + 1);
    let before = memchr::memchr_iter(b'\n', &text.as_bytes()[..start]).count() as u32;
    let mut p = Pending {
        rust: true,
        ..Pending::default()
    };
    for (i, line) in text[start..].lines().enumerate() {
        p.see_line(before + i as u32 + 1, line);
        // Later lines could only open a module further down; the first line is the answer.
        if p.test_module_from.is_some() {
            break;
        }
    }
    p.test_module_from
}

/// The text git shows after a hunk header's closing `@@` (the enclosing function or module).
fn hunk_context(line: &str) -> &str {
    line.strip_prefix("@@ ")
        .and_then(|rest| rest.split_once(" @@"))
        .map_or("", |(_, context)| context)
}

/// Parses unified diff text. Lines that belong to no file (mail headers, commit messages) are
/// skipped.
pub fn parse(text: &str) -> Change {
    let mut files = Vec::new();
    let mut parser = Parser::default();
    for raw in text.split('\n') {
        parser.line(raw, &mut |f| files.push(f));
    }
    parser.finish(&mut |f| files.push(f));
    Change {
        files,
        diff: text.to_string(),
    }
}

/// A unified diff read one line at a time: each file is handed over as soon as the next one
/// starts, so a review holds one file of a diff, never the whole of it.
#[derive(Debug, Default)]
pub struct Parser {
    cur: Option<Pending>,
    old_left: u32,
    new_left: u32,
    new_line: u32,
}

impl Parser {
    /// Reads one line (without its `\n`); `emit` receives every file this line completes.
    pub fn line(&mut self, raw: &str, emit: &mut dyn FnMut(FileChange)) {
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if self.old_left > 0 || self.new_left > 0 {
            let Some(p) = self.cur.as_mut() else {
                self.old_left = 0;
                self.new_left = 0;
                return;
            };
            match line.as_bytes().first() {
                Some(b'+') => {
                    p.see_line(self.new_line, &line[1..]);
                    p.added.push(AddedLine {
                        line: self.new_line,
                        text: line[1..].to_string(),
                    });
                    self.new_line += 1;
                    self.new_left = self.new_left.saturating_sub(1);
                    return;
                }
                Some(b'-') => {
                    p.removed += 1;
                    self.old_left = self.old_left.saturating_sub(1);
                    return;
                }
                Some(b' ') | None => {
                    p.see_line(self.new_line, line.get(1..).unwrap_or(""));
                    self.new_line += 1;
                    self.old_left = self.old_left.saturating_sub(1);
                    self.new_left = self.new_left.saturating_sub(1);
                    return;
                }
                Some(b'\\') => return,
                // Anything else ends a truncated hunk; read it as a header below.
                _ => {
                    self.old_left = 0;
                    self.new_left = 0;
                }
            }
        }
        if line.starts_with('\\') {
            return;
        }
        if let Some(rest) = line.strip_prefix("diff --git ") {
            if let Some(p) = self.cur.take() {
                p.finish(emit);
            }
            let mut p = Pending::default();
            // `diff --git a/x b/x`: good enough for binary or mode-only changes with no ---/+++ lines.
            if let Some((a, b)) = split_git_header(rest) {
                p.old_path = Some(a);
                p.new_path = Some(b);
            }
            self.cur = Some(p);
            return;
        }
        if let Some(rest) = line.strip_prefix("--- ") {
            // A plain `diff -u` starts a file at `---`; in git diffs it follows `diff --git`.
            let starts_new = match &self.cur {
                None => true,
                Some(p) => p.seen_hunk,
            };
            if starts_new {
                if let Some(p) = self.cur.take() {
                    p.finish(emit);
                }
                self.cur = Some(Pending::default());
            }
            if let Some(p) = self.cur.as_mut() {
                p.old_path = header_path(rest);
            }
            return;
        }
        if let Some(rest) = line.strip_prefix("+++ ") {
            if let Some(p) = self.cur.as_mut() {
                p.new_path = header_path(rest);
            }
            return;
        }
        let Some(p) = self.cur.as_mut() else { return };
        if line.starts_with("@@ ") {
            if let Some((old_len, start, new_len)) = hunk_header(line) {
                self.old_left = old_len;
                self.new_left = new_len;
                self.new_line = start;
                p.seen_hunk = true;
                p.rust = p
                    .new_path
                    .as_deref()
                    .is_some_and(|path| path.to_ascii_lowercase().ends_with(".rs"));
                p.cfg_test = None;
                if p.rust && is_rust_test_mod_context(hunk_context(line)) {
                    p.test_module_from = Some(p.test_module_from.map_or(start, |t| t.min(start)));
                }
            }
        } else if line.starts_with("new file mode") {
            p.status = Some(FileStatus::Added);
            p.old_path = None;
        } else if line.starts_with("deleted file mode") {
            p.status = Some(FileStatus::Deleted);
        } else if let Some(from) = line.strip_prefix("rename from ") {
            p.status = Some(FileStatus::Renamed);
            p.old_path = Some(unquote(from));
        } else if let Some(to) = line.strip_prefix("rename to ") {
            p.new_path = Some(unquote(to));
        } else if line.starts_with("Binary files ") || line == "GIT binary patch" {
            p.binary = true;
        }
    }

    /// Ends the diff: `emit` receives the last file.
    pub fn finish(mut self, emit: &mut dyn FnMut(FileChange)) {
        if let Some(p) = self.cur.take() {
            p.finish(emit);
        }
    }
}

fn split_git_header(rest: &str) -> Option<(String, String)> {
    if let Some(inner) = rest.strip_prefix('"') {
        let end = inner.find("\" ")? + 1;
        let a = header_path(&rest[..=end])?;
        let b = header_path(rest[end + 2..].trim())?;
        return Some((a, b));
    }
    // Unquoted: "a/<p> b/<p>" where both halves are usually equal.
    let half = rest.len().checked_sub(1)? / 2;
    let (a, b) = (&rest[..half], &rest[half + 1..]);
    if a.strip_prefix("a/") == b.strip_prefix("b/") {
        return Some((header_path(a)?, header_path(b)?));
    }
    let idx = rest.find(" b/")?;
    Some((header_path(&rest[..idx])?, header_path(&rest[idx + 1..])?))
}

#[cfg(test)]
mod tests {
    use super::*;

    const GIT: &str = "\
diff --git a/src/lib.rs b/src/lib.rs
index 1111111..2222222 100644
--- a/src/lib.rs
+++ b/src/lib.rs
@@ -1,3 +1,4 @@
 fn a() {}
-fn b() {}
+fn b() { x(); }
+fn c() {}
 fn d() {}
@@ -10,2 +11,3 @@ fn e()
 let x = 1;
+let y = 2;
 let z = 3;
diff --git a/new.py b/new.py
new file mode 100644
index 0000000..3333333
--- /dev/null
+++ b/new.py
@@ -0,0 +1,2 @@
+import os
+--- not a header
diff --git a/gone.txt b/gone.txt
deleted file mode 100644
--- a/gone.txt
+++ /dev/null
@@ -1 +0,0 @@
-bye
diff --git a/img.png b/img.png
Binary files a/img.png and b/img.png differ
";

    #[test]
    fn parses_git_diffs() {
        let c = parse(GIT);
        let paths: Vec<_> = c
            .files
            .iter()
            .map(|f| (f.path.as_str(), f.status))
            .collect();
        assert_eq!(
            paths,
            vec![
                ("src/lib.rs", FileStatus::Modified),
                ("new.py", FileStatus::Added),
                ("gone.txt", FileStatus::Deleted),
                ("img.png", FileStatus::Modified),
            ]
        );
        let lib = &c.files[0];
        let added: Vec<_> = lib
            .added
            .iter()
            .map(|a| (a.line, a.text.as_str()))
            .collect();
        assert_eq!(
            added,
            vec![(2, "fn b() { x(); }"), (3, "fn c() {}"), (12, "let y = 2;")]
        );
        assert_eq!(lib.removed, 1);
        let py = &c.files[1];
        assert_eq!(py.added[1].text, "--- not a header");
        assert!(c.files[3].binary);
        assert_eq!(c.files[2].removed, 1);
    }

    #[test]
    fn finds_rust_test_modules_in_context_lines_and_hunk_headers() {
        // The `#[cfg(test)]` module only as context above the added line.
        let context = "\
diff --git a/src/a.rs b/src/a.rs
--- a/src/a.rs
+++ b/src/a.rs
@@ -40,5 +40,6 @@ fn helper() {
 }
 
 #[cfg(test)]
 mod tests {
+    fn t() { dbg!(1); }
     use super::*;
";
        assert_eq!(parse(context).files[0].test_module_from, Some(42));
        // A hunk deep inside `mod tests`: git names it in the header.
        let header = "\
diff --git a/src/b.rs b/src/b.rs
--- a/src/b.rs
+++ b/src/b.rs
@@ -200,3 +200,4 @@ mod tests {
     fn t() {
+        dbg!(&x);
     }
";
        assert_eq!(parse(header).files[0].test_module_from, Some(200));
        // A declaration of a module in another file, a cfg on a function, another language.
        let file = |path: &str, header: &str, body: &str| {
            let text = format!(
                "diff --git a/{path} b/{path}\n--- a/{path}\n+++ b/{path}\n@@ -1,2 +1,3 @@{header}\n{body}"
            );
            parse(&text).files[0].test_module_from
        };
        let declared = " #[cfg(test)]\n mod tests;\n+fn f() { dbg!(1); }\n";
        let cfg_fn = " #[cfg(test)]\n fn helper() {}\n+fn f() { dbg!(1); }\n";
        let inline = " #[cfg(test)]\n mod tests {\n+    fn f() { dbg!(1); }\n";
        assert_eq!(file("src/c.rs", " impl X {", declared), None);
        assert_eq!(file("src/d.rs", "", cfg_fn), None);
        assert_eq!(file("src/e.rs", "", inline), Some(1));
        assert_eq!(file("src/e.py", " mod tests {", inline), None);
    }

    /// The search over a whole file starts at the first test attribute and stops at the first
    /// module it opens: the answer is that of a walk over every line.
    #[test]
    fn test_module_in_a_whole_file_is_that_of_a_walk_over_every_line() {
        let walk = |text: &str| {
            let mut p = Pending {
                rust: true,
                ..Pending::default()
            };
            for (i, line) in text.lines().enumerate() {
                p.see_line(i as u32 + 1, line);
            }
            p.test_module_from
        };
        let texts = [
            "fn a() {}\n",
            "#[cfg(test)]\nmod tests {\n}\n",
            // An attribute on a function first, then on a module three lines below one.
            "fn a() {}\n#[cfg(test)]\nfn helper() {}\n\n\n\n#[cfg(test)]\n// c\n#[allow(x)]\nmod tests {\n}\n",
            // A module four lines below its attribute is not opened by it.
            "#[cfg(test)]\n\n\n\nmod tests {\n}\n",
            // `all(test, ...)` before a plain one; CRLF endings; indented.
            "x\r\n  #[cfg(all(test, unix))]\r\n  pub mod t {\r\n#[cfg(test)]\r\nmod u {\r\n",
            // The attribute in the middle of a line is no attribute; a real one comes later.
            "let s = \"#[cfg(test)]\";\nmod m {\n}\n#[cfg(test)]\nmod tests;\n#[cfg(test)]\nmod t {\n",
            "no newline #[cfg(test)]",
        ];
        for text in texts {
            assert_eq!(test_module_in("src/x.rs", text), walk(text), "{text:?}");
        }
        assert_eq!(test_module_in("src/x.rs", texts[2]), Some(7));
        assert_eq!(test_module_in("src/x.rs", texts[4]), Some(2));
        assert_eq!(test_module_in("src/x.rs", texts[5]), Some(6));
        assert_eq!(test_module_in("src/x.py", texts[1]), None);
    }

    #[test]
    fn parses_plain_diff_u_with_timestamps_and_crlf() {
        let text = "--- old/a.txt\t2024-01-01 00:00:00\r\n+++ new/a.txt\t2024-01-02 00:00:00\r\n@@ -1 +1,2 @@\r\n keep\r\n+added\r\n";
        let c = parse(text);
        assert_eq!(c.files.len(), 1);
        assert_eq!(c.files[0].path, "new/a.txt");
        assert_eq!(c.files[0].added[0].text, "added");
        assert_eq!(c.files[0].added[0].line, 2);
    }

    #[test]
    fn renames_and_quoted_paths() {
        let text = "diff --git \"a/sp ace\\303\\251.txt\" \"b/sp ace\\303\\251.txt\"\n--- \"a/sp ace\\303\\251.txt\"\n+++ \"b/sp ace\\303\\251.txt\"\n@@ -0,0 +1 @@\n+x\ndiff --git a/old.rs b/new.rs\nsimilarity index 90%\nrename from old.rs\nrename to new.rs\n";
        let c = parse(text);
        assert_eq!(c.files[0].path, "sp aceé.txt");
        assert_eq!(c.files[1].path, "new.rs");
        assert_eq!(c.files[1].old_path.as_deref(), Some("old.rs"));
        assert_eq!(c.files[1].status, FileStatus::Renamed);
    }

    #[test]
    fn garbage_gives_an_empty_change() {
        assert!(parse("hello\nworld\n").files.is_empty());
        assert!(parse("").files.is_empty());
    }
}
