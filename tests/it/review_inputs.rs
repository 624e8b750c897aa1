//! One change, three inputs: `--staged`, `--range` and `--diff-file` read the same files and
//! give the same findings, bound to the same tree; a large change is read whole, one file at a
//! time.

use std::path::Path;

use serde_json::Value;

use crate::harness::{Run, TestEnv};

/// A credential of a known format, assembled so this file holds no literal key.
fn aws_key(n: usize) -> String {
    format!("AKIA{}{:04}", "Q7ZB3XK2LMNP", n % 10_000)
        .chars()
        .map(|c| match c {
            // The key id alphabet has no 0, 1, 8 or 9.
            '0' => 'A',
            '1' => 'B',
            '8' => 'C',
            '9' => 'D',
            c => c,
        })
        .collect()
}

fn review(env: &TestEnv, dir: &Path, args: &[&str]) -> (Run, Value) {
    let mut all = vec!["--json", "review", "--no-learn"];
    all.extend_from_slice(args);
    let r = env.wfc(dir, &all);
    let v = r.json();
    (r, v)
}

/// What must not depend on the input: every finding's place, rule, scores and fingerprint.
fn findings(v: &Value) -> Vec<String> {
    let mut out: Vec<String> = v["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            format!(
                "{} {} {} {} {} {} {} {}",
                f["file"],
                f["line_start"],
                f["line_end"],
                f["rules"],
                f["severity"],
                f["confidence"],
                f["weight"],
                f["fingerprint"]
            )
        })
        .collect();
    out.sort();
    out
}

fn files(v: &Value) -> Vec<String> {
    let mut out: Vec<String> = v["files"]
        .as_array()
        .expect("files")
        .iter()
        .map(|f| f.as_str().unwrap().to_string())
        .collect();
    out.sort();
    out
}

fn write(root: &Path, rel: &str, bytes: &[u8]) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, bytes).unwrap();
}

#[test]
fn staged_range_and_diff_file_agree_on_a_change_over_many_directories() {
    let env = TestEnv::new();
    let path = env.init_repo("repo");
    // The base: files the change will modify and delete.
    write(&path, "keep/config.py", b"import os\n\nDEBUG = False\n");
    write(&path, "keep/old.txt", b"to be removed\n");
    write(
        &path,
        "keep/tail.rs",
        b"fn a() {}\nfn b() {}\nfn c() {}\nfn d() {}\nfn e() {}\n",
    );
    env.git(&path, ["add", "-A"]).success();
    env.git(&path, ["commit", "-q", "-m", "base"]).success();
    env.git(&path, ["tag", "base"]).success();

    // The change: 240 new files in 120 directories two levels deep, a few with findings, and
    // the odd shapes a diff can take.
    for i in 0..240 {
        let dir = format!("pkg{:02}/mod{:03}", i % 12, i % 120);
        let mut text = format!("pub fn f{i}() -> u32 {{\n    {i}\n}}\n");
        if i % 40 == 7 {
            text.push_str(&format!("const KEY: &str = \"{}\";\n", aws_key(i)));
        }
        if i % 60 == 11 {
            text.push_str("// TODO: tidy this\n");
        }
        write(&path, &format!("{dir}/f{i:03}.rs"), text.as_bytes());
    }
    write(
        &path,
        "keep/config.py",
        format!(
            "import os\n\nDEBUG = False\nAWS_ACCESS_KEY_ID = \"{}\"\n",
            aws_key(9001)
        )
        .as_bytes(),
    );
    write(
        &path,
        "keep/tail.rs",
        b"fn a() {}\nfn b() { todo!() }\nfn c() {}\nfn d() {}\nfn e() {}\n",
    );
    std::fs::remove_file(path.join("keep/old.txt")).unwrap();
    write(
        &path,
        "odd/no-newline.py",
        format!("X = \"{}\"", aws_key(77)).as_bytes(),
    );
    write(
        &path,
        "odd/crlf.py",
        format!("A = 1\r\nB = \"{}\"\r\n", aws_key(78)).as_bytes(),
    );
    write(&path, "odd/latin1.txt", b"caf\xe9 au lait\n");
    write(&path, "odd/blob.bin", b"\x00\x01\x02 not text");
    write(
        &path,
        "odd/sp ace \u{e9}.py",
        format!("K = \"{}\"\n", aws_key(79)).as_bytes(),
    );

    env.git(&path, ["add", "-A"]).success();
    let (r, staged) = review(&env, &path, &["--staged"]);
    r.code(1);
    assert_eq!(staged["mode"], "staged");
    let staged_tree = env.git(&path, ["write-tree"]).stdout.trim().to_string();
    assert_eq!(staged["tree_id"], staged_tree.as_str());

    env.git(&path, ["commit", "-q", "-m", "change"]).success();
    let (r, range) = review(&env, &path, &["--range", "base..HEAD"]);
    r.code(1);
    assert_eq!(range["mode"], "range");
    let head_tree = env
        .git(&path, ["rev-parse", "HEAD^{tree}"])
        .stdout
        .trim()
        .to_string();
    assert_eq!(range["tree_id"], head_tree.as_str());
    assert_eq!(staged_tree, head_tree);

    let patch = env.git(&path, ["diff", "base", "HEAD"]).stdout;
    let pfile = env.root.join("change.diff");
    std::fs::write(&pfile, &patch).unwrap();
    let (r, diff) = review(&env, &path, &["--diff-file", pfile.to_str().unwrap()]);
    r.code(1);
    assert_eq!(diff["mode"], "diff-file");
    assert!(diff["tree_id"].as_str().unwrap().starts_with("diff-"));

    // Every planted key is found, at its line, by every input.
    let keys: Vec<&Value> = range["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rules"].to_string().contains("aws-access-key"))
        .collect();
    assert_eq!(keys.len(), 6 + 1 + 3, "{:#}", range["findings"]);
    assert!(
        keys.iter()
            .any(|f| f["file"] == "keep/config.py" && f["line_start"] == 4)
    );
    assert!(
        keys.iter()
            .any(|f| f["file"] == "odd/no-newline.py" && f["line_start"] == 1)
    );
    assert!(
        keys.iter()
            .any(|f| f["file"] == "odd/crlf.py" && f["line_start"] == 2)
    );

    for (name, v) in [("staged", &staged), ("diff-file", &diff)] {
        assert_eq!(findings(v), findings(&range), "{name} and range differ");
        assert_eq!(files(v), files(&range), "{name} and range differ");
        assert_eq!(v["cs"], range["cs"], "{name}");
        assert_eq!(v["status"], range["status"], "{name}");
        for (a, b) in v["reviewers"]
            .as_array()
            .unwrap()
            .iter()
            .zip(range["reviewers"].as_array().unwrap())
        {
            assert_eq!((&a["id"], &a["status"]), (&b["id"], &b["status"]), "{name}");
        }
    }
    // 240 new files, two changed, one deleted, five odd ones.
    assert_eq!(files(&range).len(), 240 + 2 + 1 + 5, "{:?}", files(&range));
}

