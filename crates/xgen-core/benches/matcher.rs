//! Benchmark: route matches per second against 1,000 rules (docs/routing.md's matcher),
//! natively. The page measures the same workload at `/?bench=matcher`
//! (scripts/bench-browser.mjs). Prints figures; asserts nothing about time.

use std::time::Instant;
use xgen_core::simulator::bench::workload;
use xgen_core::simulator::matcher::Matcher;

fn main() {
    let (rules, paths) = workload(1000, 2000);
    let start = Instant::now();
    let matcher = Matcher::new(&rules);
    let compile = start.elapsed();
    let mut matches = 0u64;
    let mut checksum = 0usize;
    let start = Instant::now();
    while start.elapsed().as_secs_f64() < 2.0 {
        for p in &paths {
            checksum = checksum.wrapping_add(matcher.first(std::hint::black_box(p)).unwrap_or(0));
            matches += 1;
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "native, 1,000 rules: {:.0} matches per second ({matches} matches in {secs:.2} s; rules compiled in {:.1} ms; checksum {checksum})",
        matches as f64 / secs,
        compile.as_secs_f64() * 1000.0
    );
}
