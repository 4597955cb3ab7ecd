//! Checks: the problems list (docs/checks.md). Each rule is one function in a file of
//! its own, named after its code; it reads the [`Context`] (the state plus what
//! is derived from it once per run) and returns problems as data. [`run_all`]
//! runs every rule and sorts the result, so the page and `xgen-studio lint` show
//! the same list in the same order.

mod alerts;
mod autoscaling;
pub mod context;
mod problem;
mod traffic_policy;
mod xs101_route_destination;
mod xs102_route_port;
mod xs103_unreachable_rule;
mod xs104_shadowed_match;
mod xs105_duplicate_route;
mod xs106_prefix_slash;
mod xs107_invalid_regex;
mod xs108_domain_missing;
mod xs201_environment_destination;
mod xs202_values_override;
mod xs203_service_name;
mod xs204_min_above_max;
mod xs205_max_zero;
mod xs206_replicas_outside_range;
mod xs207_request_above_limit;
mod xs208_invalid_quantity;
mod xs209_values_file_name;
mod xs210_path_name;
mod xs301_invalid_duration;
mod xs302_percent_range;
mod xs303_least_conn;
mod xs304_warmup_duration_secs;
mod xs305_outlier_never_ejects;
mod xs306_empty_connection_pool;
mod xs401_threshold_range;
mod xs402_invalid_for;
mod xs403_unknown_exclusion;
mod xs404_memory_without_limit;
mod xs405_policy_receiver;
pub mod xs406_promql_syntax;
mod xs501_plain_secret;

pub use context::Context;
pub use problem::{Korean, Problem, Severity, Untranslated};
pub use xs501_plain_secret::{is_placeholder, is_secret_key, is_slack_webhook};

use crate::state::ProjectState;

/// A rule: one check over the whole context.
pub type Rule = fn(&Context) -> Vec<Problem>;

/// Every rule with its code, in code order.
pub const RULES: &[(&str, Rule)] = &[
    ("XS101", xs101_route_destination::check),
    ("XS102", xs102_route_port::check),
    ("XS103", xs103_unreachable_rule::check),
    ("XS104", xs104_shadowed_match::check),
    ("XS105", xs105_duplicate_route::check),
    ("XS106", xs106_prefix_slash::check),
    ("XS107", xs107_invalid_regex::check),
    ("XS108", xs108_domain_missing::check),
    ("XS201", xs201_environment_destination::check),
    ("XS202", xs202_values_override::check),
    ("XS203", xs203_service_name::check),
    ("XS204", xs204_min_above_max::check),
    ("XS205", xs205_max_zero::check),
    ("XS206", xs206_replicas_outside_range::check),
    ("XS207", xs207_request_above_limit::check),
    ("XS208", xs208_invalid_quantity::check),
    ("XS209", xs209_values_file_name::check),
    ("XS210", xs210_path_name::check),
    ("XS301", xs301_invalid_duration::check),
    ("XS302", xs302_percent_range::check),
    ("XS303", xs303_least_conn::check),
    ("XS304", xs304_warmup_duration_secs::check),
    ("XS305", xs305_outlier_never_ejects::check),
    ("XS306", xs306_empty_connection_pool::check),
    ("XS401", xs401_threshold_range::check),
    ("XS402", xs402_invalid_for::check),
    ("XS403", xs403_unknown_exclusion::check),
    ("XS404", xs404_memory_without_limit::check),
    ("XS405", xs405_policy_receiver::check),
    // Without the parser (the page), XS406's answers come from the PromQL worker.
    #[cfg(feature = "promql")]
    ("XS406", xs406_promql_syntax::check),
    ("XS501", xs501_plain_secret::check),
];

/// Runs every rule; problems come sorted by severity, then file, path and code.
pub fn run_all(state: &ProjectState) -> Vec<Problem> {
    let ctx = Context::new(state);
    let mut problems: Vec<Problem> = RULES.iter().flat_map(|(_, rule)| rule(&ctx)).collect();
    sort(&mut problems);
    problems
}

/// The problems list's order: severity, then file, path and code.
pub fn sort(problems: &mut [Problem]) {
    problems.sort_by(|a, b| (a.severity, &a.file, &a.path, a.code).cmp(&(b.severity, &b.file, &b.path, b.code)));
}

/// True when any problem is an error.
pub fn has_errors(problems: &[Problem]) -> bool {
    problems.iter().any(|p| p.severity == Severity::Error)
}
