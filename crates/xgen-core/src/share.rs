//! Share links: the project in the URL's fragment, `#share=v1.<data>`.
//!
//! `<data>` is the session text (the state's source files, see
//! [`crate::session`]) compressed with deflate and written in base64url.
//! Values files equal to the built-in ones are left out: an import fills them
//! in again, so the state that comes back is equal. Plain-text secrets become
//! placeholders first (as "Secrets as placeholders" does for the download);
//! the page tells the user how many.
//!
//! A fragment is never sent to a server, so opening a link shares nothing with
//! the host of the page. Links are kept to [`MAX_LINK_CHARS`]: that fits a chat
//! message and every browser's address bar; a larger project gets
//! [`ShareError::TooLarge`], and the bundle download is the way to share it.

use crate::builtin;
use crate::error::ImportError;
use crate::layout::{values_path, CHART_VALUES_PATH};
use crate::rendered::{source_files, EmitError};
use crate::secrets::with_placeholders;
use crate::session::{files_to_text, restore};
use crate::ProjectState;
use flate2::read::DeflateDecoder;
use flate2::write::DeflateEncoder;
use flate2::Compression;
use std::io::{Read, Write};

/// What starts a share fragment (after the `#`).
pub const PREFIX: &str = "share=v1.";
/// The longest fragment a link may carry, in characters.
pub const MAX_LINK_CHARS: usize = 32_000;
/// A link's text may not inflate beyond this (a crafted link could otherwise
/// ask the page for gigabytes).
const MAX_TEXT_BYTES: u64 = 8 * 1024 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum ShareError {
    #[error(
        "the project is too large for a link: {chars} characters, more than {limit}. Share the bundle (Download bundle) instead"
    )]
    TooLarge { chars: usize, limit: usize },
    #[error(transparent)]
    Export(#[from] EmitError),
    #[error("the link is damaged ({0}); ask for it again")]
    Damaged(&'static str),
    #[error("the link's project could not be opened: {0}")]
    Import(#[from] ImportError),
}

/// A fragment ready for the address bar, and how many secrets it replaced.
#[derive(Debug, Clone, PartialEq)]
pub struct Shared {
    pub fragment: String,
    pub placeholders: usize,
}

pub fn encode(state: &ProjectState) -> Result<Shared, ShareError> {
    let (safe, placeholders) = with_placeholders(state);
    let builtin_paths: Vec<String> = std::iter::once(CHART_VALUES_PATH.to_owned())
        .filter(|_| *safe.chart_values == builtin::chart_values())
        .chain(
            safe.values
                .iter()
                .filter(|(name, v)| builtin::service_values(name.as_str()).as_ref() == Some(*v))
                .map(|(name, _)| values_path(name)),
        )
        .collect();
    let files = source_files(&safe)?.into_iter().filter(|f| !builtin_paths.iter().any(|p| *p == f.path)).collect();
    let text = files_to_text(files)?;
    let mut deflate = DeflateEncoder::new(Vec::new(), Compression::best());
    // Writing to a Vec cannot fail.
    let _ = deflate.write_all(text.as_bytes());
    let compressed = deflate.finish().unwrap_or_default();
    let fragment = format!("{PREFIX}{}", base64url_encode(&compressed));
    if fragment.len() > MAX_LINK_CHARS {
        return Err(ShareError::TooLarge { chars: fragment.len(), limit: MAX_LINK_CHARS });
    }
    Ok(Shared { fragment, placeholders })
}

/// True when a fragment (without `#`) is a share link.
pub fn is_share_fragment(fragment: &str) -> bool {
    fragment.starts_with("share=")
}

pub fn decode(fragment: &str) -> Result<ProjectState, ShareError> {
    let data = fragment.strip_prefix(PREFIX).ok_or(ShareError::Damaged("not a version 1 share link"))?;
    let compressed = base64url_decode(data).ok_or(ShareError::Damaged("not base64url"))?;
    let mut text = String::new();
    DeflateDecoder::new(compressed.as_slice())
        .take(MAX_TEXT_BYTES + 1)
        .read_to_string(&mut text)
        .map_err(|_| ShareError::Damaged("its data does not inflate to text"))?;
    if text.len() as u64 > MAX_TEXT_BYTES {
        return Err(ShareError::Damaged("its data inflates to more than 8 MiB"));
    }
    Ok(restore(&text)?)
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Base64url without padding (RFC 4648 section 5): safe in a URL fragment.
fn base64url_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
        }
    }
    out
}

