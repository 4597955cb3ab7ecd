//! XS208: a resource quantity Kubernetes cannot parse (`1GB`, `half`, `1 Gi`),
//! wherever it is written: the project file's services, or a values file's
//! `resources` and `environments.<env>.resources`.

use super::{Context, Problem, Rule, Severity};
use crate::i18n::{Said, Text};
use crate::model::project::Resources;
use crate::quantity::parse_quantity;

pub static RULE: Rule = Rule {
    code: "XS208",
    severity: Severity::Error,
    title: Text { key: "XS208", en: "Quantity Kubernetes cannot parse", ko: "Kubernetes가 읽지 못하는 수량" },
    check,
};

fn scan(resources: &Resources, file: &str, path: &str, out: &mut Vec<Problem>) {
    for (group, list) in [("requests", &resources.requests), ("limits", &resources.limits)] {
        for (name, value) in list.iter().flat_map(|l| l.iter()) {
            let text = value.to_param_string();
            if parse_quantity(&text).is_some() {
                continue;
            }
            let shown = text.escape_debug();
            out.push(Problem::new(
                &RULE,
                file,
                format!("{path}.{group}.{name}"),
                Said::new(
                    format!("`{shown}` is not a Kubernetes quantity"),
                    format!("`{shown}`은(는) Kubernetes 수량이 아닙니다"),
                ),
                Said::new(
                    "write e.g. `512Mi`, `2Gi` (memory) or `250m`, `2` (cpu)",
                    "`512Mi`, `2Gi`(메모리)나 `250m`, `2`(CPU)처럼 쓰세요",
                ),
            ));
        }
    }
}

fn check(ctx: &Context) -> Vec<Problem> {
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
