//! `wfc mcp`: the Model Context Protocol over stdio (newline-delimited JSON-RPC 2.0), for agent
//! harnesses.
//!
//! Both protocol revisions are served by one loop: the 2025-11-25 revision (an `initialize`
//! handshake, then requests) and the stateless 2026-07-28 revision, where every request names
//! its version in `params._meta` and `server/discover` advertises the server. A request is
//! answered in the revision it was sent in.
//!
//! Each tool call runs the same `wfc` command a user would type, with `--json`, as a child
//! process of this binary: the structured result is exactly the CLI's JSON document, the same id
//! validation, trust rules, audit rows and locks apply, and a cancelled call is the child
//! interrupted (SIGINT: its reviewers are killed and the job is marked interrupted), without the
//! server itself stopping. The server is synchronous: one thread reads requests, each tool call
//! waits on its child in a thread of its own, and answers go out through one locked writer.

pub mod tools;

use std::collections::HashMap;
use std::io::{BufRead, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};

use serde_json::{Value, json};

use crate::app::error::AppError;

/// The revisions reached by the `initialize` handshake, newest first.
const HANDSHAKE_VERSIONS: &[&str] = &["2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05"];
/// The stateless revisions, where each request names its version.
const MODERN_VERSIONS: &[&str] = &["2026-07-28"];
const VERSION_META: &str = "io.modelcontextprotocol/protocolVersion";

/// JSON-RPC error codes.
const PARSE_ERROR: i64 = -32700;
const INVALID_REQUEST: i64 = -32600;
const METHOD_NOT_FOUND: i64 = -32601;
const INVALID_PARAMS: i64 = -32602;
const RESOURCE_NOT_FOUND: i64 = -32002;
const UNSUPPORTED_VERSION: i64 = -32022;

/// The longest request line read (a diff for the review tool can be large).
const MAX_LINE: u64 = 64 * 1024 * 1024;
/// The most of a child's stdout kept (its JSON answer).
const MAX_ANSWER: u64 = 256 * 1024 * 1024;

const INSTRUCTIONS: &str = "wfc keeps one git worktree per project and task, reviews changes \
with a panel of reviewers into one consensus score, keeps a shared knowledge base per reviewer, \
and gates commits on passing reviews. Work on a task in its own worktree (worktree_create), \
review before committing (review; a failed review is a result with passed=false and the findings \
to fix), record what you learn (knowledge_append). Every tool takes an optional repo path, \
project_id and developer_id.";

/// What the loop shares with the threads that run tool calls.
struct Shared {
    exe: PathBuf,
    cwd: PathBuf,
    out: Mutex<std::io::Stdout>,
    /// Tool calls in flight, by request id (its JSON text): the child's pid once started, and
    /// whether the call was cancelled.
    inflight: Mutex<HashMap<String, Flight>>,
}

#[derive(Default)]
struct Flight {
    pid: Option<u32>,
    cancelled: bool,
}

fn server_info() -> Value {
    json!({"name": "wfc", "title": "wfc", "version": env!("CARGO_PKG_VERSION")})
}

fn capabilities() -> Value {
    json!({
        "tools": {"listChanged": false},
        "resources": {"listChanged": false, "subscribe": false},
    })
}

impl Shared {
    fn send(&self, msg: &Value) {
        let mut line = msg.to_string();
        line.push('\n');
        if let Ok(mut out) = self.out.lock() {
            // A client that went away is seen by the reader (end of input).
            let _ = out.write_all(line.as_bytes()).and_then(|()| out.flush());
        }
    }

    fn reply(&self, id: &Value, result: Value) {
        self.send(&json!({"jsonrpc": "2.0", "id": id, "result": result}));
    }

    fn fail(&self, id: &Value, code: i64, message: &str, data: Option<Value>) {
        let mut error = json!({"code": code, "message": message});
        if let Some(d) = data {
            error["data"] = d;
        }
        self.send(&json!({"jsonrpc": "2.0", "id": id, "error": error}));
    }

