//! What kind of file a path is: its language family, and whether it is a test or generated file.

/// A language family. Rules and reviewers name the families they apply to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    Python,
    /// JavaScript and TypeScript, including JSX/TSX, Vue and Svelte files.
    JavaScript,
    Rust,
    Go,
    /// Java, Kotlin, Scala, Groovy.
    Jvm,
    CSharp,
    /// C, C++, Objective-C.
    C,
    Php,
    Ruby,
    /// Shell scripts, Dockerfiles and Makefiles.
    Shell,
    Swift,
    Sql,
    /// YAML, JSON, TOML, INI, properties, XML, Terraform, `.env*` and similar.
    Config,
    /// Markdown, reStructuredText, AsciiDoc, plain text.
    Docs,
    /// Anything else (still scanned for secrets when it is text).
    Other,
}

impl Lang {
    pub const ALL: [Lang; 15] = [
        Lang::Python,
        Lang::JavaScript,
        Lang::Rust,
        Lang::Go,
        Lang::Jvm,
        Lang::CSharp,
        Lang::C,
        Lang::Php,
        Lang::Ruby,
        Lang::Shell,
        Lang::Swift,
        Lang::Sql,
        Lang::Config,
        Lang::Docs,
        Lang::Other,
    ];

    pub const fn bit(self) -> u32 {
        1 << self as u32
    }

    pub fn name(self) -> &'static str {
        match self {
            Lang::Python => "python",
            Lang::JavaScript => "javascript",
            Lang::Rust => "rust",
            Lang::Go => "go",
            Lang::Jvm => "jvm",
            Lang::CSharp => "csharp",
            Lang::C => "c",
            Lang::Php => "php",
            Lang::Ruby => "ruby",
            Lang::Shell => "shell",
            Lang::Swift => "swift",
            Lang::Sql => "sql",
            Lang::Config => "config",
            Lang::Docs => "docs",
            Lang::Other => "other",
        }
    }

    /// The family of a repository-relative path, by file name and extension.
    pub fn of_path(path: &str) -> Lang {
        let name = path.rsplit('/').next().unwrap_or(path);
        let lower = name.to_ascii_lowercase();
        if lower == ".env" || lower.starts_with(".env.") || lower.ends_with(".env") {
            return Lang::Config;
        }
        match lower.as_str() {
            "dockerfile" | "containerfile" | "makefile" | "gnumakefile" | ".bashrc" | ".zshrc"
            | ".profile" | ".bash_profile" => return Lang::Shell,
            "rakefile" | "gemfile" | "podfile" | "vagrantfile" => return Lang::Ruby,
            ".npmrc" | ".pypirc" | ".netrc" | ".yarnrc" | ".gitconfig" | ".htpasswd"
            | ".dockercfg" | "credentials" => return Lang::Config,
            _ => {}
        }
        if lower.starts_with("dockerfile.") || lower.ends_with(".dockerfile") {
            return Lang::Shell;
        }
        let ext = match lower.rsplit_once('.') {
            Some((stem, ext)) if !stem.is_empty() => ext,
            _ => return Lang::Other,
        };
        match ext {
            "py" | "pyw" | "pyi" => Lang::Python,
            "js" | "jsx" | "mjs" | "cjs" | "ts" | "tsx" | "mts" | "cts" | "vue" | "svelte" => {
                Lang::JavaScript
            }
            "rs" => Lang::Rust,
            "go" => Lang::Go,
            "java" | "kt" | "kts" | "scala" | "groovy" | "gradle" => Lang::Jvm,
            "cs" => Lang::CSharp,
            "c" | "h" | "cc" | "cpp" | "cxx" | "hpp" | "hh" | "hxx" | "m" | "mm" => Lang::C,
            "php" => Lang::Php,
            "rb" | "rake" | "gemspec" => Lang::Ruby,
            "sh" | "bash" | "zsh" | "ksh" | "mk" => Lang::Shell,
            "swift" => Lang::Swift,
            "sql" => Lang::Sql,
            "yml" | "yaml" | "json" | "jsonc" | "toml" | "ini" | "cfg" | "conf" | "properties"
            | "env" | "xml" | "tf" | "tfvars" | "hcl" | "plist" | "config" | "pem" | "key"
            | "p8" | "ppk" => Lang::Config,
            // Plain text (`notes.txt`, `credentials.txt`, pasted output) is not documentation:
            // credentials there are read as anywhere else.
            "md" | "markdown" | "rst" | "adoc" | "asciidoc" => Lang::Docs,
            _ => Lang::Other,
        }
    }
}

/// A set of language families.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Langs(pub u32);

