//! XS117: a route of an imported VirtualService that no request can reach,
//! judged on every match field: an earlier route of the same virtual host
//! of the gateway (the chart's or an imported one, in the order istiod
//! builds them, catch-alls last) takes every request it would. The earlier
//! route must let through all the later one does: its uri matches every
//! path the later one's does (no uri, a prefix the later prefix or exact
//! path starts with, the same exact path, the same regex; case as Envoy
//! compares it), and each of its other conditions (headers, method,
//! authority, scheme, query parameters, `withoutHeaders`) is implied by one
//! of the later route's (`objects::Entry::conditions_imply`). Where that
//! cannot be decided (two different regexes, a regex against an exact
//! value, a `withoutHeaders` condition against another one) the check
//! stays quiet rather than guess. XS103 judges the chart's own rules.

use super::cluster::route_tables;
use super::{Context, Problem, Rule, Severity};
use crate::i18n::{Said, Text};
use crate::routing::{MatchKind, UriMatch};
use crate::simulator::gateway::Body;

pub static RULE: Rule = Rule {
    code: "XS117",
    severity: Severity::Warning,
    title: Text {
        key: "XS117",
        en: "Imported rule that never matches",
        ko: "절대 매치되지 않는 가져온 규칙",
    },
    check,
};

/// Whether every path `later` matches is matched by `earlier`.
fn uri_covers(earlier: Option<&UriMatch>, later: Option<&UriMatch>) -> bool {
    let (Some(e), Some(l)) = (earlier, later) else {
        return earlier.is_none() || earlier.is_some_and(|e| e.kind == MatchKind::Prefix && e.value == "/");
    };
    // Envoy ignores `ignoreUriCase` for a regex.
    if e.kind == MatchKind::Regex || l.kind == MatchKind::Regex {
        return e.kind == l.kind && e.value == l.value;
    }
    // A later match of any case is caught only by one of any case.
    if l.ignore_case && !e.ignore_case {
        return false;
    }
    let (e_value, l_value) = if e.ignore_case {
        (e.value.to_ascii_lowercase(), l.value.to_ascii_lowercase())
    } else {
        (e.value.clone(), l.value.clone())
    };
    match e.kind {
        MatchKind::Prefix => l_value.starts_with(&e_value),
        _ => l.kind == MatchKind::Exact && l_value == e_value,
    }
}

fn check(ctx: &Context) -> Vec<Problem> {
    let mut out = Vec::new();
    for (env, file, table) in route_tables(ctx) {
        for host in &table.hosts {
            for (i, later) in host.routes.iter().enumerate() {
                let Body::File(lc) = &table.vss[later.vs].body else { continue };
                let (l_rule, l_entry) = (&lc.rules[later.rule], &lc.rules[later.rule].entries[later.entry]);
                let catcher = host.routes[..i].iter().find(|earlier| match &table.vss[earlier.vs].body {
                    Body::Chart { output, .. } => {
                        uri_covers(output.objects.routes[earlier.rule].matcher.as_ref(), lc.uri_match(l_entry))
                    }
                    Body::File(ec) => {
                        let e_entry = &ec.rules[earlier.rule].entries[earlier.entry];
                        uri_covers(ec.uri_match(e_entry), lc.uri_match(l_entry)) && l_entry.conditions_imply(e_entry)
                    }
                });
                let Some(earlier) = catcher else { continue };
                let (e_name, e_rule, e_at) = match &table.vss[earlier.vs].body {
                    Body::Chart { .. } => (table.vss[earlier.vs].full_name(), earlier.rule, String::new()),
                    Body::File(ec) => {
                        let r = &ec.rules[earlier.rule];
                        (format!("{}/{}", r.namespace, r.name), r.index, format!(", match {}", earlier.entry))
                    }
                };
                let l_name = format!("{}/{}", l_rule.namespace, l_rule.name);
                let (l_index, l_at, domain) = (l_rule.index, later.entry, &host.domain);
                let env_name = &env.name;
                out.push(Problem::new(
                    &RULE,
                    file.clone(),
                    format!("{l_name}.spec.http[{l_index}].match[{l_at}]"),
                    Said::new(
                        format!("`{l_name}` rule {l_index}, match {l_at}, never answers on `{domain}` in {env_name}: `{e_name}` rule {e_rule}{e_at} comes first and takes every request it would, on every match field"),
                        format!("{env_name}의 `{domain}`에서 `{l_name}` 규칙 {l_index}, match {l_at}은(는) 절대 답하지 않습니다: 먼저 오는 `{e_name}` 규칙 {e_rule}{e_at}이(가) 모든 match 필드에서 이 규칙이 받을 요청을 모두 가져갑니다"),
                    ),
                    Said::new(
                        "make the earlier rule narrower (a longer prefix, a header or method it needs), or move this one before it",
                        "앞선 규칙을 더 좁히거나(더 긴 prefix, 필요한 헤더나 메서드) 이 규칙을 그 앞으로 옮기세요",
                    ),
                ));
            }
        }
    }
    out
}
