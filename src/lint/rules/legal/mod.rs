//! Legal substance (Y7xx): what the terms say, not only how. Clauses that 消費者契約法
//! voids (full or uncarved exemptions, self-judged liability, waived cancellation
//! rights, cancellation fees without a basis), 定型約款 change clauses that do not say
//! what 民法第５４８条の４ asks, and the clauses a document of its kind is expected to
//! hold. Every rule fires only on words that say what the rule is about.
//!
//! Shared here: which documents are 約款 at all (statutes, 就業規則 and 定款 are not),
//! the audience a document is offered to, and the walk over clauses in NFKC text with
//! the way back to the source.

mod cancellation_fee_without_basis;
mod full_exemption;
mod incomplete_change_clause;
mod liability_cap_without_carve_out;
mod missing_expected_clause;
mod self_judged_liability;

pub use missing_expected_clause::{checklist, ChecklistEntry};

pub use crate::lint::facts::clauses::{
    audience, clauses, doc_class, Assumed, Clause, DocClass, BUSINESS, CUSTOMER,
};

use crate::corpus::manifest::Audience;
use crate::lint::facts::Facts;
use crate::lint::{Finding, Rule, Violation};
use crate::model::{Document, Provision};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

pub(super) const RULES: &[&dyn Rule] = &[
    &full_exemption::FullExemption,
    &liability_cap_without_carve_out::LiabilityCap,
    &self_judged_liability::SelfJudged,
    &cancellation_fee_without_basis::CancellationFee,
    &incomplete_change_clause::ChangeClause,
    &missing_expected_clause::ExpectedClauses,
];

/// All the text under a provision, itself included, NFKC, one provision a line.
pub fn subtree_text(p: &Provision) -> String {
    let mut s = String::new();
    for q in p.walk() {
        if let Some(c) = &q.caption {
            s.push_str(&crate::text::nfkc(c));
            s.push('\n');
        }
        s.push_str(&crate::text::nfkc(&q.text));
        s.push('\n');
    }
    s
}

/// 故意又は重大な過失 (and 故意・重過失, 故意若しくは過失 …) followed, within the same
/// sentence, by words that take it out of the exemption: この限りでない, を除き,
/// 適用しない, 責任を負う. 「…を含め」 keeps it in.
static GROSS_NEGLIGENCE_OUT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"故意(?:又は|または|若しくは|もしくは|・|、|及び|および|や|か)?(?:重大な過失|重過失|過失)[^。]{0,60}?(?:この限りで(?:な|は(?:な|あり))|除(?:く|き|いて|外)|適用(?:し|され|を受け)(?:ない|ません)|適用外|責任を負(?:う|い|います)|賠償(?:する|します|いたします|責任を負)|免責され(?:ない|ません)|免れ(?:ない|ません)|対象外)")
        .expect("carve-out regex")
});

/// A sentence's words for the business's fault taken out or for no-fault events only:
/// 当社の責めに帰すべき事由による場合はこの限りでない, 当社の責に帰すことのできない事由,
/// force majeure (不可抗力, 天災地変, 当事者の合理的支配を超える事由), and disputes between the
/// customer and others (他の利用者との間の紛争), to which the business is no party.
static FAULT_SCOPE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:責め|責)に帰(?:す|し|せ)(?:べき|得べき|られるべき)事由(?:が|に)?(?:よる|ある)場合[^。]{0,30}?(?:この限りで(?:な|は(?:な|あり))|除)|(?:責め|責)に帰(?:す|する)?(?:ことの|ことが)?(?:でき|出来)(?:ない|ません)事由|(?:責め|責)に帰(?:す|し)べき事由(?:に)?よら(?:ない|ず)|(?:責め|責)に帰(?:す|し)べき事由が(?:ない|なく)|不可抗力|天災地変|(?:合理的(?:な)?)?(?:支配|管理|制御)(?:を超え|の及ばない|が及ばない|できない事由)|(?:他の(?:利用者|会員|ユーザー?|お客様)|第三者)(?:と|との間(?:で|において|に)?)[^。]{0,30}?(?:紛争|取引|トラブル)")
        .expect("fault regex")
});

