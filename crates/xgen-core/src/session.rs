//! Autosave: the state as text for the browser's storage, and back. The text is
//! a YAML list of the state's source files; restoring imports them together, so
//! it goes through the same checks as any import and gives an equal state.

use crate::error::ImportError;
use crate::layout::BundleFile;
use crate::rendered::{EmitError, Rendered};
use crate::{import, InputFile, ProjectState};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The storage key; the version changes if the format ever does.
pub const STORAGE_KEY: &str = "xgen-studio/session/v1";

/// The storage key of the baseline kept beside the work ([`save_baseline`]).
pub const BASELINE_KEY: &str = "xgen-studio/session/v1/baseline";

#[derive(Serialize, Deserialize)]
struct SavedFile {
    path: String,
    text: String,
}

/// The session text of a rendered state: its source files, as the snapshot
/// already has them.
pub fn save(rendered: &Rendered) -> Result<String, EmitError> {
    files_to_text(rendered.source_files().map_err(Clone::clone)?)
}

/// Source files as the session text (also the content of a share link).
pub fn files_to_text(files: Vec<BundleFile>) -> Result<String, EmitError> {
    let files: Vec<SavedFile> =
        files.into_iter().map(|f| SavedFile { path: f.path.into(), text: f.text.to_string() }).collect();
    crate::yaml::to_string(&files).map_err(|e| EmitError { path: STORAGE_KEY.into(), message: e.to_string() })
}

pub fn restore(text: &str) -> Result<ProjectState, ImportError> {
    let files: Vec<SavedFile> = crate::text::parse_yaml("saved session", text)?;
    let inputs: Vec<InputFile> = files.into_iter().map(|f| InputFile::new(f.path, f.text)).collect();
    import(&ProjectState::empty(), &inputs)
}

/// What the changes are counted against, kept beside the work so a reload
/// keeps what is pending: the baseline's source files and the original text
/// of the imported files (what the preview compares with). Which work it
/// belongs to is the caller's to record.
#[derive(Serialize, Deserialize)]
struct SavedBaseline {
    files: Vec<SavedFile>,
    #[serde(default)]
    originals: Vec<SavedFile>,
    /// Where the baseline came from, as the page names it ("marked": Set as
    /// baseline); absent in sessions saved before it was kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    origin: Option<String>,
}

/// A restored baseline: its state (to render), the originals, and where it
/// came from (None in a session saved before that was kept).
pub struct RestoredBaseline {
    pub state: ProjectState,
    pub originals: BTreeMap<String, String>,
    pub origin: Option<String>,
}

/// The session text of a baseline, the originals and where the baseline came
/// from (the page's word for it).
pub fn save_baseline(
    baseline: &Rendered,
    originals: &BTreeMap<String, String>,
    origin: &str,
) -> Result<String, EmitError> {
    let files = baseline
        .source_files()
        .map_err(Clone::clone)?
        .into_iter()
        .map(|f| SavedFile { path: f.path.into(), text: f.text.to_string() })
        .collect();
    let originals = originals.iter().map(|(path, text)| SavedFile { path: path.clone(), text: text.clone() }).collect();
    crate::yaml::to_string(&SavedBaseline { files, originals, origin: Some(origin.to_owned()) })
        .map_err(|e| EmitError { path: BASELINE_KEY.into(), message: e.to_string() })
}

/// A baseline back from its session text; imported as any session is.
pub fn restore_baseline(text: &str) -> Result<RestoredBaseline, ImportError> {
    let saved: SavedBaseline = crate::text::parse_yaml("saved baseline", text)?;
    let inputs: Vec<InputFile> = saved.files.into_iter().map(|f| InputFile::new(f.path, f.text)).collect();
    let state = import(&ProjectState::empty(), &inputs)?;
    let originals = saved.originals.into_iter().map(|f| (f.path, f.text)).collect();
    Ok(RestoredBaseline { state, originals, origin: saved.origin })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn save_and_restore_round_trip() {
        let text = include_str!("../../../public/examples/xgen.yaml");
        let state = import(&ProjectState::empty(), &[InputFile::new("xgen.yaml", text)]).unwrap();
        assert_eq!(restore(&save(&crate::rendered::render(&state)).unwrap()).unwrap(), state);
        assert!(restore("not: [a session").is_err());
    }

    #[test]
    fn the_baseline_and_originals_round_trip() {
        let text = include_str!("../../../public/examples/xgen.yaml");
        let base = import(&ProjectState::empty(), &[InputFile::new("xgen.yaml", text)]).unwrap();
        let mut edited = base.clone();
        crate::edit::add_environment(&mut edited.project, "stg");
        assert_ne!(edited, base);
        let originals = BTreeMap::from([("k3s/argocd/projects/xgen.yaml".to_owned(), text.to_owned())]);
        let saved = save_baseline(&crate::rendered::render(&base), &originals, "marked").unwrap();
        let restored = restore_baseline(&saved).unwrap();
        assert_eq!(restored.state, base);
        assert_ne!(restored.state, edited);
        assert_eq!(restored.originals, originals);
        assert_eq!(restored.origin.as_deref(), Some("marked"));
        // A session saved before the origin was kept restores without one.
        let older = saved.lines().filter(|l| !l.starts_with("origin:")).collect::<Vec<_>>().join("\n");
        assert_eq!(restore_baseline(&older).unwrap().origin, None);
        assert!(restore_baseline("files: [").is_err());
    }
}
