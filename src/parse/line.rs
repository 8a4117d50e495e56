//! Classify one logical line with the pest grammar in `grammar/line.pest`.

use super::numeral::{parse_circled, parse_number};
use crate::model::Offsets;
use pest::iterators::Pair;
use pest::Parser;
use std::ops::Range;

#[derive(pest_derive::Parser)]
#[grammar = "../grammar/line.pest"]
struct LineGrammar;

/// The levels of 編/章/節/款/目, outermost first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum DivisionLevel {
    Part,
    Chapter,
    Section,
    Subsection,
    Division,
}

impl DivisionLevel {
    pub fn suffix(self) -> &'static str {
        match self {
            DivisionLevel::Part => "編",
            DivisionLevel::Chapter => "章",
            DivisionLevel::Section => "節",
            DivisionLevel::Subsection => "款",
            DivisionLevel::Division => "目",
        }
    }
}

/// How an item label is written; a change of style inside an item starts a sub-level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemStyle {
    /// （１） (1)
    ParenNumber,
    /// ①
    Circled,
    /// 一　(kanji numeral and a space)
    Kanji,
    /// イ　/ ア
    Kana,
    /// （ア） (イ)
    ParenKana,
    /// (a) （ａ）
    ParenLatin,
    /// (i) (ii) （ｉｉｉ）
    ParenRoman,
    /// 1)
    NumberParen,
    /// a. / a)
    LatinDot,
    /// A Markdown list item at a nesting depth (ordered or not).
    MarkdownList(u8, bool),
    /// `1.` `2.` inside an article (the plain text of a Markdown list), by nesting level:
    /// a list that restarts at 1 is one level deeper.
    DigitDot(u8),
}

/// The value an item label stands for; kana are numbered later, once the order is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemValue {
    Number(u32),
    /// 二の二: an item number with a branch number.
    Branch(u32, u32),
    Kana(char),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleNo {
    pub main: u32,
    /// A boxed slice, not a vector: set once, and 8 bytes less on every classified line
    /// (an article line's kind holds one or two numbers).
    pub branches: Box<[u32]>,
}

/// What a logical line is. Ranges are byte ranges in the line's text, as 32-bit
/// [`Offsets`] (read with `range()`): a large document has a kind for nearly every line,
/// all alive at the parse's peak, and a kind is 64 bytes where `Range<usize>`s make it 96.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineKind {
    Article {
        no: ArticleNo,
        label: Offsets,
        caption: Option<Offsets>,
        rest: Option<Offsets>,
    },
    /// The two numbers are boxed: a range is rare, and would set the size of every kind.
    ArticleRange {
        first: Box<ArticleNo>,
        last: Box<ArticleNo>,
        label: Offsets,
        rest: Option<Offsets>,
    },
    Division {
        level: DivisionLevel,
        no: ArticleNo,
        label: Offsets,
        title: Option<Offsets>,
    },
    Suppl {
        label: Offsets,
        note: Option<Offsets>,
        /// 抄: the 附則 is an excerpt.
        excerpt: bool,
    },
    /// 別表第一（第三条関係）: the heading of an appendix.
    Appendix {
        label: Offsets,
        title: Option<Offsets>,
    },
    EndMarker,
    Toc,
    TableHeader,
    /// （目的） alone on a line.
    Caption {
        text: Offsets,
    },
    Item {
        style: ItemStyle,
        value: ItemValue,
        label: Offsets,
        rest: Option<Offsets>,
    },
    Paragraph {
        num: u32,
        label: Offsets,
        rest: Offsets,
    },
    Section {
        nums: Vec<u32>,
        label: Offsets,
        rest: Option<Offsets>,
    },
    Text,
}

fn range(p: &Pair<'_, Rule>) -> Range<usize> {
    p.as_span().start()..p.as_span().end()
}

/// The range of a `rest`: from where the grammar found it to the end of the line (the
/// grammar matches only its first character).
fn rest_range(p: &Pair<'_, Rule>) -> Range<usize> {
    debug_assert_eq!(p.as_rule(), Rule::rest);
    p.as_span().start()..p.get_input().len()
}

fn number_of(p: Pair<'_, Rule>) -> Option<u32> {
    p.into_inner()
        .find(|q| matches!(q.as_rule(), Rule::digits | Rule::kanji))
        .and_then(|q| parse_number(q.as_str()))
}

fn article_no(p: Pair<'_, Rule>) -> Option<ArticleNo> {
    let mut main = None;
    let mut branches = Vec::new();
    for q in p.into_inner() {
        match q.as_rule() {
            Rule::digits | Rule::kanji => main = parse_number(q.as_str()),
            Rule::branch => branches.push(number_of(q)?),
            _ => {}
        }
    }
    Some(ArticleNo {
        main: main?,
        branches: branches.into(),
    })
}

