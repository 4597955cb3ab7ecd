//! Format-preserving writes (docs/bundle.md, "Files come back as written";
//! docs/decisions.md, "Format-preserving writes on the reader's own tree").
//!
//! A file the user brought in is kept as an [`Original`]: its text, its
//! syntax tree ([`super::tree`]: spans, styles, comments) and two readings of
//! it as data: what the typed model made of it (`typed`, what the studio
//! would write) and what the file itself says (`read`, what Helm reads).
//! [`write()`] gives the text of the file for the model's data now:
//!
//! - data equal to `typed`: the original text, byte for byte;
//! - otherwise the differences between `typed` and the new data, walked
//!   down the tree, become text patches at spans: a changed scalar is
//!   replaced in place (its quoting kept where the new value allows it);
//!   a new mapping entry or list item is emitted by the studio's writer
//!   ([`super::emit`]) and indented to its siblings' column; a removed one
//!   takes its lines and the comment lines directly above; a renamed key
//!   changes only the key's text; where no patch fits, the smallest
//!   enclosing node is written again by the writer, in place, at the
//!   file's indentation.
//!
//! The result is read again and must be the file's data with exactly the
//! changes applied; else the typed writer's text is used, or, when the file
//! has anchors (which a rewrite would expand), the write is refused with a
//! message.

use super::same::same;
use super::tree::{CollectionStyle, Document, Kind, NodeId, ScalarStyle, Span, Stream};
use serde_yaml::{Mapping, Value};
use std::sync::Arc;

/// A file as it was imported.
#[derive(Debug, Clone)]
pub struct Original {
    pub text: Arc<str>,
    stream: Stream,
    /// The model's data as imported (`serde_yaml::to_value` of it).
    typed: Value,
    /// The file's own data as this reader reads it.
    read: Value,
}

impl Original {
    /// Keeps `text`, which the model read as `typed`. None when the text
    /// does not read (an import refuses such a file before).
    pub fn new(text: &str, typed: Value) -> Option<Original> {
        let stream = super::parse(text).ok()?;
        let read: Value = super::from_stream(text, &stream).ok()?;
        Some(Original { text: text.into(), stream, typed, read })
    }

    /// The data the model read from the file.
    pub fn typed(&self) -> &Value {
        &self.typed
    }

    fn has_anchors(&self) -> bool {
        self.stream.documents.iter().flat_map(|d| &d.nodes).any(|n| n.anchor.is_some())
    }
}

/// An edit that cannot be written without expanding an alias.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error(
    "this change cannot be written without expanding the file's anchors and aliases (&name / *name): the studio \
     keeps them as written; change the anchored part in the file itself, or remove its anchors, and import it again"
)]
pub struct AnchorsInTheWay;

/// How a source file's text was written over its imported original
/// (docs/bundle.md, "A file the user brought in…"). Nothing is lost
/// silently: a rewrite is reported (XS605) and printed by the CLI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kept {
    /// The data did not change: the original text, byte for byte.
    AsWritten,
    /// The author's text with the changes patched in: comments and layout kept.
    Patched,
    /// No verified patch: the typed writer's text, the file's comments and
    /// layout not kept.
    Rewritten,
}

impl Kept {
    /// True when the file's comments and layout are lost.
    pub fn loses_layout(self) -> bool {
        self == Kept::Rewritten
    }

    /// A few words, as the CLI prints them.
    pub fn as_str(self) -> &'static str {
        match self {
            Kept::AsWritten => "as the author wrote it",
            Kept::Patched => "as the author wrote it, patched",
            Kept::Rewritten => "rewritten (comments and layout not kept)",
        }
    }
}

/// The file's text for `new`, the model's data now, and how it was written.
/// `fresh` is the typed writer's text of `new`, used when a patch cannot be
/// verified (then [`Kept::Rewritten`]).
pub fn write(
    original: &Original,
    new: &Value,
    fresh: impl FnOnce() -> String,
) -> Result<(String, Kept), AnchorsInTheWay> {
    if same(new, &original.typed) {
        return Ok((original.text.to_string(), Kept::AsWritten));
    }
    write_changed(original, new, fresh)
}

/// [`write()`] of data already known to differ from the original's.
pub fn write_changed(
    original: &Original,
    new: &Value,
    fresh: impl FnOnce() -> String,
) -> Result<(String, Kept), AnchorsInTheWay> {
    if let Some(text) = patch_changed(original, new) {
        return Ok((text, Kept::Patched));
    }
    if original.has_anchors() {
        return Err(AnchorsInTheWay);
    }
    Ok((fresh(), Kept::Rewritten))
}

/// The patched text, when the patch reads back as exactly the intended data.
pub fn patch(original: &Original, new: &Value) -> Option<String> {
    if same(new, &original.typed) {
        return Some(original.text.to_string());
    }
    patch_changed(original, new)
}

fn patch_changed(original: &Original, new: &Value) -> Option<String> {
    let docs: Vec<&Document> = original.stream.documents.iter().filter(|d| d.root.is_some()).collect();
    let [doc] = docs.as_slice() else { return None };
    let text: &str = &original.text;
    let mut p = Patcher::new(text, doc);
    let root = doc.root?;
    let place = Place { parent_col: 0, after_colon: None, in_flow: false, root: true };
    if !p.patch_changed(root, &original.typed, new, &place) {
        return None;
    }
    let edited = p.edits.iter().map(|(span, text)| (*span, text.len())).collect::<Vec<_>>();
    let out = p.apply()?;
    if verified_in_window(original, doc, root, &edited, &out, new) {
        return Some(out);
    }
    let expected = apply_changes(&original.read, &original.typed, new);
    let back: Value = super::from_str(&out).ok()?;
    (back == expected).then_some(out)
}

/// The patched text read back in windows, instead of the whole file: each
/// edited part is read back in the smallest block collection around it, so
/// an edit of a large project file reads back a few lines, not thousands.
/// True only when that proves the patch: outside the windows the text is
/// the original's byte for byte and the model's data did not change, and
/// each window reads as the data intended for it. False when no windows
/// prove it (the caller then reads the whole file back, as before).
fn verified_in_window(
    original: &Original,
    doc: &Document,
    root: NodeId,
    edited: &[(Span, usize)],
    out: &str,
    new: &Value,
) -> bool {
    let text: &str = &original.text;
    // Anchors, aliases and directives reach across windows.
    if edited.is_empty() || original.has_anchors() || text.starts_with('%') || text.contains("\n%") {
        return false;
    }
    let w = Windows { doc, edited, out };
    w.check(root, &original.read, &original.typed, new, true) == Proof::Proven
}

