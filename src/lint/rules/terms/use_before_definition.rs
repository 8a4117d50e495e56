//! Y205 `use-before-definition`: the rule's text is the doc comment of [`UseBeforeDefinition`].

use super::*;
use crate::lint::facts::Facts;

declare_rule! {
    /// ## What it does
    /// Finds the first use of a defined term that comes before its definition, when the text gives no pointer such as 「第６条に定義される仕様書」.
    ///
    /// ## Why is this bad?
    /// The reader meets the word before learning what it means, and may read it in its everyday sense.
    ///
    /// ## Example
    ///     第１条 仕様書の内容が優先されます。
    ///     第６条 …（以下「仕様書」）
    ///
    /// Use instead:
    ///     第１条 第６条に定義される仕様書の内容が優先されます。
    pub struct UseBeforeDefinition;
    static USE_BEFORE_DEFINITION = ("Y205", "use-before-definition", Info, "a defined term used before its definition, with no pointer such as 第６条に定義される");
    reads = [Heads, Paths];
}

static POINTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:に|で|において)(?:定義(?:される|された|する|した|されている)|定める)(?:の)?$")
        .expect("pointer")
});

violation! {
    /// A term used before its definition: the term, where it is defined (as cited, and as
    /// the document writes the label).
    struct UsedBefore { term: String, place: String, label: String }

    fn message(&self) -> String {
        let UsedBefore { term, place, .. } = self;
        format!("「{term}」 is used here before its definition in {place}")
    }

    fn help(&self) -> Option<String> {
        let UsedBefore { term, label, .. } = self;
        Some(format!(
            "point to the definition: 「{label}に定義される{term}」"
        ))
    }
}

fn check(facts: &Facts, out: &mut Findings) {
    let corpus = facts.corpus;
    for (d, doc) in corpus.docs.iter().enumerate() {
        let citer = Citer::new(facts.heads(d));
        let mut ends: Vec<(usize, usize)> = doc
            .references
            .iter()
            .enumerate()
            .map(|(i, r)| (r.range.end, i))
            .collect();
        ends.sort_unstable();
        let mut first_def: HashMap<String, &Definition> = HashMap::new();
        for def in doc.definitions.iter().filter(|x| x.scope.is_none()) {
            first_def.entry(name_key(&def.term)).or_insert(def);
        }
        let mut reported = HashSet::new();
        let order = &facts.paths()[d];
        for u in &corpus.uses[d] {
            let path = order.nth(u.provision()).path.as_str();
            let term = corpus.term(u);
            let Some(def) = first_def.get(term) else {
                continue;
            };
            if u.range().start >= def.range.start
                || reported.contains(&u.term_id())
                || word_tail(corpus, doc, u)
            {
                continue;
            }
            // Once the text has pointed to the definition, later uses are fine.
            if has_pointer(doc, &ends, path, u) {
                reported.insert(u.term_id());
                continue;
            }
            // Uses inside the definitions article itself (one table row citing another).
            if article_path(path).is_some() && article_path(path) == article_path(&def.path) {
                continue;
            }
            reported.insert(u.term_id());
            let before = UsedBefore {
                term: def.term.to_string(),
                place: citer.cite(&def.path),
                label: written_label(doc, &def.path),
            };
            out.push(Finding::of(d, u.range(), path, &before).label(
                d,
                def.range.clone(),
                "defined here",
            ));
        }
    }
}

/// 「第６条に定義される仕様書」, 「第４条に定める月次報告書」: a reference just before the
/// use, joined to it by 定義される / 定める. `ends` holds (end, index) of the document's
/// references, sorted: only the nearest reference before the use can be joined to it.
fn has_pointer(doc: &Document, ends: &[(usize, usize)], path: &str, u: &TermUse) -> bool {
    let i = ends.partition_point(|&(end, _)| end <= u.range().start);
    let Some(&(_, ri)) = i.checked_sub(1).and_then(|i| ends.get(i)) else {
        return false;
    };
    let r = &doc.references[ri];
    matches!(r.kind, ReferenceKind::DefinedIn | ReferenceKind::Cite) && *r.path == *path && {
        let between = doc
            .source
            .text
            .get(r.range.end..u.range().start)
            .unwrap_or_default();
        let between: String = between.chars().filter(|c| !c.is_whitespace()).collect();
        POINTER.is_match(&between)
    }
}
