//! XS306: an empty connection pool (`connectionPool: {}` or an empty `tcp` /
//! `http` block) does nothing and is usually a half-finished edit.

use super::traffic_policy::{fields, policies};
use super::{Context, Problem, Rule, Severity};
use crate::i18n::{Said, Text};

pub static RULE: Rule = Rule {
    code: "XS306",
    severity: Severity::Warning,
    title: Text { key: "XS306", en: "Empty connection pool", ko: "비어 있는 연결 풀" },
    check,
};

fn check(ctx: &Context) -> Vec<Problem> {
    let mut out = Vec::new();
    for (file, policy) in policies(ctx) {
        for (path, key, value) in fields(policy) {
            let pool_part =
                key == "connectionPool" || (path.contains(".connectionPool.") && matches!(key.as_str(), "tcp" | "http"));
            let empty = value.is_null() || value.as_mapping().is_some_and(|m| m.is_empty());
            if !(pool_part && empty) {
                continue;
            }
            out.push(Problem::new(
                &RULE,
                file.clone(),
                path,
                Said::new(format!("`{key}` is empty: it sets no limits"), format!("`{key}`이(가) 비어 있어 아무 제한도 두지 않습니다")),
                Said::new("set its limits (e.g. maxConnections) or remove it", "제한(예: maxConnections)을 설정하거나 삭제하세요"),
            ));
        }
    }
    out
}