fn caption_text(p: Pair<'_, Rule>) -> Option<Range<usize>> {
    p.into_inner()
        .find(|q| q.as_rule() == Rule::caption_text)
        .map(|q| range(&q))
}

/// The rule of the grammar that holds the forms a line starting with `c` can take
/// (`line_dai` for 第: an article, a range of articles, a division), or `None` when no
/// form starts with `c` and the line is text. Every form of `line` starts with one of
/// these characters (第 附 別 様 以 目 用 語, a bracket, a digit, a kanji numeral, a
/// circled number, a katakana or a lower-case latin letter).
fn forms_starting_with(c: char) -> Option<Rule> {
    Some(match c {
        '第' => Rule::line_dai,
        '0'..='9' | '０'..='９' => Rule::line_digit,
        '（' | '(' => Rule::line_bracket,
        '〇'
        | '零'
        | '一'
        | '二'
        | '三'
        | '四'
        | '五'
        | '六'
        | '七'
        | '八'
        | '九'
        | '十'
        | '百'
        | '千'
        | '①'..='⑳'
        | '㉑'..='㉟'
        | '㊱'..='㊿'
        | 'ァ'..='ヺ'
        | 'a'..='z'
        | 'ａ'..='ｚ' => Rule::line_item,
        '附' => Rule::line_suppl,
        '別' | '様' => Rule::line_appendix,
        '以' => Rule::line_end,
        '目' => Rule::line_toc,
        '用' | '語' => Rule::line_table,
        _ => return None,
    })
}

/// Classify a logical line.
pub fn classify(text: &str) -> LineKind {
    if let Some(kind) = common_form(text) {
        return kind;
    }
    match text.chars().next().and_then(forms_starting_with) {
        Some(rule) => classify_as(rule, text),
        None => LineKind::Text,
    }
}

// The front of the grammar. Most lines of a document take one of a few plain shapes: an
// article label with a caption or text (第5条（目的）, 第五条　…), a numbered paragraph
// (２　…), a bracketed or kanji item (（１）…, 一　…, イ　…), a caption alone
// （目的）. `common_form` reads these shapes byte by byte and gives the kind the grammar
// gives them; any other shape, and any doubt (a branch number, a space inside a label,
// a bracket inside a caption, から or 及び after an article), is left to the grammar
// (`None`). The grammar stays the definition: the corpus test below compares `classify`
// with the whole `line` rule on every line of the corpora, and a property test does on
// label-like strings.

fn is_ws(c: char) -> bool {
    matches!(c, ' ' | '\u{3000}' | '\t')
}

fn is_hs(c: char) -> bool {
    matches!(c, ' ' | '\u{3000}')
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || crate::text::is_full_width_digit(c)
}

fn is_kanji_digit(c: char) -> bool {
    "〇零一二三四五六七八九十百千".contains(c)
}

fn is_open(c: char) -> bool {
    matches!(c, '（' | '(')
}

fn is_close(c: char) -> bool {
    matches!(c, '）' | ')')
}

/// The length of the run of `text` that `is` holds for, from its start.
fn run(text: &str, is: impl Fn(char) -> bool) -> usize {
    text.len() - text.trim_start_matches(is).len()
}

/// A number of the grammar (`digits | kanji`): the length of its run.
fn number_run(text: &str) -> usize {
    match run(text, is_digit) {
        0 => run(text, is_kanji_digit),
        n => n,
    }
}

/// Where the text after a label starts (past its spaces `is`), or `None` at the end.
fn rest_after(text: &str, at: usize, is: fn(char) -> bool) -> Option<usize> {
    let start = at + run(&text[at..], is);
    (start < text.len()).then_some(start)
}

