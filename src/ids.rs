//! Project, developer and task ids: the only strings from users that reach paths and ref names.
//!
//! Every id matches `^[A-Za-z0-9_-]{1,64}$` and never starts with `-` (so it can never be read as
//! an option by git or a shell). A value is validated once, here, and carried as a newtype so that
//! no path is ever built from an unvalidated string.

use std::fmt;

pub const ID_PATTERN: &str = "^[A-Za-z0-9_-]{1,64}$";
pub const MAX_ID_LEN: usize = 64;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdKind {
    Project,
    Developer,
    Task,
    /// An external reviewer's id (`[[review.reviewer]] id`, `--reviewers`): same rules.
    Reviewer,
}

impl IdKind {
    pub fn name(self) -> &'static str {
        match self {
            IdKind::Project => "project id",
            IdKind::Developer => "developer id",
            IdKind::Task => "task id",
            IdKind::Reviewer => "reviewer id",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum IdError {
    #[error("invalid {kind}: {value:?} is empty; it must match {ID_PATTERN}", kind = .kind.name())]
    Empty { kind: IdKind, value: String },
    #[error("invalid {kind}: {value:?} is {len} characters long; the limit is {MAX_ID_LEN} ({ID_PATTERN})", kind = .kind.name())]
    TooLong {
        kind: IdKind,
        value: String,
        len: usize,
    },
    #[error("invalid {kind}: {value:?} contains {ch:?}; it must match {ID_PATTERN}", kind = .kind.name())]
    BadChar {
        kind: IdKind,
        value: String,
        ch: char,
    },
    #[error("invalid {kind}: {value:?} starts with `-`; it must match {ID_PATTERN} and not look like an option", kind = .kind.name())]
    LeadingDash { kind: IdKind, value: String },
}

fn is_id_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '-'
}

/// Checks `value` against the id rules.
pub fn validate(kind: IdKind, value: &str) -> Result<(), IdError> {
    if value.is_empty() {
        return Err(IdError::Empty {
            kind,
            value: value.into(),
        });
    }
    if let Some(ch) = value.chars().find(|c| !is_id_char(*c)) {
        return Err(IdError::BadChar {
            kind,
            value: value.into(),
            ch,
        });
    }
    if value.len() > MAX_ID_LEN {
        return Err(IdError::TooLong {
            kind,
            value: value.into(),
            len: value.len(),
        });
    }
    if value.starts_with('-') {
        return Err(IdError::LeadingDash {
            kind,
            value: value.into(),
        });
    }
    Ok(())
}

/// Turns a derived name (a directory name, an email local part, `$USER`) into a valid id:
/// invalid characters become `-`, leading dashes are dropped, the result is cut to 64 characters.
/// Returns `None` when nothing usable is left.
pub fn sanitize(raw: &str) -> Option<String> {
    let mapped: String = raw
        .chars()
        .map(|c| if is_id_char(c) { c } else { '-' })
        .collect();
    let trimmed = mapped.trim_start_matches('-');
    let cut: String = trimmed.chars().take(MAX_ID_LEN).collect();
    let cut = cut.trim_end_matches('-');
    if cut.is_empty() {
        None
    } else {
        Some(cut.to_string())
    }
}

macro_rules! id_type {
    ($name:ident, $kind:expr) => {
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(String);

        impl $name {
            pub fn parse(value: &str) -> Result<Self, IdError> {
                validate($kind, value)?;
                Ok($name(value.to_string()))
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(&self.0)
            }
        }
    };
}

id_type!(ProjectId, IdKind::Project);
id_type!(DeveloperId, IdKind::Developer);
id_type!(TaskId, IdKind::Task);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_valid_ids() {
        for ok in ["a", "proj_1", "A-b_C", &"x".repeat(64), "1abc"] {
            assert!(validate(IdKind::Task, ok).is_ok(), "{ok}");
        }
    }

    #[test]
    fn rejects_hostile_ids() {
        let long = "x".repeat(65);
        let cases: [(&str, &str); 9] = [
            ("", "empty"),
            ("../x", "contains '.'"),
            ("a/b", "contains '/'"),
            ("-rf", "starts with `-`"),
            (&long, "65 characters"),
            ("a b", "contains ' '"),
            ("tab\there", "contains '\\t'"),
            ("é", "contains 'é'"),
            ("..", "contains '.'"),
        ];
        for (bad, expect) in cases {
            let err = validate(IdKind::Project, bad).unwrap_err().to_string();
            assert!(err.contains(expect), "{bad:?}: {err}");
            assert!(err.contains("project id"), "{err}");
        }
    }

    #[test]
    fn sanitizes_derived_names() {
        assert_eq!(sanitize("my.repo").as_deref(), Some("my-repo"));
        assert_eq!(sanitize("--x").as_deref(), Some("x"));
        assert_eq!(sanitize("...").as_deref(), None);
        assert_eq!(sanitize(&"a".repeat(80)).unwrap().len(), 64);
        assert_eq!(sanitize("john.doe+ci").as_deref(), Some("john-doe-ci"));
    }
}
