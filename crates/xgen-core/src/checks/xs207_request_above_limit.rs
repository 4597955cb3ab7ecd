//! XS207: a resource request above its limit in the rendered Deployment
//! (Kubernetes rejects the pod).

use super::{Context, Problem, Rule, Severity};
use crate::i18n::{Said, Text};
use crate::quantity::parse_quantity;
use crate::render::helm_values::{at, print};

pub static RULE: Rule = Rule {
    code: "XS207",
    severity: Severity::Error,
    title: Text { key: "XS207", en: "Request above its limit", ko: "제한보다 큰 요청량" },
    check,
};

fn check(ctx: &Context) -> Vec<Problem> {
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
                let (request, limit) = (print(Some(request)), print(Some(limit)));
                let (Some(r), Some(l)) = (parse_quantity(&request), parse_quantity(&limit)) else { continue };
                if r <= l {
                    continue;
                }
                let (file, path) = if svc.entry.resources.is_some() {
                    (ctx.project_file.clone(), format!("{}.resources.requests.{name}", svc.entry_path))
                } else {
                    (svc.values_path(), format!("resources.requests.{name}"))
                };
                let (service, env) = (&svc.name, env.name);
                out.push(Problem::new(
                    &RULE,
                    file,
                    path,
                    Said::new(
                        format!("`{service}` in {env}: {name} request {request} is above its limit {limit}"),
                        format!("{env}의 `{service}`: {name} 요청량 {request}이(가) 제한 {limit}보다 큽니다"),
                    ),
                    Said::new(
                        format!("lower the {name} request or raise the limit"),
                        format!("{name} 요청량을 낮추거나 제한을 높이세요"),
                    ),
                ));
            }
        }
    }
    out
}
