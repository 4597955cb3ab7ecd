//! Kubernetes resource quantities (`512Mi`, `200m`, `2`, `1e3`) and Go
//! durations (`10s`, `1m30s`, `300ms`), parsed to numbers for the checks.

/// A quantity's value in base units (bytes, cores), or None if it is not a
/// valid Kubernetes quantity: sign, digits with an optional fraction, then one
/// suffix: binary (`Ki` .. `Ei`), decimal (`n`, `u`, `m`, `k`, `M` .. `E`) or
/// an exponent (`e3`, `E-2`).
pub fn parse_quantity(s: &str) -> Option<f64> {
    let s = s.trim();
    let body = s.strip_prefix(['+', '-']).unwrap_or(s);
    let num_len = body.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(body.len());
    let (num, suffix) = body.split_at(num_len);
    if num.is_empty() || num == "." || num.matches('.').count() > 1 {
        return None;
    }
    let value: f64 = num.parse().ok()?;
    let factor = match suffix {
        "" => 1.0,
        "n" => 1e-9,
        "u" => 1e-6,
        "m" => 1e-3,
        "k" => 1e3,
        "M" => 1e6,
        "G" => 1e9,
        "T" => 1e12,
        "P" => 1e15,
        "E" => 1e18,
        "Ki" => 1024f64,
        "Mi" => 1024f64.powi(2),
        "Gi" => 1024f64.powi(3),
        "Ti" => 1024f64.powi(4),
        "Pi" => 1024f64.powi(5),
        "Ei" => 1024f64.powi(6),
        e if e.starts_with(['e', 'E']) => 10f64.powi(e[1..].parse::<i32>().ok()?),
        _ => return None,
    };
    let sign = if s.starts_with('-') { -1.0 } else { 1.0 };
    Some(sign * value * factor)
}

/// A Go duration in seconds (`time.ParseDuration`): one or more decimal numbers
/// with a unit (`ns`, `us`, `µs`, `ms`, `s`, `m`, `h`), optionally signed;
/// `0` alone is allowed.
pub fn parse_go_duration(s: &str) -> Option<f64> {
    let mut rest = s.strip_prefix(['+', '-']).unwrap_or(s);
    let sign = if s.starts_with('-') { -1.0 } else { 1.0 };
    if rest == "0" {
        return Some(0.0);
    }
    if rest.is_empty() {
        return None;
    }
    let mut total = 0.0;
    while !rest.is_empty() {
        let n = rest.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(rest.len());
        let num = &rest[..n];
        if num.is_empty() || num == "." || num.matches('.').count() > 1 {
            return None;
        }
        let value: f64 = num.parse().ok()?;
        rest = &rest[n..];
        let u = rest.find(|c: char| c.is_ascii_digit() || c == '.').unwrap_or(rest.len());
        let factor = match &rest[..u] {
            "ns" => 1e-9,
            "us" | "µs" | "μs" => 1e-6,
            "ms" => 1e-3,
            "s" => 1.0,
            "m" => 60.0,
            "h" => 3600.0,
            _ => return None,
        };
        total += value * factor;
        rest = &rest[u..];
    }
    Some(sign * total)
}

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

/// A duration Istio takes: a Go duration of at least 1ms.
pub fn is_istio_duration(s: &str) -> bool {
    parse_go_duration(s).is_some_and(|d| d >= 0.001)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prometheus_durations() {
        for ok in ["30s", "5m", "1h", "1h30m", "500ms", "2d"] {
            assert!(is_prometheus_duration(ok), "{ok}");
        }
        for bad in ["", "5", "m", "1.5m", "30m1h", "5 m", "5min"] {
            assert!(!is_prometheus_duration(bad), "{bad}");
        }
    }

    #[test]
    fn quantities() {
        assert_eq!(parse_quantity("512Mi"), Some(512.0 * 1024.0 * 1024.0));
        assert_eq!(parse_quantity("200m"), Some(0.2));
        assert_eq!(parse_quantity("2"), Some(2.0));
        assert_eq!(parse_quantity("1.5"), Some(1.5));
        assert_eq!(parse_quantity("1e3"), Some(1000.0));
        assert_eq!(parse_quantity("1G"), Some(1e9));
        for bad in ["", "abc", "1mb", "1 Gi", "1.2.3", "Gi", "1KiB", "--1"] {
            assert_eq!(parse_quantity(bad), None, "{bad}");
        }
    }

    #[test]
    fn durations() {
        assert_eq!(parse_go_duration("10s"), Some(10.0));
        assert_eq!(parse_go_duration("1m30s"), Some(90.0));
        assert_eq!(parse_go_duration("300ms"), Some(0.3));
        assert_eq!(parse_go_duration("1.5h"), Some(5400.0));
        assert_eq!(parse_go_duration("0"), Some(0.0));
        for bad in ["", "10", "s", "10 s", "1d", "ten s", "1m30"] {
            assert_eq!(parse_go_duration(bad), None, "{bad}");
        }
    }
}
