//! XS404: the memory rule is on, but a service has no memory limit in an
//! environment: usage / limit has no value there, so that service is never
//! alerted on.

use super::alerts::{per_env, FILE};
use super::{Context, Problem, Rule, Severity};
use crate::i18n::{Said, Text};
use crate::render::helm_values::at;

pub static RULE: Rule = Rule {
    code: "XS404",
    severity: Severity::Warning,
    title: Text { key: "XS404", en: "Memory alert without a memory limit", ko: "메모리 제한 없는 메모리 알림" },
    check,
};

fn check(ctx: &Context) -> Vec<Problem> {
    let on = per_env(ctx).first().and_then(|(_, a)| a.rules.iter().find(|r| r.id == "highMemory").map(|r| r.enabled));
    if on != Some(true) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for env in &ctx.envs {
        for svc in &env.services {
            let Some(objects) = svc.objects() else { continue };
            let limit = objects.deployment.spec.template.spec.containers[0]
                .resources
                .as_ref()
                .and_then(|r| at(r, &["limits", "memory"]));
            if limit.is_some() {
                continue;
            }
            let (name, env) = (&svc.name, env.name);
            out.push(Problem::new(
                &RULE,
                FILE,
                "alerts.rules.highMemory",
                Said::new(
                    format!("`{name}` has no memory limit in {env}: the memory rule never fires for it"),
                    format!("{env}의 `{name}`에 메모리 제한이 없어 메모리 규칙이 이 서비스에는 울리지 않습니다"),
                ),
                Said::new(format!("set a memory limit for `{name}`"), format!("`{name}`에 메모리 제한을 설정하세요")),
            ));
        }
    }
    out
}