fn base64url_decode(text: &str) -> Option<Vec<u8>> {
    let text = text.trim_end_matches('=');
    if text.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    for chunk in text.as_bytes().chunks(4) {
        let mut n = 0u32;
        for (i, c) in chunk.iter().enumerate() {
            let v = ALPHABET.iter().position(|a| a == c)? as u32;
            n |= v << (18 - 6 * i);
        }
        for i in 0..chunk.len() - 1 {
            out.push((n >> (16 - 8 * i) & 255) as u8);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{import, InputFile};

    fn example() -> ProjectState {
        let text = include_str!("../../../public/examples/xgen.yaml");
        import(&ProjectState::empty(), &[InputFile::new("xgen.yaml", text)]).unwrap()
    }

    #[test]
    fn base64url_round_trips_every_length() {
        for len in 0..70 {
            let bytes: Vec<u8> = (0..len).map(|i| (i * 37 + 11) as u8).collect();
            let text = base64url_encode(&bytes);
            assert!(text.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_'));
            assert_eq!(base64url_decode(&text), Some(bytes), "length {len}");
        }
        assert_eq!(base64url_encode(b"foob"), "Zm9vYg");
        assert_eq!(base64url_decode("Zm9vYmFy"), Some(b"foobar".to_vec()));
        assert_eq!(base64url_decode("Zm9v!"), None);
        assert_eq!(base64url_decode("Z"), None);
    }

    #[test]
    fn a_link_restores_the_state() {
        let state = example();
        let shared = encode(&state).unwrap();
        assert!(shared.fragment.starts_with(PREFIX));
        assert!(shared.fragment.len() < 8_000, "the example's link is {} characters", shared.fragment.len());
        assert_eq!(decode(&shared.fragment).unwrap(), state);
    }

    #[test]
    fn secrets_become_placeholders_in_the_link() {
        let settings = "kind: StudioSettings\nalerts:\n  contactPoints:\n    dev: {webhookUrl: 'https://hooks.slack.com/services/T/B/secret'}\n";
        let state = import(&example(), &[InputFile::new("xgen-studio.yaml", settings)]).unwrap();
        let shared = encode(&state).unwrap();
        assert_eq!(shared.placeholders, 1);
        let back = decode(&shared.fragment).unwrap();
        let url = back.settings.alerts.clone().unwrap().contact_points.unwrap().get("dev").unwrap().webhook_url.clone();
        assert_eq!(url.as_deref(), Some("${SLACK_WEBHOOK_DEV}"));
    }

    #[test]
    fn too_large_and_damaged_links_are_refused_with_a_reason() {
        // Thousands of unique, incompressible values (a repetitive project of
        // 100 services compresses to a few KB and fits).
        let mut seed = 7u64;
        let mut vars = String::from("vars:\n");
        for i in 0..2_000 {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            vars.push_str(&format!("  VAR_{i}: v{seed:016x}\n"));
        }
        let project =
            format!("project: {{name: p, namespace: p}}\ndestinations: {{dev: {{server: https://k}}}}\n{vars}");
        let state = import(&ProjectState::empty(), &[InputFile::new("p.yaml", project)]).unwrap();
        let err = encode(&state).unwrap_err();
        assert!(matches!(err, ShareError::TooLarge { .. }), "{err}");
        assert!(err.to_string().contains("Download bundle"));
        for bad in ["share=v2.abc", "share=v1.***", "share=v1.AAAA"] {
            let err = decode(bad).unwrap_err();
            assert!(matches!(err, ShareError::Damaged(_)), "{bad}: {err}");
        }
        // A link whose data inflates to YAML that is no session.
        let mut d = DeflateEncoder::new(Vec::new(), Compression::best());
        d.write_all(b"- {path: p.yaml, text: 'project: [unclosed'}\n").unwrap();
        let fragment = format!("{PREFIX}{}", base64url_encode(&d.finish().unwrap()));
        assert!(matches!(decode(&fragment), Err(ShareError::Import(_))));
    }

    #[test]
    fn a_link_that_inflates_without_end_is_refused() {
        let mut d = DeflateEncoder::new(Vec::new(), Compression::best());
        d.write_all(&vec![b'a'; 9 * 1024 * 1024]).unwrap();
        let fragment = format!("{PREFIX}{}", base64url_encode(&d.finish().unwrap()));
        assert!(fragment.len() < MAX_LINK_CHARS);
        assert!(matches!(decode(&fragment), Err(ShareError::Damaged(_))));
    }
}
