//! "Download bundle": the zip of the snapshot already rendered, or, with
//! "Secrets as placeholders", of the state with its secrets replaced (another
//! state, so its own render).

use super::browser;
use super::i18n::Msg;
use super::studio::Studio;
use crate::i18n::BUNDLE_FAILED;
use leptos::prelude::*;
use xgen_core::bundle::{bundle_file_name, bundle_zip};
use xgen_core::rendered::render;
use xgen_core::secrets::with_placeholders;

pub fn download(studio: Studio, placeholders: bool) {
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
}
