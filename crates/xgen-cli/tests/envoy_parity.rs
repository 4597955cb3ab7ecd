//! Envoy parity (docs/routing.md): `xgen-studio simulate` answers what a real
//! Envoy 1.40 answers, configured as istiod configures an ingress gateway
//! for the rendered Gateways and VirtualServices.
//!
//! Run with `cargo test -p xgen-cli --features envoy-parity --test
//! envoy_parity`; Envoy is `$ENVOY`, else `.tools/bin/envoy`
//! (scripts/install-envoy.py), else `envoy` on PATH.
//!
//! The translation below is istiod's, from Istio's source:
//! - pilot/pkg/networking/core/listener_builder.go: the gateway's HTTP
//!   connection manager has `normalize_path: true`, `merge_slashes` off
//!   (the mesh default `pathNormalization: BASE`) and
//!   `path_with_escaped_slashes_action: KEEP_UNCHANGED`;
//! - pilot/pkg/networking/core/gateway.go, `buildGatewayHTTPRouteConfig`:
//!   all port-80 servers share one RouteConfiguration with
//!   `ignore_port_in_host_matching: true`; one virtual host per lower-cased
//!   host in `serverHosts.Intersection(virtualServiceHosts)`, a later
//!   VirtualService for the same host appending its routes; every virtual
//!   host's routes go through `SortVHostRoutes` (catch-alls last); no virtual
//!   host at all is a `*` blackhole with no routes;
//! - pilot/pkg/model/config.go, `configCompareByCreationTime`: Gateways of
//!   one creation time are taken in name order;
//! - pilot/pkg/networking/core/route/route.go:
//!   `BuildHTTPRoutesForVirtualService` makes one route per `match` entry
//!   (a rule without one matches `prefix: /`) and stops after the first
//!   catch-all (`IsCatchAllRoute`: prefix `/` or regex `.*`);
//!   `TranslateRouteMatch` maps `exact` to `path`, `prefix` to `prefix`,
//!   `regex` to `safe_regex`, and `ignoreUriCase` to `case_sensitive: false`;
//! - pkg/bootstrap/config.go, `extractRuntimeFlags`: the runtime layer
//!   (`re2.max_program_size.error_level: 32768`,
//!   `http_reject_path_with_fragment: false`).
//!
//! Every route answers with a `direct_response` naming its VirtualService
//! and rule index, so the comparison is by rule, not by backend.

mod common;
#[path = "envoy_parity/whole_gateway.rs"]
mod whole_gateway;

use serde_json::{json, Value as Json};
use serde_yaml::Value;
use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use xgen_core::rendered::render;
use xgen_core::{import, InputFile, ProjectState};

fn envoy() -> PathBuf {
    if let Some(e) = std::env::var_os("ENVOY") {
        return e.into();
    }
    let local = common::repo_root().join(".tools/bin/envoy");
    if local.exists() {
        return local;
    }
    "envoy".into()
}

/// A project under test: its name and its input files (path, bytes).
struct Project {
    name: String,
    inputs: Vec<(String, Vec<u8>)>,
}

fn projects() -> Vec<Project> {
    let root = common::repo_root();
    let mut out = vec![Project {
        name: "example".into(),
        inputs: vec![("xgen.yaml".into(), std::fs::read(root.join("public/examples/xgen.yaml")).unwrap())],
    }];
    let dir = root.join("tests/fixtures/projects");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    paths.sort();
    for p in paths {
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        out.push(Project { name: name.clone(), inputs: vec![(name, std::fs::read(&p).unwrap())] });
    }
    let routing = root.join("tests/fixtures/routing");
    let mut inputs = Vec::new();
    let mut stack = vec![routing.clone()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "yaml") {
                let rel = p.strip_prefix(&routing).unwrap().display().to_string();
                inputs.push((rel, std::fs::read(&p).unwrap()));
            }
        }
    }
    inputs.sort();
    assert!(inputs.len() >= 5, "the routing fixture: a project and its values files");
    out.push(Project { name: "routing".into(), inputs });
    out
}

fn load(p: &Project) -> ProjectState {
    let files: Vec<InputFile> = p.inputs.iter().map(|(n, b)| InputFile::new(n.clone(), b.clone())).collect();
    import(&ProjectState::empty(), &files).unwrap_or_else(|e| panic!("{}: {e}", p.name))
}

/// One Envoy route as istiod writes it, named `<vs>#<rule>`.
#[derive(Debug, Clone)]
struct EnvoyRoute {
    name: String,
    matcher: Json,
    catch_all: bool,
}

/// istiod's TranslateRouteMatch for one `match` entry (None: no match).
fn translate_match(m: Option<&Value>) -> (Json, bool) {
    let uri = m.and_then(|m| m.get("uri"));
    let case_sensitive = !m.and_then(|m| m.get("ignoreUriCase")).and_then(Value::as_bool).unwrap_or(false);
    let s = |k: &str| uri.and_then(|u| u.get(k)).and_then(Value::as_str).map(str::to_owned);
    let (matcher, catch_all) = if let Some(e) = s("exact") {
        (json!({"path": e}), false)
    } else if let Some(p) = s("prefix") {
        let all = p == "/";
        (json!({"prefix": p}), all)
    } else if let Some(r) = s("regex") {
        let all = r == ".*";
        (json!({"safe_regex": {"regex": r}}), all)
    } else {
        (json!({"prefix": "/"}), true)
    };
    let mut matcher = matcher;
    matcher["case_sensitive"] = json!(case_sensitive);
    (matcher, catch_all)
}

/// BuildHTTPRoutesForVirtualService: one route per match, none after a catch-all.
fn vs_routes(vs: &Value) -> Vec<EnvoyRoute> {
    let name = vs["metadata"]["name"].as_str().unwrap();
    let mut out = Vec::new();
    for (i, http) in vs["spec"]["http"].as_sequence().into_iter().flatten().enumerate() {
        let matches: Vec<Option<&Value>> = match http.get("match").and_then(Value::as_sequence) {
            Some(list) if !list.is_empty() => list.iter().map(Some).collect(),
            _ => vec![None],
        };
        for m in matches {
            let (matcher, catch_all) = translate_match(m);
            out.push(EnvoyRoute { name: format!("{name}#{i}"), matcher, catch_all });
            if catch_all {
                return out;
            }
        }
    }
    out
}

fn hosts(v: &Value) -> Vec<String> {
    v.as_sequence().into_iter().flatten().filter_map(Value::as_str).map(str::to_owned).collect()
}

