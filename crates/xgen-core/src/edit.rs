//! Editing operations on the project, as pure functions the forms call inside
//! `Editor::edit`. They keep file order (a renamed environment stays where it
//! was) and touch only what the user changed, so unknown keys survive edits.

use crate::model::project::{Destination, Environment, ServiceEntry};
use crate::model::values::Route;
use crate::model::ProjectFile;
use crate::ordered_map::OrderedMap;
use crate::routing::MatchKind;

/// Adds an environment with a destination and its own (empty) service list.
pub fn add_environment(p: &mut ProjectFile, name: &str) {
    p.destinations.get_or_insert_with(OrderedMap::default).get_or_insert_with(name, Destination::default);
    p.environments
        .get_or_insert_with(OrderedMap::default)
        .get_or_insert_with(name, || Environment { services: Some(Vec::new()), ..Environment::default() });
}

/// Renames an environment in `destinations` and `environments`, keeping its
/// place. Returns false (and changes nothing) if the new name is taken.
pub fn rename_environment(p: &mut ProjectFile, from: &str, to: &str) -> bool {
    if p.environment_names().iter().any(|e| e == to) {
        return false;
    }
    let a = p.destinations.as_mut().is_some_and(|d| d.rename(from, to));
    let b = p.environments.as_mut().is_some_and(|e| e.rename(from, to));
    a || b
}

/// Renames an environment everywhere the studio keys something by it: the
/// project file ([`rename_environment`]), each values file's and the chart's
/// `environments.<env>` overrides, the route tests, the alert contact
/// points, and the cluster's imported objects. A rename that left the
/// overrides under the old name would change what the renamed environment
/// renders, silently. Returns false (and changes nothing) if the new name
/// is taken. Only the files that name the environment are touched.
pub fn rename_environment_everywhere(s: &mut crate::ProjectState, from: &str, to: &str) -> bool {
    if !rename_environment(&mut s.project, from, to) {
        return false;
    }
    let names_it = |v: &crate::model::ServiceValues| v.environments.as_ref().is_some_and(|e| e.contains_key(from));
    let files: Vec<_> = s.values.iter().filter(|(_, v)| names_it(v)).map(|(f, _)| f.clone()).collect();
    for file in files {
        if let Some(envs) = s.values.get_mut(&file).and_then(|v| v.environments.as_mut()) {
            envs.rename(from, to);
        }
    }
    if names_it(&s.chart_values) {
        if let Some(envs) = s.chart_values.environments.as_mut() {
            envs.rename(from, to);
        }
    }
    let tests = s.settings.route_tests.as_ref().is_some_and(|t| t.iter().any(|t| t.env == from));
    if tests {
        for t in s.settings.route_tests.iter_mut().flatten().filter(|t| t.env == from) {
            t.env = to.to_owned();
        }
    }
    let contact =
        s.settings.alerts.as_ref().and_then(|a| a.contact_points.as_ref()).is_some_and(|c| c.contains_key(from));
    if contact {
        if let Some(c) = s.settings.alerts.as_mut().and_then(|a| a.contact_points.as_mut()) {
            c.rename(from, to);
        }
    }
    if let (Some(objects), Ok(label)) = (s.cluster.get(from).cloned(), crate::names::DnsLabel::parse(to)) {
        s.cluster.0.retain(|k, _| k.as_str() != from);
        s.cluster.0.insert(label, objects);
    }
    true
}

pub fn remove_environment(p: &mut ProjectFile, name: &str) {
    if let Some(d) = p.destinations.as_mut() {
        d.remove(name);
    }
    if let Some(e) = p.environments.as_mut() {
        e.remove(name);
    }
}

/// Moves an environment one place up (`-1`) or down (`1`) in both maps.
pub fn move_environment(p: &mut ProjectFile, name: &str, delta: isize) {
    if let Some(m) = p.destinations.as_mut() {
        m.move_by(name, delta);
    }
    if let Some(m) = p.environments.as_mut() {
        m.move_by(name, delta);
    }
}

pub fn destination_mut<'a>(p: &'a mut ProjectFile, env: &str) -> &'a mut Destination {
    p.destinations.get_or_insert_with(OrderedMap::default).get_or_insert_with(env, Destination::default)
}

