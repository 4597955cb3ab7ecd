//! XS405: the notification policy's receiver is not a contact point (the seed's
//! own files name `slack-xgen-243`, which does not exist: Grafana refuses the
//! policy and no alert is delivered).

use super::alerts::{per_env, FILE};
use super::{Context, Problem, Rule, Severity};
use crate::i18n::{Said, Text};

pub static RULE: Rule = Rule {
    code: "XS405",
    severity: Severity::Error,
    title: Text { key: "XS405", en: "Policy receiver is not a contact point", ko: "연락 지점이 아닌 정책 수신자" },
    check,
};

fn check(ctx: &Context) -> Vec<Problem> {
    let mut out = Vec::new();
    for (env, a) in per_env(ctx).into_iter().filter(|(_, a)| a.policy.receiver != a.contact_point.name) {
        let (receiver, contact_point) = (&a.policy.receiver, &a.contact_point.name);
        out.push(Problem::new(
            &RULE,
            FILE,
            "alerts.policy.receiver",
            Said::new(
                format!("in {env}, the policy sends to `{receiver}`, but the contact point is `{contact_point}`"),
                format!("{env}에서 정책은 `{receiver}`(으)로 보내지만 연락 지점은 `{contact_point}`입니다"),
            ),
            Said::new(
                "leave the receiver unset (it follows the contact point) or name the contact point",
                "수신자를 비워 두거나(연락 지점을 따라갑니다) 연락 지점 이름을 쓰세요",
            ),
        ));
    }
    out
}