/// A host as Istio reads one (pkg/config/host/name.go at 03da29c9:
/// `IsWildCarded`, lines 92-94, is "starts with `*`"), kept apart from the
/// studio's own reading in `simulator/gateway.rs`, which this test checks.
#[derive(Debug, Clone, Copy)]
enum HostName<'a> {
    /// `*suffix`: every name ending in `suffix` (`*` alone: every name).
    Wild(&'a str),
    Plain(&'a str),
}

impl<'a> HostName<'a> {
    fn read(s: &'a str) -> Self {
        match s.strip_prefix('*') {
            Some(suffix) => HostName::Wild(suffix),
            None => HostName::Plain(s),
        }
    }

    /// `Name.SubsetOf` (name.go lines 61-86): every name `self` stands for
    /// is one `other` stands for. Two wildcards: the longer suffix must end
    /// with the shorter; a plain name is never covered by nothing but a
    /// wildcard or itself; a wildcard never by a plain name.
    fn within(self, other: HostName) -> bool {
        match (self, other) {
            (HostName::Plain(a), HostName::Plain(b)) => a == b,
            (HostName::Plain(a), HostName::Wild(b)) => a.ends_with(b),
            (HostName::Wild(_), HostName::Plain(_)) => false,
            (HostName::Wild(a), HostName::Wild(b)) => a.len() >= b.len() && a.ends_with(b),
        }
    }
}

/// `Names.Intersection` (pkg/config/host/names.go at 167ae66e, lines 71-94):
/// for each server host, then each VirtualService host, the narrower of
/// the two when one covers the other, each name once, in that order.
fn host_intersection(server: &[String], vs: &[String]) -> Vec<String> {
    let pairs = server.iter().flat_map(|h| vs.iter().map(move |o| (h, o)));
    let narrower = pairs.filter_map(|(h, o)| {
        let (hn, on) = (HostName::read(h), HostName::read(o));
        if hn.within(on) {
            Some(h)
        } else if on.within(hn) {
            Some(o)
        } else {
            None
        }
    });
    let mut out: Vec<String> = Vec::new();
    for name in narrower {
        if out.iter().all(|n| n != name) {
            out.push(name.clone());
        }
    }
    out
}

/// The documents of kind `kind` in an environment's rendered files.
fn docs(files: &[xgen_core::layout::BundleFile], prefix: &str, kind: &str) -> Vec<Value> {
    use serde::Deserialize;
    let mut out = Vec::new();
    for f in files.iter().filter(|f| f.path.starts_with(prefix)) {
        for doc in serde_yaml::Deserializer::from_str(&f.text) {
            let v = Value::deserialize(doc).unwrap();
            if v.get("kind").and_then(Value::as_str) == Some(kind) {
                out.push(v);
            }
        }
    }
    out
}

/// buildGatewayHTTPRouteConfig for port 80 of one environment, over the
/// VirtualServices the cluster takes (`services` holds no refused one).
fn virtual_hosts(gateways: &[Value], services: &[Value]) -> Vec<(String, Vec<EnvoyRoute>)> {
    let mut gateways: Vec<&Value> = gateways.iter().collect();
    gateways.sort_by_key(|g| g["metadata"]["name"].as_str().unwrap_or_default().to_owned());
    let mut vhosts: Vec<(String, Vec<EnvoyRoute>)> = Vec::new();
    for gw in gateways {
        let gw_name = gw["metadata"]["name"].as_str().unwrap();
        let mut bound: Vec<&Value> =
            services.iter().filter(|vs| hosts(&vs["spec"]["gateways"]).iter().any(|g| g == gw_name)).collect();
        bound.sort_by_key(|vs| vs["metadata"]["name"].as_str().unwrap_or_default().to_owned());
        for server in gw["spec"]["servers"].as_sequence().into_iter().flatten() {
            if server["port"]["number"].as_u64() != Some(80) {
                continue;
            }
            for vs in &bound {
                let routes = vs_routes(vs);
                let common = host_intersection(&hosts(&server["hosts"]), &hosts(&vs["spec"]["hosts"]));
                append_routes(&mut vhosts, common, &routes);
            }
        }
    }
    catch_alls_last(&mut vhosts, |r| r.catch_all);
    vhosts
}

/// Appends a VirtualService's routes to each of `hosts`' virtual hosts (by
/// lower-case name), as istiod appends the VirtualServices sharing a host.
fn append_routes<R: Clone>(vhosts: &mut Vec<(String, Vec<R>)>, hosts: Vec<String>, routes: &[R]) {
    for host in hosts {
        let host = host.to_ascii_lowercase();
        match vhosts.iter_mut().find(|(h, _)| *h == host) {
            Some((_, existing)) => existing.extend(routes.iter().cloned()),
            None => vhosts.push((host, routes.to_vec())),
        }
    }
}

/// Moves each virtual host's catch-all routes after the others, keeping
/// their order, as istiod does.
fn catch_alls_last<R>(vhosts: &mut [(String, Vec<R>)], catch_all: impl Fn(&R) -> bool) {
    for (_, routes) in vhosts {
        let (rest, all): (Vec<R>, Vec<R>) = routes.drain(..).partition(|r| !catch_all(r));
        *routes = rest.into_iter().chain(all).collect();
    }
}

fn route_config(vhosts: &[(String, Vec<EnvoyRoute>)]) -> Json {
    let virtual_hosts: Vec<Json> = if vhosts.is_empty() {
        vec![json!({"name": "blackhole:80", "domains": ["*"], "routes": []})]
    } else {
        vhosts
            .iter()
            .map(|(host, routes)| {
                let routes: Vec<Json> = routes
                    .iter()
                    .map(|r| {
                        json!({"name": r.name, "match": r.matcher,
                            "direct_response": {"status": 200, "body": {"inline_string": r.name}}})
                    })
                    .collect();
                json!({"name": format!("{host}:80"), "domains": [host], "routes": routes})
            })
            .collect()
    };
    json!({"name": "http.80", "ignore_port_in_host_matching": true, "virtual_hosts": virtual_hosts})
}

fn listener(name: &str, port: u16, routes: Json) -> Json {
    json!({
        "name": name,
        "address": {"socket_address": {"address": "127.0.0.1", "port_value": port}},
        "filter_chains": [{"filters": [{
            "name": "envoy.filters.network.http_connection_manager",
            "typed_config": {
                "@type": "type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager",
                "stat_prefix": name,
                "normalize_path": true,
                "merge_slashes": false,
                "path_with_escaped_slashes_action": "KEEP_UNCHANGED",
                "route_config": routes,
                "http_filters": [{"name": "envoy.filters.http.router", "typed_config": {
                    "@type": "type.googleapis.com/envoy.extensions.filters.http.router.v3.Router"}}]
            }
        }]}]
    })
}

fn bootstrap(listeners: Vec<Json>) -> Json {
    bootstrap_with(listeners, Some(32768))
}

/// A bootstrap whose runtime sets `re2.max_program_size.error_level` to
/// `level` (istiod's 32768), or leaves Envoy's default (100) with None.
fn bootstrap_with(listeners: Vec<Json>, level: Option<u32>) -> Json {
    let mut layer = json!({"envoy.reloadable_features.http_reject_path_with_fragment": false});
    if let Some(level) = level {
        layer["re2.max_program_size.error_level"] = json!(level.to_string());
    }
    json!({
        "static_resources": {"listeners": listeners},
        "layered_runtime": {"layers": [{"name": "global config", "static_layer": layer}]}
    })
}

/// `envoy --mode validate` over a configuration: whether Envoy takes it,
/// and its last words when it does not.
fn validate(config: &Json, name: &str) -> Result<(), String> {
    // Tests run in parallel: each call its own file, in a folder shared
    // by all (never emptied while in use).
    static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("xgen-envoy-{}-validate", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{name}-{n}.json"));
    std::fs::write(&path, serde_json::to_vec(config).unwrap()).unwrap();
    let out = Command::new(envoy())
        .args(["--mode", "validate", "-c", path.to_str().unwrap(), "--log-level", "critical", "--disable-hot-restart"])
        .output()
        .unwrap_or_else(|e| panic!("cannot run envoy ({e})"));
    std::fs::remove_file(&path).ok();
    if out.status.success() {
        return Ok(());
    }
    let text = String::from_utf8_lossy(&out.stderr).into_owned() + &String::from_utf8_lossy(&out.stdout);
    Err(text.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or_default().to_owned())
}

/// A configuration with one route matching `pattern`.
fn regex_config(pattern: &str, level: Option<u32>) -> Json {
    let route = json!({"name": "r", "match": {"safe_regex": {"regex": pattern}}, "direct_response": {"status": 200}});
    let routes = json!({"name": "http.80", "virtual_hosts": [{"name": "v", "domains": ["*"], "routes": [route]}]});
    bootstrap_with(vec![listener("l", 1, routes)], level)
}

/// What Istio's admission webhook refuses in a regex although Envoy's RE2
/// may take it (pkg/config/validation/validation.go, `validateStringRegexp`:
/// empty, over 1024 bytes, or refused by Go's `regexp`, which has no `\C`
/// and refuses a capture name used twice). Written here apart from the
/// studio's `routing::re2`.
fn istio_refuses(regex: &str) -> bool {
    if regex.is_empty() || regex.len() > 1024 {
        return true;
    }
    let mut names: Vec<&str> = Vec::new();
    let mut chars = regex.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '\\' {
            if chars.next().is_some_and(|(_, n)| n == 'C') {
                return true;
            }
            continue;
        }
        let rest = &regex[i..];
        let name_start = ["(?P<", "(?<"].iter().find(|p| rest.starts_with(**p)).map(|p| p.len());
        if let Some(start) = name_start {
            if let Some(end) = rest[start..].find('>') {
                let name = &rest[start..start + end];
                if names.contains(&name) {
                    return true;
                }
                names.push(name);
            }
        }
    }
    false
}

/// Whether the cluster takes a VirtualService: Istio's webhook must take
/// every regex of it, and Envoy (istiod's runtime) the routes istiod makes
/// of it. A refused one is left out of Envoy's configuration, as istiod
/// never sees it (or as Envoy never takes it).
fn cluster_refuses(vs: &Value) -> bool {
    let regexes: Vec<&str> = vs["spec"]["http"]
        .as_sequence()
        .into_iter()
        .flatten()
        .flat_map(|h| h.get("match").and_then(Value::as_sequence).into_iter().flatten())
        .filter_map(|m| m["uri"].get("regex").and_then(Value::as_str))
        .collect();
    if regexes.iter().any(|r| istio_refuses(r)) {
        return true;
    }
    let routes = vs_routes(vs);
    if !routes.iter().any(|r| r.matcher.get("safe_regex").is_some()) {
        return false;
    }
    let config = bootstrap(vec![listener("l", 1, route_config(&[("*".to_owned(), routes)]))]);
    validate(&config, vs["metadata"]["name"].as_str().unwrap_or("vs")).is_err()
}

/// A port no listener holds now and this process has never handed out.
/// The system may give a closed port again at once, and tests run in
/// parallel: without the record two listeners of one configuration (or
/// two Envoys) could be given the same port, and Envoy refuses the
/// configuration.
fn free_port() -> u16 {
    static GIVEN: std::sync::Mutex<Vec<u16>> = std::sync::Mutex::new(Vec::new());
    let mut given = GIVEN.lock().unwrap_or_else(|e| e.into_inner());
    loop {
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        if !given.contains(&port) {
            given.push(port);
            return port;
        }
    }
}

struct Envoy(Child);

impl Drop for Envoy {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("xgen-envoy-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn start_envoy(config: &Json, ports: &[u16]) -> Envoy {
    // Each Envoy its own folder: tests that start one run in parallel.
    static STARTS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let dir = temp_dir(&format!("bootstrap-{}", STARTS.fetch_add(1, std::sync::atomic::Ordering::Relaxed)));
    let path = dir.join("bootstrap.json");
    std::fs::write(&path, serde_json::to_vec_pretty(config).unwrap()).unwrap();
    let child = Command::new(envoy())
        .args(["-c", path.to_str().unwrap(), "--log-level", "error", "--concurrency", "1", "--disable-hot-restart"])
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run envoy ({e}): install it with scripts/install-envoy.py or set ENVOY"));
    let mut envoy = Envoy(child);
    let deadline = Instant::now() + Duration::from_secs(30);
    for &port in ports {
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(envoy.0.try_wait().unwrap().is_none(), "envoy exited: it refused the configuration");
            assert!(Instant::now() < deadline, "envoy did not listen on {port}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
    envoy
}

/// What a browser sends for a URL: host header and request target
/// (fragment dropped; non-ASCII, spaces and controls percent-encoded).
/// Written apart from the simulator's own reading, on purpose.
fn as_sent(url: &str) -> (String, Vec<u8>) {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let cut = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(cut);
    let tail = tail.split('#').next().unwrap();
    let mut target = Vec::new();
    if !tail.starts_with('/') {
        target.push(b'/');
    }
    for &b in tail.as_bytes() {
        if b <= b' ' || b >= 0x7f {
            target.extend_from_slice(format!("%{b:02X}").as_bytes());
        } else {
            target.push(b);
        }
    }
    (authority.to_owned(), target)
}

/// Envoy's answer: the status, and the route's name for a 200. The
/// response is read up to its `content-length`: Envoy keeps a closing
/// connection open for `delayed_close_timeout` (1 s) after it answers.
fn ask(port: u16, host: &str, target: &[u8]) -> (u16, String) {
    let mut req = b"GET ".to_vec();
    req.extend_from_slice(target);
    // The request line and Host only, as the studio counts a request's head
    // against Envoy's 60 KiB.
    req.extend_from_slice(format!(" HTTP/1.1\r\nHost: {host}\r\n\r\n").as_bytes());
    let (status, _, body) = exchange(port, &req);
    (status, body)
}

/// Sends `request` as it is and reads the answer up to its length (or to
/// the connection's end): the status, the head and the body.
fn exchange(port: u16, request: &[u8]) -> (u16, String, String) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    s.write_all(request).unwrap();
    let mut data = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        if let Some(end) = data.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&data[..end]).to_ascii_lowercase();
            let length = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .and_then(|v| v.trim().parse::<usize>().ok());
            if length.is_some_and(|n| data.len() >= end + 4 + n) {
                break;
            }
        }
        match s.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => data.extend_from_slice(&buf[..n]),
            Err(_) if !data.is_empty() => break,
            Err(e) => panic!("reading envoy's answer: {e}"),
        }
    }
    let text = String::from_utf8_lossy(&data);
    let status = text.get(9..12).and_then(|c| c.parse().ok()).unwrap_or_else(|| panic!("no status in {text:?}"));
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    (status, head.to_owned(), body.to_owned())
}

