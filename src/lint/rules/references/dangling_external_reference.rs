//! Y302 `dangling-external-reference`: the rule's text is the doc comment of [`DanglingExternalReference`].

use super::*;
use crate::lint::facts::Facts;

declare_rule! {
    /// ## What it does
    /// Finds references into another document of the corpus — 基本約款第８条第３項 — whose target that document does not have.
    ///
    /// ## Why is this bad?
    /// When the base terms are revised, the terms and specs that cite them by number are not; the cited rule is gone or moved.
    ///
    /// ## Example
    ///     基本約款第８条第４項の規定にかかわらず   (基本約款第８条 has three paragraphs)
    ///
    /// Use instead: cite the provision that holds the rule in the current base terms.
    pub struct DanglingExternalReference;
    static DANGLING_EXTERNAL_REFERENCE = ("Y302", "dangling-external-reference", Error, "a reference into another corpus document (基本約款第８条第３項) whose target does not exist there");
    reads = [Heads];
}

violation! {
    /// A reference into another document to a provision it does not have: the reference,
    /// the document's name as written, and what it lacks.
    struct DanglingExternal { text: String, document: String, missing: String }

    fn message(&self) -> String {
        let DanglingExternal { text, document, missing } = self;
        format!("{text} does not exist: {document} has no {missing}")
    }
}

fn check(facts: &Facts, out: &mut Findings) {
    let corpus = facts.corpus;
    let citers: Vec<Citer<'_>> = (0..corpus.docs.len())
        .map(|d| Citer::new(facts.heads(d)))
        .collect();
    for (d, doc) in corpus.docs.iter().enumerate() {
        for (ri, r) in doc.references.iter().enumerate() {
            let RefTarget::Documents(ds) = &corpus.ref_targets[d][ri] else {
                continue;
            };
            if r.resolved != Some(false) {
                continue;
            }
            let names: Vec<String> = ds
                .iter()
                .map(|&x| format!("{} ({})", corpus.docs[x].title, corpus.docs[x].id))
                .collect();
            let dangling = DanglingExternal {
                text: r.text.to_string(),
                document: r.document.as_deref().unwrap_or("").to_string(),
                missing: ds
                    .first()
                    .and_then(|&x| citers[x].cite_existing_head(&r.target))
                    .unwrap_or_else(|| written_target(r).to_string()),
            };
            let mut f = Finding::of(d, r.range.clone(), &r.path, &dangling).note(format!(
                "{} names {}",
                dangling.document,
                names.join(", ")
            ));
            if let Some(&x) = ds.first() {
                if let Some(n) = nearest_existing(&citers[x], &r.target)
                    .or_else(|| article_span(&corpus.docs[x], &citers[x], &r.target))
                {
                    f = f.note(n);
                }
            }
            out.push(f.help(
                "cite the provision that holds the rule in the current version of that document",
            ));
        }
    }
}

/// The target as written, without the document name.
fn written_target(r: &Reference) -> &str {
    match &r.document {
        Some(d) => r
            .text
            .strip_prefix(d.as_str())
            .unwrap_or(&r.text)
            .trim_start_matches(|c: char| c != '第'),
        None => &r.text,
    }
}
