//! XS209: a `valuesFile` that is not `<name>.yaml` with a DNS-label name. Such a
//! path could point outside `values/`; the studio does not write it, so the
//! Application would reference a file the bundle lacks.

use super::{Korean, Problem, Severity};
use crate::bundle::project_path;
use crate::names::ValuesFileName;

pub fn check(ctx: &super::Context) -> Vec<Problem> {
    let state = ctx.state;
    let file = project_path(&state.site);
    state
        .project
        .all_service_entries()
        .into_iter()
        .filter(|(_, s)| s.name.is_some() || s.values_file.is_some())
        .filter_map(|(path, s)| {
            let name = s.values_file_name();
            ValuesFileName::parse(&name).err().map(|e| Problem {
                code: "XS209",
                severity: Severity::Error,
                file: file.clone(),
                path: format!("{path}.valuesFile"),
                message: format!("values file `{}` {e}", name.escape_debug()),
                hint: "name the values file after the service, e.g. `xgen-core.yaml`".into(),
                ko: Korean::new(
                    format!("values 파일 `{}`이(가) 올바르지 않습니다: {e}", name.escape_debug()),
                    "values 파일 이름을 서비스 이름으로 지으세요 (예: `xgen-core.yaml`)",
                ),
            })
        })
        .collect()
}
