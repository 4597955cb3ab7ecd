//! The YAML syntax: a copy of `saphyr-parser` 0.3.4 (MIT OR Apache-2.0, see
//! `LICENSE`; its scanner and parser are a port of libyaml, as go-yaml v2's are),
//! reduced to string input, with one change so that it accepts what go-yaml v2
//! accepts: the double-quoted escapes are go-yaml v2's (`\'` is taken, YAML
//! 1.2's `\/` is refused; `scanner.rs`, `resolve_flow_scalar_escape_sequence`).
//! docs/decisions.md ("One YAML reader") says why it is copied, not depended on.

#![allow(clippy::all, clippy::pedantic, dead_code, unused_imports, missing_docs)]

mod char_traits;
pub mod input;
pub mod parser;
pub mod scanner;

pub use input::str::StrInput;
pub use parser::{Event, Parser, Tag};
pub use scanner::{Marker, ScalarStyle, ScanError, Span};
