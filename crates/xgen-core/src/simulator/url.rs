//! The request a URL makes, as the ingress gateway sees it: lower-cased host
//! without the port, and the path with query and fragment removed and dot
//! segments resolved (RFC 3986 5.2.4, as Envoy's `normalize_path` does; an empty
//! path is `/`).

#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    pub scheme: String,
    pub host: String,
    pub port: Option<u16>,
    /// The path as written (without query and fragment).
    pub raw_path: String,
    /// The path as matched.
    pub path: String,
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
    let path = tail.split(['?', '#']).next().unwrap_or("");
    Ok(Request { scheme, host: host.to_ascii_lowercase(), port, raw_path: path.to_owned(), path: normalize_path(path) })
}

/// Removes dot segments (`/x/../api/a` is `/api/a`); an empty path is `/`.
pub fn normalize_path(path: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    let segments: Vec<&str> = path.split('/').collect();
    let last = segments.len().saturating_sub(1);
    for (i, seg) in segments.iter().enumerate() {
        match *seg {
            "." => {
                if i == last {
                    out.push("");
                }
            }
            ".." => {
                if out.len() > 1 {
                    out.pop();
                }
                if i == last {
                    out.push("");
                }
            }
            s => out.push(s),
        }
    }
    let joined = out.join("/");
    if joined.is_empty() {
        "/".into()
    } else if joined.starts_with('/') {
        joined
    } else {
        format!("/{joined}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        let r = parse("https://Jeju-XGEN.x2bee.com:443/api/a?x=1#f").unwrap();
        assert_eq!(
            (r.scheme.as_str(), r.host.as_str(), r.port, r.path.as_str()),
            ("https", "jeju-xgen.x2bee.com", Some(443), "/api/a")
        );
        assert_eq!(parse("http://a.com").unwrap().path, "/");
        assert_eq!(parse("a.com/x").unwrap().host, "a.com");
        assert!(parse("ftp://a.com/").is_err());
        assert!(parse("http:///x").is_err());
    }

    #[test]
    fn dot_segments_resolve_as_rfc_3986() {
        for (input, want) in [
            ("/x/../api/a", "/api/a"),
            ("/a/./b", "/a/b"),
            ("/a/b/..", "/a/"),
            ("/../a", "/a"),
            ("", "/"),
            ("/", "/"),
            ("/api/", "/api/"),
            ("/a/b/c/./../../g", "/a/g"),
        ] {
            assert_eq!(normalize_path(input), want, "{input}");
        }
    }
}