/// The kind of a line of one of the common shapes, as the grammar classifies it, or
/// `None` to leave the line to the grammar.
fn common_form(text: &str) -> Option<LineKind> {
    let first = text.chars().next()?;
    if first == '第' {
        article_form(text)
    } else if is_digit(first) {
        // ２　…: the item forms of a digit need a bracket or a dot after it, and a section
        // a dot or a hyphen, so a space after the digits makes a paragraph, or text when
        // nothing follows the space.
        let end = run(text, is_digit);
        if !text[end..].starts_with(is_ws) {
            return None;
        }
        Some(
            match (rest_after(text, end, is_ws), parse_number(&text[..end])) {
                (Some(rest), Some(num)) => LineKind::Paragraph {
                    num,
                    label: (0..end).into(),
                    rest: (rest..text.len()).into(),
                },
                _ => LineKind::Text,
            },
        )
    } else if is_open(first) {
        bracket_form(text, first.len_utf8())
    } else if is_kanji_digit(first) {
        // 一　…: a kanji numeral and a space (not 一の二, 一から三まで, 一及び二).
        let end = run(text, is_kanji_digit);
        if !text[end..].starts_with(is_ws) {
            return None;
        }
        Some(match parse_number(&text[..end]) {
            Some(n) => LineKind::Item {
                style: ItemStyle::Kanji,
                value: ItemValue::Number(n),
                label: (0..end).into(),
                rest: (rest_after(text, end, is_ws).map(|r| r..text.len())).map(Offsets::new),
            },
            None => LineKind::Text,
        })
    } else if ('ァ'..='ヺ').contains(&first) {
        // イ　…: one katakana and a space.
        let end = first.len_utf8();
        if !text[end..].starts_with(is_ws) {
            return None;
        }
        Some(LineKind::Item {
            style: ItemStyle::Kana,
            value: ItemValue::Kana(first),
            label: (0..end).into(),
            rest: (rest_after(text, end, is_ws).map(|r| r..text.len())).map(Offsets::new),
        })
    } else {
        None
    }
}

/// A caption's text from just after its opening bracket: its length up to the closing
/// bracket, when no bracket opens inside it and it is not empty.
fn plain_caption(text: &str) -> Option<usize> {
    let len = text.find(|c| is_open(c) || is_close(c))?;
    (len > 0 && text[len..].starts_with(is_close)).then_some(len)
}

/// 第5条（目的）… / 第五条　… / 第5条: an article label without branch numbers, spaces
/// inside it, or a second article after it.
fn article_form(text: &str) -> Option<LineKind> {
    let num_start = '第'.len_utf8();
    let num_end = num_start + number_run(&text[num_start..]);
    if num_end == num_start || !text[num_end..].starts_with('条') {
        return None;
    }
    let label_end = num_end + '条'.len_utf8();
    let after = &text[label_end..];
    if after.starts_with(['の', 'ノ']) || after.starts_with("から") || after.starts_with('及')
    {
        return None;
    }
    let spaced = label_end + run(after, is_hs);
    let (caption, rest) = match text[spaced..].chars().next() {
        Some(c) if is_open(c) => {
            let cap_start = spaced + c.len_utf8();
            let cap_len = plain_caption(&text[cap_start..])?;
            let cap_end = cap_start + cap_len;
            let close_end = cap_end + text[cap_end..].chars().next()?.len_utf8();
            (Some(cap_start..cap_end), rest_after(text, close_end, is_hs))
        }
        Some(_) if spaced > label_end => (None, Some(spaced)),
        Some(_) => return None,
        None => (None, None),
    };
    let rest = rest.map(|r| r..text.len());
    // As the grammar's article: 第５条に定める… starts a sentence, not an article.
    if rest.as_ref().is_some_and(|r| {
        !text[..r.start].ends_with('\u{3000}') && continues_a_citation(&text[r.clone()])
    }) {
        return Some(LineKind::Text);
    }
    Some(match parse_number(&text[num_start..num_end]) {
        Some(main) => LineKind::Article {
            no: ArticleNo {
                main,
                branches: Box::default(),
            },
            label: (0..label_end).into(),
            caption: caption.map(Offsets::new),
            rest: rest.map(Offsets::new),
        },
        None => LineKind::Text,
    })
}

/// （目的） alone, or （１）… : a caption line, or an item of a number in brackets.
fn bracket_form(text: &str, open_len: usize) -> Option<LineKind> {
    let inner = &text[open_len..];
    let num_len = number_run(inner);
    if num_len > 0 && inner[num_len..].starts_with(is_close) {
        let close_end = open_len + num_len + inner[num_len..].chars().next()?.len_utf8();
        // Alone on its line, （１） is a caption line: the grammar's first choice.
        let rest = rest_after(text, close_end, is_ws)?;
        return Some(match parse_number(&inner[..num_len]) {
            Some(n) => LineKind::Item {
                style: ItemStyle::ParenNumber,
                value: ItemValue::Number(n),
                label: (0..close_end).into(),
                rest: (Some(rest..text.len())).map(Offsets::new),
            },
            None => LineKind::Text,
        });
    }
    let cap_len = plain_caption(inner)?;
    let cap_end = open_len + cap_len;
    let close_end = cap_end + text[cap_end..].chars().next()?.len_utf8();
    // Only spaces after the caption: a caption line. Anything else is the grammar's.
    match rest_after(text, close_end, is_ws) {
        None => Some(LineKind::Caption {
            text: (open_len..cap_end).into(),
        }),
        Some(_) => None,
    }
}

