//! XS305: outlier detection that can never eject a pod in an environment,
//! because floor(replicas x maxEjectionPercent / 100) = 0. Istio's default
//! maxEjectionPercent is 10 when outlierDetection is set without it.

use super::traffic_policy::POLICY_PATH;
use super::{Context, Problem, Rule, Severity};
use crate::i18n::{Said, Text};
use crate::outlier::ejectable;

pub static RULE: Rule = Rule {
    code: "XS305",
    severity: Severity::Warning,
    title: Text { key: "XS305", en: "Outlier detection that never ejects", ko: "파드를 제외할 수 없는 이상값 감지" },
    check,
};

fn check(ctx: &Context) -> Vec<Problem> {
    let mut out = Vec::new();
    for env in &ctx.envs {
        for svc in &env.services {
            let Some(policy) =
                svc.objects().and_then(|o| o.destination_rule.as_ref()).and_then(|d| d.spec.traffic_policy.as_ref())
            else {
                continue;
            };
            let Some(replicas) = svc.replicas() else { continue };
            let Some((percent, 0)) = ejectable(policy, replicas) else { continue };
            let (name, env) = (&svc.name, env.name);
            let needed = (100.0 / percent.max(1.0)).ceil();
            out.push(Problem::new(
                &RULE,
                ctx.traffic_policy_file(svc),
                format!("{POLICY_PATH}.outlierDetection.maxEjectionPercent"),
                Said::new(
                    format!("`{name}` in {env}: with {replicas} replica(s) and maxEjectionPercent {percent}, outlier detection can never eject a pod"),
                    format!("{env}의 `{name}`: 레플리카 {replicas}개와 maxEjectionPercent {percent}(으)로는 이상값 감지가 파드를 하나도 제외할 수 없습니다"),
                ),
                Said::new(
                    format!("run at least {needed} replicas, or raise maxEjectionPercent"),
                    format!("레플리카를 {needed}개 이상 두거나 maxEjectionPercent를 높이세요"),
                ),
            ));
        }
    }
    out
}
