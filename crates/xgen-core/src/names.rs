//! Names that become paths in the bundle, validated.
//!
//! A zip entry name is only ever built from fixed literals and these validated
//! names, so no user text can put `..`, `/` or an absolute path into the bundle.

use std::fmt;

/// A Kubernetes DNS-1123 label: 1 to 63 of `a-z`, `0-9`, `-`, starting and ending
/// with a letter or digit. Service names and site names must be labels.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DnsLabel(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NameError {
    #[error("is empty")]
    Empty,
    #[error("is {0} characters long; at most 63 are allowed")]
    TooLong(usize),
    #[error("has `{0}`; only lower-case letters, digits and `-` are allowed")]
    BadChar(char),
    #[error("must start and end with a letter or digit")]
    BadEdge,
    #[error("must be `<name>.yaml` where <name> is a lower-case DNS label")]
    NotValuesFileName,
}

impl NameError {
    /// The same in Korean (the page's field messages).
    pub fn ko(&self) -> String {
        match self {
            NameError::Empty => "비어 있습니다".into(),
            NameError::TooLong(n) => format!("{n}자입니다. 63자까지 쓸 수 있습니다"),
            NameError::BadChar(c) => format!("`{c}`이(가) 있습니다. 소문자, 숫자, `-`만 쓸 수 있습니다"),
            NameError::BadEdge => "글자나 숫자로 시작하고 끝나야 합니다".into(),
            NameError::NotValuesFileName => {
                "`<이름>.yaml` 형식이어야 하고 <이름>은 소문자 DNS 레이블이어야 합니다".into()
            }
        }
    }
}

impl DnsLabel {
    pub fn parse(s: &str) -> Result<Self, NameError> {
        if s.is_empty() {
            return Err(NameError::Empty);
        }
        let len = s.chars().count();
        if len > 63 {
            return Err(NameError::TooLong(len));
        }
        if let Some(c) = s.chars().find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-')) {
            return Err(NameError::BadChar(c));
        }
        if s.starts_with('-') || s.ends_with('-') {
            return Err(NameError::BadEdge);
        }
        Ok(DnsLabel(s.to_owned()))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for DnsLabel {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The file name of a service values file: `<label>.yaml` (or `.yml`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ValuesFileName(String);

impl ValuesFileName {
    pub fn parse(s: &str) -> Result<Self, NameError> {
        let stem = s.strip_suffix(".yaml").or_else(|| s.strip_suffix(".yml")).ok_or(NameError::NotValuesFileName)?;
        DnsLabel::parse(stem).map_err(|_| NameError::NotValuesFileName)?;
        Ok(ValuesFileName(s.to_owned()))
    }
    /// The default values file of a service: `<service>.yaml`.
    pub fn for_service(service: &DnsLabel) -> Self {
        ValuesFileName(format!("{service}.yaml"))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ValuesFileName {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels() {
        assert!(DnsLabel::parse("xgen-frontend").is_ok());
        assert!(DnsLabel::parse("a").is_ok());
        assert_eq!(DnsLabel::parse(""), Err(NameError::Empty));
        assert_eq!(DnsLabel::parse("../etc"), Err(NameError::BadChar('.')));
        assert_eq!(DnsLabel::parse("a/b"), Err(NameError::BadChar('/')));
        assert_eq!(DnsLabel::parse("Upper"), Err(NameError::BadChar('U')));
        assert_eq!(DnsLabel::parse("-a"), Err(NameError::BadEdge));
        assert_eq!(DnsLabel::parse("a-"), Err(NameError::BadEdge));
        assert_eq!(DnsLabel::parse(&"a".repeat(64)), Err(NameError::TooLong(64)));
        assert!(DnsLabel::parse(&"a".repeat(63)).is_ok());
    }

    #[test]
    fn values_file_names() {
        assert!(ValuesFileName::parse("xgen-core.yaml").is_ok());
        assert!(ValuesFileName::parse("xgen-core.yml").is_ok());
        assert!(ValuesFileName::parse("../x.yaml").is_err());
        assert!(ValuesFileName::parse("/abs.yaml").is_err());
        assert!(ValuesFileName::parse("x.json").is_err());
        assert!(ValuesFileName::parse(".yaml").is_err());
    }
}
