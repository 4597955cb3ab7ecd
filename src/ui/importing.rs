//! Loading files into the studio, from wherever they come (a drop, the
//! picker, a paste, a URL, the built-in example): all or nothing.

use super::browser;
use super::i18n::Msg;
use super::studio::Studio;
use crate::i18n::{LOADED, NOTHING_CHANGED, STARTED_FRESH};
use leptos::prelude::*;
use leptos::task::spawn_local;
use xgen_core::import::import_with_sources;
use xgen_core::InputFile;
use xgen_core::ProjectState;

/// Where the built-in example is served from (copied from `public/` by
/// trunk), relative to the page so that it loads under any path.
pub const EXAMPLE_URL: &str = "examples/xgen.yaml";

/// How a load is told: the user's own loads are undoable steps and
/// confirmed; the example at start-up is where history begins. The message
/// is shown when the load has landed: a fetch is asynchronous, and a
/// message set before it would be overwritten by its own confirmation.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Announce {
    Yes,
    Quietly,
}

/// Applies a batch of files; on any error the state stays exactly as it was.
/// Files of Istio objects are set aside to ask for their environment
/// (`objects_import`). Returns whether it applied.
pub fn apply(studio: Studio, files: Vec<InputFile>, announce: Announce) -> bool {
    // A file of the cluster's Istio objects waits for its environment.
    let files = super::objects_import::take_objects(files);
    if files.is_empty() {
        return false;
    }
    let names: Vec<String> = files.iter().map(|f| f.name.clone()).collect();
    match studio.state.with_untracked(|s| import_with_sources(s, &files)) {
        Ok(imported) => {
            if imported.new_project {
                // A folder's site sets its opened files again after this.
                super::folder::forget();
            }
            studio.sources.update(|known| {
                if imported.new_project {
                    known.clear();
                }
                known.extend(imported.sources);
            });
            match announce {
                Announce::Yes => {
                    studio.editor.replace(imported.state);
                    studio.info(Msg::fill(LOADED, vec![("names", names.join(", "))]));
                }
                Announce::Quietly => studio.editor.open(imported.state),
            }
            if imported.new_project {
                studio.editor.new_project();
                studio.is_example.set(false);
                // A new project (or bundle) is its own baseline.
                studio.set_baseline();
            }
            true
        }
        Err(e) => {
            studio.error(Msg::fill(NOTHING_CHANGED, vec![("error", e.to_string())]));
            false
        }
    }
}

/// Reads and applies the files of a drop, a paste or the picker.
pub fn apply_file_list(studio: Studio, list: web_sys::FileList) {
    let files = browser::files_of(&list);
    spawn_local(async move {
        match browser::read_files(files).await {
            Ok(files) if files.is_empty() => {}
            Ok(files) => {
                apply(studio, files, Announce::Yes);
            }
            Err(e) => studio.error(e),
        }
    })
}

/// The `change` handler of an "Open files" picker: applies the picked files,
/// then clears the picker so the same file can be picked again.
pub fn on_pick(studio: Studio) -> impl Fn(leptos::ev::Event) + Copy + 'static {
    move |e| {
        let input: web_sys::HtmlInputElement = event_target(&e);
        if let Some(files) = input.files() {
            apply_file_list(studio, files);
        }
        input.set_value("");
    }
}

/// Fetches and applies one file (the example, or a URL the user typed).
pub fn open_url(studio: Studio, url: String, announce: Announce) {
    spawn_local(async move {
        match browser::fetch_file(&url).await {
            Ok(file) => {
                if apply(studio, vec![file], announce) && url == EXAMPLE_URL {
                    studio.is_example.set(true);
                }
            }
            Err(e) => studio.error(Msg::wrap(NOTHING_CHANGED, "error", e)),
        }
    })
}

pub fn load_example(studio: Studio, announce: Announce) {
    open_url(studio, EXAMPLE_URL.to_owned(), announce)
}

/// "Start fresh": a new, empty project with one environment to fill in
/// (`ProjectState::fresh`), as one undo step; it is its own baseline.
pub fn start_fresh(studio: Studio) {
    studio.sources.set(Default::default());
    super::folder::forget();
    studio.editor.replace(ProjectState::fresh());
    studio.editor.new_project();
    studio.is_example.set(false);
    studio.set_baseline_of(super::studio::BaselineOrigin::Fresh);
    studio.info(Msg::text(STARTED_FRESH));
}
