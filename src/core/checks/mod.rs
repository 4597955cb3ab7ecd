//! Checks: the problems list (SPEC 5). Each rule is one function in a file of
//! its own, named after its code; it reads the state and returns problems as
//! data. [`run_all`] runs every rule and sorts the result, so the UI and
//! `xgen-studio lint` show the same list in the same order.

mod problem;
mod xs201_environment_destination;
mod xs203_service_name;
mod xs209_values_file_name;
mod xs210_path_name;

pub use problem::{Problem, Severity};

use crate::core::state::ProjectState;

/// A rule: one check over the whole state.
pub type Rule = fn(&ProjectState) -> Vec<Problem>;

/// Every rule, in code order.
pub const RULES: &[Rule] = &[
    xs201_environment_destination::check,
    xs203_service_name::check,
    xs209_values_file_name::check,
    xs210_path_name::check,
];

/// Runs every rule; problems come sorted by severity, then file, path and code.
pub fn run_all(state: &ProjectState) -> Vec<Problem> {
    let mut problems: Vec<Problem> = RULES.iter().flat_map(|rule| rule(state)).collect();
    problems.sort_by(|a, b| (a.severity, &a.file, &a.path, a.code).cmp(&(b.severity, &b.file, &b.path, b.code)));
    problems
}

/// True when any problem is an error.
pub fn has_errors(problems: &[Problem]) -> bool {
    problems.iter().any(|p| p.severity == Severity::Error)
}
