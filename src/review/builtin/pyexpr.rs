//! Just enough of Python's expression syntax for the shell-injection rule: the arguments of a
//! call that spans lines, string literals (prefixes, triple quotes, escapes), and the values a
//! string expression is built from (f-string fields, `%` operands, `.format` arguments,
//! concatenated operands).

/// The end (exclusive) of the string literal whose opening quote is at `i`; a one-quoted string
/// that is not closed ends at the end of its line.
fn string_end(b: &[u8], i: usize) -> usize {
    let q = b[i];
    let triple = i + 2 < b.len() && b[i + 1] == q && b[i + 2] == q;
    let mut j = if triple { i + 3 } else { i + 1 };
    while j < b.len() {
        match b[j] {
            b'\\' => j += 2,
            c if c == q => {
                if !triple {
                    return j + 1;
                }
                if j + 2 < b.len() && b[j + 1] == q && b[j + 2] == q {
                    return j + 3;
                }
                j += 1;
            }
            b'\n' if !triple => return j,
            _ => j += 1,
        }
    }
    b.len()
}

/// `text` with every comment (outside strings) replaced by spaces, so that byte offsets stay.
pub fn blank_comments(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = b.to_vec();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'"' | b'\'' => i = string_end(b, i),
            b'#' => {
                while i < b.len() && b[i] != b'\n' {
                    out[i] = b' ';
                    i += 1;
                }
            }
            _ => i += 1,
        }
    }
    // Only ASCII bytes outside strings were replaced by ASCII spaces.
    String::from_utf8(out).unwrap_or_else(|_| text.to_string())
}

/// The arguments of a call, from `text` that starts right after its `(` (comments blanked):
/// each argument trimmed, split at the commas outside brackets and strings, and whether the
/// call's `)` was reached (when not, the last argument is what there is of it).
pub fn call_args(text: &str) -> (Vec<&str>, bool) {
    let b = text.as_bytes();
    let mut depth = 0usize;
    let mut args = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'"' | b'\'' => {
                i = string_end(b, i);
                continue;
            }
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => {
                if depth == 0 {
                    let last = text[start..i].trim();
                    if !last.is_empty() {
                        args.push(last);
                    }
                    return (args, b[i] == b')');
                }
                depth -= 1;
            }
            b',' if depth == 0 => {
                args.push(text[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    let last = text[start.min(text.len())..].trim();
    if !last.is_empty() {
        args.push(last);
    }
    (args, false)
}

/// Where the brackets of `text` stand at its end: positive when some are still open.
pub fn open_brackets(text: &str) -> i64 {
    let b = text.as_bytes();
    let mut depth = 0i64;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'"' | b'\'' => {
                i = string_end(b, i);
                continue;
            }
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => depth -= 1,
            _ => {}
        }
        i += 1;
    }
    depth
}

/// A string literal at the start of `text`, after an optional prefix: (is an f-string, the body
/// between the quotes, the text after the literal). Adjacent literals (`"a" "b"`) are one.
fn literal(text: &str) -> Option<(bool, String, &str)> {
    let mut rest = text;
    let mut f = false;
    let mut body = String::new();
    let mut any = false;
    loop {
        let t = rest.trim_start();
        let prefix_len = t
            .bytes()
            .take_while(|c| matches!(c, b'r' | b'R' | b'b' | b'B' | b'u' | b'U' | b'f' | b'F'))
            .count();
        let b = t.as_bytes();
        if prefix_len > 2 || prefix_len >= b.len() || !matches!(b[prefix_len], b'"' | b'\'') {
            break;
        }
        let end = string_end(b, prefix_len);
        let q = b[prefix_len];
        let triple = prefix_len + 2 < b.len() && b[prefix_len + 1] == q && b[prefix_len + 2] == q;
        let open = if triple { 3 } else { 1 };
        let inner_end = end.saturating_sub(open).max(prefix_len + open).min(t.len());
        f |= t[..prefix_len].contains(['f', 'F']);
        body.push_str(&t[prefix_len + open..inner_end]);
        rest = &t[end..];
        any = true;
    }
    any.then_some((f, body, rest))
}

/// The expressions in an f-string body's replacement fields (`{x}`, `{x!r}`, `{x:>8}`);
/// `{{` and `}}` are literal braces.
fn fstring_fields(body: &str) -> Vec<String> {
    let b = body.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'{' {
            if b.get(i + 1) == Some(&b'{') {
                i += 2;
                continue;
            }
            let mut depth = 0usize;
            let mut j = i + 1;
            let mut end_expr = None;
            while j < b.len() {
                match b[j] {
                    b'(' | b'[' | b'{' => depth += 1,
                    b')' | b']' => depth = depth.saturating_sub(1),
                    b'}' if depth == 0 => break,
                    b'}' => depth -= 1,
                    // `!=` is a comparison, not a conversion.
                    b'!' | b':'
                        if depth == 0
                            && end_expr.is_none()
                            && !(b[j] == b'!' && b.get(j + 1) == Some(&b'=')) =>
                    {
                        end_expr = Some(j);
                    }
                    _ => {}
                }
                j += 1;
            }
            out.push(
                body[i + 1..end_expr.unwrap_or(j).min(body.len())]
                    .trim()
                    .to_string(),
            );
            i = j + 1;
        } else {
            i += 1;
        }
    }
    out
}

