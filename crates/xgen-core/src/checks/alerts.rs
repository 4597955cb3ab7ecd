//! Shared by the alert rules (XS401-XS405): where alert settings live and how
//! each environment's effective alerts look.

use super::context::Context;
use crate::bundle::SETTINGS_PATH;
use crate::model::alerts::Alerts;

pub const FILE: &str = SETTINGS_PATH;

/// `(env, effective alerts)` for every environment.
pub fn per_env(ctx: &Context) -> Vec<(String, Alerts)> {
    let settings = ctx.state.settings.alerts.clone().unwrap_or_default();
    ctx.envs.iter().map(|e| (e.name.clone(), settings.effective(&e.name))).collect()
}
