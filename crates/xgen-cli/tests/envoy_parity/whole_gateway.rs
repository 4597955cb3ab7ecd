//! The whole gateway against a real Envoy (issue 20, docs/routing.md, "The
//! whole gateway"): the chart's objects of the example's `dev` and a dump
//! of the cluster's other Istio objects (tests/fixtures/cluster), merged
//! and translated here as istiod does, apart from the studio's code:
//!
//! - Gateways whose `selector` is within the ingress gateway's labels
//!   (`istio: ingressgateway`), port-80 servers, `ns/host` server hosts
//!   (`host.NamesForNamespace`), `gateways:` resolved as
//!   `resolveGatewayName` (pilot/pkg/model/config.go);
//! - objects in creation order (`configCompareByCreationTime`): the chart's
//!   first by name, then the dump's by `creationTimestamp`, name, namespace;
//! - `BuildHTTPRoutesForVirtualService` and `TranslateRouteMatch`
//!   (route.go): one route per match entry, headers sorted by name then
//!   `:method`, `:authority`, `:scheme`; `withoutHeaders` inverted and
//!   missing-as-empty; query parameters; catch-alls (no header or query
//!   condition) last; `delegate` merged (`mergeHTTPMatchRequest`);
//! - actions: `ApplyRedirect`, `ApplyDirectResponse`, and
//!   `applyHTTPRouteDestination` (weighted clusters, 0 weights dropped,
//!   `prefix_rewrite`, `host_rewrite_literal`); a subset no DestinationRule
//!   defines names no cluster (`validate_clusters: false`, as istiod).
//!
//! Routes to a destination reach a small echo server, through a cluster
//! per destination that adds a header naming it: the echo answers with
//! that name and the path and `Host` Envoy forwarded.

use super::*;

const ENV: &str = "dev";
const DUMP: &str = "tests/fixtures/cluster/example-dev.yaml";

/// An object with its place in istiod's order.
#[derive(Clone)]
struct Obj {
    ns: String,
    name: String,
    v: Value,
    chart: bool,
}

fn meta(v: &Value, key: &str) -> Option<String> {
    v["metadata"][key].as_str().map(str::to_owned)
}

fn namespace(v: &Value) -> String {
    meta(v, "namespace").filter(|n| !n.is_empty()).unwrap_or_else(|| "default".into())
}

/// `resolveGatewayName`.
fn resolve(gw: &str, ns: &str) -> String {
    if let Some((a, b)) = gw.split_once('/') {
        return if a == "." { format!("{ns}/{b}") } else { gw.to_owned() };
    }
    match gw.split_once('.') {
        None => format!("{ns}/{gw}"),
        Some((name, rest)) => format!("{}/{name}", rest.split('.').next().unwrap()),
    }
}

