//! Named regression seeds: each is the first seed that found a hole when it was put back
//! (`sim/holes/*.patch`, `sim/holes/check.sh`, 3,000 seeds each, on the engine of issue 11
//! with the queue in the world). They run on the fixed engine and must stay clean.

use labs_sim::run_seed;

fn clean(seed: u64) {
    let report = run_seed(seed);
    assert!(
        report.violations.is_empty(),
        "seed {seed}: {:#?}\nreplay: LABS_SIM_SEED={seed} cargo test -p labs-sim --test simulation",
        report.violations
    );
}

/// An update pinned only by user id and version wrote the old session's fields (and worker
/// list) into a re-created session, forgetting the new lab's worker VM.
#[test]
fn update_writes_only_the_session_it_read() {
    clean(283);
}

/// A client that followed a 3xx took a landing page's 200 for a deleted VM.
#[test]
fn a_redirect_is_not_a_deletion() {
    clean(8);
}

/// An operator retry that cleared a live lease let a second sweep call the same item while
/// the first call was in flight.
#[test]
fn a_retry_never_frees_a_leased_item() {
    clean(714);
}

/// One malformed CLEANUP_* value made every sweep fail, so no VM was ever deleted.
#[test]
fn a_bad_setting_never_stops_sweeps() {
    clean(4);
}

/// A VM listed in two sessions (two queue items) was called twice at once.
#[test]
fn one_vm_is_never_called_twice_at_once() {
    clean(54);
}

/// Giving back the VMs a claim took without their session's expose call freed every such VM,
/// another sweep's leased ones too, and a second sweep called one while the first call was
/// in flight.
#[test]
fn giving_back_gated_vms_touches_only_the_claimers_own() {
    clean(685);
}
