//! Y304 `reference-caption-mismatch`: the rule's text is the doc comment of [`ReferenceCaptionMismatch`].

use super::*;
use crate::lint::facts::Facts;

declare_rule! {
    /// ## What it does
    /// Compares the caption written after a reference — 基本約款第２条（約款の変更） — with the caption of the article it points at.
    ///
    /// ## Why is this bad?
    /// A caption that no longer matches means the number or the caption is stale; the reader cannot tell which one the drafter meant.
    ///
    /// ## Example
    ///     基本約款第３条（約款の変更）   (基本約款第３条 is （適用範囲）)
    ///
    /// Use instead: fix the number (基本約款第２条（約款の変更）) or the caption.
    pub struct ReferenceCaptionMismatch;
    static REFERENCE_CAPTION_MISMATCH = ("Y304", "reference-caption-mismatch", Error, "基本約款第２条（約款の変更） where that article's caption differs");
    reads = [Paths];
}

violation! {
    /// A caption cited beside a reference that is not the article's: the reference, the
    /// caption written, the article's, and the article that has the written one (if any).
    struct CaptionMismatch { text: String, written: String, actual: String, moved: Option<String> }

    fn message(&self) -> String {
        let CaptionMismatch { text, written, actual, .. } = self;
        format!("{text}（{written}）: that article is captioned （{actual}）")
    }

    fn help(&self) -> Option<String> {
        let CaptionMismatch { written, actual, .. } = self;
        Some(match &self.moved {
            Some(cited) => format!("（{written}） is {cited}: cite {cited}"),
            None => {
                format!("write （{actual}）, or cite the article that is captioned （{written}）")
            }
        })
    }
}

fn check(facts: &Facts, out: &mut Findings) {
    let corpus = facts.corpus;
    let index = facts.paths();
    for (d, doc) in corpus.docs.iter().enumerate() {
        for (ri, r) in doc.references.iter().enumerate() {
            let Some(written) = &r.caption else { continue };
            let Some((x, target)) = target_of(corpus, index, d, ri) else {
                continue;
            };
            if target.kind != ProvisionKind::Article {
                continue;
            }
            let Some(actual) = &target.caption else {
                continue;
            };
            if name_key(actual) == name_key(written) {
                continue;
            }
            // Where is the written caption really? (the article may have moved)
            let moved = corpus.docs[x].all_provisions().find(|p| {
                p.kind == ProvisionKind::Article
                    && p.caption
                        .as_deref()
                        .is_some_and(|c| name_key(c) == name_key(written))
            });
            let mismatch = CaptionMismatch {
                text: r.text.to_string(),
                written: written.to_string(),
                actual: actual.to_string(),
                moved: moved.map(|m| format!("{}{}", r.document.as_deref().unwrap_or(""), m.label)),
            };
            out.push(Finding::of(d, r.range.clone(), &r.path, &mismatch).label(
                x,
                target.label_range(),
                format!("（{actual}）"),
            ));
        }
    }
}
