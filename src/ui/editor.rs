//! The one way the page changes the project: [`Editor::edit`] applies a change
//! to the state and records the state before it for undo; undo and redo swap
//! whole states; an import is an edit ([`Editor::replace`]), start-up and quiet
//! loads too ([`Editor::open`], without an undo step). The state is readable
//! everywhere and writable only here. Components get the editor from the
//! studio (`studio().editor`), provided once.
//!
//! Beside the state, the editor keeps the text of fields that are not valid
//! ([`Draft`]): such text never reaches the state, so the download would
//! silently carry the old value. The drafts outlive their section's form
//! (switching sections keeps them), the header counts them, and the
//! download refuses while any exists.

use super::banner::Banner;
use super::browser::now_ms;
use super::i18n::Msg;
use crate::i18n::{Lang, Text, EDIT_REFUSED};
use crate::view::sections::Section;
use leptos::prelude::*;
use std::collections::BTreeMap;
use xgen_core::history::History;
use xgen_core::ProjectState;

/// A state as the history keeps it: with its project generation, so that
/// undoing an import goes back to the project before it, not to a new
/// generation of it (every file of the other project would be marked
/// "changed").
#[derive(Clone, Debug, PartialEq)]
pub struct Version {
    pub state: ProjectState,
    pub generation: u64,
}

/// Invalid text typed into a field, by the field's element id.
#[derive(Clone, Debug, PartialEq)]
pub struct Draft {
    pub label: Text,
    pub text: String,
    /// The section whose form holds the field.
    pub section: Option<Section>,
    /// The environment selected when it was typed (the forms of some
    /// sections show one environment).
    pub env: String,
}

#[derive(Clone, Copy)]
pub struct Editor {
    /// The project, for reading; only the editor writes it.
    pub state: ReadSignal<ProjectState>,
    write: WriteSignal<ProjectState>,
    /// Which project this is: a new one (another project imported, the
    /// example, a share link, restored work) counts one more. The "new" and
    /// "changed" marks compare with the previous state of the same
    /// generation only; renaming the project keeps them.
    pub generation: ReadSignal<u64>,
    set_generation: WriteSignal<u64>,
    /// Generations handed out so far: each new project gets a number never
    /// used before, also after an undo went back to an older one.
    generations: StoredValue<u64>,
    pub history: RwSignal<History<Version>>,
    pub drafts: RwSignal<BTreeMap<String, Draft>>,
    /// Where an edit that is refused says why.
    banner: RwSignal<Option<Banner>>,
}

/// Edits that move list items: field ids name positions, so a draft would
/// attach to another item afterwards. They drop the drafts.
fn moves_items(key: &str) -> bool {
    ["-remove", "-move", "-drag", "-rename"].iter().any(|k| key.ends_with(k)) || key == "import"
}

impl Editor {
    pub fn new(banner: RwSignal<Option<Banner>>) -> Self {
        let (state, write) = signal(ProjectState::empty());
        let (generation, set_generation) = signal(0);
        Editor {
            state,
            write,
            generation,
            set_generation,
            generations: StoredValue::new(0),
            history: RwSignal::new(History::new(200)),
            drafts: RwSignal::new(BTreeMap::new()),
            banner,
        }
    }

    /// Applies `change`; records an undo step unless nothing changed. `key`
    /// names the field, so typing into one field is one step.
    pub fn edit(&self, key: &str, change: impl FnOnce(&mut ProjectState)) {
        self.apply(key, true, change);
    }

    /// Opens `next` as a new project without an undo step (start-up: a share
    /// link, restored work, the example).
    pub fn open(&self, next: ProjectState) {
        self.apply("import", false, |s| *s = next);
        self.new_project();
    }

    /// The state now holds another project (see [`Editor::generation`]).
    pub fn new_project(&self) {
        let next = self.generations.get_value() + 1;
        self.generations.set_value(next);
        self.set_generation.set(next);
    }

    /// The state and its generation now.
    fn version(&self) -> Version {
        Version { state: self.state.get_untracked(), generation: self.generation.get_untracked() }
    }

    /// Goes to `v`: its state, and its project generation when that is
    /// another (undo or redo across an import).
    fn go_to(&self, v: Version) {
        if self.generation.get_untracked() != v.generation {
            self.set_generation.set(v.generation);
        }
        self.write.set(v.state);
    }

    fn apply(&self, key: &str, undoable: bool, change: impl FnOnce(&mut ProjectState)) {
        let before = self.state.get_untracked();
        let mut next = before.clone();
        change(&mut next);
        // A project over a limit is refused on an edit as on an import
        // (xgen_core::limits): the state stays as it was, and the banner
        // names the limit and the count.
        if let Err(e) = xgen_core::limits::check(&next) {
            let msg = Msg::by_lang(move |l| {
                let error = match l {
                    Lang::En => e.to_string(),
                    Lang::Ko => e.ko(),
                };
                EDIT_REFUSED.fill(l, &[("error", &error)])
            });
            self.banner.set(Some(Banner::Error(msg)));
            return;
        }
        if next != before {
            if undoable {
                let generation = self.generation.get_untracked();
                self.history.update(|h| h.record(Version { state: before, generation }, key, now_ms()));
            }
            self.write.set(next);
            if moves_items(key) && self.drafts.with_untracked(|d| !d.is_empty()) {
                self.drafts.set(BTreeMap::new());
            }
        }
    }

    /// Replaces the whole state (an import) as one undo step.
    pub fn replace(&self, next: ProjectState) {
        self.edit("import", |s| *s = next);
    }

    /// Keeps `draft` as the text of field `id` (None: the field is valid again).
    pub fn set_draft(&self, id: &str, draft: Option<Draft>) {
        let same = self.drafts.with_untracked(|d| d.get(id) == draft.as_ref());
        if !same {
            self.drafts.update(|d| match draft {
                Some(draft) => {
                    d.insert(id.to_owned(), draft);
                }
                None => {
                    d.remove(id);
                }
            });
        }
    }

    pub fn undo(&self) {
        let current = self.version();
        if let Some(previous) = self.history.try_update(|h| h.undo(current)).flatten() {
            self.go_to(previous);
        }
    }

    pub fn redo(&self) {
        let current = self.version();
        if let Some(next) = self.history.try_update(|h| h.redo(current)).flatten() {
            self.go_to(next);
        }
    }
}
