//! Y705 incomplete-change-clause: a 定型約款 the business may change without consent,
//! whose change clause does not say what 民法第５４８条の４ asks.

use super::{doc_class, subtree_text, Clause, DocClass, BUSINESS};
use crate::corpus::{Corpus, RefTarget};
use crate::lint::facts::Facts;
use crate::lint::{Finding, Findings};
use crate::model::Document;
use crate::text::Words;
use regex::Regex;
use std::sync::LazyLock;

declare_rule! {
    /// ## What it does
    /// Finds clauses that let the business change the terms, or a document they govern, without the customer's consent: 「お客様の承諾を得ることなく、仕様書を変更することができます」, 「当社の判断で本規約を変更します」, 「当社は、本約款を変更することがあります」. The change clause — the article that says it, the provisions that article cites in its own document, and the clause of another corpus document that it applies (「基本約款第２条（約款の変更）の定めを準用する」) — must then say four things:
    ///
    /// - that the change is announced (周知, 公表, 掲載, 通知: on the internet or by another suitable means),
    /// - with the new text (変更後の内容),
    /// - and its effective date (効力発生日, 適用開始日),
    /// - and when a change may be made: it serves the customer's general interest, or it is reasonable in view of the purpose of the contract, its necessity and the fairness of the new terms (民法第５４８条の４第１項第１号・第２号; a clause that makes the change 「民法第５４８条の４の規定に基づき」 says this by citing it).
    ///
    /// The finding lists what is missing. When the clause applies a document that is not in the corpus, the finding says so: add that document to check it. Only 約款, 規約 and 仕様書 are checked (a 契約書 negotiated with each party is not a 定型約款); statutes never are.
    ///
    /// ## Why is this bad?
    /// 民法第５４８条の４ lets the business change a 定型約款 without each customer's consent only when the change serves the customers' general interest (第１項第１号) or is reasonable (第２号), and only if, before it takes effect, the business makes known on the internet or by another suitable means that it changes the terms, the new text and the effective date (第２項). A change under 第１項第２号 not made known before its effective date has no effect (第３項). A clause that claims a free hand to change the terms does not give one: the change binds no customer unless these conditions are met, and a court reads the terms as they were.
    ///
    /// ## Example
    ///     第６条（仕様）
    ///     ２　当社は、お客様の承諾を得ることなく、仕様書を変更することができます。
    ///
    /// ## Use instead
    ///     ２　当社は、変更がお客様の一般の利益に適合する場合又は契約をした目的に反せず合理的なものである場合には、お客様の承諾を得ることなく、仕様書を変更することができます。この場合、当社は、効力発生日の１か月前までに、変更する旨、変更後の内容及び効力発生日を当社のウェブサイトに掲載して周知します。
    pub struct ChangeClause;
    static META = ("Y705", "incomplete-change-clause", Warning, "terms the business may change without consent (承諾を得ることなく…変更) whose change clause does not say how the change is announced, with the new text and its effective date, and that it serves the customer or is reasonable (民法第５４８条の４)");
    reads = [Clauses];
}

/// A change of a document by the business without the customer's consent.
static UNILATERAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&r"(?:承諾|同意|承認)(?:を得る|を得|を要(?:する)?|を求める)?(?:ことなく|ず|なく|なしに|せず)[^。]{0,60}?(?:変更|改定|改訂)(?:すること|する場合|し)?(?:が|も)?(?:できる|できます|あります|ある|いたします|します|する)|BIZ(?:の|が)(?:判断|裁量|任意|都合)(?:で|により|において|に基づき|によって)[^。]{0,40}?(?:変更|改定|改訂)(?:すること|する場合|し)?(?:が|も)?(?:できる|できます|あります|ある|いたします|します|する)|BIZは[^。]{0,60}?(?:約款|規約|仕様書|条件書|利用条件|提供条件|契約条件|本契約)(?:の内容)?(?:を|は)、?(?:[^。]{0,15}?)(?:変更|改定|改訂)(?:すること|する場合)?(?:が|も)?(?:できる|できます|あります|ある|いたします|します)".replace("BIZ", BUSINESS))
        .expect("unilateral change regex")
});

/// The words one of which every match of [`UNILATERAL`] holds: each of its alternatives
/// ends in one of them.
const CHANGE_WORDS: [&str; 3] = ["変更", "改定", "改訂"];
static CHANGE_SAID: Words = Words::new(&CHANGE_WORDS);

/// The changed thing is a document (約款, 規約, 仕様書 …), and the business changes it.
static DOCUMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"約款|規約|仕様書|条件書|利用条件|提供条件|契約条件|本契約|契約内容|契約の内容")
        .expect("document regex")
});
static BUSINESS_NAME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(BUSINESS).expect("business regex"));
/// A prohibition (…を変更してはならない), not a power to change.
static PROHIBITED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:変更|改定|改訂)[^。]{0,10}?(?:してはなら|できない|できません|しない|しません|することはでき)")
        .expect("prohibited regex")
});

