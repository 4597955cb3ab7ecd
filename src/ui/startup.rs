//! What the page opens on: a share link in the address, else the work saved
//! in this browser, else the built-in example.

use super::autosave;
use super::browser;
use super::i18n::Msg;
use super::importing::{load_example, Announce};
use super::storage::{self, Place};
use super::studio::Studio;
use crate::i18n::{
    LINK_NOT_OPENED, OPENED_EXAMPLE_INSTEAD, OPENED_SHARED, RESTORED, RESTORED_INSTEAD, RESTORED_OLDER, RESTORE_FAILED,
    UNSAVED_EDITS_LOST,
};
use leptos::prelude::*;
use xgen_core::{session, share};

pub fn start(studio: Studio) {
    let shared = browser::location_hash().filter(|h| share::is_share_fragment(h)).map(|h| share::decode(&h));
    if shared.is_some() {
        browser::clear_hash();
    }
    let link_error = match &shared {
        Some(Err(e)) => Some(Msg::fill(LINK_NOT_OPENED, vec![("error", e.to_string())])),
        _ => None,
    };
    if let Some(Ok(opened)) = shared {
        studio.editor.open(opened);
        // A link holds the project, not its sender's baseline: the Changes
        // view says so (docs/decisions.md).
        studio.set_baseline_of(super::studio::BaselineOrigin::Shared);
        studio.info(Msg::text(OPENED_SHARED));
        return;
    }
    let saved_text = storage::load(Place::Local, session::STORAGE_KEY);
    let older = saved_text.as_deref().is_some_and(autosave::restored_is_older);
    let baseline = saved_text.as_deref().and_then(autosave::restored_baseline);
    match saved_text.map(|text| session::restore(&text)) {
        Some(Ok(saved)) => {
            studio.editor.open(saved);
            // The baseline and the originals kept beside the work count the
            // changes as before the reload; without them, restored work is
            // its own baseline.
            match baseline {
                Some(kept) => {
                    studio.baseline.set(Some(std::sync::Arc::new(xgen_core::rendered::render(&kept.state))));
                    studio.sources.set(kept.originals);
                    let origin = kept.origin.as_deref().and_then(super::studio::BaselineOrigin::parse);
                    studio.baseline_origin.set(origin.unwrap_or(super::studio::BaselineOrigin::Opened));
                }
                None => studio.set_baseline(),
            }
            match link_error {
                Some(e) => studio.error(e.then(Msg::text(RESTORED_INSTEAD))),
                None if older => studio.error(Msg::text(RESTORED_OLDER)),
                None => studio.info(Msg::text(RESTORED)),
            }
        }
        Some(Err(e)) => {
            let restore = Msg::fill(RESTORE_FAILED, vec![("error", e.to_string())]);
            studio.error(match link_error {
                Some(l) => l.then(restore),
                None => restore,
            });
            load_example(studio, Announce::Quietly);
        }
        None => {
            if let Some(e) = link_error {
                studio.error(e.then(Msg::text(OPENED_EXAMPLE_INSTEAD)));
            } else if autosave::edits_were_lost() {
                studio.error(Msg::text(UNSAVED_EDITS_LOST));
            }
            load_example(studio, Announce::Quietly);
        }
    }
}
