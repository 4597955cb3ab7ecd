//! The two languages the studio speaks, English and Korean, as data.
//!
//! [`Lang`] is the language; [`Text`] one fixed text in both languages (the
//! page's table of UI texts and each check's title are made of them);
//! [`Said`] one sentence made at run time in both languages (a problem's
//! message and hint, a field rule's reason, the simulator's reasons, a route
//! test's result): the one shape of bilingual text the core hands out.
//! [`has_hangul`] is what the tests take as "written in Korean".

/// A language of the studio.
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

/// A sentence made at run time, in English and in Korean. It can only be
/// made with both (a sentence without its Korean does not compile), and its
/// Korean must be Korean (checked in debug builds, so every test checks it).
/// It serializes as its English: the CLI and its JSON speak English.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Said {
    en: String,
    ko: String,
}

impl Said {
    pub fn new(en: impl Into<String>, ko: impl Into<String>) -> Said {
        let (en, ko) = (en.into(), ko.into());
        debug_assert!(has_hangul(&ko), "not Korean: {en:?} / {ko:?}");
        Said { en, ko }
    }

    pub fn en(&self) -> &str {
        &self.en
    }

    pub fn ko(&self) -> &str {
        &self.ko
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Ko => &self.ko,
        }
    }
}

impl From<Text> for Said {
    fn from(t: Text) -> Said {
        Said::new(t.en, t.ko)
    }
}

impl serde::Serialize for Said {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.en)
    }
}

impl std::fmt::Display for Said {
    /// The English, as the CLI prints it.
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(&self.en)
    }
}

/// True when `s` has a Hangul syllable: what the tests (and the check that
/// every problem has its Korean) take as "written in Korean".
pub fn has_hangul(s: &str) -> bool {
    s.chars().any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c))
}

#[cfg(test)]
mod tests {
    use super::*;

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
