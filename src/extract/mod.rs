//! Extraction: the facts of one document, read from its provision tree — definitions,
//! references, precedence statements and quantities. One file per kind of fact; each
//! works on one document and reports spans in the original file.

pub mod definitions;
mod forms;
pub mod precedence;
pub mod quantities;
pub mod references;
mod scan;

use crate::model::{Document, Provision, ProvisionKind};

/// Fill `definitions`, `references` and `precedence` of a parsed document.
pub fn extract(doc: &mut Document) {
    // One walk of the tree for the three kinds of fact. None reads another's result, so
    // they are read side by side (rayon): a single large document keeps both cores busy.
    let provisions = text_provisions(doc);
    let (mut references, (mut definitions, mut precedence)) = rayon::join(
        || references::extract_from(doc, &provisions),
        || {
            (
                definitions::extract_from(doc, &provisions),
                precedence::extract_from(doc, &provisions),
            )
        },
    );
    drop(provisions);
    // Kept for the whole run: not the up to twice as many that growing left room for.
    definitions.shrink_to_fit();
    references.shrink_to_fit();
    precedence.shrink_to_fit();
    doc.definitions = definitions;
    doc.references = references;
    doc.precedence = precedence;
}

/// Compiles the patterns extraction reaches on nearly every document (references first,
/// then definitions and precedence statements). Each is built once whenever it is built:
/// this only builds them earlier, so that a check on more than one thread can build them
/// on a core the reading and parsing of a document leave idle (the command line starts
/// it beside them). A pattern an extractor is building already is waited for, not built
/// twice.
pub fn warm_up() {
    references::warm_up();
    definitions::warm_up();
    precedence::warm_up();
}

/// Provisions that carry text of their own (paragraphs, items, rows, sections …), with
/// the article (or top-level provision) they stand in.
pub(crate) fn text_provisions(doc: &Document) -> Vec<&Provision> {
    doc.all_provisions()
        .filter(|p| !p.text.is_empty() && p.kind != ProvisionKind::Table)
        .collect()
}
