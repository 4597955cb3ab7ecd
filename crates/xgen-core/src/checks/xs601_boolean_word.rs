//! XS601: a plain `yes`, `no`, `on`, `off`, `y` or `n` (any case form) is a
//! boolean for Helm (go-yaml v2, docs/inputs.md#how-yaml-is-read).

use super::yaml_notes::{current, path, place};
use super::{Context, Problem, Rule, Severity};
use crate::i18n::{Said, Text};
use crate::yaml::notes::NoteKind;

pub static RULE: Rule = Rule {
    code: "XS601",
    severity: Severity::Warning,
    title: Text { key: "XS601", en: "A word Helm reads as a boolean", ko: "Helm이 불리언으로 읽는 단어" },
    check,
};

fn check(ctx: &Context) -> Vec<Problem> {
    current(ctx, NoteKind::BoolWord)
        .into_iter()
        .map(|(file, note)| {
            let (t, b) = (&note.text, note.read_as.as_bool().unwrap_or_default());
            Problem::new(
                &RULE,
                file,
                path(note),
                Said::new(
                    format!("`{t}` ({}) is the boolean `{b}` for Helm, not the text \"{t}\"", place(note)),
                    format!("`{t}`({})은 Helm에서 문자열 \"{t}\"가 아니라 불리언 `{b}`입니다", place(note)),
                ),
                Said::new(
                    format!("write `{b}` if a boolean is meant, or `\"{t}\"` (quoted) for the text"),
                    format!("불리언이면 `{b}`로, 문자열이면 따옴표로 감싼 `\"{t}\"`로 쓰세요"),
                ),
            )
        })
        .collect()
}
