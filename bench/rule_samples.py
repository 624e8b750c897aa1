#!/usr/bin/env python3
"""The test samples of other scanners' rules, replayed through `wfc review` (see
bench/rule-samples.sh).

gitleaks and betterleaks validate every rule of their default config against true and false
samples written in Go (cmd/generate/config/rules/*.go): literal strings, and strings generated
from a regex (`secrets.NewSecret`) and spread over 26 assignment syntaxes
(`utils.GenerateSampleSecrets`). This script evaluates that small subset of Go to rebuild the
samples (generated ones from a seeded generator of its own, so values differ from theirs but
follow the same regexes). kingfisher keeps its samples as `examples` in data/rules/*.yml.

  rule_samples.py go <rules.go>... --out samples.json     (gitleaks, betterleaks)
  rule_samples.py yaml <rules dir> --out samples.json     (kingfisher)
  rule_samples.py repo <samples.json> <dir> <ext>         one file per sample, committed
  rule_samples.py score <dir> <wfc report.json> [--misses N]
"""
import base64
import collections
import glob
import json
import math
import os
import random
import re
import string
import subprocess
import sys

import re._parser as sre
from re._constants import *  # noqa: F403

# Seeded: the same checkout gives the same samples in every run.
rng = random.Random(7)
PRINT = string.ascii_letters + string.digits + "_-+/=.:"


def gen(regex):
    regex = regex.replace(r"\z", r"\Z")
    regex = regex.replace("[[:alnum:]]", "[a-zA-Z0-9]").replace("[:alnum:]", "a-zA-Z0-9")
    tree = sre.parse(regex)
    return emit(tree)


def shannon(x):
    if not x:
        return 0.0
    c = collections.Counter(x)
    return -sum(v / len(x) * math.log2(v / len(x)) for v in c.values())


def cat_chars(c):
    if c == CATEGORY_DIGIT:
        return string.digits
    if c == CATEGORY_WORD:
        return string.ascii_letters + string.digits + "_"
    if c == CATEGORY_SPACE:
        return " "
    if c == CATEGORY_NOT_DIGIT:
        return string.ascii_letters
    if c == CATEGORY_NOT_WORD:
        return "-"
    if c == CATEGORY_NOT_SPACE:
        return string.ascii_letters
    return "x"


def in_chars(items):
    neg = False
    chars = []
    for op, av in items:
        if op == NEGATE:
            neg = True
        elif op == LITERAL:
            chars.append(chr(av))
        elif op == RANGE:
            chars.extend(chr(c) for c in range(av[0], av[1] + 1))
        elif op == CATEGORY:
            chars.extend(cat_chars(av))
    if neg:
        return [c for c in PRINT if c not in chars] or ["x"]
    return chars or ["x"]


def emit(tree):
    out = []
    for op, av in tree:
        if op == LITERAL:
            out.append(chr(av))
        elif op == NOT_LITERAL:
            out.append("x" if chr(av) != "x" else "y")
        elif op == ANY:
            out.append(rng.choice(string.ascii_letters))
        elif op == IN:
            out.append(rng.choice(in_chars(av)))
        elif op in (MAX_REPEAT, MIN_REPEAT, POSSESSIVE_REPEAT):
            lo, hi, sub = av
            if hi == MAXREPEAT:
                hi = lo + 1
            n = rng.randint(lo, hi)
            for _ in range(n):
                out.append(emit(sub))
        elif op == SUBPATTERN:
            out.append(emit(av[-1]))
        elif op == ATOMIC_GROUP:
            out.append(emit(av))
        elif op == BRANCH:
            out.append(emit(rng.choice(av[1])))
        elif op in (AT, ASSERT, ASSERT_NOT, GROUPREF):
            pass
        elif op == CATEGORY:
            out.append(rng.choice(cat_chars(av)))
        else:
            raise ValueError(f"regex op {op}")
    return "".join(out)


SAMPLES = [
    '{i}Token="{s}"', '{i}Token = "{s}"', "{i}Token={s}", "{i}Token = {s}",
    '{\n    "{i}_token": "{s}"\n}', '{"config.ini": "{I}_TOKEN={s}\\nBACKUP_ENABLED=true"}',
    "<{i}Token>\n    {s}\n</{i}Token>", "{i}_token: {s}", "{i}_token: '{s}'", '{i}_token: "{s}"',
    'string {i}Token = "{s}";', 'var {i}Token string = "{s}"', '{i}Token := "{s}"', "{i}Token := `{s}`",
    'String {i}Token = "{s}";', 'var {i}Token = "{s}"', '${i}Token .= "{s}"', "{i}Token = '{s}'",
    '{i}Token = "{s}"', 'System.setProperty("{I}_TOKEN", "{s}")', '  "{i}Token" => "{s}"',
    '{i}_TOKEN = "{s}"', '{i}_TOKEN := "{s}"', '{i}_TOKEN ::= "{s}"', '{i}_TOKEN :::= "{s}"',
    '{i}_TOKEN ?= "{s}"',
]


