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
    /// A zip with two entries of the same name: zip readers disagree on
    /// which one counts (the studio's would take the last, others the
    /// first), so the bundle is refused (docs/bundle.md, "Safety").
    #[error("{file}: not a usable studio bundle: it has two entries named `{}` (zip tools disagree on which one counts)", crate::inert::inert(.entry))]
    DuplicateEntry { file: String, entry: String },
    #[error("{0}")]
    Batch(String),
    /// The project goes over one of the studio's limits (`crate::limits`).
    #[error("the project is too large: {0}")]
    Limit(#[from] LimitError),
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
            | ImportError::Bundle { file, .. }
            | ImportError::DuplicateEntry { file, .. } => Some(file),
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

/// What a limit counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Counted {
    Environments,
    ServicesIn(String),
    Applications,
    ExtraApps,
    ValuesFiles,
    RoutesIn(String),
    RouteTests,
    AlertRules,
    ContactPoints,
}

impl Counted {
    pub fn en(&self) -> String {
        match self {
            Counted::Environments => "environments".into(),
            Counted::ServicesIn(env) => format!("services in `{}`", env.escape_debug()),
            Counted::Applications => "Applications (services of all environments together)".into(),
            Counted::ExtraApps => "extraApps".into(),
            Counted::ValuesFiles => "values files".into(),
            Counted::RoutesIn(file) => format!("routes in `{file}`"),
            Counted::RouteTests => "route tests".into(),
            Counted::AlertRules => "alert rule settings".into(),
            Counted::ContactPoints => "contact points".into(),
        }
    }
    pub fn ko(&self) -> String {
        match self {
            Counted::Environments => "환경".into(),
            Counted::ServicesIn(env) => format!("`{}` 환경의 서비스", env.escape_debug()),
            Counted::Applications => "Application(모든 환경의 서비스 합계)".into(),
            Counted::ExtraApps => "extraApps".into(),
            Counted::ValuesFiles => "values 파일".into(),
            Counted::RoutesIn(file) => format!("`{file}`의 라우트"),
            Counted::RouteTests => "라우트 테스트".into(),
            Counted::AlertRules => "알림 규칙 설정".into(),
            Counted::ContactPoints => "연락 지점".into(),
        }
    }
}

/// A limit the project goes over: what, how many there are, and the limit.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("too many {}: {count}, and the studio takes at most {limit}", what.en())]
pub struct LimitError {
    pub what: Counted,
    pub count: usize,
    pub limit: usize,
}

impl LimitError {
    /// The message in Korean.
    pub fn ko(&self) -> String {
        format!("{}이(가) 너무 많습니다: {}개이며 스튜디오는 {}개까지 받습니다", self.what.ko(), self.count, self.limit)
    }
}
