//! The cluster's own Istio networking objects, imported from a file
//! (docs/inputs.md, "Istio objects from the cluster"): Gateways,
//! VirtualServices and DestinationRules, as a multi-document YAML file or
//! the `kind: List` that `kubectl get … -o yaml` prints. Each object is
//! typed as far as routing reads it; every other key is kept
//! (`keep_unknown_keys!`). Other kinds are skipped and counted.
//!
//! The file's text is what the state keeps and the bundle carries
//! (`cluster/<env>/istio-objects.yaml`); the objects are read from it, so a
//! re-imported bundle gives them back exactly.

use crate::error::ImportError;
use crate::keep_unknown::keep_unknown_keys;
use serde::Deserialize;
use serde_yaml::{Mapping, Value};
use std::collections::BTreeMap;
use std::sync::Arc;

macro_rules! istio_struct {
    ($(#[$m:meta])* $ty:ident { $($field:ident : $t:ty => $key:literal),* $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Default)]
        pub struct $ty {
            $(pub $field: Option<$t>,)*
            pub extra: Mapping,
        }
        keep_unknown_keys!($ty { $($field => $key),* });
    };
}

istio_struct!(
    /// `metadata`: what routing reads of it.
    ObjectMeta {
        name: String => "name",
        namespace: String => "namespace",
        creation_timestamp: String => "creationTimestamp",
    }
);

istio_struct!(
    /// An Istio `StringMatch`: one of `exact`, `prefix`, `regex`; none of
    /// them (`{}`) is a presence match in headers and query parameters.
    StringMatch { exact: String => "exact", prefix: String => "prefix", regex: String => "regex" }
);

istio_struct!(GatewayObject {
    api_version: String => "apiVersion", kind: String => "kind", metadata: ObjectMeta => "metadata",
    spec: GatewaySpec => "spec",
});
istio_struct!(GatewaySpec { selector: Mapping => "selector", servers: Vec<Server> => "servers" });
istio_struct!(Server { port: ServerPort => "port", hosts: Vec<String> => "hosts", tls: Value => "tls" });
istio_struct!(ServerPort { number: u32 => "number", protocol: String => "protocol", name: String => "name" });

istio_struct!(VirtualServiceObject {
    api_version: String => "apiVersion", kind: String => "kind", metadata: ObjectMeta => "metadata",
    spec: VirtualServiceSpec => "spec",
});
istio_struct!(VirtualServiceSpec {
    hosts: Vec<String> => "hosts", gateways: Vec<String> => "gateways", http: Vec<HttpRoute> => "http",
});
istio_struct!(
    /// One rule of `http`.
    HttpRoute {
        name: String => "name",
        matches: Vec<HttpMatch> => "match",
        route: Vec<RouteDestination> => "route",
        redirect: HttpRedirect => "redirect",
        direct_response: DirectResponse => "directResponse",
        delegate: Delegate => "delegate",
        rewrite: HttpRewrite => "rewrite",
        timeout: Value => "timeout",
        retries: Value => "retries",
        fault: Value => "fault",
        mirror: Value => "mirror",
        headers: Value => "headers",
        cors_policy: Value => "corsPolicy",
    }
);
istio_struct!(HttpMatch {
    name: String => "name",
    uri: StringMatch => "uri",
    scheme: StringMatch => "scheme",
    method: StringMatch => "method",
    authority: StringMatch => "authority",
    headers: BTreeMap<String, StringMatch> => "headers",
    without_headers: BTreeMap<String, StringMatch> => "withoutHeaders",
    query_params: BTreeMap<String, StringMatch> => "queryParams",
    port: u32 => "port",
    ignore_uri_case: bool => "ignoreUriCase",
    gateways: Vec<String> => "gateways",
});
istio_struct!(RouteDestination { destination: Destination => "destination", weight: i64 => "weight" });
istio_struct!(Destination { host: String => "host", subset: String => "subset", port: PortSelector => "port" });
istio_struct!(PortSelector { number: u32 => "number" });
istio_struct!(HttpRedirect {
    uri: String => "uri", authority: String => "authority", port: u32 => "port", scheme: String => "scheme",
    redirect_code: u32 => "redirectCode", derive_port: String => "derivePort",
});
istio_struct!(DirectResponse { status: u32 => "status", body: HttpBody => "body" });
istio_struct!(HttpBody { string: String => "string", bytes: String => "bytes" });
istio_struct!(Delegate { name: String => "name", namespace: String => "namespace" });
istio_struct!(HttpRewrite {
    uri: String => "uri", authority: String => "authority", uri_regex_rewrite: RegexRewrite => "uriRegexRewrite",
});
istio_struct!(RegexRewrite { pattern: String => "match", rewrite: String => "rewrite" });

istio_struct!(DestinationRuleObject {
    api_version: String => "apiVersion", kind: String => "kind", metadata: ObjectMeta => "metadata",
    spec: DestinationRuleSpec => "spec",
});
istio_struct!(DestinationRuleSpec { host: String => "host", subsets: Vec<Subset> => "subsets" });
istio_struct!(Subset { name: String => "name", labels: Mapping => "labels" });

/// One object of the file, typed by its kind.
#[derive(Debug, Clone, PartialEq)]
pub enum IstioObject {
    Gateway(GatewayObject),
    VirtualService(VirtualServiceObject),
    DestinationRule(DestinationRuleObject),
}

impl IstioObject {
    pub fn metadata(&self) -> Option<&ObjectMeta> {
        match self {
            IstioObject::Gateway(o) => o.metadata.as_ref(),
            IstioObject::VirtualService(o) => o.metadata.as_ref(),
            IstioObject::DestinationRule(o) => o.metadata.as_ref(),
        }
    }
    pub fn name(&self) -> &str {
        self.metadata().and_then(|m| m.name.as_deref()).unwrap_or("")
    }
    /// The namespace, `default` when the object names none (as `kubectl
    /// apply` places it without `-n`).
    pub fn namespace(&self) -> &str {
        self.metadata().and_then(|m| m.namespace.as_deref()).filter(|n| !n.is_empty()).unwrap_or("default")
    }
}

/// The Istio networking API group: the only objects routing reads.
pub const ISTIO_NETWORKING: &str = "networking.istio.io/";

/// An imported file of Istio objects, with what its objects are. Equal
/// when the texts are.
#[derive(Debug, Clone)]
pub struct ObjectsFile {
    /// The file's text, as it was read: what the bundle carries.
    pub text: Arc<str>,
    /// The Gateways, VirtualServices and DestinationRules, in file order.
    pub objects: Vec<IstioObject>,
    /// The kinds skipped (anything else, and other API groups), with how
    /// many of each.
    pub skipped: BTreeMap<String, usize>,
}

impl PartialEq for ObjectsFile {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

impl ObjectsFile {
    /// Reads a file of Istio objects: every YAML document, or the `items`
    /// of a `kind: List`, one object each. Errors name the file, line and
    /// column.
    pub fn parse(file: &str, text: &str) -> Result<ObjectsFile, ImportError> {
        let error = |e: crate::yaml::Error| crate::text::reader_error(file, text, &e);
        let stream = crate::yaml::parse(text).map_err(error)?;
        let mut out = ObjectsFile { text: Arc::from(text), objects: Vec::new(), skipped: BTreeMap::new() };
        for doc in &stream.documents {
            let reader = crate::yaml::de::Reader::new(text, doc);
            let Some(root) = reader.root() else { continue };
            let head = Head::deserialize(root).map_err(error)?;
            let root = reader.root().expect("a root");
            if head.kind() == "List" || head.kind().ends_with("List") && head.items.is_some() {
                let items = head.items.unwrap_or_default();
                let list = Listed::deserialize_with(root, &items).map_err(error)?;
                for (item, object) in items.iter().zip(list) {
                    out.take(item, object);
                }
            } else {
                let object = read_object(&head, root).map_err(error)?;
                out.take(&head, object);
            }
        }
        Ok(out)
    }

    fn take(&mut self, head: &Head, object: Option<IstioObject>) {
        match object {
            Some(o) => self.objects.push(o),
            None => *self.skipped.entry(head.described()).or_default() += 1,
        }
    }

    /// How many objects were skipped.
    pub fn skipped_count(&self) -> usize {
        self.skipped.values().sum()
    }
}

/// Whether `text` reads as YAML and one of its documents, or an item of a
/// `List`, is a Gateway, VirtualService or DestinationRule (by its kind,
/// or any object of Istio's networking API group): a file to import for
/// an environment ([`crate::import::import_objects`]). Reads each
/// document's head only, as [`ObjectsFile::parse`] does.
pub fn names_istio_objects(text: &str) -> bool {
    let Ok(stream) = crate::yaml::parse(text) else { return false };
    let named = |h: &Head| h.istio() || matches!(h.kind(), "Gateway" | "VirtualService" | "DestinationRule");
    stream.documents.iter().any(|doc| {
        let reader = crate::yaml::de::Reader::new(text, doc);
        let head = reader.root().and_then(|root| Head::deserialize(root).ok());
        head.is_some_and(|h| named(&h) || h.items.iter().flatten().any(named))
    })
}

/// What one document (or list item) is: its kind and API group, and the
/// items of a list.
#[derive(Debug, Default, Deserialize)]
struct Head {
    #[serde(default, rename = "apiVersion")]
    api_version: Option<Value>,
    #[serde(default)]
    kind: Option<Value>,
    #[serde(default)]
    items: Option<Vec<Head>>,
}

impl Head {
    fn kind(&self) -> &str {
        self.kind.as_ref().and_then(Value::as_str).unwrap_or("")
    }
    fn istio(&self) -> bool {
        self.api_version.as_ref().and_then(Value::as_str).is_some_and(|a| a.starts_with(ISTIO_NETWORKING))
    }
    fn described(&self) -> String {
        match self.kind() {
            "" => "(no kind)".into(),
            k => k.into(),
        }
    }
}

fn read_object<'de, D: serde::Deserializer<'de>>(head: &Head, d: D) -> Result<Option<IstioObject>, D::Error> {
    if !head.istio() {
        serde::de::IgnoredAny::deserialize(d)?;
        return Ok(None);
    }
    Ok(Some(match head.kind() {
        "Gateway" => IstioObject::Gateway(GatewayObject::deserialize(d)?),
        "VirtualService" => IstioObject::VirtualService(VirtualServiceObject::deserialize(d)?),
        "DestinationRule" => IstioObject::DestinationRule(DestinationRuleObject::deserialize(d)?),
        _ => {
            serde::de::IgnoredAny::deserialize(d)?;
            return Ok(None);
        }
    }))
}

/// A list's items read each by its kind, at its own place in the file.
struct Listed;

impl Listed {
    fn deserialize_with<'de, D: serde::Deserializer<'de>>(
        d: D,
        heads: &[Head],
    ) -> Result<Vec<Option<IstioObject>>, D::Error> {
        struct Visit<'h>(&'h [Head]);
        impl<'de> serde::de::Visitor<'de> for Visit<'_> {
            type Value = Vec<Option<IstioObject>>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a List with items")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut out = Vec::new();
                while let Some(key) = map.next_key::<Value>()? {
                    if key.as_str() == Some("items") {
                        out = map.next_value_seed(Items(self.0))?;
                    } else {
                        map.next_value::<serde::de::IgnoredAny>()?;
                    }
                }
                Ok(out)
            }
        }
        struct Items<'h>(&'h [Head]);
        impl<'de> serde::de::DeserializeSeed<'de> for Items<'_> {
            type Value = Vec<Option<IstioObject>>;
            fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
                d.deserialize_seq(self)
            }
        }
        impl<'de> serde::de::Visitor<'de> for Items<'_> {
            type Value = Vec<Option<IstioObject>>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a list of objects")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut out = Vec::new();
                for head in self.0 {
                    match seq.next_element_seed(Item(head))? {
                        Some(o) => out.push(o),
                        None => break,
                    }
                }
                Ok(out)
            }
        }
        struct Item<'h>(&'h Head);
        impl<'de> serde::de::DeserializeSeed<'de> for Item<'_> {
            type Value = Option<IstioObject>;
            fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
                read_object(self.0, d)
            }
        }
        d.deserialize_map(Visit(heads))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const VS: &str = "apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: grafana\n  namespace: observability\n  creationTimestamp: \"2026-01-02T03:04:05Z\"\nspec:\n  hosts: [grafana.example.test]\n  gateways: [xgen/xgen-gateway]\n  http:\n  - match:\n    - uri: {prefix: /}\n      headers: {x-team: {exact: obs}}\n    route:\n    - destination: {host: grafana, port: {number: 3000}}\n      weight: 100\n    future: kept\n";

    #[test]
    fn documents_are_typed_and_unknown_keys_kept() {
        let text = format!("{VS}---\napiVersion: v1\nkind: Service\nmetadata: {{name: x}}\n---\n# only a comment\n");
        let f = ObjectsFile::parse("objs.yaml", &text).unwrap();
        assert_eq!(f.objects.len(), 1);
        assert_eq!(f.skipped, BTreeMap::from([("Service".to_owned(), 1)]));
        let IstioObject::VirtualService(vs) = &f.objects[0] else { panic!("a VirtualService") };
        let http = &vs.spec.as_ref().unwrap().http.as_ref().unwrap()[0];
        assert_eq!(http.extra.get("future").and_then(Value::as_str), Some("kept"));
        let m = &http.matches.as_ref().unwrap()[0];
        assert_eq!(m.headers.as_ref().unwrap()["x-team"].exact.as_deref(), Some("obs"));
        assert_eq!(f.objects[0].namespace(), "observability");
        let again = crate::yaml::to_string(vs).unwrap();
        assert!(again.contains("future: kept"), "{again}");
    }

    #[test]
    fn a_kubectl_list_is_read_item_by_item() {
        let item = VS.replace('\n', "\n    ");
        let text = format!("apiVersion: v1\nkind: List\nitems:\n  - {item}\n  - apiVersion: networking.istio.io/v1\n    kind: Sidecar\n    metadata: {{name: s}}\nmetadata: {{resourceVersion: \"\"}}\n");
        let f = ObjectsFile::parse("dump.yaml", &text).unwrap();
        assert_eq!(f.objects.len(), 1, "{f:?}");
        assert_eq!(f.objects[0].name(), "grafana");
        assert_eq!(f.skipped_count(), 1);
    }

    #[test]
    fn errors_name_file_line_and_column() {
        let bad = VS.replace("weight: 100", "weight: [1]");
        let e = ObjectsFile::parse("objs.yaml", &bad).unwrap_err();
        let ImportError::Yaml { file, line, .. } = &e else { panic!("{e}") };
        assert_eq!((file.as_str(), *line), ("objs.yaml", 16), "{e}");
        let item = bad.replace('\n', "\n    ");
        let list = format!("kind: List\napiVersion: v1\nitems:\n  - {item}\n");
        let e = ObjectsFile::parse("dump.yaml", &list).unwrap_err();
        assert_eq!(e.line_column().map(|l| l.0), Some(19), "an item's error at its own line: {e}");
        let e = ObjectsFile::parse("x.yaml", "a: [").unwrap_err();
        assert!(e.line_column().is_some(), "{e}");
    }
}
