//! Y208 `out-of-scope-use`: the rule's text is the doc comment of [`OutOfScopeUse`].

use super::*;
use crate::lint::facts::Facts;

/// A definition with the paths it applies in (None: the whole document).
type ScopedDefinition<'a> = (&'a Definition, Option<&'a [String]>);

declare_rule! {
    /// ## What it does
    /// Finds a term whose definition is limited (以下この条において「X」という。) used outside the article or paragraph it is limited to.
    ///
    /// ## Why is this bad?
    /// Outside its scope the term has no definition; the reader must guess whether the limited meaning still applies.
    ///
    /// ## Example
    ///     第５条 …（以下この条において「対象データ」という。）
    ///     第８条 対象データは…
    ///
    /// Use instead: define the term for the whole document, or write it out in 第８条.
    pub struct OutOfScopeUse;
    static OUT_OF_SCOPE_USE = ("Y208", "out-of-scope-use", Warning, "a term defined 「この条において」 used outside that article");
    reads = [Heads, Scopes, Paths];
}

violation! {
    /// A term used outside the scope of its definition: the term, where it is used, the
    /// scope.
    struct OutOfScope { term: String, place: String, scope: String }

    fn message(&self) -> String {
        let OutOfScope { term, place, scope } = self;
        format!("「{term}」 is used in {place}, outside {scope} where its definition applies")
    }
}

fn check(facts: &Facts, out: &mut Findings) {
    let corpus = facts.corpus;
    // Term → the documents that define it document-wide, collected once: gathering
    // the other documents' terms anew for every document would be quadratic.
    let mut defined_in: HashMap<String, Vec<usize>> = HashMap::new();
    for (o, x) in corpus.docs.iter().enumerate() {
        for y in x.definitions.iter().filter(|y| y.scope.is_none()) {
            let docs = defined_in.entry(name_key(&y.term)).or_default();
            if docs.last() != Some(&o) {
                docs.push(o);
            }
        }
    }
    for (d, doc) in corpus.docs.iter().enumerate() {
        let scopes = facts.scopes(d);
        let mut by_term: HashMap<String, Vec<ScopedDefinition<'_>>> = HashMap::new();
        for (def, scope) in doc.definitions.iter().zip(scopes) {
            by_term
                .entry(name_key(&def.term))
                .or_default()
                .push((def, scope.as_deref()));
        }
        let defined_elsewhere = |term: &str| {
            defined_in
                .get(term)
                .is_some_and(|ds| ds.iter().any(|&o| o != d))
        };
        let citer = Citer::new(facts.heads(d));
        let mut reported = HashSet::new();
        let order = &facts.paths()[d];
        for u in &corpus.uses[d] {
            let path = order.nth(u.provision()).path.as_str();
            let term = corpus.term(u);
            let Some(defs) = by_term.get(term) else {
                continue;
            };
            // A 附則's own definitions (新法, 旧法) are limited to it by position, not by
            // words such as この条において: other 附則 may use such a term (an
            // excerpt, 抄, leaves out where it defined it).
            let whole_suppl = |x: &Definition| {
                x.scope
                    .as_deref()
                    .is_some_and(|sc| sc.starts_with("附則") && !sc.contains('第'))
            };
            // A limited definition that narrows an ordinary word (…以外の出資者（以下この条
            // において「出資者」）) leaves the word its ordinary meaning elsewhere; only a
            // coined term (…データ（以下この条において「対象データ」）) relies on it.
            let narrows_a_word =
                |x: &Definition| name_key(&x.meaning).ends_with(&name_key(&x.term));
            if defs
                .iter()
                .any(|(x, _)| x.scope.is_none() || whole_suppl(x) || narrows_a_word(x))
                || defined_elsewhere(term)
            {
                continue;
            }
            // The definitions before the use: the use must fall in one of their scopes.
            let before: Vec<&ScopedDefinition<'_>> = defs
                .iter()
                .filter(|(x, _)| u.range().start >= x.range.end)
                .collect();
            let Some(&&(scoped, _)) = before.last() else {
                continue;
            };
            let Some(scope) = scoped.scope.as_deref() else {
                continue;
            };
            // A 附則 speaks of the main provisions' words in their own sense; a use
            // after a pointer (第六項に規定する…) borrows the definition on purpose.
            let suppl_use = path.starts_with("附則") && !scoped.path.starts_with("附則");
            if before.iter().any(|(x, sc)| in_scope(x, *sc, order, u))
                || suppl_use
                || pointed_use(&doc.source.text, u)
                || word_tail(corpus, doc, u)
                || !reported.insert((u.term_id(), path))
            {
                continue;
            }
            let outside = OutOfScope {
                term: scoped.term.to_string(),
                place: citer.cite(path),
                scope: citer.cite(scope),
            };
            out.push(
                Finding::of(d, u.range(), path, &outside)
                    .label(d, scoped.range.clone(), "defined for this scope only")
                    .help("define the term for the whole document, or write it out here"),
            );
        }
    }
}

/// A use right after words that point to where the term is defined: 第六項に規定する…,
/// 同条に定める…, 前条の規定による….
fn pointed_use(src: &str, u: &TermUse) -> bool {
    let before = crate::text::window_before(src, u.range().start, 30);
    [
        "に規定する",
        "に定める",
        "に掲げる",
        "の規定による",
        "において同じ",
        "をいう。）",
    ]
    .iter()
    .any(|k| before.ends_with(k))
}