/// istiod's order of the dump: creation time, name, namespace; objects
/// without a time after, in file order.
fn dump_objects() -> Vec<Obj> {
    let text = std::fs::read_to_string(common::repo_root().join(DUMP)).unwrap();
    let list: Value = serde_yaml::from_str(&text).unwrap();
    let mut out: Vec<(Option<String>, usize, Obj)> = Vec::new();
    for (i, item) in list["items"].as_sequence().unwrap().iter().enumerate() {
        if !item["apiVersion"].as_str().unwrap_or("").starts_with("networking.istio.io/") {
            continue;
        }
        let obj = Obj { ns: namespace(item), name: meta(item, "name").unwrap(), v: item.clone(), chart: false };
        out.push((meta(item, "creationTimestamp"), i, obj));
    }
    out.sort_by(|a, b| match (&a.0, &b.0) {
        (Some(x), Some(y)) => (x, &a.2.name, &a.2.ns).cmp(&(y, &b.2.name, &b.2.ns)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.1.cmp(&b.1),
    });
    out.into_iter().map(|(_, _, o)| o).collect()
}

/// The chart's Gateways and VirtualServices of `dev`, each in its
/// Application's namespace.
fn chart_objects(files: &[xgen_core::layout::BundleFile]) -> Vec<Obj> {
    let mut out = Vec::new();
    let prefix = format!("rendered/{ENV}/");
    for f in files.iter().filter(|f| f.path.starts_with(&prefix)) {
        let rest = &f.path[prefix.len()..];
        let Some((service, file)) = rest.split_once('/') else { continue };
        if file != "gateway.yaml" && file != "virtualservice.yaml" {
            continue;
        }
        let app = files.iter().find(|a| a.path == format!("{prefix}argocd/application-{service}-{ENV}.yaml")).unwrap();
        let app: Value = serde_yaml::from_str(&app.text).unwrap();
        let ns = app["spec"]["destination"]["namespace"].as_str().unwrap().to_owned();
        let v: Value = serde_yaml::from_str(&f.text).unwrap();
        out.push(Obj { ns, name: meta(&v, "name").unwrap(), v, chart: true });
    }
    out.sort_by(|a, b| (&a.name, &a.ns).cmp(&(&b.name, &b.ns)));
    out
}

fn kind(o: &Obj) -> &str {
    o.v["kind"].as_str().unwrap_or("")
}

fn string_matcher(m: &Value) -> Option<Json> {
    if let Some(e) = m["exact"].as_str() {
        Some(json!({"exact": e}))
    } else if let Some(p) = m["prefix"].as_str() {
        Some(json!({"prefix": p}))
    } else {
        m["regex"].as_str().filter(|r| *r != "*").map(|r| json!({"safe_regex": {"regex": r}}))
    }
}

/// `translateHeaderMatch` / `translateQueryParamMatch`.
fn condition(name: &str, m: &Value) -> Json {
    match string_matcher(m) {
        Some(s) => json!({"name": name, "string_match": s}),
        None => json!({"name": name, "present_match": true}),
    }
}

/// `TranslateRouteMatch` of one entry, and whether it is a catch-all.
fn translate(m: Option<&Value>) -> (Json, bool) {
    let Some(m) = m else { return (json!({"prefix": "/", "case_sensitive": true}), true) };
    let (mut out, uri_all) = match m.get("uri") {
        Some(u) if u["exact"].is_string() => (json!({"path": u["exact"]}), false),
        Some(u) if u["prefix"].is_string() => (json!({"prefix": u["prefix"]}), u["prefix"] == "/"),
        Some(u) if u["regex"].is_string() => (json!({"safe_regex": {"regex": u["regex"]}}), u["regex"] == ".*"),
        _ => (json!({"prefix": "/"}), true),
    };
    let mut headers: Vec<Json> = Vec::new();
    for (k, v) in m["headers"].as_mapping().into_iter().flatten() {
        headers.push(condition(k.as_str().unwrap(), v));
    }
    for (k, v) in m["withoutHeaders"].as_mapping().into_iter().flatten() {
        let mut c = condition(k.as_str().unwrap(), v);
        c["invert_match"] = json!(true);
        if c.get("present_match").is_none() {
            c["treat_missing_header_as_empty"] = json!(true);
        }
        headers.push(c);
    }
    headers.sort_by(|a, b| a["name"].as_str().cmp(&b["name"].as_str()));
    for (field, name) in [("method", ":method"), ("authority", ":authority"), ("scheme", ":scheme")] {
        if let Some(v) = m.get(field) {
            headers.push(condition(name, v));
        }
    }
    let query: Vec<Json> =
        m["queryParams"].as_mapping().into_iter().flatten().map(|(k, v)| condition(k.as_str().unwrap(), v)).collect();
    out["case_sensitive"] = json!(!m["ignoreUriCase"].as_bool().unwrap_or(false));
    let catch_all = uri_all && headers.is_empty() && query.is_empty();
    if !headers.is_empty() {
        out["headers"] = json!(headers);
    }
    if !query.is_empty() {
        out["query_parameters"] = json!(query);
    }
    (out, catch_all)
}

/// `mergeHTTPMatchRequest`: the child's entry over the parent's.
fn merge(root: &Value, child: &Value) -> Value {
    let mut out = child.clone();
    let map = out.as_mapping_mut().unwrap();
    for key in ["uri", "scheme", "method", "authority", "port", "ignoreUriCase"] {
        if !map.contains_key(key) {
            if let Some(v) = root.get(key) {
                map.insert(key.into(), v.clone());
            }
        }
    }
    for key in ["headers", "withoutHeaders", "queryParams"] {
        let mut merged = root.get(key).and_then(Value::as_mapping).cloned().unwrap_or_default();
        for (k, v) in child.get(key).and_then(Value::as_mapping).into_iter().flatten() {
            merged.insert(k.clone(), v.clone());
        }
        if !merged.is_empty() {
            map.insert(key.into(), Value::Mapping(merged));
        }
    }
    out
}

/// A child's entry conflicts when its uri prefix leaves the parent's.
fn conflict(root: &Value, child: &Value) -> bool {
    match (root["uri"]["prefix"].as_str(), child["uri"]["prefix"].as_str().or(child["uri"]["exact"].as_str())) {
        (Some(r), Some(c)) => !c.starts_with(r),
        _ => false,
    }
}

/// One Envoy route of the table: its name, match, action, catch-all.
#[derive(Clone, Debug)]
struct Rt {
    matcher: Json,
    action: (String, Json),
    catch_all: bool,
}

/// The test's own DestinationRule reading: is `subset` of `host` defined?
fn subset_defined(objects: &[Obj], host: &str, subset: &str) -> bool {
    let short = host.split('.').next().unwrap();
    objects.iter().filter(|o| kind(o) == "DestinationRule").any(|o| {
        let h = o.v["spec"]["host"].as_str().unwrap_or("");
        (h == host || h.split('.').next() == Some(short))
            && o.v["spec"]["subsets"].as_sequence().into_iter().flatten().any(|s| s["name"].as_str() == Some(subset))
    })
}

/// The action of an imported rule (`TranslateRoute`), and the clusters it needs.
fn action(objects: &[Obj], id: &str, http: &Value, parent: Option<&Value>, clusters: &mut Vec<String>) -> Json {
    let get = |k: &str| http.get(k).or_else(|| parent.and_then(|p| p.get(k)));
    if let Some(r) = http.get("redirect") {
        let mut out = json!({});
        if let Some(a) = r["authority"].as_str() {
            out["host_redirect"] = json!(a);
        }
        out["path_redirect"] = json!(r["uri"].as_str().unwrap_or(""));
        if let Some(s) = r["scheme"].as_str() {
            out["scheme_redirect"] = json!(s);
        }
        // derivePort FROM_REQUEST_PORT: the port the route table is for.
        let derived = (r["derivePort"].as_str() == Some("FROM_REQUEST_PORT")).then_some(80);
        if let Some(p) = r["port"].as_u64().or(derived) {
            // ApplyRedirect: no explicit :80 for http, :443 for https.
            let scheme = r["scheme"].as_str().unwrap_or("http");
            if !((p == 80 && scheme == "http") || (p == 443 && scheme == "https")) {
                out["port_redirect"] = json!(p);
            }
        }
        let code = match r["redirectCode"].as_u64().unwrap_or(301) {
            302 => "FOUND",
            303 => "SEE_OTHER",
            307 => "TEMPORARY_REDIRECT",
            308 => "PERMANENT_REDIRECT",
            _ => "MOVED_PERMANENTLY",
        };
        out["response_code"] = json!(code);
        return json!({"redirect": out});
    }
    if let Some(d) = get("directResponse") {
        let mut out = json!({"status": d["status"]});
        if let Some(b) = d["body"]["string"].as_str() {
            out["body"] = json!({"inline_string": b});
        }
        return json!({"direct_response": out});
    }
    let routes: Vec<&Value> = http["route"].as_sequence().into_iter().flatten().collect();
    let cluster = |i: usize, d: &Value, clusters: &mut Vec<String>| {
        let host = d["destination"]["host"].as_str().unwrap();
        match d["destination"]["subset"].as_str() {
            Some(s) if !subset_defined(objects, host, s) => format!("missing|{id}#{i}"),
            _ => {
                let name = format!("c|{id}#{i}");
                clusters.push(name.clone());
                name
            }
        }
    };
    let mut out = if routes.len() == 1 {
        json!({"cluster": cluster(0, routes[0], clusters)})
    } else {
        let weighted: Vec<Json> = routes
            .iter()
            .enumerate()
            .filter(|(_, d)| d["weight"].as_i64().unwrap_or(0) > 0)
            .map(|(i, d)| json!({"name": cluster(i, d, clusters), "weight": d["weight"]}))
            .collect();
        json!({"weighted_clusters": {"clusters": weighted}})
    };
    if let Some(rw) = get("rewrite") {
        if let Some(rr) = rw.get("uriRegexRewrite") {
            out["regex_rewrite"] = json!({"pattern": {"regex": rr["match"].as_str().unwrap()},
                "substitution": rr["rewrite"].as_str().unwrap()});
        } else if let Some(u) = rw["uri"].as_str() {
            out["prefix_rewrite"] = json!(u);
        }
        if let Some(a) = rw["authority"].as_str() {
            out["host_rewrite_literal"] = json!(a);
        }
    }
    json!({"route": out})
}

/// A rule as routed: its id (`ns/vs#rule`), the rule, its parent's rule
/// for a delegate, its match entries (None: no match).
type Expanded<'a> = (String, &'a Value, Option<&'a Value>, Vec<Option<Value>>);

/// `BuildHTTPRoutesForVirtualService` for port 80, delegates merged.
fn routes_of(objects: &[Obj], vs: &Obj, gateway: &str, clusters: &mut Vec<String>) -> Vec<Rt> {
    let mut out = Vec::new();
    let id = format!("{}/{}", vs.ns, vs.name);
    let rules: Vec<&Value> = vs.v["spec"]["http"].as_sequence().into_iter().flatten().collect();
    // (id of the rule, the rule, its parent, its entries)
    let mut expanded: Vec<Expanded> = Vec::new();
    for (i, http) in rules.iter().enumerate() {
        let own: Vec<Value> = http["match"].as_sequence().cloned().unwrap_or_default();
        if let Some(d) = http.get("delegate") {
            let ns = d["namespace"].as_str().unwrap_or(&vs.ns);
            let name = d["name"].as_str().unwrap();
            let Some(child) = objects.iter().find(|o| kind(o) == "VirtualService" && o.ns == ns && o.name == name)
            else {
                continue;
            };
            for (ci, c) in child.v["spec"]["http"].as_sequence().into_iter().flatten().enumerate() {
                let theirs: Vec<Value> = c["match"].as_sequence().cloned().unwrap_or_default();
                let entries: Vec<Value> = if own.is_empty() {
                    theirs
                } else if theirs.is_empty() {
                    own.clone()
                } else {
                    let merged: Vec<Value> = theirs
                        .iter()
                        .flat_map(|t| own.iter().filter(|o| !conflict(o, t)).map(|o| merge(o, t)))
                        .collect();
                    if merged.is_empty() {
                        continue;
                    }
                    merged
                };
                let entries = if entries.is_empty() { vec![None] } else { entries.into_iter().map(Some).collect() };
                expanded.push((format!("{ns}/{name}#{ci}"), c, Some(*http), entries));
            }
            continue;
        }
        let entries = if own.is_empty() { vec![None] } else { own.into_iter().map(Some).collect() };
        expanded.push((format!("{id}#{i}"), *http, None, entries));
    }
    for (rid, http, parent, entries) in expanded {
        let act = if vs.chart {
            json!({"direct_response": {"status": 200, "body": {"inline_string": format!("chart {rid}")}}})
        } else {
            action(objects, &rid, http, parent, clusters)
        };
        let whole_rule_catch_all = entries.iter().all(Option::is_none);
        for e in &entries {
            if e.as_ref().and_then(|e| e["port"].as_u64()).is_some_and(|p| p != 80) {
                continue;
            }
            // sourceMatchHTTP: an entry naming gateways is for those only.
            let named = e.as_ref().map(|e| hosts(&e["gateways"])).unwrap_or_default();
            if !named.is_empty() && !named.iter().any(|g| resolve(g, &vs.ns) == gateway) {
                continue;
            }
            let (matcher, catch_all) = translate(e.as_ref());
            out.push(Rt { matcher, action: (rid.clone(), act.clone()), catch_all });
            if catch_all {
                return out;
            }
        }
        if whole_rule_catch_all {
            return out;
        }
    }
    out
}

/// Every regex of a VirtualService's matches and regex rewrites.
fn regexes(v: &Value) -> Vec<String> {
    let mut out = Vec::new();
    for h in v["spec"]["http"].as_sequence().into_iter().flatten() {
        out.extend(h["rewrite"]["uriRegexRewrite"]["match"].as_str().map(str::to_owned));
    }
    for m in v["spec"]["http"]
        .as_sequence()
        .into_iter()
        .flatten()
        .flat_map(|h| h["match"].as_sequence().into_iter().flatten())
    {
        for f in ["uri", "method", "authority", "scheme"] {
            out.extend(m[f]["regex"].as_str().map(str::to_owned));
        }
        for f in ["headers", "withoutHeaders", "queryParams"] {
            for (_, s) in m[f].as_mapping().into_iter().flatten() {
                out.extend(s["regex"].as_str().filter(|r| *r != "*").map(str::to_owned));
            }
        }
    }
    out
}

/// Whether Istio's webhook or Envoy refuses one of its regexes.
fn refused(v: &Value) -> bool {
    regexes(v).iter().any(|r| istio_refuses(r) || validate(&regex_config(r, Some(32768)), "wg").is_err())
}

/// `buildGatewayHTTPRouteConfig`: the virtual hosts, and the clusters used.
/// The virtual hosts (domain, routes).
type VHosts = Vec<(String, Vec<Rt>)>;

fn table(objects: &[Obj]) -> (VHosts, Vec<String>, Vec<String>) {
    let labels = [("istio", "ingressgateway")];
    let mut gateways: Vec<&Obj> = Vec::new();
    for g in objects.iter().filter(|o| kind(o) == "Gateway") {
        let selected = g.v["spec"]["selector"].as_mapping().is_none_or(|sel| {
            sel.iter().all(|(k, v)| labels.iter().any(|(lk, lv)| k.as_str() == Some(lk) && v.as_str() == Some(lv)))
        });
        if selected && !gateways.iter().any(|x| x.ns == g.ns && x.name == g.name) {
            gateways.push(g);
        }
    }
    let (refused_vs, services): (Vec<&Obj>, Vec<&Obj>) = objects
        .iter()
        .filter(|o| kind(o) == "VirtualService" && o.v["spec"]["hosts"].as_sequence().is_some_and(|h| !h.is_empty()))
        .partition(|o| !o.chart && refused(&o.v));
    let mut clusters = Vec::new();
    let mut vhosts: Vec<(String, Vec<Rt>)> = Vec::new();
    for gw in gateways {
        let key = format!("{}/{}", gw.ns, gw.name);
        let bound: Vec<&&Obj> = services
            .iter()
            .filter(|vs| hosts(&vs.v["spec"]["gateways"]).iter().any(|g| resolve(g, &vs.ns) == key))
            .collect();
        for server in gw.v["spec"]["servers"].as_sequence().into_iter().flatten() {
            if server["port"]["number"].as_u64() != Some(80) {
                continue;
            }
            for vs in &bound {
                let server_hosts: Vec<String> = hosts(&server["hosts"])
                    .into_iter()
                    .filter_map(|h| match h.split_once('/') {
                        Some((ns, name)) => (ns == vs.ns || ns == "*").then(|| name.to_owned()),
                        None => Some(h),
                    })
                    .collect();
                let common = host_intersection(&server_hosts, &hosts(&vs.v["spec"]["hosts"]));
                let routes = routes_of(objects, vs, &key, &mut clusters);
                if common.is_empty() || routes.is_empty() {
                    continue;
                }
                append_routes(&mut vhosts, common, &routes);
            }
        }
    }
    catch_alls_last(&mut vhosts, |r| r.catch_all);
    clusters.sort();
    clusters.dedup();
    let refused_names = refused_vs.iter().map(|o| format!("{}/{}", o.ns, o.name)).collect();
    (vhosts, clusters, refused_names)
}

fn config(vhosts: &[(String, Vec<Rt>)], clusters: &[String], port: u16, echo: u16) -> Json {
    let virtual_hosts: Vec<Json> = vhosts
        .iter()
        .map(|(host, routes)| {
            let routes: Vec<Json> = routes
                .iter()
                .map(|r| {
                    let mut route = json!({"name": r.action.0, "match": r.matcher});
                    let (k, v) = r.action.1.as_object().unwrap().iter().next().unwrap();
                    route[k] = v.clone();
                    route
                })
                .collect();
            json!({"name": format!("{host}:80"), "domains": [host], "routes": routes})
        })
        .collect();
    let routes = json!({"name": "http.80", "ignore_port_in_host_matching": true, "validate_clusters": false,
        "virtual_hosts": virtual_hosts});
    let clusters: Vec<Json> = clusters
        .iter()
        .map(|name| {
            json!({"name": name, "type": "STATIC", "connect_timeout": "2s",
                "load_assignment": {"cluster_name": name, "endpoints": [{"lb_endpoints": [{"endpoint": {"address":
                    {"socket_address": {"address": "127.0.0.1", "port_value": echo}}}}]}]}})
        })
        .collect();
    let mut b = bootstrap(vec![listener("whole", port, routes)]);
    b["static_resources"]["clusters"] = json!(clusters);
    b
}

/// A tiny HTTP/1.1 echo: answers every request with the path, the `Host`
/// and the `x-parity-cluster` header Envoy sent, keeping connections open.
fn echo() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for conn in listener.incoming().flatten() {
            std::thread::spawn(move || {
                let mut conn = conn;
                let mut data = Vec::new();
                let mut buf = [0u8; 4096];
                loop {
                    while let Some(end) = data.windows(4).position(|w| w == b"\r\n\r\n") {
                        let head = String::from_utf8_lossy(&data[..end]).into_owned();
                        data.drain(..end + 4);
                        let mut lines = head.lines();
                        let target = lines.next().unwrap_or("").split(' ').nth(1).unwrap_or("").to_owned();
                        let (mut host, mut cluster) = (String::new(), String::new());
                        for l in lines {
                            if let Some((k, v)) = l.split_once(':') {
                                match k.trim().to_ascii_lowercase().as_str() {
                                    "host" => host = v.trim().to_owned(),
                                    "x-parity-cluster" => cluster = v.trim().to_owned(),
                                    _ => {}
                                }
                            }
                        }
                        let body = format!("c|{cluster}|{target}|{host}");
                        let answer = format!("HTTP/1.1 200 OK\r\ncontent-length: {}\r\n\r\n{body}", body.len());
                        if conn.write_all(answer.as_bytes()).is_err() {
                            return;
                        }
                    }
                    match conn.read(&mut buf) {
                        Ok(0) | Err(_) => return,
                        Ok(n) => data.extend_from_slice(&buf[..n]),
                    }
                }
            });
        }
    });
    port
}

