//! Benchmark: the rendered snapshot of the built-in example and of synthetic
//! projects (100 services x 4 environments; 120 x 5 for route tests), fresh
//! and after one edit, also of the 120 x 5 project imported from its file;
//! the checks; and 1,000 route tests against one lint.
//! Run: `cargo bench -p xgen-core --bench render` (or scripts/bench.sh, which
//! also measures the browser). Prints figures; asserts nothing about time.
//!
//! It first writes the synthetic projects to target/bench/bench-100x4.yaml and
//! bench-120x5.yaml for the browser benchmark (`-- --write-only`: only that).

use std::time::{Duration, Instant};
use xgen_core::checks::{run_all, xs406_promql_syntax::Parser};
use xgen_core::rendered::{render, Renderer};
use xgen_core::simulator::{run_route_tests, RouteTest};
use xgen_core::{import, synthetic, InputFile, ProjectState};

fn stats(label: &str, mut times: Vec<Duration>) {
    times.sort();
    let n = times.len();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{label}: median {:.2} ms, p95 {:.2} ms, min {:.2} ms ({n} runs)",
        ms(times[n / 2]),
        ms(times[(n * 95 / 100).min(n - 1)]),
        ms(times[0])
    );
}

fn time(iterations: usize, mut f: impl FnMut(usize)) -> Vec<Duration> {
    (0..iterations)
        .map(|i| {
            let start = Instant::now();
            f(i);
            start.elapsed()
        })
        .collect()
}

fn measure(label: &str, state: &ProjectState, iterations: usize) {
    let files = render(state).files().expect("bundle").len();
    stats(
        &format!("native, fresh snapshot, {label} ({files} files)"),
        time(iterations, |_| {
            std::hint::black_box(render(std::hint::black_box(state)));
        }),
    );
    // An edit as the browser benchmark makes it: the project's description,
    // then a replica count (one Application), each into a warm renderer.
    let mut renderer = Renderer::new();
    renderer.render(state);
    let mut edited = state.clone();
    let description = time(iterations, |i| {
        edited.project.project.get_or_insert_with(Default::default).description = Some(format!("edit {i}"));
        std::hint::black_box(renderer.render(&edited));
    });
    let after_description = renderer.stats();
    stats(&format!("native, snapshot after a description edit, {label}"), description);
    let env = edited.project.environment_names()[0].clone();
    let replicas = time(iterations, |i| {
        xgen_core::edit::services_mut(&mut edited.project, &env)[0].replicas = Some(1 + (i % 7) as u32);
        std::hint::black_box(renderer.render(&edited));
    });
    stats(&format!("native, snapshot after a replicas edit, {label}"), replicas);
    println!(
        "  render calls per edit: description {} of {} services, replicas {} of {}; texts emitted: {} and {}",
        after_description.services_rendered,
        after_description.services_rendered + after_description.services_reused,
        renderer.stats().services_rendered,
        renderer.stats().services_rendered + renderer.stats().services_reused,
        after_description.texts_emitted,
        renderer.stats().texts_emitted,
    );
    // The Changes view after that edit: the state as imported against the
    // edited one (equal file texts are skipped before parsing).
    // The costliest common edit: the project-wide traffic policy (the chart's
    // values.yaml), which every service's DestinationRule reads.
    let policy = time(iterations, |i| {
        let percent = serde_yaml::Value::from(10 + (i % 89) as u64);
        let dr = edited
            .chart_values
            .istio
            .get_or_insert_with(Default::default)
            .destination_rule
            .get_or_insert_with(Default::default);
        let tp = dr.traffic_policy.get_or_insert_with(|| serde_yaml::Value::Mapping(Default::default()));
        let serde_yaml::Value::Mapping(tp) = tp else { panic!("a mapping") };
        let od = tp.entry("outlierDetection".into()).or_insert_with(|| serde_yaml::Value::Mapping(Default::default()));
        let serde_yaml::Value::Mapping(od) = od else { panic!("a mapping") };
        od.insert("maxEjectionPercent".into(), percent);
        std::hint::black_box(renderer.render(&edited));
    });
    stats(&format!("native, snapshot after a project-wide traffic-policy edit, {label}"), policy);
    println!(
        "  render calls per edit: traffic policy {} of {} services; texts emitted: {}",
        renderer.stats().services_rendered,
        renderer.stats().services_rendered + renderer.stats().services_reused,
        renderer.stats().texts_emitted,
    );
    let base = render(state);
    let head = renderer.render(&edited);
    stats(
        &format!("native, change impact after a replicas edit, {label}"),
        time(iterations, |_| {
            std::hint::black_box(xgen_core::impact::impact(&base, &head));
        }),
    );
    // Many files already differ from the baseline (a replica count changed
    // in every service: every Deployment), then Description edits: the
    // impact from nothing remembered, and from an `Impacter` that parses and
    // diffs only the files the edit changed.
    let mut many = state.clone();
    for env in many.project.environment_names() {
        for (i, s) in xgen_core::edit::services_mut(&mut many.project, &env).iter_mut().enumerate() {
            s.replicas = Some(2 + (i % 5) as u32);
        }
    }
    let mut renderer = Renderer::new();
    renderer.render(&many);
    let heads: Vec<_> = (0..iterations)
        .map(|i| {
            many.project.project.get_or_insert_with(Default::default).description = Some(format!("edit {i}"));
            renderer.render(&many)
        })
        .collect();
    let mut impacter = xgen_core::impact::Impacter::new();
    impacter.impact(&base, &heads[0]);
    let changes = impacter.impact(&base, &heads[0]).objects.len();
    stats(
        &format!(
            "native, change impact after a description edit with {changes} objects changed before, fresh, {label}"
        ),
        time(iterations, |i| {
            std::hint::black_box(xgen_core::impact::impact(&base, &heads[i]));
        }),
    );
    stats(
        &format!("native, the same, remembered (Impacter), {label}"),
        time(iterations, |i| {
            std::hint::black_box(impacter.impact(&base, &heads[i]));
        }),
    );
    let rendered = render(state);
    stats(
        &format!("native, checks over the snapshot, {label}"),
        time(iterations, |_| {
            std::hint::black_box(run_all(state, &rendered, &Parser));
        }),
    );
}

