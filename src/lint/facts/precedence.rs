//! The order of two documents of a corpus: which prevails, and the statement (or the
//! manifest's `precedence:`) that makes it prevail. Read by the precedence rules (Y4xx)
//! and by the conflicts (Y5xx), whose notes say which side prevails.

pub use crate::corpus::precedence::{order, prevails, stated_path, Evidence};
use crate::corpus::{Corpus, NameTarget};

/// How findings name a document: its title; with its file name when another document has
/// the same title, or the file name alone when it has none.
pub fn doc_name(corpus: &Corpus, d: usize) -> String {
    let Some(doc) = corpus.docs.get(d) else {
        return String::new();
    };
    let file = || {
        std::path::Path::new(&doc.path)
            .file_name()
            .map_or_else(|| doc.id.clone(), |f| f.to_string_lossy().into_owned())
    };
    if doc.title.trim().is_empty() {
        return file();
    }
    let shared = corpus
        .docs
        .iter()
        .enumerate()
        .any(|(i, o)| i != d && o.title == doc.title);
    if shared {
        format!("{} ({})", doc.title, file())
    } else {
        doc.title.clone()
    }
}

/// A note that says why a document prevails, quoting the statement.
pub fn evidence_note(corpus: &Corpus, winner: usize, loser: usize, e: &Evidence) -> String {
    let name = |x: usize| doc_name(corpus, x);
    match e {
        Evidence::Stated(chain) => {
            // Every statement of the chain, each with the group it speaks of.
            let says: Vec<String> = chain
                .iter()
                .map(|edge| {
                    let doc = &corpus.docs[edge.doc];
                    let Some(stmt) = doc.precedence.get(edge.statement) else {
                        return String::new();
                    };
                    let quote = doc.source.text.get(stmt.range.clone()).unwrap_or("");
                    let quote: String = quote.chars().filter(|c| !c.is_whitespace()).collect();
                    let mut s = format!(
                        "{} {} says 「{}」",
                        doc_name(corpus, edge.doc),
                        stmt.path,
                        quote
                    );
                    for (written, member) in
                        [(&stmt.higher, edge.higher), (&stmt.lower, edge.lower)]
                    {
                        if let Some(NameTarget::Docs(ds)) =
                            corpus.names.resolve(edge.doc, written, &corpus.docs)
                        {
                            if ds.len() > 1 {
                                s.push_str(&format!(
                                    " (「{}」 there includes {})",
                                    written,
                                    name(member)
                                ));
                            }
                        }
                    }
                    s
                })
                .collect();
            format!(
                "{} prevails over {}: {}",
                name(winner),
                name(loser),
                says.join("; ")
            )
        }
        Evidence::Manifest => format!(
            "{} prevails over {} by `precedence:` in yakkan.yaml",
            name(winner),
            name(loser)
        ),
    }
}
