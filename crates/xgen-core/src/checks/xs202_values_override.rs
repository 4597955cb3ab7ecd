//! XS202: a values file's `environments.<env>.resources` (or `replicas`) wins
//! over what the project file sets for that service in that environment: the
//! chart reads the environment's block first, so the project's numbers are
//! silently ignored.

use super::{Context, Problem, Rule, Severity};
use crate::i18n::{Said, Text};

pub static RULE: Rule = Rule {
    code: "XS202",
    severity: Severity::Warning,
    title: Text { key: "XS202", en: "Values file overrides the project", ko: "values 파일이 프로젝트 설정을 덮어씀" },
    check,
};

fn check(ctx: &Context) -> Vec<Problem> {
    let mut out = Vec::new();
    for env in &ctx.envs {
        for svc in &env.services {
            let Some(file) = svc.values_file.as_ref() else { continue };
            let Some(values) = ctx.state.values.get(file) else { continue };
            let Some(block) = values.environments.as_ref().and_then(|e| e.get(env.name)) else { continue };
            let overrides = [
                ("resources", svc.entry.resources.is_some() && block.resources.is_some()),
                ("replicas", svc.entry.replicas.is_some() && block.replicas.is_some()),
            ];
            for (key, both) in overrides {
                if !both {
                    continue;
                }
                let (env, name) = (env.name, &svc.name);
                out.push(Problem::new(
                    &RULE,
                    svc.values_path(),
                    format!("environments.{env}.{key}"),
                    Said::new(
                        format!("`environments.{env}.{key}` in {file} overrides the {key} the project file sets for `{name}` in {env}"),
                        format!("{file}의 `environments.{env}.{key}`이(가) 프로젝트 파일이 {env}에서 `{name}`에 설정한 {key}을(를) 덮어씁니다"),
                    ),
                    Said::new(
                        format!("set {key} in one place: remove it from the values file or from the project file"),
                        format!("{key}은(는) 한 곳에만 두세요: values 파일이나 프로젝트 파일 중 한쪽에서 지우세요"),
                    ),
                ));
            }
        }
    }
    out
}
