//! Y703 self-judged-liability: the business made the judge of its own liability, or of
//! the customer's right to cancel; the customer's right to cancel waived.

use super::{consumer_clauses, consumer_finding, CUSTOMER};
use crate::lint::facts::Facts;
use crate::lint::{Findings, Violation};
use crate::text::Words;
use regex::Regex;
use std::sync::LazyLock;

declare_rule! {
    /// ## What it does
    /// Finds clauses that make the business the judge of its own liability — 「当社に過失がないと当社が判断した場合」, 「責任の有無は当社が判断します」 — and clauses that take away the customer's right to cancel: 「解除権を放棄します」, 「理由の如何を問わず解除することができません」, 「当社が認めた場合に限り解除できます」. A clause in which the business judges something else (whether to suspend the service, whether a use is prohibited) is not one of these, and neither is a plain 「中途解約はできません」 (a term without a right to end it early, not a waiver of the right to cancel for the business's breach). Statutes, 就業規則 and 定款 are not checked.
    ///
    /// The severity follows the audience: a warning when it is unknown, an error for `audience: consumer`, off for business.
    ///
    /// ## Why is this bad?
    /// 消費者契約法第８条第１項 (since 2019) voids a clause that gives the business the power to decide whether it is liable at all (第１号・第３号) or whether its liability is limited (第２号・第４号). 第８条の２ voids a clause that waives the consumer's right to cancel for the business's non-performance, or that gives the business the power to decide whether the consumer has that right. The clause is void: the consumer keeps the rights of 民法第４１５条 and 第５４１条・第５４２条.
    ///
    /// ## Example
    ///     当社の責めに帰すべき事由の有無は、当社が判断するものとします。
    ///
    /// ## Use instead
    /// Delete the sentence; liability follows the facts and, in a dispute, the court decides.
    pub struct SelfJudged;
    static META = ("Y703", "self-judged-liability", Warning, "a clause that lets the business decide whether it is liable or whether the customer may cancel, or that waives the customer's right to cancel (消費者契約法第８条第１項, 第８条の２)");
    reads = [Clauses, Audience];
}

/// The business judging its own liability.
static JUDGE_LIABILITY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:責任|過失|帰責事由|(?:責め|責)に帰すべき事由|賠償義務)(?:の有無|があるか(?:否か|どうか)|の範囲|の程度)[^。]{0,10}?(?:は|について(?:は)?)、?当社(?:が|の)(?:[^。、]{0,8}?)(?:判断|決定|認定)|当社(?:が|の)[^。]{0,40}?(?:責任|過失|帰責事由|(?:責め|責)に帰すべき事由)(?:が|は)?(?:ない|なし|無い|ある)[^。]{0,5}?(?:と|か否かを|かどうかを)(?:判断|認め|決定|認定)")
        .expect("judge regex")
});

/// The customer's right to cancel waived, or left to the business's judgment.
static WAIVE_CANCEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"解除権(?:を|は)?(?:放棄|行使(?:することが|は)?でき(?:ない|ません))|(?:いかなる(?:理由|事由|場合)(?:で|に)?(?:あって|おいて)?も|(?:理由|事由)(?:の)?(?:如何|いかん)を問わず|当社の(?:債務不履行|(?:責め|責)に帰すべき事由)(?:が|による場合で)?(?:あって|あった場合で)?も)[^。]{0,40}?解除(?:すること)?(?:は|が)?でき(?:ない|ません)|当社が[^。]{0,30}?(?:認め|判断し)(?:た|る)(?:場合|とき)に限り[^。]{0,30}?解除")
        .expect("waiver regex")
});

/// A word every match of [`JUDGE_LIABILITY`] holds (both its alternatives name 当社).
const JUDGE_WORD: &str = "当社";
/// A word every match of [`WAIVE_CANCEL`] holds (解除権, or 解除 after its gap).
const WAIVE_WORD: &str = "解除";
static JUDGE_SAID: Words = Words::new(&[JUDGE_WORD]);
static WAIVE_SAID: Words = Words::new(&[WAIVE_WORD]);
/// Every match of [`JUDGE_LIABILITY`] also holds one of these (what is judged) and one
/// of [`JUDGE_VERBS`] (the judging).
const JUDGE_FAULTS: [&str; 5] = ["責任", "過失", "帰責事由", "帰すべき事由", "賠償義務"];
const JUDGE_VERBS: [&str; 4] = ["判断", "決定", "認定", "認め"];
static JUDGE_FAULT_SAID: Words = Words::new(&JUDGE_FAULTS);
static JUDGE_VERB_SAID: Words = Words::new(&JUDGE_VERBS);
/// Every match of [`WAIVE_CANCEL`] also holds one of these: the waiver (放棄), the
/// inability (でき…ない), or the business's leave (…に限り).
const WAIVE_TERMS: [&str; 3] = ["放棄", "でき", "に限り"];
static WAIVE_TERMS_SAID: Words = Words::new(&WAIVE_TERMS);

