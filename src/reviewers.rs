//! The one registry of built-in reviewers: their ids and what each looks for. Configuration,
//! knowledge, policy and the rule engine all read the ids from here.

/// A built-in reviewer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Builtin {
    Security,
    Correctness,
    Performance,
    Maintainability,
    Reliability,
}

impl Builtin {
    pub const ALL: [Builtin; 5] = [
        Builtin::Security,
        Builtin::Correctness,
        Builtin::Performance,
        Builtin::Maintainability,
        Builtin::Reliability,
    ];

    pub const fn id(self) -> &'static str {
        match self {
            Builtin::Security => "security",
            Builtin::Correctness => "correctness",
            Builtin::Performance => "performance",
            Builtin::Maintainability => "maintainability",
            Builtin::Reliability => "reliability",
        }
    }

    /// The reviewer with this id (exact, lower case).
    pub fn from_id(id: &str) -> Option<Builtin> {
        Builtin::ALL.into_iter().find(|b| b.id() == id)
    }

    /// What this reviewer looks for, in one paragraph (used in reviewer prompts).
    pub fn instructions(self) -> &'static str {
        match self {
            Builtin::Security => {
                "You are the security reviewer. Look for credentials committed in any file \
                 (cloud keys, GitHub/GitLab/Slack/Stripe and other API tokens, private keys, \
                 passwords in code, configuration or URLs), injection (SQL built by string \
                 formatting, shell commands built from input, eval/exec of input), disabled \
                 TLS or JWT verification, unsafe deserialisation such as yaml.load without a \
                 safe loader, world-writable permissions and scripts piped from the network into \
                 a shell. Report only what the added lines really do; never repeat a secret \
                 value in a finding."
            }
            Builtin::Correctness => {
                "You are the correctness reviewer. Look for code that is wrong as written: merge \
                 conflict markers, comparisons that are always true or false (NaN, typeof \
                 against undefined, `is` with a literal, a parenthesised tuple in assert, a \
                 constant assigned inside a condition), focused tests that skip the rest of a \
                 suite, async callbacks that are never awaited, shared mutable default \
                 arguments, and logic errors, off-by-one mistakes and broken edge cases in the \
                 changed code."
            }
            Builtin::Performance => {
                "You are the performance reviewer. Look for work repeated needlessly: constant \
                 regular expressions compiled inside loops, blocking sleeps in async code, \
                 collecting iterators only to count them, deep copies through JSON, SELECT * \
                 queries, queries or I/O issued once per item of a loop (N+1), quadratic \
                 algorithms on inputs that can grow, and large allocations or copies on hot \
                 paths. Name the cost and the cheaper alternative."
            }
            Builtin::Maintainability => {
                "You are the maintainability reviewer. Look for what makes the code harder to \
                 keep right: TODO/FIXME notes without an owner or issue, debugging output left \
                 in application code, wildcard imports, blanket lint or type-check \
                 suppressions, very long lines, duplicated logic, unclear names, functions that \
                 do too much, and missing tests or documentation for new behaviour."
            }
            Builtin::Reliability => {
                "You are the reliability reviewer. Look for debugger leftovers that stop or \
                 clutter the shipped program (breakpoint(), pdb.set_trace(), debugger;, dbg!, \
                 binding.pry outside tests), and for failures that are hidden or unbounded: \
                 exceptions and errors caught and ignored (empty except/catch, \
                 promise rejections swallowed), network calls without timeouts, panics on \
                 ordinary I/O failures (unwrap on file or socket operations), shell commands \
                 that can remove more than meant, missing retries or cleanup on error paths, \
                 and resources that are not released."
            }
        }
    }
}

impl std::fmt::Display for Builtin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

/// The ids of the built-in reviewers, in their order.
pub const IDS: [&str; 5] = [
    Builtin::ALL[0].id(),
    Builtin::ALL[1].id(),
    Builtin::ALL[2].id(),
    Builtin::ALL[3].id(),
    Builtin::ALL[4].id(),
];
