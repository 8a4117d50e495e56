//! The written forms of a reference (第三条の二第一項第四号, 前条第二項各号, 第二項, 前各号,
//! 別表第一, 第二編第一章, 同節第三款), found in one pass over a provision's text.
//!
//! The forms are a small grammar: a numbered or relative 条, 項 or 号, a division, or an
//! appended table, each followed by the finer parts it may name. [`forms`] reads it by hand
//! rather than through a capturing regex: a capture ran the regex engine's backtracker over
//! every match, and its search and captures were the largest single cost of extracting
//! references. It finds what that pattern (kept in the tests as `PATTERN`) finds, with the
//! same groups, match by match: the leftmost match, the alternatives in their order, each
//! repetition and optional part taken as far as it goes. A proptest holds the two to agree.
//!
//! Every form begins with one of six characters (第, 前, 次, 同, 本, 別); an automaton finds
//! those, and each is tried in turn as the start of a form.

use aho_corasick::{AhoCorasick, MatchKind};
use std::sync::LazyLock;

/// A part of a form: its place in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Part<'h> {
    text: &'h str,
    start: usize,
    end: usize,
}

impl<'h> Part<'h> {
    fn new(text: &'h str, start: usize, end: usize) -> Part<'h> {
        Part { text, start, end }
    }

    pub(super) fn as_str(&self) -> &'h str {
        &self.text[self.start..self.end]
    }

    pub(super) fn start(&self) -> usize {
        self.start
    }

    pub(super) fn end(&self) -> usize {
        self.end
    }

    pub(super) fn len(&self) -> usize {
        self.end - self.start
    }
}

/// One reference form and its parts. The names are the pattern's groups: `art`, `br`,
/// `para` and `item` of 第N条…; `relart` (前条, 次条, 同条, 本条, 前N条) with `para2`,
/// `item2` and `kaku2` (各号); a bare 第N項 (`para3`…); `relpara` (前項, 次項, 同項, 本項,
/// 前各項, 前N項); a bare 第N号 (`item5`); `relitem` (前各号, 前号, 次号, 同号, 前N号);
/// 別表 (`appx`, `item6`); a division (`div`); a relative division (`reldiv`, `divrest`).
/// `br`, `ib…`, `appxb` and `divrest` are branch numbers (の二の三) and further divisions,
/// present (and perhaps empty) whenever the part they follow is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Form<'h> {
    pub(super) art: Option<Part<'h>>,
    pub(super) br: Option<Part<'h>>,
    pub(super) para: Option<Part<'h>>,
    pub(super) item: Option<Part<'h>>,
    pub(super) ib: Option<Part<'h>>,
    pub(super) relart: Option<Part<'h>>,
    pub(super) nc: Option<Part<'h>>,
    pub(super) para2: Option<Part<'h>>,
    pub(super) item2: Option<Part<'h>>,
    pub(super) ib2: Option<Part<'h>>,
    pub(super) kaku2: Option<Part<'h>>,
    pub(super) para3: Option<Part<'h>>,
    pub(super) item3: Option<Part<'h>>,
    pub(super) ib3: Option<Part<'h>>,
    pub(super) kaku3: Option<Part<'h>>,
    pub(super) relpara: Option<Part<'h>>,
    pub(super) np: Option<Part<'h>>,
    pub(super) item4: Option<Part<'h>>,
    pub(super) ib4: Option<Part<'h>>,
    pub(super) kaku: Option<Part<'h>>,
    pub(super) item5: Option<Part<'h>>,
    pub(super) ib5: Option<Part<'h>>,
    pub(super) relitem: Option<Part<'h>>,
    pub(super) ni: Option<Part<'h>>,
    pub(super) appx: Option<Part<'h>>,
    pub(super) appxb: Option<Part<'h>>,
    pub(super) item6: Option<Part<'h>>,
    pub(super) ib6: Option<Part<'h>>,
    pub(super) div: Option<Part<'h>>,
    pub(super) reldiv: Option<Part<'h>>,
    pub(super) divrest: Option<Part<'h>>,
}

/// A form and where it is: `whole` is the text it covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Found<'h> {
    pub(super) whole: Part<'h>,
    pub(super) form: Form<'h>,
}

/// The characters a form can begin with.
static STARTS: LazyLock<AhoCorasick> = LazyLock::new(|| {
    // Leftmost-first, so that the automaton searches with its SIMD prefilter (Teddy).
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostFirst)
        .build(["第", "前", "次", "同", "本", "別"])
        .expect("the starts of a reference")
});

