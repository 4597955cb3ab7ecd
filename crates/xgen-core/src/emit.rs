//! YAML text made of parts, so that an edit re-emits only the part it
//! changed. The emitter ([`crate::yaml::emit`], serde_yaml's style) writes a
//! block mapping as one entry after another,
//! never folding a line (its emitter's width is unlimited), and a nested
//! value is the same text indented by two spaces; so a mapping's text is the
//! concatenation of its entries' texts, each of which can be kept while its
//! value is equal. The project file of a 100-service site is 4,000 lines,
//! and most edits change one environment of it, or none.
//!
//! The tests hold the composed text byte for byte equal to the emitter's
//! output of the whole ([`crate::yaml::emit`]).

use crate::model::project::Environment;
use crate::model::ProjectFile;
use crate::ordered_map::OrderedMap;
use serde::Serialize;
use std::any::Any;
use std::collections::HashMap;
use std::fmt::Write;

/// The text of each part of the last emission, by its place, with the value
/// it was made from.
#[derive(Default)]
pub struct Parts {
    last: HashMap<String, (Box<dyn Any + Send + Sync>, String)>,
    next: HashMap<String, (Box<dyn Any + Send + Sync>, String)>,
    /// Parts emitted again by the last [`project_text`] (for tests).
    pub emitted: usize,
}

impl std::fmt::Debug for Parts {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "Parts({} kept)", self.last.len())
    }
}

/// `key: value` as serde_yaml writes it at the top of a document.
fn entry<K: Serialize, V: Serialize>(key: &K, value: &V) -> Result<String, serde_yaml::Error> {
    struct One<'a, K, V>(&'a K, &'a V);
    impl<K: Serialize, V: Serialize> Serialize for One<'_, K, V> {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            use serde::ser::SerializeMap;
            let mut m = s.serialize_map(Some(1))?;
            m.serialize_entry(self.0, self.1)?;
            m.end()
        }
    }
    crate::yaml::to_string(&One(key, value))
}

impl Parts {
    /// The text of `key: value`, indented by `indent` spaces: last time's when
    /// the value at `place` is equal to last time's.
    fn part<K, V>(&mut self, place: &str, key: &K, value: &V, indent: usize) -> Result<String, serde_yaml::Error>
    where
        K: Serialize,
        V: Serialize + PartialEq + Clone + Send + Sync + 'static,
    {
        if let Some((old, text)) = self.last.remove(place) {
            if old.downcast_ref::<V>() == Some(value) {
                self.next.insert(place.to_owned(), (old, text.clone()));
                return Ok(text);
            }
        }
        self.emitted += 1;
        let plain = entry(key, value)?;
        let text = if indent == 0 {
            plain
        } else {
            let pad = " ".repeat(indent);
            plain.lines().fold(String::with_capacity(plain.len() + 64), |mut out, line| {
                // Empty lines (inside a literal block) stay empty, as the emitter writes them.
                let _ = if line.is_empty() { writeln!(out) } else { writeln!(out, "{pad}{line}") };
                out
            })
        };
        self.next.insert(place.to_owned(), (Box::new(value.clone()), text.clone()));
        Ok(text)
    }

    /// Keeps this emission's parts for the next one (and forgets the rest).
    fn finish(&mut self) {
        self.last = std::mem::take(&mut self.next);
    }
}

/// The project file's text, byte for byte `yaml::to_string(project)`:
/// each top-level key a part, and each environment of `environments` a part
/// of its own.
pub fn project_text(p: &ProjectFile, parts: &mut Parts) -> Result<String, serde_yaml::Error> {
    parts.emitted = 0;
    let mut out = String::new();
    macro_rules! field {
        ($key:literal, $value:expr) => {
            if let Some(v) = &$value {
                out.push_str(&parts.part($key, &$key, v, 0)?);
            } else if p.explicit_null($key) {
                out.push_str(&parts.part($key, &$key, &(), 0)?);
            }
        };
    }
    // The order and names of ProjectFile's Serialize.
    field!("project", p.project);
    field!("source", p.source);
    field!("destinations", p.destinations);
    field!("destination", p.destination);
    field!("domain", p.domain);
    field!("env", p.env);
    field!("site", p.site);
    field!("registryHost", p.registry_host);
    field!("vars", p.vars);
    field!("infra", p.infra);
    match &p.environments {
        Some(envs) if !envs.is_empty() => {
            out.push_str("environments:\n");
            environments(envs, parts, &mut out)?;
        }
        other => field!("environments", other),
    }
    field!("services", p.services);
    field!("extraApps", p.extra_apps);
    for (key, value) in
        p.extra.iter().filter(|(k, _)| !k.as_str().is_some_and(|k| ProjectFile::MODELLED_KEYS.contains(&k)))
    {
        out.push_str(&parts.part(&format!("extra.{}", crate::yaml::to_string(key)?), key, value, 0)?);
    }
    parts.finish();
    if out.is_empty() {
        // An empty mapping is written in flow style.
        out.push_str("{}\n");
    }
    Ok(out)
}

