//! The page's texts, in English and Korean.
//!
//! Every text the UI shows is a [`Text`] of `texts`: one constant with both
//! languages, so a text cannot exist in one language only (the compiler
//! refuses a missing field, and the tests below refuse an empty one, a Korean
//! text without Hangul, or placeholders that differ between the two).
//!
//! The core's own sentences are bilingual where they are made: a check builds
//! its problem with `Problem::en(..).ko(..)` (a problem without Korean does not
//! type-check), field rules return `validate::Said`, the simulator keeps
//! `reasons_ko` and `notes_ko` beside its reasons. The CLI prints the English.
//!
//! What stays as it is in both languages, on purpose: the user's own data
//! (names, paths, values) and the rendered YAML, which the page marks
//! `translate="no"`; Istio and Kubernetes words used as values (`prefix`,
//! `LEAST_REQUEST`, `critical`); and the text of third-party parser errors
//! (YAML positions, PromQL, share-link decoding), which appear inside a
//! translated sentence.
//!
//! Pure data, built natively: `cargo test` checks the table.

mod texts;

pub use texts::*;

pub use xgen_core::i18n::{has_hangul, Lang, Text};

#[cfg(test)]
mod tests {
    use super::*;

    fn every_text() -> impl Iterator<Item = Text> {
        ALL.iter().copied()
    }

    #[test]
    fn every_text_exists_in_both_languages() {
        let mut missing = Vec::new();
        for t in every_text() {
            if t.en.trim().is_empty() {
                missing.push(format!("{}: no English", t.key));
            }
            if t.ko.trim().is_empty() {
                missing.push(format!("{}: no Korean", t.key));
            } else if !has_hangul(t.ko) {
                missing.push(format!("{}: the Korean text has no Korean in it: {:?}", t.key, t.ko));
            }
            if has_hangul(t.en) {
                missing.push(format!("{}: the English text has Korean in it", t.key));
            }
        }
        assert!(missing.is_empty(), "{}", missing.join("\n"));
    }

    #[test]
    fn both_languages_take_the_same_placeholders() {
        for t in every_text() {
            assert_eq!(Text::placeholders(t.en), Text::placeholders(t.ko), "{}", t.key);
        }
    }

    #[test]
    fn keys_are_unique_and_texts_not_repeated() {
        let mut keys: Vec<&str> = ALL.iter().map(|t| t.key).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), ALL.len());
        // One English text, one key: two keys with the same English would
        // drift apart in Korean.
        let mut en: Vec<&str> = ALL.iter().map(|t| t.en).collect();
        en.sort_unstable();
        let repeated: Vec<&&str> = en.windows(2).filter(|w| w[0] == w[1]).map(|w| &w[0]).collect();
        assert!(repeated.is_empty(), "texts defined twice: {repeated:?}");
    }
}
