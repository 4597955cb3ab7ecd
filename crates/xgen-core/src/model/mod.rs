//! Typed models of the files the studio reads and writes.

pub mod alerts;
pub mod istio;
pub mod project;
pub mod settings;
pub mod values;

pub use project::ProjectFile;
pub use settings::StudioSettings;
pub use values::ServiceValues;
