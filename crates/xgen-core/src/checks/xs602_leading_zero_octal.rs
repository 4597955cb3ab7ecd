//! XS602: a plain integer with a leading zero (`0755`) is octal for Helm
//! (go-yaml v2: 493), where YAML 1.2 and most readers see 755.

use super::yaml_notes::{current, path, place};
use super::{Context, Problem, Rule, Severity};
use crate::i18n::{Said, Text};
use crate::yaml::notes::NoteKind;

pub static RULE: Rule = Rule {
    code: "XS602",
    severity: Severity::Warning,
    title: Text { key: "XS602", en: "A leading zero makes an octal number", ko: "앞의 0 때문에 8진수가 되는 숫자" },
    check,
};

fn check(ctx: &Context) -> Vec<Problem> {
    current(ctx, NoteKind::LegacyOctal)
        .into_iter()
        .map(|(file, note)| {
            let t = &note.text;
            let n = crate::render::helm_values::print(Some(&note.read_as));
            let sign = if t.starts_with('-') { "-" } else { "" };
            let decimal = format!("{sign}{}", t.trim_start_matches(['+', '-']).trim_start_matches('0'));
            Problem::new(
                &RULE,
                file,
                path(note),
                Said::new(
                    format!("`{t}` ({}) is the octal number {n} for Helm", place(note)),
                    format!("`{t}`({})은 Helm에서 8진수 {n}입니다", place(note)),
                ),
                // `03` is 3 in both readings: one number to write.
                if decimal == n {
                    Said::new(
                        format!("write `{n}` (the same number for every reader), or `\"{t}\"` for the text"),
                        format!("`{n}`(어느 리더에서나 같은 숫자)로 쓰거나, 문자열이면 `\"{t}\"`로 쓰세요"),
                    )
                } else {
                    Said::new(
                        format!("write `{decimal}` for the decimal number, `{n}` to keep Helm's value, or `\"{t}\"` for the text"),
                        format!("10진수면 `{decimal}`, Helm의 값을 유지하려면 `{n}`, 문자열이면 `\"{t}\"`로 쓰세요"),
                    )
                },
            )
        })
        .collect()
}
