//! YAML syntax highlighting as data: each line split into classified pieces.
//! The UI renders each piece as a text node inside a styled span, so no file
//! content is ever interpreted as HTML. A line-based scanner is enough for the
//! YAML the studio writes and shows (block style, one key per line).

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Token {
    Plain,
    Key,
    String,
    Number,
    Literal,
    Comment,
    Punct,
}

impl Token {
    pub fn class(self) -> &'static str {
        match self {
            Token::Plain => "",
            Token::Key => "y-key",
            Token::String => "y-str",
            Token::Number => "y-num",
            Token::Literal => "y-lit",
            Token::Comment => "y-com",
            Token::Punct => "y-punct",
        }
    }
}

/// The pieces of one line; concatenated they give the line back exactly.
pub fn highlight_line(line: &str) -> Vec<(Token, &str)> {
    let mut out = Vec::new();
    let indent = line.len() - line.trim_start().len();
    let (lead, mut rest) = line.split_at(indent);
    if !lead.is_empty() {
        out.push((Token::Plain, lead));
    }
    if rest.starts_with('#') {
        out.push((Token::Comment, rest));
        return out;
    }
    while let Some(r) = rest.strip_prefix("- ") {
        out.push((Token::Punct, &rest[..2]));
        rest = r;
    }
    if rest == "-" || rest == "---" {
        out.push((Token::Punct, rest));
        return out;
    }
    if let Some(colon) = key_end(rest) {
        out.push((Token::Key, &rest[..colon]));
        out.push((Token::Punct, &rest[colon..colon + 1]));
        rest = &rest[colon + 1..];
        let ws = rest.len() - rest.trim_start().len();
        if ws > 0 {
            out.push((Token::Plain, &rest[..ws]));
            rest = &rest[ws..];
        }
    }
    if !rest.is_empty() {
        out.push((value_token(rest), rest));
    }
    out
}

/// Where a mapping key ends: the first `: ` (or a final `:`) outside quotes.
fn key_end(s: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    let mut quote: Option<u8> = None;
    for (i, &b) in bytes.iter().enumerate() {
        match (quote, b) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') if i == 0 => quote = Some(b),
            (None, b'#') if i > 0 && bytes[i - 1] == b' ' => return None,
            (None, b':') if bytes.get(i + 1).is_none_or(|n| *n == b' ') => return Some(i),
            _ => {}
        }
    }
    None
}

fn value_token(v: &str) -> Token {
    let t = v.trim_end();
    if t.starts_with('"') || t.starts_with('\'') {
        Token::String
    } else if matches!(t, "true" | "false" | "null" | "~" | "|" | "|-" | ">" | ">-" | "[]" | "{}") {
        Token::Literal
    } else if t.parse::<f64>().is_ok() {
        Token::Number
    } else {
        Token::Plain
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn joined(line: &str) -> String {
        highlight_line(line).iter().map(|(_, s)| *s).collect()
    }

    #[test]
    fn pieces_give_the_line_back() {
        for line in ["a: 1", "  - name: \"x: y\"", "# c", "- - a", "key:", "url: http://x:80/a", "", "  x: <b>"] {
            assert_eq!(joined(line), line);
        }
    }

    #[test]
    fn classifies() {
        assert_eq!(
            highlight_line("  port: 8000"),
            vec![
                (Token::Plain, "  "),
                (Token::Key, "port"),
                (Token::Punct, ":"),
                (Token::Plain, " "),
                (Token::Number, "8000")
            ]
        );
        assert_eq!(highlight_line("- name: x")[0], (Token::Punct, "- "));
        assert_eq!(highlight_line("a: 'q'").last().unwrap().0, Token::String);
        assert_eq!(highlight_line("a: true").last().unwrap().0, Token::Literal);
        assert_eq!(highlight_line("url: http://x:80").last().unwrap(), &(Token::Plain, "http://x:80"));
    }
}