def sample_secrets(i, s):
    return [t.replace("{i}", i).replace("{I}", i.upper()).replace("{s}", s) for t in SAMPLES]


TOK = re.compile(
    r'(?P<ws>\s+)|(?P<lc>//[^\n]*)|(?P<bc>/\*.*?\*/)|(?P<raw>`[^`]*`)|(?P<str>"(?:[^"\\\n]|\\.)*")'
    r"|(?P<chr>'(?:[^'\\]|\\.)+')|(?P<num>\d+(?:\.\d+)?)|(?P<id>[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)"
    r"|(?P<op>\.\.\.|:=|\[\]|==|!=|&&|\|\||[-+*/(){}\[\],;=:&.<>!])",
    re.S,
)


GO_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", '"': '"', "'": "'", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}


def unquote(lit):
    """A Go interpreted string literal's value (no evaluation of the text)."""
    body = lit[1:-1]

    def one(m):
        e = m.group(1)
        if e[0] in "xuU":
            return chr(int(e[1:], 16))
        if e[0] in "01234567":
            return chr(int(e, 8))
        return GO_ESCAPES.get(e, e)

    return re.sub(r"\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{3}|.)", one, body)


def tokens(src):
    out = []
    pos = 0
    while pos < len(src):
        m = TOK.match(src, pos)
        if not m:
            raise ValueError(f"token at {src[pos:pos+30]!r}")
        pos = m.end()
        k = m.lastgroup
        if k in ("ws", "lc", "bc"):
            continue
        v = m.group()
        if k == "raw":
            out.append(("s", v[1:-1]))
        elif k == "str":
            out.append(("s", unquote(v)))
        else:
            out.append((k, v))
    return out


class Unknown(Exception):
    pass


class Ev:
    def __init__(self, toks):
        self.t = toks
        self.i = 0
        self.vars = {}

    def peek(self, k=0):
        return self.t[self.i + k] if self.i + k < len(self.t) else ("eof", "")

    def eat(self, v=None):
        tok = self.t[self.i]
        if v is not None and tok[1] != v:
            raise Unknown(f"expected {v} got {tok}")
        self.i += 1
        return tok

    def expr(self):
        v = self.primary()
        while self.peek()[1] == "+":
            self.eat()
            w = self.primary()
            if isinstance(v, str) and isinstance(w, str):
                v = v + w
            else:
                v = None
        return v

    def args(self):
        self.eat("(")
        out = []
        while self.peek()[1] != ")":
            v = self.expr()
            spread = False
            if self.peek()[1] == "...":
                self.eat()
                spread = True
            out.append((v, spread))
            if self.peek()[1] == ",":
                self.eat()
        self.eat(")")
        return out

    def primary(self):
        k, v = self.eat()
        if k == "s":
            return v
        if k == "num":
            return float(v) if "." in v else int(v)
        if v == "(":
            x = self.expr()
            self.eat(")")
            return x
        if v == "[]":
            _, ty = self.eat()
            if self.peek()[1] == "(":
                a = self.args()
                return a[0][0]
            self.eat("{")
            items = []
            while self.peek()[1] != "}":
                if self.peek()[1] == "{":
                    self.skip_braces()
                    items.append(None)
                else:
                    items.append(self.expr())
                if self.peek()[1] == ",":
                    self.eat()
            self.eat("}")
            return [x for x in items if isinstance(x, str)] if ty == "string" else None
        if k == "id" and v == "map" and self.peek()[1] == "[":
            # map[string]string{"path": "text", ...}: samples with the path they are checked at.
            while self.peek()[1] != "{":
                self.eat()
            self.eat("{")
            items = []
            while self.peek()[1] != "}":
                path = self.expr()
                self.eat(":")
                text = self.expr()
                if isinstance(path, str) and isinstance(text, str):
                    items.append((path, text))
                if self.peek()[1] == ",":
                    self.eat()
            self.eat("}")
            return items
        if k == "id":
            if self.peek()[1] == "(":
                a = self.args()
                return self.call(v, a)
            if self.peek()[1] == "{":
                self.skip_braces()
                return None
            return self.vars.get(v)
        raise Unknown(f"primary {k} {v}")

    def skip_braces(self):
        depth = 0
        while True:
            k, v = self.eat()
            if v == "{":
                depth += 1
            elif v == "}":
                depth -= 1
                if depth == 0:
                    return

    def call(self, f, a):
        vals = [x for x, _ in a]
        short = f.split(".")[-1]
        pat = {
            "Numeric": "[0-9]{%s}", "Hex": "[a-f0-9]{%s}", "AlphaNumeric": "[a-z0-9]{%s}",
            "AlphaNumericExtendedShort": "[a-z0-9_-]{%s}", "AlphaNumericExtended": r"[a-z0-9=_\-]{%s}",
            "AlphaNumericExtendedLong": r"[a-z0-9\/=_\+\-]{%s}",
        }
        if any(x is None for x in vals) and f not in ("append",):
            return None
        if f.startswith("utils.") and short in pat:
            return pat[short] % vals[0]
        if short == "Hex8_4_4_4_12":
            return "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
        if f == "secrets.NewSecret":
            return gen(vals[0])
        if f == "secrets.NewSecretWithEntropy":
            for _ in range(200):
                x = gen(vals[0])
                if shannon(x) >= float(vals[1]):
                    return x
            return x
        if f == "utils.GenerateSampleSecrets":
            return sample_secrets(vals[0], vals[1])
        if f == "utils.GenerateSampleSecret":
            return f'{vals[0]}_api_token = "{vals[1]}"'
        if f == "append":
            base = vals[0] if isinstance(vals[0], list) else []
            out = list(base)
            for x, spread in a[1:]:
                if spread and isinstance(x, list):
                    out.extend(x)
                elif isinstance(x, str):
                    out.append(x)
            return out
        if f == "base64.StdEncoding.EncodeToString":
            return base64.b64encode(vals[0].encode()).decode()
        if f == "base64.URLEncoding.EncodeToString":
            return base64.urlsafe_b64encode(vals[0].encode()).decode()
        if f == "base64.RawURLEncoding.EncodeToString":
            return base64.urlsafe_b64encode(vals[0].encode()).decode().rstrip("=")
        if f == "base64.RawStdEncoding.EncodeToString":
            return base64.b64encode(vals[0].encode()).decode().rstrip("=")
        if f == "strings.Repeat":
            return vals[0] * vals[1]
        if f == "strings.ToUpper":
            return vals[0].upper()
        if f == "strings.ToLower":
            return vals[0].lower()
        if f == "fmt.Sprintf":
            fmt = vals[0]
            rest = list(vals[1:])
            return re.sub(r"%[sdv]", lambda m: str(rest.pop(0)), fmt)
        if f in ("string", "byte"):
            return vals[0]
        return None


