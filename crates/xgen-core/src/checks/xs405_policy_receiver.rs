//! XS405: the notification policy's receiver is not a contact point (the seed's
//! own files name `slack-xgen-243`, which does not exist: Grafana refuses the
//! policy and no alert is delivered).

use super::alerts::{per_env, FILE};
use super::context::Context;
use super::{Problem, Severity};

pub fn check(ctx: &Context) -> Vec<Problem> {
    per_env(ctx)
        .into_iter()
        .filter(|(_, a)| a.policy.receiver != a.contact_point.name)
        .map(|(env, a)| {
            Problem::en(
                "XS405",
                Severity::Error,
                FILE,
                "alerts.policy.receiver",
                format!(
                    "in {env}, the policy sends to `{}`, but the contact point is `{}`",
                    a.policy.receiver, a.contact_point.name
                ),
                "leave the receiver unset (it follows the contact point) or name the contact point",
            )
            .ko(
                format!(
                    "{env}에서 정책은 `{}`(으)로 보내지만 연락 지점은 `{}`입니다",
                    a.policy.receiver, a.contact_point.name
                ),
                "수신자를 비워 두거나(연락 지점을 따라갑니다) 연락 지점 이름을 쓰세요",
            )
        })
        .collect()
}
