//! XS207: a resource request above its limit in the rendered Deployment
//! (Kubernetes rejects the pod).

use super::context::Context;
use super::{Problem, Severity};
use crate::quantity::parse_quantity;
use crate::render::helm_values::{at, print};

pub fn check(ctx: &Context) -> Vec<Problem> {
    let mut out = Vec::new();
    for env in &ctx.envs {
        for svc in &env.services {
            let Some(resources) =
                svc.objects().and_then(|o| o.deployment.spec.template.spec.containers[0].resources.as_ref())
            else {
                continue;
            };
            let Some(requests) = at(resources, &["requests"]).and_then(|r| r.as_mapping()) else { continue };
            for (name, request) in requests {
                let name = print(Some(name));
                let Some(limit) = at(resources, &["limits", &name]) else { continue };
                let (Some(r), Some(l)) = (parse_quantity(&print(Some(request))), parse_quantity(&print(Some(limit))))
                else {
                    continue;
                };
                if r > l {
                    let (file, path) = if svc.entry.resources.is_some() {
                        (ctx.project_file.clone(), format!("{}.resources.requests.{name}", svc.entry_path))
                    } else {
                        (svc.values_path(), format!("resources.requests.{name}"))
                    };
                    let (service, env) = (&svc.name, &env.name);
                    let (request, limit) = (print(Some(request)), print(Some(limit)));
                    out.push(
                        Problem::en(
                            "XS207",
                            Severity::Error,
                            file,
                            path,
                            format!("`{service}` in {env}: {name} request {request} is above its limit {limit}"),
                            format!("lower the {name} request or raise the limit"),
                        )
                        .ko(
                            format!("{env}의 `{service}`: {name} 요청량 {request}이(가) 제한 {limit}보다 큽니다"),
                            format!("{name} 요청량을 낮추거나 제한을 높이세요"),
                        ),
                    );
                }
            }
        }
    }
    out
}
