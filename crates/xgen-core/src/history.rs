//! Undo and redo over whole states. Each edit records the state before it;
//! consecutive edits of the same field (same key) within a short time are one
//! step, so typing a word is undone at once, not letter by letter.

#[derive(Debug, Clone)]
pub struct History<T> {
    past: Vec<T>,
    future: Vec<T>,
    last: Option<(String, f64)>,
    limit: usize,
}

/// Edits of one field closer together than this (ms) are one undo step.
pub const COALESCE_MS: f64 = 1_000.0;

impl<T: Clone + PartialEq> History<T> {
    pub fn new(limit: usize) -> Self {
        History { past: Vec::new(), future: Vec::new(), last: None, limit }
    }

    /// Records `before`, the state an edit is about to change. `key` names the
    /// field edited; `now` is a clock in ms.
    pub fn record(&mut self, before: T, key: &str, now: f64) {
        let coalesce = self.last.as_ref().is_some_and(|(k, t)| k == key && now - t < COALESCE_MS);
        self.last = Some((key.to_owned(), now));
        self.future.clear();
        if coalesce || self.past.last() == Some(&before) {
            return;
        }
        self.past.push(before);
        if self.past.len() > self.limit {
            self.past.remove(0);
        }
    }

    /// The state to go back to, given the current one; None when there is none.
    pub fn undo(&mut self, current: T) -> Option<T> {
        let previous = self.past.pop()?;
        self.future.push(current);
        self.last = None;
        Some(previous)
    }

    pub fn redo(&mut self, current: T) -> Option<T> {
        let next = self.future.pop()?;
        self.past.push(current);
        self.last = None;
        Some(next)
    }

    pub fn can_undo(&self) -> bool {
        !self.past.is_empty()
    }
    pub fn can_redo(&self) -> bool {
        !self.future.is_empty()
    }
    pub fn clear(&mut self) {
        self.past.clear();
        self.future.clear();
        self.last = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn undo_redo_and_coalescing() {
        let mut h = History::new(10);
        h.record(0, "a", 0.0); // 0 -> 1
        h.record(1, "a", 500.0); // typing on: same step
        h.record(2, "b", 600.0); // another field: a new step
        let now = 3;
        assert_eq!(h.undo(now), Some(2));
        assert_eq!(h.undo(2), Some(0));
        assert_eq!(h.undo(0), None);
        assert_eq!(h.redo(0), Some(2));
        assert_eq!(h.redo(2), Some(3));
        assert!(!h.can_redo());
        // A new edit after undo drops the redo branch.
        assert_eq!(h.undo(3), Some(2));
        h.record(2, "c", 9000.0);
        assert!(!h.can_redo());
    }

    #[test]
    fn limit_keeps_the_newest() {
        let mut h = History::new(2);
        for i in 0..5 {
            h.record(i, &format!("k{i}"), f64::from(i) * 5000.0);
        }
        assert_eq!(h.undo(5), Some(4));
        assert_eq!(h.undo(4), Some(3));
        assert_eq!(h.undo(3), None);
    }
}
