//! The routing of one environment as the Routes form, the simulator's rule
//! list and its diagram show it: all read from the rendered snapshot's one
//! reading of the rules (`xgen_core::routing`).

use xgen_core::names::ValuesFileName;
use xgen_core::rendered::EnvRender;
use xgen_core::routing::{RouteRule, RuleKind, UriMatch};

/// The environment's services with the port each listens on, and its ingress
/// service (the first whose values enable `ingress`) with its values file.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct EnvRouting {
    pub services: Vec<(String, Option<u16>)>,
    pub ingress: Option<(String, ValuesFileName)>,
}

/// The environments whose ingress service reads the values file `file`:
/// every one of them gets the routes edited there.
pub fn envs_sharing_routes(rendered: &xgen_core::rendered::Rendered, file: &ValuesFileName) -> Vec<String> {
    rendered
        .envs
        .iter()
        .filter(|e| e.ingress_service().and_then(|s| s.values_file.as_ref()) == Some(file))
        .map(|e| e.name.clone())
        .collect()
}

impl EnvRouting {
    pub fn of(env: &EnvRender) -> EnvRouting {
        let services = env.services.iter().map(|s| (s.name.clone(), s.port())).collect();
        let ingress = env.ingress_service().and_then(|s| Some((s.name.clone(), s.values_file.clone()?)));
        EnvRouting { services, ingress }
    }

    pub fn port_of(&self, service: &str) -> Option<u16> {
        self.services.iter().find(|(n, _)| n == service).and_then(|(_, p)| *p)
    }

    pub fn deploys(&self, service: &str) -> bool {
        self.services.iter().any(|(n, _)| n == service)
    }
}

/// One rule of a VirtualService as listed: its match (None: everything
/// else) and its destination.
#[derive(Clone, Debug, PartialEq)]
pub struct RuleRow {
    pub index: usize,
    pub kind: RuleKind,
    pub matcher: Option<UriMatch>,
    pub service: String,
    pub destination: String,
}

impl RuleRow {
    fn of(rule: &RouteRule) -> RuleRow {
        let port = rule.port_number().map_or_else(|| "?".to_owned(), |p| p.to_string());
        RuleRow {
            index: rule.index,
            kind: rule.kind,
            matcher: rule.matcher.clone(),
            service: rule.host.clone(),
            destination: format!("{}:{port}", rule.host),
        }
    }
}

/// The rules of the VirtualService named `vs_name` in an environment.
pub fn rule_rows(env: &EnvRender, vs_name: &str) -> Vec<RuleRow> {
    env.services
        .iter()
        .filter_map(|s| s.objects())
        .filter(|o| o.virtual_service.as_ref().is_some_and(|vs| vs.metadata.name == vs_name))
        .flat_map(|o| o.routes.iter().map(RuleRow::of))
        .collect()
}

/// The rules of the environment's ingress service, with the position of each
/// in its values file (`ingress.routes[2]` is the third API route).
pub fn ingress_rules(env: &EnvRender) -> Vec<RouteRule> {
    env.ingress_service().and_then(|s| s.objects()).map(|o| o.routes.to_vec()).unwrap_or_default()
}

/// The hosts and the gateway of the VirtualService named `vs_name`.
pub fn vs_hosts(env: &EnvRender, vs_name: &str) -> (Vec<String>, String) {
    env.services
        .iter()
        .filter_map(|s| s.objects()?.virtual_service.as_ref())
        .find(|vs| vs.metadata.name == vs_name)
        .map(|vs| {
            (vs.spec.hosts.iter().flatten().cloned().collect(), vs.spec.gateways.first().cloned().unwrap_or_default())
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use xgen_core::routing::MatchKind;
    use xgen_core::{import, InputFile, ProjectState};

    fn example() -> xgen_core::rendered::Rendered {
        let text = include_str!("../../public/examples/xgen.yaml");
        let state = import(&ProjectState::empty(), &[InputFile::new("xgen.yaml", text)]).unwrap();
        xgen_core::rendered::render(&state)
    }

    #[test]
    fn the_example_routing_in_prd() {
        let rendered = example();
        let prd = rendered.env("prd").unwrap();
        let routing = EnvRouting::of(prd);
        assert_eq!(
            routing.ingress.as_ref().map(|(s, f)| (s.as_str(), f.as_str())),
            Some(("xgen-frontend", "xgen-frontend.yaml"))
        );
        assert_eq!(routing.port_of("xgen-frontend"), Some(3000));
        assert!(
            routing.deploys("xgen-model") && !rendered.env("dev").map(EnvRouting::of).unwrap().deploys("xgen-model")
        );
        let rows = rule_rows(prd, "xgen-frontend-vs");
        assert_eq!(rows.len(), 4);
        assert_eq!((rows[0].kind, rows[2].kind, rows[3].kind), (RuleKind::Sse, RuleKind::Api, RuleKind::Default));
        assert_eq!(rows[2].matcher.as_ref().map(|m| (m.kind, m.value.as_str())), Some((MatchKind::Prefix, "/api/")));
        assert_eq!(rows[2].destination, "xgen-backend-gateway:8000");
        assert_eq!(rows[3].matcher, None);
        assert_eq!(
            vs_hosts(prd, "xgen-frontend-vs"),
            (vec!["jeju-xgen.x2bee.com".to_owned()], "xgen-frontend-gateway".to_owned())
        );
    }
}
