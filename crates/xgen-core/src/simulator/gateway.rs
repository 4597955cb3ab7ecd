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
//!   way none of its rules route: [`Table::refused`] lists them, with the hosts
//!   they would have served.
//!
//! Envoy then picks the virtual host for the request's host as
//! RouteConfiguration documents it: an exact domain first, then the longest
//! `*suffix` wildcard, then the longest `prefix*` wildcard, then `*`; a
//! wildcard stands for at least one character, and the port is ignored.

pub use super::objects::resolve_gateway;
use super::objects::{self, Compiled};
use crate::model::istio::{IstioObject, VirtualServiceObject};
use crate::rendered::{EnvRender, ServiceOutput, ServiceRender};
use crate::routing::matcher::is_catch_all;
use crate::routing::re2::Refusal;

/// What a VirtualService of the route table is made of.
pub enum Body<'a> {
    /// Rendered by the chart, its rules read once (`RouteRule`).
    Chart { service: &'a ServiceRender, output: &'a ServiceOutput },
    /// Imported from the cluster's objects, compiled here.
    File(Box<Compiled<'a>>),
}

/// A VirtualService bound to the gateway.
pub struct Vs<'a> {
    pub namespace: String,
    pub name: String,
    pub body: Body<'a>,
}

impl Vs<'_> {
    /// `ns/name`.
    pub fn full_name(&self) -> String {
        format!("{}/{}", self.namespace, self.name)
    }
    pub fn from_file(&self) -> bool {
        matches!(self.body, Body::File(_))
    }
}

/// One Envoy route: entry `entry` of rule `rule` (an index into the
/// chart's rules, or into [`Compiled::rules`]) of VirtualService `vs`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Route {
    pub vs: usize,
    pub rule: usize,
    pub entry: usize,
    pub catch_all: bool,
}

#[derive(Debug, Clone)]
pub struct VirtualHost {
    /// Lower-cased, as istiod writes `domains`.
    pub domain: String,
    pub routes: Vec<Route>,
    /// The VirtualServices whose routes it holds (indices into the
    /// table's), in order.
    pub virtual_services: Vec<usize>,
    /// The Gateways (`namespace/name`) whose servers give it, in order.
    pub gateways: Vec<String>,
}

/// The route table of the gateway's port 80, with the VirtualServices it
/// is made of and those it leaves out.
pub struct Table<'a> {
    pub vss: Vec<Vs<'a>>,
    pub hosts: Vec<VirtualHost>,
    pub refused: Vec<Refused>,
    /// Notes on how istiod reads the imported objects (a missing delegate).
    pub notes: Vec<crate::i18n::Said>,
    /// How the imported objects were ordered: by `creationTimestamp` (true)
    /// or, lacking one, by their place in the file.
    pub by_creation_time: bool,
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

/// `host.NamesForNamespace` (pkg/config/host/names.go): a server host
/// `ns/host` counts for VirtualServices of namespace `ns` (or any, for
/// `*/host`); the namespace is cut off.
fn names_for_namespace(hosts: &[String], namespace: &str) -> Vec<String> {
    hosts
        .iter()
        .filter_map(|h| match h.split_once('/') {
            Some((ns, name)) => (ns == namespace || ns == "*").then(|| name.to_owned()),
            None => Some(h.clone()),
        })
        .collect()
}

/// A VirtualService the route table leaves out, and the virtual hosts
/// (lower-cased) it would have served.
#[derive(Debug, Clone)]
pub struct Refused {
    /// `<namespace>/<name>`.
    pub name: String,
    pub domains: Vec<String>,
    /// The rule of the refused regex, when known.
    pub rule: Option<usize>,
    pub regex: String,
    pub refusal: Refusal,
}

impl Refused {
    /// Whether it would have served `host` (lower-cased, without port).
    pub fn serves(&self, host: &str) -> bool {
        self.domains.iter().any(|d| domain_rank(d, host).is_some())
    }
}

