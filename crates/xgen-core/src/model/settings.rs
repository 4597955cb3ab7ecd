//! The studio settings file, `xgen-studio.yaml`, at the root of a bundle: whatever
//! has no home in the repository's own files. Unknown keys are kept, so a bundle
//! written by a newer studio loses nothing when it passes through an older one.

use crate::keep_unknown::keep_unknown_keys;
use serde::Serialize;
use serde_yaml::Mapping;

pub const SETTINGS_API_VERSION: &str = "xgen-studio/v1";
pub const SETTINGS_KIND: &str = "StudioSettings";

#[derive(Debug, Clone)]
pub struct StudioSettings {
    pub api_version: Option<String>,
    pub kind: Option<String>,
    /// Route tests: in an environment, a URL must be answered by a service (and
    /// port). Run on every edit and by `xgen-studio test-routes`.
    pub route_tests: Option<Vec<RouteTest>>,
    /// Alert thresholds, contact points and policy (defaults from the seed).
    pub alerts: Option<super::alerts::AlertSettings>,
    pub extra: Mapping,
}
keep_unknown_keys!(StudioSettings {
    api_version => "apiVersion", kind => "kind", route_tests => "routeTests", alerts => "alerts",
});

impl Default for StudioSettings {
    fn default() -> Self {
        StudioSettings {
            api_version: Some(SETTINGS_API_VERSION.into()),
            kind: Some(SETTINGS_KIND.into()),
            route_tests: None,
            alerts: None,
            extra: Mapping::new(),
        }
    }
}

/// A route test: in `env`, a request to `url` (with `method` and
/// `headers`) must be answered by `service` (and `port`). Stored in
/// `xgen-studio.yaml` under `routeTests`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, serde::Deserialize)]
pub struct RouteTest {
    pub env: String,
    pub url: String,
    pub service: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<u16>,
    /// The request's method; `GET` when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    /// The request's headers besides `Host`, in order (names compared
    /// without case, as Envoy compares them).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub headers: Option<crate::ordered_map::OrderedMap<String>>,
}

impl RouteTest {
    /// The headers as (name, value) pairs.
    pub fn header_list(&self) -> Vec<(String, String)> {
        self.headers.iter().flat_map(|h| h.iter().map(|(k, v)| (k.clone(), v.clone()))).collect()
    }
}
