//! Y203 `duplicate-definition`: the rule's text is the doc comment of [`DuplicateDefinition`].

use super::*;
use crate::lint::facts::Facts;

declare_rule! {
    /// ## What it does
    /// Finds a term that one document defines twice in the same scope. The finding is an error when the two meanings differ.
    ///
    /// ## Why is this bad?
    /// Two definitions of one term leave the reader to guess which applies; when they differ, the document contradicts itself.
    ///
    /// ## Example
    ///     第１条 …サービス（以下「本サービス」）…
    ///     第２条 本サービス　当社が提供する監視サービス
    ///
    /// Use instead: define the term once, in the definitions article.
    pub struct DuplicateDefinition;
    static DUPLICATE_DEFINITION = ("Y203", "duplicate-definition", Warning, "a term defined twice in one document (error when the meanings differ)");
    reads = [Heads];
}

violation! {
    /// A term defined a second time: the term and where it was first defined.
    struct DefinedAgain { term: String, first: String }

    fn message(&self) -> String {
        let DefinedAgain { term, first } = self;
        format!("「{term}」 is defined again here; it was already defined in {first}")
    }
}

fn check(facts: &Facts, out: &mut Findings) {
    for (d, doc) in facts.corpus.docs.iter().enumerate() {
        let citer = Citer::new(facts.heads(d));
        let mut first: HashMap<(String, Option<String>), &Definition> = HashMap::new();
        for def in &doc.definitions {
            let k = (name_key(&def.term), def.scope.clone());
            let Some(prev) = first.get(&k) else {
                first.insert(k, def);
                continue;
            };
            // 同条の許可に係る食鳥処理場（以下単に「食鳥処理場」という。）narrows the word
            // on purpose; a term read from before a parenthesis (合併後の|組合（…をいう。
            // 以下同じ。）) may be longer than the word taken: neither is a duplicate one
            // can be sure of.
            if narrows_on_purpose(&doc.source.text, def)
                || unsure_term(&doc.source.text, def)
                || unsure_term(&doc.source.text, prev)
            {
                continue;
            }
            let differ = !is_self_abbreviation(prev)
                && !is_self_abbreviation(def)
                && !same_meaning(&prev.meaning, &def.meaning);
            let again = DefinedAgain {
                term: def.term.to_string(),
                first: citer.cite(&prev.path),
            };
            let mut f = Finding::of(d, def.range.clone(), &def.path, &again)
                .label(d, prev.range.clone(), "first defined here")
                .help("keep one definition, in the definitions article");
            if differ {
                f = f.note(format!(
                    "the meanings differ: 「{}」 / 「{}」",
                    clip(&prev.meaning),
                    clip(&def.meaning)
                ));
                f.escalate = true;
            }
            out.push(f);
        }
    }
}

/// （以下単に「X」という。）: a definition that says it narrows the word.
fn narrows_on_purpose(src: &str, d: &Definition) -> bool {
    crate::text::window_before(src, d.range.start, 12)
        .trim_end_matches('「')
        .ends_with("単に")
}

/// A term written without brackets before its parenthesis (statute style) whose word
/// follows a modifier (合併後の組合（…）): where the term starts is a guess.
fn unsure_term(src: &str, d: &Definition) -> bool {
    let after = src.get(d.range.end..).and_then(|a| a.chars().next());
    let before = src.get(..d.range.start).and_then(|b| b.chars().next_back());
    matches!(after, Some('（' | '(')) && before.is_some_and(|c| is_hiragana(c) || c == '」')
}

/// Do two meanings say the same? A long form cut at an earlier abbreviation
/// (「…（以下「当社」）が提供するサービス」 gives 「が提供するサービス」) is a fragment that
/// matches the full wording it ends.
fn same_meaning(a: &str, b: &str) -> bool {
    let (a, b) = (name_key(a), name_key(b));
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    short == long || (short.starts_with(is_hiragana) && long.ends_with(short.as_str()))
}

fn clip(s: &str) -> String {
    let mut t: String = s.chars().take(30).collect();
    if s.chars().count() > 30 {
        t.push('…');
    }
    t
}
