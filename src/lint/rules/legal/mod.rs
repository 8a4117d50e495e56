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

use crate::corpus::manifest::Audience;
use crate::corpus::Corpus;
use crate::lint::{Finding, Rule, Violation};
use crate::model::{Document, DocumentKind, Provision, ProvisionKind};
use crate::text::Normalized;
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

/// What a document is, for the legal rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocClass {
    /// 約款, 規約, 利用条件: standard terms offered to many customers (定型約款).
    StandardTerms,
    /// 仕様書 that belong to terms.
    Spec,
    /// 契約書, 覚書, 個別条件書, and documents in 条 without a telling title.
    Contract,
    /// Statutes, 就業規則, 規程, 定款: not terms offered to a customer.
    NotTerms,
}

/// The class of a document, from its kind and title. A statute (it has a law number or
/// is titled 〜法, 〜令) is never terms; nor are a company's internal rules (就業規則,
/// 規程, 規則, 定款), which bind employees or members, not customers (消費者契約法第４８条
/// leaves labour contracts out).
pub fn doc_class(doc: &Document) -> DocClass {
    let title = crate::text::name_key(&doc.title);
    let has = |words: &[&str]| words.iter().any(|w| title.contains(w));
    if doc.law_number.is_some() || doc.kind == DocumentKind::Other {
        return DocClass::NotTerms;
    }
    if doc.kind == DocumentKind::Spec {
        return DocClass::Spec;
    }
    if has(&[
        "約款",
        "規約",
        "利用条件",
        "ご利用条件",
        "サービス条件",
        "利用規定",
    ]) {
        return DocClass::StandardTerms;
    }
    if has(&["定款", "就業規則", "規程", "規則", "方針", "ポリシー"])
        || STATUTE_TITLE.is_match(&title)
    {
        return DocClass::NotTerms;
    }
    DocClass::Contract
}

/// A statute's title: 〜法, 〜法律, 〜令, 〜省令, 〜条例 at its end.
static STATUTE_TITLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:法|法律|令|条例)$").expect("statute title regex"));

/// The audience assumed for a document, and why.
#[derive(Debug, Clone)]
pub struct Assumed {
    pub audience: Audience,
    pub why: String,
}

impl Assumed {
    /// The note every 消費者契約法 finding carries.
    pub fn note(&self) -> String {
        let a = match self.audience {
            Audience::Consumer => "consumer",
            Audience::Business => "business",
            Audience::Unknown => "unknown",
        };
        format!("audience assumed: {a} ({})", self.why)
    }
}

/// The audience of document `d`: its manifest entry's `audience:`, else the manifest's,
/// else business when the document says 法人 or 事業者 for its customer and nothing
/// about consumers, else unknown.
pub fn audience(corpus: &Corpus, d: usize) -> Assumed {
    let doc = &corpus.docs[d];
    let entry = corpus
        .manifest_path
        .as_ref()
        .and_then(|_| corpus.manifest.documents.iter().find(|e| e.id() == doc.id));
    if let Some(a) = entry.and_then(|e| e.audience) {
        return Assumed {
            audience: a,
            why: format!("`audience:` of document `{}` in the manifest", doc.id),
        };
    }
    if let Some(a) = corpus.manifest.audience {
        return Assumed {
            audience: a,
            why: "`audience:` in the manifest".into(),
        };
    }
    let mut business = None;
    for p in doc.all_provisions() {
        let t = Normalized::new(&p.text);
        if CONSUMER_WORDS.is_match(&t.text) {
            if let Some(why) = parties_are_companies(doc) {
                return Assumed {
                    audience: Audience::Business,
                    why,
                };
            }
            return Assumed {
                audience: Audience::Unknown,
                why: "the document speaks of consumers or individuals; set `audience:` in yakkan.yaml".into(),
            };
        }
        if business.is_none() {
            if let Some(m) = BUSINESS_CUSTOMER.find(&t.text) {
                business = Some(format!("{} says 「{}」", p.path, m.as_str()));
            }
        }
    }
    for def in &doc.definitions {
        if business.is_none()
            && CUSTOMER_TERM.is_match(&def.term)
            && BUSINESS_MEANING.is_match(&def.meaning)
            && !CONSUMER_MEANING.is_match(&def.meaning)
        {
            business = Some(format!(
                "{} defines 「{}」 as 「{}」",
                def.path,
                def.term,
                def.meaning.trim()
            ));
        }
    }
    if business.is_none() {
        business = parties_are_companies(doc);
    }
    match business {
        Some(why) => Assumed {
            audience: Audience::Business,
            why: if why.starts_with("its parties") {
                why
            } else {
                format!("{why}, and nothing about consumers")
            },
        },
        None => Assumed {
            audience: Audience::Unknown,
            why: "set `audience: consumer` or `audience: business` in yakkan.yaml".into(),
        },
    }
}

/// How a business names itself in its terms.
pub const BUSINESS: &str =
    "(?:当社|弊社|当方|当店|当行|当組合|当協会|運営者|運営会社|管理人|当サイト)";

