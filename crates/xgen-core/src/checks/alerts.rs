//! Shared by the alert rules (XS401-XS406): where alert settings live and how
//! each environment's effective alerts look.

use super::context::Context;
use crate::layout::SETTINGS_PATH;
use crate::model::alerts::Alerts;

pub const FILE: &str = SETTINGS_PATH;

/// `(env, effective alerts)` for every environment.
pub fn per_env<'a>(ctx: &Context<'a>) -> Vec<(&'a str, Alerts)> {
    let settings = ctx.state.settings.alerts.clone().unwrap_or_default();
    let deployed = ctx.state.project.deployed_services();
    ctx.envs.iter().map(|e| (e.name, settings.effective(e.name, &deployed))).collect()
}
