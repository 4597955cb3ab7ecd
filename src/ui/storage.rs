//! This browser's storage: where the work and the language choice are kept
//! (local storage), and the time of the last edit in this tab (session
//! storage). A leaf: nothing here knows what it stores.

/// Where a value is kept.
#[derive(Clone, Copy)]
pub enum Place {
    /// Kept across reloads and tabs, until cleared.
    Local,
    /// Kept across reloads of this tab only. It has a quota of its own, so it
    /// still takes a small marker when local storage is full.
    Tab,
}

fn storage(place: Place) -> Result<web_sys::Storage, String> {
    let window = web_sys::window().ok_or("no window")?;
    let found = match place {
        Place::Local => window.local_storage(),
        Place::Tab => window.session_storage(),
    };
    found.map_err(|e| error_name(&e))?.ok_or_else(|| "storage disabled".to_owned())
}

/// The browser's name for a storage error (`QuotaExceededError`,
/// `SecurityError`), or its text.
fn error_name(e: &wasm_bindgen::JsValue) -> String {
    js_sys::Reflect::get(e, &"name".into())
        .ok()
        .and_then(|n| n.as_string())
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "unknown error".to_owned())
}

pub fn load(place: Place, key: &str) -> Option<String> {
    storage(place).ok()?.get_item(key).ok().flatten()
}

/// Keeps `value` under `key`, or says why the browser refused it (full,
/// disabled): the caller tells the user, nothing is dropped silently.
pub fn save(place: Place, key: &str, value: &str) -> Result<(), String> {
    storage(place)?.set_item(key, value).map_err(|e| error_name(&e))
}

/// Forgets `key` (a value that no longer describes the work).
pub fn remove(place: Place, key: &str) {
    if let Ok(s) = storage(place) {
        let _ = s.remove_item(key);
    }
}
