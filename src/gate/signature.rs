//! Signed review attestations: OpenSSH `SSHSIG` signatures in the namespace `wfc-review`
//! (DESIGN.md "Gate" > "The trailer and its signature").
//!
//! A `Review-Signature` trailer carries an `SSHSIG` signature over the attestation payload, made
//! with an ed25519 key, so that both `wfc gate verify --allowed-signers FILE` and OpenSSH itself
//! (`ssh-keygen -Y verify -n wfc-review -f FILE -I PRINCIPAL -s SIG < PAYLOAD`) can check it.
//!
//! # API
//!
//! - [`sign_payload`] (alias [`sign`]): signs `payload` with the OpenSSH private key at a path and
//!   returns the signature as one line, ready for `Review-Signature: <line>`.
//! - [`verify_payload`]: checks a one-line signature over `payload` against the text of an
//!   allowed-signers file, for any principal; [`verify`] also requires one principal;
//!   [`AllowedSigners`] parses a file once (and names it in errors, see [`AllowedSigners::load`])
//!   for many checks, at a given time.
//! - [`parse_one_line`], [`to_one_line`], [`to_armored`], [`one_line_from_armored`]: between the
//!   one-line form and the armored `-----BEGIN SSH SIGNATURE-----` text that `ssh-keygen -Y`
//!   writes and reads.
//! - [`generate_key_files`] and [`allowed_signers_line`]: what `wfc gate keygen` does.
//!
//! Every failure is a [`SignatureError`] that names the key or file involved and, through
//! [`SignatureError::hint`], says what to do.
//!
//! # The one-line form
//!
//! The armored form is PEM: `-----BEGIN SSH SIGNATURE-----`, the base64 of the `SSHSIG` blob
//! wrapped at 70 columns, `-----END SSH SIGNATURE-----`. The one-line form is that base64 text
//! alone, without the BEGIN and END lines and without line breaks (standard alphabet, with `=`
//! padding). It always starts with `U1NIU0lH`, the base64 of the magic `SSHSIG`. Rewrapping it at
//! 70 columns between the two armor lines gives back, byte for byte, what `ssh-keygen -Y sign`
//! writes.
//!
//! # Allowed signers
//!
//! git's and OpenSSH's allowed-signers format (`man ssh-keygen`, ALLOWED SIGNERS), one key a line:
//! `principals [options] keytype base64key [comment]`. Principals are a comma-separated list of
//! patterns (`*`, `?`, and `!` to exclude); options are `namespaces="..."` (a pattern list that
//! must match `wfc-review`; absent, every namespace is allowed), `valid-after="..."` and
//! `valid-before="..."` (`YYYYMMDD[HHMM[SS]]` followed by `Z` or `UTC`) and `cert-authority`.
//! Blank lines and lines starting with `#` are skipped. As in OpenSSH, a line that cannot be read
//! is skipped and the others still count; unlike OpenSSH, wfc says which lines it skipped and why
//! when no line lets the signature through. Two deliberate limits, both failing closed:
//! certificates are not supported (a `cert-authority` line never matches, as it never matches a
//! plain key in OpenSSH), and a time without `Z`/`UTC` (local time in OpenSSH) makes its line
//! unreadable rather than guessing the time zone.

use std::fs;
use std::io::ErrorKind as IoKind;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::Serialize;
use ssh_key::public::KeyData;
use ssh_key::{Algorithm, HashAlg, LineEnding, PrivateKey, PublicKey};

pub use ssh_key::SshSig;

/// The `SSHSIG` namespace of review attestations: a signature made for anything else (git
/// commits use `git`, files `file`) never counts as one.
pub const NAMESPACE: &str = "wfc-review";

/// The trailer that carries the signature.
pub const TRAILER: &str = "Review-Signature";

const ARMOR_BEGIN: &str = "-----BEGIN SSH SIGNATURE-----";
const ARMOR_END: &str = "-----END SSH SIGNATURE-----";
/// What `ssh-keygen` (and the `ssh-key` crate's PEM decoder) expect.
const ARMOR_WIDTH: usize = 70;
/// Far more than an ed25519 (or RSA 16384) signature needs; a longer line is not one.
const MAX_ONE_LINE: usize = 8 * 1024;
/// An OpenSSH private key file is a few KiB at most.
const MAX_KEY_FILE: u64 = 64 * 1024;
/// The hash OpenSSH uses by default for `SSHSIG`.
const HASH: HashAlg = HashAlg::Sha512;

#[derive(Debug, thiserror::Error)]
pub enum SignatureError {
    #[error("cannot read the signing key {path}")]
    KeyRead {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("the signing key {path} is not an OpenSSH private key: {reason}")]
    NotAPrivateKey { path: PathBuf, reason: String },
    #[error("the signing key {path} is a public key; signing needs the private key")]
    PublicKeyGiven {
        path: PathBuf,
        /// The private key beside it (`path` without `.pub`), when it exists.
        private: Option<PathBuf>,
    },
    #[error(
        "the signing key {path} is encrypted (it has a passphrase); wfc signs only with an \
         unencrypted key, and signing through ssh-agent is not supported"
    )]
    Encrypted { path: PathBuf },
    #[error(
        "the signing key {path} is a {algorithm} key; review attestations are signed with \
         ed25519 keys only"
    )]
    UnsupportedKey { path: PathBuf, algorithm: String },
    #[error("cannot sign with {path}: {reason}")]
    Sign { path: PathBuf, reason: String },
    #[error("the {TRAILER} is not a valid one-line SSH signature: {reason}")]
    Malformed { reason: String },
    #[error("the {TRAILER} is made with a {algorithm} key; wfc verifies ed25519 signatures only")]
    UnsupportedSignature { algorithm: String },
    #[error("the {TRAILER} was made for the namespace {found:?}, not {NAMESPACE:?}")]
    WrongNamespace { found: String },
    #[error(
        "the {TRAILER} of key {fingerprint} does not match the signed data: the commit or its \
         attestation changed after it was signed"
    )]
    BadSignature { fingerprint: String },
    #[error("key {fingerprint} is not an allowed {NAMESPACE} signer{for_principal} in {origin}")]
    NotAllowed {
        fingerprint: String,
        /// ` for "<principal>"` when one was required, else empty.
        for_principal: String,
        origin: String,
        /// The signer's public key in OpenSSH form, for the hint.
        public_key: String,
        /// Why each line that lists the key (or could not be read) did not let it through.
        reasons: Vec<String>,
    },
    #[error("cannot read the allowed-signers file {path}")]
    AllowedSignersRead {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("the key comment {comment:?} contains a control character")]
    BadComment { comment: String },
    #[error("a signing key already exists at {path}")]
    KeyExists { path: PathBuf },
    #[error("{path} is not a real directory (a symlink or a file is in its place)")]
    KeysDirUnsafe { path: PathBuf },
    #[error("cannot write the key file {path}")]
    KeyWrite {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot make a key: {reason}")]
    Generate { reason: String },
}