/// Envoy's answer to a request with a method and headers: status,
/// `location` and body.
fn ask_with(port: u16, method: &str, host: &str, target: &[u8], headers: &[(String, String)]) -> (u16, String, String) {
    let mut req = format!("{method} ").into_bytes();
    req.extend_from_slice(target);
    req.extend_from_slice(format!(" HTTP/1.1\r\nHost: {host}\r\n").as_bytes());
    for (k, v) in headers {
        req.extend_from_slice(format!("{k}: {v}\r\n").as_bytes());
    }
    req.extend_from_slice(b"content-length: 0\r\n\r\n");
    let (status, head, body) = exchange(port, &req);
    let location = head
        .lines()
        .find_map(|l| l.split_once(':').filter(|(k, _)| k.eq_ignore_ascii_case("location")).map(|(_, v)| v.trim()))
        .unwrap_or("")
        .to_owned();
    (status, location, body)
}

/// What Envoy did, in the comparison's words.
fn envoy_token(status: u16, location: &str, body: &str) -> String {
    if let Some(chart) = body.strip_prefix("chart ") {
        return format!("chart {chart}");
    }
    if status == 200 {
        if let Some(rest) = body.strip_prefix("c|") {
            let mut parts = rest.splitn(3, '|');
            let (cluster, path, host) = (parts.next().unwrap(), parts.next().unwrap(), parts.next().unwrap());
            return format!("route {cluster} {path} {host}");
        }
    }
    if (300..400).contains(&status) {
        return format!("redirect {status} {location}");
    }
    if status == 503 || (status == 404 && body.is_empty()) || status == 400 {
        return status.to_string();
    }
    format!("direct {status} {body}")
}

