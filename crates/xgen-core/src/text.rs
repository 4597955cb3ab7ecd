//! Turning the bytes of a dropped file into text, and text into typed YAML, with
//! every failure reported as file, line, column and a plain-language reason.

use crate::error::ImportError;
use serde::de::DeserializeOwned;

/// Files larger than this are refused before parsing: no real project, values or
/// settings file comes near it, and it bounds the work a hostile file can cause.
pub const MAX_TEXT_BYTES: usize = 4 * 1024 * 1024;

/// Decodes a file as UTF-8 (with or without BOM) or UTF-16 with a BOM (as some
/// Windows editors save). Anything else is refused with a clear message.
pub fn decode(file: &str, bytes: &[u8]) -> Result<String, ImportError> {
    if bytes.len() > MAX_TEXT_BYTES {
        return Err(ImportError::TooLarge { file: file.into(), limit: MAX_TEXT_BYTES });
    }
    let text = if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        utf8(file, rest)?
    } else if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        utf16(file, rest, u16::from_le_bytes)?
    } else if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        utf16(file, rest, u16::from_be_bytes)?
    } else {
        utf8(file, bytes)?
    };
    if text.trim().is_empty() {
        return Err(ImportError::Empty { file: file.into() });
    }
    // YAML admits no other character in a stream, and Helm's reader (go-yaml,
    // readerc.go) refuses the whole file: "control characters are not
    // allowed". A control character can still be written as an escape in a
    // double-quoted string. This also keeps terminal sequences out of every
    // file the studio prints back as it was read (a patch).
    if let Some((at, c)) = text.char_indices().find(|&(_, c)| !yaml_printable(c)) {
        let before = &text[..at];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        let code = c as u32;
        return Err(ImportError::Yaml {
            file: file.into(),
            line,
            column,
            message: format!(
                "control character U+{code:04X} is not allowed in YAML, and Helm refuses the file; \
                 write it as an escape in a double-quoted string (\"\\u{code:04X}\")"
            ),
        });
    }
    Ok(text)
}

/// YAML's printable characters (YAML 1.1 and 1.2, `c-printable`).
fn yaml_printable(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | ' '..='~' | '\u{85}' | '\u{A0}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}')
        || c >= '\u{10000}'
}

fn utf8(file: &str, bytes: &[u8]) -> Result<String, ImportError> {
    let text = std::str::from_utf8(bytes).map_err(|e| ImportError::NotText {
        file: file.into(),
        reason: format!("byte {} is not UTF-8", e.valid_up_to()),
    })?;
    if text.contains('\0') {
        return Err(ImportError::NotText {
            file: file.into(),
            reason: "it contains NUL bytes (a binary file?)".into(),
        });
    }
    Ok(text.to_owned())
}