/// Classify a logical line with one rule of the grammar (`line` or one of its parts).
fn classify_as(rule: Rule, text: &str) -> LineKind {
    let Ok(mut pairs) = LineGrammar::parse(rule, text) else {
        return LineKind::Text;
    };
    let Some(line) = pairs.next() else {
        return LineKind::Text;
    };
    let Some(inner) = line.into_inner().next() else {
        return LineKind::Text;
    };
    classify_pair(inner).unwrap_or(LineKind::Text)
}

/// Classify a Markdown heading: a line first, then the forms only headings take
/// (`14条(特別休暇)` without 第, `第1項` / `三項` as a paragraph's heading).
pub fn classify_heading(text: &str) -> LineKind {
    let kind = classify(text);
    // `#### （一）`: a numbered item's heading, not a caption.
    if let LineKind::Caption { text: inner } = &kind {
        if let Some(n) = parse_number(&text[inner.range()]) {
            return LineKind::Item {
                style: ItemStyle::ParenNumber,
                value: ItemValue::Number(n),
                label: (0..text.trim_end().len()).into(),
                rest: None,
            };
        }
    }
    if kind != LineKind::Text {
        return kind;
    }
    let Ok(mut pairs) = LineGrammar::parse(Rule::heading, text) else {
        return kind;
    };
    let Some(form) = pairs.next().and_then(|h| h.into_inner().next()) else {
        return kind;
    };
    match form.as_rule() {
        Rule::heading_article => {
            let start = form.as_span().start();
            let mut main = None;
            let mut branches = Vec::new();
            let mut label_end = start;
            let mut caption = None;
            let mut rest = None;
            for q in form.into_inner() {
                match q.as_rule() {
                    Rule::digits | Rule::kanji => {
                        main = parse_number(q.as_str());
                        // The label runs through 条.
                        label_end = text[q.as_span().end()..]
                            .find('条')
                            .map_or(q.as_span().end(), |p| {
                                q.as_span().end() + p + '条'.len_utf8()
                            });
                    }
                    Rule::branch => {
                        label_end = q.as_span().end();
                        branches.extend(number_of(q));
                    }
                    Rule::caption => caption = caption_text(q),
                    Rule::rest => rest = Some(rest_range(&q)),
                    _ => {}
                }
            }
            match main {
                Some(main) => LineKind::Article {
                    no: ArticleNo {
                        main,
                        branches: branches.into(),
                    },
                    label: (start..label_end).into(),
                    caption: caption.map(Offsets::new),
                    rest: rest.map(Offsets::new),
                },
                None => kind,
            }
        }
        Rule::heading_paragraph => {
            let end = text.len();
            let num = form
                .clone()
                .into_inner()
                .find(|q| matches!(q.as_rule(), Rule::digits | Rule::kanji))
                .and_then(|q| parse_number(q.as_str()));
            let label_end = text.find('項').map_or(end, |p| p + '項'.len_utf8());
            match num {
                Some(num) => LineKind::Paragraph {
                    num,
                    label: (0..label_end).into(),
                    rest: (end..end).into(),
                },
                None => kind,
            }
        }
        _ => kind,
    }
}

/// Does text after 第N条 (and its caption) continue a sentence that cites the article?
/// Particles and connectives cannot start the text of an article.
fn continues_a_citation(rest: &str) -> bool {
    const STARTS: [&str; 17] = [
        "の",
        "に",
        "を",
        "は",
        "が",
        "、",
        "，",
        "・",
        "及び",
        "又は",
        "並びに",
        "若しくは",
        "から",
        "まで",
        "乃至",
        "ないし",
        "において",
    ];
    STARTS.iter().any(|s| rest.starts_with(s))
}

/// Does text glued to a number start with a unit, making the number a quantity?
fn starts_with_unit(rest: &str) -> bool {
    rest.chars().next().is_some_and(|c| {
        c.is_ascii_alphanumeric()
            || ('Ａ'..='Ｚ').contains(&c)
            || ('ａ'..='ｚ').contains(&c)
            || "%％倍割円ヶヵケカか個件回人台点".contains(c)
    })
}