/// Paths every environment is asked about, covering each class the
/// simulator normalizes (docs/routing.md) and every kind of match.
const PATHS: &[&str] = &[
    "/",
    "/x/../api/a",
    "/%2e%2e/api/x",
    "/x/%2E%2E/api/core",
    "/x/%2e./api/core",
    "/x/.%2E/api/x",
    "/a/./b",
    "/a/b/..",
    "/a/b/.",
    "/../api/x",
    "/api/x/..",
    "/api/x/./",
    "/api/../../api/y",
    "/a/...",
    "/a/..b/c",
    "/a../api/",
    "/api/%2e",
    "/api/.%2e/x",
    "/%2E",
    "/%2e/api/x",
    "/api%2e%2e/x",
    "/api/workflow/%65xecute/deploy/stream",
    "/api/workflow/execute/deploy/strea%6D",
    "/%61pi/x",
    "/api/%41%42%7e%2d%5f",
    "/%41PI/v2/x",
    "/h%65althz",
    "/healthz%2F",
    "/healthz/",
    "/HEALTHZ",
    "/a%2fb",
    "/a%2Fb",
    "/api%2Fx",
    "/x%2Fy/z",
    "/x%2fy/z",
    "/x/y/z",
    "/esc/%2F",
    "/esc/%2fabc",
    "/esc/%2Fabc",
    "/esc/%2g",
    "/a//b",
    "//api/x",
    "/api//x",
    "/a//../b",
    "/a/.//b",
    "/x\\..\\api\\a",
    "/\\..\\api/x",
    "/api\\x",
    "/x%5C..%5Capi",
    "/x%5c../api",
    "/static/..;/api/core",
    "/static/.;/api/core",
    "/a/..;x/api",
    "/a/..;..;/api/x",
    "/api/x/..;",
    "/a/%2e%2e;/api",
    "/a/.%2e;/api",
    "/a/..%3b/api",
    "/a/...;/api",
    "/a..;/api",
    "/a/;/api",
    "/api;x/y",
    "/api/x;y",
    "/café/x",
    "/caf%C3%A9/x",
    "/caf%c3%a9/x",
    "/cafe/x",
    "/dot/cafe",
    "/dot/café",
    "/dot/caf%C3%A9",
    "/dot/caf.",
    "/u/abc",
    "/u/ABC",
    "/u/é",
    "/u/%C3%A9",
    "/u/a1",
    "/u/%41",
    "/hangul/한글",
    "/hangul/%ED%95%9C",
    "/hangul/abc",
    "/not-hangul/한",
    "/not-hangul/abc",
    "/a%00b",
    "/api/%00",
    "/%00",
    "/a%zzb",
    "/a%",
    "/a%2",
    "/a%%30%30b",
    "/%%34%31pi/x",
    "/%4%31",
    "/%41%",
    "/a b",
    "/a|b",
    "/a^b",
    "/a{b}",
    "/a`b",
    "/a\"b",
    "/a<b>",
    "/api/{x}",
    "/api/\"q\"",
    "/api/x?y=1",
    "/api/x?y=/../z",
    "/?x",
    "/healthz?probe=1",
    "/healthz#frag",
    "/api/x#/../y",
    "/x?%00",
    "/api?x",
    "/apix",
    "/ap",
    "/api",
    "/api/",
    "/API/",
    "/Api/x",
    "/API/v2/x",
    "/api/V2/x",
    "/api/v2",
    "/Api/V2/",
    "/Exact/Case",
    "/exact/case",
    "/EXACT/CASE",
    "/Exact/Case/",
    "/exact/cas",
    "/trailing",
    "/trailing/",
    "/trailing//",
    "/api/v1/users/u1",
    "/api/v12/groups/g",
    "/api/v/users/x",
    "/api/v1/users/",
    "/api/v1/users/x/y",
    "/api/v1/roles/x",
    "/API/v1/users/x",
    "/files/a.png",
    "/files/x/y.jpeg",
    "/files/a.jpg",
    "/files/a.gif",
    "/files/.png",
    "/files/a.PNG",
    "/n/12",
    "/n/1234",
    "/n/1",
    "/n/12345",
    "/n/١٢",
    "/mixed/abc",
    "/MIXED/ABC",
    "/Mixed/x1",
    "/mixed/",
    "/w/ab-!",
    "/w/ab-a",
    "/W/ab-!",
    "/w/_-%25",
    "/class/abc1",
    "/class/abcd",
    "/class/A-",
    "/q/.*",
    "/q/ab",
    "/q/.",
    "/static",
    "/static/",
    "/staticx",
    "/Static/x",
    "/a.b/x",
    "/a%2eb/x",
    "/aXb/x",
    "/v1",
    "/v1/deep/x",
    "/v10",
    "/sse/",
    "/sse",
    "/sse/x",
    "/SSE/x",
    "/edge/x",
    "/api/special/y",
    "/regex-edge/x",
    "/regex-edge/",
    "/p/x",
    "/p",
    "/never/x",
    "/api/workflow/execute/based_id/stream",
    "/api/workflow/execute/based_id/stream/",
    "/API/workflow/execute/based_id/stream",
    "/model/x",
    "/mcp/x",
    "/documents/x",
    "/ws",
    "/socket.io/x",
];