/// What a part of the file says about the patch.
#[derive(Debug, PartialEq)]
enum Proof {
    Proven,
    /// Not proven on its own (edited at its own level: a key, an entry added
    /// or removed, a scalar; or its window did not read back as intended):
    /// the collection around it must be read back.
    NeedsWindow,
}

struct Windows<'a> {
    doc: &'a Document,
    edited: &'a [(Span, usize)],
    out: &'a str,
}

impl Windows<'_> {
    /// The edits inside `span`; None when one straddles its edge.
    fn inside(&self, span: Span) -> Option<Vec<&(Span, usize)>> {
        let mut found = Vec::new();
        for e in self.edited {
            let (s, _) = e;
            if s.start >= span.start && s.end <= span.end {
                found.push(e);
            } else if s.end > span.start && s.start < span.end {
                return None;
            }
        }
        Some(found)
    }

    fn check(&self, id: NodeId, read: &Value, old: &Value, new: &Value, root: bool) -> Proof {
        let node = self.doc.node(id);
        let Some(here) = self.inside(node.span) else { return Proof::NeedsWindow };
        if here.is_empty() {
            return if same(old, new) { Proof::Proven } else { Proof::NeedsWindow };
        }
        if node.anchor.is_some() || node.tag.is_some() {
            return Proof::NeedsWindow;
        }
        let children = self.children(id, read, old, new, &here);
        let proof = match children {
            Some(children) => {
                let mut all = Proof::Proven;
                for (child, r, o, n) in children {
                    if self.check(child, r, o, n, false) == Proof::NeedsWindow {
                        all = Proof::NeedsWindow;
                        break;
                    }
                }
                all
            }
            None => Proof::NeedsWindow,
        };
        match proof {
            Proof::NeedsWindow if !root && self.is_block(id) => self.window(id, read, old, new),
            other => other,
        }
    }

    fn is_block(&self, id: NodeId) -> bool {
        matches!(
            self.doc.node(id).kind,
            Kind::Mapping { style: CollectionStyle::Block, .. } | Kind::Sequence { style: CollectionStyle::Block, .. }
        )
    }

    /// The children of a block collection with their data on the three
    /// sides, when every edit in it lies inside one child's value and the
    /// collection's own shape (its keys, its length) did not change.
    #[allow(clippy::type_complexity)]
    fn children<'v>(
        &self,
        id: NodeId,
        read: &'v Value,
        old: &'v Value,
        new: &'v Value,
        here: &[&(Span, usize)],
    ) -> Option<Vec<(NodeId, &'v Value, &'v Value, &'v Value)>> {
        let in_one =
            |spans: &[Span]| here.iter().all(|(e, _)| spans.iter().any(|s| s.start <= e.start && e.end <= s.end));
        match (&self.doc.node(id).kind, read, old, new) {
            (
                Kind::Mapping { style: CollectionStyle::Block, entries },
                Value::Mapping(r),
                Value::Mapping(o),
                Value::Mapping(n),
            ) if entries.len() == r.len() && o.len() == n.len() && o.len() == r.len() => {
                let mut spans: Vec<Span> = entries.iter().map(|e| self.doc.node(e.value).span).collect();
                let by_key: Option<Vec<_>> =
                    entries.iter().zip(r).map(|(e, (key, r))| Some((e.value, r, o.get(key)?, n.get(key)?))).collect();
                if let Some(children) = by_key.filter(|_| in_one(&spans)) {
                    return Some(children);
                }
                // Keys renamed in place (an environment renamed): the file's
                // keys in the model's order, each renamed key read back on
                // its own, the values as children.
                if !r.keys().eq(o.keys()) {
                    return None;
                }
                let mut children = Vec::with_capacity(entries.len());
                for (e, ((_, r), ((ok, o), (nk, n)))) in entries.iter().zip(r.iter().zip(o.iter().zip(n))) {
                    if ok != nk {
                        if !self.key_reads_as(e.key, nk) {
                            return None;
                        }
                        spans.push(self.doc.node(e.key).span);
                    }
                    children.push((e.value, r, o, n));
                }
                in_one(&spans).then_some(children)
            }
            (
                Kind::Sequence { style: CollectionStyle::Block, items },
                Value::Sequence(r),
                Value::Sequence(o),
                Value::Sequence(n),
            ) if items.len() == r.len() && r.len() == o.len() && o.len() == n.len() => {
                let spans: Vec<Span> = items.iter().map(|&i| self.doc.node(i).span).collect();
                if !in_one(&spans) {
                    return None;
                }
                Some(items.iter().zip(r).zip(o).zip(n).map(|(((&i, r), o), n)| (i, r, o, n)).collect())
            }
            _ => None,
        }
    }

    /// Where the text of `span` (every edit either inside it or apart from
    /// it) lies in the new file.
    fn moved(&self, span: Span) -> Option<(usize, usize)> {
        let grown = |(s, len): &(Span, usize)| *len as isize - (s.end - s.start) as isize;
        let before: isize =
            self.edited.iter().filter(|(s, _)| s.end <= span.start && s.start < span.start).map(grown).sum();
        let inside: isize =
            self.edited.iter().filter(|(s, _)| s.start >= span.start && s.end <= span.end).map(grown).sum();
        let (start, end) = (span.start.checked_add_signed(before)?, span.end.checked_add_signed(before + inside)?);
        let out = self.out;
        (end <= out.len() && start <= end && out.is_char_boundary(start) && out.is_char_boundary(end))
            .then_some((start, end))
    }

    /// A renamed key's new text, read on its own as a key, is `want`. A key
    /// of a block mapping is a one-line scalar, so it reads the same alone.
    fn key_reads_as(&self, key: NodeId, want: &Value) -> bool {
        let node = self.doc.node(key);
        if node.anchor.is_some() || node.tag.is_some() || !matches!(node.kind, Kind::Scalar { .. }) {
            return false;
        }
        let Some((start, end)) = self.moved(node.span) else { return false };
        let text = &self.out[start..end];
        if text.contains(['\n', '\r']) {
            return false;
        }
        match super::from_str::<Value>(&format!("{text}: 0\n")) {
            Ok(Value::Mapping(m)) => m.len() == 1 && m.keys().next() == Some(want),
            _ => false,
        }
    }

    /// Reads node `id`'s new text on its own, at its own column, and compares
    /// it with the data intended for it.
    fn window(&self, id: NodeId, read: &Value, old: &Value, new: &Value) -> Proof {
        let Some((start, end)) = self.moved(self.doc.node(id).span) else { return Proof::NeedsWindow };
        let out = self.out;
        let line_start = out[..start].rfind('\n').map_or(0, |i| i + 1);
        let lead = &out[line_start..start];
        // Only spaces and the dashes of list items before the node on its
        // line: they become spaces, so the node keeps its column.
        if !lead.bytes().all(|b| b == b' ' || b == b'-') {
            return Proof::NeedsWindow;
        }
        let mut piece = " ".repeat(lead.len());
        piece.push_str(&out[start..end]);
        match super::from_str::<Value>(&piece) {
            Ok(back) if back == apply_changes(read, old, new) => Proof::Proven,
            _ => Proof::NeedsWindow,
        }
    }
}

