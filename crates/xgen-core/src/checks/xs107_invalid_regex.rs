//! XS107: a route regex that Istio's validation refuses (Go's `regexp`, at
//! most 1024 bytes), or that Envoy's RE2 refuses (its syntax as Envoy reads
//! it, or a compiled program above the 32768 instructions Istio lets Envoy
//! take). Judged by `routing::re2::verdict`, the verdict the route table
//! follows too: Istio refuses the whole VirtualService, so the cluster keeps
//! what it had; Envoy refuses the gateway's route configuration, so the
//! gateway keeps the routes it had. Either way the simulator and route tests
//! leave the VirtualService out and say why; a regex is refused here or
//! used there, never both.

use super::{Context, Problem, Rule, Severity};
use crate::i18n::{Said, Text};
use crate::routing::matcher::is_catch_all;
use crate::routing::re2::{verdict, Refusal};
use crate::routing::MatchKind;

pub static RULE: Rule = Rule {
    code: "XS107",
    severity: Severity::Error,
    title: Text { key: "XS107", en: "Regex Envoy or Istio refuses", ko: "Envoy나 Istio가 거부하는 정규식" },
    check,
};

fn check(ctx: &Context) -> Vec<Problem> {
    let mut out = Vec::new();
    for (file, rules) in ctx.ingress_rule_sets() {
        // istiod emits no route after the first catch-all: Envoy never sees those.
        let emitted = rules.iter().position(|r| is_catch_all(r.matcher.as_ref())).unwrap_or(usize::MAX);
        for (i, rule) in rules.iter().enumerate() {
            let Some(m) = rule.matcher.as_ref().filter(|m| m.kind == MatchKind::Regex) else { continue };
            let Some(refusal) = verdict(&m.value) else { continue };
            let regex = &m.value;
            let (message, hint) = match &refusal {
                Refusal::Istio(why) => (
                    Said::new(
                        format!("regex `{regex}` cannot route: {}; Istio refuses the whole VirtualService, and the cluster keeps what it had", why.en()),
                        format!("정규식 `{regex}`(으)로는 라우팅할 수 없습니다: {}. Istio가 VirtualService 전체를 거부하고 클러스터는 이전 상태를 유지합니다", why.ko()),
                    ),
                    Said::new(
                        "fix the regex (RE2 has no look-around or back-references)",
                        "정규식을 고치세요 (RE2에는 전후방 탐색과 역참조가 없습니다)",
                    ),
                ),
                Refusal::Envoy(why) if i > emitted => (
                    Said::new(
                        format!("regex `{regex}` cannot route: {}; it comes after a catch-all rule, so istiod never sends it to Envoy, which would refuse the gateway's route configuration", why.en()),
                        format!("정규식 `{regex}`(으)로는 라우팅할 수 없습니다: {}. catch-all 규칙 뒤에 있어 istiod가 Envoy에 보내지 않지만, 보내면 Envoy가 게이트웨이의 라우트 설정을 거부합니다", why.ko()),
                    ),
                    Said::new(
                        "make the regex smaller: fewer or shorter repetitions (`{n}` copies its operand n times), no character above 0xFF",
                        "정규식을 줄이세요: 반복을 줄이거나 짧게 (`{n}`은 대상을 n번 복사합니다), 0xFF보다 큰 문자는 쓰지 마세요",
                    ),
                ),
                Refusal::Envoy(why) => (
                    Said::new(
                        format!("regex `{regex}` cannot route: {}; Envoy refuses the gateway's route configuration and keeps the routes it had, for every host", why.en()),
                        format!("정규식 `{regex}`(으)로는 라우팅할 수 없습니다: {}. Envoy가 게이트웨이의 라우트 설정을 거부하고 모든 호스트에 대해 이전 라우트를 유지합니다", why.ko()),
                    ),
                    Said::new(
                        "make the regex smaller: fewer or shorter repetitions (`{n}` copies its operand n times), no character above 0xFF",
                        "정규식을 줄이세요: 반복을 줄이거나 짧게 (`{n}`은 대상을 n번 복사합니다), 0xFF보다 큰 문자는 쓰지 마세요",
                    ),
                ),
            };
            out.push(Problem::new(&RULE, file.clone(), rule.match_path(), message, hint));
        }
    }
    out
}
