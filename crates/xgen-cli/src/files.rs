//! The files the CLI reads and writes (docs/security.md, "Files the CLI
//! writes" and "Files the CLI reads").
//!
//! - An input must be a regular file (a symbolic link to one is followed) no
//!   larger than a limit; a directory, FIFO, device or socket is refused
//!   before it is opened, and no more than the limit plus one byte is read.
//! - An output is written atomically (a temporary file in the same
//!   directory, then a rename), and never through a symbolic link: a link
//!   where the CLI would write, or in the path under the output directory,
//!   is refused, and nothing is written.

use std::collections::HashSet;
use std::fs::{self, File, Metadata, OpenOptions};
use std::io::{ErrorKind, Read, Write};
use std::path::{Path, PathBuf};

/// Why `meta` is not a regular file, in words.
fn not_regular(meta: &Metadata) -> &'static str {
    let t = meta.file_type();
    if t.is_dir() {
        return "it is a directory";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "it is a named pipe (FIFO)";
        }
        if t.is_char_device() || t.is_block_device() {
            return "it is a device";
        }
        if t.is_socket() {
            return "it is a socket";
        }
    }
    "it is not a regular file"
}

/// Reads an input: a regular file of at most `limit` bytes.
pub fn read_input(path: &Path, limit: u64) -> Result<Vec<u8>, String> {
    let shown = path.display();
    let refuse = |why: String| format!("{shown}: cannot read: {why}");
    // Asked before opening: opening a FIFO waits for a writer.
    let meta = fs::metadata(path).map_err(|e| refuse(e.to_string()))?;
    if !meta.is_file() {
        return Err(refuse(format!("{}; only regular files are read", not_regular(&meta))));
    }
    let too_large = || refuse(format!("the file is larger than {limit} bytes, the most that is read"));
    if meta.len() > limit {
        return Err(too_large());
    }
    let file = File::open(path).map_err(|e| refuse(e.to_string()))?;
    // What was opened may not be what was looked at.
    let opened = file.metadata().map_err(|e| refuse(e.to_string()))?;
    if !opened.is_file() {
        return Err(refuse(format!("{}; only regular files are read", not_regular(&opened))));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(opened.len().min(limit)).unwrap_or(0));
    // A file that grows while it is read is still read only up to the limit.
    file.take(limit + 1).read_to_end(&mut bytes).map_err(|e| refuse(e.to_string()))?;
    if bytes.len() as u64 > limit {
        return Err(too_large());
    }
    Ok(bytes)
}

fn symlink_refusal(path: &Path) -> String {
    let to = fs::read_link(path).map(|t| format!(" (to {})", t.display())).unwrap_or_default();
    format!("{}: refusing to write through a symbolic link{to}; remove it or choose another output", path.display())
}

/// Writes `bytes` to `path` atomically, and not through a symbolic link:
/// into a new temporary file beside it, then renamed over it. A rename
/// replaces the directory entry, never what a link points to.
fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let cannot = |e: std::io::Error| format!("{}: cannot write: {e}", path.display());
    match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => return Err(symlink_refusal(path)),
        Ok(m) if m.is_dir() => return Err(format!("{}: cannot write: it is a directory", path.display())),
        _ => {}
    }
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().ok_or_else(|| format!("{}: cannot write: not a file name", path.display()))?;
    let mut attempt = 0u32;
    let (tmp, mut file) = loop {
        let tmp = dir.join(format!(".{}.{}-{attempt}.tmp", name.to_string_lossy(), std::process::id()));
        // `create_new` (O_EXCL) fails on anything already there, a link included.
        match OpenOptions::new().write(true).create_new(true).open(&tmp) {
            Ok(file) => break (tmp, file),
            Err(e) if e.kind() == ErrorKind::AlreadyExists && attempt < 100 => attempt += 1,
            Err(e) => return Err(cannot(e)),
        }
    };
    // No fsync: the rename is atomic for readers and for a run that is
    // stopped, which is what a CI job needs; a power loss may still lose
    // the file's contents (docs/security.md).
    let written = file.write_all(bytes);
    drop(file);
    if let Err(e) = written.and_then(|()| fs::rename(&tmp, path)) {
        let _ = fs::remove_file(&tmp);
        return Err(cannot(e));
    }
    Ok(())
}

/// Writes one file the user named (`bundle -o FILE`): its directory is
/// created if missing; the file itself must not be a symbolic link.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<(), String> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        fs::create_dir_all(dir).map_err(|e| format!("{}: cannot create: {e}", dir.display()))?;
    }
    write_atomic(path, bytes)
}

/// Files written under one output directory (`render -o DIR`).
///
/// `DIR` itself is the user's (created if missing, followed if it is a
/// link); below it, every directory and file the tree needs is checked
/// before anything is written: none may be a symbolic link, and each must be
/// a directory or a file as the tree says. Then the files are written, each
/// atomically.
pub struct Tree {
    dir: PathBuf,
    /// Directories under `dir` known to be real directories.
    dirs: HashSet<PathBuf>,
}

impl Tree {
    pub fn new(dir: &Path) -> Result<Self, String> {
        fs::create_dir_all(dir).map_err(|e| format!("{}: cannot create: {e}", dir.display()))?;
        Ok(Tree { dir: dir.to_path_buf(), dirs: HashSet::new() })
    }