/// Every reference form of `text`, left to right, none overlapping: each found from where
/// the one before it ends, at the first place a form begins.
pub(super) fn forms(text: &str) -> impl Iterator<Item = Found<'_>> + '_ {
    let mut from = 0;
    std::iter::from_fn(move || {
        while from < text.len() {
            let start = STARTS.find(&text[from..])?.start() + from;
            match form_at(text, start) {
                Some(found) => {
                    from = found.whole.end;
                    return Some(found);
                }
                // Each start is one character of three bytes.
                None => from = start + 3,
            }
        }
        None
    })
}

/// Compiles the automaton ahead of its first use ([`crate::extract::warm_up`]).
pub(super) fn warm_up() {
    LazyLock::force(&STARTS);
}

/// A reader of the text from a place.
struct Cursor<'h> {
    text: &'h str,
    at: usize,
}

impl<'h> Cursor<'h> {
    fn rest(&self) -> &'h str {
        &self.text[self.at..]
    }

    fn part(&self, start: usize) -> Part<'h> {
        Part::new(self.text, start, self.at)
    }

    /// Takes `word` when the text goes on with it.
    fn eat(&mut self, word: &str) -> bool {
        let found = self.rest().starts_with(word);
        if found {
            self.at += word.len();
        }
        found
    }

    /// Takes the next character when it is one of those `is` holds.
    fn eat_one(&mut self, is: impl Fn(char) -> bool) -> Option<Part<'h>> {
        let c = self.rest().chars().next().filter(|&c| is(c))?;
        let start = self.at;
        self.at += c.len_utf8();
        Some(self.part(start))
    }

    /// A number: a run of digits (０-９ or 0-9), or else a run of kanji numerals
    /// (〇一二三四五六七八九十百千).
    fn number(&mut self) -> Option<Part<'h>> {
        let start = self.at;
        let rest = self.rest();
        let run = |is: fn(char) -> bool| {
            rest.char_indices()
                .find(|&(_, c)| !is(c))
                .map_or(rest.len(), |(i, _)| i)
        };
        let len = match run(is_digit) {
            0 => run(is_kanji_numeral),
            n => n,
        };
        (len > 0).then(|| {
            self.at += len;
            self.part(start)
        })
    }

    /// 第, a number and `unit` (one character of it): the number.
    fn numbered(&mut self, units: impl Fn(char) -> bool) -> Option<(Part<'h>, Part<'h>)> {
        let start = self.at;
        let parsed = (|| {
            if !self.eat("第") {
                return None;
            }
            let n = self.number()?;
            let unit = self.eat_one(units)?;
            Some((n, unit))
        })();
        if parsed.is_none() {
            self.at = start;
        }
        parsed
    }

    /// Branch numbers, as many as follow: (の or ノ, then a number) repeated; ノ in laws
    /// of the old style (第二百八十条ノ四). Always present; empty when none follows.
    fn branches(&mut self) -> Part<'h> {
        let start = self.at;
        loop {
            let before = self.at;
            if self.eat_one(|c| matches!(c, 'の' | 'ノ')).is_none() || self.number().is_none() {
                self.at = before;
                return self.part(start);
            }
        }
    }

    /// An item and its branch numbers (第N号の二), when they follow.
    fn item(&mut self) -> Option<(Part<'h>, Part<'h>)> {
        let (n, _) = self.numbered(|c| c == '号')?;
        Some((n, self.branches()))
    }

    /// 第N項, when it follows: the number.
    fn paragraph(&mut self) -> Option<Part<'h>> {
        self.numbered(|c| c == '項').map(|(n, _)| n)
    }

    /// 各号, when it follows.
    fn each_item(&mut self) -> Option<Part<'h>> {
        let start = self.at;
        self.eat("各号").then(|| self.part(start))
    }

    /// Divisions, as many as follow: (第N編, 章, 節, 款 or 目, then branch numbers)
    /// repeated. Always present; empty when none follows.
    fn divisions(&mut self) -> Part<'h> {
        let start = self.at;
        while self.numbered(is_division).is_some() {
            self.branches();
        }
        self.part(start)
    }

    /// One of `words` when the text goes on with it (the first that does).
    fn one_of(&mut self, words: &[&str]) -> Option<Part<'h>> {
        let start = self.at;
        words.iter().any(|w| self.eat(w)).then(|| self.part(start))
    }

    /// 前, one of 二 to 九 and `unit`: (the whole, the numeral).
    fn before_n(&mut self, unit: &str) -> Option<(Part<'h>, Part<'h>)> {
        let start = self.at;
        let parsed = (|| {
            if !self.eat("前") {
                return None;
            }
            let n = self.eat_one(is_two_to_nine)?;
            self.eat(unit).then(|| (self.part(start), n))
        })();
        if parsed.is_none() {
            self.at = start;
        }
        parsed
    }
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// 二 to 九, the counts of 前二条 … 前九号.
fn is_two_to_nine(c: char) -> bool {
    matches!(c, '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九')
}

/// The units of a division: 編, 章, 節, 款, 目.
fn is_division(c: char) -> bool {
    matches!(c, '編' | '章' | '節' | '款' | '目')
}

