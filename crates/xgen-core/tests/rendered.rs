//! The rendered snapshot: an incremental render equals a fresh one over random
//! edit sequences, and an edit renders again only what its inputs changed.

mod common;

use serde_yaml::Value;
use xgen_core::edit;
use xgen_core::model::project::ServiceEntry;
use xgen_core::model::values::{Ingress, Route};
use xgen_core::rendered::{render, Rendered, Renderer};
use xgen_core::ProjectState;

use common::Rng;

/// Asserts two snapshots hold the same environments, services, merged
/// values, objects, rules, files and ways the imported files were written.
fn assert_same(incremental: &Rendered, fresh: &Rendered, what: &str) {
    assert_eq!(incremental.files(), fresh.files(), "{what}: files differ");
    // How each imported file was written (XS605) is the snapshot's too.
    assert_eq!(incremental.kept(), fresh.kept(), "{what}: writes differ");
    assert_eq!(incremental.envs.len(), fresh.envs.len(), "{what}");
    for (a, b) in incremental.envs.iter().zip(&fresh.envs) {
        assert_eq!((&a.name, &a.label, a.own_list), (&b.name, &b.label, b.own_list), "{what}");
        assert_eq!(a.root, b.root, "{what}: root chart of {}", a.name);
        assert_eq!(a.services.len(), b.services.len(), "{what}: {}", a.name);
        for (s, t) in a.services.iter().zip(b.services.iter()) {
            assert_eq!((&s.name, &s.entry_path, &s.values_file), (&t.name, &t.entry_path, &t.values_file), "{what}");
            assert_eq!(
                s.merged().map(|m| m.to_value()),
                t.merged().map(|m| m.to_value()),
                "{what}: merged values of {} in {}",
                s.name,
                a.name
            );
            assert_eq!(s.objects(), t.objects(), "{what}: objects of {} in {}", s.name, a.name);
            assert_eq!(s.failure(), t.failure(), "{what}: failure of {} in {}", s.name, a.name);
        }
    }
}

