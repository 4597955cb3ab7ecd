//! "Download bundle": the zip of the snapshot already rendered, or, with
//! "Secrets as placeholders", of the state with its secrets replaced (another
//! state, so its own render).

use super::browser;
use super::i18n::Msg;
use super::studio::Studio;
use crate::i18n::{Lang, BUNDLE_FAILED, NOT_DOWNLOADED_INVALID};
use leptos::prelude::*;
use xgen_core::bundle::{bundle_file_name, bundle_zip};
use xgen_core::rendered::render;
use xgen_core::secrets::with_placeholders;

/// Downloads the bundle; false when refused because fields hold invalid text
/// (the caller then leads the user to them).
pub fn download(studio: Studio, placeholders: bool, lang: Lang) -> bool {
    // A field holding invalid text has kept its old value in the state; a
    // bundle now would ship that old value without a word. Refuse, and say
    // which fields.
    let invalid: Vec<String> = studio
        .editor
        .drafts
        .with_untracked(|d| d.values().map(|d| format!("{} = `{}`", d.label.get(lang), d.text)).collect());
    if !invalid.is_empty() {
        studio.error(Msg::fill(NOT_DOWNLOADED_INVALID, vec![("fields", invalid.join(", "))]));
        return false;
    }
    let zip = if placeholders {
        let safe = studio.state.with_untracked(|s| with_placeholders(s).0);
        bundle_zip(&render(&safe)).map(|zip| (bundle_file_name(&safe), zip))
    } else {
        let name = studio.state.with_untracked(bundle_file_name);
        studio.snapshot.with_untracked(|s| bundle_zip(&s.rendered)).map(|zip| (name, zip))
    };
    let result = zip
        .map_err(|e| Msg::fill(BUNDLE_FAILED, vec![("error", e.to_string())]))
        .and_then(|(name, zip)| browser::download(&name, "application/zip", &zip));
    if let Err(e) = result {
        studio.error(e);
    }
    true
}