/// True when `env` has its own service list (else it uses the top-level one).
pub fn has_own_services(p: &ProjectFile, env: &str) -> bool {
    // An empty own list is no list for the root chart's `default`.
    p.own_services(env).is_some()
}

/// The service list `env` uses, for editing: its own, else the shared
/// top-level list (edits then apply to every environment that shares it).
pub fn services_mut<'a>(p: &'a mut ProjectFile, env: &str) -> &'a mut Vec<ServiceEntry> {
    if has_own_services(p, env) || p.services.is_none() {
        let e = p.environments.get_or_insert_with(OrderedMap::default).get_or_insert_with(env, Environment::default);
        e.services.get_or_insert_with(Vec::new)
    } else {
        p.services.get_or_insert_with(Vec::new)
    }
}

/// Adds service `name` to the list `env` uses, as a platform engineer
/// expects it to arrive: a service that receives the domain (`hasDomain:
/// true`) in another environment receives it here too, so a new
/// environment's domain reaches its frontend as in the others. Refuses
/// (returns false, changes nothing) a name the list already holds: two
/// entries would write one Application twice.
pub fn add_service(p: &mut ProjectFile, env: &str, name: &str) -> bool {
    if p.services_of(env).iter().any(|s| s.name.as_deref() == Some(name)) {
        return false;
    }
    let has_domain = p
        .environment_names()
        .iter()
        .filter(|other| other.as_str() != env)
        .any(|other| p.services_of(other).iter().any(|s| s.name.as_deref() == Some(name) && s.has_domain == Some(true)))
        .then_some(true);
    services_mut(p, env).push(ServiceEntry { name: Some(name.to_owned()), has_domain, ..ServiceEntry::default() });
    true
}

/// Moves item `i` of a list by `delta`; out-of-range moves do nothing.
pub fn move_item<T>(list: &mut [T], i: usize, delta: isize) {
    let j = i as isize + delta;
    if i < list.len() && j >= 0 && (j as usize) < list.len() {
        list.swap(i, j as usize);
    }
}

/// Moves item `from` to position `to` (drag and drop).
pub fn reorder<T>(list: &mut Vec<T>, from: usize, to: usize) {
    if from < list.len() && to < list.len() && from != to {
        let item = list.remove(from);
        list.insert(to, item);
    }
}

/// The value of a route's `kind` key (`prefix`, `exact` or `regex`), or
/// empty when it has none.
pub fn route_match_value(r: &Route, kind: MatchKind) -> String {
    match kind {
        MatchKind::Prefix => r.prefix.clone(),
        MatchKind::Exact => r.exact.clone(),
        MatchKind::Regex => r.regex.clone(),
    }
    .unwrap_or_default()
}

/// Makes a route match `value` by `kind`: the other two keys go, so the
/// chart's `if .exact` / `else if .regex` / `else` renders exactly this one.
pub fn set_route_match(r: &mut Route, kind: MatchKind, value: String) {
    r.prefix = None;
    r.exact = None;
    r.regex = None;
    let slot = match kind {
        MatchKind::Prefix => &mut r.prefix,
        MatchKind::Exact => &mut r.exact,
        MatchKind::Regex => &mut r.regex,
    };
    *slot = Some(value);
}

/// Sets (or with `None` removes) the value at `path` in a YAML tree, creating
/// maps on the way and removing maps that become empty, so clearing a field
/// leaves no `{}` behind.
pub fn set_in(root: &mut serde_yaml::Value, path: &[&str], value: Option<serde_yaml::Value>) {
    use serde_yaml::{Mapping, Value};
    let Some((last, parents)) = path.split_last() else { return };
    if !root.is_mapping() {
        *root = Value::Mapping(Mapping::new());
    }
    let Value::Mapping(map) = root else { return };
    match parents.split_first() {
        None => {
            match value {
                Some(v) => map.insert(Value::from(*last), v),
                None => map.remove(*last),
            };
        }
        Some((first, _)) => {
            if value.is_none() && !map.contains_key(*first) {
                return;
            }
            let child = map.entry(Value::from(*first)).or_insert_with(|| Value::Mapping(Mapping::new()));
            set_in(child, &path[1..], value);
            if child.as_mapping().is_some_and(Mapping::is_empty) {
                map.remove(*first);
            }
        }
    }
}

