//! The preview stays in view below the header while a long form scrolls
//! (`position: sticky`, `top: var(--sticky-top)`). The header's height
//! depends on its texts (language, problem counts, change counts) and on the
//! width, so it is measured, not guessed: a ResizeObserver keeps a signal of
//! it, and the page's root element carries it as `--sticky-top`.

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// Space between the header and the preview.
const GAP_PX: f64 = 12.0;

/// The header's height plus the gap, in CSS pixels (None until measured).
pub fn follow_header() -> Signal<Option<String>> {
    let height = RwSignal::new(None::<f64>);
    Effect::new(move |_| {
        let Some(header) = document().query_selector("header.top").ok().flatten() else { return };
        let measure = move || {
            let h = header.get_bounding_client_rect().height();
            if height.get_untracked() != Some(h) {
                height.set(Some(h));
            }
        };
        measure();
        let target = document().query_selector("header.top").ok().flatten();
        let callback = Closure::<dyn Fn()>::new(measure);
        if let (Ok(observer), Some(target)) = (web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()), target)
        {
            observer.observe(&target);
        }
        // The observer calls it for as long as the page lives.
        callback.forget();
    });
    Signal::derive(move || height.get().map(|h| format!("{}px", h + GAP_PX)))
}
