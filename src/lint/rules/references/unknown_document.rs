//! Y306 `unknown-document`: the rule's text is the doc comment of [`UnknownDocument`].

use super::*;
use crate::lint::facts::Facts;

declare_rule! {
    /// ## What it does
    /// Reports, once per document and name, a document named in a reference (基本約款第８条) that the corpus does not contain and the manifest's `external:` does not list. A statute cited with its law number — 電気通信事業法（昭和５９年法律第８６号） — is external by itself.
    ///
    /// ## Why is this bad?
    /// References into a document yakkan cannot see are not checked: a renumbered base terms article would go unnoticed.
    ///
    /// ## Example
    ///     基本約款第８条第３項の規定にかかわらず   (no base terms in the corpus)
    ///
    /// Use instead: add the base terms to `documents:` in yakkan.yaml, or list the name under `external:`.
    pub struct UnknownDocument;
    static UNKNOWN_DOCUMENT = ("Y306", "unknown-document", Info, "a document named in a reference that the corpus neither contains nor lists as external");
}

violation! {
    /// A document name the corpus does not have, and whether it names a statute.
    struct Unknown { name: String, statute: bool }

    fn message(&self) -> String {
        format!(
            "「{}」 is not a document of this corpus; references into it are not checked",
            self.name
        )
    }

    fn help(&self) -> Option<String> {
        Some(if self.statute {
            "cite the statute with its law number, or list it under `external:` in yakkan.yaml"
        } else {
            "add the document to `documents:` in yakkan.yaml, or list the name under `external:`"
        }
        .to_string())
    }
}

fn check(facts: &Facts, out: &mut Findings) {
    let corpus = facts.corpus;
    for (d, doc) in corpus.docs.iter().enumerate() {
        let unknown = |ri: usize| corpus.ref_targets[d][ri] == RefTarget::Unknown;
        let mut counts: HashMap<String, usize> = HashMap::new();
        for (ri, r) in doc.references.iter().enumerate() {
            if let Some(name) = r.document.as_deref().filter(|_| unknown(ri)) {
                *counts.entry(name_key(name)).or_default() += 1;
            }
        }
        let mut reported = HashSet::new();
        for (ri, r) in doc.references.iter().enumerate() {
            if !unknown(ri) {
                continue;
            }
            let Some(name) = &r.document else { continue };
            let key = name_key(name);
            let count = counts.get(&key).copied().unwrap_or(0);
            if !reported.insert(key) {
                continue;
            }
            let range = r.document_range.clone().unwrap_or(r.range.clone());
            let unknown = Unknown {
                name: name.to_string(),
                statute: r.is_statute,
            };
            let mut f = Finding::of(d, range, &r.path, &unknown);
            if count > 1 {
                f = f.note(format!("{count} references name 「{name}」"));
            }
            out.push(f);
        }
    }
}
