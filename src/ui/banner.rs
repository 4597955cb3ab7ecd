//! The message line under the header: what just happened (an import, a share
//! link) or what went wrong, in the page's language when it is shown.

use super::i18n::{lang, t, Msg};
use super::studio::studio;
use crate::i18n::DISMISS;
use leptos::prelude::*;

#[derive(Clone)]
pub enum Banner {
    Error(Msg),
    Info(Msg),
}

#[component]
pub fn BannerLine() -> impl IntoView {
    let banner = studio().banner;
    move || {
        banner.get().map(|b| {
            let (class, role, text) = match b {
                Banner::Error(t) => ("banner error", "alert", t),
                Banner::Info(t) => ("banner info", "status", t),
            };
            view! {
                <div class=class role=role data-testid="banner">
                    <span>{move || super::code_text::code_text(&text.show(lang()))}</span>
                    <button type="button" aria-label=t(DISMISS) on:click=move |_| banner.set(None)>
                        "×"
                    </button>
                </div>
            }
        })
    }
}
