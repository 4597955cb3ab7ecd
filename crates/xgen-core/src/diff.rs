//! A line diff (longest common subsequence), for "what did the studio change
//! in the file I imported". Files here are small; above [`MAX_CELLS`] the diff
//! falls back to "everything removed, everything added" rather than use a lot
//! of memory.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Same,
    Removed,
    Added,
}

pub const MAX_CELLS: usize = 4_000_000;

pub fn line_diff<'a>(old: &'a str, new: &'a str) -> Vec<(Change, &'a str)> {
    let a: Vec<&str> = old.lines().collect();
    let b: Vec<&str> = new.lines().collect();
    // Trim the common head and tail: most edits touch a few lines.
    let head = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let tail = a[head..].iter().rev().zip(b[head..].iter().rev()).take_while(|(x, y)| x == y).count();
    let (am, bm) = (&a[head..a.len() - tail], &b[head..b.len() - tail]);
    let mut out: Vec<(Change, &str)> = a[..head].iter().map(|l| (Change::Same, *l)).collect();
    if am.len().saturating_mul(bm.len()) > MAX_CELLS {
        out.extend(am.iter().map(|l| (Change::Removed, *l)));
        out.extend(bm.iter().map(|l| (Change::Added, *l)));
    } else {
        // lcs[i][j]: length of the LCS of am[i..] and bm[j..].
        let w = bm.len() + 1;
        let mut lcs = vec![0u32; (am.len() + 1) * w];
        for i in (0..am.len()).rev() {
            for j in (0..bm.len()).rev() {
                lcs[i * w + j] = if am[i] == bm[j] {
                    lcs[(i + 1) * w + j + 1] + 1
                } else {
                    lcs[(i + 1) * w + j].max(lcs[i * w + j + 1])
                };
            }
        }
        let (mut i, mut j) = (0, 0);
        while i < am.len() || j < bm.len() {
            if i < am.len() && j < bm.len() && am[i] == bm[j] {
                out.push((Change::Same, am[i]));
                i += 1;
                j += 1;
            } else if j < bm.len() && (i == am.len() || lcs[i * w + j + 1] >= lcs[(i + 1) * w + j]) {
                out.push((Change::Added, bm[j]));
                j += 1;
            } else {
                out.push((Change::Removed, am[i]));
                i += 1;
            }
        }
    }
    out.extend(a[a.len() - tail..].iter().map(|l| (Change::Same, *l)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use Change::*;

    #[test]
    fn finds_changed_lines() {
        let d = line_diff("a\nb\nc\nd\n", "a\nB\nc\nd\ne\n");
        assert_eq!(d, vec![(Same, "a"), (Added, "B"), (Removed, "b"), (Same, "c"), (Same, "d"), (Added, "e")]);
        assert!(line_diff("x\ny", "x\ny").iter().all(|(c, _)| *c == Same));
        assert_eq!(line_diff("", "a"), vec![(Added, "a")]);
    }
}
