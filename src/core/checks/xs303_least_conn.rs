//! XS303: `LEAST_CONN` is a deprecated name; Istio calls it `LEAST_REQUEST`.

use super::context::Context;
use super::traffic_policy::{fields, policies};
use super::{Problem, Severity};

pub fn check(ctx: &Context) -> Vec<Problem> {
    let mut out = Vec::new();
    for (file, policy) in policies(ctx) {
        for (path, key, value) in fields(&policy) {
            if key == "simple" && value.as_str() == Some("LEAST_CONN") {
                out.push(Problem::new(
                    "XS303",
                    Severity::Warning,
                    file.clone(),
                    path,
                    "`LEAST_CONN` is deprecated".to_owned(),
                    "use `LEAST_REQUEST` (the same algorithm under its current name)",
                ));
            }
        }
    }
    out
}