impl SignatureError {
    /// How to fix it.
    pub fn hint(&self) -> Option<String> {
        use SignatureError as E;
        match self {
            E::KeyRead { path, .. } => Some(format!(
                "check that {} exists and is readable, or make a key with `wfc gate keygen` \
                 and point `[gate] signing_key` at it",
                path.display()
            )),
            E::NotAPrivateKey { .. } | E::UnsupportedKey { .. } => Some(
                "use an ed25519 key in OpenSSH format: `wfc gate keygen` makes one \
                 (or `ssh-keygen -t ed25519 -N ''`), then point `[gate] signing_key` at it"
                    .into(),
            ),
            E::PublicKeyGiven { private, .. } => Some(match private {
                Some(p) => format!("point `[gate] signing_key` at {} instead", p.display()),
                None => {
                    "point `[gate] signing_key` at the private key (the file without `.pub`)".into()
                }
            }),
            E::Encrypted { .. } => Some(
                "make an unencrypted key just for review attestations with `wfc gate keygen` \
                 and set `[gate] signing_key` to it (its allowed-signers line can be limited to \
                 namespaces=\"wfc-review\")"
                    .into(),
            ),
            E::Sign { .. } | E::Generate { .. } => None,
            E::Malformed { .. } => Some(format!(
                "a {TRAILER} trailer holds the base64 of an SSHSIG blob on one line (it starts \
                 with U1NIU0lH); it is written by wfc's commit-msg hook with `[gate] signing_key`"
            )),
            E::UnsupportedSignature { .. } => {
                Some("sign review attestations with an ed25519 key (`wfc gate keygen`)".into())
            }
            E::WrongNamespace { .. } => Some(format!(
                "a signature made for another purpose (a git commit signature, a file \
                 signature) never counts as a review attestation; sign with namespace {NAMESPACE}"
            )),
            E::BadSignature { .. } => Some(
                "review the change again and commit it with the hook installed, so that a new \
                 attestation is signed"
                    .into(),
            ),
            E::NotAllowed {
                origin, public_key, ..
            } => Some(format!(
                "if this key may sign reviews, add a line for it to {origin}: \
                 `<principal> namespaces=\"{NAMESPACE}\" {public_key}`"
            )),
            // How to pass the file, or to replace a key, is the face's to say.
            E::AllowedSignersRead { .. } | E::KeyExists { .. } => None,
            E::BadComment { .. } => Some("use a comment on one line of printable text".into()),
            E::KeysDirUnsafe { path } => Some(format!(
                "move {} aside; wfc keeps its keys in a real directory it creates with mode 0700",
                path.display()
            )),
            E::KeyWrite { .. } => None,
        }
    }

    /// Whether the error is in what the user configured or typed (a key that cannot sign, a
    /// comment), rather than in the data checked or the machine.
    pub fn is_usage(&self) -> bool {
        matches!(
            self,
            SignatureError::NotAPrivateKey { .. }
                | SignatureError::PublicKeyGiven { .. }
                | SignatureError::Encrypted { .. }
                | SignatureError::UnsupportedKey { .. }
                | SignatureError::BadComment { .. }
        )
    }

