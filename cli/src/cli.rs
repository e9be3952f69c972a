//! Every clap definition of `labctl`: the command tree, its flags and their help. Command
//! bodies live in [`crate::commands`]; nothing here does any work.
//!
//! A command group is one variant of [`Command`] with its `Subcommand` enum here, plus one
//! module under `commands/`.

use std::path::PathBuf;
use std::time::Duration;

use clap::builder::{PossibleValue, TypedValueParser as _};
use clap::{ArgAction, Args, Parser, Subcommand, ValueEnum};
use labs_core::cleanup::ItemState;
use labs_core::history::{EndReason, HISTORY_DEFAULT_LIMIT};
use labs_core::query::{MAX_LIMIT, SESSIONS_DEFAULT_LIMIT};
use labs_core::tokens::{MAX_EXPIRES_IN_DAYS, MAX_NAME_BYTES, Scope};
use serde_json::Value;

use crate::duration::{self, When};

/// Explains the order in which settings are resolved and the exit codes.
const LONG_ABOUT: &str = "\
labctl drives the Lab Sessions API: it creates, lists, reads, updates, extends and deletes
the lab sessions of learners and shows what became of ended ones, runs and inspects the
expiry cleanup, mints and revokes API tokens, and checks the Worker's health. Tables on a
terminal, plain text when piped, --json for scripts.

Settings are resolved in this order, first match wins:
  1. flags (--url, --timeout, --retries; there is no flag for the token)
  2. environment (LABCTL_URL, LABCTL_TOKEN, LABCTL_TIMEOUT, LABCTL_RETRIES)
  3. the profile (--profile NAME, else LABCTL_PROFILE, else `default`): its settings in
     config.toml and its token in the OS keyring, or in credentials.toml when no keyring works
  4. defaults (url http://127.0.0.1:8787, timeout 10s, retries 2)";

/// Environment variables and exit codes, shown by `labctl --help`.
const AFTER_LONG_HELP: &str = "\
Environment:
  LABCTL_URL          base URL of the Worker
  LABCTL_TOKEN        bearer token (never pass a token as a flag)
  LABCTL_PROFILE      profile to use when --profile is absent
  LABCTL_TIMEOUT      request timeout, e.g. 10s
  LABCTL_RETRIES      retries for idempotent requests
  LABCTL_CONFIG_DIR   directory of config.toml and credentials.toml
  LABCTL_KEYRING=off  store tokens in credentials.toml (mode 0600), not the OS keyring
  LABCTL_INSECURE_HTTP=1
                      send the token over plain http:// to any host (without it: only to
                      loopback addresses and localhost)
  NO_COLOR            disable colour (as --color never)

Exit codes:
  0  success             4  authentication failed (no token, 401, 403: scope too small)
  1  other error         5  conflict (409: the user already has a session, the cleanup
  2  usage error            item is already done; an idempotency key already used)
  3  not found (404)     6  Worker unreachable or timed out
  7  `session delete --wait`: the time ran out before every VM was confirmed deleted
  8  `session delete --wait`: a VM's deletion is dead (retry it with `labctl cleanup retry`)
  9  `status`: degraded  10  `status`: failing";

/// labctl: the operator CLI for the Lab Sessions API.
#[derive(Debug, Parser)]
#[command(
    name = "labctl",
    version,
    about = "Operate the Lab Sessions API: lab sessions, cleanup, API tokens, health, raw \
             requests, auth and profiles",
    long_about = LONG_ABOUT,
    after_long_help = AFTER_LONG_HELP,
    propagate_version = true,
    arg_required_else_help = true,
    max_term_width = 100
)]
pub struct Cli {
    /// Options every command accepts.
    #[command(flatten)]
    pub global: GlobalArgs,

    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

/// Options every command accepts, before or after the subcommand.
#[derive(Debug, Clone, Args)]
#[command(next_help_heading = "Global options")]
pub struct GlobalArgs {
    /// Profile whose URL and token to use [env: LABCTL_PROFILE] [default: default]
    #[arg(long, global = true, value_name = "NAME")]
    pub profile: Option<String>,

    /// Base URL of the Worker [env: LABCTL_URL] [default: http://127.0.0.1:8787]
    #[arg(long, global = true, value_name = "URL")]
    pub url: Option<String>,

    /// Print the API's data as JSON (stable, documented shapes) instead of text
    #[arg(long, global = true)]
    pub json: bool,

    /// Filter the JSON output with a jq expression (implies --json): one result per line,
    /// strings raw, e.g. --jq '.[].user_id'
    #[arg(long, global = true, value_name = "EXPRESSION")]
    pub jq: Option<String>,

    /// When to use colour: auto (a terminal, and NO_COLOR unset), always or never
    #[arg(long, global = true, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// Never prompt; fail where a question would be asked
    #[arg(long, global = true)]
    pub no_input: bool,

    /// Trace requests to stderr: -v method, URL, status and duration; -vv also bodies
    #[arg(short, long, global = true, action = ArgAction::Count)]
    pub verbose: u8,

    /// Request timeout, e.g. 10s, 1m, 500ms [env: LABCTL_TIMEOUT] [default: 10s; 5m for
    /// `cleanup run`]; with `session delete --wait`, how long to wait for the VMs [default:
    /// 5m]
    #[arg(long, global = true, value_name = "DURATION", value_parser = duration::parse_timeout)]
    pub timeout: Option<Duration>,

