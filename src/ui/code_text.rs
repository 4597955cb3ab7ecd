//! Backtick spans of a message shown as `<code>` (crate::view::code_spans).
//! Every part is a text node, never HTML.

use crate::view::code_spans::code_spans;
use leptos::prelude::*;

/// `text` as prose with `<code>` spans.
pub fn code_text(text: &str) -> impl IntoView {
    code_spans(text)
        .into_iter()
        .map(|(code, s)| if code { view! { <code translate="no">{s}</code> }.into_any() } else { s.into_any() })
        .collect_view()
}
