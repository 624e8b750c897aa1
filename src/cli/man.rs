use std::path::{Path, PathBuf};

use clap::Args as ClapArgs;

use crate::app::error::{AppError, CommandResult, Outcome};
use crate::ui::Ui;

/// Write man pages for wfc and every subcommand into DIR (`wfc.1`, `wfc-review.1`, ...).
#[derive(Debug, ClapArgs)]
pub struct Args {
    /// Output directory (created if missing)
    pub dir: PathBuf,
}

/// Every page as (file name, roff text), for the top command and each subcommand, recursively.
pub fn render_all() -> Result<Vec<(String, Vec<u8>)>, std::io::Error> {
    let mut cmd = crate::cli::command();
    cmd.build();
    let mut pages = Vec::new();
    collect(&cmd, "wfc", &mut pages)?;
    Ok(pages)
}

fn collect(
    cmd: &clap::Command,
    name: &str,
    pages: &mut Vec<(String, Vec<u8>)>,
) -> Result<(), std::io::Error> {
    let page_cmd = cmd.clone().name(name.to_string());
    let mut buf = Vec::new();
    clap_mangen::Man::new(page_cmd)
        .date("")
        .source(format!("wfc {}", env!("CARGO_PKG_VERSION")))
        .render(&mut buf)?;
    pages.push((format!("{name}.1"), buf));
    for sub in cmd.get_subcommands() {
        if sub.is_hide_set() || sub.get_name() == "help" {
            continue;
        }
        collect(sub, &format!("{name}-{}", sub.get_name()), pages)?;
    }
    Ok(())
}

pub fn write_all(dir: &Path) -> Result<Vec<PathBuf>, AppError> {
    crate::fsutil::create_dir_all(dir)?;
    let mut written = Vec::new();
    for (name, text) in render_all()? {
        let path = dir.join(name);
        crate::fsutil::write_atomic(&path, &text)?;
        written.push(path);
    }
    Ok(written)
}

pub fn run(ui: &Ui, args: &Args) -> CommandResult {
    let written = write_all(&args.dir)?;
    for p in &written {
        ui.out(&p.to_string_lossy())?;
    }
    ui.status(&format!(
        "wrote {} man pages to {}",
        written.len(),
        args.dir.display()
    ));
    Ok(Outcome::Success)
}
