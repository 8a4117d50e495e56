//! Y206 `defined-in-mismatch`: the rule's text is the doc comment of [`DefinedInMismatch`].

use super::*;
use crate::lint::facts::Facts;
use crate::text::first_chars;

declare_rule! {
    /// ## What it does
    /// Checks pointers such as 「第６条に定義される仕様書」: the term must really be defined in the article named.
    ///
    /// ## Why is this bad?
    /// After articles are renumbered, a pointer to the wrong article sends the reader to a provision that does not define the term.
    ///
    /// ## Example
    ///     第５条に定義される仕様書   (仕様書 is defined in 第６条)
    ///
    /// Use instead:
    ///     第６条に定義される仕様書
    pub struct DefinedInMismatch;
    static DEFINED_IN_MISMATCH = ("Y206", "defined-in-mismatch", Error, "「第N条に定義されるX」 where X is not defined in 第N条");
}

/// The words after a pointer (に定義される …) and the term they go on to, up to
/// [`TERM_CHARS`] characters of it. The term is matched unbounded (`+`) in a window of
/// [`AFTER_WINDOW`] characters and cut after: the same as a bounded `{1,40}`, which
/// would compile a copy of the class for each of the 40 (0.86 ms against 0.10).
static AFTER_POINTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:に|で|において)定義(?:される|された|する|した|されている)(?P<term>[^、。「」（）]+)",
    )
    .expect("after pointer")
});

/// The most characters of a term read after a pointer.
const TERM_CHARS: usize = 40;

/// The characters after a reference that [`AFTER_POINTER`] reads: its longest words
/// (において定義されている: 11) and a term of [`TERM_CHARS`], with room to spare. The window
/// keeps each match short, whatever runs on after it.
const AFTER_WINDOW: usize = 64;

/// The term after the pointer words at the start of `rest` (に定義される仕様書…): its
/// offset in `rest` and up to [`TERM_CHARS`] characters of it.
fn term_after_pointer(rest: &str) -> Option<(usize, &str)> {
    let c = AFTER_POINTER.captures(first_chars(rest, AFTER_WINDOW))?;
    let t = c.name("term")?;
    Some((t.start(), first_chars(&rest[t.range()], TERM_CHARS)))
}

violation! {
    /// 「…に定義される X」 where the provision cited does not define X: the term, the
    /// reference, and the provision that does (if any).
    struct NotDefinedThere { term: String, text: String, defined: Option<String> }

    fn message(&self) -> String {
        format!("「{}」 is not defined in {}", self.term, self.text)
    }

    fn help(&self) -> Option<String> {
        let w = self.defined.as_ref()?;
        Some(format!("it is defined in {w}: write 「{w}に定義される」"))
    }
}

