//! The syntax tree: every node of a YAML file with its place in the text.
//!
//! A [`Stream`] is a file's documents, cut where Helm cuts them (a line that
//! starts with `---`, see [`super::helm`]), and its comments. A
//! [`Document`] holds its nodes in one arena (`Vec<Node>`, addressed by
//! [`NodeId`]), so a writer can name a node, find its parent's entries, and
//! patch the text by spans:
//!
//! - every node has the byte [`Span`] of its content (a scalar's text with its
//!   quotes, a block scalar from its `|`/`>` header to the end of its last
//!   line, a flow collection from its bracket to the closing one, a block
//!   collection from its first entry to the end of its last), and apart from
//!   it the spans of its anchor and tag;
//! - every scalar keeps its style (plain, single- or double-quoted, literal,
//!   folded) and its value; every collection whether it is flow or block;
//! - a mapping's entries keep their order, their key nodes (with spans) and
//!   duplicates as written;
//! - an alias is a node of its own that names its anchor and the node the
//!   anchor stands on, so a writer knows it is an alias and never expands it;
//! - comments are spans in the stream (`# ...` to the end of its line), found in
//!   the text between nodes; a writer attaches them to the node on their line
//!   or the next one;
//! - a document keeps the span of its `---` line and of a `...` line.
//!
//! The tree is data as written: nothing is resolved here ([`super::resolve`]
//! does that, as go-yaml v2 does), no alias is expanded, no merge key applied.

use super::syntax::{Event, Parser, ScalarStyle as SynStyle, ScanError};
use super::Error;
use std::collections::HashMap;

/// Byte offsets into the file's text, `start..end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
}

pub type NodeId = usize;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScalarStyle {
    Plain,
    SingleQuoted,
    DoubleQuoted,
    Literal,
    Folded,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CollectionStyle {
    Block,
    Flow,
}

/// An anchor (`&name`: `text` is `name`) or a tag (`!!str`, `!local`: `text` is
/// the tag as written; `full` is it resolved, `tag:yaml.org,2002:str`).
#[derive(Debug, Clone, PartialEq)]
pub struct Property {
    pub text: String,
    pub full: String,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub key: NodeId,
    pub value: NodeId,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    Scalar {
        value: String,
        style: ScalarStyle,
    },
    /// `*name`; `target` is the node `&name` stands on.
    Alias {
        name: String,
        target: NodeId,
    },
    Sequence {
        style: CollectionStyle,
        items: Vec<NodeId>,
    },
    Mapping {
        style: CollectionStyle,
        entries: Vec<Entry>,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// The content, without anchor and tag.
    pub span: Span,
    pub anchor: Option<Property>,
    pub tag: Option<Property>,
    pub kind: Kind,
}

impl Node {
    pub fn is_plain(&self) -> bool {
        matches!(self.kind, Kind::Scalar { style: ScalarStyle::Plain, .. })
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub nodes: Vec<Node>,
    /// `None` for a document of nothing but comments and blank lines.
    pub root: Option<NodeId>,
    /// The document's text: from after its `---` line (or the start of the file)
    /// to before the next `---` line (or the end).
    pub span: Span,
    /// The `---` line that opens it, if any (the line without its line break).
    pub start_marker: Option<Span>,
    /// A `...` line that ends it, if any.
    pub end_marker: Option<Span>,
}

impl Document {
    pub fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id]
    }
    /// Follows aliases to the node they stand for.
    pub fn resolved(&self, mut id: NodeId) -> NodeId {
        // An alias never targets itself or a later node, so this ends.
        while let Kind::Alias { target, .. } = self.nodes[id].kind {
            id = target;
        }
        id
    }
}

/// A parsed file.
#[derive(Debug, Clone, PartialEq)]
pub struct Stream {
    pub documents: Vec<Document>,
    /// Every comment, `#` to the end of its line, in file order.
    pub comments: Vec<Span>,
    pub lines: LineIndex,
}

/// Byte offset to line and column.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.bytes().enumerate().filter(|&(_, b)| b == b'\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }
    /// 1-based line and column (the column counts characters).
    pub fn line_column(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line - 1];
        let column = text.get(start..offset).map_or(offset - start, |t| t.chars().count()) + 1;
        (line, column)
    }
}

