//! XS113: the weights of an imported rule's destinations do not add up to
//! 100. Envoy divides each weight by their total, so the shares are not
//! the numbers written.

use super::cluster::virtual_services;
use super::{Context, Problem, Rule, Severity};
use crate::i18n::{Said, Text};

pub static RULE: Rule = Rule {
    code: "XS113",
    severity: Severity::Warning,
    title: Text { key: "XS113", en: "Weights do not add up to 100", ko: "가중치 합이 100이 아님" },
    check,
};

fn check(ctx: &Context) -> Vec<Problem> {
    let mut out = Vec::new();
    for v in virtual_services(ctx) {
        for (i, rule) in v.vs.spec.iter().flat_map(|s| s.http.iter().flatten()).enumerate() {
            let routes = rule.route.as_deref().unwrap_or_default();
            if routes.len() < 2 {
                continue;
            }
            let total: i64 = routes.iter().map(|d| d.weight.unwrap_or(0)).sum();
            if total == 100 {
                continue;
            }
            out.push(Problem::new(
                &RULE,
                v.file.clone(),
                v.at(&format!("http[{i}].route")),
                Said::new(
                    format!("the weights of its {} destinations add up to {total}, not 100", routes.len()),
                    format!("목적지 {}개의 가중치 합이 100이 아니라 {total}입니다", routes.len()),
                ),
                Said::new("make the weights add up to 100", "가중치의 합이 100이 되게 하세요"),
            ));
        }
    }
    out
}
