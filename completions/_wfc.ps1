
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'wfc' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'wfc'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'wfc' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if wfc was started in DIR')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project (namespace) id [env: WFC_PROJECT_ID]')
            [CompletionResult]::new('--developer-id', '--developer-id', [CompletionResultType]::ParameterName, 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors [env: NO_COLOR disables]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Write .wfc/config.toml and the .git/info/exclude entries')
            [CompletionResult]::new('worktree', 'worktree', [CompletionResultType]::ParameterValue, 'Create, list and remove namespaced task worktrees')
            [CompletionResult]::new('cleanup', 'cleanup', [CompletionResultType]::ParameterValue, 'Remove orphaned worktrees and mark dead jobs interrupted')
            [CompletionResult]::new('clean', 'clean', [CompletionResultType]::ParameterValue, 'Remove orphaned worktrees and mark dead jobs interrupted')
            [CompletionResult]::new('review', 'review', [CompletionResultType]::ParameterValue, 'Review a change with a panel of reviewers and a consensus score')
            [CompletionResult]::new('knowledge', 'knowledge', [CompletionResultType]::ParameterValue, 'Read and write the shared per-reviewer knowledge base')
            [CompletionResult]::new('telemetry', 'telemetry', [CompletionResultType]::ParameterValue, 'Per-project figures: reviews, pass rate, timings, findings')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'List the audit trail, or verify that it was not altered')
            [CompletionResult]::new('hook', 'hook', [CompletionResultType]::ParameterValue, 'Install and run the git hooks that gate commits on reviews')
            [CompletionResult]::new('gate', 'gate', [CompletionResultType]::ParameterValue, 'Check that a tree, or every commit of a range, was reviewed')
            [CompletionResult]::new('store', 'store', [CompletionResultType]::ParameterValue, 'Say which store keeps wfc''s state')
            [CompletionResult]::new('trust', 'trust', [CompletionResultType]::ParameterValue, 'Let this repository''s config run the commands it defines (or show, or revoke)')
            [CompletionResult]::new('mcp', 'mcp', [CompletionResultType]::ParameterValue, 'Serve the Model Context Protocol on stdio, for agent harnesses')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Write man pages into a directory')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'wfc;init' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if wfc was started in DIR')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project (namespace) id [env: WFC_PROJECT_ID]')
            [CompletionResult]::new('--developer-id', '--developer-id', [CompletionResultType]::ParameterName, 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors [env: NO_COLOR disables]')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Rewrite an existing .wfc/config.toml')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'wfc;worktree' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if wfc was started in DIR')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project (namespace) id [env: WFC_PROJECT_ID]')
            [CompletionResult]::new('--developer-id', '--developer-id', [CompletionResultType]::ParameterName, 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors [env: NO_COLOR disables]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a task worktree and branch; print its path')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List worktrees')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List worktrees')
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print a task worktree''s path')
            [CompletionResult]::new('go', 'go', [CompletionResultType]::ParameterValue, 'Print a task worktree''s path')
            [CompletionResult]::new('switch', 'switch', [CompletionResultType]::ParameterValue, 'Print a task worktree''s path')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Short status of one or all worktrees')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a task worktree')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Remove a task worktree')
            [CompletionResult]::new('copy-env', 'copy-env', [CompletionResultType]::ParameterValue, 'Copy env and version files into a worktree again')
            [CompletionResult]::new('env', 'env', [CompletionResultType]::ParameterValue, 'Copy env and version files into a worktree again')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'wfc;worktree;create' {
            [CompletionResult]::new('--base', '--base', [CompletionResultType]::ParameterName, 'Start the branch from REF (default: the repository''s current HEAD)')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'When the pool is full, wait up to SECS for a free slot')
            [CompletionResult]::new('--owner-pid', '--owner-pid', [CompletionResultType]::ParameterName, 'Process that owns this worktree; it is not an orphan while PID lives')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if wfc was started in DIR')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project (namespace) id [env: WFC_PROJECT_ID]')
            [CompletionResult]::new('--developer-id', '--developer-id', [CompletionResultType]::ParameterName, 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors [env: NO_COLOR disables]')
            [CompletionResult]::new('--exist-ok', '--exist-ok', [CompletionResultType]::ParameterName, 'Print the existing path and exit 0 if the worktree already exists')
            [CompletionResult]::new('--evict', '--evict', [CompletionResultType]::ParameterName, 'When the pool is full, remove the least recently used clean worktree with no live owner')
            [CompletionResult]::new('--no-copy-env', '--no-copy-env', [CompletionResultType]::ParameterName, 'Do not copy env and version files into the worktree')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'wfc;worktree;list' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if wfc was started in DIR')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project (namespace) id [env: WFC_PROJECT_ID]')
            [CompletionResult]::new('--developer-id', '--developer-id', [CompletionResultType]::ParameterName, 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors [env: NO_COLOR disables]')
            [CompletionResult]::new('--all-projects', '--all-projects', [CompletionResultType]::ParameterName, 'Show the worktrees of every project, not only the current one')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'wfc;worktree;ls' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if wfc was started in DIR')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project (namespace) id [env: WFC_PROJECT_ID]')
            [CompletionResult]::new('--developer-id', '--developer-id', [CompletionResultType]::ParameterName, 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors [env: NO_COLOR disables]')
            [CompletionResult]::new('--all-projects', '--all-projects', [CompletionResultType]::ParameterName, 'Show the worktrees of every project, not only the current one')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'wfc;worktree;path' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if wfc was started in DIR')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project (namespace) id [env: WFC_PROJECT_ID]')
            [CompletionResult]::new('--developer-id', '--developer-id', [CompletionResultType]::ParameterName, 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors [env: NO_COLOR disables]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'wfc;worktree;go' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if wfc was started in DIR')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project (namespace) id [env: WFC_PROJECT_ID]')
            [CompletionResult]::new('--developer-id', '--developer-id', [CompletionResultType]::ParameterName, 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors [env: NO_COLOR disables]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'wfc;worktree;switch' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if wfc was started in DIR')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project (namespace) id [env: WFC_PROJECT_ID]')
            [CompletionResult]::new('--developer-id', '--developer-id', [CompletionResultType]::ParameterName, 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors [env: NO_COLOR disables]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'wfc;worktree;status' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if wfc was started in DIR')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project (namespace) id [env: WFC_PROJECT_ID]')
            [CompletionResult]::new('--developer-id', '--developer-id', [CompletionResultType]::ParameterName, 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors [env: NO_COLOR disables]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'wfc;worktree;remove' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if wfc was started in DIR')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project (namespace) id [env: WFC_PROJECT_ID]')
            [CompletionResult]::new('--developer-id', '--developer-id', [CompletionResultType]::ParameterName, 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors [env: NO_COLOR disables]')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Remove even with uncommitted changes')
            [CompletionResult]::new('--delete-branch', '--delete-branch', [CompletionResultType]::ParameterName, 'Delete the task branch too')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'wfc;worktree;rm' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if wfc was started in DIR')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project (namespace) id [env: WFC_PROJECT_ID]')
            [CompletionResult]::new('--developer-id', '--developer-id', [CompletionResultType]::ParameterName, 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors [env: NO_COLOR disables]')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Remove even with uncommitted changes')
            [CompletionResult]::new('--delete-branch', '--delete-branch', [CompletionResultType]::ParameterName, 'Delete the task branch too')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'wfc;worktree;copy-env' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if wfc was started in DIR')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project (namespace) id [env: WFC_PROJECT_ID]')
            [CompletionResult]::new('--developer-id', '--developer-id', [CompletionResultType]::ParameterName, 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors [env: NO_COLOR disables]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'wfc;worktree;env' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if wfc was started in DIR')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project (namespace) id [env: WFC_PROJECT_ID]')
            [CompletionResult]::new('--developer-id', '--developer-id', [CompletionResultType]::ParameterName, 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors [env: NO_COLOR disables]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'wfc;worktree;help' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a task worktree and branch; print its path')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List worktrees')
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print a task worktree''s path')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Short status of one or all worktrees')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a task worktree')
            [CompletionResult]::new('copy-env', 'copy-env', [CompletionResultType]::ParameterValue, 'Copy env and version files into a worktree again')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'wfc;worktree;help;create' {
            break
        }
        'wfc;worktree;help;list' {
            break
        }
        'wfc;worktree;help;path' {
            break
        }
        'wfc;worktree;help;status' {
            break
        }
        'wfc;worktree;help;remove' {
            break
        }
        'wfc;worktree;help;copy-env' {
            break
        }
        'wfc;worktree;help;help' {
            break
        }
        'wfc;cleanup' {
            [CompletionResult]::new('--older-than', '--older-than', [CompletionResultType]::ParameterName, 'Idle time after which a worktree is an orphan (default: worktree.orphan_after, 24h)')
            [CompletionResult]::new('--watch', '--watch', [CompletionResultType]::ParameterName, 'Repeat every INTERVAL (e.g. 6h) until stopped')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if wfc was started in DIR')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project (namespace) id [env: WFC_PROJECT_ID]')
            [CompletionResult]::new('--developer-id', '--developer-id', [CompletionResultType]::ParameterName, 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors [env: NO_COLOR disables]')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the plan on stdout and change nothing')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Remove orphaned worktrees even with uncommitted changes')
            [CompletionResult]::new('--delete-branch', '--delete-branch', [CompletionResultType]::ParameterName, 'Delete the task branches of removed worktrees even when not merged')
            [CompletionResult]::new('--all-projects', '--all-projects', [CompletionResultType]::ParameterName, 'Clean every project of the repository, not only the current one')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'wfc;clean' {
            [CompletionResult]::new('--older-than', '--older-than', [CompletionResultType]::ParameterName, 'Idle time after which a worktree is an orphan (default: worktree.orphan_after, 24h)')
            [CompletionResult]::new('--watch', '--watch', [CompletionResultType]::ParameterName, 'Repeat every INTERVAL (e.g. 6h) until stopped')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if wfc was started in DIR')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project (namespace) id [env: WFC_PROJECT_ID]')
            [CompletionResult]::new('--developer-id', '--developer-id', [CompletionResultType]::ParameterName, 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors [env: NO_COLOR disables]')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the plan on stdout and change nothing')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Remove orphaned worktrees even with uncommitted changes')
            [CompletionResult]::new('--delete-branch', '--delete-branch', [CompletionResultType]::ParameterName, 'Delete the task branches of removed worktrees even when not merged')
            [CompletionResult]::new('--all-projects', '--all-projects', [CompletionResultType]::ParameterName, 'Clean every project of the repository, not only the current one')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'wfc;review' {
            [CompletionResult]::new('--task-id', '--task-id', [CompletionResultType]::ParameterName, 'Task id (default: from the wfc/<project>/<task> branch, else a short id of the tree)')
            [CompletionResult]::new('--base', '--base', [CompletionResultType]::ParameterName, 'Review the working tree against REF')
            [CompletionResult]::new('--range', '--range', [CompletionResultType]::ParameterName, 'Review the commits A..B')
            [CompletionResult]::new('--diff-file', '--diff-file', [CompletionResultType]::ParameterName, 'Review a unified diff from PATH, or from stdin with `-`')
            [CompletionResult]::new('--files', '--files', [CompletionResultType]::ParameterName, 'Review these files whole, as if every line were added')
            [CompletionResult]::new('--reviewers', '--reviewers', [CompletionResultType]::ParameterName, 'Reviewers to run, by id (built-in and external), comma-separated')
            [CompletionResult]::new('--fail-on', '--fail-on', [CompletionResultType]::ParameterName, 'The lowest tier that fails the review (default: review.fail_on, important)')
            [CompletionResult]::new('--sarif', '--sarif', [CompletionResultType]::ParameterName, 'Also write a SARIF 2.1.0 report to PATH')
            [CompletionResult]::new('--bypass-reason', '--bypass-reason', [CompletionResultType]::ParameterName, 'Let a failed review through, recording who and why in the audit trail')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if wfc was started in DIR')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project (namespace) id [env: WFC_PROJECT_ID]')
            [CompletionResult]::new('--developer-id', '--developer-id', [CompletionResultType]::ParameterName, 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors [env: NO_COLOR disables]')
            [CompletionResult]::new('--staged', '--staged', [CompletionResultType]::ParameterName, 'Review the staged change (the default when something is staged)')
            [CompletionResult]::new('--no-learn', '--no-learn', [CompletionResultType]::ParameterName, 'Do not append learnings to the knowledge base')
            [CompletionResult]::new('--progress-json', '--progress-json', [CompletionResultType]::ParameterName, 'One JSON line per reviewer event on stderr (`{"wfc_progress": ...}`), for `wfc mcp`')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('prepare', 'prepare', [CompletionResultType]::ParameterValue, 'Phase one for agent harnesses: print one task spec (prompt) per relevant reviewer')
            [CompletionResult]::new('finalize', 'finalize', [CompletionResultType]::ParameterValue, 'Phase two: score the reviewers'' raw responses and complete the job')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List past reviews')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one past review')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'wfc;review;prepare' {
            [CompletionResult]::new('--task-id', '--task-id', [CompletionResultType]::ParameterName, 'Task id (default: from the wfc/<project>/<task> branch, else a short id of the tree)')
            [CompletionResult]::new('--base', '--base', [CompletionResultType]::ParameterName, 'Review the working tree against REF')
            [CompletionResult]::new('--range', '--range', [CompletionResultType]::ParameterName, 'Review the commits A..B')
            [CompletionResult]::new('--diff-file', '--diff-file', [CompletionResultType]::ParameterName, 'Review a unified diff from PATH, or from stdin with `-`')
            [CompletionResult]::new('--files', '--files', [CompletionResultType]::ParameterName, 'Review these files whole, as if every line were added')
            [CompletionResult]::new('--reviewers', '--reviewers', [CompletionResultType]::ParameterName, 'Reviewers to run, by id (built-in and external), comma-separated')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if wfc was started in DIR')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project (namespace) id [env: WFC_PROJECT_ID]')
            [CompletionResult]::new('--developer-id', '--developer-id', [CompletionResultType]::ParameterName, 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors [env: NO_COLOR disables]')
            [CompletionResult]::new('--staged', '--staged', [CompletionResultType]::ParameterName, 'Review the staged change (the default when something is staged)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'wfc;review;finalize' {
            [CompletionResult]::new('--job', '--job', [CompletionResultType]::ParameterName, 'Job id printed by `wfc review prepare`')
            [CompletionResult]::new('--responses', '--responses', [CompletionResultType]::ParameterName, 'JSON file with the responses, or `-` for stdin')
            [CompletionResult]::new('--fail-on', '--fail-on', [CompletionResultType]::ParameterName, 'The lowest tier that fails the review')
            [CompletionResult]::new('--sarif', '--sarif', [CompletionResultType]::ParameterName, 'Also write a SARIF 2.1.0 report to PATH')
            [CompletionResult]::new('--bypass-reason', '--bypass-reason', [CompletionResultType]::ParameterName, 'Let a failed review through, recording who and why in the audit trail')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if wfc was started in DIR')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project (namespace) id [env: WFC_PROJECT_ID]')
            [CompletionResult]::new('--developer-id', '--developer-id', [CompletionResultType]::ParameterName, 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors [env: NO_COLOR disables]')
            [CompletionResult]::new('--no-learn', '--no-learn', [CompletionResultType]::ParameterName, 'Do not append learnings to the knowledge base')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'wfc;review;list' {
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'At most N reviews')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if wfc was started in DIR')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project (namespace) id [env: WFC_PROJECT_ID]')
            [CompletionResult]::new('--developer-id', '--developer-id', [CompletionResultType]::ParameterName, 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors [env: NO_COLOR disables]')
            [CompletionResult]::new('--all-projects', '--all-projects', [CompletionResultType]::ParameterName, 'Every project, not only the current one')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'wfc;review;show' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if wfc was started in DIR')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project (namespace) id [env: WFC_PROJECT_ID]')
            [CompletionResult]::new('--developer-id', '--developer-id', [CompletionResultType]::ParameterName, 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors [env: NO_COLOR disables]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'wfc;review;help' {
            [CompletionResult]::new('prepare', 'prepare', [CompletionResultType]::ParameterValue, 'Phase one for agent harnesses: print one task spec (prompt) per relevant reviewer')
            [CompletionResult]::new('finalize', 'finalize', [CompletionResultType]::ParameterValue, 'Phase two: score the reviewers'' raw responses and complete the job')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List past reviews')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one past review')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'wfc;review;help;prepare' {
            break
        }
        'wfc;review;help;finalize' {
            break
        }
        'wfc;review;help;list' {
            break
        }
        'wfc;review;help;show' {
            break
        }
        'wfc;review;help;help' {
            break
        }
        'wfc;knowledge' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if wfc was started in DIR')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project (namespace) id [env: WFC_PROJECT_ID]')
            [CompletionResult]::new('--developer-id', '--developer-id', [CompletionResultType]::ParameterName, 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors [env: NO_COLOR disables]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('append', 'append', [CompletionResultType]::ParameterValue, 'Append an entry (locked, atomic, de-duplicated)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print a reviewer''s knowledge')
            [CompletionResult]::new('search', 'search', [CompletionResultType]::ParameterValue, 'Rank entries for a query')
            [CompletionResult]::new('prune', 'prune', [CompletionResultType]::ParameterValue, 'Archive old entries')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write the store''s knowledge to KNOWLEDGE.md files (PostgreSQL store)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'wfc;knowledge;append' {
            [CompletionResult]::new('--reviewer', '--reviewer', [CompletionResultType]::ParameterName, 'Reviewer whose knowledge this is')
            [CompletionResult]::new('--section', '--section', [CompletionResultType]::ParameterName, 'patterns_found, false_positives, incidents_prevented, repo_rules or codebase_context')
            [CompletionResult]::new('--text', '--text', [CompletionResultType]::ParameterName, 'The entry text (line breaks become spaces; at most 500 characters)')
            [CompletionResult]::new('--source', '--source', [CompletionResultType]::ParameterName, 'Where the entry came from (a review, a task, a person)')
            [CompletionResult]::new('--scope', '--scope', [CompletionResultType]::ParameterName, 'global ($WFC_HOME) or project (the repository''s .wfc/knowledge); default: project for repo_rules and codebase_context inside a repository, else global')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long to wait for another writer''s lock before giving up (exit 4)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if wfc was started in DIR')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project (namespace) id [env: WFC_PROJECT_ID]')
            [CompletionResult]::new('--developer-id', '--developer-id', [CompletionResultType]::ParameterName, 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors [env: NO_COLOR disables]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'wfc;knowledge;show' {
            [CompletionResult]::new('--section', '--section', [CompletionResultType]::ParameterName, 'Only the entries of this section')
            [CompletionResult]::new('--scope', '--scope', [CompletionResultType]::ParameterName, 'Only global ($WFC_HOME) or only project (the repository''s .wfc/knowledge); default: both')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if wfc was started in DIR')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project (namespace) id [env: WFC_PROJECT_ID]')
            [CompletionResult]::new('--developer-id', '--developer-id', [CompletionResultType]::ParameterName, 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors [env: NO_COLOR disables]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'wfc;knowledge;search' {
            [CompletionResult]::new('--reviewer', '--reviewer', [CompletionResultType]::ParameterName, 'Only this reviewer''s entries')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'At most N entries (0: all that match)')
            [CompletionResult]::new('--scope', '--scope', [CompletionResultType]::ParameterName, 'Only global ($WFC_HOME) or only project (the repository''s .wfc/knowledge); default: both')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if wfc was started in DIR')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project (namespace) id [env: WFC_PROJECT_ID]')
            [CompletionResult]::new('--developer-id', '--developer-id', [CompletionResultType]::ParameterName, 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors [env: NO_COLOR disables]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'wfc;knowledge;prune' {
            [CompletionResult]::new('--older-than', '--older-than', [CompletionResultType]::ParameterName, 'Age of entries to archive (e.g. 180d)')
            [CompletionResult]::new('--reviewer', '--reviewer', [CompletionResultType]::ParameterName, 'Only this reviewer''s file')
            [CompletionResult]::new('--scope', '--scope', [CompletionResultType]::ParameterName, 'global ($WFC_HOME) or project (the repository''s .wfc/knowledge)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long to wait for another writer''s lock before giving up (exit 4)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if wfc was started in DIR')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project (namespace) id [env: WFC_PROJECT_ID]')
            [CompletionResult]::new('--developer-id', '--developer-id', [CompletionResultType]::ParameterName, 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors [env: NO_COLOR disables]')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print what would move and change nothing')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'wfc;knowledge;export' {
            [CompletionResult]::new('--scope', '--scope', [CompletionResultType]::ParameterName, 'Only global or only project knowledge; default: both (project only inside a repository)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long to wait for another writer''s lock before giving up (exit 4)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if wfc was started in DIR')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project (namespace) id [env: WFC_PROJECT_ID]')
            [CompletionResult]::new('--developer-id', '--developer-id', [CompletionResultType]::ParameterName, 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors [env: NO_COLOR disables]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'wfc;knowledge;help' {
            [CompletionResult]::new('append', 'append', [CompletionResultType]::ParameterValue, 'Append an entry (locked, atomic, de-duplicated)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print a reviewer''s knowledge')
            [CompletionResult]::new('search', 'search', [CompletionResultType]::ParameterValue, 'Rank entries for a query')
            [CompletionResult]::new('prune', 'prune', [CompletionResultType]::ParameterValue, 'Archive old entries')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write the store''s knowledge to KNOWLEDGE.md files (PostgreSQL store)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'wfc;knowledge;help;append' {
            break
        }
        'wfc;knowledge;help;show' {
            break
        }
        'wfc;knowledge;help;search' {
            break
        }
        'wfc;knowledge;help;prune' {
            break
        }
        'wfc;knowledge;help;export' {
            break
        }
        'wfc;knowledge;help;help' {
            break
        }
        'wfc;telemetry' {
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only events newer than this (e.g. 7d)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if wfc was started in DIR')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project (namespace) id [env: WFC_PROJECT_ID]')
            [CompletionResult]::new('--developer-id', '--developer-id', [CompletionResultType]::ParameterName, 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors [env: NO_COLOR disables]')
            [CompletionResult]::new('--all-projects', '--all-projects', [CompletionResultType]::ParameterName, 'Every project, not only the current one')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write every event with its project, developer and time')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'wfc;telemetry;export' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format [default: jsonl]')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only events newer than this (e.g. 7d)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if wfc was started in DIR')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project (namespace) id [env: WFC_PROJECT_ID]')
            [CompletionResult]::new('--developer-id', '--developer-id', [CompletionResultType]::ParameterName, 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors [env: NO_COLOR disables]')
            [CompletionResult]::new('--all-projects', '--all-projects', [CompletionResultType]::ParameterName, 'Every project, not only the current one')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'wfc;telemetry;help' {
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write every event with its project, developer and time')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'wfc;telemetry;help;export' {
            break
        }
        'wfc;telemetry;help;help' {
            break
        }
        'wfc;audit' {
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only rows newer than this (e.g. 24h, 7d)')
            [CompletionResult]::new('--action', '--action', [CompletionResultType]::ParameterName, 'Only rows with this action (e.g. init, worktree.create, review)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'At most this many rows (the newest)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if wfc was started in DIR')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project (namespace) id [env: WFC_PROJECT_ID]')
            [CompletionResult]::new('--developer-id', '--developer-id', [CompletionResultType]::ParameterName, 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors [env: NO_COLOR disables]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check that no audit row was edited or deleted; exit 1 and name the first break if one was')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'wfc;audit;verify' {
            [CompletionResult]::new('--anchors', '--anchors', [CompletionResultType]::ParameterName, 'Read anchors from these commits (default: everything reachable from HEAD, in a repository)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if wfc was started in DIR')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project (namespace) id [env: WFC_PROJECT_ID]')
            [CompletionResult]::new('--developer-id', '--developer-id', [CompletionResultType]::ParameterName, 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors [env: NO_COLOR disables]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'wfc;audit;help' {
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check that no audit row was edited or deleted; exit 1 and name the first break if one was')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'wfc;audit;help;verify' {
            break
        }
        'wfc;audit;help;help' {
            break
        }
        'wfc;hook' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if wfc was started in DIR')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project (namespace) id [env: WFC_PROJECT_ID]')
            [CompletionResult]::new('--developer-id', '--developer-id', [CompletionResultType]::ParameterName, 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors [env: NO_COLOR disables]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('install', 'install', [CompletionResultType]::ParameterValue, 'Install the hooks')
            [CompletionResult]::new('uninstall', 'uninstall', [CompletionResultType]::ParameterValue, 'Remove the hooks, restoring the previous ones')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show what is installed')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Run a hook (used by the installed scripts)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'wfc;hook;install' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if wfc was started in DIR')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project (namespace) id [env: WFC_PROJECT_ID]')
            [CompletionResult]::new('--developer-id', '--developer-id', [CompletionResultType]::ParameterName, 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors [env: NO_COLOR disables]')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Install even when another hook manager owns the hooks, or core.hooksPath comes from the user''s or system''s git config (the manager''s hook is chained and still runs first)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'wfc;hook;uninstall' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if wfc was started in DIR')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project (namespace) id [env: WFC_PROJECT_ID]')
            [CompletionResult]::new('--developer-id', '--developer-id', [CompletionResultType]::ParameterName, 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors [env: NO_COLOR disables]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'wfc;hook;status' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if wfc was started in DIR')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project (namespace) id [env: WFC_PROJECT_ID]')
            [CompletionResult]::new('--developer-id', '--developer-id', [CompletionResultType]::ParameterName, 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors [env: NO_COLOR disables]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'wfc;hook;run' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if wfc was started in DIR')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project (namespace) id [env: WFC_PROJECT_ID]')
            [CompletionResult]::new('--developer-id', '--developer-id', [CompletionResultType]::ParameterName, 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors [env: NO_COLOR disables]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'wfc;hook;help' {
            [CompletionResult]::new('install', 'install', [CompletionResultType]::ParameterValue, 'Install the hooks')
            [CompletionResult]::new('uninstall', 'uninstall', [CompletionResultType]::ParameterValue, 'Remove the hooks, restoring the previous ones')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show what is installed')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Run a hook (used by the installed scripts)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'wfc;hook;help;install' {
            break
        }
        'wfc;hook;help;uninstall' {
            break
        }
        'wfc;hook;help;status' {
            break
        }
        'wfc;hook;help;run' {
            break
        }
        'wfc;hook;help;help' {
            break
        }
        'wfc;gate' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if wfc was started in DIR')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project (namespace) id [env: WFC_PROJECT_ID]')
            [CompletionResult]::new('--developer-id', '--developer-id', [CompletionResultType]::ParameterName, 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors [env: NO_COLOR disables]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check that the staged tree was reviewed')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check every commit of a range (for CI)')
            [CompletionResult]::new('keygen', 'keygen', [CompletionResultType]::ParameterValue, 'Make an ed25519 key that signs review attestations')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'wfc;gate;check' {
            [CompletionResult]::new('--rev', '--rev', [CompletionResultType]::ParameterName, 'Check this commit''s tree instead of the staged tree')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if wfc was started in DIR')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project (namespace) id [env: WFC_PROJECT_ID]')
            [CompletionResult]::new('--developer-id', '--developer-id', [CompletionResultType]::ParameterName, 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors [env: NO_COLOR disables]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'wfc;gate;verify' {
            [CompletionResult]::new('--policy-from', '--policy-from', [CompletionResultType]::ParameterName, 'Read the gate policy from this commit (default: the range''s base)')
            [CompletionResult]::new('--allowed-signers', '--allowed-signers', [CompletionResultType]::ParameterName, 'Also require a valid Review-Signature from a key listed in FILE (git''s allowed-signers format)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if wfc was started in DIR')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project (namespace) id [env: WFC_PROJECT_ID]')
            [CompletionResult]::new('--developer-id', '--developer-id', [CompletionResultType]::ParameterName, 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors [env: NO_COLOR disables]')
            [CompletionResult]::new('--rerun', '--rerun', [CompletionResultType]::ParameterName, 'Ignore trailers: re-run the policy''s built-in reviewers on every commit''s change')
            [CompletionResult]::new('--allow-bypassed', '--allow-bypassed', [CompletionResultType]::ParameterName, 'Accept commits whose review was bypassed')
            [CompletionResult]::new('--allow-v1', '--allow-v1', [CompletionResultType]::ParameterName, 'Accept v1 trailers (history made before v2) when they match the commit''s tree')
            [CompletionResult]::new('--deny-bypassed', '--deny-bypassed', [CompletionResultType]::ParameterName, 'Reject bypassed reviews (the default; kept for older CI scripts)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'wfc;gate;keygen' {
            [CompletionResult]::new('--comment', '--comment', [CompletionResultType]::ParameterName, 'The key''s comment [default: "wfc-review key of <developer-id>"]')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if wfc was started in DIR')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project (namespace) id [env: WFC_PROJECT_ID]')
            [CompletionResult]::new('--developer-id', '--developer-id', [CompletionResultType]::ParameterName, 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors [env: NO_COLOR disables]')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace the existing key (it can no longer sign; remove its allowed-signers line to stop trusting what it signed)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'wfc;gate;help' {
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check that the staged tree was reviewed')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check every commit of a range (for CI)')
            [CompletionResult]::new('keygen', 'keygen', [CompletionResultType]::ParameterValue, 'Make an ed25519 key that signs review attestations')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'wfc;gate;help;check' {
            break
        }
        'wfc;gate;help;verify' {
            break
        }
        'wfc;gate;help;keygen' {
            break
        }
        'wfc;gate;help;help' {
            break
        }
        'wfc;store' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if wfc was started in DIR')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project (namespace) id [env: WFC_PROJECT_ID]')
            [CompletionResult]::new('--developer-id', '--developer-id', [CompletionResultType]::ParameterName, 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors [env: NO_COLOR disables]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('info', 'info', [CompletionResultType]::ParameterValue, 'Say which store is in use, where, and its schema version')
            [CompletionResult]::new('migrate', 'migrate', [CompletionResultType]::ParameterValue, 'Copy the embedded SQLite store into an empty PostgreSQL store')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'wfc;store;info' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if wfc was started in DIR')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project (namespace) id [env: WFC_PROJECT_ID]')
            [CompletionResult]::new('--developer-id', '--developer-id', [CompletionResultType]::ParameterName, 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors [env: NO_COLOR disables]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'wfc;store;migrate' {
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'The PostgreSQL store: postgres://user@host:5432/database')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'The SQLite store to copy (default: $WFC_HOME/wfc.db)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if wfc was started in DIR')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project (namespace) id [env: WFC_PROJECT_ID]')
            [CompletionResult]::new('--developer-id', '--developer-id', [CompletionResultType]::ParameterName, 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors [env: NO_COLOR disables]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'wfc;store;help' {
            [CompletionResult]::new('info', 'info', [CompletionResultType]::ParameterValue, 'Say which store is in use, where, and its schema version')
            [CompletionResult]::new('migrate', 'migrate', [CompletionResultType]::ParameterValue, 'Copy the embedded SQLite store into an empty PostgreSQL store')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'wfc;store;help;info' {
            break
        }
        'wfc;store;help;migrate' {
            break
        }
        'wfc;store;help;help' {
            break
        }
        'wfc;trust' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if wfc was started in DIR')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project (namespace) id [env: WFC_PROJECT_ID]')
            [CompletionResult]::new('--developer-id', '--developer-id', [CompletionResultType]::ParameterName, 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors [env: NO_COLOR disables]')
            [CompletionResult]::new('--show', '--show', [CompletionResultType]::ParameterName, 'Print what the file would run and whether it is trusted; change nothing')
            [CompletionResult]::new('--revoke', '--revoke', [CompletionResultType]::ParameterName, 'Forget the trust recorded for this repository''s config file')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'wfc;mcp' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if wfc was started in DIR')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project (namespace) id [env: WFC_PROJECT_ID]')
            [CompletionResult]::new('--developer-id', '--developer-id', [CompletionResultType]::ParameterName, 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors [env: NO_COLOR disables]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'wfc;completions' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if wfc was started in DIR')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project (namespace) id [env: WFC_PROJECT_ID]')
            [CompletionResult]::new('--developer-id', '--developer-id', [CompletionResultType]::ParameterName, 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors [env: NO_COLOR disables]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'wfc;man' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if wfc was started in DIR')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project (namespace) id [env: WFC_PROJECT_ID]')
            [CompletionResult]::new('--developer-id', '--developer-id', [CompletionResultType]::ParameterName, 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors [env: NO_COLOR disables]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the answer and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the answer and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'wfc;help' {
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Write .wfc/config.toml and the .git/info/exclude entries')
            [CompletionResult]::new('worktree', 'worktree', [CompletionResultType]::ParameterValue, 'Create, list and remove namespaced task worktrees')
            [CompletionResult]::new('cleanup', 'cleanup', [CompletionResultType]::ParameterValue, 'Remove orphaned worktrees and mark dead jobs interrupted')
            [CompletionResult]::new('review', 'review', [CompletionResultType]::ParameterValue, 'Review a change with a panel of reviewers and a consensus score')
            [CompletionResult]::new('knowledge', 'knowledge', [CompletionResultType]::ParameterValue, 'Read and write the shared per-reviewer knowledge base')
            [CompletionResult]::new('telemetry', 'telemetry', [CompletionResultType]::ParameterValue, 'Per-project figures: reviews, pass rate, timings, findings')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'List the audit trail, or verify that it was not altered')
            [CompletionResult]::new('hook', 'hook', [CompletionResultType]::ParameterValue, 'Install and run the git hooks that gate commits on reviews')
            [CompletionResult]::new('gate', 'gate', [CompletionResultType]::ParameterValue, 'Check that a tree, or every commit of a range, was reviewed')
            [CompletionResult]::new('store', 'store', [CompletionResultType]::ParameterValue, 'Say which store keeps wfc''s state')
            [CompletionResult]::new('trust', 'trust', [CompletionResultType]::ParameterValue, 'Let this repository''s config run the commands it defines (or show, or revoke)')
            [CompletionResult]::new('mcp', 'mcp', [CompletionResultType]::ParameterValue, 'Serve the Model Context Protocol on stdio, for agent harnesses')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Write man pages into a directory')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'wfc;help;init' {
            break
        }
        'wfc;help;worktree' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a task worktree and branch; print its path')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List worktrees')
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print a task worktree''s path')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Short status of one or all worktrees')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a task worktree')
            [CompletionResult]::new('copy-env', 'copy-env', [CompletionResultType]::ParameterValue, 'Copy env and version files into a worktree again')
            break
        }
        'wfc;help;worktree;create' {
            break
        }
        'wfc;help;worktree;list' {
            break
        }
        'wfc;help;worktree;path' {
            break
        }
        'wfc;help;worktree;status' {
            break
        }
        'wfc;help;worktree;remove' {
            break
        }
        'wfc;help;worktree;copy-env' {
            break
        }
        'wfc;help;cleanup' {
            break
        }
        'wfc;help;review' {
            [CompletionResult]::new('prepare', 'prepare', [CompletionResultType]::ParameterValue, 'Phase one for agent harnesses: print one task spec (prompt) per relevant reviewer')
            [CompletionResult]::new('finalize', 'finalize', [CompletionResultType]::ParameterValue, 'Phase two: score the reviewers'' raw responses and complete the job')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List past reviews')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one past review')
            break
        }
        'wfc;help;review;prepare' {
            break
        }
        'wfc;help;review;finalize' {
            break
        }
        'wfc;help;review;list' {
            break
        }
        'wfc;help;review;show' {
            break
        }
        'wfc;help;knowledge' {
            [CompletionResult]::new('append', 'append', [CompletionResultType]::ParameterValue, 'Append an entry (locked, atomic, de-duplicated)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print a reviewer''s knowledge')
            [CompletionResult]::new('search', 'search', [CompletionResultType]::ParameterValue, 'Rank entries for a query')
            [CompletionResult]::new('prune', 'prune', [CompletionResultType]::ParameterValue, 'Archive old entries')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write the store''s knowledge to KNOWLEDGE.md files (PostgreSQL store)')
            break
        }
        'wfc;help;knowledge;append' {
            break
        }
        'wfc;help;knowledge;show' {
            break
        }
        'wfc;help;knowledge;search' {
            break
        }
        'wfc;help;knowledge;prune' {
            break
        }
        'wfc;help;knowledge;export' {
            break
        }
        'wfc;help;telemetry' {
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write every event with its project, developer and time')
            break
        }
        'wfc;help;telemetry;export' {
            break
        }
        'wfc;help;audit' {
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check that no audit row was edited or deleted; exit 1 and name the first break if one was')
            break
        }
        'wfc;help;audit;verify' {
            break
        }
        'wfc;help;hook' {
            [CompletionResult]::new('install', 'install', [CompletionResultType]::ParameterValue, 'Install the hooks')
            [CompletionResult]::new('uninstall', 'uninstall', [CompletionResultType]::ParameterValue, 'Remove the hooks, restoring the previous ones')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show what is installed')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Run a hook (used by the installed scripts)')
            break
        }
        'wfc;help;hook;install' {
            break
        }
        'wfc;help;hook;uninstall' {
            break
        }
        'wfc;help;hook;status' {
            break
        }
        'wfc;help;hook;run' {
            break
        }
        'wfc;help;gate' {
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check that the staged tree was reviewed')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check every commit of a range (for CI)')
            [CompletionResult]::new('keygen', 'keygen', [CompletionResultType]::ParameterValue, 'Make an ed25519 key that signs review attestations')
            break
        }
        'wfc;help;gate;check' {
            break
        }
        'wfc;help;gate;verify' {
            break
        }
        'wfc;help;gate;keygen' {
            break
        }
        'wfc;help;store' {
            [CompletionResult]::new('info', 'info', [CompletionResultType]::ParameterValue, 'Say which store is in use, where, and its schema version')
            [CompletionResult]::new('migrate', 'migrate', [CompletionResultType]::ParameterValue, 'Copy the embedded SQLite store into an empty PostgreSQL store')
            break
        }
        'wfc;help;store;info' {
            break
        }
        'wfc;help;store;migrate' {
            break
        }
        'wfc;help;trust' {
            break
        }
        'wfc;help;mcp' {
            break
        }
        'wfc;help;completions' {
            break
        }
        'wfc;help;man' {
            break
        }
        'wfc;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
