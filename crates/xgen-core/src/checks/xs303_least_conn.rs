//! XS303: `LEAST_CONN` is a deprecated name; Istio calls it `LEAST_REQUEST`.

use super::traffic_policy::{fields, policies};
use super::{Context, Problem, Rule, Severity};
use crate::i18n::{Said, Text};

pub static RULE: Rule = Rule {
    code: "XS303",
    severity: Severity::Warning,
    title: Text { key: "XS303", en: "Deprecated LEAST_CONN", ko: "사용 중단된 LEAST_CONN" },
    check,
};

fn check(ctx: &Context) -> Vec<Problem> {
    let mut out = Vec::new();
    for (file, policy) in policies(ctx) {
        for (path, key, value) in fields(policy) {
            if key == "simple" && value.as_str() == Some("LEAST_CONN") {
                out.push(Problem::new(
                    &RULE,
                    file.clone(),
                    path,
                    Said::new("`LEAST_CONN` is deprecated", "`LEAST_CONN`은 사용 중단된 이름입니다"),
                    Said::new(
                        "use `LEAST_REQUEST` (the same algorithm under its current name)",
                        "`LEAST_REQUEST`를 쓰세요 (같은 알고리즘의 현재 이름입니다)",
                    ),
                ));
            }
        }
    }
    out
}
