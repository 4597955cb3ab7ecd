//! The page's language: one signal in the context. It starts from the choice
//! saved in this browser, else the browser's preferred languages
//! (`navigator.languages`), and every text of the page follows it, so
//! switching changes the page in place without losing any state.

use crate::i18n::{Lang, Text};
use leptos::prelude::*;
use std::sync::Arc;

/// Where the user's explicit choice is kept (only an explicit choice is kept:
/// otherwise the browser's preference decides each time).
const STORAGE_KEY: &str = "xgen-studio.lang";

/// The language the texts of a part of the page read: the page's signal at
/// the root, a memo of it in a part that is made again and again (see
/// [`lang_scope`]).
#[derive(Clone, Copy)]
struct UiLang(Signal<Lang>);

/// The page's language signal, for the switcher.
#[derive(Clone, Copy)]
struct LangSwitch(RwSignal<Lang>);

fn browser_languages() -> Vec<String> {
    let Some(navigator) = web_sys::window().map(|w| w.navigator()) else { return Vec::new() };
    let mut out: Vec<String> = navigator.languages().iter().filter_map(|v| v.as_string()).collect();
    if out.is_empty() {
        out.extend(navigator.language());
    }
    out
}

/// Creates the language signal, provides it to the page, and keeps
/// `<html lang>` in step (screen readers and the browser's own translation
/// read it).
pub fn provide() -> RwSignal<Lang> {
    let saved = super::storage::load(super::storage::Place::Local, STORAGE_KEY).and_then(|c| Lang::from_code(&c));
    let initial = saved.unwrap_or_else(|| Lang::preferred(browser_languages().iter().map(String::as_str)));
    let lang = RwSignal::new(initial);
    provide_context(LangSwitch(lang));
    provide_context(UiLang(lang.into()));
    Effect::new(move |_| {
        let code = lang.get().code();
        if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
            let _ = root.set_attribute("lang", code);
        }
    });
    lang
}

/// The language signal from the context (for a handler that switches it).
pub fn signal() -> RwSignal<Lang> {
    expect_context::<LangSwitch>().0
}

/// Gives the part of the page made here (a row of a keyed list that an
/// import makes again) a language of its own: one memo of the page's
/// language, which every text below reads instead of the page's signal.
///
/// Why: Leptos drops a closure without leaving its signals' subscriber
/// sets, and a set is emptied only when its signal changes, which the
/// language almost never does. Thousands of texts made by each import
/// stayed in the language's set, so every closure that re-ran later paid
/// an O(n) `shift_remove` over them (reactive_graph 0.2, `graph/sets.rs`):
/// after thirteen imports of a 120-service project, switching the language
/// took 6 s instead of 0.4 s. Below a scope, the texts subscribe to its memo,
/// which goes with the part; the page's signal keeps one entry per part.
///
/// The memo reads the page's signal itself, never an enclosing scope's: a
/// reactive closure that makes its part again runs in the same owner each
/// time, so it would find the scope it provided the last time, whose memo
/// its own cleanup has just disposed.
pub fn lang_scope() {
    if let Some(LangSwitch(page)) = use_context::<LangSwitch>() {
        let local = Memo::new(move |_| page.get());
        provide_context(UiLang(local.into()));
    }
}

/// The user switched: the page follows, and the choice is kept. (The signal
/// is passed in: an event handler runs outside the component's context.)
pub fn choose(signal: RwSignal<Lang>, lang: Lang) {
    signal.set(lang);
    // The page is already in the chosen language; a full storage only
    // means the next visit opens in the browser's language.
    let _ = super::storage::save(super::storage::Place::Local, STORAGE_KEY, lang.code());
}

/// The current language (tracked: a closure that calls it follows switches).
pub fn lang() -> Lang {
    use_context::<UiLang>().map(|l| l.0.get()).unwrap_or_default()
}

/// A text as a view child or attribute that follows the language.
pub fn t(text: Text) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let signal = use_context::<UiLang>().map(|l| l.0);
    move || text.get(signal.map(|s| s.get()).unwrap_or_default())
}

/// A text as a signal (for props that take one, like a field's placeholder).
pub fn ts(text: Text) -> Signal<String> {
    let text = t(text);
    Signal::derive(move || text().to_owned())
}

/// A message kept for later (the banner, errors): rendered in whatever
/// language the page has when it is shown.
#[derive(Clone)]
pub struct Msg(Arc<dyn Fn(Lang) -> String + Send + Sync>);

impl Msg {
    pub fn text(text: Text) -> Msg {
        Msg(Arc::new(move |l| text.get(l).to_owned()))
    }

    /// A text with its `{name}` arguments (user data or the core's English
    /// diagnostics, inserted as they are).
    pub fn fill(text: Text, args: Vec<(&'static str, String)>) -> Msg {
        Msg(Arc::new(move |l| {
            let args: Vec<(&str, &dyn std::fmt::Display)> =
                args.iter().map(|(k, v)| (*k, v as &dyn std::fmt::Display)).collect();
            text.fill(l, &args)
        }))
    }

    /// A text whose `{name}` is another message, in the same language.
    pub fn wrap(text: Text, name: &'static str, inner: Msg) -> Msg {
        Msg(Arc::new(move |l| text.fill(l, &[(name, &(inner.0)(l))])))
    }

    /// A message the caller words in each language (the core's errors that
    /// carry their own Korean).
    pub fn by_lang(f: impl Fn(Lang) -> String + Send + Sync + 'static) -> Msg {
        Msg(Arc::new(f))
    }

    /// This message, then another, as one.
    pub fn then(self, next: Msg) -> Msg {
        Msg(Arc::new(move |l| format!("{} {}", (self.0)(l), (next.0)(l))))
    }

    pub fn show(&self, lang: Lang) -> String {
        (self.0)(lang)
    }
}
