//! A count of the page's effects and memos that re-ran, for the benchmark
//! (`scripts/bench-browser.mjs` reads it as `window.__xgenReruns()`). Only in
//! a page built with the `bench` feature (`trunk build --features bench`);
//! in the product, [`tick`] is an empty function the compiler removes.
//!
//! The count is of the page's own reactive closures that call [`tick`]: every
//! memo and effect of the studio, the preview, the problems list, the keyed
//! slices and the form fields (a field's shown value, its rule's message and
//! its problems). Leptos' own nodes (a `<Show>`, a `<For>`'s keys) are not in it.

#[cfg(feature = "bench")]
static COUNT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// One re-run of the calling memo or effect.
#[inline(always)]
pub fn tick() {
    #[cfg(feature = "bench")]
    COUNT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
}

/// Makes `window.__xgenReruns()` return the count (bench builds only).
pub fn expose() {
    #[cfg(feature = "bench")]
    {
        use wasm_bindgen::prelude::*;
        let read = Closure::<dyn Fn() -> f64>::new(|| COUNT.load(std::sync::atomic::Ordering::Relaxed) as f64);
        if let Some(w) = web_sys::window() {
            let _ = js_sys::Reflect::set(&w, &JsValue::from_str("__xgenReruns"), read.as_ref());
        }
        read.forget();
    }
}