/// Edits of the 120 x 5 project as the browser benchmark imports it: every
/// source file then has an original, so the project file is written by the
/// format-preserving writer (`yaml::keep`) rather than by parts, which is
/// the costliest common case and the one the page meets.
fn imported_edits(iterations: usize) {
    let text = xgen_core::yaml::to_string(&synthetic::project(120, 5)).expect("yaml");
    let state = import(&ProjectState::empty(), &[InputFile::new("bench.yaml", text.as_str())]).expect("imports");
    let mut renderer = Renderer::new();
    renderer.render(&state);
    let mut edited = state.clone();
    let label = "imported 120 x 5 project file";
    stats(
        &format!("native, the same state again (nothing changed), {label}"),
        time(iterations, |_| {
            std::hint::black_box(renderer.render(&edited));
        }),
    );
    stats(
        &format!("native, snapshot after a description edit, {label}"),
        time(iterations, |i| {
            edited.project.project.get_or_insert_with(Default::default).description = Some(format!("edit {i}"));
            std::hint::black_box(renderer.render(&edited));
        }),
    );
    let env = edited.project.environment_names()[4].clone();
    stats(
        &format!("native, snapshot after a replicas edit in one environment, {label}"),
        time(iterations, |i| {
            xgen_core::edit::services_mut(&mut edited.project, &env)[0].replicas = Some(1 + (i % 7) as u32);
            std::hint::black_box(renderer.render(&edited));
        }),
    );
    // A values file that every environment reads (a route of the frontend,
    // as the Routes form adds one): one service in each environment again.
    let file = edited.values.keys().next().cloned().expect("a values file");
    stats(
        &format!("native, snapshot after a values-file edit (one service in every environment), {label}"),
        time(iterations, |i| {
            edited.values.get_mut(&file).expect("listed").port = Some(8000 + (i % 3) as u16);
            std::hint::black_box(renderer.render(&edited));
        }),
    );
}

