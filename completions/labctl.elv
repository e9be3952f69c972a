
use builtin;
use str;

set edit:completion:arg-completer[labctl] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'labctl'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'labctl'= {
            cand --profile 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]'
            cand --url 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]'
            cand --jq 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq ''.[].user_id'''
            cand --color 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never'
            cand --timeout 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]'
            cand --retries 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]'
            cand --json 'Print the API''s data as JSON (stable, documented shapes) instead of text'
            cand --no-input 'Never prompt; fail where a question would be asked'
            cand -v 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
            cand --verbose 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand session 'Create, list, show, update, extend and delete lab sessions; the history of ended ones'
            cand cleanup 'Run the expiry cleanup now, read its history and queue, retry failed items'
            cand token 'Mint, list and revoke scoped API tokens (needs an admin token)'
            cand health 'Check that the Worker is up (no token needed)'
            cand status 'Show whether VMs are being deleted (ok, degraded, failing) and what to do about each problem; exits 0, 9 or 10'
            cand api 'Send an authenticated request to any API path and print the answer'
            cand auth 'Log in, check and remove the token of a profile'
            cand config 'Show and change the settings of profiles'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'labctl;session'= {
            cand --profile 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]'
            cand --url 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]'
            cand --jq 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq ''.[].user_id'''
            cand --color 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never'
            cand --timeout 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]'
            cand --retries 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]'
            cand --json 'Print the API''s data as JSON (stable, documented shapes) instead of text'
            cand --no-input 'Never prompt; fail where a question would be asked'
            cand -v 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
            cand --verbose 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand create 'Create a lab session from a JSON body (--file) and/or flags'
            cand list 'List sessions, newest first, with filters; --all follows every page'
            cand get 'Show the active lab session of a user'
            cand update 'Change the updatable fields of a user''s session'
            cand extend 'Lengthen a user''s session by an amount of time'
            cand delete 'Delete a user''s session; the backend then deletes its VMs (--wait: until it has)'
            cand history 'Show ended labs (when and how each ended, whether its VMs are deleted), or one in detail'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'labctl;session;create'= {
            cand -f 'Read the session body (contract JSON) from PATH, or from stdin with `-`'
            cand --file 'Read the session body (contract JSON) from PATH, or from stdin with `-`'
            cand --idempotency-key 'The Idempotency-Key to send, for a script that reruns the whole command (1 to 255 printable ASCII characters) [default: a fresh random key per run]'
            cand --id 'Session id (a UUID is generated when absent)'
            cand --user-id 'The learner''s user id (at most one session per user)'
            cand --lab-id 'Lab id (labId)'
            cand --lab-title 'Lab title (labTitle)'
            cand --lab-group-id 'Lab group id (labGroupID)'
            cand --module-id 'Module id (moduleID)'
            cand --duration 'Duration in minutes'
            cand --activated-at 'Activation time, ISO 8601 (activatedAt) [default without --file: now]'
            cand --counter-id 'Counter id (counterID)'
            cand --config-id 'Config id (configId)'
            cand --worker-config-id 'Worker config id (workerConfigId)'
            cand --lab-request-id 'Provisioning request id of the master VM (lab_request_id)'
            cand --validation 'Client timestamp in ms (validation) [default without --file: now]'
            cand --vm-name 'Master VM name (vm.name)'
            cand --vm-network-id 'Master VM network id (vm.network_id)'
            cand --vm-netbird-ip 'Master VM NetBird IP (vm.netbird_ip)'
            cand --terminal-url 'Terminal URL (terminal_url)'
            cand --vscode-domain 'VS Code domain (vscode_domain)'
            cand --puku-domain 'Editor domain (puku_domain)'
            cand --worker-nodes 'Worker nodes from a JSON file (an array, or `-` for stdin)'
            cand --worker-node 'A worker node: name=..,worker_lab_request_id=..,network_id=..,netbird_ip=.. (repeatable)'
            cand --load-balancers 'Load balancers from a JSON file (an array, or `-` for stdin)'
            cand --load-balancer 'A load balancer: id=..,domain=..,port=.. (repeatable)'
            cand --profile 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]'
            cand --url 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]'
            cand --jq 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq ''.[].user_id'''
            cand --color 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never'
            cand --timeout 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]'
            cand --retries 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]'
            cand --json 'Print the API''s data as JSON (stable, documented shapes) instead of text'
            cand --no-input 'Never prompt; fail where a question would be asked'
            cand -v 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
            cand --verbose 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'labctl;session;list'= {
            cand --lab-id 'Only sessions of this lab (labId)'
            cand --lab-group-id 'Only sessions of this lab group (labGroupID)'
            cand --created-before 'Only sessions created before this instant (ISO 8601, e.g. 2026-11-20T10:00:00Z)'
            cand --created-after 'Only sessions created after this instant (ISO 8601)'
            cand --limit 'Sessions per page, 1 to 100'
            cand --profile 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]'
            cand --url 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]'
            cand --jq 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq ''.[].user_id'''
            cand --color 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never'
            cand --timeout 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]'
            cand --retries 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]'
            cand --expired 'Only sessions past their expiry (not yet swept by the cleanup)'
            cand --live 'Only sessions that have not expired'
            cand --all 'Follow the cursors and show every page (progress on a terminal)'
            cand --json 'Print the API''s data as JSON (stable, documented shapes) instead of text'
            cand --no-input 'Never prompt; fail where a question would be asked'
            cand -v 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
            cand --verbose 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'labctl;session;get'= {
            cand --profile 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]'
            cand --url 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]'
            cand --jq 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq ''.[].user_id'''
            cand --color 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never'
            cand --timeout 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]'
            cand --retries 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]'
            cand --json 'Print the API''s data as JSON (stable, documented shapes) instead of text'
            cand --no-input 'Never prompt; fail where a question would be asked'
            cand -v 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
            cand --verbose 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'labctl;session;update'= {
            cand -f 'Read the update body (contract JSON) from PATH, or from stdin with `-`'
            cand --file 'Read the update body (contract JSON) from PATH, or from stdin with `-`'
            cand --duration 'New duration in minutes, counted from the session''s creation'
            cand --terminal-url 'Terminal URL (terminal_url)'
            cand --vscode-domain 'VS Code domain (vscode_domain)'
            cand --puku-domain 'Editor domain (puku_domain)'
            cand --worker-nodes 'Worker nodes from a JSON file (an array, or `-` for stdin)'
            cand --worker-node 'A worker node: name=..,worker_lab_request_id=..,network_id=..,netbird_ip=.. (repeatable)'
            cand --load-balancers 'Load balancers from a JSON file (an array, or `-` for stdin)'
            cand --load-balancer 'A load balancer: id=..,domain=..,port=.. (repeatable)'
            cand --profile 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]'
            cand --url 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]'
            cand --jq 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq ''.[].user_id'''
            cand --color 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never'
            cand --timeout 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]'
            cand --retries 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]'
            cand --json 'Print the API''s data as JSON (stable, documented shapes) instead of text'
            cand --no-input 'Never prompt; fail where a question would be asked'
            cand -v 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
            cand --verbose 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'labctl;session;extend'= {
            cand --by 'How much longer: 30m, 2h, 1h30m, or a plain number of minutes'
            cand --profile 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]'
            cand --url 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]'
            cand --jq 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq ''.[].user_id'''
            cand --color 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never'
            cand --timeout 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]'
            cand --retries 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]'
            cand --json 'Print the API''s data as JSON (stable, documented shapes) instead of text'
            cand --no-input 'Never prompt; fail where a question would be asked'
            cand -v 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
            cand --verbose 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'labctl;session;delete'= {
            cand --interval 'How often to look at the session''s history while waiting'
            cand --profile 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]'
            cand --url 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]'
            cand --jq 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq ''.[].user_id'''
            cand --color 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never'
            cand --timeout 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]'
            cand --retries 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]'
            cand -y 'Delete without asking (required when no terminal can be asked)'
            cand --yes 'Delete without asking (required when no terminal can be asked)'
            cand --wait 'Wait until the VM backend has confirmed the deletion of every VM (exit 7 when --timeout passes first, 8 when a VM''s deletion is dead)'
            cand --json 'Print the API''s data as JSON (stable, documented shapes) instead of text'
            cand --no-input 'Never prompt; fail where a question would be asked'
            cand -v 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
            cand --verbose 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'labctl;session;history'= {
            cand --session 'Show one ended session: its summary and every backend call it was owed'
            cand --lab 'Only labs of this lab id (labId)'
            cand --lab-id 'Only labs of this lab id (labId)'
            cand --reason 'Only labs that ended this way'
            cand --since 'Only labs that ended after this: a duration ago (30m, 2h, 7d) or an ISO 8601 timestamp'
            cand --until 'Only labs that ended before this: a duration ago (30m, 2h, 7d) or an ISO 8601 timestamp'
            cand --limit 'Ended labs per page, 1 to 100'
            cand --profile 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]'
            cand --url 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]'
            cand --jq 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq ''.[].user_id'''
            cand --color 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never'
            cand --timeout 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]'
            cand --retries 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]'
            cand --all 'Follow the cursors and show every page (progress on a terminal)'
            cand --json 'Print the API''s data as JSON (stable, documented shapes) instead of text'
            cand --no-input 'Never prompt; fail where a question would be asked'
            cand -v 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
            cand --verbose 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'labctl;session;help'= {
            cand create 'Create a lab session from a JSON body (--file) and/or flags'
            cand list 'List sessions, newest first, with filters; --all follows every page'
            cand get 'Show the active lab session of a user'
            cand update 'Change the updatable fields of a user''s session'
            cand extend 'Lengthen a user''s session by an amount of time'
            cand delete 'Delete a user''s session; the backend then deletes its VMs (--wait: until it has)'
            cand history 'Show ended labs (when and how each ended, whether its VMs are deleted), or one in detail'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'labctl;session;help;create'= {
        }
        &'labctl;session;help;list'= {
        }
        &'labctl;session;help;get'= {
        }
        &'labctl;session;help;update'= {
        }
        &'labctl;session;help;extend'= {
        }
        &'labctl;session;help;delete'= {
        }
        &'labctl;session;help;history'= {
        }
        &'labctl;session;help;help'= {
        }
        &'labctl;cleanup'= {
            cand --profile 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]'
            cand --url 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]'
            cand --jq 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq ''.[].user_id'''
            cand --color 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never'
            cand --timeout 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]'
            cand --retries 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]'
            cand --json 'Print the API''s data as JSON (stable, documented shapes) instead of text'
            cand --no-input 'Never prompt; fail where a question would be asked'
            cand -v 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
            cand --verbose 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand run 'Run a sweep now and print its summary (exit 0 even when calls failed)'
            cand runs 'List recent sweeps, newest first'
            cand show 'Show one sweep''s record and its errors'
            cand queue 'List cleanup items still to do (pending) or given up (dead)'
            cand retry 'Make a pending or dead item due now, with a fresh attempt count'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'labctl;cleanup;run'= {
            cand --profile 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]'
            cand --url 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]'
            cand --jq 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq ''.[].user_id'''
            cand --color 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never'
            cand --timeout 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]'
            cand --retries 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]'
            cand --dry-run 'Report what a sweep would do; call nothing, change nothing'
            cand --json 'Print the API''s data as JSON (stable, documented shapes) instead of text'
            cand --no-input 'Never prompt; fail where a question would be asked'
            cand -v 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
            cand --verbose 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'labctl;cleanup;runs'= {
            cand --limit 'How many runs to show (pages are followed as needed)'
            cand --profile 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]'
            cand --url 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]'
            cand --jq 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq ''.[].user_id'''
            cand --color 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never'
            cand --timeout 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]'
            cand --retries 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]'
            cand --json 'Print the API''s data as JSON (stable, documented shapes) instead of text'
            cand --no-input 'Never prompt; fail where a question would be asked'
            cand -v 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
            cand --verbose 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'labctl;cleanup;show'= {
            cand --profile 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]'
            cand --url 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]'
            cand --jq 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq ''.[].user_id'''
            cand --color 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never'
            cand --timeout 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]'
            cand --retries 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]'
            cand --json 'Print the API''s data as JSON (stable, documented shapes) instead of text'
            cand --no-input 'Never prompt; fail where a question would be asked'
            cand -v 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
            cand --verbose 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'labctl;cleanup;queue'= {
            cand --state 'Which items: pending, dead, done or all [default: pending and dead]'
            cand --limit 'The most items to show (pages are followed as needed)'
            cand --profile 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]'
            cand --url 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]'
            cand --jq 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq ''.[].user_id'''
            cand --color 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never'
            cand --timeout 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]'
            cand --retries 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]'
            cand --dead 'Only dead items (same as --state dead)'
            cand --json 'Print the API''s data as JSON (stable, documented shapes) instead of text'
            cand --no-input 'Never prompt; fail where a question would be asked'
            cand -v 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
            cand --verbose 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'labctl;cleanup;retry'= {
            cand --profile 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]'
            cand --url 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]'
            cand --jq 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq ''.[].user_id'''
            cand --color 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never'
            cand --timeout 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]'
            cand --retries 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]'
            cand --all-dead 'Retry every dead item'
            cand --json 'Print the API''s data as JSON (stable, documented shapes) instead of text'
            cand --no-input 'Never prompt; fail where a question would be asked'
            cand -v 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
            cand --verbose 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'labctl;cleanup;help'= {
            cand run 'Run a sweep now and print its summary (exit 0 even when calls failed)'
            cand runs 'List recent sweeps, newest first'
            cand show 'Show one sweep''s record and its errors'
            cand queue 'List cleanup items still to do (pending) or given up (dead)'
            cand retry 'Make a pending or dead item due now, with a fresh attempt count'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'labctl;cleanup;help;run'= {
        }
        &'labctl;cleanup;help;runs'= {
        }
        &'labctl;cleanup;help;show'= {
        }
        &'labctl;cleanup;help;queue'= {
        }
        &'labctl;cleanup;help;retry'= {
        }
        &'labctl;cleanup;help;help'= {
        }
        &'labctl;token'= {
            cand --profile 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]'
            cand --url 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]'
            cand --jq 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq ''.[].user_id'''
            cand --color 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never'
            cand --timeout 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]'
            cand --retries 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]'
            cand --json 'Print the API''s data as JSON (stable, documented shapes) instead of text'
            cand --no-input 'Never prompt; fail where a question would be asked'
            cand -v 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
            cand --verbose 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand create 'Mint a token and print it, this once'
            cand list 'List tokens (never their secrets)'
            cand revoke 'Revoke a token: it is refused from the next request on'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'labctl;token;create'= {
            cand --name 'What the token is for, e.g. grafana-dashboard (at most 100 bytes)'
            cand --scope 'What the token may do'
            cand --expires 'Lifetime in days: 30d, or a plain number of days (1 to 3650) [default: never expires]'
            cand --profile 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]'
            cand --url 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]'
            cand --jq 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq ''.[].user_id'''
            cand --color 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never'
            cand --timeout 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]'
            cand --retries 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]'
            cand --json 'Print the API''s data as JSON (stable, documented shapes) instead of text'
            cand --no-input 'Never prompt; fail where a question would be asked'
            cand -v 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
            cand --verbose 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'labctl;token;list'= {
            cand --profile 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]'
            cand --url 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]'
            cand --jq 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq ''.[].user_id'''
            cand --color 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never'
            cand --timeout 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]'
            cand --retries 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]'
            cand --json 'Print the API''s data as JSON (stable, documented shapes) instead of text'
            cand --no-input 'Never prompt; fail where a question would be asked'
            cand -v 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
            cand --verbose 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'labctl;token;revoke'= {
            cand --profile 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]'
            cand --url 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]'
            cand --jq 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq ''.[].user_id'''
            cand --color 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never'
            cand --timeout 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]'
            cand --retries 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]'
            cand -y 'Revoke without asking (required when no terminal can be asked)'
            cand --yes 'Revoke without asking (required when no terminal can be asked)'
            cand --json 'Print the API''s data as JSON (stable, documented shapes) instead of text'
            cand --no-input 'Never prompt; fail where a question would be asked'
            cand -v 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
            cand --verbose 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'labctl;token;help'= {
            cand create 'Mint a token and print it, this once'
            cand list 'List tokens (never their secrets)'
            cand revoke 'Revoke a token: it is refused from the next request on'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'labctl;token;help;create'= {
        }
        &'labctl;token;help;list'= {
        }
        &'labctl;token;help;revoke'= {
        }
        &'labctl;token;help;help'= {
        }
        &'labctl;health'= {
            cand --profile 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]'
            cand --url 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]'
            cand --jq 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq ''.[].user_id'''
            cand --color 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never'
            cand --timeout 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]'
            cand --retries 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]'
            cand --json 'Print the API''s data as JSON (stable, documented shapes) instead of text'
            cand --no-input 'Never prompt; fail where a question would be asked'
            cand -v 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
            cand --verbose 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'labctl;status'= {
            cand --profile 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]'
            cand --url 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]'
            cand --jq 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq ''.[].user_id'''
            cand --color 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never'
            cand --timeout 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]'
            cand --retries 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]'
            cand --json 'Print the API''s data as JSON (stable, documented shapes) instead of text'
            cand --no-input 'Never prompt; fail where a question would be asked'
            cand -v 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
            cand --verbose 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'labctl;api'= {
            cand -d 'Request body: @FILE, `-` (or @-) for stdin, or literal JSON'
            cand --data 'Request body: @FILE, `-` (or @-) for stdin, or literal JSON'
            cand --profile 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]'
            cand --url 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]'
            cand --jq 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq ''.[].user_id'''
            cand --color 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never'
            cand --timeout 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]'
            cand --retries 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]'
            cand --json 'Print the API''s data as JSON (stable, documented shapes) instead of text'
            cand --no-input 'Never prompt; fail where a question would be asked'
            cand -v 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
            cand --verbose 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'labctl;auth'= {
            cand --profile 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]'
            cand --url 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]'
            cand --jq 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq ''.[].user_id'''
            cand --color 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never'
            cand --timeout 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]'
            cand --retries 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]'
            cand --json 'Print the API''s data as JSON (stable, documented shapes) instead of text'
            cand --no-input 'Never prompt; fail where a question would be asked'
            cand -v 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
            cand --verbose 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand login 'Store a token for the profile (hidden prompt, or --with-token from stdin)'
            cand status 'Show the URL, where the token comes from, and whether the Worker accepts it'
            cand logout 'Remove the profile''s stored token'
            cand token 'Print the profile''s token to stdout, for scripts'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'labctl;auth;login'= {
            cand --profile 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]'
            cand --url 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]'
            cand --jq 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq ''.[].user_id'''
            cand --color 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never'
            cand --timeout 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]'
            cand --retries 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]'
            cand --with-token 'Read the token from stdin instead of prompting'
            cand --no-verify 'Store the token without checking it against the Worker'
            cand --json 'Print the API''s data as JSON (stable, documented shapes) instead of text'
            cand --no-input 'Never prompt; fail where a question would be asked'
            cand -v 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
            cand --verbose 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'labctl;auth;status'= {
            cand --profile 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]'
            cand --url 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]'
            cand --jq 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq ''.[].user_id'''
            cand --color 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never'
            cand --timeout 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]'
            cand --retries 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]'
            cand --json 'Print the API''s data as JSON (stable, documented shapes) instead of text'
            cand --no-input 'Never prompt; fail where a question would be asked'
            cand -v 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
            cand --verbose 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'labctl;auth;logout'= {
            cand --profile 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]'
            cand --url 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]'
            cand --jq 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq ''.[].user_id'''
            cand --color 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never'
            cand --timeout 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]'
            cand --retries 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]'
            cand --json 'Print the API''s data as JSON (stable, documented shapes) instead of text'
            cand --no-input 'Never prompt; fail where a question would be asked'
            cand -v 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
            cand --verbose 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'labctl;auth;token'= {
            cand --profile 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]'
            cand --url 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]'
            cand --jq 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq ''.[].user_id'''
            cand --color 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never'
            cand --timeout 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]'
            cand --retries 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]'
            cand --json 'Print the API''s data as JSON (stable, documented shapes) instead of text'
            cand --no-input 'Never prompt; fail where a question would be asked'
            cand -v 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
            cand --verbose 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'labctl;auth;help'= {
            cand login 'Store a token for the profile (hidden prompt, or --with-token from stdin)'
            cand status 'Show the URL, where the token comes from, and whether the Worker accepts it'
            cand logout 'Remove the profile''s stored token'
            cand token 'Print the profile''s token to stdout, for scripts'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'labctl;auth;help;login'= {
        }
        &'labctl;auth;help;status'= {
        }
        &'labctl;auth;help;logout'= {
        }
        &'labctl;auth;help;token'= {
        }
        &'labctl;auth;help;help'= {
        }
        &'labctl;config'= {
            cand --profile 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]'
            cand --url 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]'
            cand --jq 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq ''.[].user_id'''
            cand --color 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never'
            cand --timeout 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]'
            cand --retries 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]'
            cand --json 'Print the API''s data as JSON (stable, documented shapes) instead of text'
            cand --no-input 'Never prompt; fail where a question would be asked'
            cand -v 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
            cand --verbose 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'List the settings of every profile'
            cand get 'Print one setting of the profile'
            cand set 'Change one setting of the profile'
            cand unset 'Remove one setting of the profile'
            cand path 'Print the path of the config file'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'labctl;config;list'= {
            cand --profile 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]'
            cand --url 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]'
            cand --jq 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq ''.[].user_id'''
            cand --color 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never'
            cand --timeout 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]'
            cand --retries 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]'
            cand --json 'Print the API''s data as JSON (stable, documented shapes) instead of text'
            cand --no-input 'Never prompt; fail where a question would be asked'
            cand -v 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
            cand --verbose 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'labctl;config;get'= {
            cand --profile 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]'
            cand --url 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]'
            cand --jq 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq ''.[].user_id'''
            cand --color 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never'
            cand --timeout 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]'
            cand --retries 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]'
            cand --json 'Print the API''s data as JSON (stable, documented shapes) instead of text'
            cand --no-input 'Never prompt; fail where a question would be asked'
            cand -v 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
            cand --verbose 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'labctl;config;set'= {
            cand --profile 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]'
            cand --url 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]'
            cand --jq 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq ''.[].user_id'''
            cand --color 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never'
            cand --timeout 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]'
            cand --retries 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]'
            cand --json 'Print the API''s data as JSON (stable, documented shapes) instead of text'
            cand --no-input 'Never prompt; fail where a question would be asked'
            cand -v 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
            cand --verbose 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'labctl;config;unset'= {
            cand --profile 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]'
            cand --url 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]'
            cand --jq 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq ''.[].user_id'''
            cand --color 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never'
            cand --timeout 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]'
            cand --retries 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]'
            cand --json 'Print the API''s data as JSON (stable, documented shapes) instead of text'
            cand --no-input 'Never prompt; fail where a question would be asked'
            cand -v 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
            cand --verbose 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'labctl;config;path'= {
            cand --profile 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]'
            cand --url 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]'
            cand --jq 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq ''.[].user_id'''
            cand --color 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never'
            cand --timeout 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]'
            cand --retries 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]'
            cand --json 'Print the API''s data as JSON (stable, documented shapes) instead of text'
            cand --no-input 'Never prompt; fail where a question would be asked'
            cand -v 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
            cand --verbose 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'labctl;config;help'= {
            cand list 'List the settings of every profile'
            cand get 'Print one setting of the profile'
            cand set 'Change one setting of the profile'
            cand unset 'Remove one setting of the profile'
            cand path 'Print the path of the config file'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'labctl;config;help;list'= {
        }
        &'labctl;config;help;get'= {
        }
        &'labctl;config;help;set'= {
        }
        &'labctl;config;help;unset'= {
        }
        &'labctl;config;help;path'= {
        }
        &'labctl;config;help;help'= {
        }
        &'labctl;completions'= {
            cand --profile 'Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]'
            cand --url 'Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]'
            cand --jq 'Filter the JSON output with a jq expression (implies --json): one result per line, strings raw, e.g. --jq ''.[].user_id'''
            cand --color 'When to use colour: auto (a terminal, and NO_COLOR unset), always or never'
            cand --timeout 'Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default: 5m]'
            cand --retries 'Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]'
            cand --json 'Print the API''s data as JSON (stable, documented shapes) instead of text'
            cand --no-input 'Never prompt; fail where a question would be asked'
            cand -v 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
            cand --verbose 'Trace requests to stderr: -v method, URL, status and duration; -vv also bodies'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'labctl;help'= {
            cand session 'Create, list, show, update, extend and delete lab sessions; the history of ended ones'
            cand cleanup 'Run the expiry cleanup now, read its history and queue, retry failed items'
            cand token 'Mint, list and revoke scoped API tokens (needs an admin token)'
            cand health 'Check that the Worker is up (no token needed)'
            cand status 'Show whether VMs are being deleted (ok, degraded, failing) and what to do about each problem; exits 0, 9 or 10'
            cand api 'Send an authenticated request to any API path and print the answer'
            cand auth 'Log in, check and remove the token of a profile'
            cand config 'Show and change the settings of profiles'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'labctl;help;session'= {
            cand create 'Create a lab session from a JSON body (--file) and/or flags'
            cand list 'List sessions, newest first, with filters; --all follows every page'
            cand get 'Show the active lab session of a user'
            cand update 'Change the updatable fields of a user''s session'
            cand extend 'Lengthen a user''s session by an amount of time'
            cand delete 'Delete a user''s session; the backend then deletes its VMs (--wait: until it has)'
            cand history 'Show ended labs (when and how each ended, whether its VMs are deleted), or one in detail'
        }
        &'labctl;help;session;create'= {
        }
        &'labctl;help;session;list'= {
        }
        &'labctl;help;session;get'= {
        }
        &'labctl;help;session;update'= {
        }
        &'labctl;help;session;extend'= {
        }
        &'labctl;help;session;delete'= {
        }
        &'labctl;help;session;history'= {
        }
        &'labctl;help;cleanup'= {
            cand run 'Run a sweep now and print its summary (exit 0 even when calls failed)'
            cand runs 'List recent sweeps, newest first'
            cand show 'Show one sweep''s record and its errors'
            cand queue 'List cleanup items still to do (pending) or given up (dead)'
            cand retry 'Make a pending or dead item due now, with a fresh attempt count'
        }
        &'labctl;help;cleanup;run'= {
        }
        &'labctl;help;cleanup;runs'= {
        }
        &'labctl;help;cleanup;show'= {
        }
        &'labctl;help;cleanup;queue'= {
        }
        &'labctl;help;cleanup;retry'= {
        }
        &'labctl;help;token'= {
            cand create 'Mint a token and print it, this once'
            cand list 'List tokens (never their secrets)'
            cand revoke 'Revoke a token: it is refused from the next request on'
        }
        &'labctl;help;token;create'= {
        }
        &'labctl;help;token;list'= {
        }
        &'labctl;help;token;revoke'= {
        }
        &'labctl;help;health'= {
        }
        &'labctl;help;status'= {
        }
        &'labctl;help;api'= {
        }
        &'labctl;help;auth'= {
            cand login 'Store a token for the profile (hidden prompt, or --with-token from stdin)'
            cand status 'Show the URL, where the token comes from, and whether the Worker accepts it'
            cand logout 'Remove the profile''s stored token'
            cand token 'Print the profile''s token to stdout, for scripts'
        }
        &'labctl;help;auth;login'= {
        }
        &'labctl;help;auth;status'= {
        }
        &'labctl;help;auth;logout'= {
        }
        &'labctl;help;auth;token'= {
        }
        &'labctl;help;config'= {
            cand list 'List the settings of every profile'
            cand get 'Print one setting of the profile'
            cand set 'Change one setting of the profile'
            cand unset 'Remove one setting of the profile'
            cand path 'Print the path of the config file'
        }
        &'labctl;help;config;list'= {
        }
        &'labctl;help;config;get'= {
        }
        &'labctl;help;config;set'= {
        }
        &'labctl;help;config;unset'= {
        }
        &'labctl;help;config;path'= {
        }
        &'labctl;help;completions'= {
        }
        &'labctl;help;help'= {
        }
    ]
    $completions[$command]
}
