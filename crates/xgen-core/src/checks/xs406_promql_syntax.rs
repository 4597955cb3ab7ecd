//! XS406: a hand-written PromQL expression that does not parse. Grafana would
//! store the rule and fail at every evaluation; Prometheus refuses the whole
//! rule file.
//!
//! The parser (a port of Prometheus' own) is too large for the page, so the
//! rule asks a [`PromqlSyntax`] for its verdicts: natively the parser itself
//! (the core's `promql` feature, `Parser`), in the page a Web Worker built
//! from the same parser. One rule, one message, wherever it runs.
//!
//! Only hand-written expressions are checked: the generated ones parse for
//! every setting (the core's tests parse them with the same parser).

use super::alerts::FILE;
use super::{Context, Problem, Rule, Severity};
use crate::i18n::{Said, Text};
use crate::state::ProjectState;

pub static RULE: Rule = Rule {
    code: "XS406",
    severity: Severity::Error,
    title: Text { key: "XS406", en: "PromQL that does not parse", ko: "문법이 틀린 PromQL" },
    check,
};

/// What a parser says of one expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Parses,
    /// The parser's complaint.
    Fails(String),
    /// Not known yet (the page's worker has not answered): no problem yet.
    Pending,
}

/// Judges PromQL expressions.
pub trait PromqlSyntax {
    fn verdict(&self, expr: &str) -> Verdict;
}

/// The parser itself (`promql-parser`, a port of Prometheus' parser).
#[cfg(feature = "promql")]
pub struct Parser;

#[cfg(feature = "promql")]
impl PromqlSyntax for Parser {
    fn verdict(&self, expr: &str) -> Verdict {
        match crate::alerts::syntax::promql_error(expr) {
            None => Verdict::Parses,
            Some(e) => Verdict::Fails(e),
        }
    }
}

/// No parser at hand: every verdict is pending, so XS406 reports nothing.
pub struct NoParser;

impl PromqlSyntax for NoParser {
    fn verdict(&self, _: &str) -> Verdict {
        Verdict::Pending
    }
}

/// `(path, expression)` of every hand-written expression of an enabled rule:
/// what the page sends its worker.
pub fn expressions(state: &ProjectState) -> Vec<(String, String)> {
    let rules = state.settings.alerts.as_ref().map(|a| a.effective_rules(&state.project.deployed_services())).unwrap_or_default();
    rules
        .iter()
        .filter(|r| r.enabled)
        .filter_map(|r| r.custom_expr.as_ref().map(|e| (format!("alerts.rules.{}.expr", r.id), e.trim().to_owned())))
        .collect()
}

fn check(ctx: &Context) -> Vec<Problem> {
    let mut out = Vec::new();
    for (path, expr) in expressions(ctx.state) {
        let Verdict::Fails(error) = ctx.promql.verdict(&expr) else { continue };
        let error = error.trim();
        out.push(Problem::new(
            &RULE,
            FILE,
            path,
            Said::new(format!("the PromQL does not parse: {error}"), format!("PromQL 문법 오류: {error}")),
            Said::new(
                "fix the expression, or clear it to use the generated one",
                "식을 고치거나, 비워서 자동 생성된 식을 쓰세요",
            ),
        ));
    }
    out
}
