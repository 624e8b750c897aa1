# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_wfc_global_optspecs
    string join \n C= project-id= developer-id= json color= q/quiet v/verbose no-progress h/help V/version
end

function __fish_wfc_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_wfc_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_wfc_using_subcommand
    set -l cmd (__fish_wfc_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c wfc -n "__fish_wfc_needs_command" -s C -d 'Run as if wfc was started in DIR' -r -F
complete -c wfc -n "__fish_wfc_needs_command" -l project-id -d 'Project (namespace) id [env: WFC_PROJECT_ID]' -r
complete -c wfc -n "__fish_wfc_needs_command" -l developer-id -d 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]' -r
complete -c wfc -n "__fish_wfc_needs_command" -l color -d 'When to use colors [env: NO_COLOR disables]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wfc -n "__fish_wfc_needs_command" -l json -d 'Print one JSON document on stdout instead of text'
complete -c wfc -n "__fish_wfc_needs_command" -s q -l quiet -d 'Print only the answer and errors'
complete -c wfc -n "__fish_wfc_needs_command" -s v -l verbose -d 'Print more detail on stderr'
complete -c wfc -n "__fish_wfc_needs_command" -l no-progress -d 'Never draw progress bars'
complete -c wfc -n "__fish_wfc_needs_command" -s h -l help -d 'Print help'
complete -c wfc -n "__fish_wfc_needs_command" -s V -l version -d 'Print version'
complete -c wfc -n "__fish_wfc_needs_command" -f -a "init" -d 'Write .wfc/config.toml and the .git/info/exclude entries'
complete -c wfc -n "__fish_wfc_needs_command" -f -a "worktree" -d 'Create, list and remove namespaced task worktrees'
complete -c wfc -n "__fish_wfc_needs_command" -f -a "cleanup" -d 'Remove orphaned worktrees and mark dead jobs interrupted'
complete -c wfc -n "__fish_wfc_needs_command" -f -a "clean" -d 'Remove orphaned worktrees and mark dead jobs interrupted'
complete -c wfc -n "__fish_wfc_needs_command" -f -a "review" -d 'Review a change with a panel of reviewers and a consensus score'
complete -c wfc -n "__fish_wfc_needs_command" -f -a "knowledge" -d 'Read and write the shared per-reviewer knowledge base'
complete -c wfc -n "__fish_wfc_needs_command" -f -a "telemetry" -d 'Per-project figures: reviews, pass rate, timings, findings'
complete -c wfc -n "__fish_wfc_needs_command" -f -a "audit" -d 'List the audit trail, or verify that it was not altered'
complete -c wfc -n "__fish_wfc_needs_command" -f -a "hook" -d 'Install and run the git hooks that gate commits on reviews'
complete -c wfc -n "__fish_wfc_needs_command" -f -a "gate" -d 'Check that a tree, or every commit of a range, was reviewed'
complete -c wfc -n "__fish_wfc_needs_command" -f -a "store" -d 'Say which store keeps wfc\'s state'
complete -c wfc -n "__fish_wfc_needs_command" -f -a "trust" -d 'Let this repository\'s config run the commands it defines (or show, or revoke)'
complete -c wfc -n "__fish_wfc_needs_command" -f -a "mcp" -d 'Serve the Model Context Protocol on stdio, for agent harnesses'
complete -c wfc -n "__fish_wfc_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c wfc -n "__fish_wfc_needs_command" -f -a "man" -d 'Write man pages into a directory'
complete -c wfc -n "__fish_wfc_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c wfc -n "__fish_wfc_using_subcommand init" -s C -d 'Run as if wfc was started in DIR' -r -F
complete -c wfc -n "__fish_wfc_using_subcommand init" -l project-id -d 'Project (namespace) id [env: WFC_PROJECT_ID]' -r
complete -c wfc -n "__fish_wfc_using_subcommand init" -l developer-id -d 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]' -r
complete -c wfc -n "__fish_wfc_using_subcommand init" -l color -d 'When to use colors [env: NO_COLOR disables]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wfc -n "__fish_wfc_using_subcommand init" -l force -d 'Rewrite an existing .wfc/config.toml'
complete -c wfc -n "__fish_wfc_using_subcommand init" -l json -d 'Print one JSON document on stdout instead of text'
complete -c wfc -n "__fish_wfc_using_subcommand init" -s q -l quiet -d 'Print only the answer and errors'
complete -c wfc -n "__fish_wfc_using_subcommand init" -s v -l verbose -d 'Print more detail on stderr'
complete -c wfc -n "__fish_wfc_using_subcommand init" -l no-progress -d 'Never draw progress bars'
complete -c wfc -n "__fish_wfc_using_subcommand init" -s h -l help -d 'Print help'
complete -c wfc -n "__fish_wfc_using_subcommand init" -s V -l version -d 'Print version'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and not __fish_seen_subcommand_from create list ls path go switch status remove rm copy-env env help" -s C -d 'Run as if wfc was started in DIR' -r -F
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and not __fish_seen_subcommand_from create list ls path go switch status remove rm copy-env env help" -l project-id -d 'Project (namespace) id [env: WFC_PROJECT_ID]' -r
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and not __fish_seen_subcommand_from create list ls path go switch status remove rm copy-env env help" -l developer-id -d 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]' -r
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and not __fish_seen_subcommand_from create list ls path go switch status remove rm copy-env env help" -l color -d 'When to use colors [env: NO_COLOR disables]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and not __fish_seen_subcommand_from create list ls path go switch status remove rm copy-env env help" -l json -d 'Print one JSON document on stdout instead of text'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and not __fish_seen_subcommand_from create list ls path go switch status remove rm copy-env env help" -s q -l quiet -d 'Print only the answer and errors'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and not __fish_seen_subcommand_from create list ls path go switch status remove rm copy-env env help" -s v -l verbose -d 'Print more detail on stderr'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and not __fish_seen_subcommand_from create list ls path go switch status remove rm copy-env env help" -l no-progress -d 'Never draw progress bars'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and not __fish_seen_subcommand_from create list ls path go switch status remove rm copy-env env help" -s h -l help -d 'Print help'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and not __fish_seen_subcommand_from create list ls path go switch status remove rm copy-env env help" -s V -l version -d 'Print version'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and not __fish_seen_subcommand_from create list ls path go switch status remove rm copy-env env help" -f -a "create" -d 'Create a task worktree and branch; print its path'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and not __fish_seen_subcommand_from create list ls path go switch status remove rm copy-env env help" -f -a "list" -d 'List worktrees'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and not __fish_seen_subcommand_from create list ls path go switch status remove rm copy-env env help" -f -a "ls" -d 'List worktrees'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and not __fish_seen_subcommand_from create list ls path go switch status remove rm copy-env env help" -f -a "path" -d 'Print a task worktree\'s path'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and not __fish_seen_subcommand_from create list ls path go switch status remove rm copy-env env help" -f -a "go" -d 'Print a task worktree\'s path'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and not __fish_seen_subcommand_from create list ls path go switch status remove rm copy-env env help" -f -a "switch" -d 'Print a task worktree\'s path'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and not __fish_seen_subcommand_from create list ls path go switch status remove rm copy-env env help" -f -a "status" -d 'Short status of one or all worktrees'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and not __fish_seen_subcommand_from create list ls path go switch status remove rm copy-env env help" -f -a "remove" -d 'Remove a task worktree'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and not __fish_seen_subcommand_from create list ls path go switch status remove rm copy-env env help" -f -a "rm" -d 'Remove a task worktree'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and not __fish_seen_subcommand_from create list ls path go switch status remove rm copy-env env help" -f -a "copy-env" -d 'Copy env and version files into a worktree again'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and not __fish_seen_subcommand_from create list ls path go switch status remove rm copy-env env help" -f -a "env" -d 'Copy env and version files into a worktree again'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and not __fish_seen_subcommand_from create list ls path go switch status remove rm copy-env env help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from create" -l base -d 'Start the branch from REF (default: the repository\'s current HEAD)' -r
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from create" -l wait -d 'When the pool is full, wait up to SECS for a free slot' -r
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from create" -l owner-pid -d 'Process that owns this worktree; it is not an orphan while PID lives' -r
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from create" -s C -d 'Run as if wfc was started in DIR' -r -F
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from create" -l project-id -d 'Project (namespace) id [env: WFC_PROJECT_ID]' -r
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from create" -l developer-id -d 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]' -r
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from create" -l color -d 'When to use colors [env: NO_COLOR disables]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from create" -l exist-ok -d 'Print the existing path and exit 0 if the worktree already exists'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from create" -l evict -d 'When the pool is full, remove the least recently used clean worktree with no live owner'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from create" -l no-copy-env -d 'Do not copy env and version files into the worktree'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from create" -l json -d 'Print one JSON document on stdout instead of text'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from create" -s q -l quiet -d 'Print only the answer and errors'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from create" -s v -l verbose -d 'Print more detail on stderr'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from create" -l no-progress -d 'Never draw progress bars'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from list" -s C -d 'Run as if wfc was started in DIR' -r -F
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from list" -l project-id -d 'Project (namespace) id [env: WFC_PROJECT_ID]' -r
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from list" -l developer-id -d 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]' -r
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from list" -l color -d 'When to use colors [env: NO_COLOR disables]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from list" -l all-projects -d 'Show the worktrees of every project, not only the current one'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from list" -l json -d 'Print one JSON document on stdout instead of text'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only the answer and errors'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Print more detail on stderr'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from list" -l no-progress -d 'Never draw progress bars'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from ls" -s C -d 'Run as if wfc was started in DIR' -r -F
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from ls" -l project-id -d 'Project (namespace) id [env: WFC_PROJECT_ID]' -r
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from ls" -l developer-id -d 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]' -r
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from ls" -l color -d 'When to use colors [env: NO_COLOR disables]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from ls" -l all-projects -d 'Show the worktrees of every project, not only the current one'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from ls" -l json -d 'Print one JSON document on stdout instead of text'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Print only the answer and errors'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from ls" -s v -l verbose -d 'Print more detail on stderr'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from ls" -l no-progress -d 'Never draw progress bars'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from ls" -s V -l version -d 'Print version'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from path" -s C -d 'Run as if wfc was started in DIR' -r -F
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from path" -l project-id -d 'Project (namespace) id [env: WFC_PROJECT_ID]' -r
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from path" -l developer-id -d 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]' -r
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from path" -l color -d 'When to use colors [env: NO_COLOR disables]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from path" -l json -d 'Print one JSON document on stdout instead of text'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from path" -s q -l quiet -d 'Print only the answer and errors'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from path" -s v -l verbose -d 'Print more detail on stderr'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from path" -l no-progress -d 'Never draw progress bars'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from path" -s h -l help -d 'Print help'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from path" -s V -l version -d 'Print version'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from go" -s C -d 'Run as if wfc was started in DIR' -r -F
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from go" -l project-id -d 'Project (namespace) id [env: WFC_PROJECT_ID]' -r
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from go" -l developer-id -d 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]' -r
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from go" -l color -d 'When to use colors [env: NO_COLOR disables]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from go" -l json -d 'Print one JSON document on stdout instead of text'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from go" -s q -l quiet -d 'Print only the answer and errors'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from go" -s v -l verbose -d 'Print more detail on stderr'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from go" -l no-progress -d 'Never draw progress bars'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from go" -s h -l help -d 'Print help'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from go" -s V -l version -d 'Print version'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from switch" -s C -d 'Run as if wfc was started in DIR' -r -F
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from switch" -l project-id -d 'Project (namespace) id [env: WFC_PROJECT_ID]' -r
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from switch" -l developer-id -d 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]' -r
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from switch" -l color -d 'When to use colors [env: NO_COLOR disables]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from switch" -l json -d 'Print one JSON document on stdout instead of text'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from switch" -s q -l quiet -d 'Print only the answer and errors'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from switch" -s v -l verbose -d 'Print more detail on stderr'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from switch" -l no-progress -d 'Never draw progress bars'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from switch" -s h -l help -d 'Print help'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from switch" -s V -l version -d 'Print version'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from status" -s C -d 'Run as if wfc was started in DIR' -r -F
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from status" -l project-id -d 'Project (namespace) id [env: WFC_PROJECT_ID]' -r
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from status" -l developer-id -d 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]' -r
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from status" -l color -d 'When to use colors [env: NO_COLOR disables]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from status" -l json -d 'Print one JSON document on stdout instead of text'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from status" -s q -l quiet -d 'Print only the answer and errors'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from status" -s v -l verbose -d 'Print more detail on stderr'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from status" -l no-progress -d 'Never draw progress bars'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from remove" -s C -d 'Run as if wfc was started in DIR' -r -F
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from remove" -l project-id -d 'Project (namespace) id [env: WFC_PROJECT_ID]' -r
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from remove" -l developer-id -d 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]' -r
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from remove" -l color -d 'When to use colors [env: NO_COLOR disables]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from remove" -l force -d 'Remove even with uncommitted changes'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from remove" -l delete-branch -d 'Delete the task branch too'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from remove" -l json -d 'Print one JSON document on stdout instead of text'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Print only the answer and errors'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from remove" -s v -l verbose -d 'Print more detail on stderr'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from remove" -l no-progress -d 'Never draw progress bars'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from rm" -s C -d 'Run as if wfc was started in DIR' -r -F
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from rm" -l project-id -d 'Project (namespace) id [env: WFC_PROJECT_ID]' -r
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from rm" -l developer-id -d 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]' -r
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from rm" -l color -d 'When to use colors [env: NO_COLOR disables]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from rm" -l force -d 'Remove even with uncommitted changes'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from rm" -l delete-branch -d 'Delete the task branch too'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from rm" -l json -d 'Print one JSON document on stdout instead of text'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from rm" -s q -l quiet -d 'Print only the answer and errors'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from rm" -s v -l verbose -d 'Print more detail on stderr'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from rm" -l no-progress -d 'Never draw progress bars'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from rm" -s V -l version -d 'Print version'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from copy-env" -s C -d 'Run as if wfc was started in DIR' -r -F
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from copy-env" -l project-id -d 'Project (namespace) id [env: WFC_PROJECT_ID]' -r
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from copy-env" -l developer-id -d 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]' -r
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from copy-env" -l color -d 'When to use colors [env: NO_COLOR disables]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from copy-env" -l json -d 'Print one JSON document on stdout instead of text'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from copy-env" -s q -l quiet -d 'Print only the answer and errors'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from copy-env" -s v -l verbose -d 'Print more detail on stderr'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from copy-env" -l no-progress -d 'Never draw progress bars'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from copy-env" -s h -l help -d 'Print help'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from copy-env" -s V -l version -d 'Print version'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from env" -s C -d 'Run as if wfc was started in DIR' -r -F
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from env" -l project-id -d 'Project (namespace) id [env: WFC_PROJECT_ID]' -r
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from env" -l developer-id -d 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]' -r
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from env" -l color -d 'When to use colors [env: NO_COLOR disables]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from env" -l json -d 'Print one JSON document on stdout instead of text'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from env" -s q -l quiet -d 'Print only the answer and errors'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from env" -s v -l verbose -d 'Print more detail on stderr'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from env" -l no-progress -d 'Never draw progress bars'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from env" -s h -l help -d 'Print help'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from env" -s V -l version -d 'Print version'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create a task worktree and branch; print its path'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from help" -f -a "list" -d 'List worktrees'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from help" -f -a "path" -d 'Print a task worktree\'s path'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from help" -f -a "status" -d 'Short status of one or all worktrees'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove a task worktree'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from help" -f -a "copy-env" -d 'Copy env and version files into a worktree again'
complete -c wfc -n "__fish_wfc_using_subcommand worktree; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c wfc -n "__fish_wfc_using_subcommand cleanup" -l older-than -d 'Idle time after which a worktree is an orphan (default: worktree.orphan_after, 24h)' -r
complete -c wfc -n "__fish_wfc_using_subcommand cleanup" -l watch -d 'Repeat every INTERVAL (e.g. 6h) until stopped' -r
complete -c wfc -n "__fish_wfc_using_subcommand cleanup" -s C -d 'Run as if wfc was started in DIR' -r -F
complete -c wfc -n "__fish_wfc_using_subcommand cleanup" -l project-id -d 'Project (namespace) id [env: WFC_PROJECT_ID]' -r
complete -c wfc -n "__fish_wfc_using_subcommand cleanup" -l developer-id -d 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]' -r
complete -c wfc -n "__fish_wfc_using_subcommand cleanup" -l color -d 'When to use colors [env: NO_COLOR disables]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wfc -n "__fish_wfc_using_subcommand cleanup" -l dry-run -d 'Print the plan on stdout and change nothing'
complete -c wfc -n "__fish_wfc_using_subcommand cleanup" -l force -d 'Remove orphaned worktrees even with uncommitted changes'
complete -c wfc -n "__fish_wfc_using_subcommand cleanup" -l delete-branch -d 'Delete the task branches of removed worktrees even when not merged'
complete -c wfc -n "__fish_wfc_using_subcommand cleanup" -l all-projects -d 'Clean every project of the repository, not only the current one'
complete -c wfc -n "__fish_wfc_using_subcommand cleanup" -l json -d 'Print one JSON document on stdout instead of text'
complete -c wfc -n "__fish_wfc_using_subcommand cleanup" -s q -l quiet -d 'Print only the answer and errors'
complete -c wfc -n "__fish_wfc_using_subcommand cleanup" -s v -l verbose -d 'Print more detail on stderr'
complete -c wfc -n "__fish_wfc_using_subcommand cleanup" -l no-progress -d 'Never draw progress bars'
complete -c wfc -n "__fish_wfc_using_subcommand cleanup" -s h -l help -d 'Print help'
complete -c wfc -n "__fish_wfc_using_subcommand cleanup" -s V -l version -d 'Print version'
complete -c wfc -n "__fish_wfc_using_subcommand clean" -l older-than -d 'Idle time after which a worktree is an orphan (default: worktree.orphan_after, 24h)' -r
complete -c wfc -n "__fish_wfc_using_subcommand clean" -l watch -d 'Repeat every INTERVAL (e.g. 6h) until stopped' -r
complete -c wfc -n "__fish_wfc_using_subcommand clean" -s C -d 'Run as if wfc was started in DIR' -r -F
complete -c wfc -n "__fish_wfc_using_subcommand clean" -l project-id -d 'Project (namespace) id [env: WFC_PROJECT_ID]' -r
complete -c wfc -n "__fish_wfc_using_subcommand clean" -l developer-id -d 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]' -r
complete -c wfc -n "__fish_wfc_using_subcommand clean" -l color -d 'When to use colors [env: NO_COLOR disables]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wfc -n "__fish_wfc_using_subcommand clean" -l dry-run -d 'Print the plan on stdout and change nothing'
complete -c wfc -n "__fish_wfc_using_subcommand clean" -l force -d 'Remove orphaned worktrees even with uncommitted changes'
complete -c wfc -n "__fish_wfc_using_subcommand clean" -l delete-branch -d 'Delete the task branches of removed worktrees even when not merged'
complete -c wfc -n "__fish_wfc_using_subcommand clean" -l all-projects -d 'Clean every project of the repository, not only the current one'
complete -c wfc -n "__fish_wfc_using_subcommand clean" -l json -d 'Print one JSON document on stdout instead of text'
complete -c wfc -n "__fish_wfc_using_subcommand clean" -s q -l quiet -d 'Print only the answer and errors'
complete -c wfc -n "__fish_wfc_using_subcommand clean" -s v -l verbose -d 'Print more detail on stderr'
complete -c wfc -n "__fish_wfc_using_subcommand clean" -l no-progress -d 'Never draw progress bars'
complete -c wfc -n "__fish_wfc_using_subcommand clean" -s h -l help -d 'Print help'
complete -c wfc -n "__fish_wfc_using_subcommand clean" -s V -l version -d 'Print version'
complete -c wfc -n "__fish_wfc_using_subcommand review; and not __fish_seen_subcommand_from prepare finalize list show help" -l task-id -d 'Task id (default: from the wfc/<project>/<task> branch, else a short id of the tree)' -r
complete -c wfc -n "__fish_wfc_using_subcommand review; and not __fish_seen_subcommand_from prepare finalize list show help" -l base -d 'Review the working tree against REF' -r
complete -c wfc -n "__fish_wfc_using_subcommand review; and not __fish_seen_subcommand_from prepare finalize list show help" -l range -d 'Review the commits A..B' -r
complete -c wfc -n "__fish_wfc_using_subcommand review; and not __fish_seen_subcommand_from prepare finalize list show help" -l diff-file -d 'Review a unified diff from PATH, or from stdin with `-`' -r -F
complete -c wfc -n "__fish_wfc_using_subcommand review; and not __fish_seen_subcommand_from prepare finalize list show help" -l files -d 'Review these files whole, as if every line were added' -r -F
complete -c wfc -n "__fish_wfc_using_subcommand review; and not __fish_seen_subcommand_from prepare finalize list show help" -l reviewers -d 'Reviewers to run, by id (built-in and external), comma-separated' -r
complete -c wfc -n "__fish_wfc_using_subcommand review; and not __fish_seen_subcommand_from prepare finalize list show help" -l fail-on -d 'The lowest tier that fails the review (default: review.fail_on, important)' -r -f -a "informational\t''
moderate\t''
important\t''
critical\t''"
complete -c wfc -n "__fish_wfc_using_subcommand review; and not __fish_seen_subcommand_from prepare finalize list show help" -l sarif -d 'Also write a SARIF 2.1.0 report to PATH' -r -F
complete -c wfc -n "__fish_wfc_using_subcommand review; and not __fish_seen_subcommand_from prepare finalize list show help" -l bypass-reason -d 'Let a failed review through, recording who and why in the audit trail' -r
complete -c wfc -n "__fish_wfc_using_subcommand review; and not __fish_seen_subcommand_from prepare finalize list show help" -s C -d 'Run as if wfc was started in DIR' -r -F
complete -c wfc -n "__fish_wfc_using_subcommand review; and not __fish_seen_subcommand_from prepare finalize list show help" -l project-id -d 'Project (namespace) id [env: WFC_PROJECT_ID]' -r
complete -c wfc -n "__fish_wfc_using_subcommand review; and not __fish_seen_subcommand_from prepare finalize list show help" -l developer-id -d 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]' -r
complete -c wfc -n "__fish_wfc_using_subcommand review; and not __fish_seen_subcommand_from prepare finalize list show help" -l color -d 'When to use colors [env: NO_COLOR disables]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wfc -n "__fish_wfc_using_subcommand review; and not __fish_seen_subcommand_from prepare finalize list show help" -l staged -d 'Review the staged change (the default when something is staged)'
complete -c wfc -n "__fish_wfc_using_subcommand review; and not __fish_seen_subcommand_from prepare finalize list show help" -l no-learn -d 'Do not append learnings to the knowledge base'
complete -c wfc -n "__fish_wfc_using_subcommand review; and not __fish_seen_subcommand_from prepare finalize list show help" -l progress-json -d 'One JSON line per reviewer event on stderr (`{"wfc_progress": ...}`), for `wfc mcp`'
complete -c wfc -n "__fish_wfc_using_subcommand review; and not __fish_seen_subcommand_from prepare finalize list show help" -l json -d 'Print one JSON document on stdout instead of text'
complete -c wfc -n "__fish_wfc_using_subcommand review; and not __fish_seen_subcommand_from prepare finalize list show help" -s q -l quiet -d 'Print only the answer and errors'
complete -c wfc -n "__fish_wfc_using_subcommand review; and not __fish_seen_subcommand_from prepare finalize list show help" -s v -l verbose -d 'Print more detail on stderr'
complete -c wfc -n "__fish_wfc_using_subcommand review; and not __fish_seen_subcommand_from prepare finalize list show help" -l no-progress -d 'Never draw progress bars'
complete -c wfc -n "__fish_wfc_using_subcommand review; and not __fish_seen_subcommand_from prepare finalize list show help" -s h -l help -d 'Print help'
complete -c wfc -n "__fish_wfc_using_subcommand review; and not __fish_seen_subcommand_from prepare finalize list show help" -s V -l version -d 'Print version'
complete -c wfc -n "__fish_wfc_using_subcommand review; and not __fish_seen_subcommand_from prepare finalize list show help" -f -a "prepare" -d 'Phase one for agent harnesses: print one task spec (prompt) per relevant reviewer'
complete -c wfc -n "__fish_wfc_using_subcommand review; and not __fish_seen_subcommand_from prepare finalize list show help" -f -a "finalize" -d 'Phase two: score the reviewers\' raw responses and complete the job'
complete -c wfc -n "__fish_wfc_using_subcommand review; and not __fish_seen_subcommand_from prepare finalize list show help" -f -a "list" -d 'List past reviews'
complete -c wfc -n "__fish_wfc_using_subcommand review; and not __fish_seen_subcommand_from prepare finalize list show help" -f -a "show" -d 'Show one past review'
complete -c wfc -n "__fish_wfc_using_subcommand review; and not __fish_seen_subcommand_from prepare finalize list show help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c wfc -n "__fish_wfc_using_subcommand review; and __fish_seen_subcommand_from prepare" -l task-id -d 'Task id (default: from the wfc/<project>/<task> branch, else a short id of the tree)' -r
complete -c wfc -n "__fish_wfc_using_subcommand review; and __fish_seen_subcommand_from prepare" -l base -d 'Review the working tree against REF' -r
complete -c wfc -n "__fish_wfc_using_subcommand review; and __fish_seen_subcommand_from prepare" -l range -d 'Review the commits A..B' -r
complete -c wfc -n "__fish_wfc_using_subcommand review; and __fish_seen_subcommand_from prepare" -l diff-file -d 'Review a unified diff from PATH, or from stdin with `-`' -r -F
complete -c wfc -n "__fish_wfc_using_subcommand review; and __fish_seen_subcommand_from prepare" -l files -d 'Review these files whole, as if every line were added' -r -F
complete -c wfc -n "__fish_wfc_using_subcommand review; and __fish_seen_subcommand_from prepare" -l reviewers -d 'Reviewers to run, by id (built-in and external), comma-separated' -r
complete -c wfc -n "__fish_wfc_using_subcommand review; and __fish_seen_subcommand_from prepare" -s C -d 'Run as if wfc was started in DIR' -r -F
complete -c wfc -n "__fish_wfc_using_subcommand review; and __fish_seen_subcommand_from prepare" -l project-id -d 'Project (namespace) id [env: WFC_PROJECT_ID]' -r
complete -c wfc -n "__fish_wfc_using_subcommand review; and __fish_seen_subcommand_from prepare" -l developer-id -d 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]' -r
complete -c wfc -n "__fish_wfc_using_subcommand review; and __fish_seen_subcommand_from prepare" -l color -d 'When to use colors [env: NO_COLOR disables]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wfc -n "__fish_wfc_using_subcommand review; and __fish_seen_subcommand_from prepare" -l staged -d 'Review the staged change (the default when something is staged)'
complete -c wfc -n "__fish_wfc_using_subcommand review; and __fish_seen_subcommand_from prepare" -l json -d 'Print one JSON document on stdout instead of text'
complete -c wfc -n "__fish_wfc_using_subcommand review; and __fish_seen_subcommand_from prepare" -s q -l quiet -d 'Print only the answer and errors'
complete -c wfc -n "__fish_wfc_using_subcommand review; and __fish_seen_subcommand_from prepare" -s v -l verbose -d 'Print more detail on stderr'
complete -c wfc -n "__fish_wfc_using_subcommand review; and __fish_seen_subcommand_from prepare" -l no-progress -d 'Never draw progress bars'
complete -c wfc -n "__fish_wfc_using_subcommand review; and __fish_seen_subcommand_from prepare" -s h -l help -d 'Print help'
complete -c wfc -n "__fish_wfc_using_subcommand review; and __fish_seen_subcommand_from prepare" -s V -l version -d 'Print version'
complete -c wfc -n "__fish_wfc_using_subcommand review; and __fish_seen_subcommand_from finalize" -l job -d 'Job id printed by `wfc review prepare`' -r
complete -c wfc -n "__fish_wfc_using_subcommand review; and __fish_seen_subcommand_from finalize" -l responses -d 'JSON file with the responses, or `-` for stdin' -r -F
complete -c wfc -n "__fish_wfc_using_subcommand review; and __fish_seen_subcommand_from finalize" -l fail-on -d 'The lowest tier that fails the review' -r -f -a "informational\t''
moderate\t''
important\t''
critical\t''"
complete -c wfc -n "__fish_wfc_using_subcommand review; and __fish_seen_subcommand_from finalize" -l sarif -d 'Also write a SARIF 2.1.0 report to PATH' -r -F
complete -c wfc -n "__fish_wfc_using_subcommand review; and __fish_seen_subcommand_from finalize" -l bypass-reason -d 'Let a failed review through, recording who and why in the audit trail' -r
complete -c wfc -n "__fish_wfc_using_subcommand review; and __fish_seen_subcommand_from finalize" -s C -d 'Run as if wfc was started in DIR' -r -F
complete -c wfc -n "__fish_wfc_using_subcommand review; and __fish_seen_subcommand_from finalize" -l project-id -d 'Project (namespace) id [env: WFC_PROJECT_ID]' -r
complete -c wfc -n "__fish_wfc_using_subcommand review; and __fish_seen_subcommand_from finalize" -l developer-id -d 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]' -r
complete -c wfc -n "__fish_wfc_using_subcommand review; and __fish_seen_subcommand_from finalize" -l color -d 'When to use colors [env: NO_COLOR disables]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wfc -n "__fish_wfc_using_subcommand review; and __fish_seen_subcommand_from finalize" -l no-learn -d 'Do not append learnings to the knowledge base'
complete -c wfc -n "__fish_wfc_using_subcommand review; and __fish_seen_subcommand_from finalize" -l json -d 'Print one JSON document on stdout instead of text'
complete -c wfc -n "__fish_wfc_using_subcommand review; and __fish_seen_subcommand_from finalize" -s q -l quiet -d 'Print only the answer and errors'
complete -c wfc -n "__fish_wfc_using_subcommand review; and __fish_seen_subcommand_from finalize" -s v -l verbose -d 'Print more detail on stderr'
complete -c wfc -n "__fish_wfc_using_subcommand review; and __fish_seen_subcommand_from finalize" -l no-progress -d 'Never draw progress bars'
complete -c wfc -n "__fish_wfc_using_subcommand review; and __fish_seen_subcommand_from finalize" -s h -l help -d 'Print help'
complete -c wfc -n "__fish_wfc_using_subcommand review; and __fish_seen_subcommand_from finalize" -s V -l version -d 'Print version'
complete -c wfc -n "__fish_wfc_using_subcommand review; and __fish_seen_subcommand_from list" -l limit -d 'At most N reviews' -r
complete -c wfc -n "__fish_wfc_using_subcommand review; and __fish_seen_subcommand_from list" -s C -d 'Run as if wfc was started in DIR' -r -F
complete -c wfc -n "__fish_wfc_using_subcommand review; and __fish_seen_subcommand_from list" -l project-id -d 'Project (namespace) id [env: WFC_PROJECT_ID]' -r
complete -c wfc -n "__fish_wfc_using_subcommand review; and __fish_seen_subcommand_from list" -l developer-id -d 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]' -r
complete -c wfc -n "__fish_wfc_using_subcommand review; and __fish_seen_subcommand_from list" -l color -d 'When to use colors [env: NO_COLOR disables]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wfc -n "__fish_wfc_using_subcommand review; and __fish_seen_subcommand_from list" -l all-projects -d 'Every project, not only the current one'
complete -c wfc -n "__fish_wfc_using_subcommand review; and __fish_seen_subcommand_from list" -l json -d 'Print one JSON document on stdout instead of text'
complete -c wfc -n "__fish_wfc_using_subcommand review; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only the answer and errors'
complete -c wfc -n "__fish_wfc_using_subcommand review; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Print more detail on stderr'
complete -c wfc -n "__fish_wfc_using_subcommand review; and __fish_seen_subcommand_from list" -l no-progress -d 'Never draw progress bars'
complete -c wfc -n "__fish_wfc_using_subcommand review; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c wfc -n "__fish_wfc_using_subcommand review; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c wfc -n "__fish_wfc_using_subcommand review; and __fish_seen_subcommand_from show" -s C -d 'Run as if wfc was started in DIR' -r -F
complete -c wfc -n "__fish_wfc_using_subcommand review; and __fish_seen_subcommand_from show" -l project-id -d 'Project (namespace) id [env: WFC_PROJECT_ID]' -r
complete -c wfc -n "__fish_wfc_using_subcommand review; and __fish_seen_subcommand_from show" -l developer-id -d 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]' -r
complete -c wfc -n "__fish_wfc_using_subcommand review; and __fish_seen_subcommand_from show" -l color -d 'When to use colors [env: NO_COLOR disables]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wfc -n "__fish_wfc_using_subcommand review; and __fish_seen_subcommand_from show" -l json -d 'Print one JSON document on stdout instead of text'
complete -c wfc -n "__fish_wfc_using_subcommand review; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only the answer and errors'
complete -c wfc -n "__fish_wfc_using_subcommand review; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Print more detail on stderr'
complete -c wfc -n "__fish_wfc_using_subcommand review; and __fish_seen_subcommand_from show" -l no-progress -d 'Never draw progress bars'
complete -c wfc -n "__fish_wfc_using_subcommand review; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c wfc -n "__fish_wfc_using_subcommand review; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c wfc -n "__fish_wfc_using_subcommand review; and __fish_seen_subcommand_from help" -f -a "prepare" -d 'Phase one for agent harnesses: print one task spec (prompt) per relevant reviewer'
complete -c wfc -n "__fish_wfc_using_subcommand review; and __fish_seen_subcommand_from help" -f -a "finalize" -d 'Phase two: score the reviewers\' raw responses and complete the job'
complete -c wfc -n "__fish_wfc_using_subcommand review; and __fish_seen_subcommand_from help" -f -a "list" -d 'List past reviews'
complete -c wfc -n "__fish_wfc_using_subcommand review; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show one past review'
complete -c wfc -n "__fish_wfc_using_subcommand review; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c wfc -n "__fish_wfc_using_subcommand knowledge; and not __fish_seen_subcommand_from append show search prune export help" -s C -d 'Run as if wfc was started in DIR' -r -F
complete -c wfc -n "__fish_wfc_using_subcommand knowledge; and not __fish_seen_subcommand_from append show search prune export help" -l project-id -d 'Project (namespace) id [env: WFC_PROJECT_ID]' -r
complete -c wfc -n "__fish_wfc_using_subcommand knowledge; and not __fish_seen_subcommand_from append show search prune export help" -l developer-id -d 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]' -r
complete -c wfc -n "__fish_wfc_using_subcommand knowledge; and not __fish_seen_subcommand_from append show search prune export help" -l color -d 'When to use colors [env: NO_COLOR disables]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wfc -n "__fish_wfc_using_subcommand knowledge; and not __fish_seen_subcommand_from append show search prune export help" -l json -d 'Print one JSON document on stdout instead of text'
complete -c wfc -n "__fish_wfc_using_subcommand knowledge; and not __fish_seen_subcommand_from append show search prune export help" -s q -l quiet -d 'Print only the answer and errors'
complete -c wfc -n "__fish_wfc_using_subcommand knowledge; and not __fish_seen_subcommand_from append show search prune export help" -s v -l verbose -d 'Print more detail on stderr'
complete -c wfc -n "__fish_wfc_using_subcommand knowledge; and not __fish_seen_subcommand_from append show search prune export help" -l no-progress -d 'Never draw progress bars'
complete -c wfc -n "__fish_wfc_using_subcommand knowledge; and not __fish_seen_subcommand_from append show search prune export help" -s h -l help -d 'Print help'
complete -c wfc -n "__fish_wfc_using_subcommand knowledge; and not __fish_seen_subcommand_from append show search prune export help" -s V -l version -d 'Print version'
complete -c wfc -n "__fish_wfc_using_subcommand knowledge; and not __fish_seen_subcommand_from append show search prune export help" -f -a "append" -d 'Append an entry (locked, atomic, de-duplicated)'
complete -c wfc -n "__fish_wfc_using_subcommand knowledge; and not __fish_seen_subcommand_from append show search prune export help" -f -a "show" -d 'Print a reviewer\'s knowledge'
complete -c wfc -n "__fish_wfc_using_subcommand knowledge; and not __fish_seen_subcommand_from append show search prune export help" -f -a "search" -d 'Rank entries for a query'
complete -c wfc -n "__fish_wfc_using_subcommand knowledge; and not __fish_seen_subcommand_from append show search prune export help" -f -a "prune" -d 'Archive old entries'
complete -c wfc -n "__fish_wfc_using_subcommand knowledge; and not __fish_seen_subcommand_from append show search prune export help" -f -a "export" -d 'Write the store\'s knowledge to KNOWLEDGE.md files (PostgreSQL store)'
complete -c wfc -n "__fish_wfc_using_subcommand knowledge; and not __fish_seen_subcommand_from append show search prune export help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c wfc -n "__fish_wfc_using_subcommand knowledge; and __fish_seen_subcommand_from append" -l reviewer -d 'Reviewer whose knowledge this is' -r
complete -c wfc -n "__fish_wfc_using_subcommand knowledge; and __fish_seen_subcommand_from append" -l section -d 'patterns_found, false_positives, incidents_prevented, repo_rules or codebase_context' -r
complete -c wfc -n "__fish_wfc_using_subcommand knowledge; and __fish_seen_subcommand_from append" -l text -d 'The entry text (line breaks become spaces; at most 500 characters)' -r
complete -c wfc -n "__fish_wfc_using_subcommand knowledge; and __fish_seen_subcommand_from append" -l source -d 'Where the entry came from (a review, a task, a person)' -r
complete -c wfc -n "__fish_wfc_using_subcommand knowledge; and __fish_seen_subcommand_from append" -l scope -d 'global ($WFC_HOME) or project (the repository\'s .wfc/knowledge); default: project for repo_rules and codebase_context inside a repository, else global' -r -f -a "global\t'`$WFC_HOME/knowledge/global/reviewers/<reviewer>/KNOWLEDGE.md`'
project\t'`<repo>/.wfc/knowledge/reviewers/<reviewer>/KNOWLEDGE.md`, committable'"
complete -c wfc -n "__fish_wfc_using_subcommand knowledge; and __fish_seen_subcommand_from append" -l lock-timeout -d 'How long to wait for another writer\'s lock before giving up (exit 4)' -r
complete -c wfc -n "__fish_wfc_using_subcommand knowledge; and __fish_seen_subcommand_from append" -s C -d 'Run as if wfc was started in DIR' -r -F
complete -c wfc -n "__fish_wfc_using_subcommand knowledge; and __fish_seen_subcommand_from append" -l project-id -d 'Project (namespace) id [env: WFC_PROJECT_ID]' -r
complete -c wfc -n "__fish_wfc_using_subcommand knowledge; and __fish_seen_subcommand_from append" -l developer-id -d 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]' -r
complete -c wfc -n "__fish_wfc_using_subcommand knowledge; and __fish_seen_subcommand_from append" -l color -d 'When to use colors [env: NO_COLOR disables]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wfc -n "__fish_wfc_using_subcommand knowledge; and __fish_seen_subcommand_from append" -l json -d 'Print one JSON document on stdout instead of text'
complete -c wfc -n "__fish_wfc_using_subcommand knowledge; and __fish_seen_subcommand_from append" -s q -l quiet -d 'Print only the answer and errors'
complete -c wfc -n "__fish_wfc_using_subcommand knowledge; and __fish_seen_subcommand_from append" -s v -l verbose -d 'Print more detail on stderr'
complete -c wfc -n "__fish_wfc_using_subcommand knowledge; and __fish_seen_subcommand_from append" -l no-progress -d 'Never draw progress bars'
complete -c wfc -n "__fish_wfc_using_subcommand knowledge; and __fish_seen_subcommand_from append" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c wfc -n "__fish_wfc_using_subcommand knowledge; and __fish_seen_subcommand_from append" -s V -l version -d 'Print version'
complete -c wfc -n "__fish_wfc_using_subcommand knowledge; and __fish_seen_subcommand_from show" -l section -d 'Only the entries of this section' -r
complete -c wfc -n "__fish_wfc_using_subcommand knowledge; and __fish_seen_subcommand_from show" -l scope -d 'Only global ($WFC_HOME) or only project (the repository\'s .wfc/knowledge); default: both' -r -f -a "global\t'`$WFC_HOME/knowledge/global/reviewers/<reviewer>/KNOWLEDGE.md`'
project\t'`<repo>/.wfc/knowledge/reviewers/<reviewer>/KNOWLEDGE.md`, committable'"
complete -c wfc -n "__fish_wfc_using_subcommand knowledge; and __fish_seen_subcommand_from show" -s C -d 'Run as if wfc was started in DIR' -r -F
complete -c wfc -n "__fish_wfc_using_subcommand knowledge; and __fish_seen_subcommand_from show" -l project-id -d 'Project (namespace) id [env: WFC_PROJECT_ID]' -r
complete -c wfc -n "__fish_wfc_using_subcommand knowledge; and __fish_seen_subcommand_from show" -l developer-id -d 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]' -r
complete -c wfc -n "__fish_wfc_using_subcommand knowledge; and __fish_seen_subcommand_from show" -l color -d 'When to use colors [env: NO_COLOR disables]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wfc -n "__fish_wfc_using_subcommand knowledge; and __fish_seen_subcommand_from show" -l json -d 'Print one JSON document on stdout instead of text'
complete -c wfc -n "__fish_wfc_using_subcommand knowledge; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only the answer and errors'
complete -c wfc -n "__fish_wfc_using_subcommand knowledge; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Print more detail on stderr'
complete -c wfc -n "__fish_wfc_using_subcommand knowledge; and __fish_seen_subcommand_from show" -l no-progress -d 'Never draw progress bars'
complete -c wfc -n "__fish_wfc_using_subcommand knowledge; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c wfc -n "__fish_wfc_using_subcommand knowledge; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c wfc -n "__fish_wfc_using_subcommand knowledge; and __fish_seen_subcommand_from search" -l reviewer -d 'Only this reviewer\'s entries' -r
complete -c wfc -n "__fish_wfc_using_subcommand knowledge; and __fish_seen_subcommand_from search" -l limit -d 'At most N entries (0: all that match)' -r
complete -c wfc -n "__fish_wfc_using_subcommand knowledge; and __fish_seen_subcommand_from search" -l scope -d 'Only global ($WFC_HOME) or only project (the repository\'s .wfc/knowledge); default: both' -r -f -a "global\t'`$WFC_HOME/knowledge/global/reviewers/<reviewer>/KNOWLEDGE.md`'
project\t'`<repo>/.wfc/knowledge/reviewers/<reviewer>/KNOWLEDGE.md`, committable'"
complete -c wfc -n "__fish_wfc_using_subcommand knowledge; and __fish_seen_subcommand_from search" -s C -d 'Run as if wfc was started in DIR' -r -F
complete -c wfc -n "__fish_wfc_using_subcommand knowledge; and __fish_seen_subcommand_from search" -l project-id -d 'Project (namespace) id [env: WFC_PROJECT_ID]' -r
complete -c wfc -n "__fish_wfc_using_subcommand knowledge; and __fish_seen_subcommand_from search" -l developer-id -d 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]' -r
complete -c wfc -n "__fish_wfc_using_subcommand knowledge; and __fish_seen_subcommand_from search" -l color -d 'When to use colors [env: NO_COLOR disables]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wfc -n "__fish_wfc_using_subcommand knowledge; and __fish_seen_subcommand_from search" -l json -d 'Print one JSON document on stdout instead of text'
complete -c wfc -n "__fish_wfc_using_subcommand knowledge; and __fish_seen_subcommand_from search" -s q -l quiet -d 'Print only the answer and errors'
complete -c wfc -n "__fish_wfc_using_subcommand knowledge; and __fish_seen_subcommand_from search" -s v -l verbose -d 'Print more detail on stderr'
complete -c wfc -n "__fish_wfc_using_subcommand knowledge; and __fish_seen_subcommand_from search" -l no-progress -d 'Never draw progress bars'
complete -c wfc -n "__fish_wfc_using_subcommand knowledge; and __fish_seen_subcommand_from search" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c wfc -n "__fish_wfc_using_subcommand knowledge; and __fish_seen_subcommand_from search" -s V -l version -d 'Print version'
complete -c wfc -n "__fish_wfc_using_subcommand knowledge; and __fish_seen_subcommand_from prune" -l older-than -d 'Age of entries to archive (e.g. 180d)' -r
complete -c wfc -n "__fish_wfc_using_subcommand knowledge; and __fish_seen_subcommand_from prune" -l reviewer -d 'Only this reviewer\'s file' -r
complete -c wfc -n "__fish_wfc_using_subcommand knowledge; and __fish_seen_subcommand_from prune" -l scope -d 'global ($WFC_HOME) or project (the repository\'s .wfc/knowledge)' -r -f -a "global\t'`$WFC_HOME/knowledge/global/reviewers/<reviewer>/KNOWLEDGE.md`'
project\t'`<repo>/.wfc/knowledge/reviewers/<reviewer>/KNOWLEDGE.md`, committable'"
complete -c wfc -n "__fish_wfc_using_subcommand knowledge; and __fish_seen_subcommand_from prune" -l lock-timeout -d 'How long to wait for another writer\'s lock before giving up (exit 4)' -r
complete -c wfc -n "__fish_wfc_using_subcommand knowledge; and __fish_seen_subcommand_from prune" -s C -d 'Run as if wfc was started in DIR' -r -F
complete -c wfc -n "__fish_wfc_using_subcommand knowledge; and __fish_seen_subcommand_from prune" -l project-id -d 'Project (namespace) id [env: WFC_PROJECT_ID]' -r
complete -c wfc -n "__fish_wfc_using_subcommand knowledge; and __fish_seen_subcommand_from prune" -l developer-id -d 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]' -r
complete -c wfc -n "__fish_wfc_using_subcommand knowledge; and __fish_seen_subcommand_from prune" -l color -d 'When to use colors [env: NO_COLOR disables]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wfc -n "__fish_wfc_using_subcommand knowledge; and __fish_seen_subcommand_from prune" -l dry-run -d 'Print what would move and change nothing'
complete -c wfc -n "__fish_wfc_using_subcommand knowledge; and __fish_seen_subcommand_from prune" -l json -d 'Print one JSON document on stdout instead of text'
complete -c wfc -n "__fish_wfc_using_subcommand knowledge; and __fish_seen_subcommand_from prune" -s q -l quiet -d 'Print only the answer and errors'
complete -c wfc -n "__fish_wfc_using_subcommand knowledge; and __fish_seen_subcommand_from prune" -s v -l verbose -d 'Print more detail on stderr'
complete -c wfc -n "__fish_wfc_using_subcommand knowledge; and __fish_seen_subcommand_from prune" -l no-progress -d 'Never draw progress bars'
complete -c wfc -n "__fish_wfc_using_subcommand knowledge; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c wfc -n "__fish_wfc_using_subcommand knowledge; and __fish_seen_subcommand_from prune" -s V -l version -d 'Print version'
complete -c wfc -n "__fish_wfc_using_subcommand knowledge; and __fish_seen_subcommand_from export" -l scope -d 'Only global or only project knowledge; default: both (project only inside a repository)' -r -f -a "global\t'`$WFC_HOME/knowledge/global/reviewers/<reviewer>/KNOWLEDGE.md`'
project\t'`<repo>/.wfc/knowledge/reviewers/<reviewer>/KNOWLEDGE.md`, committable'"
complete -c wfc -n "__fish_wfc_using_subcommand knowledge; and __fish_seen_subcommand_from export" -l lock-timeout -d 'How long to wait for another writer\'s lock before giving up (exit 4)' -r
complete -c wfc -n "__fish_wfc_using_subcommand knowledge; and __fish_seen_subcommand_from export" -s C -d 'Run as if wfc was started in DIR' -r -F
complete -c wfc -n "__fish_wfc_using_subcommand knowledge; and __fish_seen_subcommand_from export" -l project-id -d 'Project (namespace) id [env: WFC_PROJECT_ID]' -r
complete -c wfc -n "__fish_wfc_using_subcommand knowledge; and __fish_seen_subcommand_from export" -l developer-id -d 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]' -r
complete -c wfc -n "__fish_wfc_using_subcommand knowledge; and __fish_seen_subcommand_from export" -l color -d 'When to use colors [env: NO_COLOR disables]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wfc -n "__fish_wfc_using_subcommand knowledge; and __fish_seen_subcommand_from export" -l json -d 'Print one JSON document on stdout instead of text'
complete -c wfc -n "__fish_wfc_using_subcommand knowledge; and __fish_seen_subcommand_from export" -s q -l quiet -d 'Print only the answer and errors'
complete -c wfc -n "__fish_wfc_using_subcommand knowledge; and __fish_seen_subcommand_from export" -s v -l verbose -d 'Print more detail on stderr'
complete -c wfc -n "__fish_wfc_using_subcommand knowledge; and __fish_seen_subcommand_from export" -l no-progress -d 'Never draw progress bars'
complete -c wfc -n "__fish_wfc_using_subcommand knowledge; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c wfc -n "__fish_wfc_using_subcommand knowledge; and __fish_seen_subcommand_from export" -s V -l version -d 'Print version'
complete -c wfc -n "__fish_wfc_using_subcommand knowledge; and __fish_seen_subcommand_from help" -f -a "append" -d 'Append an entry (locked, atomic, de-duplicated)'
complete -c wfc -n "__fish_wfc_using_subcommand knowledge; and __fish_seen_subcommand_from help" -f -a "show" -d 'Print a reviewer\'s knowledge'
complete -c wfc -n "__fish_wfc_using_subcommand knowledge; and __fish_seen_subcommand_from help" -f -a "search" -d 'Rank entries for a query'
complete -c wfc -n "__fish_wfc_using_subcommand knowledge; and __fish_seen_subcommand_from help" -f -a "prune" -d 'Archive old entries'
complete -c wfc -n "__fish_wfc_using_subcommand knowledge; and __fish_seen_subcommand_from help" -f -a "export" -d 'Write the store\'s knowledge to KNOWLEDGE.md files (PostgreSQL store)'
complete -c wfc -n "__fish_wfc_using_subcommand knowledge; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c wfc -n "__fish_wfc_using_subcommand telemetry; and not __fish_seen_subcommand_from export help" -l since -d 'Only events newer than this (e.g. 7d)' -r
complete -c wfc -n "__fish_wfc_using_subcommand telemetry; and not __fish_seen_subcommand_from export help" -s C -d 'Run as if wfc was started in DIR' -r -F
complete -c wfc -n "__fish_wfc_using_subcommand telemetry; and not __fish_seen_subcommand_from export help" -l project-id -d 'Project (namespace) id [env: WFC_PROJECT_ID]' -r
complete -c wfc -n "__fish_wfc_using_subcommand telemetry; and not __fish_seen_subcommand_from export help" -l developer-id -d 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]' -r
complete -c wfc -n "__fish_wfc_using_subcommand telemetry; and not __fish_seen_subcommand_from export help" -l color -d 'When to use colors [env: NO_COLOR disables]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wfc -n "__fish_wfc_using_subcommand telemetry; and not __fish_seen_subcommand_from export help" -l all-projects -d 'Every project, not only the current one'
complete -c wfc -n "__fish_wfc_using_subcommand telemetry; and not __fish_seen_subcommand_from export help" -l json -d 'Print one JSON document on stdout instead of text'
complete -c wfc -n "__fish_wfc_using_subcommand telemetry; and not __fish_seen_subcommand_from export help" -s q -l quiet -d 'Print only the answer and errors'
complete -c wfc -n "__fish_wfc_using_subcommand telemetry; and not __fish_seen_subcommand_from export help" -s v -l verbose -d 'Print more detail on stderr'
complete -c wfc -n "__fish_wfc_using_subcommand telemetry; and not __fish_seen_subcommand_from export help" -l no-progress -d 'Never draw progress bars'
complete -c wfc -n "__fish_wfc_using_subcommand telemetry; and not __fish_seen_subcommand_from export help" -s h -l help -d 'Print help'
complete -c wfc -n "__fish_wfc_using_subcommand telemetry; and not __fish_seen_subcommand_from export help" -s V -l version -d 'Print version'
complete -c wfc -n "__fish_wfc_using_subcommand telemetry; and not __fish_seen_subcommand_from export help" -f -a "export" -d 'Write every event with its project, developer and time'
complete -c wfc -n "__fish_wfc_using_subcommand telemetry; and not __fish_seen_subcommand_from export help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c wfc -n "__fish_wfc_using_subcommand telemetry; and __fish_seen_subcommand_from export" -l format -d 'Output format [default: jsonl]' -r -f -a "jsonl\t'One JSON object per line'
csv\t'Comma-separated, with a header line; `data` is the event\'s JSON'"
complete -c wfc -n "__fish_wfc_using_subcommand telemetry; and __fish_seen_subcommand_from export" -l since -d 'Only events newer than this (e.g. 7d)' -r
complete -c wfc -n "__fish_wfc_using_subcommand telemetry; and __fish_seen_subcommand_from export" -s C -d 'Run as if wfc was started in DIR' -r -F
complete -c wfc -n "__fish_wfc_using_subcommand telemetry; and __fish_seen_subcommand_from export" -l project-id -d 'Project (namespace) id [env: WFC_PROJECT_ID]' -r
complete -c wfc -n "__fish_wfc_using_subcommand telemetry; and __fish_seen_subcommand_from export" -l developer-id -d 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]' -r
complete -c wfc -n "__fish_wfc_using_subcommand telemetry; and __fish_seen_subcommand_from export" -l color -d 'When to use colors [env: NO_COLOR disables]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wfc -n "__fish_wfc_using_subcommand telemetry; and __fish_seen_subcommand_from export" -l all-projects -d 'Every project, not only the current one'
complete -c wfc -n "__fish_wfc_using_subcommand telemetry; and __fish_seen_subcommand_from export" -l json -d 'Print one JSON document on stdout instead of text'
complete -c wfc -n "__fish_wfc_using_subcommand telemetry; and __fish_seen_subcommand_from export" -s q -l quiet -d 'Print only the answer and errors'
complete -c wfc -n "__fish_wfc_using_subcommand telemetry; and __fish_seen_subcommand_from export" -s v -l verbose -d 'Print more detail on stderr'
complete -c wfc -n "__fish_wfc_using_subcommand telemetry; and __fish_seen_subcommand_from export" -l no-progress -d 'Never draw progress bars'
complete -c wfc -n "__fish_wfc_using_subcommand telemetry; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c wfc -n "__fish_wfc_using_subcommand telemetry; and __fish_seen_subcommand_from export" -s V -l version -d 'Print version'
complete -c wfc -n "__fish_wfc_using_subcommand telemetry; and __fish_seen_subcommand_from help" -f -a "export" -d 'Write every event with its project, developer and time'
complete -c wfc -n "__fish_wfc_using_subcommand telemetry; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c wfc -n "__fish_wfc_using_subcommand audit; and not __fish_seen_subcommand_from verify help" -l since -d 'Only rows newer than this (e.g. 24h, 7d)' -r
complete -c wfc -n "__fish_wfc_using_subcommand audit; and not __fish_seen_subcommand_from verify help" -l action -d 'Only rows with this action (e.g. init, worktree.create, review)' -r
complete -c wfc -n "__fish_wfc_using_subcommand audit; and not __fish_seen_subcommand_from verify help" -l limit -d 'At most this many rows (the newest)' -r
complete -c wfc -n "__fish_wfc_using_subcommand audit; and not __fish_seen_subcommand_from verify help" -s C -d 'Run as if wfc was started in DIR' -r -F
complete -c wfc -n "__fish_wfc_using_subcommand audit; and not __fish_seen_subcommand_from verify help" -l project-id -d 'Project (namespace) id [env: WFC_PROJECT_ID]' -r
complete -c wfc -n "__fish_wfc_using_subcommand audit; and not __fish_seen_subcommand_from verify help" -l developer-id -d 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]' -r
complete -c wfc -n "__fish_wfc_using_subcommand audit; and not __fish_seen_subcommand_from verify help" -l color -d 'When to use colors [env: NO_COLOR disables]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wfc -n "__fish_wfc_using_subcommand audit; and not __fish_seen_subcommand_from verify help" -l json -d 'Print one JSON document on stdout instead of text'
complete -c wfc -n "__fish_wfc_using_subcommand audit; and not __fish_seen_subcommand_from verify help" -s q -l quiet -d 'Print only the answer and errors'
complete -c wfc -n "__fish_wfc_using_subcommand audit; and not __fish_seen_subcommand_from verify help" -s v -l verbose -d 'Print more detail on stderr'
complete -c wfc -n "__fish_wfc_using_subcommand audit; and not __fish_seen_subcommand_from verify help" -l no-progress -d 'Never draw progress bars'
complete -c wfc -n "__fish_wfc_using_subcommand audit; and not __fish_seen_subcommand_from verify help" -s h -l help -d 'Print help'
complete -c wfc -n "__fish_wfc_using_subcommand audit; and not __fish_seen_subcommand_from verify help" -s V -l version -d 'Print version'
complete -c wfc -n "__fish_wfc_using_subcommand audit; and not __fish_seen_subcommand_from verify help" -f -a "verify" -d 'Check that no audit row was edited or deleted; exit 1 and name the first break if one was'
complete -c wfc -n "__fish_wfc_using_subcommand audit; and not __fish_seen_subcommand_from verify help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c wfc -n "__fish_wfc_using_subcommand audit; and __fish_seen_subcommand_from verify" -l anchors -d 'Read anchors from these commits (default: everything reachable from HEAD, in a repository)' -r
complete -c wfc -n "__fish_wfc_using_subcommand audit; and __fish_seen_subcommand_from verify" -s C -d 'Run as if wfc was started in DIR' -r -F
complete -c wfc -n "__fish_wfc_using_subcommand audit; and __fish_seen_subcommand_from verify" -l project-id -d 'Project (namespace) id [env: WFC_PROJECT_ID]' -r
complete -c wfc -n "__fish_wfc_using_subcommand audit; and __fish_seen_subcommand_from verify" -l developer-id -d 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]' -r
complete -c wfc -n "__fish_wfc_using_subcommand audit; and __fish_seen_subcommand_from verify" -l color -d 'When to use colors [env: NO_COLOR disables]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wfc -n "__fish_wfc_using_subcommand audit; and __fish_seen_subcommand_from verify" -l json -d 'Print one JSON document on stdout instead of text'
complete -c wfc -n "__fish_wfc_using_subcommand audit; and __fish_seen_subcommand_from verify" -s q -l quiet -d 'Print only the answer and errors'
complete -c wfc -n "__fish_wfc_using_subcommand audit; and __fish_seen_subcommand_from verify" -s v -l verbose -d 'Print more detail on stderr'
complete -c wfc -n "__fish_wfc_using_subcommand audit; and __fish_seen_subcommand_from verify" -l no-progress -d 'Never draw progress bars'
complete -c wfc -n "__fish_wfc_using_subcommand audit; and __fish_seen_subcommand_from verify" -s h -l help -d 'Print help'
complete -c wfc -n "__fish_wfc_using_subcommand audit; and __fish_seen_subcommand_from verify" -s V -l version -d 'Print version'
complete -c wfc -n "__fish_wfc_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "verify" -d 'Check that no audit row was edited or deleted; exit 1 and name the first break if one was'
complete -c wfc -n "__fish_wfc_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c wfc -n "__fish_wfc_using_subcommand hook; and not __fish_seen_subcommand_from install uninstall status run help" -s C -d 'Run as if wfc was started in DIR' -r -F
complete -c wfc -n "__fish_wfc_using_subcommand hook; and not __fish_seen_subcommand_from install uninstall status run help" -l project-id -d 'Project (namespace) id [env: WFC_PROJECT_ID]' -r
complete -c wfc -n "__fish_wfc_using_subcommand hook; and not __fish_seen_subcommand_from install uninstall status run help" -l developer-id -d 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]' -r
complete -c wfc -n "__fish_wfc_using_subcommand hook; and not __fish_seen_subcommand_from install uninstall status run help" -l color -d 'When to use colors [env: NO_COLOR disables]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wfc -n "__fish_wfc_using_subcommand hook; and not __fish_seen_subcommand_from install uninstall status run help" -l json -d 'Print one JSON document on stdout instead of text'
complete -c wfc -n "__fish_wfc_using_subcommand hook; and not __fish_seen_subcommand_from install uninstall status run help" -s q -l quiet -d 'Print only the answer and errors'
complete -c wfc -n "__fish_wfc_using_subcommand hook; and not __fish_seen_subcommand_from install uninstall status run help" -s v -l verbose -d 'Print more detail on stderr'
complete -c wfc -n "__fish_wfc_using_subcommand hook; and not __fish_seen_subcommand_from install uninstall status run help" -l no-progress -d 'Never draw progress bars'
complete -c wfc -n "__fish_wfc_using_subcommand hook; and not __fish_seen_subcommand_from install uninstall status run help" -s h -l help -d 'Print help'
complete -c wfc -n "__fish_wfc_using_subcommand hook; and not __fish_seen_subcommand_from install uninstall status run help" -s V -l version -d 'Print version'
complete -c wfc -n "__fish_wfc_using_subcommand hook; and not __fish_seen_subcommand_from install uninstall status run help" -f -a "install" -d 'Install the hooks'
complete -c wfc -n "__fish_wfc_using_subcommand hook; and not __fish_seen_subcommand_from install uninstall status run help" -f -a "uninstall" -d 'Remove the hooks, restoring the previous ones'
complete -c wfc -n "__fish_wfc_using_subcommand hook; and not __fish_seen_subcommand_from install uninstall status run help" -f -a "status" -d 'Show what is installed'
complete -c wfc -n "__fish_wfc_using_subcommand hook; and not __fish_seen_subcommand_from install uninstall status run help" -f -a "run" -d 'Run a hook (used by the installed scripts)'
complete -c wfc -n "__fish_wfc_using_subcommand hook; and not __fish_seen_subcommand_from install uninstall status run help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c wfc -n "__fish_wfc_using_subcommand hook; and __fish_seen_subcommand_from install" -s C -d 'Run as if wfc was started in DIR' -r -F
complete -c wfc -n "__fish_wfc_using_subcommand hook; and __fish_seen_subcommand_from install" -l project-id -d 'Project (namespace) id [env: WFC_PROJECT_ID]' -r
complete -c wfc -n "__fish_wfc_using_subcommand hook; and __fish_seen_subcommand_from install" -l developer-id -d 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]' -r
complete -c wfc -n "__fish_wfc_using_subcommand hook; and __fish_seen_subcommand_from install" -l color -d 'When to use colors [env: NO_COLOR disables]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wfc -n "__fish_wfc_using_subcommand hook; and __fish_seen_subcommand_from install" -l force -d 'Install even when another hook manager owns the hooks, or core.hooksPath comes from the user\'s or system\'s git config (the manager\'s hook is chained and still runs first)'
complete -c wfc -n "__fish_wfc_using_subcommand hook; and __fish_seen_subcommand_from install" -l json -d 'Print one JSON document on stdout instead of text'
complete -c wfc -n "__fish_wfc_using_subcommand hook; and __fish_seen_subcommand_from install" -s q -l quiet -d 'Print only the answer and errors'
complete -c wfc -n "__fish_wfc_using_subcommand hook; and __fish_seen_subcommand_from install" -s v -l verbose -d 'Print more detail on stderr'
complete -c wfc -n "__fish_wfc_using_subcommand hook; and __fish_seen_subcommand_from install" -l no-progress -d 'Never draw progress bars'
complete -c wfc -n "__fish_wfc_using_subcommand hook; and __fish_seen_subcommand_from install" -s h -l help -d 'Print help'
complete -c wfc -n "__fish_wfc_using_subcommand hook; and __fish_seen_subcommand_from install" -s V -l version -d 'Print version'
complete -c wfc -n "__fish_wfc_using_subcommand hook; and __fish_seen_subcommand_from uninstall" -s C -d 'Run as if wfc was started in DIR' -r -F
complete -c wfc -n "__fish_wfc_using_subcommand hook; and __fish_seen_subcommand_from uninstall" -l project-id -d 'Project (namespace) id [env: WFC_PROJECT_ID]' -r
complete -c wfc -n "__fish_wfc_using_subcommand hook; and __fish_seen_subcommand_from uninstall" -l developer-id -d 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]' -r
complete -c wfc -n "__fish_wfc_using_subcommand hook; and __fish_seen_subcommand_from uninstall" -l color -d 'When to use colors [env: NO_COLOR disables]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wfc -n "__fish_wfc_using_subcommand hook; and __fish_seen_subcommand_from uninstall" -l json -d 'Print one JSON document on stdout instead of text'
complete -c wfc -n "__fish_wfc_using_subcommand hook; and __fish_seen_subcommand_from uninstall" -s q -l quiet -d 'Print only the answer and errors'
complete -c wfc -n "__fish_wfc_using_subcommand hook; and __fish_seen_subcommand_from uninstall" -s v -l verbose -d 'Print more detail on stderr'
complete -c wfc -n "__fish_wfc_using_subcommand hook; and __fish_seen_subcommand_from uninstall" -l no-progress -d 'Never draw progress bars'
complete -c wfc -n "__fish_wfc_using_subcommand hook; and __fish_seen_subcommand_from uninstall" -s h -l help -d 'Print help'
complete -c wfc -n "__fish_wfc_using_subcommand hook; and __fish_seen_subcommand_from uninstall" -s V -l version -d 'Print version'
complete -c wfc -n "__fish_wfc_using_subcommand hook; and __fish_seen_subcommand_from status" -s C -d 'Run as if wfc was started in DIR' -r -F
complete -c wfc -n "__fish_wfc_using_subcommand hook; and __fish_seen_subcommand_from status" -l project-id -d 'Project (namespace) id [env: WFC_PROJECT_ID]' -r
complete -c wfc -n "__fish_wfc_using_subcommand hook; and __fish_seen_subcommand_from status" -l developer-id -d 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]' -r
complete -c wfc -n "__fish_wfc_using_subcommand hook; and __fish_seen_subcommand_from status" -l color -d 'When to use colors [env: NO_COLOR disables]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wfc -n "__fish_wfc_using_subcommand hook; and __fish_seen_subcommand_from status" -l json -d 'Print one JSON document on stdout instead of text'
complete -c wfc -n "__fish_wfc_using_subcommand hook; and __fish_seen_subcommand_from status" -s q -l quiet -d 'Print only the answer and errors'
complete -c wfc -n "__fish_wfc_using_subcommand hook; and __fish_seen_subcommand_from status" -s v -l verbose -d 'Print more detail on stderr'
complete -c wfc -n "__fish_wfc_using_subcommand hook; and __fish_seen_subcommand_from status" -l no-progress -d 'Never draw progress bars'
complete -c wfc -n "__fish_wfc_using_subcommand hook; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help'
complete -c wfc -n "__fish_wfc_using_subcommand hook; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c wfc -n "__fish_wfc_using_subcommand hook; and __fish_seen_subcommand_from run" -s C -d 'Run as if wfc was started in DIR' -r -F
complete -c wfc -n "__fish_wfc_using_subcommand hook; and __fish_seen_subcommand_from run" -l project-id -d 'Project (namespace) id [env: WFC_PROJECT_ID]' -r
complete -c wfc -n "__fish_wfc_using_subcommand hook; and __fish_seen_subcommand_from run" -l developer-id -d 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]' -r
complete -c wfc -n "__fish_wfc_using_subcommand hook; and __fish_seen_subcommand_from run" -l color -d 'When to use colors [env: NO_COLOR disables]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wfc -n "__fish_wfc_using_subcommand hook; and __fish_seen_subcommand_from run" -l json -d 'Print one JSON document on stdout instead of text'
complete -c wfc -n "__fish_wfc_using_subcommand hook; and __fish_seen_subcommand_from run" -s q -l quiet -d 'Print only the answer and errors'
complete -c wfc -n "__fish_wfc_using_subcommand hook; and __fish_seen_subcommand_from run" -s v -l verbose -d 'Print more detail on stderr'
complete -c wfc -n "__fish_wfc_using_subcommand hook; and __fish_seen_subcommand_from run" -l no-progress -d 'Never draw progress bars'
complete -c wfc -n "__fish_wfc_using_subcommand hook; and __fish_seen_subcommand_from run" -s h -l help -d 'Print help'
complete -c wfc -n "__fish_wfc_using_subcommand hook; and __fish_seen_subcommand_from run" -s V -l version -d 'Print version'
complete -c wfc -n "__fish_wfc_using_subcommand hook; and __fish_seen_subcommand_from help" -f -a "install" -d 'Install the hooks'
complete -c wfc -n "__fish_wfc_using_subcommand hook; and __fish_seen_subcommand_from help" -f -a "uninstall" -d 'Remove the hooks, restoring the previous ones'
complete -c wfc -n "__fish_wfc_using_subcommand hook; and __fish_seen_subcommand_from help" -f -a "status" -d 'Show what is installed'
complete -c wfc -n "__fish_wfc_using_subcommand hook; and __fish_seen_subcommand_from help" -f -a "run" -d 'Run a hook (used by the installed scripts)'
complete -c wfc -n "__fish_wfc_using_subcommand hook; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c wfc -n "__fish_wfc_using_subcommand gate; and not __fish_seen_subcommand_from check verify keygen help" -s C -d 'Run as if wfc was started in DIR' -r -F
complete -c wfc -n "__fish_wfc_using_subcommand gate; and not __fish_seen_subcommand_from check verify keygen help" -l project-id -d 'Project (namespace) id [env: WFC_PROJECT_ID]' -r
complete -c wfc -n "__fish_wfc_using_subcommand gate; and not __fish_seen_subcommand_from check verify keygen help" -l developer-id -d 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]' -r
complete -c wfc -n "__fish_wfc_using_subcommand gate; and not __fish_seen_subcommand_from check verify keygen help" -l color -d 'When to use colors [env: NO_COLOR disables]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wfc -n "__fish_wfc_using_subcommand gate; and not __fish_seen_subcommand_from check verify keygen help" -l json -d 'Print one JSON document on stdout instead of text'
complete -c wfc -n "__fish_wfc_using_subcommand gate; and not __fish_seen_subcommand_from check verify keygen help" -s q -l quiet -d 'Print only the answer and errors'
complete -c wfc -n "__fish_wfc_using_subcommand gate; and not __fish_seen_subcommand_from check verify keygen help" -s v -l verbose -d 'Print more detail on stderr'
complete -c wfc -n "__fish_wfc_using_subcommand gate; and not __fish_seen_subcommand_from check verify keygen help" -l no-progress -d 'Never draw progress bars'
complete -c wfc -n "__fish_wfc_using_subcommand gate; and not __fish_seen_subcommand_from check verify keygen help" -s h -l help -d 'Print help'
complete -c wfc -n "__fish_wfc_using_subcommand gate; and not __fish_seen_subcommand_from check verify keygen help" -s V -l version -d 'Print version'
complete -c wfc -n "__fish_wfc_using_subcommand gate; and not __fish_seen_subcommand_from check verify keygen help" -f -a "check" -d 'Check that the staged tree was reviewed'
complete -c wfc -n "__fish_wfc_using_subcommand gate; and not __fish_seen_subcommand_from check verify keygen help" -f -a "verify" -d 'Check every commit of a range (for CI)'
complete -c wfc -n "__fish_wfc_using_subcommand gate; and not __fish_seen_subcommand_from check verify keygen help" -f -a "keygen" -d 'Make an ed25519 key that signs review attestations'
complete -c wfc -n "__fish_wfc_using_subcommand gate; and not __fish_seen_subcommand_from check verify keygen help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c wfc -n "__fish_wfc_using_subcommand gate; and __fish_seen_subcommand_from check" -l rev -d 'Check this commit\'s tree instead of the staged tree' -r
complete -c wfc -n "__fish_wfc_using_subcommand gate; and __fish_seen_subcommand_from check" -s C -d 'Run as if wfc was started in DIR' -r -F
complete -c wfc -n "__fish_wfc_using_subcommand gate; and __fish_seen_subcommand_from check" -l project-id -d 'Project (namespace) id [env: WFC_PROJECT_ID]' -r
complete -c wfc -n "__fish_wfc_using_subcommand gate; and __fish_seen_subcommand_from check" -l developer-id -d 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]' -r
complete -c wfc -n "__fish_wfc_using_subcommand gate; and __fish_seen_subcommand_from check" -l color -d 'When to use colors [env: NO_COLOR disables]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wfc -n "__fish_wfc_using_subcommand gate; and __fish_seen_subcommand_from check" -l json -d 'Print one JSON document on stdout instead of text'
complete -c wfc -n "__fish_wfc_using_subcommand gate; and __fish_seen_subcommand_from check" -s q -l quiet -d 'Print only the answer and errors'
complete -c wfc -n "__fish_wfc_using_subcommand gate; and __fish_seen_subcommand_from check" -s v -l verbose -d 'Print more detail on stderr'
complete -c wfc -n "__fish_wfc_using_subcommand gate; and __fish_seen_subcommand_from check" -l no-progress -d 'Never draw progress bars'
complete -c wfc -n "__fish_wfc_using_subcommand gate; and __fish_seen_subcommand_from check" -s h -l help -d 'Print help'
complete -c wfc -n "__fish_wfc_using_subcommand gate; and __fish_seen_subcommand_from check" -s V -l version -d 'Print version'
complete -c wfc -n "__fish_wfc_using_subcommand gate; and __fish_seen_subcommand_from verify" -l policy-from -d 'Read the gate policy from this commit (default: the range\'s base)' -r
complete -c wfc -n "__fish_wfc_using_subcommand gate; and __fish_seen_subcommand_from verify" -l allowed-signers -d 'Also require a valid Review-Signature from a key listed in FILE (git\'s allowed-signers format)' -r -F
complete -c wfc -n "__fish_wfc_using_subcommand gate; and __fish_seen_subcommand_from verify" -s C -d 'Run as if wfc was started in DIR' -r -F
complete -c wfc -n "__fish_wfc_using_subcommand gate; and __fish_seen_subcommand_from verify" -l project-id -d 'Project (namespace) id [env: WFC_PROJECT_ID]' -r
complete -c wfc -n "__fish_wfc_using_subcommand gate; and __fish_seen_subcommand_from verify" -l developer-id -d 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]' -r
complete -c wfc -n "__fish_wfc_using_subcommand gate; and __fish_seen_subcommand_from verify" -l color -d 'When to use colors [env: NO_COLOR disables]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wfc -n "__fish_wfc_using_subcommand gate; and __fish_seen_subcommand_from verify" -l rerun -d 'Ignore trailers: re-run the policy\'s built-in reviewers on every commit\'s change'
complete -c wfc -n "__fish_wfc_using_subcommand gate; and __fish_seen_subcommand_from verify" -l allow-bypassed -d 'Accept commits whose review was bypassed'
complete -c wfc -n "__fish_wfc_using_subcommand gate; and __fish_seen_subcommand_from verify" -l allow-v1 -d 'Accept v1 trailers (history made before v2) when they match the commit\'s tree'
complete -c wfc -n "__fish_wfc_using_subcommand gate; and __fish_seen_subcommand_from verify" -l deny-bypassed -d 'Reject bypassed reviews (the default; kept for older CI scripts)'
complete -c wfc -n "__fish_wfc_using_subcommand gate; and __fish_seen_subcommand_from verify" -l json -d 'Print one JSON document on stdout instead of text'
complete -c wfc -n "__fish_wfc_using_subcommand gate; and __fish_seen_subcommand_from verify" -s q -l quiet -d 'Print only the answer and errors'
complete -c wfc -n "__fish_wfc_using_subcommand gate; and __fish_seen_subcommand_from verify" -s v -l verbose -d 'Print more detail on stderr'
complete -c wfc -n "__fish_wfc_using_subcommand gate; and __fish_seen_subcommand_from verify" -l no-progress -d 'Never draw progress bars'
complete -c wfc -n "__fish_wfc_using_subcommand gate; and __fish_seen_subcommand_from verify" -s h -l help -d 'Print help'
complete -c wfc -n "__fish_wfc_using_subcommand gate; and __fish_seen_subcommand_from verify" -s V -l version -d 'Print version'
complete -c wfc -n "__fish_wfc_using_subcommand gate; and __fish_seen_subcommand_from keygen" -l comment -d 'The key\'s comment [default: "wfc-review key of <developer-id>"]' -r
complete -c wfc -n "__fish_wfc_using_subcommand gate; and __fish_seen_subcommand_from keygen" -s C -d 'Run as if wfc was started in DIR' -r -F
complete -c wfc -n "__fish_wfc_using_subcommand gate; and __fish_seen_subcommand_from keygen" -l project-id -d 'Project (namespace) id [env: WFC_PROJECT_ID]' -r
complete -c wfc -n "__fish_wfc_using_subcommand gate; and __fish_seen_subcommand_from keygen" -l developer-id -d 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]' -r
complete -c wfc -n "__fish_wfc_using_subcommand gate; and __fish_seen_subcommand_from keygen" -l color -d 'When to use colors [env: NO_COLOR disables]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wfc -n "__fish_wfc_using_subcommand gate; and __fish_seen_subcommand_from keygen" -l force -d 'Replace the existing key (it can no longer sign; remove its allowed-signers line to stop trusting what it signed)'
complete -c wfc -n "__fish_wfc_using_subcommand gate; and __fish_seen_subcommand_from keygen" -l json -d 'Print one JSON document on stdout instead of text'
complete -c wfc -n "__fish_wfc_using_subcommand gate; and __fish_seen_subcommand_from keygen" -s q -l quiet -d 'Print only the answer and errors'
complete -c wfc -n "__fish_wfc_using_subcommand gate; and __fish_seen_subcommand_from keygen" -s v -l verbose -d 'Print more detail on stderr'
complete -c wfc -n "__fish_wfc_using_subcommand gate; and __fish_seen_subcommand_from keygen" -l no-progress -d 'Never draw progress bars'
complete -c wfc -n "__fish_wfc_using_subcommand gate; and __fish_seen_subcommand_from keygen" -s h -l help -d 'Print help'
complete -c wfc -n "__fish_wfc_using_subcommand gate; and __fish_seen_subcommand_from keygen" -s V -l version -d 'Print version'
complete -c wfc -n "__fish_wfc_using_subcommand gate; and __fish_seen_subcommand_from help" -f -a "check" -d 'Check that the staged tree was reviewed'
complete -c wfc -n "__fish_wfc_using_subcommand gate; and __fish_seen_subcommand_from help" -f -a "verify" -d 'Check every commit of a range (for CI)'
complete -c wfc -n "__fish_wfc_using_subcommand gate; and __fish_seen_subcommand_from help" -f -a "keygen" -d 'Make an ed25519 key that signs review attestations'
complete -c wfc -n "__fish_wfc_using_subcommand gate; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c wfc -n "__fish_wfc_using_subcommand store; and not __fish_seen_subcommand_from info migrate help" -s C -d 'Run as if wfc was started in DIR' -r -F
complete -c wfc -n "__fish_wfc_using_subcommand store; and not __fish_seen_subcommand_from info migrate help" -l project-id -d 'Project (namespace) id [env: WFC_PROJECT_ID]' -r
complete -c wfc -n "__fish_wfc_using_subcommand store; and not __fish_seen_subcommand_from info migrate help" -l developer-id -d 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]' -r
complete -c wfc -n "__fish_wfc_using_subcommand store; and not __fish_seen_subcommand_from info migrate help" -l color -d 'When to use colors [env: NO_COLOR disables]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wfc -n "__fish_wfc_using_subcommand store; and not __fish_seen_subcommand_from info migrate help" -l json -d 'Print one JSON document on stdout instead of text'
complete -c wfc -n "__fish_wfc_using_subcommand store; and not __fish_seen_subcommand_from info migrate help" -s q -l quiet -d 'Print only the answer and errors'
complete -c wfc -n "__fish_wfc_using_subcommand store; and not __fish_seen_subcommand_from info migrate help" -s v -l verbose -d 'Print more detail on stderr'
complete -c wfc -n "__fish_wfc_using_subcommand store; and not __fish_seen_subcommand_from info migrate help" -l no-progress -d 'Never draw progress bars'
complete -c wfc -n "__fish_wfc_using_subcommand store; and not __fish_seen_subcommand_from info migrate help" -s h -l help -d 'Print help'
complete -c wfc -n "__fish_wfc_using_subcommand store; and not __fish_seen_subcommand_from info migrate help" -s V -l version -d 'Print version'
complete -c wfc -n "__fish_wfc_using_subcommand store; and not __fish_seen_subcommand_from info migrate help" -f -a "info" -d 'Say which store is in use, where, and its schema version'
complete -c wfc -n "__fish_wfc_using_subcommand store; and not __fish_seen_subcommand_from info migrate help" -f -a "migrate" -d 'Copy the embedded SQLite store into an empty PostgreSQL store'
complete -c wfc -n "__fish_wfc_using_subcommand store; and not __fish_seen_subcommand_from info migrate help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c wfc -n "__fish_wfc_using_subcommand store; and __fish_seen_subcommand_from info" -s C -d 'Run as if wfc was started in DIR' -r -F
complete -c wfc -n "__fish_wfc_using_subcommand store; and __fish_seen_subcommand_from info" -l project-id -d 'Project (namespace) id [env: WFC_PROJECT_ID]' -r
complete -c wfc -n "__fish_wfc_using_subcommand store; and __fish_seen_subcommand_from info" -l developer-id -d 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]' -r
complete -c wfc -n "__fish_wfc_using_subcommand store; and __fish_seen_subcommand_from info" -l color -d 'When to use colors [env: NO_COLOR disables]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wfc -n "__fish_wfc_using_subcommand store; and __fish_seen_subcommand_from info" -l json -d 'Print one JSON document on stdout instead of text'
complete -c wfc -n "__fish_wfc_using_subcommand store; and __fish_seen_subcommand_from info" -s q -l quiet -d 'Print only the answer and errors'
complete -c wfc -n "__fish_wfc_using_subcommand store; and __fish_seen_subcommand_from info" -s v -l verbose -d 'Print more detail on stderr'
complete -c wfc -n "__fish_wfc_using_subcommand store; and __fish_seen_subcommand_from info" -l no-progress -d 'Never draw progress bars'
complete -c wfc -n "__fish_wfc_using_subcommand store; and __fish_seen_subcommand_from info" -s h -l help -d 'Print help'
complete -c wfc -n "__fish_wfc_using_subcommand store; and __fish_seen_subcommand_from info" -s V -l version -d 'Print version'
complete -c wfc -n "__fish_wfc_using_subcommand store; and __fish_seen_subcommand_from migrate" -l to -d 'The PostgreSQL store: postgres://user@host:5432/database' -r
complete -c wfc -n "__fish_wfc_using_subcommand store; and __fish_seen_subcommand_from migrate" -l from -d 'The SQLite store to copy (default: $WFC_HOME/wfc.db)' -r -F
complete -c wfc -n "__fish_wfc_using_subcommand store; and __fish_seen_subcommand_from migrate" -s C -d 'Run as if wfc was started in DIR' -r -F
complete -c wfc -n "__fish_wfc_using_subcommand store; and __fish_seen_subcommand_from migrate" -l project-id -d 'Project (namespace) id [env: WFC_PROJECT_ID]' -r
complete -c wfc -n "__fish_wfc_using_subcommand store; and __fish_seen_subcommand_from migrate" -l developer-id -d 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]' -r
complete -c wfc -n "__fish_wfc_using_subcommand store; and __fish_seen_subcommand_from migrate" -l color -d 'When to use colors [env: NO_COLOR disables]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wfc -n "__fish_wfc_using_subcommand store; and __fish_seen_subcommand_from migrate" -l json -d 'Print one JSON document on stdout instead of text'
complete -c wfc -n "__fish_wfc_using_subcommand store; and __fish_seen_subcommand_from migrate" -s q -l quiet -d 'Print only the answer and errors'
complete -c wfc -n "__fish_wfc_using_subcommand store; and __fish_seen_subcommand_from migrate" -s v -l verbose -d 'Print more detail on stderr'
complete -c wfc -n "__fish_wfc_using_subcommand store; and __fish_seen_subcommand_from migrate" -l no-progress -d 'Never draw progress bars'
complete -c wfc -n "__fish_wfc_using_subcommand store; and __fish_seen_subcommand_from migrate" -s h -l help -d 'Print help'
complete -c wfc -n "__fish_wfc_using_subcommand store; and __fish_seen_subcommand_from migrate" -s V -l version -d 'Print version'
complete -c wfc -n "__fish_wfc_using_subcommand store; and __fish_seen_subcommand_from help" -f -a "info" -d 'Say which store is in use, where, and its schema version'
complete -c wfc -n "__fish_wfc_using_subcommand store; and __fish_seen_subcommand_from help" -f -a "migrate" -d 'Copy the embedded SQLite store into an empty PostgreSQL store'
complete -c wfc -n "__fish_wfc_using_subcommand store; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c wfc -n "__fish_wfc_using_subcommand trust" -s C -d 'Run as if wfc was started in DIR' -r -F
complete -c wfc -n "__fish_wfc_using_subcommand trust" -l project-id -d 'Project (namespace) id [env: WFC_PROJECT_ID]' -r
complete -c wfc -n "__fish_wfc_using_subcommand trust" -l developer-id -d 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]' -r
complete -c wfc -n "__fish_wfc_using_subcommand trust" -l color -d 'When to use colors [env: NO_COLOR disables]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wfc -n "__fish_wfc_using_subcommand trust" -l show -d 'Print what the file would run and whether it is trusted; change nothing'
complete -c wfc -n "__fish_wfc_using_subcommand trust" -l revoke -d 'Forget the trust recorded for this repository\'s config file'
complete -c wfc -n "__fish_wfc_using_subcommand trust" -l json -d 'Print one JSON document on stdout instead of text'
complete -c wfc -n "__fish_wfc_using_subcommand trust" -s q -l quiet -d 'Print only the answer and errors'
complete -c wfc -n "__fish_wfc_using_subcommand trust" -s v -l verbose -d 'Print more detail on stderr'
complete -c wfc -n "__fish_wfc_using_subcommand trust" -l no-progress -d 'Never draw progress bars'
complete -c wfc -n "__fish_wfc_using_subcommand trust" -s h -l help -d 'Print help'
complete -c wfc -n "__fish_wfc_using_subcommand trust" -s V -l version -d 'Print version'
complete -c wfc -n "__fish_wfc_using_subcommand mcp" -s C -d 'Run as if wfc was started in DIR' -r -F
complete -c wfc -n "__fish_wfc_using_subcommand mcp" -l project-id -d 'Project (namespace) id [env: WFC_PROJECT_ID]' -r
complete -c wfc -n "__fish_wfc_using_subcommand mcp" -l developer-id -d 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]' -r
complete -c wfc -n "__fish_wfc_using_subcommand mcp" -l color -d 'When to use colors [env: NO_COLOR disables]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wfc -n "__fish_wfc_using_subcommand mcp" -l json -d 'Print one JSON document on stdout instead of text'
complete -c wfc -n "__fish_wfc_using_subcommand mcp" -s q -l quiet -d 'Print only the answer and errors'
complete -c wfc -n "__fish_wfc_using_subcommand mcp" -s v -l verbose -d 'Print more detail on stderr'
complete -c wfc -n "__fish_wfc_using_subcommand mcp" -l no-progress -d 'Never draw progress bars'
complete -c wfc -n "__fish_wfc_using_subcommand mcp" -s h -l help -d 'Print help'
complete -c wfc -n "__fish_wfc_using_subcommand mcp" -s V -l version -d 'Print version'
complete -c wfc -n "__fish_wfc_using_subcommand completions" -s C -d 'Run as if wfc was started in DIR' -r -F
complete -c wfc -n "__fish_wfc_using_subcommand completions" -l project-id -d 'Project (namespace) id [env: WFC_PROJECT_ID]' -r
complete -c wfc -n "__fish_wfc_using_subcommand completions" -l developer-id -d 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]' -r
complete -c wfc -n "__fish_wfc_using_subcommand completions" -l color -d 'When to use colors [env: NO_COLOR disables]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wfc -n "__fish_wfc_using_subcommand completions" -l json -d 'Print one JSON document on stdout instead of text'
complete -c wfc -n "__fish_wfc_using_subcommand completions" -s q -l quiet -d 'Print only the answer and errors'
complete -c wfc -n "__fish_wfc_using_subcommand completions" -s v -l verbose -d 'Print more detail on stderr'
complete -c wfc -n "__fish_wfc_using_subcommand completions" -l no-progress -d 'Never draw progress bars'
complete -c wfc -n "__fish_wfc_using_subcommand completions" -s h -l help -d 'Print help'
complete -c wfc -n "__fish_wfc_using_subcommand completions" -s V -l version -d 'Print version'
complete -c wfc -n "__fish_wfc_using_subcommand man" -s C -d 'Run as if wfc was started in DIR' -r -F
complete -c wfc -n "__fish_wfc_using_subcommand man" -l project-id -d 'Project (namespace) id [env: WFC_PROJECT_ID]' -r
complete -c wfc -n "__fish_wfc_using_subcommand man" -l developer-id -d 'Developer (person or agent) id [env: WFC_DEVELOPER_ID]' -r
complete -c wfc -n "__fish_wfc_using_subcommand man" -l color -d 'When to use colors [env: NO_COLOR disables]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wfc -n "__fish_wfc_using_subcommand man" -l json -d 'Print one JSON document on stdout instead of text'
complete -c wfc -n "__fish_wfc_using_subcommand man" -s q -l quiet -d 'Print only the answer and errors'
complete -c wfc -n "__fish_wfc_using_subcommand man" -s v -l verbose -d 'Print more detail on stderr'
complete -c wfc -n "__fish_wfc_using_subcommand man" -l no-progress -d 'Never draw progress bars'
complete -c wfc -n "__fish_wfc_using_subcommand man" -s h -l help -d 'Print help'
complete -c wfc -n "__fish_wfc_using_subcommand man" -s V -l version -d 'Print version'
complete -c wfc -n "__fish_wfc_using_subcommand help; and not __fish_seen_subcommand_from init worktree cleanup review knowledge telemetry audit hook gate store trust mcp completions man help" -f -a "init" -d 'Write .wfc/config.toml and the .git/info/exclude entries'
complete -c wfc -n "__fish_wfc_using_subcommand help; and not __fish_seen_subcommand_from init worktree cleanup review knowledge telemetry audit hook gate store trust mcp completions man help" -f -a "worktree" -d 'Create, list and remove namespaced task worktrees'
complete -c wfc -n "__fish_wfc_using_subcommand help; and not __fish_seen_subcommand_from init worktree cleanup review knowledge telemetry audit hook gate store trust mcp completions man help" -f -a "cleanup" -d 'Remove orphaned worktrees and mark dead jobs interrupted'
complete -c wfc -n "__fish_wfc_using_subcommand help; and not __fish_seen_subcommand_from init worktree cleanup review knowledge telemetry audit hook gate store trust mcp completions man help" -f -a "review" -d 'Review a change with a panel of reviewers and a consensus score'
complete -c wfc -n "__fish_wfc_using_subcommand help; and not __fish_seen_subcommand_from init worktree cleanup review knowledge telemetry audit hook gate store trust mcp completions man help" -f -a "knowledge" -d 'Read and write the shared per-reviewer knowledge base'
complete -c wfc -n "__fish_wfc_using_subcommand help; and not __fish_seen_subcommand_from init worktree cleanup review knowledge telemetry audit hook gate store trust mcp completions man help" -f -a "telemetry" -d 'Per-project figures: reviews, pass rate, timings, findings'
complete -c wfc -n "__fish_wfc_using_subcommand help; and not __fish_seen_subcommand_from init worktree cleanup review knowledge telemetry audit hook gate store trust mcp completions man help" -f -a "audit" -d 'List the audit trail, or verify that it was not altered'
complete -c wfc -n "__fish_wfc_using_subcommand help; and not __fish_seen_subcommand_from init worktree cleanup review knowledge telemetry audit hook gate store trust mcp completions man help" -f -a "hook" -d 'Install and run the git hooks that gate commits on reviews'
complete -c wfc -n "__fish_wfc_using_subcommand help; and not __fish_seen_subcommand_from init worktree cleanup review knowledge telemetry audit hook gate store trust mcp completions man help" -f -a "gate" -d 'Check that a tree, or every commit of a range, was reviewed'
complete -c wfc -n "__fish_wfc_using_subcommand help; and not __fish_seen_subcommand_from init worktree cleanup review knowledge telemetry audit hook gate store trust mcp completions man help" -f -a "store" -d 'Say which store keeps wfc\'s state'
complete -c wfc -n "__fish_wfc_using_subcommand help; and not __fish_seen_subcommand_from init worktree cleanup review knowledge telemetry audit hook gate store trust mcp completions man help" -f -a "trust" -d 'Let this repository\'s config run the commands it defines (or show, or revoke)'
complete -c wfc -n "__fish_wfc_using_subcommand help; and not __fish_seen_subcommand_from init worktree cleanup review knowledge telemetry audit hook gate store trust mcp completions man help" -f -a "mcp" -d 'Serve the Model Context Protocol on stdio, for agent harnesses'
complete -c wfc -n "__fish_wfc_using_subcommand help; and not __fish_seen_subcommand_from init worktree cleanup review knowledge telemetry audit hook gate store trust mcp completions man help" -f -a "completions" -d 'Print a shell completion script'
complete -c wfc -n "__fish_wfc_using_subcommand help; and not __fish_seen_subcommand_from init worktree cleanup review knowledge telemetry audit hook gate store trust mcp completions man help" -f -a "man" -d 'Write man pages into a directory'
complete -c wfc -n "__fish_wfc_using_subcommand help; and not __fish_seen_subcommand_from init worktree cleanup review knowledge telemetry audit hook gate store trust mcp completions man help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c wfc -n "__fish_wfc_using_subcommand help; and __fish_seen_subcommand_from worktree" -f -a "create" -d 'Create a task worktree and branch; print its path'
complete -c wfc -n "__fish_wfc_using_subcommand help; and __fish_seen_subcommand_from worktree" -f -a "list" -d 'List worktrees'
complete -c wfc -n "__fish_wfc_using_subcommand help; and __fish_seen_subcommand_from worktree" -f -a "path" -d 'Print a task worktree\'s path'
complete -c wfc -n "__fish_wfc_using_subcommand help; and __fish_seen_subcommand_from worktree" -f -a "status" -d 'Short status of one or all worktrees'
complete -c wfc -n "__fish_wfc_using_subcommand help; and __fish_seen_subcommand_from worktree" -f -a "remove" -d 'Remove a task worktree'
complete -c wfc -n "__fish_wfc_using_subcommand help; and __fish_seen_subcommand_from worktree" -f -a "copy-env" -d 'Copy env and version files into a worktree again'
complete -c wfc -n "__fish_wfc_using_subcommand help; and __fish_seen_subcommand_from review" -f -a "prepare" -d 'Phase one for agent harnesses: print one task spec (prompt) per relevant reviewer'
complete -c wfc -n "__fish_wfc_using_subcommand help; and __fish_seen_subcommand_from review" -f -a "finalize" -d 'Phase two: score the reviewers\' raw responses and complete the job'
complete -c wfc -n "__fish_wfc_using_subcommand help; and __fish_seen_subcommand_from review" -f -a "list" -d 'List past reviews'
complete -c wfc -n "__fish_wfc_using_subcommand help; and __fish_seen_subcommand_from review" -f -a "show" -d 'Show one past review'
complete -c wfc -n "__fish_wfc_using_subcommand help; and __fish_seen_subcommand_from knowledge" -f -a "append" -d 'Append an entry (locked, atomic, de-duplicated)'
complete -c wfc -n "__fish_wfc_using_subcommand help; and __fish_seen_subcommand_from knowledge" -f -a "show" -d 'Print a reviewer\'s knowledge'
complete -c wfc -n "__fish_wfc_using_subcommand help; and __fish_seen_subcommand_from knowledge" -f -a "search" -d 'Rank entries for a query'
complete -c wfc -n "__fish_wfc_using_subcommand help; and __fish_seen_subcommand_from knowledge" -f -a "prune" -d 'Archive old entries'
complete -c wfc -n "__fish_wfc_using_subcommand help; and __fish_seen_subcommand_from knowledge" -f -a "export" -d 'Write the store\'s knowledge to KNOWLEDGE.md files (PostgreSQL store)'
complete -c wfc -n "__fish_wfc_using_subcommand help; and __fish_seen_subcommand_from telemetry" -f -a "export" -d 'Write every event with its project, developer and time'
complete -c wfc -n "__fish_wfc_using_subcommand help; and __fish_seen_subcommand_from audit" -f -a "verify" -d 'Check that no audit row was edited or deleted; exit 1 and name the first break if one was'
complete -c wfc -n "__fish_wfc_using_subcommand help; and __fish_seen_subcommand_from hook" -f -a "install" -d 'Install the hooks'
complete -c wfc -n "__fish_wfc_using_subcommand help; and __fish_seen_subcommand_from hook" -f -a "uninstall" -d 'Remove the hooks, restoring the previous ones'
complete -c wfc -n "__fish_wfc_using_subcommand help; and __fish_seen_subcommand_from hook" -f -a "status" -d 'Show what is installed'
complete -c wfc -n "__fish_wfc_using_subcommand help; and __fish_seen_subcommand_from hook" -f -a "run" -d 'Run a hook (used by the installed scripts)'
complete -c wfc -n "__fish_wfc_using_subcommand help; and __fish_seen_subcommand_from gate" -f -a "check" -d 'Check that the staged tree was reviewed'
complete -c wfc -n "__fish_wfc_using_subcommand help; and __fish_seen_subcommand_from gate" -f -a "verify" -d 'Check every commit of a range (for CI)'
complete -c wfc -n "__fish_wfc_using_subcommand help; and __fish_seen_subcommand_from gate" -f -a "keygen" -d 'Make an ed25519 key that signs review attestations'
complete -c wfc -n "__fish_wfc_using_subcommand help; and __fish_seen_subcommand_from store" -f -a "info" -d 'Say which store is in use, where, and its schema version'
complete -c wfc -n "__fish_wfc_using_subcommand help; and __fish_seen_subcommand_from store" -f -a "migrate" -d 'Copy the embedded SQLite store into an empty PostgreSQL store'
