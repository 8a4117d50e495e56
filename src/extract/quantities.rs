//! Quantities stated in provisions: periods (1年間), notice periods (１ヵ月前), deadlines
//! (翌月末日, 30日以内) and amounts (金480,000円). Value-conflict rules compare them
//! between documents.

use crate::model::{Document, Provision, ProvisionKind};
use crate::parse::numeral::parse_number;
use crate::text::Normalized;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum QuantityKind {
    /// 1年間, ３ヵ月間
    Period,
    /// １ヵ月前, 30日前まで
    Notice,
    /// 翌月末日, 14日以内
    Deadline,
    /// 金480,000円
    Amount,
}

impl QuantityKind {
    pub fn describe(self) -> &'static str {
        match self {
            QuantityKind::Period => "period",
            QuantityKind::Notice => "notice period",
            QuantityKind::Deadline => "deadline",
            QuantityKind::Amount => "amount",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Quantity {
    pub kind: QuantityKind,
    /// Normalised value for comparison: "1年", "1ヵ月前", "翌月末日", "480000円".
    pub value: String,
    /// As written.
    pub text: String,
    pub path: String,
    /// Decoded source range.
    pub range: Range<usize>,
}

const UNIT: &str = r"年|ヵ月|ヶ月|か月|カ月|箇月|ケ月|ケ月|週|週間|営業日|日|時間|分";

static QUANTITY: LazyLock<Regex> = LazyLock::new(|| {
    let n = r"[0-9]+|[〇一二三四五六七八九十百千]+";
    Regex::new(&format!(
        concat!(
            // A notice period first: 「２週間前」 is a notice, not a period of ２週間.
            r"(?P<nn>{n})(?P<nu>{u})(?:以上)?前",
            r"|(?P<pn>{n})(?P<pu>{u})間",
            r"|(?P<dm>翌月|翌々月|当月)(?P<dd>末日|(?:{n})日)",
            r"|(?P<wn>{n})(?P<wu>営業日|日|時間|分)以内",
            r"|(?P<amount>[0-9][0-9,]*)(?P<myriad>万|億)?円",
        ),
        n = n,
        u = UNIT
    ))
    .expect("quantity regex")
});

fn unit(u: &str) -> &str {
    match u {
        "ヵ月" | "ヶ月" | "か月" | "カ月" | "箇月" | "ケ月" => "ヵ月",
        "週間" => "週",
        u => u,
    }
}

fn value(n: &str) -> String {
    parse_number(n).map_or_else(|| n.to_string(), |v| v.to_string())
}

/// A number and its unit in one scale, so that equal lengths compare equal: 1年 = 12ヵ月,
/// 2週 = 14日.
fn length(n: &str, u: &str) -> String {
    let u = unit(u);
    let scaled = |factor: u64, to: &str| {
        parse_number(n)
            .and_then(|v| u64::from(v).checked_mul(factor))
            .map(|v| format!("{v}{to}"))
    };
    let scaled = match u {
        "年" => scaled(12, "ヵ月"),
        "週" => scaled(7, "日"),
        _ => None,
    };
    scaled.unwrap_or_else(|| format!("{}{}", value(n), u))
}

/// An amount in yen: 480,000円 → 480000円, 5万円 → 50000円.
fn yen(digits: &str, myriad: Option<&str>) -> String {
    let digits = digits.replace(',', "");
    let factor: u64 = match myriad {
        Some("万") => 10_000,
        Some("億") => 100_000_000,
        _ => 1,
    };
    digits
        .parse::<u64>()
        .ok()
        .and_then(|v| v.checked_mul(factor))
        .map_or_else(
            || format!("{digits}{}円", myriad.unwrap_or("")),
            |v| format!("{v}円"),
        )
}

/// Quantities in one provision's own text.
pub fn in_provision(p: &Provision) -> Vec<Quantity> {
    let norm = Normalized::new(&p.text);
    let mut out = Vec::new();
    for c in QUANTITY.captures_iter(norm.text()) {
        let Some(m) = c.get(0) else { continue };
        let (kind, v) = if let (Some(n), Some(u)) = (c.name("pn"), c.name("pu")) {
            (QuantityKind::Period, length(n.as_str(), u.as_str()))
        } else if let (Some(n), Some(u)) = (c.name("nn"), c.name("nu")) {
            (
                QuantityKind::Notice,
                format!("{}前", length(n.as_str(), u.as_str())),
            )
        } else if let (Some(mo), Some(d)) = (c.name("dm"), c.name("dd")) {
            (
                QuantityKind::Deadline,
                format!("{}{}", mo.as_str(), d.as_str()),
            )
        } else if let (Some(n), Some(u)) = (c.name("wn"), c.name("wu")) {
            (
                QuantityKind::Deadline,
                format!("{}{}以内", value(n.as_str()), u.as_str()),
            )
        } else if let Some(a) = c.name("amount") {
            (
                QuantityKind::Amount,
                yen(a.as_str(), c.name("myriad").map(|m| m.as_str())),
            )
        } else {
            continue;
        };
        let orig = norm.original(m.range());
        out.push(Quantity {
            kind,
            value: v,
            text: p.text[orig.clone()].to_string(),
            path: p.path.to_string(),
            range: p.text_map.src_range(orig),
        });
    }
    out
}

/// Quantities of a provision and everything below it.
pub fn in_subtree(p: &Provision) -> Vec<Quantity> {
    p.walk()
        .filter(|q| q.kind != ProvisionKind::Table)
        .flat_map(in_provision)
        .collect()
}

/// Every quantity of a document.
pub fn in_document(doc: &Document) -> Vec<Quantity> {
    doc.all_provisions().flat_map(in_provision).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Span, TextMap};

    fn prov(text: &str) -> Provision {
        Provision {
            kind: ProvisionKind::Paragraph,
            label: Default::default(),
            num: "1".into(),
            caption: None,
            text: text.into(),
            path: "第1条第1項".into(),
            span: Span::default(),
            cells: Default::default(),
            children: Box::default(),
            text_map: TextMap::verbatim(0, text.len()),
            label_offsets: crate::model::Offsets::EMPTY,
            excerpt: false,
        }
    }

    #[test]
    fn kinds_and_values() {
        let q = in_provision(&prov("開始日より 1年間とし、満了の日の１ヵ月前までに通知し、翌月末日までに金４８０，０００円を支払う。"));
        let v: Vec<(QuantityKind, &str)> = q.iter().map(|q| (q.kind, q.value.as_str())).collect();
        assert_eq!(
            v,
            [
                (QuantityKind::Period, "12ヵ月"),
                (QuantityKind::Notice, "1ヵ月前"),
                (QuantityKind::Deadline, "翌月末日"),
                (QuantityKind::Amount, "480000円")
            ]
        );
        assert_eq!(q[1].text, "１ヵ月前");
    }

    #[test]
    fn equal_lengths_compare_equal() {
        let v = |t: &str| -> Vec<String> {
            in_provision(&prov(t))
                .into_iter()
                .map(|q| q.value)
                .collect()
        };
        assert_eq!(v("１年間"), v("１２ヵ月間"));
        assert_eq!(v("２週間前まで"), v("１４日前まで"));
        assert_eq!(v("月額５万円"), v("月額金５０，０００円"));
        assert_ne!(v("３ヵ月間"), v("３年間"));
        assert_eq!(v("２４時間３６５日"), Vec::<String>::new());
    }
}
