//! XS206: replicas outside [minReplicas, maxReplicas] while autoscaling is on:
//! the HPA moves it into the range at once, so the number has no effect.

use super::autoscaling::effective;
use super::{Context, Problem, Rule, Severity};
use crate::i18n::{Said, Text};

pub static RULE: Rule = Rule {
    code: "XS206",
    severity: Severity::Warning,
    title: Text { key: "XS206", en: "Replicas outside the autoscaling range", ko: "오토스케일링 범위를 벗어난 레플리카" },
    check,
};

fn check(ctx: &Context) -> Vec<Problem> {
    let mut out = Vec::new();
    for env in &ctx.envs {
        for svc in &env.services {
            let (Some(a), Some(replicas)) = (effective(ctx, svc, env.name), svc.replicas()) else { continue };
            if !a.enabled {
                continue;
            }
            let below = a.min.is_some_and(|min| replicas < min);
            let above = a.max.is_some_and(|max| replicas > max);
            if !(below || above) {
                continue;
            }
            let (file, path) = if svc.entry.replicas.is_some() {
                (ctx.project_file.clone(), format!("{}.replicas", svc.entry_path))
            } else {
                (a.file.clone(), a.path.clone())
            };
            let (name, env) = (&svc.name, env.name);
            let min = a.min.map_or("-".into(), |v| v.to_string());
            let max = a.max.map_or("-".into(), |v| v.to_string());
            out.push(Problem::new(
                &RULE,
                file,
                path,
                Said::new(
                    format!("`{name}` in {env}: replicas {replicas} is outside [{min}, {max}]; the HPA will change it"),
                    format!("{env}의 `{name}`: replicas {replicas}이(가) [{min}, {max}] 범위 밖이라 HPA가 바꿉니다"),
                ),
                Said::new("set replicas within the autoscaling range", "replicas를 오토스케일링 범위 안으로 두세요"),
            ));
        }
    }
    out
}
