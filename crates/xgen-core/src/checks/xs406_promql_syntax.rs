//! XS406: a hand-written PromQL expression that does not parse. Grafana would
//! store the rule and fail at every evaluation; Prometheus refuses the whole
//! rule file.
//!
//! Only hand-written expressions are checked: the generated ones parse for
//! every setting (the core's tests parse them with the same parser). That
//! keeps the page and the CLI in agreement while the page parses in a worker
//! (see [`crate::alerts::syntax`]): [`expressions`] is what the page
//! sends there, [`problem`] is what it makes of an answer.

use super::alerts::FILE;
use super::{Problem, Severity};
use crate::state::ProjectState;

/// `(path, expression)` of every hand-written expression of an enabled rule.
pub fn expressions(state: &ProjectState) -> Vec<(String, String)> {
    let rules = state.settings.alerts.as_ref().map(|a| a.effective_rules()).unwrap_or_default();
    rules
        .iter()
        .filter(|r| r.enabled)
        .filter_map(|r| r.custom_expr.as_ref().map(|e| (format!("alerts.rules.{}.expr", r.id), e.trim().to_owned())))
        .collect()
}

/// The problem for an expression the parser refused with `error`.
pub fn problem(path: &str, error: &str) -> Problem {
    Problem::en(
        "XS406",
        Severity::Error,
        FILE,
        path,
        format!("the PromQL does not parse: {}", error.trim()),
        "fix the expression, or clear it to use the generated one",
    )
    .ko(format!("PromQL 문법 오류: {}", error.trim()), "식을 고치거나, 비워서 자동 생성된 식을 쓰세요")
}

#[cfg(feature = "promql")]
pub fn check(ctx: &super::Context) -> Vec<Problem> {
    use crate::alerts::syntax::promql_error;
    expressions(ctx.state)
        .into_iter()
        .filter_map(|(path, expr)| promql_error(&expr).map(|e| problem(&path, &e)))
        .collect()
}