fn is_kanji_numeral(c: char) -> bool {
    matches!(
        c,
        '〇' | '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' | '百' | '千'
    )
}

/// The form that begins at `start`, if one does. At most one of the alternatives can: each
/// is told from the others by its first words.
fn form_at(text: &str, start: usize) -> Option<Found<'_>> {
    // Most places a start character stands are words (本サービス, 同様, 次の, 第三者):
    // the character after it tells them at once. After 第 every form has a number; after
    // 前, 次, 同 and 本, a unit, 各 or a numeral; after 別, 表.
    let second = text[start + 3..].chars().next()?;
    let may_begin = match &text[start..start + 3] {
        "第" => is_digit(second) || is_kanji_numeral(second),
        "別" => second == '表',
        _ => {
            matches!(second, '条' | '項' | '号' | '各')
                || is_division(second)
                || is_two_to_nine(second)
        }
    };
    if !may_begin {
        return None;
    }
    let mut c = Cursor { text, at: start };
    let mut f = Form::default();
    if let Some((n, unit)) = c.numbered(|c| matches!(c, '条' | '項' | '号') || is_division(c)) {
        match unit.as_str() {
            // 第N条の二第N項第N号の三
            "条" => {
                f.art = Some(n);
                f.br = Some(c.branches());
                f.para = c.paragraph();
                if let Some((i, b)) = c.item() {
                    (f.item, f.ib) = (Some(i), Some(b));
                }
            }
            // 第N項第N号各号
            "項" => {
                f.para3 = Some(n);
                if let Some((i, b)) = c.item() {
                    (f.item3, f.ib3) = (Some(i), Some(b));
                }
                f.kaku3 = c.each_item();
            }
            // 第N号の二
            "号" => {
                f.item5 = Some(n);
                f.ib5 = Some(c.branches());
            }
            // 第N章の二第N節…
            _ => {
                c.branches();
                c.divisions();
                f.div = Some(c.part(start));
            }
        }
    } else if let Some(r) = c.one_of(&["前条", "次条", "同条", "本条"]).or_else(|| {
        c.before_n("条").map(|(r, n)| {
            f.nc = Some(n);
            r
        })
    }) {
        // 前条第N項第N号各号
        f.relart = Some(r);
        f.para2 = c.paragraph();
        if let Some((i, b)) = c.item() {
            (f.item2, f.ib2) = (Some(i), Some(b));
        }
        f.kaku2 = c.each_item();
    } else if let Some(r) = c
        .one_of(&["前項", "次項", "同項", "本項", "前各項"])
        .or_else(|| {
            c.before_n("項").map(|(r, n)| {
                f.np = Some(n);
                r
            })
        })
    {
        // 前項第N号各号
        f.relpara = Some(r);
        if let Some((i, b)) = c.item() {
            (f.item4, f.ib4) = (Some(i), Some(b));
        }
        f.kaku = c.each_item();
    } else if let Some(r) = c.one_of(&["前各号", "前号", "次号", "同号"]).or_else(|| {
        c.before_n("号").map(|(r, n)| {
            f.ni = Some(n);
            r
        })
    }) {
        f.relitem = Some(r);
    } else if c.eat("別表") {
        // 別表第N（の二）第N号（の三）
        let table = c.at;
        if c.eat("第") {
            match c.number() {
                Some(n) => (f.appx, f.appxb) = (Some(n), Some(c.branches())),
                None => c.at = table,
            }
        }
        if let Some((i, b)) = c.item() {
            (f.item6, f.ib6) = (Some(i), Some(b));
        }
    } else if let Some(r) = c.one_of(&[
        "前編", "次編", "本編", "同編", "前章", "次章", "本章", "同章", "前節", "次節", "本節",
        "同節", "同款",
    ]) {
        f.reldiv = Some(r);
        f.divrest = Some(c.divisions());
    } else {
        return None;
    }
    Some(Found {
        whole: c.part(start),
        form: f,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use regex::Regex;

    const N: &str = r"[0-9０-９]+|[〇一二三四五六七八九十百千]+";

    /// The pattern the forms were first found by, as a regex with a group for each part:
    /// what [`forms`] is held to.
    static PATTERN: LazyLock<Regex> = LazyLock::new(|| {
        let pattern = format!(
            concat!(
                r"第(?P<art>{n})条(?P<br>(?:[のノ](?:{n}))*)(?:第(?P<para>{n})項)?(?:第(?P<item>{n})号(?P<ib>(?:[のノ](?:{n}))*))?",
                r"|(?P<relart>前条|次条|同条|本条|前(?P<nc>[二三四五六七八九])条)(?:第(?P<para2>{n})項)?(?:第(?P<item2>{n})号(?P<ib2>(?:[のノ](?:{n}))*))?(?P<kaku2>各号)?",
                r"|第(?P<para3>{n})項(?:第(?P<item3>{n})号(?P<ib3>(?:[のノ](?:{n}))*))?(?P<kaku3>各号)?",
                r"|(?P<relpara>前項|次項|同項|本項|前各項|前(?P<np>[二三四五六七八九])項)(?:第(?P<item4>{n})号(?P<ib4>(?:[のノ](?:{n}))*))?(?P<kaku>各号)?",
                r"|第(?P<item5>{n})号(?P<ib5>(?:[のノ](?:{n}))*)",
                r"|(?P<relitem>前各号|前号|次号|同号|前(?P<ni>[二三四五六七八九])号)",
                r"|別表(?:第(?P<appx>{n})(?P<appxb>(?:[のノ](?:{n}))*))?(?:第(?P<item6>{n})号(?P<ib6>(?:[のノ](?:{n}))*))?",
                r"|(?P<div>(?:第(?:{n})[編章節款目](?:[のノ](?:{n}))*)+)",
                r"|(?P<reldiv>前編|次編|本編|同編|前章|次章|本章|同章|前節|次節|本節|同節|同款)(?P<divrest>(?:第(?:{n})[編章節款目](?:[のノ](?:{n}))*)*)",
            ),
            n = N
        );
        Regex::new(&pattern).expect("reference regex")
    });

    /// A match read: its start and end, and each group's (in the order of [`Form`]'s
    /// fields).
    type Read = (usize, usize, Vec<Option<(usize, usize)>>);

    /// The pattern's matches of `text`, group by group, in the order of [`Form`]'s fields.
    fn by_pattern(text: &str) -> Vec<Read> {
        const NAMES: [&str; 31] = [
            "art", "br", "para", "item", "ib", "relart", "nc", "para2", "item2", "ib2", "kaku2",
            "para3", "item3", "ib3", "kaku3", "relpara", "np", "item4", "ib4", "kaku", "item5",
            "ib5", "relitem", "ni", "appx", "appxb", "item6", "ib6", "div", "reldiv", "divrest",
        ];
        PATTERN
            .captures_iter(text)
            .map(|c| {
                let m = c.get(0).unwrap();
                let groups = NAMES
                    .iter()
                    .map(|n| c.name(n).map(|g| (g.start(), g.end())))
                    .collect();
                (m.start(), m.end(), groups)
            })
            .collect()
    }

    fn by_hand(text: &str) -> Vec<Read> {
        forms(text)
            .map(|found| {
                let f = found.form;
                let groups = [
                    f.art, f.br, f.para, f.item, f.ib, f.relart, f.nc, f.para2, f.item2, f.ib2,
                    f.kaku2, f.para3, f.item3, f.ib3, f.kaku3, f.relpara, f.np, f.item4, f.ib4,
                    f.kaku, f.item5, f.ib5, f.relitem, f.ni, f.appx, f.appxb, f.item6, f.ib6,
                    f.div, f.reldiv, f.divrest,
                ]
                .iter()
                .map(|g| g.map(|p| (p.start(), p.end())))
                .collect();
                (found.whole.start(), found.whole.end(), groups)
            })
            .collect()
    }

    #[test]
    fn each_form_is_read_as_the_pattern_reads_it() {
        for text in [
            "第三条の二第一項第四号の三",
            "第３条第２号、第１０条の２",
            "前条第二項各号及び前二条",
            "第二項第一号各号、前各項第三号",
            "前各号、前号、次号、同号、前三号",
            "別表第一、別表第二第九十四号、別表第二号、別表",
            "第二編第一章の二第三節第五款第一目第三条",
            "同節第三款、本章、同款第一目",
            "第の条、第一、前十条、前二、第１二条、第1項の",
            "前条の規定、同条第１項第",
            "第一条の第二項、第一条ノ二ノ三、別表第一の二の",
        ] {
            assert_eq!(by_hand(text), by_pattern(text), "{text}");
        }
        // Each form above is found.
        assert_eq!(by_hand("別表第二第九十四号").len(), 1);
    }

    /// Characters that make up the forms, and some that break them.
    const ALPHABET: &[&str] = &[
        "第", "条", "項", "号", "の", "ノ", "一", "二", "九", "十", "〇", "1", "2", "０", "９",
        "前", "次", "同", "本", "各", "別", "表", "編", "章", "節", "款", "目", "、", "附", "則",
        "a", "。",
    ];

    proptest! {
        #[test]
        fn forms_are_the_pattern_s_matches(
            picks in proptest::collection::vec(0..ALPHABET.len(), 0..40)
        ) {
            let text: String = picks.iter().map(|&i| ALPHABET[i]).collect();
            prop_assert_eq!(by_hand(&text), by_pattern(&text), "{}", text);
        }
    }
}
