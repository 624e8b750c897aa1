#!/usr/bin/env python3
"""The planted corpus of bench/secrets.sh, and the scoring of every tool's report against it.

    secrets.py plant SRC_ROOT OUT_DIR MANIFEST [--files N] [--seed S]
        copies N text files from the source trees under SRC_ROOT into OUT_DIR, plants credentials
        of many vendor formats and syntaxes, and decoys (values that look like credentials and
        are not), and writes MANIFEST: one JSON object per planted value with its file, line span,
        kind and whether it is a decoy.
    secrets.py real SRC_ROOT OUT_DIR MEGABYTES
        copies text files from SRC_ROOT until OUT_DIR holds MEGABYTES of real source.
    secrets.py score MANIFEST TOOL REPORT ROOT
        reads TOOL's report (wfc, gitleaks, betterleaks, kingfisher) and prints one JSON line:
        planted found (any tier), found at blocking tier, decoys reported, decoys blocked.

Every credential is random, made here with the vendor's alphabet, length and checksum; none is
real. The values are assembled from parts so that no scanner flags this file.
"""

import base64
import urllib.parse
import hashlib
import json
import os
import random
import string
import sys
import uuid
import zlib

B62 = string.digits + string.ascii_uppercase + string.ascii_lowercase
ALNUM = string.ascii_letters + string.digits
URLSAFE = ALNUM + "-_"
B32 = string.ascii_uppercase + "234567"
HEX = "0123456789abcdef"

# Text files worth copying; the planted lines are written in the syntax of their host.
TEXT_EXT = {".rs", ".toml", ".md", ".c", ".h", ".py", ".txt", ".yml", ".yaml", ".json", ".sh"}
MAX_FILE = 200_000


def rnd(rng, alphabet, n):
    return "".join(rng.choice(alphabet) for _ in range(n))


def base62(n, width):
    out = ""
    while n:
        n, r = divmod(n, 62)
        out = B62[r] + out
    return out.rjust(width, "0")


def crc_token(rng, prefix, body_len=30):
    """GitHub and npm style: random base62 body, then the CRC32 of the body in 6 base62 digits."""
    body = rnd(rng, ALNUM, body_len)
    return prefix + body + base62(zlib.crc32(body.encode()) & 0xFFFFFFFF, 6)


def b64url(raw):
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def pypi_token(rng):
    """A PyPI upload token: `pypi-` and a version-2 macaroon (location pypi.org, a random
    identifier, an empty caveat section, a 32-byte signature), base64url without padding."""
    rand = lambda n: bytes(rng.getrandbits(8) for _ in range(n))
    raw = b"\x02\x01\x08pypi.org\x02\x20" + rand(32) + b"\x00\x00\x06\x20" + rand(32)
    return "pypi-" + b64url(raw)


def jwt(rng):
    head = b64url(json.dumps({"alg": "HS256", "typ": "J" + "WT"}).encode())
    body = b64url(
        json.dumps({"sub": str(rng.randint(10**6, 10**7)), "name": "svc-deploy", "iat": 1716239022}).encode()
    )
    sig = b64url(bytes(rng.getrandbits(8) for _ in range(32)))
    return f"{head}.{body}.{sig}"


def pem_lines(rng):
    raw = bytes(rng.getrandbits(8) for _ in range(600))
    body = base64.b64encode(raw).decode()
    kind = "RSA PRIVATE" + " KEY"
    lines = [f"-----BEGIN {kind}-----"]
    lines += [body[i : i + 64] for i in range(0, len(body), 64)]
    lines.append(f"-----END {kind}-----")
    return lines


def password(rng, n=22):
    # Mixed classes, as a generated password has; no quote or backslash so every syntax holds it.
    alphabet = ALNUM + "!#%+-.:=@^_~"
    while True:
        p = rnd(rng, alphabet, n)
        if any(c.isdigit() for c in p) and any(c.isupper() for c in p) and any(c in "!#%+-.:=@^_~" for c in p):
            return p