/// `n` route tests spread over every environment and its services.
fn route_tests(state: &ProjectState, n: usize) -> Vec<RouteTest> {
    let envs = state.project.environment_names();
    (0..n)
        .map(|i| {
            let env = &envs[i % envs.len()];
            let domain = state.project.domain_of(env).unwrap_or("example.com");
            RouteTest {
                env: env.clone(),
                url: format!("https://{domain}/api/v{i}/x"),
                service: "xgen-frontend".into(),
                port: None,
                ..Default::default()
            }
        })
        .collect()
}

fn main() {
    write_projects();
    // `-- --write-only`: the files for the browser benchmark, no figures.
    if std::env::args().any(|a| a == "--write-only") {
        return;
    }
    let example_text = include_str!("../../../public/examples/xgen.yaml");
    let example = import(&ProjectState::empty(), &[InputFile::new("xgen.yaml", example_text)]).expect("example");
    measure("example (2 environments, 13 Applications)", &example, 200);
    let big = synthetic::state(100, 4);
    measure("synthetic 100 services x 4 environments", &big, 20);
    let site = synthetic::state(120, 5);
    measure("synthetic 120 services x 5 environments", &site, 20);
    imported_edits(100);

    // 1,000 route tests against one lint, each from the state (render included).
    let tests = route_tests(&site, 1000);
    let lint = time(10, |_| {
        std::hint::black_box(run_all(&site, &render(&site), &Parser));
    });
    let routes = time(10, |_| {
        std::hint::black_box(run_route_tests(&render(&site), &tests));
    });
    let median = |mut t: Vec<Duration>| {
        t.sort();
        t[t.len() / 2].as_secs_f64() * 1000.0
    };
    let (lint, routes) = (median(lint), median(routes));
    println!(
        "native, 120 services x 5 environments: lint {lint:.1} ms, 1,000 route tests {routes:.1} ms ({:.2}x a lint)",
        routes / lint
    );

    // The YAML reader against serde_yaml (libyaml) on the 100 x 4 project file.
    let text = xgen_core::yaml::to_string(&synthetic::project(100, 4)).expect("yaml");
    type P = xgen_core::model::ProjectFile;
    stats(
        &format!("read 100x4 project file ({} KB), the studio's reader", text.len() / 1024),
        time(30, |_| {
            std::hint::black_box(xgen_core::yaml::from_str::<P>(&text).expect("reads"));
        }),
    );
    stats(
        "read 100x4 project file, serde_yaml",
        time(30, |_| {
            std::hint::black_box(serde_yaml::from_str::<P>(&text).expect("reads"));
        }),
    );
    stats(
        "write 100x4 project file, the studio's emitter",
        time(30, |_| {
            std::hint::black_box(xgen_core::yaml::to_string(&synthetic::project(100, 4)).expect("yaml"));
        }),
    );
    stats(
        "write 100x4 project file, serde_yaml",
        time(30, |_| {
            std::hint::black_box(serde_yaml::to_string(&synthetic::project(100, 4)).expect("yaml"));
        }),
    );
}

/// The synthetic projects the browser benchmark imports, in target/bench.
fn write_projects() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/bench");
    std::fs::create_dir_all(&dir).expect("target/bench");
    for (services, envs) in [(100, 4), (120, 5)] {
        let text = xgen_core::yaml::to_string(&synthetic::project(services, envs)).expect("yaml");
        std::fs::write(dir.join(format!("bench-{services}x{envs}.yaml")), text).expect("write");
    }
}