    /// Retries after a connection error, timeout or 5xx, for GET, PUT, DELETE and `session
    /// create` (sent with an Idempotency-Key) only [env: LABCTL_RETRIES] [default: 2]
    #[arg(long, global = true, value_name = "N")]
    pub retries: Option<u32>,
}

/// When to colour output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour on a terminal unless NO_COLOR is set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// The command groups of `labctl`.
// Parsed once per run: the size of the largest variant does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create, list, show, update, extend and delete lab sessions; the history of ended ones
    #[command(subcommand)]
    Session(SessionCommand),

    /// Run the expiry cleanup now, read its history and queue, retry failed items
    #[command(subcommand)]
    Cleanup(CleanupCommand),

    /// Mint, list and revoke scoped API tokens (needs an admin token)
    #[command(subcommand)]
    Token(TokenCommand),

    /// Check that the Worker is up (no token needed)
    Health,

    /// Show whether VMs are being deleted (ok, degraded, failing) and what to do about each
    /// problem; exits 0, 9 or 10
    #[command(after_long_help = STATUS_HELP)]
    Status,

    /// Send an authenticated request to any API path and print the answer
    Api(ApiArgs),

    /// Log in, check and remove the token of a profile
    #[command(subcommand)]
    Auth(AuthCommand),

    /// Show and change the settings of profiles
    #[command(subcommand)]
    Config(ConfigCommand),

    /// Print a shell completion script
    Completions(CompletionsArgs),
}

const STATUS_HELP: &str = "\
Examples:
  labctl status
  labctl status --json
  labctl status --jq '.problems[].code'
  labctl status >/dev/null || echo \"cleanup needs attention (exit $?)\"

GET /api/v1/labs/status (a read token is enough). Each problem comes with what to do:
  dead_items       a VM deletion gave up: `labctl cleanup queue --state dead`, then
                   `labctl cleanup retry ITEM` (or --all-dead) once the backend is fixed
  cron_stale       no cron sweep for over 3 minutes while work waits: check the Worker's cron
                   trigger ([triggers] crons in wrangler.toml, or the dashboard's Triggers)
  backend_failing  every call of the last cron sweep failed: check the VM backend
  backlog          the queue takes over 30 minutes to drain: raise CLEANUP_MAX_SUBREQUESTS,
                   or wait
  config_invalid   a CLEANUP_* value was refused (its default is used): fix the named var

Exit codes: 0 ok, 9 degraded, 10 failing (with --json and --jq too); the others as for every
command (4: the token is refused, 6: the Worker is unreachable).";

// ---------------------------------------------------------------------------------------------
// session

/// `labctl session ...`
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum SessionCommand {
    /// Create a lab session from a JSON body (--file) and/or flags
    #[command(after_long_help = CREATE_HELP)]
    Create(CreateArgs),

    /// List sessions, newest first, with filters; --all follows every page
    #[command(after_long_help = list_help())]
    List(ListArgs),

    /// Show the active lab session of a user
    Get(UserArgs),

    /// Change the updatable fields of a user's session
    #[command(after_long_help = UPDATE_HELP)]
    Update(UpdateArgs),

    /// Lengthen a user's session by an amount of time
    Extend(ExtendArgs),

    /// Delete a user's session; the backend then deletes its VMs (--wait: until it has)
    #[command(after_long_help = DELETE_HELP)]
    Delete(DeleteArgs),

    /// Show ended labs (when and how each ended, whether its VMs are deleted), or one in
    /// detail
    #[command(after_long_help = history_help())]
    History(HistoryArgs),
}

const DELETE_HELP: &str = "\
Examples:
  labctl session delete user-42
  labctl session delete user-42 --yes --wait
  labctl session delete user-42 --yes --wait --timeout 10m --json

With --wait, labctl follows the ended session's history until the VM backend has confirmed
the deletion of every VM: a progress line on a terminal (2/3 VMs deleted), nothing extra when
piped; --json then prints the ended session as `session history --session` does. --timeout
sets how long to wait (default 5m); each request keeps its ordinary limit.

Exit codes of --wait: 0 every VM is deleted; 7 the time ran out first (what remains and its
last error are named; the cleanup goes on); 8 a VM's deletion is dead: the cleanup gave up
after its last attempt, and nobody deletes that VM until `labctl cleanup retry ITEM`.";

fn history_help() -> String {
    format!(
        "\
Examples:
  labctl session history user-42
  labctl session history user-42 --since 7d --reason expired
  labctl session history --lab lab-intro-k8s --since 2026-11-20T00:00:00Z --all
  labctl session history --session 1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed
  labctl session history user-42 --jq '.[0].session_id'

Ended labs, newest first: when each ended, how (expired: its time was up; deleted: `session
delete`), and its VMs: confirmed deleted, pending (retried with backoff) or dead (given up;
waiting for `labctl cleanup retry`). --since and --until take a duration ago (30m, 2h, 7d)
or an ISO 8601 timestamp. --limit is the page size (1 to {MAX_LIMIT}, default
{HISTORY_DEFAULT_LIMIT}); --all follows every page. --session SESSION_ID shows one ended session
and every backend call it was owed: state, attempts, last error. Ended labs are kept 30 days."
    )
}

const CREATE_HELP: &str = "\
Examples:
  labctl session create --file create.json
  cat create.json | labctl session create --file - --json
  labctl session create --file create.json --user-id user-42 --duration 90
  labctl session create --user-id user-42 --lab-id lab-k8s --lab-title 'Intro to K8s' \\
      --lab-group-id g1 --module-id m1 --duration 60 --counter-id c1 --config-id cfg1 \\
      --worker-config-id wcfg1 --lab-request-id req-1 --terminal-url https://t.example \\
      --vm-name vm1 --vm-network-id net1 --vm-netbird-ip 100.64.0.1

Flags override the fields of --file. Without --file, --activated-at defaults to now and
--validation to the current time in milliseconds.";

const UPDATE_HELP: &str = "\
Examples:
  labctl session update user-42 --duration 120 --terminal-url https://t2.example
  labctl session update user-42 --worker-node name=w1,worker_lab_request_id=r1,network_id=n1,netbird_ip=100.64.0.2
  labctl session update user-42 --load-balancers lbs.json
  labctl session update user-42 --file update.json

Worker nodes and load balancers replace the session's whole list.";

fn list_help() -> String {
    format!(
        "\
Examples:
  labctl session list
  labctl session list --lab-id lab-intro-k8s --live
  labctl session list --created-after 2026-11-20T00:00:00Z --all --json | jq length
  labctl session list --expired --limit {MAX_LIMIT} --all

--limit is the page size (1 to {MAX_LIMIT}, checked by the Worker); without --all only the
first page is shown, and a note on stderr says when there are more. --json prints an array
of session objects."
    )
}

/// `labctl session list`
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only sessions past their expiry (not yet swept by the cleanup)
    #[arg(long, conflicts_with = "live")]
    pub expired: bool,

    /// Only sessions that have not expired
    #[arg(long)]
    pub live: bool,

    /// Only sessions of this lab (labId)
    #[arg(long, value_name = "LAB_ID")]
    pub lab_id: Option<String>,

    /// Only sessions of this lab group (labGroupID)
    #[arg(long, value_name = "GROUP_ID")]
    pub lab_group_id: Option<String>,

    /// Only sessions created before this instant (ISO 8601, e.g. 2026-11-20T10:00:00Z)
    #[arg(long, value_name = "TIMESTAMP")]
    pub created_before: Option<String>,

    /// Only sessions created after this instant (ISO 8601)
    #[arg(long, value_name = "TIMESTAMP")]
    pub created_after: Option<String>,

    /// Sessions per page, 1 to the API's largest page
    #[arg(
        long,
        value_name = "N",
        default_value_t = SESSIONS_DEFAULT_LIMIT as u32,
        help = format!("Sessions per page, 1 to {MAX_LIMIT}")
    )]
    pub limit: u32,

    /// Follow the cursors and show every page (progress on a terminal)
    #[arg(long)]
    pub all: bool,
}

