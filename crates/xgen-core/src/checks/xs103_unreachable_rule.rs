//! XS103 (Istio IST0130): a rule that never matches because an earlier rule
//! catches every request it would: an earlier catch-all, or an earlier prefix
//! that every path of this prefix or exact match starts with. (Identical
//! matches are XS105; regex matches are judged by XS104.) Case is compared as
//! Envoy compares it: an earlier `ignoreUriCase` prefix catches a later
//! match of any case, and a later `ignoreUriCase` match is caught only by a
//! prefix that ignores case too. Envoy folds ASCII letters only
//! (`absl::StartsWithIgnoreCase`), so `É` and `é` stay different here too.

use super::{Context, Problem, Rule, Severity};
use crate::i18n::{Said, Text};
use crate::routing::{MatchKind, RuleKind, UriMatch};

pub static RULE: Rule = Rule {
    code: "XS103",
    severity: Severity::Error,
    title: Text { key: "XS103", en: "Rule that never matches", ko: "절대 매치되지 않는 규칙" },
    check,
};

/// True when every path `later` matches is matched by the earlier prefix.
fn caught(prefix: &UriMatch, later: &UriMatch) -> bool {
    let same = prefix.value == later.value && later.kind == MatchKind::Prefix && prefix.ignore_case == later.ignore_case;
    if same {
        return false;
    }
    match (prefix.ignore_case, later.ignore_case) {
        (false, false) => later.value.starts_with(&prefix.value),
        (true, _) => later.value.to_ascii_lowercase().starts_with(&prefix.value.to_ascii_lowercase()),
        // A later match that ignores case takes paths of any case; a
        // case-sensitive prefix catches only those of its own case.
        (false, true) => false,
    }
}

fn describe(m: Option<&UriMatch>) -> (String, String) {
    match m {
        None => ("catch-all".into(), "전체 매치".into()),
        Some(m) => {
            let text = format!("{} `{}`", m.kind.as_str(), m.value);
            (text.clone(), text)
        }
    }
}

fn check(ctx: &Context) -> Vec<Problem> {
    let mut out = Vec::new();
    for (file, rules) in ctx.ingress_rule_sets() {
        for (i, later) in rules.iter().enumerate().filter(|(_, r)| r.kind != RuleKind::Default) {
            let Some(m) = &later.matcher else { continue };
            if m.kind == MatchKind::Regex {
                continue;
            }
            let catcher = rules[..i].iter().find(|earlier| match &earlier.matcher {
                None => true,
                Some(p) if p.kind == MatchKind::Prefix => caught(p, m),
                _ => false,
            });
            let Some(earlier) = catcher else { continue };
            let (later_index, kind, value, earlier_index) = (later.index, m.kind.as_str(), &m.value, earlier.index);
            let (by_en, by_ko) = describe(earlier.matcher.as_ref());
            out.push(Problem::new(
                &RULE,
                file.clone(),
                later.match_path(),
                Said::new(
                    format!("rule {later_index} ({kind} `{value}`) is never reached: rule {earlier_index} ({by_en}) catches all its requests"),
                    format!("규칙 {later_index} ({kind} `{value}`)에는 요청이 닿지 않습니다: 규칙 {earlier_index} ({by_ko})이(가) 그 요청을 모두 먼저 받습니다"),
                ),
                Said::new(
                    "move the more specific rule above the broader one, or remove it",
                    "더 구체적인 규칙을 넓은 규칙 위로 옮기거나 삭제하세요",
                ),
            ));
        }
    }
    out
}
