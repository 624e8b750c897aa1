use clap::Args as ClapArgs;

use crate::app;
use crate::app::error::{CommandResult, Outcome};
use crate::cli::context::Context;

/// Make an ed25519 key that signs review attestations, and print its allowed-signers line.
///
/// The private key is written to $WFC_HOME/keys/wfc-review (mode 0600, in a folder with mode
/// 0700) and the public key beside it as wfc-review.pub. Set `[gate] signing_key` to the private
/// key so that the commit-msg hook adds a Review-Signature trailer, and add the printed line to
/// the allowed-signers file that `wfc gate verify --allowed-signers FILE` (or
/// `ssh-keygen -Y verify -n wfc-review`) reads. The line names your developer id as the principal
/// and limits the key to the wfc-review namespace.
#[derive(Debug, ClapArgs)]
pub struct Args {
    /// Replace the existing key (it can no longer sign; remove its allowed-signers line to stop
    /// trusting what it signed)
    #[arg(long)]
    pub force: bool,
    /// The key's comment [default: "wfc-review key of <developer-id>"]
    #[arg(long, value_name = "TEXT")]
    pub comment: Option<String>,
}

pub fn run(ctx: &mut Context, args: &Args) -> CommandResult {
    let result = app::setup::keygen(ctx, args.comment.as_deref(), args.force)?;
    let key = &result;
    if ctx.ui.json_mode() {
        ctx.ui.json(&result)?;
    } else {
        ctx.ui.out(&result.allowed_signers)?;
        ctx.ui.status(&format!(
            "{} a signing key {} ({})",
            if key.replaced { "replaced" } else { "made" },
            result.private_key,
            result.fingerprint
        ));
        ctx.ui.status(&format!(
            "add the line above to your allowed-signers file, and set `signing_key = {:?}` under \
             [gate] in your wfc config",
            result.private_key
        ));
    }
    Ok(Outcome::Success)
}
