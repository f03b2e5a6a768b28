//! The model-based fuzzer (see `sandbox_tests::fuzz`): random operation
//! sequences on the release bundles and on the reference model, every outcome
//! compared and every invariant checked after every operation.
//!
//! ```text
//! fuzz [SEQUENCES] [SEED] [OPERATIONS_PER_SEQUENCE]   (defaults: 300 1 30)
//! fuzz --replay SEED OPERATIONS KEPT                    KEPT: comma-separated indices, as a failure prints
//! ```
//!
//! `FUZZ_TRACE=1` prints every operation and the suite's answer.
//!
//! Sequence `i` of a run is generated from seed `SEED + i`. A failure prints
//! its seed, the shrunk sequence and the command that replays it, and the
//! exit code is 1. Run through `scripts/fuzz`, which builds the bundles first.

use sandbox_tests::fuzz::ops::{generate, Op};
use sandbox_tests::fuzz::run::{legend, pick, shrink, Fuzzer};
use std::process::ExitCode;
use std::time::Instant;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let number = |index: usize, default: u64| -> u64 {
        args.get(index).map_or(default, |arg| {
            arg.parse().unwrap_or_else(|_| {
                eprintln!("error: '{arg}' is not a number");
                std::process::exit(2)
            })
        })
    };
    if args.first().map(String::as_str) == Some("--replay") {
        let (seed, len) = (number(1, 0), number(2, 30) as usize);
        let kept: Vec<usize> = args
            .get(3)
            .map(|list| list.split(',').filter_map(|index| index.parse().ok()).collect())
            .unwrap_or_else(|| (0..len).collect());
        return replay(seed, len, &kept);
    }
    let (sequences, first_seed, len) = (number(0, 300), number(1, 1), number(2, 30) as usize);
    println!("fuzzing {sequences} sequences of {len} operations from seed {first_seed}");
    let started = Instant::now();
    let mut fuzzer = Fuzzer::deploy();
    fuzzer.trace = std::env::var_os("FUZZ_TRACE").is_some();
    println!("    deployed the suite in {:.1}s", started.elapsed().as_secs_f64());
    let every = (sequences / 20).max(1);
    for index in 0..sequences {
        let seed = first_seed + index;
        let ops = generate(seed, len, fuzzer.start_model());
        if let Err(failure) = fuzzer.run(&ops) {
            println!(
                "FAILED: sequence with seed {seed}, at operation {}: {}",
                failure.step, failure.message
            );
            println!("    shrinking...");
            let kept = shrink(&mut fuzzer, &ops, &failure);
            let shrunk = pick(&ops, &kept);
            let again = fuzzer.run(&shrunk).err();
            print_sequence(&shrunk, &kept);
            if let Some(failure) = again {
                println!(
                    "    fails at operation {} of the shrunk sequence: {}",
                    failure.step, failure.message
                );
            }
            let list: Vec<String> = kept.iter().map(usize::to_string).collect();
            println!("    replay: scripts/fuzz --replay {seed} {len} {}", list.join(","));
            return ExitCode::FAILURE;
        }
        if (index + 1) % every == 0 || index + 1 == sequences {
            let stats = &fuzzer.stats;
            println!(
                "    {:>6}/{sequences} sequences, {} operations ({} refused, {} accesses granted and checked against consent, {} denied), {} checks, {:.0}s",
                index + 1,
                stats.operations,
                stats.refusals,
                stats.grants,
                stats.denials,
                stats.checks,
                started.elapsed().as_secs_f64()
            );
        }
    }
    let stats = &fuzzer.stats;
    let decisions: Vec<String> = stats
        .decisions
        .iter()
        .map(|(name, count)| format!("{name} {count}"))
        .collect();
    println!("    access decisions: {}", decisions.join(", "));
    let kinds: Vec<String> = stats
        .kinds
        .iter()
        .map(|(kind, (done, refused))| format!("{kind} {done}/{refused}"))
        .collect();
    println!("    operations (succeeded/refused): {}", kinds.join(", "));
    let claims: Vec<String> = stats
        .claims
        .iter()
        .map(|(outcome, count)| format!("{outcome} {count}"))
        .collect();
    println!("    claims at the end of their sequences: {}", claims.join(", "));
    println!(
        "fuzz: {} sequences, {} operations, {} checks, 0 disagreements, 0 invariant violations, {:.0}s",
        stats.sequences,
        stats.operations,
        stats.checks,
        started.elapsed().as_secs_f64()
    );
    ExitCode::SUCCESS
}

fn replay(seed: u64, len: usize, kept: &[usize]) -> ExitCode {
    let mut fuzzer = Fuzzer::deploy();
    let ops = generate(seed, len, fuzzer.start_model());
    if kept.iter().any(|index| *index >= ops.len()) {
        eprintln!("error: an index is past the sequence's {len} operations");
        return ExitCode::from(2);
    }
    let chosen = pick(&ops, kept);
    print_sequence(&chosen, kept);
    println!("    each operation as it runs, and what the suite answered:");
    fuzzer.trace = true;
    match fuzzer.run(&chosen) {
        Ok(()) => {
            println!("replay: every operation agreed with the model and every invariant held");
            ExitCode::SUCCESS
        }
        Err(failure) => {
            println!("replay FAILED at operation {}: {}", failure.step, failure.message);
            ExitCode::FAILURE
        }
    }
}

fn print_sequence(ops: &[Op], indices: &[usize]) {
    println!("    {}", legend());
    for (op, index) in ops.iter().zip(indices) {
        println!("    [{index:>2}] {op:?}");
    }
}