    fn cancel(&self, id: &str) {
        let pid = match self.inflight.lock() {
            Ok(mut map) => map.get_mut(id).map(|f| {
                f.cancelled = true;
                f.pid
            }),
            Err(_) => None,
        };
        if let Some(Some(pid)) = pid {
            crate::process::interrupt(pid);
        }
    }

    fn cancel_all(&self) {
        let ids: Vec<String> = match self.inflight.lock() {
            Ok(map) => map.keys().cloned().collect(),
            Err(_) => Vec::new(),
        };
        for id in ids {
            self.cancel(&id);
        }
    }
}

/// Which revision a request was sent in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Era {
    Handshake,
    Modern,
}

/// Adds what a 2026-07-28 result carries: its type, caching directives for the cacheable ones,
/// and the server's identity.
fn finish(mut result: Value, era: Era, cacheable: bool) -> Value {
    if era == Era::Modern {
        result["resultType"] = json!("complete");
        if cacheable {
            result["ttlMs"] = json!(0);
            result["cacheScope"] = json!("private");
        }
        result["_meta"] = json!({"io.modelcontextprotocol/serverInfo": server_info()});
    }
    result
}

/// Serves MCP on stdin/stdout until the client closes stdin.
pub fn serve(exe: PathBuf, cwd: PathBuf) -> Result<(), AppError> {
    let shared = Arc::new(Shared {
        exe,
        cwd,
        out: Mutex::new(std::io::stdout()),
        inflight: Mutex::new(HashMap::new()),
    });
    // Stopped by a signal (the client's way to end a server that does not exit): interrupt the
    // running commands, as Ctrl-C would, so their reviewers die and their jobs say interrupted.
    crate::interrupt::install();
    let on_signal = {
        let shared = Arc::clone(&shared);
        crate::interrupt::on_interrupt(move || {
            shared.cancel_all();
            std::process::exit(130);
        })
    };
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    let mut workers = Vec::new();
    let mut line = Vec::new();
    loop {
        line.clear();
        let n = (&mut input)
            .take(MAX_LINE)
            .read_until(b'\n', &mut line)
            .map_err(|e| AppError::failed("cannot read the MCP client's input").with_cause(e))?;
        if n == 0 {
            break;
        }
        if line.last() != Some(&b'\n') && n as u64 == MAX_LINE {
            // Skip the rest of an oversized line; it cannot be a request we would serve.
            let mut rest = Vec::new();
            let _ = input.read_until(b'\n', &mut rest);
            shared.fail(&Value::Null, INVALID_REQUEST, "request too large", None);
            continue;
        }
        let text = String::from_utf8_lossy(&line);
        if text.trim().is_empty() {
            continue;
        }
        let msg: Value = match serde_json::from_str(text.trim()) {
            Ok(v) => v,
            Err(e) => {
                shared.fail(
                    &Value::Null,
                    PARSE_ERROR,
                    &format!("parse error: {e}"),
                    None,
                );
                continue;
            }
        };
        if let Some(handle) = handle(&shared, msg) {
            workers.push(handle);
        }
        workers.retain(|h: &std::thread::JoinHandle<()>| !h.is_finished());
    }
    // The client closed its end: answer what is still running, then stop.
    for w in workers {
        let _ = w.join();
    }
    drop(on_signal);
    Ok(())
}

