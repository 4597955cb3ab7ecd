//! A count of the page's effects and memos that re-ran, for the benchmark
//! (`scripts/bench-browser.mjs` reads it as `window.__xgenReruns()`, and by
//! the place of each call as `window.__xgenRerunsBy()`). Only in
//! a page built with the `bench` feature (`trunk build --features bench`);
//! in the product, [`tick`] is an empty function the compiler removes.
//!
//! The count is of the page's own reactive closures that call [`tick`]: every
//! memo and effect of the studio, the preview, the problems list, the keyed
//! slices and the form fields (a field's shown value, its rule's message and
//! its problems). Leptos' own nodes (a `<Show>`, a `<For>`'s keys) are not in it.

#[cfg(feature = "bench")]
static COUNT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

#[cfg(feature = "bench")]
thread_local! {
    /// The count and the time (ms, each closure with what it calls) by the
    /// place of the `tick` call (`window.__xgenRerunsBy()`), to find which
    /// closures an edit re-runs and what they cost.
    static BY_PLACE: std::cell::RefCell<std::collections::HashMap<&'static std::panic::Location<'static>, (u64, f64)>> =
        Default::default();
}

/// One re-run of the calling memo or effect, timed until it is dropped at
/// the end of the closure.
#[must_use]
pub struct Tick {
    #[cfg(feature = "bench")]
    place: &'static std::panic::Location<'static>,
    #[cfg(feature = "bench")]
    start: f64,
}

#[cfg(feature = "bench")]
impl Drop for Tick {
    fn drop(&mut self) {
        let ms = super::browser::now_ms() - self.start;
        BY_PLACE.with_borrow_mut(|m| m.entry(self.place).or_default().1 += ms);
    }
}

/// One re-run of the calling memo or effect: `let _tick = tick();` first in
/// the closure.
#[inline(always)]
#[track_caller]
pub fn tick() -> Tick {
    #[cfg(feature = "bench")]
    {
        COUNT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let place = std::panic::Location::caller();
        BY_PLACE.with_borrow_mut(|m| m.entry(place).or_default().0 += 1);
        Tick { place, start: super::browser::now_ms() }
    }
    #[cfg(not(feature = "bench"))]
    Tick {}
}

/// Makes `window.__xgenReruns()` return the count (bench builds only).
pub fn expose() {
    #[cfg(feature = "bench")]
    {
        use wasm_bindgen::prelude::*;
        let read = Closure::<dyn Fn() -> f64>::new(|| COUNT.load(std::sync::atomic::Ordering::Relaxed) as f64);
        // `file:line count ms` per line, the places in no particular order.
        let by = Closure::<dyn Fn() -> String>::new(|| {
            BY_PLACE.with_borrow(|m| {
                m.iter().map(|(p, (n, ms))| format!("{}:{} {n} {ms:.3}\n", p.file(), p.line())).collect()
            })
        });
        if let Some(w) = web_sys::window() {
            let _ = js_sys::Reflect::set(&w, &JsValue::from_str("__xgenReruns"), read.as_ref());
            let _ = js_sys::Reflect::set(&w, &JsValue::from_str("__xgenRerunsBy"), by.as_ref());
        }
        read.forget();
        by.forget();
    }
}