/// One random edit of the kinds the forms make.
fn edit_once(state: &mut ProjectState, rng: &mut Rng) -> String {
    let envs = state.project.environment_names();
    let Some(env) = rng.pick(&envs).cloned() else { return "nothing".into() };
    let files: Vec<_> = state.values.keys().cloned().collect();
    match rng.below(16) {
        12..=15 => {
            // A value at a path the templates read (or next to one), in the
            // chart's values or a service's: the reads an object was built
            // from decide whether it is built again.
            let paths: [&[&str]; 24] = [
                &["port"],
                &["replicas"],
                &["autoscaling", "enabled"],
                &["autoscaling", "minReplicas"],
                &["environments", &env, "replicas"],
                &["environments", &env, "autoscaling", "enabled"],
                &["environments", &env, "config", "K"],
                &["environments", &env, "image", "tag"],
                &["istio", "apiVersion"],
                &["istio", "destinationRule", "enabled"],
                &["istio", "destinationRule", "trafficPolicy", "loadBalancer", "simple"],
                &["istio", "destinationRule", "trafficPolicy"],
                &["ingress", "enabled"],
                &["domain"],
                &["global", "platform"],
                &["global", "config", "K"],
                &["global", "infra", "postgres", "host"],
                &["config", "K"],
                &["image", "tag"],
                &["healthCheck", "type"],
                &["probes", "liveness", "periodSeconds"],
                &["nodeSelector", "k"],
                &["resources", "limits", "cpu"],
                &["unread", "x"],
            ];
            let path = *rng.pick(&paths).expect("paths");
            let value = match rng.below(6) {
                0 => None,
                1 => Some(Value::Null),
                2 => Some(Value::from(1 + rng.below(3) as u64)),
                3 => Some(Value::from(["a", "tcp", "true"][rng.below(3)])),
                4 => Some(Value::from(rng.below(2) == 0)),
                _ => Some(Value::Mapping(Default::default())),
            };
            let in_chart = rng.below(3) == 0 || files.is_empty();
            let target = if in_chart { None } else { rng.pick(&files).cloned() };
            let mut data = match &target {
                None => serde_yaml::to_value(&state.chart_values).unwrap(),
                Some(file) => serde_yaml::to_value(state.values.get_mut(file).expect("listed")).unwrap(),
            };
            edit::set_in(&mut data, path, value.clone());
            // A value the typed model refuses is no edit the forms make.
            let Ok(typed) = serde_yaml::from_value::<xgen_core::model::ServiceValues>(data) else {
                return "nothing".into();
            };
            match &target {
                None => state.chart_values = typed.into(),
                Some(file) => *state.values.get_mut(file).expect("listed") = typed,
            }
            format!("{path:?} = {value:?} in {}", target.map_or("the chart".into(), |f| f.as_str().to_owned()))
        }
        0 => {
            let list = edit::services_mut(&mut state.project, &env);
            let i = rng.below(list.len());
            if let Some(s) = list.get_mut(i) {
                s.replicas = Some(1 + rng.below(5) as u32);
            }
            format!("replicas in {env}")
        }
        1 => {
            let meta = state.project.project.get_or_insert_with(Default::default);
            meta.description = Some(format!("description {}", rng.next() % 1000));
            "description".into()
        }
        2 => {
            let list = edit::services_mut(&mut state.project, &env);
            let n = rng.below(1000);
            list.push(ServiceEntry { name: Some(format!("extra-{n}")), ..ServiceEntry::default() });
            state.complete_values();
            format!("add a service to {env}")
        }
        3 => {
            let list = edit::services_mut(&mut state.project, &env);
            if !list.is_empty() {
                let i = rng.below(list.len());
                list.remove(i);
            }
            format!("remove a service from {env}")
        }
        4 => {
            let list = edit::services_mut(&mut state.project, &env);
            if list.len() > 1 {
                let (from, to) = (rng.below(list.len()), rng.below(list.len()));
                edit::reorder(list, from, to);
            }
            format!("reorder {env}")
        }
        5 => {
            let domain = format!("d{}.example.com", rng.below(50));
            edit::destination_mut(&mut state.project, &env).domain = Some(domain);
            format!("domain of {env}")
        }
        6 => {
            let to = format!("e{}", rng.below(20));
            edit::rename_environment(&mut state.project, &env, &to);
            format!("rename {env} to {to}")
        }
        7 => {
            if let Some(file) = rng.pick(&files).cloned() {
                let v = state.values.get_mut(&file).expect("listed");
                let ingress = v.ingress.get_or_insert_with(Ingress::default);
                ingress.enabled = Some(true);
                let routes = ingress.routes.get_or_insert_with(Vec::new);
                let n = rng.below(30);
                routes.push(Route {
                    prefix: Some(format!("/r{n}/")),
                    service: Some("xgen-core".into()),
                    port: Some(8000),
                    ignore_uri_case: n.is_multiple_of(3).then_some(true),
                    ..Route::default()
                });
            }
            "add a route".into()
        }
        8 => {
            let mut chart = serde_yaml::to_value(&state.chart_values).unwrap();
            let percent = Value::from(10 * (1 + rng.below(9)) as u64);
            let path = ["istio", "destinationRule", "trafficPolicy", "outlierDetection", "maxEjectionPercent"];
            edit::set_in(&mut chart, &path, Some(percent));
            state.chart_values = serde_yaml::from_value::<xgen_core::model::ServiceValues>(chart).unwrap().into();
            "chart traffic policy".into()
        }
        9 => {
            let vars = state.project.vars.get_or_insert_with(Default::default);
            vars.insert(format!("VAR_{}", rng.below(5)), xgen_core::scalar::Scalar::Str(format!("{}", rng.next() % 7)));
            "a var".into()
        }
        10 => {
            let alerts = state.settings.alerts.get_or_insert_with(Default::default);
            let yaml = format!("rules:\n  highMemory: {{threshold: {}}}\n", 50 + rng.below(40));
            *alerts = serde_yaml::from_str(&yaml).unwrap();
            "an alert threshold".into()
        }
        _ => {
            if let Some(file) = rng.pick(&files).cloned() {
                state.values.get_mut(&file).expect("listed").port = Some(8000 + rng.below(3) as u16);
            }
            "a port".into()
        }
    }
}

