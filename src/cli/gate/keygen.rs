use clap::Args as ClapArgs;
use serde::Serialize;
use serde_json::json;

use crate::app::error::{CommandResult, Outcome};
use crate::cli::context::Context;
use crate::gate::signature::{self, KeyFiles};

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

#[derive(Debug, Serialize)]
struct KeygenResult {
    private_key: String,
    public_key: String,
    allowed_signers: String,
    fingerprint: String,
    principal: String,
    replaced: bool,
}

pub fn run(ctx: &mut Context, args: &Args) -> CommandResult {
    let files = KeyFiles::in_home(&ctx.home);
    let principal = ctx.developer_id.to_string();
    let comment = args
        .comment
        .clone()
        .unwrap_or_else(|| format!("wfc-review key of {principal}"));
    let key = signature::generate_key_files(&files, &comment, args.force)?;
    let result = KeygenResult {
        private_key: files.private_key.display().to_string(),
        public_key: files.public_key.display().to_string(),
        allowed_signers: signature::allowed_signers_line(&principal, &key.public_key),
        fingerprint: key.fingerprint.clone(),
        principal,
        replaced: key.replaced,
    };
    ctx.audit(
        "gate.keygen",
        &result.private_key,
        if key.replaced { "replaced" } else { "created" },
        json!({
            "public_key": result.public_key,
            "fingerprint": result.fingerprint,
            "principal": result.principal,
        }),
    )?;
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
    Ok(Outcome::SUCCESS)
}
