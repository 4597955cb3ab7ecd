//! The page's one source of truth and what is derived from it, provided to
//! every component through the context.
//!
//! The memo graph (ARCHITECTURE.md draws it): `state` → `snapshot` (one
//! incremental render per state, `xgen_core::rendered::Renderer`) → the
//! preview and every view; and `snapshot` → `checked` (the same snapshot,
//! handed on once the current task is done) → `problems` (the checks over
//! it, with the PromQL worker's verdicts). Nothing is computed from the state
//! a second way, and nothing is copied into a store of its own.

use super::banner::Banner;
use super::browser::now_ms;
use super::editor::Editor;
use super::promql::PromqlChecker;
use super::reruns::tick;
use super::slices::Slices;
use leptos::prelude::*;
use std::collections::BTreeMap;
use std::sync::Arc;
use xgen_core::checks::{run_all, Problem};
use xgen_core::impact::Impact;
use xgen_core::rendered::{Rendered, Renderer};
use xgen_core::ProjectState;

/// The rendered snapshot of a state, the state it was made of (a copy that
/// shares every part), and how long it took, in ms.
#[derive(Clone, Debug)]
pub struct Snapshot {
    pub state: ProjectState,
    /// The project generation of the state (`Editor::generation`).
    pub generation: u64,
    pub rendered: Arc<Rendered>,
    pub millis: f64,
}

/// A new snapshot is a new render: compared by identity, it always notifies.
impl PartialEq for Snapshot {
    fn eq(&self, other: &Snapshot) -> bool {
        Arc::ptr_eq(&self.rendered, &other.rendered)
    }
}

#[derive(Clone, Copy)]
pub struct Studio {
    /// The project, read-only: every change goes through `editor`.
    pub state: ReadSignal<ProjectState>,
    pub editor: Editor,
    pub snapshot: Memo<Snapshot>,
    pub problems: Memo<Vec<Problem>>,
    pub banner: RwSignal<Option<Banner>>,
    /// The original text of imported files, by bundle path: what the
    /// preview's diff compares with. It describes the import, not the project.
    pub sources: RwSignal<BTreeMap<String, String>>,
    /// The project is the built-in example (loaded at start or by "Load
    /// example"), edited or not: the page says so, and how to bring one's own.
    pub is_example: RwSignal<bool>,
    /// The problems by the element id of the field they are about
    /// (`view::ids::field_id`): each field reads its own slice, so a change
    /// of the list wakes only the fields whose problems changed.
    pub field_problems: Slices<String, Vec<Problem>>,
    /// The environments' names, in the project's order.
    pub env_names: Memo<Vec<String>>,
    /// Problems the last change brought that the list before it lacked
    /// (marked "new"); none after a new project is imported.
    pub new_problems: Memo<Vec<Problem>>,
    /// The rendered state the changes are counted against: the project as
    /// imported (a new project, a bundle, the example at start, restored
    /// work), or as the user last marked deployed ("Set as baseline").
    pub baseline: RwSignal<Option<Arc<Rendered>>>,
    /// Where the baseline came from, for the Changes view to say.
    pub baseline_origin: RwSignal<BaselineOrigin>,
    /// The baseline before the last "Set as baseline", so that it can be
    /// put back (undo and redo move the project, not the baseline).
    pub previous_baseline: RwSignal<Option<(Option<Arc<Rendered>>, BaselineOrigin)>>,
    /// What Argo CD would change from the baseline to the snapshot
    /// (`xgen_core::impact`); undo and redo move it with the state.
    pub impact: Memo<Option<Impact>>,
    /// What the last autosave did; the header says when it failed.
    pub saving: RwSignal<super::autosave::Saving>,
}

