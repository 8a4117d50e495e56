//! What a document is and what its clauses say, for the legal rules (Y7xx): its class
//! (terms, spec, contract, or not terms at all), the audience it is offered to, and its
//! clauses in NFKC with the way back to the source. Computed once a document
//! ([`super::Facts::clauses`], [`super::Facts::audience`]): every legal rule reads them.

use crate::corpus::manifest::Audience;
use crate::corpus::Corpus;
use crate::model::{Document, DocumentKind, Provision, ProvisionKind};
use crate::text::{Detached, Normalized, Words};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

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
    audience_of(corpus, d, &clauses(&corpus.docs[d]))
}

/// [`audience`], from the document's clauses (computed once, [`super::Facts::clauses`]).
pub fn audience_of(corpus: &Corpus, d: usize, clauses: &[Clause<'_>]) -> Assumed {
    let doc = &corpus.docs[d];
    let entry = corpus.manifest_entry(&doc.id);
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
    for c in clauses {
        if SAYS_CONSUMER.said_in(c.text()) && CONSUMER_WORDS.is_match(c.text()) {
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
        if business.is_none() && SAYS_BUSINESS.said_in(c.text()) {
            if let Some(m) = BUSINESS_CUSTOMER.find(c.text()) {
                business = Some(format!("{} says 「{}」", c.provision.path, m.as_str()));
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

/// The words every match of [`CONSUMER_WORDS`] holds, and those every match of
/// [`BUSINESS_CUSTOMER`] holds. A clause is searched with a pattern only when it says one
/// of its words: most clauses say none, and the patterns' own first words (又は, 及び,
/// お客様) are in nearly every clause.
const CONSUMER_NEEDS: [&str; 5] = ["消費者", "個人", "未成年", "親権者", "法定代理人"];
const BUSINESS_NEEDS: [&str; 3] = ["法人", "事業者", "企業"];

static SAYS_CONSUMER: Words = Words::new(&CONSUMER_NEEDS);
static SAYS_BUSINESS: Words = Words::new(&BUSINESS_NEEDS);

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
    /// The NFKC of the provision's text ([`Clause::text`]), held without the text itself:
    /// a clause is 24 bytes, and a long document has one for nearly every provision.
    norm: Detached,
}

impl Clause<'_> {
    /// The provision's text in NFKC.
    pub fn text(&self) -> &str {
        self.norm.text(&self.provision.text)
    }

    /// The decoded source range of a range of the normalised text.
    pub fn src(&self, r: Range<usize>) -> Range<usize> {
        let original = self.norm.original(&self.provision.text, r);
        self.provision.text_map.src_range(original)
    }

    /// The sentence of the normalised text around `r`.
    pub fn sentence(&self, r: &Range<usize>) -> &str {
        let t = self.text();
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
                    norm: Normalized::new(&p.text).detach(),
                });
            }
            stack.extend(p.children.iter().rev().map(|c| (c, article)));
        }
    }
    // Kept for the whole run: not the up to twice as many that growing left room for.
    out.shrink_to_fit();
    out
}

/// Compiles the patterns the audience of every terms document reads, ahead of their
/// first use ([`crate::lint::facts::warm_up`]).
pub(crate) fn warm_up() {
    for pattern in [&CONSUMER_WORDS, &BUSINESS_CUSTOMER, &CUSTOMER_TERM] {
        LazyLock::force(pattern);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each alternative of the consumer and business patterns holds a word of its list,
    /// so a clause without one can be left unsearched.
    #[test]
    fn every_consumer_and_business_match_holds_a_word_of_its_list() {
        let cases: [(&Regex, &Words, &[&str], &[&str]); 2] = [
            (
                &CONSUMER_WORDS,
                &SAYS_CONSUMER,
                &CONSUMER_NEEDS,
                &[
                    "消費者契約法",
                    "個人のお客様",
                    "個人である会員",
                    "利用者が個人の場合",
                    "法人又は個人が",
                    "個人・法人を問わず",
                    "未成年者",
                    "親権者の同意",
                    "法定代理人",
                ],
            ),
            (
                &BUSINESS_CUSTOMER,
                &SAYS_BUSINESS,
                &BUSINESS_NEEDS,
                &[
                    "法人のお客様",
                    "事業者である利用者",
                    "企業たる会員",
                    "契約者は、法人に限る",
                    "法人様向け",
                ],
            ),
        ];
        for (pattern, said, words, texts) in cases {
            crate::text::assert_every_match_holds(pattern, words, texts);
            for text in texts {
                assert!(said.said_in(text), "{text}");
            }
        }
        // The patterns' first words alone are not enough.
        assert!(!SAYS_CONSUMER.said_in("お客様は又は及び当社"));
        assert!(!SAYS_BUSINESS.said_in("お客様は又は及び当社"));
    }

    /// A clause of every provision with text is kept for the whole lint: its size is
    /// part of the lint's peak on a long document.
    #[test]
    fn a_clause_is_two_pointers_and_a_detached_normalisation() {
        assert_eq!(std::mem::size_of::<crate::text::Normalized<'_>>(), 24);
        assert_eq!(std::mem::size_of::<crate::text::Detached>(), 8);
        assert_eq!(std::mem::size_of::<super::Clause<'_>>(), 24);
    }
}
