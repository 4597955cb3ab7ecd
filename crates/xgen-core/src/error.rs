//! Typed errors of the core. Every import error names the file, and YAML errors
//! the line and column, so the UI and CLI can point at the problem.

use thiserror::Error;

#[derive(Debug, Clone, PartialEq, Error)]
pub enum ImportError {
    #[error("{file}: the file is empty")]
    Empty { file: String },
    #[error("{file}: not a text file: {reason}")]
    NotText { file: String, reason: String },
    #[error("{file}: the file is larger than {limit} bytes")]
    TooLarge { file: String, limit: usize },
    #[error("{file}:{line}:{column}: {message}")]
    Yaml { file: String, line: usize, column: usize, message: String },
    #[error("{file}: {reason}")]
    Unrecognised { file: String, reason: String },
    #[error("{file}: {reason}")]
    Invalid { file: String, reason: String },
    #[error("{file}: not a usable studio bundle: {reason}")]
    Bundle { file: String, reason: String },
    #[error("{0}")]
    Batch(String),
    /// The project goes over one of the studio's limits (`crate::limits`).
    #[error("the project is too large: {0}")]
    Limit(#[from] crate::limits::LimitError),
}

impl ImportError {
    /// The file the error is about, when there is one.
    pub fn file(&self) -> Option<&str> {
        match self {
            ImportError::Empty { file }
            | ImportError::NotText { file, .. }
            | ImportError::TooLarge { file, .. }
            | ImportError::Yaml { file, .. }
            | ImportError::Unrecognised { file, .. }
            | ImportError::Invalid { file, .. }
            | ImportError::Bundle { file, .. } => Some(file),
            ImportError::Batch(_) | ImportError::Limit(_) => None,
        }
    }
    /// Line and column (1-based), for YAML errors that have them.
    pub fn line_column(&self) -> Option<(usize, usize)> {
        match self {
            ImportError::Yaml { line, column, .. } if *line > 0 => Some((*line, *column)),
            _ => None,
        }
    }
}