def functions(src):
    """(name, body) of every `func Name() *config.Rule`: the text up to the next top-level
    declaration (a raw string may hold a line that starts with `}`)."""
    heads = list(re.finditer(r"^func (\w+)\(\) \*config\.Rule \{\n", src, re.M))
    for m in heads:
        nxt = re.compile(r"^(?:func |package |var |const |type )", re.M).search(src, m.end())
        yield m.group(1), src[m.end() : nxt.start() if nxt else len(src)]


def run_body(name, body):
    rid = re.search(r'RuleID:\s*"([^"]+)"', body)
    rid = rid.group(1) if rid else name
    ev = Ev(tokens(body))
    tps = fps = None
    while ev.i < len(ev.t):
        k, v = ev.peek()
        try:
            if k == "id" and ev.peek(1)[1] in (":=", "="):
                ev.i += 2
                ev.vars[v] = ev.expr()
                continue
            if v == "var" and ev.peek(1)[1] == "(":
                ev.i += 2
                while ev.peek()[1] != ")":
                    n = ev.eat()[1]
                    ev.eat("=")
                    ev.vars[n] = ev.expr()
                ev.eat(")")
                continue
            if k == "id" and v in ("utils.Validate", "utils.ValidateWithPaths"):
                ev.i += 1
                a = ev.args()
                tps, fps = a[1][0], a[2][0]
                continue
        except Unknown:
            pass
        except (IndexError, ValueError, KeyError, TypeError):
            pass
        ev.i += 1
    return rid, tps, fps



def from_go(paths):
    out = []
    failed = []
    for path in paths:
        src = open(path, encoding="utf-8").read()
        for name, body in functions(src):
            try:
                rid, tps, fps = run_body(name, body)
            except ValueError as e:
                failed.append(f"{name}: {e}")
                continue
            if not isinstance(tps, list):
                failed.append(f"{name}: samples not understood")
                tps = []
            for kind, texts in (("tp", tps), ("fp", fps if isinstance(fps, list) else [])):
                for t in texts:
                    if isinstance(t, tuple):
                        out.append({"rule": rid, "kind": kind, "text": t[1], "at": t[0]})
                    else:
                        out.append({"rule": rid, "kind": kind, "text": t})
    return out, failed


