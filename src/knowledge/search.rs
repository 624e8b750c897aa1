//! Ranking knowledge entries for a query with BM25, offline.
//!
//! Entries are short lessons that often name code (`unwrap_or_default`, `getUserName`,
//! `HTTPClient`), so the tokeniser keeps an identifier whole and also splits it at `_` and at
//! camelCase boundaries: a query for `user name` finds `getUserName`, and a query for
//! `get_user_name` finds it too. The same function feeds reviewer prompts: [`within_budget`] keeps
//! the best entries that fit a token budget.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::file::{self, Document};
use super::{FILE_NAME, KnowledgeError, Section};

/// BM25 term-frequency saturation.
const K1: f64 = 1.2;
/// BM25 length normalisation.
const B: f64 = 0.75;

/// One ranked entry.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    pub reviewer: String,
    pub section: Section,
    pub date: String,
    pub text: String,
    pub source: String,
    pub developer: Option<String>,
    pub score: f64,
    /// The KNOWLEDGE.md (or the store's table) the entry was read from.
    pub path: super::Place,
}

impl Hit {
    /// The entry as its file line, which is also how it goes into a prompt.
    pub fn line(&self) -> String {
        file::render_entry(
            &self.date,
            &self.text,
            &self.source,
            self.developer.as_deref(),
        )
    }

    /// Estimated prompt tokens of [`Hit::line`].
    pub fn estimated_tokens(&self) -> usize {
        estimate_tokens(&self.line())
    }
}

/// About four characters per token, rounded up: close enough for English and code.
pub fn estimate_tokens(text: &str) -> usize {
    text.chars().count().div_ceil(4)
}

const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "has", "have", "if",
    "in", "into", "is", "it", "its", "of", "on", "or", "so", "that", "the", "their", "then",
    "there", "these", "this", "to", "was", "were", "when", "which", "while", "will", "with",
];

fn stem(token: &str) -> String {
    // Plural "s" only; anything smarter needs a dictionary and would surprise on identifiers.
    if token.len() > 3
        && token.ends_with('s')
        && !token.ends_with("ss")
        && !token.ends_with("us")
        && !token.ends_with("is")
    {
        token[..token.len() - 1].to_string()
    } else {
        token.to_string()
    }
}

fn keep(token: &str) -> bool {
    (token.chars().count() >= 2 || token.chars().all(|c| c.is_ascii_digit()))
        && !STOP_WORDS.contains(&token)
}

/// Splits `word` (no `_`) at camelCase boundaries: `getHTTPResponse` -> get, HTTP, Response.
fn camel_parts(word: &str) -> Vec<&str> {
    let chars: Vec<(usize, char)> = word.char_indices().collect();
    let mut parts = Vec::new();
    let mut start = 0;
    for i in 1..chars.len() {
        let (at, c) = chars[i];
        let prev = chars[i - 1].1;
        let next_lower = chars.get(i + 1).is_some_and(|(_, n)| n.is_lowercase());
        let boundary = c.is_uppercase()
            && ((prev.is_lowercase() || prev.is_ascii_digit())
                || (prev.is_uppercase() && next_lower));
        if boundary {
            parts.push(&word[start..at]);
            start = at;
        }
    }
    parts.push(&word[start..]);
    parts
}

/// Lower-case tokens of `text`: every word, every identifier whole, and its `_` and camelCase
/// parts. Stop words and one-letter tokens are dropped; a plural `s` is removed.
pub fn tokenize(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for word in text.split(|c: char| !(c.is_alphanumeric() || c == '_')) {
        let word = word.trim_matches('_');
        if word.is_empty() {
            continue;
        }
        let parts: Vec<&str> = word
            .split('_')
            .filter(|p| !p.is_empty())
            .flat_map(camel_parts)
            .collect();
        if parts.len() > 1 {
            let whole = stem(&word.to_lowercase());
            if keep(&whole) {
                out.push(whole);
            }
        }
        for p in parts {
            let t = stem(&p.to_lowercase());
            if keep(&t) {
                out.push(t);
            }
        }
    }
    out
}

struct Doc {
    hit: Hit,
    tf: HashMap<String, u32>,
    len: usize,
}

