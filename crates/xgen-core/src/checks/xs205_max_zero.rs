//! XS205: `maxReplicas: 0`, wherever it is written. In the project file the
//! root chart skips zero, so the chart's maxReplicas silently applies; in a
//! values file the HPA is rejected.

use super::{Context, Problem, Rule, Severity};
use crate::i18n::{Said, Text};
use crate::model::project::Autoscaling;

pub static RULE: Rule = Rule {
    code: "XS205",
    severity: Severity::Error,
    title: Text { key: "XS205", en: "maxReplicas is 0", ko: "maxReplicas가 0" },
    check,
};

fn zero(a: &Option<Autoscaling>) -> bool {
    a.as_ref().is_some_and(|a| a.max_replicas == Some(0) && !a.switched_off())
}

fn check(ctx: &Context) -> Vec<Problem> {
    let mut out = Vec::new();
    for (path, entry) in ctx.state.project.all_service_entries() {
        if zero(&entry.autoscaling) {
            let name = entry.name.as_deref().unwrap_or("?");
            out.push(Problem::new(
                &RULE,
                ctx.project_file.clone(),
                format!("{path}.autoscaling.maxReplicas"),
                Said::new(
                    format!("maxReplicas is 0 for `{name}`: Argo CD is not given it, so the chart's maxReplicas applies"),
                    format!("`{name}`의 maxReplicas가 0이라 Argo CD에 전달되지 않고 차트의 maxReplicas가 적용됩니다"),
                ),
                Said::new(
                    "set maxReplicas to at least minReplicas, or switch autoscaling off",
                    "maxReplicas를 minReplicas 이상으로 두거나 오토스케일링을 끄세요",
                ),
            ));
        }
    }
    for (file, values) in ctx.values_files() {
        let envs = values.environments.iter().flat_map(|e| e.iter());
        let places = std::iter::once(("autoscaling".to_owned(), &values.autoscaling))
            .chain(envs.map(|(env, e)| (format!("environments.{env}.autoscaling"), &e.autoscaling)));
        for (path, a) in places {
            if zero(a) {
                out.push(Problem::new(
                    &RULE,
                    file.clone(),
                    format!("{path}.maxReplicas"),
                    Said::new(
                        "maxReplicas is 0: Kubernetes rejects the HorizontalPodAutoscaler",
                        "maxReplicas가 0이면 Kubernetes가 HorizontalPodAutoscaler를 거부합니다",
                    ),
                    Said::new(
                        "set maxReplicas to at least 1, or switch autoscaling off",
                        "maxReplicas를 1 이상으로 두거나 오토스케일링을 끄세요",
                    ),
                ));
            }
        }
    }
    out
}
