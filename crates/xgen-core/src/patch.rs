//! What saving would change in the opened folder, file by file, and the
//! git-format unified patch of it ("Download patch", `xgen-studio write
//! --check`, `xgen-studio diff --format patch`; docs/bundle.md, "Save back
//! as a patch").
//!
//! The files compared are those the studio owns in a working copy
//! ([`layout::is_owned_path`]: the source files and the observability
//! source files): what was opened ([`Opened`]) against what the studio
//! writes now (the snapshot's files, kept source files included). A file
//! whose bytes are equal is no change; one only the snapshot has is added;
//! one only the opened folder has is removed. Each diff is
//! [`crate::diff::unified`] of the two texts, so line endings and a missing
//! final line break are the files' own bytes.

use crate::folder::Opened;
use crate::layout;
use crate::rendered::{EmitError, Rendered};
use std::sync::Arc;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeKind {
    Added,
    Changed,
    Removed,
}

/// One file whose bytes saving would change.
#[derive(Debug, Clone, PartialEq)]
pub struct FileChange {
    /// The path in the opened folder (its root, then the bundle path).
    pub path: String,
    /// The bundle path.
    pub bundle_path: String,
    /// The text as opened (None: a new file).
    pub old: Option<Arc<str>>,
    /// The text the studio writes (None: the file is removed).
    pub new: Option<Arc<str>>,
}

impl FileChange {
    pub fn kind(&self) -> ChangeKind {
        match (&self.old, &self.new) {
            (None, _) => ChangeKind::Added,
            (_, None) => ChangeKind::Removed,
            _ => ChangeKind::Changed,
        }
    }

    /// This file's part of the patch: `diff --git` with `a/` and `b/`
    /// prefixes, `new file mode` / `deleted file mode` and `/dev/null` for an
    /// added or removed file, then the unified diff (three lines of context).
    pub fn git_diff(&self) -> String {
        let p = &self.path;
        let (a, b) = (format!("a/{p}"), format!("b/{p}"));
        let old = self.old.as_deref().unwrap_or("");
        let new = self.new.as_deref().unwrap_or("");
        let (head, from, to) = match self.kind() {
            ChangeKind::Added => ("new file mode 100644\n", "/dev/null", b.as_str()),
            ChangeKind::Removed => ("deleted file mode 100644\n", a.as_str(), "/dev/null"),
            ChangeKind::Changed => ("", a.as_str(), b.as_str()),
        };
        let mut out = format!("diff --git {a} {b}\n{head}");
        out.push_str(&crate::diff::unified(from, to, old, new));
        // A hunk's last line without a line feed ends the diff with the
        // `\ No newline at end of file` marker, itself without one.
        if !out.ends_with('\n') {
            out.push('\n');
        }
        out
    }
}

/// Every owned file whose bytes differ between what was opened and what
/// the studio writes now, sorted by path.
pub fn changes(opened: &Opened, rendered: &Rendered) -> Result<Vec<FileChange>, EmitError> {
    let files = rendered.files().map_err(Clone::clone)?;
    let now = files.iter().filter(|f| layout::is_owned_path(&f.path));
    let mut out = Vec::new();
    for f in now.clone() {
        let old = opened.files.get(f.path.as_str());
        if old.is_some_and(|o| o.as_bytes() == f.text.as_bytes()) {
            continue;
        }
        out.push(FileChange {
            path: opened.folder_path(&f.path),
            bundle_path: f.path.to_string(),
            old: old.cloned(),
            new: Some(f.text.clone()),
        });
    }
    for (path, text) in &opened.files {
        if rendered.file(path).is_none() {
            out.push(FileChange {
                path: opened.folder_path(path),
                bundle_path: path.clone(),
                old: Some(text.clone()),
                new: None,
            });
        }
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}

/// The patch of `changes`: what `git apply` and `patch -p1` apply in the
/// opened folder. Empty when nothing changes.
pub fn git_patch(changes: &[FileChange]) -> String {
    changes.iter().map(FileChange::git_diff).collect()
}

/// [`changes`] as a patch.
pub fn patch(opened: &Opened, rendered: &Rendered) -> Result<String, EmitError> {
    Ok(git_patch(&changes(opened, rendered)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(old: Option<&str>, new: Option<&str>) -> FileChange {
        FileChange {
            path: "infra/k3s/x.yaml".into(),
            bundle_path: "k3s/x.yaml".into(),
            old: old.map(Into::into),
            new: new.map(Into::into),
        }
    }

    #[test]
    fn each_kind_has_git_headers() {
        assert_eq!(
            change(Some("a: 1\nb: 2\n"), Some("a: 1\nb: 3\n")).git_diff(),
            "diff --git a/infra/k3s/x.yaml b/infra/k3s/x.yaml\n--- a/infra/k3s/x.yaml\n+++ b/infra/k3s/x.yaml\n\
             @@ -1,2 +1,2 @@\n a: 1\n-b: 2\n+b: 3\n"
        );
        assert_eq!(
            change(None, Some("a: 1\n")).git_diff(),
            "diff --git a/infra/k3s/x.yaml b/infra/k3s/x.yaml\nnew file mode 100644\n--- /dev/null\n\
             +++ b/infra/k3s/x.yaml\n@@ -0,0 +1 @@\n+a: 1\n"
        );
        assert_eq!(
            change(Some("a: 1\n"), None).git_diff(),
            "diff --git a/infra/k3s/x.yaml b/infra/k3s/x.yaml\ndeleted file mode 100644\n--- a/infra/k3s/x.yaml\n\
             +++ /dev/null\n@@ -1 +0,0 @@\n-a: 1\n"
        );
    }

    #[test]
    fn crlf_and_a_missing_final_line_feed_stay_bytes() {
        let d = change(Some("a: 1\r\nb: 2"), Some("a: 1\r\nb: 3")).git_diff();
        assert!(
            d.ends_with(" a: 1\r\n-b: 2\n\\ No newline at end of file\n+b: 3\n\\ No newline at end of file\n"),
            "{d:?}"
        );
    }
}
