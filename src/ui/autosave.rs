//! Autosave: once the user has changed something in this tab (there is
//! history), the work is kept in this browser. The example opened at
//! start-up is not saved: there is no work to keep. It is written when typing
//! pauses and when the page is hidden or left (reload, close), not at every
//! keystroke; the text comes from the snapshot, which already holds every
//! source file.
//!
//! Nothing is lost silently: a save the browser refuses (a full or disabled
//! storage) is shown in the header until a later one succeeds, and two
//! markers let the next start-up tell restored work that is older than the
//! last edit ([`restored_is_older`]).

use super::storage::{self, Place};
use super::studio::Studio;
use leptos::ev;
use leptos::prelude::*;
use xgen_core::session;

/// How long typing pauses before the work is saved in this browser.
const PAUSE: std::time::Duration = std::time::Duration::from_millis(300);
/// When the work in local storage was saved (ms since the epoch).
const SAVED_AT: &str = "xgen-studio/session/saved-at";
/// When this tab last had work to save (session storage: it has its own
/// quota, and survives a reload of the tab).
const EDITED_AT: &str = "xgen-studio/session/edited-at";

/// What the last save of the work did.
#[derive(Clone, Debug, PartialEq)]
pub enum Saving {
    /// Nothing to save yet (no edit in this tab).
    Idle,
    Saved,
    /// The browser refused it: its error (`QuotaExceededError`).
    Failed(String),
}

pub fn keep(studio: Studio) {
    let save_now = move || {
        let worked = studio.editor.history.with_untracked(|h| h.can_undo() || h.can_redo());
        if !worked || !studio.state.with_untracked(|s| s.has_project()) {
            return;
        }
        let now = js_sys::Date::now().to_string();
        // Session storage is small and separate; if even it refuses, the
        // header still says the work is not saved.
        let _ = storage::save(Place::Tab, EDITED_AT, &now);
        let result = studio.snapshot.with_untracked(|s| session::save(&s.rendered)).map_err(|e| e.to_string());
        let result = result.and_then(|text| write(&text, &now));
        let saving = match result {
            Ok(()) => Saving::Saved,
            Err(e) => Saving::Failed(e),
        };
        if studio.saving.with_untracked(|s| *s != saving) {
            studio.saving.set(saving);
        }
    };
    let pending = StoredValue::new(None::<TimeoutHandle>);
    Effect::new(move |_| {
        studio.state.track();
        studio.editor.history.track();
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        pending.set_value(set_timeout_with_handle(save_now, PAUSE).ok());
    });
    let _ = window_event_listener(ev::pagehide, move |_| save_now());
    let _ = window_event_listener(ev::visibilitychange, move |_| save_now());
}

/// Writes the work and its marker. The old marker goes first: if the work is
/// written and its marker is not, the next start-up says "maybe older", never
/// "up to date" about work that is not.
fn write(text: &str, now: &str) -> Result<(), String> {
    storage::remove(Place::Local, SAVED_AT);
    storage::save(Place::Local, session::STORAGE_KEY, text)?;
    storage::save(Place::Local, SAVED_AT, now)
}

/// Whether this tab had work after the one saved in this browser: its last
/// edit is later than the save, or it had work and nothing says when the
/// save was made.
pub fn restored_is_older() -> bool {
    let time = |place, key| storage::load(place, key).and_then(|t| t.parse::<f64>().ok());
    match (time(Place::Tab, EDITED_AT), time(Place::Local, SAVED_AT)) {
        (Some(edited), Some(saved)) => edited > saved,
        (Some(_), None) => true,
        (None, _) => false,
    }
}

/// Whether this tab had work that this browser does not hold at all.
pub fn edits_were_lost() -> bool {
    storage::load(Place::Tab, EDITED_AT).is_some()
}
