//! Change impact: what Argo CD would change in each environment between two
//! states (docs/bundle.md, "Change impact"), computed on their rendered
//! snapshots.
//!
//! Every document under `rendered/<env>/` is an object, named by its file
//! (relative to `rendered/<env>/`), `kind` and `metadata.name` (a document
//! without them, such as a Grafana provisioning file, is named by its file
//! and position). Objects are compared as data, so keys in another order are
//! no change; a changed object carries a unified diff of its YAML. Files
//! outside `rendered/` are the sources (the project file, values files,
//! settings, the charts) and are compared as text. Files whose text is equal
//! are skipped before any parsing, so an edit costs what it touched.

use crate::diff::unified;
use crate::inert::{html_text, inert, inert_lines, md_code_block, md_code_span};
use crate::layout::{rendered_env, RENDERED_DIR};
use crate::rendered::Rendered;
use serde::Serialize;
use serde_yaml::Value;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    Added,
    Removed,
    Changed,
}

impl ChangeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::Added => "added",
            ChangeKind::Removed => "removed",
            ChangeKind::Changed => "changed",
        }
    }
}

/// One rendered object that differs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ObjectChange {
    pub env: String,
    /// Its file under `rendered/<env>/` (`xgen-frontend/virtualservice.yaml`).
    pub file: String,
    pub kind: String,
    pub name: String,
    pub change: ChangeKind,
    /// A unified diff; for an added or removed object, all of it.
    pub diff: String,
}

/// One source file that differs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourceChange {
    pub path: String,
    pub change: ChangeKind,
    pub diff: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Impact {
    /// In environment order (as the environments are named), then file path.
    pub objects: Vec<ObjectChange>,
    pub sources: Vec<SourceChange>,
    /// Every environment of either side (head's order first), changed or not.
    #[serde(skip)]
    pub envs: Vec<String>,
}

impl Impact {
    pub fn is_empty(&self) -> bool {
        self.objects.is_empty() && self.sources.is_empty()
    }

    /// `(env, objects that change)` for every environment of either side,
    /// zero included.
    pub fn counts(&self) -> Vec<(String, usize)> {
        self.envs.iter().map(|env| (env.clone(), self.objects.iter().filter(|o| &o.env == env).count())).collect()
    }
}

/// `prd: 2 objects change · dev: 0`
pub fn summary(counts: &[(String, usize)]) -> String {
    let parts: Vec<String> = counts
        .iter()
        .map(|(env, n)| match n {
            0 => format!("{env}: 0"),
            1 => format!("{env}: 1 object changes"),
            n => format!("{env}: {n} objects change"),
        })
        .collect();
    parts.join(" · ")
}

/// The impact as plain text: the summary, then each environment's objects
/// with their diffs, then the sources. Every name is [`inert`] and every
/// diff line too (docs/security.md, "Output"): a line of the output is the
/// tool's own or one line of a diff, whose first character is the diff's.
pub fn text(impact: &Impact) -> String {
    let counts = &impact.counts();
    let mut out = format!("{}\n", inert(&summary(counts)));
    for (env, n) in counts.iter().filter(|(_, n)| *n > 0) {
        out.push_str(&format!("\n== {} ({n})\n", inert(env)));
        for o in impact.objects.iter().filter(|o| &o.env == env) {
            out.push_str(&format!(
                "{} {} {} ({})\n{}",
                o.change.as_str(),
                inert(&o.kind),
                inert(&o.name),
                inert(&o.file),
                inert_lines(&o.diff)
            ));
        }
    }
    if !impact.sources.is_empty() {
        out.push_str(&format!("\n== sources ({})\n", impact.sources.len()));
        for s in &impact.sources {
            out.push_str(&format!("{} {}\n{}", s.change.as_str(), inert(&s.path), inert_lines(&s.diff)));
        }
    }
    out
}

