//! The studio's edition of the two charts, embedded and exported in the bundle
//! so that what the studio previews is what Argo CD and Helm will apply (the
//! Helm parity test runs these very files).

/// `(path in the bundle, text)` of every chart file.
pub const CHART_FILES: &[(&str, &str)] = &[
    ("k3s/argocd/Chart.yaml", include_str!("charts/argocd/Chart.yaml")),
    ("k3s/argocd/values.yaml", include_str!("charts/argocd/values.yaml")),
    ("k3s/argocd/templates/applications.yaml", include_str!("charts/argocd/templates/applications.yaml")),
    ("k3s/argocd/templates/appproject.yaml", include_str!("charts/argocd/templates/appproject.yaml")),
];