/// The file's entry of the last key that comes before `k` in `n`: where a new
/// entry `k` goes after.
fn entry_before<'e>(
    keys: &[(Option<Value>, &'e super::tree::Entry)],
    n: &Mapping,
    k: &Value,
) -> Option<&'e super::tree::Entry> {
    n.keys()
        .take_while(|x| *x != k)
        .filter_map(|x| keys.iter().rev().find(|(fk, _)| fk.as_ref() == Some(x)))
        .last()
        .map(|(_, e)| *e)
}

/// `read` (a file's data) with the changes from `old` to `new` made: keys the
/// model does not know, and values it did not change, stay as read.
pub fn apply_changes(read: &Value, old: &Value, new: &Value) -> Value {
    if same(old, new) {
        return read.clone();
    }
    match (read, old, new) {
        (Value::Mapping(r), Value::Mapping(o), Value::Mapping(n)) => {
            let mut out = Mapping::new();
            for (k, v) in r {
                match (o.get(k), n.get(k)) {
                    (Some(ov), Some(nv)) => {
                        out.insert(k.clone(), apply_changes(v, ov, nv));
                    }
                    (Some(_), None) => {}
                    (None, Some(nv)) => {
                        out.insert(k.clone(), nv.clone());
                    }
                    (None, None) => {
                        out.insert(k.clone(), v.clone());
                    }
                }
            }
            // Keys the model writes and the file does not, where they changed.
            for (k, v) in n {
                if !r.contains_key(k) && o.get(k) != Some(v) {
                    out.insert(k.clone(), v.clone());
                }
            }
            Value::Mapping(out)
        }
        (Value::Sequence(r), Value::Sequence(o), Value::Sequence(n)) if r.len() == o.len() && o.len() == n.len() => {
            Value::Sequence(r.iter().zip(o).zip(n).map(|((r, o), n)| apply_changes(r, o, n)).collect())
        }
        _ => new.clone(),
    }
}

/// How a node sits in its parent.
#[derive(Debug, Clone, Copy)]
struct Place {
    /// The column of the line's owner: the key's column for a mapping
    /// value, the dash's for a list item.
    parent_col: usize,
    /// For a mapping value: the byte after the key's `:`.
    after_colon: Option<usize>,
    /// Inside a flow collection.
    in_flow: bool,
    root: bool,
}

struct Patcher<'a> {
    text: &'a str,
    doc: &'a Document,
    edits: Vec<(Span, String)>,
    eol: &'static str,
    /// The file's indentation step (2 unless the file says otherwise).
    step: usize,
}

impl<'a> Patcher<'a> {
    fn new(text: &'a str, doc: &'a Document) -> Self {
        let eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
        let mut p = Patcher { text, doc, edits: Vec::new(), eol, step: 2 };
        p.step = p.indent_step();
        p
    }

    /// The most common indentation between a block mapping's key and a
    /// block mapping nested under it.
    fn indent_step(&self) -> usize {
        let mut counts = [0usize; 9];
        for node in &self.doc.nodes {
            let Kind::Mapping { style: CollectionStyle::Block, entries } = &node.kind else { continue };
            for e in entries {
                let v = self.doc.node(e.value);
                if let Kind::Mapping { style: CollectionStyle::Block, .. } = v.kind {
                    let (kc, vc) = (self.col(self.doc.node(e.key).span.start), self.col(v.span.start));
                    if vc > kc && vc - kc < counts.len() && self.starts_line(v.span.start) {
                        counts[vc - kc] += 1;
                    }
                }
            }
        }
        (1..counts.len()).max_by_key(|&i| (counts[i], i == 2)).filter(|&i| counts[i] > 0).unwrap_or(2)
    }

    fn apply(mut self) -> Option<String> {
        self.edits.sort_by_key(|(s, _)| (s.start, s.end));
        let mut out = String::with_capacity(self.text.len() + 256);
        let mut at = 0;
        for (span, new) in &self.edits {
            if span.start < at {
                return None;
            }
            out.push_str(&self.text[at..span.start]);
            out.push_str(new);
            at = span.end;
        }
        out.push_str(&self.text[at..]);
        Some(out)
    }

    // --- text positions -------------------------------------------------

    fn line_start(&self, at: usize) -> usize {
        self.text[..at].rfind('\n').map_or(0, |i| i + 1)
    }
    fn col(&self, at: usize) -> usize {
        at - self.line_start(at)
    }
    fn starts_line(&self, at: usize) -> bool {
        self.text[self.line_start(at)..at].bytes().all(|b| b == b' ' || b == b'\t')
    }
    /// The end of the line holding `at`, before its line break.
    fn line_end(&self, at: usize) -> usize {
        let nl = self.text[at..].find('\n').map_or(self.text.len(), |i| at + i);
        if nl > at && self.text.as_bytes()[nl - 1] == b'\r' {
            nl - 1
        } else {
            nl
        }
    }
    /// The end of a node's last line (block scalars end after their break).
    fn last_line_end(&self, end: usize) -> usize {
        let b = self.text.as_bytes();
        let mut e = end;
        while e > 0 && matches!(b[e - 1], b'\n' | b'\r') {
            e -= 1;
        }
        self.line_end(e)
    }
    /// A node's span without the blanks (and, after a quoted scalar, the
    /// comment) the parser may count to it: a quoted scalar ends at its
    /// closing quote, a plain one at its last non-blank.
    fn span(&self, id: NodeId) -> Span {
        let n = self.doc.node(id);
        let (b, s) = (self.text.as_bytes(), n.span);
        let end = match n.kind {
            Kind::Scalar { style: ScalarStyle::DoubleQuoted, .. } => {
                let mut i = s.start + 1;
                while i < s.end && b[i] != b'"' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
                (i + 1).min(s.end)
            }
            Kind::Scalar { style: ScalarStyle::SingleQuoted, .. } => {
                let mut i = s.start + 1;
                while i < s.end {
                    if b[i] == b'\'' {
                        if b.get(i + 1) == Some(&b'\'') {
                            i += 2;
                            continue;
                        }
                        break;
                    }
                    i += 1;
                }
                (i + 1).min(s.end)
            }
            Kind::Scalar { style: ScalarStyle::Plain, .. } | Kind::Alias { .. } => {
                s.start + self.text[s.start..s.end].trim_end().len()
            }
            _ => s.end,
        };
        Span::new(s.start, end)
    }

