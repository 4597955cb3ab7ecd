//! The studio settings file, `xgen-studio.yaml`, at the root of a bundle: whatever
//! has no home in the repository's own files. Unknown keys are kept, so a bundle
//! written by a newer studio loses nothing when it passes through an older one.

use crate::core::keep_unknown::keep_unknown_keys;
use serde::Serialize;
use serde_yaml::Mapping;

pub const SETTINGS_API_VERSION: &str = "xgen-studio/v1";
pub const SETTINGS_KIND: &str = "StudioSettings";
pub const DEFAULT_ISTIO_API_VERSION: &str = "networking.istio.io/v1alpha3";

fn is_empty(m: &Mapping) -> bool {
    m.is_empty()
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StudioSettings {
    #[serde(rename = "apiVersion", skip_serializing_if = "Option::is_none")]
    pub api_version: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// The `apiVersion` of rendered Gateway, VirtualService and DestinationRule.
    #[serde(rename = "istioApiVersion", skip_serializing_if = "Option::is_none")]
    pub istio_api_version: Option<String>,
    #[serde(flatten, skip_serializing_if = "is_empty")]
    pub extra: Mapping,
}
keep_unknown_keys!(StudioSettings {
    api_version => "apiVersion", kind => "kind", istio_api_version => "istioApiVersion",
});

impl Default for StudioSettings {
    fn default() -> Self {
        StudioSettings {
            api_version: Some(SETTINGS_API_VERSION.into()),
            kind: Some(SETTINGS_KIND.into()),
            istio_api_version: Some(DEFAULT_ISTIO_API_VERSION.into()),
            extra: Mapping::new(),
        }
    }
}
