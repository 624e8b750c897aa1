
use builtin;
use str;

set edit:completion:arg-completer[wfc] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'wfc'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'wfc'= {
            cand -C 'Run as if wfc was started in DIR'
            cand --project-id 'Project (namespace) id [env: WFC_PROJECT_ID]'
            cand --developer-id 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]'
            cand --color 'When to use colors [env: NO_COLOR disables]'
            cand --json 'Print one JSON document on stdout instead of text'
            cand -q 'Print only the answer and errors'
            cand --quiet 'Print only the answer and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand init 'Write .wfc/config.toml and the .git/info/exclude entries'
            cand worktree 'Create, list and remove namespaced task worktrees'
            cand cleanup 'Remove orphaned worktrees and mark dead jobs interrupted'
            cand clean 'Remove orphaned worktrees and mark dead jobs interrupted'
            cand review 'Review a change with a panel of reviewers and a consensus score'
            cand knowledge 'Read and write the shared per-reviewer knowledge base'
            cand telemetry 'Per-project figures: reviews, pass rate, timings, findings'
            cand audit 'List the audit trail, or verify that it was not altered'
            cand hook 'Install and run the git hooks that gate commits on reviews'
            cand gate 'Check that a tree, or every commit of a range, was reviewed'
            cand store 'Say which store keeps wfc''s state'
            cand trust 'Let this repository''s config run the commands it defines (or show, or revoke)'
            cand mcp 'Serve the Model Context Protocol on stdio, for agent harnesses'
            cand completions 'Print a shell completion script'
            cand man 'Write man pages into a directory'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'wfc;init'= {
            cand -C 'Run as if wfc was started in DIR'
            cand --project-id 'Project (namespace) id [env: WFC_PROJECT_ID]'
            cand --developer-id 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]'
            cand --color 'When to use colors [env: NO_COLOR disables]'
            cand --force 'Rewrite an existing .wfc/config.toml'
            cand --json 'Print one JSON document on stdout instead of text'
            cand -q 'Print only the answer and errors'
            cand --quiet 'Print only the answer and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'wfc;worktree'= {
            cand -C 'Run as if wfc was started in DIR'
            cand --project-id 'Project (namespace) id [env: WFC_PROJECT_ID]'
            cand --developer-id 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]'
            cand --color 'When to use colors [env: NO_COLOR disables]'
            cand --json 'Print one JSON document on stdout instead of text'
            cand -q 'Print only the answer and errors'
            cand --quiet 'Print only the answer and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand create 'Create a task worktree and branch; print its path'
            cand list 'List worktrees'
            cand ls 'List worktrees'
            cand path 'Print a task worktree''s path'
            cand go 'Print a task worktree''s path'
            cand switch 'Print a task worktree''s path'
            cand status 'Short status of one or all worktrees'
            cand remove 'Remove a task worktree'
            cand rm 'Remove a task worktree'
            cand copy-env 'Copy env and version files into a worktree again'
            cand env 'Copy env and version files into a worktree again'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'wfc;worktree;create'= {
            cand --base 'Start the branch from REF (default: the repository''s current HEAD)'
            cand --wait 'When the pool is full, wait up to SECS for a free slot'
            cand --owner-pid 'Process that owns this worktree; it is not an orphan while PID lives'
            cand -C 'Run as if wfc was started in DIR'
            cand --project-id 'Project (namespace) id [env: WFC_PROJECT_ID]'
            cand --developer-id 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]'
            cand --color 'When to use colors [env: NO_COLOR disables]'
            cand --exist-ok 'Print the existing path and exit 0 if the worktree already exists'
            cand --evict 'When the pool is full, remove the least recently used clean worktree with no live owner'
            cand --no-copy-env 'Do not copy env and version files into the worktree'
            cand --json 'Print one JSON document on stdout instead of text'
            cand -q 'Print only the answer and errors'
            cand --quiet 'Print only the answer and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'wfc;worktree;list'= {
            cand -C 'Run as if wfc was started in DIR'
            cand --project-id 'Project (namespace) id [env: WFC_PROJECT_ID]'
            cand --developer-id 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]'
            cand --color 'When to use colors [env: NO_COLOR disables]'
            cand --all-projects 'Show the worktrees of every project, not only the current one'
            cand --json 'Print one JSON document on stdout instead of text'
            cand -q 'Print only the answer and errors'
            cand --quiet 'Print only the answer and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'wfc;worktree;ls'= {
            cand -C 'Run as if wfc was started in DIR'
            cand --project-id 'Project (namespace) id [env: WFC_PROJECT_ID]'
            cand --developer-id 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]'
            cand --color 'When to use colors [env: NO_COLOR disables]'
            cand --all-projects 'Show the worktrees of every project, not only the current one'
            cand --json 'Print one JSON document on stdout instead of text'
            cand -q 'Print only the answer and errors'
            cand --quiet 'Print only the answer and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'wfc;worktree;path'= {
            cand -C 'Run as if wfc was started in DIR'
            cand --project-id 'Project (namespace) id [env: WFC_PROJECT_ID]'
            cand --developer-id 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]'
            cand --color 'When to use colors [env: NO_COLOR disables]'
            cand --json 'Print one JSON document on stdout instead of text'
            cand -q 'Print only the answer and errors'
            cand --quiet 'Print only the answer and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'wfc;worktree;go'= {
            cand -C 'Run as if wfc was started in DIR'
            cand --project-id 'Project (namespace) id [env: WFC_PROJECT_ID]'
            cand --developer-id 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]'
            cand --color 'When to use colors [env: NO_COLOR disables]'
            cand --json 'Print one JSON document on stdout instead of text'
            cand -q 'Print only the answer and errors'
            cand --quiet 'Print only the answer and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'wfc;worktree;switch'= {
            cand -C 'Run as if wfc was started in DIR'
            cand --project-id 'Project (namespace) id [env: WFC_PROJECT_ID]'
            cand --developer-id 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]'
            cand --color 'When to use colors [env: NO_COLOR disables]'
            cand --json 'Print one JSON document on stdout instead of text'
            cand -q 'Print only the answer and errors'
            cand --quiet 'Print only the answer and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'wfc;worktree;status'= {
            cand -C 'Run as if wfc was started in DIR'
            cand --project-id 'Project (namespace) id [env: WFC_PROJECT_ID]'
            cand --developer-id 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]'
            cand --color 'When to use colors [env: NO_COLOR disables]'
            cand --json 'Print one JSON document on stdout instead of text'
            cand -q 'Print only the answer and errors'
            cand --quiet 'Print only the answer and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'wfc;worktree;remove'= {
            cand -C 'Run as if wfc was started in DIR'
            cand --project-id 'Project (namespace) id [env: WFC_PROJECT_ID]'
            cand --developer-id 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]'
            cand --color 'When to use colors [env: NO_COLOR disables]'
            cand --force 'Remove even with uncommitted changes'
            cand --delete-branch 'Delete the task branch too'
            cand --json 'Print one JSON document on stdout instead of text'
            cand -q 'Print only the answer and errors'
            cand --quiet 'Print only the answer and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'wfc;worktree;rm'= {
            cand -C 'Run as if wfc was started in DIR'
            cand --project-id 'Project (namespace) id [env: WFC_PROJECT_ID]'
            cand --developer-id 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]'
            cand --color 'When to use colors [env: NO_COLOR disables]'
            cand --force 'Remove even with uncommitted changes'
            cand --delete-branch 'Delete the task branch too'
            cand --json 'Print one JSON document on stdout instead of text'
            cand -q 'Print only the answer and errors'
            cand --quiet 'Print only the answer and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'wfc;worktree;copy-env'= {
            cand -C 'Run as if wfc was started in DIR'
            cand --project-id 'Project (namespace) id [env: WFC_PROJECT_ID]'
            cand --developer-id 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]'
            cand --color 'When to use colors [env: NO_COLOR disables]'
            cand --json 'Print one JSON document on stdout instead of text'
            cand -q 'Print only the answer and errors'
            cand --quiet 'Print only the answer and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'wfc;worktree;env'= {
            cand -C 'Run as if wfc was started in DIR'
            cand --project-id 'Project (namespace) id [env: WFC_PROJECT_ID]'
            cand --developer-id 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]'
            cand --color 'When to use colors [env: NO_COLOR disables]'
            cand --json 'Print one JSON document on stdout instead of text'
            cand -q 'Print only the answer and errors'
            cand --quiet 'Print only the answer and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'wfc;worktree;help'= {
            cand create 'Create a task worktree and branch; print its path'
            cand list 'List worktrees'
            cand path 'Print a task worktree''s path'
            cand status 'Short status of one or all worktrees'
            cand remove 'Remove a task worktree'
            cand copy-env 'Copy env and version files into a worktree again'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'wfc;worktree;help;create'= {
        }
        &'wfc;worktree;help;list'= {
        }
        &'wfc;worktree;help;path'= {
        }
        &'wfc;worktree;help;status'= {
        }
        &'wfc;worktree;help;remove'= {
        }
        &'wfc;worktree;help;copy-env'= {
        }
        &'wfc;worktree;help;help'= {
        }
        &'wfc;cleanup'= {
            cand --older-than 'Idle time after which a worktree is an orphan (default: worktree.orphan_after, 24h)'
            cand --watch 'Repeat every INTERVAL (e.g. 6h) until stopped'
            cand -C 'Run as if wfc was started in DIR'
            cand --project-id 'Project (namespace) id [env: WFC_PROJECT_ID]'
            cand --developer-id 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]'
            cand --color 'When to use colors [env: NO_COLOR disables]'
            cand --dry-run 'Print the plan on stdout and change nothing'
            cand --force 'Remove orphaned worktrees even with uncommitted changes'
            cand --delete-branch 'Delete the task branches of removed worktrees even when not merged'
            cand --all-projects 'Clean every project of the repository, not only the current one'
            cand --json 'Print one JSON document on stdout instead of text'
            cand -q 'Print only the answer and errors'
            cand --quiet 'Print only the answer and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'wfc;clean'= {
            cand --older-than 'Idle time after which a worktree is an orphan (default: worktree.orphan_after, 24h)'
            cand --watch 'Repeat every INTERVAL (e.g. 6h) until stopped'
            cand -C 'Run as if wfc was started in DIR'
            cand --project-id 'Project (namespace) id [env: WFC_PROJECT_ID]'
            cand --developer-id 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]'
            cand --color 'When to use colors [env: NO_COLOR disables]'
            cand --dry-run 'Print the plan on stdout and change nothing'
            cand --force 'Remove orphaned worktrees even with uncommitted changes'
            cand --delete-branch 'Delete the task branches of removed worktrees even when not merged'
            cand --all-projects 'Clean every project of the repository, not only the current one'
            cand --json 'Print one JSON document on stdout instead of text'
            cand -q 'Print only the answer and errors'
            cand --quiet 'Print only the answer and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'wfc;review'= {
            cand --task-id 'Task id (default: from the wfc/<project>/<task> branch, else a short id of the tree)'
            cand --base 'Review the working tree against REF'
            cand --range 'Review the commits A..B'
            cand --diff-file 'Review a unified diff from PATH, or from stdin with `-`'
            cand --files 'Review these files whole, as if every line were added'
            cand --reviewers 'Reviewers to run, by id (built-in and external), comma-separated'
            cand --fail-on 'The lowest tier that fails the review (default: review.fail_on, important)'
            cand --sarif 'Also write a SARIF 2.1.0 report to PATH'
            cand --bypass-reason 'Let a failed review through, recording who and why in the audit trail'
            cand -C 'Run as if wfc was started in DIR'
            cand --project-id 'Project (namespace) id [env: WFC_PROJECT_ID]'
            cand --developer-id 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]'
            cand --color 'When to use colors [env: NO_COLOR disables]'
            cand --staged 'Review the staged change (the default when something is staged)'
            cand --no-learn 'Do not append learnings to the knowledge base'
            cand --progress-json 'One JSON line per reviewer event on stderr (`{"wfc_progress": ...}`), for `wfc mcp`'
            cand --json 'Print one JSON document on stdout instead of text'
            cand -q 'Print only the answer and errors'
            cand --quiet 'Print only the answer and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand prepare 'Phase one for agent harnesses: print one task spec (prompt) per relevant reviewer'
            cand finalize 'Phase two: score the reviewers'' raw responses and complete the job'
            cand list 'List past reviews'
            cand show 'Show one past review'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'wfc;review;prepare'= {
            cand --task-id 'Task id (default: from the wfc/<project>/<task> branch, else a short id of the tree)'
            cand --base 'Review the working tree against REF'
            cand --range 'Review the commits A..B'
            cand --diff-file 'Review a unified diff from PATH, or from stdin with `-`'
            cand --files 'Review these files whole, as if every line were added'
            cand --reviewers 'Reviewers to run, by id (built-in and external), comma-separated'
            cand -C 'Run as if wfc was started in DIR'
            cand --project-id 'Project (namespace) id [env: WFC_PROJECT_ID]'
            cand --developer-id 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]'
            cand --color 'When to use colors [env: NO_COLOR disables]'
            cand --staged 'Review the staged change (the default when something is staged)'
            cand --json 'Print one JSON document on stdout instead of text'
            cand -q 'Print only the answer and errors'
            cand --quiet 'Print only the answer and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'wfc;review;finalize'= {
            cand --job 'Job id printed by `wfc review prepare`'
            cand --responses 'JSON file with the responses, or `-` for stdin'
            cand --fail-on 'The lowest tier that fails the review'
            cand --sarif 'Also write a SARIF 2.1.0 report to PATH'
            cand --bypass-reason 'Let a failed review through, recording who and why in the audit trail'
            cand -C 'Run as if wfc was started in DIR'
            cand --project-id 'Project (namespace) id [env: WFC_PROJECT_ID]'
            cand --developer-id 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]'
            cand --color 'When to use colors [env: NO_COLOR disables]'
            cand --no-learn 'Do not append learnings to the knowledge base'
            cand --json 'Print one JSON document on stdout instead of text'
            cand -q 'Print only the answer and errors'
            cand --quiet 'Print only the answer and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'wfc;review;list'= {
            cand --limit 'At most N reviews'
            cand -C 'Run as if wfc was started in DIR'
            cand --project-id 'Project (namespace) id [env: WFC_PROJECT_ID]'
            cand --developer-id 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]'
            cand --color 'When to use colors [env: NO_COLOR disables]'
            cand --all-projects 'Every project, not only the current one'
            cand --json 'Print one JSON document on stdout instead of text'
            cand -q 'Print only the answer and errors'
            cand --quiet 'Print only the answer and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'wfc;review;show'= {
            cand -C 'Run as if wfc was started in DIR'
            cand --project-id 'Project (namespace) id [env: WFC_PROJECT_ID]'
            cand --developer-id 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]'
            cand --color 'When to use colors [env: NO_COLOR disables]'
            cand --json 'Print one JSON document on stdout instead of text'
            cand -q 'Print only the answer and errors'
            cand --quiet 'Print only the answer and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'wfc;review;help'= {
            cand prepare 'Phase one for agent harnesses: print one task spec (prompt) per relevant reviewer'
            cand finalize 'Phase two: score the reviewers'' raw responses and complete the job'
            cand list 'List past reviews'
            cand show 'Show one past review'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'wfc;review;help;prepare'= {
        }
        &'wfc;review;help;finalize'= {
        }
        &'wfc;review;help;list'= {
        }
        &'wfc;review;help;show'= {
        }
        &'wfc;review;help;help'= {
        }
        &'wfc;knowledge'= {
            cand -C 'Run as if wfc was started in DIR'
            cand --project-id 'Project (namespace) id [env: WFC_PROJECT_ID]'
            cand --developer-id 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]'
            cand --color 'When to use colors [env: NO_COLOR disables]'
            cand --json 'Print one JSON document on stdout instead of text'
            cand -q 'Print only the answer and errors'
            cand --quiet 'Print only the answer and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand append 'Append an entry (locked, atomic, de-duplicated)'
            cand show 'Print a reviewer''s knowledge'
            cand search 'Rank entries for a query'
            cand prune 'Archive old entries'
            cand export 'Write the store''s knowledge to KNOWLEDGE.md files (PostgreSQL store)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'wfc;knowledge;append'= {
            cand --reviewer 'Reviewer whose knowledge this is'
            cand --section 'patterns_found, false_positives, incidents_prevented, repo_rules or codebase_context'
            cand --text 'The entry text (line breaks become spaces; at most 500 characters)'
            cand --source 'Where the entry came from (a review, a task, a person)'
            cand --scope 'global ($WFC_HOME) or project (the repository''s .wfc/knowledge); default: project for repo_rules and codebase_context inside a repository, else global'
            cand --lock-timeout 'How long to wait for another writer''s lock before giving up (exit 4)'
            cand -C 'Run as if wfc was started in DIR'
            cand --project-id 'Project (namespace) id [env: WFC_PROJECT_ID]'
            cand --developer-id 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]'
            cand --color 'When to use colors [env: NO_COLOR disables]'
            cand --json 'Print one JSON document on stdout instead of text'
            cand -q 'Print only the answer and errors'
            cand --quiet 'Print only the answer and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'wfc;knowledge;show'= {
            cand --section 'Only the entries of this section'
            cand --scope 'Only global ($WFC_HOME) or only project (the repository''s .wfc/knowledge); default: both'
            cand -C 'Run as if wfc was started in DIR'
            cand --project-id 'Project (namespace) id [env: WFC_PROJECT_ID]'
            cand --developer-id 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]'
            cand --color 'When to use colors [env: NO_COLOR disables]'
            cand --json 'Print one JSON document on stdout instead of text'
            cand -q 'Print only the answer and errors'
            cand --quiet 'Print only the answer and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'wfc;knowledge;search'= {
            cand --reviewer 'Only this reviewer''s entries'
            cand --limit 'At most N entries (0: all that match)'
            cand --scope 'Only global ($WFC_HOME) or only project (the repository''s .wfc/knowledge); default: both'
            cand -C 'Run as if wfc was started in DIR'
            cand --project-id 'Project (namespace) id [env: WFC_PROJECT_ID]'
            cand --developer-id 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]'
            cand --color 'When to use colors [env: NO_COLOR disables]'
            cand --json 'Print one JSON document on stdout instead of text'
            cand -q 'Print only the answer and errors'
            cand --quiet 'Print only the answer and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'wfc;knowledge;prune'= {
            cand --older-than 'Age of entries to archive (e.g. 180d)'
            cand --reviewer 'Only this reviewer''s file'
            cand --scope 'global ($WFC_HOME) or project (the repository''s .wfc/knowledge)'
            cand --lock-timeout 'How long to wait for another writer''s lock before giving up (exit 4)'
            cand -C 'Run as if wfc was started in DIR'
            cand --project-id 'Project (namespace) id [env: WFC_PROJECT_ID]'
            cand --developer-id 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]'
            cand --color 'When to use colors [env: NO_COLOR disables]'
            cand --dry-run 'Print what would move and change nothing'
            cand --json 'Print one JSON document on stdout instead of text'
            cand -q 'Print only the answer and errors'
            cand --quiet 'Print only the answer and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'wfc;knowledge;export'= {
            cand --scope 'Only global or only project knowledge; default: both (project only inside a repository)'
            cand --lock-timeout 'How long to wait for another writer''s lock before giving up (exit 4)'
            cand -C 'Run as if wfc was started in DIR'
            cand --project-id 'Project (namespace) id [env: WFC_PROJECT_ID]'
            cand --developer-id 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]'
            cand --color 'When to use colors [env: NO_COLOR disables]'
            cand --json 'Print one JSON document on stdout instead of text'
            cand -q 'Print only the answer and errors'
            cand --quiet 'Print only the answer and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'wfc;knowledge;help'= {
            cand append 'Append an entry (locked, atomic, de-duplicated)'
            cand show 'Print a reviewer''s knowledge'
            cand search 'Rank entries for a query'
            cand prune 'Archive old entries'
            cand export 'Write the store''s knowledge to KNOWLEDGE.md files (PostgreSQL store)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'wfc;knowledge;help;append'= {
        }
        &'wfc;knowledge;help;show'= {
        }
        &'wfc;knowledge;help;search'= {
        }
        &'wfc;knowledge;help;prune'= {
        }
        &'wfc;knowledge;help;export'= {
        }
        &'wfc;knowledge;help;help'= {
        }
        &'wfc;telemetry'= {
            cand --since 'Only events newer than this (e.g. 7d)'
            cand -C 'Run as if wfc was started in DIR'
            cand --project-id 'Project (namespace) id [env: WFC_PROJECT_ID]'
            cand --developer-id 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]'
            cand --color 'When to use colors [env: NO_COLOR disables]'
            cand --all-projects 'Every project, not only the current one'
            cand --json 'Print one JSON document on stdout instead of text'
            cand -q 'Print only the answer and errors'
            cand --quiet 'Print only the answer and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand export 'Write every event with its project, developer and time'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'wfc;telemetry;export'= {
            cand --format 'Output format [default: jsonl]'
            cand --since 'Only events newer than this (e.g. 7d)'
            cand -C 'Run as if wfc was started in DIR'
            cand --project-id 'Project (namespace) id [env: WFC_PROJECT_ID]'
            cand --developer-id 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]'
            cand --color 'When to use colors [env: NO_COLOR disables]'
            cand --all-projects 'Every project, not only the current one'
            cand --json 'Print one JSON document on stdout instead of text'
            cand -q 'Print only the answer and errors'
            cand --quiet 'Print only the answer and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'wfc;telemetry;help'= {
            cand export 'Write every event with its project, developer and time'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'wfc;telemetry;help;export'= {
        }
        &'wfc;telemetry;help;help'= {
        }
        &'wfc;audit'= {
            cand --since 'Only rows newer than this (e.g. 24h, 7d)'
            cand --action 'Only rows with this action (e.g. init, worktree.create, review)'
            cand --limit 'At most this many rows (the newest)'
            cand -C 'Run as if wfc was started in DIR'
            cand --project-id 'Project (namespace) id [env: WFC_PROJECT_ID]'
            cand --developer-id 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]'
            cand --color 'When to use colors [env: NO_COLOR disables]'
            cand --json 'Print one JSON document on stdout instead of text'
            cand -q 'Print only the answer and errors'
            cand --quiet 'Print only the answer and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand verify 'Check that no audit row was edited or deleted; exit 1 and name the first break if one was'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'wfc;audit;verify'= {
            cand --anchors 'Read anchors from these commits (default: everything reachable from HEAD, in a repository)'
            cand -C 'Run as if wfc was started in DIR'
            cand --project-id 'Project (namespace) id [env: WFC_PROJECT_ID]'
            cand --developer-id 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]'
            cand --color 'When to use colors [env: NO_COLOR disables]'
            cand --json 'Print one JSON document on stdout instead of text'
            cand -q 'Print only the answer and errors'
            cand --quiet 'Print only the answer and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'wfc;audit;help'= {
            cand verify 'Check that no audit row was edited or deleted; exit 1 and name the first break if one was'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'wfc;audit;help;verify'= {
        }
        &'wfc;audit;help;help'= {
        }
        &'wfc;hook'= {
            cand -C 'Run as if wfc was started in DIR'
            cand --project-id 'Project (namespace) id [env: WFC_PROJECT_ID]'
            cand --developer-id 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]'
            cand --color 'When to use colors [env: NO_COLOR disables]'
            cand --json 'Print one JSON document on stdout instead of text'
            cand -q 'Print only the answer and errors'
            cand --quiet 'Print only the answer and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand install 'Install the hooks'
            cand uninstall 'Remove the hooks, restoring the previous ones'
            cand status 'Show what is installed'
            cand run 'Run a hook (used by the installed scripts)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'wfc;hook;install'= {
            cand -C 'Run as if wfc was started in DIR'
            cand --project-id 'Project (namespace) id [env: WFC_PROJECT_ID]'
            cand --developer-id 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]'
            cand --color 'When to use colors [env: NO_COLOR disables]'
            cand --force 'Install even when another hook manager owns the hooks, or core.hooksPath comes from the user''s or system''s git config (the manager''s hook is chained and still runs first)'
            cand --json 'Print one JSON document on stdout instead of text'
            cand -q 'Print only the answer and errors'
            cand --quiet 'Print only the answer and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'wfc;hook;uninstall'= {
            cand -C 'Run as if wfc was started in DIR'
            cand --project-id 'Project (namespace) id [env: WFC_PROJECT_ID]'
            cand --developer-id 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]'
            cand --color 'When to use colors [env: NO_COLOR disables]'
            cand --json 'Print one JSON document on stdout instead of text'
            cand -q 'Print only the answer and errors'
            cand --quiet 'Print only the answer and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'wfc;hook;status'= {
            cand -C 'Run as if wfc was started in DIR'
            cand --project-id 'Project (namespace) id [env: WFC_PROJECT_ID]'
            cand --developer-id 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]'
            cand --color 'When to use colors [env: NO_COLOR disables]'
            cand --json 'Print one JSON document on stdout instead of text'
            cand -q 'Print only the answer and errors'
            cand --quiet 'Print only the answer and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'wfc;hook;run'= {
            cand -C 'Run as if wfc was started in DIR'
            cand --project-id 'Project (namespace) id [env: WFC_PROJECT_ID]'
            cand --developer-id 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]'
            cand --color 'When to use colors [env: NO_COLOR disables]'
            cand --json 'Print one JSON document on stdout instead of text'
            cand -q 'Print only the answer and errors'
            cand --quiet 'Print only the answer and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'wfc;hook;help'= {
            cand install 'Install the hooks'
            cand uninstall 'Remove the hooks, restoring the previous ones'
            cand status 'Show what is installed'
            cand run 'Run a hook (used by the installed scripts)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'wfc;hook;help;install'= {
        }
        &'wfc;hook;help;uninstall'= {
        }
        &'wfc;hook;help;status'= {
        }
        &'wfc;hook;help;run'= {
        }
        &'wfc;hook;help;help'= {
        }
        &'wfc;gate'= {
            cand -C 'Run as if wfc was started in DIR'
            cand --project-id 'Project (namespace) id [env: WFC_PROJECT_ID]'
            cand --developer-id 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]'
            cand --color 'When to use colors [env: NO_COLOR disables]'
            cand --json 'Print one JSON document on stdout instead of text'
            cand -q 'Print only the answer and errors'
            cand --quiet 'Print only the answer and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand check 'Check that the staged tree was reviewed'
            cand verify 'Check every commit of a range (for CI)'
            cand keygen 'Make an ed25519 key that signs review attestations'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'wfc;gate;check'= {
            cand --rev 'Check this commit''s tree instead of the staged tree'
            cand -C 'Run as if wfc was started in DIR'
            cand --project-id 'Project (namespace) id [env: WFC_PROJECT_ID]'
            cand --developer-id 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]'
            cand --color 'When to use colors [env: NO_COLOR disables]'
            cand --json 'Print one JSON document on stdout instead of text'
            cand -q 'Print only the answer and errors'
            cand --quiet 'Print only the answer and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'wfc;gate;verify'= {
            cand --policy-from 'Read the gate policy from this commit (default: the range''s base)'
            cand --allowed-signers 'Also require a valid Review-Signature from a key listed in FILE (git''s allowed-signers format)'
            cand -C 'Run as if wfc was started in DIR'
            cand --project-id 'Project (namespace) id [env: WFC_PROJECT_ID]'
            cand --developer-id 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]'
            cand --color 'When to use colors [env: NO_COLOR disables]'
            cand --rerun 'Ignore trailers: re-run the policy''s built-in reviewers on every commit''s change'
            cand --allow-bypassed 'Accept commits whose review was bypassed'
            cand --allow-v1 'Accept v1 trailers (history made before v2) when they match the commit''s tree'
            cand --deny-bypassed 'Reject bypassed reviews (the default; kept for older CI scripts)'
            cand --json 'Print one JSON document on stdout instead of text'
            cand -q 'Print only the answer and errors'
            cand --quiet 'Print only the answer and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'wfc;gate;keygen'= {
            cand --comment 'The key''s comment [default: "wfc-review key of <developer-id>"]'
            cand -C 'Run as if wfc was started in DIR'
            cand --project-id 'Project (namespace) id [env: WFC_PROJECT_ID]'
            cand --developer-id 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]'
            cand --color 'When to use colors [env: NO_COLOR disables]'
            cand --force 'Replace the existing key (it can no longer sign; remove its allowed-signers line to stop trusting what it signed)'
            cand --json 'Print one JSON document on stdout instead of text'
            cand -q 'Print only the answer and errors'
            cand --quiet 'Print only the answer and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'wfc;gate;help'= {
            cand check 'Check that the staged tree was reviewed'
            cand verify 'Check every commit of a range (for CI)'
            cand keygen 'Make an ed25519 key that signs review attestations'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'wfc;gate;help;check'= {
        }
        &'wfc;gate;help;verify'= {
        }
        &'wfc;gate;help;keygen'= {
        }
        &'wfc;gate;help;help'= {
        }
        &'wfc;store'= {
            cand -C 'Run as if wfc was started in DIR'
            cand --project-id 'Project (namespace) id [env: WFC_PROJECT_ID]'
            cand --developer-id 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]'
            cand --color 'When to use colors [env: NO_COLOR disables]'
            cand --json 'Print one JSON document on stdout instead of text'
            cand -q 'Print only the answer and errors'
            cand --quiet 'Print only the answer and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand info 'Say which store is in use, where, and its schema version'
            cand migrate 'Copy the embedded SQLite store into an empty PostgreSQL store'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'wfc;store;info'= {
            cand -C 'Run as if wfc was started in DIR'
            cand --project-id 'Project (namespace) id [env: WFC_PROJECT_ID]'
            cand --developer-id 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]'
            cand --color 'When to use colors [env: NO_COLOR disables]'
            cand --json 'Print one JSON document on stdout instead of text'
            cand -q 'Print only the answer and errors'
            cand --quiet 'Print only the answer and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'wfc;store;migrate'= {
            cand --to 'The PostgreSQL store: postgres://user@host:5432/database'
            cand --from 'The SQLite store to copy (default: $WFC_HOME/wfc.db)'
            cand -C 'Run as if wfc was started in DIR'
            cand --project-id 'Project (namespace) id [env: WFC_PROJECT_ID]'
            cand --developer-id 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]'
            cand --color 'When to use colors [env: NO_COLOR disables]'
            cand --json 'Print one JSON document on stdout instead of text'
            cand -q 'Print only the answer and errors'
            cand --quiet 'Print only the answer and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'wfc;store;help'= {
            cand info 'Say which store is in use, where, and its schema version'
            cand migrate 'Copy the embedded SQLite store into an empty PostgreSQL store'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'wfc;store;help;info'= {
        }
        &'wfc;store;help;migrate'= {
        }
        &'wfc;store;help;help'= {
        }
        &'wfc;trust'= {
            cand -C 'Run as if wfc was started in DIR'
            cand --project-id 'Project (namespace) id [env: WFC_PROJECT_ID]'
            cand --developer-id 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]'
            cand --color 'When to use colors [env: NO_COLOR disables]'
            cand --show 'Print what the file would run and whether it is trusted; change nothing'
            cand --revoke 'Forget the trust recorded for this repository''s config file'
            cand --json 'Print one JSON document on stdout instead of text'
            cand -q 'Print only the answer and errors'
            cand --quiet 'Print only the answer and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'wfc;mcp'= {
            cand -C 'Run as if wfc was started in DIR'
            cand --project-id 'Project (namespace) id [env: WFC_PROJECT_ID]'
            cand --developer-id 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]'
            cand --color 'When to use colors [env: NO_COLOR disables]'
            cand --json 'Print one JSON document on stdout instead of text'
            cand -q 'Print only the answer and errors'
            cand --quiet 'Print only the answer and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'wfc;completions'= {
            cand -C 'Run as if wfc was started in DIR'
            cand --project-id 'Project (namespace) id [env: WFC_PROJECT_ID]'
            cand --developer-id 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]'
            cand --color 'When to use colors [env: NO_COLOR disables]'
            cand --json 'Print one JSON document on stdout instead of text'
            cand -q 'Print only the answer and errors'
            cand --quiet 'Print only the answer and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'wfc;man'= {
            cand -C 'Run as if wfc was started in DIR'
            cand --project-id 'Project (namespace) id [env: WFC_PROJECT_ID]'
            cand --developer-id 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]'
            cand --color 'When to use colors [env: NO_COLOR disables]'
            cand --json 'Print one JSON document on stdout instead of text'
            cand -q 'Print only the answer and errors'
            cand --quiet 'Print only the answer and errors'
            cand -v 'Print more detail on stderr'
            cand --verbose 'Print more detail on stderr'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'wfc;help'= {
            cand init 'Write .wfc/config.toml and the .git/info/exclude entries'
            cand worktree 'Create, list and remove namespaced task worktrees'
            cand cleanup 'Remove orphaned worktrees and mark dead jobs interrupted'
            cand review 'Review a change with a panel of reviewers and a consensus score'
            cand knowledge 'Read and write the shared per-reviewer knowledge base'
            cand telemetry 'Per-project figures: reviews, pass rate, timings, findings'
            cand audit 'List the audit trail, or verify that it was not altered'
            cand hook 'Install and run the git hooks that gate commits on reviews'
            cand gate 'Check that a tree, or every commit of a range, was reviewed'
            cand store 'Say which store keeps wfc''s state'
            cand trust 'Let this repository''s config run the commands it defines (or show, or revoke)'
            cand mcp 'Serve the Model Context Protocol on stdio, for agent harnesses'
            cand completions 'Print a shell completion script'
            cand man 'Write man pages into a directory'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'wfc;help;init'= {
        }
        &'wfc;help;worktree'= {
            cand create 'Create a task worktree and branch; print its path'
            cand list 'List worktrees'
            cand path 'Print a task worktree''s path'
            cand status 'Short status of one or all worktrees'
            cand remove 'Remove a task worktree'
            cand copy-env 'Copy env and version files into a worktree again'
        }
        &'wfc;help;worktree;create'= {
        }
        &'wfc;help;worktree;list'= {
        }
        &'wfc;help;worktree;path'= {
        }
        &'wfc;help;worktree;status'= {
        }
        &'wfc;help;worktree;remove'= {
        }
        &'wfc;help;worktree;copy-env'= {
        }
        &'wfc;help;cleanup'= {
        }
        &'wfc;help;review'= {
            cand prepare 'Phase one for agent harnesses: print one task spec (prompt) per relevant reviewer'
            cand finalize 'Phase two: score the reviewers'' raw responses and complete the job'
            cand list 'List past reviews'
            cand show 'Show one past review'
        }
        &'wfc;help;review;prepare'= {
        }
        &'wfc;help;review;finalize'= {
        }
        &'wfc;help;review;list'= {
        }
        &'wfc;help;review;show'= {
        }
        &'wfc;help;knowledge'= {
            cand append 'Append an entry (locked, atomic, de-duplicated)'
            cand show 'Print a reviewer''s knowledge'
            cand search 'Rank entries for a query'
            cand prune 'Archive old entries'
            cand export 'Write the store''s knowledge to KNOWLEDGE.md files (PostgreSQL store)'
        }
        &'wfc;help;knowledge;append'= {
        }
        &'wfc;help;knowledge;show'= {
        }
        &'wfc;help;knowledge;search'= {
        }
        &'wfc;help;knowledge;prune'= {
        }
        &'wfc;help;knowledge;export'= {
        }
        &'wfc;help;telemetry'= {
            cand export 'Write every event with its project, developer and time'
        }
        &'wfc;help;telemetry;export'= {
        }
        &'wfc;help;audit'= {
            cand verify 'Check that no audit row was edited or deleted; exit 1 and name the first break if one was'
        }
        &'wfc;help;audit;verify'= {
        }
        &'wfc;help;hook'= {
            cand install 'Install the hooks'
            cand uninstall 'Remove the hooks, restoring the previous ones'
            cand status 'Show what is installed'
            cand run 'Run a hook (used by the installed scripts)'
        }
        &'wfc;help;hook;install'= {
        }
        &'wfc;help;hook;uninstall'= {
        }
        &'wfc;help;hook;status'= {
        }
        &'wfc;help;hook;run'= {
        }
        &'wfc;help;gate'= {
            cand check 'Check that the staged tree was reviewed'
            cand verify 'Check every commit of a range (for CI)'
            cand keygen 'Make an ed25519 key that signs review attestations'
        }
        &'wfc;help;gate;check'= {
        }
        &'wfc;help;gate;verify'= {
        }
        &'wfc;help;gate;keygen'= {
        }
        &'wfc;help;store'= {
            cand info 'Say which store is in use, where, and its schema version'
            cand migrate 'Copy the embedded SQLite store into an empty PostgreSQL store'
        }
        &'wfc;help;store;info'= {
        }
        &'wfc;help;store;migrate'= {
        }
        &'wfc;help;trust'= {
        }
        &'wfc;help;mcp'= {
        }
        &'wfc;help;completions'= {
        }
        &'wfc;help;man'= {
        }
        &'wfc;help;help'= {
        }
    ]
    $completions[$command]
}
