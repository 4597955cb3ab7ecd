//! This browser's local storage: where the work and the language choice are
//! kept. A leaf: nothing here knows what it stores.

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

pub fn load(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

pub fn save(key: &str, value: &str) {
    if let Some(s) = storage() {
        // Full or disabled storage: the work stays in the page; nothing to do.
        let _ = s.set_item(key, value);
    }
}