impl Langs {
    pub const NONE: Langs = Langs(0);
    pub const PY: Langs = Langs(Lang::Python.bit());
    pub const JS: Langs = Langs(Lang::JavaScript.bit());
    pub const RS: Langs = Langs(Lang::Rust.bit());
    pub const GO: Langs = Langs(Lang::Go.bit());
    pub const JVM: Langs = Langs(Lang::Jvm.bit());
    pub const CS: Langs = Langs(Lang::CSharp.bit());
    pub const C: Langs = Langs(Lang::C.bit());
    pub const PHP: Langs = Langs(Lang::Php.bit());
    pub const RB: Langs = Langs(Lang::Ruby.bit());
    pub const SH: Langs = Langs(Lang::Shell.bit());
    pub const SWIFT: Langs = Langs(Lang::Swift.bit());
    pub const SQL: Langs = Langs(Lang::Sql.bit());
    pub const CONFIG: Langs = Langs(Lang::Config.bit());
    pub const DOCS: Langs = Langs(Lang::Docs.bit());
    pub const OTHER: Langs = Langs(Lang::Other.bit());
    /// Programming languages with their own syntax (not shell, SQL, config or docs).
    pub const PROGRAMS: Langs = Langs(
        Langs::PY.0
            | Langs::JS.0
            | Langs::RS.0
            | Langs::GO.0
            | Langs::JVM.0
            | Langs::CS.0
            | Langs::C.0
            | Langs::PHP.0
            | Langs::RB.0
            | Langs::SWIFT.0,
    );
    /// Languages whose comments and strings use `//`, `/* */` and C-like quoting.
    pub const C_LIKE: Langs = Langs(
        Langs::JS.0
            | Langs::JVM.0
            | Langs::CS.0
            | Langs::C.0
            | Langs::PHP.0
            | Langs::SWIFT.0
            | Langs::GO.0
            | Langs::RS.0,
    );
    /// Every family.
    pub const ANY: Langs = Langs((1 << Lang::ALL.len()) - 1);

    pub const fn or(self, other: Langs) -> Langs {
        Langs(self.0 | other.0)
    }

    pub const fn without(self, other: Langs) -> Langs {
        Langs(self.0 & !other.0)
    }

    pub const fn contains(self, lang: Lang) -> bool {
        self.0 & lang.bit() != 0
    }

    /// The families in this set, for documentation.
    pub fn names(self) -> Vec<&'static str> {
        Lang::ALL
            .iter()
            .filter(|l| self.contains(**l))
            .map(|l| l.name())
            .collect()
    }
}

/// A test file or fixture, judged by its path: a `test`, `tests`, `__tests__`, `spec`, `testdata`,
/// `fixtures` or `testing` folder, or a test-named file (`test_*.py`, `*_test.go`, `*.test.js`,
/// `*.spec.ts`, `conftest.py`, `tests.py`).
pub fn is_test_path(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    let mut parts = lower.split('/').collect::<Vec<_>>();
    let name = parts.pop().unwrap_or("");
    if parts.iter().any(|p| {
        matches!(
            *p,
            "test"
                | "tests"
                | "__tests__"
                | "__mocks__"
                | "spec"
                | "specs"
                | "testdata"
                | "test_data"
                | "test-data"
                | "fixtures"
                | "__fixtures__"
                | "testing"
                | "e2e"
                | "benches"
        )
    }) {
        return true;
    }
    let stem = name.split('.').next().unwrap_or(name);
    name == "conftest.py"
        || stem == "test"
        || stem == "tests"
        || name.starts_with("test_")
        || stem.ends_with("_test")
        || stem.ends_with("_tests")
        || stem.ends_with("_spec")
        || name.contains(".test.")
        || name.contains(".spec.")
}

/// A Rust attribute that makes what follows test-only: `#[cfg(test)]`, `#[cfg(all(test, ...))]`.
pub fn is_rust_test_cfg(line: &str) -> bool {
    let t = super::rule::trim_start(line);
    t.starts_with("#[cfg(test)]")
        || t.starts_with("#[cfg(all(test,")
        || t.starts_with("#[cfg(all(test ")
}

/// A Rust inline module line (`mod x {`, `pub mod x`, `pub(crate) mod x`); not a declaration of
/// a module in another file (`mod tests;`), after which the file goes on with other code.
pub fn is_rust_mod_line(line: &str) -> bool {
    let t = super::rule::trim_start(line).trim_end();
    (t.starts_with("mod ") || t.starts_with("pub mod ") || t.starts_with("pub(crate) mod "))
        && !t.ends_with(';')
}

/// A git hunk header's context (the line git shows after `@@ ... @@`) that opens a Rust test
/// module by its conventional name: the hunk is inside it.
pub fn is_rust_test_mod_context(context: &str) -> bool {
    let t = context.trim_start();
    let t = t
        .strip_prefix("pub(crate) ")
        .or_else(|| t.strip_prefix("pub "))
        .unwrap_or(t);
    let Some(name) = t.strip_prefix("mod ") else {
        return false;
    };
    let name: String = name
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    matches!(name.as_str(), "test" | "tests")
}

