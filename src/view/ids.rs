//! Element ids of the forms' fields, shared by the fields that carry them and
//! by what points at a field (a problem's "go to field", a field's own
//! problems). Plain data, so no page component depends on the forms for it.

/// A stable element id for a field, from the file and YAML path it edits; the
/// problems list uses the same function to focus the field of a problem.
pub fn field_id(file: &str, path: &str) -> String {
    let raw = format!("f-{file}-{path}");
    raw.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '_' }).collect()
}

#[cfg(test)]
mod tests {
    use super::field_id;

    #[test]
    fn field_ids_are_element_ids_and_keep_paths_apart() {
        let id = field_id("projects/xgen.yaml", "environments.prd.services[0].replicas");
        assert_eq!(id, "f-projects_xgen_yaml-environments_prd_services_0__replicas");
        assert!(id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
        assert_ne!(
            field_id("values/a.yaml", "ingress.routes[0].prefix"),
            field_id("values/a.yaml", "ingress.routes[1].prefix")
        );
    }
}
