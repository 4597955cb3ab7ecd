//! The project file's data as a YAML value, made from the last one: a part
//! whose model is equal to the last render's is moved over, not serialized
//! again.
//!
//! An imported project file is written by patching its text where the data
//! changed (`yaml::keep`), which needs the whole data as a value. Serializing
//! a 120-service x 5-environment project, and dropping the last one, took
//! more than half of a render after a Description edit; most edits change
//! one environment of it, or none. Each environment equal to the last one's
//! is moved over; the rest of the file is serialized again.
//!
//! The value is `serde_yaml::to_value(project)` exactly: the parts follow the
//! order and the rules of the model's `Serialize` (`keep_unknown`), and a
//! debug build compares the two after every call.

use crate::model::ProjectFile;
use serde::Serialize;
use serde_yaml::{Mapping, Value};

/// `project` as a value. `last` is the project of the last call and the value
/// it gave, which is taken apart.
pub(super) fn project_value(
    project: &ProjectFile,
    last: Option<(&ProjectFile, Value)>,
) -> Result<Value, serde_yaml::Error> {
    let value = match last {
        Some((was, Value::Mapping(old))) => from_last(project, was, old)?,
        _ => serde_yaml::to_value(project)?,
    };
    #[cfg(debug_assertions)]
    {
        // Equal as text, so in the same order too.
        let whole = serde_yaml::to_value(project)?;
        debug_assert_eq!(serde_yaml::to_string(&value)?, serde_yaml::to_string(&whole)?, "the parts make the whole");
    }
    Ok(value)
}

fn from_last(p: &ProjectFile, was: &ProjectFile, mut old: Mapping) -> Result<Value, serde_yaml::Error> {
    let mut out = Mapping::with_capacity(old.len());
    // An environment's value: last time's when its model is equal, else
    // serialized.
    fn part<T: Serialize + PartialEq>(
        old: &mut Mapping,
        key: &str,
        now: &T,
        was: Option<&T>,
    ) -> Result<Value, serde_yaml::Error> {
        match old.remove(key) {
            Some(kept) if was == Some(now) => Ok(kept),
            _ => serde_yaml::to_value(now),
        }
    }
    macro_rules! fresh {
        ($key:literal, $field:ident) => {
            if let Some(now) = &p.$field {
                out.insert(Value::from($key), serde_yaml::to_value(now)?);
            } else if p.explicit_null($key) {
                out.insert(Value::from($key), Value::Null);
            }
        };
    }
    // The order and names of ProjectFile's Serialize. Only the environments
    // are moved over from the last value: they are nearly all of it, and
    // their order is the new one (taken by name). The other parts are small
    // and serialized again, because `==` of a mapping (`OrderedMap`,
    // `Mapping`) ignores its order: a reordered `destinations` would keep
    // the last order.
    fresh!("project", project);
    fresh!("source", source);
    fresh!("destinations", destinations);
    fresh!("destination", destination);
    fresh!("domain", domain);
    fresh!("env", env);
    fresh!("site", site);
    fresh!("registryHost", registry_host);
    fresh!("vars", vars);
    fresh!("infra", infra);
    match &p.environments {
        Some(envs) => {
            // Each environment on its own: an edit changes one.
            let mut old_envs = match old.remove("environments") {
                Some(Value::Mapping(m)) => m,
                _ => Mapping::new(),
            };
            let was_envs = was.environments.as_ref();
            let mut m = Mapping::with_capacity(envs.len());
            for (name, env) in envs {
                let value = part(&mut old_envs, name, env, was_envs.and_then(|w| w.get(name)))?;
                m.insert(serde_yaml::to_value(name)?, value);
            }
            out.insert(Value::from("environments"), Value::Mapping(m));
        }
        None if p.explicit_null("environments") => {
            out.insert(Value::from("environments"), Value::Null);
        }
        None => {}
    }
    fresh!("services", services);
    fresh!("extraApps", extra_apps);
    for (key, value) in p.extra.iter() {
        if !key.as_str().is_some_and(|k| ProjectFile::MODELLED_KEYS.contains(&k)) {
            out.insert(serde_yaml::to_value(key)?, serde_yaml::to_value(value)?);
        }
    }
    Ok(Value::Mapping(out))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::project::ServiceEntry;

    const TEXT: &str = r#"
project: {name: p, description: d, owner: team}
domain: ~
vars: {N: 8000, E: null}
environments:
  dev:
    note: keep me
    services:
      - {name: a, replicas: 1, resources: {requests: {memory: 1Gi}}}
      - {name: b, hasDomain: true}
  prd: {services: [{name: a}]}
  empty: {}
services: [{name: top}]
future: {nested: [1, 2, {x: y}]}
extraApps: ~
"#;

    /// Each edit's value, made from the last one, is the whole's, in order.
    #[test]
    fn the_parts_make_the_whole_edit_after_edit() {
        let mut p: ProjectFile = crate::text::parse_yaml("p.yaml", TEXT).unwrap();
        type Edit = fn(&mut ProjectFile);
        let edits: [(&str, Edit); 8] = [
            ("description", |p| p.project.as_mut().unwrap().description = Some("e".into())),
            ("a service of one environment", |p| {
                let dev = p.environments.as_mut().unwrap().get_mut("dev").unwrap();
                dev.services.as_mut().unwrap()[0].replicas = Some(3);
            }),
            ("a service added", |p| {
                let prd = p.environments.as_mut().unwrap().get_mut("prd").unwrap();
                prd.services.as_mut().unwrap().push(ServiceEntry { name: Some("c".into()), ..Default::default() });
            }),
            ("a null given a value", |p| p.domain = Some("x.example.com".into())),
            ("an environment added", |p| {
                p.environments.as_mut().unwrap().get_or_insert_with("stage", Default::default);
            }),
            ("an environment renamed", |p| assert!(crate::edit::rename_environment(p, "dev", "dev2"))),
            ("the environments gone", |p| p.environments = None),
            ("the environments back", |p| {
                p.environments = Some(Default::default());
                p.environments.as_mut().unwrap().get_or_insert_with("one", Default::default);
            }),
        ];
        let mut last = (p.clone(), project_value(&p, None).unwrap());
        for (what, edit) in edits {
            edit(&mut p);
            let value = project_value(&p, Some((&last.0, last.1))).unwrap();
            let whole = serde_yaml::to_value(&p).unwrap();
            assert_eq!(serde_yaml::to_string(&value).unwrap(), serde_yaml::to_string(&whole).unwrap(), "{what}");
            last = (p.clone(), value);
        }
    }
}
