//! XS204: minReplicas above maxReplicas (the HPA is rejected).

use super::autoscaling::effective;
use super::{Context, Problem, Rule, Severity};
use crate::i18n::{Said, Text};

pub static RULE: Rule = Rule {
    code: "XS204",
    severity: Severity::Error,
    title: Text { key: "XS204", en: "minReplicas above maxReplicas", ko: "minReplicas가 maxReplicas보다 큼" },
    check,
};

fn check(ctx: &Context) -> Vec<Problem> {
    let mut out = Vec::new();
    for env in &ctx.envs {
        for svc in &env.services {
            let Some(a) = effective(ctx, svc, env.name) else { continue };
            let (true, Some(min), Some(max)) = (a.enabled, a.min, a.max) else { continue };
            if min <= max {
                continue;
            }
            let (name, env) = (&svc.name, env.name);
            out.push(Problem::new(
                &RULE,
                a.file,
                format!("{}.minReplicas", a.path),
                Said::new(
                    format!("`{name}` in {env}: minReplicas {min} is above maxReplicas {max}"),
                    format!("{env}의 `{name}`: minReplicas {min}이(가) maxReplicas {max}보다 큽니다"),
                ),
                Said::new("lower minReplicas or raise maxReplicas", "minReplicas를 낮추거나 maxReplicas를 높이세요"),
            ));
        }
    }
    out
}
