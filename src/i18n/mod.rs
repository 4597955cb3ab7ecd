//! The page's texts, in English and Korean (issue 7).
//!
//! Every text the UI shows is a [`Text`] of [`texts`]: one constant with both
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

/// The page's language.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub enum Lang {
    #[default]
    En,
    Ko,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Ko];

    /// The BCP 47 code, for `<html lang>` and the saved choice.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ko => "ko",
        }
    }

    /// The language's own name, shown in the switch in every language.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Ko => "한국어",
        }
    }

    /// `ko`, `ko-KR`, `KO_kr` are Korean; `en`, `en-GB` English.
    pub fn from_code(code: &str) -> Option<Lang> {
        let primary = code.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Lang::En),
            "ko" => Some(Lang::Ko),
            _ => None,
        }
    }

    /// The first of the browser's preferred languages (`navigator.languages`,
    /// best first) that the studio speaks; English when none is.
    pub fn preferred<'a>(languages: impl IntoIterator<Item = &'a str>) -> Lang {
        languages.into_iter().find_map(Lang::from_code).unwrap_or_default()
    }
}

/// One UI text in both languages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Text {
    pub key: &'static str,
    pub en: &'static str,
    pub ko: &'static str,
}

impl Text {
    pub fn get(self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Ko => self.ko,
        }
    }

    /// The text with each `{name}` replaced by its argument. Arguments are
    /// user data and are inserted as they are (the page shows the result as a
    /// text node, never as markup); a placeholder without an argument stays.
    pub fn fill(self, lang: Lang, args: &[(&str, &dyn std::fmt::Display)]) -> String {
        let mut out = self.get(lang).to_owned();
        for (name, value) in args {
            out = out.replace(&format!("{{{name}}}"), &value.to_string());
        }
        out
    }

    /// The `{name}` placeholders of a text, sorted.
    pub fn placeholders(text: &str) -> Vec<&str> {
        let mut out: Vec<&str> = text
            .split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
            .filter(|name| !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
            .collect();
        out.sort_unstable();
        out
    }
}

/// True when `s` has a Hangul syllable: what the tests (and the check that
/// every problem has its Korean) take as "written in Korean".
pub fn has_hangul(s: &str) -> bool {
    s.chars().any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c))
}

/// A check code's title (XS101 …), for the problems list in Korean.
pub fn check_title(code: &str) -> Option<Text> {
    CHECK_TITLES.iter().find(|(c, _)| *c == code).map(|(_, t)| *t)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn every_text() -> impl Iterator<Item = Text> {
        ALL.iter().copied().chain(CHECK_TITLES.iter().map(|(_, t)| *t))
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

    #[test]
    fn every_check_has_a_title() {
        for (code, _) in crate::core::checks::RULES {
            assert!(check_title(code).is_some(), "{code} has no title");
        }
        assert_eq!(CHECK_TITLES.len(), crate::core::checks::RULES.len());
    }

    #[test]
    fn the_browser_language_picks_the_default() {
        assert_eq!(Lang::preferred(["ko-KR", "en-US"]), Lang::Ko);
        assert_eq!(Lang::preferred(["en-US", "ko"]), Lang::En);
        assert_eq!(Lang::preferred(["de-DE", "ko"]), Lang::Ko);
        assert_eq!(Lang::preferred(["de-DE", "fr"]), Lang::En);
        assert_eq!(Lang::preferred([]), Lang::En);
        assert_eq!(Lang::from_code("KO_kr"), Some(Lang::Ko));
    }

    #[test]
    fn fill_replaces_named_placeholders_only() {
        let t = Text { key: "T", en: "{n} of {m}, ${NAME}", ko: "{m} 중 {n}, ${NAME}" };
        assert_eq!(t.fill(Lang::En, &[("n", &1), ("m", &"<b>")]), "1 of <b>, ${NAME}");
        assert_eq!(t.fill(Lang::Ko, &[("n", &1), ("m", &2)]), "2 중 1, ${NAME}");
        assert_eq!(Text::placeholders("a {x} b {y} ${NAME} {}"), vec!["NAME", "x", "y"]);
    }
}
