# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_labctl_global_optspecs
    string join \n profile= url= json jq= color= no-input v/verbose timeout= retries= h/help V/version
end

function __fish_labctl_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_labctl_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_labctl_using_subcommand
    set -l cmd (__fish_labctl_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c labctl -n "__fish_labctl_needs_command" -l profile -d 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]' -r
complete -c labctl -n "__fish_labctl_needs_command" -l url -d 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]' -r
complete -c labctl -n "__fish_labctl_needs_command" -l jq -d 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq \'.[].user_id\'' -r
complete -c labctl -n "__fish_labctl_needs_command" -l color -d 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never' -r -f -a "auto\t'Colour on a terminal unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c labctl -n "__fish_labctl_needs_command" -l timeout -d 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]' -r
complete -c labctl -n "__fish_labctl_needs_command" -l retries -d 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]' -r
complete -c labctl -n "__fish_labctl_needs_command" -l json -d 'Print the API\'s data as JSON (stable, documented shapes) instead of text'
complete -c labctl -n "__fish_labctl_needs_command" -l no-input -d 'Never prompt; fail where a question would be asked'
complete -c labctl -n "__fish_labctl_needs_command" -s v -l verbose -d 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
complete -c labctl -n "__fish_labctl_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c labctl -n "__fish_labctl_needs_command" -s V -l version -d 'Print version'
complete -c labctl -n "__fish_labctl_needs_command" -f -a "session" -d 'Create, list, show, update, extend and delete lab sessions; the history of ended ones'
complete -c labctl -n "__fish_labctl_needs_command" -f -a "cleanup" -d 'Run the expiry cleanup now, read its history and queue, retry failed items'
complete -c labctl -n "__fish_labctl_needs_command" -f -a "token" -d 'Mint, list and revoke scoped API tokens (needs an admin token)'
complete -c labctl -n "__fish_labctl_needs_command" -f -a "health" -d 'Check that the Worker is up (no token needed)'
complete -c labctl -n "__fish_labctl_needs_command" -f -a "status" -d 'Show whether VMs are being deleted (ok, degraded, failing) and what to do about each problem; exits 0, 9 or 10'
complete -c labctl -n "__fish_labctl_needs_command" -f -a "api" -d 'Send an authenticated request to any API path and print the answer'
complete -c labctl -n "__fish_labctl_needs_command" -f -a "auth" -d 'Log in, check and remove the token of a profile'
complete -c labctl -n "__fish_labctl_needs_command" -f -a "config" -d 'Show and change the settings of profiles'
complete -c labctl -n "__fish_labctl_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c labctl -n "__fish_labctl_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c labctl -n "__fish_labctl_using_subcommand session; and not __fish_seen_subcommand_from create list get update extend delete history help" -l profile -d 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]' -r
complete -c labctl -n "__fish_labctl_using_subcommand session; and not __fish_seen_subcommand_from create list get update extend delete history help" -l url -d 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]' -r
complete -c labctl -n "__fish_labctl_using_subcommand session; and not __fish_seen_subcommand_from create list get update extend delete history help" -l jq -d 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq \'.[].user_id\'' -r
complete -c labctl -n "__fish_labctl_using_subcommand session; and not __fish_seen_subcommand_from create list get update extend delete history help" -l color -d 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never' -r -f -a "auto\t'Colour on a terminal unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c labctl -n "__fish_labctl_using_subcommand session; and not __fish_seen_subcommand_from create list get update extend delete history help" -l timeout -d 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]' -r
complete -c labctl -n "__fish_labctl_using_subcommand session; and not __fish_seen_subcommand_from create list get update extend delete history help" -l retries -d 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]' -r
complete -c labctl -n "__fish_labctl_using_subcommand session; and not __fish_seen_subcommand_from create list get update extend delete history help" -l json -d 'Print the API\'s data as JSON (stable, documented shapes) instead of text'
complete -c labctl -n "__fish_labctl_using_subcommand session; and not __fish_seen_subcommand_from create list get update extend delete history help" -l no-input -d 'Never prompt; fail where a question would be asked'
complete -c labctl -n "__fish_labctl_using_subcommand session; and not __fish_seen_subcommand_from create list get update extend delete history help" -s v -l verbose -d 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
complete -c labctl -n "__fish_labctl_using_subcommand session; and not __fish_seen_subcommand_from create list get update extend delete history help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c labctl -n "__fish_labctl_using_subcommand session; and not __fish_seen_subcommand_from create list get update extend delete history help" -s V -l version -d 'Print version'
complete -c labctl -n "__fish_labctl_using_subcommand session; and not __fish_seen_subcommand_from create list get update extend delete history help" -f -a "create" -d 'Create a lab session from a JSON body (--file) and/or flags'
complete -c labctl -n "__fish_labctl_using_subcommand session; and not __fish_seen_subcommand_from create list get update extend delete history help" -f -a "list" -d 'List sessions, newest first, with filters; --all follows every page'
complete -c labctl -n "__fish_labctl_using_subcommand session; and not __fish_seen_subcommand_from create list get update extend delete history help" -f -a "get" -d 'Show the active lab session of a user'
complete -c labctl -n "__fish_labctl_using_subcommand session; and not __fish_seen_subcommand_from create list get update extend delete history help" -f -a "update" -d 'Change the updatable fields of a user\'s session'
complete -c labctl -n "__fish_labctl_using_subcommand session; and not __fish_seen_subcommand_from create list get update extend delete history help" -f -a "extend" -d 'Lengthen a user\'s session by an amount of time'
complete -c labctl -n "__fish_labctl_using_subcommand session; and not __fish_seen_subcommand_from create list get update extend delete history help" -f -a "delete" -d 'Delete a user\'s session; the backend then deletes its VMs (--wait: until it has)'
complete -c labctl -n "__fish_labctl_using_subcommand session; and not __fish_seen_subcommand_from create list get update extend delete history help" -f -a "history" -d 'Show ended labs (when and how each ended, whether its VMs are deleted), or one in detail'
complete -c labctl -n "__fish_labctl_using_subcommand session; and not __fish_seen_subcommand_from create list get update extend delete history help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from create" -s f -l file -d 'Read the session body (contract JSON) from PATH, or from stdin with `-`' -r -F
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from create" -l idempotency-key -d 'The Idempotency-Key to send, for a script that reruns the whole command (1 to 255 printable ASCII characters) [default: a fresh random key per run]' -r
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from create" -l id -d 'Session id (a UUID is generated when absent)' -r
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from create" -l user-id -d 'The learner\'s user id (at most one session per user)' -r
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from create" -l lab-id -d 'Lab id (labId)' -r
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from create" -l lab-title -d 'Lab title (labTitle)' -r
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from create" -l lab-group-id -d 'Lab group id (labGroupID)' -r
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from create" -l module-id -d 'Module id (moduleID)' -r
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from create" -l duration -d 'Duration in minutes' -r
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from create" -l activated-at -d 'Activation time, ISO 8601 (activatedAt) [default without --file: now]' -r
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from create" -l counter-id -d 'Counter id (counterID)' -r
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from create" -l config-id -d 'Config id (configId)' -r
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from create" -l worker-config-id -d 'Worker config id (workerConfigId)' -r
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from create" -l lab-request-id -d 'Provisioning request id of the master VM (lab_request_id)' -r
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from create" -l validation -d 'Client timestamp in ms (validation) [default without --file: now]' -r
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from create" -l vm-name -d 'Master VM name (vm.name)' -r
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from create" -l vm-network-id -d 'Master VM network id (vm.network_id)' -r
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from create" -l vm-netbird-ip -d 'Master VM NetBird IP (vm.netbird_ip)' -r
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from create" -l terminal-url -d 'Terminal URL (terminal_url)' -r
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from create" -l vscode-domain -d 'VS Code domain (vscode_domain)' -r
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from create" -l puku-domain -d 'Editor domain (puku_domain)' -r
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from create" -l worker-nodes -d 'Worker nodes from a JSON file (an array, or `-` for stdin)' -r -F
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from create" -l worker-node -d 'A worker node: name=..,worker_lab_request_id=..,network_id=..,netbird_ip=.. (repeatable)' -r
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from create" -l load-balancers -d 'Load balancers from a JSON file (an array, or `-` for stdin)' -r -F
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from create" -l load-balancer -d 'A load balancer: id=..,domain=..,port=.. (repeatable)' -r
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from create" -l profile -d 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]' -r
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from create" -l url -d 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]' -r
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from create" -l jq -d 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq \'.[].user_id\'' -r
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from create" -l color -d 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never' -r -f -a "auto\t'Colour on a terminal unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from create" -l timeout -d 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]' -r
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from create" -l retries -d 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]' -r
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from create" -l json -d 'Print the API\'s data as JSON (stable, documented shapes) instead of text'
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from create" -l no-input -d 'Never prompt; fail where a question would be asked'
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from create" -s v -l verbose -d 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from list" -l lab-id -d 'Only sessions of this lab (labId)' -r
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from list" -l lab-group-id -d 'Only sessions of this lab group (labGroupID)' -r
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from list" -l created-before -d 'Only sessions created before this instant (ISO 8601, e.g. 2026-11-20T10:00:00Z)' -r
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from list" -l created-after -d 'Only sessions created after this instant (ISO 8601)' -r
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from list" -l limit -d 'Sessions per page, 1 to 100' -r
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from list" -l profile -d 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]' -r
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from list" -l url -d 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]' -r
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from list" -l jq -d 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq \'.[].user_id\'' -r
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from list" -l color -d 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never' -r -f -a "auto\t'Colour on a terminal unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from list" -l timeout -d 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]' -r
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from list" -l retries -d 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]' -r
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from list" -l expired -d 'Only sessions past their expiry (not yet swept by the cleanup)'
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from list" -l live -d 'Only sessions that have not expired'
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from list" -l all -d 'Follow the cursors and show every page (progress on a terminal)'
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from list" -l json -d 'Print the API\'s data as JSON (stable, documented shapes) instead of text'
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt; fail where a question would be asked'
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from get" -l profile -d 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]' -r
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from get" -l url -d 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]' -r
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from get" -l jq -d 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq \'.[].user_id\'' -r
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from get" -l color -d 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never' -r -f -a "auto\t'Colour on a terminal unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from get" -l timeout -d 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]' -r
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from get" -l retries -d 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]' -r
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from get" -l json -d 'Print the API\'s data as JSON (stable, documented shapes) instead of text'
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from get" -l no-input -d 'Never prompt; fail where a question would be asked'
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from get" -s v -l verbose -d 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from get" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from get" -s V -l version -d 'Print version'
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from update" -s f -l file -d 'Read the update body (contract JSON) from PATH, or from stdin with `-`' -r -F
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from update" -l duration -d 'New duration in minutes, counted from the session\'s creation' -r
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from update" -l terminal-url -d 'Terminal URL (terminal_url)' -r
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from update" -l vscode-domain -d 'VS Code domain (vscode_domain)' -r
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from update" -l puku-domain -d 'Editor domain (puku_domain)' -r
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from update" -l worker-nodes -d 'Worker nodes from a JSON file (an array, or `-` for stdin)' -r -F
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from update" -l worker-node -d 'A worker node: name=..,worker_lab_request_id=..,network_id=..,netbird_ip=.. (repeatable)' -r
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from update" -l load-balancers -d 'Load balancers from a JSON file (an array, or `-` for stdin)' -r -F
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from update" -l load-balancer -d 'A load balancer: id=..,domain=..,port=.. (repeatable)' -r
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from update" -l profile -d 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]' -r
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from update" -l url -d 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]' -r
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from update" -l jq -d 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq \'.[].user_id\'' -r
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from update" -l color -d 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never' -r -f -a "auto\t'Colour on a terminal unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from update" -l timeout -d 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]' -r
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from update" -l retries -d 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]' -r
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from update" -l json -d 'Print the API\'s data as JSON (stable, documented shapes) instead of text'
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from update" -l no-input -d 'Never prompt; fail where a question would be asked'
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from update" -s v -l verbose -d 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from update" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from update" -s V -l version -d 'Print version'
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from extend" -l by -d 'How much longer: 30m, 2h, 1h30m, or a plain number of minutes' -r
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from extend" -l profile -d 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]' -r
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from extend" -l url -d 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]' -r
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from extend" -l jq -d 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq \'.[].user_id\'' -r
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from extend" -l color -d 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never' -r -f -a "auto\t'Colour on a terminal unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from extend" -l timeout -d 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]' -r
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from extend" -l retries -d 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]' -r
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from extend" -l json -d 'Print the API\'s data as JSON (stable, documented shapes) instead of text'
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from extend" -l no-input -d 'Never prompt; fail where a question would be asked'
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from extend" -s v -l verbose -d 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from extend" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from extend" -s V -l version -d 'Print version'
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from delete" -l interval -d 'How often to look at the session\'s history while waiting' -r
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from delete" -l profile -d 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]' -r
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from delete" -l url -d 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]' -r
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from delete" -l jq -d 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq \'.[].user_id\'' -r
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from delete" -l color -d 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never' -r -f -a "auto\t'Colour on a terminal unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from delete" -l timeout -d 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]' -r
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from delete" -l retries -d 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]' -r
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from delete" -s y -l yes -d 'Delete without asking (required when no terminal can be asked)'
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from delete" -l wait -d 'Wait until the VM backend has confirmed the deletion of every VM (exit 7 when --timeout passes first, 8 when a VM\'s deletion is dead)'
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from delete" -l json -d 'Print the API\'s data as JSON (stable, documented shapes) instead of text'
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from delete" -l no-input -d 'Never prompt; fail where a question would be asked'
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from delete" -s v -l verbose -d 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from delete" -s V -l version -d 'Print version'
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from history" -l session -d 'Show one ended session: its summary and every backend call it was owed' -r
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from history" -l lab -l lab-id -d 'Only labs of this lab id (labId)' -r
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from history" -l reason -d 'Only labs that ended this way' -r -f -a "expired\t'Its time was up (the cleanup ended it)'
deleted\t'Deleted (`labctl session delete`, DELETE)'"
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from history" -l since -d 'Only labs that ended after this: a duration ago (30m, 2h, 7d) or an ISO 8601 timestamp' -r
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from history" -l until -d 'Only labs that ended before this: a duration ago (30m, 2h, 7d) or an ISO 8601 timestamp' -r
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from history" -l limit -d 'Ended labs per page, 1 to 100' -r
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from history" -l profile -d 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]' -r
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from history" -l url -d 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]' -r
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from history" -l jq -d 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq \'.[].user_id\'' -r
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from history" -l color -d 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never' -r -f -a "auto\t'Colour on a terminal unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from history" -l timeout -d 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]' -r
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from history" -l retries -d 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]' -r
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from history" -l all -d 'Follow the cursors and show every page (progress on a terminal)'
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from history" -l json -d 'Print the API\'s data as JSON (stable, documented shapes) instead of text'
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from history" -l no-input -d 'Never prompt; fail where a question would be asked'
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from history" -s v -l verbose -d 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from history" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from history" -s V -l version -d 'Print version'
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create a lab session from a JSON body (--file) and/or flags'
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from help" -f -a "list" -d 'List sessions, newest first, with filters; --all follows every page'
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from help" -f -a "get" -d 'Show the active lab session of a user'
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from help" -f -a "update" -d 'Change the updatable fields of a user\'s session'
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from help" -f -a "extend" -d 'Lengthen a user\'s session by an amount of time'
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from help" -f -a "delete" -d 'Delete a user\'s session; the backend then deletes its VMs (--wait: until it has)'
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from help" -f -a "history" -d 'Show ended labs (when and how each ended, whether its VMs are deleted), or one in detail'
complete -c labctl -n "__fish_labctl_using_subcommand session; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c labctl -n "__fish_labctl_using_subcommand cleanup; and not __fish_seen_subcommand_from run runs show queue retry help" -l profile -d 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]' -r
complete -c labctl -n "__fish_labctl_using_subcommand cleanup; and not __fish_seen_subcommand_from run runs show queue retry help" -l url -d 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]' -r
complete -c labctl -n "__fish_labctl_using_subcommand cleanup; and not __fish_seen_subcommand_from run runs show queue retry help" -l jq -d 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq \'.[].user_id\'' -r
complete -c labctl -n "__fish_labctl_using_subcommand cleanup; and not __fish_seen_subcommand_from run runs show queue retry help" -l color -d 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never' -r -f -a "auto\t'Colour on a terminal unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c labctl -n "__fish_labctl_using_subcommand cleanup; and not __fish_seen_subcommand_from run runs show queue retry help" -l timeout -d 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]' -r
complete -c labctl -n "__fish_labctl_using_subcommand cleanup; and not __fish_seen_subcommand_from run runs show queue retry help" -l retries -d 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]' -r
complete -c labctl -n "__fish_labctl_using_subcommand cleanup; and not __fish_seen_subcommand_from run runs show queue retry help" -l json -d 'Print the API\'s data as JSON (stable, documented shapes) instead of text'
complete -c labctl -n "__fish_labctl_using_subcommand cleanup; and not __fish_seen_subcommand_from run runs show queue retry help" -l no-input -d 'Never prompt; fail where a question would be asked'
complete -c labctl -n "__fish_labctl_using_subcommand cleanup; and not __fish_seen_subcommand_from run runs show queue retry help" -s v -l verbose -d 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
complete -c labctl -n "__fish_labctl_using_subcommand cleanup; and not __fish_seen_subcommand_from run runs show queue retry help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c labctl -n "__fish_labctl_using_subcommand cleanup; and not __fish_seen_subcommand_from run runs show queue retry help" -s V -l version -d 'Print version'
complete -c labctl -n "__fish_labctl_using_subcommand cleanup; and not __fish_seen_subcommand_from run runs show queue retry help" -f -a "run" -d 'Run a sweep now and print its summary (exit 0 even when calls failed)'
complete -c labctl -n "__fish_labctl_using_subcommand cleanup; and not __fish_seen_subcommand_from run runs show queue retry help" -f -a "runs" -d 'List recent sweeps, newest first'
complete -c labctl -n "__fish_labctl_using_subcommand cleanup; and not __fish_seen_subcommand_from run runs show queue retry help" -f -a "show" -d 'Show one sweep\'s record and its errors'
complete -c labctl -n "__fish_labctl_using_subcommand cleanup; and not __fish_seen_subcommand_from run runs show queue retry help" -f -a "queue" -d 'List cleanup items still to do (pending) or given up (dead)'
complete -c labctl -n "__fish_labctl_using_subcommand cleanup; and not __fish_seen_subcommand_from run runs show queue retry help" -f -a "retry" -d 'Make a pending or dead item due now, with a fresh attempt count'
complete -c labctl -n "__fish_labctl_using_subcommand cleanup; and not __fish_seen_subcommand_from run runs show queue retry help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c labctl -n "__fish_labctl_using_subcommand cleanup; and __fish_seen_subcommand_from run" -l profile -d 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]' -r
complete -c labctl -n "__fish_labctl_using_subcommand cleanup; and __fish_seen_subcommand_from run" -l url -d 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]' -r
complete -c labctl -n "__fish_labctl_using_subcommand cleanup; and __fish_seen_subcommand_from run" -l jq -d 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq \'.[].user_id\'' -r
complete -c labctl -n "__fish_labctl_using_subcommand cleanup; and __fish_seen_subcommand_from run" -l color -d 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never' -r -f -a "auto\t'Colour on a terminal unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c labctl -n "__fish_labctl_using_subcommand cleanup; and __fish_seen_subcommand_from run" -l timeout -d 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]' -r
complete -c labctl -n "__fish_labctl_using_subcommand cleanup; and __fish_seen_subcommand_from run" -l retries -d 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]' -r
complete -c labctl -n "__fish_labctl_using_subcommand cleanup; and __fish_seen_subcommand_from run" -l dry-run -d 'Report what a sweep would do; call nothing, change nothing'
complete -c labctl -n "__fish_labctl_using_subcommand cleanup; and __fish_seen_subcommand_from run" -l json -d 'Print the API\'s data as JSON (stable, documented shapes) instead of text'
complete -c labctl -n "__fish_labctl_using_subcommand cleanup; and __fish_seen_subcommand_from run" -l no-input -d 'Never prompt; fail where a question would be asked'
complete -c labctl -n "__fish_labctl_using_subcommand cleanup; and __fish_seen_subcommand_from run" -s v -l verbose -d 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
complete -c labctl -n "__fish_labctl_using_subcommand cleanup; and __fish_seen_subcommand_from run" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c labctl -n "__fish_labctl_using_subcommand cleanup; and __fish_seen_subcommand_from run" -s V -l version -d 'Print version'
complete -c labctl -n "__fish_labctl_using_subcommand cleanup; and __fish_seen_subcommand_from runs" -l limit -d 'How many runs to show (pages are followed as needed)' -r
complete -c labctl -n "__fish_labctl_using_subcommand cleanup; and __fish_seen_subcommand_from runs" -l profile -d 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]' -r
complete -c labctl -n "__fish_labctl_using_subcommand cleanup; and __fish_seen_subcommand_from runs" -l url -d 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]' -r
complete -c labctl -n "__fish_labctl_using_subcommand cleanup; and __fish_seen_subcommand_from runs" -l jq -d 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq \'.[].user_id\'' -r
complete -c labctl -n "__fish_labctl_using_subcommand cleanup; and __fish_seen_subcommand_from runs" -l color -d 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never' -r -f -a "auto\t'Colour on a terminal unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c labctl -n "__fish_labctl_using_subcommand cleanup; and __fish_seen_subcommand_from runs" -l timeout -d 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]' -r
complete -c labctl -n "__fish_labctl_using_subcommand cleanup; and __fish_seen_subcommand_from runs" -l retries -d 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]' -r
complete -c labctl -n "__fish_labctl_using_subcommand cleanup; and __fish_seen_subcommand_from runs" -l json -d 'Print the API\'s data as JSON (stable, documented shapes) instead of text'
complete -c labctl -n "__fish_labctl_using_subcommand cleanup; and __fish_seen_subcommand_from runs" -l no-input -d 'Never prompt; fail where a question would be asked'
complete -c labctl -n "__fish_labctl_using_subcommand cleanup; and __fish_seen_subcommand_from runs" -s v -l verbose -d 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
complete -c labctl -n "__fish_labctl_using_subcommand cleanup; and __fish_seen_subcommand_from runs" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c labctl -n "__fish_labctl_using_subcommand cleanup; and __fish_seen_subcommand_from runs" -s V -l version -d 'Print version'
complete -c labctl -n "__fish_labctl_using_subcommand cleanup; and __fish_seen_subcommand_from show" -l profile -d 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]' -r
complete -c labctl -n "__fish_labctl_using_subcommand cleanup; and __fish_seen_subcommand_from show" -l url -d 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]' -r
complete -c labctl -n "__fish_labctl_using_subcommand cleanup; and __fish_seen_subcommand_from show" -l jq -d 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq \'.[].user_id\'' -r
complete -c labctl -n "__fish_labctl_using_subcommand cleanup; and __fish_seen_subcommand_from show" -l color -d 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never' -r -f -a "auto\t'Colour on a terminal unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c labctl -n "__fish_labctl_using_subcommand cleanup; and __fish_seen_subcommand_from show" -l timeout -d 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]' -r
complete -c labctl -n "__fish_labctl_using_subcommand cleanup; and __fish_seen_subcommand_from show" -l retries -d 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]' -r
complete -c labctl -n "__fish_labctl_using_subcommand cleanup; and __fish_seen_subcommand_from show" -l json -d 'Print the API\'s data as JSON (stable, documented shapes) instead of text'
complete -c labctl -n "__fish_labctl_using_subcommand cleanup; and __fish_seen_subcommand_from show" -l no-input -d 'Never prompt; fail where a question would be asked'
complete -c labctl -n "__fish_labctl_using_subcommand cleanup; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
complete -c labctl -n "__fish_labctl_using_subcommand cleanup; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c labctl -n "__fish_labctl_using_subcommand cleanup; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c labctl -n "__fish_labctl_using_subcommand cleanup; and __fish_seen_subcommand_from queue" -l state -d 'Which items: pending, dead, done or all [default: pending and dead]' -r -f -a "pending\t'Waiting for its next attempt'
dead\t'Given up after the last attempt; waits for `labctl cleanup retry`'
done\t'Confirmed by the VM backend'
all\t'Every state'"
complete -c labctl -n "__fish_labctl_using_subcommand cleanup; and __fish_seen_subcommand_from queue" -l limit -d 'The most items to show (pages are followed as needed)' -r
complete -c labctl -n "__fish_labctl_using_subcommand cleanup; and __fish_seen_subcommand_from queue" -l profile -d 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]' -r
complete -c labctl -n "__fish_labctl_using_subcommand cleanup; and __fish_seen_subcommand_from queue" -l url -d 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]' -r
complete -c labctl -n "__fish_labctl_using_subcommand cleanup; and __fish_seen_subcommand_from queue" -l jq -d 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq \'.[].user_id\'' -r
complete -c labctl -n "__fish_labctl_using_subcommand cleanup; and __fish_seen_subcommand_from queue" -l color -d 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never' -r -f -a "auto\t'Colour on a terminal unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c labctl -n "__fish_labctl_using_subcommand cleanup; and __fish_seen_subcommand_from queue" -l timeout -d 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]' -r
complete -c labctl -n "__fish_labctl_using_subcommand cleanup; and __fish_seen_subcommand_from queue" -l retries -d 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]' -r
complete -c labctl -n "__fish_labctl_using_subcommand cleanup; and __fish_seen_subcommand_from queue" -l dead -d 'Only dead items (same as --state dead)'
complete -c labctl -n "__fish_labctl_using_subcommand cleanup; and __fish_seen_subcommand_from queue" -l json -d 'Print the API\'s data as JSON (stable, documented shapes) instead of text'
complete -c labctl -n "__fish_labctl_using_subcommand cleanup; and __fish_seen_subcommand_from queue" -l no-input -d 'Never prompt; fail where a question would be asked'
complete -c labctl -n "__fish_labctl_using_subcommand cleanup; and __fish_seen_subcommand_from queue" -s v -l verbose -d 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
complete -c labctl -n "__fish_labctl_using_subcommand cleanup; and __fish_seen_subcommand_from queue" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c labctl -n "__fish_labctl_using_subcommand cleanup; and __fish_seen_subcommand_from queue" -s V -l version -d 'Print version'
complete -c labctl -n "__fish_labctl_using_subcommand cleanup; and __fish_seen_subcommand_from retry" -l profile -d 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]' -r
complete -c labctl -n "__fish_labctl_using_subcommand cleanup; and __fish_seen_subcommand_from retry" -l url -d 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]' -r
complete -c labctl -n "__fish_labctl_using_subcommand cleanup; and __fish_seen_subcommand_from retry" -l jq -d 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq \'.[].user_id\'' -r
complete -c labctl -n "__fish_labctl_using_subcommand cleanup; and __fish_seen_subcommand_from retry" -l color -d 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never' -r -f -a "auto\t'Colour on a terminal unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c labctl -n "__fish_labctl_using_subcommand cleanup; and __fish_seen_subcommand_from retry" -l timeout -d 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]' -r
complete -c labctl -n "__fish_labctl_using_subcommand cleanup; and __fish_seen_subcommand_from retry" -l retries -d 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]' -r
complete -c labctl -n "__fish_labctl_using_subcommand cleanup; and __fish_seen_subcommand_from retry" -l all-dead -d 'Retry every dead item'
complete -c labctl -n "__fish_labctl_using_subcommand cleanup; and __fish_seen_subcommand_from retry" -l json -d 'Print the API\'s data as JSON (stable, documented shapes) instead of text'
complete -c labctl -n "__fish_labctl_using_subcommand cleanup; and __fish_seen_subcommand_from retry" -l no-input -d 'Never prompt; fail where a question would be asked'
complete -c labctl -n "__fish_labctl_using_subcommand cleanup; and __fish_seen_subcommand_from retry" -s v -l verbose -d 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
complete -c labctl -n "__fish_labctl_using_subcommand cleanup; and __fish_seen_subcommand_from retry" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c labctl -n "__fish_labctl_using_subcommand cleanup; and __fish_seen_subcommand_from retry" -s V -l version -d 'Print version'
complete -c labctl -n "__fish_labctl_using_subcommand cleanup; and __fish_seen_subcommand_from help" -f -a "run" -d 'Run a sweep now and print its summary (exit 0 even when calls failed)'
complete -c labctl -n "__fish_labctl_using_subcommand cleanup; and __fish_seen_subcommand_from help" -f -a "runs" -d 'List recent sweeps, newest first'
complete -c labctl -n "__fish_labctl_using_subcommand cleanup; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show one sweep\'s record and its errors'
complete -c labctl -n "__fish_labctl_using_subcommand cleanup; and __fish_seen_subcommand_from help" -f -a "queue" -d 'List cleanup items still to do (pending) or given up (dead)'
complete -c labctl -n "__fish_labctl_using_subcommand cleanup; and __fish_seen_subcommand_from help" -f -a "retry" -d 'Make a pending or dead item due now, with a fresh attempt count'
complete -c labctl -n "__fish_labctl_using_subcommand cleanup; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c labctl -n "__fish_labctl_using_subcommand token; and not __fish_seen_subcommand_from create list revoke help" -l profile -d 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]' -r
complete -c labctl -n "__fish_labctl_using_subcommand token; and not __fish_seen_subcommand_from create list revoke help" -l url -d 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]' -r
complete -c labctl -n "__fish_labctl_using_subcommand token; and not __fish_seen_subcommand_from create list revoke help" -l jq -d 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq \'.[].user_id\'' -r
complete -c labctl -n "__fish_labctl_using_subcommand token; and not __fish_seen_subcommand_from create list revoke help" -l color -d 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never' -r -f -a "auto\t'Colour on a terminal unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c labctl -n "__fish_labctl_using_subcommand token; and not __fish_seen_subcommand_from create list revoke help" -l timeout -d 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]' -r
complete -c labctl -n "__fish_labctl_using_subcommand token; and not __fish_seen_subcommand_from create list revoke help" -l retries -d 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]' -r
complete -c labctl -n "__fish_labctl_using_subcommand token; and not __fish_seen_subcommand_from create list revoke help" -l json -d 'Print the API\'s data as JSON (stable, documented shapes) instead of text'
complete -c labctl -n "__fish_labctl_using_subcommand token; and not __fish_seen_subcommand_from create list revoke help" -l no-input -d 'Never prompt; fail where a question would be asked'
complete -c labctl -n "__fish_labctl_using_subcommand token; and not __fish_seen_subcommand_from create list revoke help" -s v -l verbose -d 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
complete -c labctl -n "__fish_labctl_using_subcommand token; and not __fish_seen_subcommand_from create list revoke help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c labctl -n "__fish_labctl_using_subcommand token; and not __fish_seen_subcommand_from create list revoke help" -s V -l version -d 'Print version'
complete -c labctl -n "__fish_labctl_using_subcommand token; and not __fish_seen_subcommand_from create list revoke help" -f -a "create" -d 'Mint a token and print it, this once'
complete -c labctl -n "__fish_labctl_using_subcommand token; and not __fish_seen_subcommand_from create list revoke help" -f -a "list" -d 'List tokens (never their secrets)'
complete -c labctl -n "__fish_labctl_using_subcommand token; and not __fish_seen_subcommand_from create list revoke help" -f -a "revoke" -d 'Revoke a token: it is refused from the next request on'
complete -c labctl -n "__fish_labctl_using_subcommand token; and not __fish_seen_subcommand_from create list revoke help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c labctl -n "__fish_labctl_using_subcommand token; and __fish_seen_subcommand_from create" -l name -d 'What the token is for, e.g. grafana-dashboard (at most 100 bytes)' -r
complete -c labctl -n "__fish_labctl_using_subcommand token; and __fish_seen_subcommand_from create" -l scope -d 'What the token may do' -r -f -a "read\t'The GET routes: sessions and cleanup history'
write\t'Read, plus session create, update and delete'
admin\t'Everything, tokens and cleanup control included'"
complete -c labctl -n "__fish_labctl_using_subcommand token; and __fish_seen_subcommand_from create" -l expires -d 'Lifetime in days: 30d, or a plain number of days (1 to 3650) [default: never expires]' -r
complete -c labctl -n "__fish_labctl_using_subcommand token; and __fish_seen_subcommand_from create" -l profile -d 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]' -r
complete -c labctl -n "__fish_labctl_using_subcommand token; and __fish_seen_subcommand_from create" -l url -d 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]' -r
complete -c labctl -n "__fish_labctl_using_subcommand token; and __fish_seen_subcommand_from create" -l jq -d 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq \'.[].user_id\'' -r
complete -c labctl -n "__fish_labctl_using_subcommand token; and __fish_seen_subcommand_from create" -l color -d 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never' -r -f -a "auto\t'Colour on a terminal unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c labctl -n "__fish_labctl_using_subcommand token; and __fish_seen_subcommand_from create" -l timeout -d 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]' -r
complete -c labctl -n "__fish_labctl_using_subcommand token; and __fish_seen_subcommand_from create" -l retries -d 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]' -r
complete -c labctl -n "__fish_labctl_using_subcommand token; and __fish_seen_subcommand_from create" -l json -d 'Print the API\'s data as JSON (stable, documented shapes) instead of text'
complete -c labctl -n "__fish_labctl_using_subcommand token; and __fish_seen_subcommand_from create" -l no-input -d 'Never prompt; fail where a question would be asked'
complete -c labctl -n "__fish_labctl_using_subcommand token; and __fish_seen_subcommand_from create" -s v -l verbose -d 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
complete -c labctl -n "__fish_labctl_using_subcommand token; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c labctl -n "__fish_labctl_using_subcommand token; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c labctl -n "__fish_labctl_using_subcommand token; and __fish_seen_subcommand_from list" -l profile -d 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]' -r
complete -c labctl -n "__fish_labctl_using_subcommand token; and __fish_seen_subcommand_from list" -l url -d 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]' -r
complete -c labctl -n "__fish_labctl_using_subcommand token; and __fish_seen_subcommand_from list" -l jq -d 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq \'.[].user_id\'' -r
complete -c labctl -n "__fish_labctl_using_subcommand token; and __fish_seen_subcommand_from list" -l color -d 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never' -r -f -a "auto\t'Colour on a terminal unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c labctl -n "__fish_labctl_using_subcommand token; and __fish_seen_subcommand_from list" -l timeout -d 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]' -r
complete -c labctl -n "__fish_labctl_using_subcommand token; and __fish_seen_subcommand_from list" -l retries -d 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]' -r
complete -c labctl -n "__fish_labctl_using_subcommand token; and __fish_seen_subcommand_from list" -l json -d 'Print the API\'s data as JSON (stable, documented shapes) instead of text'
complete -c labctl -n "__fish_labctl_using_subcommand token; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt; fail where a question would be asked'
complete -c labctl -n "__fish_labctl_using_subcommand token; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
complete -c labctl -n "__fish_labctl_using_subcommand token; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c labctl -n "__fish_labctl_using_subcommand token; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c labctl -n "__fish_labctl_using_subcommand token; and __fish_seen_subcommand_from revoke" -l profile -d 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]' -r
complete -c labctl -n "__fish_labctl_using_subcommand token; and __fish_seen_subcommand_from revoke" -l url -d 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]' -r
complete -c labctl -n "__fish_labctl_using_subcommand token; and __fish_seen_subcommand_from revoke" -l jq -d 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq \'.[].user_id\'' -r
complete -c labctl -n "__fish_labctl_using_subcommand token; and __fish_seen_subcommand_from revoke" -l color -d 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never' -r -f -a "auto\t'Colour on a terminal unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c labctl -n "__fish_labctl_using_subcommand token; and __fish_seen_subcommand_from revoke" -l timeout -d 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]' -r
complete -c labctl -n "__fish_labctl_using_subcommand token; and __fish_seen_subcommand_from revoke" -l retries -d 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]' -r
complete -c labctl -n "__fish_labctl_using_subcommand token; and __fish_seen_subcommand_from revoke" -s y -l yes -d 'Revoke without asking (required when no terminal can be asked)'
complete -c labctl -n "__fish_labctl_using_subcommand token; and __fish_seen_subcommand_from revoke" -l json -d 'Print the API\'s data as JSON (stable, documented shapes) instead of text'
complete -c labctl -n "__fish_labctl_using_subcommand token; and __fish_seen_subcommand_from revoke" -l no-input -d 'Never prompt; fail where a question would be asked'
complete -c labctl -n "__fish_labctl_using_subcommand token; and __fish_seen_subcommand_from revoke" -s v -l verbose -d 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
complete -c labctl -n "__fish_labctl_using_subcommand token; and __fish_seen_subcommand_from revoke" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c labctl -n "__fish_labctl_using_subcommand token; and __fish_seen_subcommand_from revoke" -s V -l version -d 'Print version'
complete -c labctl -n "__fish_labctl_using_subcommand token; and __fish_seen_subcommand_from help" -f -a "create" -d 'Mint a token and print it, this once'
complete -c labctl -n "__fish_labctl_using_subcommand token; and __fish_seen_subcommand_from help" -f -a "list" -d 'List tokens (never their secrets)'
complete -c labctl -n "__fish_labctl_using_subcommand token; and __fish_seen_subcommand_from help" -f -a "revoke" -d 'Revoke a token: it is refused from the next request on'
complete -c labctl -n "__fish_labctl_using_subcommand token; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c labctl -n "__fish_labctl_using_subcommand health" -l profile -d 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]' -r
complete -c labctl -n "__fish_labctl_using_subcommand health" -l url -d 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]' -r
complete -c labctl -n "__fish_labctl_using_subcommand health" -l jq -d 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq \'.[].user_id\'' -r
complete -c labctl -n "__fish_labctl_using_subcommand health" -l color -d 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never' -r -f -a "auto\t'Colour on a terminal unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c labctl -n "__fish_labctl_using_subcommand health" -l timeout -d 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]' -r
complete -c labctl -n "__fish_labctl_using_subcommand health" -l retries -d 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]' -r
complete -c labctl -n "__fish_labctl_using_subcommand health" -l json -d 'Print the API\'s data as JSON (stable, documented shapes) instead of text'
complete -c labctl -n "__fish_labctl_using_subcommand health" -l no-input -d 'Never prompt; fail where a question would be asked'
complete -c labctl -n "__fish_labctl_using_subcommand health" -s v -l verbose -d 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
complete -c labctl -n "__fish_labctl_using_subcommand health" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c labctl -n "__fish_labctl_using_subcommand health" -s V -l version -d 'Print version'
complete -c labctl -n "__fish_labctl_using_subcommand status" -l profile -d 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]' -r
complete -c labctl -n "__fish_labctl_using_subcommand status" -l url -d 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]' -r
complete -c labctl -n "__fish_labctl_using_subcommand status" -l jq -d 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq \'.[].user_id\'' -r
complete -c labctl -n "__fish_labctl_using_subcommand status" -l color -d 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never' -r -f -a "auto\t'Colour on a terminal unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c labctl -n "__fish_labctl_using_subcommand status" -l timeout -d 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]' -r
complete -c labctl -n "__fish_labctl_using_subcommand status" -l retries -d 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]' -r
complete -c labctl -n "__fish_labctl_using_subcommand status" -l json -d 'Print the API\'s data as JSON (stable, documented shapes) instead of text'
complete -c labctl -n "__fish_labctl_using_subcommand status" -l no-input -d 'Never prompt; fail where a question would be asked'
complete -c labctl -n "__fish_labctl_using_subcommand status" -s v -l verbose -d 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
complete -c labctl -n "__fish_labctl_using_subcommand status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c labctl -n "__fish_labctl_using_subcommand status" -s V -l version -d 'Print version'
complete -c labctl -n "__fish_labctl_using_subcommand api" -s d -l data -d 'Request body: @FILE, `-` (or @-) for stdin, or literal JSON' -r
complete -c labctl -n "__fish_labctl_using_subcommand api" -l profile -d 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]' -r
complete -c labctl -n "__fish_labctl_using_subcommand api" -l url -d 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]' -r
complete -c labctl -n "__fish_labctl_using_subcommand api" -l jq -d 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq \'.[].user_id\'' -r
complete -c labctl -n "__fish_labctl_using_subcommand api" -l color -d 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never' -r -f -a "auto\t'Colour on a terminal unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c labctl -n "__fish_labctl_using_subcommand api" -l timeout -d 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]' -r
complete -c labctl -n "__fish_labctl_using_subcommand api" -l retries -d 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]' -r
complete -c labctl -n "__fish_labctl_using_subcommand api" -l json -d 'Print the API\'s data as JSON (stable, documented shapes) instead of text'
complete -c labctl -n "__fish_labctl_using_subcommand api" -l no-input -d 'Never prompt; fail where a question would be asked'
complete -c labctl -n "__fish_labctl_using_subcommand api" -s v -l verbose -d 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
complete -c labctl -n "__fish_labctl_using_subcommand api" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c labctl -n "__fish_labctl_using_subcommand api" -s V -l version -d 'Print version'
complete -c labctl -n "__fish_labctl_using_subcommand auth; and not __fish_seen_subcommand_from login status logout token help" -l profile -d 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]' -r
complete -c labctl -n "__fish_labctl_using_subcommand auth; and not __fish_seen_subcommand_from login status logout token help" -l url -d 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]' -r
complete -c labctl -n "__fish_labctl_using_subcommand auth; and not __fish_seen_subcommand_from login status logout token help" -l jq -d 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq \'.[].user_id\'' -r
complete -c labctl -n "__fish_labctl_using_subcommand auth; and not __fish_seen_subcommand_from login status logout token help" -l color -d 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never' -r -f -a "auto\t'Colour on a terminal unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c labctl -n "__fish_labctl_using_subcommand auth; and not __fish_seen_subcommand_from login status logout token help" -l timeout -d 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]' -r
complete -c labctl -n "__fish_labctl_using_subcommand auth; and not __fish_seen_subcommand_from login status logout token help" -l retries -d 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]' -r
complete -c labctl -n "__fish_labctl_using_subcommand auth; and not __fish_seen_subcommand_from login status logout token help" -l json -d 'Print the API\'s data as JSON (stable, documented shapes) instead of text'
complete -c labctl -n "__fish_labctl_using_subcommand auth; and not __fish_seen_subcommand_from login status logout token help" -l no-input -d 'Never prompt; fail where a question would be asked'
complete -c labctl -n "__fish_labctl_using_subcommand auth; and not __fish_seen_subcommand_from login status logout token help" -s v -l verbose -d 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
complete -c labctl -n "__fish_labctl_using_subcommand auth; and not __fish_seen_subcommand_from login status logout token help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c labctl -n "__fish_labctl_using_subcommand auth; and not __fish_seen_subcommand_from login status logout token help" -s V -l version -d 'Print version'
complete -c labctl -n "__fish_labctl_using_subcommand auth; and not __fish_seen_subcommand_from login status logout token help" -f -a "login" -d 'Store a token for the profile (hidden prompt, or --with-token from stdin)'
complete -c labctl -n "__fish_labctl_using_subcommand auth; and not __fish_seen_subcommand_from login status logout token help" -f -a "status" -d 'Show the URL, where the token comes from, and whether the Worker accepts it'
complete -c labctl -n "__fish_labctl_using_subcommand auth; and not __fish_seen_subcommand_from login status logout token help" -f -a "logout" -d 'Remove the profile\'s stored token'
complete -c labctl -n "__fish_labctl_using_subcommand auth; and not __fish_seen_subcommand_from login status logout token help" -f -a "token" -d 'Print the profile\'s token to stdout, for scripts'
complete -c labctl -n "__fish_labctl_using_subcommand auth; and not __fish_seen_subcommand_from login status logout token help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c labctl -n "__fish_labctl_using_subcommand auth; and __fish_seen_subcommand_from login" -l profile -d 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]' -r
complete -c labctl -n "__fish_labctl_using_subcommand auth; and __fish_seen_subcommand_from login" -l url -d 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]' -r
complete -c labctl -n "__fish_labctl_using_subcommand auth; and __fish_seen_subcommand_from login" -l jq -d 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq \'.[].user_id\'' -r
complete -c labctl -n "__fish_labctl_using_subcommand auth; and __fish_seen_subcommand_from login" -l color -d 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never' -r -f -a "auto\t'Colour on a terminal unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c labctl -n "__fish_labctl_using_subcommand auth; and __fish_seen_subcommand_from login" -l timeout -d 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]' -r
complete -c labctl -n "__fish_labctl_using_subcommand auth; and __fish_seen_subcommand_from login" -l retries -d 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]' -r
complete -c labctl -n "__fish_labctl_using_subcommand auth; and __fish_seen_subcommand_from login" -l with-token -d 'Read the token from stdin instead of prompting'
complete -c labctl -n "__fish_labctl_using_subcommand auth; and __fish_seen_subcommand_from login" -l no-verify -d 'Store the token without checking it against the Worker'
complete -c labctl -n "__fish_labctl_using_subcommand auth; and __fish_seen_subcommand_from login" -l json -d 'Print the API\'s data as JSON (stable, documented shapes) instead of text'
complete -c labctl -n "__fish_labctl_using_subcommand auth; and __fish_seen_subcommand_from login" -l no-input -d 'Never prompt; fail where a question would be asked'
complete -c labctl -n "__fish_labctl_using_subcommand auth; and __fish_seen_subcommand_from login" -s v -l verbose -d 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
complete -c labctl -n "__fish_labctl_using_subcommand auth; and __fish_seen_subcommand_from login" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c labctl -n "__fish_labctl_using_subcommand auth; and __fish_seen_subcommand_from login" -s V -l version -d 'Print version'
complete -c labctl -n "__fish_labctl_using_subcommand auth; and __fish_seen_subcommand_from status" -l profile -d 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]' -r
complete -c labctl -n "__fish_labctl_using_subcommand auth; and __fish_seen_subcommand_from status" -l url -d 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]' -r
complete -c labctl -n "__fish_labctl_using_subcommand auth; and __fish_seen_subcommand_from status" -l jq -d 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq \'.[].user_id\'' -r
complete -c labctl -n "__fish_labctl_using_subcommand auth; and __fish_seen_subcommand_from status" -l color -d 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never' -r -f -a "auto\t'Colour on a terminal unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c labctl -n "__fish_labctl_using_subcommand auth; and __fish_seen_subcommand_from status" -l timeout -d 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]' -r
complete -c labctl -n "__fish_labctl_using_subcommand auth; and __fish_seen_subcommand_from status" -l retries -d 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]' -r
complete -c labctl -n "__fish_labctl_using_subcommand auth; and __fish_seen_subcommand_from status" -l json -d 'Print the API\'s data as JSON (stable, documented shapes) instead of text'
complete -c labctl -n "__fish_labctl_using_subcommand auth; and __fish_seen_subcommand_from status" -l no-input -d 'Never prompt; fail where a question would be asked'
complete -c labctl -n "__fish_labctl_using_subcommand auth; and __fish_seen_subcommand_from status" -s v -l verbose -d 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
complete -c labctl -n "__fish_labctl_using_subcommand auth; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c labctl -n "__fish_labctl_using_subcommand auth; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c labctl -n "__fish_labctl_using_subcommand auth; and __fish_seen_subcommand_from logout" -l profile -d 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]' -r
complete -c labctl -n "__fish_labctl_using_subcommand auth; and __fish_seen_subcommand_from logout" -l url -d 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]' -r
complete -c labctl -n "__fish_labctl_using_subcommand auth; and __fish_seen_subcommand_from logout" -l jq -d 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq \'.[].user_id\'' -r
complete -c labctl -n "__fish_labctl_using_subcommand auth; and __fish_seen_subcommand_from logout" -l color -d 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never' -r -f -a "auto\t'Colour on a terminal unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c labctl -n "__fish_labctl_using_subcommand auth; and __fish_seen_subcommand_from logout" -l timeout -d 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]' -r
complete -c labctl -n "__fish_labctl_using_subcommand auth; and __fish_seen_subcommand_from logout" -l retries -d 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]' -r
complete -c labctl -n "__fish_labctl_using_subcommand auth; and __fish_seen_subcommand_from logout" -l json -d 'Print the API\'s data as JSON (stable, documented shapes) instead of text'
complete -c labctl -n "__fish_labctl_using_subcommand auth; and __fish_seen_subcommand_from logout" -l no-input -d 'Never prompt; fail where a question would be asked'
complete -c labctl -n "__fish_labctl_using_subcommand auth; and __fish_seen_subcommand_from logout" -s v -l verbose -d 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
complete -c labctl -n "__fish_labctl_using_subcommand auth; and __fish_seen_subcommand_from logout" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c labctl -n "__fish_labctl_using_subcommand auth; and __fish_seen_subcommand_from logout" -s V -l version -d 'Print version'
complete -c labctl -n "__fish_labctl_using_subcommand auth; and __fish_seen_subcommand_from token" -l profile -d 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]' -r
complete -c labctl -n "__fish_labctl_using_subcommand auth; and __fish_seen_subcommand_from token" -l url -d 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]' -r
complete -c labctl -n "__fish_labctl_using_subcommand auth; and __fish_seen_subcommand_from token" -l jq -d 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq \'.[].user_id\'' -r
complete -c labctl -n "__fish_labctl_using_subcommand auth; and __fish_seen_subcommand_from token" -l color -d 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never' -r -f -a "auto\t'Colour on a terminal unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c labctl -n "__fish_labctl_using_subcommand auth; and __fish_seen_subcommand_from token" -l timeout -d 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]' -r
complete -c labctl -n "__fish_labctl_using_subcommand auth; and __fish_seen_subcommand_from token" -l retries -d 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]' -r
complete -c labctl -n "__fish_labctl_using_subcommand auth; and __fish_seen_subcommand_from token" -l json -d 'Print the API\'s data as JSON (stable, documented shapes) instead of text'
complete -c labctl -n "__fish_labctl_using_subcommand auth; and __fish_seen_subcommand_from token" -l no-input -d 'Never prompt; fail where a question would be asked'
complete -c labctl -n "__fish_labctl_using_subcommand auth; and __fish_seen_subcommand_from token" -s v -l verbose -d 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
complete -c labctl -n "__fish_labctl_using_subcommand auth; and __fish_seen_subcommand_from token" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c labctl -n "__fish_labctl_using_subcommand auth; and __fish_seen_subcommand_from token" -s V -l version -d 'Print version'
complete -c labctl -n "__fish_labctl_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "login" -d 'Store a token for the profile (hidden prompt, or --with-token from stdin)'
complete -c labctl -n "__fish_labctl_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "status" -d 'Show the URL, where the token comes from, and whether the Worker accepts it'
complete -c labctl -n "__fish_labctl_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "logout" -d 'Remove the profile\'s stored token'
complete -c labctl -n "__fish_labctl_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "token" -d 'Print the profile\'s token to stdout, for scripts'
complete -c labctl -n "__fish_labctl_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c labctl -n "__fish_labctl_using_subcommand config; and not __fish_seen_subcommand_from list get set unset path help" -l profile -d 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]' -r
complete -c labctl -n "__fish_labctl_using_subcommand config; and not __fish_seen_subcommand_from list get set unset path help" -l url -d 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]' -r
complete -c labctl -n "__fish_labctl_using_subcommand config; and not __fish_seen_subcommand_from list get set unset path help" -l jq -d 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq \'.[].user_id\'' -r
complete -c labctl -n "__fish_labctl_using_subcommand config; and not __fish_seen_subcommand_from list get set unset path help" -l color -d 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never' -r -f -a "auto\t'Colour on a terminal unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c labctl -n "__fish_labctl_using_subcommand config; and not __fish_seen_subcommand_from list get set unset path help" -l timeout -d 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]' -r
complete -c labctl -n "__fish_labctl_using_subcommand config; and not __fish_seen_subcommand_from list get set unset path help" -l retries -d 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]' -r
complete -c labctl -n "__fish_labctl_using_subcommand config; and not __fish_seen_subcommand_from list get set unset path help" -l json -d 'Print the API\'s data as JSON (stable, documented shapes) instead of text'
complete -c labctl -n "__fish_labctl_using_subcommand config; and not __fish_seen_subcommand_from list get set unset path help" -l no-input -d 'Never prompt; fail where a question would be asked'
complete -c labctl -n "__fish_labctl_using_subcommand config; and not __fish_seen_subcommand_from list get set unset path help" -s v -l verbose -d 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
complete -c labctl -n "__fish_labctl_using_subcommand config; and not __fish_seen_subcommand_from list get set unset path help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c labctl -n "__fish_labctl_using_subcommand config; and not __fish_seen_subcommand_from list get set unset path help" -s V -l version -d 'Print version'
complete -c labctl -n "__fish_labctl_using_subcommand config; and not __fish_seen_subcommand_from list get set unset path help" -f -a "list" -d 'List the settings of every profile'
complete -c labctl -n "__fish_labctl_using_subcommand config; and not __fish_seen_subcommand_from list get set unset path help" -f -a "get" -d 'Print one setting of the profile'
complete -c labctl -n "__fish_labctl_using_subcommand config; and not __fish_seen_subcommand_from list get set unset path help" -f -a "set" -d 'Change one setting of the profile'
complete -c labctl -n "__fish_labctl_using_subcommand config; and not __fish_seen_subcommand_from list get set unset path help" -f -a "unset" -d 'Remove one setting of the profile'
complete -c labctl -n "__fish_labctl_using_subcommand config; and not __fish_seen_subcommand_from list get set unset path help" -f -a "path" -d 'Print the path of the config file'
complete -c labctl -n "__fish_labctl_using_subcommand config; and not __fish_seen_subcommand_from list get set unset path help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c labctl -n "__fish_labctl_using_subcommand config; and __fish_seen_subcommand_from list" -l profile -d 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]' -r
complete -c labctl -n "__fish_labctl_using_subcommand config; and __fish_seen_subcommand_from list" -l url -d 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]' -r
complete -c labctl -n "__fish_labctl_using_subcommand config; and __fish_seen_subcommand_from list" -l jq -d 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq \'.[].user_id\'' -r
complete -c labctl -n "__fish_labctl_using_subcommand config; and __fish_seen_subcommand_from list" -l color -d 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never' -r -f -a "auto\t'Colour on a terminal unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c labctl -n "__fish_labctl_using_subcommand config; and __fish_seen_subcommand_from list" -l timeout -d 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]' -r
complete -c labctl -n "__fish_labctl_using_subcommand config; and __fish_seen_subcommand_from list" -l retries -d 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]' -r
complete -c labctl -n "__fish_labctl_using_subcommand config; and __fish_seen_subcommand_from list" -l json -d 'Print the API\'s data as JSON (stable, documented shapes) instead of text'
complete -c labctl -n "__fish_labctl_using_subcommand config; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt; fail where a question would be asked'
complete -c labctl -n "__fish_labctl_using_subcommand config; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
complete -c labctl -n "__fish_labctl_using_subcommand config; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c labctl -n "__fish_labctl_using_subcommand config; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c labctl -n "__fish_labctl_using_subcommand config; and __fish_seen_subcommand_from get" -l profile -d 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]' -r
complete -c labctl -n "__fish_labctl_using_subcommand config; and __fish_seen_subcommand_from get" -l url -d 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]' -r
complete -c labctl -n "__fish_labctl_using_subcommand config; and __fish_seen_subcommand_from get" -l jq -d 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq \'.[].user_id\'' -r
complete -c labctl -n "__fish_labctl_using_subcommand config; and __fish_seen_subcommand_from get" -l color -d 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never' -r -f -a "auto\t'Colour on a terminal unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c labctl -n "__fish_labctl_using_subcommand config; and __fish_seen_subcommand_from get" -l timeout -d 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]' -r
complete -c labctl -n "__fish_labctl_using_subcommand config; and __fish_seen_subcommand_from get" -l retries -d 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]' -r
complete -c labctl -n "__fish_labctl_using_subcommand config; and __fish_seen_subcommand_from get" -l json -d 'Print the API\'s data as JSON (stable, documented shapes) instead of text'
complete -c labctl -n "__fish_labctl_using_subcommand config; and __fish_seen_subcommand_from get" -l no-input -d 'Never prompt; fail where a question would be asked'
complete -c labctl -n "__fish_labctl_using_subcommand config; and __fish_seen_subcommand_from get" -s v -l verbose -d 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
complete -c labctl -n "__fish_labctl_using_subcommand config; and __fish_seen_subcommand_from get" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c labctl -n "__fish_labctl_using_subcommand config; and __fish_seen_subcommand_from get" -s V -l version -d 'Print version'
complete -c labctl -n "__fish_labctl_using_subcommand config; and __fish_seen_subcommand_from set" -l profile -d 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]' -r
complete -c labctl -n "__fish_labctl_using_subcommand config; and __fish_seen_subcommand_from set" -l url -d 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]' -r
complete -c labctl -n "__fish_labctl_using_subcommand config; and __fish_seen_subcommand_from set" -l jq -d 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq \'.[].user_id\'' -r
complete -c labctl -n "__fish_labctl_using_subcommand config; and __fish_seen_subcommand_from set" -l color -d 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never' -r -f -a "auto\t'Colour on a terminal unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c labctl -n "__fish_labctl_using_subcommand config; and __fish_seen_subcommand_from set" -l timeout -d 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]' -r
complete -c labctl -n "__fish_labctl_using_subcommand config; and __fish_seen_subcommand_from set" -l retries -d 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]' -r
complete -c labctl -n "__fish_labctl_using_subcommand config; and __fish_seen_subcommand_from set" -l json -d 'Print the API\'s data as JSON (stable, documented shapes) instead of text'
complete -c labctl -n "__fish_labctl_using_subcommand config; and __fish_seen_subcommand_from set" -l no-input -d 'Never prompt; fail where a question would be asked'
complete -c labctl -n "__fish_labctl_using_subcommand config; and __fish_seen_subcommand_from set" -s v -l verbose -d 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
complete -c labctl -n "__fish_labctl_using_subcommand config; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c labctl -n "__fish_labctl_using_subcommand config; and __fish_seen_subcommand_from set" -s V -l version -d 'Print version'
complete -c labctl -n "__fish_labctl_using_subcommand config; and __fish_seen_subcommand_from unset" -l profile -d 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]' -r
complete -c labctl -n "__fish_labctl_using_subcommand config; and __fish_seen_subcommand_from unset" -l url -d 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]' -r
complete -c labctl -n "__fish_labctl_using_subcommand config; and __fish_seen_subcommand_from unset" -l jq -d 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq \'.[].user_id\'' -r
complete -c labctl -n "__fish_labctl_using_subcommand config; and __fish_seen_subcommand_from unset" -l color -d 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never' -r -f -a "auto\t'Colour on a terminal unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c labctl -n "__fish_labctl_using_subcommand config; and __fish_seen_subcommand_from unset" -l timeout -d 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]' -r
complete -c labctl -n "__fish_labctl_using_subcommand config; and __fish_seen_subcommand_from unset" -l retries -d 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]' -r
complete -c labctl -n "__fish_labctl_using_subcommand config; and __fish_seen_subcommand_from unset" -l json -d 'Print the API\'s data as JSON (stable, documented shapes) instead of text'
complete -c labctl -n "__fish_labctl_using_subcommand config; and __fish_seen_subcommand_from unset" -l no-input -d 'Never prompt; fail where a question would be asked'
complete -c labctl -n "__fish_labctl_using_subcommand config; and __fish_seen_subcommand_from unset" -s v -l verbose -d 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
complete -c labctl -n "__fish_labctl_using_subcommand config; and __fish_seen_subcommand_from unset" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c labctl -n "__fish_labctl_using_subcommand config; and __fish_seen_subcommand_from unset" -s V -l version -d 'Print version'
complete -c labctl -n "__fish_labctl_using_subcommand config; and __fish_seen_subcommand_from path" -l profile -d 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]' -r
complete -c labctl -n "__fish_labctl_using_subcommand config; and __fish_seen_subcommand_from path" -l url -d 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]' -r
complete -c labctl -n "__fish_labctl_using_subcommand config; and __fish_seen_subcommand_from path" -l jq -d 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq \'.[].user_id\'' -r
complete -c labctl -n "__fish_labctl_using_subcommand config; and __fish_seen_subcommand_from path" -l color -d 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never' -r -f -a "auto\t'Colour on a terminal unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c labctl -n "__fish_labctl_using_subcommand config; and __fish_seen_subcommand_from path" -l timeout -d 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]' -r
complete -c labctl -n "__fish_labctl_using_subcommand config; and __fish_seen_subcommand_from path" -l retries -d 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]' -r
complete -c labctl -n "__fish_labctl_using_subcommand config; and __fish_seen_subcommand_from path" -l json -d 'Print the API\'s data as JSON (stable, documented shapes) instead of text'
complete -c labctl -n "__fish_labctl_using_subcommand config; and __fish_seen_subcommand_from path" -l no-input -d 'Never prompt; fail where a question would be asked'
complete -c labctl -n "__fish_labctl_using_subcommand config; and __fish_seen_subcommand_from path" -s v -l verbose -d 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
complete -c labctl -n "__fish_labctl_using_subcommand config; and __fish_seen_subcommand_from path" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c labctl -n "__fish_labctl_using_subcommand config; and __fish_seen_subcommand_from path" -s V -l version -d 'Print version'
complete -c labctl -n "__fish_labctl_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the settings of every profile'
complete -c labctl -n "__fish_labctl_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "get" -d 'Print one setting of the profile'
complete -c labctl -n "__fish_labctl_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "set" -d 'Change one setting of the profile'
complete -c labctl -n "__fish_labctl_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "unset" -d 'Remove one setting of the profile'
complete -c labctl -n "__fish_labctl_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "path" -d 'Print the path of the config file'
complete -c labctl -n "__fish_labctl_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c labctl -n "__fish_labctl_using_subcommand completions" -l profile -d 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]' -r
complete -c labctl -n "__fish_labctl_using_subcommand completions" -l url -d 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]' -r
complete -c labctl -n "__fish_labctl_using_subcommand completions" -l jq -d 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq \'.[].user_id\'' -r
complete -c labctl -n "__fish_labctl_using_subcommand completions" -l color -d 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never' -r -f -a "auto\t'Colour on a terminal unless NO_COLOR is set'
always\t'Always colour'
never\t'Never colour'"
complete -c labctl -n "__fish_labctl_using_subcommand completions" -l timeout -d 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]' -r
complete -c labctl -n "__fish_labctl_using_subcommand completions" -l retries -d 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]' -r
complete -c labctl -n "__fish_labctl_using_subcommand completions" -l json -d 'Print the API\'s data as JSON (stable, documented shapes) instead of text'
complete -c labctl -n "__fish_labctl_using_subcommand completions" -l no-input -d 'Never prompt; fail where a question would be asked'
complete -c labctl -n "__fish_labctl_using_subcommand completions" -s v -l verbose -d 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
complete -c labctl -n "__fish_labctl_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c labctl -n "__fish_labctl_using_subcommand completions" -s V -l version -d 'Print version'
complete -c labctl -n "__fish_labctl_using_subcommand help; and not __fish_seen_subcommand_from session cleanup token health status api auth config completions help" -f -a "session" -d 'Create, list, show, update, extend and delete lab sessions; the history of ended ones'
complete -c labctl -n "__fish_labctl_using_subcommand help; and not __fish_seen_subcommand_from session cleanup token health status api auth config completions help" -f -a "cleanup" -d 'Run the expiry cleanup now, read its history and queue, retry failed items'
complete -c labctl -n "__fish_labctl_using_subcommand help; and not __fish_seen_subcommand_from session cleanup token health status api auth config completions help" -f -a "token" -d 'Mint, list and revoke scoped API tokens (needs an admin token)'
complete -c labctl -n "__fish_labctl_using_subcommand help; and not __fish_seen_subcommand_from session cleanup token health status api auth config completions help" -f -a "health" -d 'Check that the Worker is up (no token needed)'
complete -c labctl -n "__fish_labctl_using_subcommand help; and not __fish_seen_subcommand_from session cleanup token health status api auth config completions help" -f -a "status" -d 'Show whether VMs are being deleted (ok, degraded, failing) and what to do about each problem; exits 0, 9 or 10'
complete -c labctl -n "__fish_labctl_using_subcommand help; and not __fish_seen_subcommand_from session cleanup token health status api auth config completions help" -f -a "api" -d 'Send an authenticated request to any API path and print the answer'
complete -c labctl -n "__fish_labctl_using_subcommand help; and not __fish_seen_subcommand_from session cleanup token health status api auth config completions help" -f -a "auth" -d 'Log in, check and remove the token of a profile'
complete -c labctl -n "__fish_labctl_using_subcommand help; and not __fish_seen_subcommand_from session cleanup token health status api auth config completions help" -f -a "config" -d 'Show and change the settings of profiles'
complete -c labctl -n "__fish_labctl_using_subcommand help; and not __fish_seen_subcommand_from session cleanup token health status api auth config completions help" -f -a "completions" -d 'Print a shell completion script'
complete -c labctl -n "__fish_labctl_using_subcommand help; and not __fish_seen_subcommand_from session cleanup token health status api auth config completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c labctl -n "__fish_labctl_using_subcommand help; and __fish_seen_subcommand_from session" -f -a "create" -d 'Create a lab session from a JSON body (--file) and/or flags'
complete -c labctl -n "__fish_labctl_using_subcommand help; and __fish_seen_subcommand_from session" -f -a "list" -d 'List sessions, newest first, with filters; --all follows every page'
complete -c labctl -n "__fish_labctl_using_subcommand help; and __fish_seen_subcommand_from session" -f -a "get" -d 'Show the active lab session of a user'
complete -c labctl -n "__fish_labctl_using_subcommand help; and __fish_seen_subcommand_from session" -f -a "update" -d 'Change the updatable fields of a user\'s session'
complete -c labctl -n "__fish_labctl_using_subcommand help; and __fish_seen_subcommand_from session" -f -a "extend" -d 'Lengthen a user\'s session by an amount of time'
complete -c labctl -n "__fish_labctl_using_subcommand help; and __fish_seen_subcommand_from session" -f -a "delete" -d 'Delete a user\'s session; the backend then deletes its VMs (--wait: until it has)'
complete -c labctl -n "__fish_labctl_using_subcommand help; and __fish_seen_subcommand_from session" -f -a "history" -d 'Show ended labs (when and how each ended, whether its VMs are deleted), or one in detail'
complete -c labctl -n "__fish_labctl_using_subcommand help; and __fish_seen_subcommand_from cleanup" -f -a "run" -d 'Run a sweep now and print its summary (exit 0 even when calls failed)'
complete -c labctl -n "__fish_labctl_using_subcommand help; and __fish_seen_subcommand_from cleanup" -f -a "runs" -d 'List recent sweeps, newest first'
complete -c labctl -n "__fish_labctl_using_subcommand help; and __fish_seen_subcommand_from cleanup" -f -a "show" -d 'Show one sweep\'s record and its errors'
complete -c labctl -n "__fish_labctl_using_subcommand help; and __fish_seen_subcommand_from cleanup" -f -a "queue" -d 'List cleanup items still to do (pending) or given up (dead)'
complete -c labctl -n "__fish_labctl_using_subcommand help; and __fish_seen_subcommand_from cleanup" -f -a "retry" -d 'Make a pending or dead item due now, with a fresh attempt count'
complete -c labctl -n "__fish_labctl_using_subcommand help; and __fish_seen_subcommand_from token" -f -a "create" -d 'Mint a token and print it, this once'
complete -c labctl -n "__fish_labctl_using_subcommand help; and __fish_seen_subcommand_from token" -f -a "list" -d 'List tokens (never their secrets)'
complete -c labctl -n "__fish_labctl_using_subcommand help; and __fish_seen_subcommand_from token" -f -a "revoke" -d 'Revoke a token: it is refused from the next request on'
complete -c labctl -n "__fish_labctl_using_subcommand help; and __fish_seen_subcommand_from auth" -f -a "login" -d 'Store a token for the profile (hidden prompt, or --with-token from stdin)'
complete -c labctl -n "__fish_labctl_using_subcommand help; and __fish_seen_subcommand_from auth" -f -a "status" -d 'Show the URL, where the token comes from, and whether the Worker accepts it'
complete -c labctl -n "__fish_labctl_using_subcommand help; and __fish_seen_subcommand_from auth" -f -a "logout" -d 'Remove the profile\'s stored token'
complete -c labctl -n "__fish_labctl_using_subcommand help; and __fish_seen_subcommand_from auth" -f -a "token" -d 'Print the profile\'s token to stdout, for scripts'
complete -c labctl -n "__fish_labctl_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "list" -d 'List the settings of every profile'
complete -c labctl -n "__fish_labctl_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "get" -d 'Print one setting of the profile'
complete -c labctl -n "__fish_labctl_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "set" -d 'Change one setting of the profile'
complete -c labctl -n "__fish_labctl_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "unset" -d 'Remove one setting of the profile'
complete -c labctl -n "__fish_labctl_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "path" -d 'Print the path of the config file'
