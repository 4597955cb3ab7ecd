//! XS110: an `istio.apiVersion` that Istio does not serve. The chart writes it
//! as the `apiVersion` of the Gateway, VirtualService and DestinationRule, so
//! the cluster would refuse all three (Istio serves `networking.istio.io/`
//! `v1alpha3`, `v1beta1` and `v1` with one schema).

use super::{Context, Problem, Rule, Severity};
use crate::i18n::{Said, Text};
use crate::validate::ISTIO_API_VERSIONS;

pub static RULE: Rule = Rule {
    code: "XS110",
    severity: Severity::Error,
    title: Text { key: "XS110", en: "Istio API version Istio does not serve", ko: "Istio가 제공하지 않는 API 버전" },
    check,
};

fn check(ctx: &Context) -> Vec<Problem> {
    let mut out = Vec::new();
    for (file, values) in ctx.values_files() {
        let Some(written) = values.istio.as_ref().and_then(|i| i.extra.get("apiVersion")) else { continue };
        if written.as_str().is_some_and(|v| ISTIO_API_VERSIONS.contains(&v)) {
            continue;
        }
        let shown = match written.as_str() {
            Some(s) => s.escape_debug().to_string(),
            None => crate::keep_unknown::describe_key(written),
        };
        let versions = ISTIO_API_VERSIONS.join("`, `");
        out.push(Problem::new(
            &RULE,
            file,
            "istio.apiVersion",
            Said::new(
                format!("Istio does not serve `{shown}`: the cluster would refuse the Gateway, VirtualService and DestinationRule"),
                format!("Istio는 `{shown}`을(를) 제공하지 않아 클러스터가 Gateway, VirtualService, DestinationRule을 거부합니다"),
            ),
            Said::new(format!("use one of `{versions}`"), format!("`{versions}` 중 하나를 쓰세요")),
        ));
    }
    out
}
