//! A problem: data, not text. Its code, severity and title come from the rule
//! that found it (each written once, in the rule's file); its place is a file
//! and a YAML path; its message and hint are [`Said`], so it exists in English
//! and Korean or not at all.

use super::Rule;
use crate::i18n::{Lang, Said, Text};
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

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    rule: &'static Rule,
    file: String,
    path: String,
    message: Said,
    hint: Said,
}

impl Problem {
    /// The only way to make a problem: the rule that found it, its place, and
    /// what is wrong and how to fix it, both in both languages.
    pub fn new(
        rule: &'static Rule,
        file: impl Into<String>,
        path: impl Into<String>,
        message: Said,
        hint: Said,
    ) -> Self {
        Problem { rule, file: file.into(), path: path.into(), message, hint }
    }

    pub fn rule(&self) -> &'static Rule {
        self.rule
    }
    pub fn code(&self) -> &'static str {
        self.rule.code
    }
    pub fn severity(&self) -> Severity {
        self.rule.severity
    }
    pub fn title(&self) -> Text {
        self.rule.title
    }
    /// The bundle path of the file the problem is in.
    pub fn file(&self) -> &str {
        &self.file
    }
    /// The YAML path in that file (`environments.dev.services[2].replicas`).
    pub fn path(&self) -> &str {
        &self.path
    }
    pub fn message(&self) -> &Said {
        &self.message
    }
    pub fn hint(&self) -> &Said {
        &self.hint
    }
    /// The message and hint in a language.
    pub fn text(&self, lang: Lang) -> (&str, &str) {
        (self.message.get(lang), self.hint.get(lang))
    }

    /// The order of the problems list: severity, then file, path and code.
    fn sort_key(&self) -> (Severity, &str, &str, &str) {
        (self.severity(), &self.file, &self.path, self.code())
    }
}

impl PartialEq for Rule {
    fn eq(&self, other: &Rule) -> bool {
        self.code == other.code
    }
}
impl Eq for Rule {}

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(self.code)
    }
}

/// `lint --format json`: code, severity, file, path, message and hint (English).
impl Serialize for Problem {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Problem", 6)?;
        st.serialize_field("code", self.code())?;
        st.serialize_field("severity", &self.severity())?;
        st.serialize_field("file", &self.file)?;
        st.serialize_field("path", &self.path)?;
        st.serialize_field("message", self.message.en())?;
        st.serialize_field("hint", self.hint.en())?;
        st.end()
    }
}

/// Sorts problems into the list's order (see [`Problem`]).
pub fn sort(problems: &mut [Problem]) {
    problems.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
}