/// A hit and a near miss for each regex the projects route by. A regex
/// missing here fails the test, so new regexes bring their samples.
const REGEX_SAMPLES: &[(&str, &[&str])] = &[
    ("^/api/v[0-9]+/(users|groups)/[^/]+$", &["/api/v3/groups/g", "/api/v3/groups/g/"]),
    ("/u/\\pL+", &["/u/xY", "/u/x1"]),
    ("/hangul/\\p{Hangul}+", &["/hangul/%ED%95%9C", "/hangul/"]),
    ("/not-hangul/\\P{Hangul}+", &["/not-hangul/abc", "/not-hangul/"]),
    ("/files/.*\\.(png|jpe?g)", &["/files/x.jpg", "/files/x.jpgx"]),
    ("/n/\\d{2,4}", &["/n/123", "/n/12345"]),
    ("(?i)/mixed/[a-z]+", &["/MiXeD/Q", "/mixed/1"]),
    ("/w/\\w+-\\W", &["/w/a_b-~", "/w/a-b"]),
    ("/esc/%2[Ff].*", &["/esc/%2f", "/esc/%3f"]),
    ("/dot/caf.", &["/dot/caf!", "/dot/caf"]),
    ("/class/[[:alpha:]]+[^a-z]", &["/class/ab1", "/class/ab"]),
    ("/q/\\Q.*\\E", &["/q/.*", "/q/x*"]),
    ("/regex-edge/.+", &["/regex-edge/x", "/regex-edge/"]),
    (".*", &["/anything/at/all"]),
];

