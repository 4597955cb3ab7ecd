//! XS604: a plain number that Helm prints otherwise than it is written.
//! go-yaml reads `2026.10` as a number, `sigs.k8s.io/yaml` makes it a
//! float64, and a template prints it with Go's `%v`: `targetRevision:
//! 2026.10` makes Argo CD track the revision `2026.1`, `VERSION: 1.10` puts
//! `1.1` in the ConfigMap, `1234567` becomes `1.234567e+06`
//! (docs/rendering.md, "Helm's value semantics").

use super::yaml_notes::{current, path, place};
use super::{Context, Problem, Rule, Severity};
use crate::i18n::{Said, Text};
use crate::render::go_format::go_float;
use crate::yaml::notes::{NoteKind, Seg};

pub static RULE: Rule = Rule {
    code: "XS604",
    severity: Severity::Warning,
    title: Text {
        key: "XS604",
        en: "A number Helm prints otherwise than it is written",
        ko: "Helm이 쓴 것과 다르게 출력하는 숫자",
    },
    check,
};

/// Counts the charts print as numbers anyway (`replicas: 3.0` is 3).
const COUNTS: &[&str] = &[
    "replicas",
    "minReplicas",
    "maxReplicas",
    "port",
    "targetCPUUtilizationPercentage",
    "targetMemoryUtilizationPercentage",
];

fn check(ctx: &Context) -> Vec<Problem> {
    current(ctx, NoteKind::GoNumber)
        .into_iter()
        .filter(|(_, note)| !matches!(note.path.last(), Some(Seg::Key(k)) if COUNTS.contains(&k.as_str())))
        .filter_map(|(file, note)| {
            let t = &note.text;
            let printed = go_float(note.read_as.as_f64()?);
            Some(Problem::new(
                &RULE,
                file,
                path(note),
                Said::new(
                    format!("`{t}` ({}) is a number for Helm, and its templates print it as `{printed}`", place(note)),
                    format!("`{t}`({})은 Helm에서 숫자이고, 템플릿은 `{printed}`로 출력합니다", place(note)),
                ),
                Said::new(
                    format!("write `\"{t}\"` if you mean the text `{t}`"),
                    format!("`{t}`라는 문자열이면 `\"{t}\"`로 쓰세요"),
                ),
            ))
        })
        .collect()
}
