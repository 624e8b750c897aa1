use std::collections::BTreeMap;

use clap::Args as ClapArgs;
use serde_json::json;

use super::Scope;
use crate::app;
use crate::app::error::{CommandResult, Outcome};
use crate::app::knowledge::Shown;
use crate::cli::context::Context;
use crate::knowledge::{Entry, Place, Section};

/// Print a reviewer's KNOWLEDGE.md.
///
/// Without --section the file is printed exactly as it is; with --section only that section's
/// entries. With --json, every entry by section. Without --scope both knowledge bases are read
/// (global first, then the project's), and with both present the project's file follows a
/// `<!-- project knowledge: <path> -->` line.
#[derive(Debug, ClapArgs)]
pub struct Args {
    /// Reviewer id
    pub reviewer: String,
    /// Only the entries of this section
    #[arg(long)]
    pub section: Option<String>,
    /// Only global ($WFC_HOME) or only project (the repository's .wfc/knowledge); default: both
    #[arg(long, value_enum)]
    pub scope: Option<Scope>,
}

pub fn run(ctx: &mut Context, args: &Args) -> CommandResult {
    let section: Option<Section> = args.section.as_deref().map(str::parse).transpose()?;
    let (reviewer, files) = app::knowledge::show(ctx, &args.reviewer, args.scope)?;
    let in_section = |e: &&Entry| section.is_none_or(|s| e.section == s);

    if ctx.ui.json_mode() {
        let mut sections: BTreeMap<&str, Vec<serde_json::Value>> = Section::ALL
            .iter()
            .filter(|s| section.is_none_or(|only| only == **s))
            .map(|s| (s.key(), Vec::new()))
            .collect();
        let mut total = 0;
        let mut listed = Vec::new();
        for f in &files {
            let entries: Vec<&Entry> = f
                .doc
                .iter()
                .flat_map(|d| d.entries())
                .filter(in_section)
                .collect();
            total += entries.len();
            for e in &entries {
                let mut v = serde_json::to_value(e)?;
                v["scope"] = json!(f.scope.as_str());
                sections.entry(e.section.key()).or_default().push(v);
            }
            listed.push(json!({
                "scope": f.scope.as_str(),
                "path": f.path,
                "exists": f.bytes.is_some(),
                "entries": entries.len(),
            }));
        }
        let mut v = json!({
            "reviewer": reviewer,
            "scope": super::scope_label(args.scope),
            "exists": files.iter().any(|f| f.bytes.is_some()),
            "entries": total,
            "sections": sections,
            "files": listed,
        });
        if let [only] = files.as_slice() {
            v["path"] = json!(only.path);
        }
        ctx.ui.json(&v)?;
        return Ok(Outcome::Success);
    }
    let present: Vec<&Shown> = files.iter().filter(|f| f.bytes.is_some()).collect();
    if present.is_empty() {
        let paths: Vec<String> = files.iter().map(|f| f.path.to_string()).collect();
        let missing = if matches!(files.first().map(|f| &f.path), Some(Place::Table { .. })) {
            "holds no entries"
        } else {
            "does not exist"
        };
        ctx.ui.status(&format!(
            "no knowledge yet for {reviewer} ({} {missing})",
            paths.join(" nor ")
        ));
        return Ok(Outcome::Success);
    }
    if let Some(s) = section {
        let mut lines: Vec<&str> = Vec::new();
        for f in &present {
            let doc = f.doc.as_ref().expect("a file that was read is parsed");
            lines.extend(
                doc.entries()
                    .iter()
                    .filter(in_section)
                    .map(|e| doc.line(e.line)),
            );
        }
        if lines.is_empty() {
            let paths: Vec<String> = present.iter().map(|f| f.path.to_string()).collect();
            ctx.ui
                .status(&format!("no entries in {s} of {}", paths.join(" or ")));
        } else {
            ctx.ui.out(&crate::ui::escape_lines(&lines.join("\n")))?;
        }
        return Ok(Outcome::Success);
    }
    for (i, f) in present.iter().enumerate() {
        let bytes = f.bytes.as_deref().expect("present files have bytes");
        if i > 0 {
            let header = format!(
                "\n<!-- {} knowledge: {} -->\n",
                f.scope.as_str(),
                crate::ui::escape(&f.path.to_string())
            );
            ctx.ui.out_raw(header.as_bytes())?;
        }
        // A committed KNOWLEDGE.md is anyone's text: control characters are shown escaped.
        match std::str::from_utf8(bytes) {
            Ok(text) => ctx.ui.out_raw(crate::ui::escape_lines(text).as_bytes())?,
            Err(_) => ctx.ui.out_raw(bytes)?,
        }
    }
    Ok(Outcome::Success)
}
