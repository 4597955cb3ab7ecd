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

/// A name that wraps only after a `.`, `/`, `[` or `·` (a values path, a
/// problem's place): hidden characters escaped, each part between those
/// marks unbreakable (`.name-part`), a `<wbr>` after it. Never inside a word
/// or at a hyphen.
pub fn name_parts(name: &str) -> impl IntoView {
    parts(visible(name).split_inclusive(['.', '/', '[', '·']).map(str::to_owned).collect())
}

/// A name that wraps only after a `/` (a file's path): the file's own name
/// stays whole.
pub fn path_name(name: &str) -> impl IntoView {
    parts(visible(name).split_inclusive('/').map(str::to_owned).collect())
}

/// Unbreakable parts with a `<wbr>` between them (none after the last: what
/// follows the name, a `:`, stays with it).
fn parts(parts: Vec<String>) -> impl IntoView {
    parts
        .into_iter()
        .enumerate()
        .map(|(i, part)| view! { {(i > 0).then(|| view! { <wbr /> })}<span class="name-part">{part}</span> })
        .collect_view()
}

/// `text` as prose with `<code>` spans.
pub fn code_text(text: &str) -> impl IntoView {
    code_spans(&visible(text))
        .into_iter()
        .map(|(code, s)| if code { view! { <code translate="no">{s}</code> }.into_any() } else { s.into_any() })
        .collect_view()
}
