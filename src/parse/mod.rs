//! Parsing: logical lines → provision tree (SPEC §2). The pest grammar in
//! `grammar/line.pest` recognises what each line is; the builder nests the lines.

mod builder;
pub mod line;
pub mod numeral;

use crate::layout::{self, LayoutKind};
use crate::model::{span_of, Document, DocumentKind, Provision};
use crate::source::SourceFile;
use std::sync::Arc;

/// A document parsed into its provision tree, before extraction.
pub struct Parsed {
    pub document: Document,
    pub layout: LayoutKind,
}

/// Parse a loaded source into the provision tree. `definitions`, `references` and
/// `precedence` are left empty (see [`crate::extract`]).
pub fn parse_source(source: Arc<SourceFile>, id: &str) -> Parsed {
    let (layout, lines) = layout::logical_lines(&source);
    let built = builder::build(lines, &source.text);
    let (title, title_range) = match &built.title {
        Some((t, map)) => (t.clone(), map.src_range(0..t.len())),
        None => (String::new(), 0..0),
    };
    let mut provisions = built.provisions;
    let mut suppl = built.suppl;
    for p in provisions.iter_mut().chain(suppl.iter_mut()) {
        fix_spans(p, &source);
    }
    let kind = document_kind(
        &title,
        built.has_articles,
        built.has_sections,
        built.law_number.is_some(),
    );
    let document = Document {
        id: id.to_string(),
        title,
        path: source.path.display().to_string(),
        kind,
        law_number: built.law_number,
        provisions,
        suppl,
        definitions: Vec::new(),
        references: Vec::new(),
        precedence: Vec::new(),
        toc: built.toc,
        source: source.clone(),
        title_range,
    };
    Parsed { document, layout }
}

/// The builder leaves decoded ranges in `span`; convert them to original-file spans.
/// (Iterative: the depth is bounded by the levels of the structure, but stay safe.)
fn fix_spans(root: &mut Provision, source: &SourceFile) {
    let mut stack = vec![root];
    while let Some(p) = stack.pop() {
        p.span = span_of(source, p.span.range());
        stack.extend(p.children.iter_mut());
    }
}

fn document_kind(
    title: &str,
    has_articles: bool,
    has_sections: bool,
    statute: bool,
) -> DocumentKind {
    // A statute (it has a law number) is neither terms nor a spec.
    if statute {
        DocumentKind::Other
    } else if title.contains("仕様書") || (!has_articles && has_sections) {
        DocumentKind::Spec
    } else if has_articles
        || [
            "約款",
            "規約",
            "契約",
            "条件書",
            "規程",
            "規則",
            "定款",
            "法",
        ]
        .iter()
        .any(|k| title.contains(k))
    {
        DocumentKind::Terms
    } else {
        DocumentKind::Other
    }
}