/// A positional user id.
#[derive(Debug, Args)]
pub struct UserArgs {
    /// The learner's user id (any string; it is percent-encoded in the URL)
    #[arg(value_name = "USER_ID")]
    pub user_id: String,
}

/// `labctl session create`
#[derive(Debug, Args)]
pub struct CreateArgs {
    /// Read the session body (contract JSON) from PATH, or from stdin with `-`
    #[arg(short, long, value_name = "PATH")]
    pub file: Option<PathBuf>,

    /// The Idempotency-Key to send, for a script that reruns the whole command (1 to 255
    /// printable ASCII characters) [default: a fresh random key per run]
    #[arg(long, value_name = "KEY", value_parser = parse_idempotency_key)]
    pub idempotency_key: Option<String>,

    /// Session id (a UUID is generated when absent)
    #[arg(long, help_heading = "Session fields")]
    pub id: Option<String>,
    /// The learner's user id (at most one session per user)
    #[arg(long, help_heading = "Session fields")]
    pub user_id: Option<String>,
    /// Lab id (labId)
    #[arg(long, help_heading = "Session fields")]
    pub lab_id: Option<String>,
    /// Lab title (labTitle)
    #[arg(long, help_heading = "Session fields")]
    pub lab_title: Option<String>,
    /// Lab group id (labGroupID)
    #[arg(long, help_heading = "Session fields")]
    pub lab_group_id: Option<String>,
    /// Module id (moduleID)
    #[arg(long, help_heading = "Session fields")]
    pub module_id: Option<String>,
    /// Duration in minutes
    #[arg(long, value_name = "MINUTES", help_heading = "Session fields")]
    pub duration: Option<u32>,
    /// Activation time, ISO 8601 (activatedAt) [default without --file: now]
    #[arg(long, value_name = "TIMESTAMP", help_heading = "Session fields")]
    pub activated_at: Option<String>,
    /// Counter id (counterID)
    #[arg(long, help_heading = "Session fields")]
    pub counter_id: Option<String>,
    /// Config id (configId)
    #[arg(long, help_heading = "Session fields")]
    pub config_id: Option<String>,
    /// Worker config id (workerConfigId)
    #[arg(long, help_heading = "Session fields")]
    pub worker_config_id: Option<String>,
    /// Provisioning request id of the master VM (lab_request_id)
    #[arg(long, help_heading = "Session fields")]
    pub lab_request_id: Option<String>,
    /// Client timestamp in ms (validation) [default without --file: now]
    #[arg(long, value_name = "MILLIS", help_heading = "Session fields")]
    pub validation: Option<i64>,
    /// Master VM name (vm.name)
    #[arg(long, help_heading = "Session fields")]
    pub vm_name: Option<String>,
    /// Master VM network id (vm.network_id)
    #[arg(long, help_heading = "Session fields")]
    pub vm_network_id: Option<String>,
    /// Master VM NetBird IP (vm.netbird_ip)
    #[arg(long, help_heading = "Session fields")]
    pub vm_netbird_ip: Option<String>,

    /// The updatable fields, shared with `session update`.
    #[command(flatten)]
    pub fields: UpdatableFields,
}