    /// The start of the node with its anchor and tag.
    fn full_start(&self, id: NodeId) -> usize {
        let n = self.doc.node(id);
        [Some(n.span.start), n.anchor.as_ref().map(|a| a.span.start), n.tag.as_ref().map(|t| t.span.start)]
            .into_iter()
            .flatten()
            .min()
            .unwrap_or(n.span.start)
    }
    fn entry_end(&self, key: NodeId, value: NodeId) -> usize {
        self.span(key).end.max(self.span(value).end)
    }
    /// The lines of `start..end` to remove: whole lines, with the comment
    /// lines directly above.
    fn removal(&self, start: usize, end: usize) -> Option<Span> {
        let line = self.line_start(start);
        if !self.starts_line(start) {
            return None;
        }
        let mut from = line;
        while from > 0 {
            let prev = self.line_start(from - 1);
            if self.text[prev..from].trim_start().starts_with('#') {
                from = prev;
            } else {
                break;
            }
        }
        let last = self.last_line_end(end);
        let to = match self.text[last..].find('\n') {
            Some(i) => last + i + 1,
            // The last line of a file without a final line break: the break
            // before it goes instead.
            None => {
                let before = self.text[..from].trim_end_matches(['\n', '\r']).len();
                return Some(Span::new(before.min(from), self.text.len()));
            }
        };
        Some(Span::new(from, to))
    }

    fn edit(&mut self, span: Span, text: String) {
        self.edits.push((span, text));
    }

    /// `emitted` (the writer's text, 2-space steps, `\n` breaks) placed at
    /// `col`: every line after the first indented by `col`, the first too
    /// when `first`; steps scaled to the file's.
    fn indent(&self, emitted: &str, col: usize, first: bool) -> String {
        // A literal block's lines keep the writer's indentation: scaling
        // them would change the text.
        let literal = emitted.lines().any(|l| {
            let t = l.trim_end();
            t.ends_with('|') || t.ends_with("|-") || t.ends_with("|+") || t.contains(": |") || t.contains("- |")
        });
        let scale = |lead: usize| if literal { lead } else { lead * self.step / 2 };
        let mut out = String::with_capacity(emitted.len() + 32);
        for (i, line) in emitted.trim_end_matches('\n').split('\n').enumerate() {
            if i > 0 {
                out.push_str(self.eol);
            }
            if line.is_empty() {
                continue;
            }
            let lead = line.len() - line.trim_start_matches(' ').len();
            if i > 0 || first {
                out.extend(std::iter::repeat_n(' ', col));
            }
            out.extend(std::iter::repeat_n(' ', scale(lead)));
            out.push_str(&line[lead..]);
        }
        out
    }

    // --- the walk -------------------------------------------------------

    /// Patches node `id` from `old` to `new`; false when it could not (then
    /// nothing of it was changed and the caller writes it again).
    fn patch(&mut self, id: NodeId, old: &Value, new: &Value, place: &Place) -> bool {
        same(old, new) || self.patch_changed(id, old, new, place)
    }

    /// [`Patcher::patch`] of data already known to differ: comparing it
    /// again would walk the same data once more at every level.
    fn patch_changed(&mut self, id: NodeId, old: &Value, new: &Value, place: &Place) -> bool {
        let mark = self.edits.len();
        if self.patch_inner(id, old, new, place) {
            return true;
        }
        self.edits.truncate(mark);
        self.replace(id, new, place)
    }

    fn patch_inner(&mut self, id: NodeId, old: &Value, new: &Value, place: &Place) -> bool {
        let node = self.doc.node(id);
        match (&node.kind, old, new) {
            (Kind::Scalar { .. }, _, Value::Mapping(_) | Value::Sequence(_)) => false,
            (Kind::Scalar { style, .. }, _, _) if node.tag.is_none() && node.anchor.is_none() => {
                let Some(text) = self.scalar_text(new, Some(*style), place.in_flow) else { return false };
                if text.contains('\n') {
                    return false;
                }
                match place.after_colon {
                    // `key:` with nothing after it: the value goes after the colon.
                    Some(colon) if node.span.is_empty() => self.edit(Span::new(colon, colon), format!(" {text}")),
                    _ if node.span.is_empty() => return false,
                    _ => self.edit(self.span(id), text),
                }
                true
            }
            (Kind::Mapping { style, entries }, Value::Mapping(o), Value::Mapping(n)) if !n.is_empty() => {
                self.mapping(*style, entries, o, n)
            }
            (Kind::Sequence { style, items }, Value::Sequence(o), Value::Sequence(n))
                if !n.is_empty() && items.len() == o.len() =>
            {
                self.sequence(*style, items, o, n)
            }
            _ => false,
        }
    }

    /// Writes node `id` again as `new`, where it stands.
    fn replace(&mut self, id: NodeId, new: &Value, place: &Place) -> bool {
        let node = self.doc.node(id);
        if node.tag.is_some() || node.anchor.is_some() || place.root {
            return false;
        }
        let span = node.span;
        // Writing a node again would expand an alias or a merge in it.
        let holds_alias = self.doc.nodes.iter().any(|n| {
            (n.anchor.is_some() || matches!(n.kind, Kind::Alias { .. }))
                && n.span.start >= span.start
                && n.span.end <= span.end
        });
        if holds_alias || matches!(node.kind, Kind::Alias { .. }) {
            return false;
        }
        let block_node = matches!(
            node.kind,
            Kind::Mapping { style: CollectionStyle::Block, .. } | Kind::Sequence { style: CollectionStyle::Block, .. }
        );
        if place.in_flow {
            let Some(text) = self.flow_text(new) else { return false };
            self.edit(span, text);
            return true;
        }
        // A flow collection stays flow when it is written again.
        if matches!(
            node.kind,
            Kind::Mapping { style: CollectionStyle::Flow, .. } | Kind::Sequence { style: CollectionStyle::Flow, .. }
        ) && matches!(new, Value::Mapping(_) | Value::Sequence(_))
        {
            if let Some(mut text) = self.flow_text(new) {
                let orig = span.text(self.text);
                if orig.len() > 2 && orig.as_bytes()[1] == b' ' && text.len() > 2 {
                    text = format!("{} {} {}", &text[..1], &text[1..text.len() - 1], &text[text.len() - 1..]);
                }
                self.edit(span, text);
                return true;
            }
        }
        let emitted = super::emit::emit(new);
        let one_line = !emitted.trim_end_matches('\n').contains('\n');
        let literal = emitted.starts_with('|');
        match place.after_colon {
            // A mapping's value.
            Some(colon) => {
                let from_colon = Span::new(colon, span.end.max(colon));
                if one_line {
                    let text = format!(" {}", emitted.trim_end_matches('\n'));
                    self.edit(from_colon, text);
                } else if literal {
                    let text = format!(" {}", self.indent(&emitted, place.parent_col, false));
                    self.edit(from_colon, text);
                } else if block_node && self.starts_line(span.start) {
                    let text = self.indent(&emitted, self.col(span.start), false);
                    self.edit(span, text);
                } else {
                    let text = format!("{}{}", self.eol, self.indent(&emitted, place.parent_col + self.step, true));
                    self.edit(from_colon, text);
                }
            }
            // A list item: it starts after its dash, on the dash's line.
            None => {
                if one_line {
                    self.edit(span, emitted.trim_end_matches('\n').to_owned());
                } else {
                    let col = if self.starts_line(span.start) { self.col(span.start) } else { place.parent_col + 2 };
                    if self.col(span.start) != col {
                        return false;
                    }
                    let text = self.indent(&emitted, col, false);
                    self.edit(span, text);
                }
            }
        }
        true
    }

