//! Driver for bench/store.sh: appends audit rows (or records review jobs) through the store
//! trait, as one process of many.
//!
//! `store_bench LOCATION HOST ROWS [audit|jobs] [START_AT]`
//!   LOCATION  a SQLite file or a `postgres://` URL
//!   HOST      the host name recorded in owners (each process a host of its own)
//!   START_AT  unix seconds to wait for after connecting, so that every process starts at once
//!
//! Prints `ok ROWS SECONDS` on stdout (seconds from the start to the last commit).
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::process::ExitCode;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use wfc::store::audit::NewAudit;
use wfc::store::jobs::{Completion, NewJob, ReviewerRun};
use wfc::store::{Host, Location};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 3 {
        eprintln!("usage: store_bench LOCATION HOST ROWS [audit|jobs] [START_AT]");
        return ExitCode::from(2);
    }
    let rows: usize = args[2].parse().expect("ROWS is a number");
    let what = args.get(3).map(String::as_str).unwrap_or("audit");
    let host = Host {
        name: args[1].clone(),
        boot_id: Host::detect(None).boot_id,
    };
    let mut store = match wfc::store::backend::open(&Location::parse(&args[0]), host) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    if let Some(at) = args.get(4) {
        let at: f64 = at.parse().expect("START_AT is a number");
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_secs_f64();
        if at > now {
            std::thread::sleep(Duration::from_secs_f64(at - now));
        }
    }
    let start = Instant::now();
    for i in 0..rows {
        let now = SystemTime::now();
        let result = match what {
            "jobs" => {
                // Not `new_id`: its 24 random bits may repeat among 1,600 jobs of one second.
                let id = format!("{}-{i}", args[1]);
                store
                    .start_job(
                        now,
                        &NewJob {
                            id: &id,
                            kind: "review",
                            repo: Some("/bench/repo"),
                            project_id: "bench",
                            developer_id: &args[1],
                            task_id: Some("t"),
                            tree_id: Some("tree"),
                            status: wfc::store::jobs::JobStatus::Running,
                            request: None,
                        },
                        None,
                    )
                    .and_then(|()| {
                        store.finish_job(
                            now,
                            &id,
                            &Completion {
                                status: wfc::store::jobs::JobStatus::Passed,
                                cs: Some(1.0),
                                tier: Some("informational"),
                                passed: Some(true),
                                report_path: None,
                                result: Some(&wfc::review::redact::RedactedJson::of("{}")),
                                bypass_reason: None,
                                runs: &[ReviewerRun {
                                    reviewer_id: "security".into(),
                                    status: "ok".into(),
                                    duration_ms: Some(5),
                                    findings: 0,
                                    error: None,
                                }],
                                parent_trees: None,
                                policy_digest: None,
                            },
                            &NewAudit {
                                project_id: "bench",
                                developer_id: &args[1],
                                action: "review",
                                resource: "t",
                                status: "passed",
                                details: serde_json::json!({ "job_id": id }),
                            },
                            None,
                        )
                    })
                    .map(|_| ())
            }
            _ => store
                .append_audit(
                    now,
                    &NewAudit {
                        project_id: "bench",
                        developer_id: &args[1],
                        action: "bench",
                        resource: &format!("row {i}"),
                        status: "ok",
                        details: serde_json::json!({ "i": i }),
                    },
                    None,
                )
                .map(|_| ()),
        };
        if let Err(e) = result {
            let mut msg = e.to_string();
            let mut cur = std::error::Error::source(&e);
            while let Some(c) = cur {
                msg.push_str(&format!(": {c}"));
                cur = c.source();
            }
            eprintln!("error: {msg}");
            return ExitCode::FAILURE;
        }
    }
    println!("ok {rows} {:.6}", start.elapsed().as_secs_f64());
    ExitCode::SUCCESS
}
