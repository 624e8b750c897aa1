use clap::Args as ClapArgs;
use serde_json::json;

use crate::app::error::{AppError, CommandResult, Outcome};
use crate::cli::context::Context;
use crate::knowledge::search;
use crate::ui::{Table, Tone};

/// Rank knowledge entries for QUERY (BM25, offline).
///
/// Words and code identifiers both work: `getUserName` and `get_user_name` also match `user` and
/// `name`. Only entries that share a word with the query are listed, best first.
#[derive(Debug, ClapArgs)]
pub struct Args {
    /// Words to look for
    pub query: String,
    /// Only this reviewer's entries
    #[arg(long)]
    pub reviewer: Option<String>,
    /// At most N entries (0: all that match)
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    /// Only global ($WFC_HOME) or only project (the repository's .wfc/knowledge); default: both
    #[arg(long, value_enum)]
    pub scope: Option<crate::cli::knowledge::Scope>,
}

pub fn run(ctx: &mut Context, args: &Args) -> CommandResult {
    let reviewer = args
        .reviewer
        .as_deref()
        .map(|r| super::reviewer(ctx, r))
        .transpose()?;
    if search::tokenize(&args.query).is_empty() {
        return Err(AppError::usage(format!(
            "the query {:?} has no words to search for",
            args.query
        ))
        .with_hint("common words such as `the` or `and`, and single letters, are ignored"));
    }
    let scopes = super::read_scopes(ctx, args.scope);
    let roots = scopes
        .iter()
        .map(|s| super::root(ctx, *s))
        .collect::<Result<Vec<_>, _>>()?;
    let hits = search::search(&roots, reviewer.as_deref(), &args.query, args.limit)?;
    if ctx.ui.json_mode() {
        let mut list = Vec::with_capacity(hits.len());
        for h in &hits {
            let mut v = serde_json::to_value(h)?;
            let scope = scopes
                .iter()
                .zip(&roots)
                .find(|(_, root)| h.path.starts_with(root))
                .map(|(s, _)| s.as_str());
            v["scope"] = json!(scope);
            list.push(v);
        }
        ctx.ui.json(&json!({
            "query": args.query,
            "scope": super::scope_label(args.scope),
            "hits": list,
        }))?;
        return Ok(Outcome::SUCCESS);
    }
    if hits.is_empty() {
        ctx.ui.status("no entries match");
        return Ok(Outcome::SUCCESS);
    }
    let mut table = Table::new(&["SCORE", "REVIEWER", "SECTION", "DATE", "ENTRY"]);
    for h in &hits {
        let attribution = match &h.developer {
            Some(d) => format!(
                "(Source: {}, Developer: {})",
                crate::ui::escape(&h.source),
                crate::ui::escape(d)
            ),
            None => format!("(Source: {})", crate::ui::escape(&h.source)),
        };
        table.row(vec![
            format!("{:.2}", h.score),
            h.reviewer.clone(),
            h.section.key().to_string(),
            h.date.clone(),
            format!(
                "{} {}",
                crate::ui::escape(&h.text),
                ctx.ui.paint(&attribution, Tone::Dim)
            ),
        ]);
    }
    ctx.ui.out(&table.render())?;
    Ok(Outcome::SUCCESS)
}
