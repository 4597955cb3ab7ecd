//! XS202: a values file's `environments.<env>.resources` (or `replicas`) wins
//! over what the project file sets for that service in that environment: the
//! chart reads the environment's block first, so the project's numbers are
//! silently ignored.

use super::context::Context;
use super::{Problem, Severity};
use crate::render::helm_values::at;

pub fn check(ctx: &Context) -> Vec<Problem> {
    let mut out = Vec::new();
    for env in &ctx.envs {
        for svc in &env.services {
            let Some(file) = svc.values_file.as_ref() else { continue };
            let Some(values) = ctx.state.values.get(file).and_then(|v| serde_yaml::to_value(v).ok()) else { continue };
            let overrides = [("resources", svc.entry.resources.is_some()), ("replicas", svc.entry.replicas.is_some())];
            for (key, project_sets) in overrides {
                if project_sets && at(&values, &["environments", &env.name, key]).is_some() {
                    out.push(Problem::en(
                        "XS202",
                        Severity::Warning,
                        svc.values_path(),
                        format!("environments.{}.{key}", env.name),
                        format!(
                            "`environments.{}.{key}` in {} overrides the {key} the project file sets for `{}` in {}",
                            env.name, file, svc.name, env.name
                        ),
                        format!("set {key} in one place: remove it from the values file or from the project file"),).ko(format!("{}의 `environments.{}.{key}`이(가) 프로젝트 파일이 {}에서 `{}`에 설정한 {key}을(를) 덮어씁니다", file, env.name, env.name, svc.name), format!("{key}은(는) 한 곳에만 두세요: values 파일이나 프로젝트 파일 중 한쪽에서 지우세요"),
                    ));
                }
            }
        }
    }
    out
}