def from_yaml(root):
    import yaml

    out = []
    failed = []
    for f in sorted(glob.glob(os.path.join(root, "*.yml"))):
        try:
            doc = yaml.safe_load(open(f, encoding="utf-8")) or {}
        except yaml.YAMLError as e:
            failed.append(f"{f}: {e}")
            continue
        for r in doc.get("rules") or []:
            for kind, key in (("tp", "examples"), ("fp", "negative_examples")):
                out += [{"rule": r.get("id"), "kind": kind, "text": ex.rstrip("\n")} for ex in r.get(key) or []]
    return out, failed


def make_repo(samples, out, ext):
    """One file per sample under app/pos or app/neg, in a repository whose commit `base` is
    empty and whose HEAD adds them all."""
    manifest = []
    count = collections.Counter()
    for s in samples:
        slug = re.sub(r"[^a-z0-9]+", "_", s["rule"].lower())
        n = count[(slug, s["kind"])]
        count[(slug, s["kind"])] += 1
        path = f"app/{'pos' if s['kind'] == 'tp' else 'neg'}/{slug}_{n}.{ext}"
        if s.get("at"):
            # A sample checked at a path of its own (`nuget.config`, `id_rsa`) keeps it.
            path = f"app/{'pos' if s['kind'] == 'tp' else 'neg'}/{slug}_{n}/{s['at'].lstrip('/')}"
        os.makedirs(os.path.join(out, os.path.dirname(path)), exist_ok=True)
        with open(os.path.join(out, path), "w", encoding="utf-8") as fh:
            fh.write(s["text"] + "\n")
        manifest.append({**s, "path": path})
    git = ["git", "-C", out, "-c", "user.name=bench", "-c", "user.email=bench@localhost"]
    subprocess.run(["git", "init", "-q", out], check=True)
    subprocess.run(git + ["commit", "-q", "--allow-empty", "-m", "base"], check=True)
    subprocess.run(git + ["tag", "base"], check=True)
    subprocess.run(git + ["add", "-A"], check=True)
    subprocess.run(git + ["commit", "-q", "-m", "samples"], check=True)
    with open(os.path.join(out, ".git", "samples.json"), "w") as fh:
        json.dump(manifest, fh)


def score(repo, report, misses):
    manifest = json.load(open(os.path.join(repo, ".git", "samples.json")))
    by = collections.defaultdict(list)
    for f in json.load(open(report)).get("findings", []):
        by[f.get("file")].append(f)
    blocks = lambda m: any(f.get("r", 0) >= 8.5 for f in by.get(m["path"], []))
    pos = [m for m in manifest if m["kind"] == "tp"]
    neg = [m for m in manifest if m["kind"] == "fp"]
    found = sum(1 for m in pos if by.get(m["path"]))
    blocked = sum(1 for m in pos if blocks(m))
    print(f"  true samples  {len(pos):5}: found {found:5} ({found / max(len(pos), 1):.3f}), "
          f"blocking {blocked:5} ({blocked / max(len(pos), 1):.3f})")
    print(f"  false samples {len(neg):5}: reported {sum(1 for m in neg if by.get(m['path'])):5}, "
          f"blocking {sum(1 for m in neg if blocks(m)):5}")
    missed = collections.defaultdict(list)
    for m in pos:
        if not blocks(m):
            missed[m["rule"]].append(m)
    total = collections.Counter(m["rule"] for m in pos)
    for rule, ms in sorted(missed.items(), key=lambda x: -len(x[1]))[:misses]:
        got = sorted({r for f in by.get(ms[0]["path"], []) for r in f.get("rules", [])})
        print(f"    not blocking {len(ms):3}/{total[rule]:3} {rule}: {ms[0]['text'][:70]!r} {got}")


def main():
    args = sys.argv[1:]
    if not args:
        raise SystemExit(__doc__)
    cmd = args.pop(0)
    if cmd in ("go", "yaml"):
        out = args[args.index("--out") + 1]
        paths = [a for i, a in enumerate(args) if a != "--out" and (i == 0 or args[i - 1] != "--out")]
        samples, failed = from_go(paths) if cmd == "go" else from_yaml(paths[0])
        json.dump(samples, open(out, "w"))
        tps = sum(1 for s in samples if s["kind"] == "tp")
        print(f"{tps} true and {len(samples) - tps} false samples of "
              f"{len({s['rule'] for s in samples})} rules; {len(failed)} rules not understood", file=sys.stderr)
    elif cmd == "repo":
        make_repo(json.load(open(args[0])), args[1], args[2])
    elif cmd == "score":
        n = int(args[args.index("--misses") + 1]) if "--misses" in args else 0
        score(args[0], args[1], n)
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main()
