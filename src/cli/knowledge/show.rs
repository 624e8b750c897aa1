use std::collections::BTreeMap;

use clap::Args as ClapArgs;
use serde_json::json;

use crate::context::Context;
use crate::error::{CommandError, CommandResult, Outcome};
use crate::knowledge::{self, Document, Entry, Section};

/// Print a reviewer's KNOWLEDGE.md.
///
/// Without --section the file is printed exactly as it is; with --section only that section's
/// entries. With --json, every entry by section.
#[derive(Debug, ClapArgs)]
pub struct Args {
    /// Reviewer id
    pub reviewer: String,
    /// Only the entries of this section
    #[arg(long)]
    pub section: Option<String>,
    /// global ($WFC_HOME) or project (the repository's .wfc/knowledge)
    #[arg(long, value_enum, default_value = "global")]
    pub scope: crate::cli::knowledge::Scope,
}

pub fn run(ctx: &mut Context, args: &Args) -> CommandResult {
    let reviewer = super::reviewer(ctx, &args.reviewer)?;
    let section: Option<Section> = args.section.as_deref().map(str::parse).transpose()?;
    let path = knowledge::knowledge_file(&super::root(ctx, args.scope)?, &reviewer);
    knowledge::file::check(&path)?;
    let bytes = match std::fs::read(&path) {
        Ok(b) => Some(b),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => {
            return Err(
                CommandError::failed(format!("cannot read {}", path.display())).with_cause(e),
            );
        }
    };
    let doc = bytes
        .as_deref()
        .map(|b| Document::parse(String::from_utf8_lossy(b).into_owned()));
    let entries: Vec<&Entry> = doc
        .iter()
        .flat_map(|d| d.entries())
        .filter(|e| section.is_none_or(|s| e.section == s))
        .collect();

    if ctx.ui.json_mode() {
        let mut sections: BTreeMap<&str, Vec<&Entry>> = Section::ALL
            .iter()
            .filter(|s| section.is_none_or(|only| only == **s))
            .map(|s| (s.key(), Vec::new()))
            .collect();
        for e in &entries {
            sections.entry(e.section.key()).or_default().push(e);
        }
        ctx.ui.json(&json!({
            "reviewer": reviewer,
            "scope": args.scope.as_str(),
            "path": path,
            "exists": bytes.is_some(),
            "entries": entries.len(),
            "sections": sections,
        }))?;
        return Ok(Outcome::SUCCESS);
    }
    let Some(bytes) = bytes else {
        ctx.ui.status(&format!(
            "no knowledge yet for {reviewer} ({} does not exist)",
            path.display()
        ));
        return Ok(Outcome::SUCCESS);
    };
    match (section, &doc) {
        (Some(s), Some(doc)) => {
            if entries.is_empty() {
                ctx.ui
                    .status(&format!("no entries in {s} of {}", path.display()));
            } else {
                let lines: Vec<&str> = entries.iter().map(|e| doc.line(e.line)).collect();
                ctx.ui.out(&crate::ui::escape_lines(&lines.join("\n")))?;
            }
        }
        // A committed KNOWLEDGE.md is anyone's text: control characters are shown escaped.
        _ => match std::str::from_utf8(&bytes) {
            Ok(text) => ctx.ui.out_raw(crate::ui::escape_lines(text).as_bytes())?,
            Err(_) => ctx.ui.out_raw(&bytes)?,
        },
    }
    Ok(Outcome::SUCCESS)
}
