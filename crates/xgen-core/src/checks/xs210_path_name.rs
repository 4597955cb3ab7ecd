//! XS210: a name Kubernetes or Argo CD refuses: an environment or `extraApps`
//! name (the studio does not make paths of those, so nothing is rendered for
//! them), the project's name or namespace, or a service's namespace override.

use super::{Korean, Problem, Severity};
use crate::bundle::project_path;
use crate::names::DnsLabel;

pub fn check(ctx: &super::Context) -> Vec<Problem> {
    let state = ctx.state;
    let file = project_path(&state.site);
    let p = &state.project;
    let mut out = Vec::new();
    for env in p.environment_names() {
        if let Err(e) = DnsLabel::parse(&env) {
            let section = if p.destinations.as_ref().is_some_and(|d| d.get(&env).is_some()) {
                "destinations"
            } else {
                "environments"
            };
            out.push(Problem {
                code: "XS210",
                severity: Severity::Error,
                file: file.clone(),
                path: format!("{section}.{env}"),
                message: format!("environment name `{}` {e}; nothing is rendered for it", env.escape_debug()),
                hint: "use a lower-case name such as `dev`, `stg` or `prd`".into(),
                ko: Korean::new(
                    format!("환경 이름 `{}`이(가) 올바르지 않아({e}) 아무것도 렌더링되지 않습니다", env.escape_debug()),
                    "`dev`, `stg`, `prd` 같은 소문자 이름을 쓰세요",
                ),
            });
        }
    }
    let mut names: Vec<(String, &str)> = Vec::new();
    if let Some(n) = p.name() {
        names.push(("project.name".into(), n));
    }
    if let Some(n) = p.namespace() {
        names.push(("project.namespace".into(), n));
    }
    for (path, entry) in p.all_service_entries() {
        if let Some(ns) = entry.namespace.as_deref() {
            names.push((format!("{path}.namespace"), ns));
        }
    }
    for (path, name) in names {
        if let Err(e) = DnsLabel::parse(name) {
            out.push(Problem {
                code: "XS210",
                severity: Severity::Error,
                file: file.clone(),
                path,
                message: format!("`{}` {e}: Kubernetes refuses it", name.escape_debug()),
                hint: "use lower-case letters, digits and `-` (a DNS-1123 label)".into(),
                ko: Korean::new(
                    format!("`{}`은(는) Kubernetes가 거부하는 이름입니다: {e}", name.escape_debug()),
                    "소문자, 숫자, `-`만 쓰세요 (DNS-1123 레이블)",
                ),
            });
        }
    }
    for (i, app) in p.extra_apps.iter().flatten().enumerate() {
        let name = app.name.as_deref().unwrap_or("");
        if let Err(e) = DnsLabel::parse(name) {
            out.push(Problem {
                code: "XS210",
                severity: Severity::Error,
                file: file.clone(),
                path: format!("extraApps[{i}].name"),
                message: format!("extraApps name `{}` {e}; nothing is rendered for it", name.escape_debug()),
                hint: "use a lower-case name such as `observability`".into(),
                ko: Korean::new(
                    format!(
                        "extraApps 이름 `{}`이(가) 올바르지 않아({e}) 아무것도 렌더링되지 않습니다",
                        name.escape_debug()
                    ),
                    "`observability` 같은 소문자 이름을 쓰세요",
                ),
            });
        }
    }
    out
}
