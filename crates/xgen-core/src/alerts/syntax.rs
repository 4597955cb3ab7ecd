//! PromQL syntax, by `promql-parser` (a port of Prometheus' own parser).
//!
//! Only this module names the parser, so that a binary links it only when it
//! calls [`promql_error`]: the CLI and the page's PromQL worker do, the page
//! itself does not (the parser weighs more than the rest of the page).

/// Prometheus' complaint about `expr`, or `None` when it parses.
pub fn promql_error(expr: &str) -> Option<String> {
    promql_parser::parser::parse(expr).err()
}