/// The impact for a pull-request comment: one collapsible section per
/// environment with its count, and one for the sources.
///
/// Nothing from the input is Markdown (docs/security.md, "Output"): names
/// and paths are code spans ([`md_code_span`]), diffs fenced code blocks
/// ([`md_code_block`]), environment names in the HTML of `<summary>`
/// character references ([`html_text`]). So every `<details>` is closed
/// by the tool's own `</details>`, and no heading, link, image or HTML comes
/// from the input.
pub fn markdown(impact: &Impact) -> String {
    let counts = &impact.counts();
    let summary: Vec<String> = counts
        .iter()
        .map(|(env, n)| match n {
            0 => format!("{}: 0", md_code_span(env)),
            1 => format!("{}: 1 object changes", md_code_span(env)),
            n => format!("{}: {n} objects change", md_code_span(env)),
        })
        .collect();
    let mut out = format!("### Change impact\n\n{}\n", summary.join(" · "));
    for (env, n) in counts {
        out.push_str(&format!("\n<details><summary><b>{}</b>: {n} objects change</summary>\n\n", html_text(env)));
        for o in impact.objects.iter().filter(|o| &o.env == env) {
            // A document without `kind` (Grafana's provisioning files) has none to show.
            let kind = if o.kind.is_empty() { String::new() } else { format!("{} ", md_code_span(&o.kind)) };
            out.push_str(&format!(
                "- **{}** {kind}{} ({})\n\n",
                o.change.as_str(),
                md_code_span(&o.name),
                md_code_span(&o.file)
            ));
            out.push_str(&md_code_block("diff", &o.diff));
            out.push('\n');
        }
        out.push_str("</details>\n");
    }
    if !impact.sources.is_empty() {
        out.push_str(&format!(
            "\n<details><summary><b>sources</b>: {} files change</summary>\n\n",
            impact.sources.len()
        ));
        for s in &impact.sources {
            out.push_str(&format!("- **{}** {}\n\n", s.change.as_str(), md_code_span(&s.path)));
            out.push_str(&md_code_block("diff", &s.diff));
            out.push('\n');
        }
        out.push_str("</details>\n");
    }
    out
}

/// An object's identity within its environment, and its data.
type Objects = BTreeMap<(String, String, String), Value>;

/// The objects of one rendered file (`file` relative to its environment).
fn objects_of(file: &str, text: &str, out: &mut Objects) {
    for (i, value) in crate::yaml::documents(text).into_iter().enumerate() {
        let Ok(value) = value else { continue };
        if value.is_null() {
            continue;
        }
        let kind = value.get("kind").and_then(Value::as_str).unwrap_or_default().to_owned();
        let name = value
            .get("metadata")
            .and_then(|m| m.get("name"))
            .and_then(Value::as_str)
            .map_or_else(|| format!("#{i}"), str::to_owned);
        out.insert((file.to_owned(), kind, name), value);
    }
}

fn yaml(v: &Value) -> String {
    crate::yaml::to_string(v).unwrap_or_default()
}

/// The environments in the order the two sides name them (head first).
fn env_order(base: &Rendered, head: &Rendered) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for e in head.envs.iter().chain(&base.envs) {
        if let Some(label) = &e.label {
            if !out.iter().any(|x| x == label.as_str()) {
                out.push(label.as_str().to_owned());
            }
        }
    }
    out
}

/// What Argo CD would change from `base` to `head`: a fresh [`Impacter`],
/// nothing remembered.
pub fn impact(base: &Rendered, head: &Rendered) -> Impact {
    Impacter::default().impact(base, head)
}

/// What one file contributes to an impact.
#[derive(Debug, Clone)]
enum FileImpact {
    /// A rendered file: its environment and the objects that differ, in
    /// (kind, name) order.
    Objects(String, Vec<ObjectChange>),
    Source(SourceChange),
}

/// Computes impacts and remembers, for each file that differed last time,
/// the two texts it compared and what they made. A file whose two texts are
/// the very same as last time (the snapshots share unchanged texts, and the
/// baseline does not move) is not parsed or diffed again, so an edit costs
/// the files it changed, not every file that differs from the baseline.
/// [`impact`] is the same with nothing remembered; a test holds the two
/// equal over random edit sequences (`tests/rendered.rs`).
#[derive(Debug, Default)]
pub struct Impacter {
    last: HashMap<String, Compared>,
    /// The objects of each base text read so far, by path: the baseline
    /// does not move while the project is edited, so its side of a file is
    /// read once, however often the edits change the other side.
    bases: HashMap<String, (Arc<str>, Arc<Objects>)>,
    /// Which base `bases` was read from (its file list's address): another
    /// base starts afresh.
    base_of: usize,
}

