//! XS106: a prefix or exact path that does not start with `/` (request paths
//! always do, so it never matches).

use super::context::Context;
use super::{Problem, Severity};
use crate::routing::{match_path, MatchKind};

pub fn check(ctx: &Context) -> Vec<Problem> {
    let mut out = Vec::new();
    for (file, rules) in ctx.ingress_rule_sets() {
        for rule in rules {
            let Some((kind @ (MatchKind::Prefix | MatchKind::Exact), value)) = &rule.matcher else { continue };
            if !value.starts_with('/') {
                out.push(
                    Problem::en(
                        "XS106",
                        Severity::Error,
                        file.clone(),
                        match_path(&rule),
                        format!("{} `{value}` does not start with `/`, so no request path matches it", kind.as_str()),
                        format!("write it as `/{}`", value.trim_start_matches('/')),
                    )
                    .ko(
                        format!(
                            "{} `{value}`이(가) `/`로 시작하지 않아 어떤 요청 경로와도 맞지 않습니다",
                            kind.as_str()
                        ),
                        format!("`/{}`처럼 쓰세요", value.trim_start_matches('/')),
                    ),
                );
            }
        }
    }
    out
}