    /// Per-line detail (for [`SignatureError::NotAllowed`]).
    pub fn reasons(&self) -> &[String] {
        match self {
            SignatureError::NotAllowed { reasons, .. } => reasons,
            _ => &[],
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Signing

/// Signs `payload` with the OpenSSH ed25519 private key at `key_path`; returns the one-line form.
pub fn sign_payload(key_path: &Path, payload: &[u8]) -> Result<String, SignatureError> {
    sign(key_path, payload)
}

/// Signs `payload` with the OpenSSH ed25519 private key at `key_path` in the namespace
/// [`NAMESPACE`]; returns the one-line form (see the module documentation).
pub fn sign(key_path: &Path, payload: &[u8]) -> Result<String, SignatureError> {
    let key = load_signing_key(key_path)?;
    let sig = key
        .sign(NAMESPACE, HASH, payload)
        .map_err(|e| SignatureError::Sign {
            path: key_path.to_path_buf(),
            reason: e.to_string(),
        })?;
    to_one_line(&sig)
}

/// Reads an unencrypted OpenSSH ed25519 private key.
pub fn load_signing_key(path: &Path) -> Result<PrivateKey, SignatureError> {
    let read_err = |source| SignatureError::KeyRead {
        path: path.to_path_buf(),
        source,
    };
    let not_key = |reason: &str| SignatureError::NotAPrivateKey {
        path: path.to_path_buf(),
        reason: reason.to_string(),
    };
    let meta = fs::metadata(path).map_err(read_err)?;
    if !meta.is_file() {
        return Err(not_key("it is not a regular file"));
    }
    if meta.len() > MAX_KEY_FILE {
        return Err(not_key("it is far larger than any key file"));
    }
    let bytes = fs::read(path).map_err(read_err)?;
    let text = match std::str::from_utf8(&bytes) {
        Ok(t) => t,
        Err(_) => return Err(not_key("it is not text")),
    };
    let trimmed = text.trim_start();
    if !trimmed.starts_with("-----BEGIN OPENSSH PRIVATE KEY-----") {
        if is_public_key_line(trimmed) {
            let private = path
                .to_str()
                .and_then(|s| s.strip_suffix(".pub"))
                .map(PathBuf::from)
                .filter(|p| p.is_file());
            return Err(SignatureError::PublicKeyGiven {
                path: path.to_path_buf(),
                private,
            });
        }
        if trimmed.starts_with("-----BEGIN") && trimmed.contains("PRIVATE KEY-----") {
            return Err(not_key(
                "it is in the older PEM format; `ssh-keygen -p -f KEY` rewrites it in OpenSSH format",
            ));
        }
        return Err(not_key(
            "it does not start with -----BEGIN OPENSSH PRIVATE KEY-----",
        ));
    }
    let key = PrivateKey::from_openssh(trimmed).map_err(|e| not_key(&e.to_string()))?;
    if key.is_encrypted() {
        return Err(SignatureError::Encrypted {
            path: path.to_path_buf(),
        });
    }
    if key.algorithm() != Algorithm::Ed25519 {
        return Err(SignatureError::UnsupportedKey {
            path: path.to_path_buf(),
            algorithm: key.algorithm().to_string(),
        });
    }
    Ok(key)
}

fn is_public_key_line(text: &str) -> bool {
    let first = text.split_whitespace().next().unwrap_or("");
    first.starts_with("ssh-")
        || first.starts_with("ecdsa-sha2-")
        || first.starts_with("sk-")
        || first.ends_with("@openssh.com")
}

// ---------------------------------------------------------------------------------------------
// The one-line form

/// The one-line form of a signature: the armored base64 body without armor lines or breaks.
pub fn to_one_line(sig: &SshSig) -> Result<String, SignatureError> {
    let pem = sig
        .to_pem(LineEnding::LF)
        .map_err(|e| SignatureError::Malformed {
            reason: e.to_string(),
        })?;
    Ok(pem
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("-----"))
        .collect())
}

/// Reads a one-line signature. Blank space is ignored, inside too: git lets a trailer value
/// continue on indented lines, and base64 has no blank in it anyway.
pub fn parse_one_line(line: &str) -> Result<SshSig, SignatureError> {
    let malformed = |reason: String| SignatureError::Malformed { reason };
    if line.len() > 2 * MAX_ONE_LINE {
        return Err(malformed(format!(
            "it is {} bytes long, more than any signature",
            line.len()
        )));
    }
    let joined: String = line.split_ascii_whitespace().collect();
    let line = joined.as_str();
    if line.is_empty() {
        return Err(malformed("it is empty".into()));
    }
    if line.len() > MAX_ONE_LINE {
        return Err(malformed(format!(
            "it is {} bytes long, more than any signature",
            line.len()
        )));
    }
    if let Some(c) = line
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '=')))
    {
        return Err(malformed(format!("it contains {c:?}, which is not base64")));
    }
    SshSig::from_pem(armor(line)).map_err(|e| malformed(e.to_string()))
}

fn armor(body: &str) -> String {
    let mut out = String::with_capacity(body.len() + body.len() / ARMOR_WIDTH + 64);
    out.push_str(ARMOR_BEGIN);
    out.push('\n');
    // `body` is ASCII (checked by the caller or produced by the encoder), so byte chunks are
    // whole characters.
    for chunk in body.as_bytes().chunks(ARMOR_WIDTH) {
        out.push_str(&String::from_utf8_lossy(chunk));
        out.push('\n');
    }
    out.push_str(ARMOR_END);
    out.push('\n');
    out
}

/// The one-line form of an armored signature (what `ssh-keygen -Y sign` writes to `FILE.sig`).
pub fn one_line_from_armored(armored: &str) -> Result<String, SignatureError> {
    let sig = SshSig::from_pem(armored.trim()).map_err(|e| SignatureError::Malformed {
        reason: e.to_string(),
    })?;
    to_one_line(&sig)
}

/// The armored text `ssh-keygen -Y verify -s FILE` reads.
pub fn to_armored(sig: &SshSig) -> Result<String, SignatureError> {
    Ok(armor(&to_one_line(sig)?))
}

// ---------------------------------------------------------------------------------------------
// Verifying

/// A signature that verified, and who made it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Verified {
    /// The principal: the one required, else the principals field of the first line that let
    /// the signature through, as written (what `ssh-keygen -Y find-principals` prints).
    pub principal: String,
    /// The (non-negated) principal patterns of every line that let the signature through.
    pub principals: Vec<String>,
    /// The signer's key, `SHA256:...` as `ssh-keygen -l` shows it.
    pub fingerprint: String,
    /// The line of the allowed-signers file that let it through first (1-based).
    pub line: usize,
}

/// What a check requires besides a listed key.
#[derive(Debug, Clone, Copy)]
pub struct VerifyOptions<'a> {
    /// A principal the line must list (`ssh-keygen -Y verify -I`); `None` accepts any.
    pub principal: Option<&'a str>,
    /// The time `valid-after` and `valid-before` are checked at.
    pub at: SystemTime,
}

/// Checks `sig_line` over `payload` against the text of an allowed-signers file, for any
/// principal, now.
pub fn verify_payload(
    allowed_signers_text: &str,
    payload: &[u8],
    sig_line: &str,
) -> Result<Verified, SignatureError> {
    verify(allowed_signers_text, None, payload, sig_line)
}

