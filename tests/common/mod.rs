//! Helpers shared by the integration tests (`mod common;`).
#![allow(dead_code)]

use yakkan::Document;

/// Characters of Japanese legal text, for property tests.
pub const ALPHABET: &[&str] = &[
    "第",
    "条",
    "項",
    "号",
    "章",
    "節",
    "１",
    "２",
    "1",
    "2",
    "一",
    "二",
    "十",
    "（",
    "）",
    "(",
    ")",
    "「",
    "」",
    "。",
    "、",
    "イ",
    "ロ",
    "ア",
    "附",
    "則",
    "以",
    "上",
    "目",
    "次",
    "用",
    "語",
    "の",
    "意",
    "味",
    "①",
    "．",
    ".",
    "%",
    " ",
    "\u{3000}",
    "\t",
    "\u{0C}",
    "\n",
    "\r\n",
    "a",
    "第１条",
    "第2条",
    "第一章",
    "（目的）",
    "（施行期日）",
    "２ ",
    "(1)",
    "（１）",
    "一　",
    "イ　",
    "1.1 ",
    "２．",
    "附則",
    "以上",
    "目次",
    "用語 用語の意味",
    "削除",
    "第３条の２",
    "\n\n",
];

/// The model as JSON without any span (positions differ between encodings and layouts)
/// and without the document path.
pub fn without_spans(doc: &Document) -> serde_json::Value {
    let mut v = serde_json::to_value(doc).expect("serialisable");
    if let Some(o) = v.as_object_mut() {
        o.remove("path");
    }
    let mut stack = vec![&mut v];
    while let Some(v) = stack.pop() {
        match v {
            serde_json::Value::Object(o) => {
                o.remove("span");
                stack.extend(o.values_mut());
            }
            serde_json::Value::Array(a) => stack.extend(a.iter_mut()),
            _ => {}
        }
    }
    v
}
