//! XS303: `LEAST_CONN` is a deprecated name; Istio calls it `LEAST_REQUEST`.

use super::context::Context;
use super::traffic_policy::{fields, policies};
use super::{Problem, Severity};

pub fn check(ctx: &Context) -> Vec<Problem> {
    let mut out = Vec::new();
    for (file, policy) in policies(ctx) {
        for (path, key, value) in fields(&policy) {
            if key == "simple" && value.as_str() == Some("LEAST_CONN") {
                out.push(
                    Problem::en(
                        "XS303",
                        Severity::Warning,
                        file.clone(),
                        path,
                        "`LEAST_CONN` is deprecated".to_owned(),
                        "use `LEAST_REQUEST` (the same algorithm under its current name)",
                    )
                    .ko(
                        "`LEAST_CONN`은 사용 중단된 이름입니다",
                        "`LEAST_REQUEST`를 쓰세요 (같은 알고리즘의 현재 이름입니다)",
                    ),
                );
            }
        }
    }
    out
}