/// Checks `sig_line` over `payload` against the text of an allowed-signers file, now; with
/// `principal`, a line listing the key must also list that principal.
pub fn verify(
    allowed_signers: &str,
    principal: Option<&str>,
    payload: &[u8],
    sig_line: &str,
) -> Result<Verified, SignatureError> {
    AllowedSigners::parse(allowed_signers).verify(
        payload,
        sig_line,
        &VerifyOptions {
            principal,
            at: SystemTime::now(),
        },
    )
}

/// One usable line of an allowed-signers file.
#[derive(Debug, Clone)]
struct Entry {
    line: usize,
    principals: String,
    cert_authority: bool,
    namespaces: Option<String>,
    valid_after: Option<u64>,
    valid_before: Option<u64>,
    key: KeyData,
}

/// The options field of a line.
#[derive(Debug, Default)]
struct Options {
    cert_authority: bool,
    namespaces: Option<String>,
    valid_after: Option<u64>,
    valid_before: Option<u64>,
}

/// A parsed allowed-signers file.
#[derive(Debug, Clone)]
pub struct AllowedSigners {
    origin: String,
    entries: Vec<Entry>,
    /// Lines that could not be read: (line, why).
    skipped: Vec<(usize, String)>,
}

impl AllowedSigners {
    /// Parses the text of an allowed-signers file; errors call it "the allowed-signers file".
    pub fn parse(text: &str) -> AllowedSigners {
        Self::parse_named(text, "the allowed-signers file")
    }

    /// Parses the text of an allowed-signers file that errors call `origin` (its path).
    pub fn parse_named(text: &str, origin: &str) -> AllowedSigners {
        let mut entries = Vec::new();
        let mut skipped = Vec::new();
        for (i, raw) in text.split('\n').enumerate() {
            let line = raw.strip_suffix('\r').unwrap_or(raw);
            match parse_line(line) {
                Ok(None) => {}
                Ok(Some(mut e)) => {
                    e.line = i + 1;
                    entries.push(e);
                }
                Err(why) => skipped.push((i + 1, why)),
            }
        }
        AllowedSigners {
            origin: origin.to_string(),
            entries,
            skipped,
        }
    }

    /// Reads and parses the allowed-signers file at `path`.
    pub fn load(path: &Path) -> Result<AllowedSigners, SignatureError> {
        let text = fs::read(path).map_err(|source| SignatureError::AllowedSignersRead {
            path: path.to_path_buf(),
            source,
        })?;
        Ok(Self::parse_named(
            &String::from_utf8_lossy(&text),
            &path.display().to_string(),
        ))
    }

    /// How many lines list a key.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The lines that could not be read, as "line N: why".
    pub fn skipped(&self) -> Vec<String> {
        self.skipped
            .iter()
            .map(|(n, why)| format!("{}:{n}: skipped: {why}", self.origin))
            .collect()
    }

    /// Checks `sig_line` over `payload`: it must be an ed25519 `SSHSIG` in the namespace
    /// [`NAMESPACE`] that verifies, by a key listed on a line whose principals, namespaces and
    /// validity let it through.
    pub fn verify(
        &self,
        payload: &[u8],
        sig_line: &str,
        opts: &VerifyOptions<'_>,
    ) -> Result<Verified, SignatureError> {
        let sig = parse_one_line(sig_line)?;
        if sig.public_key().algorithm() != Algorithm::Ed25519 {
            return Err(SignatureError::UnsupportedSignature {
                algorithm: sig.public_key().algorithm().to_string(),
            });
        }
        if sig.namespace() != NAMESPACE {
            return Err(SignatureError::WrongNamespace {
                found: sig.namespace().to_string(),
            });
        }
        let signer = PublicKey::new(sig.public_key().clone(), "");
        let fingerprint = signer.fingerprint(HashAlg::Sha256).to_string();
        // The signature over its own embedded key first: a changed payload is reported as such,
        // whoever signed it.
        signer
            .verify(NAMESPACE, payload, &sig)
            .map_err(|_| SignatureError::BadSignature {
                fingerprint: fingerprint.clone(),
            })?;

        let at = opts
            .at
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        let mut reasons = Vec::new();
        let mut matched: Vec<&Entry> = Vec::new();
        for e in &self.entries {
            if &e.key != sig.public_key() {
                continue;
            }
            let at_line = format!("{}:{}", self.origin, e.line);
            if e.cert_authority {
                reasons.push(format!(
                    "{at_line}: the key is listed as a cert-authority, which signs certificates, \
                     not review attestations"
                ));
                continue;
            }
            if let Some(p) = opts.principal
                && match_pattern_list(p, &e.principals) != 1
            {
                reasons.push(format!(
                    "{at_line}: the key is listed for {:?}, not for {p:?}",
                    e.principals
                ));
                continue;
            }
            if let Some(ns) = &e.namespaces
                && match_pattern_list(NAMESPACE, ns) != 1
            {
                reasons.push(format!(
                    "{at_line}: namespaces=\"{ns}\" does not allow {NAMESPACE:?}"
                ));
                continue;
            }
            if let Some(t) = e.valid_after
                && at < t
            {
                reasons.push(format!(
                    "{at_line}: the key is not valid yet (valid-after {})",
                    format_time(t)
                ));
                continue;
            }
            if let Some(t) = e.valid_before
                && at > t
            {
                reasons.push(format!(
                    "{at_line}: the key expired (valid-before {})",
                    format_time(t)
                ));
                continue;
            }
            matched.push(e);
        }
        if let Some(first) = matched.first() {
            let mut principals: Vec<String> = Vec::new();
            for e in &matched {
                for p in e.principals.split(',') {
                    if !p.is_empty() && !p.starts_with('!') && !principals.iter().any(|q| q == p) {
                        principals.push(p.to_string());
                    }
                }
            }
            return Ok(Verified {
                principal: opts
                    .principal
                    .map(str::to_string)
                    .unwrap_or_else(|| first.principals.clone()),
                principals,
                fingerprint,
                line: first.line,
            });
        }
        if reasons.is_empty() {
            reasons.push(format!(
                "{}: no line lists this key ({} line{} list{} keys)",
                self.origin,
                self.entries.len(),
                if self.entries.len() == 1 { "" } else { "s" },
                if self.entries.len() == 1 { "s" } else { "" },
            ));
        }
        reasons.extend(self.skipped());
        Err(SignatureError::NotAllowed {
            fingerprint,
            for_principal: opts
                .principal
                .map(|p| format!(" for {p:?}"))
                .unwrap_or_default(),
            origin: self.origin.clone(),
            public_key: signer.to_openssh().unwrap_or_default(),
            reasons,
        })
    }
}

