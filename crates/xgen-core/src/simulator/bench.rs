//! The matcher benchmark's workload, shared by the native benchmark
//! (`benches/matcher.rs`) and the page (`?bench=matcher`): `rules` rules
//! (60 % prefix, 25 % exact, 15 % regex, then a catch-all) and request paths
//! that hit rules all through the list, and miss into the catch-all.

use crate::routing::{MatchKind, RouteRule, RuleKind, UriMatch};

pub fn workload(rules: usize, paths: usize) -> (Vec<RouteRule>, Vec<String>) {
    let rule = |index: usize, matcher: Option<(MatchKind, String)>| RouteRule {
        index,
        kind: if matcher.is_some() { RuleKind::Api } else { RuleKind::Default },
        source: String::new(),
        matcher: matcher.map(|(kind, value)| UriMatch { kind, value, ignore_case: false }),
        host: format!("svc{index}"),
        port: Some(8000.0),
    };
    let mut list: Vec<RouteRule> = (0..rules)
        .map(|i| match i % 20 {
            0..=11 => rule(i, Some((MatchKind::Prefix, format!("/svc{i}/")))),
            12..=16 => rule(i, Some((MatchKind::Exact, format!("/exact/{i}")))),
            _ => rule(i, Some((MatchKind::Regex, format!("/re{i}/v[0-9]+/.*")))),
        })
        .collect();
    list.push(rule(rules, None));
    let paths = (0..paths)
        .map(|k| {
            // Spread over the list; one in four falls through to the catch-all.
            let i = (k * 7919) % rules.max(1);
            match (k % 4, i % 20) {
                (3, _) => format!("/miss/{k}"),
                (_, 0..=11) => format!("/svc{i}/items/{k}"),
                (_, 12..=16) => format!("/exact/{i}"),
                _ => format!("/re{i}/v2/items"),
            }
        })
        .collect();
    (list, paths)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::routing::matcher::Matcher;

    #[test]
    fn every_path_lands_where_it_should() {
        let (rules, paths) = workload(1000, 400);
        let m = Matcher::new(&rules);
        for (k, p) in paths.iter().enumerate() {
            let hit = m.first(p).expect("catch-all");
            if k % 4 == 3 {
                assert_eq!(hit, 1000, "{p}");
            } else {
                assert!(hit < 1000, "{p} fell through");
            }
        }
    }
}
