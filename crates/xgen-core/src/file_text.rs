//! A bundle file's text: written already, or written when first read.
//!
//! An edit of the project-wide traffic policy gives every service a new
//! DestinationRule, 600 of them at 120 services × 5 environments, and the
//! page shows one. Writing the others belongs after the preview, to the
//! readers that want them (the change impact, the zip), not to the render
//! the preview waits for. An object that writes itself keeps its text once
//! written, so every reader after the first gets the same `Arc`.

use std::fmt;
use std::ops::Deref;
use std::sync::{Arc, OnceLock};

/// An object that can write its own text, once, when asked.
pub trait WritesItself: fmt::Debug + Send + Sync {
    /// The object's text (written at the first call, kept after).
    fn written(&self) -> &Arc<str>;

    /// Whether an earlier call wrote it already.
    fn is_written(&self) -> bool;
}

/// Where an object that writes itself keeps its text: outside the object's
/// equality and data, an object's cache of itself.
#[derive(Default)]
pub struct TextCache(OnceLock<Arc<str>>);

impl TextCache {
    pub fn get_or_write(&self, write: impl FnOnce() -> String) -> &Arc<str> {
        self.0.get_or_init(|| write().into())
    }

    pub fn is_written(&self) -> bool {
        self.0.get().is_some()
    }
}

impl fmt::Debug for TextCache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.is_written() { "TextCache(written)" } else { "TextCache(later)" })
    }
}

/// A copy writes its own text again: it is another object.
impl Clone for TextCache {
    fn clone(&self) -> Self {
        TextCache::default()
    }
}

/// The cache is not the object's data.
impl PartialEq for TextCache {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

/// A file's text. Reads as a `str` (`Deref`); a text written later is
/// written at the first read.
#[derive(Clone)]
pub struct FileText(Repr);

#[derive(Clone)]
enum Repr {
    Written(Arc<str>),
    Later(Arc<dyn WritesItself>),
}

impl FileText {
    /// The text of `object`, written when first read.
    pub fn later(object: Arc<dyn WritesItself>) -> Self {
        FileText(Repr::Later(object))
    }

    /// The text as a shared string (written now if it was not yet).
    pub fn arc(&self) -> Arc<str> {
        match &self.0 {
            Repr::Written(t) => t.clone(),
            Repr::Later(o) => o.written().clone(),
        }
    }

    /// The very same text, or the very same object's.
    fn is(&self, other: &FileText) -> bool {
        match (&self.0, &other.0) {
            (Repr::Written(a), Repr::Written(b)) => Arc::ptr_eq(a, b),
            (Repr::Later(a), Repr::Later(b)) => std::ptr::addr_eq(Arc::as_ptr(a), Arc::as_ptr(b)),
            _ => false,
        }
    }

    /// The same text, without writing a text not written yet where it can:
    /// the very same text or object, or equal texts. Two texts written
    /// later are the same only when they are the same object's: the
    /// renderer gives an object equal to the same file's last one that
    /// one's text (`Renderer::service_texts`), so two objects are two texts.
    /// This is what tells the files an edit changed, and it must not write
    /// the hundreds of objects an edit rebuilt to tell it.
    pub fn same(&self, other: &FileText) -> bool {
        match (&self.0, &other.0) {
            (Repr::Later(_), Repr::Later(_)) => self.is(other),
            _ => self == other,
        }
    }

    /// Whether the text is there without writing it (written, or written
    /// already by an earlier reader).
    pub fn is_written(&self) -> bool {
        match &self.0 {
            Repr::Written(_) => true,
            Repr::Later(o) => o.is_written(),
        }
    }
}

impl Deref for FileText {
    type Target = str;
    fn deref(&self) -> &str {
        match &self.0 {
            Repr::Written(t) => t,
            Repr::Later(o) => o.written(),
        }
    }
}

impl AsRef<str> for FileText {
    fn as_ref(&self) -> &str {
        self
    }
}

impl PartialEq for FileText {
    fn eq(&self, other: &Self) -> bool {
        self.is(other) || **self == **other
    }
}

impl Eq for FileText {}

impl PartialEq<str> for FileText {
    fn eq(&self, other: &str) -> bool {
        &**self == other
    }
}

impl PartialEq<&str> for FileText {
    fn eq(&self, other: &&str) -> bool {
        &**self == *other
    }
}

impl fmt::Debug for FileText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

impl fmt::Display for FileText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self)
    }
}

impl From<Arc<str>> for FileText {
    fn from(t: Arc<str>) -> Self {
        FileText(Repr::Written(t))
    }
}

impl From<&str> for FileText {
    fn from(t: &str) -> Self {
        FileText(Repr::Written(t.into()))
    }
}

impl From<String> for FileText {
    fn from(t: String) -> Self {
        FileText(Repr::Written(t.into()))
    }
}

impl From<FileText> for Arc<str> {
    fn from(t: FileText) -> Self {
        t.arc()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[derive(Debug, Default)]
    struct Counted {
        writes: AtomicUsize,
        cache: TextCache,
    }

    impl WritesItself for Counted {
        fn written(&self) -> &Arc<str> {
            self.cache.get_or_write(|| {
                self.writes.fetch_add(1, Ordering::Relaxed);
                "kind: X\n".to_owned()
            })
        }

        fn is_written(&self) -> bool {
            self.cache.is_written()
        }
    }

    #[test]
    fn a_later_text_is_written_once_at_its_first_read() {
        let object = Arc::new(Counted::default());
        let text = FileText::later(object.clone());
        let copy = text.clone();
        assert_eq!(object.writes.load(Ordering::Relaxed), 0, "not written before it is read");
        assert!(!text.is_written());
        assert_eq!(&*text, "kind: X\n");
        assert!(text.is_written() && copy.is_written(), "written once read");
        assert_eq!(copy.arc(), text.arc());
        assert!(Arc::ptr_eq(&copy.arc(), &text.arc()), "every reader gets the same text");
        assert_eq!(object.writes.load(Ordering::Relaxed), 1);
    }

    #[test]
    fn same_tells_texts_written_later_apart_by_object_without_writing_them() {
        let (a, b) = (Arc::new(Counted::default()), Arc::new(Counted::default()));
        let (ta, tb) = (FileText::later(a.clone()), FileText::later(b.clone()));
        assert!(ta.same(&ta.clone()));
        assert!(!ta.same(&tb), "two objects, two texts");
        assert_eq!(a.writes.load(Ordering::Relaxed) + b.writes.load(Ordering::Relaxed), 0, "nothing written to tell");
        assert!(!ta.is_written() && !tb.is_written());
        // A written text and one written later: compared as text.
        assert!(ta.same(&FileText::from("kind: X\n")));
        assert!(!FileText::from("kind: Y\n").same(&tb));
        assert!(FileText::from("a").same(&FileText::from(String::from("a"))));
    }

    #[test]
    fn a_copied_cache_is_empty_and_caches_are_not_data() {
        let cache = TextCache::default();
        cache.get_or_write(|| "x".into());
        assert_eq!(format!("{:?}", cache.clone()), "TextCache(later)");
        assert!(cache == TextCache::default());
    }
}
