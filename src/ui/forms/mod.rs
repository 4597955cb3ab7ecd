//! The forms of each section. Every input edits the state through the
//! [`Editor`](super::editor::Editor) from the context.

pub mod alerts;
pub mod diagram;
pub mod environments;
pub mod fields;
pub mod project;
pub mod routes;
pub mod services;
pub mod simulator;
pub mod traffic;

use crate::view::sections::Section;
use leptos::prelude::RwSignal;
use traffic::TrafficScope;

/// The environment the per-environment sections show (the header's switch).
#[derive(Clone, Copy)]
pub struct SelectedEnv(pub RwSignal<String>);

/// The section whose form is shown (the navigation's choice).
#[derive(Clone, Copy)]
pub struct CurrentSection(pub RwSignal<Section>);

/// The values file whose policy the Traffic policy section shows.
#[derive(Clone, Copy)]
pub struct SelectedScope(pub RwSignal<TrafficScope>);