/// A contract whose parties (甲, 乙, 丙) are all named as companies: 「株式会社A（以下「甲」）と
/// ${相手先会社名}（以下「乙」）」. Between companies 消費者契約法 does not apply, whatever
/// the contract says about the consumers of either.
fn parties_are_companies(doc: &Document) -> Option<String> {
    let parties: Vec<&crate::model::Definition> = doc
        .definitions
        .iter()
        .filter(|x| matches!(x.term.as_str(), "甲" | "乙" | "丙"))
        .collect();
    let company = |m: &str| COMPANY.is_match(m);
    (parties.len() >= 2 && parties.iter().all(|x| company(&x.meaning))).then(|| {
        format!(
            "its parties are companies ({})",
            parties
                .iter()
                .map(|x| format!("{}: 「{}」", x.term, x.meaning.trim_start_matches('と')))
                .collect::<Vec<_>>()
                .join(", ")
        )
    })
}

static COMPANY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"株式会社|有限会社|合同会社|合資会社|合名会社|会社名|法人|\(株\)|（株）")
        .expect("company regex")
});

/// How terms name the customer.
pub const CUSTOMER: &str =
    "(?:お客様|お客さま|利用者|契約者|会員|ユーザー?|申込者|加入者|顧客|購入者|登録者)";

/// Words that speak of consumers: 消費者, an individual customer, minors and their
/// guardians (only a consumer has them).
static CONSUMER_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"消費者|個人(?:の|である)?{CUSTOMER}|{CUSTOMER}(?:が|は)個人|(?:又は|または|若しくは|もしくは|及び|および|・)個人(?:[^情事]|$)|個人(?:又は|または|若しくは|もしくは|及び|および|・)法人|未成年|親権者|法定代理人"
    ))
    .expect("consumer regex")
});

/// A customer said to be a business: 法人のお客様, 事業者である利用者, 法人向け.
static BUSINESS_CUSTOMER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?:法人|事業者|企業)(?:である|たる|の)?{CUSTOMER}|{CUSTOMER}(?:は|が)、?(?:法人|事業者)(?:に限|であ)|(?:法人|事業者)(?:様)?向け"
    ))
    .expect("business regex")
});

static CUSTOMER_TERM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!("^{CUSTOMER}$")).expect("customer regex"));
static BUSINESS_MEANING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"法人|事業者|企業|団体").expect("business meaning regex"));
static CONSUMER_MEANING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"個人|消費者").expect("consumer meaning regex"));

/// One provision with text, in NFKC, with its article (the provision at the top of its
/// 条 or section) for the context of carve-outs.
pub struct Clause<'a> {
    pub provision: &'a Provision,
    /// The article (or top-level section) the provision stands in.
    pub article: &'a Provision,
    pub norm: Normalized,
}

impl Clause<'_> {
    /// The decoded source range of a range of the normalised text.
    pub fn src(&self, r: Range<usize>) -> Range<usize> {
        self.provision.text_map.src_range(self.norm.original(r))
    }

    /// The sentence of the normalised text around `r`.
    pub fn sentence(&self, r: &Range<usize>) -> &str {
        let t = &self.norm.text;
        &t[crate::text::sentence_start(t, r.start)..crate::text::sentence_end(t, r.end)]
    }
}

/// Every provision of the document that has text, with its article.
pub fn clauses(doc: &Document) -> Vec<Clause<'_>> {
    let mut out = Vec::new();
    for top in doc.provisions.iter().chain(doc.suppl.iter()) {
        let mut stack: Vec<(&Provision, &Provision)> = vec![(top, top)];
        while let Some((p, article)) = stack.pop() {
            let article = if p.kind == ProvisionKind::Article {
                p
            } else {
                article
            };
            if !p.text.trim().is_empty() {
                out.push(Clause {
                    provision: p,
                    article,
                    norm: Normalized::new(&p.text),
                });
            }
            stack.extend(p.children.iter().rev().map(|c| (c, article)));
        }
    }
    out
}

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
                return Some(r.path.clone());
            }
        }
    }
    for p in doc.all_provisions() {
        let t = crate::text::nfkc(&p.text);
        if WHOLE_DOCUMENT.is_match(&t) && says_gross_negligence_out(&t) {
            return Some(p.path.clone());
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
pub fn consumer_clauses(corpus: &Corpus) -> Vec<(usize, Assumed, Clause<'_>)> {
    consumer_documents(corpus)
        .into_iter()
        .flat_map(|(d, assumed)| {
            clauses(&corpus.docs[d])
                .into_iter()
                .map(move |c| (d, assumed.clone(), c))
        })
        .collect()
}

/// The documents a 消費者契約法 rule looks at, with their audiences: terms, specs and
/// contracts not offered to businesses.
pub fn consumer_documents(corpus: &Corpus) -> Vec<(usize, Assumed)> {
    (0..corpus.docs.len())
        .filter(|&d| doc_class(&corpus.docs[d]) != DocClass::NotTerms)
        .map(|d| (d, audience(corpus, d)))
        .filter(|(_, a)| a.audience != Audience::Business)
        .collect()
}
