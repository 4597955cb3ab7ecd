//! The page's one source of truth and what is derived from it, provided to
//! every component through the context.
//!
//! The memo graph (ARCHITECTURE.md draws it): `state` → `snapshot` (one
//! incremental render per state, `xgen_core::rendered::Renderer`) →
//! `problems` (the checks over the snapshot, with the PromQL worker's
//! verdicts) and everything the views show. Nothing is computed from the
//! state a second way, and nothing is copied into a store of its own.

use super::banner::Banner;
use super::browser::now_ms;
use super::editor::Editor;
use super::promql::PromqlChecker;
use leptos::prelude::*;
use std::collections::BTreeMap;
use std::sync::Arc;
use xgen_core::checks::{run_all, Problem};
use xgen_core::rendered::{Rendered, Renderer};
use xgen_core::ProjectState;

/// The rendered snapshot of the current state and how long it took, in ms.
#[derive(Clone, Debug)]
pub struct Snapshot {
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
    pub state: RwSignal<ProjectState>,
    pub editor: Editor,
    pub snapshot: Memo<Snapshot>,
    pub problems: Memo<Vec<Problem>>,
    pub banner: RwSignal<Option<Banner>>,
    /// The original text of imported files, by bundle path: what the
    /// preview's diff compares with. It describes the import, not the project.
    pub sources: RwSignal<BTreeMap<String, String>>,
}

impl Studio {
    /// Creates the state and its derived memos, and provides them.
    pub fn provide() -> Studio {
        let state = RwSignal::new(ProjectState::empty());
        let editor = Editor::new(state);
        // The renderer remembers the last render, so an edit re-renders only
        // what it changed.
        let renderer = StoredValue::new(Renderer::new());
        let snapshot = Memo::new(move |_| {
            let start = now_ms();
            let rendered = state.with(|s| renderer.try_update_value(|r| r.render(s))).expect("the renderer lives");
            Snapshot { rendered: Arc::new(rendered), millis: now_ms() - start }
        });
        let promql = PromqlChecker::new(state);
        provide_context(promql);
        let problems = Memo::new(move |_| {
            let snapshot = snapshot.get();
            state.with(|s| run_all(s, &snapshot.rendered, &promql))
        });
        let studio = Studio {
            state,
            editor,
            snapshot,
            problems,
            banner: RwSignal::new(None),
            sources: RwSignal::new(BTreeMap::new()),
        };
        provide_context(studio);
        provide_context(editor);
        studio
    }

    pub fn error(&self, message: super::i18n::Msg) {
        self.banner.set(Some(Banner::Error(message)));
    }

    pub fn info(&self, message: super::i18n::Msg) {
        self.banner.set(Some(Banner::Info(message)));
    }
}

/// The studio from the context.
pub fn studio() -> Studio {
    expect_context::<Studio>()
}
