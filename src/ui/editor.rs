//! The one way the page changes the project: [`Editor::edit`] applies a change
//! to the state and records the state before it for undo; undo and redo swap
//! whole states. Forms get the editor from the Leptos context.

use super::browser::now_ms;
use leptos::prelude::*;
use xgen_core::history::History;
use xgen_core::ProjectState;

#[derive(Clone, Copy)]
pub struct Editor {
    pub state: RwSignal<ProjectState>,
    pub history: RwSignal<History<ProjectState>>,
}

impl Editor {
    pub fn new(state: RwSignal<ProjectState>) -> Self {
        Editor { state, history: RwSignal::new(History::new(200)) }
    }

    /// Applies `change`; records an undo step unless nothing changed. `key`
    /// names the field, so typing into one field is one step.
    pub fn edit(&self, key: &str, change: impl FnOnce(&mut ProjectState)) {
        let before = self.state.get_untracked();
        let mut next = before.clone();
        change(&mut next);
        if next != before {
            self.history.update(|h| h.record(before, key, now_ms()));
            self.state.set(next);
        }
    }

    /// Replaces the whole state (an import) as one undo step.
    pub fn replace(&self, next: ProjectState) {
        self.edit("import", |s| *s = next);
    }

    pub fn undo(&self) {
        let current = self.state.get_untracked();
        if let Some(previous) = self.history.try_update(|h| h.undo(current)).flatten() {
            self.state.set(previous);
        }
    }

    pub fn redo(&self) {
        let current = self.state.get_untracked();
        if let Some(next) = self.history.try_update(|h| h.redo(current)).flatten() {
            self.state.set(next);
        }
    }
}