fn environments(envs: &OrderedMap<Environment>, parts: &mut Parts, out: &mut String) -> Result<(), serde_yaml::Error> {
    for (name, env) in envs {
        out.push_str(&parts.part(&format!("environments.{name}"), name, env, 2)?);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::parse_yaml;

    fn project(text: &str) -> ProjectFile {
        parse_yaml("p.yaml", text).unwrap()
    }

    const EVERY_KEY: &str = r#"
project: {name: p, description: "a \"quoted\" text", namespace: ns, owner: team}
source: {repoURL: https://git.example.com/x.git, targetRevision: main, chartPath: k3s/helm-chart}
destinations:
  dev: {server: https://k, domain: d.example.com, zone: a}
  "prd x": {server: https://p}
destination: {server: https://old}
domain: old.example.com
env: dev
site: 7
registryHost: "registry.example.com:5000"
vars: {N: 8000, B: true, F: 0.5, S: "x: y", E: null, M: "two\nlines", U: "한국어 ✓", EMPTY: "", YES: "yes", OCT: "0755", BLANK: "a\n\nb"}
infra: {postgres: {host: pg}, minio: {endpoint: "http://m:9000"}}
environments:
  dev:
    note: keep me
    services:
      - name: svc
        annotations: {a: b}
        resources: {requests: {memory: 1Gi}, limits: {cpu: 2}, claims: []}
        autoscaling: {minReplicas: 1, behavior: {x: 1}}
      - {name: other, hasDomain: true, replicas: 2, valuesFile: x.yaml, namespace: n}
  empty: {}
  "  odd key": {services: []}
services: [{name: top}]
extraApps: [{name: observability, path: k3s/observability, namespace: o, server: https://s}]
future: {nested: [1, 2, {x: y}]}
"weird key": |
  a block
  of text
"#;

    #[test]
    fn composed_text_is_the_emitters_of_the_whole() {
        let examples = [
            EVERY_KEY.to_owned(),
            include_str!("../../../public/examples/xgen.yaml").to_owned(),
            include_str!("../../../tests/fixtures/projects/xgen-aws.yaml").to_owned(),
            include_str!("../../../tests/fixtures/projects/acme.yaml").to_owned(),
            crate::yaml::to_string(&crate::synthetic::project(20, 3)).unwrap(),
            "environments: {}\n".to_owned(),
            "{}\n".to_owned(),
        ];
        let mut parts = Parts::default();
        for text in &examples {
            let p = project(text);
            let want = crate::yaml::to_string(&p).unwrap();
            assert_eq!(project_text(&p, &mut Parts::default()).unwrap(), want, "fresh:\n{text}");
            assert_eq!(project_text(&p, &mut parts).unwrap(), want, "after another project:\n{text}");
            assert_eq!(project_text(&p, &mut parts).unwrap(), want, "reused:\n{text}");
            assert_eq!(parts.emitted, 0, "nothing changed, nothing emitted");
        }
    }

    #[test]
    fn an_edit_emits_only_its_part() {
        let mut p = crate::synthetic::project(100, 4);
        let mut parts = Parts::default();
        project_text(&p, &mut parts).unwrap();
        p.project.as_mut().unwrap().description = Some("edited".into());
        let text = project_text(&p, &mut parts).unwrap();
        assert_eq!((parts.emitted, text), (1, crate::yaml::to_string(&p).unwrap()));
        let env = p.environments.as_mut().unwrap().get_mut("env2").unwrap();
        env.services.as_mut().unwrap()[3].replicas = Some(9);
        let text = project_text(&p, &mut parts).unwrap();
        assert_eq!((parts.emitted, text), (1, crate::yaml::to_string(&p).unwrap()));
    }
}