#[test]
fn incremental_renders_equal_fresh_ones_over_random_edits() {
    let starts = [common::example(), xgen_core::synthetic::state(12, 3)];
    let mut checked = 0;
    let mut at_paths = 0;
    for (s, start) in starts.iter().enumerate() {
        for seed in 1..=12u64 {
            let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) + s as u64);
            let mut state = start.clone();
            let mut renderer = Renderer::new();
            renderer.render(&state);
            for step in 0..25 {
                let what = edit_once(&mut state, &mut rng);
                at_paths += usize::from(what.contains(" = "));
                let label = format!("start {s}, seed {seed}, step {step}: {what}");
                assert_same(&renderer.render(&state), &render(&state), &label);
                checked += 1;
            }
        }
    }
    assert_eq!(checked, 2 * 12 * 25);
    // The edits of a value at a read path are a fair share of them (the
    // typed model refuses some values: those are no edit).
    assert!(at_paths > 100, "{at_paths} edits at the templates' paths");
}

/// The imported project file's value is made from the last one (the
/// renderer's `project_value`): a reordered map, and a new import of the
/// file, still give what a fresh render gives.
#[test]
fn the_project_files_value_follows_order_and_new_imports() {
    const NO_DEST: &str = "project: {name: p, namespace: p}\n\
environments:\n  dev:\n    services:\n      - name: a\n  prd:\n    services:\n      - name: a\n";
    const PROJECT: &str = "project: {name: p, namespace: p}\n\
destinations:\n  dev: {server: https://k, domain: d.example.com}\n  prd: {server: https://k, domain: p.example.com}\n\
environments:\n  dev:\n    services:\n      - name: a\n  prd:\n    services:\n      - name: a\n";
    const REORDERED: &str = "project: {name: p, namespace: p, description: x}\n\
destinations:\n  prd: {server: https://k, domain: p.example.com}\n  dev: {server: https://k, domain: d.example.com}\n\
environments:\n  dev:\n    services:\n      - name: a\n  prd:\n    services:\n      - name: a\n";
    let values = xgen_core::InputFile::new("a.yaml", "serviceName: a\n");
    let import = |current: &ProjectState, text: &str| {
        xgen_core::import(current, &[xgen_core::InputFile::new("p.yaml", text), values.clone()]).expect("imports")
    };
    // Destinations added, then moved, then another edit.
    let mut state = import(&ProjectState::empty(), NO_DEST);
    let mut renderer = Renderer::new();
    renderer.render(&state);
    edit::destination_mut(&mut state.project, "dev").domain = Some("d.example.com".into());
    edit::destination_mut(&mut state.project, "prd").domain = Some("p.example.com".into());
    assert_same(&renderer.render(&state), &render(&state), "destinations added");
    edit::move_environment(&mut state.project, "prd", -1);
    state.project.project.get_or_insert_with(Default::default).description = Some("x".into());
    assert_same(&renderer.render(&state), &render(&state), "moved, then a Description");
    // The same file imported again with its destinations in another order.
    let state = import(&ProjectState::empty(), PROJECT);
    let mut renderer = Renderer::new();
    renderer.render(&state);
    let state = import(&state, REORDERED);
    assert_same(&renderer.render(&state), &render(&state), "imported again, reordered");
}

/// The page's impact: one `Impacter` over the snapshots of a session (each
/// sharing unchanged texts with the last), against a baseline that moves
/// now and then, equals a fresh `impact` of the same two snapshots.
#[test]
fn incremental_impacts_equal_fresh_ones_over_random_edits() {
    use std::sync::Arc;
    use xgen_core::impact::{impact, Impacter};
    let starts = [common::example(), xgen_core::synthetic::state(12, 3)];
    let mut changed = 0;
    for (s, start) in starts.iter().enumerate() {
        for seed in 1..=6u64 {
            let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) + 7 + s as u64);
            let mut state = start.clone();
            let mut renderer = Renderer::new();
            let mut base = Arc::new(renderer.render(&state));
            let mut impacter = Impacter::new();
            for step in 0..30 {
                let what = edit_once(&mut state, &mut rng);
                let head = Arc::new(renderer.render(&state));
                let label = format!("start {s}, seed {seed}, step {step}: {what}");
                let incremental = impacter.impact(&base, &head);
                assert_eq!(incremental, impact(&base, &head), "{label}");
                assert_eq!(incremental.envs, impact(&base, &head).envs, "{label}: environments");
                changed += usize::from(!incremental.is_empty());
                // "Set as baseline" now and then.
                if rng.below(8) == 0 {
                    base = head;
                }
            }
        }
    }
    // The edits change something most of the time: the comparison is not
    // of empty impacts only.
    assert!(changed > 2 * 6 * 30 / 2, "{changed}");
}

