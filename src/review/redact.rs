//! The one redaction pass (DESIGN.md "Secrets never leave their line").
//!
//! Every text that enters a report, the store, a prompt, the knowledge base or stdout goes through
//! [`text`]: knowledge text and source, bypass reasons, external reviewers' fields, audit details,
//! job requests and results. It masks what the built-in credential rules know (known formats keep
//! their prefix, `AKIA****`; private key bodies and entropy-gated generic secrets become `****`)
//! and leaves every other byte as it was, so applying it twice changes nothing.

use std::borrow::Cow;

use serde_json::Value;

use crate::review::Change;

/// Masks every credential in `s`; borrows `s` when there is none.
pub fn text(s: &str) -> Cow<'_, str> {
    if s.is_empty() {
        return Cow::Borrowed(s);
    }
    let out = crate::review::builtin::redact_secrets(s);
    if out == s {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(out)
    }
}

/// [`text`] for an owned string, in place.
pub fn in_place(s: &mut String) {
    if let Cow::Owned(o) = text(s) {
        *s = o;
    }
}

/// [`text`] for an optional string.
pub fn opt(s: Option<&str>) -> Option<String> {
    s.map(|s| text(s).into_owned())
}

/// Masks every string (keys included) of a JSON value, in place. Each string is redacted on its
/// own, so the structure stays valid JSON whatever a mask replaces.
pub fn json(v: &mut Value) {
    masked(v);
}

/// [`json`], answering whether it masked anything.
fn masked(v: &mut Value) -> bool {
    match v {
        Value::String(s) => match text(s) {
            Cow::Owned(o) => {
                *s = o;
                true
            }
            Cow::Borrowed(_) => false,
        },
        Value::Array(a) => a.iter_mut().fold(false, |any, x| masked(x) | any),
        Value::Object(o) => {
            let masked_keys = o.keys().any(|k| matches!(text(k), Cow::Owned(_)));
            if masked_keys {
                let old = std::mem::take(o);
                for (k, mut val) in old {
                    masked(&mut val);
                    o.insert(text(&k).into_owned(), val);
                }
                true
            } else {
                o.values_mut().fold(false, |any, x| masked(x) | any)
            }
        }
        Value::Null | Value::Bool(_) | Value::Number(_) => false,
    }
}

/// A JSON document as [`json_text`] masked it: the only form in which the store takes a job's
/// result, so that none is stored unmasked, while the masking can run beside other work.
#[derive(Debug)]
pub struct RedactedJson<'a>(Cow<'a, str>);

impl<'a> RedactedJson<'a> {
    pub fn of(s: &'a str) -> RedactedJson<'a> {
        RedactedJson(json_text(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Masks a JSON document given as text; text that is not JSON is redacted as text.
pub fn json_text(s: &str) -> Cow<'_, str> {
    match serde_json::from_str::<Value>(s) {
        Ok(mut v) => {
            if masked(&mut v) {
                Cow::Owned(v.to_string())
            } else {
                Cow::Borrowed(s)
            }
        }
        Err(_) => text(s),
    }
}

/// Masks the added lines of every file of a change (each file's lines read together, so a private
/// key spread over several lines is masked as a whole), its paths, and its diff.
pub fn change(c: &mut Change) {
    for f in &mut c.files {
        in_place(&mut f.path);
        if let Some(p) = &mut f.old_path {
            in_place(p);
        }
        let joined: String = f
            .added
            .iter()
            .map(|a| a.text.as_str())
            .collect::<Vec<_>>()
            .join("\n");
        if let Cow::Owned(masked) = text(&joined) {
            let lines: Vec<&str> = masked.split('\n').collect();
            if lines.len() == f.added.len() {
                for (a, l) in f.added.iter_mut().zip(lines) {
                    a.text = l.to_string();
                }
            } else {
                // Masking keeps line ends, so this is not expected; fall back to one line at a time.
                for a in &mut f.added {
                    in_place(&mut a.text);
                }
            }
        }
    }
    in_place(&mut c.diff);
}

#[cfg(test)]
mod tests {
    use super::*;

    const AWS: &str = concat!("AKIA", "Q3EGRZ5TN7WB4KXD");
    const GH: &str = concat!("ghp_", "fmFSkJQv8Icde1wEqNEHfEWOMD1TOLAYQM7D");

    #[test]
    fn masks_and_borrows() {
        assert!(matches!(text("plain words"), Cow::Borrowed(_)));
        let s = format!("key {AWS} and {GH}");
        let out = text(&s);
        assert!(!out.contains(AWS) && !out.contains(GH), "{out}");
        assert!(
            out.contains("AKIA****") && out.contains("ghp_****"),
            "{out}"
        );
        // Idempotent.
        assert_eq!(text(&out), out);
    }

    #[test]
    fn json_stays_json() {
        let mut v = serde_json::json!({"a": [AWS, 1, {"b": format!("x {GH}")}], AWS: true});
        json(&mut v);
        let s = v.to_string();
        assert!(!s.contains(AWS) && !s.contains(GH), "{s}");
        let t =
            json_text(&serde_json::json!({"k": format!("{AWS}\n\"q\"")}).to_string()).into_owned();
        let back: Value = serde_json::from_str(&t).unwrap();
        assert_eq!(back["k"], "AKIA****\n\"q\"");
    }
}
