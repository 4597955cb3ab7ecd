//! XS304: `loadBalancer.warmupDurationSecs` is deprecated in favour of
//! `loadBalancer.warmup.duration`.

use super::traffic_policy::{fields, policies};
use super::{Context, Problem, Rule, Severity};
use crate::i18n::{Said, Text};

pub static RULE: Rule = Rule {
    code: "XS304",
    severity: Severity::Warning,
    title: Text { key: "XS304", en: "Deprecated warmupDurationSecs", ko: "사용 중단된 warmupDurationSecs" },
    check,
};

fn check(ctx: &Context) -> Vec<Problem> {
    let mut out = Vec::new();
    for (file, policy) in policies(ctx) {
        for (path, key, _) in fields(policy) {
            if key == "warmupDurationSecs" {
                out.push(Problem::new(
                    &RULE,
                    file.clone(),
                    path,
                    Said::new("`warmupDurationSecs` is deprecated", "`warmupDurationSecs`는 사용 중단되었습니다"),
                    Said::new(
                        "use `warmup: {duration: 30s}` under loadBalancer",
                        "loadBalancer 아래에 `warmup: {duration: 30s}`를 쓰세요",
                    ),
                ));
            }
        }
    }
    out
}
