//! The seeded simulation: `LABS_SIM_SEEDS` seeds (default 10,000) from `LABS_SIM_SEED_BASE`
//! (default 0), or the one seed `LABS_SIM_SEED` with its trace. Ends with one line
//! `simulation: N seeds, M steps, K violations` and fails when K > 0.

use std::time::Instant;

use labs_sim::{Report, run_seed};

fn env_u64(name: &str) -> Option<u64> {
    std::env::var(name).ok().map(|v| {
        v.trim()
            .parse()
            .unwrap_or_else(|_| panic!("{name} must be a whole number, not {v:?}"))
    })
}

fn explain(report: &Report) {
    eprintln!("seed {} failed:", report.seed);
    for v in &report.violations {
        eprintln!("  - {v}");
    }
    eprintln!("  trace (last 80 events):");
    let skip = report.trace.len().saturating_sub(80);
    for line in &report.trace[skip..] {
        eprintln!("    {line}");
    }
    eprintln!(
        "  replay: LABS_SIM_SEED={} cargo test -p labs-sim --test simulation",
        report.seed
    );
}

fn main() {
    let seeds: Vec<u64> = match env_u64("LABS_SIM_SEED") {
        Some(seed) => vec![seed],
        None => {
            let base = env_u64("LABS_SIM_SEED_BASE").unwrap_or(0);
            let n = env_u64("LABS_SIM_SEEDS").unwrap_or(10_000);
            (base..base + n).collect()
        }
    };
    let single = seeds.len() == 1;
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(seeds.len().max(1));
    let started = Instant::now();
    let chunks: Vec<Vec<u64>> = (0..threads)
        .map(|t| seeds.iter().copied().skip(t).step_by(threads).collect())
        .collect();
    let reports: Vec<Report> = std::thread::scope(|s| {
        let handles: Vec<_> = chunks
            .into_iter()
            .map(|chunk| {
                s.spawn(move || {
                    chunk
                        .into_iter()
                        .map(|seed| {
                            let mut r = run_seed(seed);
                            if r.violations.is_empty() && !single {
                                r.trace = Vec::new();
                            }
                            r
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("a simulation thread panicked"))
            .collect()
    });
    let elapsed = started.elapsed().as_secs_f64();
    let steps: u64 = reports.iter().map(|r| r.steps).sum();
    let calls: u64 = reports.iter().map(|r| r.calls).sum();
    let failed: Vec<&Report> = reports
        .iter()
        .filter(|r| !r.violations.is_empty())
        .collect();
    let violations: usize = failed.iter().map(|r| r.violations.len()).sum();
    if single && failed.is_empty() {
        for line in &reports[0].trace {
            eprintln!("    {line}");
        }
    }
    for report in failed.iter().take(3) {
        explain(report);
    }
    if let Some(first) = failed.iter().map(|r| r.seed).min() {
        eprintln!(
            "first failing seed: {first} ({} seeds failed)",
            failed.len()
        );
    }
    eprintln!(
        "{} seeds in {elapsed:.1} s on {threads} threads: {:.0} seeds/s, {calls} backend calls",
        reports.len(),
        reports.len() as f64 / elapsed
    );
    println!(
        "simulation: {} seeds, {steps} steps, {violations} violations",
        reports.len()
    );
    if violations > 0 {
        std::process::exit(1);
    }
}