#[test]
fn a_large_change_is_read_whole_one_file_at_a_time() {
    let env = TestEnv::new();
    let path = env.init_repo("repo");
    env.git(&path, ["tag", "base"]).success();
    // 24 files of 3,000 lines (about 1.5 MB), one of them 20,000 lines: far more than the
    // reviewers are handed at once, and one file larger than a batch on its own. A key is planted near the start, in the middle and on the last line of
    // every fourth file.
    let mut planted = Vec::new();
    for i in 0..24usize {
        let lines = if i == 13 { 20_000 } else { 3_000 };
        let mut text = String::new();
        for l in 1..=lines {
            let key_here = l == 2 || l == lines / 2 || l == lines;
            if key_here && (i == 13 || i % 4 == 1) {
                text.push_str(&format!("KEY_{l} = \"{}\"\n", aws_key(i * 100 + l % 97)));
                planted.push((format!("big/part{i:02}.py"), l));
            } else {
                text.push_str(&format!("v{l} = f({l}, {i})\n"));
            }
        }
        write(&path, &format!("big/part{i:02}.py"), text.as_bytes());
    }
    env.git(&path, ["add", "-A"]).success();
    env.git(&path, ["commit", "-q", "-m", "large"]).success();

    let patch = env.git(&path, ["diff", "base", "HEAD"]).stdout;
    assert!(patch.len() > 1_500_000, "{}", patch.len());
    let pfile = env.root.join("large.diff");
    std::fs::write(&pfile, &patch).unwrap();

    for args in [
        vec!["--range", "base..HEAD"],
        vec!["--diff-file", pfile.to_str().unwrap()],
    ] {
        let (r, v) = review(&env, &path, &args);
        r.code(1);
        assert_eq!(files(&v).len(), 24, "{args:?}");
        let mut found: Vec<(String, u64)> = v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["rules"].to_string().contains("aws-access-key"))
            .map(|f| {
                (
                    f["file"].as_str().unwrap().to_string(),
                    f["line_start"].as_u64().unwrap(),
                )
            })
            .collect();
        found.sort();
        let mut want: Vec<(String, u64)> = planted
            .iter()
            .map(|(f, l)| (f.clone(), *l as u64))
            .collect();
        want.sort();
        assert_eq!(found, want, "{args:?}");
        // Every finding is on a line the reviewed tree has.
        assert!(
            v["findings"]
                .as_array()
                .unwrap()
                .iter()
                .all(|f| f["weight"] == 1.0),
            "{args:?}"
        );
    }
}

