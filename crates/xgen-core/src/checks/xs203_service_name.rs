//! XS203: a service name that is not a DNS-1123 label (Kubernetes refuses it, and
//! the studio will not make a path of it), or a service listed twice in one
//! environment (two Applications with one name).

use super::{Korean, Problem, Severity};
use crate::bundle::project_path;
use crate::names::DnsLabel;

pub fn check(ctx: &super::Context) -> Vec<Problem> {
    let state = ctx.state;
    let file = project_path(&state.site);
    let mut out = Vec::new();
    let p = &state.project;
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
            let Some(name) = s.name.as_deref() else {
                out.push(Problem {
                    code: "XS203",
                    severity: Severity::Error,
                    file: file.clone(),
                    path,
                    message: "service entry has no `name`".into(),
                    hint: "give the service a name such as `xgen-core`".into(),
                    ko: Korean::new("서비스 항목에 `name`이 없습니다", "`xgen-core`처럼 서비스 이름을 붙이세요"),
                });
                continue;
            };
            if let Err(e) = DnsLabel::parse(name) {
                out.push(Problem {
                    code: "XS203",
                    severity: Severity::Error,
                    file: file.clone(),
                    path,
                    message: format!("service name `{}` {e}", name.escape_debug()),
                    hint: "use lower-case letters, digits and `-` (a DNS-1123 label, at most 63 characters)".into(),
                    ko: Korean::new(
                        format!("서비스 이름 `{}`이(가) 올바르지 않습니다: {e}", name.escape_debug()),
                        "소문자, 숫자, `-`만 쓰세요 (DNS-1123 레이블, 63자 이하)",
                    ),
                });
            } else if seen.contains(&name) {
                out.push(Problem {
                    code: "XS203",
                    severity: Severity::Error,
                    file: file.clone(),
                    path,
                    message: format!("service `{name}` is listed twice in `{list_path}`"),
                    hint: "remove one of the two entries".into(),
                    ko: Korean::new(
                        format!("서비스 `{name}`이(가) `{list_path}`에 두 번 있습니다"),
                        "둘 중 하나를 삭제하세요",
                    ),
                });
            }
            seen.push(name);
        }
    }
    out
}
