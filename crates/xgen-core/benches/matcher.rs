//! Benchmark: route matches per second against 1,000 rules (docs/routing.md's matcher),
//! natively. The page measures the same workload at `/?bench=matcher`
//! (scripts/bench-browser.mjs). Then the cost of one request at the limits:
//! the longest path Envoy reads (a 60 KiB request head) against the largest
//! regexes Envoy takes under Istio (RE2 programs up to 32768 instructions).
//! Prints figures; asserts nothing about time.

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
    at_the_limits();
}

/// One match of a path as long as Envoy reads against regexes at RE2's
/// program-size limit: the pattern, the largest of its kind, a long
/// chain, and one that keeps thousands of threads alive on every byte.
fn at_the_limits() {
    use xgen_core::routing::re2::{matcher, program_size, ISTIO_PROGRAM_SIZE_LIMIT};
    use xgen_core::simulator::url::MAX_REQUEST_HEAD;
    let host = "jeju-xgen.x2bee.com";
    let path_len = MAX_REQUEST_HEAD - 25 - host.len();
    let chain = format!("/{}(?:[a-z]){{763}}", "(?:[a-z]){1000}".repeat(32));
    let patterns = [
        "/(.*){999}(.*){999}(.*){999}(.*){999}".to_owned(),
        format!("/{}", "(.*){999}".repeat(8)),
        chain,
        format!("/{}", "(?:.*a.{999})".repeat(10)),
    ];
    for pattern in &patterns {
        let size = program_size(pattern).expect("RE2 compiles it");
        assert!(size <= ISTIO_PROGRAM_SIZE_LIMIT, "{pattern}: {size}");
        let re = matcher(pattern).expect("RE2 compiles it");
        for tail in ["a", "x-y_z/"] {
            let mut path = format!("/{}", tail.repeat(path_len / tail.len() + 1));
            path.truncate(path_len);
            let start = Instant::now();
            let hit = re.full_match(path.as_bytes());
            let ms = start.elapsed().as_secs_f64() * 1000.0;
            let shown: String = pattern.chars().take(48).collect();
            println!("{path_len}-byte path of {tail:?} against {shown}… ({size} instructions): {ms:.1} ms ({hit})");
        }
    }
}
