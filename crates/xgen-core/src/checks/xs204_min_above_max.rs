//! XS204: minReplicas above maxReplicas (the HPA is rejected).

use super::autoscaling::effective;
use super::context::Context;
use super::{Problem, Severity};

pub fn check(ctx: &Context) -> Vec<Problem> {
    let mut out = Vec::new();
    for env in &ctx.envs {
        for svc in &env.services {
            let Some(a) = effective(ctx, svc, &env.name) else { continue };
            if let (true, Some(min), Some(max)) = (a.enabled, a.min, a.max) {
                if min > max {
                    out.push(
                        Problem::en(
                            "XS204",
                            Severity::Error,
                            a.file,
                            format!("{}.minReplicas", a.path),
                            format!("`{}` in {}: minReplicas {min} is above maxReplicas {max}", svc.name, env.name),
                            "lower minReplicas or raise maxReplicas",
                        )
                        .ko(
                            format!(
                                "{}의 `{}`: minReplicas {min}이(가) maxReplicas {max}보다 큽니다",
                                env.name, svc.name
                            ),
                            "minReplicas를 낮추거나 maxReplicas를 높이세요",
                        ),
                    );
                }
            }
        }
    }
    out
}