#[test]
fn an_edit_renders_again_only_what_it_changed() {
    let mut state = xgen_core::synthetic::state(100, 4);
    let mut renderer = Renderer::new();
    renderer.render(&state);
    assert_eq!(renderer.stats().services_rendered, 400, "the first render renders everything");

    // The description reaches the AppProjects only: no service renders again.
    state.project.project.as_mut().unwrap().description = Some("edited".into());
    renderer.render(&state);
    let stats = renderer.stats();
    assert_eq!((stats.services_rendered, stats.services_reused), (0, 400), "{stats:?}");
    // The project file and four AppProjects.
    assert_eq!(stats.texts_emitted, 5, "{stats:?}");

    // An alert threshold: the settings file and each environment's seven
    // observability files, each written once for its two folders.
    let alerts = state.settings.alerts.get_or_insert_with(Default::default);
    let rules = alerts.rules.get_or_insert_with(Default::default);
    rules.insert(
        "highMemory".to_owned(),
        xgen_core::model::alerts::RuleSettings { threshold: Some(91.0), ..Default::default() },
    );
    let rendered = renderer.render(&state);
    let stats = renderer.stats();
    assert_eq!((stats.services_rendered, stats.texts_emitted), (0, 1 + 7 * 4), "{stats:?}");
    let files = rendered.files().unwrap();
    let text = |p: &str| files.iter().find(|f| f.path == p).map(|f| f.text.clone()).unwrap();
    let rules = "prometheus/prometheus-rules.yaml";
    assert!(text(&format!("k3s/observability/env1/{rules}")).contains("> 91"));
    assert_eq!(text(&format!("k3s/observability/env1/{rules}")), text(&format!("rendered/env1/observability/{rules}")));

    // One service's replicas in one environment: that Application alone.
    // The other environments are taken whole: their services are the very
    // same list, and the edited one's is a new one.
    let before = renderer.render(&state);
    edit::services_mut(&mut state.project, "env2")[5].replicas = Some(7);
    let after = renderer.render(&state);
    let stats = renderer.stats();
    assert_eq!((stats.services_rendered, stats.services_reused), (1, 399), "{stats:?}");
    for (was, now) in before.envs.iter().zip(&after.envs) {
        let taken_whole = std::sync::Arc::ptr_eq(&was.services, &now.services);
        assert_eq!(taken_whole, now.name != "env2", "{}", now.name);
        assert_eq!(std::sync::Arc::ptr_eq(&was.root, &now.root), now.name != "env2", "{}", now.name);
    }

    // A values file: every environment that deploys the service.
    state.values.values_mut().nth(3).unwrap().port = Some(9000);
    renderer.render(&state);
    assert_eq!(renderer.stats().services_rendered, 4);

    // The chart's values: everything.
    let mut chart = serde_yaml::to_value(&state.chart_values).unwrap();
    edit::set_in(&mut chart, &["global", "platform"], Some(Value::from("other")));
    state.chart_values = serde_yaml::from_value::<xgen_core::model::ServiceValues>(chart).unwrap().into();
    renderer.render(&state);
    assert_eq!(renderer.stats().services_rendered, 400);
    assert_same(&renderer.render(&state), &render(&state), "after the chart edit");
}

