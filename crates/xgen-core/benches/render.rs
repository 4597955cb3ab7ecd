//! Benchmark: building the whole bundle (every environment rendered, every file
//! serialized) for the built-in example and for a synthetic project of 100
//! services x 4 environments. Run: `cargo bench --bench render` (or
//! scripts/bench.sh, which also measures the browser). Prints figures; asserts
//! nothing about time.
//!
//! It also writes the synthetic project to target/bench/bench-100x4.yaml for the
//! browser benchmark.

use std::time::{Duration, Instant};
use xgen_core::bundle::bundle_files;
use xgen_core::{import, synthetic, InputFile, ProjectState};

fn measure(label: &str, state: &ProjectState, iterations: usize) {
    let files = bundle_files(state).expect("bundle").len();
    let mut times: Vec<Duration> = (0..iterations)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(bundle_files(std::hint::black_box(state)).expect("bundle"));
            start.elapsed()
        })
        .collect();
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{label}: {files} files; median {:.2} ms, min {:.2} ms, p95 {:.2} ms ({iterations} runs)",
        ms(times[iterations / 2]),
        ms(times[0]),
        ms(times[iterations * 95 / 100])
    );
}

fn main() {
    let example_text = include_str!("../../../public/examples/xgen.yaml");
    let example = import(&ProjectState::empty(), &[InputFile::new("xgen.yaml", example_text)]).expect("example");
    measure("native, example (2 environments, 13 Applications)", &example, 200);
    let big = synthetic::state(100, 4);
    measure("native, synthetic 100 services x 4 environments", &big, 20);

    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/bench");
    std::fs::create_dir_all(&dir).expect("target/bench");
    let text = serde_yaml::to_string(&synthetic::project(100, 4)).expect("yaml");
    std::fs::write(dir.join("bench-100x4.yaml"), text).expect("write");
}
