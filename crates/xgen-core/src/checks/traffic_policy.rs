//! Shared by the traffic-policy rules (XS301-XS306): every traffic policy written
//! in a values file, with its file and YAML path, and a walk over its fields.

use super::context::Context;
use serde_yaml::Value;

pub const POLICY_PATH: &str = "istio.destinationRule.trafficPolicy";

/// `(file, policy)` for each values file that writes a traffic policy.
pub fn policies<'a>(ctx: &Context<'a>) -> Vec<(String, &'a Value)> {
    ctx.values_files().into_iter().filter_map(|(file, values)| values.traffic_policy().map(|p| (file, p))).collect()
}

/// Every `(path, key, value)` below `v`, with `path` the full YAML path.
pub fn walk<'v>(v: &'v Value, path: &str, out: &mut Vec<(String, String, &'v Value)>) {
    match v {
        Value::Mapping(m) => {
            for (k, child) in m {
                let key = k.as_str().unwrap_or_default().to_owned();
                let p = format!("{path}.{key}");
                out.push((p.clone(), key, child));
                walk(child, &p, out);
            }
        }
        Value::Sequence(s) => {
            for (i, child) in s.iter().enumerate() {
                walk(child, &format!("{path}[{i}]"), out);
            }
        }
        _ => {}
    }
}

pub fn fields(policy: &Value) -> Vec<(String, String, &Value)> {
    let mut out = Vec::new();
    walk(policy, POLICY_PATH, &mut out);
    out
}
