//! The request a URL makes, and the path Envoy matches it with
//! (docs/routing.md, "The path Envoy matches").
//!
//! Three steps, each as the real component does it:
//!
//! 1. The client. The fragment stays in the client; the query is sent but
//!    plays no part in route matching. Bytes that cannot travel raw in a
//!    request line (non-ASCII, spaces, control characters) are sent
//!    percent-encoded as UTF-8, as a browser sends them. Everything else is
//!    sent as typed (as `curl --path-as-is` does): dot segments and escapes
//!    are the gateway's to resolve.
//! 2. Envoy's checks: a path holding `%00` is refused with 400.
//! 3. Envoy's `normalize_path` (Istio turns it on for gateways, with
//!    `merge_slashes` off and escaped slashes kept): Envoy's
//!    `PathUtil::canonicalPath` runs the URL canonicalizer of Chromium
//!    (`url::CanonicalizePath`, url/url_canon_path.cc). Ported below,
//!    with the one rule Envoy 1.40 adds before it: a segment that begins
//!    with `.;` or `..;` is a dot segment.

#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    pub scheme: String,
    /// Lower-cased, without the port (Istio sets `ignore_port_in_host_matching`).
    pub host: String,
    pub port: Option<u16>,
    /// The path as typed, without query and fragment.
    pub typed_path: String,
    /// The path as the client sends it.
    pub sent_path: String,
    /// The path Envoy matches routes with, or why Envoy refuses it (400).
    pub path: Result<String, Refusal>,
    /// The query as sent (without `?`), when the URL has one.
    pub query: Option<String>,
    /// The `Host` header as sent: the URL's authority, port included.
    pub authority: String,
    /// The bytes of the request's head as the studio sends it: the request
    /// line (`GET <path>?<query> HTTP/1.1`), the `Host` header and the blank
    /// line ([`MAX_REQUEST_HEAD`]).
    pub head_bytes: usize,
}

/// The largest request head Envoy reads: `max_request_headers_kb`, 60 KiB
/// unless configured (HttpConnectionManager; Istio leaves it), counted over
/// the raw request line and headers with their line ends (observed with
/// Envoy 1.40 and pinned by the Envoy parity test); past it, 431.
pub const MAX_REQUEST_HEAD: usize = 60 * 1024;

/// Why Envoy answers 400 before any route is tried.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("the path holds %00, an encoded NUL byte")]
    EncodedNul,
    #[error("the path does not begin with /")]
    NotAbsolute,
    #[error("the path holds a byte that cannot be sent raw (a space, a control character or a non-ASCII byte)")]
    RawByte,
}

impl Refusal {
    pub fn ko(self) -> &'static str {
        match self {
            Refusal::EncodedNul => "경로에 인코딩된 NUL 바이트인 %00이 있습니다",
            Refusal::NotAbsolute => "경로가 /로 시작하지 않습니다",
            Refusal::RawByte => "경로에 그대로 보낼 수 없는 바이트(공백, 제어 문자, ASCII가 아닌 바이트)가 있습니다",
        }
    }
}

pub fn parse(url: &str) -> Result<Request, String> {
    let url = url.trim();
    let (scheme, rest) = match url.split_once("://") {
        Some((s, r)) => (s.to_ascii_lowercase(), r),
        None => ("http".to_owned(), url),
    };
    if scheme != "http" && scheme != "https" {
        return Err(format!("`{scheme}` is not http or https"));
    }
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(end);
    let authority = authority.rsplit('@').next().unwrap_or(authority);
    let (host, port) = match authority.rsplit_once(':') {
        Some((h, p)) if !h.ends_with(']') || authority.starts_with('[') => {
            let port = p.parse::<u16>().map_err(|_| format!("`{p}` is not a port"))?;
            (h, Some(port))
        }
        _ => (authority, None),
    };
    if host.is_empty() {
        return Err("the URL has no host".into());
    }
    let typed = tail.split(['?', '#']).next().unwrap_or("");
    let typed = if typed.is_empty() { "/" } else { typed };
    let sent = encode_as_sent(typed);
    let query = tail.split('#').next().unwrap_or("").split_once('?').map(|(_, q)| encode_as_sent(q));
    let target = sent.len() + query.as_ref().map_or(0, |q| q.len() + 1);
    let head_bytes =
        "GET ".len() + target + " HTTP/1.1\r\n".len() + "Host: ".len() + authority.len() + "\r\n\r\n".len();
    let path = envoy_path(sent.as_bytes());
    Ok(Request {
        scheme,
        host: host.to_ascii_lowercase(),
        port,
        typed_path: typed.to_owned(),
        sent_path: sent,
        path,
        query,
        authority: authority.to_owned(),
        head_bytes,
    })
}