    fn mapping(&mut self, style: CollectionStyle, entries: &[super::tree::Entry], o: &Mapping, n: &Mapping) -> bool {
        let flow = style == CollectionStyle::Flow;
        // The file's entries by key (the last of equal keys wins, as read).
        let mut keys: Vec<(Option<Value>, &super::tree::Entry)> = Vec::with_capacity(entries.len());
        for e in entries {
            if self.is_merge_key(e.key) {
                continue;
            }
            match self.key_value(e.key) {
                Some(k) => keys.push((Some(k), e)),
                None => return false,
            }
        }
        let find = |k: &Value| keys.iter().rev().find(|(fk, _)| fk.as_ref() == Some(k)).map(|(_, e)| *e);
        let removed: Vec<&Value> = o.keys().filter(|k| !n.contains_key(*k)).collect();
        let added: Vec<&Value> = n.keys().filter(|k| !o.contains_key(*k)).collect();
        // A move (the model's order of the common keys changed): written again.
        let common = |m: &Mapping| -> Vec<Value> {
            m.keys().filter(|k| o.contains_key(*k) && n.contains_key(*k)).cloned().collect()
        };
        if common(o) != common(n) {
            return false;
        }
        // A rename: one key out, one in, at the same position.
        let o_keys: Vec<&Value> = o.keys().collect();
        let n_keys: Vec<&Value> = n.keys().collect();
        let mut renames: Vec<(&Value, &Value)> = Vec::new();
        if removed.len() == added.len() {
            for (r, a) in removed.iter().zip(&added) {
                let (ri, ai) = (o_keys.iter().position(|k| k == r), n_keys.iter().position(|k| k == a));
                if ri.is_some() && ri == ai && find(r).is_some() {
                    renames.push((r, a));
                }
            }
            if renames.len() != removed.len() {
                renames.clear();
            }
        }
        let renamed_from = |k: &Value| renames.iter().find(|(_, a)| *a == k).map(|(r, _)| *r);
        for (r, a) in &renames {
            let e = find(r).expect("checked");
            let key = self.doc.node(e.key);
            let style = match key.kind {
                Kind::Scalar { style, .. } if key.tag.is_none() => style,
                _ => return false,
            };
            let Some(text) = self.key_text(a, style, flow) else { return false };
            self.edit(self.span(e.key), text);
            let place = self.value_place(e, flow);
            if !self.patch(e.value, &o[*r], &n[*a], &place) {
                return false;
            }
        }
        // Changed values.
        for (k, nv) in n {
            let Some(ov) = o.get(k) else { continue };
            if same(ov, nv) {
                continue;
            }
            match find(k) {
                Some(e) => {
                    let place = self.value_place(e, flow);
                    if !self.patch_changed(e.value, ov, nv, &place) {
                        return false;
                    }
                }
                // A key the model had that the file does not write (merged,
                // or a default): written out where the key would go.
                None => {
                    if flow || !self.insert_entry(&keys, n, k, nv) {
                        return false;
                    }
                }
            }
        }
        if renames.is_empty() && (!removed.is_empty() || !added.is_empty()) && flow {
            return self.flow_entries(&keys, n, &removed, &added);
        }
        if renames.is_empty() {
            for k in &removed {
                let matching: Vec<_> = keys.iter().filter(|(fk, _)| fk.as_ref() == Some(*k)).map(|(_, e)| *e).collect();
                if matching.is_empty() {
                    return false;
                }
                if matching.len() == keys.len() {
                    return false;
                }
                for e in matching {
                    let start = self.full_start(e.key);
                    let Some(span) = self.removal(start, self.entry_end(e.key, e.value)) else { return false };
                    self.edit(span, String::new());
                }
            }
            for k in &added {
                if renamed_from(k).is_some() {
                    continue;
                }
                if !self.insert_entry(&keys, n, k, &n[*k]) {
                    return false;
                }
            }
        }
        true
    }

    /// Entries removed from and added to a flow mapping: each removed one
    /// with the comma before it (after it for the first), each added one
    /// before the closing brace, quoted as its siblings are.
    fn flow_entries(
        &mut self,
        keys: &[(Option<Value>, &super::tree::Entry)],
        n: &Mapping,
        removed: &[&Value],
        added: &[&Value],
    ) -> bool {
        let at = |k: &Value| keys.iter().position(|(fk, _)| fk.as_ref() == Some(k));
        let mut gone = Vec::new();
        for k in removed {
            match at(k) {
                Some(i) if keys.iter().filter(|(fk, _)| fk.as_ref() == Some(*k)).count() == 1 => gone.push(i),
                _ => return false,
            }
        }
        if gone.len() == keys.len() && added.is_empty() {
            return false;
        }
        for &i in &gone {
            let e = keys[i].1;
            let start = self.full_start(e.key);
            let end = self.entry_end(e.key, e.value);
            let span = if i > 0 {
                let prev = keys[i - 1].1;
                Span::new(self.entry_end(prev.key, prev.value), end)
            } else if let Some((_, next)) = keys.get(1) {
                Span::new(start, self.full_start(next.key))
            } else {
                Span::new(start, end)
            };
            if self.text[span.start..span.end].contains(['#', '\n']) {
                return false;
            }
            self.edit(span, String::new());
        }
        if added.is_empty() {
            return true;
        }
        let Some((_, last)) = keys.iter().enumerate().filter(|(i, _)| !gone.contains(i)).map(|(_, k)| k).next_back()
        else {
            return false;
        };
        let end = self.entry_end(last.key, last.value);
        let end = self.text[..end].trim_end_matches([' ', '\t']).len();
        let quoted = self.siblings_style(keys);
        let mut text = String::new();
        for k in added {
            let v = &n[*k];
            let Some(key) = self.scalar_text(k, None, true) else { return false };
            let value = match (v, quoted) {
                (Value::String(_), Some(style)) => self.scalar_text(v, Some(style), true),
                _ => self.flow_text(v),
            };
            let Some(value) = value else { return false };
            if value.contains('\n') {
                return false;
            }
            text.push_str(&format!(", {key}: {value}"));
        }
        self.edit(Span::new(end, end), text);
        true
    }

