
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'labctl' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'labctl'
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
        'labctl' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq ''.[].user_id''')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s data as JSON (stable, documented shapes) instead of text')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail where a question would be asked')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('session', 'session', [CompletionResultType]::ParameterValue, 'Create, list, show, update, extend and delete lab sessions; the history of ended ones')
            [CompletionResult]::new('cleanup', 'cleanup', [CompletionResultType]::ParameterValue, 'Run the expiry cleanup now, read its history and queue, retry failed items')
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'Mint, list and revoke scoped API tokens (needs an admin token)')
            [CompletionResult]::new('health', 'health', [CompletionResultType]::ParameterValue, 'Check that the Worker is up (no token needed)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show whether VMs are being deleted (ok, degraded, failing) and what to do about each problem; exits 0, 9 or 10')
            [CompletionResult]::new('api', 'api', [CompletionResultType]::ParameterValue, 'Send an authenticated request to any API path and print the answer')
            [CompletionResult]::new('auth', 'auth', [CompletionResultType]::ParameterValue, 'Log in, check and remove the token of a profile')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Show and change the settings of profiles')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'labctl;session' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq ''.[].user_id''')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s data as JSON (stable, documented shapes) instead of text')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail where a question would be asked')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a lab session from a JSON body (--file) and/or flags')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List sessions, newest first, with filters; --all follows every page')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Show the active lab session of a user')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change the updatable fields of a user''s session')
            [CompletionResult]::new('extend', 'extend', [CompletionResultType]::ParameterValue, 'Lengthen a user''s session by an amount of time')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a user''s session; the backend then deletes its VMs (--wait: until it has)')
            [CompletionResult]::new('history', 'history', [CompletionResultType]::ParameterValue, 'Show ended labs (when and how each ended, whether its VMs are deleted), or one in detail')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'labctl;session;create' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Read the session body (contract JSON) from PATH, or from stdin with `-`')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Read the session body (contract JSON) from PATH, or from stdin with `-`')
            [CompletionResult]::new('--idempotency-key', '--idempotency-key', [CompletionResultType]::ParameterName, 'The Idempotency-Key to send, for a script that reruns the whole command (1 to 255 printable ASCII characters) [default: a fresh random key per run]')
            [CompletionResult]::new('--id', '--id', [CompletionResultType]::ParameterName, 'Session id (a UUID is generated when absent)')
            [CompletionResult]::new('--user-id', '--user-id', [CompletionResultType]::ParameterName, 'The learner''s user id (at most one session per user)')
            [CompletionResult]::new('--lab-id', '--lab-id', [CompletionResultType]::ParameterName, 'Lab id (labId)')
            [CompletionResult]::new('--lab-title', '--lab-title', [CompletionResultType]::ParameterName, 'Lab title (labTitle)')
            [CompletionResult]::new('--lab-group-id', '--lab-group-id', [CompletionResultType]::ParameterName, 'Lab group id (labGroupID)')
            [CompletionResult]::new('--module-id', '--module-id', [CompletionResultType]::ParameterName, 'Module id (moduleID)')
            [CompletionResult]::new('--duration', '--duration', [CompletionResultType]::ParameterName, 'Duration in minutes')
            [CompletionResult]::new('--activated-at', '--activated-at', [CompletionResultType]::ParameterName, 'Activation time, ISO 8601 (activatedAt) [default without --file: now]')
            [CompletionResult]::new('--counter-id', '--counter-id', [CompletionResultType]::ParameterName, 'Counter id (counterID)')
            [CompletionResult]::new('--config-id', '--config-id', [CompletionResultType]::ParameterName, 'Config id (configId)')
            [CompletionResult]::new('--worker-config-id', '--worker-config-id', [CompletionResultType]::ParameterName, 'Worker config id (workerConfigId)')
            [CompletionResult]::new('--lab-request-id', '--lab-request-id', [CompletionResultType]::ParameterName, 'Provisioning request id of the master VM (lab_request_id)')
            [CompletionResult]::new('--validation', '--validation', [CompletionResultType]::ParameterName, 'Client timestamp in ms (validation) [default without --file: now]')
            [CompletionResult]::new('--vm-name', '--vm-name', [CompletionResultType]::ParameterName, 'Master VM name (vm.name)')
            [CompletionResult]::new('--vm-network-id', '--vm-network-id', [CompletionResultType]::ParameterName, 'Master VM network id (vm.network_id)')
            [CompletionResult]::new('--vm-netbird-ip', '--vm-netbird-ip', [CompletionResultType]::ParameterName, 'Master VM NetBird IP (vm.netbird_ip)')
            [CompletionResult]::new('--terminal-url', '--terminal-url', [CompletionResultType]::ParameterName, 'Terminal URL (terminal_url)')
            [CompletionResult]::new('--vscode-domain', '--vscode-domain', [CompletionResultType]::ParameterName, 'VS Code domain (vscode_domain)')
            [CompletionResult]::new('--puku-domain', '--puku-domain', [CompletionResultType]::ParameterName, 'Editor domain (puku_domain)')
            [CompletionResult]::new('--worker-nodes', '--worker-nodes', [CompletionResultType]::ParameterName, 'Worker nodes from a JSON file (an array, or `-` for stdin)')
            [CompletionResult]::new('--worker-node', '--worker-node', [CompletionResultType]::ParameterName, 'A worker node: name=..,worker_lab_request_id=..,network_id=..,netbird_ip=.. (repeatable)')
            [CompletionResult]::new('--load-balancers', '--load-balancers', [CompletionResultType]::ParameterName, 'Load balancers from a JSON file (an array, or `-` for stdin)')
            [CompletionResult]::new('--load-balancer', '--load-balancer', [CompletionResultType]::ParameterName, 'A load balancer: id=..,domain=..,port=.. (repeatable)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq ''.[].user_id''')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s data as JSON (stable, documented shapes) instead of text')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail where a question would be asked')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'labctl;session;list' {
            [CompletionResult]::new('--lab-id', '--lab-id', [CompletionResultType]::ParameterName, 'Only sessions of this lab (labId)')
            [CompletionResult]::new('--lab-group-id', '--lab-group-id', [CompletionResultType]::ParameterName, 'Only sessions of this lab group (labGroupID)')
            [CompletionResult]::new('--created-before', '--created-before', [CompletionResultType]::ParameterName, 'Only sessions created before this instant (ISO 8601, e.g. 2026-11-20T10:00:00Z)')
            [CompletionResult]::new('--created-after', '--created-after', [CompletionResultType]::ParameterName, 'Only sessions created after this instant (ISO 8601)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Sessions per page, 1 to 100')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq ''.[].user_id''')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]')
            [CompletionResult]::new('--expired', '--expired', [CompletionResultType]::ParameterName, 'Only sessions past their expiry (not yet swept by the cleanup)')
            [CompletionResult]::new('--live', '--live', [CompletionResultType]::ParameterName, 'Only sessions that have not expired')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Follow the cursors and show every page (progress on a terminal)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s data as JSON (stable, documented shapes) instead of text')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail where a question would be asked')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'labctl;session;get' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq ''.[].user_id''')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s data as JSON (stable, documented shapes) instead of text')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail where a question would be asked')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'labctl;session;update' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Read the update body (contract JSON) from PATH, or from stdin with `-`')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Read the update body (contract JSON) from PATH, or from stdin with `-`')
            [CompletionResult]::new('--duration', '--duration', [CompletionResultType]::ParameterName, 'New duration in minutes, counted from the session''s creation')
            [CompletionResult]::new('--terminal-url', '--terminal-url', [CompletionResultType]::ParameterName, 'Terminal URL (terminal_url)')
            [CompletionResult]::new('--vscode-domain', '--vscode-domain', [CompletionResultType]::ParameterName, 'VS Code domain (vscode_domain)')
            [CompletionResult]::new('--puku-domain', '--puku-domain', [CompletionResultType]::ParameterName, 'Editor domain (puku_domain)')
            [CompletionResult]::new('--worker-nodes', '--worker-nodes', [CompletionResultType]::ParameterName, 'Worker nodes from a JSON file (an array, or `-` for stdin)')
            [CompletionResult]::new('--worker-node', '--worker-node', [CompletionResultType]::ParameterName, 'A worker node: name=..,worker_lab_request_id=..,network_id=..,netbird_ip=.. (repeatable)')
            [CompletionResult]::new('--load-balancers', '--load-balancers', [CompletionResultType]::ParameterName, 'Load balancers from a JSON file (an array, or `-` for stdin)')
            [CompletionResult]::new('--load-balancer', '--load-balancer', [CompletionResultType]::ParameterName, 'A load balancer: id=..,domain=..,port=.. (repeatable)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq ''.[].user_id''')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s data as JSON (stable, documented shapes) instead of text')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail where a question would be asked')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'labctl;session;extend' {
            [CompletionResult]::new('--by', '--by', [CompletionResultType]::ParameterName, 'How much longer: 30m, 2h, 1h30m, or a plain number of minutes')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq ''.[].user_id''')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s data as JSON (stable, documented shapes) instead of text')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail where a question would be asked')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'labctl;session;delete' {
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'How often to look at the session''s history while waiting')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq ''.[].user_id''')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Delete without asking (required when no terminal can be asked)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Delete without asking (required when no terminal can be asked)')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Wait until the VM backend has confirmed the deletion of every VM (exit 7 when --timeout passes first, 8 when a VM''s deletion is dead)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s data as JSON (stable, documented shapes) instead of text')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail where a question would be asked')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'labctl;session;history' {
            [CompletionResult]::new('--session', '--session', [CompletionResultType]::ParameterName, 'Show one ended session: its summary and every backend call it was owed')
            [CompletionResult]::new('--lab', '--lab', [CompletionResultType]::ParameterName, 'Only labs of this lab id (labId)')
            [CompletionResult]::new('--lab-id', '--lab-id', [CompletionResultType]::ParameterName, 'Only labs of this lab id (labId)')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Only labs that ended this way')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only labs that ended after this: a duration ago (30m, 2h, 7d) or an ISO 8601 timestamp')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Only labs that ended before this: a duration ago (30m, 2h, 7d) or an ISO 8601 timestamp')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Ended labs per page, 1 to 100')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq ''.[].user_id''')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Follow the cursors and show every page (progress on a terminal)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s data as JSON (stable, documented shapes) instead of text')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail where a question would be asked')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'labctl;session;help' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a lab session from a JSON body (--file) and/or flags')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List sessions, newest first, with filters; --all follows every page')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Show the active lab session of a user')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change the updatable fields of a user''s session')
            [CompletionResult]::new('extend', 'extend', [CompletionResultType]::ParameterValue, 'Lengthen a user''s session by an amount of time')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a user''s session; the backend then deletes its VMs (--wait: until it has)')
            [CompletionResult]::new('history', 'history', [CompletionResultType]::ParameterValue, 'Show ended labs (when and how each ended, whether its VMs are deleted), or one in detail')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'labctl;session;help;create' {
            break
        }
        'labctl;session;help;list' {
            break
        }
        'labctl;session;help;get' {
            break
        }
        'labctl;session;help;update' {
            break
        }
        'labctl;session;help;extend' {
            break
        }
        'labctl;session;help;delete' {
            break
        }
        'labctl;session;help;history' {
            break
        }
        'labctl;session;help;help' {
            break
        }
        'labctl;cleanup' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq ''.[].user_id''')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s data as JSON (stable, documented shapes) instead of text')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail where a question would be asked')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Run a sweep now and print its summary (exit 0 even when calls failed)')
            [CompletionResult]::new('runs', 'runs', [CompletionResultType]::ParameterValue, 'List recent sweeps, newest first')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one sweep''s record and its errors')
            [CompletionResult]::new('queue', 'queue', [CompletionResultType]::ParameterValue, 'List cleanup items still to do (pending) or given up (dead)')
            [CompletionResult]::new('retry', 'retry', [CompletionResultType]::ParameterValue, 'Make a pending or dead item due now, with a fresh attempt count')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'labctl;cleanup;run' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq ''.[].user_id''')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Report what a sweep would do; call nothing, change nothing')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s data as JSON (stable, documented shapes) instead of text')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail where a question would be asked')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'labctl;cleanup;runs' {
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'How many runs to show (pages are followed as needed)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq ''.[].user_id''')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s data as JSON (stable, documented shapes) instead of text')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail where a question would be asked')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'labctl;cleanup;show' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq ''.[].user_id''')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s data as JSON (stable, documented shapes) instead of text')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail where a question would be asked')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'labctl;cleanup;queue' {
            [CompletionResult]::new('--state', '--state', [CompletionResultType]::ParameterName, 'Which items: pending, dead, done or all [default: pending and dead]')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'The most items to show (pages are followed as needed)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq ''.[].user_id''')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]')
            [CompletionResult]::new('--dead', '--dead', [CompletionResultType]::ParameterName, 'Only dead items (same as --state dead)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s data as JSON (stable, documented shapes) instead of text')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail where a question would be asked')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'labctl;cleanup;retry' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq ''.[].user_id''')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]')
            [CompletionResult]::new('--all-dead', '--all-dead', [CompletionResultType]::ParameterName, 'Retry every dead item')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s data as JSON (stable, documented shapes) instead of text')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail where a question would be asked')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'labctl;cleanup;help' {
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Run a sweep now and print its summary (exit 0 even when calls failed)')
            [CompletionResult]::new('runs', 'runs', [CompletionResultType]::ParameterValue, 'List recent sweeps, newest first')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one sweep''s record and its errors')
            [CompletionResult]::new('queue', 'queue', [CompletionResultType]::ParameterValue, 'List cleanup items still to do (pending) or given up (dead)')
            [CompletionResult]::new('retry', 'retry', [CompletionResultType]::ParameterValue, 'Make a pending or dead item due now, with a fresh attempt count')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'labctl;cleanup;help;run' {
            break
        }
        'labctl;cleanup;help;runs' {
            break
        }
        'labctl;cleanup;help;show' {
            break
        }
        'labctl;cleanup;help;queue' {
            break
        }
        'labctl;cleanup;help;retry' {
            break
        }
        'labctl;cleanup;help;help' {
            break
        }
        'labctl;token' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq ''.[].user_id''')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s data as JSON (stable, documented shapes) instead of text')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail where a question would be asked')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Mint a token and print it, this once')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List tokens (never their secrets)')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke a token: it is refused from the next request on')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'labctl;token;create' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'What the token is for, e.g. grafana-dashboard (at most 100 bytes)')
            [CompletionResult]::new('--scope', '--scope', [CompletionResultType]::ParameterName, 'What the token may do')
            [CompletionResult]::new('--expires', '--expires', [CompletionResultType]::ParameterName, 'Lifetime in days: 30d, or a plain number of days (1 to 3650) [default: never expires]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq ''.[].user_id''')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s data as JSON (stable, documented shapes) instead of text')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail where a question would be asked')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'labctl;token;list' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq ''.[].user_id''')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s data as JSON (stable, documented shapes) instead of text')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail where a question would be asked')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'labctl;token;revoke' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq ''.[].user_id''')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Revoke without asking (required when no terminal can be asked)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Revoke without asking (required when no terminal can be asked)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s data as JSON (stable, documented shapes) instead of text')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail where a question would be asked')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'labctl;token;help' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Mint a token and print it, this once')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List tokens (never their secrets)')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke a token: it is refused from the next request on')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'labctl;token;help;create' {
            break
        }
        'labctl;token;help;list' {
            break
        }
        'labctl;token;help;revoke' {
            break
        }
        'labctl;token;help;help' {
            break
        }
        'labctl;health' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq ''.[].user_id''')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s data as JSON (stable, documented shapes) instead of text')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail where a question would be asked')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'labctl;status' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq ''.[].user_id''')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s data as JSON (stable, documented shapes) instead of text')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail where a question would be asked')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'labctl;api' {
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Request body: @FILE, `-` (or @-) for stdin, or literal JSON')
            [CompletionResult]::new('--data', '--data', [CompletionResultType]::ParameterName, 'Request body: @FILE, `-` (or @-) for stdin, or literal JSON')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq ''.[].user_id''')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s data as JSON (stable, documented shapes) instead of text')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail where a question would be asked')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'labctl;auth' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq ''.[].user_id''')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s data as JSON (stable, documented shapes) instead of text')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail where a question would be asked')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Store a token for the profile (hidden prompt, or --with-token from stdin)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show the URL, where the token comes from, and whether the Worker accepts it')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Remove the profile''s stored token')
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'Print the profile''s token to stdout, for scripts')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'labctl;auth;login' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq ''.[].user_id''')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]')
            [CompletionResult]::new('--with-token', '--with-token', [CompletionResultType]::ParameterName, 'Read the token from stdin instead of prompting')
            [CompletionResult]::new('--no-verify', '--no-verify', [CompletionResultType]::ParameterName, 'Store the token without checking it against the Worker')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s data as JSON (stable, documented shapes) instead of text')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail where a question would be asked')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'labctl;auth;status' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq ''.[].user_id''')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s data as JSON (stable, documented shapes) instead of text')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail where a question would be asked')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'labctl;auth;logout' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq ''.[].user_id''')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s data as JSON (stable, documented shapes) instead of text')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail where a question would be asked')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'labctl;auth;token' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq ''.[].user_id''')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s data as JSON (stable, documented shapes) instead of text')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail where a question would be asked')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'labctl;auth;help' {
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Store a token for the profile (hidden prompt, or --with-token from stdin)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show the URL, where the token comes from, and whether the Worker accepts it')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Remove the profile''s stored token')
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'Print the profile''s token to stdout, for scripts')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'labctl;auth;help;login' {
            break
        }
        'labctl;auth;help;status' {
            break
        }
        'labctl;auth;help;logout' {
            break
        }
        'labctl;auth;help;token' {
            break
        }
        'labctl;auth;help;help' {
            break
        }
        'labctl;config' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq ''.[].user_id''')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s data as JSON (stable, documented shapes) instead of text')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail where a question would be asked')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the settings of every profile')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Print one setting of the profile')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Change one setting of the profile')
            [CompletionResult]::new('unset', 'unset', [CompletionResultType]::ParameterValue, 'Remove one setting of the profile')
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print the path of the config file')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'labctl;config;list' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq ''.[].user_id''')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s data as JSON (stable, documented shapes) instead of text')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail where a question would be asked')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'labctl;config;get' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq ''.[].user_id''')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s data as JSON (stable, documented shapes) instead of text')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail where a question would be asked')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'labctl;config;set' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq ''.[].user_id''')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s data as JSON (stable, documented shapes) instead of text')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail where a question would be asked')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'labctl;config;unset' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq ''.[].user_id''')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s data as JSON (stable, documented shapes) instead of text')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail where a question would be asked')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'labctl;config;path' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq ''.[].user_id''')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s data as JSON (stable, documented shapes) instead of text')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail where a question would be asked')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'labctl;config;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the settings of every profile')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Print one setting of the profile')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Change one setting of the profile')
            [CompletionResult]::new('unset', 'unset', [CompletionResultType]::ParameterValue, 'Remove one setting of the profile')
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print the path of the config file')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'labctl;config;help;list' {
            break
        }
        'labctl;config;help;get' {
            break
        }
        'labctl;config;help;set' {
            break
        }
        'labctl;config;help;unset' {
            break
        }
        'labctl;config;help;path' {
            break
        }
        'labctl;config;help;help' {
            break
        }
        'labctl;completions' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq ''.[].user_id''')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the API''s data as JSON (stable, documented shapes) instead of text')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail where a question would be asked')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'labctl;help' {
            [CompletionResult]::new('session', 'session', [CompletionResultType]::ParameterValue, 'Create, list, show, update, extend and delete lab sessions; the history of ended ones')
            [CompletionResult]::new('cleanup', 'cleanup', [CompletionResultType]::ParameterValue, 'Run the expiry cleanup now, read its history and queue, retry failed items')
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'Mint, list and revoke scoped API tokens (needs an admin token)')
            [CompletionResult]::new('health', 'health', [CompletionResultType]::ParameterValue, 'Check that the Worker is up (no token needed)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show whether VMs are being deleted (ok, degraded, failing) and what to do about each problem; exits 0, 9 or 10')
            [CompletionResult]::new('api', 'api', [CompletionResultType]::ParameterValue, 'Send an authenticated request to any API path and print the answer')
            [CompletionResult]::new('auth', 'auth', [CompletionResultType]::ParameterValue, 'Log in, check and remove the token of a profile')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Show and change the settings of profiles')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'labctl;help;session' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a lab session from a JSON body (--file) and/or flags')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List sessions, newest first, with filters; --all follows every page')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Show the active lab session of a user')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change the updatable fields of a user''s session')
            [CompletionResult]::new('extend', 'extend', [CompletionResultType]::ParameterValue, 'Lengthen a user''s session by an amount of time')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a user''s session; the backend then deletes its VMs (--wait: until it has)')
            [CompletionResult]::new('history', 'history', [CompletionResultType]::ParameterValue, 'Show ended labs (when and how each ended, whether its VMs are deleted), or one in detail')
            break
        }
        'labctl;help;session;create' {
            break
        }
        'labctl;help;session;list' {
            break
        }
        'labctl;help;session;get' {
            break
        }
        'labctl;help;session;update' {
            break
        }
        'labctl;help;session;extend' {
            break
        }
        'labctl;help;session;delete' {
            break
        }
        'labctl;help;session;history' {
            break
        }
        'labctl;help;cleanup' {
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Run a sweep now and print its summary (exit 0 even when calls failed)')
            [CompletionResult]::new('runs', 'runs', [CompletionResultType]::ParameterValue, 'List recent sweeps, newest first')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one sweep''s record and its errors')
            [CompletionResult]::new('queue', 'queue', [CompletionResultType]::ParameterValue, 'List cleanup items still to do (pending) or given up (dead)')
            [CompletionResult]::new('retry', 'retry', [CompletionResultType]::ParameterValue, 'Make a pending or dead item due now, with a fresh attempt count')
            break
        }
        'labctl;help;cleanup;run' {
            break
        }
        'labctl;help;cleanup;runs' {
            break
        }
        'labctl;help;cleanup;show' {
            break
        }
        'labctl;help;cleanup;queue' {
            break
        }
        'labctl;help;cleanup;retry' {
            break
        }
        'labctl;help;token' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Mint a token and print it, this once')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List tokens (never their secrets)')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke a token: it is refused from the next request on')
            break
        }
        'labctl;help;token;create' {
            break
        }
        'labctl;help;token;list' {
            break
        }
        'labctl;help;token;revoke' {
            break
        }
        'labctl;help;health' {
            break
        }
        'labctl;help;status' {
            break
        }
        'labctl;help;api' {
            break
        }
        'labctl;help;auth' {
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Store a token for the profile (hidden prompt, or --with-token from stdin)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show the URL, where the token comes from, and whether the Worker accepts it')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Remove the profile''s stored token')
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'Print the profile''s token to stdout, for scripts')
            break
        }
        'labctl;help;auth;login' {
            break
        }
        'labctl;help;auth;status' {
            break
        }
        'labctl;help;auth;logout' {
            break
        }
        'labctl;help;auth;token' {
            break
        }
        'labctl;help;config' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the settings of every profile')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Print one setting of the profile')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Change one setting of the profile')
            [CompletionResult]::new('unset', 'unset', [CompletionResultType]::ParameterValue, 'Remove one setting of the profile')
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print the path of the config file')
            break
        }
        'labctl;help;config;list' {
            break
        }
        'labctl;help;config;get' {
            break
        }
        'labctl;help;config;set' {
            break
        }
        'labctl;help;config;unset' {
            break
        }
        'labctl;help;config;path' {
            break
        }
        'labctl;help;completions' {
            break
        }
        'labctl;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