fn utf16(file: &str, bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, ImportError> {
    if !bytes.len().is_multiple_of(2) {
        return Err(ImportError::NotText { file: file.into(), reason: "odd number of bytes for UTF-16".into() });
    }
    let units: Vec<u16> = bytes.chunks_exact(2).map(|c| unit([c[0], c[1]])).collect();
    let text = String::from_utf16(&units)
        .map_err(|_| ImportError::NotText { file: file.into(), reason: "invalid UTF-16".into() })?;
    utf8(file, text.as_bytes())
}

/// Flow nesting (`[`, `{`) deeper than this is refused before parsing.
///
/// libyaml's scanner does work proportional to the current flow depth for every
/// token, so a file of 20,000 nested brackets takes seconds and a few megabytes of
/// them minutes. serde_yaml refuses nesting deeper than 128 levels anyway, so no
/// file that could import is refused by this limit.
pub const MAX_FLOW_DEPTH: usize = 1_000;

/// Parses YAML text into `T` as Helm reads it ([`crate::yaml`]), with every
/// error at its file, line and column.
pub fn parse_yaml<T: DeserializeOwned>(file: &str, text: &str) -> Result<T, ImportError> {
    check_flow_depth(file, text)?;
    crate::yaml::from_str(text).map_err(|e| reader_error(file, text, &e))
}

/// A reader error as an import error: file, 1-based line and column.
pub fn reader_error(file: &str, text: &str, e: &crate::yaml::Error) -> ImportError {
    let (line, column) = match e.offset {
        Some(at) => crate::yaml::tree::LineIndex::new(text).line_column(text, at),
        None => (0, 0),
    };
    ImportError::Yaml { file: file.into(), line, column, message: e.message.clone() }
}

/// A linear scan for flow brackets outside quotes and comments. Brackets inside
/// plain or block scalars are counted too (the scan does not parse YAML), which
/// can only over-count balanced pairs; the limit is far above real files.
fn check_flow_depth(file: &str, text: &str) -> Result<(), ImportError> {
    let (mut depth, mut line, mut column) = (0usize, 1usize, 0usize);
    let mut chars = text.chars().peekable();
    let mut prev = '\n';
    while let Some(c) = chars.next() {
        column += 1;
        match c {
            '\n' => {
                line += 1;
                column = 0;
            }
            '#' if prev.is_whitespace() => {
                while chars.peek().is_some_and(|&n| n != '\n') {
                    chars.next();
                }
            }
            '"' | '\'' => {
                // Skip the quoted scalar; `\` escapes only in double quotes.
                while let Some(q) = chars.next() {
                    column += 1;
                    if q == '\n' {
                        line += 1;
                        column = 0;
                    } else if q == '\\' && c == '"' {
                        chars.next();
                        column += 1;
                    } else if q == c {
                        break;
                    }
                }
            }
            '[' | '{' => {
                depth += 1;
                if depth > MAX_FLOW_DEPTH {
                    return Err(ImportError::Yaml {
                        file: file.into(),
                        line,
                        column,
                        message: format!("nesting deeper than {MAX_FLOW_DEPTH} levels"),
                    });
                }
            }
            ']' | '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        prev = c;
    }
    Ok(())
}

pub fn yaml_error(file: &str, e: &serde_yaml::Error) -> ImportError {
    let full = e.to_string();
    match e.location() {
        Some(loc) => {
            // serde_yaml appends " at line L column C"; the location is kept apart.
            let message = match full.rfind(" at line ") {
                Some(i) => full[..i].to_owned(),
                None => full,
            };
            ImportError::Yaml { file: file.into(), line: loc.line(), column: loc.column(), message }
        }
        None => ImportError::Yaml { file: file.into(), line: 0, column: 0, message: full },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_bom_and_utf16() {
        assert_eq!(decode("f", b"\xEF\xBB\xBFa: 1").unwrap(), "a: 1");
        let le: Vec<u8> = [0xFF, 0xFE].into_iter().chain("a: 1".encode_utf16().flat_map(|u| u.to_le_bytes())).collect();
        assert_eq!(decode("f", &le).unwrap(), "a: 1");
        let be: Vec<u8> = [0xFE, 0xFF].into_iter().chain("a: 1".encode_utf16().flat_map(|u| u.to_be_bytes())).collect();
        assert_eq!(decode("f", &be).unwrap(), "a: 1");
    }

    #[test]
    fn refuses_binary_and_empty() {
        assert!(matches!(decode("f", b"\x00\x01\x02\xff"), Err(ImportError::NotText { .. })));
        assert!(matches!(decode("f", b"a\x00b"), Err(ImportError::NotText { .. })));
        assert!(matches!(decode("f", b""), Err(ImportError::Empty { .. })));
        assert!(matches!(decode("f", b"  \n\n"), Err(ImportError::Empty { .. })));
    }

    #[test]
    fn a_control_character_is_refused_where_it_stands_as_helm_refuses_it() {
        // In a comment too: go-yaml reads the whole stream first.
        match decode("p.yaml", "project:\n  name: x # \u{1b}[31mred\n".as_bytes()).unwrap_err() {
            ImportError::Yaml { line, column, message, .. } => {
                assert_eq!((line, column), (2, 13));
                assert!(message.contains("U+001B"), "{message}");
            }
            other => panic!("{other:?}"),
        }
        for c in ['\u{7}', '\u{7f}', '\u{9b}', '\u{fffe}'] {
            assert!(decode("p.yaml", format!("a: b{c}").as_bytes()).is_err(), "{:?}", c);
        }
        // Tabs, CRLF, NEL, Korean, invisible and bidirectional characters are
        // YAML's own (XS502 speaks of the invisible ones).
        let fine = "a:\tb\r\nc: \u{85}\u{200b}\u{202e}한국어 😀\n";
        assert_eq!(decode("p.yaml", fine.as_bytes()).unwrap(), fine);
    }

    #[test]
    fn deep_flow_nesting_is_refused_where_it_passes_the_limit() {
        let deep = format!("a: {}", "[".repeat(MAX_FLOW_DEPTH + 5));
        match parse_yaml::<serde_yaml::Value>("d.yaml", &deep).unwrap_err() {
            ImportError::Yaml { line, column, .. } => assert_eq!((line, column), (1, 4 + MAX_FLOW_DEPTH)),
            other => panic!("{other:?}"),
        }
        // Brackets in quotes and comments do not count.
        let quoted = format!("a: \"{}\"\nb: '{}' # {}\n", "[".repeat(2000), "{".repeat(2000), "[".repeat(2000));
        assert!(parse_yaml::<serde_yaml::Value>("q.yaml", &quoted).is_ok());
    }

    #[test]
    fn yaml_errors_have_line_and_column() {
        let err = parse_yaml::<serde_yaml::Value>("p.yaml", "a: 1\nb: [\n").unwrap_err();
        match err {
            ImportError::Yaml { file, line, column, .. } => {
                assert_eq!(file, "p.yaml");
                assert!(line >= 2, "line {line}");
                assert!(column >= 1);
            }
            other => panic!("{other:?}"),
        }
    }
}