    /// The path of `rel` (a safe relative path, `/`-separated) under the
    /// directory, each directory on the way checked, and made when `create`.
    fn walk(&mut self, rel: &str, create: bool) -> Result<PathBuf, String> {
        if !xgen_core::layout::is_safe_entry_name(rel) {
            return Err(format!("{rel:?}: not a safe relative path; nothing written"));
        }
        let mut path = self.dir.clone();
        let mut parts = rel.split('/').peekable();
        while let Some(part) = parts.next() {
            path.push(part);
            if parts.peek().is_none() {
                break;
            }
            if self.dirs.contains(&path) {
                continue;
            }
            match fs::symlink_metadata(&path) {
                Ok(m) if m.file_type().is_symlink() => return Err(symlink_refusal(&path)),
                Ok(m) if m.is_dir() => {}
                Ok(_) => return Err(format!("{}: cannot write under it: it is not a directory", path.display())),
                Err(e) if e.kind() == ErrorKind::NotFound => {
                    if !create {
                        // Nothing below a missing directory exists yet.
                        return Ok(self.dir.join(rel));
                    }
                    fs::create_dir(&path).map_err(|e| format!("{}: cannot create: {e}", path.display()))?;
                }
                Err(e) => return Err(format!("{}: cannot write: {e}", path.display())),
            }
            self.dirs.insert(path.clone());
        }
        match fs::symlink_metadata(&path) {
            Ok(m) if m.file_type().is_symlink() => Err(symlink_refusal(&path)),
            Ok(m) if m.is_dir() => Err(format!("{}: cannot write: it is a directory", path.display())),
            _ => Ok(path),
        }
    }

    /// Writes every file, after checking every path: a refusal leaves the
    /// directory as it was.
    pub fn write_all<'a>(&mut self, files: impl Iterator<Item = (&'a str, &'a [u8])> + Clone) -> Result<(), String> {
        for (rel, _) in files.clone() {
            self.walk(rel, false)?;
        }
        // Checked directories were only those that exist; start again.
        self.dirs.clear();
        for (rel, bytes) in files {
            let path = self.walk(rel, true)?;
            write_atomic(&path, bytes)?;
        }
        Ok(())
    }
}

/// Reads a folder input (docs/inputs.md, "A folder"): walks it, entering
/// no folder the core skips by name (`.git`, `node_modules`, hidden
/// folders) and following no symbolic link to a folder (so a link loop
/// cannot make the walk endless), lists each file with its size to the
/// core, which says which to read; those are read as inputs are (regular
/// files, bounded; a link to a regular file is followed, a link loop there
/// is refused by name). Errors name the file by its path in the folder.
pub fn read_folder(dir: &Path) -> Result<xgen_core::folder::Folder, String> {
    use xgen_core::folder::{skips_dir, FolderScan, MAX_FOLDER_FILE_BYTES};
    let shown = dir.display();
    let in_folder = |e: xgen_core::folder::FolderError| format!("{shown}: {e}");
    let mut scan = FolderScan::new();
    let mut stack = vec![(dir.to_path_buf(), String::new())];
    while let Some((path, rel)) = stack.pop() {
        let entries = fs::read_dir(&path).map_err(|e| format!("{}: cannot read the folder: {e}", path.display()))?;
        let mut entries: Vec<fs::DirEntry> = entries
            .collect::<Result<_, _>>()
            .map_err(|e| format!("{}: cannot read the folder: {e}", path.display()))?;
        entries.sort_by_key(|e| e.file_name());
        for entry in entries {
            let Some(name) = entry.file_name().to_str().map(str::to_owned) else {
                continue; // not UTF-8: never a name the studio reads
            };
            let child = format!("{rel}{name}");
            let kind = entry.file_type().map_err(|e| format!("{}: {e}", entry.path().display()))?;
            if kind.is_dir() {
                if !skips_dir(&name) {
                    stack.push((entry.path(), format!("{child}/")));
                }
                continue;
            }
            let size = if kind.is_symlink() {
                match fs::metadata(entry.path()) {
                    Ok(m) if m.is_dir() => continue, // a link to a folder: not followed
                    Ok(m) => m.len(),
                    // A loop or a dangling link: listed, refused if read.
                    Err(_) => 0,
                }
            } else {
                entry.metadata().map(|m| m.len()).unwrap_or(0)
            };
            scan.add(&child, size).map_err(in_folder)?;
        }
    }
    let plan = scan.finish().map_err(in_folder)?;
    let mut read = Vec::new();
    for rel in plan.paths() {
        let path = dir.join(rel);
        let bytes = read_input(&path, MAX_FOLDER_FILE_BYTES).map_err(|e| {
            let link = fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink());
            if link && fs::metadata(&path).is_err() {
                format!("{}: cannot read: a symbolic link that loops or leads nowhere; remove the link", path.display())
            } else {
                e
            }
        })?;
        read.push((rel.to_owned(), bytes));
    }
    plan.open(read).map_err(|e| match e {
        // An import error starts with the file's path in the folder.
        xgen_core::folder::FolderError::Import(e) => format!("{}", dir.join(e.to_string()).display()),
        e => in_folder(e),
    })
}

/// Removes a file of the folder (`write`), never what a link points to.
pub fn remove_file(path: &Path) -> Result<(), String> {
    fs::remove_file(path).map_err(|e| format!("{}: cannot remove: {e}", path.display()))
}