impl Studio {
    /// Creates the state and its derived memos, and provides them.
    pub fn provide() -> Studio {
        let banner = RwSignal::new(None);
        let editor = Editor::new(banner);
        let state = editor.state;
        // The renderer remembers the last render, so an edit re-renders only
        // what it changed.
        let renderer = StoredValue::new(Renderer::new());
        let snapshot = Memo::new(move |_| {
            let _tick = tick();
            let start = now_ms();
            let generation = editor.generation.get_untracked();
            state.with(|s| {
                let rendered = renderer.try_update_value(|r| r.render(s)).expect("the renderer lives");
                Snapshot { state: s.clone(), generation, rendered: Arc::new(rendered), millis: now_ms() - start }
            })
        });
        let promql = PromqlChecker::new(state);
        provide_context(promql);
        // The problems follow the preview: the checks run on the snapshot in
        // a task of their own, right after the one that shows the edit (a
        // burst of keystrokes is checked once, at its last snapshot).
        let checked = RwSignal::new(snapshot.get_untracked());
        let pending = StoredValue::new(false);
        Effect::new(move |_| {
            let _tick = tick();
            snapshot.track();
            if !pending.get_value() {
                pending.set_value(true);
                set_timeout(
                    move || {
                        pending.set_value(false);
                        checked.set(snapshot.get_untracked());
                    },
                    std::time::Duration::ZERO,
                );
            }
        });
        let problems = Memo::new(move |_| {
            let _tick = tick();
            checked.with(|s| run_all(&s.state, &s.rendered, &promql))
        });
        let field_problems = Slices::new(move || {
            problems.with(|ps| {
                let mut by_field: std::collections::HashMap<String, Vec<Problem>> = Default::default();
                for p in ps {
                    by_field.entry(crate::view::ids::field_id(p.file(), p.path())).or_default().push(p.clone());
                }
                by_field.into_iter().collect()
            })
        });
        // The list before the last change, and the project generation it was
        // about (`Editor::generation`: a rename keeps the project).
        let before = StoredValue::new((None::<u64>, Vec::<Problem>::new()));
        let new_problems = Memo::new(move |_| {
            let _tick = tick();
            // The project generation the problems are about, from the
            // checked snapshot: it lags the state by a task, so at start-up
            // restored work would otherwise be compared with the empty
            // state's list.
            let generation = checked.with_untracked(|s| s.generation);
            problems.with(|now| {
                let fresh = before.with_value(|(was_generation, was)| match was_generation {
                    Some(g) if *g == generation => {
                        // By place first: a list of thousands (a warning per
                        // service) is compared in linear time, not n x m.
                        let mut by_place: std::collections::HashMap<(&str, &str), Vec<&Problem>> = Default::default();
                        for p in was {
                            by_place.entry((p.file(), p.path())).or_default().push(p);
                        }
                        now.iter()
                            .filter(|p| !by_place.get(&(p.file(), p.path())).is_some_and(|ps| ps.contains(p)))
                            .cloned()
                            .collect()
                    }
                    _ => Vec::new(),
                });
                before.set_value((Some(generation), now.clone()));
                fresh
            })
        });
        let env_names = Memo::new(move |_| {
            let _tick = tick();
            state.with(|s| s.project.environment_names())
        });
        let baseline = RwSignal::new(None::<Arc<Rendered>>);
        // The impacter remembers what each file that differs from the
        // baseline made, so an edit parses and diffs only the files it
        // changed (or all of them once, when the baseline moves).
        // Like the problems, the impact follows the preview: it is computed
        // on the checked snapshot, in the task after the one that shows the
        // edit, so an edit that changes hundreds of files shows at once.
        let impacter = StoredValue::new(xgen_core::impact::Impacter::new());
        let impact = Memo::new(move |_| {
            let _tick = tick();
            baseline.with(|b| {
                b.as_ref().and_then(|b| {
                    checked.with(|s| {
                        // A new project's baseline is set before its first
                        // check: nothing to say until that check comes.
                        (s.generation == editor.generation.get_untracked()).then(|| {
                            impacter.try_update_value(|i| i.impact(b, &s.rendered)).expect("the impacter lives")
                        })
                    })
                })
            })
        });
        let studio = Studio {
            state,
            editor,
            snapshot,
            problems,
            banner,
            sources: RwSignal::new(BTreeMap::new()),
            is_example: RwSignal::new(false),
            field_problems,
            env_names,
            new_problems,
            baseline,
            baseline_origin: RwSignal::new(BaselineOrigin::Opened),
            previous_baseline: RwSignal::new(None),
            impact,
            saving: RwSignal::new(super::autosave::Saving::Idle),
        };
        provide_context(studio);
        studio
    }

    /// The current snapshot is the baseline of a project just opened
    /// (`origin` says how).
    pub fn set_baseline_of(&self, origin: BaselineOrigin) {
        self.previous_baseline.set(None);
        self.baseline_origin.set(origin);
        self.baseline.set(Some(self.snapshot.with_untracked(|s| s.rendered.clone())));
    }

    /// The current snapshot of an opened project is its baseline.
    pub fn set_baseline(&self) {
        self.set_baseline_of(BaselineOrigin::Opened);
    }

    /// "Set as baseline": marks the current snapshot as what is deployed,
    /// keeping the one before so that it can be put back.
    pub fn mark_deployed(&self) {
        let before = (self.baseline.get_untracked(), self.baseline_origin.get_untracked());
        self.set_baseline_of(BaselineOrigin::Marked);
        self.previous_baseline.set(Some(before));
    }

    /// Puts back the baseline the last "Set as baseline" replaced.
    pub fn put_back_baseline(&self) {
        if let Some((baseline, origin)) = self.previous_baseline.get_untracked() {
            self.previous_baseline.set(None);
            self.baseline_origin.set(origin);
            self.baseline.set(baseline);
        }
    }

    pub fn error(&self, message: super::i18n::Msg) {
        self.banner.set(Some(Banner::Error(message)));
    }

    pub fn info(&self, message: super::i18n::Msg) {
        self.banner.set(Some(Banner::Info(message)));
    }
}

/// Where the baseline came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BaselineOrigin {
    /// The project as opened: imported, the example, restored work.
    Opened,
    /// The project a share link carried (a link holds no baseline).
    Shared,
    /// "Set as baseline".
    Marked,
    /// "Start fresh".
    Fresh,
}

impl BaselineOrigin {
    /// Its word in the saved session (`session::save_baseline`).
    pub fn as_str(self) -> &'static str {
        match self {
            BaselineOrigin::Opened => "opened",
            BaselineOrigin::Shared => "shared",
            BaselineOrigin::Marked => "marked",
            BaselineOrigin::Fresh => "fresh",
        }
    }

    pub fn parse(word: &str) -> Option<BaselineOrigin> {
        [BaselineOrigin::Opened, BaselineOrigin::Shared, BaselineOrigin::Marked, BaselineOrigin::Fresh]
            .into_iter()
            .find(|o| o.as_str() == word)
    }
}

/// The studio from the context.
pub fn studio() -> Studio {
    expect_context::<Studio>()
}
