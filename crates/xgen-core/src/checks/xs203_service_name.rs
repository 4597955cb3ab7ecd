//! XS203: a service name that is not a DNS-1123 label (Kubernetes refuses it, and
//! the studio will not make a path of it), in the project or as a values
//! file's `serviceName` (the name of every object the service chart makes),
//! or a service listed twice in one environment (two Applications with one
//! name).

use super::{Context, Problem, Rule, Severity};
use crate::i18n::{Said, Text};
use crate::names::DnsLabel;

pub static RULE: Rule = Rule {
    code: "XS203",
    severity: Severity::Error,
    title: Text { key: "XS203", en: "Invalid or repeated service name", ko: "잘못되었거나 중복된 서비스 이름" },
    check,
};

fn check(ctx: &Context) -> Vec<Problem> {
    let p = &ctx.state.project;
    let mut out = Vec::new();
    let lists = p
        .environments
        .iter()
        .flat_map(|m| m.iter())
        .filter_map(|(env, e)| e.services.as_ref().map(|s| (format!("environments.{env}.services"), s)))
        .chain(p.services.iter().map(|s| ("services".to_owned(), s)));
    for (list_path, services) in lists {
        let mut seen: Vec<&str> = Vec::new();
        for (i, s) in services.iter().enumerate() {
            let path = format!("{list_path}[{i}].name");
            let problem = |message: Said, hint: Said| Problem::new(&RULE, ctx.project_file.clone(), path.clone(), message, hint);
            let Some(name) = s.name.as_deref() else {
                out.push(problem(
                    Said::new("service entry has no `name`", "서비스 항목에 `name`이 없습니다"),
                    Said::new("give the service a name such as `xgen-core`", "`xgen-core`처럼 서비스 이름을 붙이세요"),
                ));
                continue;
            };
            let shown = name.escape_debug();
            if let Err(e) = DnsLabel::parse(name) {
                out.push(problem(
                    Said::new(
                        format!("service name `{shown}` {e}"),
                        format!("서비스 이름 `{shown}`이(가) 올바르지 않습니다: {}", e.ko()),
                    ),
                    Said::new(
                        "use lower-case letters, digits and `-` (a DNS-1123 label, at most 63 characters)",
                        "소문자, 숫자, `-`만 쓰세요 (DNS-1123 레이블, 63자 이하)",
                    ),
                ));
            } else if seen.contains(&name) {
                out.push(problem(
                    Said::new(
                        format!("service `{name}` is listed twice in `{list_path}`"),
                        format!("서비스 `{name}`이(가) `{list_path}`에 두 번 있습니다"),
                    ),
                    Said::new("remove one of the two entries", "둘 중 하나를 삭제하세요"),
                ));
            }
            seen.push(name);
        }
    }
    for (file, values) in ctx.values_files() {
        let Some(name) = values.service_name.as_deref().filter(|n| !n.is_empty()) else { continue };
        let Err(e) = DnsLabel::parse(name) else { continue };
        let shown = name.escape_debug();
        out.push(Problem::new(
            &RULE,
            file,
            "serviceName",
            Said::new(
                format!("`serviceName` `{shown}` {e}: Kubernetes refuses every object named after it"),
                format!("`serviceName` `{shown}`이(가) 올바르지 않아 그 이름의 모든 오브젝트를 Kubernetes가 거부합니다: {}", e.ko()),
            ),
            Said::new(
                "use lower-case letters, digits and `-` (a DNS-1123 label, at most 63 characters)",
                "소문자, 숫자, `-`만 쓰세요 (DNS-1123 레이블, 63자 이하)",
            ),
        ));
    }
    out
}
