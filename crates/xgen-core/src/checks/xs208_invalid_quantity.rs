//! XS208: a resource quantity Kubernetes cannot parse (`1GB`, `half`, `1 Gi`),
//! wherever it is written: the project file's services, or a values file's
//! `resources` and `environments.<env>.resources`. A null in the project file
//! is one too: the root chart passes it on as an empty parameter, and the
//! Deployment gets the quantity `""`. A null in a values file is not: it
//! deletes the chart's default (docs/rendering.md, "Helm's value semantics").

use super::{Context, Problem, Rule, Severity};
use crate::i18n::{Said, Text};
use crate::model::project::Resources;
use crate::quantity::parse_quantity;
use crate::scalar::Scalar;

pub static RULE: Rule = Rule {
    code: "XS208",
    severity: Severity::Error,
    title: Text { key: "XS208", en: "Quantity Kubernetes cannot parse", ko: "Kubernetes가 읽지 못하는 수량" },
    check,
};

/// Where a quantity is written: a null means something else in each.
#[derive(Clone, Copy, PartialEq)]
enum Place {
    ProjectFile,
    ValuesFile,
}

fn scan(resources: &Resources, file: &str, path: &str, place: Place, out: &mut Vec<Problem>) {
    for (group, list) in [("requests", &resources.requests), ("limits", &resources.limits)] {
        for (name, value) in list.iter().flat_map(|l| l.iter()) {
            let null = *value == Scalar::Null;
            if null && place == Place::ValuesFile {
                continue;
            }
            let text = value.to_param_string();
            if !null && parse_quantity(&text).is_some() {
                continue;
            }
            let shown = text.escape_debug();
            let message = if null {
                Said::new(
                    format!(
                        "`{name}: null` is passed to Helm as an empty parameter: the Deployment gets the quantity \
                         `\"\"`, which Kubernetes refuses"
                    ),
                    format!(
                        "`{name}: null`은 빈 파라미터로 Helm에 전달되어 Deployment의 수량이 `\"\"`가 되고, \
                         Kubernetes가 거부합니다"
                    ),
                )
            } else {
                Said::new(
                    format!("`{shown}` is not a Kubernetes quantity"),
                    format!("`{shown}`은(는) Kubernetes 수량이 아닙니다"),
                )
            };
            out.push(Problem::new(
                &RULE,
                file,
                format!("{path}.{group}.{name}"),
                message,
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
            scan(r, &ctx.project_file, &format!("{path}.resources"), Place::ProjectFile, &mut out);
        }
    }
    for (file, values) in ctx.values_files() {
        if let Some(r) = &values.resources {
            scan(r, &file, "resources", Place::ValuesFile, &mut out);
        }
        for (env, e) in values.environments.iter().flat_map(|e| e.iter()) {
            if let Some(r) = &e.resources {
                scan(r, &file, &format!("environments.{env}.resources"), Place::ValuesFile, &mut out);
            }
        }
    }
    out
}