/// Handles one message; a tool call is started on a thread of its own, whose handle is returned.
fn handle(shared: &Arc<Shared>, msg: Value) -> Option<std::thread::JoinHandle<()>> {
    let Some(obj) = msg.as_object() else {
        shared.fail(
            &Value::Null,
            INVALID_REQUEST,
            "expected one JSON-RPC object per line",
            None,
        );
        return None;
    };
    let id = obj.get("id").cloned();
    let Some(method) = obj.get("method").and_then(Value::as_str) else {
        // A response to a request of ours (we send none), or garbage.
        if obj.get("result").is_none() && obj.get("error").is_none() {
            shared.fail(
                &id.unwrap_or(Value::Null),
                INVALID_REQUEST,
                "no method",
                None,
            );
        }
        return None;
    };
    let params = obj.get("params").cloned().unwrap_or_else(|| json!({}));
    let Some(id) = id else {
        // Notifications.
        if method == "notifications/cancelled"
            && let Some(rid) = params.get("requestId")
        {
            shared.cancel(&rid.to_string());
        }
        return None;
    };
    let era = match params
        .get("_meta")
        .and_then(|m| m.get(VERSION_META))
        .and_then(Value::as_str)
    {
        None => Era::Handshake,
        Some(v) if MODERN_VERSIONS.contains(&v) => Era::Modern,
        Some(v) => {
            let supported: Vec<&str> = MODERN_VERSIONS
                .iter()
                .chain(HANDSHAKE_VERSIONS)
                .copied()
                .collect();
            shared.fail(
                &id,
                UNSUPPORTED_VERSION,
                &format!("protocol version {v:?} is not supported"),
                Some(json!({"supported": supported, "requested": v})),
            );
            return None;
        }
    };
    match method {
        "initialize" => {
            let asked = params
                .get("protocolVersion")
                .and_then(Value::as_str)
                .unwrap_or_default();
            let version = if HANDSHAKE_VERSIONS.contains(&asked) {
                asked
            } else {
                HANDSHAKE_VERSIONS[0]
            };
            shared.reply(
                &id,
                json!({
                    "protocolVersion": version,
                    "capabilities": capabilities(),
                    "serverInfo": server_info(),
                    "instructions": INSTRUCTIONS,
                }),
            );
        }
        "server/discover" => shared.reply(
            &id,
            finish(
                json!({
                    "supportedVersions": MODERN_VERSIONS,
                    "capabilities": capabilities(),
                    "instructions": INSTRUCTIONS,
                }),
                Era::Modern,
                true,
            ),
        ),
        "ping" => shared.reply(&id, finish(json!({}), era, false)),
        "tools/list" => {
            let list: Vec<Value> = tools::TOOLS.iter().map(tools::Tool::describe).collect();
            shared.reply(&id, finish(json!({"tools": list}), era, true));
        }
        "tools/call" => {
            let key = id.to_string();
            if let Ok(mut map) = shared.inflight.lock() {
                map.insert(key, Flight::default());
            }
            let shared = Arc::clone(shared);
            return Some(std::thread::spawn(move || {
                let answer = call_tool(&shared, &id, &params);
                let flight = shared
                    .inflight
                    .lock()
                    .ok()
                    .and_then(|mut m| m.remove(&id.to_string()));
                // A cancelled request gets no answer.
                if flight.is_some_and(|f| f.cancelled) {
                    return;
                }
                match answer {
                    Ok(result) => shared.reply(&id, finish(result, era, false)),
                    Err((code, message)) => shared.fail(&id, code, &message, None),
                }
            }));
        }
        "resources/list" => {
            let list = list_resources(shared);
            shared.reply(&id, finish(json!({"resources": list}), era, true));
        }
        "resources/templates/list" => shared.reply(
            &id,
            finish(
                json!({"resourceTemplates": [
                    {
                        "uriTemplate": "wfc://report/{project}/{job}",
                        "name": "review-report",
                        "title": "A review job's report",
                        "mimeType": "text/markdown",
                    },
                    {
                        "uriTemplate": "wfc://knowledge/{scope}/{reviewer}",
                        "name": "knowledge",
                        "title": "A reviewer's KNOWLEDGE.md (scope: global or project)",
                        "mimeType": "text/markdown",
                    },
                ]}),
                era,
                true,
            ),
        ),
        "resources/read" => {
            let uri = params
                .get("uri")
                .and_then(Value::as_str)
                .unwrap_or_default();
            match read_resource(shared, uri) {
                Ok(text) => shared.reply(
                    &id,
                    finish(
                        json!({"contents": [{"uri": uri, "mimeType": "text/markdown", "text": text}]}),
                        era,
                        true,
                    ),
                ),
                Err(message) => {
                    shared.fail(&id, RESOURCE_NOT_FOUND, &message, Some(json!({"uri": uri})))
                }
            }
        }
        other => shared.fail(
            &id,
            METHOD_NOT_FOUND,
            &format!("method {other:?} is not served"),
            None,
        ),
    }
    None
}