/// One file's two texts (base, head) and what they made.
#[derive(Debug)]
struct Compared {
    base: Option<Arc<str>>,
    head: Option<Arc<str>>,
    result: FileImpact,
}

fn same_text(a: Option<&Arc<str>>, b: Option<&Arc<str>>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => crate::layout::same_shared(a, b),
        (None, None) => true,
        _ => false,
    }
}

fn same_arc(a: &Option<Arc<str>>, b: Option<&Arc<str>>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => Arc::ptr_eq(a, b),
        (None, None) => true,
        _ => false,
    }
}

impl Impacter {
    pub fn new() -> Self {
        Impacter::default()
    }

    /// What Argo CD would change from `base` to `head`.
    pub fn impact(&mut self, base: &Rendered, head: &Rendered) -> Impact {
        let (old, new) = (base.files().unwrap_or_default(), head.files().unwrap_or_default());
        if self.base_of != old.as_ptr() as usize {
            self.bases.clear();
            self.base_of = old.as_ptr() as usize;
        }
        let mut next = HashMap::new();
        let mut sources = Vec::new();
        let mut envs: HashMap<String, Vec<ObjectChange>> = HashMap::new();
        // Both lists are sorted by path: one merge walk, no maps.
        let (mut i, mut j) = (0, 0);
        while i < old.len() || j < new.len() {
            let (path, a, b) = match (old.get(i), new.get(j)) {
                (Some(x), Some(y)) if x.path == y.path => {
                    i += 1;
                    j += 1;
                    (x.path.as_str(), Some(x.text.arc()), Some(y.text.arc()))
                }
                (Some(x), Some(y)) if y.path.as_str() < x.path.as_str() => {
                    j += 1;
                    (y.path.as_str(), None, Some(y.text.arc()))
                }
                (Some(x), _) => {
                    i += 1;
                    (x.path.as_str(), Some(x.text.arc()), None)
                }
                (None, Some(y)) => {
                    j += 1;
                    (y.path.as_str(), None, Some(y.text.arc()))
                }
                (None, None) => break,
            };
            // A text written later is written here, once (`FileText::arc`):
            // the impact runs after the preview.
            let (a, b) = (a.as_ref(), b.as_ref());
            if same_text(a, b) {
                continue;
            }
            let result = match self.last.remove(path) {
                Some(c) if same_arc(&c.base, a) && same_arc(&c.head, b) => c.result,
                _ => {
                    let bases = &mut self.bases;
                    let mut base_objects = |file: &str, text: &Arc<str>| match bases.get(path) {
                        Some((t, o)) if Arc::ptr_eq(t, text) => o.clone(),
                        _ => {
                            let mut objects = Objects::new();
                            objects_of(file, text, &mut objects);
                            let objects = Arc::new(objects);
                            bases.insert(path.to_owned(), (text.clone(), objects.clone()));
                            objects
                        }
                    };
                    file_impact(path, a, b.map(|t| &**t), &mut base_objects)
                }
            };
            match &result {
                FileImpact::Objects(env, changes) => {
                    envs.entry(env.clone()).or_default().extend(changes.iter().cloned())
                }
                FileImpact::Source(change) => sources.push(change.clone()),
            }
            next.insert(path.to_owned(), Compared { base: a.cloned(), head: b.cloned(), result });
        }
        self.last = next;
        let order = env_order(base, head);
        let mut objects = Vec::new();
        for env in &order {
            objects.extend(envs.remove(env).unwrap_or_default());
        }
        Impact { objects, sources, envs: order }
    }
}

