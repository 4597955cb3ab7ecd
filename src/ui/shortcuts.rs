//! Keyboard shortcuts: Ctrl+Z undoes, Ctrl+Shift+Z and Ctrl+Y redo, except in
//! the import fields, which are not part of the project.

use super::editor::Editor;
use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

pub fn listen(editor: Editor) {
    let _ = window_event_listener(ev::keydown, move |e| {
        if !(e.ctrl_key() || e.meta_key()) {
            return;
        }
        let in_import_field = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|el| matches!(el.id().as_str(), "paste-yaml" | "open-url"));
        if in_import_field {
            return;
        }
        match (e.key().to_ascii_lowercase().as_str(), e.shift_key()) {
            ("z", false) => {
                e.prevent_default();
                editor.undo();
            }
            ("z", true) | ("y", false) => {
                e.prevent_default();
                editor.redo();
            }
            _ => {}
        }
    });
}
