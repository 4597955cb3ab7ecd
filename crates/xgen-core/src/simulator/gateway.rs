//! The route table istiod gives the ingress gateway's HTTP port, read from
//! an environment's rendered Gateways and VirtualServices (docs/routing.md,
//! "Hosts and the route table"). It follows istiod's
//! `buildGatewayHTTPRouteConfig` (pilot/pkg/networking/core/gateway.go):
//!
//! - every Gateway on port 80 shares one route configuration; Gateways are
//!   taken in creation order, which for objects applied together is name
//!   order;
//! - each VirtualService host the Gateway's server also serves
//!   (`host.Names.Intersection`) is one virtual host, named by its
//!   lower-cased host; a second VirtualService for the same host appends
//!   its routes to it;
//! - a VirtualService's routes end at its first catch-all
//!   (`BuildHTTPRoutesForVirtualService`), and in each virtual host the
//!   catch-alls move after every other route (`SortVHostRoutes`);
//! - a VirtualService with a refused regex is left out whole
//!   ([`crate::routing::matcher::Matcher::refusal`]): Istio's admission
//!   webhook refuses it, so the cluster keeps what it had; or Envoy refuses
//!   the route configuration it is in, and keeps the routes it had. Either
//!   way none of its rules route: [`refused`] lists them, with the hosts
//!   they would have served.
//!
//! Envoy then picks the virtual host for the request's host as
//! RouteConfiguration documents it: an exact domain first, then the longest
//! `*suffix` wildcard, then the longest `prefix*` wildcard, then `*`; a
//! wildcard stands for at least one character, and the port is ignored.

use crate::rendered::{EnvRender, ServiceOutput, ServiceRender};
use crate::routing::matcher::{is_catch_all, RuleRefusal};

/// One Envoy route: rule `rule` of the VirtualService of `service`.
#[derive(Debug, Clone, Copy)]
pub struct Route<'a> {
    pub service: &'a ServiceRender,
    pub output: &'a ServiceOutput,
    pub rule: usize,
}

#[derive(Debug, Clone)]
pub struct VirtualHost<'a> {
    /// Lower-cased, as istiod writes `domains`.
    pub domain: String,
    pub routes: Vec<Route<'a>>,
    /// The VirtualServices whose routes it holds, in order.
    pub virtual_services: Vec<&'a str>,
}

/// Istio's `host.Name.SubsetOf`: every name `a` stands for is one `b` stands for.
fn subset_of(a: &str, b: &str) -> bool {
    if b == "*" {
        return true;
    }
    match (a.strip_prefix('*'), b.strip_prefix('*')) {
        (_, None) => a == b,
        (Some(a_suffix), Some(b_suffix)) => a_suffix.ends_with(b_suffix),
        (None, Some(b_suffix)) => a.ends_with(b_suffix),
    }
}

/// `host.Names.Intersection(server hosts, VirtualService hosts)`.
fn intersection(server: &[String], vs: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for h in server {
        for o in vs {
            let pick = if subset_of(h, o) {
                h
            } else if subset_of(o, h) {
                o
            } else {
                continue;
            };
            if !out.contains(pick) {
                out.push(pick.clone());
            }
        }
    }
    out
}

/// A VirtualService the route table leaves out, and the virtual hosts
/// (lower-cased) it would have served.
#[derive(Debug, Clone)]
pub struct Refused<'a> {
    /// `<namespace>/<name>`, the namespace its Application deploys to.
    pub name: String,
    pub domains: Vec<String>,
    pub refusal: &'a RuleRefusal,
}

impl Refused<'_> {
    /// Whether it would have served `host` (lower-cased, without port).
    pub fn serves(&self, host: &str) -> bool {
        self.domains.iter().any(|d| domain_rank(d, host).is_some())
    }
}

/// The virtual hosts of port 80 of `env`'s ingress gateway.
pub fn virtual_hosts(env: &EnvRender) -> Vec<VirtualHost<'_>> {
    route_table(env).0
}

/// The VirtualServices of `env` left out of the route table, in the order
/// istiod takes them.
pub fn refused(env: &EnvRender) -> Vec<Refused<'_>> {
    route_table(env).1
}

