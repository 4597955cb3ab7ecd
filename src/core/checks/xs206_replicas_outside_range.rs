//! XS206: replicas outside [minReplicas, maxReplicas] while autoscaling is on:
//! the HPA moves it into the range at once, so the number has no effect.

use super::autoscaling::effective;
use super::context::Context;
use super::{Problem, Severity};

pub fn check(ctx: &Context) -> Vec<Problem> {
    let mut out = Vec::new();
    for env in &ctx.envs {
        for svc in &env.services {
            let (Some(a), Some(replicas)) = (effective(ctx, svc, &env.name), svc.replicas()) else { continue };
            if !a.enabled {
                continue;
            }
            let below = a.min.is_some_and(|min| replicas < min);
            let above = a.max.is_some_and(|max| replicas > max);
            if below || above {
                let (file, path) = if svc.entry.replicas.is_some() {
                    (ctx.project_file.clone(), format!("{}.replicas", svc.entry_path))
                } else {
                    (a.file.clone(), a.path.clone())
                };
                out.push(
                    Problem::en(
                        "XS206",
                        Severity::Warning,
                        file,
                        path,
                        format!(
                            "`{}` in {}: replicas {replicas} is outside [{}, {}]; the HPA will change it",
                            svc.name,
                            env.name,
                            a.min.map_or("-".into(), |v| v.to_string()),
                            a.max.map_or("-".into(), |v| v.to_string())
                        ),
                        "set replicas within the autoscaling range",
                    )
                    .ko(
                        format!(
                            "{}의 `{}`: replicas {replicas}이(가) [{}, {}] 범위 밖이라 HPA가 바꿉니다",
                            env.name,
                            svc.name,
                            a.min.map_or("-".into(), |v| v.to_string()),
                            a.max.map_or("-".into(), |v| v.to_string())
                        ),
                        "replicas를 오토스케일링 범위 안으로 두세요",
                    ),
                );
            }
        }
    }
    out
}
