//! XS115: an imported rule delegates to a VirtualService that is not among
//! the objects, or to one that delegates again (Istio allows one level):
//! istiod routes nothing for it.

use super::cluster::{find_vs, virtual_services};
use super::{Context, Problem, Rule, Severity};
use crate::i18n::{Said, Text};

pub static RULE: Rule = Rule {
    code: "XS115",
    severity: Severity::Error,
    title: Text { key: "XS115", en: "Delegate missing or nested", ko: "없거나 중첩된 위임" },
    check,
};

fn check(ctx: &Context) -> Vec<Problem> {
    let mut out = Vec::new();
    for v in virtual_services(ctx) {
        for (i, rule) in v.vs.spec.iter().flat_map(|s| s.http.iter().flatten()).enumerate() {
            let Some(d) = &rule.delegate else { continue };
            let ns = d.namespace.as_deref().filter(|n| !n.is_empty()).unwrap_or(v.namespace);
            let name = d.name.as_deref().unwrap_or("");
            let (en, ko) = match find_vs(v.env, ns, name) {
                None => (
                    format!("it delegates to `{ns}/{name}`, which is not among the objects: istiod routes nothing for this rule"),
                    format!("`{ns}/{name}`에 위임하지만 그런 객체가 없어 istiod는 이 규칙으로 라우팅하지 않습니다"),
                ),
                Some(child) => {
                    let again = child.spec.iter().flat_map(|s| s.http.iter().flatten()).any(|r| r.delegate.is_some());
                    if !again {
                        continue;
                    }
                    (
                        format!("it delegates to `{ns}/{name}`, which delegates again: Istio follows one level, the nested rules route nothing"),
                        format!("`{ns}/{name}`에 위임하는데 그 VirtualService가 다시 위임합니다: Istio는 한 단계만 따르므로 중첩된 규칙은 라우팅하지 않습니다"),
                    )
                }
            };
            out.push(Problem::new(
                &RULE,
                v.file.clone(),
                v.at(&format!("http[{i}].delegate")),
                Said::new(en, ko),
                Said::new("delegate to a VirtualService without delegates of its own", "스스로 위임하지 않는 VirtualService에 위임하세요"),
            ));
        }
    }
    out
}
