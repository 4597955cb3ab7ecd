//! The cluster's own Istio objects (docs/inputs.md, "Istio objects from
//! the cluster"): imported per environment, kept in the state, carried by
//! the bundle at `cluster/<env>/istio-objects.yaml`, never rendered, and
//! routed through with the chart's objects (docs/routing.md, "The whole
//! gateway").

mod common;

use xgen_core::import::import_objects;
use xgen_core::rendered::render;
use xgen_core::simulator::{simulate, simulate_request, Extra};
use xgen_core::{bundle, import, InputFile, ProjectState};

fn fixture() -> String {
    std::fs::read_to_string(common::repo_root().join("tests/fixtures/cluster/example-dev.yaml")).unwrap()
}

fn example() -> ProjectState {
    common::example()
}

fn with_objects() -> ProjectState {
    import_objects(&example(), "dev", &InputFile::new("dump.yaml", fixture())).unwrap()
}

#[test]
fn objects_travel_in_the_bundle_and_come_back_exactly() {
    let state = with_objects();
    let objects = state.cluster.get("dev").expect("kept for dev");
    assert_eq!(objects.objects.len(), 10);
    assert_eq!(objects.skipped_count(), 2, "a Service and a Sidecar: {:?}", objects.skipped);
    let rendered = render(&state);
    let file = rendered.file("cluster/dev/istio-objects.yaml").expect("in the bundle");
    assert_eq!(&*file.text, fixture(), "as it was read, comments and all");
    assert!(
        rendered.files().unwrap().iter().all(|f| !f.path.starts_with("rendered/") || !f.text.contains("team-b")),
        "never rendered as Argo CD output"
    );
    let zip = bundle::bundle_zip(&rendered).unwrap();
    let again = import(&ProjectState::empty(), &[InputFile::new("b.zip", zip.clone())]).unwrap();
    assert_eq!(again, state);
    assert_eq!(again.cluster.get("dev").unwrap().text, objects.text);
    assert_eq!(bundle::bundle_zip(&render(&again)).unwrap(), zip, "the same bytes again");
    assert!(again.cluster.get("prd").is_none());
}

#[test]
fn the_autosave_and_a_share_link_keep_the_objects() {
    let state = with_objects();
    let saved = xgen_core::session::save(&render(&state)).unwrap();
    let restored = xgen_core::session::restore(&saved).unwrap();
    assert_eq!(restored, state);
    assert_eq!(restored.cluster.get("dev").unwrap().text, state.cluster.get("dev").unwrap().text);
}

#[test]
fn an_objects_file_is_refused_whole_with_its_place() {
    let state = example();
    let bad = fixture().replace("weight: 90", "weight: [90]");
    let e = import_objects(&state, "dev", &InputFile::new("dump.yaml", bad)).unwrap_err();
    assert_eq!(e.file(), Some("dump.yaml"));
    let (line, _) = e.line_column().expect("a line and column");
    let want = fixture().lines().position(|l| l.contains("weight: 90")).unwrap() + 1;
    assert_eq!(line, want, "{e}");
    let e = import_objects(&state, "qa", &InputFile::new("dump.yaml", fixture())).unwrap_err();
    assert!(e.to_string().contains("no environment `qa`"), "{e}");
    let e = import_objects(&state, "dev", &InputFile::new("svc.yaml", "apiVersion: v1\nkind: Service\n")).unwrap_err();
    assert!(e.to_string().contains("1 Service"), "{e}");
    let e = import(&state, &[InputFile::new("dump.yaml", fixture())]).unwrap_err();
    assert!(e.to_string().contains("for an environment"), "dropped among project files: {e}");
}