/// The operands of `expr` split at its top-level `+` and `%`, each with the operator before it.
fn operands(expr: &str) -> Vec<(Option<u8>, &str)> {
    let b = expr.as_bytes();
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    let mut op = None;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'"' | b'\'' => {
                i = string_end(b, i);
                continue;
            }
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            c @ (b'+' | b'%') if depth == 0 => {
                out.push((op, expr[start..i].trim()));
                op = Some(c);
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    out.push((op, expr[start..].trim()));
    out
}

/// The argument list of a `.format(...)` call at the start of `text`, when there is one.
fn format_args(text: &str) -> Option<Vec<String>> {
    let rest = text.trim_start().strip_prefix(".format(")?;
    let (args, _) = call_args(rest);
    Some(
        args.iter()
            .map(|a| match a.split_once('=') {
                Some((k, v)) if is_name(k.trim()) && !v.starts_with('=') => v.trim().to_string(),
                _ => a.trim_start_matches('*').to_string(),
            })
            .collect(),
    )
}

fn is_name(text: &str) -> bool {
    let mut chars = text.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// A simple variable name (`cmd`), as opposed to an expression.
pub fn is_identifier(text: &str) -> bool {
    is_name(text)
}

/// The values a string expression is built from, when it is built at all: the fields of an
/// f-string, the operands of `%`, the arguments of `.format(...)`, and the operands that are
/// concatenated with a string literal by `+`. `None` for a constant string, a name, a list or
/// any other expression.
pub fn built_values(expr: &str) -> Option<Vec<String>> {
    let ops = operands(expr);
    let mut values = Vec::new();
    let mut built = false;
    let has_literal = ops.iter().any(|(_, o)| literal(o).is_some());
    for (i, (op, operand)) in ops.iter().enumerate() {
        let after_percent = *op == Some(b'%');
        if after_percent {
            built = true;
            let inner = operand
                .strip_prefix('(')
                .and_then(|o| o.strip_suffix(')'))
                .filter(|_| open_brackets(operand) == 0);
            match inner {
                Some(inner) => values.extend(split_top(inner)),
                None => values.push(operand.to_string()),
            }
            continue;
        }
        let concatenated = ops.len() > 1 && ops.iter().any(|(o, _)| *o == Some(b'+'));
        match literal(operand) {
            Some((f, body, rest)) => {
                if f {
                    let fields = fstring_fields(&body);
                    built |= !fields.is_empty();
                    values.extend(fields);
                }
                if let Some(args) = format_args(rest) {
                    built = true;
                    values.extend(args);
                }
            }
            None => {
                // `TEMPLATE.format(x)`: a string template held in a name.
                if let Some(at) = operand.find(".format(")
                    && operand[..at].split('.').all(|p| is_name(p.trim()))
                    && let Some(args) = format_args(&operand[at..])
                {
                    built = true;
                    values.extend(args);
                } else if concatenated && has_literal {
                    // `"ls " + path`: but not a list concatenation such as `["ls"] + args`.
                    let next_is_percent = ops.get(i + 1).is_some_and(|(o, _)| *o == Some(b'%'));
                    if !operand.starts_with('[') && !next_is_percent {
                        built = true;
                        values.push(operand.to_string());
                    }
                }
            }
        }
    }
    built.then_some(values)
}

/// Splits at top-level commas (a tuple's items).
fn split_top(text: &str) -> Vec<String> {
    let mut with_close = text.to_string();
    with_close.push(')');
    let (args, _) = call_args(&with_close);
    args.iter()
        .filter(|a| !a.is_empty())
        .map(|a| a.to_string())
        .collect()
}

/// A value that cannot change the shape of a shell command: a literal, a number, a constant
/// (`UPPER_CASE`), `sys.executable`, or a value passed through a shell quoting function
/// (`shlex.quote`, `pipes.quote`, `shlex.join`) or a number conversion (`int`, `len`).
pub fn is_safe_value(value: &str) -> bool {
    let v = value.trim();
    if v.is_empty() || literal(v).is_some_and(|(f, _, rest)| !f && rest.trim().is_empty()) {
        return true;
    }
    if v.bytes().any(|c| c.is_ascii_digit())
        && v.bytes()
            .all(|c| c.is_ascii_digit() || matches!(c, b'.' | b'_' | b'-'))
    {
        return true;
    }
    if v == "sys.executable" {
        return true;
    }
    if let Some((callee, _)) = v.split_once('(') {
        let callee = callee.trim();
        let last = callee.rsplit('.').next().unwrap_or(callee);
        return v.ends_with(')')
            && (last.ends_with("quote")
                || callee == "shlex.join"
                || matches!(callee, "int" | "len" | "float" | "os.getpid" | "os.getuid"));
    }
    let last = v.rsplit('.').next().unwrap_or(v);
    v.split('.').all(is_name)
        && last.len() >= 2
        && last.starts_with(|c: char| c.is_ascii_uppercase())
        && last
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn built(expr: &str) -> Option<Vec<String>> {
        built_values(expr)
    }

    #[test]
    fn call_arguments_across_lines_and_comments() {
        let text =
            blank_comments("\n    f\"ls {path}\",  # list it, (really)\n    shell=True,\n)\nx");
        let (args, closed) = call_args(&text);
        assert!(closed);
        assert_eq!(args, vec!["f\"ls {path}\"", "shell=True"]);
        let (args, closed) = call_args("\"a, b\", [1, (2, 3)], k=')'");
        assert!(!closed);
        assert_eq!(args, vec!["\"a, b\"", "[1, (2, 3)]", "k=')'"]);
        let (args, closed) = call_args("'''x)\n''', y) + 1");
        assert!(closed);
        assert_eq!(args, vec!["'''x)\n'''", "y"]);
    }

    #[test]
    fn what_a_command_is_built_from() {
        assert_eq!(built("f\"ls {path}\""), Some(vec!["path".into()]));
        assert_eq!(
            built("f'ls {p!r} {n:>4}'"),
            Some(vec!["p".into(), "n".into()])
        );
        assert_eq!(
            built("\"ls %s %s\" % (a, b)"),
            Some(vec!["a".into(), "b".into()])
        );
        assert_eq!(built("\"ls %s\" % path"), Some(vec!["path".into()]));
        assert_eq!(built("\"ls {}\".format(path)"), Some(vec!["path".into()]));
        assert_eq!(
            built("\"ls {p}\".format(p=path)"),
            Some(vec!["path".into()])
        );
        assert_eq!(built("\"ls \" + path"), Some(vec!["path".into()]));
        assert_eq!(built("cmd + \" -v\""), Some(vec!["cmd".into()]));
        assert_eq!(built("CMD.format(x)"), Some(vec!["x".into()]));
        // Constant strings, names, lists and joins are not built commands.
        assert_eq!(built("\"ls -l\""), None);
        assert_eq!(built("f\"ls -l\""), None);
        assert_eq!(built("f\"ls {{literal}}\""), None);
        assert_eq!(built("cmd"), None);
        assert_eq!(built("[\"ls\", path]"), None);
        assert_eq!(built("[\"ls\"] + args"), None);
        assert_eq!(built("\" \".join(args)"), None);
        assert_eq!(built("\"a\" \"b\""), None);
    }

    #[test]
    fn safe_values() {
        for v in [
            "shlex.quote(path)",
            "pipes.quote(p)",
            "shlex.join(args)",
            "PYTHON",
            "self.BASE_CMD",
            "sys.executable",
            "42",
            "\"x\"",
            "int(port)",
        ] {
            assert!(is_safe_value(v), "{v}");
        }
        for v in [
            "path",
            "args.name",
            "request.args[\"q\"]",
            "f\"{x}\"",
            "str(x)",
            "A",
        ] {
            assert!(!is_safe_value(v), "{v}");
        }
    }
}