/// Paths made from one route: for a prefix, itself, one character more and
/// one less; for an exact path, itself and with `/`; for a regex, its samples.
fn generated(route: &EnvoyRoute) -> Vec<String> {
    let m = &route.matcher;
    if let Some(p) = m["prefix"].as_str() {
        let mut out = vec![p.to_owned(), format!("{p}x")];
        let mut shorter = p.to_owned();
        shorter.pop();
        if !shorter.is_empty() {
            out.push(shorter);
        }
        out
    } else if let Some(e) = m["path"].as_str() {
        vec![e.to_owned(), format!("{e}/")]
    } else {
        let regex = m["safe_regex"]["regex"].as_str().unwrap();
        let samples = REGEX_SAMPLES
            .iter()
            .find(|(r, _)| *r == regex)
            .unwrap_or_else(|| panic!("add a hit and a near miss for the regex {regex:?} to REGEX_SAMPLES"));
        samples.1.iter().map(|s| s.to_string()).collect()
    }
}

/// The hosts to try in an environment: each virtual host's domain and
/// variants of it (case, port, a trailing dot, one label more, the bare
/// suffix of a wildcard), and hosts no Gateway names.
fn host_variants(vhosts: &[(String, Vec<EnvoyRoute>)]) -> Vec<String> {
    let mut out = vec!["unknown.example.test".to_owned(), "localhost:8080".to_owned()];
    for (domain, _) in vhosts {
        if domain == "*" {
            out.push("anything.example.test".into());
            continue;
        }
        if let Some(suffix) = domain.strip_prefix('*') {
            out.extend([
                format!("a{suffix}"),
                format!("A.B{}", suffix.to_ascii_uppercase()),
                format!("x{suffix}:8443"),
                suffix.to_owned(),
                suffix.trim_start_matches('.').to_owned(),
            ]);
            continue;
        }
        out.extend([
            domain.clone(),
            domain.to_ascii_uppercase(),
            format!("{domain}:80"),
            format!("{domain}:8080"),
            format!("{domain}."),
            format!("x.{domain}"),
        ]);
    }
    out.dedup();
    out
}

/// The URLs asked in one environment.
fn urls(vhosts: &[(String, Vec<EnvoyRoute>)]) -> Vec<String> {
    let main = vhosts
        .iter()
        .map(|(d, _)| d.as_str())
        .find(|d| !d.contains('*'))
        .map(|d| d.to_owned())
        .or_else(|| vhosts.first().map(|(d, _)| d.replace('*', "w")))
        .unwrap_or_else(|| "nothing.example.test".into());
    let long_a = format!("/api/{}", "a".repeat(2000));
    let long_segments = format!("/{}", "x/".repeat(300));
    let mut out: Vec<String> = PATHS.iter().map(|p| format!("http://{main}{p}")).collect();
    out.push(format!("http://{main}{long_a}"));
    out.push(format!("http://{main}{long_segments}"));
    // A request head of exactly 60 KiB, and one byte more (431): the
    // request line, `Host: <main>` and the line ends take 25 bytes besides.
    let room = 60 * 1024 - 25 - main.len();
    out.push(format!("http://{main}/{}", "a".repeat(room - 1)));
    out.push(format!("http://{main}/{}", "a".repeat(room)));
    for host in host_variants(vhosts) {
        for p in ["/", "/api/x", "/p/x", "/healthz", "/%2e%2e/api/x"] {
            out.push(format!("http://{host}{p}"));
        }
    }
    for (domain, routes) in vhosts {
        let host = if domain.contains('*') { domain.replace('*', "gen") } else { domain.clone() };
        for route in routes {
            for p in generated(route) {
                out.push(format!("http://{host}{p}"));
            }
        }
    }
    out
}

/// `xgen-studio simulate` over the project's inputs, all URLs at once.
fn simulate(project: &Project, env: &str, urls: &[String]) -> Vec<Json> {
    let dir = temp_dir(&format!("inputs-{}", project.name.replace('/', "-")));
    let mut args: Vec<String> = Vec::new();
    for (name, bytes) in &project.inputs {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, bytes).unwrap();
        args.push(path.display().to_string());
    }
    let out = Command::new(env!("CARGO_BIN_EXE_xgen-studio"))
        .arg("simulate")
        .args(&args)
        .args(["--env", env, "--format", "json"])
        .args(urls)
        .output()
        .unwrap();
    assert!(out.status.success(), "simulate: {}", String::from_utf8_lossy(&out.stderr));
    std::fs::remove_dir_all(&dir).ok();
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The destination `host:port` of each rule, from the rendered VirtualServices.
fn destinations(services: &[Value]) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for vs in services {
        let name = vs["metadata"]["name"].as_str().unwrap();
        for (i, http) in vs["spec"]["http"].as_sequence().into_iter().flatten().enumerate() {
            let d = &http["route"][0]["destination"];
            let port = d["port"]["number"].as_u64().map_or("?".into(), |p| p.to_string());
            out.insert(format!("{name}#{i}"), format!("{}:{port}", d["host"].as_str().unwrap_or_default()));
        }
    }
    out
}

/// What one side says: `400`, `404`, or the route name and destination.
fn envoy_says(status: u16, body: &str, destinations: &BTreeMap<String, String>) -> String {
    match status {
        200 => format!("{body} -> {}", destinations.get(body).map_or("?", String::as_str)),
        s => s.to_string(),
    }
}

fn studio_says(sim: &Json) -> String {
    match sim["status"].as_u64() {
        Some(200 | 503) => {
            let d = &sim["destination"];
            let port = d["port"].as_u64().map_or("?".into(), |p| p.to_string());
            format!(
                "{}#{} -> {}:{port}",
                sim["virtual_service"].as_str().unwrap_or("?"),
                sim["rule_index"].as_u64().map_or("?".into(), |i| i.to_string()),
                d["host"].as_str().unwrap_or("?")
            )
        }
        Some(s) => s.to_string(),
        None => "no status".into(),
    }
}

