//! XS501: a plain-text secret: a key like `*PASSWORD*`, `*SECRET*`, `*TOKEN*` or
//! `*_KEY` with a value, or a Slack webhook URL, in the project's `vars` or a
//! values file's config. Secrets belong in the `xgen-secrets` Secret every
//! Deployment already reads.

use super::{Context, Problem, Rule, Severity};
use crate::i18n::{Said, Text};
use crate::layout::SETTINGS_PATH;
use crate::ordered_map::OrderedMap;
use crate::scalar::Scalar;

pub static RULE: Rule = Rule {
    code: "XS501",
    severity: Severity::Warning,
    title: Text { key: "XS501", en: "Secret in plain text", ko: "평문으로 적힌 시크릿" },
    check,
};

pub fn is_secret_key(key: &str) -> bool {
    let k = key.to_ascii_uppercase();
    k.contains("PASSWORD") || k.contains("SECRET") || k.contains("TOKEN") || k.ends_with("_KEY")
}

pub fn is_slack_webhook(value: &str) -> bool {
    value.contains("hooks.slack.com/")
}

/// Values that are clearly not the secret itself: empty, or a placeholder.
pub fn is_placeholder(value: &str) -> bool {
    let v = value.trim();
    v.is_empty() || (v.starts_with("${") && v.ends_with('}')) || (v.starts_with('<') && v.ends_with('>'))
}

fn scan(map: &OrderedMap<Scalar>, file: &str, path: &str, out: &mut Vec<Problem>) {
    for (key, value) in map {
        let text = value.to_param_string();
        if is_placeholder(&text) {
            continue;
        }
        if is_secret_key(key) || is_slack_webhook(&text) {
            out.push(Problem::new(
                &RULE,
                file,
                format!("{path}.{key}"),
                Said::new(format!("`{key}` holds a plain-text secret"), format!("`{key}`에 평문 시크릿이 들어 있습니다")),
                Said::new(
                    "move it to the xgen-secrets Secret (or a placeholder such as `${...}`)",
                    "xgen-secrets Secret으로 옮기세요 (또는 `${...}` 같은 자리표시자)",
                ),
            ));
        }
    }
}

fn check(ctx: &Context) -> Vec<Problem> {
    let mut out = Vec::new();
    let contact_points = ctx.state.settings.alerts.as_ref().and_then(|a| a.contact_points.as_ref());
    for (env, cp) in contact_points.iter().flat_map(|c| c.iter()) {
        if let Some(url) = cp.webhook_url.as_deref().filter(|u| !is_placeholder(u)) {
            if is_slack_webhook(url) || url.starts_with("http") {
                out.push(Problem::new(
                    &RULE,
                    SETTINGS_PATH,
                    format!("alerts.contactPoints.{env}.webhookUrl"),
                    Said::new(
                        format!("the {env} contact point holds its webhook URL in plain text"),
                        format!("{env}의 연락 지점에 webhook URL이 평문으로 들어 있습니다"),
                    ),
                    Said::new(
                        "use a placeholder such as `${SLACK_WEBHOOK}` and provide the value to Grafana as a secret",
                        "`${SLACK_WEBHOOK}` 같은 자리표시자를 쓰고 값은 Grafana에 시크릿으로 넘기세요",
                    ),
                ));
            }
        }
    }
    for (file, path, map) in ctx.config_maps() {
        scan(map, &file, &path, &mut out);
    }
    out
}
