//! How many pods Istio's outlier detection may eject at once:
//! floor(replicas x maxEjectionPercent / 100), where maxEjectionPercent is 10
//! when `outlierDetection` is set without it (Istio's default). Shared by the
//! XS305 check and the route simulator.

use crate::render::helm_values::at;
use serde_yaml::Value;

pub const DEFAULT_MAX_EJECTION_PERCENT: f64 = 10.0;

/// `(maxEjectionPercent, ejectable pods)` for a traffic policy and a replica
/// count; None when the policy has no outlier detection.
pub fn ejectable(policy: &Value, replicas: f64) -> Option<(f64, u64)> {
    let outlier = at(policy, &["outlierDetection"])?;
    let percent = at(outlier, &["maxEjectionPercent"]).and_then(Value::as_f64).unwrap_or(DEFAULT_MAX_EJECTION_PERCENT);
    Some((percent, (replicas * percent / 100.0).floor().max(0.0) as u64))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floors_and_defaults() {
        let p = |y: &str| serde_yaml::from_str::<Value>(y).unwrap();
        assert_eq!(ejectable(&p("outlierDetection: {maxEjectionPercent: 50}"), 2.0), Some((50.0, 1)));
        assert_eq!(ejectable(&p("outlierDetection: {maxEjectionPercent: 50}"), 1.0), Some((50.0, 0)));
        assert_eq!(ejectable(&p("outlierDetection: {consecutive5xxErrors: 5}"), 9.0), Some((10.0, 0)));
        assert_eq!(ejectable(&p("loadBalancer: {simple: RANDOM}"), 9.0), None);
    }
}