/// The virtual hosts of port 80 of `env`'s ingress gateway.
pub fn virtual_hosts(env: &EnvRender) -> Vec<VirtualHost> {
    route_table(env).hosts
}

/// A Gateway as the table reads it.
struct Gw {
    key: String,
    /// The hosts of each port-80 server.
    servers: Vec<Vec<String>>,
}

/// A VirtualService bound to gateways, before its rules are read.
struct Bound<'a> {
    namespace: String,
    name: String,
    hosts: Vec<String>,
    gateways: Vec<String>,
    chart: Option<(&'a ServiceRender, &'a ServiceOutput)>,
    file: Option<&'a VirtualServiceObject>,
}

/// The labels of the ingress gateway the studio simulates: what the
/// chart's Gateways select (`istio: ingressgateway`).
fn proxy_labels(env: &EnvRender) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for (_, o) in env.rendered_services() {
        for (k, v) in o.objects.gateway.iter().flat_map(|g| g.spec.selector.iter()) {
            if !out.iter().any(|(a, _)| a == k) {
                out.push(((*k).to_owned(), (*v).to_owned()));
            }
        }
    }
    if out.is_empty() {
        out.push(("istio".into(), "ingressgateway".into()));
    }
    out
}

/// The route table istiod builds for port 80 of `env`'s ingress gateway,
/// over the chart's objects and the imported ones.
pub fn route_table(env: &EnvRender) -> Table<'_> {
    // The rendered services, each with the namespace its Application
    // deploys to (the root chart's Applications follow the services' order).
    let mut chart: Vec<(&ServiceRender, &ServiceOutput, String)> = env
        .services
        .iter()
        .zip(env.root.applications.iter().map(Some).chain(std::iter::repeat(None)))
        .filter(|(s, _)| crate::names::DnsLabel::parse(&s.name).is_ok())
        .filter_map(|(s, app)| {
            let namespace = app.and_then(|a| a.spec.destination.namespace.clone()).unwrap_or_default();
            s.rendered().map(|o| (s, o, namespace))
        })
        .filter(|(_, out, _)| out.objects.gateway.is_some() && out.objects.virtual_service.is_some())
        .collect();
    let gw_name = |o: &ServiceOutput| o.objects.gateway.as_ref().map(|g| g.metadata.name.clone()).unwrap_or_default();
    chart.sort_by_key(|a| gw_name(a.1));
    let ns_or = |ns: &str| if ns.is_empty() { "default".to_owned() } else { ns.to_owned() };
    let mut gateways: Vec<Gw> = Vec::new();
    let mut bound: Vec<Bound> = Vec::new();
    for (service, output, ns) in &chart {
        let (Some(g), Some(vs)) = (&output.objects.gateway, &output.objects.virtual_service) else { continue };
        let ns = ns_or(ns);
        let key = format!("{ns}/{}", g.metadata.name);
        if !gateways.iter().any(|x| x.key == key) {
            let servers = g.spec.servers.iter().filter(|s| s.port.number == 80);
            let servers = servers.map(|s| s.hosts.iter().flatten().cloned().collect()).collect();
            gateways.push(Gw { key, servers });
        }
        bound.push(Bound {
            namespace: ns.clone(),
            name: vs.metadata.name.clone(),
            hosts: vs.spec.hosts.iter().flatten().cloned().collect(),
            gateways: vs.spec.gateways.iter().map(|g| resolve_gateway(g, &ns)).collect(),
            chart: Some((service, output)),
            file: None,
        });
    }
    bound.sort_by(|a, b| (&a.name, &a.namespace).cmp(&(&b.name, &b.namespace)));
    // The imported objects, in istiod's order: creation time, then name
    // and namespace (configCompareByCreationTime); lacking a creation
    // time, their place in the file.
    let labels = proxy_labels(env);
    let mut by_creation_time = false;
    let mut all_vs: Vec<&VirtualServiceObject> = Vec::new();
    if let Some(file) = &env.cluster {
        let stamp = |o: &IstioObject| o.metadata().and_then(|m| m.creation_timestamp.clone());
        let mut objects: Vec<&IstioObject> = file.objects.iter().collect();
        by_creation_time = objects.iter().any(|o| stamp(o).is_some());
        objects.sort_by(|a, b| match (stamp(a), stamp(b)) {
            (Some(x), Some(y)) => (x, a.name(), a.namespace()).cmp(&(y, b.name(), b.namespace())),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        });
        for o in objects {
            match o {
                IstioObject::Gateway(g) => {
                    let spec = g.spec.as_ref();
                    // A Gateway serves this ingress gateway when its
                    // selector is a subset of its labels.
                    let selected = spec.and_then(|s| s.selector.as_ref()).is_none_or(|sel| {
                        sel.iter().all(|(k, v)| {
                            let text = |x: &serde_yaml::Value| x.as_str().map(str::to_owned);
                            labels.iter().any(|(lk, lv)| text(k).as_ref() == Some(lk) && text(v).as_ref() == Some(lv))
                        })
                    });
                    let key = format!("{}/{}", o.namespace(), o.name());
                    if !selected || gateways.iter().any(|x| x.key == key) {
                        continue;
                    }
                    let servers = spec.and_then(|s| s.servers.as_ref()).into_iter().flatten();
                    let servers = servers
                        .filter(|s| s.port.as_ref().and_then(|p| p.number) == Some(80))
                        .map(|s| s.hosts.clone().unwrap_or_default())
                        .collect();
                    gateways.push(Gw { key, servers });
                }
                IstioObject::VirtualService(v) => {
                    all_vs.push(v);
                    let spec = v.spec.as_ref();
                    let ns = o.namespace().to_owned();
                    let gws = spec.and_then(|s| s.gateways.clone()).unwrap_or_default();
                    bound.push(Bound {
                        name: o.name().to_owned(),
                        hosts: spec.and_then(|s| s.hosts.clone()).unwrap_or_default(),
                        gateways: gws.iter().map(|g| resolve_gateway(g, &ns)).collect(),
                        namespace: ns,
                        chart: None,
                        file: Some(v),
                    });
                }
                IstioObject::DestinationRule(_) => {}
            }
        }
    }
    let find = |ns: &str, name: &str| -> Option<&VirtualServiceObject> {
        all_vs.iter().copied().find(|v| {
            let m = v.metadata.as_ref();
            m.and_then(|m| m.name.as_deref()) == Some(name)
                && m.and_then(|m| m.namespace.as_deref()).filter(|n| !n.is_empty()).unwrap_or("default") == ns
        })
    };
    let mut table =
        Table { vss: Vec::new(), hosts: Vec::new(), refused: Vec::new(), notes: Vec::new(), by_creation_time };
    // Read each bound VirtualService's rules once; leave the refused out.
    let mut usable: Vec<(usize, &Bound)> = Vec::new();
    for b in &bound {
        let body = match (b.chart, b.file) {
            (Some((service, output)), _) => Body::Chart { service, output },
            (None, Some(v)) => Body::File(Box::new(objects::compile(v, &find))),
            (None, None) => continue,
        };
        let refusal = match &body {
            Body::Chart { output, .. } => output
                .matcher
                .as_ref()
                .and_then(|m| m.refusal())
                .map(|r| (Some(r.rule), r.regex.clone(), r.refusal.clone())),
            Body::File(c) => c.refusal.clone().map(|(rule, regex, r)| (Some(rule), regex, r)),
        };
        if let Body::File(c) = &body {
            table.notes.extend(c.notes.iter().cloned());
        }
        if let Some((rule, regex, refusal)) = refusal {
            let mut domains: Vec<String> = Vec::new();
            for g in gateways.iter().filter(|g| b.gateways.contains(&g.key)) {
                for server in &g.servers {
                    for host in intersection(&names_for_namespace(server, &b.namespace), &b.hosts) {
                        let domain = host.to_ascii_lowercase();
                        if !domains.contains(&domain) {
                            domains.push(domain);
                        }
                    }
                }
            }
            table.refused.push(Refused { name: format!("{}/{}", b.namespace, b.name), domains, rule, regex, refusal });
            continue;
        }
        table.vss.push(Vs { namespace: b.namespace.clone(), name: b.name.clone(), body });
        usable.push((table.vss.len() - 1, b));
    }
    let routes_of = |vs: &Vs, index: usize, gateway: &str| -> Vec<Route> {
        let mut out = Vec::new();
        match &vs.body {
            Body::Chart { output, .. } => {
                for (rule, r) in output.objects.routes.iter().enumerate() {
                    let catch_all = is_catch_all(r.matcher.as_ref());
                    out.push(Route { vs: index, rule, entry: 0, catch_all });
                    if catch_all {
                        break;
                    }
                }
            }
            Body::File(c) => {
                // The routes end at the first catch-all this gateway gets
                // (route.go, BuildHTTPRoutesForVirtualService: an entry for
                // other gateways is no route here, so no catch-all either).
                'rules: for (rule, r) in c.rules.iter().enumerate() {
                    for (entry, e) in r.entries.iter().enumerate().filter(|(_, e)| e.for_gateway(gateway)) {
                        out.push(Route { vs: index, rule, entry, catch_all: e.catch_all });
                        if e.catch_all {
                            break 'rules;
                        }
                    }
                }
            }
        }
        out
    };
    for g in &gateways {
        for server in &g.servers {
            for (index, b) in usable.iter().filter(|(_, b)| b.gateways.contains(&g.key)) {
                let hosts = intersection(&names_for_namespace(server, &b.namespace), &b.hosts);
                let routes = routes_of(&table.vss[*index], *index, &g.key);
                // istiod omits a VirtualService with no route for the port.
                if hosts.is_empty() || routes.is_empty() {
                    continue;
                }
                for host in hosts {
                    let domain = host.to_ascii_lowercase();
                    match table.hosts.iter_mut().find(|h| h.domain == domain) {
                        Some(existing) => {
                            existing.routes.extend(routes.iter().copied());
                            if !existing.virtual_services.contains(index) {
                                existing.virtual_services.push(*index);
                            }
                            if !existing.gateways.contains(&g.key) {
                                existing.gateways.push(g.key.clone());
                            }
                        }
                        None => table.hosts.push(VirtualHost {
                            domain,
                            routes: routes.clone(),
                            virtual_services: vec![*index],
                            gateways: vec![g.key.clone()],
                        }),
                    }
                }
            }
        }
    }
    for host in &mut table.hosts {
        let (rest, last): (Vec<Route>, Vec<Route>) = host.routes.iter().partition(|r| !r.catch_all);
        host.routes = rest.into_iter().chain(last).collect();
    }
    table
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
pub fn pick<'h>(hosts: &'h [VirtualHost], host: &str) -> Option<&'h VirtualHost> {
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
    fn gateway_names_resolve_as_istiod_resolves_them() {
        assert_eq!(resolve_gateway("gw", "team"), "team/gw");
        assert_eq!(resolve_gateway("./gw", "team"), "team/gw");
        assert_eq!(resolve_gateway("istio-system/gw", "team"), "istio-system/gw");
        assert_eq!(resolve_gateway("gw.istio-system.svc.cluster.local", "team"), "istio-system/gw");
        let s = |v: &[&str]| v.iter().map(|h| h.to_string()).collect::<Vec<_>>();
        assert_eq!(
            names_for_namespace(&s(&["team/a.test", "*/b.test", "other/c.test", "d.test"]), "team"),
            s(&["a.test", "b.test", "d.test"])
        );
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
