//! XS212: a key Kubernetes refuses in a ConfigMap (`validation.IsConfigMapKey`:
//! `-._a-zA-Z0-9`, at most 253 characters, not `.`, not starting with `..`): a
//! project `vars` key or a values file's `config` key. Argo CD would fail to
//! apply the service's ConfigMap; the chart quotes every key, so such a key
//! can never break out of its line (docs/security.md).

use super::{Context, Problem, Rule, Severity};
use crate::i18n::{Said, Text};
use crate::validate::config_map_key;

pub static RULE: Rule = Rule {
    code: "XS212",
    severity: Severity::Error,
    title: Text { key: "XS212", en: "Key a ConfigMap refuses", ko: "ConfigMap이 거부하는 키" },
    check,
};

fn check(ctx: &Context) -> Vec<Problem> {
    let mut out = Vec::new();
    for (file, path, map) in ctx.config_maps() {
        for key in map.keys().filter(|k| config_map_key(k).is_some()) {
            let shown = key.escape_debug();
            out.push(Problem::new(
                &RULE,
                file.clone(),
                format!("{path}.{key}"),
                Said::new(
                    format!("`{shown}` is not a ConfigMap key: Kubernetes refuses the service's ConfigMap"),
                    format!("`{shown}`은(는) ConfigMap 키가 될 수 없어 Kubernetes가 서비스의 ConfigMap을 거부합니다"),
                ),
                Said::new(
                    "use letters, digits, `-`, `_` and `.` only, such as `LOG_LEVEL` or `spring.profiles.active`",
                    "`LOG_LEVEL`이나 `spring.profiles.active`처럼 글자, 숫자, `-`, `_`, `.`만 쓰세요",
                ),
            ));
        }
    }
    out
}