/// The fields `session update` can change; `session create` accepts them too.
#[derive(Debug, Args)]
pub struct UpdatableFields {
    /// Terminal URL (terminal_url)
    #[arg(long, value_name = "URL", help_heading = "Session fields")]
    pub terminal_url: Option<String>,
    /// VS Code domain (vscode_domain)
    #[arg(long, value_name = "DOMAIN", help_heading = "Session fields")]
    pub vscode_domain: Option<String>,
    /// Editor domain (puku_domain)
    #[arg(long, value_name = "DOMAIN", help_heading = "Session fields")]
    pub puku_domain: Option<String>,
    /// Worker nodes from a JSON file (an array, or `-` for stdin)
    #[arg(
        long,
        value_name = "PATH",
        conflicts_with = "worker_node",
        help_heading = "Session fields"
    )]
    pub worker_nodes: Option<PathBuf>,
    /// A worker node: name=..,worker_lab_request_id=..,network_id=..,netbird_ip=.. (repeatable)
    #[arg(long, value_name = "SPEC", value_parser = parse_worker_node, help_heading = "Session fields")]
    pub worker_node: Vec<Value>,
    /// Load balancers from a JSON file (an array, or `-` for stdin)
    #[arg(
        long,
        value_name = "PATH",
        conflicts_with = "load_balancer",
        help_heading = "Session fields"
    )]
    pub load_balancers: Option<PathBuf>,
    /// A load balancer: id=..,domain=..,port=.. (repeatable)
    #[arg(long, value_name = "SPEC", value_parser = parse_load_balancer, help_heading = "Session fields")]
    pub load_balancer: Vec<Value>,
}

/// `labctl session update`
#[derive(Debug, Args)]
pub struct UpdateArgs {
    /// The learner's user id
    #[arg(value_name = "USER_ID")]
    pub user_id: String,

    /// Read the update body (contract JSON) from PATH, or from stdin with `-`
    #[arg(short, long, value_name = "PATH")]
    pub file: Option<PathBuf>,

    /// New duration in minutes, counted from the session's creation
    #[arg(long, value_name = "MINUTES", help_heading = "Session fields")]
    pub duration: Option<u32>,

    /// The updatable fields.
    #[command(flatten)]
    pub fields: UpdatableFields,
}

/// `labctl session extend`
#[derive(Debug, Args)]
pub struct ExtendArgs {
    /// The learner's user id
    #[arg(value_name = "USER_ID")]
    pub user_id: String,

    /// How much longer: 30m, 2h, 1h30m, or a plain number of minutes
    #[arg(long, value_name = "DURATION", value_parser = duration::parse_minutes)]
    pub by: u32,
}

/// `labctl session delete`
#[derive(Debug, Args)]
pub struct DeleteArgs {
    /// The learner's user id
    #[arg(value_name = "USER_ID")]
    pub user_id: String,

    /// Delete without asking (required when no terminal can be asked)
    #[arg(short, long)]
    pub yes: bool,

    /// Wait until the VM backend has confirmed the deletion of every VM (exit 7 when
    /// --timeout passes first, 8 when a VM's deletion is dead)
    #[arg(long)]
    pub wait: bool,

    /// How often to look at the session's history while waiting
    #[arg(
        long,
        value_name = "DURATION",
        requires = "wait",
        default_value = "1s",
        value_parser = duration::parse_timeout
    )]
    pub interval: Duration,
}

/// `labctl session history`
#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// Only this learner's ended labs [default: every user's]
    #[arg(value_name = "USER_ID", conflicts_with = "session")]
    pub user_id: Option<String>,

    /// Show one ended session: its summary and every backend call it was owed
    #[arg(
        long,
        value_name = "SESSION_ID",
        conflicts_with_all = ["lab", "reason", "since", "until", "limit", "all"]
    )]
    pub session: Option<String>,

    /// Only labs of this lab id (labId)
    #[arg(long, value_name = "LAB_ID", visible_alias = "lab-id")]
    pub lab: Option<String>,

    /// Only labs that ended this way
    #[arg(
        long,
        value_name = "HOW",
        value_parser = clap::builder::EnumValueParser::<ReasonArg>::new().map(|arg| arg.0)
    )]
    pub reason: Option<EndReason>,

    /// Only labs that ended after this: a duration ago (30m, 2h, 7d) or an ISO 8601 timestamp
    #[arg(long, value_name = "WHEN", value_parser = duration::parse_when)]
    pub since: Option<When>,

    /// Only labs that ended before this: a duration ago (30m, 2h, 7d) or an ISO 8601 timestamp
    #[arg(long, value_name = "WHEN", value_parser = duration::parse_when)]
    pub until: Option<When>,

    /// Ended labs per page, 1 to the API's largest page
    #[arg(
        long,
        value_name = "N",
        default_value_t = HISTORY_DEFAULT_LIMIT as u32,
        help = format!("Ended labs per page, 1 to {MAX_LIMIT}")
    )]
    pub limit: u32,

    /// Follow the cursors and show every page (progress on a terminal)
    #[arg(long)]
    pub all: bool,
}

/// labs-core's [`EndReason`] as a flag value (named as the API names it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReasonArg(pub EndReason);

impl ValueEnum for ReasonArg {
    fn value_variants<'a>() -> &'a [Self] {
        &[ReasonArg(EndReason::Expired), ReasonArg(EndReason::Deleted)]
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        let help = match self.0 {
            EndReason::Expired => "Its time was up (the cleanup ended it)",
            EndReason::Deleted => "Deleted (`labctl session delete`, DELETE)",
        };
        Some(PossibleValue::new(self.0.as_str()).help(help))
    }
}

// ---------------------------------------------------------------------------------------------
// cleanup