/// What one file whose texts differ contributes; `base_objects` reads the
/// objects of the base text (`file` relative to its environment).
fn file_impact(
    path: &str,
    a: Option<&Arc<str>>,
    b: Option<&str>,
    base_objects: &mut dyn FnMut(&str, &Arc<str>) -> Arc<Objects>,
) -> FileImpact {
    let Some(env) = rendered_env(path) else {
        let change = match (a, b) {
            (None, _) => ChangeKind::Added,
            (_, None) => ChangeKind::Removed,
            _ => ChangeKind::Changed,
        };
        let diff = unified(&format!("a/{path}"), &format!("b/{path}"), a.map_or("", |a| &**a), b.unwrap_or(""));
        return FileImpact::Source(SourceChange { path: path.to_owned(), change, diff });
    };
    let file = &path[RENDERED_DIR.len() + env.len() + 1..];
    let (a_text, b_text) = (a.map(|t| &**t), b);
    let before = a.map(|a| base_objects(file, a)).unwrap_or_default();
    let mut after = Objects::new();
    if let Some(b) = b {
        objects_of(file, b, &mut after);
    }
    let mut keys: Vec<&(String, String, String)> = before.keys().chain(after.keys()).collect();
    keys.sort_unstable();
    keys.dedup();
    // A file of one object on each side (every service file): its diff is
    // the files' own, which is the object's YAML as the renderer wrote it;
    // writing 1,200 objects again for a project-wide policy edit was most
    // of the impact's time.
    let one_object = keys.len() == 1 && before.len() <= 1 && after.len() <= 1;
    let mut changes = Vec::new();
    for key in keys {
        let (a, b) = (before.get(key), after.get(key));
        let change = match (a, b) {
            (Some(a), Some(b)) if a == b => continue,
            (None, _) => ChangeKind::Added,
            (_, None) => ChangeKind::Removed,
            _ => ChangeKind::Changed,
        };
        let (file, kind, name) = key.clone();
        let label = format!("rendered/{env}/{file}");
        let diff = if one_object {
            let (old, new) = (a.and(a_text).unwrap_or(""), b.and(b_text).unwrap_or(""));
            unified(&format!("a/{label}"), &format!("b/{label}"), old, new)
        } else {
            unified(
                &format!("a/{label}"),
                &format!("b/{label}"),
                &a.map(yaml).unwrap_or_default(),
                &b.map(yaml).unwrap_or_default(),
            )
        };
        changes.push(ObjectChange { env: env.to_owned(), file, kind, name, change, diff });
    }
    FileImpact::Objects(env.to_owned(), changes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_in_another_order_are_no_change() {
        let mut a = Objects::new();
        let mut b = Objects::new();
        objects_of("f.yaml", "kind: X\nmetadata: {name: nn}\nspec: {a: 1, b: 2}\n", &mut a);
        objects_of("f.yaml", "spec: {b: 2, a: 1}\nmetadata: {name: nn}\nkind: X\n", &mut b);
        assert_eq!(a, b);
        objects_of("g.yaml", "groups: []\n---\nkind: Y\nmetadata: {name: m}\n", &mut a);
        let names: Vec<&str> = a.keys().map(|(_, _, n)| n.as_str()).collect();
        assert_eq!(names, ["nn", "#0", "m"]);
    }

    /// A file of one object shows the files' own diff: it must be the diff
    /// of the object written again, as for a file of several.
    #[test]
    fn a_one_object_file_diffs_as_its_object_written_again() {
        let text = include_str!("../../../public/examples/xgen.yaml");
        let base = crate::import(&crate::ProjectState::empty(), &[crate::InputFile::new("xgen.yaml", text)]).unwrap();
        let mut head = base.clone();
        for env in head.project.environment_names() {
            for s in crate::edit::services_mut(&mut head.project, &env) {
                s.replicas = Some(s.replicas.unwrap_or(1) + 3);
            }
        }
        crate::edit::add_environment(&mut head.project, "stg");
        let (base, head) = (crate::rendered::render(&base), crate::rendered::render(&head));
        let impact = impact(&base, &head);
        let kinds: std::collections::BTreeSet<_> = impact.objects.iter().map(|c| c.change).collect();
        assert!(kinds.len() >= 2, "changed and added objects: {kinds:?}");
        for c in &impact.objects {
            let path = format!("{RENDERED_DIR}{}/{}", c.env, c.file);
            let object = |r: &Rendered| {
                let mut o = Objects::new();
                if let Some(f) = r.file(&path) {
                    objects_of(&c.file, &f.text, &mut o);
                }
                o
            };
            let (a, b) = (object(&base), object(&head));
            if a.len() > 1 || b.len() > 1 {
                continue;
            }
            let label = format!("rendered/{}/{}", c.env, c.file);
            let again = unified(
                &format!("a/{label}"),
                &format!("b/{label}"),
                &a.values().next().map(yaml).unwrap_or_default(),
                &b.values().next().map(yaml).unwrap_or_default(),
            );
            assert_eq!(c.diff, again, "{label}");
        }
    }
}
