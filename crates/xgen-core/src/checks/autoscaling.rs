//! Shared by XS204-XS206: a service's effective autoscaling in an environment
//! (the chart's, with the environment's merged over it, as the chart does) and
//! where to point the user.

use super::context::{Context, ServiceContext};
use crate::render::helm_values::{at, truthy};
use serde_yaml::Value;

pub struct Effective {
    pub enabled: bool,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub file: String,
    pub path: String,
}

/// A key of `base` with `over` merged over it as Helm merges (a map merges
/// key by key and a null removes the key; anything else replaces `base`),
/// read without building the merged value: the checks ask this of every
/// service at every edit.
fn merged_field<'a>(base: Option<&'a Value>, over: Option<&'a Value>, key: &str) -> Option<&'a Value> {
    let Some(over) = over else { return base.and_then(|b| at(b, &[key])) };
    match (base.is_some_and(Value::is_mapping), over.as_mapping()) {
        (true, Some(m)) => match m.get(key) {
            Some(v) if v.is_null() => None,
            Some(v) => Some(v),
            None => base.and_then(|b| at(b, &[key])),
        },
        _ => at(over, &[key]),
    }
}

pub fn effective(ctx: &Context, svc: &ServiceContext, env: &str) -> Option<Effective> {
    let merged = svc.merged()?;
    let (base, over) = (merged.at(&["autoscaling"]), merged.at(&["environments", env, "autoscaling"]));
    let field = |key: &str| merged_field(base, over, key);
    let (file, path) = if svc.entry.autoscaling.is_some() {
        (ctx.project_file.clone(), format!("{}.autoscaling", svc.entry_path))
    } else {
        (svc.values_path(), "autoscaling".to_owned())
    };
    Some(Effective {
        enabled: truthy(field("enabled")),
        min: field("minReplicas").and_then(Value::as_f64),
        max: field("maxReplicas").and_then(Value::as_f64),
        file,
        path,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::helm_values::merge;

    /// The field as the chart reads it: merge, then look.
    fn by_merging(base: Option<&Value>, over: Option<&Value>, key: &str) -> Option<Value> {
        let mut a = base.cloned().unwrap_or(Value::Null);
        if let Some(o) = over {
            merge(&mut a, o);
        }
        at(&a, &[key]).cloned()
    }

    #[test]
    fn reading_equals_merging() {
        let values = [
            None,
            Some("{enabled: true, minReplicas: 2, maxReplicas: 4}"),
            Some("{minReplicas: 3}"),
            Some("{minReplicas: null, maxReplicas: 9}"),
            Some("{enabled: false}"),
            Some("5"),
            Some("[1, 2]"),
            Some("{}"),
            Some("null"),
        ];
        let parse = |t: &str| serde_yaml::from_str::<Value>(t).unwrap();
        for base in values {
            for over in values {
                let (b, o) = (base.map(parse), over.map(parse));
                // `at` never hands over a null: neither does the caller.
                let (b, o) = (b.filter(|v| !v.is_null()), o.filter(|v| !v.is_null()));
                for key in ["enabled", "minReplicas", "maxReplicas"] {
                    assert_eq!(
                        merged_field(b.as_ref(), o.as_ref(), key).cloned(),
                        by_merging(b.as_ref(), o.as_ref(), key),
                        "{base:?} <- {over:?}: {key}"
                    );
                }
            }
        }
    }
}