#[test]
fn a_diff_attribute_hides_no_credential_from_staged_or_working_tree_reviews() {
    let env = TestEnv::new();
    let path = env.init_repo("repo");
    // `-diff` makes git print "Binary files differ" for the file; the review reads its content.
    write(&path, ".gitattributes", b"*.py -diff\n");
    write(
        &path,
        "deploy.py",
        format!("AWS_ACCESS_KEY_ID = \"{}\"\n", aws_key(5)).as_bytes(),
    );
    env.git(&path, ["add", "-A"]).success();
    let (r, v) = review(&env, &path, &["--staged"]);
    r.code(1);
    assert_eq!(v["findings"][0]["file"], "deploy.py", "{v:#}");
    assert_eq!(v["findings"][0]["line_start"], 1);

    // The working tree too: a tracked file changed and a new untracked one.
    env.git(&path, ["commit", "-q", "-m", "deploy"]).success();
    write(
        &path,
        "deploy.py",
        format!(
            "AWS_ACCESS_KEY_ID = \"{}\"\nREGION = 1\nKEY2 = \"{}\"\n",
            aws_key(5),
            aws_key(6)
        )
        .as_bytes(),
    );
    write(
        &path,
        "later.py",
        format!("K = \"{}\"\n", aws_key(7)).as_bytes(),
    );
    let (r, v) = review(&env, &path, &[]);
    r.code(1);
    assert_eq!(v["mode"], "working-tree");
    let mut places: Vec<String> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| format!("{}:{}", f["file"].as_str().unwrap(), f["line_start"]))
        .collect();
    places.sort();
    assert_eq!(places, ["deploy.py:3", "later.py:1"], "{v:#}");
}

/// A review of a commit or of the staged change reads the blobs, whatever the checkout holds
/// since: a file edited after the commit (to as many bytes), turned into a link, or staged and
/// then edited, hides nothing.
#[test]
fn a_checkout_edited_after_the_commit_hides_nothing_from_range_or_staged_reviews() {
    let env = TestEnv::new();
    let path = env.init_repo("repo");
    write(&path, "README.md", b"base\n");
    env.git(&path, ["add", "-A"]).success();
    env.git(&path, ["commit", "-q", "-m", "base"]).success();
    env.git(&path, ["tag", "base"]).success();
    for i in 0..24 {
        write(
            &path,
            &format!("src/m{i:02}.py"),
            format!("def f{i}():\n    return {i}\n").as_bytes(),
        );
    }
    let key = aws_key(7);
    let line = format!("KEY = \"{key}\"\n");
    let blank = format!("KEY = \"{}\"\n", "x".repeat(key.len()));
    write(&path, "src/creds.py", line.as_bytes());
    write(
        &path,
        "src/m05.py",
        format!("def g():\n    {line}").as_bytes(),
    );
    env.git(&path, ["add", "-A"]).success();
    env.git(&path, ["commit", "-q", "-m", "change"]).success();

    let (_, pristine) = review(&env, &path, &["--range", "base..HEAD"]);
    let want = findings(&pristine);
    assert!(
        want.iter().any(|f| f.contains("src/creds.py"))
            && want.iter().any(|f| f.contains("src/m05.py")),
        "{want:#?}"
    );

    // The credential edited out of the checkout, to as many bytes; the other file a link.
    write(&path, "src/creds.py", blank.as_bytes());
    std::fs::remove_file(path.join("src/m05.py")).unwrap();
    std::os::unix::fs::symlink("creds.py", path.join("src/m05.py")).unwrap();
    let (_, edited) = review(&env, &path, &["--range", "base..HEAD"]);
    assert_eq!(findings(&edited), want);
    assert_eq!(edited["tree_id"], pristine["tree_id"]);

    // Staged, then edited out of the checkout before the review.
    env.git(&path, ["checkout", "-q", "--", "."]).success();
    write(&path, "src/later.py", line.as_bytes());
    env.git(&path, ["add", "src/later.py"]).success();
    write(&path, "src/later.py", blank.as_bytes());
    let (_, staged) = review(&env, &path, &["--staged"]);
    let got = findings(&staged);
    assert!(got.iter().any(|f| f.contains("src/later.py")), "{got:#?}");
    assert_eq!(files(&staged), vec!["src/later.py".to_string()]);
}
