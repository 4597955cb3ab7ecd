//! Alerts and observability (docs/alerts.md): the PromQL of the seed's six rules
//! and the Grafana and Prometheus files per environment.

pub mod promql;
pub mod render;
#[cfg(feature = "promql")]
pub mod syntax;
