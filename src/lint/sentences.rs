//! Sentences of a document's provisions and the references in each, computed once per
//! provision, for rules that ask about the sentence a reference stands in: a scan back
//! and forth from every reference to its sentence's ends (and over every reference of
//! the document for each) would be quadratic on one long sentence.

use crate::model::Document;
use foldhash::{HashMap, HashMapExt};
use std::ops::Range;

pub(crate) struct Sentences<'a> {
    doc: &'a Document,
    /// Per provision path: its sentences.
    ranges: HashMap<&'a str, Vec<Range<usize>>>,
    /// Per provision path: the text starts of its references, sorted. Built when first
    /// asked: few references are asked about, and a long document has tens of thousands.
    starts: std::cell::OnceCell<HashMap<&'a str, Vec<usize>>>,
    /// Per (provision path, sentence start): does the sentence hold one of the words asked.
    holds: HashMap<(&'a str, usize), bool>,
}

impl<'a> Sentences<'a> {
    pub(crate) fn new(doc: &'a Document) -> Sentences<'a> {
        Sentences {
            doc,
            ranges: HashMap::new(),
            starts: std::cell::OnceCell::new(),
            holds: HashMap::new(),
        }
    }

    fn starts(&self) -> &HashMap<&'a str, Vec<usize>> {
        self.starts.get_or_init(|| {
            let mut starts: HashMap<&str, Vec<usize>> = HashMap::new();
            for r in &self.doc.references {
                starts
                    .entry(r.path.as_str())
                    .or_default()
                    .push(r.text_range.start);
            }
            for v in starts.values_mut() {
                v.sort_unstable();
            }
            starts
        })
    }

    /// The sentence of `text` (the provision at `path`) that holds `at`.
    pub(crate) fn sentence(&mut self, path: &'a str, text: &str, at: usize) -> Range<usize> {
        let ranges = self.ranges.entry(path).or_insert_with(|| {
            crate::work::add(text.len());
            crate::text::sentences(text).collect()
        });
        let k = ranges.partition_point(|r| r.end <= at);
        ranges.get(k).cloned().unwrap_or(at..at)
    }

    /// How many references of the provision at `path` start inside `sentence`.
    pub(crate) fn references_in(&self, path: &str, sentence: &Range<usize>) -> usize {
        self.starts().get(path).map_or(0, |v| {
            v.partition_point(|&s| s < sentence.end) - v.partition_point(|&s| s < sentence.start)
        })
    }

    /// Does the sentence hold one of `words` (asked once per sentence: the words are
    /// always the same for one caller)?
    pub(crate) fn holds(
        &mut self,
        path: &'a str,
        text: &str,
        sentence: &Range<usize>,
        words: &[&str],
    ) -> bool {
        *self.holds.entry((path, sentence.start)).or_insert_with(|| {
            crate::work::add(sentence.len());
            words.iter().any(|w| text[sentence.clone()].contains(w))
        })
    }
}
