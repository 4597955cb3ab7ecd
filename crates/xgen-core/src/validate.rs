//! Field rules the forms show beside each input as the user types. Each returns
//! a plain sentence, in English and Korean, when the text breaks the rule. (The
//! problems list checks the project as a whole; these check one field.)

pub use crate::i18n::Said;
use crate::names::DnsLabel;
use crate::quantity::{is_istio_duration, parse_quantity};

pub type Rule = fn(&str) -> Option<Said>;

pub fn dns_label(s: &str) -> Option<Said> {
    DnsLabel::parse(s)
        .err()
        .map(|e| Said::new(format!("A name that {e}."), format!("이름이 올바르지 않습니다: {}.", e.ko())))
}

pub fn optional_dns_label(s: &str) -> Option<Said> {
    if s.is_empty() {
        None
    } else {
        dns_label(s)
    }
}

pub fn server_url(s: &str) -> Option<Said> {
    let ok = s.is_empty() || s.starts_with("https://") || s.starts_with("http://");
    (!ok).then(|| Said::new("A cluster API URL starts with https://.", "클러스터 API URL은 https://로 시작합니다."))
}

pub fn host_name(s: &str) -> Option<Said> {
    if s.is_empty() {
        return None;
    }
    let labels_ok = s.split('.').all(|l| {
        !l.is_empty()
            && l.len() <= 63
            && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            && !l.starts_with('-')
    });
    (!labels_ok || s.len() > 253).then(|| {
        Said::new(
            "A host name such as site.example.com (no scheme, no path).",
            "site.example.com 같은 호스트 이름입니다 (스킴과 경로 없이).",
        )
    })
}

pub fn count(s: &str) -> Option<Said> {
    (!s.is_empty() && s.parse::<u32>().is_err())
        .then(|| Said::new("A whole number, 0 or more.", "0 이상의 정수입니다."))
}

pub fn port(s: &str) -> Option<Said> {
    (!s.is_empty() && !s.parse::<u16>().is_ok_and(|p| p > 0))
        .then(|| Said::new("A port from 1 to 65535.", "1에서 65535 사이의 포트입니다."))
}

pub fn percent(s: &str) -> Option<Said> {
    (!s.is_empty() && !s.parse::<f64>().is_ok_and(|p| (0.0..=100.0).contains(&p)))
        .then(|| Said::new("A percentage from 0 to 100.", "0에서 100 사이의 비율입니다."))
}

pub fn quantity(s: &str) -> Option<Said> {
    (!s.is_empty() && parse_quantity(s).is_none()).then(|| {
        Said::new(
            "A Kubernetes quantity: 512Mi, 2Gi (memory) or 250m, 2 (cpu).",
            "Kubernetes 수량입니다: 512Mi, 2Gi(메모리) 또는 250m, 2(CPU).",
        )
    })
}

pub fn duration(s: &str) -> Option<Said> {
    (!s.is_empty() && !is_istio_duration(s)).then(|| {
        Said::new(
            "A duration of at least 1ms, such as 10s, 1m30s or 300ms.",
            "10s, 1m30s, 300ms처럼 1ms 이상의 시간입니다.",
        )
    })
}

pub fn prometheus_duration(s: &str) -> Option<Said> {
    (!crate::quantity::is_prometheus_duration(s)).then(|| {
        Said::new("A Prometheus duration such as 30s, 5m or 1h30m.", "30s, 5m, 1h30m 같은 Prometheus 시간입니다.")
    })
}

pub fn number(s: &str) -> Option<Said> {
    (!s.trim().parse::<f64>().is_ok_and(f64::is_finite)).then(|| Said::new("A number.", "숫자입니다."))
}

pub fn path_prefix(s: &str) -> Option<Said> {
    (!s.starts_with('/')).then(|| Said::new("A path starting with /.", "/로 시작하는 경로입니다."))
}

/// A required text (the alert folder's name).
pub fn folder(s: &str) -> Option<Said> {
    s.trim().is_empty().then(|| Said::new("A folder name.", "폴더 이름이 필요합니다."))
}

/// At least one label (the notification policy's group-by).
pub fn labels(s: &str) -> Option<Said> {
    s.trim().is_empty().then(|| Said::new("At least one label.", "레이블이 하나 이상 필요합니다."))
}

