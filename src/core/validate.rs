//! Field rules the forms show beside each input as the user types. Each returns
//! a plain sentence when the text breaks the rule. (The problems list checks the
//! project as a whole; these check one field.)

use crate::core::names::DnsLabel;
use crate::core::quantity::{is_istio_duration, parse_quantity};

pub type Rule = fn(&str) -> Option<String>;

pub fn dns_label(s: &str) -> Option<String> {
    DnsLabel::parse(s).err().map(|e| format!("A name that {e}."))
}

pub fn optional_dns_label(s: &str) -> Option<String> {
    if s.is_empty() {
        None
    } else {
        dns_label(s)
    }
}

pub fn server_url(s: &str) -> Option<String> {
    let ok = s.is_empty() || s.starts_with("https://") || s.starts_with("http://");
    (!ok).then(|| "A cluster API URL starts with https://.".into())
}

pub fn host_name(s: &str) -> Option<String> {
    if s.is_empty() {
        return None;
    }
    let labels_ok = s.split('.').all(|l| {
        !l.is_empty()
            && l.len() <= 63
            && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            && !l.starts_with('-')
    });
    (!labels_ok || s.len() > 253).then(|| "A host name such as site.example.com (no scheme, no path).".into())
}

pub fn count(s: &str) -> Option<String> {
    (!s.is_empty() && s.parse::<u32>().is_err()).then(|| "A whole number, 0 or more.".into())
}

pub fn port(s: &str) -> Option<String> {
    (!s.is_empty() && !s.parse::<u16>().is_ok_and(|p| p > 0)).then(|| "A port from 1 to 65535.".into())
}

pub fn percent(s: &str) -> Option<String> {
    (!s.is_empty() && !s.parse::<f64>().is_ok_and(|p| (0.0..=100.0).contains(&p)))
        .then(|| "A percentage from 0 to 100.".into())
}

pub fn quantity(s: &str) -> Option<String> {
    (!s.is_empty() && parse_quantity(s).is_none())
        .then(|| "A Kubernetes quantity: 512Mi, 2Gi (memory) or 250m, 2 (cpu).".into())
}

pub fn duration(s: &str) -> Option<String> {
    (!s.is_empty() && !is_istio_duration(s)).then(|| "A duration of at least 1ms, such as 10s, 1m30s or 300ms.".into())
}

pub fn prometheus_duration(s: &str) -> Option<String> {
    (!crate::core::quantity::is_prometheus_duration(s))
        .then(|| "A Prometheus duration such as 30s, 5m or 1h30m.".into())
}

pub fn number(s: &str) -> Option<String> {
    (!s.trim().parse::<f64>().is_ok_and(f64::is_finite)).then(|| "A number.".into())
}

pub fn path_prefix(s: &str) -> Option<String> {
    (!s.starts_with('/')).then(|| "A path starting with /.".into())
}

/// Why `s` is not RE2 syntax (look-around, back-references, unbalanced
/// groups, ...), or None. The regex crate's AST parser: RE2's syntax, without
/// linking Unicode tables into the page.
pub fn re2_error(s: &str) -> Option<String> {
    regex_syntax::ast::parse::Parser::new()
        .parse(s)
        .err()
        .map(|e| e.to_string().lines().last().unwrap_or("invalid").trim().to_owned())
}

pub fn regex(s: &str) -> Option<String> {
    re2_error(s).map(|reason| format!("Not valid RE2: {reason}"))
}

pub fn env_var_name(s: &str) -> Option<String> {
    let ok = !s.is_empty()
        && !s.starts_with(|c: char| c.is_ascii_digit())
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.' || c == '-');
    (!ok).then(|| "Letters, digits and _ (not starting with a digit).".into())
}

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
        assert!(regex("/v[0-9]+").is_none() && regex("(").is_some());
        assert!(env_var_name("APP_SITE").is_none() && env_var_name("1X").is_some());
    }
}
