//! XS502: a bidirectional control or an invisible character in a name, key or
//! value (`crate::hidden`): what a reviewer reads is not what the cluster
//! gets (`…\u{202E}lmay.exe` reads as `…exe.yaml`; `xgen\u{200B}-core` looks
//! like `xgen-core`). A warning, as GitHub warns of hidden Unicode text.

use super::{Context, Problem, Rule, Severity};
use crate::hidden::hidden_chars;
use crate::i18n::{Said, Text};
use serde_yaml::Value;

pub static RULE: Rule = Rule {
    code: "XS502",
    severity: Severity::Warning,
    title: Text { key: "XS502", en: "Hidden or bidirectional character", ko: "숨은 문자나 양방향 제어 문자" },
    check,
};

/// Every string in `v` (keys and values) with its YAML path.
fn strings<'a>(v: &'a Value, path: &str, out: &mut Vec<(String, &'a str)>) {
    match v {
        Value::String(s) => out.push((path.to_owned(), s)),
        Value::Sequence(items) => {
            for (i, item) in items.iter().enumerate() {
                strings(item, &format!("{path}[{i}]"), out);
            }
        }
        Value::Mapping(m) => {
            for (k, item) in m {
                let key = k.as_str().map_or_else(|| crate::keep_unknown::describe_key(k), str::to_owned);
                let here = if path.is_empty() { key } else { format!("{path}.{key}") };
                if let Some(k) = k.as_str() {
                    out.push((here.clone(), k));
                }
                strings(item, &here, out);
            }
        }
        Value::Tagged(t) => strings(&t.value, path, out),
        Value::Null | Value::Bool(_) | Value::Number(_) => {}
    }
}

fn check(ctx: &Context) -> Vec<Problem> {
    let mut out = Vec::new();
    for (file, data) in ctx.source_data() {
        let mut found = Vec::new();
        strings(&data, "", &mut found);
        for (path, text) in found {
            let hidden = hidden_chars(text);
            if hidden.is_empty() {
                continue;
            }
            let codes: Vec<String> = hidden.iter().map(|c| format!("U+{:04X}", u32::from(*c))).collect();
            let codes = codes.join(", ");
            let shown = text.escape_debug();
            out.push(Problem::new(
                &RULE,
                file.clone(),
                path,
                Said::new(
                    format!("`{shown}` holds characters a reader cannot see ({codes})"),
                    format!("`{shown}`에 눈에 보이지 않는 문자가 있습니다 ({codes})"),
                ),
                Said::new(
                    "delete them and type the text again; they change how it reads, not what it is",
                    "지우고 다시 입력하세요. 이 문자는 보이는 모습만 바꾸고 실제 값은 그대로 둡니다",
                ),
            ));
        }
    }
    out
}