# Each token kind: (name, variable name, value maker).
def token_kinds():
    return [
        ("github-pat", "GITHUB_TOKEN", lambda r: crc_token(r, "gh" + "p_")),
        ("github-oauth", "GH_OAUTH_TOKEN", lambda r: crc_token(r, "gh" + "o_")),
        ("github-fine-grained", "GITHUB_PAT", lambda r: "github" + "_pat_" + "11" + rnd(r, B32, 20) + "_" + rnd(r, ALNUM, 59)),
        ("aws-access-key-id", "AWS_ACCESS_KEY_ID", lambda r: "AK" + "IA" + rnd(r, B32, 16)),
        ("aws-secret-access-key", "aws_secret_access_key", lambda r: rnd(r, ALNUM + "/+", 40)),
        ("slack-bot", "SLACK_BOT_TOKEN", lambda r: "xo" + "xb-" + str(r.randint(10**10, 10**11)) + "-" + str(r.randint(10**11, 10**12)) + "-" + rnd(r, ALNUM, 24)),
        ("slack-webhook", "SLACK_WEBHOOK_URL", lambda r: "https://hooks." + "slack.com/services/T" + rnd(r, B32[:26] + "0123456789", 8) + "/B" + rnd(r, B32[:26] + "0123456789", 10) + "/" + rnd(r, ALNUM, 24)),
        ("stripe-live", "STRIPE_SECRET_KEY", lambda r: "sk" + "_live_" + rnd(r, ALNUM, 24)),
        ("stripe-test", "STRIPE_TEST_KEY", lambda r: "sk" + "_test_" + rnd(r, ALNUM, 24)),
        ("gitlab-pat", "GITLAB_TOKEN", lambda r: "gl" + "pat-" + rnd(r, URLSAFE, 20)),
        ("npm", "NPM_TOKEN", lambda r: crc_token(r, "np" + "m_")),
        ("openai", "OPENAI_API_KEY", lambda r: "sk-" + rnd(r, ALNUM, 20) + "T3Blbk" + "FJ" + rnd(r, ALNUM, 20)),
        ("openai-project", "OPENAI_KEY", lambda r: "sk-" + "proj-" + rnd(r, URLSAFE, 74) + "T3Blbk" + "FJ" + rnd(r, URLSAFE, 74)),
        ("anthropic", "ANTHROPIC_API_KEY", lambda r: "sk-" + "ant-api03-" + rnd(r, URLSAFE, 93) + "AA"),
        ("sendgrid", "SENDGRID_API_KEY", lambda r: "S" + "G." + rnd(r, URLSAFE, 22) + "." + rnd(r, URLSAFE, 43)),
        ("twilio-api-key", "TWILIO_API_KEY", lambda r: "S" + "K" + rnd(r, HEX, 32)),
        ("jwt", "SESSION_JWT", jwt),
        ("google-api-key", "GOOGLE_MAPS_KEY", lambda r: "AI" + "za" + rnd(r, URLSAFE, 35)),
        ("pypi", "PYPI_TOKEN", pypi_token),
    ]


def wrap(ext, name, value):
    """One line assigning `value` to `name` in the syntax of a file with extension `ext`."""
    if ext == ".rs":
        return f'const {name.upper()}: &str = "{value}";'
    if ext in (".toml",):
        return f'{name.lower()} = "{value}"'
    if ext in (".c", ".h"):
        return f'#define {name.upper()} "{value}"'
    if ext == ".py":
        return f'{name.upper()} = "{value}"'
    if ext in (".yml", ".yaml"):
        return f"{name.lower()}: {value}"
    if ext == ".sh":
        return f'export {name.upper()}="{value}"'
    if ext == ".json":
        return None  # JSON files take their plants as new files
    return f"    export {name.upper()}={value}"  # .md, .txt: a command in a code block


