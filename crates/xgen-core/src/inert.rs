//! Showing untrusted text so that it cannot act: no terminal control
//! sequence, no reordering of the line, no invisible character, no line that
//! did not come from the tool (docs/security.md, "Output").
//!
//! [`inert`] is for one value (a name, a path, a message) shown on one line;
//! [`inert_lines`] for a text of several lines (a diff), whose own line
//! breaks stay and whose every line is escaped. The Markdown helpers put a
//! value in a code span or a code block that no value can close.
//!
//! A character is escaped as `\u{1b}` (lowercase hexadecimal, Rust's
//! notation), whatever it is, tab and line feed included. A backslash is not
//! escaped: the escaped form is for reading, not for
//! reading back (JSON output is the exact form).

use crate::hidden;
use std::borrow::Cow;

/// Whether `c` is shown escaped: a control character (general category Cc:
/// C0 U+0000–U+001F, tab and line breaks included, DEL U+007F, C1
/// U+0080–U+009F; terminal sequences start with ESC or CSI and OSC ends
/// with BEL), or a character a reader cannot see ([`hidden::is_hidden`]:
/// bidirectional controls, zero-width and invisible characters).
pub fn is_escaped(c: char) -> bool {
    c.is_control() || hidden::is_hidden(c)
}

/// `text` with every character [`is_escaped`] written as `\u{…}`, line
/// breaks included: the result is one line of visible characters.
pub fn inert(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_escaped) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if is_escaped(c) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A text of several lines: the `\n`s kept, every other character
/// [`is_escaped`] written as [`inert`] writes it (a `\r` too).
pub fn inert_lines(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| c != '\n' && is_escaped(c)) {
        return Cow::Borrowed(text);
    }
    let lines: Vec<Cow<str>> = text.split('\n').map(inert).collect();
    Cow::Owned(lines.join("\n"))
}

/// The longest run of `c` in `text`.
fn longest_run(text: &str, c: char) -> usize {
    let (mut best, mut run) = (0, 0);
    for x in text.chars() {
        run = if x == c { run + 1 } else { 0 };
        best = best.max(run);
    }
    best
}

/// A Markdown (CommonMark) code span showing `text` as it is, made
/// [`inert`] (so it stays on one line). Its fence is one backtick longer
/// than the longest backtick run inside, so nothing inside can close it; a
/// text that starts or ends with a backtick, or with a space at both ends,
/// is padded with one space each side, which CommonMark strips. Inside a
/// code span nothing is markup: no emphasis, link, image, HTML or escape.
pub fn md_code_span(text: &str) -> String {
    let shown = inert(text);
    if shown.is_empty() {
        return "` `".to_owned();
    }
    let fence = "`".repeat(longest_run(&shown, '`') + 1);
    let all_spaces = shown.chars().all(|c| c == ' ');
    let pad = !all_spaces
        && (shown.starts_with('`') || shown.ends_with('`') || (shown.starts_with(' ') && shown.ends_with(' ')));
    let pad = if pad { " " } else { "" };
    format!("{fence}{pad}{shown}{pad}{fence}")
}

/// A fenced Markdown code block of `body` (lines made [`inert_lines`]) with
/// the info string `info`. The fence is backticks, at least three and more
/// than the longest backtick run in the body, so no line of the body can
/// close it (a backtick fence is closed only by backticks: CommonMark 0.31,
/// 4.5 "Fenced code blocks"). The block always ends with its own line.
pub fn md_code_block(info: &str, body: &str) -> String {
    let body = inert_lines(body);
    let fence = "`".repeat((longest_run(&body, '`') + 1).max(3));
    let info: String = info.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
    let newline = if body.is_empty() || body.ends_with('\n') { "" } else { "\n" };
    format!("{fence}{info}\n{body}{newline}{fence}\n")
}

/// Text for an HTML context (a `<summary>`), made [`inert`] and with `&`,
/// `<`, `>`, `"` and `'` as character references.
pub fn html_text(text: &str) -> String {
    let mut out = String::new();
    for c in inert(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_bidi_and_zero_width_are_escaped() {
        assert_eq!(inert("xgen-core"), "xgen-core");
        assert!(matches!(inert("한국어 ✅ /api/x café"), Cow::Borrowed(_)));
        assert_eq!(inert("a\x1b[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(inert("\x1b]8;;http://x\x1b\\link"), "\\u{1b}]8;;http://x\\u{1b}\\link");
        assert_eq!(inert("\x1b]52;c;aGk=\x07"), "\\u{1b}]52;c;aGk=\\u{7}");
        assert_eq!(inert("a\tb\nc\rd"), "a\\u{9}b\\u{a}c\\u{d}d");
        assert_eq!(inert("\u{7f}\u{85}\u{9b}"), "\\u{7f}\\u{85}\\u{9b}");
        assert_eq!(inert("exe.\u{202e}lmay"), "exe.\\u{202e}lmay");
        for c in [
            '\u{61c}', '\u{200b}', '\u{200c}', '\u{200d}', '\u{200e}', '\u{200f}', '\u{202a}', '\u{202b}', '\u{202c}',
            '\u{202d}', '\u{202e}', '\u{2060}', '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}', '\u{feff}',
        ] {
            assert!(is_escaped(c), "{:x}", c as u32);
            assert_eq!(inert(&c.to_string()), format!("\\u{{{:x}}}", c as u32));
        }
        for c in [' ', 'a', '\u{a0}', '\u{a9}', '\u{2010}', '\u{2070}', '한', '✅', '\u{fffd}'] {
            assert!(!is_escaped(c), "{:x}", c as u32);
        }
    }

    #[test]
    fn lines_keep_their_breaks_and_lose_everything_else() {
        assert_eq!(inert_lines("a\nb\n"), "a\nb\n");
        assert_eq!(inert_lines("+\x1b[32mPASS\r\n-x\u{202e}\n"), "+\\u{1b}[32mPASS\\u{d}\n-x\\u{202e}\n");
        // Each line as `inert` shows it.
        let text = "a\tb\u{200b}\nc\u{9b}\n";
        assert_eq!(inert_lines(text), text.split('\n').map(|l| inert(l).into_owned()).collect::<Vec<_>>().join("\n"));
    }

    #[test]
    fn code_spans_cannot_be_closed_from_inside() {
        assert_eq!(md_code_span("xgen-core"), "`xgen-core`");
        assert_eq!(md_code_span("a`b"), "``a`b``");
        assert_eq!(md_code_span("a``b`"), "``` a``b` ```");
        assert_eq!(md_code_span("`x"), "`` `x ``");
        assert_eq!(md_code_span(" a "), "`  a  `");
        assert_eq!(md_code_span("   "), "`   `");
        assert_eq!(md_code_span(""), "` `");
        assert_eq!(md_code_span("a\n## b"), "`a\\u{a}## b`");
    }

    #[test]
    fn code_blocks_outfence_their_body() {
        assert_eq!(md_code_block("diff", "+a\n"), "```diff\n+a\n```\n");
        assert_eq!(md_code_block("diff", "+```\n+````x\n"), "`````diff\n+```\n+````x\n`````\n");
        assert_eq!(md_code_block("diff", "+a"), "```diff\n+a\n```\n");
        assert_eq!(md_code_block("x`y", ""), "```xy\n```\n");
    }

    #[test]
    fn html_text_is_text() {
        assert_eq!(html_text("<b>\"a\" & 'b'</b>\n"), "&lt;b&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/b&gt;\\u{a}");
    }
}
