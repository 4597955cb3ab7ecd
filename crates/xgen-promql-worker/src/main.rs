//! The page's PromQL worker: a Web Worker that parses PromQL for XS406 (see
//! `xgen_core::checks::xs406_promql_syntax`). The parser is too large for the page
//! itself, so the page starts this worker, and downloads its wasm, only once a
//! rule has a hand-written expression.
//!
//! Protocol: once it listens, the worker posts `"ready"` (what the page posts
//! earlier is lost while the wasm loads). Then the page posts an array of
//! expressions; the worker answers an array of the same length and order,
//! with `null` for an expression that parses and the parser's message for one
//! that does not.

#[cfg(target_arch = "wasm32")]
fn main() {
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};
    use xgen_core::alerts::syntax::promql_error;

    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_to = scope.clone();
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |e: MessageEvent| {
        let answers = js_sys::Array::new();
        for expr in js_sys::Array::from(&e.data()).iter() {
            let error = promql_error(&expr.as_string().unwrap_or_default());
            answers.push(&error.map(JsValue::from).unwrap_or(JsValue::NULL));
        }
        // A failed post has nobody to tell: the page keeps "checking".
        let _ = reply_to.post_message(&answers);
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_message.forget();
    let _ = scope.post_message(&JsValue::from_str("ready"));
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("xgen-promql-worker runs in the page (trunk builds it); natively, `xgen-studio lint` checks PromQL");
}