#[test]
fn the_simulator_answers_as_envoy_does() {
    struct Case {
        project: usize,
        env: String,
        port: u16,
        urls: Vec<String>,
        destinations: BTreeMap<String, String>,
        /// The VirtualServices the cluster refuses, and a URL on a host of each.
        refused: Vec<(String, String)>,
    }
    let projects = projects();
    let mut listeners = Vec::new();
    let mut cases = Vec::new();
    for (pi, project) in projects.iter().enumerate() {
        let state = load(project);
        let rendered = render(&state);
        let files = rendered.files().unwrap();
        for env in &rendered.envs {
            let label = env.label.as_ref().unwrap_or_else(|| panic!("{}: {} is not a path", project.name, env.name));
            let prefix = format!("rendered/{}/", label.as_str());
            let gateways = docs(files, &prefix, "Gateway");
            let (refused, services): (Vec<Value>, Vec<Value>) =
                docs(files, &prefix, "VirtualService").into_iter().partition(cluster_refuses);
            let vhosts = virtual_hosts(&gateways, &services);
            let refused: Vec<(String, String)> = refused
                .iter()
                .map(|vs| {
                    let host = hosts(&vs["spec"]["hosts"]).first().map_or("x".into(), |h| h.replace('*', "x"));
                    (vs["metadata"]["name"].as_str().unwrap().to_owned(), format!("http://{host}/refused/x"))
                })
                .collect();
            let port = free_port();
            listeners.push(listener(&format!("{}-{}", pi, env.name), port, route_config(&vhosts)));
            cases.push(Case {
                project: pi,
                env: env.name.clone(),
                port,
                urls: urls(&vhosts),
                destinations: destinations(&services),
                refused,
            });
        }
    }
    let ports: Vec<u16> = cases.iter().map(|c| c.port).collect();
    let _envoy = start_envoy(&bootstrap(listeners), &ports);
    let mut report = Vec::new();
    let mut disagreements = Vec::new();
    let mut refused_seen: Vec<String> = Vec::new();
    for case in &cases {
        let project = &projects[case.project];
        let sims = simulate(project, &case.env, &case.urls);
        assert_eq!(sims.len(), case.urls.len());
        for (url, sim) in case.urls.iter().zip(&sims) {
            let (host, target) = as_sent(url);
            let (status, body) = ask(case.port, &host, &target);
            let envoy = envoy_says(status, &body, &case.destinations);
            let studio = studio_says(sim);
            if envoy != studio {
                disagreements.push(format!("{} [{}] {url}: envoy {envoy}, studio {studio}", project.name, case.env));
            }
        }
        report.push(format!("{} [{}]: {} URLs", project.name, case.env, case.urls.len()));
        // The studio says why a refused VirtualService does not route.
        for (name, url) in &case.refused {
            let sim = &simulate(project, &case.env, std::slice::from_ref(url))[0];
            let says = sim["reasons"].as_array().into_iter().flatten().filter_map(Json::as_str).any(|r| {
                r.contains(&format!("/{name}`"))
                    && (r.contains("refused by Istio's validation")
                        || r.contains("Envoy refuses the gateway's route configuration"))
            });
            if !says {
                disagreements
                    .push(format!("{} [{}] {url}: the studio does not say {name} is refused", project.name, case.env));
            }
            refused_seen.push(name.clone());
        }
    }
    let total: usize = cases.iter().map(|c| c.urls.len()).sum();
    println!("{}\n{total} URLs compared, {} disagreements", report.join("\n"), disagreements.len());
    assert!(total >= 150 * cases.len(), "at least 150 URLs per environment");
    println!("refused VirtualServices left out of Envoy's configuration: {}", refused_seen.join(", "));
    for want in ["refused-istio-vs", "refused-envoy-vs"] {
        assert!(refused_seen.iter().any(|n| n == want), "the routing fixture's {want} must be refused");
    }
    assert!(
        disagreements.is_empty(),
        "{} of {total} URLs disagree:\n{}",
        disagreements.len(),
        disagreements.join("\n")
    );
}

/// Patterns on both sides of RE2's rules; Envoy judges each (`--mode
/// validate`), and the studio's RE2 parser must judge alike.
const REGEX_CORPUS: &[&str] = &[
    "/a",
    "(",
    ")",
    "a)",
    "[a",
    "[z-a]",
    "[a-z]",
    "[]a]",
    "[^]a]",
    "[]",
    "[a-]",
    "[-a]",
    "[\\d-z]",
    "[a-\\d]",
    "[\\pL-z]",
    "[[:alpha:]]",
    "[[:^alpha:]]",
    "[[:foo:]]",
    "[[:alpha]",
    "\\pL",
    "\\pN",
    "\\PL",
    "\\p{L}",
    "\\p{Lu}",
    "\\p{Letter}",
    "\\p{Greek}",
    "\\p{greek}",
    "\\p{^Greek}",
    "\\P{^Greek}",
    "\\p{Hangul}",
    "\\p{Kawi}",
    "\\p{Any}",
    "\\p{Foo}",
    "\\p",
    "\\pé",
    "\\d\\s\\w\\D\\S\\W",
    "\\b\\B\\A\\z",
    "\\Z",
    "\\C",
    "\\Q.*\\E",
    "\\Q",
    "\\Qab",
    "\\1",
    "\\8",
    "\\0",
    "\\012",
    "\\x41",
    "\\x{41}",
    "\\x{110000}",
    "\\xg0",
    "\\x",
    "\\q",
    "\\_",
    "\\-",
    "\\ ",
    "\\é",
    "\\a\\f\\t\\n\\r\\v",
    "a\\",
    "*a",
    "(*)",
    "a|*",
    "^*",
    "$*",
    "\\b*",
    "a**",
    "a*?",
    "a*??",
    "a+?",
    "a??",
    "a{2}",
    "a{2,}",
    "a{2,3}",
    "a{,3}",
    "a{3,2}",
    "a{01}",
    "a{1000}",
    "a{1001}",
    "a{2}{3}",
    "a{2}*",
    "(a{10}){100}",
    "(a{10}){101}",
    "((a{2}){2}){250}",
    "a{",
    "a{x}",
    "(?i)a",
    "(?i)",
    "(?-i)a",
    "(?i-s)a",
    "(?i-)a",
    "(?-)a",
    "(?x)a",
    "(?U)a",
    "(?m)^a$",
    "(?s).",
    "(?i:a)",
    "(?:a)",
    "(?P<n>a)",
    "(?<n>a)",
    "(?'n'a)",
    "(?P<>a)",
    "(?P<a-b>a)",
    "(?P<이름>a)",
    "(?P<a>x)(?P<a>y)",
    "(?P<n",
    "(?=a)",
    "(?!a)",
    "(?<=a)",
    "(?<!a)",
    "(?#c)",
    "a|",
    "|",
    "()",
    "(|)",
    "[\\b]",
    "[\\p{Hangul}a]",
    "é+",
    "(?i)\u{212a}",
    "\\x{ff}",
    "\\x{100}",
    "[\\x{100}-\\x{200}]",
    "\\377",
    "\\400",
    "(?P<ê>a)",
    "(?P<é>a)",
    "[^\\x00-\\xff]",
    "/(.*){999}(.*){999}(.*){999}(.*){999}",
    "/(.*){999}(.*){999}(.*){999}(.*){999}(.*){999}(.*){999}(.*){999}(.*){999}(.*){999}",
];

