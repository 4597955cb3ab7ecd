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
            new: Some(f.text.arc()),
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

/// Why "Save to folder" writes nothing (docs/bundle.md, "Save to folder").
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SaveRefused {
    /// A path that is no safe relative path (never made by the studio; a
    /// guard before anything is written).
    #[error("{0}: not a path the studio writes")]
    UnsafePath(String),
    /// None of the files the studio opened is in the picked folder with the
    /// bytes it had: another folder (or another repository) was picked.
    #[error("the picked folder is not the one that was opened: none of its files is as it was opened")]
    NotTheFolder,
    /// Files to touch whose bytes on disk are not those opened (or a file
    /// to create that exists now), by path in the folder.
    #[error("changed on disk since the folder was opened: {}", .0.join(", "))]
    ChangedOnDisk(Vec<String>),
}

/// The paths "Save to folder" reads back before writing, relative to the
/// opened folder, sorted: every file the studio opened (to tell that the
/// picked folder is the opened one) and every file it will touch. Each
/// must be a safe relative path ([`layout::is_safe_entry_name`]: no `..`,
/// no absolute path, no empty segment), checked before any is read.
pub fn paths_to_check(opened: &Opened, changes: &[FileChange]) -> Result<Vec<String>, SaveRefused> {
    let mut paths: Vec<String> = opened.files.keys().map(|p| opened.folder_path(p)).collect();
    paths.extend(changes.iter().map(|c| c.path.clone()));
    paths.sort();
    paths.dedup();
    match paths.iter().find(|p| !layout::is_safe_entry_name(p)) {
        Some(unsafe_path) => Err(SaveRefused::UnsafePath(unsafe_path.clone())),
        None => Ok(paths),
    }
}

/// Whether the changes may be written into a folder whose files are now
/// `on_disk` (path in the folder → bytes, None when there is no such
/// file; every path of [`paths_to_check`]). Each file to touch must be as
/// it was opened: an edited or removed file with its opened bytes, a new
/// file still absent. Every path must be a safe relative path
/// ([`layout::is_safe_entry_name`]: no `..`, no absolute path, no empty
/// segment). Refused as a whole: nothing is written then.
pub fn check_save(
    opened: &Opened,
    changes: &[FileChange],
    on_disk: &dyn Fn(&str) -> Option<Vec<u8>>,
) -> Result<(), SaveRefused> {
    if let Some(c) = changes.iter().find(|c| !layout::is_safe_entry_name(&c.path)) {
        return Err(SaveRefused::UnsafePath(c.path.clone()));
    }
    let same = |path: &str, text: Option<&str>| on_disk(path).as_deref() == text.map(str::as_bytes);
    let any_as_opened = opened.files.iter().any(|(p, text)| same(&opened.folder_path(p), Some(text)));
    if !opened.files.is_empty() && !any_as_opened {
        return Err(SaveRefused::NotTheFolder);
    }
    let stale: Vec<String> =
        changes.iter().filter(|c| !same(&c.path, c.old.as_deref())).map(|c| c.path.clone()).collect();
    if stale.is_empty() {
        Ok(())
    } else {
        Err(SaveRefused::ChangedOnDisk(stale))
    }
}

impl Opened {
    /// The folder after the changes were written: what a later save compares with.
    pub fn saved(&mut self, changes: &[FileChange]) {
        for c in changes {
            match &c.new {
                Some(text) => self.files.insert(c.bundle_path.clone(), text.clone()),
                None => self.files.remove(&c.bundle_path),
            };
        }
    }
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

    fn opened(files: &[(&str, &str)]) -> Opened {
        Opened { root: "infra/".into(), files: files.iter().map(|(p, t)| (p.to_string(), Arc::from(*t))).collect() }
    }

    #[test]
    fn a_save_checks_every_file_it_touches_against_what_was_opened() {
        let o = opened(&[("k3s/x.yaml", "a: 1\n"), ("k3s/y.yaml", "y: 1\n")]);
        let edit = change(Some("a: 1\n"), Some("a: 2\n"));
        let new = FileChange {
            path: "infra/k3s/new.yaml".into(),
            bundle_path: "k3s/new.yaml".into(),
            old: None,
            new: Some("n: 1\n".into()),
        };
        let changes = [edit.clone(), new.clone()];
        assert_eq!(
            paths_to_check(&o, &changes).unwrap(),
            ["infra/k3s/new.yaml", "infra/k3s/x.yaml", "infra/k3s/y.yaml"]
        );
        let disk = |files: &'static [(&'static str, &'static str)]| {
            move |p: &str| files.iter().find(|(f, _)| *f == p).map(|(_, t)| t.as_bytes().to_vec())
        };
        let as_opened = disk(&[("infra/k3s/x.yaml", "a: 1\n"), ("infra/k3s/y.yaml", "y: 1\n")]);
        assert_eq!(check_save(&o, &changes, &as_opened), Ok(()));
        // The edited file changed underneath, and the new one exists now.
        let moved = disk(&[
            ("infra/k3s/x.yaml", "a: 1 # edited elsewhere\n"),
            ("infra/k3s/y.yaml", "y: 1\n"),
            ("infra/k3s/new.yaml", "n: 1\n"),
        ]);
        assert_eq!(
            check_save(&o, &changes, &moved),
            Err(SaveRefused::ChangedOnDisk(vec!["infra/k3s/x.yaml".into(), "infra/k3s/new.yaml".into()]))
        );
        // An untouched file that changed does not stop the save.
        let other = disk(&[("infra/k3s/x.yaml", "a: 1\n"), ("infra/k3s/y.yaml", "y: 2\n")]);
        assert_eq!(check_save(&o, &changes, &other), Ok(()));
        // Another folder: nothing as it was opened.
        let elsewhere = disk(&[("infra/k3s/y.yaml", "y: 3\n")]);
        assert_eq!(check_save(&o, &changes, &elsewhere), Err(SaveRefused::NotTheFolder));
        for bad in ["../k3s/x.yaml", "/etc/x.yaml", "infra//x.yaml", ""] {
            let c = FileChange { path: bad.into(), ..edit.clone() };
            assert_eq!(check_save(&o, std::slice::from_ref(&c), &as_opened), Err(SaveRefused::UnsafePath(bad.into())));
            assert_eq!(paths_to_check(&o, &[c]), Err(SaveRefused::UnsafePath(bad.into())));
        }
        // After the save, the written bytes are what the next save compares with.
        let mut after = o.clone();
        let removed = FileChange {
            path: "infra/k3s/y.yaml".into(),
            bundle_path: "k3s/y.yaml".into(),
            old: Some("y: 1\n".into()),
            new: None,
        };
        after.saved(&[edit, new, removed]);
        let files: Vec<(&str, &str)> = after.files.iter().map(|(p, t)| (p.as_str(), &**t)).collect();
        assert_eq!(files, [("k3s/new.yaml", "n: 1\n"), ("k3s/x.yaml", "a: 2\n")]);
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