#[test]
fn the_whole_gateway_routes_the_imported_objects() {
    let rendered = render(&with_objects());
    let sim = |url: &str| simulate(&rendered, "dev", url);
    // A host only the imported objects serve, bound by a short gateway name.
    let g = sim("http://grafana.x2bee.com/d/abc");
    assert_eq!((g.status, g.virtual_service.as_deref()), (200, Some("grafana")));
    assert_eq!(g.virtual_service_namespace.as_deref(), Some("observability"));
    assert_eq!(g.virtual_service_source, Some("objects"));
    // A host the chart and a team share: the chart's catch-all moves last.
    let c = sim("http://xgen.x2bee.com/team-api/x");
    assert_eq!((c.virtual_service.as_deref(), c.rule_index), (Some("canary"), Some(3)), "{:?}", c.reasons);
    let f = sim("http://xgen.x2bee.com/anything");
    assert_eq!(f.virtual_service.as_deref(), Some("xgen-frontend-vs"));
    assert_eq!(f.virtual_service_source, Some("chart"));
    // The canary: weights, and a subset no DestinationRule defines.
    let k = sim("http://xgen.x2bee.com/canary/a?canary=yes");
    assert_eq!(k.destinations.iter().map(|d| d.weight).collect::<Vec<_>>(), [90, 10]);
    assert_eq!(k.status, 200, "most requests go to v1");
    assert!(k.notes.iter().any(|n| n.en().contains("subset `v2`") && n.en().contains("(10%)")));
    let v2 = sim("http://xgen.x2bee.com/canary-v2/a");
    assert_eq!((v2.status, v2.rule_index), (503, Some(4)), "subset v2 is not defined: {:?}", v2.reasons);
    assert_eq!(sim("http://xgen.x2bee.com/canary/a").virtual_service.as_deref(), Some("xgen-frontend-vs"));
    // Headers and methods.
    let h = vec![("X-Canary".to_owned(), "1".to_owned())];
    let k = simulate_request(&rendered, "dev", "http://xgen.x2bee.com/canary/a", &Extra { method: "GET", headers: &h });
    assert_eq!(k.virtual_service.as_deref(), Some("canary"));
    let post =
        simulate_request(&rendered, "dev", "http://xgen.x2bee.com/submit", &Extra { method: "POST", headers: &[] });
    let up = post.upstream.as_ref().unwrap();
    assert_eq!((up.path.as_str(), up.authority.as_str()), ("/v2/submit", "forms.internal"));
    assert_eq!(sim("http://xgen.x2bee.com/submit").virtual_service.as_deref(), Some("xgen-frontend-vs"));
    // A delegate: the child answers, within the parent's prefix.
    let d = sim("http://xgen.x2bee.com/team-b/api/1");
    assert_eq!((d.virtual_service.as_deref(), d.rule_index), (Some("team-b-routes"), Some(0)));
    // Redirects and direct responses.
    let r = sim("http://status.x2bee.com/old/a?b=1");
    let redirect = r.redirect.as_ref().unwrap();
    assert_eq!((r.status, redirect.location.as_str()), (302, "http://status.x2bee.com/new/?b=1"));
    let ok = sim("http://status.x2bee.com/healthz");
    assert_eq!((ok.status, ok.direct_response.as_ref().unwrap().body.as_deref()), (200, Some("ok")));
    // A VirtualService Istio refuses routes nothing, and the answer says so.
    let b = sim("http://shared.x2bee.com/");
    assert_eq!(b.status, 404);
    assert!(b.reasons.iter().any(|r| r.en().contains("team-c/broken") && r.en().contains("refused by Istio")));
    // A Gateway for another workload's selector serves nothing here.
    assert_eq!(sim("http://elsewhere.example.test/").status, 404);
}

