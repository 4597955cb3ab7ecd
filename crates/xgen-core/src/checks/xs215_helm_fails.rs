//! XS215: Helm fails to render an Application, so Argo CD shows a sync
//! error and applies nothing for it: a count the chart's
//! `xgen-service.number` helper refuses (`replicas: ""`), or a parameter
//! `--set` cannot parse into the values file's values (`resources: null` in
//! the values file and a `resources.requests.memory` parameter). The studio
//! shows no objects for it either; this says why, in Helm's words
//! (docs/rendering.md, "Helm's value semantics").

use super::{Context, Problem, Rule, Severity};
use crate::i18n::{Said, Text};

pub static RULE: Rule = Rule {
    code: "XS215",
    severity: Severity::Error,
    title: Text { key: "XS215", en: "Helm fails to render the Application", ko: "Helm이 Application을 렌더링하지 못함" },
    check,
};

fn check(ctx: &Context) -> Vec<Problem> {
    let mut out = Vec::new();
    for env in &ctx.envs {
        for s in &env.services {
            let Some(failure) = s.render.failure() else { continue };
            let app = format!("{}-{}", s.render.name, env.name);
            out.push(Problem::new(
                &RULE,
                ctx.project_file.clone(),
                s.render.entry_path.clone(),
                Said::new(
                    format!("Helm cannot render `{app}` (values file {}): {failure}", s.render.values_path()),
                    format!("Helm이 `{app}`을(를) 렌더링하지 못합니다 (values 파일 {}): {failure}", s.render.values_path()),
                ),
                Said::new(
                    "Argo CD shows this as a sync error: where a parameter goes, the values file needs a map or nothing; where the chart wants a count, a number",
                    "Argo CD에서 동기화 오류가 납니다: 파라미터가 들어갈 자리에는 맵을 두거나 비우고, 차트가 개수를 받는 자리에는 숫자를 쓰세요",
                ),
            ));
        }
    }
    out
}
