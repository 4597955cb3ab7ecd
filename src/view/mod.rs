//! What the page shows, as plain data: pure functions from the state and its
//! rendered snapshot to the rows, groups and places the views draw. Built and
//! tested natively (`cargo test`), so the page's logic is covered without a
//! browser; `crate::ui` only turns these into DOM.

pub mod code_spans;
pub mod ids;
pub mod preview;
pub mod routing;
pub mod sections;
pub mod summary;