/// Replaces deprecated traffic-policy settings by their current form:
/// `simple: LEAST_CONN` by `LEAST_REQUEST` (the same algorithm), and
/// `warmupDurationSecs: X` by `warmup: {duration: X}`. Returns true if it
/// changed anything.
pub fn modernize_traffic_policy(policy: &mut serde_yaml::Value) -> bool {
    use serde_yaml::Value;
    let mut changed = false;
    let Some(lb) = policy.get_mut("loadBalancer").and_then(Value::as_mapping_mut) else { return false };
    if lb.get("simple").and_then(Value::as_str) == Some("LEAST_CONN") {
        lb.insert("simple".into(), "LEAST_REQUEST".into());
        changed = true;
    }
    if let Some(d) = lb.remove("warmupDurationSecs") {
        let mut warmup = serde_yaml::Mapping::new();
        warmup.insert("duration".into(), d);
        lb.entry("warmup".into()).or_insert(Value::Mapping(warmup));
        changed = true;
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::parse_yaml;

    #[test]
    fn a_route_matches_by_one_kind_only() {
        let mut r = Route { prefix: Some("/a/".into()), exact: Some(String::new()), ..Route::default() };
        assert_eq!(route_match_value(&r, MatchKind::Prefix), "/a/");
        set_route_match(&mut r, MatchKind::Regex, "/a/(".into());
        assert_eq!((r.prefix.as_deref(), r.exact.as_deref(), r.regex.as_deref()), (None, None, Some("/a/(")));
        assert_eq!(route_match_value(&r, MatchKind::Exact), "");
    }

    fn project(text: &str) -> ProjectFile {
        parse_yaml("p.yaml", text).unwrap()
    }

    /// A renamed environment keeps what every file says of it: the values
    /// files' overrides (the renamed environment renders as before), the
    /// route tests. The files that do not name it are not touched.
    #[test]
    fn a_rename_carries_the_environments_overrides_and_tests() {
        let keep =
            |f: &str| std::fs::read(format!("{}/../../tests/fixtures/keep/{f}", env!("CARGO_MANIFEST_DIR"))).unwrap();
        let files = [
            crate::InputFile::new("jeju.yaml", keep("jeju.yaml")),
            crate::InputFile::new("xgen-backend-gateway.yaml", keep("values/xgen-backend-gateway.yaml")),
            crate::InputFile::new("xgen-frontend.yaml", keep("values/xgen-frontend.yaml")),
        ];
        let mut state = crate::import(&crate::ProjectState::empty(), &files).unwrap();
        state.settings.route_tests = Some(vec![crate::model::settings::RouteTest {
            env: "stg".into(),
            url: "https://stg-jeju.example.com/".into(),
            ..Default::default()
        }]);
        let configmap = |state: &crate::ProjectState, env: &str| {
            let r = crate::rendered::render(state);
            let path = format!("rendered/{env}/xgen-backend-gateway/configmap.yaml");
            r.file(&path).map(|f| f.text.to_string()).unwrap_or_else(|| panic!("{path}"))
        };
        let before = configmap(&state, "stg");
        assert!(before.contains("staging"), "{before}");
        let frontend = state.values.keys().find(|f| f.as_str() == "xgen-frontend.yaml").unwrap().clone();
        let untouched = state.values.shared(&frontend).unwrap().clone();
        assert!(!rename_environment_everywhere(&mut state, "stg", "prd"), "taken");
        assert!(rename_environment_everywhere(&mut state, "stg", "qa"));
        assert_eq!(configmap(&state, "qa"), before.replace("env: stg\n", "env: qa\n"));
        assert_eq!(state.settings.route_tests.as_ref().unwrap()[0].env, "qa");
        assert!(crate::state::Shared::same(state.values.shared(&frontend).unwrap(), &untouched));
    }

    #[test]
    fn rename_keeps_order_and_unknown_keys() {
        let mut p = project("destinations: {dev: {server: a, zone: x}, prd: {server: b}}\nenvironments: {dev: {services: []}, prd: {}}\n");
        assert!(rename_environment(&mut p, "dev", "test"));
        assert_eq!(p.environment_names(), ["test", "prd"]);
        assert_eq!(p.destinations.as_ref().unwrap().get("test").unwrap().extra.len(), 1);
        assert!(!rename_environment(&mut p, "test", "prd"), "taken");
    }

    #[test]
    fn an_added_service_takes_has_domain_from_the_others_and_comes_once() {
        let mut p = project(
            "destinations: {prd: {domain: a.example.com}, stg: {domain: s.example.com}}\n\
             environments:\n  prd: {services: [{name: xgen-frontend, hasDomain: true}, {name: xgen-core}]}\n  stg: {services: []}\n",
        );
        assert!(add_service(&mut p, "stg", "xgen-frontend"));
        assert!(add_service(&mut p, "stg", "xgen-core"));
        assert!(add_service(&mut p, "stg", "my-service"));
        let stg = p.services_of("stg");
        assert_eq!(stg[0].has_domain, Some(true), "the frontend receives stg's domain as it receives prd's");
        assert_eq!((stg[1].has_domain, stg[2].has_domain), (None, None));
        assert!(!add_service(&mut p, "stg", "xgen-frontend"), "a second entry is refused");
        assert_eq!(p.services_of("stg").len(), 3);
    }

    #[test]
    fn add_remove_move() {
        let mut p = project("destinations: {dev: {server: a}}\n");
        add_environment(&mut p, "prd");
        assert_eq!(p.environment_names(), ["dev", "prd"]);
        move_environment(&mut p, "prd", -1);
        assert_eq!(p.environment_names(), ["prd", "dev"]);
        remove_environment(&mut p, "prd");
        assert_eq!(p.environment_names(), ["dev"]);
    }

    #[test]
    fn services_mut_edits_the_list_the_environment_uses() {
        let mut p = project("services: [{name: a}]\nenvironments: {prd: {services: [{name: b}]}, stg: {}}\ndestinations: {stg: {server: s}}\n");
        services_mut(&mut p, "stg").push(ServiceEntry { name: Some("c".into()), ..Default::default() });
        assert_eq!(p.services.as_ref().unwrap().len(), 2, "stg shares the top-level list");
        services_mut(&mut p, "prd").clear();
        // Helm's `default` takes the empty list for none: prd now deploys the
        // top-level services, and edits go there.
        assert_eq!(p.services_of("prd").len(), 2);
        assert!(!has_own_services(&p, "prd"));
    }

    #[test]
    fn set_in_creates_and_prunes() {
        let mut v: serde_yaml::Value = serde_yaml::from_str("a: {b: 1}").unwrap();
        set_in(&mut v, &["c", "d"], Some(2.into()));
        assert_eq!(v, serde_yaml::from_str::<serde_yaml::Value>("a: {b: 1}\nc: {d: 2}").unwrap());
        set_in(&mut v, &["a", "b"], None);
        set_in(&mut v, &["x", "y"], None);
        assert_eq!(v, serde_yaml::from_str::<serde_yaml::Value>("c: {d: 2}").unwrap());
    }

    #[test]
    fn modernizes_the_seed_policy() {
        let mut p: serde_yaml::Value =
            serde_yaml::from_str("loadBalancer: {simple: LEAST_CONN, warmupDurationSecs: 30s}\nother: 1").unwrap();
        assert!(modernize_traffic_policy(&mut p));
        let want: serde_yaml::Value =
            serde_yaml::from_str("loadBalancer: {simple: LEAST_REQUEST, warmup: {duration: 30s}}\nother: 1").unwrap();
        assert_eq!(p, want);
        assert!(!modernize_traffic_policy(&mut p), "nothing left to change");
    }

    #[test]
    fn list_moves() {
        let mut v = vec![1, 2, 3];
        move_item(&mut v, 0, 1);
        assert_eq!(v, [2, 1, 3]);
        move_item(&mut v, 0, -1);
        assert_eq!(v, [2, 1, 3]);
        reorder(&mut v, 2, 0);
        assert_eq!(v, [3, 2, 1]);
    }
}