/// Step 1: what a browser percent-encodes in a path it sends.
pub fn encode_as_sent(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for &b in path.as_bytes() {
        if b <= b' ' || b >= 0x7f {
            out.push_str(&format!("%{b:02X}"));
        } else {
            out.push(b as char);
        }
    }
    out
}

/// Steps 2 and 3: the path Envoy matches for the raw request path `raw`
/// (without its query), or why it answers 400.
pub fn envoy_path(raw: &[u8]) -> Result<String, Refusal> {
    if raw.first() != Some(&b'/') {
        return Err(Refusal::NotAbsolute);
    }
    if raw.iter().any(|&b| b <= b' ' || b >= 0x7f) {
        return Err(Refusal::RawByte);
    }
    if raw.windows(3).any(|w| w == b"%00") {
        return Err(Refusal::EncodedNul);
    }
    Ok(canonicalize(&semicolon_dot_segments(raw)))
}

/// Envoy 1.40 reads a segment that begins with `.;` or `..;` as `.` or `..`
/// before canonicalizing (observed and pinned by the Envoy parity test:
/// `/static/..;/api` is `/api`, while `/a/%2e%2e;/b` stays as it is).
fn semicolon_dot_segments(raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(raw.len());
    for (i, segment) in raw.split(|&b| b == b'/').enumerate() {
        if i > 0 {
            out.push(b'/');
        }
        if segment.starts_with(b"..;") {
            out.extend_from_slice(b"..");
        } else if segment.starts_with(b".;") {
            out.push(b'.');
        } else {
            out.extend_from_slice(segment);
        }
    }
    out
}

/// What the canonicalizer does with a byte (url_canon_path.cc, kPathCharLookup).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    /// Copied as it is.
    Pass,
    /// Copied as it is; decoded when it arrives percent-encoded (RFC 3986
    /// unreserved: letters, digits, `-`, `_`, `~`).
    Unescape,
    /// Percent-encoded in the output.
    Escape,
    /// `.`, `%`, `\`: handled on their own.
    Special,
}

fn class(b: u8) -> Class {
    match b {
        b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'~' => Class::Unescape,
        b'.' | b'%' | b'\\' => Class::Special,
        b'!' | b'$' | b'&' | b'\'' | b'(' | b')' | b'*' | b'+' | b',' | b'/' | b':' | b';' | b'=' | b'@' | b'['
        | b']' => Class::Pass,
        _ => Class::Escape,
    }
}

/// `.` or `%2e`/`%2E` at `i`: its length in the input, else 0 (IsDot).
fn dot_len(spec: &[u8], i: usize) -> usize {
    if spec[i] == b'.' {
        1
    } else if spec.len() >= i + 3 && spec[i] == b'%' && spec[i + 1] == b'2' && matches!(spec[i + 2], b'e' | b'E') {
        3
    } else {
        0
    }
}

fn is_slash(b: u8) -> bool {
    b == b'/' || b == b'\\'
}

enum Dot {
    /// Part of a name.
    Name,
    /// `.` as a segment: skip it, and `consumed` input bytes after it.
    Current(usize),
    /// `..` as a segment: up one level.
    Up(usize),
}

/// ClassifyAfterDot: what a dot after a slash is, from what follows it.
fn after_dot(spec: &[u8], after: usize) -> Dot {
    if after == spec.len() {
        return Dot::Current(0);
    }
    if is_slash(spec[after]) {
        return Dot::Current(1);
    }
    let second = dot_len(spec, after);
    if second > 0 {
        let past = after + second;
        if past == spec.len() {
            return Dot::Up(second);
        }
        if is_slash(spec[past]) {
            return Dot::Up(second + 1);
        }
    }
    Dot::Name
}