/// `labctl cleanup ...`
#[derive(Debug, Subcommand)]
#[command(after_long_help = "\
The Worker sweeps every minute on its own: expired sessions move to a cleanup queue, one
item per VM (plus one for the master's exposed services), and each item is called until the
VM backend confirms it. Failed items are retried with backoff; after the last attempt an
item is parked as dead and waits for `labctl cleanup retry`.

Examples:
  labctl cleanup run --dry-run
  labctl cleanup queue --dead
  labctl cleanup retry --all-dead && labctl cleanup run
  labctl cleanup runs --limit 5 --json | jq '.[].failures'")]
pub enum CleanupCommand {
    /// Run a sweep now and print its summary (exit 0 even when calls failed)
    #[command(after_long_help = "\
A sweep answers when it is done, and each backend call it makes may take the Worker's
CLEANUP_TIMEOUT_MS (10 s by default). So this command waits up to 5 minutes for the answer,
or as long as LABCTL_TIMEOUT or the profile's timeout say if that is longer; --timeout sets
the limit exactly.")]
    Run(CleanupRunArgs),

    /// List recent sweeps, newest first
    Runs(CleanupRunsArgs),

    /// Show one sweep's record and its errors
    Show(CleanupShowArgs),

    /// List cleanup items still to do (pending) or given up (dead)
    Queue(CleanupQueueArgs),

    /// Make a pending or dead item due now, with a fresh attempt count
    Retry(CleanupRetryArgs),
}

/// `labctl cleanup run`
#[derive(Debug, Args)]
pub struct CleanupRunArgs {
    /// Report what a sweep would do; call nothing, change nothing
    #[arg(long)]
    pub dry_run: bool,
}

/// `labctl cleanup runs`
#[derive(Debug, Args)]
pub struct CleanupRunsArgs {
    /// How many runs to show (pages are followed as needed)
    #[arg(long, value_name = "N", default_value_t = 20, value_parser = clap::value_parser!(u32).range(1..))]
    pub limit: u32,
}

/// `labctl cleanup show`
#[derive(Debug, Args)]
pub struct CleanupShowArgs {
    /// The run's id, as `labctl cleanup runs` lists it
    #[arg(value_name = "RUN_ID")]
    pub run_id: String,
}

/// `labctl cleanup queue`
#[derive(Debug, Args)]
pub struct CleanupQueueArgs {
    /// Only dead items (same as --state dead)
    #[arg(long, conflicts_with = "state")]
    pub dead: bool,

    /// Which items: pending, dead, done or all [default: pending and dead]
    #[arg(long, value_enum, value_name = "STATE")]
    pub state: Option<QueueState>,

    /// The most items to show (pages are followed as needed)
    #[arg(long, value_name = "N", default_value_t = 200, value_parser = clap::value_parser!(u32).range(1..))]
    pub limit: u32,
}

/// A state filter of `labctl cleanup queue`: one of labs-core's item states, or every one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueueState {
    /// Items in this state.
    Only(ItemState),
    /// Every state.
    All,
}

impl QueueState {
    /// The API's name for it (`state=` query parameter): the item state's wire name, or
    /// `all`.
    pub fn api_name(self) -> String {
        match self {
            Self::Only(state) => wire_name(state),
            Self::All => "all".to_owned(),
        }
    }
}

impl ValueEnum for QueueState {
    fn value_variants<'a>() -> &'a [Self] {
        &[
            Self::Only(ItemState::Pending),
            Self::Only(ItemState::Dead),
            Self::Only(ItemState::Done),
            Self::All,
        ]
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        let help = match self {
            Self::Only(ItemState::Pending) => "Waiting for its next attempt",
            Self::Only(ItemState::Dead) => {
                "Given up after the last attempt; waits for `labctl cleanup retry`"
            }
            Self::Only(ItemState::Done) => "Confirmed by the VM backend",
            Self::All => "Every state",
        };
        Some(PossibleValue::new(self.api_name()).help(help))
    }
}

/// The name a labs-core enum goes on the wire with (its serde name): the API's vocabulary
/// is spelled once, in labs-core.
pub fn wire_name<T: serde::Serialize>(value: T) -> String {
    match serde_json::to_value(value) {
        Ok(Value::String(name)) => name,
        other => unreachable!("a labs-core enum serializes as a string, not {other:?}"),
    }
}

/// `labctl cleanup retry`
#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("target").required(true).args(["item_id", "all_dead"]))]
pub struct CleanupRetryArgs {
    /// The item's id, as `labctl cleanup queue` lists it
    #[arg(value_name = "ITEM_ID")]
    pub item_id: Option<u64>,

    /// Retry every dead item
    #[arg(long)]
    pub all_dead: bool,
}

// ---------------------------------------------------------------------------------------------
// token

/// `labctl token ...`
#[derive(Debug, Subcommand)]
#[command(after_long_help = "\
Scopes: read (the GET routes: sessions and cleanup history), write (read plus session
create, update and delete), admin (everything: tokens and cleanup control included).
Managing tokens needs an admin token (or the Worker's root CF_WORKER_TOKEN).

Examples:
  labctl token create --name grafana --scope read --expires 90d
  labctl token create --name provisioner --scope write > provisioner.token
  labctl token list
  labctl token revoke 1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed --yes")]
pub enum TokenCommand {
    /// Mint a token and print it, this once
    Create(TokenCreateArgs),

    /// List tokens (never their secrets)
    List,

    /// Revoke a token: it is refused from the next request on
    Revoke(TokenRevokeArgs),
}

/// `labctl token create`
#[derive(Debug, Args)]
pub struct TokenCreateArgs {
    /// What the token is for, e.g. grafana-dashboard
    #[arg(
        long,
        value_name = "NAME",
        help = format!("What the token is for, e.g. grafana-dashboard (at most {MAX_NAME_BYTES} bytes)")
    )]
    pub name: String,

    /// What the token may do
    #[arg(
        long,
        value_name = "SCOPE",
        value_parser = clap::builder::EnumValueParser::<ScopeArg>::new().map(|arg| arg.0)
    )]
    pub scope: Scope,

    /// Lifetime in days: 30d, or a plain number of days [default: never expires]
    #[arg(
        long,
        value_name = "DAYS",
        value_parser = parse_expires,
        help = format!(
            "Lifetime in days: 30d, or a plain number of days (1 to {MAX_EXPIRES_IN_DAYS}) \
             [default: never expires]"
        )
    )]
    pub expires: Option<u32>,
}