# Generic credentials: whole new files in the syntax named, each with the planted line at a
# known place. (kind, path, lines before, planted lines, lines after), made per instance.
def generic_files(rng, i):
    p = password(rng)
    user = rng.choice(["deploy", "svc_app", "admin", "ci-bot"])
    b64 = base64.b64encode(f"{user}:{p}".encode()).decode()
    return [
        ("generic-go", f"cmd/svc{i}/config.go", ["package main", "", 'import "os"', ""],
         [f'var dbPassword string = "{p}"'], ["", "func main() { _ = os.Args; _ = dbPassword }"]),
        ("generic-php", f"web/site{i}/settings.php", ["<?php", "$config = array();", "$secret = '';"],
         [f'$secret .= "{p}";'], ["return $config;"]),
        ("generic-make", f"deploy/env{i}/Makefile", ["REGISTRY ?= registry.internal", ""],
         [f"REGISTRY_PASSWORD ?= {p}"], ["", "push:", "\tdocker push $(REGISTRY)/app"]),
        ("generic-yaml", f"config/app{i}.yaml", ["database:", "  host: db.internal", f"  user: {user}"],
         [f"  password: {p}"], ["  pool: 10"]),
        ("generic-json", f"config/service{i}.json", ["{", '  "name": "billing",', f'  "client_id": "{user}",'],
         [f'  "client_secret": "{p}",'], ['  "timeout": 30', "}"]),
        ("generic-xml", f"conf/server{i}.xml", ["<configuration>", "  <datasource>", f"    <username>{user}</username>"],
         [f"    <password>{p}</password>"], ["  </datasource>", "</configuration>"]),
        ("generic-env", f"services/api{i}/.env", ["APP_ENV=production", "LOG_LEVEL=info"],
         [f"API_SECRET={p}"], ["PORT=8080"]),
        ("generic-curl", f"scripts/sync{i}.sh", ["#!/bin/sh", "set -eu"],
         [f"curl -fsS -u {user}:{p} https://artifacts.internal/api/upload"], ['echo "done"']),
        ("generic-auth-header", f"docs/api{i}.http", ["GET https://api.internal/v1/orders", "Accept: application/json"],
         [f"Authorization: Basic {b64}"], [""]),
        ("generic-connection-string", f"config/db{i}.py", ["import os", ""],
         # In a URL the password is percent-encoded, as a real connection string must be.
         [f'DATABASE_URL = "postgres://{user}:{urllib.parse.quote(p, safe="")}@db.internal:5432/orders"'], ["POOL_SIZE = 5"]),
        ("private-key", f"keys/deploy{i}.pem", [], pem_lines(rng), []),
    ]