/// The repository's own build, release and CI scripts (`scripts/`, `tools/`, `bin/`, `ci/`,
/// `.github/`, `setup.py`, `noxfile.py`, `tasks.py`, a Rakefile, a Gruntfile...): the values they
/// interpolate into commands are the maintainers' own (versions, tags, paths of the checkout).
pub fn is_script_path(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    let mut parts = lower.split('/').collect::<Vec<_>>();
    let name = parts.pop().unwrap_or("");
    // `bin/` at the top only: `src/bin/` holds a Rust program's own sources.
    parts.first() == Some(&"bin")
        || parts.iter().any(|p| {
            matches!(
                *p,
                "scripts" | "script" | "tools" | "tool" | "ci" | ".ci" | ".github" | "hack"
            )
        })
        || matches!(
            name,
            "setup.py"
                | "noxfile.py"
                | "tasks.py"
                | "fabfile.py"
                | "dodo.py"
                | "rakefile"
                | "gruntfile.js"
                | "gulpfile.js"
                | "jakefile.js"
                | "build.rs"
                | "magefile.go"
        )
        || name.ends_with(".rake")
}

/// Where a debugger call is the point rather than a leftover: examples, and a developer console
/// (a Rakefile or `.rake` task, `bin/console`, `script/console`).
pub fn is_example_or_console_path(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    let mut parts = lower.split('/').collect::<Vec<_>>();
    let name = parts.pop().unwrap_or("");
    let dir = parts.last().copied().unwrap_or("");
    parts.iter().any(|p| matches!(*p, "examples" | "example"))
        || name == "rakefile"
        || name.ends_with(".rake")
        || (matches!(dir, "bin" | "script") && name.starts_with("console"))
}

/// A generated, vendored or minified file, where code rules (not secrets) are pointless.
pub fn is_generated_path(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    let name = lower.rsplit('/').next().unwrap_or(&lower);
    name.ends_with(".min.js")
        || name.ends_with(".min.css")
        || name.ends_with(".min.mjs")
        || name.ends_with(".map")
        || name.ends_with(".bundle.js")
        || name.ends_with(".lock")
        || name == "package-lock.json"
        || name == "pnpm-lock.yaml"
        || name == "npm-shrinkwrap.json"
        || name.ends_with(".pb.go")
        || name.ends_with("_pb2.py")
        || name.ends_with(".snap")
        || lower.split('/').any(|p| {
            matches!(
                p,
                "node_modules"
                    | "vendor"
                    | "_vendor"
                    | "third_party"
                    | "dist"
                    | "min"
                    | "site-packages"
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_by_name_and_extension() {
        assert_eq!(Lang::of_path("src/main.rs"), Lang::Rust);
        assert_eq!(Lang::of_path("a/b.PY"), Lang::Python);
        assert_eq!(Lang::of_path("web/App.tsx"), Lang::JavaScript);
        assert_eq!(Lang::of_path(".env"), Lang::Config);
        assert_eq!(Lang::of_path("deploy/.env.production"), Lang::Config);
        assert_eq!(Lang::of_path("prod.env"), Lang::Config);
        assert_eq!(Lang::of_path("Dockerfile"), Lang::Shell);
        assert_eq!(Lang::of_path("infra/main.tf"), Lang::Config);
        assert_eq!(Lang::of_path("README.md"), Lang::Docs);
        assert_eq!(Lang::of_path("notes/credentials.txt"), Lang::Other);
        assert_eq!(Lang::of_path("LICENSE"), Lang::Other);
        assert_eq!(Lang::of_path(".gitignore"), Lang::Other);
    }

    #[test]
    fn test_and_generated_paths() {
        assert!(is_test_path("tests/it/main.rs"));
        assert!(is_test_path("pkg/test_views.py"));
        assert!(is_test_path("pkg/server_test.go"));
        assert!(is_test_path("web/app.spec.ts"));
        assert!(is_test_path("web/__tests__/app.js"));
        assert!(!is_test_path("src/review/builtin/mod.rs"));
        assert!(!is_test_path("src/attestation.rs"));
        assert!(!is_test_path("src/contest.py"));
        assert!(is_generated_path("static/app.min.js"));
        assert!(is_generated_path("Cargo.lock"));
        assert!(is_generated_path("web/node_modules/x/index.js"));
        assert!(is_generated_path("src/pip/_vendor/pyparsing/core.py"));
        assert!(is_script_path("bin/sponsors.js"));
        assert!(is_script_path(".github/scripts/release.py"));
        assert!(is_script_path("setup.py"));
        assert!(is_script_path("lib/tasks/db.rake"));
        assert!(!is_script_path(
            "src/pip/_internal/commands/configuration.py"
        ));
        assert!(!is_script_path("lib/binary.rb"));
        assert!(!is_script_path("src/bin/server.rs"));
        assert!(is_example_or_console_path("examples/example_basic.rb"));
        assert!(is_example_or_console_path("Rakefile"));
        assert!(is_example_or_console_path("bin/console"));
        assert!(!is_example_or_console_path("lib/pry/commands/input.rb"));
        assert!(!is_example_or_console_path("bin/rg"));
        assert!(!is_generated_path("src/lib.rs"));
    }

    #[test]
    fn lang_sets() {
        assert!(Langs::ANY.contains(Lang::Other));
        assert!(Langs::PROGRAMS.contains(Lang::Rust));
        assert!(!Langs::PROGRAMS.contains(Lang::Config));
        assert!(!Langs::ANY.without(Langs::DOCS).contains(Lang::Docs));
        assert_eq!(Langs::PY.or(Langs::RS).names(), vec!["python", "rust"]);
    }
}