static CUSTOMER_NAME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(CUSTOMER).expect("customer regex"));

/// What the business keeps for itself to judge: its liability, or the customer's right
/// to cancel (waived).
enum Judged {
    Liability,
    Cancellation,
}

impl Violation for Judged {
    fn message(&self) -> String {
        match self {
            Judged::Liability => "the business decides whether it is liable",
            Judged::Cancellation => {
                "the customer's right to cancel is waived or left to the business's judgment"
            }
        }
        .to_string()
    }
}

fn check(facts: &Facts, out: &mut Findings) {
    let _corpus = facts.corpus;
    for (d, assumed, clause) in consumer_clauses(facts) {
        let text = clause.text();
        // Every match of JUDGE_LIABILITY names 当社, what is judged and the judging, and
        // every match of WAIVE_CANCEL says 解除 and one of WAIVE_TERMS: most clauses say
        // neither set, and are not searched (the searches were 3% of a large document's
        // check); a document none of whose clauses does never compiles the patterns.
        let judged = (JUDGE_SAID.said_in(text)
            && JUDGE_FAULT_SAID.said_in(text)
            && JUDGE_VERB_SAID.said_in(text))
        .then(|| JUDGE_LIABILITY.find(text))
        .flatten();
        if let Some(m) = judged {
            out.push(
                consumer_finding(
                    d,
                    clause,
                    m.range(),
                    assumed,
                    &Judged::Liability,
                )
                .note("消費者契約法第８条第１項: a clause that gives the business the power to decide whether (or how far) it is liable is void in a consumer contract")
                .help("delete the business's judgment; liability follows the facts"),
            );
        }
        let waiver = (WAIVE_SAID.said_in(text) && WAIVE_TERMS_SAID.said_in(text))
            .then(|| {
                WAIVE_CANCEL
                    .find_iter(text)
                    .find(|m| CUSTOMER_NAME.is_match(clause.sentence(&m.range())))
            })
            .flatten();
        if let Some(m) = waiver {
            out.push(
                consumer_finding(
                    d,
                    clause,
                    m.range(),
                    assumed,
                    &Judged::Cancellation,
                )
                .note("消費者契約法第８条の２: a clause that waives the consumer's right to cancel for the business's non-performance, or lets the business decide whether the consumer has it, is void")
                .help("keep the customer's right to cancel for the business's breach (民法第５４１条・第５４２条)"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A text for each alternative of the two patterns: each matches, and its match holds
    /// a word of each list asked first (so a pattern given an alternative without one
    /// fails here).
    #[test]
    fn every_alternative_holds_the_word_asked_first() {
        for words in [&[JUDGE_WORD][..], &JUDGE_FAULTS, &JUDGE_VERBS] {
            crate::text::assert_every_match_holds(
                &JUDGE_LIABILITY,
                words,
                &[
                    "責任の有無については、当社が判断します。",
                    "過失の程度は当社の合理的な判断によります。",
                    "賠償義務の範囲は、当社が決定します。",
                    "帰責事由があるか否かは当社の認定による。",
                    "当社が独自の基準で過失がないと判断した場合",
                    "当社の責めに帰すべき事由がないと認めた場合",
                ],
            );
        }
        for words in [&[WAIVE_WORD][..], &WAIVE_TERMS] {
            crate::text::assert_every_match_holds(
                &WAIVE_CANCEL,
                words,
                &[
                    "お客様は解除権を放棄します。",
                    "いかなる理由であっても、お客様は本契約を解除することはできません。",
                    "理由の如何を問わず、お客様は解除できません。",
                    "当社の債務不履行があっても、お客様は解除できない。",
                    "当社が相当と認めた場合に限り、お客様は本契約を解除できます。",
                    "お客様は、解除権を行使することができません。",
                ],
            );
        }
    }
}