fn classify_pair(p: Pair<'_, Rule>) -> Option<LineKind> {
    let p_text = p.get_input();
    Some(match p.as_rule() {
        Rule::article => {
            let mut no = None;
            let mut label = 0..0;
            let mut caption = None;
            let mut rest = None;
            for q in p.into_inner() {
                match q.as_rule() {
                    Rule::article_no => {
                        label = range(&q);
                        no = article_no(q);
                    }
                    Rule::caption => caption = caption_text(q),
                    Rule::rest => rest = Some(rest_range(&q)),
                    _ => {}
                }
            }
            // 第１０条（秘密保持）の規定は… / 第５条 に定める…: a sentence that starts with a
            // citation, not a heading. A full-width space after the label (or caption)
            // ends the label, so 第六条　はり師は… is a heading whose text starts with a
            // kana that is also a particle.
            if rest.as_ref().is_some_and(|r| {
                !p_text[..r.start].ends_with('\u{3000}') && continues_a_citation(&p_text[r.clone()])
            }) {
                return None;
            }
            LineKind::Article {
                no: no?,
                label: label.into(),
                caption: caption.map(Offsets::new),
                rest: rest.map(Offsets::new),
            }
        }
        Rule::article_range => {
            let start = p.as_span().start();
            let mut nos = Vec::new();
            let mut label_end = start;
            let mut rest = None;
            for q in p.into_inner() {
                match q.as_rule() {
                    Rule::article_no => {
                        label_end = q.as_span().end();
                        nos.push(article_no(q)?);
                    }
                    Rule::range_end => label_end = q.as_span().end(),
                    Rule::rest => rest = Some(rest_range(&q)),
                    _ => {}
                }
            }
            // Only a deletion stands after a range (第三十八条から第八十四条まで　削除);
            // 第５条から第７条までの規定は… is a sentence.
            if rest
                .as_ref()
                .is_some_and(|r| !p_text[r.clone()].starts_with("削除"))
            {
                return None;
            }
            let last = nos.pop()?;
            let first = nos.pop()?;
            // The label runs through まで (or the second article of 及び).
            LineKind::ArticleRange {
                first: Box::new(first),
                last: Box::new(last),
                label: (start..label_end).into(),
                rest: rest.map(Offsets::new),
            }
        }
        Rule::division => {
            let start = p.as_span().start();
            let mut level = DivisionLevel::Chapter;
            let mut main = None;
            let mut branches = Vec::new();
            let mut label_end = start;
            let mut title = None;
            for q in p.into_inner() {
                match q.as_rule() {
                    Rule::digits | Rule::kanji => {
                        main = parse_number(q.as_str());
                        label_end = q.as_span().end();
                    }
                    Rule::division_kind => {
                        level = match q.as_str() {
                            "編" => DivisionLevel::Part,
                            "章" => DivisionLevel::Chapter,
                            "節" => DivisionLevel::Section,
                            "款" => DivisionLevel::Subsection,
                            _ => DivisionLevel::Division,
                        };
                        label_end = q.as_span().end();
                    }
                    Rule::branch => {
                        label_end = q.as_span().end();
                        branches.push(number_of(q)?);
                    }
                    Rule::rest => title = Some(rest_range(&q)),
                    Rule::caption => title = caption_text(q),
                    _ => {}
                }
            }
            LineKind::Division {
                level,
                no: ArticleNo {
                    main: main?,
                    branches: branches.into(),
                },
                label: (start..label_end).into(),
                title: title.map(Offsets::new),
            }
        }
        Rule::suppl => {
            let mut label = 0..0;
            let mut note = None;
            let mut excerpt = false;
            for q in p.into_inner() {
                match q.as_rule() {
                    Rule::suppl_mark => label = range(&q),
                    Rule::suppl_note => note = Some(range(&q)),
                    Rule::suppl_extract => excerpt = true,
                    _ => {}
                }
            }
            LineKind::Suppl {
                label: label.into(),
                note: note.map(Offsets::new),
                excerpt,
            }
        }
        Rule::appendix => {
            let start = p.as_span().start();
            let mut label_end = start;
            let mut title = None;
            for q in p.into_inner() {
                match q.as_rule() {
                    Rule::appendix_mark | Rule::digits | Rule::kanji | Rule::branch => {
                        label_end = label_end.max(q.as_span().end());
                    }
                    Rule::caption => title = caption_text(q),
                    Rule::rest => title = Some(rest_range(&q)),
                    _ => {}
                }
            }
            // 別表第一に掲げる者は、… is a sentence, not a heading.
            if title
                .as_ref()
                .is_some_and(|r| p_text[r.clone()].contains('。'))
            {
                return None;
            }
            LineKind::Appendix {
                label: (start..label_end).into(),
                title: title.map(Offsets::new),
            }
        }
        Rule::end_marker => LineKind::EndMarker,
        Rule::toc_marker => LineKind::Toc,
        Rule::table_header => LineKind::TableHeader,
        Rule::caption_line => {
            let cap = p.into_inner().next()?;
            LineKind::Caption {
                text: caption_text(cap)?.into(),
            }
        }
        Rule::item => {
            let mut inner = p.into_inner();
            let label_pair = inner.next()?;
            let label = range(&label_pair);
            let rest = inner.next().map(|q| rest_range(&q));
            let form = label_pair.into_inner().next()?;
            let (style, value) = match form.as_rule() {
                Rule::paren_number => (ItemStyle::ParenNumber, ItemValue::Number(number_of(form)?)),
                Rule::circled => (
                    ItemStyle::Circled,
                    ItemValue::Number(parse_circled(form.as_str().chars().next()?)?),
                ),
                Rule::paren_kana => (
                    ItemStyle::ParenKana,
                    ItemValue::Kana(form.into_inner().next()?.as_str().chars().next()?),
                ),
                Rule::paren_roman => (
                    ItemStyle::ParenRoman,
                    ItemValue::Number(super::numeral::parse_roman(
                        form.into_inner().next()?.as_str(),
                    )?),
                ),
                Rule::kana_close => (
                    ItemStyle::ParenKana,
                    ItemValue::Kana(form.into_inner().next()?.as_str().chars().next()?),
                ),
                Rule::paren_latin => (
                    ItemStyle::ParenLatin,
                    ItemValue::Number(latin_value(form.into_inner().next()?.as_str())?),
                ),
                Rule::kanji_range => (
                    ItemStyle::Kanji,
                    ItemValue::Number(
                        form.into_inner()
                            .find(|k| k.as_rule() == Rule::kanji)
                            .and_then(|k| parse_number(k.as_str()))?,
                    ),
                ),
                Rule::kanji_branch => {
                    let mut nums = form.into_inner().filter_map(|k| parse_number(k.as_str()));
                    (
                        ItemStyle::Kanji,
                        ItemValue::Branch(nums.next()?, nums.next()?),
                    )
                }
                Rule::kanji => (
                    ItemStyle::Kanji,
                    ItemValue::Number(parse_number(form.as_str())?),
                ),
                Rule::katakana => (
                    ItemStyle::Kana,
                    ItemValue::Kana(form.as_str().chars().next()?),
                ),
                Rule::number_paren => (ItemStyle::NumberParen, ItemValue::Number(number_of(form)?)),
                Rule::latin_dot => (
                    ItemStyle::LatinDot,
                    ItemValue::Number(latin_value(form.into_inner().next()?.as_str())?),
                ),
                _ => return None,
            };
            LineKind::Item {
                style,
                value,
                label: label.into(),
                rest: rest.map(Offsets::new),
            }
        }
        Rule::paragraph => {
            let mut inner = p.into_inner();
            let digits = inner.next()?;
            let rest = inner.next()?;
            LineKind::Paragraph {
                num: parse_number(digits.as_str())?,
                label: (range(&digits)).into(),
                rest: (rest_range(&rest)).into(),
            }
        }
        Rule::section => {
            let mut inner = p.into_inner();
            let no = inner.next()?;
            let label = range(&no);
            let nums = no
                .into_inner()
                .map(|d| parse_number(d.as_str()))
                .collect::<Option<Vec<u32>>>()?;
            let rest = inner.next().map(|q| rest_range(&q));
            // 99.9%以上の… / 2.5GBまで / 2024.4.1から: a number that starts a sentence.
            if let Some(r) = &rest {
                let spaced = r.start > label.end;
                let text = &p_text[r.clone()];
                if continues_a_citation(text) || (!spaced && starts_with_unit(text)) {
                    return None;
                }
            }
            LineKind::Section {
                nums,
                label: label.into(),
                rest: rest.map(Offsets::new),
            }
        }
        _ => return None,
    })
}

