//! Messages mark code with backticks (`/api/x`, `XS107`); the page shows
//! those spans as code.

/// Splits `text` at backticks into (is code, text) parts. An unpaired
/// backtick stays prose with what follows it, so no character is lost.
pub fn code_spans(text: &str) -> Vec<(bool, String)> {
    let pieces: Vec<&str> = text.split('`').collect();
    let paired = pieces.len() % 2 == 1;
    let mut out: Vec<(bool, String)> = Vec::new();
    for (i, piece) in pieces.iter().enumerate() {
        if !paired && i == pieces.len() - 1 {
            match out.last_mut() {
                Some((false, prose)) => prose.push_str(&format!("`{piece}")),
                _ => out.push((false, format!("`{piece}"))),
            }
        } else if !piece.is_empty() {
            out.push((i % 2 == 1, (*piece).to_owned()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::code_spans;

    #[test]
    fn backtick_pairs_become_code_and_a_lone_one_stays_text() {
        assert_eq!(
            code_spans("Envoy matches `/api/x` here"),
            vec![(false, "Envoy matches ".into()), (true, "/api/x".into()), (false, " here".into())]
        );
        assert_eq!(code_spans("`a``b`"), vec![(true, "a".into()), (true, "b".into())]);
        assert_eq!(code_spans("a `b` c `d"), vec![(false, "a ".into()), (true, "b".into()), (false, " c `d".into())]);
        assert_eq!(code_spans("`"), vec![(false, "`".into())]);
        assert_eq!(code_spans("plain"), vec![(false, "plain".into())]);
        let joined = |t: &str| code_spans(t).into_iter().map(|(_, s)| s).collect::<String>();
        assert_eq!(joined("x `y` `z"), "x y `z");
    }
}
