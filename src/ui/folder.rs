//! A folder opened ("Open folder…", a dropped folder) and saved back as a
//! patch ("Download patch"): the browser lists the folder's files, the core
//! (`xgen_core::folder`) says which to read by name, the chosen site is
//! imported as one batch, and the files as they were opened are kept here,
//! beside the state (they are not the project), for the patch
//! (docs/inputs.md, "A folder"; docs/bundle.md, "Save back as a patch").

use super::browser;
use super::i18n::Msg;
use super::importing::{apply, Announce};
use super::studio::Studio;
use crate::i18n::{FOLDER_NOT_OPENED, PATCH_EMPTY, PATCH_FAILED, READ_FAILED};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::collections::HashMap;
use std::sync::Arc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use xgen_core::folder::{skips_dir, Folder, FolderError, FolderScan, Opened};
use xgen_core::patch::{git_patch, FileChange};
use xgen_core::rendered::EmitError;

thread_local! {
    /// The files of the folder the current project was opened from; None
    /// after any other import (the patch then compares the imported files).
    /// A signal: the Changes view's Files part and "Save to folder" follow it.
    static OPENED: ArcRwSignal<Option<Opened>> = ArcRwSignal::new(None);
    /// A read folder of several sites, waiting for the person's pick
    /// (reference-counted: owned by no component, it lives with the page).
    static PICKING: ArcRwSignal<Option<Arc<Folder>>> = ArcRwSignal::new(None);
}

/// The folder waiting for a site to be picked (the site picker shows it).
pub fn picking() -> ArcRwSignal<Option<Arc<Folder>>> {
    PICKING.with(Clone::clone)
}

/// The opened folder's files (None: the project came from elsewhere).
pub fn opened() -> ArcRwSignal<Option<Opened>> {
    OPENED.with(Clone::clone)
}

/// Forgets the opened folder: another project was imported.
pub fn forget() {
    opened().set(None);
    super::save::forget_handle();
}

fn refused(studio: Studio, e: &FolderError) {
    let said = e.said();
    let error = Msg::by_lang(move |l| said.get(l).to_owned());
    studio.error(Msg::wrap(FOLDER_NOT_OPENED, "error", error));
}

/// `webkitRelativePath` (`repo/k3s/…`) without the picked folder's own
/// name: the path in the opened folder.
fn relative_path(file: &web_sys::File) -> String {
    let path = js_sys::Reflect::get(file, &JsValue::from_str("webkitRelativePath"))
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default();
    match path.split_once('/') {
        Some((_, rest)) => rest.to_owned(),
        None => path,
    }
}

/// The `change` handler of the "Open folder…" picker.
pub fn on_pick_folder(studio: Studio) -> impl Fn(leptos::ev::Event) + Copy + 'static {
    move |e| {
        let input: web_sys::HtmlInputElement = event_target(&e);
        if let Some(list) = input.files() {
            let files = browser::files_of(&list).into_iter().map(|f| (relative_path(&f), f)).collect();
            spawn_local(open_files(studio, files));
        }
        input.set_value("");
    }
}

/// Lists, reads what the core asks for, and opens the folder (or asks
/// which site). Nothing changes on any refusal.
async fn open_files(studio: Studio, files: Vec<(String, web_sys::File)>) {
    let mut scan = FolderScan::new();
    for (path, file) in &files {
        if let Err(e) = scan.add(path, file.size() as u64) {
            return refused(studio, &e);
        }
    }
    let plan = match scan.finish() {
        Ok(plan) => plan,
        Err(e) => return refused(studio, &e),
    };
    let by_path: HashMap<&str, &web_sys::File> = files.iter().map(|(p, f)| (p.as_str(), f)).collect();
    let mut read = Vec::new();
    for path in plan.paths() {
        let Some(file) = by_path.get(path) else { continue };
        match JsFuture::from(file.array_buffer()).await {
            Ok(buffer) => read.push((path.to_owned(), js_sys::Uint8Array::new(&buffer).to_vec())),
            Err(_) => return studio.error(Msg::fill(READ_FAILED, vec![("file", path.to_owned())])),
        }
    }
    match plan.open(read) {
        Ok(folder) if folder.sites().len() == 1 => open_site(studio, &folder, None),
        Ok(folder) => picking().set(Some(Arc::new(folder))),
        Err(e) => refused(studio, &e),
    }
}