fn latin_value(s: &str) -> Option<u32> {
    super::numeral::parse_latin(s.chars().next()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first-character test in front of the grammar loses nothing: no line that
    /// starts with a character it turns away matches any form of the grammar, whatever
    /// follows (a sample of what follows labels: nothing, text, 条, 章, a closing bracket,
    /// a dot, and the second characters of the word marks). Every form starts with a
    /// character of the Basic Multilingual Plane.
    #[test]
    fn the_first_character_test_turns_away_only_text() {
        let tails = [
            "",
            "　本文",
            "条",
            "章　総則",
            "）",
            "．概要",
            "則",
            "表第一",
            "式",
            "上",
            "語　意味",
        ];
        for c in (0u32..0x1_0000)
            .filter_map(char::from_u32)
            .filter(|&c| forms_starting_with(c).is_none())
        {
            for tail in tails {
                let line = format!("{c}{tail}");
                assert!(
                    LineGrammar::parse(Rule::line, &line).is_err(),
                    "{line:?} matches the grammar but its first character is turned away"
                );
            }
        }
    }

    /// Every line of the shipped corpus, the fixtures and (when present) the real terms
    /// and statutes of ../shared/corpus, each with and without its indent, classified
    /// through the front of common forms and the first character's rule, and through the
    /// whole `line`: the same.
    #[test]
    fn the_first_characters_rule_classifies_as_the_whole_line() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut folders = vec![root.join("clauses"), root.join("tests/fixtures")];
        let shared = root.join("../shared/corpus");
        if shared.is_dir() {
            folders.extend(["tos/txt", "laws/txt", "laws-wide/txt"].map(|f| shared.join(f)));
        } else {
            eprintln!(
                "NOTICE: {} is absent; only the shipped corpus and the fixtures are classified",
                shared.display()
            );
        }
        let mut lines = 0;
        while let Some(dir) = folders.pop() {
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            for e in entries.flatten() {
                let path = e.path();
                if path.is_dir() {
                    folders.push(path);
                    continue;
                }
                let Ok(text) = std::fs::read_to_string(&path) else {
                    continue;
                };
                for line in text.lines() {
                    for line in [line, line.trim_start()] {
                        lines += 1;
                        assert_eq!(
                            classify(line),
                            classify_as(Rule::line, line),
                            "{line:?} in {}",
                            path.display()
                        );
                    }
                }
            }
        }
        assert!(lines > 10_000, "only {lines} lines read");
    }

    /// The front settles the common shapes itself and leaves the rest to the grammar.
    #[test]
    fn the_front_reads_the_common_shapes_and_leaves_the_others() {
        for line in [
            "第5条（目的）",
            "第十二条（秘密保持）　会員は、",
            "第五条　この法律は、",
            "第3条",
            "２　前項の規定は、",
            "（１）本サービスの提供",
            "一　契約者",
            "イ　第一号",
            "（目的）",
            "第５条 に定める",
        ] {
            assert!(common_form(line).is_some(), "{line:?} left to the grammar");
        }
        for line in [
            "第5条の2（目的）",
            "第三十八条から第八十四条まで　削除",
            "第 5 条",
            "第1章　総則",
            "1.2　概要",
            "（目的（定義））",
            "（ア）本文",
            "一の二　本文",
            "ア）本文",
            "2)本文",
        ] {
            assert_eq!(common_form(line), None, "{line:?}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2048))]
        /// Lines put together from a label-like head (labels of every form, whole and
        /// broken), a separator and pieces of labels and text (numbers of both widths and
        /// kanji, 第 条 の から 及び, brackets, spaces, particles): the front and the whole
        /// grammar classify them alike.
        #[test]
        fn the_front_classifies_as_the_grammar(
            head in proptest::sample::select(vec![
                "第1条", "第十条", "第１０条", "第1条の2", "第", "２", "12", "一", "十二", "〇",
                "イ", "ア", "（１）", "（一）", "(1)", "（目的）", "（ア）", "（", "第1章", "1.2",
                "①", "附則", "",
            ]),
            sep in proptest::sample::select(vec!["", "　", " ", "\t", "　　", " 　"]),
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "第", "1", "１", "一", "条", "の", "ノ", "から", "及び", "及", "まで", "（",
                    "(", "）", ")", "目的", "　", " ", "\t", "イ", "に", "は", "、", "削除",
                    "本文", "章", ".",
                ]),
                0..5,
            ),
        ) {
            let line = format!("{head}{sep}{}", parts.concat());
            proptest::prop_assert_eq!(classify(&line), classify_as(Rule::line, &line), "{:?}", line);
        }
    }

    /// `rest` matches one character and the text is taken to the end of the line; the
    /// ranges are those of the whole rest.
    #[test]
    fn rests_run_to_the_end_of_the_line() {
        let line = "第３条　会員は、本サービスを利用するものとします。";
        let LineKind::Article { rest: Some(r), .. } = classify(line) else {
            panic!("not an article: {:?}", classify(line));
        };
        assert_eq!(
            &line[r.range()],
            "会員は、本サービスを利用するものとします。"
        );
        let line = "別表第一　料金表";
        let LineKind::Appendix { title: Some(t), .. } = classify(line) else {
            panic!("not an appendix: {:?}", classify(line));
        };
        assert_eq!(&line[t.range()], "料金表");
        assert_eq!(
            classify("別表第一　"),
            LineKind::Appendix {
                label: (0..12).into(),
                title: None
            }
        );
        let line = "（２）　料金は別表に定めます。";
        let LineKind::Item { rest: Some(r), .. } = classify(line) else {
            panic!("not an item: {:?}", classify(line));
        };
        assert_eq!(&line[r.range()], "料金は別表に定めます。");
    }

    #[test]
    fn articles() {
        let t = "第１０条の２ （目的）";
        match classify(t) {
            LineKind::Article {
                no, caption, rest, ..
            } => {
                assert_eq!(
                    no,
                    ArticleNo {
                        main: 10,
                        branches: Box::new([2])
                    }
                );
                assert_eq!(&t[caption.unwrap().range()], "目的");
                assert_eq!(rest, None);
            }
            k => panic!("{k:?}"),
        }
        let t = "第十九条　この規則は、定める。";
        match classify(t) {
            LineKind::Article { no, rest, .. } => {
                assert_eq!(no.main, 19);
                assert_eq!(&t[rest.unwrap().range()], "この規則は、定める。");
            }
            k => panic!("{k:?}"),
        }
        assert_eq!(classify("第５条の規定に従い締結する"), LineKind::Text);
        assert_eq!(
            classify("第１０条（秘密保持）の規定は、本契約の終了後も効力を有する。"),
            LineKind::Text
        );
        assert_eq!(classify("第５条 に定める手続による。"), LineKind::Text);
        assert!(matches!(
            classify("第六条　はり師は、届け出なければならない。"),
            LineKind::Article { .. }
        ));
        assert_eq!(
            classify("第５条から第７条までの規定は、本契約終了後も有効に存続する。"),
            LineKind::Text
        );
        assert!(matches!(
            classify("第三十八条から第八十四条まで　削除"),
            LineKind::ArticleRange { .. }
        ));
        assert!(matches!(
            classify("第１０条（秘密保持）　当社は、秘密を保持する。"),
            LineKind::Article { .. }
        ));
        assert!(matches!(
            classify("第 1 条 (目的)"),
            LineKind::Article { .. }
        ));
    }

    #[test]
    fn other_lines() {
        assert!(matches!(
            classify("第一章　総則"),
            LineKind::Division {
                level: DivisionLevel::Chapter,
                ..
            }
        ));
        assert!(matches!(
            classify("第四章の二　処分等の求め"),
            LineKind::Division { .. }
        ));
        assert!(matches!(
            classify("附　則　（平成五年法律第八十八号）　抄"),
            LineKind::Suppl { .. }
        ));
        assert!(matches!(classify("附則"), LineKind::Suppl { .. }));
        assert_eq!(classify("附則第二項の規定"), LineKind::Text);
        assert_eq!(classify("以上"), LineKind::EndMarker);
        assert_eq!(classify("目　次"), LineKind::Toc);
        assert_eq!(classify("用語 用語の意味"), LineKind::TableHeader);
        assert!(matches!(classify("（目的）"), LineKind::Caption { .. }));
        assert!(matches!(
            classify("２ お客様は"),
            LineKind::Paragraph { num: 2, .. }
        ));
        assert!(matches!(
            classify("（１）不正アクセス"),
            LineKind::Item {
                style: ItemStyle::ParenNumber,
                value: ItemValue::Number(1),
                ..
            }
        ));
        assert!(matches!(
            classify("一　法令　法律"),
            LineKind::Item {
                style: ItemStyle::Kanji,
                ..
            }
        ));
        assert_eq!(classify("一定の場合"), LineKind::Text);
        assert!(matches!(
            classify("イ　事実上の行為"),
            LineKind::Item {
                style: ItemStyle::Kana,
                value: ItemValue::Kana('イ'),
                ..
            }
        ));
        assert_eq!(classify("アクセス"), LineKind::Text);
        assert!(matches!(
            classify("②二つ目"),
            LineKind::Item {
                style: ItemStyle::Circled,
                value: ItemValue::Number(2),
                ..
            }
        ));
        assert!(matches!(classify("１．１　対象"), LineKind::Section { .. }));
        match classify("1-2 範囲") {
            LineKind::Section { nums, .. } => assert_eq!(nums, [1, 2]),
            k => panic!("{k:?}"),
        }
        assert_eq!(classify("２０１９年１２月"), LineKind::Text);
        assert_eq!(
            classify("99.9%以上の稼働率を目標とします。"),
            LineKind::Text
        );
        assert_eq!(
            classify("２．５ＧＢまでのデータを保管します。"),
            LineKind::Text
        );
        assert_eq!(classify("2024.4.1から施行します。"), LineKind::Text);
        assert!(matches!(classify("3.1 月次報告"), LineKind::Section { .. }));
        assert!(matches!(
            classify("２．１対象範囲"),
            LineKind::Section { .. }
        ));
    }
}
