use crate::i18n::has_hangul;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// One problem: a stable code, a severity, its place (file and YAML path), what
/// is wrong and a one-line fix hint, in English (the CLI and `--format json`)
/// and in Korean (the page in Korean, see `crate::i18n`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub code: &'static str,
    pub severity: Severity,
    pub file: String,
    pub path: String,
    pub message: String,
    pub hint: String,
    #[serde(skip)]
    pub ko: Korean,
}

/// A problem's message and hint in Korean.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Korean {
    pub message: String,
    pub hint: String,
}

impl Korean {
    pub fn new(message: impl Into<String>, hint: impl Into<String>) -> Korean {
        let (message, hint) = (message.into(), hint.into());
        // Every rule's tests run this: a rule that forgot its Korean fails them.
        debug_assert!(has_hangul(&message) && has_hangul(&hint), "not Korean: {message:?} / {hint:?}");
        Korean { message, hint }
    }
}

impl Problem {
    /// A problem in English; [`Untranslated::ko`] completes it with its Korean.
    pub fn en(
        code: &'static str,
        severity: Severity,
        file: impl Into<String>,
        path: impl Into<String>,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) -> Untranslated {
        Untranslated(Problem {
            code,
            severity,
            file: file.into(),
            path: path.into(),
            message: message.into(),
            hint: hint.into(),
            ko: Korean::default(),
        })
    }

    /// The message and hint in the page's language.
    pub fn text(&self, korean: bool) -> (&str, &str) {
        if korean && !self.ko.message.is_empty() {
            (&self.ko.message, &self.ko.hint)
        } else {
            (&self.message, &self.hint)
        }
    }
}

/// A problem still without its Korean: not a [`Problem`] yet, so a rule cannot
/// forget the translation.
#[must_use]
pub struct Untranslated(Problem);

impl Untranslated {
    pub fn ko(self, message: impl Into<String>, hint: impl Into<String>) -> Problem {
        Problem { ko: Korean::new(message, hint), ..self.0 }
    }
}