#[test]
fn regex_rewrites_and_redirect_ports_answer_as_envoy_builds_them() {
    let rendered = render(&with_objects());
    let sim = |url: &str| simulate(&rendered, "dev", url);
    let upstream = |url: &str| {
        let s = sim(url);
        let up = s.upstream.unwrap_or_else(|| panic!("{url}: {:?}", s.reasons));
        (up.path, up.authority)
    };
    // Groups, the query kept aside, every match replaced, an authority.
    assert_eq!(upstream("http://shared.x2bee.com/rx/svc/a/b/c?q=1").0, "/b/c/instance/a?q=1");
    assert_eq!(
        upstream("http://shared.x2bee.com/rx/all/banana"),
        ("/rx/[A]ll/b[A]n[A]n[A]".to_owned(), "all.internal".to_owned())
    );
    // `\\` is a backslash; a group the pattern lacks leaves the path; a
    // bad escape ends each replacement.
    assert_eq!(upstream("http://shared.x2bee.com/rx/slash/a").0, r"/rr\x/ss\lash/aa\");
    assert_eq!(upstream("http://shared.x2bee.com/rx/missing/group").0, "/rx/missing/group");
    assert_eq!(upstream("http://shared.x2bee.com/rx/stop/z").0, "/xrx/xstop/xz");
    assert_eq!(upstream("http://shared.x2bee.com/RX/CASE/x").0, "/cased/x");
    // derivePort: port 80, left out for http, kept for https; a scheme
    // change drops the request's default port; a relative uri gains a `/`.
    let location = |url: &str| sim(url).redirect.unwrap_or_else(|| panic!("{url}: a redirect")).location;
    assert_eq!(location("http://shared.x2bee.com:8080/rd/derive?x=1"), "http://shared.x2bee.com:8080/derived?x=1");
    assert_eq!(location("http://shared.x2bee.com:8080/rd/derive-https"), "https://shared.x2bee.com:80/rd/derive-https");
    assert_eq!(location("http://shared.x2bee.com:80/rd/tls"), "https://shared.x2bee.com/rd/tls");
    assert_eq!(location("http://shared.x2bee.com:443/rd/tls"), "https://shared.x2bee.com:443/rd/tls");
    assert_eq!(location("http://shared.x2bee.com/rd/relative"), "http://shared.x2bee.com/relative/path");
}

#[test]
fn without_objects_the_answers_are_the_charts() {
    let plain = render(&example());
    let with = render(&with_objects());
    for url in ["http://xgen.x2bee.com/api/x", "http://xgen.x2bee.com/", "https://jeju-xgen.x2bee.com/api/v1"] {
        for env in ["dev", "prd"] {
            let (a, b) = (simulate(&plain, env, url), simulate(&with, env, url));
            if env == "prd" {
                assert_eq!(a, b, "prd has no objects: {url}");
            }
            assert_eq!((a.status, a.destination.clone()), (b.status, b.destination.clone()), "{env} {url}");
        }
    }
}

#[test]
fn a_file_of_objects_is_told_from_the_projects_files() {
    use xgen_core::import::is_objects_file;
    assert!(is_objects_file(&InputFile::new("dump.yaml", fixture())), "a kind: List");
    let docs = "apiVersion: v1\nkind: Service\nmetadata: {name: a}\n---\napiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: b}\nspec: {hosts: [a.test]}\n";
    assert!(is_objects_file(&InputFile::new("docs.yaml", docs)), "a second document");
    let project = std::fs::read(common::repo_root().join("public/examples/xgen.yaml")).unwrap();
    assert!(!is_objects_file(&InputFile::new("xgen.yaml", project)));
    assert!(!is_objects_file(&InputFile::new("s.yaml", "apiVersion: xgen-studio/v1\nkind: StudioSettings\n")));
    assert!(!is_objects_file(&InputFile::new("bad.yaml", "kind: VirtualService\nspec: [a\n")), "unreadable");
    assert!(!is_objects_file(&InputFile::new("cluster/dev/istio-objects.yaml", fixture())), "a bundle's path");
}

#[test]
fn route_tests_with_a_method_and_headers() {
    use xgen_core::simulator::{run_route_test, RouteTest};
    let rendered = render(&with_objects());
    let mut headers = xgen_core::ordered_map::OrderedMap::default();
    headers.insert("X-Canary", "1".to_owned());
    let test = RouteTest {
        env: "dev".into(),
        url: "http://xgen.x2bee.com/canary".into(),
        service: "canary".into(),
        headers: Some(headers),
        ..Default::default()
    };
    let r = run_route_test(&rendered, &test);
    assert!(r.passed, "{:?}", r.message);
    assert_eq!(r.simulation.virtual_service.as_deref(), Some("canary"));
    let without = RouteTest { headers: None, ..test.clone() };
    let r = run_route_test(&rendered, &without);
    assert!(!r.passed);
    assert!(r.message.en().contains("got xgen-frontend:3000"), "{:?}", r.message);
    let post = RouteTest {
        url: "http://xgen.x2bee.com/submit".into(),
        service: "forms.team-b.svc.cluster.local".into(),
        method: Some("POST".into()),
        headers: None,
        ..test.clone()
    };
    assert!(run_route_test(&rendered, &post).passed);
    let get = RouteTest { method: None, ..post };
    assert!(!run_route_test(&rendered, &get).passed);
}

#[test]
fn the_host_routes_list_every_virtual_service_in_envoys_order() {
    use xgen_core::simulator::host_routes;
    let rendered = render(&with_objects());
    let env = rendered.env("dev").unwrap();
    let routes = host_routes(env, "xgen.x2bee.com");
    let chart: Vec<_> = routes.iter().filter(|r| !r.imported).collect();
    let imported: Vec<_> = routes.iter().filter(|r| r.imported).collect();
    assert!(!chart.is_empty() && !imported.is_empty());
    assert!(
        routes.last().is_some_and(|r| !r.imported && r.uri.as_ref().is_none_or(|u| u.value == "/")),
        "the chart's catch-all last"
    );
    let canary = imported.iter().find(|r| r.name == "canary" && r.entry == Some(1)).unwrap();
    assert_eq!(canary.conditions, ["?canary exact yes"]);
    assert_eq!(canary.destination, "canary:8080 (v1) 90%, canary:8080 (v2) 10%");
    let header = imported.iter().find(|r| r.name == "canary" && r.entry == Some(0)).unwrap();
    assert_eq!(header.conditions, ["x-canary exact 1"]);
    let submit = imported.iter().find(|r| r.rule == 1 && r.entry == Some(0)).unwrap();
    assert_eq!(submit.conditions, [":method exact POST"]);
    let child = imported.iter().find(|r| r.name == "team-b-routes").expect("a delegate's rules under the child's name");
    assert_eq!(child.namespace, "team-b");
    // The simulation's place among them is the route that answered.
    let headers = vec![("x-canary".to_owned(), "1".to_owned())];
    let sim =
        simulate_request(&rendered, "dev", "http://xgen.x2bee.com/canary", &Extra { method: "GET", headers: &headers });
    let at = sim.route_position.unwrap();
    assert_eq!((routes[at].name.as_str(), routes[at].entry), ("canary", Some(0)));
    let status = host_routes(env, "status.x2bee.com");
    assert!(status.iter().any(|r| r.destination == "redirect 302 → /new/"), "{status:?}");
    assert!(status.iter().any(|r| r.destination == "directResponse 405"));
    assert!(host_routes(env, "nowhere.test").is_empty());
}

#[test]
fn a_catch_all_for_another_gateway_does_not_end_the_routes_here() {
    // team-b/canary rule 5 is `prefix /` for observability/obs-gateway only:
    // on the chart's gateway it is no route, and rule 6 still answers.
    let rendered = render(&with_objects());
    let sim = simulate(&rendered, "dev", "http://xgen.x2bee.com/gw-this");
    assert_eq!(sim.destination.as_ref().map(|d| d.host.as_str()), Some("gateway-scoped"), "{:?}", sim.reasons);
    assert_eq!(sim.rule_index, Some(6));
    let other = simulate(&rendered, "dev", "http://xgen.x2bee.com/gw-other");
    assert_eq!(other.virtual_service.as_deref(), Some("xgen-frontend-vs"), "for the other gateway only");
    let routes = xgen_core::simulator::host_routes(rendered.env("dev").unwrap(), "xgen.x2bee.com");
    assert!(!routes.iter().any(|r| r.service == "other-gateway-only"));
}