/// BackUpToPreviousSlash: drops the last segment; never above the root.
fn back_up(out: &mut Vec<u8>) {
    let mut i = out.len() - 1;
    if i == 0 {
        return;
    }
    loop {
        i -= 1;
        if out[i] == b'/' || i == 0 {
            break;
        }
    }
    out.truncate(i + 1);
}

fn hex_value(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

/// DecodeEscaped: the byte `%XX` at `i` stands for.
fn decode_escaped(spec: &[u8], i: usize) -> Option<u8> {
    if i + 3 > spec.len() {
        return None;
    }
    Some(hex_value(spec[i + 1])? << 4 | hex_value(spec[i + 2])?)
}

/// CheckForNestedEscapes: an invalid `%` whose following output has just
/// become two hex digits by decoding (`%%30%30`) is written `%25`, so the
/// output cannot decode to something else a second time.
fn check_nested_escapes(spec: &[u8], next: usize, percent: usize, out: &mut Vec<u8>) {
    let length = out.len();
    let last = out[length - 1];
    let append_next = percent == length - 2;
    if append_next {
        if next == spec.len() || spec[next] >= 0x80 {
            return;
        }
        out.push(spec[next]);
    }
    if decode_escaped(out, percent).is_some() {
        if !append_next {
            out.push(out[percent + 1]);
        }
        out[percent + 1] = b'2';
        out[percent + 2] = b'5';
        out.push(last);
    } else if append_next {
        out.truncate(length);
    }
}

/// The canonical path (url::CanonicalizePath over the path component).
fn canonicalize(spec: &[u8]) -> String {
    let mut out: Vec<u8> = Vec::with_capacity(spec.len());
    let mut last_invalid_percent: Option<usize> = None;
    let mut i = 0;
    while i < spec.len() {
        let b = spec[i];
        match class(b) {
            Class::Pass | Class::Unescape => out.push(b),
            Class::Escape => out.extend_from_slice(format!("%{b:02X}").as_bytes()),
            Class::Special => {
                let dot = dot_len(spec, i);
                if dot > 0 {
                    if out.last() == Some(&b'/') {
                        match after_dot(spec, i + dot) {
                            Dot::Name => {
                                out.push(b'.');
                                i += dot - 1;
                            }
                            Dot::Current(consumed) => i += dot + consumed - 1,
                            Dot::Up(consumed) => {
                                back_up(&mut out);
                                if last_invalid_percent.is_some_and(|p| p >= out.len()) {
                                    last_invalid_percent = None;
                                }
                                i += dot + consumed - 1;
                            }
                        }
                    } else {
                        out.push(b'.');
                        i += dot - 1;
                    }
                } else if b == b'\\' {
                    out.push(b'/');
                } else if let Some(value) = decode_escaped(spec, i) {
                    i += 2;
                    if class(value) == Class::Unescape {
                        out.push(value);
                        if let Some(p) = last_invalid_percent.filter(|p| p + 3 >= out.len()) {
                            check_nested_escapes(spec, i + 1, p, &mut out);
                        }
                    } else {
                        // Kept as it came, hex case and all.
                        out.extend_from_slice(&spec[i - 2..=i]);
                    }
                } else {
                    last_invalid_percent = Some(out.len());
                    out.push(b'%');
                }
            }
        }
        i += 1;
    }
    // Every input byte is ASCII (checked by the caller), so is the output.
    out.into_iter().map(char::from).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn envoy(path: &str) -> String {
        envoy_path(encode_as_sent(path).as_bytes()).unwrap_or_else(|e| format!("400 {e}"))
    }

    #[test]
    fn urls() {
        let r = parse("https://Jeju-XGEN.x2bee.com:443/api/a?x=1#f").unwrap();
        assert_eq!(
            (r.scheme.as_str(), r.host.as_str(), r.port, r.path.as_deref()),
            ("https", "jeju-xgen.x2bee.com", Some(443), Ok("/api/a"))
        );
        assert_eq!(parse("http://a.com").unwrap().path, Ok("/".into()));
        assert_eq!(parse("http://a.com?x").unwrap().path, Ok("/".into()));
        assert_eq!(parse("a.com/x").unwrap().host, "a.com");
        assert!(parse("ftp://a.com/").is_err());
        assert!(parse("http:///x").is_err());
    }

    /// Each class of the table is what Envoy 1.40 answered for the same
    /// request (the parity test checks them all against a real Envoy).
    #[test]
    fn normalization_classes() {
        let classes: &[(&str, &[(&str, &str)])] = &[
            (
                "dot segments, RFC 3986",
                &[
                    ("/x/../api/a", "/api/a"),
                    ("/a/./b", "/a/b"),
                    ("/a/b/..", "/a/"),
                    ("/a/b/.", "/a/b/"),
                    ("/../a", "/a"),
                    ("/a/b/c/./../../g", "/a/g"),
                    ("/a/...", "/a/..."),
                    ("/a/..b/c", "/a/..b/c"),
                    ("/a../", "/a../"),
                ],
            ),
            (
                "percent-encoded dots are dots",
                &[
                    ("/%2e%2e/api/x", "/api/x"),
                    ("/x/%2E%2E/api/core", "/api/core"),
                    ("/x/%2e./api/core", "/api/core"),
                    ("/a/.%2E", "/"),
                    ("/%2E", "/"),
                    ("/a%2e%2e", "/a.."),
                ],
            ),
            (
                "unreserved escapes are decoded, others kept as sent",
                &[
                    ("/api/workflow/%65xecute/deploy/stream", "/api/workflow/execute/deploy/stream"),
                    ("/api/%41%42%7e%2d%5f", "/api/AB~-_"),
                    ("/a%2fb", "/a%2fb"),
                    ("/a%2Fb", "/a%2Fb"),
                    ("/a%3bb", "/a%3bb"),
                    ("/a%25b", "/a%25b"),
                    ("/caf%c3%a9", "/caf%c3%a9"),
                ],
            ),
            ("slashes are not merged", &[("/a//b", "/a//b"), ("/a//../b", "/a/b"), ("/a/.//b", "/a//b")]),
            (
                "backslash is a slash, %5C is not",
                &[("/x\\..\\api", "/api"), ("/\\..\\api", "/api"), ("/x%5C..%5Capi", "/x%5C..%5Capi")],
            ),
            (
                "`.;` and `..;` segments are dot segments",
                &[
                    ("/static/..;/api/core", "/api/core"),
                    ("/static/.;/api/core", "/static/api/core"),
                    ("/a/..;x/b", "/b"),
                    ("/a/..;..;/b", "/b"),
                    ("/a/b/..;", "/a/"),
                    ("/a/%2e%2e;/b", "/a/..;/b"),
                    ("/a/.%2e;/b", "/a/..;/b"),
                    ("/a/..%3b/b", "/a/..%3b/b"),
                    ("/a/...;/b", "/a/...;/b"),
                    ("/a..;/b", "/a..;/b"),
                    ("/a/;/b", "/a/;/b"),
                ],
            ),
            (
                "non-ASCII travels as UTF-8 escapes",
                &[("/café/x", "/caf%C3%A9/x"), ("/한", "/%ED%95%9C"), ("/a b", "/a%20b")],
            ),
            ("some ASCII is escaped", &[("/a|b^c{d}e`f\"g<h>", "/a%7Cb%5Ec%7Bd%7De%60f%22g%3Ch%3E")]),
            (
                "invalid and nested escapes",
                &[
                    ("/a%zzb", "/a%zzb"),
                    ("/a%", "/a%"),
                    ("/a%2x", "/a%2x"),
                    ("/a%%30%30b", "/a%2500b"),
                    ("/%%34%31", "/%2541"),
                    ("/%4%31", "/%2541"),
                    ("/%41%", "/A%"),
                ],
            ),
            ("%00 is refused", &[("/a%00b", "400 the path holds %00, an encoded NUL byte")]),
        ];
        for (class, cases) in classes {
            for (input, want) in *cases {
                assert_eq!(envoy(input), *want, "{class}: {input}");
            }
        }
    }

    #[test]
    fn raw_requests_envoy_refuses() {
        assert_eq!(envoy_path(b"*"), Err(Refusal::NotAbsolute));
        assert_eq!(envoy_path(b"/a b"), Err(Refusal::RawByte));
        assert_eq!(envoy_path("/é".as_bytes()), Err(Refusal::RawByte));
    }
}
