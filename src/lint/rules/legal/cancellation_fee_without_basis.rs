//! Y704 cancellation-fee-without-basis: 違約金 or キャンセル料 charged with no amount or
//! way of computing it.

use super::{consumer_clauses, consumer_finding};
use crate::lint::facts::Facts;
use crate::lint::Findings;
use regex::Regex;
use std::sync::LazyLock;

declare_rule! {
    /// ## What it does
    /// Finds 違約金, キャンセル料, 解約金, 解約手数料 and 取消料 that the customer is made to pay (支払う, 申し受ける, 請求する, 負担する) where the provision states neither an amount (５，０００円, １０％, ３か月分) nor a way to compute it (残存期間の料金に相当する額, 料金表に定める額). A sentence that says no fee is due (違約金なく, 違約金を要せず) is not one. Statutes, 就業規則 and 定款 are not checked; off for `audience: business`.
    ///
    /// ## Why is this bad?
    /// 消費者契約法第９条第１項第１号 voids a cancellation fee to the extent it exceeds the average damage that such a cancellation causes businesses of that kind (平均的な損害); the business bears the burden of showing that average, and 第９条第２項 (2023) asks it to explain the basis of the fee when the consumer asks. A fee without a stated amount cannot be measured against that limit, and a fee 「当社所定」 that the customer cannot see is not agreed (民法第５４８条の２第２項).
    ///
    /// ## Example
    ///     お客様が契約期間中に解約する場合、当社所定の違約金をお支払いいただきます。
    ///
    /// ## Use instead
    ///     お客様が契約期間中に解約する場合、解約日から契約期間満了日までの月額料金の５０％に相当する額を違約金としてお支払いいただきます。
    pub struct CancellationFee;
    static META = ("Y704", "cancellation-fee-without-basis", Info, "a cancellation fee or penalty (違約金, キャンセル料) charged with no amount or way to compute it (消費者契約法第９条第１項第１号)");
    reads = [Clauses, Audience];
}

static FEE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"違約金|キャンセル料|キャンセル手数料|解約金|解約手数料|取消料|取消手数料")
        .expect("fee regex")
});

/// The customer is made to pay it.
static CHARGED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"支払|支払う|申し受け|申受け|請求|負担|徴収|いただ|頂").expect("charged regex")
});

/// No fee is due.
static NO_FEE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:違約金|キャンセル料|解約金|手数料|取消料)(?:等|その他[^。]{0,10})?(?:なく|なし|無し|を要せず|を要しない|は(?:発生|生じ)(?:しない|ません|いたしません)|を(?:支払う|負担する)ことなく|を(?:請求|徴収)(?:しない|しません|いたしません|することなく)|は(?:不要|無料|かかりません))")
        .expect("no fee regex")
});

/// An amount or a way of computing it.
static BASIS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[0-9][0-9,.]*\s*(?:円|%|パーセント|割|か月|ヶ月|ヵ月|カ月|箇月|月分|日分|倍)|[一二三四五六七八九十百千万]+(?:円|割|か月分|ヶ月分|ヵ月分|倍)|相当(?:する)?(?:額|金額)|同額|の額|の金額|料金表|別表|別紙|価格表|料率")
        .expect("basis regex")
});

fn check(facts: &Facts, out: &mut Findings) {
    let _corpus = facts.corpus;
    for (d, assumed, clause) in consumer_clauses(facts) {
        let t = clause.text();
        let Some(m) = FEE.find_iter(t).find(|m| {
            let s = clause.sentence(&m.range());
            CHARGED.is_match(s) && !NO_FEE.is_match(s)
        }) else {
            continue;
        };
        if BASIS.is_match(t) {
            continue;
        }
        let mut f = consumer_finding(
            d,
            clause,
            m.range(),
            assumed,
            &NoBasis {
                fee: m.as_str().to_string(),
            },
        )
        .note("消費者契約法第９条第１項第１号: a cancellation fee is void beyond the average damage such a cancellation causes; state the amount or how it is computed")
        .help("state the amount, a rate or how it is computed (e.g. a share of the remaining fees)");
        // A missing basis is a question to the drafter, never an error by itself.
        f.escalate = false;
        out.push(f);
    }
}

violation! {
    /// A cancellation fee charged with no amount or way to compute it.
    struct NoBasis { fee: String }

    fn message(&self) -> String {
        format!(
            "「{}」 is charged with no amount or way to compute it",
            self.fee
        )
    }
}
