//! XS603: a plain key that is a boolean, number or null for go-yaml (`on:`,
//! `yes:`, `1:`) reaches Helm as another string (`"true"`, `"1"`), since
//! `sigs.k8s.io/yaml` turns every key into a JSON string.

use super::yaml_notes::{current, path, place};
use super::{Context, Problem, Rule, Severity};
use crate::i18n::{Said, Text};
use crate::yaml::notes::NoteKind;

pub static RULE: Rule = Rule {
    code: "XS603",
    severity: Severity::Warning,
    title: Text { key: "XS603", en: "A key Helm reads as another name", ko: "Helm이 다른 이름으로 읽는 키" },
    check,
};

fn check(ctx: &Context) -> Vec<Problem> {
    current(ctx, NoteKind::KeyNotString)
        .into_iter()
        .map(|(file, note)| {
            let t = &note.text;
            let k = note.read_as.as_str().unwrap_or_default();
            Problem::new(
                &RULE,
                file,
                path(note),
                Said::new(
                    format!("the key `{t}` ({}) is the key \"{k}\" for Helm", place(note)),
                    format!("키 `{t}`({})은 Helm에서 \"{k}\" 키입니다", place(note)),
                ),
                Said::new(
                    format!("quote it (`\"{t}\":`) to keep the name `{t}`"),
                    format!("`{t}`라는 이름을 유지하려면 따옴표로 감싸세요 (`\"{t}\":`)"),
                ),
            )
        })
        .collect()
}
