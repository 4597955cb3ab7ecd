//! XS218: `autoscaling.enabled` written as a string that reads as "off"
//! (`"false"`, `"no"`, `"off"`). A Go template takes every non-empty string
//! for true, so in a values file `enabled: "false"` switches autoscaling ON.
//! In the project file the root chart passes the text on as a parameter,
//! and `--set` reads only `false` (in any case) back as a boolean: `"no"`
//! and `"off"` stay strings, and true (docs/rendering.md, "Helm's value
//! semantics").

use super::{Context, Problem, Rule, Severity};
use crate::i18n::{Said, Text};
use crate::layout::values_path;
use crate::model::project::Autoscaling;
use crate::render::helm_values::{truthy, typed_set_value};
use crate::scalar::Scalar;

pub static RULE: Rule = Rule {
    code: "XS218",
    severity: Severity::Warning,
    title: Text {
        key: "XS218",
        en: "a switch written as text that a template reads as true",
        ko: "템플릿이 참으로 읽는 문자열 스위치",
    },
    check,
};

fn looks_off(text: &str) -> bool {
    matches!(text.to_ascii_lowercase().as_str(), "false" | "no" | "off" | "n")
}

/// The text of `enabled` when it reads as "off" but a template sees true;
/// `through_set`: the value reaches the service chart as a `--set` parameter.
fn trap(a: &Option<Autoscaling>, through_set: bool) -> Option<&str> {
    let Some(Scalar::Str(text)) = a.as_ref()?.enabled.as_ref() else { return None };
    let seen_true = !through_set || truthy(Some(&typed_set_value(text)));
    (looks_off(text) && seen_true).then_some(text.as_str())
}

fn problem(file: String, path: String, text: &str) -> Problem {
    Problem::new(
        &RULE,
        file,
        path,
        Said::new(
            format!("`enabled: \"{text}\"` is text, and a template takes every non-empty text for true: autoscaling is on"),
            format!("`enabled: \"{text}\"`는 문자열이고, 템플릿은 비어 있지 않은 문자열을 모두 참으로 봅니다: 오토스케일링이 켜집니다"),
        ),
        Said::new(
            "write `enabled: false` without quotes",
            "따옴표 없이 `enabled: false`로 쓰세요",
        ),
    )
}

fn check(ctx: &Context) -> Vec<Problem> {
    let mut out = Vec::new();
    for (path, entry) in ctx.state.project.all_service_entries() {
        if let Some(text) = trap(&entry.autoscaling, true) {
            out.push(problem(ctx.project_file.clone(), format!("{path}.autoscaling.enabled"), text));
        }
    }
    for (file, values) in ctx.state.values.iter() {
        if let Some(text) = trap(&values.autoscaling, false) {
            out.push(problem(values_path(file), "autoscaling.enabled".into(), text));
        }
        for (env, e) in values.environments.iter().flat_map(|e| e.iter()) {
            if let Some(text) = trap(&e.autoscaling, false) {
                out.push(problem(values_path(file), format!("environments.{env}.autoscaling.enabled"), text));
            }
        }
    }
    out
}
