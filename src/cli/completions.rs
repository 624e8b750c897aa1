use clap::Args as ClapArgs;
use clap_complete::Shell;

use crate::app::error::{CommandResult, Outcome};
use crate::ui::Ui;

/// Print a completion script for SHELL on stdout.
///
/// Example: `wfc completions bash > ~/.local/share/bash-completion/completions/wfc`
#[derive(Debug, ClapArgs)]
pub struct Args {
    /// bash, zsh, fish, elvish or powershell
    #[arg(value_enum)]
    pub shell: Shell,
}

/// The completion script for `shell`.
pub fn render(shell: Shell) -> Vec<u8> {
    let mut cmd = crate::cli::command();
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut cmd, "wfc", &mut buf);
    buf
}

/// The file name the committed script has under `completions/`.
pub fn file_name(shell: Shell) -> String {
    match shell {
        Shell::Bash => "wfc.bash".into(),
        Shell::Zsh => "_wfc".into(),
        Shell::Fish => "wfc.fish".into(),
        Shell::Elvish => "wfc.elv".into(),
        Shell::PowerShell => "_wfc.ps1".into(),
        other => format!("wfc.{other}"),
    }
}

pub fn run(ui: &Ui, args: &Args) -> CommandResult {
    ui.out_raw(&render(args.shell))?;
    Ok(Outcome::Success)
}
