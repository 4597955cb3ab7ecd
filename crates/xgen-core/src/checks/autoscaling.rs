//! Shared by XS204-XS206: a service's effective autoscaling in an environment
//! (the chart's, with the environment's merged over it, as the chart does) and
//! where to point the user.

use super::context::{Context, ServiceContext};
use crate::render::helm_values::{at, merge, truthy};
use serde_yaml::Value;

pub struct Effective {
    pub enabled: bool,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub file: String,
    pub path: String,
}

pub fn effective(ctx: &Context, svc: &ServiceContext, env: &str) -> Option<Effective> {
    let merged = svc.merged()?;
    let mut a = at(merged, &["autoscaling"]).cloned().unwrap_or(Value::Null);
    if let Some(over) = at(merged, &["environments", env, "autoscaling"]) {
        merge(&mut a, over);
    }
    let (file, path) = if svc.entry.autoscaling.is_some() {
        (ctx.project_file.clone(), format!("{}.autoscaling", svc.entry_path))
    } else {
        (svc.values_path(), "autoscaling".to_owned())
    };
    Some(Effective {
        enabled: truthy(at(&a, &["enabled"])),
        min: at(&a, &["minReplicas"]).and_then(Value::as_f64),
        max: at(&a, &["maxReplicas"]).and_then(Value::as_f64),
        file,
        path,
    })
}