/// labs-core's token [`Scope`] as a flag value (named as the API names it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScopeArg(pub Scope);

impl ValueEnum for ScopeArg {
    fn value_variants<'a>() -> &'a [Self] {
        &[
            ScopeArg(Scope::Read),
            ScopeArg(Scope::Write),
            ScopeArg(Scope::Admin),
        ]
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        let help = match self.0 {
            Scope::Read => "The GET routes: sessions and cleanup history",
            Scope::Write => "Read, plus session create, update and delete",
            Scope::Admin => "Everything, tokens and cleanup control included",
        };
        Some(PossibleValue::new(self.0.as_str()).help(help))
    }
}

/// `labctl token revoke`
#[derive(Debug, Args)]
pub struct TokenRevokeArgs {
    /// The token's id, as `labctl token list` shows it
    #[arg(value_name = "ID")]
    pub id: String,

    /// Revoke without asking (required when no terminal can be asked)
    #[arg(short, long)]
    pub yes: bool,
}

// ---------------------------------------------------------------------------------------------
// api

/// `labctl api`
#[derive(Debug, Args)]
#[command(after_long_help = "\
Examples:
  labctl api GET /api/v1/labs/sessions/user/user-42
  labctl api POST /api/v1/labs/sessions --data @create.json
  echo '{\"duration\": 90}' | labctl api PUT /api/v1/labs/sessions/user-42 --data -

Prints the response body (JSON pretty-printed) to stdout whatever the status; the exit code
follows the status.")]
pub struct ApiArgs {
    /// HTTP method (GET, POST, PUT, DELETE, ...)
    #[arg(value_name = "METHOD")]
    pub method: String,

    /// Path below the base URL, e.g. /api/v1/labs/sessions/user/u1
    #[arg(value_name = "PATH")]
    pub path: String,

    /// Request body: @FILE, `-` (or @-) for stdin, or literal JSON
    #[arg(short, long, value_name = "DATA")]
    pub data: Option<String>,
}

// ---------------------------------------------------------------------------------------------
// auth

/// `labctl auth ...`
#[derive(Debug, Subcommand)]
pub enum AuthCommand {
    /// Store a token for the profile (hidden prompt, or --with-token from stdin)
    Login(LoginArgs),
    /// Show the URL, where the token comes from, and whether the Worker accepts it
    Status,
    /// Remove the profile's stored token
    Logout,
    /// Print the profile's token to stdout, for scripts
    Token,
}

/// `labctl auth login`
#[derive(Debug, Args)]
pub struct LoginArgs {
    /// Read the token from stdin instead of prompting
    #[arg(long)]
    pub with_token: bool,

    /// Store the token without checking it against the Worker
    #[arg(long)]
    pub no_verify: bool,
}

// ---------------------------------------------------------------------------------------------
// config

/// `labctl config ...`
#[derive(Debug, Subcommand)]
#[command(after_long_help = "\
Keys: url, timeout, retries. They belong to the profile chosen with --profile or
LABCTL_PROFILE (else `default`). Tokens are not settings: use `labctl auth login`.")]
pub enum ConfigCommand {
    /// List the settings of every profile
    List,
    /// Print one setting of the profile
    Get(ConfigKeyArgs),
    /// Change one setting of the profile
    Set(ConfigSetArgs),
    /// Remove one setting of the profile
    Unset(ConfigKeyArgs),
    /// Print the path of the config file
    Path,
}

/// A config key.
#[derive(Debug, Args)]
pub struct ConfigKeyArgs {
    /// url, timeout or retries
    #[arg(value_name = "KEY")]
    pub key: String,
}

/// `labctl config set`
#[derive(Debug, Args)]
pub struct ConfigSetArgs {
    /// url, timeout or retries
    #[arg(value_name = "KEY")]
    pub key: String,
    /// The new value
    #[arg(value_name = "VALUE")]
    pub value: String,
}

// ---------------------------------------------------------------------------------------------
// completions

/// `labctl completions`
#[derive(Debug, Args)]
#[command(after_long_help = "\
Examples:
  labctl completions bash > ~/.local/share/bash-completion/completions/labctl
  labctl completions zsh > ~/.zfunc/_labctl
  labctl completions fish > ~/.config/fish/completions/labctl.fish")]
pub struct CompletionsArgs {
    /// The shell to generate completions for
    #[arg(value_enum, value_name = "SHELL")]
    pub shell: clap_complete::Shell,
}

// ---------------------------------------------------------------------------------------------
// value parsers

/// Parses `--worker-node name=..,worker_lab_request_id=..,network_id=..,netbird_ip=..`.
pub fn parse_worker_node(spec: &str) -> Result<Value, String> {
    parse_spec(
        spec,
        &["name", "worker_lab_request_id", "network_id", "netbird_ip"],
    )
}

/// Parses `--load-balancer id=..,domain=..,port=..` (`port` stays a string, as in the API).
pub fn parse_load_balancer(spec: &str) -> Result<Value, String> {
    parse_spec(spec, &["id", "domain", "port"])
}