fn route_table(env: &EnvRender) -> (Vec<VirtualHost<'_>>, Vec<Refused<'_>>) {
    // The rendered services, each with the namespace its Application
    // deploys to (the root chart's Applications follow the services' order).
    let mut bound: Vec<(&ServiceRender, &ServiceOutput, Option<&str>)> = env
        .services
        .iter()
        .zip(env.root.applications.iter().map(Some).chain(std::iter::repeat(None)))
        .filter(|(s, _)| crate::names::DnsLabel::parse(&s.name).is_ok())
        .filter_map(|(s, app)| {
            let namespace = app.and_then(|a| a.spec.destination.namespace.as_deref());
            s.rendered().map(|o| (s, o, namespace))
        })
        .filter(|(_, out, _)| out.objects.gateway.is_some() && out.objects.virtual_service.is_some())
        .collect();
    bound.sort_by(|a, b| {
        let name = |o: &ServiceOutput| o.objects.gateway.as_ref().map(|g| g.metadata.name.clone()).unwrap_or_default();
        name(a.1).cmp(&name(b.1))
    });
    let mut hosts: Vec<VirtualHost> = Vec::new();
    let mut refused: Vec<Refused> = Vec::new();
    for (service, output, namespace) in bound {
        let (Some(gateway), Some(vs)) = (&output.objects.gateway, &output.objects.virtual_service) else { continue };
        let vs_hosts: Vec<String> = vs.spec.hosts.iter().flatten().cloned().collect();
        if let Some(refusal) = output.matcher.as_ref().and_then(|m| m.refusal()) {
            let mut domains: Vec<String> = Vec::new();
            for server in gateway.spec.servers.iter().filter(|s| s.port.number == 80) {
                let server_hosts: Vec<String> = server.hosts.iter().flatten().cloned().collect();
                for host in intersection(&server_hosts, &vs_hosts) {
                    let domain = host.to_ascii_lowercase();
                    if !domains.contains(&domain) {
                        domains.push(domain);
                    }
                }
            }
            let name = match namespace {
                Some(ns) if !ns.is_empty() => format!("{ns}/{}", vs.metadata.name),
                _ => vs.metadata.name.clone(),
            };
            refused.push(Refused { name, domains, refusal });
            continue;
        }
        let mut routes: Vec<Route> = Vec::new();
        for (rule, r) in output.objects.routes.iter().enumerate() {
            routes.push(Route { service, output, rule });
            if is_catch_all(r.matcher.as_ref()) {
                break;
            }
        }
        for server in gateway.spec.servers.iter().filter(|s| s.port.number == 80) {
            let server_hosts: Vec<String> = server.hosts.iter().flatten().cloned().collect();
            for host in intersection(&server_hosts, &vs_hosts) {
                let domain = host.to_ascii_lowercase();
                let name = vs.metadata.name.as_str();
                match hosts.iter_mut().find(|h| h.domain == domain) {
                    Some(existing) => {
                        existing.routes.extend(routes.iter().copied());
                        if !existing.virtual_services.contains(&name) {
                            existing.virtual_services.push(name);
                        }
                    }
                    None => hosts.push(VirtualHost { domain, routes: routes.clone(), virtual_services: vec![name] }),
                }
            }
        }
    }
    for host in &mut hosts {
        let catch_all = |r: &Route| is_catch_all(r.output.objects.routes[r.rule].matcher.as_ref());
        let (rest, last): (Vec<Route>, Vec<Route>) = host.routes.iter().partition(|r| !catch_all(r));
        host.routes = rest.into_iter().chain(last).collect();
    }
    (hosts, refused)
}

/// How well `domain` takes `host` (higher wins), or None.
fn domain_rank(domain: &str, host: &str) -> Option<(u8, usize)> {
    if domain == host {
        Some((3, domain.len()))
    } else if domain == "*" {
        Some((0, 0))
    } else if let Some(suffix) = domain.strip_prefix('*') {
        (host.len() > suffix.len() && host.ends_with(suffix)).then_some((2, suffix.len()))
    } else if let Some(prefix) = domain.strip_suffix('*') {
        (host.len() > prefix.len() && host.starts_with(prefix)).then_some((1, prefix.len()))
    } else {
        None
    }
}

/// The virtual host Envoy picks for `host` (lower-cased, without port).
pub fn pick<'h, 'a>(hosts: &'h [VirtualHost<'a>], host: &str) -> Option<&'h VirtualHost<'a>> {
    hosts
        .iter()
        .filter_map(|h| domain_rank(&h.domain, host).map(|rank| (rank, h)))
        .max_by_key(|(r, _)| *r)
        .map(|(_, h)| h)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards_need_one_character() {
        assert_eq!(domain_rank("*.stg.example.test", ".stg.example.test"), None);
        assert!(domain_rank("*.stg.example.test", "a.stg.example.test").is_some());
        assert_eq!(domain_rank("api.*", "api."), None);
        assert!(domain_rank("api.*", "api.x").is_some());
        assert!(domain_rank("*", "").is_some());
    }

    #[test]
    fn exact_then_longest_suffix_then_prefix_then_any() {
        let rank = |d| domain_rank(d, "a.b.example.test");
        assert!(rank("a.b.example.test") > rank("*.b.example.test"));
        assert!(rank("*.b.example.test") > rank("*.example.test"));
        assert!(rank("*.example.test") > rank("a.b.*"));
        assert!(rank("a.b.*") > rank("*"));
    }

    #[test]
    fn istio_host_intersection() {
        let s = |v: &[&str]| v.iter().map(|h| h.to_string()).collect::<Vec<_>>();
        assert_eq!(intersection(&s(&["a.example.test"]), &s(&["a.example.test"])), s(&["a.example.test"]));
        assert_eq!(intersection(&s(&["*.example.test"]), &s(&["a.example.test"])), s(&["a.example.test"]));
        assert_eq!(intersection(&s(&["a.example.test"]), &s(&["*"])), s(&["a.example.test"]));
        assert!(intersection(&s(&["a.example.test"]), &s(&["b.example.test"])).is_empty());
    }
}