fn check(facts: &Facts, out: &mut Findings) {
    let corpus = facts.corpus;
    let is_pointer =
        |r: &crate::model::Reference| r.kind == ReferenceKind::DefinedIn && !r.target.is_empty();
    // Most documents have no 「第N条に定義される」 at all: the maps are built only when
    // some document does.
    if !corpus
        .docs
        .iter()
        .any(|doc| doc.references.iter().any(is_pointer))
    {
        return;
    }
    let by_key: Vec<HashMap<String, Vec<&Definition>>> = corpus
        .docs
        .iter()
        .map(|doc| {
            let mut m: HashMap<String, Vec<&Definition>> = HashMap::new();
            for x in &doc.definitions {
                m.entry(name_key(&x.term)).or_default().push(x);
            }
            m
        })
        .collect();
    for (d, doc) in corpus.docs.iter().enumerate() {
        if !doc.references.iter().any(is_pointer) {
            continue;
        }
        let mut by_path: HashMap<&str, Vec<&crate::model::Provision>> = HashMap::new();
        for p in doc.all_provisions() {
            by_path.entry(p.path.as_str()).or_default().push(p);
        }
        for (ri, r) in doc.references.iter().enumerate() {
            if !is_pointer(r) {
                continue;
            }
            // The documents whose definitions count.
            let docs: Vec<usize> = match &corpus.ref_targets[d][ri] {
                crate::corpus::RefTarget::Own => vec![d],
                crate::corpus::RefTarget::Documents(ds) => ds.clone(),
                _ => continue,
            };
            let Some(article) = article_path(&r.target) else {
                continue;
            };
            // The provision the reference was read from (a path may repeat when the
            // numbering is broken).
            let Some(p) = by_path.get(r.path.as_str()).and_then(|ps| {
                ps.iter()
                    .find(|p| p.text.get(r.text_range.clone()) == Some(r.text.as_str()))
            }) else {
                continue;
            };
            let Some(rest) = p.text.get(r.text_range.end..) else {
                continue;
            };
            // The term: the longest defined term starting right after the pointer words.
            let Some((tail_start, tail_text)) = term_after_pointer(rest) else {
                continue;
            };
            let tail_key = name_key(tail_text);
            // Every prefix of the words after the pointer that some document defines.
            let mut candidates: Vec<&Definition> = Vec::new();
            for (i, ch) in tail_key.char_indices() {
                let prefix = &tail_key[..i + ch.len_utf8()];
                for &x in &docs {
                    if let Some(found) = by_key[x].get(prefix) {
                        candidates.extend(found.iter().copied());
                    }
                }
            }
            let Some(longest) = candidates
                .iter()
                .map(|x| name_key(&x.term))
                .max_by_key(|k| k.len())
            else {
                continue;
            };
            let defined_there = candidates.iter().any(|x| {
                name_key(&x.term) == longest
                    && article_path(&x.path).as_deref() == Some(article.as_str())
            });
            if defined_there {
                continue;
            }
            let where_defined: Vec<String> = candidates
                .iter()
                .filter(|x| name_key(&x.term) == longest)
                .map(|x| written_label(doc, &x.path))
                .collect();
            let start = r.text_range.end + tail_start;
            let term_text = &p.text[start..start + longest_len(tail_text, &longest)];
            let term_range = p.text_map.src_range(start..start + term_text.len());
            let not_there = NotDefinedThere {
                term: term_text.to_string(),
                text: r.text.to_string(),
                defined: where_defined.first().cloned(),
            };
            out.push(
                Finding::of(d, r.range.clone(), &r.path, &not_there)
                    .label(d, term_range, "the term"),
            );
        }
    }
}

/// Byte length in `s` of the prefix whose key is `key`.
fn longest_len(s: &str, key: &str) -> usize {
    let mut acc = String::new();
    for (i, c) in s.char_indices() {
        if acc == key {
            return i;
        }
        acc.extend(std::iter::once(c).filter(|c| !c.is_whitespace()));
        let k = name_key(&acc);
        if k.len() > key.len() {
            return i;
        }
        acc = k;
    }
    s.len()
}

#[cfg(test)]
mod tests {
    use super::term_after_pointer;

    proptest::proptest! {
        /// The term after a pointer, matched unbounded in a window and cut to 40
        /// characters, is the one the bounded pattern reads from the whole text.
        #[test]
        fn term_after_pointer_is_that_of_the_bounded_pattern(
            words in "(に|で|において)定義(される|された|する|した|されている)",
            run in "[仕様書ア]{0,70}",
            after in "[仕様、。「]{0,10}",
        ) {
            // A run of term characters of up to 70 (past the 40 read and the window),
            // then what stops it or not.
            let rest = format!("{words}{run}{after}");
            let bounded = regex::Regex::new(
                r"^(?:に|で|において)定義(?:される|された|する|した|されている)(?P<term>[^、。「」（）]{1,40})",
            )
            .unwrap();
            let want = bounded.captures(&rest).map(|c| (c.name("term").unwrap().start(), c["term"].to_string()));
            let got = term_after_pointer(&rest).map(|(at, t)| (at, t.to_string()));
            proptest::prop_assert_eq!(got, want);
        }
    }
}
