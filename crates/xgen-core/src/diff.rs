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
///
/// Lines the two texts share at their start and end, beyond the context,
/// are cut before diffing (a one-line edit of a 4,000-line project file
/// then diffs a few lines, not all of them) and the hunks' line numbers
/// moved back by what was cut: the same text as a diff of the whole.
pub fn unified(old_name: &str, new_name: &str, old: &str, new: &str) -> String {
    if old == new {
        return String::new();
    }
    const CONTEXT: usize = 3;
    let (old_lines, new_lines): (Vec<&str>, Vec<&str>) =
        (old.split_inclusive('\n').collect(), new.split_inclusive('\n').collect());
    let prefix = old_lines.iter().zip(&new_lines).take_while(|(a, b)| a == b).count();
    // A last line without its line feed differs from the same line with
    // one, so the common end is whole lines on both sides.
    let suffix =
        old_lines[prefix..].iter().rev().zip(new_lines[prefix..].iter().rev()).take_while(|(a, b)| a == b).count();
    let cut_start = prefix.saturating_sub(CONTEXT);
    let cut_end = suffix.saturating_sub(CONTEXT);
    let (old_mid, new_mid) = (
        old_lines[cut_start..old_lines.len() - cut_end].concat(),
        new_lines[cut_start..new_lines.len() - cut_end].concat(),
    );
    let diff = TextDiff::from_lines(&old_mid, &new_mid)
        .unified_diff()
        .context_radius(CONTEXT)
        .header(old_name, new_name)
        .to_string();
    if cut_start == 0 {
        return diff;
    }
    diff.split_inclusive('\n').map(|line| shift_hunk(line, cut_start)).collect()
}

/// A hunk header (`@@ -a,b +c,d @@`) with both starts moved by `by`; any
/// other line as it is (a diff's text lines start with ` `, `-` or `+`, its
/// headers with `---` and `+++`).
fn shift_hunk(line: &str, by: usize) -> std::borrow::Cow<'_, str> {
    let Some(rest) = line.strip_prefix("@@ -") else { return line.into() };
    let Some((ranges, tail)) = rest.split_once(" @@") else { return line.into() };
    let Some((old, new)) = ranges.split_once(" +") else { return line.into() };
    let shift = |range: &str| -> Option<String> {
        let (start, len) = match range.split_once(',') {
            Some((s, l)) => (s, Some(l)),
            None => (range, None),
        };
        let start = start.parse::<usize>().ok()? + by;
        Some(match len {
            Some(l) => format!("{start},{l}"),
            None => start.to_string(),
        })
    };
    match (shift(old), shift(new)) {
        (Some(o), Some(n)) => format!("@@ -{o} +{n} @@{tail}").into(),
        _ => line.into(),
    }
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

    /// The cut is invisible: every pair of texts made of a few lines, with
    /// and without a last line feed, diffs as `similar` diffs them whole.
    #[test]
    fn cutting_the_common_start_and_end_changes_nothing() {
        let whole = |old: &str, new: &str| {
            if old == new {
                return String::new();
            }
            TextDiff::from_lines(old, new).unified_diff().context_radius(3).header("a", "b").to_string()
        };
        let lines: Vec<String> = (0..24).map(|i| format!("l{}\n", i % 5)).collect();
        let mut rng = 0x2545_F491_4F6C_DD1Du64;
        let mut next = |n: usize| {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            (rng % n as u64) as usize
        };
        let mut cut = 0;
        for _ in 0..3000 {
            let len = next(24);
            let mut old: Vec<String> = lines[..len].to_vec();
            let mut new = old.clone();
            for _ in 0..1 + next(3) {
                match next(3) {
                    0 if !new.is_empty() => {
                        let at = next(new.len());
                        new.remove(at);
                    }
                    1 => {
                        let at = next(new.len() + 1);
                        new.insert(at, format!("x{}\n", next(3)));
                    }
                    _ if !new.is_empty() => {
                        let at = next(new.len());
                        new[at] = format!("y{}\n", next(3));
                    }
                    _ => {}
                }
            }
            if next(4) == 0 {
                if let Some(last) = old.last_mut() {
                    last.pop();
                }
            }
            if next(4) == 0 {
                if let Some(last) = new.last_mut() {
                    last.pop();
                }
            }
            let (old, new) = (old.concat(), new.concat());
            let got = unified("a", "b", &old, &new);
            assert_eq!(got, whole(&old, &new), "{old:?} -> {new:?}");
            cut += usize::from(got.contains("@@ -") && !got.contains("@@ -1") && !got.contains("@@ -0"));
        }
        // Many cases had a cut start (hunks not at the first line).
        assert!(cut > 300, "{cut}");
    }

    #[test]
    fn large_files_diff_line_by_line() {
        let old: String = (0..20_000).map(|i| format!("line {i}\n")).collect();
        let new = old.replace("line 10000\n", "line ten thousand\n");
        let d = line_diff(&old, &new);
        assert_eq!(d.iter().filter(|(c, _)| *c != Same).count(), 2);
    }
}