/// A tool result that says what went wrong (`isError: true`), for the agent to read.
fn tool_error(text: String, structured: Option<Value>) -> Value {
    let mut r = json!({"content": [{"type": "text", "text": text}], "isError": true});
    if let Some(s) = structured {
        r["structuredContent"] = s;
    }
    r
}

/// Runs one tool call; `Err` is a protocol error (no tool name), anything else a tool result.
fn call_tool(shared: &Shared, id: &Value, params: &Value) -> Result<Value, (i64, String)> {
    let Some(name) = params.get("name").and_then(Value::as_str) else {
        return Err((INVALID_PARAMS, "tools/call needs a tool name".into()));
    };
    let Some(tool) = tools::find(name) else {
        let names: Vec<&str> = tools::TOOLS.iter().map(|t| t.name).collect();
        return Ok(tool_error(
            format!("unknown tool {name:?}; the tools are {}", names.join(", ")),
            None,
        ));
    };
    let mut args = match params.get("arguments") {
        None | Some(Value::Null) => serde_json::Map::new(),
        Some(Value::Object(m)) => m.clone(),
        Some(_) => return Ok(tool_error("arguments must be an object".into(), None)),
    };
    let repo = match args.get("repo") {
        None | Some(Value::Null) => shared.cwd.clone(),
        Some(Value::String(p)) => shared.cwd.join(p),
        Some(_) => {
            return Ok(tool_error(
                "argument \"repo\" must be a string".into(),
                None,
            ));
        }
    };
    if !repo.is_dir() {
        return Ok(tool_error(
            format!("repo {}: no such directory", repo.display()),
            None,
        ));
    }
    args.insert("repo".into(), json!(repo.to_string_lossy()));
    let mut inv = match tool.command_line(&args) {
        Ok(i) => i,
        Err(e) => return Ok(tool_error(e, None)),
    };
    let token = params
        .get("_meta")
        .and_then(|m| m.get("progressToken"))
        .cloned();
    if token.is_some() && tool.name == "review" {
        inv.argv.push("--progress-json".into());
    }
    run_child(shared, id, tool, inv, token)
}