# Decoys: values that look like credentials and are not. (kind, path, lines, index of the line)
def decoy_files(rng, i):
    sha = hashlib.sha256(str(rng.random()).encode()).hexdigest()
    commit = hashlib.sha1(str(rng.random()).encode()).hexdigest()
    uid = str(uuid.UUID(int=rng.getrandbits(128), version=4))
    fb = "AI" + "za" + rnd(rng, URLSAFE, 35)
    ex_id = "AK" + "IAIOSFODNN7" + "EXAMPLE"
    ex_secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCY" + "EXAMPLEKEY"
    return [
        ("decoy-aws-example-id", f"docs/aws{i}.md", ["# Configure", "", "```", f"aws_access_key_id = {ex_id}", "```"], 3),
        ("decoy-aws-example-secret", f"docs/aws-secret{i}.md", ["# Configure", "", "```", f"aws_secret_access_key = {ex_secret}", "```"], 3),
        ("decoy-xxxx", f"config/sample{i}.yaml", ["service:", "  api_key: " + "x" * 32, "  region: eu"], 1),
        ("decoy-angle-token", f"docs/auth{i}.md", ["Send the header:", "", "    Authorization: Bearer <token>", ""], 2),
        ("decoy-env-ref", f"deploy/compose{i}.yaml", ["services:", "  db:", "    environment:", "      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}"], 3),
        ("decoy-sha256", f"build/checksums{i}.py", [f'checksum = "{sha}"'], 0),
        ("decoy-commit", f"build/pin{i}.toml", ["[source]", f'rev = "{commit}"'], 1),
        ("decoy-uuid", f"build/ids{i}.json", ["{", f'  "request_id": "{uid}"', "}"], 1),
        ("decoy-firebase", f"web/app{i}/firebase.js", [
            "const firebaseConfig = {",
            f'  apiKey: "{fb}",',
            f'  authDomain: "shop-{i}.firebaseapp.com",',
            f'  projectId: "shop-{i}",',
            f'  storageBucket: "shop-{i}.appspot.com",',
            '  messagingSenderId: "1234567890",',
            '  appId: "1:1234567890:web:0a1b2c3d4e5f"',
            "};",
        ], 1),
        ("decoy-slack-placeholder", f"docs/slack{i}.md", ["Token format:", "", "    SLACK_TOKEN=xo" + "xp-" + "#" * 12 + "-" + "#" * 12 + "-" + "#" * 12 + "-" + "#" * 32], 2),
        ("decoy-password-placeholder", f"config/example{i}.env", ["DB_USER=app", "DB_PASSWORD=<your-password-here>"], 1),
    ]


def text_files(root):
    """Text files under root, in a stable order."""
    for d, dirs, files in os.walk(root):
        dirs.sort()
        for f in sorted(files):
            p = os.path.join(d, f)
            ext = os.path.splitext(f)[1].lower()
            if ext not in TEXT_EXT or os.path.islink(p):
                continue
            try:
                size = os.path.getsize(p)
            except OSError:
                continue
            if 0 < size <= MAX_FILE:
                yield p, ext


def read_text(p):
    with open(p, "rb") as fh:
        data = fh.read()
    if b"\0" in data:
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def write(out, rel, lines):
    full = os.path.join(out, rel)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")


def plant(src, out, manifest, nfiles, seed):
    rng = random.Random(seed)
    pool = list(text_files(src))
    rng.shuffle(pool)
    hosts = []
    for p, ext in pool:
        if len(hosts) >= nfiles:
            break
        text = read_text(p)
        if text is None:
            continue
        rel = os.path.join("src", os.path.relpath(p, src))
        hosts.append((rel, ext, text))
    entries = []
    kinds = token_kinds()
    # Tokens: appended to real files, one per host, in the host's syntax.
    per_kind = 3
    host_iter = iter([h for h in hosts if wrap(h[1], "x", "y") is not None])
    planted_hosts = {}
    for name, var, make in kinds:
        for _ in range(per_kind):
            rel, ext, text = next(host_iter)
            line = wrap(ext, var, make(rng))
            lines = text.splitlines()
            lines.append(line)
            planted_hosts[rel] = lines
            n = len(lines)
            entries.append({"file": rel, "start": n, "end": n, "kind": name, "decoy": False})
    for rel, ext, text in hosts:
        if rel not in planted_hosts:
            write(out, rel, text.splitlines())
    for rel, lines in planted_hosts.items():
        write(out, rel, lines)
    # Generic credentials and private keys: files of their own syntax.
    for i in range(3):
        for kind, rel, before, planted, after in generic_files(rng, i):
            write(out, rel, before + planted + after)
            entries.append({"file": rel, "start": len(before) + 1, "end": len(before) + len(planted), "kind": kind, "decoy": False})
    for i in range(3):
        for kind, rel, lines, at in decoy_files(rng, i):
            write(out, rel, lines)
            entries.append({"file": rel, "start": at + 1, "end": at + 1, "kind": kind, "decoy": True})
    with open(manifest, "w") as fh:
        for e in entries:
            fh.write(json.dumps(e) + "\n")