fn reviewer_dirs(root: &Path, reviewer: Option<&str>) -> Result<Vec<String>, KnowledgeError> {
    if let Some(r) = reviewer {
        return Ok(vec![r.to_string()]);
    }
    let read = match std::fs::read_dir(root) {
        Ok(r) => r,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => {
            return Err(crate::fsutil::FsError::Read {
                path: root.to_path_buf(),
                source,
            }
            .into());
        }
    };
    let mut names: Vec<String> = read
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.'))
        .collect();
    names.sort();
    Ok(names)
}

/// Every entry of every knowledge file under `roots` (or only `reviewer`'s), as unscored hits.
pub fn load_entries(roots: &[PathBuf], reviewer: Option<&str>) -> Result<Vec<Hit>, KnowledgeError> {
    let mut hits = Vec::new();
    for root in roots {
        for name in reviewer_dirs(root, reviewer)? {
            let path = super::knowledge_file(root, &name);
            // A project file that is a link (or sits below one) is not read: it could be anything.
            if super::file::check(&path).is_err() {
                continue;
            }
            let bytes = match std::fs::read(&path) {
                Ok(b) => b,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(source) => {
                    return Err(crate::fsutil::FsError::Read { path, source }.into());
                }
            };
            // Reading never changes a file, so a stray invalid byte costs one entry, not all.
            let doc = Document::parse(String::from_utf8_lossy(&bytes).into_owned());
            hits.extend(unscored(&doc, &name, &super::Place::File(path)));
        }
    }
    Ok(hits)
}

/// Every entry of one reviewer's document, kept at `place`, as unscored hits.
pub fn unscored(doc: &Document, reviewer: &str, place: &super::Place) -> Vec<Hit> {
    doc.entries()
        .iter()
        .map(|e| Hit {
            reviewer: reviewer.to_string(),
            section: e.section,
            date: e.date.clone(),
            text: e.text.clone(),
            source: e.source.clone(),
            developer: e.developer.clone(),
            score: 0.0,
            path: place.clone(),
        })
        .collect()
}

/// Ranks the entries of the knowledge files under `roots` (`<root>/<reviewer>/KNOWLEDGE.md`) for
/// `query`, best first; only entries sharing a term with the query are returned, at most `limit`
/// (0: no limit). The same normalised text of one reviewer and section found under two roots is
/// returned once, with the better score.
pub fn search(
    roots: &[PathBuf],
    reviewer: Option<&str>,
    query: &str,
    limit: usize,
) -> Result<Vec<Hit>, KnowledgeError> {
    Ok(rank(load_entries(roots, reviewer)?, query, limit))
}

/// BM25 over `entries` (text and source) for `query`.
pub fn rank(entries: Vec<Hit>, query: &str, limit: usize) -> Vec<Hit> {
    let terms: Vec<String> = {
        let mut seen = HashSet::new();
        tokenize(query)
            .into_iter()
            .filter(|t| seen.insert(t.clone()))
            .collect()
    };
    if terms.is_empty() || entries.is_empty() {
        return Vec::new();
    }
    let docs: Vec<Doc> = entries
        .into_iter()
        .map(|hit| {
            let tokens = tokenize(&format!("{} {}", hit.text, hit.source));
            let mut tf = HashMap::new();
            for t in &tokens {
                *tf.entry(t.clone()).or_insert(0) += 1;
            }
            Doc {
                hit,
                tf,
                len: tokens.len(),
            }
        })
        .collect();
    let n = docs.len() as f64;
    let avgdl = (docs.iter().map(|d| d.len).sum::<usize>() as f64 / n).max(1.0);
    let idf: Vec<f64> = terms
        .iter()
        .map(|t| {
            let df = docs.iter().filter(|d| d.tf.contains_key(t)).count() as f64;
            (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
        })
        .collect();
    let mut hits: Vec<Hit> = docs
        .into_iter()
        .filter_map(|d| {
            let dl = d.len as f64;
            let score: f64 = terms
                .iter()
                .zip(&idf)
                .filter_map(|(t, idf)| {
                    let tf = f64::from(*d.tf.get(t)?);
                    Some(idf * tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * dl / avgdl)))
                })
                .sum();
            (score > 0.0).then_some(Hit { score, ..d.hit })
        })
        .collect();
    hits.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| b.date.cmp(&a.date))
            .then_with(|| a.reviewer.cmp(&b.reviewer))
            .then_with(|| a.text.cmp(&b.text))
    });
    let mut seen = HashSet::new();
    hits.retain(|h| seen.insert((h.reviewer.clone(), h.section, file::normalize(&h.text))));
    if limit > 0 {
        hits.truncate(limit);
    }
    hits
}

