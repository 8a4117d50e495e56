//! Y209 `used-once`: the rule's text is the doc comment of [`UsedOnce`].

use super::*;
use crate::lint::facts::Facts;

declare_rule! {
    /// ## What it does
    /// Finds a defined term used exactly once after its definition.
    ///
    /// ## Why is this bad?
    /// A definition used once adds a level of indirection without saving any words; writing the meaning where it is used reads better.
    ///
    /// ## Example
    ///     …ライセンス等（以下「ライセンス等」）… (used once more, in 第３条第２項)
    ///
    /// Use instead: write the meaning in place and drop the definition — unless the term is kept on purpose for later revisions.
    pub struct UsedOnce;
    static USED_ONCE = ("Y209", "used-once", Info, "a defined term used only once after its definition (the definition adds nothing)");
    reads = [Scopes, Paths];
}

violation! {
    /// A term used once after its definition.
    struct OnlyOnce { term: String }

    fn message(&self) -> String {
        format!("「{}」 is used only once after its definition", self.term)
    }
}

fn check(facts: &Facts, out: &mut Findings) {
    let corpus = facts.corpus;
    let outside = OutsideUses::new(corpus);
    for (d, doc) in corpus.docs.iter().enumerate() {
        let uses = uses_by_term(corpus, &corpus.uses[d]);
        let scopes = facts.scopes(d);
        let order = &facts.paths()[d];
        let mut count: HashMap<String, usize> = HashMap::new();
        for def in &doc.definitions {
            *count.entry(name_key(&def.term)).or_default() += 1;
        }
        for (def, scope) in doc.definitions.iter().zip(scopes) {
            let key = name_key(&def.term);
            if is_self_abbreviation(def) || count.get(&key).copied().unwrap_or(0) > 1 {
                continue;
            }
            let in_scope_uses: Vec<&&TermUse> = uses
                .get(key.as_str())
                .map(|v| {
                    // Two uses in scope are enough to know it is not one.
                    v.iter()
                        .filter(|u| in_scope(def, scope.as_deref(), order, u))
                        .take(2)
                        .collect()
                })
                .unwrap_or_default();
            if in_scope_uses.len() == 1 && !outside.used_elsewhere(d, &key) {
                out.push(
                    Finding::of(
                        d,
                        def.range.clone(),
                        &def.path,
                        &OnlyOnce {
                            term: def.term.to_string(),
                        },
                    )
                    .label(d, in_scope_uses[0].range(), "the only use")
                    .help("write the meaning where it is used and drop the definition"),
                );
            }
        }
    }
}
