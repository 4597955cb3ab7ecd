//! XGEN Config Studio's web page: a thin Leptos layer over `xgen_core`.
//!
//! [`i18n`] (the page's texts) is pure data and tested natively; `ui` is the
//! page itself and builds for wasm32 only. See ARCHITECTURE.md.

#![forbid(unsafe_code)]

pub mod i18n;
pub mod view;

#[cfg(target_arch = "wasm32")]
pub mod ui;
