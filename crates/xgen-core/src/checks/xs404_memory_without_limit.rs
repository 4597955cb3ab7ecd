//! XS404: the memory rule is on, but a service has no memory limit in an
//! environment: usage / limit has no value there, so that service is never
//! alerted on.

use super::alerts::{per_env, FILE};
use super::context::Context;
use super::{Problem, Severity};
use crate::render::helm_values::at;

pub fn check(ctx: &Context) -> Vec<Problem> {
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
            if limit.is_none() {
                out.push(
                    Problem::en(
                        "XS404",
                        Severity::Warning,
                        FILE,
                        "alerts.rules.highMemory",
                        format!(
                            "`{}` has no memory limit in {}: the memory rule never fires for it",
                            svc.name, env.name
                        ),
                        format!("set a memory limit for `{}`", svc.name),
                    )
                    .ko(
                        format!(
                            "{}의 `{}`에 메모리 제한이 없어 메모리 규칙이 이 서비스에는 울리지 않습니다",
                            env.name, svc.name
                        ),
                        format!("`{}`에 메모리 제한을 설정하세요", svc.name),
                    ),
                );
            }
        }
    }
    out
}
