"""Drives `wfc mcp` with the official MCP Python SDK (a real client, over stdio).

Usage: client.py <scenario> <mode> <wfc binary> <repo> [more...]
Scenarios print what they saw and exit non-zero with the reason on the first failed check.
The Rust integration tests in tests/it/mcp.rs build the repositories and call this script.
"""

import asyncio
import json
import os
import subprocess
import sys
import time

import jsonschema
from mcp import Client
from mcp.client.stdio import StdioServerParameters


def fail(msg):
    print(f"FAILED: {msg}", file=sys.stderr)
    sys.exit(1)


def check(cond, msg):
    if not cond:
        fail(msg)


def params(wfc, repo):
    return StdioServerParameters(command=wfc, args=["mcp"], cwd=repo, env=dict(os.environ))


def text_of(result):
    return "\n".join(c.text for c in result.content if getattr(c, "type", "") == "text")


DESIGN_TOOLS = {
    "review", "review_prepare", "review_finalize", "review_show", "review_list",
    "worktree_create", "worktree_list", "worktree_path", "worktree_status", "worktree_remove",
    "knowledge_append", "knowledge_search", "knowledge_show", "gate_check", "gate_verify",
    "audit", "audit_verify", "telemetry",
}


EXPECTED_VERSION = {"legacy": "2025-11-25", "auto": "2026-07-28"}


async def tools(mode, wfc, repo):
    async with Client(params(wfc, repo), mode=mode) as c:
        # auto must reach the stateless revision through server/discover, not fall back.
        check(c.protocol_version == EXPECTED_VERSION[mode], f"{mode}: {c.protocol_version}")
        check(c.server_info is not None and c.server_info.name == "wfc", f"{c.server_info}")
        listed = (await c.list_tools()).tools
        names = {t.name for t in listed}
        check(names == DESIGN_TOOLS, f"tools {sorted(names)}")
        for t in listed:
            jsonschema.Draft202012Validator.check_schema(t.input_schema)
            check(t.output_schema is not None, f"{t.name} has no output schema")
            jsonschema.Draft202012Validator.check_schema(t.output_schema)
            check(t.input_schema.get("type") == "object", f"{t.name} input is not an object")
            for common in ("repo", "project_id", "developer_id"):
                check(common in t.input_schema["properties"], f"{t.name} lacks {common}")
        # A read-only tool answers with the CLI's document, wrapped when it is an array.
        r = await c.call_tool("worktree_list", {})
        check(not r.is_error, text_of(r))
        check(r.structured_content == {"worktrees": []}, f"{r.structured_content}")
        res = await c.list_resources()
        uris = {str(x.uri) for x in res.resources}
        check("wfc://knowledge/global/security" in uris, f"{uris}")
        print(f"{mode}: {len(listed)} tools, schemas valid")


async def review(mode, wfc, repo, secret):
    seen = []

    async def progress(done, total, message):
        seen.append((done, total, message))

    async with Client(params(wfc, repo), mode=mode) as c:
        r = await c.call_tool("review", {"no_learn": True}, progress_callback=progress)
        check(not r.is_error, f"a failed review is a result: {text_of(r)}")
        s = r.structured_content
        check(s["status"] == "failed" and s["passed"] is False, f"{s['status']}")
        rules = [rule for f in s["findings"] for rule in f.get("rules", [])]
        check(any(rule.startswith("sec.") for rule in rules), f"rules {rules}")
        whole = json.dumps(s) + text_of(r)
        check(secret not in whole, "the credential leaked into the tool result")
        report = open(s["report_path"]).read()
        check(secret not in report, "the credential leaked into the report")
        check(len(seen) >= 1, "no progress notification")
        check(any("security" in (m or "") for _, _, m in seen), f"progress {seen}")
        # The job's report is a resource.
        uri = f"wfc://report/{s['project_id']}/{s['job_id']}"
        got = await c.read_resource(uri)
        check(got.contents[0].text == report, "the report resource differs from the file")
        print(f"{mode}: review failed as it should, {len(seen)} progress notifications")


async def two_phase(mode, wfc, repo):
    async with Client(params(wfc, repo), mode=mode) as c:
        r = await c.call_tool("review_prepare", {"reviewers": ["security"]})
        check(not r.is_error, text_of(r))
        plan = r.structured_content
        check(len(plan["tasks"]) == 1, f"tasks {plan['tasks']}")
        check("prompt" in plan["tasks"][0], f"{plan['tasks'][0].keys()}")
        answer = json.dumps([{
            "file": "src/app.py", "line_start": 1, "line_end": 1, "category": "security",
            "severity": 9.5, "confidence": 10, "description": "shell built from input",
            "remediation": "pass a list",
        }]) + "\nSUMMARY: one problem\nSCORE: 3\n"
        r = await c.call_tool("review_finalize", {
            "job": plan["job_id"],
            "responses": [{"reviewer_id": "security", "response": answer}],
            "no_learn": True,
        })
        check(not r.is_error, text_of(r))
        s = r.structured_content
        check(s["job_id"] == plan["job_id"], f"{s['job_id']}")
        check(s["passed"] is False and len(s["findings"]) == 1, f"{s['status']} {s['findings']}")
        shown = await c.call_tool("review_show", {"job": plan["job_id"]})
        check(shown.structured_content["result"]["cs"] == s["cs"], "review_show differs")
        print(f"{mode}: prepare/finalize scored {s['cs']}")