/// Parses `token create --expires`: `30d` (also `30 days`) or a plain number of days, from 1
/// to labs-core's [`MAX_EXPIRES_IN_DAYS`].
pub fn parse_expires(input: &str) -> Result<u32, String> {
    let text = input.trim();
    let digits = text
        .trim_end_matches(|c: char| c.is_ascii_alphabetic())
        .trim_end();
    let unit = text[digits.len()..].trim_start();
    if !matches!(
        unit.to_ascii_lowercase().as_str(),
        "" | "d" | "day" | "days"
    ) {
        return Err(format!(
            "`{input}` is not a number of days: use e.g. 30d or 30 (other units are not accepted)"
        ));
    }
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!(
            "`{input}` is not a whole number of days: use e.g. 30d or 30"
        ));
    }
    match digits.parse::<u32>() {
        Ok(days) if (1..=MAX_EXPIRES_IN_DAYS).contains(&days) => Ok(days),
        _ => Err(format!(
            "`{input}` is out of range: a token lasts from 1 to {MAX_EXPIRES_IN_DAYS} days"
        )),
    }
}

/// Parses `session create --idempotency-key`: labs-core's rule (1 to 255 printable ASCII
/// characters), checked before any request.
pub fn parse_idempotency_key(input: &str) -> Result<String, String> {
    labs_core::idempotency::parse_key(input)
        .map(str::to_owned)
        .map_err(|e| e.message)
}