/// Splits off the next field: a `"quoted"` one (quotes removed) or one up to blank space.
fn next_field(s: &str) -> Result<(String, &str), String> {
    if let Some(rest) = s.strip_prefix('"') {
        let end = rest
            .find('"')
            .ok_or_else(|| "a quote is not closed".to_string())?;
        let after = &rest[end + 1..];
        if !(after.is_empty() || after.starts_with([' ', '\t'])) {
            return Err("text follows a closing quote".into());
        }
        return Ok((rest[..end].to_string(), after));
    }
    let end = s.find([' ', '\t']).unwrap_or(s.len());
    Ok((s[..end].to_string(), &s[end..]))
}

fn skip_blank(s: &str) -> &str {
    s.trim_start_matches([' ', '\t'])
}

/// Parses one line: `Ok(None)` for a blank or comment line.
fn parse_line(line: &str) -> Result<Option<Entry>, String> {
    let s = line.trim_start_matches([' ', '\t', '\r', '\n']);
    if s.is_empty() || s.starts_with('#') {
        return Ok(None);
    }
    let (principals, rest) = next_field(s)?;
    if principals.is_empty() {
        return Err("no principal".into());
    }
    let mut rest = skip_blank(rest);
    if rest.is_empty() {
        return Err("no key after the principals".into());
    }
    let first = rest.split([' ', '\t']).next().unwrap_or("");
    let mut opts = Options::default();
    if first.contains('=')
        || first.starts_with(',')
        || first.to_ascii_lowercase().starts_with("cert-authority")
    {
        let end = options_end(rest)?;
        parse_options(&rest[..end], &mut opts)?;
        rest = skip_blank(&rest[end..]);
        if rest.is_empty() {
            return Err("no key after the options".into());
        }
    }
    let mut parts = rest.split([' ', '\t']).filter(|p| !p.is_empty());
    let (Some(kind), Some(b64)) = (parts.next(), parts.next()) else {
        return Err("the key has no base64 part".into());
    };
    let key = PublicKey::from_openssh(&format!("{kind} {b64}"))
        .map_err(|e| format!("cannot read the {kind} key: {e}"))?;
    Ok(Some(Entry {
        line: 0,
        principals,
        cert_authority: opts.cert_authority,
        namespaces: opts.namespaces,
        valid_after: opts.valid_after,
        valid_before: opts.valid_before,
        key: key.key_data().clone(),
    }))
}

/// Where the options field ends: the first blank outside quotes (`\"` does not close a quote).
fn options_end(s: &str) -> Result<usize, String> {
    let b = s.as_bytes();
    let mut quoted = false;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b' ' | b'\t' if !quoted => return Ok(i),
            b'\\' if b.get(i + 1) == Some(&b'"') => i += 1,
            b'"' => quoted = !quoted,
            _ => {}
        }
        i += 1;
    }
    if quoted {
        Err("a quote in the options is not closed".into())
    } else {
        Ok(b.len())
    }
}

fn parse_options(s: &str, e: &mut Options) -> Result<(), String> {
    let mut rest = s;
    loop {
        // As in OpenSSH, empty options are skipped, but the list may not end with a comma.
        rest = rest.trim_start_matches(',');
        if rest.is_empty() {
            return Err("the options end with a comma".into());
        }
        if rest.len() >= "cert-authority".len()
            && rest[.."cert-authority".len()].eq_ignore_ascii_case("cert-authority")
            && matches!(
                rest.as_bytes().get("cert-authority".len()),
                None | Some(b',')
            )
        {
            e.cert_authority = true;
            rest = &rest["cert-authority".len()..];
        } else {
            let eq = rest
                .find('=')
                .ok_or_else(|| format!("unknown option {:?}", until_comma(rest)))?;
            let name = rest[..eq].to_ascii_lowercase();
            let (value, after) =
                dequote(&rest[eq + 1..]).map_err(|why| format!("option {name}: {why}"))?;
            match name.as_str() {
                "namespaces" => {
                    if e.namespaces.replace(value).is_some() {
                        return Err("namespaces is given twice".into());
                    }
                }
                "valid-after" | "valid-before" => {
                    let t = parse_time(&value).map_err(|why| format!("{name}: {why}"))?;
                    let slot = if name == "valid-after" {
                        &mut e.valid_after
                    } else {
                        &mut e.valid_before
                    };
                    if slot.replace(t).is_some() {
                        return Err(format!("{name} is given twice"));
                    }
                }
                _ => return Err(format!("unknown option {name:?}")),
            }
            rest = after;
        }
        if rest.is_empty() {
            break;
        }
        rest = rest
            .strip_prefix(',')
            .ok_or_else(|| format!("unexpected text in the options: {rest:?}"))?;
    }
    if let (Some(a), Some(b)) = (e.valid_after, e.valid_before)
        && b <= a
    {
        return Err("valid-before is not after valid-after".into());
    }
    Ok(())
}

fn until_comma(s: &str) -> &str {
    &s[..s.find(',').unwrap_or(s.len())]
}

/// A `"quoted"` option value (`\"` stands for a quote); returns it and what follows.
fn dequote(s: &str) -> Result<(String, &str), String> {
    let Some(body) = s.strip_prefix('"') else {
        return Err("the value must be in double quotes".into());
    };
    let mut out = String::new();
    let mut chars = body.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' if body[i + 1..].starts_with('"') => {
                out.push('"');
                chars.next();
            }
            '"' => return Ok((out, &body[i + 1..])),
            c => out.push(c),
        }
    }
    Err("the closing quote is missing".into())
}

