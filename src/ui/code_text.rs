//! Backtick spans of a message shown as `<code>` (crate::view::code_spans).
//! Every part is a text node, never HTML, and hidden characters (bidirectional
//! controls, zero-width characters, control characters) are shown escaped:
//! a file or key name in a message reads as what it is.

use crate::view::code_spans::code_spans;
use leptos::prelude::*;
use xgen_core::hidden::visible;

/// A name as the page shows it: hidden characters escaped.
pub fn name_text(name: &str) -> String {
    visible(name).into_owned()
}

/// `text` as prose with `<code>` spans.
pub fn code_text(text: &str) -> impl IntoView {
    code_spans(&visible(text))
        .into_iter()
        .map(|(code, s)| if code { view! { <code translate="no">{s}</code> }.into_any() } else { s.into_any() })
        .collect_view()
}
