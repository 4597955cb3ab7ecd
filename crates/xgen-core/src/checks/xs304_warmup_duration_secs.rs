//! XS304: `loadBalancer.warmupDurationSecs` is deprecated in favour of
//! `loadBalancer.warmup.duration`.

use super::context::Context;
use super::traffic_policy::{fields, policies};
use super::{Problem, Severity};

pub fn check(ctx: &Context) -> Vec<Problem> {
    let mut out = Vec::new();
    for (file, policy) in policies(ctx) {
        for (path, key, _) in fields(&policy) {
            if key == "warmupDurationSecs" {
                out.push(
                    Problem::en(
                        "XS304",
                        Severity::Warning,
                        file.clone(),
                        path,
                        "`warmupDurationSecs` is deprecated".to_owned(),
                        "use `warmup: {duration: 30s}` under loadBalancer",
                    )
                    .ko(
                        "`warmupDurationSecs`는 사용 중단되었습니다",
                        "loadBalancer 아래에 `warmup: {duration: 30s}`를 쓰세요",
                    ),
                );
            }
        }
    }
    out
}
