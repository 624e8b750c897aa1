use clap::Args as ClapArgs;

use crate::app;
use crate::app::error::{CommandResult, Outcome};
use crate::cli::context::Context;
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
    pub scope: Option<app::knowledge::Scope>,
}

pub fn run(ctx: &mut Context, args: &Args) -> CommandResult {
    let found = app::knowledge::search(
        ctx,
        &args.query,
        args.reviewer.as_deref(),
        args.scope,
        args.limit,
    )?;
    if ctx.ui.json_mode() {
        ctx.ui.json(&found)?;
        return Ok(Outcome::Success);
    }
    let hits: Vec<_> = found.hits.iter().map(|h| &h.hit).collect();
    if hits.is_empty() {
        ctx.ui.status("no entries match");
        return Ok(Outcome::Success);
    }
    let mut table = Table::new(&["SCORE", "REVIEWER", "SECTION", "DATE", "ENTRY"]);
    for h in hits {
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
    Ok(Outcome::Success)
}
