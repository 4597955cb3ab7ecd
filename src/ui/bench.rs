//! `?bench=matcher`: runs the matcher benchmark's workload in the page (wasm)
//! and shows the figure, for scripts/bench-browser.mjs. Not part of the studio.

use super::browser::now_ms;
use leptos::prelude::*;
use xgen_core::simulator::bench::workload;
use xgen_core::simulator::matcher::Matcher;

pub fn requested() -> bool {
    web_sys::window().and_then(|w| w.location().search().ok()).is_some_and(|q| q.contains("bench=matcher"))
}

#[component]
pub fn MatcherBench() -> impl IntoView {
    let (rules, paths) = workload(1000, 2000);
    let t0 = now_ms();
    let matcher = Matcher::new(&rules);
    let compile = now_ms() - t0;
    let start = now_ms();
    let mut matches = 0u64;
    let mut checksum = 0usize;
    while now_ms() - start < 2000.0 {
        for p in &paths {
            checksum = checksum.wrapping_add(matcher.first(p).unwrap_or(0));
            matches += 1;
        }
    }
    let secs = (now_ms() - start) / 1000.0;
    let text = format!(
        "browser, 1,000 rules: {:.0} matches per second ({matches} matches in {secs:.2} s; rules compiled in {compile:.1} ms; checksum {checksum})",
        matches as f64 / secs
    );
    view! { <pre data-testid="bench-result">{text}</pre> }
}
