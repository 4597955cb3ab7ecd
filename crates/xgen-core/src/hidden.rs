//! Characters a reader cannot see: bidirectional controls, which reorder the
//! text around them ("Trojan Source", CVE-2021-42574: `…\u{202E}lmay.exe`
//! shows as `…exe.yaml`), and zero-width or invisible characters, which make
//! two different names look the same. The same classes GitHub warns about as
//! hidden or bidirectional Unicode text. XS502 flags them; the page and the
//! CLI show them escaped.

/// A bidirectional formatting control: ALM, LRM, RLM, the embeddings and
/// overrides (U+202A–U+202E) and the isolates (U+2066–U+2069).
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// A character that takes no room: zero-width space, non-joiner and joiner,
/// word joiner and the invisible operators, the BOM / zero-width no-break
/// space, the soft hyphen and the Mongolian vowel separator.
pub fn is_invisible(c: char) -> bool {
    matches!(c, '\u{00AD}' | '\u{180E}' | '\u{200B}'..='\u{200D}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}')
}

/// Either of the above.
pub fn is_hidden(c: char) -> bool {
    is_bidi_control(c) || is_invisible(c)
}

/// The hidden characters of a text, each once, in order of appearance.
pub fn hidden_chars(s: &str) -> Vec<char> {
    let mut out: Vec<char> = Vec::new();
    for c in s.chars().filter(|c| is_hidden(*c)) {
        if !out.contains(&c) {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        assert_eq!(hidden_chars("values\u{202E}lmay.exe"), ['\u{202E}']);
        assert_eq!(hidden_chars("x\u{200B}y\u{200B}\u{2066}"), ['\u{200B}', '\u{2066}']);
        assert!(hidden_chars("xgen-core 서비스 🚀 café").is_empty());
    }
}
