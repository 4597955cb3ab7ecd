//! XGEN Config Studio's pure core: no DOM, no IO. Model, import, render,
//! checks, the route simulator, the bundle; the web page and the CLI are thin
//! layers over it. See ARCHITECTURE.md.

#![forbid(unsafe_code)]

pub mod alerts;
pub mod builtin;
pub mod bundle;
pub mod charts;
pub mod checks;
pub mod diff;
pub mod edit;
pub mod emit;
pub mod error;
pub mod file_text;
pub mod folder;
pub mod hidden;
pub mod highlight;
pub mod history;
pub mod i18n;
pub mod impact;
pub mod import;
pub mod inert;
pub(crate) mod keep_unknown;
pub mod layout;
pub mod limits;
pub mod model;
pub mod names;
pub mod ordered_map;
pub mod outlier;
pub mod patch;
pub mod quantity;
pub mod render;
pub mod rendered;
pub mod routing;
pub mod scalar;
pub mod secrets;
pub mod session;
pub mod share;
pub mod short_cache;
pub mod simulator;
pub mod state;
#[cfg(any(test, feature = "bench"))]
pub mod synthetic;
pub mod text;
pub mod validate;
pub mod yaml;

pub use error::ImportError;
pub use import::{import, InputFile};
pub use state::ProjectState;