async def worktrees(mode, wfc, repo):
    async with Client(params(wfc, repo), mode=mode) as c:
        paths = []
        for project, dev in (("web", "alice"), ("api", "bob")):
            r = await c.call_tool("worktree_create", {
                "task": f"t-{mode}", "project_id": project, "developer_id": dev})
            check(not r.is_error, text_of(r))
            paths.append(r.structured_content["path"])
            check(os.path.isdir(paths[-1]), f"{paths[-1]} missing")
        check(paths[0] != paths[1], f"{paths}")
        check(f"/.worktrees/web/wfc-t-{mode}" in paths[0], paths[0])
        check(f"/.worktrees/api/wfc-t-{mode}" in paths[1], paths[1])
        r = await c.call_tool("worktree_list", {"all_projects": True})
        branches = sorted(w["branch"] for w in r.structured_content["worktrees"])
        check(f"wfc/api/t-{mode}" in branches and f"wfc/web/t-{mode}" in branches, f"{branches}")
        print(f"{mode}: two projects' worktrees {paths}")


async def knowledge(mode, wfc, repo):
    async def one(i):
        async with Client(params(wfc, repo), mode=mode) as c:
            r = await c.call_tool("knowledge_append", {
                "reviewer": "security", "section": "patterns_found",
                "text": f"{mode} entry number {i} from client {i}", "developer_id": f"dev{i}"})
            check(not r.is_error, text_of(r))
            check(r.structured_content["outcome"] == "added", f"{r.structured_content}")
            return r.structured_content["path"]

    paths = await asyncio.gather(*(one(i) for i in range(10)))
    check(len(set(paths)) == 1, f"{set(paths)}")
    # Read back as a client would, through the knowledge resource: the file on the SQLite store,
    # the document the table renders to on PostgreSQL.
    async with Client(params(wfc, repo), mode=mode) as c:
        got = await c.read_resource("wfc://knowledge/global/security")
        text = got.contents[0].text
    if os.path.isfile(paths[0]):
        check(text == open(paths[0]).read(), "the knowledge resource differs from the file")
    lines = [l for l in text.splitlines() if l.startswith(f"- [") and f"{mode} entry number" in l]
    check(len(lines) == 10, f"{len(lines)} entries: {lines}")
    for i in range(10):
        check(sum(f"number {i} from client {i} (Source: manual, Developer: dev{i})" in l for l in lines) == 1, f"entry {i}")
    print(f"{mode}: 10 clients, 10 entries")


async def bad_arguments(mode, wfc, repo):
    async with Client(params(wfc, repo), mode=mode) as c:
        for name, args, needle in [
            ("worktree_create", {"task": "../x"}, "invalid task id"),
            ("worktree_create", {"task": 5}, "must be a string"),
            ("worktree_create", {"task": "ok", "bogus": True}, "unknown argument"),
            ("knowledge_show", {"reviewer": "../../etc"}, "reviewer"),
            ("no_such_tool", {}, "unknown tool"),
            ("worktree_list", {"repo": "/nonexistent/dir"}, "no such directory"),
        ]:
            r = await c.call_tool(name, args)
            check(r.is_error, f"{name} {args} was not an error")
            check(needle in text_of(r), f"{name}: {text_of(r)}")
        # The server keeps serving.
        r = await c.call_tool("worktree_list", {})
        check(not r.is_error, text_of(r))
        check(not os.path.exists(os.path.join(repo, ".worktrees", "x")), "a worktree was made")
        print(f"{mode}: bad arguments are tool errors")


async def untrusted(mode, wfc, repo):
    async with Client(params(wfc, repo), mode=mode) as c:
        r = await c.call_tool("review", {"no_learn": True})
        check(r.is_error, f"an untrusted config must be a tool error: {r.structured_content}")
        check("wfc trust" in text_of(r), text_of(r))
        print(f"{mode}: untrusted config is a tool error naming wfc trust")


async def cancel(mode, wfc, repo, seconds):
    # Anchored, so that it matches the reviewer's own command line and not this script's.
    marker = "^sleep " + seconds.replace(".", "\\.") + "$"
    async with Client(params(wfc, repo), mode=mode) as c:
        started = time.monotonic()
        try:
            await asyncio.wait_for(c.call_tool("review", {"no_learn": True, "reviewers": ["slow"]}), 3)
            fail("the slow review finished")
        except (asyncio.TimeoutError, TimeoutError):
            pass
        # The reviewer (a 60 s sleep carrying the marker) dies, and the job says interrupted.
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            alive = subprocess.run(["pgrep", "-f", marker], capture_output=True).returncode == 0
            if not alive:
                break
            await asyncio.sleep(0.1)
        check(not alive, "the reviewer still runs after the cancellation")
        status = None
        while time.monotonic() < deadline:
            r = await c.call_tool("review_list", {})
            jobs = r.structured_content["jobs"]
            status = jobs[0]["status"] if jobs else None
            if status == "interrupted":
                break
            await asyncio.sleep(0.1)
        check(status == "interrupted", f"job status {status}")
        check(time.monotonic() - started < 30, "cancellation took too long")
        print(f"{mode}: cancelled, reviewer killed, job interrupted")


def main():
    scenario, mode, wfc, repo, *rest = sys.argv[1:]
    fn = {
        "tools": tools, "review": review, "two_phase": two_phase, "worktrees": worktrees,
        "knowledge": knowledge, "bad_arguments": bad_arguments, "untrusted": untrusted,
        "cancel": cancel,
    }[scenario]
    asyncio.run(fn(mode, wfc, repo, *rest))


if __name__ == "__main__":
    main()
