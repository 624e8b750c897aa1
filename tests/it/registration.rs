//! Fails when a test file under tests/it is not declared in main.rs (it would silently not run).

#[test]
fn every_test_file_is_registered() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it");
    let main = std::fs::read_to_string(dir.join("main.rs")).unwrap();
    let mut missing = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("rs") {
            continue;
        }
        let stem = path.file_stem().unwrap().to_str().unwrap().to_string();
        if stem == "main" {
            continue;
        }
        if !main.lines().any(|l| l.trim() == format!("mod {stem};")) {
            missing.push(stem);
        }
    }
    assert!(
        missing.is_empty(),
        "not declared in tests/it/main.rs: {missing:?}"
    );
}
