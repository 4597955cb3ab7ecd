//! The few browser APIs the UI needs: reading dropped or picked files, fetching
//! a URL, handing a download to the user, the clipboard, the clock and the
//! address's fragment. Nothing is sent anywhere except a fetch the user asked
//! for (the built-in example is fetched from the page's own origin).

use super::i18n::Msg;
use crate::i18n::{CLIPBOARD_DENIED, DOWNLOAD_FAILED, FETCH_FAILED, READ_ANSWER_FAILED, READ_FAILED, SERVER_ANSWERED};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use xgen_core::InputFile;

/// The files of a `FileList`, taken out of it at once: the list is live, and the
/// file picker's is emptied when its input is reset.
pub fn files_of(list: &web_sys::FileList) -> Vec<web_sys::File> {
    (0..list.length()).filter_map(|i| list.item(i)).collect()
}

/// Reads files (from a drop, the picker or a paste).
pub async fn read_files(files: Vec<web_sys::File>) -> Result<Vec<InputFile>, Msg> {
    let mut out = Vec::new();
    for file in files {
        let buffer = JsFuture::from(file.array_buffer())
            .await
            .map_err(|_| Msg::fill(READ_FAILED, vec![("file", file.name())]))?;
        out.push(InputFile::new(file.name(), js_sys::Uint8Array::new(&buffer).to_vec()));
    }
    Ok(out)
}

/// Fetches a URL (same-origin example, or one the user typed) as a file named
/// after the URL's last path segment.
pub async fn fetch_file(url: &str) -> Result<InputFile, Msg> {
    let fail = |text, error: String| Msg::fill(text, vec![("url", url.to_owned()), ("error", error)]);
    let response = gloo_net::http::Request::get(url).send().await.map_err(|e| fail(FETCH_FAILED, e.to_string()))?;
    if !response.ok() {
        let status = format!("{} {}", response.status(), response.status_text());
        return Err(Msg::fill(SERVER_ANSWERED, vec![("url", url.to_owned()), ("status", status)]));
    }
    let bytes = response.binary().await.map_err(|e| fail(READ_ANSWER_FAILED, e.to_string()))?;
    Ok(InputFile::new(file_name_of_url(url), bytes))
}

/// `https://host/a/b/xgen.yaml?raw=1` is `xgen.yaml`.
pub fn file_name_of_url(url: &str) -> String {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    path.rsplit('/').next().unwrap_or(path).to_owned()
}

/// Offers bytes to the user as a file download.
pub fn download(file_name: &str, mime: &str, bytes: &[u8]) -> Result<(), Msg> {
    let fail = |what: &str| Msg::fill(DOWNLOAD_FAILED, vec![("error", what.to_owned())]);
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).map_err(|_| fail("blob"))?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| fail("object URL"))?;
    let document = web_sys::window().and_then(|w| w.document()).ok_or_else(|| fail("no document"))?;
    let anchor: web_sys::HtmlAnchorElement = document.create_element("a").map_err(|_| fail("anchor"))?.unchecked_into();
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.click();
    web_sys::Url::revoke_object_url(&url).map_err(|_| fail("revoke"))?;
    Ok(())
}

/// Copies text to the clipboard; failures (no permission) are reported.
pub fn copy_text(text: String, on_error: leptos::prelude::Callback<Msg>) {
    use leptos::prelude::Callable;
    let Some(window) = web_sys::window() else { return };
    let promise = window.navigator().clipboard().write_text(&text);
    wasm_bindgen_futures::spawn_local(async move {
        if JsFuture::from(promise).await.is_err() {
            on_error.run(Msg::text(CLIPBOARD_DENIED));
        }
    });
}

/// The page's WebAssembly memory, in bytes (the benchmark reads it).
pub fn wasm_memory_bytes() -> u32 {
    let memory: js_sys::WebAssembly::Memory = wasm_bindgen::memory().unchecked_into();
    js_sys::ArrayBuffer::from(memory.buffer()).byte_length()
}

/// Milliseconds since the page started (for the render-time readout).
pub fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

/// The URL's fragment without `#`, if any.
pub fn location_hash() -> Option<String> {
    let hash = web_sys::window()?.location().hash().ok()?;
    hash.strip_prefix('#').filter(|h| !h.is_empty()).map(str::to_owned)
}

/// The page's address without its fragment.
pub fn page_url() -> String {
    let Some(location) = web_sys::window().map(|w| w.location()) else { return String::new() };
    let href = location.href().unwrap_or_default();
    href.split('#').next().unwrap_or_default().to_owned()
}

/// Drops the fragment from the address bar without a reload or a new history
/// entry (a reload then restores the autosaved work, not the link again).
pub fn clear_hash() {
    if let Some(w) = web_sys::window() {
        let url = page_url();
        if let Ok(h) = w.history() {
            let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
        }
    }
}
