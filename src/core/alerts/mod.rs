//! Alerts and observability (SPEC 2.5, 3.3): the PromQL of the seed's six rules
//! and the Grafana and Prometheus files per environment.

pub mod promql;
pub mod render;
pub mod syntax;
