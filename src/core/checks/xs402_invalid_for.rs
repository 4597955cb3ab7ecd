//! XS402: an invalid `for`, window or interval (Prometheus durations: `30s`,
//! `5m`, `1h`; Grafana and Prometheus refuse anything else).

use super::alerts::{per_env, FILE};
use super::context::Context;
use super::{Problem, Severity};

/// A Prometheus duration: one or more `<number><unit>` with units ms, s, m, h,
/// d, w, y, largest first (`1h30m`).
pub fn is_prometheus_duration(s: &str) -> bool {
    const UNITS: [&str; 7] = ["y", "w", "d", "h", "m", "s", "ms"];
    let mut rest = s;
    let mut last = None;
    if rest.is_empty() {
        return false;
    }
    while !rest.is_empty() {
        let n = rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len());
        if n == 0 {
            return false;
        }
        rest = &rest[n..];
        let Some(unit) = UNITS.iter().position(|u| rest.starts_with(u) && !(*u == "m" && rest.starts_with("ms")))
        else {
            return false;
        };
        if last.is_some_and(|l| unit <= l) {
            return false;
        }
        last = Some(unit);
        rest = &rest[UNITS[unit].len()..];
    }
    true
}

pub fn check(ctx: &Context) -> Vec<Problem> {
    let mut out = Vec::new();
    let Some((_, a)) = per_env(ctx).into_iter().next() else { return out };
    let mut fields: Vec<(String, String)> = vec![("alerts.interval".into(), a.interval.clone())];
    for r in &a.rules {
        fields.push((format!("alerts.rules.{}.for", r.id), r.for_.clone()));
        if matches!(r.id, "podRestarts" | "highErrorRate" | "highLatency") {
            fields.push((format!("alerts.rules.{}.window", r.id), r.window.clone()));
        }
    }
    for (path, value) in fields {
        if !is_prometheus_duration(&value) {
            out.push(Problem::new(
                "XS402",
                Severity::Error,
                FILE,
                path,
                format!("`{}` is not a Prometheus duration", value.escape_debug()),
                "write e.g. `30s`, `5m`, `1h` or `1h30m`",
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::is_prometheus_duration;

    #[test]
    fn durations() {
        for ok in ["30s", "5m", "1h", "1h30m", "500ms", "2d"] {
            assert!(is_prometheus_duration(ok), "{ok}");
        }
        for bad in ["", "5", "m", "1.5m", "30m1h", "5 m", "5min"] {
            assert!(!is_prometheus_duration(bad), "{bad}");
        }
    }
}
