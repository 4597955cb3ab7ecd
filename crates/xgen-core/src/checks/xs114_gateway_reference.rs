//! XS114: an imported VirtualService's `gateways:` names a Gateway that
//! is not among the chart's and the imported objects (resolved as istiod
//! resolves it, docs/routing.md), or one whose port-80 servers serve none
//! of its hosts: it routes nothing there.

use super::cluster::virtual_services;
use super::{Context, Problem, Rule, Severity};
use crate::i18n::{Said, Text};
use crate::model::istio::IstioObject;
use crate::simulator::gateway::resolve_gateway;

pub static RULE: Rule = Rule {
    code: "XS114",
    severity: Severity::Warning,
    title: Text { key: "XS114", en: "Gateway reference serves nothing", ko: "아무것도 받지 않는 Gateway 참조" },
    check,
};

/// Istio's `SubsetOf` both ways: whether the two host patterns overlap.
fn overlap(a: &str, b: &str) -> bool {
    let sub = |x: &str, y: &str| {
        y == "*"
            || match (x.strip_prefix('*'), y.strip_prefix('*')) {
                (_, None) => x == y,
                (Some(xs), Some(ys)) => xs.ends_with(ys),
                (None, Some(ys)) => x.ends_with(ys),
            }
    };
    sub(a, b) || sub(b, a)
}

fn check(ctx: &Context) -> Vec<Problem> {
    let mut out = Vec::new();
    for v in virtual_services(ctx) {
        let Some(spec) = &v.vs.spec else { continue };
        let hosts = spec.hosts.as_deref().unwrap_or_default();
        for (i, g) in spec.gateways.iter().flatten().enumerate() {
            if g == "mesh" {
                continue;
            }
            let key = resolve_gateway(g, v.namespace);
            // The Gateway's port-80 server hosts, from the chart or the file.
            let mut servers: Option<Vec<String>> = None;
            for (_, o) in v.env.rendered_services() {
                let Some(gw) = &o.objects.gateway else { continue };
                if key.ends_with(&format!("/{}", gw.metadata.name)) {
                    let hosts = gw.spec.servers.iter().filter(|s| s.port.number == 80);
                    servers.get_or_insert_with(Vec::new).extend(hosts.flat_map(|s| s.hosts.iter().flatten().cloned()));
                }
            }
            for o in v.env.cluster.iter().flat_map(|f| f.objects.iter()) {
                let IstioObject::Gateway(gw) = o else { continue };
                if format!("{}/{}", o.namespace(), o.name()) != key {
                    continue;
                }
                let list = servers.get_or_insert_with(Vec::new);
                for s in gw.spec.iter().flat_map(|s| s.servers.iter().flatten()) {
                    if s.port.as_ref().and_then(|p| p.number) == Some(80) {
                        list.extend(s.hosts.iter().flatten().cloned());
                    }
                }
            }
            let (en, ko) = match &servers {
                None => (
                    format!("`gateways` names `{g}` ({key}), which is neither the chart's nor among the imported objects"),
                    format!("`gateways`가 가리키는 `{g}`({key})은(는) 차트의 Gateway도, 가져온 객체도 아닙니다"),
                ),
                Some(list) => {
                    let serves = list.iter().any(|s| {
                        let s = match s.split_once('/') {
                            Some((ns, h)) if ns == v.namespace || ns == "*" => h,
                            Some(_) => return false,
                            None => s.as_str(),
                        };
                        hosts.iter().any(|h| overlap(s, h))
                    });
                    if serves {
                        continue;
                    }
                    (
                        format!("Gateway `{key}` serves none of its hosts on port 80 (for namespace {})", v.namespace),
                        format!("Gateway `{key}`은(는) 80 포트에서 이 VirtualService의 호스트를 하나도 받지 않습니다 (네임스페이스 {})", v.namespace),
                    )
                }
            };
            out.push(Problem::new(
                &RULE,
                v.file.clone(),
                v.at(&format!("gateways[{i}]")),
                Said::new(en, ko),
                Said::new(
                    "name a Gateway that serves its hosts (`namespace/name`, or a short name in its own namespace)",
                    "호스트를 받는 Gateway를 지정하세요 (`namespace/name`, 또는 같은 네임스페이스의 짧은 이름)",
                ),
            ));
        }
    }
    out
}
