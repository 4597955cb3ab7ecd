//! XS112: an imported route names a subset that no DestinationRule of its
//! host defines: Envoy has no such cluster and answers 503 to the requests
//! sent there (docs/routing.md, "Actions").

use super::cluster::{destination_rules, virtual_services};
use super::{Context, Problem, Rule, Severity};
use crate::i18n::{Said, Text};

pub static RULE: Rule = Rule {
    code: "XS112",
    severity: Severity::Error,
    title: Text { key: "XS112", en: "Subset no DestinationRule defines", ko: "DestinationRule에 없는 subset" },
    check,
};

fn check(ctx: &Context) -> Vec<Problem> {
    let mut out = Vec::new();
    for v in virtual_services(ctx) {
        let http = v.vs.spec.iter().flat_map(|s| s.http.iter().flatten());
        for (i, rule) in http.enumerate() {
            for (j, d) in rule.route.iter().flatten().enumerate() {
                let Some(dest) = &d.destination else { continue };
                let (Some(host), Some(subset)) = (&dest.host, &dest.subset) else { continue };
                let short = host.split('.').next().unwrap_or(host);
                let defined = destination_rules(v.env).any(|dr| {
                    dr.spec.as_ref().is_some_and(|s| {
                        s.host.as_deref().is_some_and(|h| h == host || h.split('.').next() == Some(short))
                            && s.subsets.iter().flatten().any(|x| x.name.as_deref() == Some(subset))
                    })
                });
                if defined {
                    continue;
                }
                out.push(Problem::new(
                    &RULE,
                    v.file.clone(),
                    v.at(&format!("http[{i}].route[{j}].destination.subset")),
                    Said::new(
                        format!("no DestinationRule of `{host}` defines subset `{subset}`: Envoy answers 503 to the requests this destination takes"),
                        format!("`{host}`의 어떤 DestinationRule도 subset `{subset}`을(를) 정의하지 않아, 이 목적지로 가는 요청에 Envoy가 503으로 답합니다"),
                    ),
                    Said::new(
                        format!("add subset `{subset}` to the DestinationRule of `{host}`, or route to a subset it defines"),
                        format!("`{host}`의 DestinationRule에 subset `{subset}`을(를) 추가하거나, 정의된 subset으로 라우팅하세요"),
                    ),
                ));
            }
        }
    }
    out
}