/// Nesting deeper than this is refused (serde_yaml's limit was 128 too).
pub const MAX_DEPTH: usize = 128;

/// Parses a file into its documents, cut at `---` lines as Helm cuts them.
pub fn parse(text: &str) -> Result<Stream, Error> {
    let lines = LineIndex::new(text);
    let mut documents = Vec::new();
    for chunk in split_documents(text)? {
        documents.push(parse_document(text, chunk.span, chunk.start_marker)?);
    }
    let comments = find_comments(text, &documents);
    Ok(Stream { documents, comments, lines })
}

/// Maps the parser's character indexes to byte offsets of the whole text.
struct Offsets {
    base: usize,
    /// Byte offset of each character of the chunk, when it is not ASCII.
    table: Option<Vec<usize>>,
    len: usize,
}

impl Offsets {
    fn new(chunk: &str, base: usize) -> Self {
        let table = (!chunk.is_ascii())
            .then(|| chunk.char_indices().map(|(i, _)| i).chain(std::iter::once(chunk.len())).collect());
        Offsets { base, table, len: chunk.len() }
    }
    fn byte(&self, char_index: usize) -> usize {
        self.base
            + match &self.table {
                Some(t) => t.get(char_index).copied().unwrap_or(self.len),
                None => char_index.min(self.len),
            }
    }
}

struct Frame {
    id: NodeId,
    key: Option<NodeId>,
    /// Where the content starts (the bracket of a flow collection).
    start: usize,
}

fn parse_document(text: &str, span: Span, start_marker: Option<Span>) -> Result<Document, Error> {
    let chunk = &text[span.start..span.end];
    let offsets = Offsets::new(chunk, span.start);
    let mut doc = Document { nodes: Vec::new(), root: None, span, start_marker, end_marker: None };
    let mut stack: Vec<Frame> = Vec::new();
    let mut anchors: HashMap<usize, NodeId> = HashMap::new();
    let mut parser = Parser::new_from_str(chunk);
    let scan_error = |e: ScanError| {
        let at = offsets.byte(e.marker().index());
        Error::new(at, e.info().to_owned())
    };
    let mut started = false;
    while let Some(event) = parser.next_event() {
        let (event, ev_span) = event.map_err(scan_error)?;
        let (s, e) = (offsets.byte(ev_span.start.index()), offsets.byte(ev_span.end.index()));
        let new_node = match event {
            Event::StreamStart | Event::Nothing => continue,
            Event::StreamEnd => break,
            Event::DocumentStart(_) => {
                if started {
                    // A second document in one chunk follows a `...` line; go-yaml
                    // reads only the first document of what Helm hands it.
                    break;
                }
                started = true;
                continue;
            }
            Event::DocumentEnd => {
                let marker = Span::new(s, e);
                if marker.text(text) == "..." {
                    doc.end_marker = Some(marker);
                }
                continue;
            }
            Event::Scalar(value, style, anchor_id, tag) => {
                let props = properties(text, s, e);
                let style = match style {
                    SynStyle::Plain => ScalarStyle::Plain,
                    SynStyle::SingleQuoted => ScalarStyle::SingleQuoted,
                    SynStyle::DoubleQuoted => ScalarStyle::DoubleQuoted,
                    SynStyle::Literal => ScalarStyle::Literal,
                    SynStyle::Folded => ScalarStyle::Folded,
                };
                let mut content = Span::new(props.content_start.min(e), e);
                if matches!(style, ScalarStyle::Literal | ScalarStyle::Folded) {
                    content.start = block_header(text, props.content_start, s);
                }
                // An empty plain scalar (`key:` with nothing after) has no text.
                let value =
                    if style == ScalarStyle::Plain && content.is_empty() { String::new() } else { value.into_owned() };
                let node = Node {
                    span: content,
                    anchor: props.anchor,
                    tag: props.tag.map(|t| tag_property(t, tag.as_deref())),
                    kind: Kind::Scalar { value, style },
                };
                let id = push(&mut doc, node);
                if anchor_id > 0 {
                    anchors.insert(anchor_id, id);
                }
                Some(id)
            }
            Event::Alias(anchor_id) => {
                let target = *anchors.get(&anchor_id).ok_or_else(|| Error::new(s, "unknown anchor".into()))?;
                let name = text[s..e].trim_start_matches('*').to_owned();
                Some(push(
                    &mut doc,
                    Node { span: Span::new(s, e), anchor: None, tag: None, kind: Kind::Alias { name, target } },
                ))
            }
            Event::SequenceStart(anchor_id, ref tag) | Event::MappingStart(anchor_id, ref tag) => {
                let is_map = matches!(event, Event::MappingStart(..));
                if stack.len() >= MAX_DEPTH {
                    return Err(Error::new(s, format!("nesting deeper than {MAX_DEPTH} levels")));
                }
                let props = properties(text, s, e);
                let flow = text[props.content_start.min(text.len())..].starts_with(if is_map { '{' } else { '[' })
                    && props.content_start < e.max(s + 1);
                let style = if flow { CollectionStyle::Flow } else { CollectionStyle::Block };
                let kind = if is_map {
                    Kind::Mapping { style, entries: Vec::new() }
                } else {
                    Kind::Sequence { style, items: Vec::new() }
                };
                let node = Node {
                    span: Span::new(props.content_start, props.content_start),
                    anchor: props.anchor,
                    tag: props.tag.map(|t| tag_property(t, tag.as_deref())),
                    kind,
                };
                let id = push(&mut doc, node);
                if anchor_id > 0 {
                    anchors.insert(anchor_id, id);
                }
                stack.push(Frame { id, key: None, start: props.content_start });
                continue;
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let frame = stack.pop().ok_or_else(|| Error::new(s, "unbalanced collection".into()))?;
                let end = match &doc.nodes[frame.id].kind {
                    Kind::Mapping { style: CollectionStyle::Flow, .. }
                    | Kind::Sequence { style: CollectionStyle::Flow, .. } => e,
                    Kind::Mapping { entries, .. } => entries
                        .last()
                        .map_or(frame.start, |x| doc.nodes[x.value].span.end.max(doc.nodes[x.key].span.end)),
                    Kind::Sequence { items, .. } => items.last().map_or(frame.start, |&x| doc.nodes[x].span.end),
                    _ => frame.start,
                };
                let start = frame.start;
                doc.nodes[frame.id].span = Span::new(start, end.max(start));
                Some(frame.id)
            }
        };
        let Some(id) = new_node else { continue };
        match stack.last_mut() {
            None => doc.root = Some(id),
            Some(frame) => match &mut doc.nodes[frame.id].kind {
                Kind::Sequence { items, .. } => items.push(id),
                Kind::Mapping { entries, .. } => match frame.key.take() {
                    None => frame.key = Some(id),
                    Some(key) => entries.push(Entry { key, value: id }),
                },
                _ => {}
            },
        }
    }
    Ok(doc)
}

