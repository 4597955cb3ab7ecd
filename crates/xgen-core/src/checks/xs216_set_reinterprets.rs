//! XS216: a parameter that Helm's `--set` reads as something else than its
//! text. Argo CD passes every Application parameter as `--set name=value`
//! (commas escaped), and strvals reads a backslash as an escape
//! (`C:\data\x` is `C:datax`), `{a,b}` as a list, `null` as null, `+5` as 5
//! and `TRUE` as true (docs/rendering.md, "Helm's value semantics"). The
//! preview shows what Helm makes of it; this says that it is not the text.

use super::{Context, Problem, Rule, Severity};
use crate::i18n::{Said, Text};
use crate::render::helm_values::{argo_escape, parse_set_into, print};
use serde_yaml::{Mapping, Value};
use std::collections::BTreeSet;

pub static RULE: Rule = Rule {
    code: "XS216",
    severity: Severity::Warning,
    title: Text {
        key: "XS216",
        en: "A parameter `--set` reads as something else",
        ko: "`--set`이 다르게 읽는 파라미터",
    },
    check,
};

/// What `--set name=value` sets, printed as a template prints it; None when
/// Helm cannot parse it (XS215 reports the Application).
fn as_set(name: &str, value: &str) -> Option<String> {
    let mut data = Mapping::new();
    parse_set_into(&format!("{name}={}", argo_escape(value)), &mut data).ok()?;
    let mut leaf = Value::Mapping(data);
    while let Value::Mapping(m) = &leaf {
        if m.len() != 1 {
            break;
        }
        leaf = m.iter().next().map(|(_, v)| v.clone())?;
    }
    Some(print(Some(&leaf)))
}

fn check(ctx: &Context) -> Vec<Problem> {
    let mut out = Vec::new();
    // Each parameter once: most are the same in every Application of an
    // environment (600 Applications at 120 x 5, a few hundred parameters).
    let mut seen = BTreeSet::new();
    for env in &ctx.envs {
        for (s, app) in env.services.iter().zip(&env.render.root.applications) {
            let params = app.spec.source.helm.iter().flat_map(|h| &h.parameters);
            for p in params {
                let Some(value) = p.value.as_deref() else { continue };
                if seen.contains(&(p.name.as_str(), value)) {
                    continue;
                }
                seen.insert((p.name.as_str(), value));
                let Some(read) = as_set(&p.name, value) else { continue };
                if read == value {
                    continue;
                }
                out.push(Problem::new(
                    &RULE,
                    ctx.project_file.clone(),
                    s.render.entry_path.clone(),
                    Said::new(
                        format!(
                            "parameter `{}` is `{value}`, but Helm's --set reads it as `{read}`",
                            p.name.escape_debug()
                        ),
                        format!(
                            "파라미터 `{}`의 값은 `{value}`이지만 Helm의 --set은 `{read}`로 읽습니다",
                            p.name.escape_debug()
                        ),
                    ),
                    Said::new(
                        "write the value Helm should get (a backslash escapes the next character, `{…}` is a list), or move it into the service's values file, which is read as YAML",
                        "Helm이 받을 값을 그대로 쓰거나(역슬래시는 다음 문자를 이스케이프하고 `{…}`는 목록입니다), YAML로 읽히는 서비스 values 파일로 옮기세요",
                    ),
                ));
            }
        }
    }
    out
}
