//! XS210: a name Kubernetes or Argo CD refuses: an environment or `extraApps`
//! name (the studio does not make paths of those, so nothing is rendered for
//! them), the project's name or namespace, or a service's namespace override.

use super::{Context, Problem, Rule, Severity};
use crate::i18n::{Said, Text};
use crate::names::DnsLabel;

pub static RULE: Rule = Rule {
    code: "XS210",
    severity: Severity::Error,
    title: Text { key: "XS210", en: "Name Kubernetes or Argo CD refuses", ko: "Kubernetes나 Argo CD가 거부하는 이름" },
    check,
};

fn check(ctx: &Context) -> Vec<Problem> {
    let p = &ctx.state.project;
    let file = &ctx.project_file;
    let mut out = Vec::new();
    for env in p.environment_names() {
        let Err(e) = DnsLabel::parse(&env) else { continue };
        let section = if p.destinations.as_ref().is_some_and(|d| d.get(&env).is_some()) {
            "destinations"
        } else {
            "environments"
        };
        let shown = env.escape_debug();
        out.push(Problem::new(
            &RULE,
            file.clone(),
            format!("{section}.{env}"),
            Said::new(
                format!("environment name `{shown}` {e}; nothing is rendered for it"),
                format!("환경 이름 `{shown}`이(가) 올바르지 않아({}) 아무것도 렌더링되지 않습니다", e.ko()),
            ),
            Said::new("use a lower-case name such as `dev`, `stg` or `prd`", "`dev`, `stg`, `prd` 같은 소문자 이름을 쓰세요"),
        ));
    }
    let mut names: Vec<(String, &str)> = Vec::new();
    if let Some(n) = p.name() {
        names.push(("project.name".into(), n));
    }
    if let Some(n) = p.namespace() {
        names.push(("project.namespace".into(), n));
    }
    for (path, entry) in p.all_service_entries() {
        // An empty override is no override: the root chart's `default`
        // gives the project's namespace (docs/rendering.md).
        if let Some(ns) = entry.namespace.as_deref().filter(|ns| !ns.is_empty()) {
            names.push((format!("{path}.namespace"), ns));
        }
    }
    for (path, name) in names {
        let Err(e) = DnsLabel::parse(name) else { continue };
        let shown = name.escape_debug();
        out.push(Problem::new(
            &RULE,
            file.clone(),
            path,
            Said::new(
                format!("`{shown}` {e}: Kubernetes refuses it"),
                format!("`{shown}`은(는) Kubernetes가 거부하는 이름입니다: {}", e.ko()),
            ),
            Said::new(
                "use lower-case letters, digits and `-` (a DNS-1123 label)",
                "소문자, 숫자, `-`만 쓰세요 (DNS-1123 레이블)",
            ),
        ));
    }
    for (i, app) in p.extra_apps.iter().flatten().enumerate() {
        let name = app.name.as_deref().unwrap_or("");
        let Err(e) = DnsLabel::parse(name) else { continue };
        let shown = name.escape_debug();
        out.push(Problem::new(
            &RULE,
            file.clone(),
            format!("extraApps[{i}].name"),
            Said::new(
                format!("extraApps name `{shown}` {e}; nothing is rendered for it"),
                format!("extraApps 이름 `{shown}`이(가) 올바르지 않아({}) 아무것도 렌더링되지 않습니다", e.ko()),
            ),
            Said::new("use a lower-case name such as `observability`", "`observability` 같은 소문자 이름을 쓰세요"),
        ));
    }
    out
}
