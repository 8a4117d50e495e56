//! Y403 `precedence-manifest-mismatch`: the rule's text is the doc comment of [`PrecedenceManifestMismatch`].

use super::*;
use crate::lint::facts::Facts;

declare_rule! {
    /// ## What it does
    /// Compares each precedence statement of the documents with the order in the manifest's `precedence:`.
    ///
    /// ## Why is this bad?
    /// The manifest is what reviewers and tools read; if the documents say otherwise, one of the two is out of date.
    ///
    /// ## Example
    ///     precedence: [cloud-service-base-terms, terms]   # but the terms say 本約款 prevails over 基本約款
    ///
    /// Use instead: make the manifest follow the documents (or fix the documents).
    pub struct PrecedenceManifestMismatch;
    static PRECEDENCE_MANIFEST_MISMATCH = ("Y403", "precedence-manifest-mismatch", Warning, "the order the documents state differs from `precedence:` in the manifest");
}

violation! {
    /// A statement that orders two documents against the manifest's `precedence:`: their
    /// names and their ids.
    struct AgainstManifest { higher: String, lower: String, higher_id: String, lower_id: String }

    fn message(&self) -> String {
        let AgainstManifest { higher, lower, lower_id, .. } = self;
        format!("this puts {higher} above {lower}, but `precedence:` in yakkan.yaml puts {lower_id} first")
    }

    fn help(&self) -> Option<String> {
        let AgainstManifest { higher_id, lower_id, .. } = self;
        Some(format!(
            "move {higher_id} before {lower_id} in `precedence:`, or correct the statement"
        ))
    }
}

fn check(facts: &Facts, out: &mut Findings) {
    let corpus = facts.corpus;
    let order = &corpus.manifest.precedence;
    if order.is_empty() {
        return;
    }
    let pos = |x: usize| order.iter().position(|id| *id == corpus.docs[x].id);
    for e in &corpus.edges {
        let (Some(h), Some(l)) = (pos(e.higher), pos(e.lower)) else {
            continue;
        };
        if h < l {
            continue;
        }
        let s = &corpus.docs[e.doc].precedence[e.statement];
        let against = AgainstManifest {
            higher: doc_name(corpus, e.higher),
            lower: doc_name(corpus, e.lower),
            higher_id: corpus.docs[e.higher].id.to_string(),
            lower_id: corpus.docs[e.lower].id.to_string(),
        };
        let mut f = Finding::of(e.doc, s.range.clone(), &s.path, &against)
            .note(format!("precedence: [{}]", order.join(", ")));
        if let Some(m) = &corpus.manifest_path {
            f = f.note(format!("in {}", m.display()));
        }
        out.push(f);
    }
}
