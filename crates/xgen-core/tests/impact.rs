//! Change impact (docs/bundle.md): golden cases from the built-in example to
//! an edited copy of it, each the text `xgen-studio diff` prints. Run with
//! UPDATE_GOLDEN=1 to rewrite them; review the diff before committing.

mod common;

use xgen_core::impact::{impact, text, ChangeKind};
use xgen_core::{import, InputFile, ProjectState};

const FRONTEND: &str = include_str!("../src/builtin/values/xgen-frontend.yaml");

fn state(files: &[(&str, String)]) -> ProjectState {
    let inputs: Vec<InputFile> = files.iter().map(|(n, t)| InputFile::new(*n, t.as_bytes())).collect();
    import(&ProjectState::empty(), &inputs).unwrap_or_else(|e| panic!("{e}"))
}

fn example_with(from: &str, to: &str) -> String {
    assert!(common::EXAMPLE.contains(from), "the example holds {from:?}");
    common::EXAMPLE.replacen(from, to, 1)
}

/// (case, head inputs): each against the example as it is.
fn cases() -> Vec<(&'static str, Vec<(&'static str, String)>)> {
    let example = || ("xgen.yaml", common::EXAMPLE.to_owned());
    vec![
        ("replicas", vec![("xgen.yaml", example_with("- name: xgen-model\n        replicas: 1", "- name: xgen-model\n        replicas: 2"))]),
        (
            "new-route",
            vec![
                example(),
                (
                    "k3s/helm-chart/values/xgen-frontend.yaml",
                    FRONTEND.replacen("  routes:\n", "  routes:\n    - prefix: /api/core/\n      service: xgen-core\n      port: 8000\n", 1),
                ),
            ],
        ),
        (
            "removed-service",
            vec![("xgen.yaml", example_with("      - name: xgen-mcp-station\n        replicas: 2\n        autoscaling: { minReplicas: 2, maxReplicas: 4 }\n", ""))],
        ),
        ("renamed-environment", vec![("xgen.yaml", common::EXAMPLE.replace("\n  dev:\n", "\n  qa:\n"))]),
        (
            "nothing-rendered",
            vec![
                example(),
                (
                    "xgen-studio.yaml",
                    "apiVersion: xgen-studio/v1\nkind: StudioSettings\nrouteTests:\n  - {env: prd, url: 'https://jeju-xgen.x2bee.com/api/x', service: xgen-backend-gateway}\n".into(),
                ),
            ],
        ),
    ]
}

#[test]
fn every_case_matches_its_golden_text() {
    let base = common::rendered(&common::example());
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let dir = common::crate_dir().join("tests/golden/impact");
    let mut failures = Vec::new();
    for (name, files) in cases() {
        let head = common::rendered(&state(&files));
        let got = text(&impact(&base, &head));
        let path = dir.join(format!("{name}.txt"));
        if update {
            std::fs::write(&path, &got).unwrap();
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(got.as_str()) {
            failures.push(format!("{name}: differs from {} (UPDATE_GOLDEN=1 rewrites it)\n{got}", path.display()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn the_cases_change_what_they_should_and_nothing_else() {
    let base = common::rendered(&common::example());
    let of = |name: &str| {
        let files = cases().into_iter().find(|(n, _)| *n == name).unwrap().1;
        impact(&base, &common::rendered(&state(&files)))
    };
    let replicas = of("replicas");
    let changed: Vec<(&str, &str, &str)> =
        replicas.objects.iter().map(|o| (o.env.as_str(), o.kind.as_str(), o.name.as_str())).collect();
    assert!(changed.contains(&("prd", "Deployment", "xgen-model")), "{changed:?}");
    assert!(replicas.objects.iter().all(|o| o.env == "prd" && o.change == ChangeKind::Changed));
    assert_eq!(replicas.counts().iter().find(|(e, _)| e == "dev").map(|(_, n)| *n), Some(0));

    let route = of("new-route");
    assert!(route.objects.iter().any(|o| o.env == "dev" && o.kind == "VirtualService"), "the values file is shared");
    assert!(route.objects.iter().any(|o| o.env == "prd" && o.kind == "VirtualService"));
    assert!(route
        .objects
        .iter()
        .filter(|o| o.kind == "VirtualService")
        .all(|o| o.diff.contains("+        prefix: /api/core/")));

    let removed = of("removed-service");
    assert!(removed.objects.iter().any(|o| o.env == "prd"
        && o.kind == "Deployment"
        && o.name == "xgen-mcp-station"
        && o.change == ChangeKind::Removed));
    assert!(removed.objects.iter().all(|o| o.env == "prd"));

    let renamed = of("renamed-environment");
    assert!(renamed.objects.iter().any(|o| o.env == "dev" && o.change == ChangeKind::Removed));
    assert!(renamed.objects.iter().any(|o| o.env == "qa" && o.change == ChangeKind::Added));
    assert!(renamed.objects.iter().all(|o| o.env != "prd" || o.change == ChangeKind::Changed));

    let nothing = of("nothing-rendered");
    assert!(nothing.objects.is_empty(), "{:?}", nothing.objects);
    assert_eq!(nothing.sources.iter().map(|s| s.path.as_str()).collect::<Vec<_>>(), ["xgen-studio.yaml"]);
    assert!(impact(&base, &base).is_empty());
}
