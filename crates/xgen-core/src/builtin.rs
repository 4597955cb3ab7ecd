//! The built-in chart defaults and values files of the seven standard services
//! (docs/inputs.md#chart-and-service-values), embedded as the YAML files the bundle exports when the user has not
//! imported their own.

use crate::model::ServiceValues;
use crate::text::parse_yaml;

/// `k3s/helm-chart/values.yaml` as the studio ships it.
pub const CHART_VALUES_YAML: &str = include_str!("builtin/values.yaml");

/// `(file name, text)` of each standard service's values file.
pub const SERVICE_VALUES_YAML: &[(&str, &str)] = &[
    ("xgen-backend-gateway.yaml", include_str!("builtin/values/xgen-backend-gateway.yaml")),
    ("xgen-core.yaml", include_str!("builtin/values/xgen-core.yaml")),
    ("xgen-documents.yaml", include_str!("builtin/values/xgen-documents.yaml")),
    ("xgen-frontend.yaml", include_str!("builtin/values/xgen-frontend.yaml")),
    ("xgen-mcp-station.yaml", include_str!("builtin/values/xgen-mcp-station.yaml")),
    ("xgen-model.yaml", include_str!("builtin/values/xgen-model.yaml")),
    ("xgen-workflow.yaml", include_str!("builtin/values/xgen-workflow.yaml")),
];

/// The names of the seven standard services.
pub const STANDARD_SERVICES: &[&str] = &[
    "xgen-frontend",
    "xgen-backend-gateway",
    "xgen-core",
    "xgen-workflow",
    "xgen-documents",
    "xgen-mcp-station",
    "xgen-model",
];

pub fn chart_values() -> ServiceValues {
    // The embedded file is tested to parse (see tests below); a failure here is a
    // build defect, not user input.
    parse_yaml("builtin values.yaml", CHART_VALUES_YAML).expect("built-in values.yaml parses")
}

/// The built-in text of a values file, if `file_name` is a standard service's.
pub fn service_values_text(file_name: &str) -> Option<&'static str> {
    SERVICE_VALUES_YAML.iter().find(|(n, _)| *n == file_name).map(|(_, t)| *t)
}

pub fn service_values(file_name: &str) -> Option<ServiceValues> {
    service_values_text(file_name).map(|t| parse_yaml(file_name, t).expect("built-in values file parses"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_file_parses_and_names_its_service() {
        let base = chart_values();
        assert_eq!(base.global.unwrap().platform.as_deref(), Some("xgen-platform"));
        for (name, _) in SERVICE_VALUES_YAML {
            let v = service_values(name).unwrap();
            assert_eq!(format!("{}.yaml", v.service_name.unwrap()), *name);
        }
        assert_eq!(SERVICE_VALUES_YAML.len(), STANDARD_SERVICES.len());
    }
}
