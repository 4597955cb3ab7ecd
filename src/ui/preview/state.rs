//! What the preview shows, as signals and memos over the snapshot: the list
//! of paths and the files the last change touched (signals set only when
//! their value changes), the filter, the selected file and its text, and the
//! imported original it can be compared with. The components of the preview
//! read these and nothing else.

use crate::ui::reruns::tick;
use crate::ui::slices::Slices;
use crate::ui::studio::Studio;
use crate::view::preview::{chunks, filtered, groups, Chunk, Group};
use leptos::prelude::*;
use std::collections::HashSet;
use std::sync::Arc;
use xgen_core::layout::{BundleFile, PROJECTS_DIR};
use xgen_core::rendered::Rendered;

/// The files an edit touched: by index when the paths are last time's.
enum Touched {
    At(Vec<usize>),
    Paths(HashSet<String>),
}

/// The preview's state; `Copy`, handed to each of its components.
#[derive(Clone, Copy)]
pub struct PreviewState {
    /// Every path of the bundle, sorted.
    pub paths: RwSignal<Vec<String>>,
    /// The files the last change rewrote or added.
    pub changed: RwSignal<HashSet<String>>,
    /// The filter's text.
    pub query: RwSignal<String>,
    /// The paths the filter lets through, and their groups.
    pub shown_paths: Memo<Vec<String>>,
    pub tree_groups: Memo<Vec<Group>>,
    /// A bundle small enough to open with every group unfolded.
    pub small: Memo<bool>,
    /// The file the user picked.
    pub selected: RwSignal<String>,
    /// The file shown: the picked one, or the project file when it is gone.
    pub current_path: RwSignal<Option<String>>,
    pub current: Memo<Option<BundleFile>>,
    /// The shown file's text as imported, if it was.
    pub original: Memo<Option<String>>,
    /// "Compare with imported" is ticked.
    pub compare: RwSignal<bool>,
    /// The diff is shown: ticked, and there is an original.
    pub showing_diff: Memo<bool>,
    /// The shown file's lines, in content-defined chunks.
    pub chunks: Memo<Vec<Chunk>>,
    /// Each file button's own marks (keyed slices): an edit that marks other
    /// files, or picking another file, wakes only the buttons whose mark flips.
    pub changed_marks: Slices<String, ()>,
    pub selected_mark: Slices<String, ()>,
    /// On a narrow screen the file list folds away above the file; it is
    /// open (picking a file closes it).
    pub files_open: RwSignal<bool>,
}

