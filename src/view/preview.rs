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
    // A path twice (a service listed twice: XS203) is one file in the tree
    // and in its group's count.
    let mut seen = std::collections::HashSet::new();
    for path in paths.iter().filter(|p| seen.insert(p.as_str())) {
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
/// The paths whose text holds every word of `query` (any case; words are
/// separated by spaces or commas: `prd xgen-core`), in order; all of them
/// for an empty query.
pub fn filtered(paths: &[String], query: &str) -> Vec<String> {
    let query = query.to_lowercase();
    let words: Vec<&str> = query.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty()).collect();
    if words.is_empty() {
        return paths.to_vec();
    }
    paths
        .iter()
        .filter(|p| {
            let p = p.to_lowercase();
            words.iter().all(|w| p.contains(w))
        })
        .cloned()
        .collect()
}

pub fn label_of(path: &str) -> String {
    match path.strip_prefix("rendered/").and_then(|r| r.split_once('/')) {
        Some((_, rest)) => rest.to_owned(),
        None => path.strip_prefix("k3s/").unwrap_or(path).to_owned(),
    }
}

/// A run of lines of the code view, drawn as one block: an edit rebuilds the
/// chunks whose text changed, and the browser skips laying out the chunks
/// out of view.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Chunk {
    /// The chunk's text, then how often the same text occurred before it: a
    /// unique, stable key.
    pub text: String,
    pub occurrence: usize,
}

/// The fewest lines of a chunk (but the last).
const MIN: usize = 4;
/// The most lines of a chunk.
const MAX: usize = 48;
/// One line in this many ends a chunk.
const ONE_IN: u64 = 8;

/// Cuts a text into chunks at content-defined places: after a line whose
/// hash says so (about one in 8 lines, at least 4 lines in), and at most
/// every 48 lines, so that inserting or removing a line changes the chunk
/// around it and leaves the others, and their keys, as they were. A chunk
/// is about 12 lines: an edit re-creates the elements of about that many
/// lines (with 24-line chunks, building them was most of an edit of the
/// example in the page).
pub fn chunks(text: &str) -> Vec<Chunk> {
    use std::hash::{Hash, Hasher};
    let mut out = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut current = String::new();
    let mut lines = 0;
    let mut push = |current: &mut String| {
        let text = std::mem::take(current);
        let n = seen.entry(text.clone()).or_insert(0);
        *n += 1;
        out.push(Chunk { text, occurrence: *n });
    };
    for line in text.lines() {
        current.push_str(line);
        current.push('\n');
        lines += 1;
        let mut h = std::collections::hash_map::DefaultHasher::new();
        line.hash(&mut h);
        if (lines >= MIN && h.finish().is_multiple_of(ONE_IN)) || lines >= MAX {
            push(&mut current);
            lines = 0;
        }
    }
    if !current.is_empty() {
        push(&mut current);
    }
    out
}

#[cfg(test)]
mod filter_tests {
    use super::filtered;

    #[test]
    fn the_filter_keeps_paths_holding_the_query_in_any_case() {
        let paths: Vec<String> =
            ["rendered/prd/xgen-core/deployment.yaml", "rendered/dev/xgen-core/hpa.yaml", "k3s/helm-chart/values.yaml"]
                .map(String::from)
                .to_vec();
        assert_eq!(filtered(&paths, ""), paths);
        assert_eq!(filtered(&paths, "  "), paths);
        assert_eq!(filtered(&paths, "PRD/"), vec![paths[0].clone()]);
        assert_eq!(filtered(&paths, "xgen-core"), paths[..2].to_vec());
        assert!(filtered(&paths, "nothing").is_empty());
    }

    #[test]
    fn every_word_of_the_filter_must_match() {
        let paths: Vec<String> = [
            "rendered/prd/xgen-core/deployment.yaml",
            "rendered/dev/xgen-core/hpa.yaml",
            "rendered/prd/xgen-model/hpa.yaml",
        ]
        .map(String::from)
        .to_vec();
        assert_eq!(filtered(&paths, "prd xgen-core"), vec![paths[0].clone()]);
        assert_eq!(filtered(&paths, " HPA,  prd "), vec![paths[2].clone()]);
        assert!(filtered(&paths, "dev xgen-model").is_empty());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_twice_is_one_file_of_its_group() {
        let paths: Vec<String> = ["rendered/stg/argocd/application-a.yaml", "rendered/stg/argocd/application-a.yaml"]
            .map(String::from)
            .to_vec();
        let g = groups(&paths);
        assert_eq!(g[1].files, ["rendered/stg/argocd/application-a.yaml"]);
    }

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
    }

    #[test]
    fn chunks_hold_every_line_and_an_edit_changes_few() {
        let text: String = (0..2000).map(|i| format!("line {}: {}\n", i, i % 7)).collect();
        let before = chunks(&text);
        assert_eq!(before.iter().map(|c| c.text.as_str()).collect::<String>(), text, "nothing lost, nothing added");
        assert!(before.len() > 2000 / MAX && before.iter().all(|c| c.text.lines().count() <= MAX), "{}", before.len());
        // About 12 lines a chunk.
        assert!((2000 / 20..=2000 / 8).contains(&before.len()), "{} chunks", before.len());
        // One line inserted in the middle: the chunks away from it keep their keys.
        let edited = text.replacen("line 1000: ", "line 1000: edited\nline 1000: ", 1);
        let after = chunks(&edited);
        let kept = after.iter().filter(|c| before.contains(c)).count();
        assert!(after.len() - kept <= 2, "{} of {} chunks changed", after.len() - kept, after.len());
    }
}