/// The hits, in their order, that fit in `max_tokens` (estimated with [`estimate_tokens`] on
/// each line plus its line break). A hit too large for what is left is skipped, so one long entry
/// does not crowd out the shorter ones after it.
pub fn within_budget(hits: &[Hit], max_tokens: usize) -> Vec<Hit> {
    let mut left = max_tokens;
    let mut out = Vec::new();
    for h in hits {
        let cost = h.estimated_tokens() + 1;
        if cost <= left {
            left -= cost;
            out.push(h.clone());
        }
    }
    out
}

/// Every reviewer that has a knowledge file under `root`, sorted.
pub fn reviewers_with_files(root: &Path) -> Result<Vec<String>, KnowledgeError> {
    Ok(reviewer_dirs(root, None)?
        .into_iter()
        .filter(|r| root.join(r).join(FILE_NAME).is_file())
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hit(reviewer: &str, text: &str) -> Hit {
        Hit {
            reviewer: reviewer.into(),
            section: Section::PatternsFound,
            date: "2026-01-01".into(),
            text: text.into(),
            source: "s".into(),
            developer: None,
            score: 0.0,
            path: crate::knowledge::Place::File(PathBuf::from("/k")),
        }
    }

    #[test]
    fn tokenizer_splits_identifiers() {
        assert_eq!(
            tokenize("getUserName in parse_http_response"),
            [
                "getusername",
                "get",
                "user",
                "name",
                "parse_http_response",
                "parse",
                "http",
                "response"
            ]
        );
        assert_eq!(tokenize("HTTPServer"), ["httpserver", "http", "server"]);
        assert_eq!(tokenize("the queries are slow"), ["querie", "slow"]);
        assert_eq!(tokenize("sha256 a x 7"), ["sha256", "7"]);
    }

    #[test]
    fn bm25_prefers_rare_and_repeated_terms() {
        let entries = vec![
            hit(
                "security",
                "SQL injection through string formatting in execute()",
            ),
            hit("security", "hard-coded secrets in config files"),
            hit("performance", "N+1 queries in the ORM loop"),
            hit("correctness", "unwrap_or_default hides a parse error"),
        ];
        let ranked = rank(
            entries.clone(),
            "cursor.execute(sql) with string concatenation",
            0,
        );
        assert_eq!(ranked[0].text, entries[0].text);
        assert_eq!(ranked.len(), 1);
        let ranked = rank(entries.clone(), "parse error hidden by unwrapOrDefault", 0);
        assert_eq!(ranked[0].reviewer, "correctness");
        assert!(rank(entries.clone(), "the and of", 0).is_empty());
        assert_eq!(rank(entries, "in", 0).len(), 0);
    }

    #[test]
    fn duplicates_across_roots_are_returned_once() {
        let mut a = hit("security", "Secrets in logs");
        a.path = crate::knowledge::Place::File(PathBuf::from("/global"));
        let mut b = hit("security", "secrets  in logs");
        b.path = crate::knowledge::Place::File(PathBuf::from("/project"));
        let ranked = rank(vec![a, b], "secrets", 10);
        assert_eq!(ranked.len(), 1);
    }

    #[test]
    fn budget_skips_what_does_not_fit() {
        let small = hit("a", "short");
        let big = hit("b", &"long words ".repeat(100));
        let hits = vec![small.clone(), big, small.clone()];
        let cost = small.estimated_tokens() + 1;
        let kept = within_budget(&hits, cost * 2);
        assert_eq!(kept, vec![small.clone(), small]);
        assert!(within_budget(&hits, 0).is_empty());
    }
}