/// Parses `key=value,key=value` with exactly `keys`, into a JSON object in `keys` order.
fn parse_spec(spec: &str, keys: &[&str]) -> Result<Value, String> {
    let mut found: Vec<Option<String>> = vec![None; keys.len()];
    for part in spec.split(',').filter(|p| !p.trim().is_empty()) {
        let (key, value) = part
            .split_once('=')
            .ok_or_else(|| format!("`{part}` is not key=value (keys: {})", keys.join(", ")))?;
        let key = key.trim();
        let index = keys
            .iter()
            .position(|k| *k == key)
            .ok_or_else(|| format!("unknown key `{key}` (keys: {})", keys.join(", ")))?;
        if found[index].replace(value.trim().to_owned()).is_some() {
            return Err(format!("`{key}` given twice"));
        }
    }
    let missing: Vec<&str> = keys
        .iter()
        .zip(&found)
        .filter(|(_, v)| v.is_none())
        .map(|(k, _)| *k)
        .collect();
    if !missing.is_empty() {
        return Err(format!("missing {}", missing.join(", ")));
    }
    let object = keys
        .iter()
        .zip(found)
        .map(|(k, v)| ((*k).to_owned(), Value::String(v.unwrap_or_default())))
        .collect();
    Ok(Value::Object(object))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;
    use serde_json::json;

    #[test]
    fn the_command_tree_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn worker_node_specs() {
        assert_eq!(
            parse_worker_node(
                "name=w1,worker_lab_request_id=r1,network_id=n1,netbird_ip=100.64.0.2"
            ),
            Ok(
                json!({"name": "w1", "worker_lab_request_id": "r1", "network_id": "n1", "netbird_ip": "100.64.0.2"})
            )
        );
        // Order does not matter; the output follows the contract's order.
        assert_eq!(
            parse_load_balancer("port=4000,domain=d.example,id=lb-1")
                .unwrap()
                .to_string(),
            r#"{"id":"lb-1","domain":"d.example","port":"4000"}"#
        );
        for bad in [
            "",
            "id=lb-1",
            "id=lb-1,domain=d,port=1,extra=2",
            "id=lb-1,id=lb-2,domain=d,port=1",
            "id",
        ] {
            assert!(parse_load_balancer(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn global_flags_parse_after_the_subcommand() {
        let cli = Cli::try_parse_from([
            "labctl",
            "session",
            "get",
            "u1",
            "--json",
            "--profile",
            "staging",
            "-vv",
            "--timeout",
            "3s",
            "--retries",
            "0",
        ])
        .unwrap();
        assert!(cli.global.json);
        assert_eq!(cli.global.profile.as_deref(), Some("staging"));
        assert_eq!(cli.global.verbose, 2);
        assert_eq!(cli.global.timeout, Some(Duration::from_secs(3)));
        assert_eq!(cli.global.retries, Some(0));
    }

    #[test]
    fn there_is_no_token_flag() {
        let err = Cli::try_parse_from(["labctl", "auth", "login", "--token", "x"]).unwrap_err();
        assert_eq!(err.kind(), clap::error::ErrorKind::UnknownArgument);
    }

    #[test]
    fn expires_takes_days() {
        let table = [
            ("30d", 30),
            ("30", 30),
            (" 7 days ", 7),
            ("1D", 1),
            ("1day", 1),
            ("3650d", 3650),
            ("0090", 90),
        ];
        for (input, days) in table {
            assert_eq!(parse_expires(input), Ok(days), "{input}");
        }
        for bad in [
            "",
            "d",
            "0",
            "0d",
            "3651",
            "3651d",
            "-5d",
            "1.5d",
            "30h",
            "2w",
            "1y",
            "30dd",
            "d30",
            "99999999999999999999d",
            "3 0d",
        ] {
            assert!(parse_expires(bad).is_err(), "{bad:?} should be refused");
        }
    }

    #[test]
    fn cleanup_retry_takes_exactly_one_target() {
        let parse = |args: &[&str]| {
            Cli::try_parse_from(["labctl", "cleanup", "retry"].iter().chain(args))
                .map_err(|e| e.kind())
        };
        assert!(parse(&["12"]).is_ok());
        assert!(parse(&["--all-dead"]).is_ok());
        assert!(parse(&[]).is_err());
        assert!(parse(&["12", "--all-dead"]).is_err());
        assert!(parse(&["twelve"]).is_err());
    }

    #[test]
    fn list_and_queue_filters_exclude_each_other() {
        assert!(Cli::try_parse_from(["labctl", "session", "list", "--expired", "--live"]).is_err());
        assert!(
            Cli::try_parse_from(["labctl", "cleanup", "queue", "--dead", "--state", "all"])
                .is_err()
        );
        assert!(Cli::try_parse_from(["labctl", "cleanup", "runs", "--limit", "0"]).is_err());
        assert!(Cli::try_parse_from(["labctl", "cleanup", "runs", "--limit", "250"]).is_ok());
    }

    #[test]
    fn scopes_and_queue_states_are_named_as_labs_core_names_them() {
        let scope = |name: &str| -> Result<Scope, clap::error::ErrorKind> {
            let cli =
                Cli::try_parse_from(["labctl", "token", "create", "--name", "n", "--scope", name])
                    .map_err(|e| e.kind())?;
            match cli.command {
                Command::Token(TokenCommand::Create(args)) => Ok(args.scope),
                other => panic!("{other:?}"),
            }
        };
        for s in [Scope::Read, Scope::Write, Scope::Admin] {
            assert_eq!(scope(s.as_str()), Ok(s));
        }
        assert!(scope("root").is_err());
        let names: Vec<String> = QueueState::value_variants()
            .iter()
            .map(|s| s.api_name())
            .collect();
        assert_eq!(names, ["pending", "dead", "done", "all"]);
        let queue = Cli::try_parse_from(["labctl", "cleanup", "queue", "--state", "done"]).unwrap();
        let Command::Cleanup(CleanupCommand::Queue(args)) = queue.command else {
            panic!()
        };
        assert_eq!(args.state, Some(QueueState::Only(ItemState::Done)));
    }

    #[test]
    fn limits_in_the_help_are_labs_cores() {
        let mut command = Cli::command();
        let help = command
            .find_subcommand_mut("token")
            .and_then(|t| t.find_subcommand_mut("create"))
            .unwrap()
            .render_help()
            .to_string();
        assert!(
            help.contains(&format!("at most {MAX_NAME_BYTES} bytes")),
            "{help}"
        );
        assert!(
            help.contains(&format!("1 to {MAX_EXPIRES_IN_DAYS}")),
            "{help}"
        );
        let list = Cli::try_parse_from(["labctl", "session", "list"]).unwrap();
        let Command::Session(SessionCommand::List(args)) = list.command else {
            panic!()
        };
        assert_eq!(args.limit as usize, SESSIONS_DEFAULT_LIMIT);
    }

    #[test]
    fn history_takes_a_user_or_one_session_and_named_reasons() {
        let parse = |args: &[&str]| {
            Cli::try_parse_from(["labctl", "session", "history"].iter().chain(args)).map(|cli| {
                match cli.command {
                    Command::Session(SessionCommand::History(args)) => args,
                    other => panic!("{other:?}"),
                }
            })
        };
        let all = parse(&[]).unwrap();
        assert_eq!((all.user_id, all.session), (None, None));
        assert_eq!(all.limit as usize, HISTORY_DEFAULT_LIMIT);
        let one = parse(&[
            "u1", "--reason", "expired", "--since", "7d", "--lab-id", "l",
        ])
        .unwrap();
        assert_eq!(one.user_id.as_deref(), Some("u1"));
        assert_eq!(one.reason, Some(EndReason::Expired));
        assert_eq!(one.since, Some(When::Ago(Duration::from_secs(7 * 86_400))));
        assert_eq!(one.lab.as_deref(), Some("l"));
        assert!(parse(&["--session", "s-1"]).is_ok());
        for bad in [
            &["u1", "--session", "s-1"][..],
            &["--session", "s-1", "--all"],
            &["--session", "s-1", "--since", "1h"],
            &["--reason", "vanished"],
            &["--since", "30"],
            &["--until", "yesterday"],
        ] {
            assert!(parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn delete_waits_only_when_asked_and_create_checks_its_key() {
        let delete = |args: &[&str]| {
            Cli::try_parse_from(["labctl", "session", "delete", "u1"].iter().chain(args)).map(
                |cli| match cli.command {
                    Command::Session(SessionCommand::Delete(args)) => args,
                    other => panic!("{other:?}"),
                },
            )
        };
        let plain = delete(&[]).unwrap();
        assert!(!plain.wait);
        assert_eq!(plain.interval, Duration::from_secs(1));
        let wait = delete(&["--wait", "--interval", "250ms", "--timeout", "5m"]).unwrap();
        assert!(wait.wait);
        assert_eq!(wait.interval, Duration::from_millis(250));
        assert!(
            delete(&["--interval", "2s"]).is_err(),
            "--interval needs --wait"
        );

        let create = |key: &str| {
            Cli::try_parse_from(["labctl", "session", "create", "--idempotency-key", key])
                .map_err(|e| e.to_string())
        };
        assert!(create("retry-7f3a c").is_ok());
        assert!(create(&"k".repeat(255)).is_ok());
        assert!(
            create(&"k".repeat(256))
                .unwrap_err()
                .contains("at most 255")
        );
        assert!(create("tab\there").unwrap_err().contains("printable ASCII"));
        assert!(create("").is_err());
    }

    #[test]
    fn extend_rejects_zero() {
        assert!(Cli::try_parse_from(["labctl", "session", "extend", "u", "--by", "0m"]).is_err());
        assert!(Cli::try_parse_from(["labctl", "session", "extend", "u", "--by", "1h30m"]).is_ok());
    }
}
