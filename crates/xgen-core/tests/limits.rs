//! The studio's limits (docs/security.md, "Limits"): a project at every limit
//! imports, renders and round-trips through its own bundle; one more of
//! anything is refused on import (and so in a share link and a restored
//! autosave, which import), naming what and how many.

mod common;

use std::time::Instant;
use xgen_core::bundle::{bundle_zip, MAX_ENTRIES};
use xgen_core::error::ImportError;
use xgen_core::limits::{self, Counted};
use xgen_core::model::project::{Destination, Environment, ExtraApp, ProjectMeta, ServiceEntry, Source};
use xgen_core::model::settings::RouteTest;
use xgen_core::model::values::{Ingress, Route};
use xgen_core::names::ValuesFileName;
use xgen_core::ordered_map::OrderedMap;
use xgen_core::rendered::render;
use xgen_core::{import, InputFile, ProjectState};

/// A project at every limit: 32 environments, 5 of them with 200 services
/// each (1,000 Applications, each with a values file of its own), 64
/// extraApps, an ingress of 200 routes, 2,000 route tests.
fn at_every_limit() -> ProjectState {
    let mut state = ProjectState::empty();
    let p = &mut *state.project;
    p.project =
        Some(ProjectMeta { name: Some("limits".into()), namespace: Some("limits".into()), ..Default::default() });
    p.source = Some(Source { repo_url: Some("https://git.example.com/l.git".into()), ..Default::default() });
    let mut destinations = OrderedMap::default();
    let mut environments = OrderedMap::default();
    let full = limits::MAX_APPLICATIONS / limits::MAX_SERVICES_PER_ENVIRONMENT;
    for e in 0..limits::MAX_ENVIRONMENTS {
        let env = format!("e{e}");
        destinations.insert(
            env.clone(),
            Destination {
                server: Some(format!("https://k{e}.example.com")),
                domain: Some(format!("e{e}.example.com")),
                ..Default::default()
            },
        );
        let services = if e < full { limits::MAX_SERVICES_PER_ENVIRONMENT } else { 0 };
        let list = (0..services)
            .map(|i| {
                let name = if i == 0 { "xgen-frontend".to_owned() } else { format!("s{i}") };
                ServiceEntry {
                    values_file: (i > 0).then(|| format!("s{i}-e{e}.yaml")),
                    has_domain: (i == 0).then_some(true),
                    name: Some(name),
                    ..Default::default()
                }
            })
            .collect();
        environments.insert(env, Environment { services: Some(list), ..Default::default() });
    }
    p.destinations = Some(destinations);
    p.environments = Some(environments);
    p.extra_apps = Some(
        (0..limits::MAX_EXTRA_APPS)
            .map(|i| ExtraApp { name: Some(format!("extra-{i}")), path: Some("k3s/x".into()), ..Default::default() })
            .collect(),
    );
    state.complete_values();
    // The built-in frontend values file plus generated ones fill the limit.
    assert!(state.values.len() <= limits::MAX_VALUES_FILES, "{} values files", state.values.len());
    let frontend = state.values.get_mut(&ValuesFileName::parse("xgen-frontend.yaml").unwrap()).unwrap();
    let ingress = frontend.ingress.get_or_insert_with(Ingress::default);
    ingress.frontend_routes = None;
    ingress.routes = Some(
        (0..limits::MAX_ROUTES)
            .map(|i| Route {
                prefix: Some(format!("/r{i}/")),
                service: Some("s1".into()),
                port: Some(8000),
                ..Default::default()
            })
            .collect(),
    );
    state.settings.route_tests = Some(
        (0..limits::MAX_ROUTE_TESTS)
            .map(|i| RouteTest {
                url: format!("http://e0.example.com/r{}/x", i % limits::MAX_ROUTES),
                env: "e0".into(),
                service: "s1".into(),
                port: None,
                ..Default::default()
            })
            .collect(),
    );
    state
}

#[test]
fn a_project_at_every_limit_renders_and_round_trips_through_its_bundle() {
    let state = at_every_limit();
    assert_eq!(limits::check(&state), Ok(()));
    let start = Instant::now();
    let rendered = render(&state);
    let render_ms = start.elapsed().as_millis();
    let files = rendered.files().expect("every file writes");
    assert!(
        files.len() < MAX_ENTRIES,
        "{} files: the bundle's reader would refuse the studio's own bundle",
        files.len()
    );
    let zip = bundle_zip(&rendered).unwrap();
    let start = Instant::now();
    let back = import(&ProjectState::empty(), &[InputFile::new("at-limits.zip", zip.clone())]).unwrap();
    let import_ms = start.elapsed().as_millis();
    assert!(back == state, "the bundle of a project at every limit imports to another state");
    // scripts/bench-limits.sh measures the CLI and the page on this bundle.
    if let Some(path) = std::env::var_os("XGEN_LIMITS_ZIP") {
        std::fs::write(path, &zip).unwrap();
    }
    println!(
        "at every limit: {} files, zip {} bytes; render {render_ms} ms, bundle import {import_ms} ms (debug build)",
        files.len(),
        zip.len()
    );
}

fn project_text(envs: usize, services: usize) -> String {
    let mut text = String::from("project: {name: p, namespace: p}\ndestinations:\n");
    for e in 0..envs {
        text.push_str(&format!("  e{e}: {{server: https://k}}\n"));
    }
    text.push_str("services:\n");
    for i in 0..services {
        text.push_str(&format!("  - name: s{i}\n"));
    }
    text
}

fn refusal(text: &str) -> xgen_core::limits::LimitError {
    match import(&ProjectState::empty(), &[InputFile::new("p.yaml", text.as_bytes())]) {
        Err(ImportError::Limit(e)) => e,
        other => panic!("expected a limit refusal, got {other:?}"),
    }
}

#[test]
fn one_more_of_anything_is_refused_naming_the_limit_and_the_count() {
    let e = refusal(&project_text(limits::MAX_ENVIRONMENTS + 1, 1));
    assert_eq!((e.what, e.count, e.limit), (Counted::Environments, 33, limits::MAX_ENVIRONMENTS));
    let e = refusal(&project_text(1, limits::MAX_SERVICES_PER_ENVIRONMENT + 1));
    assert_eq!((e.what, e.count), (Counted::ServicesIn("e0".into()), 201));
    // The share link: 3,000 environments in ~10 KB is refused at once.
    let huge = project_text(3_000, 1);
    let start = Instant::now();
    let e = refusal(&huge);
    assert_eq!((e.what.clone(), e.count), (Counted::Environments, 3_000));
    println!("3,000 environments ({} bytes) refused in {} ms", huge.len(), start.elapsed().as_millis());
    let message = ImportError::Limit(e).to_string();
    assert_eq!(message, "the project is too large: too many environments: 3000, and the studio takes at most 32");
}

#[test]
fn share_links_and_restored_work_are_held_to_the_same_limits() {
    let state = at_every_limit();
    let mut over = state.clone();
    let extra =
        RouteTest { env: "e0".into(), url: "http://x/".into(), service: "s1".into(), port: None, ..Default::default() };
    over.settings.route_tests.as_mut().unwrap().push(extra);
    let text = xgen_core::session::save(&render(&over)).unwrap();
    match xgen_core::session::restore(&text) {
        Err(ImportError::Limit(e)) => assert_eq!((e.what, e.count), (Counted::RouteTests, 2_001)),
        other => panic!("restored work over a limit: {other:?}"),
    }
    let within = xgen_core::session::save(&render(&state)).unwrap();
    assert!(xgen_core::session::restore(&within).is_ok());
}
