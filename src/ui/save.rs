//! "Save to folder": the files the patch holds (edited, new, removed),
//! written into the opened folder through the File System Access API
//! (Chromium) once the person grants access (docs/bundle.md, "Save to
//! folder"; the choices in docs/decisions.md).
//!
//! The folder is asked for with `showDirectoryPicker({mode: 'readwrite'})`
//! on the first save (an `<input webkitdirectory>` gives no handle), and
//! that handle is kept for later saves until another project is imported.
//! Before writing anything, every file the studio opened and every file it
//! will touch is read back: the core (`xgen_core::patch::check_save`) says
//! whether this is the opened folder and whether each file to touch is as
//! it was opened; a refusal names the files and writes nothing. Paths are
//! the patch's own, checked safe by the core before any is used. Nothing
//! leaves the browser.

use super::i18n::Msg;
use super::studio::Studio;
use crate::i18n::*;
use js_sys::{Object, Reflect, Uint8Array};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::cell::RefCell;
use std::collections::BTreeMap;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{FileSystemDirectoryHandle as Dir, FileSystemFileHandle, FileSystemWritableFileStream};
use xgen_core::patch::{check_save, paths_to_check, FileChange, SaveRefused};

thread_local! {
    /// The folder picked for saving, kept for the next save of the same
    /// opened folder (forgotten when another project is imported).
    static HANDLE: RefCell<Option<Dir>> = const { RefCell::new(None) };
}

/// Forgets the picked folder: the opened folder is another one now.
pub fn forget_handle() {
    HANDLE.with(|h| h.borrow_mut().take());
}

/// Whether this browser can write into a folder (`showDirectoryPicker`).
pub fn supported() -> bool {
    web_sys::window().is_some_and(|w| Reflect::has(&w, &"showDirectoryPicker".into()).unwrap_or(false))
}

/// `{mode: 'readwrite'}`.
fn readwrite() -> JsValue {
    let o = Object::new();
    let _ = Reflect::set(&o, &"mode".into(), &"readwrite".into());
    o.into()
}

/// Calls `target.name(arg)` and awaits what it returns.
async fn call(target: &JsValue, name: &str, arg: &JsValue) -> Result<JsValue, JsValue> {
    let f: js_sys::Function = Reflect::get(target, &name.into())?.dyn_into()?;
    JsFuture::from(js_sys::Promise::resolve(&f.call1(target, arg)?)).await
}

/// A DOMException's name (`NotFoundError`, `AbortError`, …), or its text.
fn error_name(e: &JsValue) -> String {
    Reflect::get(e, &"name".into()).ok().and_then(|n| n.as_string()).unwrap_or_default()
}

fn error_text(e: &JsValue) -> String {
    let message = Reflect::get(e, &"message".into()).ok().and_then(|m| m.as_string()).unwrap_or_default();
    match (error_name(e), message) {
        (n, m) if m.is_empty() => n,
        (n, m) if n.is_empty() => m,
        (n, m) => format!("{n}: {m}"),
    }
}

fn missing(e: &JsValue) -> bool {
    matches!(error_name(e).as_str(), "NotFoundError" | "TypeMismatchError")
}

/// Asks for write access where the handle has a permission model (a
/// picked folder); the origin-private file system has none to ask.
async fn may_write(dir: &Dir) -> bool {
    for method in ["queryPermission", "requestPermission"] {
        if !Reflect::has(dir, &method.into()).unwrap_or(false) {
            return true;
        }
        match call(dir, method, &readwrite()).await {
            Ok(state) if state.as_string().as_deref() == Some("granted") => return true,
            Ok(_) => {}
            Err(_) => return false,
        }
    }
    false
}

/// The folder holding `path` (created when `create`) and the file's name;
/// None when a folder on the way is missing.
async fn parent_of(root: &Dir, path: &str, create: bool) -> Result<Option<(Dir, String)>, JsValue> {
    let mut dirs: Vec<&str> = path.split('/').collect();
    let name = dirs.pop().unwrap_or_default().to_owned();
    let mut dir = root.clone();
    for seg in dirs {
        let options = web_sys::FileSystemGetDirectoryOptions::new();
        options.set_create(create);
        match JsFuture::from(dir.get_directory_handle_with_options(seg, &options)).await {
            Ok(d) => dir = d.unchecked_into(),
            Err(e) if !create && missing(&e) => return Ok(None),
            Err(e) => return Err(e),
        }
    }
    Ok(Some((dir, name)))
}

/// The bytes of `path` in the folder now (None: no such file).
async fn read(root: &Dir, path: &str) -> Result<Option<Vec<u8>>, JsValue> {
    let Some((dir, name)) = parent_of(root, path, false).await? else { return Ok(None) };
    let handle: FileSystemFileHandle = match JsFuture::from(dir.get_file_handle(&name)).await {
        Ok(h) => h.unchecked_into(),
        Err(e) if missing(&e) => return Ok(None),
        Err(e) => return Err(e),
    };
    let file: web_sys::File = JsFuture::from(handle.get_file()).await?.unchecked_into();
    let buffer = JsFuture::from(file.array_buffer()).await?;
    Ok(Some(Uint8Array::new(&buffer).to_vec()))
}

