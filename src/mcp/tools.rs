//! The tools `wfc mcp` serves: their JSON schemas, and how a call's arguments become the command
//! line of the same command with `--json`, so that a tool's structured result is the CLI's JSON
//! document (an array wrapped in an object, which MCP requires, under the key the tool names).

use serde_json::{Map, Value, json};

/// How one argument is written on the command line.
#[derive(Debug, Clone, Copy)]
pub enum Arg {
    /// `--flag=<string>`.
    Text(&'static str),
    /// `--flag=<string>`, one of a fixed set.
    Choice(&'static str, &'static [&'static str]),
    /// `--flag` when true.
    Flag(&'static str),
    /// `--flag=<non-negative integer>`.
    Count(&'static str),
    /// `--flag=a,b,c` from an array of strings.
    List(&'static str),
    /// `--flag a b c` from an array of strings (each after its own `--flag=`).
    Each(&'static str),
    /// A positional value (after `--`).
    Positional,
    /// A string fed on stdin, with this flag naming `-`.
    StdinText(&'static str),
    /// Any JSON value fed on stdin, with this flag naming `-`.
    StdinJson(&'static str),
}

/// One argument of a tool.
#[derive(Debug, Clone, Copy)]
pub struct Param {
    pub name: &'static str,
    pub arg: Arg,
    pub required: bool,
    pub description: &'static str,
}

const fn p(name: &'static str, arg: Arg, description: &'static str) -> Param {
    Param {
        name,
        arg,
        required: false,
        description,
    }
}

const fn req(name: &'static str, arg: Arg, description: &'static str) -> Param {
    Param {
        name,
        arg,
        required: true,
        description,
    }
}

/// One tool: its name, what it does, the command it runs and its arguments.
#[derive(Debug, Clone, Copy)]
pub struct Tool {
    pub name: &'static str,
    pub title: &'static str,
    pub description: &'static str,
    pub command: &'static [&'static str],
    pub params: &'static [Param],
    /// The key an array answer is wrapped under.
    pub wraps: Option<&'static str>,
    /// Whether the tool changes state (an MCP hint for clients that ask before such calls).
    pub writes: bool,
}

const TIERS: &[&str] = &["informational", "moderate", "important", "critical"];
const SCOPES: &[&str] = &["global", "project"];

const CHANGE: [Param; 7] = [
    p(
        "task_id",
        Arg::Text("--task-id"),
        "Task id (default: the task of the worktree, or of a wfc/<project>/<task> branch)",
    ),
    p(
        "staged",
        Arg::Flag("--staged"),
        "Review the staged change (the default when something is staged)",
    ),
    p(
        "base",
        Arg::Text("--base"),
        "Review the working tree against this ref",
    ),
    p("range", Arg::Text("--range"), "Review the commits A..B"),
    p(
        "diff",
        Arg::StdinText("--diff-file"),
        "Review this unified diff (git's or diff -u) instead of the repository",
    ),
    p(
        "files",
        Arg::Each("--files"),
        "Review these files whole, as if every line were added",
    ),
    p(
        "reviewers",
        Arg::List("--reviewers"),
        "Reviewers to run, by id (built-in and external)",
    ),
];

const OUTCOME: [Param; 3] = [
    p(
        "fail_on",
        Arg::Choice("--fail-on", TIERS),
        "The lowest tier that fails the review (default: review.fail_on)",
    ),
    p(
        "no_learn",
        Arg::Flag("--no-learn"),
        "Do not append learnings to the knowledge base",
    ),
    p(
        "bypass_reason",
        Arg::Text("--bypass-reason"),
        "Let a failed review through, recording who and why in the audit trail",
    ),
];

const REVIEW: [Param; 10] = [
    CHANGE[0], CHANGE[1], CHANGE[2], CHANGE[3], CHANGE[4], CHANGE[5], CHANGE[6], OUTCOME[0],
    OUTCOME[1], OUTCOME[2],
];

const FINALIZE: [Param; 5] = [
    req(
        "job",
        Arg::Text("--job"),
        "The job id review_prepare returned",
    ),
    req(
        "responses",
        Arg::StdinJson("--responses"),
        "The reviewers' raw answers: [{\"reviewer_id\": ..., \"response\": \"...\"}] or an object by reviewer id",
    ),
    OUTCOME[0],
    OUTCOME[1],
    OUTCOME[2],
];

/// Every tool, in the order `tools/list` gives them.
pub const TOOLS: &[Tool] = &[
    Tool {
        name: "review",
        title: "Review a change",
        description: "Review a change (by default the staged one, else the working tree against HEAD) with the panel of reviewers and return the scored result: status (passed, failed, incomplete, bypassed, interrupted), passed, cs, tier, findings, reviewers and the report paths. A failed review is a result with passed=false, not an error. Sends progress notifications when given a progress token; cancelling kills the reviewers and marks the job interrupted.",
        command: &["review"],
        params: &REVIEW,
        wraps: None,
        writes: true,
    },
    Tool {
        name: "review_prepare",
        title: "Prepare a review for a harness",
        description: "Phase one of the two-phase review, for a harness that runs the reviewer prompts itself: returns a job id and one task (reviewer id and prompt) per relevant reviewer. Run each prompt, then call review_finalize with the raw answers.",
        command: &["review", "prepare"],
        params: &CHANGE,
        wraps: None,
        writes: true,
    },
    Tool {
        name: "review_finalize",
        title: "Finalize a prepared review",
        description: "Phase two: score the reviewers' raw answers for a job from review_prepare, write the reports and return the same result as review.",
        command: &["review", "finalize"],
        params: &FINALIZE,
        wraps: None,
        writes: true,
    },
    Tool {
        name: "review_show",
        title: "Show a past review",
        description: "One past review job: its row, reviewer runs and full result.",
        command: &["review", "show"],
        params: &[req("job", Arg::Positional, "Job id")],
        wraps: None,
        writes: false,
    },
    Tool {
        name: "review_list",
        title: "List past reviews",
        description: "Past review jobs, newest first, under `jobs`.",
        command: &["review", "list"],
        params: &[
            p(
                "all_projects",
                Arg::Flag("--all-projects"),
                "Every project, not only the current one",
            ),
            p(
                "limit",
                Arg::Count("--limit"),
                "At most this many (default 20)",
            ),
        ],
        wraps: Some("jobs"),
        writes: false,
    },
    Tool {
        name: "worktree_create",
        title: "Create a task worktree",
        description: "Create the worktree of a task at .worktrees/<project>/wfc-<task> on branch wfc/<project>/<task>, with the developer's identity and the env files, and return its path.",
        command: &["worktree", "create"],
        params: &[
            req(
                "task",
                Arg::Positional,
                "Task id (letters, digits, _ and -)",
            ),
            p(
                "base",
                Arg::Text("--base"),
                "Start the branch from this ref (default: HEAD)",
            ),
            p(
                "exist_ok",
                Arg::Flag("--exist-ok"),
                "Return the existing worktree instead of failing",
            ),
            p(
                "wait",
                Arg::Count("--wait"),
                "When the pool is full, wait up to this many seconds for a free slot",
            ),
            p(
                "evict",
                Arg::Flag("--evict"),
                "When the pool is full, remove the least recently used clean worktree",
            ),
            p(
                "owner_pid",
                Arg::Count("--owner-pid"),
                "Process that owns the worktree; it is not an orphan while that process lives",
            ),
            p(
                "no_copy_env",
                Arg::Flag("--no-copy-env"),
                "Do not copy env and version files",
            ),
        ],
        wraps: None,
        writes: true,
    },
    Tool {
        name: "worktree_list",
        title: "List task worktrees",
        description: "The project's task worktrees (under `worktrees`): task, branch, developer, owner, dirty count, age, idle time, state.",
        command: &["worktree", "list"],
        params: &[p(
            "all_projects",
            Arg::Flag("--all-projects"),
            "Every project, not only the current one",
        )],
        wraps: Some("worktrees"),
        writes: false,
    },
    Tool {
        name: "worktree_path",
        title: "Path of a task worktree",
        description: "The path and branch of a task's worktree.",
        command: &["worktree", "path"],
        params: &[req("task", Arg::Positional, "Task id")],
        wraps: None,
        writes: false,
    },
    Tool {
        name: "worktree_status",
        title: "Status of task worktrees",
        description: "Short git status of one task worktree, or of every worktree of the project (under `worktrees`).",
        command: &["worktree", "status"],
        params: &[p(
            "task",
            Arg::Positional,
            "Task id (default: every worktree)",
        )],
        wraps: Some("worktrees"),
        writes: false,
    },
    Tool {
        name: "worktree_remove",
        title: "Remove a task worktree",
        description: "Remove a task's worktree, its git entry and lease; refuses uncommitted work unless force.",
        command: &["worktree", "remove"],
        params: &[
            req("task", Arg::Positional, "Task id"),
            p(
                "force",
                Arg::Flag("--force"),
                "Remove even with uncommitted changes",
            ),
            p(
                "delete_branch",
                Arg::Flag("--delete-branch"),
                "Delete the task branch too",
            ),
        ],
        wraps: None,
        writes: true,
    },
    Tool {
        name: "knowledge_append",
        title: "Append to the knowledge base",
        description: "Append an entry to a reviewer's KNOWLEDGE.md (locked, atomic, de-duplicated, attributed to the developer). repo_rules and codebase_context go to the project scope by default, the other sections to the global one.",
        command: &["knowledge", "append"],
        params: &[
            req(
                "reviewer",
                Arg::Text("--reviewer"),
                "Reviewer whose knowledge this is",
            ),
            req(
                "section",
                Arg::Text("--section"),
                "patterns_found, false_positives, incidents_prevented, repo_rules or codebase_context",
            ),
            req(
                "text",
                Arg::Text("--text"),
                "The entry (at most 500 characters)",
            ),
            p(
                "source",
                Arg::Text("--source"),
                "Where the entry came from (default: manual)",
            ),
            p(
                "scope",
                Arg::Choice("--scope", SCOPES),
                "global or project (default: by section)",
            ),
        ],
        wraps: None,
        writes: true,
    },
    Tool {
        name: "knowledge_search",
        title: "Search the knowledge base",
        description: "Rank knowledge entries for a query (BM25, offline), best first, from both scopes unless scope narrows it.",
        command: &["knowledge", "search"],
        params: &[
            req("query", Arg::Positional, "Words to look for"),
            p(
                "reviewer",
                Arg::Text("--reviewer"),
                "Only this reviewer's entries",
            ),
            p(
                "limit",
                Arg::Count("--limit"),
                "At most this many entries (0: all that match)",
            ),
            p(
                "scope",
                Arg::Choice("--scope", SCOPES),
                "Only global or only project",
            ),
        ],
        wraps: None,
        writes: false,
    },
    Tool {
        name: "knowledge_show",
        title: "Show a reviewer's knowledge",
        description: "Every entry of a reviewer's knowledge by section, from both scopes unless scope narrows it.",
        command: &["knowledge", "show"],
        params: &[
            req("reviewer", Arg::Positional, "Reviewer id"),
            p(
                "section",
                Arg::Text("--section"),
                "Only the entries of this section",
            ),
            p(
                "scope",
                Arg::Choice("--scope", SCOPES),
                "Only global or only project",
            ),
        ],
        wraps: None,
        writes: false,
    },
    Tool {
        name: "gate_check",
        title: "Check the gate for a tree",
        description: "Whether a passing review grants the staged change (or a commit's) under the committed gate policy.",
        command: &["gate", "check"],
        params: &[p(
            "rev",
            Arg::Text("--rev"),
            "Check this commit instead of the staged change",
        )],
        wraps: None,
        writes: false,
    },
    Tool {
        name: "gate_verify",
        title: "Verify the commits of a range",
        description: "Check that every commit of a range carries a valid review trailer under the target branch's policy (what CI runs).",
        command: &["gate", "verify"],
        params: &[
            req(
                "range",
                Arg::Positional,
                "Commit range, e.g. origin/main..HEAD",
            ),
            p(
                "policy_from",
                Arg::Text("--policy-from"),
                "Read the gate policy from this commit (default: the range's base)",
            ),
            p(
                "allowed_signers",
                Arg::Text("--allowed-signers"),
                "Also require a valid Review-Signature from a key in this file",
            ),
            p(
                "rerun",
                Arg::Flag("--rerun"),
                "Re-run the policy's built-in reviewers on every commit",
            ),
            p(
                "allow_bypassed",
                Arg::Flag("--allow-bypassed"),
                "Accept commits whose review was bypassed",
            ),
            p("allow_v1", Arg::Flag("--allow-v1"), "Accept v1 trailers"),
        ],
        wraps: None,
        writes: false,
    },
    Tool {
        name: "audit",
        title: "List the audit trail",
        description: "Audit rows of the project, newest last, under `rows`.",
        command: &["audit"],
        params: &[
            p(
                "since",
                Arg::Text("--since"),
                "Only rows newer than this (e.g. 24h, 7d)",
            ),
            p(
                "action",
                Arg::Text("--action"),
                "Only rows with this action",
            ),
            p(
                "limit",
                Arg::Count("--limit"),
                "At most this many rows (the newest)",
            ),
        ],
        wraps: Some("rows"),
        writes: false,
    },
    Tool {
        name: "audit_verify",
        title: "Verify the audit trail",
        description: "Check the audit trail's hash chain and the store's integrity.",
        command: &["audit", "verify"],
        params: &[p(
            "anchors",
            Arg::Text("--anchors"),
            "Also check the Review-Anchor trailers of these commits",
        )],
        wraps: None,
        writes: false,
    },
    Tool {
        name: "telemetry",
        title: "Per-project figures",
        description: "Reviews, pass rate, timings, findings, worktrees and knowledge per project.",
        command: &["telemetry"],
        params: &[
            p(
                "since",
                Arg::Text("--since"),
                "Only events newer than this (e.g. 7d)",
            ),
            p(
                "all_projects",
                Arg::Flag("--all-projects"),
                "Every project, not only the current one",
            ),
        ],
        wraps: None,
        writes: false,
    },
];

/// The arguments every tool takes besides its own.
const COMMON: [Param; 3] = [
    p(
        "repo",
        Arg::Text("-C"),
        "The repository (a path; default: the server's working directory)",
    ),
    p(
        "project_id",
        Arg::Text("--project-id"),
        "Project id (default: as on the command line)",
    ),
    p(
        "developer_id",
        Arg::Text("--developer-id"),
        "Developer id (default: as on the command line)",
    ),
];

pub fn find(name: &str) -> Option<&'static Tool> {
    TOOLS.iter().find(|t| t.name == name)
}

fn param_schema(p: &Param) -> Value {
    let mut v = match p.arg {
        Arg::Text(_) | Arg::Positional | Arg::StdinText(_) => json!({"type": "string"}),
        Arg::Choice(_, values) => json!({"type": "string", "enum": values}),
        Arg::Flag(_) => json!({"type": "boolean"}),
        Arg::Count(_) => json!({"type": "integer", "minimum": 0}),
        Arg::List(_) | Arg::Each(_) => {
            json!({"type": "array", "items": {"type": "string"}})
        }
        Arg::StdinJson(_) => json!({"type": ["array", "object"]}),
    };
    v["description"] = json!(p.description);
    v
}

impl Tool {
    fn all_params(&self) -> impl Iterator<Item = &Param> {
        COMMON.iter().chain(self.params.iter())
    }

    pub fn input_schema(&self) -> Value {
        let mut props = Map::new();
        for p in self.all_params() {
            props.insert(p.name.to_string(), param_schema(p));
        }
        let required: Vec<&str> = self
            .params
            .iter()
            .filter(|p| p.required)
            .map(|p| p.name)
            .collect();
        json!({
            "type": "object",
            "properties": props,
            "required": required,
            "additionalProperties": false,
        })
    }

    /// The shape of the structured result: the CLI's `--json` document.
    pub fn output_schema(&self) -> Value {
        if let Some(key) = self.wraps {
            return json!({
                "type": "object",
                "properties": { key: {"type": "array", "items": {"type": "object"}} },
                "required": [key],
            });
        }
        match self.name {
            "review" | "review_finalize" => json!({
                "type": "object",
                "properties": {
                    "job_id": {"type": ["string", "null"]},
                    "status": {"enum": ["passed", "failed", "incomplete", "bypassed", "interrupted"]},
                    "passed": {"type": "boolean"},
                    "cs": {"type": "number"},
                    "tier": {"type": "string"},
                    "findings": {"type": "array"},
                    "reviewers": {"type": "array"},
                    "report_path": {"type": ["string", "null"]},
                },
                "required": ["status", "passed", "cs", "findings", "reviewers"],
            }),
            "review_prepare" => json!({
                "type": "object",
                "properties": {
                    "job_id": {"type": ["string", "null"]},
                    "tasks": {"type": "array", "items": {"type": "object"}},
                },
                "required": ["tasks"],
            }),
            "worktree_create" | "worktree_path" => json!({
                "type": "object",
                "properties": {"path": {"type": "string"}, "branch": {"type": "string"}},
                "required": ["path"],
            }),
            _ => json!({"type": "object"}),
        }
    }

    /// The tool as `tools/list` gives it.
    pub fn describe(&self) -> Value {
        json!({
            "name": self.name,
            "title": self.title,
            "description": self.description,
            "inputSchema": self.input_schema(),
            "outputSchema": self.output_schema(),
            "annotations": {
                "title": self.title,
                "readOnlyHint": !self.writes,
                "destructiveHint": self.name == "worktree_remove",
                "openWorldHint": false,
            },
        })
    }

    /// The command line (after the binary) and the stdin for a call with `args`, or what is wrong
    /// with the arguments.
    pub fn command_line(&self, args: &Map<String, Value>) -> Result<Invocation, String> {
        for key in args.keys() {
            if !self.all_params().any(|p| p.name == key) {
                let known: Vec<&str> = self.all_params().map(|p| p.name).collect();
                return Err(format!(
                    "unknown argument {key:?} for {}; it takes {}",
                    self.name,
                    known.join(", ")
                ));
            }
        }
        let mut global = vec!["--json".to_string(), "--no-progress".to_string()];
        let mut options = Vec::new();
        let mut positionals = Vec::new();
        let mut stdin = None;
        for p in self.all_params() {
            let Some(v) = args.get(p.name).filter(|v| !v.is_null()) else {
                if p.required {
                    return Err(format!("{} needs the argument {:?}", self.name, p.name));
                }
                continue;
            };
            let wrong = |what: &str| format!("argument {:?} must be {what}", p.name);
            let text = |v: &Value| {
                v.as_str()
                    .map(str::to_string)
                    .ok_or_else(|| wrong("a string"))
            };
            let into = if COMMON.iter().any(|c| c.name == p.name) {
                &mut global
            } else {
                &mut options
            };
            match p.arg {
                // `-C` takes its value as the next word; the server made it absolute.
                Arg::Text("-C") => {
                    into.push("-C".into());
                    into.push(text(v)?);
                }
                Arg::Text(flag) => into.push(format!("{flag}={}", text(v)?)),
                Arg::Choice(flag, values) => {
                    let s = text(v)?;
                    if !values.contains(&s.as_str()) {
                        return Err(wrong(&format!("one of {}", values.join(", "))));
                    }
                    into.push(format!("{flag}={s}"));
                }
                Arg::Flag(flag) => match v.as_bool() {
                    Some(true) => into.push(flag.to_string()),
                    Some(false) => {}
                    None => return Err(wrong("true or false")),
                },
                Arg::Count(flag) => {
                    let n = v.as_u64().ok_or_else(|| wrong("a non-negative integer"))?;
                    into.push(format!("{flag}={n}"));
                }
                Arg::List(flag) | Arg::Each(flag) => {
                    let items = v
                        .as_array()
                        .ok_or_else(|| wrong("an array of strings"))?
                        .iter()
                        .map(|i| i.as_str().map(str::to_string))
                        .collect::<Option<Vec<String>>>()
                        .ok_or_else(|| wrong("an array of strings"))?;
                    if items
                        .iter()
                        .any(|i| i.contains(',') && matches!(p.arg, Arg::List(_)))
                    {
                        return Err(wrong("ids without commas"));
                    }
                    if matches!(p.arg, Arg::List(_)) {
                        if !items.is_empty() {
                            into.push(format!("{flag}={}", items.join(",")));
                        }
                    } else {
                        for i in items {
                            into.push(format!("{flag}={i}"));
                        }
                    }
                }
                Arg::Positional => positionals.push(text(v)?),
                Arg::StdinText(flag) => {
                    stdin = Some(text(v)?.into_bytes());
                    into.push(format!("{flag}=-"));
                }
                Arg::StdinJson(flag) => {
                    if !(v.is_array() || v.is_object()) {
                        return Err(wrong("an array or an object"));
                    }
                    stdin = Some(v.to_string().into_bytes());
                    into.push(format!("{flag}=-"));
                }
            }
        }
        let mut argv = global;
        argv.extend(self.command.iter().map(|s| s.to_string()));
        argv.extend(options);
        if !positionals.is_empty() {
            argv.push("--".into());
            argv.extend(positionals);
        }
        Ok(Invocation { argv, stdin })
    }

    /// The structured result for the CLI's JSON answer: an object as it is, anything else under
    /// the tool's key.
    pub fn structured(&self, answer: Value) -> Value {
        match answer {
            Value::Object(_) => answer,
            other => {
                let mut m = Map::new();
                m.insert(self.wraps.unwrap_or("result").to_string(), other);
                Value::Object(m)
            }
        }
    }
}

/// What a tool call runs.
#[derive(Debug, Clone, PartialEq)]
pub struct Invocation {
    pub argv: Vec<String>,
    pub stdin: Option<Vec<u8>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(v: Value) -> Map<String, Value> {
        v.as_object().unwrap().clone()
    }

    #[test]
    fn every_tool_the_design_names_exists_once() {
        let names: Vec<&str> = TOOLS.iter().map(|t| t.name).collect();
        for n in [
            "review",
            "review_prepare",
            "review_finalize",
            "review_show",
            "review_list",
            "worktree_create",
            "worktree_list",
            "worktree_path",
            "worktree_status",
            "worktree_remove",
            "knowledge_append",
            "knowledge_search",
            "knowledge_show",
            "gate_check",
            "gate_verify",
            "audit",
            "audit_verify",
            "telemetry",
        ] {
            assert_eq!(names.iter().filter(|x| **x == n).count(), 1, "{n}");
        }
        assert_eq!(names.len(), 18);
    }

    #[test]
    fn arguments_become_flags_and_positionals_after_a_separator() {
        let t = find("worktree_create").unwrap();
        let inv = t
            .command_line(&args(
                json!({"task": "-rf", "base": "-x", "exist_ok": true, "project_id": "web"}),
            ))
            .unwrap();
        assert_eq!(
            inv.argv,
            [
                "--json",
                "--no-progress",
                "--project-id=web",
                "worktree",
                "create",
                "--base=-x",
                "--exist-ok",
                "--",
                "-rf"
            ]
        );
        let r = find("review").unwrap();
        let inv = r
            .command_line(&args(
                json!({"diff": "--- a\n", "reviewers": ["security", "correctness"]}),
            ))
            .unwrap();
        assert!(inv.argv.contains(&"--diff-file=-".to_string()));
        assert!(
            inv.argv
                .contains(&"--reviewers=security,correctness".to_string())
        );
        assert_eq!(inv.stdin.as_deref(), Some(&b"--- a\n"[..]));
    }

    #[test]
    fn wrong_arguments_are_refused_with_the_reason() {
        let t = find("worktree_create").unwrap();
        assert!(
            t.command_line(&args(json!({})))
                .unwrap_err()
                .contains("\"task\"")
        );
        assert!(
            t.command_line(&args(json!({"task": 5})))
                .unwrap_err()
                .contains("must be a string")
        );
        assert!(
            t.command_line(&args(json!({"task": "t", "bogus": 1})))
                .unwrap_err()
                .contains("unknown argument \"bogus\"")
        );
        let k = find("knowledge_append").unwrap();
        assert!(
            k.command_line(&args(
                json!({"reviewer": "security", "section": "x", "text": "t", "scope": "all"})
            ))
            .unwrap_err()
            .contains("one of global, project")
        );
    }
}