/// OpenSSH's `match_pattern`: `*` any run, `?` any one character, else literal.
pub fn match_pattern(s: &str, pattern: &str) -> bool {
    let s: Vec<char> = s.chars().collect();
    let p: Vec<char> = pattern.chars().collect();
    // Iterative wildcard matching with backtracking to the last `*`: linear memory, no
    // recursion, so a hostile pattern cannot blow the stack.
    let (mut si, mut pi) = (0usize, 0usize);
    let mut star: Option<(usize, usize)> = None;
    while si < s.len() {
        if pi < p.len() && (p[pi] == '?' || (p[pi] != '*' && p[pi] == s[si])) {
            si += 1;
            pi += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some((pi, si));
            pi += 1;
        } else if let Some((sp, ss)) = star {
            pi = sp + 1;
            si = ss + 1;
            star = Some((sp, ss + 1));
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|&c| c == '*')
}

/// OpenSSH's `match_pattern_list`: 1 when a pattern of the comma-separated list matches, -1 when
/// a negated one (`!pattern`) matches (which wins), else 0.
pub fn match_pattern_list(s: &str, list: &str) -> i32 {
    let mut positive = 0;
    for sub in list.split(',') {
        let (negated, pat) = match sub.strip_prefix('!') {
            Some(p) => (true, p),
            None => (false, sub),
        };
        if match_pattern(s, pat) {
            if negated {
                return -1;
            }
            positive = 1;
        }
    }
    positive
}

/// `YYYYMMDD`, `YYYYMMDDHHMM` or `YYYYMMDDHHMMSS`, then `Z` or `UTC` (any case): seconds since
/// the epoch.
fn parse_time(v: &str) -> Result<u64, String> {
    let lower = v.to_ascii_lowercase();
    let digits = lower
        .strip_suffix('z')
        .or_else(|| lower.strip_suffix("utc"))
        .ok_or_else(|| {
            format!(
                "{v:?} is local time; wfc reads only UTC times, written with a trailing Z \
                 (e.g. 20260101Z)"
            )
        })?;
    if !digits.bytes().all(|b| b.is_ascii_digit()) || ![8, 12, 14].contains(&digits.len()) {
        return Err(format!("{v:?} is not YYYYMMDD[HHMM[SS]]Z"));
    }
    let num = |a: usize, b: usize| digits[a..b].parse::<u64>().unwrap_or(0);
    let (y, mo, d) = (num(0, 4), num(4, 6), num(6, 8));
    let (h, mi, s) = match digits.len() {
        8 => (0, 0, 0),
        12 => (num(8, 10), num(10, 12), 0),
        _ => (num(8, 10), num(10, 12), num(12, 14)),
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let mdays = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    if y < 1970 || !(1..=12).contains(&mo) || d == 0 || d > mdays[(mo - 1) as usize] {
        return Err(format!("{v:?} is not a valid date"));
    }
    if h > 23 || mi > 59 || s > 60 {
        return Err(format!("{v:?} is not a valid time of day"));
    }
    let days = days_from_civil(y, mo, d);
    let t = days * 86_400 + h * 3600 + mi * 60 + s;
    if t == 0 {
        return Err(format!("{v:?} is the epoch itself"));
    }
    Ok(t)
}

/// Days from 1970-01-01 to a date on or after it (Howard Hinnant's `days_from_civil`).
fn days_from_civil(y: u64, m: u64, d: u64) -> u64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn format_time(t: u64) -> String {
    crate::time::rfc3339(UNIX_EPOCH + std::time::Duration::from_secs(t))
        .split('.')
        .next()
        .map(|s| format!("{s}Z"))
        .unwrap_or_default()
}

// ---------------------------------------------------------------------------------------------
// Keys (`wfc gate keygen`)

/// Where `wfc gate keygen` keeps the key: `$WFC_HOME/keys/wfc-review` and `.pub`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KeyFiles {
    pub dir: PathBuf,
    pub private_key: PathBuf,
    pub public_key: PathBuf,
}

impl KeyFiles {
    pub fn in_home(home: &Path) -> KeyFiles {
        let dir = home.join("keys");
        KeyFiles {
            private_key: dir.join("wfc-review"),
            public_key: dir.join("wfc-review.pub"),
            dir,
        }
    }
}

/// A key that was written.
#[derive(Debug, Clone)]
pub struct GeneratedKey {
    pub public_key: PublicKey,
    /// `SHA256:...`
    pub fingerprint: String,
    /// Whether an existing key was replaced.
    pub replaced: bool,
}

/// The allowed-signers line for `key`, limited to the [`NAMESPACE`]:
/// `<principal> namespaces="wfc-review" ssh-ed25519 AAAA... <comment>`.
pub fn allowed_signers_line(principal: &str, key: &PublicKey) -> String {
    let openssh = key
        .to_openssh()
        .unwrap_or_else(|_| key.algorithm().to_string());
    format!("{principal} namespaces=\"{NAMESPACE}\" {openssh}")
}

/// Makes a new ed25519 key from the operating system's random source and writes it to `files`:
/// the private key with mode 0600 in a folder with mode 0700, then the public key, each written
/// atomically. Refuses to replace an existing key unless `force`.
pub fn generate_key_files(
    files: &KeyFiles,
    comment: &str,
    force: bool,
) -> Result<GeneratedKey, SignatureError> {
    if comment.chars().any(char::is_control) {
        return Err(SignatureError::BadComment {
            comment: comment.to_string(),
        });
    }
    ensure_private_dir(&files.dir)?;
    let mut replaced = false;
    for path in [&files.private_key, &files.public_key] {
        match fs::symlink_metadata(path) {
            Ok(meta) => {
                if !force || meta.is_dir() {
                    return Err(SignatureError::KeyExists { path: path.clone() });
                }
                replaced = true;
            }
            Err(e) if e.kind() == IoKind::NotFound => {}
            Err(source) => {
                return Err(SignatureError::KeyWrite {
                    path: path.clone(),
                    source,
                });
            }
        }
    }
    let mut key =
        PrivateKey::random(&mut ssh_key::rand_core::OsRng, Algorithm::Ed25519).map_err(|e| {
            SignatureError::Generate {
                reason: e.to_string(),
            }
        })?;
    key.set_comment(comment);
    let private = key
        .to_openssh(LineEnding::LF)
        .map_err(|e| SignatureError::Generate {
            reason: e.to_string(),
        })?;
    let public = key
        .public_key()
        .to_openssh()
        .map_err(|e| SignatureError::Generate {
            reason: e.to_string(),
        })?;
    // Without `force` the private key is created no-clobber, so of two keygens racing exactly
    // one keeps its key, and only that one writes the public key and prints a line.
    let written = if force {
        crate::fsutil::write_atomic_mode(&files.private_key, private.as_bytes(), 0o600)
    } else {
        crate::fsutil::create_atomic_mode(&files.private_key, private.as_bytes(), 0o600)
    };
    match written.map_err(|e| key_write_error(&files.private_key, e)) {
        Err(SignatureError::KeyWrite { source, .. }) if source.kind() == IoKind::AlreadyExists => {
            return Err(SignatureError::KeyExists {
                path: files.private_key.clone(),
            });
        }
        other => other?,
    }
    crate::fsutil::write_atomic_mode(&files.public_key, format!("{public}\n").as_bytes(), 0o644)
        .map_err(|e| key_write_error(&files.public_key, e))?;
    Ok(GeneratedKey {
        fingerprint: key.fingerprint(HashAlg::Sha256).to_string(),
        public_key: key.public_key().clone(),
        replaced,
    })
}

fn key_write_error(path: &Path, e: crate::fsutil::FsError) -> SignatureError {
    let source = e.into_io_error();
    SignatureError::KeyWrite {
        path: path.to_path_buf(),
        source,
    }
}

/// Creates `dir` (and missing parents) with mode 0700, or checks that the existing one is a real
/// directory and closes it to others.
fn ensure_private_dir(dir: &Path) -> Result<(), SignatureError> {
    use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
    let io = |source| SignatureError::KeyWrite {
        path: dir.to_path_buf(),
        source,
    };
    match fs::symlink_metadata(dir) {
        Ok(meta) if meta.is_dir() => {
            if meta.permissions().mode() & 0o077 != 0 {
                fs::set_permissions(dir, fs::Permissions::from_mode(0o700)).map_err(io)?;
            }
            Ok(())
        }
        Ok(_) => Err(SignatureError::KeysDirUnsafe {
            path: dir.to_path_buf(),
        }),
        Err(e) if e.kind() == IoKind::NotFound => {
            fs::DirBuilder::new()
                .recursive(true)
                .mode(0o700)
                .create(dir)
                .map_err(io)?;
            // The umask may have taken bits away, never added them; make it exact.
            fs::set_permissions(dir, fs::Permissions::from_mode(0o700)).map_err(io)
        }
        Err(source) => Err(io(source)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn key_in(dir: &Path) -> (PathBuf, PublicKey) {
        let files = KeyFiles::in_home(dir);
        let k = generate_key_files(&files, "test key", false).unwrap();
        (files.private_key, k.public_key)
    }

    #[test]
    fn sign_then_verify_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let (k, public) = key_in(dir.path());
        let sig = sign_payload(&k, b"payload").unwrap();
        assert!(sig.starts_with("U1NIU0lH"), "{sig}");
        assert!(!sig.contains(['\n', ' ']));
        let allowed = allowed_signers_line("alice", &public);
        let v = verify_payload(&allowed, b"payload", &sig).unwrap();
        assert_eq!(v.principal, "alice");
        assert_eq!(v.principals, vec!["alice".to_string()]);
        assert_eq!(
            v.fingerprint,
            public.fingerprint(HashAlg::Sha256).to_string()
        );
        assert!(matches!(
            verify_payload(&allowed, b"payload!", &sig),
            Err(SignatureError::BadSignature { .. })
        ));
    }

    #[test]
    fn one_line_and_armored_forms_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let (k, _) = key_in(dir.path());
        let line = sign(&k, b"x").unwrap();
        let sig = parse_one_line(&format!("  {line}\n")).unwrap();
        let folded = format!("{}\n {}", &line[..40], &line[40..]);
        assert_eq!(parse_one_line(&folded).unwrap(), sig);
        assert_eq!(to_one_line(&sig).unwrap(), line);
        let armored = to_armored(&sig).unwrap();
        assert!(armored.starts_with(ARMOR_BEGIN));
        assert_eq!(SshSig::from_pem(&armored).unwrap(), sig);
        assert_eq!(armored, sig.to_pem(LineEnding::LF).unwrap());
    }

    #[test]
    fn garbage_is_malformed_not_a_panic() {
        for g in [
            "",
            "   ",
            "hello world",
            "U1NIU0lH",
            "AAAA",
            "-----BEGIN SSH SIGNATURE-----",
            &"A".repeat(MAX_ONE_LINE + 1),
        ] {
            assert!(
                matches!(parse_one_line(g), Err(SignatureError::Malformed { .. })),
                "{g:?}"
            );
        }
    }

    #[test]
    fn principal_patterns_and_negation() {
        assert!(match_pattern("alice@example.com", "*@example.com"));
        assert!(match_pattern("bob", "b?b"));
        assert!(!match_pattern("bob", "b?"));
        assert!(match_pattern("", "*"));
        assert!(match_pattern("abc", "a**c"));
        assert!(!match_pattern("abd", "a*c"));
        assert_eq!(match_pattern_list("alice", "bob,alice"), 1);
        assert_eq!(match_pattern_list("alice", "*,!alice"), -1);
        assert_eq!(match_pattern_list("carol", "*,!alice"), 1);
        assert_eq!(match_pattern_list("carol", "bob"), 0);
        // A hostile pattern stays fast.
        let s = "a".repeat(5000);
        let p = format!("{}b", "*a".repeat(200));
        assert!(!match_pattern(&s, &p));
    }

    #[test]
    fn options_namespaces_and_principals() {
        let dir = tempfile::tempdir().unwrap();
        let (k, public) = key_in(dir.path());
        let sig = sign(&k, b"p").unwrap();
        let key = public.to_openssh().unwrap();
        let at = |allowed: String, principal: Option<&str>| {
            AllowedSigners::parse(&allowed).verify(
                b"p",
                &sig,
                &VerifyOptions {
                    principal,
                    at: UNIX_EPOCH + Duration::from_secs(1_800_000_000),
                },
            )
        };
        assert!(at(format!("a,b namespaces=\"git,wfc-*\" {key}"), Some("b")).is_ok());
        assert!(at(format!("\"a\" NAMESPACES=\"wfc-review\" {key}"), Some("a")).is_ok());
        let e = at(format!("a namespaces=\"git\" {key}"), None).unwrap_err();
        assert!(
            e.reasons()[0].contains("does not allow"),
            "{:?}",
            e.reasons()
        );
        let e = at(format!("a {key}"), Some("b")).unwrap_err();
        assert!(e.to_string().contains("for \"b\""), "{e}");
        assert!(
            e.reasons()[0].contains("listed for \"a\""),
            "{:?}",
            e.reasons()
        );
        assert!(at(format!("*,!mallory {key}"), Some("mallory")).is_err());
        assert!(at(format!("a cert-authority {key}"), None).is_err());
        // Validity, at 2027-01-15.
        assert!(at(format!("a valid-after=\"20260101Z\" {key}"), None).is_ok());
        assert!(at(format!("a valid-before=\"20260101Z\" {key}"), None).is_err());
        assert!(at(format!("a valid-after=\"20280101UTC\" {key}"), None).is_err());
        assert!(
            at(
                format!("a valid-after=\"20260101Z\",valid-before=\"202801010000Z\" {key}"),
                None
            )
            .is_ok()
        );
        // Unreadable lines are skipped, and reported when nothing matched.
        for bad in [
            format!("a valid-after=\"20260101\" {key}"),
            format!("a valid-after=20260101Z {key}"),
            format!("a unknown=\"x\" {key}"),
            format!("a namespaces=\"x\",namespaces=\"y\" {key}"),
            format!("a valid-after=\"20280101Z\",valid-before=\"20270101Z\" {key}"),
            format!("a namespaces=\"unclosed {key}"),
            "a ssh-ed25519".to_string(),
            "a ssh-ed25519 AAAAnotbase64!".to_string(),
            "justoneword".to_string(),
        ] {
            let e = at(bad.clone(), None).unwrap_err();
            assert!(
                e.reasons().iter().any(|r| r.contains(":1: skipped")),
                "{bad}: {:?}",
                e.reasons()
            );
        }
        // A bad line does not hide a good one.
        assert_eq!(
            at(
                format!("# c\n\nbroken line here\n  b {key} comment\n"),
                None
            )
            .unwrap()
            .line,
            4
        );
    }

    #[test]
    fn signing_key_errors_are_clear() {
        let dir = tempfile::tempdir().unwrap();
        let (k, _) = key_in(dir.path());
        let pubpath = PathBuf::from(format!("{}.pub", k.display()));
        match sign(&pubpath, b"x") {
            Err(SignatureError::PublicKeyGiven { private, .. }) => {
                assert_eq!(private.as_deref(), Some(k.as_path()))
            }
            other => panic!("{other:?}"),
        }
        let missing = dir.path().join("missing");
        assert!(matches!(
            sign(&missing, b"x"),
            Err(SignatureError::KeyRead { .. })
        ));
        let junk = dir.path().join("junk");
        fs::write(&junk, "not a key").unwrap();
        let e = sign(&junk, b"x").unwrap_err();
        assert!(matches!(e, SignatureError::NotAPrivateKey { .. }));
        assert!(e.to_string().contains(&junk.display().to_string()));
        assert!(e.hint().unwrap().contains("wfc gate keygen"));
    }

    #[test]
    fn keygen_refuses_to_overwrite_and_keeps_modes() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let files = KeyFiles::in_home(&dir.path().join("home"));
        let first = generate_key_files(&files, "c", false).unwrap();
        assert!(!first.replaced);
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&files.private_key), 0o600);
        assert_eq!(mode(&files.dir), 0o700);
        let before = fs::read(&files.private_key).unwrap();
        assert!(matches!(
            generate_key_files(&files, "c", false),
            Err(SignatureError::KeyExists { .. })
        ));
        assert_eq!(fs::read(&files.private_key).unwrap(), before);
        let second = generate_key_files(&files, "c", true).unwrap();
        assert!(second.replaced);
        assert_ne!(second.fingerprint, first.fingerprint);
        assert!(matches!(
            generate_key_files(&files, "a\nb", true),
            Err(SignatureError::BadComment { .. })
        ));
    }

    #[test]
    fn utc_times() {
        assert_eq!(parse_time("19700102Z").unwrap(), 86_400);
        assert_eq!(parse_time("20000301000000Z").unwrap(), 951_868_800);
        assert_eq!(parse_time("20240229utc").unwrap(), 1_709_164_800);
        assert!(parse_time("20230229Z").is_err());
        assert!(parse_time("20240101").is_err());
        assert!(parse_time("2024010Z").is_err());
        assert_eq!(format_time(1_709_164_800), "2024-02-29T00:00:00Z");
    }
}
