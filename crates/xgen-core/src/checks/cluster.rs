//! The cluster's imported Istio objects of each environment, arranged for
//! the checks over the whole gateway (XS112-XS116): each VirtualService
//! with its namespace and the place problems point at
//! (`cluster/<env>/istio-objects.yaml`, `<ns>/<name>.spec…`).

use super::Context;
use crate::model::istio::{DestinationRuleObject, IstioObject, VirtualServiceObject};
use crate::rendered::EnvRender;
use crate::simulator::gateway::Table;

pub struct ClusterVs<'a> {
    pub env: &'a EnvRender,
    pub file: String,
    pub namespace: &'a str,
    pub name: &'a str,
    pub vs: &'a VirtualServiceObject,
}

impl ClusterVs<'_> {
    /// `<ns>/<name>.spec.<rest>`: where a problem stands in the file.
    pub fn at(&self, rest: &str) -> String {
        format!("{}/{}.spec.{rest}", self.namespace, self.name)
    }
}

/// Each environment with imported objects, with its objects' bundle path and
/// its gateway's route table, built once per lint for every check that reads
/// it (XS116, XS117).
pub fn route_tables<'c, 'a>(ctx: &'c Context<'a>) -> impl Iterator<Item = (&'a EnvRender, String, &'c Table<'a>)> {
    ctx.envs
        .iter()
        .filter(|e| e.render.cluster.is_some())
        .filter_map(|e| Some((e.render, file_of(e.render)?, e.route_table())))
}

/// The bundle path of an environment's imported objects.
pub fn file_of(env: &EnvRender) -> Option<String> {
    env.label.as_ref().map(crate::layout::cluster_objects_path)
}

/// Every imported VirtualService of every environment.
pub fn virtual_services<'a>(ctx: &Context<'a>) -> Vec<ClusterVs<'a>> {
    let mut out = Vec::new();
    for env in ctx.envs.iter().map(|e| e.render) {
        let (Some(objects), Some(file)) = (&env.cluster, file_of(env)) else { continue };
        for o in &objects.objects {
            if let IstioObject::VirtualService(vs) = o {
                out.push(ClusterVs { env, file: file.clone(), namespace: o.namespace(), name: o.name(), vs });
            }
        }
    }
    out
}

/// The imported DestinationRules of an environment.
pub fn destination_rules(env: &EnvRender) -> impl Iterator<Item = &DestinationRuleObject> {
    env.cluster.iter().flat_map(|f| f.objects.iter()).filter_map(|o| match o {
        IstioObject::DestinationRule(d) => Some(d),
        _ => None,
    })
}

/// The imported VirtualService `ns/name` of an environment.
pub fn find_vs<'a>(env: &'a EnvRender, ns: &str, name: &str) -> Option<&'a VirtualServiceObject> {
    env.cluster.iter().flat_map(|f| f.objects.iter()).find_map(|o| match o {
        IstioObject::VirtualService(v) if o.namespace() == ns && o.name() == name => Some(v),
        _ => None,
    })
}
