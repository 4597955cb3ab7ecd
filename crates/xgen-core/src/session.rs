//! Autosave: the state as text for the browser's storage, and back. The text is
//! a YAML list of the state's source files; restoring imports them together, so
//! it goes through the same checks as any import and gives an equal state.

use crate::error::ImportError;
use crate::layout::BundleFile;
use crate::rendered::{EmitError, Rendered};
use crate::{import, InputFile, ProjectState};
use serde::{Deserialize, Serialize};

/// The storage key; the version changes if the format ever does.
pub const STORAGE_KEY: &str = "xgen-studio/session/v1";

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
}