    fn value_place(&self, e: &super::tree::Entry, flow: bool) -> Place {
        let key = self.doc.node(e.key).span;
        let colon = self.text[key.end..].find(':').map(|i| key.end + i + 1);
        Place { parent_col: self.col(self.full_start(e.key)), after_colon: colon, in_flow: flow, root: false }
    }

    /// Inserts `k: v` into a block mapping after the entry of the key before
    /// it in `n`, or before the first entry.
    fn insert_entry(
        &mut self,
        keys: &[(Option<Value>, &super::tree::Entry)],
        n: &Mapping,
        k: &Value,
        v: &Value,
    ) -> bool {
        let Some((_, first)) = keys.first() else { return false };
        let first_start = self.full_start(first.key);
        if !self.starts_line(first_start) {
            // `- key: ...`: the first key shares the dash's line.
            return self.insert_after_first_key(keys, n, k, v);
        }
        let col = self.col(first_start);
        let text = match self.entry_text(keys, k, v, col) {
            Some(t) => t,
            None => return false,
        };
        match entry_before(keys, n, k) {
            Some(e) => {
                let at = self.last_line_end(self.entry_end(e.key, e.value));
                self.edit(Span::new(at, at), format!("{}{}", self.eol, text));
            }
            None => {
                let at = self.line_start(first_start);
                self.edit(Span::new(at, at), format!("{}{}", text, self.eol));
            }
        }
        true
    }

    /// As [`Self::insert_entry`] where the first entry follows a dash: new
    /// entries go after an entry other than the first, or right after it.
    fn insert_after_first_key(
        &mut self,
        keys: &[(Option<Value>, &super::tree::Entry)],
        n: &Mapping,
        k: &Value,
        v: &Value,
    ) -> bool {
        let (_, first) = keys[0];
        let col = self.col(self.full_start(first.key));
        let Some(text) = self.entry_text(keys, k, v, col) else { return false };
        let e = entry_before(keys, n, k).unwrap_or(first);
        let at = self.last_line_end(self.entry_end(e.key, e.value));
        self.edit(Span::new(at, at), format!("{}{}", self.eol, text));
        true
    }

    /// The one style every non-empty scalar value among `keys` is written
    /// in, if they share one.
    fn siblings_style(&self, keys: &[(Option<Value>, &super::tree::Entry)]) -> Option<ScalarStyle> {
        let mut styles = keys.iter().filter_map(|(_, e)| match &self.doc.node(e.value).kind {
            Kind::Scalar { style, value } if !value.is_empty() => Some(*style),
            _ => None,
        });
        let first = styles.next()?;
        styles.all(|s| s == first).then_some(first)
    }

    /// `k: v` at `col`, a scalar value quoted as its siblings' are.
    fn entry_text(
        &self,
        keys: &[(Option<Value>, &super::tree::Entry)],
        k: &Value,
        v: &Value,
        col: usize,
    ) -> Option<String> {
        let mut one = Mapping::new();
        one.insert(k.clone(), v.clone());
        let emitted = super::emit::emit(&Value::Mapping(one));
        let collection =
            matches!(v, Value::Mapping(m) if !m.is_empty()) || matches!(v, Value::Sequence(q) if !q.is_empty());
        if collection && self.siblings_flow(keys.iter().map(|(_, e)| e.value)) {
            let key = self.scalar_text(k, None, false)?;
            if !key.contains('\n') {
                if let Some(value) = self.flow_text(v) {
                    return Some(format!("{}{key}: {value}", " ".repeat(col)));
                }
            }
        }
        if let Value::String(_) = v {
            let quoted = self
                .siblings_style(keys)
                .filter(|s| matches!(s, ScalarStyle::DoubleQuoted | ScalarStyle::SingleQuoted));
            if let Some(style) = quoted {
                let key = self.scalar_text(k, None, false)?;
                let value = self.scalar_text(v, Some(style), false)?;
                if !value.contains('\n') && !key.contains('\n') {
                    return Some(format!("{}{key}: {value}", " ".repeat(col)));
                }
            }
        }
        Some(self.indent(&emitted, col, true))
    }

    fn sequence(&mut self, style: CollectionStyle, items: &[NodeId], o: &[Value], n: &[Value]) -> bool {
        let flow = style == CollectionStyle::Flow;
        if flow {
            if o.len() != n.len() {
                return false;
            }
            for (i, &id) in items.iter().enumerate() {
                let place = Place { parent_col: 0, after_colon: None, in_flow: true, root: false };
                if !self.patch(id, &o[i], &n[i], &place) {
                    return false;
                }
            }
            return true;
        }
        let mut dashes = Vec::with_capacity(items.len());
        for &id in items {
            match self.dash(id) {
                Some(d) => dashes.push(d),
                None => return false,
            }
        }
        // Items kept (equal), then runs between them: changed in place
        // pairwise, the rest removed or inserted.
        let pairs = lcs(o, n);
        let mut runs = Vec::new();
        let (mut oi, mut ni) = (0, 0);
        for &(a, b) in pairs.iter().chain(std::iter::once(&(o.len(), n.len()))) {
            runs.push((oi..a, ni..b));
            oi = a + 1;
            ni = b + 1;
        }
        for (or, nr) in runs {
            // In a run, items are paired by likeness (a service by its
            // name), the rest removed or inserted where they stand.
            let ops = align(&o[or.clone()], &n[nr.clone()]);
            let mut after = or.start.checked_sub(1);
            let mut pending: Vec<usize> = Vec::new();
            for op in ops {
                match op {
                    Op::Pair(a, b) => {
                        let (a, b) = (or.start + a, nr.start + b);
                        if !self.insert_items(items, &dashes, n, after, &mut pending) {
                            return false;
                        }
                        let place =
                            Place { parent_col: self.col(dashes[a]), after_colon: None, in_flow: false, root: false };
                        if !self.patch(items[a], &o[a], &n[b], &place) {
                            return false;
                        }
                        after = Some(a);
                    }
                    Op::Del(a) => {
                        let a = or.start + a;
                        let Some(span) = self.removal(dashes[a], self.span(items[a]).end) else {
                            return false;
                        };
                        self.edit(span, String::new());
                    }
                    Op::Ins(b) => pending.push(nr.start + b),
                }
            }
            if !self.insert_items(items, &dashes, n, after, &mut pending) {
                return false;
            }
        }
        true
    }

