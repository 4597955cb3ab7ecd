//! Files reach the studio from anywhere on the page: dropped (the whole page
//! is the drop zone) or pasted outside a text field (files, or YAML text).

use super::importing::{apply, apply_file_list, Announce};
use super::studio::Studio;
use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use xgen_core::InputFile;

/// Listens for drops and pastes; `dragging` is true while files hover.
pub fn listen(studio: Studio, dragging: RwSignal<bool>) {
    let _ = window_event_listener(ev::dragover, |e| e.prevent_default());
    let _ = window_event_listener(ev::dragenter, move |e| {
        // Only files: dragging a route row to reorder it is not an import.
        let files = e.data_transfer().is_some_and(|d| d.types().includes(&"Files".into(), 0));
        if files {
            e.prevent_default();
            dragging.set(true);
        }
    });
    let _ = window_event_listener(ev::dragleave, move |e| {
        // Leaving the window (not moving between children) ends the hover.
        if e.related_target().is_none() {
            dragging.set(false);
        }
    });
    let _ = window_event_listener(ev::drop, move |e| {
        e.prevent_default();
        dragging.set(false);
        let Some(data) = e.data_transfer() else { return };
        // A folder (Chromium, Firefox and Safari give its entries).
        if super::folder::drop_folder(studio, &data) {
            return;
        }
        if let Some(files) = data.files() {
            apply_file_list(studio, files);
        }
    });
    let _ = window_event_listener(ev::paste, move |e| {
        let in_field = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA"));
        if in_field {
            return;
        }
        let Some(data) = e.clipboard_data() else { return };
        e.prevent_default();
        match data.files() {
            Some(files) if files.length() > 0 => apply_file_list(studio, files),
            _ => {
                if let Ok(text) = data.get_data("text") {
                    apply(studio, vec![InputFile::new("(pasted text)", text)], Announce::Yes);
                }
            }
        }
    });
}