fn push(doc: &mut Document, node: Node) -> NodeId {
    doc.nodes.push(node);
    doc.nodes.len() - 1
}

struct Props {
    anchor: Option<Property>,
    tag: Option<(String, Span)>,
    content_start: usize,
}

/// Splits the anchor and tag off the start of an event's text.
fn properties(text: &str, start: usize, end: usize) -> Props {
    let bytes = text.as_bytes();
    let (mut anchor, mut tag, mut p) = (None, None, start);
    while p < end && (bytes[p] == b'&' || bytes[p] == b'!') {
        let q = p + text[p..]
            .find(|c: char| c.is_whitespace() || (bytes[p] == b'&' && ",[]{}".contains(c)))
            .unwrap_or(text.len() - p);
        let q = q.min(text.len());
        if bytes[p] == b'&' {
            let name = text[p + 1..q].to_owned();
            anchor = Some(Property { full: name.clone(), text: name, span: Span::new(p, q) });
        } else {
            tag = Some((text[p..q].to_owned(), Span::new(p, q)));
        }
        p = q;
        // Blanks, line breaks and comments between properties and content.
        loop {
            match bytes.get(p) {
                Some(b' ' | b'\t' | b'\r' | b'\n') => p += 1,
                Some(b'#') => p += text[p..].find('\n').unwrap_or(text.len() - p),
                _ => break,
            }
        }
    }
    Props { anchor, tag, content_start: p }
}

fn tag_property((written, span): (String, Span), tag: Option<&super::syntax::Tag>) -> Property {
    let full = tag.map_or_else(|| written.clone(), |t| format!("{}{}", t.handle, t.suffix));
    Property { text: written, full, span }
}

