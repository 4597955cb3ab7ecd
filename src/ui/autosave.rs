//! Autosave: once the user has changed something in this tab (there is
//! history), the work is kept in this browser. The example opened at
//! start-up is not saved: there is no work to keep. It is written when typing
//! pauses and when the page is hidden or left (reload, close), not at every
//! keystroke; the text comes from the snapshot, which already holds every
//! source file.
//!
//! Nothing is lost silently: a save the browser refuses (a full or disabled
//! storage) is shown in the header until a later one succeeds, and a marker
//! in the tab's session storage (a hash of the work it last tried to save)
//! lets the next start-up tell restored work that is not the tab's last
//! ([`restored_is_older`]).

use super::storage::{self, Place};
use super::studio::{BaselineOrigin, Studio};
use leptos::ev;
use leptos::prelude::*;
use std::collections::BTreeMap;
use std::sync::Arc;
use xgen_core::rendered::Rendered;
use xgen_core::session;

/// How long typing pauses before the work is saved in this browser.
const PAUSE: std::time::Duration = std::time::Duration::from_millis(300);
/// A hash of the work this tab last tried to save (session storage: it has
/// its own quota, and survives a reload of the tab, not the tab).
const LAST_WORK: &str = "xgen-studio/session/last-work";

/// FNV-1a, 64 bits: enough to tell two saves apart, and the same in every
/// build (std's hasher is seeded per process).
fn hash(text: &str) -> String {
    let h = text.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3));
    format!("{h:016x}")
}

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
    let kept = StoredValue::new(None);
    let save_now = move || {
        let worked = studio.editor.history.with_untracked(|h| h.can_undo() || h.can_redo());
        if !worked || !studio.state.with_untracked(|s| s.has_project()) {
            return;
        }
        let result = studio.snapshot.with_untracked(|s| session::save(&s.rendered)).map_err(|e| e.to_string());
        let result = result.and_then(|text| {
            // Session storage is small and separate; if even it refuses,
            // the header still says when the work is not saved.
            let _ = storage::save(Place::Tab, LAST_WORK, &hash(&text));
            storage::save(Place::Local, session::STORAGE_KEY, &text)?;
            keep_baseline(studio, &hash(&text), kept);
            Ok(())
        });
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

/// The hash of the work the kept baseline belongs to.
const BASELINE_FOR: &str = "xgen-studio/session/v1/baseline-for";

/// The baseline and the originals last written, so an unchanged baseline is
/// not written again at every save.
type Kept = StoredValue<Option<(Arc<Rendered>, BTreeMap<String, String>, BaselineOrigin)>>;

/// Keeps the baseline and the originals beside the work (hash `work`), so a
/// reload keeps what is pending: the Changes, the "new" marks, "Compare
/// with imported". A baseline the browser refuses is forgotten, not left
/// to pair with other work; the reload then counts from the restored work,
/// as before.
fn keep_baseline(studio: Studio, work: &str, kept: Kept) {
    let Some(baseline) = studio.baseline.get_untracked() else {
        storage::remove(Place::Local, BASELINE_FOR);
        return;
    };
    let origin = studio.baseline_origin.get_untracked();
    let same = kept.with_value(|k| {
        k.as_ref().is_some_and(|(b, o, from)| {
            Arc::ptr_eq(b, &baseline) && *from == origin && studio.sources.with_untracked(|s| s == o)
        })
    });
    if !same {
        let written = studio
            .sources
            .with_untracked(|o| session::save_baseline(&baseline, o, origin.as_str()))
            .map_err(|e| e.to_string())
            .and_then(|text| storage::save(Place::Local, session::BASELINE_KEY, &text));
        if written.is_err() {
            kept.set_value(None);
            storage::remove(Place::Local, BASELINE_FOR);
            return;
        }
        kept.set_value(Some((baseline, studio.sources.get_untracked(), origin)));
    }
    if storage::save(Place::Local, BASELINE_FOR, work).is_err() {
        storage::remove(Place::Local, BASELINE_FOR);
    }
}

/// The baseline kept beside `restored` (the work's text read back), if it
/// belongs to that work.
pub fn restored_baseline(restored: &str) -> Option<session::RestoredBaseline> {
    if storage::load(Place::Local, BASELINE_FOR)? != hash(restored) {
        return None;
    }
    session::restore_baseline(&storage::load(Place::Local, session::BASELINE_KEY)?).ok()
}

/// Whether this tab last had other work than `restored` (the text read back
/// from local storage): its last save was refused.
pub fn restored_is_older(restored: &str) -> bool {
    storage::load(Place::Tab, LAST_WORK).is_some_and(|last| last != hash(restored))
}

/// Whether this tab had work that this browser does not hold at all.
pub fn edits_were_lost() -> bool {
    storage::load(Place::Tab, LAST_WORK).is_some()
}
