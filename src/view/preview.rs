//! The preview's file tree and lines, as data.

use std::collections::{BTreeMap, HashMap};
use xgen_core::layout::rendered_env;

/// A group of the tree: the sources and charts, or one environment's
/// rendered objects.
#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    /// The environment; None for the sources and charts.
    pub env: Option<String>,
    pub files: Vec<String>,
}

pub fn groups(paths: &[String]) -> Vec<Group> {
    let mut sources = Vec::new();
    let mut envs: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for path in paths {
        match rendered_env(path) {
            Some(env) => envs.entry(env.to_owned()).or_default().push(path.clone()),
            None => sources.push(path.clone()),
        }
    }
    std::iter::once(Group { env: None, files: sources })
        .chain(envs.into_iter().map(|(env, files)| Group { env: Some(env), files }))
        .collect()
}

/// The tree shows paths within their group: `xgen-frontend/deployment.yaml`
/// under an environment, `argocd/projects/xgen.yaml` under the sources.
pub fn label_of(path: &str) -> String {
    match path.strip_prefix("rendered/").and_then(|r| r.split_once('/')) {
        Some((_, rest)) => rest.to_owned(),
        None => path.strip_prefix("k3s/").unwrap_or(path).to_owned(),
    }
}

/// Each line with the number of times the same text occurred before it: a
/// unique, stable key per line.
pub fn keyed_lines(text: &str) -> Vec<(String, usize)> {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    text.lines()
        .map(|line| {
            let n = seen.entry(line).or_insert(0);
            *n += 1;
            (line.to_owned(), *n)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_and_labels() {
        let paths: Vec<String> =
            ["k3s/argocd/projects/x.yaml", "rendered/dev/a/service.yaml", "rendered/prd/argocd/appproject.yaml"]
                .map(String::from)
                .to_vec();
        let g = groups(&paths);
        assert_eq!(g.iter().map(|g| g.env.as_deref()).collect::<Vec<_>>(), [None, Some("dev"), Some("prd")]);
        assert_eq!(label_of("rendered/dev/a/service.yaml"), "a/service.yaml");
        assert_eq!(label_of("k3s/argocd/projects/x.yaml"), "argocd/projects/x.yaml");
        assert_eq!(keyed_lines("a\nb\na\n"), [("a".to_owned(), 1), ("b".to_owned(), 1), ("a".to_owned(), 2)]);
    }
}