/// Whether the studio says Envoy (under istiod's runtime) takes `pattern`:
/// RE2 parses it and its program has at most 32768 instructions.
fn studio_envoy_takes(pattern: &str) -> bool {
    use xgen_core::routing::re2::{self, prog::Program};
    re2::translate(pattern).is_ok_and(|t| matches!(t.program, Program::Size(n) if n <= re2::ISTIO_PROGRAM_SIZE_LIMIT))
}

#[test]
fn the_regexes_envoy_takes_are_the_ones_the_studio_takes() {
    let mut disagree = Vec::new();
    for (i, pattern) in REGEX_CORPUS.iter().enumerate() {
        let envoy = validate(&regex_config(pattern, Some(32768)), &format!("corpus-{i}"));
        let studio_takes = studio_envoy_takes(pattern);
        if envoy.is_ok() != studio_takes {
            disagree.push(format!("{pattern:?}: envoy {envoy:?}, studio {studio_takes}"));
        }
    }
    println!("{} regexes judged, {} disagreements", REGEX_CORPUS.len(), disagree.len());
    assert!(disagree.is_empty(), "{}", disagree.join("\n"));
}

/// Patterns whose RE2 program size Envoy reports, to compare instruction
/// for instruction: literals, classes, Unicode groups, folding, repetition
/// (counted, nested, coalesced), alternations Envoy's parser factors,
/// anchors, captures, and what Latin-1 changes.
const PROGRAM_CORPUS: &[&str] = &[
    "a",
    "/a",
    "abc",
    "a{2}",
    "a{2,5}",
    "a{0,3}",
    "a{3,}",
    "a{1000}",
    "(a){2,5}",
    "(?:ab){0,3}",
    "(a?)*",
    "(a*)*",
    "(?:a*)*",
    "(?:a+)?",
    "a**?",
    "a*a",
    "a+a+",
    "a*a{3}b",
    "a{2}aab",
    ".",
    "(?s).",
    ".*",
    "(?s).*",
    ".*$",
    "(?s).*$",
    "a.*",
    "[^/]",
    "[^a]",
    "[a-z]",
    "[a-z]{10}",
    "[a-zA-Z0-9_]+",
    "[[:alpha:]]+[^a-z]",
    "\\d{2,4}",
    "\\w+-\\W",
    "\\s*",
    "\\pL",
    "\\PL",
    "\\p{Lu}",
    "\\p{Ll}+",
    "\\pN",
    "\\p{Greek}",
    "\\P{Greek}",
    "\\p{Latin}",
    "\\p{Common}",
    "\\p{So}",
    "\\p{Any}",
    "(?i)\\p{Lu}",
    "(?i)\\P{Ll}",
    "(?i)k",
    "(?i)abc",
    "(?i)[a-z]+",
    "(?i)[k-s]{3}",
    "(?i)/mixed/[a-z]+",
    "(?i)é",
    "é",
    "[é]",
    "ÿ",
    "\\xff",
    "[\\x80-\\xff]",
    "[^\\x00-\\xff]",
    "\\C",
    "\\C*",
    "[\\x00-\\xff]*",
    "a|b",
    "ab|ac",
    "abc|abd|aef|bcx|bcy",
    "(abc|abd|aef|bcx|bcy)",
    "a|b|c|d",
    "[ab]|c",
    "(?s).|a",
    "a|(?s).",
    "x*|y*",
    "(?:a|b)c|(?:a|b)d",
    "^abc$",
    "^a(b|c)d$",
    "^/api/v[0-9]+/(users|groups)/[^/]+$",
    "^",
    "$",
    "^$",
    "\\bfoo\\b",
    "(?m)^a$",
    "\\Aa\\z",
    "(?U)a*",
    "(?U)a*?",
    "((a))",
    "(?P<n>a)",
    "(?:)",
    "()",
    "a|",
    "|",
    "(|)",
    "a{0}",
    "x{0}y",
    "/files/.*\\.(png|jpe?g)",
    "/esc/%2[Ff].*",
    "/q/\\Q.*\\E",
    "/regex-edge/.+",
    "/api/(v1|v2|v3)/.*",
    ".*a.*",
    "((a{2}){3}){4}",
    "(?:(?:a|b){2}c){3}",
    "(.*){10}",
    "(?:[a-z]+/){5}",
    "(?i)(?:ab|AB|aB)+",
    "\\b*",
    "(?:^)*",
    "(?:^$)+",
    "[[:^digit:]]{2}",
    "\\Q*+\\E",
    "[]a]",
    "[a-]",
];

/// The program size Envoy reports for `pattern`: its runtime limit set to
/// 0, Envoy refuses every regex and names its size.
fn envoy_program_size(pattern: &str, name: &str) -> Result<usize, String> {
    let why = validate(&regex_config(pattern, Some(0)), name).expect_err("level 0 refuses every regex");
    let size = why.split("RE2 program size of ").nth(1).and_then(|t| t.split_whitespace().next());
    size.and_then(|n| n.parse().ok()).ok_or(why)
}

#[test]
fn the_program_size_is_envoys() {
    let mut disagree = Vec::new();
    let mut sizes = Vec::new();
    for (i, pattern) in PROGRAM_CORPUS.iter().enumerate() {
        let envoy = envoy_program_size(pattern, &format!("size-{i}"));
        let studio = xgen_core::routing::re2::program_size(pattern);
        if envoy.as_ref().ok() != studio.as_ref() {
            disagree.push(format!("{pattern:?}: envoy {envoy:?}, studio {studio:?}"));
        }
        sizes.push(format!("{pattern}={}", studio.map_or("-".into(), |n| n.to_string())));
    }
    // Every Unicode group RE2 knows, and each holding a Latin-1 character
    // negated and folded: the groups' Latin-1 members are the studio's table.
    let groups: Vec<String> = GROUPS.iter().map(|g| format!("\\p{{{g}}}")).collect();
    let latin1: Vec<String> =
        GROUPS_WITH_LATIN1.iter().flat_map(|g| [format!("\\P{{{g}}}"), format!("(?i)\\p{{{g}}}")]).collect();
    for (i, pattern) in groups.iter().chain(&latin1).enumerate() {
        let envoy = envoy_program_size(pattern, &format!("group-{i}"));
        let studio = xgen_core::routing::re2::program_size(pattern);
        if envoy.as_ref().ok() != studio.as_ref() {
            disagree.push(format!("{pattern:?}: envoy {envoy:?}, studio {studio:?}"));
        }
    }
    println!("program sizes: {}", sizes.join("  "));
    let total = PROGRAM_CORPUS.len() + groups.len() + latin1.len();
    println!("{total} program sizes compared, {} disagreements", disagree.len());
    assert!(disagree.is_empty(), "{}", disagree.join("\n"));
}

/// `x` repeated `k` times, in runs of at most 1000 (RE2 refuses more
/// copies of one thing under one repetition).
fn copies(x: &str, k: u32) -> String {
    let mut out = "/".to_owned();
    for _ in 0..k / 1000 {
        out.push_str(&format!("(?:{x}){{1000}}"));
    }
    if !k.is_multiple_of(1000) {
        out.push_str(&format!("(?:{x}){{{}}}", k % 1000));
    }
    out
}

