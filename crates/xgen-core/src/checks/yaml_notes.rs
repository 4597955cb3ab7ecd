//! The notes the reader kept about surprising plain scalars (`yaml::notes`),
//! each still true of the state: the value at its path is still what Helm
//! read there (an edit that changed it makes the note moot).

use super::Context;
use crate::layout::{project_path, values_path, CHART_VALUES_PATH, SETTINGS_PATH};
use crate::yaml::notes::{lookup, Note, NoteKind, Seg};
use serde_yaml::Value;

/// Every note of `kind` that still holds, with the file it is in.
pub fn current<'a>(ctx: &'a Context, kind: NoteKind) -> Vec<(&'a str, &'a Note)> {
    let mut out = Vec::new();
    for (file, notes) in &ctx.state.yaml_notes.0 {
        let mut data: Option<Option<Value>> = None;
        for note in notes.iter().filter(|n| n.kind == kind) {
            let data = data.get_or_insert_with(|| file_data(ctx, file));
            let Some(root) = data else { continue };
            let holds = match kind {
                // The entry's key is still there under its Helm name.
                NoteKind::KeyNotString => lookup(root, &note.path).is_some(),
                // A number, or the text Helm prints for it in a string field.
                NoteKind::GoNumber => {
                    let printed = note.read_as.as_f64().map(crate::render::go_format::go_float).map(Value::String);
                    let now = lookup(root, &note.path);
                    now == Some(&note.read_as) || (now.is_some() && now == printed.as_ref())
                }
                _ => lookup(root, &note.path) == Some(&note.read_as),
            };
            if holds {
                out.push((file.as_str(), note));
            }
        }
    }
    out
}

fn file_data(ctx: &Context, file: &str) -> Option<Value> {
    let state = ctx.state;
    let value = if file == project_path(&state.site) {
        serde_yaml::to_value(&*state.project)
    } else if file == CHART_VALUES_PATH {
        serde_yaml::to_value(&*state.chart_values)
    } else if file == SETTINGS_PATH {
        serde_yaml::to_value(&*state.settings)
    } else {
        let (name, values) = state.values.iter().find(|(name, _)| values_path(name) == file)?;
        let _ = name;
        serde_yaml::to_value(values)
    };
    value.ok()
}

/// `(line L, column C)` for messages.
pub fn place(note: &Note) -> String {
    format!("line {}, column {}", note.line, note.column)
}

/// The path of a key note's entry, for the problem's place.
pub fn path(note: &Note) -> String {
    let _ = Seg::Index(0);
    note.path_text()
}
