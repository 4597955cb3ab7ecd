//! "Share link": the project (secrets as placeholders) in the address's
//! fragment, copied to the clipboard and shown for copying by hand. A link
//! shown is of the state it was made from: any change retires it.

use super::browser;
use super::i18n::{t, Msg};
use super::studio::Studio;
use crate::i18n::{NO_LINK, SHARE_COPIED, SHARE_COPIED_SECRET, SHARE_COPIED_SECRETS, SHARE_LINK_COPIED};
use leptos::prelude::*;
use xgen_core::share;

#[derive(Clone, Copy)]
pub struct ShareLink(RwSignal<Option<String>>);

impl ShareLink {
    pub fn new(studio: Studio) -> ShareLink {
        let link = RwSignal::new(None::<String>);
        Effect::new(move |_| {
            studio.state.track();
            link.set(None);
        });
        ShareLink(link)
    }

    /// Makes the link of the current state, copies and shows it.
    pub fn make(self, studio: Studio) {
        match studio.state.with_untracked(share::encode) {
            Ok(shared) => {
                let url = format!("{}#{}", browser::page_url(), shared.fragment);
                browser::copy_text(url.clone(), Callback::new(move |e| studio.error(e)));
                self.0.set(Some(url));
                studio.info(match shared.placeholders {
                    0 => Msg::text(SHARE_COPIED),
                    1 => Msg::text(SHARE_COPIED_SECRET),
                    n => Msg::fill(SHARE_COPIED_SECRETS, vec![("n", n.to_string())]),
                });
            }
            Err(e) => {
                self.0.set(None);
                studio.error(Msg::fill(NO_LINK, vec![("error", e.to_string())]));
            }
        }
    }
}

#[component]
pub fn SharedLink(link: ShareLink) -> impl IntoView {
    move || {
        link.0.get().map(|url| {
            view! {
                <div class="share-link">
                    <label for="share-url">{t(SHARE_LINK_COPIED)}</label>
                    <input id="share-url" type="url" readonly prop:value=url />
                </div>
            }
        })
    }
}