/// For each family of patterns and each limit (Envoy's default 100, and
/// istiod's 32768), the largest count the studio takes and the next one:
/// Envoy must take the first and refuse the second.
#[test]
fn the_program_size_limit_falls_where_envoys_does() {
    use xgen_core::routing::re2::program_size;
    let families = ["a", "(.*)", "[a-z]", "ab|cd|ef", "(a{2}){2}", "\\pL", "(?i)[k-s]", "\\P{Lu}", "(?:x|y)*z"];
    let mut disagree = Vec::new();
    let mut report = Vec::new();
    for (limit, level) in [(100usize, None), (32768usize, Some(32768u32))] {
        for x in families {
            let size = |k: u32| program_size(&copies(x, k)).unwrap_or(usize::MAX);
            let (mut lo, mut hi) = (0u32, 1u32);
            while size(hi) <= limit {
                lo = hi;
                hi *= 2;
            }
            while hi - lo > 1 {
                let mid = (lo + hi) / 2;
                if size(mid) <= limit {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            let (taken, refused) = (copies(x, lo), copies(x, lo + 1));
            assert!(taken.len() <= 1024, "{taken}: Istio's length limit would decide first");
            report.push(format!("{x} x{lo}: {} <= {limit} < {}", size(lo), size(lo + 1)));
            let name = format!("straddle-{limit}-{}", x.len());
            if let Err(e) = validate(&regex_config(&taken, level), &name) {
                disagree.push(format!("{taken:?} ({} instructions): envoy refuses it: {e}", size(lo)));
            }
            if validate(&regex_config(&refused, level), &name).is_ok() {
                disagree.push(format!("{refused:?} ({} instructions): envoy takes it", size(lo + 1)));
            }
        }
    }
    println!("{}", report.join("\n"));
    assert!(disagree.is_empty(), "{}", disagree.join("\n"));
}

/// Every group name of re2/unicode_groups.cc.
const GROUPS: &[&str] = &[
    "Adlam",
    "Ahom",
    "Anatolian_Hieroglyphs",
    "Arabic",
    "Armenian",
    "Avestan",
    "Balinese",
    "Bamum",
    "Bassa_Vah",
    "Batak",
    "Bengali",
    "Bhaiksuki",
    "Bopomofo",
    "Brahmi",
    "Braille",
    "Buginese",
    "Buhid",
    "C",
    "Canadian_Aboriginal",
    "Carian",
    "Caucasian_Albanian",
    "Cc",
    "Cf",
    "Chakma",
    "Cham",
    "Cherokee",
    "Chorasmian",
    "Co",
    "Common",
    "Coptic",
    "Cs",
    "Cuneiform",
    "Cypriot",
    "Cypro_Minoan",
    "Cyrillic",
    "Deseret",
    "Devanagari",
    "Dives_Akuru",
    "Dogra",
    "Duployan",
    "Egyptian_Hieroglyphs",
    "Elbasan",
    "Elymaic",
    "Ethiopic",
    "Georgian",
    "Glagolitic",
    "Gothic",
    "Grantha",
    "Greek",
    "Gujarati",
    "Gunjala_Gondi",
    "Gurmukhi",
    "Han",
    "Hangul",
    "Hanifi_Rohingya",
    "Hanunoo",
    "Hatran",
    "Hebrew",
    "Hiragana",
    "Imperial_Aramaic",
    "Inherited",
    "Inscriptional_Pahlavi",
    "Inscriptional_Parthian",
    "Javanese",
    "Kaithi",
    "Kannada",
    "Katakana",
    "Kawi",
    "Kayah_Li",
    "Kharoshthi",
    "Khitan_Small_Script",
    "Khmer",
    "Khojki",
    "Khudawadi",
    "L",
    "Lao",
    "Latin",
    "Lepcha",
    "Limbu",
    "Linear_A",
    "Linear_B",
    "Lisu",
    "Ll",
    "Lm",
    "Lo",
    "Lt",
    "Lu",
    "Lycian",
    "Lydian",
    "M",
    "Mahajani",
    "Makasar",
    "Malayalam",
    "Mandaic",
    "Manichaean",
    "Marchen",
    "Masaram_Gondi",
    "Mc",
    "Me",
    "Medefaidrin",
    "Meetei_Mayek",
    "Mende_Kikakui",
    "Meroitic_Cursive",
    "Meroitic_Hieroglyphs",
    "Miao",
    "Mn",
    "Modi",
    "Mongolian",
    "Mro",
    "Multani",
    "Myanmar",
    "N",
    "Nabataean",
    "Nag_Mundari",
    "Nandinagari",
    "Nd",
    "New_Tai_Lue",
    "Newa",
    "Nko",
    "Nl",
    "No",
    "Nushu",
    "Nyiakeng_Puachue_Hmong",
    "Ogham",
    "Ol_Chiki",
    "Old_Hungarian",
    "Old_Italic",
    "Old_North_Arabian",
    "Old_Permic",
    "Old_Persian",
    "Old_Sogdian",
    "Old_South_Arabian",
    "Old_Turkic",
    "Old_Uyghur",
    "Oriya",
    "Osage",
    "Osmanya",
    "P",
    "Pahawh_Hmong",
    "Palmyrene",
    "Pau_Cin_Hau",
    "Pc",
    "Pd",
    "Pe",
    "Pf",
    "Phags_Pa",
    "Phoenician",
    "Pi",
    "Po",
    "Ps",
    "Psalter_Pahlavi",
    "Rejang",
    "Runic",
    "S",
    "Samaritan",
    "Saurashtra",
    "Sc",
    "Sharada",
    "Shavian",
    "Siddham",
    "SignWriting",
    "Sinhala",
    "Sk",
    "Sm",
    "So",
    "Sogdian",
    "Sora_Sompeng",
    "Soyombo",
    "Sundanese",
    "Syloti_Nagri",
    "Syriac",
    "Tagalog",
    "Tagbanwa",
    "Tai_Le",
    "Tai_Tham",
    "Tai_Viet",
    "Takri",
    "Tamil",
    "Tangsa",
    "Tangut",
    "Telugu",
    "Thaana",
    "Thai",
    "Tibetan",
    "Tifinagh",
    "Tirhuta",
    "Toto",
    "Ugaritic",
    "Vai",
    "Vithkuqi",
    "Wancho",
    "Warang_Citi",
    "Yezidi",
    "Yi",
    "Z",
    "Zanabazar_Square",
    "Zl",
    "Zp",
    "Zs",
];

/// The groups that hold a Latin-1 character.
const GROUPS_WITH_LATIN1: &[&str] = &[
    "C", "Cc", "Cf", "Common", "L", "Latin", "Ll", "Lo", "Lu", "N", "Nd", "No", "P", "Pc", "Pd", "Pe", "Pf", "Pi",
    "Po", "Ps", "S", "Sc", "Sk", "Sm", "So", "Z", "Zs",
];
