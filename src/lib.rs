//! XGEN Config Studio.
//!
//! [`core`] is the pure, IO-free heart (model, import, bundle, checks), built and
//! tested natively. The browser UI (`ui`, wasm32 only) and the `xgen-studio` CLI
//! (`src/bin/xgen-studio.rs`) are thin layers over it. See ARCHITECTURE.md.

#![forbid(unsafe_code)]

pub mod core;
pub mod i18n;

#[cfg(target_arch = "wasm32")]
pub mod ui;