impl PreviewState {
    pub fn new(studio: Studio) -> PreviewState {
        let (snapshot, sources) = (studio.snapshot, studio.sources);
        // The tree depends on the list of paths only, and these two are
        // signals set when their value changes, not memos over the snapshot:
        // an edit that changes file contents then wakes none of the tree's
        // thousands of buttons (a 100-service project has 2,500 files), not
        // even to check.
        let paths = RwSignal::new(Vec::<String>::new());
        // The previous snapshot is kept to compare texts; the first one marks
        // nothing. Another project (an import, the example at start: a new
        // generation, `Editor::generation`) marks nothing; a renamed project
        // keeps its marks.
        let changed = RwSignal::new(HashSet::<String>::new());
        let previous = StoredValue::new(None::<(u64, Arc<Rendered>)>);
        // The indices of the files `changed` holds, while the paths stay the
        // same: a project-wide edit marks the same 600 files edit after edit,
        // and comparing indices spares making and comparing 600 paths.
        let marked = StoredValue::new(None::<Vec<usize>>);
        Effect::new(move |_| {
            let _tick = tick();
            let (rendered, now_generation) = snapshot.with(|s| (s.rendered.clone(), s.generation));
            let files = rendered.files().unwrap_or_default();
            // Most edits add or remove no file: the paths are then last
            // time's, in the same order, and each file is compared with the
            // one at its own index, not looked up by path. A text kept from
            // the last render is the same `Arc`, compared by address first,
            // and a text written later is not written to compare it
            // (`FileText::same`).
            let (same_paths, touched) = previous.with_value(|prev| {
                let Some((was, prev)) = prev else { return (false, Touched::Paths(HashSet::new())) };
                let old = prev.files().unwrap_or_default();
                let same = old.len() == files.len() && old.iter().zip(files).all(|(a, b)| a.path == b.path);
                let touched = if *was != now_generation {
                    Touched::Paths(HashSet::new())
                } else if same {
                    Touched::At(
                        old.iter()
                            .zip(files)
                            .enumerate()
                            .filter(|(_, (a, b))| !a.text.same(&b.text))
                            .map(|(i, _)| i)
                            .collect(),
                    )
                } else {
                    Touched::Paths(
                        files
                            .iter()
                            .filter(|f| prev.file(&f.path).is_none_or(|old| !old.text.same(&f.text)))
                            .map(|f| f.path.to_string())
                            .collect(),
                    )
                };
                (same, touched)
            });
            let touched = match touched {
                Touched::At(at) if marked.with_value(|m| m.as_ref() == Some(&at)) => None,
                Touched::At(at) => {
                    let paths = at.iter().map(|&i| files[i].path.to_string()).collect();
                    marked.set_value(Some(at));
                    Some(paths)
                }
                Touched::Paths(paths) => {
                    marked.set_value(None);
                    Some(paths)
                }
            };
            if let Some(touched) = touched.filter(|t| changed.with_untracked(|c| c != t)) {
                changed.set(touched);
            }
            if !same_paths {
                // Sorted by path: a path twice (a service listed twice,
                // XS203) is one file, in the tree and in the count of files.
                let mut now: Vec<String> = files.iter().map(|f| f.path.to_string()).collect();
                now.dedup();
                if paths.with_untracked(|p| *p != now) {
                    paths.set(now);
                }
            }
            previous.set_value(Some((now_generation, rendered)));
        });

        let selected = RwSignal::new(String::from(PROJECTS_DIR));
        let current_path = RwSignal::new(None::<String>);
        Effect::new(move |_| {
            let _tick = tick();
            let want = selected.get();
            let now = paths.with(|p| {
                if p.binary_search(&want).is_ok() {
                    Some(want)
                } else {
                    p.iter().find(|p| p.starts_with(PROJECTS_DIR)).cloned()
                }
            });
            if current_path.with_untracked(|c| *c != now) {
                current_path.set(now);
            }
        });
        let current = Memo::new(move |_| {
            let _tick = tick();
            let path = current_path.get();
            path.and_then(|p| snapshot.with(|s| s.rendered.file(&p).cloned()))
        });
        let original = Memo::new(move |_| {
            current.with(|c| c.as_ref().and_then(|c| sources.with(|s| s.get(c.path.as_str()).cloned())))
        });

        let query = RwSignal::new(String::new());
        let shown_paths = Memo::new(move |_| query.with(|q| paths.with(|p| filtered(p, q))));
        let tree_groups = Memo::new(move |_| shown_paths.with(|p| groups(p)));
        let small = Memo::new(move |_| paths.with(|p| p.len() <= 400));

        let compare = RwSignal::new(false);
        let showing_diff = Memo::new(move |_| compare.get() && original.with(Option::is_some));
        // The plain view is keyed by chunk of lines (`view::preview::chunks`):
        // an edit re-creates only the chunk it changed.
        let chunks = Memo::new(move |_| {
            let _tick = tick();
            current.with(|c| c.as_ref().map(|f| chunks(&f.text)).unwrap_or_default())
        });

        let changed_marks = Slices::new(move || changed.with(|c| c.iter().map(|p| (p.clone(), ())).collect()));
        let selected_mark = Slices::new(move || current_path.with(|c| c.iter().map(|p| (p.clone(), ())).collect()));
        PreviewState {
            paths,
            changed,
            query,
            shown_paths,
            tree_groups,
            small,
            selected,
            current_path,
            current,
            original,
            compare,
            showing_diff,
            chunks,
            changed_marks,
            selected_mark,
            files_open: RwSignal::new(false),
        }
    }
}
