//! The import section: open a repository's folder, open a URL, or paste
//! YAML.

use super::i18n::t;
use super::importing::{apply, open_url, Announce};
use super::studio::studio;
use crate::i18n::{
    IMPORT, IMPORT_HELP, IMPORT_PASTED, OPEN_FOLDER, OPEN_FOLDER_HELP, OPEN_FOLDER_LABEL, OPEN_URL, PASTE_YAML,
    PROJECT_URL,
};
use leptos::ev;
use leptos::prelude::*;
use xgen_core::InputFile;

#[component]
pub fn ImportPanel() -> impl IntoView {
    let studio = studio();
    let url = RwSignal::new(String::new());
    let on_open_url = move |e: ev::SubmitEvent| {
        e.prevent_default();
        let target = url.get_untracked().trim().to_owned();
        if !target.is_empty() {
            open_url(studio, target, Announce::Yes);
        }
    };
    let paste_text = RwSignal::new(String::new());
    let on_paste_import = move |e: ev::SubmitEvent| {
        e.prevent_default();
        let text = paste_text.get_untracked();
        if !text.trim().is_empty() {
            apply(studio, vec![InputFile::new("(pasted text)", text)], Announce::Yes);
        }
    };
    view! {
        <section class="import-more" aria-labelledby="import-heading">
            <h2 id="import-heading">{t(IMPORT)}</h2>
            <p class="muted">{t(IMPORT_HELP)}</p>
            <div class="row open-folder">
                <label class="button">
                    {t(OPEN_FOLDER)}
                    <input type="file" prop:webkitdirectory=true class="visually-hidden" aria-label=t(OPEN_FOLDER_LABEL) on:change=super::folder::on_pick_folder(studio) />
                </label>
                <span class="muted">{move || super::code_text::code_text(OPEN_FOLDER_HELP.get(super::i18n::lang()))}</span>
            </div>
            <form class="row" on:submit=on_open_url>
                <label for="open-url">{t(PROJECT_URL)}</label>
                <input id="open-url" type="url" placeholder="https://…/projects/site.yaml" bind:value=url />
                <button type="submit">{t(OPEN_URL)}</button>
            </form>
            <form class="paste" on:submit=on_paste_import>
                <label for="paste-yaml">{t(PASTE_YAML)}</label>
                <textarea id="paste-yaml" rows="4" spellcheck="false" bind:value=paste_text></textarea>
                <button type="submit">{t(IMPORT_PASTED)}</button>
            </form>
        </section>
    }
}
