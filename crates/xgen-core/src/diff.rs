//! Line diffs, by the `similar` crate (Myers' algorithm): for "what did the studio change in
//! the file I imported" (the preview) and for unified diffs of rendered
//! objects (`impact`). Unlike a table-based LCS it needs memory linear in
//! the input, so large files need no cap.

use similar::{ChangeTag, TextDiff};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Same,
    Removed,
    Added,
}

/// Every line of `old` and `new`, each marked same, removed or added, in
/// reading order (a changed line: its old form, then its new one).
pub fn line_diff<'a>(old: &'a str, new: &'a str) -> Vec<(Change, &'a str)> {
    TextDiff::from_lines(old, new)
        .iter_all_changes()
        .map(|c| {
            let tag = match c.tag() {
                ChangeTag::Equal => Change::Same,
                ChangeTag::Delete => Change::Removed,
                ChangeTag::Insert => Change::Added,
            };
            (tag, c.value().strip_suffix('\n').unwrap_or(c.value()))
        })
        .collect()
}

/// A unified diff (`---`/`+++` headers, `@@` hunks with three lines of
/// context), or the empty string when the texts are equal.
pub fn unified(old_name: &str, new_name: &str, old: &str, new: &str) -> String {
    if old == new {
        return String::new();
    }
    TextDiff::from_lines(old, new).unified_diff().context_radius(3).header(old_name, new_name).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use Change::*;

    #[test]
    fn finds_changed_lines() {
        let d = line_diff("a\nb\nc\nd\n", "a\nB\nc\nd\ne\n");
        assert_eq!(d, vec![(Same, "a"), (Removed, "b"), (Added, "B"), (Same, "c"), (Same, "d"), (Added, "e")]);
        assert!(line_diff("x\ny", "x\ny").iter().all(|(c, _)| *c == Same));
        assert_eq!(line_diff("", "a"), vec![(Added, "a")]);
    }

    #[test]
    fn unified_diffs_have_headers_hunks_and_nothing_for_equal_texts() {
        assert_eq!(unified("a", "b", "x\n", "x\n"), "");
        let d = unified("old/f.yaml", "new/f.yaml", "a\nb\nc\n", "a\nB\nc\n");
        assert_eq!(d, "--- old/f.yaml\n+++ new/f.yaml\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n");
    }

    #[test]
    fn large_files_diff_line_by_line() {
        let old: String = (0..20_000).map(|i| format!("line {i}\n")).collect();
        let new = old.replace("line 10000\n", "line ten thousand\n");
        let d = line_diff(&old, &new);
        assert_eq!(d.iter().filter(|(c, _)| *c != Same).count(), 2);
    }
}