/// Why the ingress gateway would not route by `s` as a `regex` match, or
/// None: RE2 refuses it (as Envoy compiles it, `routing::re2`), or Istio's
/// validation does. The simulator compiles regexes the same way, so a regex
/// is either refused here or used there, never both.
pub fn re2_error(s: &str) -> Option<Said> {
    let refused = |e: String| Said::new(format!("RE2 refuses it ({e})"), format!("RE2가 거부합니다 ({e})"));
    match crate::routing::re2::translate(s) {
        Err(e) => Some(refused(e.to_string())),
        Ok(t) => t.istio_refuses.or_else(|| crate::routing::matcher::compile_regex(s).err().map(refused)),
    }
}

pub fn regex(s: &str) -> Option<Said> {
    re2_error(s).map(|why| Said::new(format!("Not usable: {}", why.en()), format!("쓸 수 없습니다: {}", why.ko())))
}

pub fn env_var_name(s: &str) -> Option<Said> {
    let ok = !s.is_empty()
        && !s.starts_with(|c: char| c.is_ascii_digit())
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.' || c == '-');
    (!ok).then(|| {
        Said::new(
            "Letters, digits and _ (not starting with a digit).",
            "문자, 숫자, _만 씁니다 (숫자로 시작하지 않음).",
        )
    })
}

/// A ConfigMap key as Kubernetes accepts it (apimachinery's
/// `validation.IsConfigMapKey`): 1 to 253 of `-._a-zA-Z0-9`, not `.` or `..`,
/// not starting with `..`.
pub fn config_map_key(s: &str) -> Option<Said> {
    let ok = !s.is_empty()
        && s.len() <= 253
        && s.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_'))
        && !s.starts_with("..")
        && s != ".";
    (!ok).then(|| {
        Said::new(
            "A ConfigMap key: 1 to 253 letters, digits, `-`, `_` or `.`, not `.` or starting with `..`.",
            "ConfigMap 키: 글자, 숫자, `-`, `_`, `.`로 된 1~253자이며 `.`이거나 `..`로 시작할 수 없습니다.",
        )
    })
}

/// The Istio networking API versions that serve VirtualService, Gateway and
/// DestinationRule (Istio's CRDs: `v1alpha3`, `v1beta1` and `v1` share one schema).
pub const ISTIO_API_VERSIONS: [&str; 3] =
    ["networking.istio.io/v1alpha3", "networking.istio.io/v1beta1", "networking.istio.io/v1"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules() {
        assert!(dns_label("xgen-core").is_none() && dns_label("Bad").is_some());
        assert!(server_url("https://k").is_none() && server_url("k8s").is_some());
        assert!(host_name("a.example.com").is_none() && host_name("https://a.com").is_some());
        assert!(count("3").is_none() && count("-1").is_some() && count("x").is_some());
        assert!(port("8000").is_none() && port("0").is_some() && port("70000").is_some());
        assert!(percent("50").is_none() && percent("150").is_some());
        assert!(quantity("512Mi").is_none() && quantity("1GB").is_some());
        assert!(duration("10s").is_none() && duration("10").is_some());
        assert!(path_prefix("/api").is_none() && path_prefix("api").is_some());
        assert!(regex("/v[0-9]+").is_none() && regex("(").is_some() && regex(r"/\pL+").is_none());
        assert!(env_var_name("APP_SITE").is_none() && env_var_name("1X").is_some());
        for ok in ["A", "spring.profile", "1X", "a-b_c.d", ".hidden", &"k".repeat(253)] {
            assert!(config_map_key(ok).is_none(), "{ok}");
        }
        for bad in ["", "C=D", "L M", "I[0]", ".", "..", "..x", "a\nb", &"k".repeat(254), "키"] {
            assert!(config_map_key(bad).is_some(), "{bad}");
        }
        assert!(folder("alerts").is_none() && labels(" ").is_some());
    }

    #[test]
    fn every_rule_speaks_both_languages() {
        let broken: [(Rule, &str); 15] = [
            (config_map_key, "C=D"),
            (dns_label, "Bad"),
            (dns_label, ""),
            (dns_label, "-a"),
            (server_url, "k8s"),
            (host_name, "https://a"),
            (count, "x"),
            (port, "0"),
            (percent, "150"),
            (quantity, "1GB"),
            (duration, "10"),
            (prometheus_duration, "2 days"),
            (number, "n"),
            (regex, "("),
            (env_var_name, "1X"),
        ];
        for (rule, text) in broken {
            let said = rule(text).unwrap_or_else(|| panic!("{text:?} passes"));
            assert!(!said.en().is_empty() && crate::i18n::has_hangul(said.ko()), "{said:?}");
        }
    }
}