    /// Inserts the items `pending` of `n` after item `after` (before the
    /// first item when None), in the style of the list's items.
    fn insert_items(
        &mut self,
        items: &[NodeId],
        dashes: &[usize],
        n: &[Value],
        after: Option<usize>,
        pending: &mut Vec<usize>,
    ) -> bool {
        if pending.is_empty() {
            return true;
        }
        let col = self.col(dashes[0]);
        let flow_items = self.siblings_flow(items.iter().copied());
        let mut text = String::new();
        for b in pending.drain(..) {
            if !text.is_empty() {
                text.push_str(self.eol);
            }
            let flow = match (&n[b], flow_items) {
                (Value::Mapping(m), true) if !m.is_empty() => self.flow_text(&n[b]),
                (Value::Sequence(q), true) if !q.is_empty() => self.flow_text(&n[b]),
                _ => None,
            };
            match flow {
                Some(f) => {
                    let gap = self.item_gap(dashes[0], items[0]);
                    text.push_str(&format!("{}-{gap}{f}", " ".repeat(col)));
                }
                None => {
                    let emitted = super::emit::emit(&Value::Sequence(vec![n[b].clone()]));
                    text.push_str(&self.indent(&emitted, col, true));
                }
            }
        }
        match after {
            Some(a) => {
                let at = self.last_line_end(self.span(items[a]).end);
                self.edit(Span::new(at, at), format!("{}{}", self.eol, text));
            }
            None => {
                let at = self.line_start(dashes[0]);
                self.edit(Span::new(at, at), format!("{}{}", text, self.eol));
            }
        }
        true
    }

    /// True when every collection among `nodes` is written in flow style
    /// (and there is one).
    fn siblings_flow(&self, nodes: impl Iterator<Item = NodeId>) -> bool {
        let mut any = false;
        for id in nodes {
            match self.doc.node(id).kind {
                Kind::Mapping { style: CollectionStyle::Flow, .. }
                | Kind::Sequence { style: CollectionStyle::Flow, .. } => any = true,
                Kind::Mapping { .. } | Kind::Sequence { .. } => return false,
                _ => {}
            }
        }
        any
    }

    /// The blanks between an item's dash and its content (`-   x`).
    fn item_gap(&self, dash: usize, item: NodeId) -> String {
        let start = self.full_start(item);
        let gap = &self.text[dash + 1..start.max(dash + 1)];
        if !gap.is_empty() && gap.bytes().all(|b| b == b' ') {
            gap.to_owned()
        } else {
            " ".to_owned()
        }
    }

    /// The dash of a block list's item, on the item's line.
    fn dash(&self, id: NodeId) -> Option<usize> {
        let start = self.full_start(id);
        let before = &self.text[self.line_start(start)..start];
        let trimmed = before.trim_end_matches([' ', '\t']);
        trimmed.ends_with('-').then(|| self.line_start(start) + trimmed.len() - 1)
    }

    // --- scalars --------------------------------------------------------

    fn is_merge_key(&self, id: NodeId) -> bool {
        let node = self.doc.node(id);
        match &node.kind {
            Kind::Scalar { value, style } => {
                super::resolve::is_merge(value)
                    && match &node.tag {
                        None => *style == ScalarStyle::Plain,
                        Some(t) => t.full == super::resolve::MERGE,
                    }
            }
            _ => false,
        }
    }

    fn key_value(&self, id: NodeId) -> Option<Value> {
        let node = self.doc.node(id);
        let Kind::Scalar { value, style } = &node.kind else { return None };
        let plain = *style == ScalarStyle::Plain;
        let tag = node.tag.as_ref().map(|t| t.full.as_str());
        use super::resolve::Resolved;
        Some(Value::String(match super::resolve::resolve(tag, value, plain).ok()? {
            Resolved::Str(s) => s.into_owned(),
            Resolved::Bool(b) => b.to_string(),
            Resolved::Int(i) => i.to_string(),
            Resolved::UInt(u) => u.to_string(),
            Resolved::Float(_) | Resolved::Null => return None,
        }))
    }

    /// A key's text in `style` where it can be, else the writer's.
    fn key_text(&self, k: &Value, style: ScalarStyle, flow: bool) -> Option<String> {
        let text = self.scalar_text(k, Some(style), flow)?;
        if text.contains('\n') {
            return None;
        }
        Some(text)
    }

    /// A scalar's text, in `style` where that reads back as `v`.
    fn scalar_text(&self, v: &Value, style: Option<ScalarStyle>, in_flow: bool) -> Option<String> {
        let written = match v {
            Value::Mapping(m) if m.is_empty() => return Some("{}".into()),
            Value::Sequence(s) if s.is_empty() => return Some("[]".into()),
            Value::Mapping(_) | Value::Sequence(_) | Value::Tagged(_) => return None,
            other => super::emit::emit(other),
        };
        let written = written.trim_end_matches('\n').to_owned();
        let Value::String(s) = v else { return Some(written) };
        let flow_safe = |t: &str| !in_flow || !t.contains([',', '[', ']', '{', '}']);
        match style {
            Some(ScalarStyle::Plain) if written == *s && flow_safe(s) => Some(written),
            Some(ScalarStyle::SingleQuoted) if !s.contains(['\n', '\r']) && !s.chars().any(char::is_control) => {
                Some(format!("'{}'", s.replace('\'', "''")))
            }
            Some(ScalarStyle::DoubleQuoted) => Some(double_quoted(s)),
            _ if written.contains('\n') && in_flow => Some(double_quoted(s)),
            _ if !flow_safe(&written) => Some(double_quoted(s)),
            _ => Some(written),
        }
    }

    /// A value in flow style on one line.
    fn flow_text(&self, v: &Value) -> Option<String> {
        Some(match v {
            Value::Mapping(m) => {
                let mut parts = Vec::with_capacity(m.len());
                for (k, v) in m {
                    parts.push(format!("{}: {}", self.scalar_text(k, None, true)?, self.flow_text(v)?));
                }
                format!("{{{}}}", parts.join(", "))
            }
            Value::Sequence(s) => {
                let parts: Option<Vec<String>> = s.iter().map(|v| self.flow_text(v)).collect();
                format!("[{}]", parts?.join(", "))
            }
            other => self.scalar_text(other, None, true)?,
        })
    }
}

