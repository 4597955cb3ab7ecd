//! Checks: the problems list (docs/checks.md).
//!
//! A check is data. Each rule is one file named after its code
//! (`xs203_service_name.rs`) that declares a [`Rule`] once: its code, its
//! severity, its title in English and Korean, and its check function, which
//! reads the [`Context`] (the state and its rendered snapshot) and returns
//! [`Problem`]s. The registry below names the files; nothing else lists the
//! codes (docs/checks.md is written from [`RULES`], and a test holds it so).
//! [`run_all`] runs every rule and sorts the result, so the page and
//! `xgen-studio lint` show the same list in the same order.
//!
//! Adding a check: a new file with its `RULE`, its name in `registry!`, and
//! golden cases under `crates/xgen-core/tests/golden/checks/<code>/`.

mod alerts;
mod autoscaling;
mod cluster;
pub mod context;
mod problem;
mod traffic_policy;
mod yaml_notes;

pub use context::Context;
pub use problem::{sort, Problem, Severity};

use crate::i18n::Text;
use crate::rendered::Rendered;
use crate::state::ProjectState;

/// A rule: one check over the whole context, declared once in its own file.
pub struct Rule {
    // Private: a rule is made only in its own module under `checks/` and
    // listed by `registry!`, so every code is written once and every rule
    // runs; outside, rules are read, never made.
    code: &'static str,
    severity: Severity,
    /// What the problem is, in a few words (the problems list, docs/checks.md).
    title: Text,
    check: fn(&Context) -> Vec<Problem>,
}

impl Rule {
    pub fn code(&self) -> &'static str {
        self.code
    }
    pub fn severity(&self) -> Severity {
        self.severity
    }
    pub fn title(&self) -> Text {
        self.title
    }
}

/// Declares the rule modules and lists their rules, in code order.
macro_rules! registry {
    ($($module:ident),* $(,)?) => {
        $(pub mod $module;)*
        /// Every rule, in code order.
        pub static RULES: &[&Rule] = &[$(&$module::RULE),*];
    };
}

registry! {
    xs101_route_destination,
    xs102_route_port,
    xs103_unreachable_rule,
    xs104_shadowed_match,
    xs105_duplicate_route,
    xs106_prefix_slash,
    xs107_invalid_regex,
    xs108_domain_missing,
    xs109_path_envoy_never_sees,
    xs110_istio_api_version,
    xs111_domain_unused,
    xs112_undefined_subset,
    xs113_weights_total,
    xs114_gateway_reference,
    xs115_delegate,
    xs116_competing_virtual_services,
    xs117_unreachable_imported_rule,
    xs201_environment_destination,
    xs202_values_override,
    xs203_service_name,
    xs204_min_above_max,
    xs205_max_zero,
    xs206_replicas_outside_range,
    xs207_request_above_limit,
    xs208_invalid_quantity,
    xs209_values_file_name,
    xs210_path_name,
    xs211_destination_unused,
    xs212_configmap_key,
    xs213_line_break,
    xs214_empty_list_replaced,
    xs215_helm_fails,
    xs216_set_reinterprets,
    xs217_null_deletes_default,
    xs218_switch_is_text,
    xs301_invalid_duration,
    xs302_percent_range,
    xs303_least_conn,
    xs304_warmup_duration_secs,
    xs305_outlier_never_ejects,
    xs306_empty_connection_pool,
    xs401_threshold_range,
    xs402_invalid_for,
    xs403_unknown_exclusion,
    xs404_memory_without_limit,
    xs405_policy_receiver,
    xs406_promql_syntax,
    xs501_plain_secret,
    xs502_hidden_character,
    xs601_boolean_word,
    xs602_leading_zero_octal,
    xs603_key_not_a_string,
    xs604_number_printed_otherwise,
    xs605_file_rewritten,
}

pub use xs406_promql_syntax::{PromqlSyntax, Verdict};
pub use xs501_plain_secret::{is_placeholder, is_secret_key, is_slack_webhook};

/// The rule with a code.
pub fn rule(code: &str) -> Option<&'static Rule> {
    RULES.iter().copied().find(|r| r.code == code)
}

/// Runs every rule over a state and its snapshot; problems come sorted by
/// severity, then file, path and code. `promql` judges hand-written PromQL
/// (XS406): the parser natively, the page's worker in the browser.
pub fn run_all(state: &ProjectState, rendered: &Rendered, promql: &dyn PromqlSyntax) -> Vec<Problem> {
    let ctx = Context::new(state, rendered, promql);
    let mut problems: Vec<Problem> = RULES.iter().flat_map(|rule| (rule.check)(&ctx)).collect();
    sort(&mut problems);
    problems
}

/// True when any problem is an error.
pub fn has_errors(problems: &[Problem]) -> bool {
    problems.iter().any(|p| p.severity() == Severity::Error)
}

/// docs/checks.md's table, written from the registry.
pub fn markdown_table() -> String {
    let mut out = String::from("| code | severity | what |\n| --- | --- | --- |\n");
    for r in RULES {
        out.push_str(&format!("| {} | {} | {} |\n", r.code, r.severity.as_str(), r.title.en));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::has_hangul;

    #[test]
    fn codes_are_unique_sorted_and_match_their_files() {
        let codes: Vec<&str> = RULES.iter().map(|r| r.code).collect();
        let mut sorted = codes.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(codes, sorted, "codes repeat or are out of order");
        for r in RULES {
            assert!(r.code.len() == 5 && r.code.starts_with("XS"), "{}", r.code);
            assert_eq!(r.title.key, r.code, "{}: the title's key is the code", r.code);
            assert!(!r.title.en.is_empty() && has_hangul(r.title.ko), "{}: title in both languages", r.code);
        }
    }

    #[test]
    fn the_docs_list_every_check() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/checks.md");
        let docs = std::fs::read_to_string(path).unwrap();
        if std::env::var_os("UPDATE_GOLDEN").is_some() && !docs.contains(&markdown_table()) {
            let start = docs.find("| code |").expect("docs/checks.md has the table");
            let end = docs[start..].find("\n\n").map_or(docs.len(), |e| start + e + 1);
            std::fs::write(path, format!("{}{}{}", &docs[..start], markdown_table(), &docs[end..])).unwrap();
            return;
        }
        assert!(
            docs.contains(&markdown_table()),
            "docs/checks.md is out of date; its table must be:\n{}",
            markdown_table()
        );
    }
}
