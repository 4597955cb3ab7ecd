//! XS209: a `valuesFile` that is not `<name>.yaml` with a DNS-label name. Such a
//! path could point outside `values/`; the studio does not write it, so the
//! Application would reference a file the bundle lacks.

use super::{Context, Problem, Rule, Severity};
use crate::i18n::{Said, Text};
use crate::names::ValuesFileName;

pub static RULE: Rule = Rule {
    code: "XS209",
    severity: Severity::Error,
    title: Text { key: "XS209", en: "Invalid values file name", ko: "잘못된 values 파일 이름" },
    check,
};

fn check(ctx: &Context) -> Vec<Problem> {
    let mut out = Vec::new();
    for (path, s) in ctx.state.project.all_service_entries() {
        if s.name.is_none() && s.values_file.is_none() {
            continue;
        }
        let name = s.values_file_name();
        let Err(e) = ValuesFileName::parse(&name) else { continue };
        let shown = name.escape_debug();
        out.push(Problem::new(
            &RULE,
            ctx.project_file.clone(),
            format!("{path}.valuesFile"),
            Said::new(format!("values file `{shown}` {e}"), format!("values 파일 `{shown}`이(가) 올바르지 않습니다: {}", e.ko())),
            Said::new(
                "name the values file after the service, e.g. `xgen-core.yaml`",
                "values 파일 이름을 서비스 이름으로 지으세요 (예: `xgen-core.yaml`)",
            ),
        ));
    }
    out
}
