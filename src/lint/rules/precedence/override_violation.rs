//! Y404 `override-violation`: the rule's text is the doc comment of [`OverrideViolation`].

use super::*;
use crate::corpus::NameTarget;
use crate::lint::facts::Facts;

declare_rule! {
    /// ## What it does
    /// Finds 「…の規定にかかわらず」 that sets aside a provision of a document which, by the stated precedence, prevails over the document that says it.
    ///
    /// ## Why is this bad?
    /// A lower-ranking document cannot set aside a higher one: the override is void, and the reader is misled about which rule applies.
    ///
    /// ## Example
    ///     仕様書: 基本約款第８条の規定にかかわらず…   (基本約款 prevails over 仕様書)
    ///
    /// Use instead: put the exception in the higher document, or change the order.
    pub struct OverrideViolation;
    static OVERRIDE_VIOLATION = ("Y404", "override-violation", Error, "「…の規定にかかわらず」 overriding a provision of a document that outranks this one");
}

violation! {
    /// An exception to a higher document: the reference or name written, the provision set
    /// aside (`None`: the whole document), the higher and the lower document.
    struct SetAside { text: String, target: Option<String>, higher: String, lower: String }

    fn message(&self) -> String {
        let SetAside { text, higher, lower, .. } = self;
        match &self.target {
            Some(target) => format!(
                "this sets aside {text} ({higher} {target}), but {higher} prevails over {lower}"
            ),
            None => format!(
                "this sets aside {text} ({higher}) as a whole, but {higher} prevails over {lower}"
            ),
        }
    }
}

fn check(facts: &Facts, out: &mut Findings) {
    let corpus = facts.corpus;
    out.per_document(&corpus.docs, |d, doc, out| {
        for (ri, r) in doc.references.iter().enumerate() {
            if r.kind != ReferenceKind::Override {
                continue;
            }
            let RefTarget::Documents(ds) = &corpus.ref_targets[d][ri] else {
                continue;
            };
            // The provision set aside, in each document the name stands for (a group
            // such as 仕様書: only the members that have it, when any has).
            let targets: Vec<(usize, Option<&Provision>)> = ds
                .iter()
                .map(|&t| {
                    let p = corpus
                        .docs
                        .get(t)
                        .and_then(|x| x.all_provisions().find(|p| p.path == r.target));
                    (t, p)
                })
                .collect();
            let any_found = targets.iter().any(|(_, p)| p.is_some());
            for &(t, target) in &targets {
                if any_found && target.is_none() {
                    continue;
                }
                let Some(e) = prevails(corpus, t, d) else {
                    continue;
                };
                let set_aside = SetAside {
                    text: r.text.to_string(),
                    target: Some(r.target.to_string()),
                    higher: doc_name(corpus, t),
                    lower: doc_name(corpus, d),
                };
                let mut f = Finding::of(d, r.range.clone(), &r.path, &set_aside);
                if let Some(p) = target {
                    f = f.label(t, p.label_range(), "the provision set aside");
                }
                out.push(
                    f.note(evidence_note(corpus, t, d, &e))
                        .help("put the exception in the higher document, or change the precedence"),
                );
            }
        }
        // 仕様書の規定にかかわらず: a whole document set aside.
        for p in doc.all_provisions() {
            for (range, name) in crate::extract::references::document_overrides(p) {
                let Some(NameTarget::Docs(ds)) = corpus.names.resolve(d, &name, &corpus.docs)
                else {
                    continue;
                };
                for t in ds.into_iter().filter(|&t| t != d) {
                    let Some(e) = prevails(corpus, t, d) else {
                        continue;
                    };
                    let set_aside = SetAside {
                        text: name.to_string(),
                        target: None,
                        higher: doc_name(corpus, t),
                        lower: doc_name(corpus, d),
                    };
                    out.push(
                        Finding::of(d, range.clone(), &p.path, &set_aside)
                            .note(evidence_note(corpus, t, d, &e))
                            .help("put the exception in the higher document, or change the precedence"),
                    );
                }
            }
        }
    });
}