def real(src, out, megabytes):
    limit = int(megabytes * 1e6)
    total = 0
    for p, _ in text_files(src):
        if total >= limit:
            break
        text = read_text(p)
        if text is None:
            continue
        rel = os.path.relpath(p, src)
        full = os.path.join(out, rel)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w", encoding="utf-8") as fh:
            fh.write(text)
        total += len(text.encode())
    print(total)


def norm(path, root):
    path = path.replace("\\", "/")
    root = root.rstrip("/") + "/"
    if path.startswith(root):
        path = path[len(root) :]
    return path[2:] if path.startswith("./") else path


def findings(tool, report, root):
    """(file, line, blocking) of every finding in a tool's report."""
    out = []
    try:
        with open(report) as fh:
            text = fh.read()
    except OSError:
        return out
    if not text.strip():
        return out
    if tool == "wfc":
        doc = json.loads(text)
        for f in doc.get("findings", []):
            if f.get("file") and f.get("line_start"):
                # Blocking: R >= 8.5 (severity * confidence / 10, times the location weight).
                out.append((f["file"], f["line_start"], f.get("line_end") or f["line_start"], f.get("r", 0) >= 8.5))
        return out
    doc = json.loads(text)
    if tool == "gitleaks":
        # An array of {"File", "StartLine", "EndLine", "RuleID", ...}.
        for f in doc:
            if f.get("File") and f.get("StartLine"):
                out.append((norm(f["File"], root), int(f["StartLine"]), int(f.get("EndLine") or f["StartLine"]), True))
        return out
    if tool == "betterleaks":
        # {"findings": [{"rule_id", "location": {"path", "start_line", "end_line"}}]}
        for f in doc.get("findings") or []:
            loc = f.get("location") or {}
            if loc.get("path") and loc.get("start_line"):
                out.append((norm(loc["path"], root), int(loc["start_line"]), int(loc.get("end_line") or loc["start_line"]), True))
        return out
    if tool == "kingfisher":
        # {"findings": [{"rule": {...}, "finding": {"path", "line", ...}}]}
        for f in doc.get("findings") or []:
            fnd = f.get("finding") or {}
            if fnd.get("path") and fnd.get("line"):
                out.append((norm(fnd["path"], root), int(fnd["line"]), int(fnd["line"]), True))
        return out
    raise SystemExit(f"unknown tool {tool}")


def score(manifest, tool, report, root):
    entries = [json.loads(l) for l in open(manifest) if l.strip()]
    got = findings(tool, report, root)
    by_file = {}
    for file, start, end, blocking in got:
        by_file.setdefault(file, []).append((start, end, blocking))
    res = {"tool": tool, "planted": 0, "found": 0, "blocking": 0, "decoys": 0, "decoys_reported": 0,
           "decoys_blocked": 0, "findings": len(got), "missed": [], "decoy_hits": []}
    for e in entries:
        hits = [b for (s, t, b) in by_file.get(e["file"], []) if s <= e["end"] and t >= e["start"]]
        if e["decoy"]:
            res["decoys"] += 1
            if hits:
                res["decoys_reported"] += 1
                res["decoy_hits"].append(e["kind"])
            if any(hits):
                res["decoys_blocked"] += 1
        else:
            res["planted"] += 1
            if hits:
                res["found"] += 1
            if any(hits):
                res["blocking"] += 1
            else:
                res["missed"].append(e["kind"])
    print(json.dumps(res))


def main():
    a = sys.argv[1:]
    if not a:
        raise SystemExit(__doc__)
    if a[0] == "plant":
        nfiles = int(a[a.index("--files") + 1]) if "--files" in a else 400
        seed = int(a[a.index("--seed") + 1]) if "--seed" in a else 13
        plant(a[1], a[2], a[3], nfiles, seed)
    elif a[0] == "real":
        real(a[1], a[2], float(a[3]))
    elif a[0] == "score":
        score(a[1], a[2], a[3], a[4])
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main()
