//! Autosave: once the user has changed something in this tab (there is
//! history), the work is kept in this browser. The example opened at
//! start-up is not saved: there is no work to keep. It is written when typing
//! pauses and when the page is hidden or left (reload, close), not at every
//! keystroke; the text comes from the snapshot, which already holds every
//! source file.

use super::storage;
use super::studio::Studio;
use leptos::ev;
use leptos::prelude::*;
use xgen_core::session;

/// How long typing pauses before the work is saved in this browser.
const PAUSE: std::time::Duration = std::time::Duration::from_millis(300);

pub fn keep(studio: Studio) {
    let save_now = move || {
        let worked = studio.editor.history.with_untracked(|h| h.can_undo() || h.can_redo());
        if !worked || !studio.state.with_untracked(|s| s.has_project()) {
            return;
        }
        if let Ok(text) = studio.snapshot.with_untracked(|s| session::save(&s.rendered)) {
            storage::save(session::STORAGE_KEY, &text);
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
