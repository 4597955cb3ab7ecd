//! Keyed slices of a list derived from the state: each reader subscribes to
//! the value of one key (a service card to its service, a file button to its
//! own "changed" mark, a field to its own problems), and an edit notifies only
//! the readers whose value changed.
//!
//! Why not a `Memo` per item: every such memo reads the whole state, so an
//! edit re-runs all of them (120 cards x 5 environments, 3,815 file buttons),
//! and Leptos removes each re-run's subscription from the state's subscriber
//! set with an O(n) `shift_remove` (reactive_graph 0.2, `graph/sets.rs`): the
//! cost grows with the square of the project. Here one effect reads the state,
//! compares the new list with the last one key by key, in plain Rust, and sets
//! the signal of each key whose value differs. docs/decisions.md says more.

use super::reruns::tick;
use leptos::prelude::*;
use std::collections::HashMap;
use std::hash::Hash;

struct Inner<K, V> {
    /// The values of the last list, by key.
    values: HashMap<K, V>,
    /// The signal of each key someone reads (None: not in the list).
    cells: HashMap<K, ArcRwSignal<Option<V>>>,
}

/// The keyed values of `source`, each readable on its own.
pub struct Slices<K: 'static, V: 'static> {
    inner: StoredValue<Inner<K, V>, LocalStorage>,
}

impl<K, V> Clone for Slices<K, V> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<K, V> Copy for Slices<K, V> {}

impl<K, V> Slices<K, V>
where
    K: Hash + Eq + Clone + 'static,
    V: PartialEq + Clone + Send + Sync + 'static,
{
    /// `source` lists the keyed values (a key absent reads as `None`); it is
    /// read now, and again, in an effect, whenever what it reads changes.
    pub fn new(source: impl Fn() -> Vec<(K, V)> + 'static) -> Self {
        let values = untrack(&source).into_iter().collect();
        let inner = StoredValue::new_local(Inner { values, cells: HashMap::new() });
        Effect::new(move |_| {
            let _tick = tick();
            let now: HashMap<K, V> = source().into_iter().collect();
            // The cells to set, found without holding the store (setting a
            // signal may run code that reads these slices).
            let changed: Vec<(ArcRwSignal<Option<V>>, Option<V>)> = inner.with_value(|i| {
                let mut changed = Vec::new();
                for (k, v) in &now {
                    if i.values.get(k) != Some(v) {
                        if let Some(cell) = i.cells.get(k) {
                            changed.push((cell.clone(), Some(v.clone())));
                        }
                    }
                }
                for k in i.values.keys().filter(|k| !now.contains_key(*k)) {
                    if let Some(cell) = i.cells.get(k) {
                        changed.push((cell.clone(), None));
                    }
                }
                changed
            });
            inner.update_value(|i| i.values = now);
            for (cell, value) in changed {
                cell.set(value);
            }
        });
        Slices { inner }
    }

    /// The value of `key`, notifying only when it changes.
    pub fn get(&self, key: K) -> Signal<Option<V>> {
        let cell = self
            .inner
            .try_update_value(|Inner { values, cells }| {
                cells.entry(key).or_insert_with_key(|k| ArcRwSignal::new(values.get(k).cloned())).clone()
            })
            .expect("the slices live as long as their readers' owner");
        Signal::from(cell.read_only())
    }
}