fn run_child(
    shared: &Shared,
    id: &Value,
    tool: &tools::Tool,
    inv: tools::Invocation,
    token: Option<Value>,
) -> Result<Value, (i64, String)> {
    let mut cmd = Command::new(&shared.exe);
    cmd.args(&inv.argv)
        .current_dir(&shared.cwd)
        .stdin(if inv.stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = match cmd.spawn() {
        Ok(c) => c,
        Err(e) => return Ok(tool_error(format!("cannot start wfc: {e}"), None)),
    };
    let key = id.to_string();
    let cancelled_early = match shared.inflight.lock() {
        Ok(mut map) => {
            let f = map.entry(key).or_default();
            f.pid = Some(child.id());
            f.cancelled
        }
        Err(_) => false,
    };
    if cancelled_early {
        crate::process::interrupt(child.id());
    }
    let writer = inv.stdin.map(|bytes| {
        let mut stdin = child.stdin.take();
        std::thread::spawn(move || {
            if let Some(s) = stdin.as_mut() {
                let _ = s.write_all(&bytes);
            }
        })
    });
    let stderr = child.stderr.take();
    let progress = std::thread::scope(|scope| {
        let reader = scope.spawn(|| read_stderr(shared, stderr, token.as_ref()));
        let mut answer = Vec::new();
        if let Some(out) = child.stdout.take() {
            let _ = out.take(MAX_ANSWER).read_to_end(&mut answer);
        }
        let status = child.wait();
        let narration = reader.join().unwrap_or_default();
        (answer, status, narration)
    });
    if let Some(w) = writer {
        let _ = w.join();
    }
    let (answer, status, narration) = progress;
    let code = status.ok().and_then(|s| s.code());
    let doc: Value = match serde_json::from_slice(&answer) {
        Ok(v) => v,
        Err(_) => {
            return Ok(tool_error(
                format!(
                    "wfc {} ended (exit {}) without a JSON answer: {}",
                    tool.command.join(" "),
                    code.map_or("by a signal".to_string(), |c| c.to_string()),
                    narration.trim()
                ),
                None,
            ));
        }
    };
    if let Some(err) = doc.get("error").filter(|e| e.is_object()) {
        return Ok(tool_error(error_text(err), Some(doc.clone())));
    }
    // A repository config whose commands did not run is the user's decision to make, not a
    // review outcome: the agent gets it as an error that says how to decide.
    let untrusted: Vec<String> = doc
        .get("reviewers")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter(|r| r.get("status").and_then(Value::as_str) == Some("untrusted"))
        .filter_map(|r| r.get("error").and_then(Value::as_str).map(str::to_string))
        .collect();
    if !untrusted.is_empty() {
        let mut text = format!(
            "error: the repository's config is not trusted, so its reviewers did not run\ncaused by: {}",
            untrusted.join("\ncaused by: ")
        );
        text.push_str(
            "\nhint: read the commands with `wfc trust --show`, then run `wfc trust` in the \
             repository to let them run (a person should decide this, not the agent)",
        );
        return Ok(tool_error(text, Some(doc)));
    }
    let structured = tool.structured(doc);
    Ok(json!({
        "content": [{"type": "text", "text": structured.to_string()}],
        "structuredContent": structured,
        "isError": false,
    }))
}

/// The CLI's error document as the lines it prints on stderr.
fn error_text(err: &Value) -> String {
    let mut s = format!(
        "error: {}",
        err.get("message")
            .and_then(Value::as_str)
            .unwrap_or("failed")
    );
    for (key, label) in [("causes", "caused by"), ("hints", "hint")] {
        for c in err.get(key).and_then(Value::as_array).into_iter().flatten() {
            if let Some(c) = c.as_str() {
                s.push_str(&format!("\n{label}: {c}"));
            }
        }
    }
    s
}

/// Reads a child's stderr: progress lines become notifications (when the client asked for
/// them); the rest is kept (up to 64 KiB) for an error message.
fn read_stderr(
    shared: &Shared,
    stderr: Option<std::process::ChildStderr>,
    token: Option<&Value>,
) -> String {
    let Some(stderr) = stderr else {
        return String::new();
    };
    let mut kept = String::new();
    for line in std::io::BufReader::new(stderr).lines() {
        let Ok(line) = line else { break };
        if let Some(p) = line
            .strip_prefix("{\"wfc_progress\":")
            .and_then(|_| serde_json::from_str::<Value>(&line).ok())
            .and_then(|v| v.get("wfc_progress").cloned())
        {
            if let Some(token) = token {
                let reviewer = p["reviewer"].as_str().unwrap_or_default();
                let message = match p["event"].as_str() {
                    Some("finished") => format!(
                        "{reviewer} {} in {} ms, {} findings",
                        p["status"].as_str().unwrap_or_default(),
                        p["duration_ms"],
                        p["findings"]
                    ),
                    Some("waiting") => {
                        format!("{reviewer} waiting for {}", p["for"].as_str().unwrap_or(""))
                    }
                    _ => format!("{reviewer} running"),
                };
                shared.send(&json!({
                    "jsonrpc": "2.0",
                    "method": "notifications/progress",
                    "params": {
                        "progressToken": token,
                        "progress": p["done"],
                        "total": p["total"],
                        "message": message,
                    },
                }));
            }
            continue;
        }
        if kept.len() < 64 * 1024 {
            kept.push_str(&line);
            kept.push('\n');
        }
    }
    kept
}

fn main_root(cwd: &Path) -> Option<PathBuf> {
    crate::git::RepoInfo::discover(cwd)
        .ok()
        .flatten()
        .map(|r| r.main_root)
}

/// The newest job reports of the repository the server runs in, and the knowledge files.
fn list_resources(shared: &Shared) -> Vec<Value> {
    let mut out = Vec::new();
    if let Some(root) = main_root(&shared.cwd) {
        let mut reports: Vec<(std::time::SystemTime, String, String)> = Vec::new();
        let output = root.join(".wfc").join("output");
        // Only through real folders: a committed link must not list another place's files.
        let real = |rel: &Path| crate::fsutil::real_dir(&root, rel, false).is_ok();
        let listed = if real(Path::new(".wfc/output")) {
            std::fs::read_dir(&output).ok()
        } else {
            None
        };
        for project in listed.into_iter().flatten().flatten() {
            let p = project.file_name().to_string_lossy().into_owned();
            if crate::ids::ProjectId::parse(&p).is_err()
                || !real(&Path::new(".wfc/output").join(&p).join("jobs"))
            {
                continue;
            }
            for f in std::fs::read_dir(project.path().join("jobs"))
                .into_iter()
                .flatten()
                .flatten()
            {
                let name = f.file_name().to_string_lossy().into_owned();
                let Some(job) = name.strip_suffix(".md") else {
                    continue;
                };
                let at = f
                    .metadata()
                    .and_then(|m| m.modified())
                    .unwrap_or(std::time::UNIX_EPOCH);
                reports.push((at, p.clone(), job.to_string()));
            }
        }
        reports.sort_by_key(|r| std::cmp::Reverse(r.0));
        for (_, p, job) in reports.into_iter().take(100) {
            out.push(json!({
                "uri": format!("wfc://report/{p}/{job}"),
                "name": format!("report {p}/{job}"),
                "mimeType": "text/markdown",
            }));
        }
    }
    for reviewer in crate::config::BUILTIN_REVIEWERS {
        for scope in ["global", "project"] {
            out.push(json!({
                "uri": format!("wfc://knowledge/{scope}/{reviewer}"),
                "name": format!("knowledge {scope}/{reviewer}"),
                "mimeType": "text/markdown",
            }));
        }
    }
    out
}

fn read_resource(shared: &Shared, uri: &str) -> Result<String, String> {
    let not_found = || format!("no resource {uri:?}");
    let rest = uri.strip_prefix("wfc://").ok_or_else(not_found)?;
    let parts: Vec<&str> = rest.split('/').collect();
    match parts.as_slice() {
        ["report", project, job] => {
            crate::ids::ProjectId::parse(project).map_err(|e| e.to_string())?;
            let ok = !job.is_empty()
                && job.len() <= 64
                && job
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
            if !ok {
                return Err(not_found());
            }
            let root = main_root(&shared.cwd).ok_or_else(not_found)?;
            // Every folder on the way a real one (a committed link could point anywhere), and
            // the report itself a regular file, not a link.
            let rel = Path::new(".wfc/output").join(project).join("jobs");
            crate::fsutil::real_dir(&root, &rel, false).map_err(|_| not_found())?;
            let path = root.join(rel).join(format!("{job}.md"));
            let bytes = crate::fsutil::read_regular(&path).map_err(|_| not_found())?;
            Ok(String::from_utf8_lossy(&bytes).into_owned())
        }
        ["knowledge", scope @ ("global" | "project"), reviewer] => {
            let out = Command::new(&shared.exe)
                .args(["knowledge", "show", "--scope", scope, "--", reviewer])
                .current_dir(&shared.cwd)
                .stdin(Stdio::null())
                .output()
                .map_err(|e| format!("cannot start wfc: {e}"))?;
            if !out.status.success() {
                return Err(String::from_utf8_lossy(&out.stderr).trim().to_string());
            }
            Ok(String::from_utf8_lossy(&out.stdout).into_owned())
        }
        _ => Err(not_found()),
    }
}