/// Writes (or removes) one file. The bytes are copied out of the wasm
/// memory first: the stream reads them after this returns.
async fn write(root: &Dir, change: &FileChange) -> Result<(), JsValue> {
    let Some((dir, name)) = parent_of(root, &change.path, change.new.is_some()).await? else { return Ok(()) };
    match &change.new {
        Some(text) => {
            let options = web_sys::FileSystemGetFileOptions::new();
            options.set_create(true);
            let handle: FileSystemFileHandle =
                JsFuture::from(dir.get_file_handle_with_options(&name, &options)).await?.unchecked_into();
            let stream: FileSystemWritableFileStream = JsFuture::from(handle.create_writable()).await?.unchecked_into();
            JsFuture::from(stream.write_with_js_u8_array(&Uint8Array::from(text.as_bytes()))?).await?;
            JsFuture::from(stream.close()).await?;
        }
        None => {
            JsFuture::from(dir.remove_entry(&name)).await?;
        }
    }
    Ok(())
}

/// The refusal in words; nothing was written.
fn refusal(e: SaveRefused, folder: String) -> Msg {
    match e {
        SaveRefused::UnsafePath(path) => Msg::fill(SAVE_UNSAFE_PATH, vec![("file", path)]),
        SaveRefused::NotTheFolder => Msg::fill(SAVE_NOT_THE_FOLDER, vec![("folder", folder)]),
        SaveRefused::ChangedOnDisk(files) => Msg::fill(SAVE_CHANGED_ON_DISK, vec![("files", files.join(", "))]),
    }
}

/// The "Save to folder" button.
pub fn save(studio: Studio) {
    spawn_local(async move {
        if let Err(m) = save_now(studio).await {
            studio.error(m);
        }
    });
}

async fn save_now(studio: Studio) -> Result<(), Msg> {
    let opened = super::folder::opened();
    let Some(was) = opened.get_untracked() else { return Err(Msg::text(SAVE_NEEDS_FOLDER)) };
    let changes = untrack(|| super::folder::repo_changes(Some(&was), studio))
        .map_err(|e| Msg::fill(PATCH_FAILED, vec![("error", e.to_string())]))?;
    if changes.is_empty() {
        studio.info(Msg::text(PATCH_EMPTY));
        return Ok(());
    }
    let dir = match HANDLE.with(|h| h.borrow().clone()) {
        Some(dir) => dir,
        None => {
            let window: JsValue = web_sys::window().map(Into::into).unwrap_or(JsValue::UNDEFINED);
            match call(&window, "showDirectoryPicker", &readwrite()).await {
                Ok(dir) => dir.unchecked_into(),
                // The person closed the picker: nothing to say.
                Err(e) if error_name(&e) == "AbortError" => return Ok(()),
                Err(e) => return Err(Msg::fill(SAVE_PICK_FAILED, vec![("error", error_text(&e))])),
            }
        }
    };
    if !may_write(&dir).await {
        return Err(Msg::text(SAVE_NOT_ALLOWED));
    }
    let paths = paths_to_check(&was, &changes).map_err(|e| refusal(e, dir.name()))?;
    let mut on_disk = BTreeMap::new();
    for path in paths {
        let bytes = read(&dir, &path)
            .await
            .map_err(|e| Msg::fill(SAVE_READ_FAILED, vec![("file", path.clone()), ("error", error_text(&e))]))?;
        on_disk.insert(path, bytes);
    }
    let checked = check_save(&was, &changes, &|p| on_disk.get(p).cloned().flatten());
    // The opened folder: the next save asks no more. Another one (or the
    // kept one moved away): the next save asks again.
    let keep = !matches!(checked, Err(SaveRefused::NotTheFolder));
    HANDLE.with(|h| *h.borrow_mut() = keep.then(|| dir.clone()));
    checked.map_err(|e| refusal(e, dir.name()))?;
    // Another folder opened while this one was read: write nothing.
    if opened.with_untracked(|o| o.as_ref() != Some(&was)) {
        return Ok(());
    }
    for (i, change) in changes.iter().enumerate() {
        if let Err(e) = write(&dir, change).await {
            let done = &changes[..i];
            opened.update(|o| o.iter_mut().for_each(|o| o.saved(done)));
            let written = done.iter().map(|c| c.path.as_str()).collect::<Vec<_>>().join(", ");
            return Err(Msg::fill(
                SAVE_WRITE_FAILED,
                vec![("file", change.path.clone()), ("error", error_text(&e)), ("written", written)],
            ));
        }
    }
    opened.update(|o| o.iter_mut().for_each(|o| o.saved(&changes)));
    let files = changes.iter().map(|c| c.path.as_str()).collect::<Vec<_>>().join(", ");
    studio.info(Msg::fill(SAVED_TO_FOLDER, vec![("folder", dir.name()), ("files", files)]));
    Ok(())
}
