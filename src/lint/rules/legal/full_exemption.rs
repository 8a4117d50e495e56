//! Y701 full-exemption: 「一切の責任を負いません」 with no carve-out for 故意又は重大な過失.

use super::{
    carve_out_elsewhere, consumer_clauses, consumer_finding, customer_is_subject,
    limits_to_no_fault, says_gross_negligence_out,
};
use crate::lint::facts::Facts;
use crate::lint::Findings;
use crate::text::Words;
use regex::Regex;
use std::sync::LazyLock;

declare_rule! {
    /// ## What it does
    /// Finds clauses by which the business takes no liability at all: 「一切の責任を負いません」, 「いかなる損害についても責任を負わない」, 「何らの責任も負わない」, 「一切賠償しません」. It stays silent when the clause, its article, a provision that cites it (「前条の規定にかかわらず」, 「前項の規定は、…適用しない」) or a provision about every clause of the document takes the business's 故意又は重大な過失 (or its fault, 責めに帰すべき事由) out, and when the exemption covers only events the business is not at fault for (不可抗力, 当社の責めに帰すことができない事由). Statutes, 就業規則 and 定款 are not checked.
    ///
    /// The severity follows the audience: a warning when it is unknown, an error for `audience: consumer`, off for `audience: business` and for a document that calls its customer 法人 or 事業者 and says nothing about consumers. The note says which audience was assumed.
    ///
    /// ## Why is this bad?
    /// 消費者契約法第８条第１項第１号 voids a clause of a consumer contract that exempts the business from all liability for damage caused by its non-performance, and 第３号 one that exempts it from all liability in tort. The clause is void as a whole: a court applies the 民法 rules of damages (第４１５条, 第７０９条) as if the clause did not exist. Between businesses the clause is not void by statute, but courts read it narrowly and commonly refuse to apply it to the business's 故意 or 重大な過失 (信義則, 民法第１条第２項; 公序良俗, 第９０条).
    ///
    /// ## Example
    ///     第１０条（損害賠償）
    ///     当社は、本サービスの利用によりお客様に生じた損害について、一切の責任を負いません。
    ///
    /// ## Use instead
    ///     第１０条（損害賠償）
    ///     当社は、本サービスの利用によりお客様に生じた損害について、一切の責任を負いません。ただし、当社の故意又は重大な過失による場合は、この限りではありません。
    pub struct FullExemption;
    static META = ("Y701", "full-exemption", Warning, "a clause that exempts the business from all liability (一切の責任を負いません) without taking out 故意又は重大な過失 (消費者契約法第８条第１項第１号・第３号)");
    reads = [Clauses, Audience];
}

/// The words of a full exemption.
static FULL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"一切(?:の)?(?:損害)?(?:賠償)?(?:責任|責め|責)(?:を|も)負(?:わない(?:もの(?:と(?:します|する))?)?|いません|いかねます)|(?:責任|賠償責任)(?:を|は)一切負(?:わない(?:もの(?:と(?:します|する))?)?|いません)|一切(?:の)?(?:賠償|補償)(?:を)?(?:しない|しません|いたしません|を行わない|を行いません)|いかなる(?:損害|不利益|責任)[^。]{0,30}?(?:も|についても|に対しても|に関しても)[^。]{0,15}?(?:責任|責め)を負(?:わない(?:もの(?:と(?:します|する))?)?|いません)|何ら(?:の)?(?:責任|責め)(?:を|も)負(?:わない(?:もの(?:と(?:します|する))?)?|いません)|一切の責任を免れ")
        .expect("full exemption regex")
});

/// The words one of which every match of [`FULL`] holds: each of its alternatives says
/// one of them.
const FULL_WORDS: [&str; 3] = ["一切", "いかなる", "何ら"];
static FULL_SAID: Words = Words::new(&FULL_WORDS);

violation! {
    /// Words that exempt the business from all liability.
    struct Exempts { words: String }

    fn message(&self) -> String {
        format!(
            "「{}」 exempts the business from all liability, with no carve-out for 故意又は重大な過失",
            self.words
        )
    }
}

fn check(facts: &Facts, out: &mut Findings) {
    let corpus = facts.corpus;
    for (d, assumed, clause) in consumer_clauses(facts) {
        let doc = &corpus.docs[d];
        // Every match of FULL says 一切, いかなる or 何ら: a clause without them is not
        // searched (and a document without them never compiles the pattern).
        if !FULL_SAID.said_in(clause.text()) {
            continue;
        }
        for m in FULL.find_iter(clause.text()) {
            let sentence = clause.sentence(&m.range());
            if customer_is_subject(sentence)
                || limits_to_no_fault(sentence)
                || clause
                    .article
                    .caption
                    .as_deref()
                    .is_some_and(limits_to_no_fault)
                || says_gross_negligence_out(&super::subtree_text(clause.article))
                || carve_out_elsewhere(doc, clause).is_some()
            {
                continue;
            }
            let f = consumer_finding(
                d,
                clause,
                m.range(),
                assumed,
                &Exempts {
                    words: m.as_str().to_string(),
                },
            )
            .note("消費者契約法第８条第１項第１号・第３号: in a consumer contract such a clause is void, and 民法 damages apply as if it were not written")
            .help("add 「ただし、当社の故意又は重大な過失による場合は、この限りではありません。」 or limit the exemption to events the business is not at fault for");
            out.push(f);
            // One finding per clause: the first full exemption says it.
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A text for each alternative of FULL: each matches, and its match holds one of the
    /// words asked first.
    #[test]
    fn every_alternative_holds_a_word_asked_first() {
        crate::text::assert_every_match_holds(
            &FULL,
            &FULL_WORDS,
            &[
                "当社は一切の責任を負いません。",
                "当社は賠償責任を一切負わないものとします。",
                "当社は一切の補償をいたしません。",
                "いかなる損害についても当社は責任を負いません。",
                "当社は何らの責任も負わない。",
                "当社は一切の責任を免れる。",
            ],
        );
    }
}