/// What the studio says, in the same words; for a weighted route, the
/// token of each destination with a weight.
fn studio_tokens(objects: &[Obj], sim: &Json) -> Vec<String> {
    let status = sim["status"].as_u64().unwrap_or(0);
    let vs = format!(
        "{}/{}#{}",
        sim["virtual_service_namespace"].as_str().unwrap_or("?"),
        sim["virtual_service"].as_str().unwrap_or("?"),
        sim["rule_index"].as_u64().map_or("?".into(), |i| i.to_string())
    );
    if sim["virtual_service_source"] == "chart" {
        return vec![format!("chart {vs}")];
    }
    if let Some(r) = sim["redirect"].as_object() {
        return vec![format!("redirect {} {}", r["status"], r["location"].as_str().unwrap())];
    }
    if let Some(d) = sim["direct_response"].as_object() {
        return vec![format!("direct {} {}", d["status"], d["body"].as_str().unwrap_or(""))];
    }
    if sim["virtual_service"].is_null() {
        return vec![status.to_string()];
    }
    let up = &sim["upstream"];
    let (path, authority) = (up["path"].as_str().unwrap_or("?"), up["authority"].as_str().unwrap_or("?"));
    sim["destinations"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
        .filter(|(_, d)| d["weight"].as_i64().unwrap_or(0) > 0)
        .map(|(i, d)| match d["subset"].as_str() {
            Some(s) if !subset_defined(objects, d["host"].as_str().unwrap(), s) => "503".to_owned(),
            _ => format!("route {vs}#{i} {path} {authority}"),
        })
        .collect()
}

/// A request: method, headers, URL.
type Request = (String, Vec<(String, String)>, String);

/// Paths made from a route's match, hits and near misses.
fn paths_for(m: &Json) -> Vec<String> {
    if let Some(p) = m["prefix"].as_str() {
        let mut out = vec![p.to_owned(), format!("{p}x"), format!("{p}/a")];
        if p.len() > 1 {
            out.push(p[..p.len() - 1].to_owned());
            out.push(p.to_ascii_lowercase());
        }
        out
    } else if let Some(e) = m["path"].as_str() {
        vec![e.to_owned(), format!("{e}/")]
    } else {
        match m["safe_regex"]["regex"].as_str().unwrap() {
            "/forms/[0-9]+" => vec!["/forms/12".into(), "/forms/x".into(), "/forms/".into()],
            r => panic!("add samples for {r}"),
        }
    }
}

fn requests(vhosts: &[(String, Vec<Rt>)]) -> Vec<Request> {
    let methods = ["GET", "POST", "DELETE"];
    let header_sets: Vec<Vec<(String, String)>> = vec![
        vec![],
        vec![("X-Canary".into(), "1".into())],
        vec![("x-legacy".into(), "1".into())],
        vec![("X-Live".into(), "websocket".into()), ("x-canary".into(), "2".into())],
    ];
    let queries = ["", "?canary=yes", "?canary=no&v=1", "?canary"];
    let mut out: Vec<Request> = Vec::new();
    let hosts: Vec<String> = vhosts.iter().map(|(h, _)| h.replace('*', "w")).collect();
    for host in &hosts {
        for p in PATHS.iter().take(60) {
            out.push(("GET".into(), vec![], format!("http://{host}{p}")));
        }
    }
    for h in ["unknown.x2bee.com", "shared.x2bee.com", "grafana.x2bee.com:8080", "STATUS.x2bee.com"] {
        out.push(("GET".into(), vec![], format!("http://{h}/")));
    }
    // Regex rewrites over longer paths, with queries; redirects from a
    // `Host` with the default port.
    for p in [
        "/rx/svc/a/b/c",
        "/rx/svc/a/b/c?q=1&r=2",
        "/rx/svc/x/",
        "/rx/all/banana/a",
        "/rx/slash/a/b",
        "/rx/missing/group",
        "/rx/CASE/x",
        "/rx/case/y",
        "/rx/stop/z",
        "/rx/yy",
    ] {
        out.push(("GET".into(), vec![], format!("http://shared.x2bee.com{p}")));
    }
    for h in ["shared.x2bee.com:80", "shared.x2bee.com:443", "status.x2bee.com:80"] {
        for p in ["/rd/derive", "/rd/derive-https", "/rd/tls?x=1", "/rd/relative", "/moved", "/elsewhere", "/old/x"] {
            out.push(("GET".into(), vec![], format!("http://{h}{p}")));
        }
    }
    // Every route's paths again with a port in `Host` (authority matches,
    // redirects keeping or replacing the port).
    for (host, routes) in vhosts.iter().filter(|(h, _)| !h.contains('*')) {
        let mut paths: Vec<String> = routes.iter().flat_map(|r| paths_for(&r.matcher)).collect();
        paths.sort();
        paths.dedup();
        for p in &paths {
            out.push(("GET".into(), vec![], format!("http://{host}:8080{p}?q=1")));
        }
    }
    for (host, routes) in vhosts {
        let host = host.replace('*', "w");
        let mut paths: Vec<String> = routes.iter().flat_map(|r| paths_for(&r.matcher)).collect();
        paths.sort();
        paths.dedup();
        for p in &paths {
            for m in methods {
                for hs in &header_sets {
                    for q in queries {
                        out.push((m.into(), hs.clone(), format!("http://{host}{p}{q}")));
                    }
                }
            }
        }
    }
    out
}

/// `xgen-studio simulate` with the objects, one call per method and headers.
fn simulate_all(example: &std::path::Path, dump: &std::path::Path, reqs: &[Request]) -> Vec<Json> {
    let mut out: Vec<Option<Json>> = vec![None; reqs.len()];
    type Group = (String, Vec<(String, String)>);
    let mut groups: BTreeMap<Group, Vec<usize>> = BTreeMap::new();
    for (i, (m, h, _)) in reqs.iter().enumerate() {
        groups.entry((m.clone(), h.clone())).or_default().push(i);
    }
    for ((method, headers), idx) in groups {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_xgen-studio"));
        cmd.arg("simulate").arg(example).args(["--env", ENV, "--format", "json", "--method", &method]);
        cmd.arg("--objects").arg(format!("{ENV}={}", dump.display()));
        for (k, v) in &headers {
            cmd.args(["--header", &format!("{k}: {v}")]);
        }
        cmd.args(idx.iter().map(|i| &reqs[*i].2));
        let o = cmd.output().unwrap();
        assert!(o.status.success(), "simulate: {}", String::from_utf8_lossy(&o.stderr));
        let sims: Vec<Json> = serde_json::from_slice(&o.stdout).unwrap();
        for (i, s) in idx.into_iter().zip(sims) {
            out[i] = Some(s);
        }
    }
    out.into_iter().map(Option::unwrap).collect()
}

#[test]
fn the_whole_gateway_answers_as_envoy_does() {
    let root = common::repo_root();
    let example = root.join("public/examples/xgen.yaml");
    let state =
        load(&Project { name: "example".into(), inputs: vec![("xgen.yaml".into(), std::fs::read(&example).unwrap())] });
    let rendered = render(&state);
    let mut objects = chart_objects(rendered.files().unwrap());
    objects.extend(dump_objects());
    let (vhosts, clusters, refused_names) = table(&objects);
    assert!(
        refused_names.contains(&"team-c/broken".to_owned()),
        "the fixture's refused VirtualService: {refused_names:?}"
    );
    let (port, echo_port) = (free_port(), echo());
    let mut cfg = config(&vhosts, &clusters, port, echo_port);
    // Each destination's cluster names itself to the echo.
    for vh in cfg["static_resources"]["listeners"][0]["filter_chains"][0]["filters"][0]["typed_config"]["route_config"]
        ["virtual_hosts"]
        .as_array_mut()
        .unwrap()
    {
        for r in vh["routes"].as_array_mut().unwrap() {
            if let Some(c) = r.get("route").and_then(|x| x.get("cluster")).and_then(Json::as_str).map(str::to_owned) {
                r["request_headers_to_add"] =
                    json!([{"header": {"key": "x-parity-cluster", "value": c.trim_start_matches("c|")}}]);
            }
            let weighted = r.get_mut("route").and_then(|x| x.get_mut("weighted_clusters"));
            for w in weighted.and_then(|x| x.get_mut("clusters")).and_then(Json::as_array_mut).into_iter().flatten() {
                let c = w["name"].as_str().unwrap().trim_start_matches("c|").to_owned();
                w["request_headers_to_add"] = json!([{"header": {"key": "x-parity-cluster", "value": c}}]);
            }
        }
    }
    let _envoy = start_envoy(&cfg, &[port]);
    let reqs = requests(&vhosts);
    let sims = simulate_all(&example, &root.join(DUMP), &reqs);
    let mut disagreements = Vec::new();
    let (mut asked, mut weighted_seen, mut features) = (0usize, 0usize, std::collections::BTreeSet::new());
    let mut tokens = std::collections::BTreeSet::new();
    for ((method, headers, url), sim) in reqs.iter().zip(&sims) {
        let (host, target) = as_sent(url);
        let want = studio_tokens(&objects, sim);
        let tries = if want.len() > 1 { 120 } else { 1 };
        let mut seen = std::collections::BTreeSet::new();
        for _ in 0..tries {
            let (status, location, body) = ask_with(port, method, &host, &target, headers);
            seen.insert(envoy_token(status, &location, &body));
            asked += 1;
        }
        let want_set: std::collections::BTreeSet<String> = want.iter().cloned().collect();
        if want.len() > 1 {
            weighted_seen += 1;
        }
        for t in &want_set {
            features.insert(t.split(' ').next().unwrap().to_owned());
            tokens.insert(t.clone());
        }
        if seen != want_set {
            disagreements.push(format!("{method} {url} {headers:?}: envoy {seen:?}, studio {want_set:?}"));
        }
    }
    println!(
        "whole gateway: {} requests ({asked} asked of Envoy), {weighted_seen} weighted, answers seen: {features:?}, {} disagreements",
        reqs.len(),
        disagreements.len()
    );
    assert!(reqs.len() >= 1500, "at least 1,500 requests");
    for f in ["chart", "route", "redirect", "direct", "503", "404"] {
        assert!(features.contains(f), "the fixture must exercise {f}: {features:?}");
    }
    assert!(weighted_seen > 0, "a weighted route is asked");
    // Every feature of the fixture was answered at least once, each the same
    // on both sides: a header match, a query match, a method match, a
    // regex with withoutHeaders, a rewrite seen at the upstream, a delegate,
    // ignoreUriCase, a redirect with the query kept, direct responses, the
    // chart's catch-all after the imported routes, a route after a
    // catch-all that is for another gateway only.
    for want in [
        "route observability/grafana#0#0",
        "route team-b/canary#0#0",
        "route team-b/canary#1#0 /v2/submit forms.internal",
        "route team-b/team-b-routes#0#0",
        "route team-b/team-b-routes#1#0",
        "route team-b/canary#3#0",
        "redirect 302 http://status.x2bee.com/new/?canary=yes",
        "direct 200 ok",
        "direct 405 ",
        "direct 202 with a port",
        "direct 203 plain http",
        "redirect 301 https://www.x2bee.com:8443/moved",
        "redirect 307 http://www.x2bee.com",
        "chart xgen/xgen-frontend-vs#3",
        "route team-b/canary#6#0 /gw-this",
        // Regex rewrites: groups with the query aside, every match, `\\`,
        // a missing group, a bad escape, empty matches.
        "route team-d/rewrites#0#0 /b/c/instance/a?q=1&r=2 shared.x2bee.com",
        "route team-d/rewrites#1#0 /rx/[A]ll/b[A]n[A]n[A]/[A] all.internal",
        r"route team-d/rewrites#2#0 /rr\x/ss\lash/aa\/bb\ ",
        "route team-d/rewrites#3#0 /rx/missing/group ",
        "route team-d/rewrites#4#0 /cased/x ",
        "route team-d/rewrites#5#0 /xrx/xstop/xz ",
        "route team-d/rewrites#6#0 ///r/x/// ",
        // A match on the listener's port, after one on another port.
        "direct 200 port 80",
        // Redirect ports: derived, and a default port dropped on a scheme change.
        "redirect 301 http://shared.x2bee.com:8080/derived",
        "redirect 301 https://shared.x2bee.com:80/rd/derive-https",
        "redirect 308 https://shared.x2bee.com/rd/tls?x=1",
        "redirect 308 https://shared.x2bee.com:443/rd/tls?x=1",
        "redirect 303 http://shared.x2bee.com/relative/path",
    ] {
        assert!(tokens.iter().any(|t| t.starts_with(want)), "never answered: {want}");
    }
    assert!(
        disagreements.is_empty(),
        "{} of {} requests disagree:\n{}",
        disagreements.len(),
        reqs.len(),
        disagreements.iter().take(40).cloned().collect::<Vec<_>>().join("\n")
    );
}
