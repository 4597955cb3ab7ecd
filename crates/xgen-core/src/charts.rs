//! The studio's edition of the two charts, embedded and exported in the bundle
//! so that what the studio previews is what Argo CD and Helm will apply (the
//! Helm parity test runs these very files).

/// `(path in the bundle, text)` of every chart file.
pub const CHART_FILES: &[(&str, &str)] = &[
    ("k3s/argocd/Chart.yaml", include_str!("charts/argocd/Chart.yaml")),
    ("k3s/argocd/values.yaml", include_str!("charts/argocd/values.yaml")),
    ("k3s/argocd/templates/_helpers.tpl", include_str!("charts/argocd/templates/_helpers.tpl")),
    ("k3s/argocd/templates/applications.yaml", include_str!("charts/argocd/templates/applications.yaml")),
    ("k3s/argocd/templates/appproject.yaml", include_str!("charts/argocd/templates/appproject.yaml")),
    ("k3s/helm-chart/Chart.yaml", include_str!("charts/helm-chart/Chart.yaml")),
    ("k3s/helm-chart/templates/_helpers.tpl", include_str!("charts/helm-chart/templates/_helpers.tpl")),
    ("k3s/helm-chart/templates/configmap.yaml", include_str!("charts/helm-chart/templates/configmap.yaml")),
    ("k3s/helm-chart/templates/deployment.yaml", include_str!("charts/helm-chart/templates/deployment.yaml")),
    ("k3s/helm-chart/templates/destinationrule.yaml", include_str!("charts/helm-chart/templates/destinationrule.yaml")),
    ("k3s/helm-chart/templates/hpa.yaml", include_str!("charts/helm-chart/templates/hpa.yaml")),
    ("k3s/helm-chart/templates/ingress.yaml", include_str!("charts/helm-chart/templates/ingress.yaml")),
    ("k3s/helm-chart/templates/service.yaml", include_str!("charts/helm-chart/templates/service.yaml")),
];
