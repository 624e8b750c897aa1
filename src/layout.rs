//! Where things live (DESIGN.md "Where things live"): every folder, file and branch name wfc
//! derives from validated ids, in one place. Nothing else builds these paths.

use std::path::{Path, PathBuf};

use crate::ids::{ProjectId, TaskId};

/// `<main>/.worktrees`: one folder per project, holding its task worktrees.
pub const WORKTREES_DIR: &str = ".worktrees";
/// `<main>/.wfc/output`: one folder per project, holding its review reports.
pub const OUTPUT_DIR: &str = ".wfc/output";
/// Under a project's output folder: every job's own report.
pub const JOBS_DIR: &str = "jobs";
/// What `.git/info/exclude` must hold for wfc's own folders.
pub const EXCLUDES: [&str; 2] = [".worktrees/", ".wfc/output/"];

/// `<main>/.worktrees/<project>`
pub fn worktrees_dir(main_root: &Path, project: &ProjectId) -> PathBuf {
    main_root.join(WORKTREES_DIR).join(project.as_str())
}

/// `<main>/.worktrees/<project>/wfc-<task>`
pub fn worktree_path(main_root: &Path, project: &ProjectId, task: &TaskId) -> PathBuf {
    worktrees_dir(main_root, project).join(format!("wfc-{task}"))
}

/// `wfc/<project>/<task>`
pub fn branch_name(project: &ProjectId, task: &TaskId) -> String {
    format!("wfc/{project}/{task}")
}

/// The name git knows a task's linked worktree by: `wfc.<project>.<task>`.
pub fn admin_name(project: &str, task: &str) -> String {
    format!("wfc.{project}.{task}")
}

/// Splits `<main>/.worktrees/<project>/wfc-<task>` into valid ids.
pub fn parse_worktree_path(main_root: &Path, path: &Path) -> Option<(ProjectId, TaskId)> {
    let rel = path.strip_prefix(main_root.join(WORKTREES_DIR)).ok()?;
    let mut parts = rel.components();
    let project = parts.next()?.as_os_str().to_str()?;
    let dir = parts.next()?.as_os_str().to_str()?;
    if parts.next().is_some() {
        return None;
    }
    let task = dir.strip_prefix("wfc-")?;
    Some((ProjectId::parse(project).ok()?, TaskId::parse(task).ok()?))
}

/// Splits an admin name `wfc.<project>.<task>` into valid ids.
pub fn parse_admin_name(name: &str) -> Option<(ProjectId, TaskId)> {
    let (project, task) = name.strip_prefix("wfc.")?.split_once('.')?;
    Some((ProjectId::parse(project).ok()?, TaskId::parse(task).ok()?))
}

/// `<main>/.wfc/output/<project>`
pub fn output_dir(main_root: &Path, project: &ProjectId) -> PathBuf {
    main_root.join(OUTPUT_DIR).join(project.as_str())
}

/// `<main>/.wfc/output/<project>/jobs`
pub fn jobs_dir(main_root: &Path, project: &ProjectId) -> PathBuf {
    output_dir(main_root, project).join(JOBS_DIR)
}

/// `<main>/.wfc/output/<project>/REVIEW-<task>.<ext>`: the task's latest report.
pub fn latest_report(main_root: &Path, project: &ProjectId, task: &str, ext: &str) -> PathBuf {
    output_dir(main_root, project).join(format!("REVIEW-{task}.{ext}"))
}

/// `<main>/.wfc/config.toml`
pub fn repo_config(main_root: &Path) -> PathBuf {
    main_root.join(".wfc").join("config.toml")
}

/// `<main>/.wfc/knowledge/reviewers`
pub fn project_knowledge_root(main_root: &Path) -> PathBuf {
    main_root.join(".wfc").join("knowledge").join("reviewers")
}

/// `$WFC_HOME/knowledge/global/reviewers`
pub fn global_knowledge_root(home: &Path) -> PathBuf {
    home.join("knowledge").join("global").join("reviewers")
}

/// `$WFC_HOME/wfc.db`
pub fn db_path(home: &Path) -> PathBuf {
    home.join("wfc.db")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_round_trip_through_their_parsers() {
        let main = Path::new("/r");
        let p = ProjectId::parse("web").unwrap();
        let t = TaskId::parse("fix-1").unwrap();
        let wt = worktree_path(main, &p, &t);
        assert_eq!(wt, Path::new("/r/.worktrees/web/wfc-fix-1"));
        assert_eq!(parse_worktree_path(main, &wt), Some((p.clone(), t.clone())));
        assert_eq!(parse_worktree_path(main, &wt.join("x")), None);
        assert_eq!(
            parse_worktree_path(main, Path::new("/r/.worktrees/web/fix-1")),
            None
        );
        assert_eq!(branch_name(&p, &t), "wfc/web/fix-1");
        let admin = admin_name(p.as_str(), t.as_str());
        assert_eq!(parse_admin_name(&admin), Some((p.clone(), t)));
        assert_eq!(parse_admin_name("wfc.../x"), None);
        assert_eq!(
            latest_report(main, &p, "fix-1", "md"),
            Path::new("/r/.wfc/output/web/REVIEW-fix-1.md")
        );
        assert_eq!(jobs_dir(main, &p), Path::new("/r/.wfc/output/web/jobs"));
    }
}