/// Imports one site of a read folder, all or nothing; the folder's files
/// are then what the patch compares with, and its state the baseline.
pub fn open_site(studio: Studio, folder: &Folder, site: Option<&str>) {
    match folder.choose(site) {
        Ok(chosen) => {
            if apply(studio, chosen.inputs, Announce::Yes) {
                opened().set(Some(chosen.opened));
            }
        }
        Err(e) => refused(studio, &e),
    }
}

/// Every owned file whose bytes change, against the opened folder (or the
/// imported files): what the patch, the Changes view's Files part and
/// "Save to folder" all take (`xgen_core::patch::changes`, once).
pub fn repo_changes(opened: Option<&Opened>, studio: Studio) -> Result<Vec<FileChange>, EmitError> {
    let from_files;
    let opened = match opened {
        Some(o) => o,
        None => {
            from_files = studio.state.with_untracked(Opened::from_originals);
            &from_files
        }
    };
    studio.snapshot.with(|s| xgen_core::patch::changes(opened, &s.rendered))
}

/// "Download patch": [`repo_changes`] as a git patch.
pub fn download_patch(studio: Studio) {
    let changes = opened().with_untracked(|o| untrack(|| repo_changes(o.as_ref(), studio)));
    let patch = changes.map(|c| git_patch(&c));
    match patch {
        Ok(p) if p.is_empty() => studio.info(Msg::text(PATCH_EMPTY)),
        Ok(p) => {
            let name = format!("{}.patch", studio.state.with_untracked(|s| s.site.to_string()));
            if let Err(e) = browser::download(&name, "text/x-diff", p.as_bytes()) {
                studio.error(e);
            }
        }
        Err(e) => studio.error(Msg::fill(PATCH_FAILED, vec![("error", e.to_string())])),
    }
}

/// A drop holding a folder: its entries walked (`webkitGetAsEntry`),
/// never entering a folder the core skips, then opened as a picked folder.
/// Returns false when the drop holds no folder (plain files).
pub fn drop_folder(studio: Studio, data: &web_sys::DataTransfer) -> bool {
    let items = data.items();
    let roots: Vec<web_sys::FileSystemEntry> = (0..items.length())
        .filter_map(|i| items.get(i))
        .filter_map(|item| item.webkit_get_as_entry().ok().flatten())
        .collect();
    let Some(root) = roots.iter().find(|e| e.is_directory()).cloned() else { return false };
    spawn_local(async move {
        match walk(root).await {
            Ok(files) => open_files(studio, files).await,
            Err(Walk::Refused(e)) => refused(studio, &e),
            Err(Walk::Failed(path)) => studio.error(Msg::fill(READ_FAILED, vec![("file", path)])),
        }
    });
    true
}

enum Walk {
    Refused(FolderError),
    Failed(String),
}

/// Every file under a dropped folder, by its path in it; counted as it
/// goes, so a folder over the limit stops the walk.
async fn walk(root: web_sys::FileSystemEntry) -> Result<Vec<(String, web_sys::File)>, Walk> {
    let prefix = format!("{}/", root.full_path());
    let mut counter = FolderScan::new();
    let mut out = Vec::new();
    let mut stack = vec![root];
    while let Some(entry) = stack.pop() {
        let dir: web_sys::FileSystemDirectoryEntry = entry.unchecked_into();
        let reader = dir.create_reader();
        loop {
            let batch = call(|ok, err| {
                let _ = reader.read_entries_with_callback_and_callback(ok, err);
            })
            .await
            .map_err(|_| Walk::Failed(dir.full_path()))?;
            let batch: js_sys::Array = batch.unchecked_into();
            if batch.length() == 0 {
                break;
            }
            for child in batch.iter() {
                let child: web_sys::FileSystemEntry = child.unchecked_into();
                let path = child.full_path().strip_prefix(&prefix).unwrap_or_default().to_owned();
                if child.is_directory() {
                    if !skips_dir(&child.name()) {
                        stack.push(child);
                    }
                    continue;
                }
                let entry: web_sys::FileSystemFileEntry = child.unchecked_into();
                let file = call(|ok, err| entry.file_with_callback_and_callback(ok, err))
                    .await
                    .map_err(|_| Walk::Failed(path.clone()))?;
                let file: web_sys::File = file.unchecked_into();
                counter.add(&path, 0).map_err(Walk::Refused)?;
                out.push((path, file));
            }
        }
    }
    Ok(out)
}

/// A callback API as a future: `f` gets the success and error callbacks.
async fn call(f: impl FnOnce(&js_sys::Function, &js_sys::Function)) -> Result<JsValue, JsValue> {
    let mut f = Some(f);
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        if let Some(f) = f.take() {
            f(&resolve, &reject);
        }
    });
    JsFuture::from(promise).await
}
