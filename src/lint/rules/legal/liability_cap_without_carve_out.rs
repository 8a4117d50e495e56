//! Y702 liability-cap-without-carve-out: a cap on the business's liability that does not
//! say it applies only where the business is not grossly negligent.

use super::{
    carve_out_elsewhere, consumer_clauses, consumer_finding, customer_is_subject,
    says_gross_negligence_out, subtree_text,
};
use crate::lint::facts::Facts;
use crate::lint::Findings;
use crate::text::Words;
use regex::Regex;
use std::sync::LazyLock;

declare_rule! {
    /// ## What it does
    /// Finds caps on the business's liability for damages: 「…の額を上限とします」, 「…を限度として賠償します」, 「…を超えて責任を負わない」, 「…を超えない範囲で賠償する」, in a sentence about 損害 or 賠償. It stays silent when the clause, its article, a provision that cites it or a provision about every clause of the document says the cap does not apply to the business's 故意又は重大な過失. A cap on what the customer pays (お客様は…) and 遅延損害金 are not caps on the business's liability. Statutes, 就業規則 and 定款 are not checked.
    ///
    /// The severity follows the audience: a warning when it is unknown, an error for `audience: consumer`, off for business.
    ///
    /// ## Why is this bad?
    /// 消費者契約法第８条第３項 (in force since 2023-06-01) voids a clause of a consumer contract that partly exempts the business from liability unless the clause makes clear that it applies only to slight negligence (重大な過失を除く過失). A cap written without that is void as a whole, so the business is liable in full — even for slight negligence, where the cap would have been valid. 第８条第１項第２号・第４号 void any partial exemption for 故意又は重大な過失 in any case.
    ///
    /// ## Example
    ///     当社の損害賠償の額は、お客様が当社に支払った直近１２か月分の料金の額を上限とします。
    ///
    /// ## Use instead
    ///     当社の損害賠償の額は、お客様が当社に支払った直近１２か月分の料金の額を上限とします。ただし、当社の故意又は重大な過失による場合は、この限りではありません。
    pub struct LiabilityCap;
    static META = ("Y702", "liability-cap-without-carve-out", Warning, "a cap on the business's liability (…を上限とします, …を超えて責任を負わない) that does not say it leaves out 故意又は重大な過失 (消費者契約法第８条第３項)");
    reads = [Clauses, Audience];
}

/// The words of a cap.
static CAP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:上限|限度)(?:と(?:します|いたします|して|する|し)|に(?:して|賠償))|を超えて(?:[^。]{0,20}?)(?:責任を負(?:わ|いません)|賠償(?:しない|しません|いたしません|責任を負わ|の責任を負わ))|を超えない範囲(?:で|内で|において)")
        .expect("cap regex")
});

/// The words one of which every match of [`CAP`] holds: each of its alternatives says
/// one of them.
const CAP_WORDS: [&str; 3] = ["上限", "限度", "を超え"];
static CAP_SAID: Words = Words::new(&CAP_WORDS);

/// The sentence is about the business's liability for damages.
static LIABILITY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"損害|賠償").expect("liability regex"));

/// Words of a cap that is not one on liability: late-payment interest, what is paid.
static NOT_LIABILITY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"遅延損害金|延滞|利息|利率").expect("not liability regex"));

violation! {
    /// Words that cap liability without leaving out 故意又は重大な過失.
    struct Cap { words: String }

    fn message(&self) -> String {
        format!(
            "a cap on liability (「{}」) that does not say it leaves out 故意又は重大な過失",
            self.words
        )
    }
}

fn check(facts: &Facts, out: &mut Findings) {
    let corpus = facts.corpus;
    for (d, assumed, clause) in consumer_clauses(facts) {
        let doc = &corpus.docs[d];
        // Every match of CAP says 上限, 限度 or を超え: a clause without them is not
        // searched (and a document without them never compiles the pattern).
        if !CAP_SAID.said_in(clause.text()) {
            continue;
        }
        let Some(m) = CAP.find_iter(clause.text()).find(|m| {
            let s = clause.sentence(&m.range());
            LIABILITY.is_match(s) && !NOT_LIABILITY.is_match(s) && !customer_is_subject(s)
        }) else {
            continue;
        };
        if says_gross_negligence_out(&subtree_text(clause.article))
            || carve_out_elsewhere(doc, clause).is_some()
        {
            continue;
        }
        out.push(
            consumer_finding(
                d,
                clause,
                m.range(),
                assumed,
                &Cap {
                    words: m.as_str().to_string(),
                },
            )
            .note("消費者契約法第８条第３項: a partial exemption that does not make clear it applies only to slight negligence is void in a consumer contract")
            .help("add 「ただし、当社の故意又は重大な過失による場合は、この限りではありません。」"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A text for each alternative of CAP: each matches, and its match holds one of the
    /// words asked first.
    #[test]
    fn every_alternative_holds_a_word_asked_first() {
        crate::text::assert_every_match_holds(
            &CAP,
            &CAP_WORDS,
            &[
                "月額料金を上限とします。",
                "損害賠償の額は支払額を限度に賠償する。",
                "利用料金を超えて当社は責任を負いません。",
                "利用料金を超えない範囲で賠償する。",
            ],
        );
    }
}
