//! How large a project the studio takes (docs/security.md, "Limits"). A project
//! over a limit is refused whole, on import (the page, a share link, a
//! restored autosave, the CLI) and on an edit (the page keeps the state before
//! it), with the limit and the count named. Real sites are far below every
//! limit (the seed's has 2 environments and 7 services); the limits keep a
//! hostile or mistaken file from freezing the page or the pipeline: rendering
//! costs time and memory in proportion to the Applications, and the bundle's
//! reader takes at most [`crate::bundle::MAX_ENTRIES`] entries, which a
//! project at every limit stays under.

use crate::state::ProjectState;

/// Environments (`destinations` and `environments` together).
pub const MAX_ENVIRONMENTS: usize = 32;
/// Services in one environment's list.
pub const MAX_SERVICES_PER_ENVIRONMENT: usize = 200;
/// Applications in all: every environment's services together.
pub const MAX_APPLICATIONS: usize = 1_000;
/// `extraApps` entries (each is an Application in every environment).
pub const MAX_EXTRA_APPS: usize = 64;
/// Values files of the project.
pub const MAX_VALUES_FILES: usize = 1_000;
/// Rules in one values file's ingress (`frontendRoutes` and `routes`).
pub const MAX_ROUTES: usize = 200;
/// Route tests in the studio settings.
pub const MAX_ROUTE_TESTS: usize = 2_000;
/// Alert rule settings, and contact points, in the studio settings.
pub const MAX_ALERT_RULES: usize = 64;

// The error types live with the other errors (`crate::error`), so that
// `error` depends on nothing of the model and no module cycle forms.
pub use crate::error::{Counted, LimitError};

fn over(what: Counted, count: usize, limit: usize) -> Result<(), LimitError> {
    if count > limit {
        Err(LimitError { what, count, limit })
    } else {
        Ok(())
    }
}

/// The first limit the state goes over, if any. Costs a pass over the lists,
/// nothing more: it runs on every import and every edit.
pub fn check(state: &ProjectState) -> Result<(), LimitError> {
    let p = &state.project;
    let envs = p.environment_names();
    over(Counted::Environments, envs.len(), MAX_ENVIRONMENTS)?;
    let mut applications = 0;
    for env in &envs {
        let n = p.services_of(env).len();
        over(Counted::ServicesIn(env.clone()), n, MAX_SERVICES_PER_ENVIRONMENT)?;
        applications += n;
    }
    over(Counted::Applications, applications, MAX_APPLICATIONS)?;
    over(Counted::ExtraApps, p.extra_apps.as_ref().map_or(0, Vec::len), MAX_EXTRA_APPS)?;
    over(Counted::ValuesFiles, state.values.len(), MAX_VALUES_FILES)?;
    for (file, values) in
        std::iter::once(("values.yaml", &*state.chart_values)).chain(state.values.iter().map(|(f, v)| (f.as_str(), v)))
    {
        let Some(ingress) = &values.ingress else { continue };
        let n = ingress.routes.as_ref().map_or(0, Vec::len) + ingress.frontend_routes.as_ref().map_or(0, Vec::len);
        over(Counted::RoutesIn(file.to_owned()), n, MAX_ROUTES)?;
    }
    let settings = &state.settings;
    over(Counted::RouteTests, settings.route_tests.as_ref().map_or(0, Vec::len), MAX_ROUTE_TESTS)?;
    let alerts = settings.alerts.as_ref();
    over(Counted::AlertRules, alerts.and_then(|a| a.rules.as_ref()).map_or(0, |r| r.len()), MAX_ALERT_RULES)?;
    over(
        Counted::ContactPoints,
        alerts.and_then(|a| a.contact_points.as_ref()).map_or(0, |c| c.len()),
        MAX_ALERT_RULES,
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::project::{Environment, ServiceEntry};
    use crate::model::ProjectFile;
    use crate::ordered_map::OrderedMap;

    fn project(envs: usize, services: usize) -> ProjectState {
        let mut p = ProjectFile::default();
        let mut map = OrderedMap::default();
        for e in 0..envs {
            let list = (0..services).map(|i| ServiceEntry { name: Some(format!("s{i}")), ..Default::default() });
            map.insert(format!("e{e}"), Environment { services: Some(list.collect()), ..Default::default() });
        }
        p.environments = Some(map);
        ProjectState { project: p.into(), ..ProjectState::empty() }
    }

    #[test]
    fn each_limit_is_named_with_its_count() {
        assert_eq!(check(&project(MAX_ENVIRONMENTS, 1)), Ok(()));
        let e = check(&project(MAX_ENVIRONMENTS + 1, 1)).unwrap_err();
        assert_eq!((e.what.clone(), e.count, e.limit), (Counted::Environments, 33, 32));
        assert_eq!(e.to_string(), "too many environments: 33, and the studio takes at most 32");
        assert!(crate::i18n::has_hangul(&e.ko()) && e.ko().contains("33"));
        let e = check(&project(1, MAX_SERVICES_PER_ENVIRONMENT + 1)).unwrap_err();
        assert_eq!(e.what, Counted::ServicesIn("e0".into()));
        let e = check(&project(6, 180)).unwrap_err();
        assert_eq!((e.what, e.count), (Counted::Applications, 1_080));
    }
}
