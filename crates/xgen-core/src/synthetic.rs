//! Synthetic projects for benchmarks: `services` services in each of `envs`
//! environments, built as typed data. The first seven are the standard services
//! (so their values files are the built-ins); the rest get minimal ones.

use crate::builtin::STANDARD_SERVICES;
use crate::model::project::{Autoscaling, Destination, Environment, ProjectMeta, ServiceEntry, Source};
use crate::model::ProjectFile;
use crate::names::DnsLabel;
use crate::ordered_map::OrderedMap;
use crate::scalar::Scalar;
use crate::state::ProjectState;

pub fn project(services: usize, envs: usize) -> ProjectFile {
    let env_names: Vec<String> = (0..envs).map(|i| format!("env{i}")).collect();
    let service_names: Vec<String> = (0..services)
        .map(|i| STANDARD_SERVICES.get(i).map_or_else(|| format!("svc-{i}"), |s| (*s).to_owned()))
        .collect();
    let mut destinations = OrderedMap::default();
    let mut environments = OrderedMap::default();
    for (e, env) in env_names.iter().enumerate() {
        destinations.insert(
            env.clone(),
            Destination {
                server: Some(format!("https://k8s-{e}.example.com")),
                domain: Some(format!("{env}.example.com")),
                ..Destination::default()
            },
        );
        let list = service_names
            .iter()
            .enumerate()
            .map(|(i, name)| ServiceEntry {
                name: Some(name.clone()),
                has_domain: (i == 0).then_some(true),
                replicas: Some(1 + (i % 3) as u32),
                autoscaling: Some(Autoscaling {
                    min_replicas: Some(1),
                    max_replicas: Some(4),
                    ..Autoscaling::default()
                }),
                ..ServiceEntry::default()
            })
            .collect();
        environments.insert(env.clone(), Environment { services: Some(list), ..Environment::default() });
    }
    let mut vars = OrderedMap::default();
    vars.insert("APP_SITE", Scalar::from("bench-example-com"));
    ProjectFile {
        project: Some(ProjectMeta {
            name: Some("bench".into()),
            description: Some(format!("{services} services x {envs} environments")),
            namespace: Some("bench".into()),
            ..ProjectMeta::default()
        }),
        source: Some(Source {
            repo_url: Some("https://git.example.com/bench.git".into()),
            target_revision: Some("main".into()),
            ..Source::default()
        }),
        destinations: Some(destinations),
        site: Some(Scalar::from("main")),
        vars: Some(vars),
        environments: Some(environments),
        ..ProjectFile::default()
    }
}

pub fn state(services: usize, envs: usize) -> ProjectState {
    ProjectState::from_project(DnsLabel::parse("bench").expect("valid label"), project(services, envs))
}
