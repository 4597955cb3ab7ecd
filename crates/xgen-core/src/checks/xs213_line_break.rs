//! XS213: a line break in a field that holds one line: an address, a path, a
//! host, a revision, an image. The charts quote every such value, so it
//! cannot start a new object (docs/security.md), but no cluster, registry or
//! Git server reads a name with a line break in it. Names and keys have
//! rules of their own (XS203, XS209, XS210, XS212).

use super::{Context, Problem, Rule, Severity};
use crate::i18n::{Said, Text};
use crate::model::values::{Image, Route};
use crate::scalar::Scalar;

pub static RULE: Rule = Rule {
    code: "XS213",
    severity: Severity::Error,
    title: Text { key: "XS213", en: "Line break in a one-line field", ko: "한 줄 필드의 줄바꿈" },
    check,
};

/// The one-line fields of one file: YAML path and text.
#[derive(Default)]
struct Fields(Vec<(String, String)>);

impl Fields {
    fn add(&mut self, path: impl Into<String>, value: Option<&str>) {
        if let Some(v) = value {
            self.0.push((path.into(), v.to_owned()));
        }
    }
    fn scalar(&mut self, path: impl Into<String>, value: Option<&Scalar>) {
        self.add(path, value.and_then(Scalar::as_str));
    }
    fn image(&mut self, path: &str, image: Option<&Image>) {
        let Some(i) = image else { return };
        self.add(format!("{path}.repository"), i.repository.as_deref());
        self.scalar(format!("{path}.tag"), i.tag.as_ref());
        self.add(format!("{path}.pullPolicy"), i.pull_policy.as_deref());
    }
    fn route(&mut self, path: String, r: &Route) {
        self.add(format!("{path}.prefix"), r.prefix.as_deref());
        self.add(format!("{path}.exact"), r.exact.as_deref());
        self.add(format!("{path}.regex"), r.regex.as_deref());
        self.add(format!("{path}.service"), r.service.as_deref());
    }
}

fn project_fields(ctx: &Context) -> Fields {
    let p = &ctx.state.project;
    let mut f = Fields::default();
    if let Some(s) = &p.source {
        f.add("source.repoURL", s.repo_url.as_deref());
        f.add("source.targetRevision", s.target_revision.as_deref());
        f.add("source.chartPath", s.chart_path.as_deref());
    }
    for (env, d) in p.destinations.iter().flat_map(|d| d.iter()) {
        f.add(format!("destinations.{env}.server"), d.server.as_deref());
        f.add(format!("destinations.{env}.domain"), d.domain.as_deref());
    }
    if let Some(d) = &p.destination {
        f.add("destination.server", d.server.as_deref());
        f.add("destination.domain", d.domain.as_deref());
    }
    f.add("domain", p.domain.as_deref());
    f.add("env", p.env.as_deref());
    f.scalar("site", p.site.as_ref());
    f.add("registryHost", p.registry_host.as_deref());
    if let Some(i) = &p.infra {
        for (name, host) in [("postgres", &i.postgres), ("redis", &i.redis), ("qdrant", &i.qdrant)] {
            f.add(format!("infra.{name}.host"), host.as_ref().and_then(|h| h.host.as_deref()));
        }
        f.add("infra.minio.endpoint", i.minio.as_ref().and_then(|m| m.endpoint.as_deref()));
    }
    for (i, app) in p.extra_apps.iter().flatten().enumerate() {
        f.add(format!("extraApps[{i}].name"), app.name.as_deref());
        f.add(format!("extraApps[{i}].path"), app.path.as_deref());
        f.add(format!("extraApps[{i}].namespace"), app.namespace.as_deref());
        f.add(format!("extraApps[{i}].server"), app.server.as_deref());
    }
    f
}

fn values_fields(v: &crate::model::ServiceValues) -> Fields {
    let mut f = Fields::default();
    if let Some(g) = &v.global {
        f.add("global.platform", g.platform.as_deref());
        if let Some(r) = &g.registry {
            f.add("global.registry.host", r.host.as_deref());
            f.add("global.registry.project", r.project.as_deref());
            f.scalar("global.registry.site", r.site.as_ref());
        }
        if let Some(s) = &g.secrets {
            f.add("global.secrets.name", s.name.as_deref());
            f.add("global.secrets.imagePull", s.image_pull.as_deref());
        }
        if let Some(i) = &g.infra {
            f.add("global.infra.namespace", i.namespace.as_deref());
            for (name, host) in [("postgres", &i.postgres), ("redis", &i.redis), ("qdrant", &i.qdrant)] {
                f.add(format!("global.infra.{name}.host"), host.as_ref().and_then(|h| h.host.as_deref()));
            }
            f.add("global.infra.minio.endpoint", i.minio.as_ref().and_then(|m| m.endpoint.as_deref()));
        }
    }
    f.image("image", v.image.as_ref());
    if let Some(h) = &v.health_check {
        f.add("healthCheck.type", h.kind.as_deref());
        f.add("healthCheck.path", h.path.as_deref());
    }
    if let Some(ing) = &v.ingress {
        for (i, h) in ing.hosts.iter().flatten().enumerate() {
            f.add(format!("ingress.hosts[{i}]"), Some(h));
        }
        f.add("ingress.tls.credentialName", ing.tls.as_ref().and_then(|t| t.credential_name.as_deref()));
        for (i, r) in ing.frontend_routes.iter().flatten().enumerate() {
            f.add(format!("ingress.frontendRoutes[{i}]"), Some(r));
        }
        for (i, r) in ing.routes.iter().flatten().enumerate() {
            f.route(format!("ingress.routes[{i}]"), r);
        }
    }
    for (env, e) in v.environments.iter().flat_map(|e| e.iter()) {
        f.image(&format!("environments.{env}.image"), e.image.as_ref());
    }
    f
}

fn check(ctx: &Context) -> Vec<Problem> {
    let files = std::iter::once((ctx.project_file.clone(), project_fields(ctx)))
        .chain(ctx.values_files().into_iter().map(|(file, v)| (file, values_fields(v))));
    let mut out = Vec::new();
    for (file, fields) in files {
        for (path, value) in fields.0.into_iter().filter(|(_, v)| v.contains(['\n', '\r'])) {
            let shown = value.escape_debug();
            out.push(Problem::new(
                &RULE,
                file.clone(),
                path,
                Said::new(
                    format!("`{shown}` holds a line break; this field takes one line"),
                    format!("`{shown}`에 줄바꿈이 있습니다. 이 필드는 한 줄만 받습니다"),
                ),
                Said::new("remove the line break", "줄바꿈을 지우세요"),
            ));
        }
    }
    out
}