/// A double-quoted scalar with the writer's escapes.
fn double_quoted(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => {
                let n = c as u32;
                if n <= 0xFF {
                    out.push_str(&format!("\\x{n:02X}"));
                } else {
                    out.push_str(&format!("\\u{n:04X}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// One step of aligning two runs of list items.
enum Op {
    Pair(usize, usize),
    Del(usize),
    Ins(usize),
}

/// How alike two items are: equal entries of two mappings; any two
/// scalars are alike (changed in place); otherwise not.
fn likeness(a: &Value, b: &Value) -> usize {
    match (a, b) {
        (Value::Mapping(x), Value::Mapping(y)) => x.iter().filter(|(k, v)| y.get(*k) == Some(*v)).count(),
        (Value::Mapping(_) | Value::Sequence(_), _) | (_, Value::Mapping(_) | Value::Sequence(_)) => 0,
        _ => 1,
    }
}

/// The order-keeping pairing of `a` and `b` of most likeness.
fn align(a: &[Value], b: &[Value]) -> Vec<Op> {
    let (n, m) = (a.len(), b.len());
    if n * m > 250_000 {
        return (0..n).map(Op::Del).chain((0..m).map(Op::Ins)).collect();
    }
    let w = m + 1;
    let mut f = vec![0usize; (n + 1) * w];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            let s = likeness(&a[i], &b[j]);
            let pair = if s > 0 { s + f[(i + 1) * w + j + 1] } else { 0 };
            f[i * w + j] = f[(i + 1) * w + j].max(f[i * w + j + 1]).max(pair);
        }
    }
    let (mut i, mut j, mut ops) = (0, 0, Vec::new());
    while i < n && j < m {
        let s = likeness(&a[i], &b[j]);
        if s > 0 && f[i * w + j] == s + f[(i + 1) * w + j + 1] {
            ops.push(Op::Pair(i, j));
            i += 1;
            j += 1;
        } else if f[i * w + j] == f[(i + 1) * w + j] {
            ops.push(Op::Del(i));
            i += 1;
        } else {
            ops.push(Op::Ins(j));
            j += 1;
        }
    }
    ops.extend((i..n).map(Op::Del));
    ops.extend((j..m).map(Op::Ins));
    ops
}

/// The longest common subsequence of two lists, as index pairs in order.
fn lcs(a: &[Value], b: &[Value]) -> Vec<(usize, usize)> {
    let (n, m) = (a.len(), b.len());
    if n * m > 1_000_000 {
        return Vec::new();
    }
    let mut t = vec![0u32; (n + 1) * (m + 1)];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            t[i * (m + 1) + j] = if same(&a[i], &b[j]) {
                t[(i + 1) * (m + 1) + j + 1] + 1
            } else {
                t[(i + 1) * (m + 1) + j].max(t[i * (m + 1) + j + 1])
            };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < n && j < m {
        if same(&a[i], &b[j]) {
            out.push((i, j));
            i += 1;
            j += 1;
        } else if t[(i + 1) * (m + 1) + j] >= t[i * (m + 1) + j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Patches `text` (read as its own data) to `new`; whether the window
    /// alone proved it, and the text.
    fn windowed(text: &str, new: &str) -> (bool, Option<String>) {
        let typed: Value = crate::yaml::from_str(text).unwrap();
        let new: Value = crate::yaml::from_str(new).unwrap();
        let original = Original::new(text, typed.clone()).unwrap();
        let doc = &original.stream.documents[0];
        let root = doc.root.unwrap();
        let mut p = Patcher::new(text, doc);
        let place = Place { parent_col: 0, after_colon: None, in_flow: false, root: true };
        assert!(p.patch(root, &typed, &new, &place));
        let edited: Vec<_> = p.edits.iter().map(|(s, t)| (*s, t.len())).collect();
        let out = p.apply().unwrap();
        (verified_in_window(&original, doc, root, &edited, &out, &new), patch(&original, &new))
    }

    const SITE: &str = "# the site\nproject:\n  name: a\nenvironments:\n  prd:\n    # kept\n    services:\n      - name: web\n        replicas: 2 # two\n      - name: api\n        replicas: 1\n";

    #[test]
    fn a_deep_edit_reads_back_in_its_window() {
        let (window, out) =
            windowed(SITE, "{project: {name: a}, environments: {prd: {services: [{name: web, replicas: 2}, {name: api, replicas: 3}]}}}");
        assert!(window, "a replica count is proven in its list item");
        assert_eq!(out.unwrap(), SITE.replace("replicas: 1", "replicas: 3"));
    }

    #[test]
    fn edits_in_two_places_read_back_in_two_windows() {
        let (window, out) = windowed(SITE, "{project: {name: b}, environments: {prd: {services: [{name: web, replicas: 2}, {name: api, replicas: 1}]}}}");
        assert!(window, "inside `project`");
        assert_eq!(out.unwrap(), SITE.replacen("name: a", "name: b", 1));
        // Two edits in two top-level entries: a window for each.
        let (window, out) = windowed(SITE, "{project: {name: b}, environments: {prd: {services: [{name: web, replicas: 2}, {name: api, replicas: 4}]}}}");
        assert!(window, "one window each");
        assert_eq!(out.unwrap(), SITE.replacen("name: a", "name: b", 1).replace("replicas: 1", "replicas: 4"));
    }

    #[test]
    fn a_window_that_reads_otherwise_is_not_taken() {
        // A value that the patch writes as text which, in its window, is read
        // as written: the window agrees only when the data does.
        let text = "a:\n  b:\n    c: 1\n    d: 2\n";
        let (window, out) = windowed(text, "{a: {b: {c: 'x: y', d: 2}}}");
        assert!(window);
        let out = out.unwrap();
        let back: Value = crate::yaml::from_str(&out).unwrap();
        assert_eq!(back, crate::yaml::from_str::<Value>("{a: {b: {c: 'x: y', d: 2}}}").unwrap(), "{out}");
    }

    #[test]
    fn a_new_top_level_key_is_read_back_whole() {
        // An entry added to the root: no collection but the root holds it.
        let (window, out) = windowed(SITE, "{project: {name: a}, environments: {prd: {services: [{name: web, replicas: 2}, {name: api, replicas: 1}]}}, site: x}");
        assert!(!window);
        let out = out.unwrap();
        assert!(out.starts_with(SITE) && out.ends_with("site: x\n"), "{out}");
    }

    #[test]
    fn a_renamed_key_reads_back_on_its_own() {
        let (window, out) = windowed(SITE, "{project: {name: a}, environments: {stg: {services: [{name: web, replicas: 2}, {name: api, replicas: 1}]}}}");
        assert!(window, "the key alone");
        assert_eq!(out.unwrap(), SITE.replace("prd:", "stg:"));
        // Renamed and edited below at once.
        let (window, out) = windowed(SITE, "{project: {name: a}, environments: {stg: {services: [{name: web, replicas: 2}, {name: api, replicas: 5}]}}}");
        assert!(window);
        assert_eq!(out.unwrap(), SITE.replace("prd:", "stg:").replace("replicas: 1", "replicas: 5"));
    }
}
