//! What the last render made of one environment, kept so that the next
//! render can take it whole when none of its inputs changed.
//!
//! Most edits change one environment, or none (a Description, an alert of
//! another environment). Going through the other environments' services one
//! by one, even when each is reused, costs a key, a few parses and a format
//! per service: at 120 services x 5 environments that bookkeeping was most
//! of a render that changed nothing there.

use super::{EnvInputs, Place, ServiceRender};
use crate::layout::BundleFile;
use crate::names::DnsLabel;
use crate::render::argocd::RootObjects;
use serde_yaml::Value;
use std::collections::HashMap;
use std::sync::Arc;

/// One environment of the last render: its inputs (by identity) and what it
/// made from them.
#[derive(Debug)]
pub(super) struct EnvLast {
    pub root: Arc<RootObjects>,
    pub label: Option<DnsLabel>,
    pub own_list: bool,
    pub chart: Arc<Value>,
    /// Each entry's values file data as the render read it (None: no file).
    pub values: Vec<Option<Arc<Value>>>,
    /// One per service entry, in the list's order.
    pub services: Arc<[ServiceRender]>,
    /// The files the services made (Applications and service objects), in
    /// the order the render made them.
    pub files: Vec<BundleFile>,
    /// Each service's place, by name, for a render that goes through them.
    pub places: HashMap<String, Place>,
    /// A file could not be written (the render reported it): never taken
    /// whole, so the next render reports it again.
    pub failed: bool,
}

impl EnvLast {
    /// True when a render of the environment would make exactly what this one
    /// made, and it made it without an error: the same service Applications
    /// (the root hands out the very same `Arc` only for an unchanged entry in
    /// an unchanged context), the same path label and list, the same chart
    /// data and the same values data.
    pub fn unchanged(&self, now: &EnvInputs) -> bool {
        let EnvInputs { label, own_list, entries, root, chart, values, .. } = *now;
        let entries = entries.len();
        !self.failed
            && self.services.len() == entries
            && self.own_list == own_list
            && self.label == *label
            && Arc::ptr_eq(&self.chart, chart)
            && match (self.root.applications.get(..entries), root.applications.get(..entries)) {
                (Some(a), Some(b)) => a.iter().zip(b).all(|(a, b)| Arc::ptr_eq(a, b)),
                _ => false,
            }
            && self.services.iter().zip(&self.values).all(|(s, was)| {
                match (s.values_file.as_ref().and_then(|f| values.get(f)), was) {
                    (Some(now), Some(was)) => Arc::ptr_eq(now, was),
                    (None, None) => true,
                    _ => false,
                }
            })
    }
}

/// The environment's root objects: the last render's very object when its
/// `entries` service Applications are the very same and the rest equal (the
/// extraApps' Applications are made anew each time), so that what reads it
/// can tell it unchanged by identity.
pub(super) fn root(last: Option<&EnvLast>, entries: usize, root: RootObjects) -> Arc<RootObjects> {
    match last {
        Some(l) if same_root(&l.root, &root, entries) => l.root.clone(),
        _ => Arc::new(root),
    }
}

fn same_root(a: &RootObjects, b: &RootObjects, entries: usize) -> bool {
    a.applications.len() == b.applications.len()
        && a.applications
            .iter()
            .zip(&b.applications)
            .enumerate()
            .all(|(i, (a, b))| Arc::ptr_eq(a, b) || (i >= entries && a == b))
        && a.app_project == b.app_project
        && a.server == b.server
        && a.domain == b.domain
}
