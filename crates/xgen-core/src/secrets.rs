//! Replacing plain-text secrets with placeholders on export (docs/checks.md): every
//! value XS501 reports becomes `${NAME}`, for the deployment to fill in from a
//! Secret. The state itself is not changed; the export is made from a copy.

use crate::checks::{is_placeholder, is_secret_key, is_slack_webhook};
use crate::ordered_map::OrderedMap;
use crate::scalar::Scalar;
use crate::state::ProjectState;

fn placeholder(name: &str) -> String {
    let upper: String =
        name.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_uppercase() } else { '_' }).collect();
    format!("${{{upper}}}")
}

fn redact_map(map: &mut OrderedMap<Scalar>) -> usize {
    let mut n = 0;
    for (key, value) in map.iter_mut() {
        let text = value.to_param_string();
        if !is_placeholder(&text) && (is_secret_key(key) || is_slack_webhook(&text)) {
            *value = Scalar::Str(placeholder(key));
            n += 1;
        }
    }
    n
}

/// A copy of the state with every plain-text secret replaced by a placeholder,
/// and how many were replaced.
pub fn with_placeholders(state: &ProjectState) -> (ProjectState, usize) {
    let mut s = state.clone();
    let mut n = 0;
    if let Some(vars) = s.project.vars.as_mut() {
        n += redact_map(vars);
    }
    for values in std::iter::once(&mut *s.chart_values).chain(s.values.values_mut()) {
        if let Some(c) = values.global.as_mut().and_then(|g| g.config.as_mut()) {
            n += redact_map(c);
        }
        if let Some(c) = values.config.as_mut() {
            n += redact_map(c);
        }
        for e in values.environments.iter_mut().flat_map(|e| e.values_mut()) {
            if let Some(c) = e.config.as_mut() {
                n += redact_map(c);
            }
        }
    }
    if let Some(cps) = s.settings.alerts.as_mut().and_then(|a| a.contact_points.as_mut()) {
        for (env, cp) in cps.iter_mut() {
            if let Some(url) = cp.webhook_url.as_mut().filter(|u| !is_placeholder(u)) {
                *url = placeholder(&format!("SLACK_WEBHOOK_{env}"));
                n += 1;
            }
        }
    }
    (s, n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{import, InputFile};

    #[test]
    fn secrets_become_placeholders_and_nothing_else_changes() {
        let project = "project: {name: p, namespace: p}\ndestinations: {dev: {server: https://k}}\nvars:\n  DB_PASSWORD: hunter2\n  APP_SITE: site\n  HOOK: https://hooks.slack.com/services/T/B/x\n  API_KEY: '${API_KEY}'\n";
        let settings = "kind: StudioSettings\nalerts:\n  contactPoints:\n    dev: {webhookUrl: 'https://hooks.slack.com/services/X'}\n";
        let s = import(
            &ProjectState::empty(),
            &[InputFile::new("p.yaml", project), InputFile::new("xgen-studio.yaml", settings)],
        )
        .unwrap();
        let (r, n) = with_placeholders(&s);
        assert_eq!(n, 3);
        let vars = r.project.vars.as_ref().unwrap();
        assert_eq!(vars.get("DB_PASSWORD"), Some(&Scalar::Str("${DB_PASSWORD}".into())));
        assert_eq!(vars.get("HOOK"), Some(&Scalar::Str("${HOOK}".into())));
        assert_eq!(vars.get("APP_SITE"), Some(&Scalar::Str("site".into())));
        assert_eq!(vars.get("API_KEY"), Some(&Scalar::Str("${API_KEY}".into())));
        let cp = r.settings.alerts.as_ref().unwrap().contact_points.as_ref().unwrap().get("dev").unwrap();
        assert_eq!(cp.webhook_url.as_deref(), Some("${SLACK_WEBHOOK_DEV}"));
        let problems =
            crate::checks::run_all(&r, &crate::rendered::render(&r), &crate::checks::xs406_promql_syntax::NoParser);
        assert!(problems.iter().all(|p| p.rule() != &crate::checks::xs501_plain_secret::RULE));
        assert_eq!(with_placeholders(&r).1, 0, "idempotent");
    }
}