/// What a change clause must say, each with the words that say it.
static ELEMENTS: LazyLock<Vec<(&'static str, Regex)>> = LazyLock::new(|| {
    [
        ("how the change is announced (周知: インターネットの利用その他の適切な方法)", r"周知|公表|掲載|掲示|通知|告知|お知らせ|知らせ|公開"),
        ("the new text (変更後の内容)", r"変更後の[^。]{0,12}?内容|変更(?:の)?内容|改定(?:後の)?内容|変更後の(?:本)?(?:約款|規約|仕様書|条件)を(?:掲載|掲示|公表|通知|周知|公開)"),
        ("its effective date (効力発生時期)", r"効力(?:発生|を生(?:ず|じ)|が生(?:ず|じ))|(?:適用|施行|実施)(?:開始)?(?:日|時期|の時期)|変更(?:日|の時期|時期)|(?:から|より)(?:適用|効力)"),
        ("that the change serves the customer or is reasonable (第１項第１号・第２号)", r"一般の利益|利益に適合|合理的|目的に反せず|必要性|相当性|548条の4"),
    ]
    .into_iter()
    .map(|(what, re)| (what, Regex::new(re).expect("element regex")))
    .collect()
});

violation! {
    /// A unilateral change clause and the elements it does not say.
    struct Incomplete { missing: Vec<&'static str> }

    fn message(&self) -> String {
        format!(
            "the business may change the terms without consent, but the change clause does not say {}",
            self.missing.join(", ")
        )
    }
}

fn check(facts: &Facts, out: &mut Findings) {
    let corpus = facts.corpus;
    for (d, doc) in corpus.docs.iter().enumerate() {
        if !matches!(doc_class(doc), DocClass::StandardTerms | DocClass::Spec) {
            continue;
        }
        for clause in facts.clauses(d) {
            // Every match of UNILATERAL says 変更, 改定 or 改訂: a clause without them is
            // not searched (and a document without them never compiles the pattern).
            if !CHANGE_SAID.said_in(clause.text()) {
                continue;
            }
            let Some(m) = UNILATERAL.find_iter(clause.text()).find(|m| {
                let s = clause.sentence(&m.range());
                DOCUMENT.is_match(s) && BUSINESS_NAME.is_match(s) && !PROHIBITED.is_match(s)
            }) else {
                continue;
            };
            let (text, applied, outside) = change_clause_text(corpus, d, doc, clause);
            let missing: Vec<&str> = ELEMENTS
                .iter()
                .filter(|(_, re)| !re.is_match(&text))
                .map(|(what, _)| *what)
                .collect();
            if missing.is_empty() {
                continue;
            }
            let incomplete = Incomplete { missing };
            let mut f = Finding::of(
                d,
                clause.src(m.range()),
                clause.provision.path.clone(),
                &incomplete,
            )
            .note("民法第５４８条の４: a change without consent binds the customer only if it serves the customers' general interest or is reasonable, and is made known beforehand with the new text and its effective date")
            .help("say how and when the change is announced, with the new text and its effective date, and the conditions of 第５４８条の４第１項");
            for a in applied {
                f = f.note(format!("read with {a}"));
            }
            for o in outside {
                f = f.note(format!(
                    "it applies {o}, which is not in the corpus: add that document to check its change clause"
                ));
            }
            out.push(f);
        }
    }
}

/// The text of the change clause: the clause's article, what that article cites in its
/// own document, and the provisions of other corpus documents it applies. Also the
/// applied provisions (for notes) and the references into documents not in the corpus.
fn change_clause_text(
    corpus: &Corpus,
    d: usize,
    doc: &Document,
    clause: &Clause<'_>,
) -> (String, Vec<String>, Vec<String>) {
    let mut text = subtree_text(clause.article);
    let mut applied = Vec::new();
    let mut outside = Vec::new();
    let article = &clause.article.path;
    for (r, target) in doc.references.iter().zip(&corpus.ref_targets[d]) {
        let inside = r.path == *article || r.path.starts_with(&format!("{article}第"));
        if !inside {
            continue;
        }
        match target {
            RefTarget::Own => {
                if let Some(p) = super::find_path(doc, &r.target) {
                    text.push_str(&subtree_text(p));
                }
            }
            RefTarget::Documents(ds) => {
                for &x in ds {
                    if let Some(p) = super::find_path(&corpus.docs[x], &r.target) {
                        text.push_str(&subtree_text(p));
                        applied.push(format!("{} {}", corpus.docs[x].id, p.path));
                    }
                }
            }
            RefTarget::Unknown => outside.push(r.text.to_string()),
            RefTarget::External => {}
        }
    }
    (text, applied, outside)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A text for each alternative of UNILATERAL: each matches, and its match holds one
    /// of the words asked first.
    #[test]
    fn every_alternative_holds_a_word_asked_first() {
        crate::text::assert_every_match_holds(
            &UNILATERAL,
            &CHANGE_WORDS,
            &[
                "当社は、お客様の承諾を得ることなく本規約を改定することができます。",
                "当社の判断により本サービスの内容を改訂できる",
                "当社は、本規約の内容を、必要に応じて変更することがあります。",
            ],
        );
    }
}
