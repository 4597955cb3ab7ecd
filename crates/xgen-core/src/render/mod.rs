//! Rendering: what Argo CD and Helm would produce, as typed objects serialized by
//! serde (no YAML is assembled from strings).
//!
//! - [`argocd`]: the root chart per environment (docs/rendering.md#root-chart);
//! - [`service`]: the service chart per Application (docs/rendering.md#service-chart), over values
//!   merged as Helm merges them ([`helm_values`], made per top-level key as read: [`merged`]);
//!   each object is built again only when a value it read changed ([`reads`]).
//!
//! The snapshot of a whole state, and what an edit renders again, is
//! [`crate::rendered`]; each object becomes one file under `rendered/<env>/`
//! (`crate::layout`).

pub mod argocd;
pub mod go_format;
pub mod helm_values;
pub mod merged;
pub mod reads;
pub mod service;
