//! "Download bundle": the zip of the snapshot already rendered, or, with
//! "Secrets as placeholders", of the state with its secrets replaced (another
//! state, so its own render).

use super::browser;
use super::i18n::Msg;
use super::studio::Studio;
use crate::i18n::{Lang, BUNDLE_FAILED, NOT_DOWNLOADED_INVALID, NOT_DOWNLOADED_TWICE};
use leptos::prelude::*;
use xgen_core::bundle::{bundle_file_name, bundle_zip, ExportError};
use xgen_core::rendered::render;
use xgen_core::secrets::with_placeholders;

/// Why a download was refused.
pub enum Refused {
    /// Fields hold invalid text (the caller leads the user to them).
    InvalidFields(Msg),
    /// The bundle could not be made; said in words.
    Other(Msg),
}

/// Downloads the bundle, or says why not.
pub fn download(studio: Studio, placeholders: bool, lang: Lang) -> Result<(), Refused> {
    // A field holding invalid text has kept its old value in the state; a
    // bundle now would ship that old value without a word. Refuse, and say
    // which fields.
    let invalid: Vec<String> = studio
        .editor
        .drafts
        .with_untracked(|d| d.values().map(|d| format!("{} = `{}`", d.label.get(lang), d.text)).collect());
    if !invalid.is_empty() {
        return Err(Refused::InvalidFields(Msg::fill(NOT_DOWNLOADED_INVALID, vec![("fields", invalid.join(", "))])));
    }
    let zip = if placeholders {
        let safe = studio.state.with_untracked(|s| with_placeholders(s).0);
        bundle_zip(&render(&safe)).map(|zip| (bundle_file_name(&safe), zip))
    } else {
        let name = studio.state.with_untracked(bundle_file_name);
        studio.snapshot.with_untracked(|s| bundle_zip(&s.rendered)).map(|zip| (name, zip))
    };
    let (name, zip) = zip.map_err(|e| {
        Refused::Other(match e {
            // The one refusal a user's own edits can cause: said in their
            // words, with what to do (XS203 says it in the problems too).
            ExportError::DuplicateService { env, service, .. } => {
                Msg::fill(NOT_DOWNLOADED_TWICE, vec![("env", env), ("service", service)])
            }
            e => Msg::fill(BUNDLE_FAILED, vec![("error", e.to_string())]),
        })
    })?;
    browser::download(&name, "application/zip", &zip).map_err(Refused::Other)
}
