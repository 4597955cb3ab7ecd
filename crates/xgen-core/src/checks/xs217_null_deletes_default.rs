//! XS217: a null in a values file that deletes a default of the chart's
//! `values.yaml`. Helm's coalescing removes a key the user sets to null
//! (`coalesceValues`, `pkg/chart/common/util/coalesce.go`), so
//! `resources: ~` renders a container without resources, `probes:
//! {readiness: ~}` a probe without its timings, `image: {tag: ~}` the image
//! `…:<nil>` (docs/rendering.md, "Helm's value semantics"). Often meant; often
//! written to mean "the default".

use super::{Context, Problem, Rule, Severity};
use crate::i18n::{Said, Text};
use crate::layout::values_path;
use serde_yaml::Value;

pub static RULE: Rule = Rule {
    code: "XS217",
    severity: Severity::Warning,
    title: Text {
        key: "XS217",
        en: "a null that deletes the chart's default",
        ko: "차트 기본값을 지우는 null",
    },
    check,
};

/// Paths (dotted) under `user` whose value is null where `chart` has a value.
fn deleted(user: &Value, chart: &Value, path: &str, out: &mut Vec<(String, Value)>) {
    let (Value::Mapping(user), Value::Mapping(chart)) = (user, chart) else { return };
    for (key, value) in user {
        let Some(name) = key.as_str() else { continue };
        let Some(default) = chart.get(key).filter(|d| !d.is_null()) else { continue };
        let here = if path.is_empty() { name.to_owned() } else { format!("{path}.{name}") };
        if value.is_null() {
            out.push((here, default.clone()));
        } else {
            deleted(value, default, &here, out);
        }
    }
}

fn check(ctx: &Context) -> Vec<Problem> {
    let Ok(chart) = serde_yaml::to_value(&*ctx.state.chart_values) else { return Vec::new() };
    let mut out = Vec::new();
    for (file, values) in ctx.state.values.iter() {
        let Ok(user) = serde_yaml::to_value(values) else { continue };
        let mut found = Vec::new();
        deleted(&user, &chart, "", &mut found);
        for (path, default) in found {
            let shown = match &default {
                Value::Mapping(_) | Value::Sequence(_) => String::new(),
                scalar => crate::yaml::to_string(scalar).map(|t| format!(" (`{}`)", t.trim())).unwrap_or_default(),
            };
            out.push(Problem::new(
                &RULE,
                values_path(file),
                path.clone(),
                Said::new(
                    format!(
                        "`{path}: null` deletes the chart's default{shown}: Helm renders this service without it"
                    ),
                    format!("`{path}: null`은 차트 기본값{shown}을 지웁니다: Helm은 이 서비스를 그 값 없이 렌더링합니다"),
                ),
                Said::new(
                    "to keep the chart's default, delete the line; to remove it on purpose, keep the null",
                    "차트 기본값을 유지하려면 이 줄을 지우고, 일부러 지우는 것이라면 null을 그대로 두세요",
                ),
            ));
        }
    }
    out
}