/// Does the text take 故意又は重大な過失 out of an exemption or a cap?
pub fn says_gross_negligence_out(t: &str) -> bool {
    GROSS_NEGLIGENCE_OUT.is_match(t)
}

/// Does the sentence limit an exemption to events the business is not at fault for, or
/// take its fault out?
pub fn limits_to_no_fault(t: &str) -> bool {
    FAULT_SCOPE.is_match(t)
}

/// A provision of the document that takes 故意又は重大な過失 out of `clause`: one that
/// cites it or its article (「前条の規定にかかわらず」, 「前項の規定は…適用しない」), or one
/// that speaks of every provision of the document (本約款の他の規定にかかわらず). Returns
/// its path.
pub fn carve_out_elsewhere(doc: &Document, clause: &Clause<'_>) -> Option<String> {
    let own = &clause.provision.path;
    let article = &clause.article.path;
    let covers = |target: &str| {
        target == own
            || target == article
            || own.starts_with(&format!("{target}第"))
            || (!target.is_empty() && own.starts_with(&format!("{target}.")))
    };
    for r in doc.references.iter().filter(|r| r.document.is_none()) {
        if !covers(&r.target) || r.path == *own {
            continue;
        }
        if let Some(p) = find_path(doc, &r.path) {
            if says_gross_negligence_out(&crate::text::nfkc(&p.text)) {
                return Some(r.path.to_string());
            }
        }
    }
    for p in doc.all_provisions() {
        let t = crate::text::nfkc(&p.text);
        if WHOLE_DOCUMENT.is_match(&t) && says_gross_negligence_out(&t) {
            return Some(p.path.to_string());
        }
    }
    None
}

/// Words that speak of every provision of the document or of its exemptions at once.
static WHOLE_DOCUMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:本|この)(?:利用)?(?:約款|規約|契約|条件)(?:の|における|に定める)?(?:いかなる|他の|その他の)?(?:規定|定め|条項)|免責(?:規定|条項)|(?:責任|賠償)を(?:制限|免除)する(?:規定|定め|条項)")
        .expect("whole-document regex")
});

/// The provision of a document at a path.
pub fn find_path<'a>(doc: &'a Document, path: &str) -> Option<&'a Provision> {
    doc.all_provisions().find(|p| p.path == path)
}

/// A sentence whose subject is the customer (お客様は、…): its exemptions and caps are
/// the customer's, not the business's.
pub fn customer_is_subject(sentence: &str) -> bool {
    CUSTOMER_SUBJECT.is_match(sentence)
}

static CUSTOMER_SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^\s*(?:なお、|また、|ただし、)?{CUSTOMER}(?:等)?(?:は|が)"
    ))
    .expect("subject regex")
});

/// The finding of a violation at a clause, with the audience note; `escalate` for a
/// consumer audience.
pub fn consumer_finding(
    d: usize,
    clause: &Clause<'_>,
    r: Range<usize>,
    assumed: &Assumed,
    violation: &impl Violation,
) -> Finding {
    let mut f = Finding::of(d, clause.src(r), clause.provision.path.clone(), violation)
        .note(assumed.note());
    f.escalate = assumed.audience == Audience::Consumer;
    f
}

/// Every clause of the documents a 消費者契約法 rule looks at, with its document and the
/// audience assumed for it, in document order.
pub fn consumer_clauses<'f, 'c>(
    facts: &'f Facts<'c>,
) -> impl Iterator<Item = (usize, &'f Assumed, &'f Clause<'c>)> + use<'f, 'c> {
    consumer_documents(facts)
        .flat_map(move |(d, assumed)| facts.clauses(d).iter().map(move |c| (d, assumed, c)))
}

/// The documents a 消費者契約法 rule looks at, with their audiences: terms, specs and
/// contracts not offered to businesses.
pub fn consumer_documents<'f, 'c>(
    facts: &'f Facts<'c>,
) -> impl Iterator<Item = (usize, &'f Assumed)> + use<'f, 'c> {
    let corpus = facts.corpus;
    (0..corpus.docs.len())
        .filter(move |&d| doc_class(&corpus.docs[d]) != DocClass::NotTerms)
        .map(move |d| (d, facts.audience(d)))
        .filter(|(_, a)| a.audience != Audience::Business)
}
