//! XS208: a resource quantity Kubernetes cannot parse (`1GB`, `half`, `1 Gi`),
//! wherever it is written: the project file's services, or a values file's
//! `resources` and `environments.<env>.resources`.

use super::context::Context;
use super::{Problem, Severity};
use crate::model::project::Resources;
use crate::quantity::parse_quantity;

fn scan(resources: &Resources, file: &str, path: &str, out: &mut Vec<Problem>) {
    for (group, list) in [("requests", &resources.requests), ("limits", &resources.limits)] {
        for (name, value) in list.iter().flat_map(|l| l.iter()) {
            let text = value.to_param_string();
            if parse_quantity(&text).is_none() {
                out.push(
                    Problem::en(
                        "XS208",
                        Severity::Error,
                        file,
                        format!("{path}.{group}.{name}"),
                        format!("`{}` is not a Kubernetes quantity", text.escape_debug()),
                        "write e.g. `512Mi`, `2Gi` (memory) or `250m`, `2` (cpu)",
                    )
                    .ko(
                        format!("`{}`은(는) Kubernetes 수량이 아닙니다", text.escape_debug()),
                        "`512Mi`, `2Gi`(메모리)나 `250m`, `2`(CPU)처럼 쓰세요",
                    ),
                );
            }
        }
    }
}

pub fn check(ctx: &Context) -> Vec<Problem> {
    let mut out = Vec::new();
    for (path, entry) in ctx.state.project.all_service_entries() {
        if let Some(r) = &entry.resources {
            scan(r, &ctx.project_file, &format!("{path}.resources"), &mut out);
        }
    }
    for (file, values) in ctx.values_files() {
        if let Some(r) = &values.resources {
            scan(r, &file, "resources", &mut out);
        }
        for (env, e) in values.environments.iter().flat_map(|e| e.iter()) {
            if let Some(r) = &e.resources {
                scan(r, &file, &format!("environments.{env}.resources"), &mut out);
            }
        }
    }
    out
}
