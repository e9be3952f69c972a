//! Fuzzing the real Worker with schemathesis against its own `/openapi.json`: seeded and
//! bounded, it fails on any 5xx, any status or header the document does not declare, any
//! body that does not match the declared schema, any schema-violating request accepted,
//! any undeclared method not answered 405, and any route reachable without its token.
//!
//! schemathesis comes from `LABS_SCHEMATHESIS` (set by `scripts/test`), or is installed here
//! through `scripts/lib.sh` (`ensure_schemathesis`): never skipped. `LABS_FUZZ_SEED` and
//! `LABS_FUZZ_EXAMPLES` override the seed and the examples per operation.

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use labs_core::routes::ENDPOINTS;
use labs_e2e::{Worker, WorkerOptions, repo_root};

/// The seed of every CI run, so a failure reproduces.
const SEED: u64 = 20_261_120;
/// Examples per operation: about 2,800 requests, 30 to 60 s on two cores.
const EXAMPLES: u32 = 100;
/// A run that takes longer than this is stopped and fails.
const DEADLINE: Duration = Duration::from_secs(600);

/// Every check schemathesis 4 has but two:
/// - `positive_data_acceptance`: the Worker's validators are stricter than JSON Schema can
///   say (byte lengths, years 1970 to 9999, opaque cursors, blank names, `60.0` for an
///   integer), so schema-valid requests may rightly get a 400. The core tests check the
///   schemas and validators agree everywhere else.
/// - `ensure_resource_availability`: it links a created session's `id` to
///   `GET /api/v1/labs/sessions/history/{session_id}` by name and expects it there, but the
///   history holds ended sessions only: a live one is rightly a 404 there.
const CHECKS: &str = "not_a_server_error,status_code_conformance,content_type_conformance,\
response_headers_conformance,response_schema_conformance,negative_data_rejection,\
missing_required_header,unsupported_method,allow_header_conformance,use_after_free,\
ignored_auth";

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The schemathesis CLI: `LABS_SCHEMATHESIS`, or the one `ensure_schemathesis` installs.
fn schemathesis() -> PathBuf {
    if let Some(path) = std::env::var_os("LABS_SCHEMATHESIS") {
        return PathBuf::from(path);
    }
    let out = Command::new("bash")
        .arg("-c")
        .arg("source scripts/lib.sh && ensure_schemathesis")
        .current_dir(repo_root())
        .stderr(Stdio::inherit())
        .output()
        .expect("run scripts/lib.sh ensure_schemathesis");
    assert!(out.status.success(), "installing schemathesis failed");
    let stdout = String::from_utf8(out.stdout).expect("a path");
    PathBuf::from(stdout.lines().last().expect("the CLI's path").trim())
}

#[test]
fn schemathesis_finds_no_server_error_and_no_answer_off_the_document() {
    let cli = schemathesis();
    // The dev clock stays enabled, so its route is fuzzed too (any offset must be harmless).
    let w = Worker::start(WorkerOptions::default().var("LOG_LEVEL", "info"));
    let seed: u64 = env_or("LABS_FUZZ_SEED", SEED);
    let examples: u32 = env_or("LABS_FUZZ_EXAMPLES", EXAMPLES);
    let scratch = tempfile::tempdir().expect("a scratch directory");
    // The document the Worker serves, from a file: given the document's URL, schemathesis
    // leaves out the operation that serves it.
    let served = w.anonymous("GET", "/openapi.json").send();
    assert_eq!(served.status, 200, "{}", served.text);
    let document = scratch.path().join("openapi.json");
    std::fs::write(&document, &served.text).expect("write the document");
    let started = Instant::now();
    let mut child = Command::new(&cli)
        .arg("run")
        .arg(&document)
        .args(["--url", w.url()])
        .args(["--header", &format!("Authorization: Bearer {}", w.token())])
        .args(["--seed", &seed.to_string()])
        .args(["--max-examples", &examples.to_string()])
        .args(["--checks", CHECKS])
        // One worker: with several threads, CPython 3.11's `ast.parse` (which hypothesis calls
        // to describe filters) can fail with "AST constructor recursion depth mismatch", a
        // thread-safety bug of the interpreter, not of the Worker; seen in CI here.
        .args(["--workers", "1", "--request-timeout", "30"])
        .args(["--generation-database", "none", "--no-color"])
        // Hypothesis's health checks judge data generation (too slow on a busy machine, too
        // much filtered), not the API: they must not fail CI.
        .args(["--suppress-health-check", "all"])
        .args(["--report", "junit", "--report-dir"])
        .arg(scratch.path())
        .current_dir(scratch.path())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("run {}: {e}", cli.display()));
    // Read the output on threads, so a full pipe never stalls the run.
    let read = |pipe: Option<Box<dyn std::io::Read + Send>>| {
        std::thread::spawn(move || {
            let mut text = String::new();
            if let Some(mut pipe) = pipe {
                let _ = pipe.read_to_string(&mut text);
            }
            text
        })
    };
    let stdout = read(child.stdout.take().map(|p| Box::new(p) as _));
    let stderr = read(child.stderr.take().map(|p| Box::new(p) as _));
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for schemathesis") {
            break status;
        }
        if started.elapsed() > DEADLINE {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "schemathesis ran past {DEADLINE:?}; its output:\n{}",
                stdout.join().unwrap()
            );
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    let output = format!("{}\n{}", stdout.join().unwrap(), stderr.join().unwrap());
    eprintln!(
        "schemathesis (seed {seed}, {examples} examples per operation) took {:.1} s",
        started.elapsed().as_secs_f64()
    );
    assert!(
        status.success(),
        "schemathesis found failures (rerun with LABS_FUZZ_SEED={seed}):\n{output}"
    );
    let tested = format!("Tested: {}", ENDPOINTS.len());
    assert!(
        output.contains(&tested),
        "not every operation was fuzzed (want {tested}):\n{output}"
    );

    // The Worker's own account agrees: many requests, not one answered 5xx.
    let completed: Vec<_> = w
        .log_lines()
        .into_iter()
        .filter(|l| l["message"] == "request completed")
        .collect();
    assert!(
        completed.len() > 1_000,
        "only {} requests reached the Worker",
        completed.len()
    );
    let server_errors: Vec<_> = completed
        .iter()
        .filter(|l| l["context"]["status"].as_u64().is_some_and(|s| s >= 500))
        .collect();
    assert!(
        server_errors.is_empty(),
        "the Worker answered 5xx: {server_errors:?}"
    );
}