/// The start of a block scalar's header (`|`, `>`, with indicators): the parser
/// places the scalar at its first content line, so the header is found before it.
fn block_header(text: &str, content_start: usize, event_start: usize) -> usize {
    let bytes = text.as_bytes();
    if matches!(bytes.get(content_start), Some(b'|' | b'>')) {
        return content_start;
    }
    // Walk back over the lines before the content: blank ones, then the header's.
    let mut line_end = text[..event_start.min(content_start)].rfind('\n').unwrap_or(0);
    loop {
        let line_start = text[..line_end].rfind('\n').map_or(0, |i| i + 1);
        let line = &text[line_start..line_end];
        if line.trim().is_empty() {
            if line_start == 0 {
                return content_start;
            }
            line_end = line_start - 1;
            continue;
        }
        // The header is the last `|` or `>` after which only indicators, blanks
        // and a comment follow.
        for (i, c) in line.char_indices().rev() {
            if c == '|' || c == '>' {
                let rest = &line[i + 1..];
                let after = rest.trim_start_matches(|c: char| c == '+' || c == '-' || c.is_ascii_digit());
                let after = after.trim_start();
                if after.is_empty() || after.starts_with('#') {
                    return line_start + i;
                }
            }
        }
        return content_start;
    }
}

/// Comments are `#` in the text between nodes (to the end of the line).
fn find_comments(text: &str, documents: &[Document]) -> Vec<Span> {
    let mut taken: Vec<Span> = Vec::new();
    for doc in documents {
        for node in &doc.nodes {
            if let Kind::Scalar { .. } | Kind::Alias { .. } = node.kind {
                taken.push(node.span);
            }
            taken.extend(node.anchor.iter().chain(&node.tag).map(|p| p.span));
        }
        taken.extend(doc.start_marker);
    }
    taken.sort_by_key(|s| s.start);
    let bytes = text.as_bytes();
    let mut comments = Vec::new();
    let mut p = 0;
    let mut next = taken.iter().peekable();
    while p < bytes.len() {
        while let Some(t) = next.peek() {
            if t.end <= p {
                next.next();
            } else {
                break;
            }
        }
        if let Some(t) = next.peek() {
            if t.start <= p {
                p = t.end;
                continue;
            }
        }
        if bytes[p] == b'#' && (p == 0 || matches!(bytes[p - 1], b' ' | b'\t' | b'\n' | b'\r' | b',' | b'[' | b'{')) {
            let end = text[p..].find(['\n', '\r']).map_or(text.len(), |i| p + i);
            comments.push(Span::new(p, end));
            p = end;
        } else {
            p += 1;
        }
    }
    comments
}

/// One document's text as `YAMLReader` cuts it.
pub struct Chunk {
    pub span: Span,
    /// The `---` line before it that `YAMLReader` dropped, if any.
    pub start_marker: Option<Span>,
}

/// apimachinery `pkg/util/yaml/decoder.go` `YAMLReader.Read`: Helm cuts a
/// values file into documents at lines that start with `---`, before any
/// YAML is read (see [`super::helm`] for what it does with them).
pub fn split_documents(text: &str) -> Result<Vec<Chunk>, Error> {
    let mut chunks = Vec::new();
    let (mut start, mut marker): (Option<usize>, Option<Span>) = (None, None);
    let mut pos = 0;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i + 1);
        let line = &text[pos..end];
        if let Some(rest) = line.strip_prefix("---") {
            let trimmed = rest.trim();
            if !trimmed.is_empty() && !trimmed.starts_with('#') {
                return Err(Error::new(
                    pos,
                    format!(
                        "invalid Yaml document separator: {trimmed} (Helm cuts documents at lines that start with ---)"
                    ),
                ));
            }
            let line_span = Span::new(pos, pos + line.trim_end_matches(['\n', '\r']).len());
            if let Some(s) = start.take() {
                chunks.push(Chunk { span: Span::new(s, pos), start_marker: marker.take() });
                marker = Some(line_span);
                pos = end;
                continue;
            }
            // A separator with nothing before it stays in the next document.
            marker = Some(line_span);
        }
        start.get_or_insert(pos);
        pos = end;
    }
    if let Some(s) = start {
        chunks.push(Chunk { span: Span::new(s, text.len()), start_marker: marker });
    }
    Ok(chunks)
}