/// The project-wide traffic policy gives every service a new
/// DestinationRule; the render writes none of them (the preview shows one,
/// and reading it writes it), and a later edit that leaves them keeps the
/// very same texts, which tells the preview which files changed without
/// writing any.
#[test]
fn destination_rules_are_written_when_read() {
    let mut state = xgen_core::synthetic::state(10, 2);
    let mut renderer = Renderer::new();
    let before = renderer.render(&state);
    let is_dr = |f: &&xgen_core::layout::BundleFile| {
        f.path.starts_with("rendered/") && f.path.ends_with("/destinationrule.yaml")
    };
    let mut chart = serde_yaml::to_value(&state.chart_values).unwrap();
    let path = ["istio", "destinationRule", "trafficPolicy", "outlierDetection", "maxEjectionPercent"];
    edit::set_in(&mut chart, &path, Some(Value::from(42)));
    state.chart_values = serde_yaml::from_value::<xgen_core::model::ServiceValues>(chart).unwrap().into();
    let edited = renderer.render(&state);
    let drs: Vec<_> = edited.files().unwrap().iter().filter(is_dr).collect();
    assert_eq!(drs.len(), 20, "one per service and environment");
    let written: Vec<_> = drs.iter().filter(|f| f.text.is_written()).map(|f| f.path.as_str()).collect();
    assert!(written.is_empty(), "no DestinationRule written by the render: {written:?}");
    let old: Vec<_> = before.files().unwrap().iter().filter(is_dr).collect();
    assert!(old.iter().zip(&drs).all(|(a, b)| !a.text.same(&b.text)), "every one changed");
    assert!(drs.iter().all(|f| !f.text.is_written()), "none written to tell");
    assert!(drs[0].text.contains("maxEjectionPercent: 42"), "{}", &*drs[0].text);
    assert_same(&edited, &render(&state), "after the policy edit");

    // Another edit keeps them: the very same objects, with the texts the
    // comparison with a fresh render above wrote.
    edit::services_mut(&mut state.project, "env1")[3].replicas = Some(7);
    let next = renderer.render(&state);
    let kept: Vec<_> = next.files().unwrap().iter().filter(is_dr).collect();
    assert!(kept.iter().zip(&drs).all(|(a, b)| a.text.same(&b.text)), "the same texts");
    assert!(kept.iter().all(|f| f.text.is_written()), "written once, not again");

    // The policy set back: new objects, equal to the first render's.
    let mut chart = serde_yaml::to_value(&state.chart_values).unwrap();
    let was = serde_yaml::to_value(&xgen_core::synthetic::state(10, 2).chart_values).unwrap();
    let old_value = path.iter().try_fold(&was, |v, k| v.get(k)).cloned();
    edit::set_in(&mut chart, &path, old_value);
    state.chart_values = serde_yaml::from_value::<xgen_core::model::ServiceValues>(chart).unwrap().into();
    let back = renderer.render(&state);
    let back: Vec<_> = back.files().unwrap().iter().filter(is_dr).cloned().collect();
    assert!(back.iter().zip(&old).all(|(a, b)| a.text == b.text), "the first render's texts again");
}

/// A render that failed at a `--set` (a parameter into a string of the
/// values file, XS215) renders once the parameter is gone: the failure the
/// last render kept was Helm's `--set` error, not the chart's own check.
#[test]
fn a_set_failure_goes_when_its_parameter_goes() {
    let project = "project: {name: p, namespace: p}\n\
        destinations:\n  dev: {server: https://k, domain: p.example.com}\n\
        infra:\n  search: {host: search.example}\n\
        environments:\n  dev:\n    services:\n      - name: xgen-backend-gateway\n";
    let values = "serviceName: xgen-backend-gateway\nglobal:\n  infra:\n    search: none\n";
    let files =
        [xgen_core::InputFile::new("p.yaml", project), xgen_core::InputFile::new("xgen-backend-gateway.yaml", values)];
    let mut state = xgen_core::import(&ProjectState::empty(), &files).expect("imports");
    let mut renderer = Renderer::new();
    let failed = renderer.render(&state);
    let service = &failed.envs[0].services[0];
    assert!(service.failure().is_some_and(|f| f.contains("--set")), "{:?}", service.failure());
    state.project.infra = None;
    let incremental = renderer.render(&state);
    let fresh = render(&state);
    assert_eq!(fresh.envs[0].services[0].failure(), None, "renders without the parameter");
    assert_same(&incremental, &fresh, "the parameter removed");
}
