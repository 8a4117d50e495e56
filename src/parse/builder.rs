//! The tree builder: a stack machine over classified logical lines that nests them into
//! the provision tree (章 > 条 > 項 > 号 > sub-items; 仕様書 sections; 附則).
//!
//! Nodes live in an arena while the tree grows; the stack holds the open nodes from the
//! root down. A new node closes every open node of the same or a deeper rank.
//!
//! Memory: the logical lines and their kinds are dropped before the tree is assembled
//! from the arena, so the peak of a parse holds the provisions twice (arena and tree) but
//! the lines no more.

use super::line::{
    classify, classify_heading, ArticleNo, DivisionLevel, ItemStyle, ItemValue, LineKind,
};
use super::numeral::{article_num, parse_number, KanaOrder};
use crate::layout::LogicalLine;
use crate::model::{
    CompactString, EcoString, Offsets, Provision, ProvisionKind, Span, Text, TextMap,
};
use compact_str::{format_compact, ToCompactString};
use ecow::eco_format;
use rayon::prelude::*;
use std::fmt::Write;
use std::ops::Range;

/// Ranks: a node closes every open node whose rank is >= its own.
const RANK_ROOT: u32 = 0;
const RANK_SUPPL: u32 = 1;
fn rank_division(level: DivisionLevel) -> u32 {
    2 + level as u32
}
fn rank_section(depth: usize) -> u32 {
    10 + depth.min(9) as u32
}
const RANK_ARTICLE: u32 = 20;
const RANK_PARAGRAPH: u32 = 21;
const RANK_ITEM: u32 = 22; // + depth
const RANK_TABLE: u32 = 60;
const RANK_ROW: u32 = 61;

struct Node {
    prov: Provision,
    rank: u32,
    children: Vec<usize>,
    /// Decoded source range covered by the node's own lines (32-bit offsets: 8 bytes
    /// less on every node of the arena).
    src: Offsets,
    item_style: Option<ItemStyle>,
    kana_order: Option<KanaOrder>,
    /// For articles and suppl: a labelled paragraph (２, ３ …) was seen.
    labelled_paragraphs: bool,
    /// Paragraph count (articles, sections, suppl), row count (tables).
    counter: u32,
    /// Table: the term cell waiting for its meaning cell (boxed: few nodes are tables, and
    /// every node of the arena would carry the 64 bytes of the cell).
    pending_cell: Option<Box<(String, TextMap, Range<usize>)>>,
    /// Item and sub-item children so far, tables so far (counters keep numbering linear).
    items: u32,
    tables: u32,
    /// The last item child of each label style. Boxed: most nodes have no item child,
    /// and every node of the arena would carry the 24 bytes of an empty vector.
    #[allow(clippy::box_collection)] // 8 bytes in the node, not the vector's 24
    last_item_by_style: Option<Box<Vec<(ItemStyle, usize)>>>,
    /// A paragraph written as a list item (`1.` or a Markdown list directly under the
    /// article heading): its siblings are list items too.
    list_paragraph: bool,
    /// A table made of tab-separated rows (statutes), not one opened by a
    /// definitions-table header: a line without a tab ends it.
    tab_table: bool,
    /// An item written as a Markdown heading (`#### （一）`): the text below is its own.
    heading: bool,
}

/// What the builder produces.
pub struct Built {
    pub title: Option<(String, TextMap)>,
    /// The law number line of a statute (平成五年法律第八十八号).
    pub law_number: Option<String>,
    pub provisions: Vec<Provision>,
    pub suppl: Vec<Provision>,
    pub toc: Vec<String>,
    pub has_articles: bool,
    pub has_sections: bool,
}

struct Builder<'a> {
    lines: &'a [LogicalLine],
    /// Per line: a labelled paragraph follows in the same container.
    labelled_ahead: Vec<bool>,
    /// The decoded text the lines' maps point into (for Markdown list markers).
    source: &'a str,
    nodes: Vec<Node>,
    stack: Vec<usize>,
    roots: Vec<usize>,
    suppl_roots: Vec<usize>,
    in_suppl: Option<usize>,
    /// The open appendix (別表): its lines are its rows, items and text, never articles.
    in_appendix: Option<usize>,
    /// Index of the last article line: an appendix heading stands after it (or in 附則).
    last_article: Option<usize>,
    after_end_marker: bool,
    article_style: bool,
    /// A statute whose main provision has no articles, only paragraphs (１　…, ２　…):
    /// they are the main provision's paragraphs (第1項, 第2項), not a preamble.
    paragraphs_only: bool,
    preamble_count: u32,
    unplaced_count: u32,
    /// The line after the current one is body text (unlabelled, a list item or `1.`).
    next_is_text: bool,
}

fn empty_provision(kind: ProvisionKind) -> Provision {
    Provision {
        kind,
        label: EcoString::new(),
        num: EcoString::new(),
        caption: None,
        text: Text::default(),
        path: CompactString::default(),
        span: Span::default(),
        cells: Default::default(),
        children: Box::default(),
        text_map: TextMap::default(),
        label_offsets: Offsets::EMPTY,
        excerpt: false,
    }
}

/// Is this the text of a caption rather than a sentence (第１条　目的)?
fn looks_like_caption(s: &str) -> bool {
    let s = s.trim();
    !s.is_empty()
        && s.chars().count() <= 30
        && !s.contains(['。', '．'])
        && !matches!(s, "削除" | "削除。")
}

/// Does a paragraph end by announcing a list of what follows?
fn announces_list(text: &str) -> bool {
    let t = text.trim_end();
    if t.ends_with(['：', ':']) {
        return true;
    }
    if !t.ends_with('。') {
        return false;
    }
    let last = &t[crate::text::sentence_start(t, t.len() - '。'.len_utf8())..];
    ["次の", "以下の", "次に", "以下に", "とおり", "通り"]
        .iter()
        .any(|k| last.contains(k))
}

/// No article before the first 附則 (a statute whose main provision is paragraphs only).
fn main_has_no_article(kinds: &[LineKind]) -> bool {
    let first_suppl = kinds
        .iter()
        .position(|k| matches!(k, LineKind::Suppl { .. }))
        .unwrap_or(kinds.len());
    // Chapters or a 目次 mean articles (the 附則 seen first is a 目次 entry).
    !kinds[..first_suppl].iter().any(|k| {
        matches!(
            k,
            LineKind::Article { .. }
                | LineKind::ArticleRange { .. }
                | LineKind::Division { .. }
                | LineKind::Toc
        )
    })
}

/// A law number line such as 平成五年法律第八十八号.
fn is_law_number(s: &str) -> bool {
    let eras = ["明治", "大正", "昭和", "平成", "令和"];
    eras.iter().any(|e| s.starts_with(e))
        && s.ends_with('号')
        && s.contains('第')
        && s.chars().count() <= 40
}

/// A table-of-contents heading that carries the document's title (労働基準法目次): a short
/// line ending in 目次, with no sentence punctuation, before a chapter or 附則 entry.
fn is_titled_toc(text: &str, kind: &LineKind, next: Option<&LineKind>) -> bool {
    // The kinds first: the builder asks this of every line, and few are text lines
    // before a chapter or 附則.
    if !matches!(kind, LineKind::Text)
        || !matches!(
            next,
            Some(LineKind::Division { .. } | LineKind::Suppl { .. })
        )
    {
        return false;
    }
    let t = text.trim_end_matches(crate::layout::is_space);
    let Some(head) = t.strip_suffix("目次") else {
        return false;
    };
    let head = head.trim_end_matches(crate::layout::is_space);
    !head.is_empty() && head.chars().count() <= 60 && !head.contains(['。', '、', '「', '」'])
}

/// Remove a trailing range such as （第一条―第四条） or a page number with its leader
/// (`目的 …… 3`) from a TOC entry.
fn strip_toc_range(s: &str) -> &str {
    let t = s.trim_end();
    if t.ends_with(['）', ')']) {
        if let Some(p) = t.rfind(['（', '(']) {
            if t[p..].contains('条') || t[p..].contains("附則") {
                return t[..p].trim_end();
            }
        }
    }
    let no_page = t.trim_end_matches(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c));
    if no_page.len() < t.len() {
        let leader = [
            ' ', '\u{3000}', '\t', '.', '．', '…', '‥', '・', '-', '－', '—',
        ];
        let head = no_page.trim_end_matches(leader);
        // Only when a leader separates the number (1.1 has none: it is a section number).
        if head.len() < no_page.len() && !head.is_empty() {
            return head;
        }
    }
    t
}

/// Markdown terms whose headings carry captions only (`## 目的`, `## 定義`, with no
/// 第N条 and no section number anywhere): the headings of the shallowest level below
/// the title that holds two or more of them are the articles, numbered by position, as
/// a reader counts them, so that 前条 resolves. A heading written as a sentence (it
/// ends with 。 or runs long) is not a caption.
fn caption_headings_as_articles(lines: &[LogicalLine], kinds: &mut [LineKind]) {
    let numbered = kinds.iter().any(|k| {
        matches!(
            k,
            LineKind::Article { .. } | LineKind::ArticleRange { .. } | LineKind::Section { .. }
        )
    });
    if numbered {
        return;
    }
    // The title: a first heading that is plain text.
    let title_level = match (lines.first(), kinds.first()) {
        (Some(l), Some(LineKind::Text)) => l.markdown.heading,
        _ => None,
    };
    let caption_of = |l: &LogicalLine, k: &LineKind| -> Option<Range<usize>> {
        let t = l.text.trim_end();
        let r = match k {
            LineKind::Text => 0..t.len(),
            LineKind::Caption { text } => text.range(),
            _ => return None,
        };
        let c = &l.text[r.clone()];
        (!c.is_empty() && !c.ends_with('。') && c.chars().count() <= 30).then_some(r)
    };
    let start = usize::from(title_level.is_some());
    let mut count = [0usize; 7];
    for (l, k) in lines.iter().zip(kinds.iter()).skip(start) {
        if let Some(h) = l.markdown.heading {
            if title_level.is_none_or(|t| h > t) && caption_of(l, k).is_some() {
                count[usize::from(h).min(6)] += 1;
            }
        }
    }
    let Some(level) = (1..=6).find(|&h| count[h] >= 2) else {
        return;
    };
    let mut n: u32 = 0;
    for i in start..lines.len() {
        let l = &lines[i];
        if l.markdown.heading.map(|h| usize::from(h).min(6)) != Some(level) {
            continue;
        }
        if let Some(caption) = caption_of(l, &kinds[i]) {
            n += 1;
            kinds[i] = LineKind::Article {
                no: ArticleNo {
                    main: n,
                    branches: Box::default(),
                },
                label: Offsets::EMPTY,
                caption: Some(caption.into()),
                rest: None,
            };
        }
    }
}

/// Nest `lines` (the logical lines of `source`, the decoded text) into the provision tree.
/// The lines are taken, to be dropped before the tree is assembled.
pub fn build(lines: Vec<LogicalLine>, source: &str) -> Built {
    let (mut nodes, roots, suppl_roots, head) = nest(&lines, source);
    drop(lines);
    let (provisions, suppl) = if in_preorder(&nodes, &roots, &suppl_roots) {
        let mut tops = assemble_from_the_end(nodes);
        let suppl = tops.split_off(roots.len());
        (tops, suppl)
    } else {
        let provisions = roots.iter().map(|&r| assemble(&mut nodes, r)).collect();
        let suppl = suppl_roots
            .iter()
            .map(|&r| assemble(&mut nodes, r))
            .collect();
        (provisions, suppl)
    };
    Built {
        title: head.title,
        law_number: head.law_number,
        provisions,
        suppl,
        toc: head.toc,
        has_articles: head.has_articles,
        has_sections: head.has_sections,
    }
}

/// What [`nest`] reads off the lines besides the nodes: everything of [`Built`] but the
/// provisions.
struct Head {
    title: Option<(String, TextMap)>,
    law_number: Option<String>,
    toc: Vec<String>,
    has_articles: bool,
    has_sections: bool,
}

/// Lines classified in one task: ~1 ms of pest work, so that a short document's lines are
/// not split into tasks that cost more than they save.
const CLASSIFY_RUN: usize = 4096;

/// The arena of nodes, the roots of the main provision and of the 附則, and the head.
fn nest(lines: &[LogicalLine], source: &str) -> (Vec<Node>, Vec<usize>, Vec<usize>, Head) {
    // Each line is classified on its own: a long document's lines side by side, in runs
    // long enough to be worth a task (a short one's in one).
    let mut kinds: Vec<LineKind> = lines
        .par_iter()
        .with_min_len(CLASSIFY_RUN)
        .map(classify_line)
        .collect();
    caption_headings_as_articles(lines, &mut kinds);
    let article_style = kinds
        .iter()
        .any(|k| matches!(k, LineKind::Article { .. } | LineKind::ArticleRange { .. }));
    // For each line: does a labelled paragraph (２, ３ …) follow in the same article,
    // section or suppl? One pass from the end.
    let mut labelled_ahead = vec![false; kinds.len()];
    let mut seen = false;
    for (i, k) in kinds.iter().enumerate().rev() {
        labelled_ahead[i] = seen;
        match k {
            LineKind::Paragraph { .. } => seen = true,
            LineKind::Article { .. }
            | LineKind::ArticleRange { .. }
            | LineKind::Division { .. }
            | LineKind::Suppl { .. }
            | LineKind::Section { .. }
            | LineKind::EndMarker => seen = false,
            _ => {}
        }
    }
    let mut b = Builder {
        lines,
        source,
        labelled_ahead,
        nodes: Vec::with_capacity(lines.len() + 1),
        stack: Vec::new(),
        roots: Vec::new(),
        suppl_roots: Vec::new(),
        in_suppl: None,
        in_appendix: None,
        last_article: kinds
            .iter()
            .rposition(|k| matches!(k, LineKind::Article { .. } | LineKind::ArticleRange { .. })),
        after_end_marker: false,
        article_style,
        paragraphs_only: main_has_no_article(&kinds)
            && lines
                .first()
                .is_some_and(|l| matches!(kinds[0], LineKind::Text) && is_law_number(&l.text)),
        preamble_count: 0,
        unplaced_count: 0,
        next_is_text: false,
    };
    // The virtual root.
    b.nodes
        .push(b.node(empty_provision(ProvisionKind::Paragraph), RANK_ROOT, 0..0));
    b.stack.push(0);

    let mut i = 0;
    // Title: the first line, after a law number line.
    let mut title = None;
    let mut law_number = None;
    if let Some(first) = lines.first() {
        let mut t = 0;
        if matches!(kinds[0], LineKind::Text) && is_law_number(&first.text) && lines.len() > 1 {
            t = 1;
            law_number = Some(first.text.to_string());
            i = 1;
        }
        let is_title = matches!(kinds[t], LineKind::Text)
            && !lines[t].text.trim_end().ends_with('。')
            && !is_titled_toc(&lines[t].text, &kinds[t], kinds.get(t + 1))
            && (lines[t].markdown.heading.is_some() || lines[t].markdown.list.is_none());
        if is_title {
            title = Some((lines[t].text.to_string(), lines[t].map.clone()));
            i = t + 1;
        }
    }
    let mut toc = Vec::new();
    let mut caption: Option<(Range<usize>, usize)> = None; // (range in line, line index)
    let first_article = kinds
        .iter()
        .position(|k| matches!(k, LineKind::Article { .. } | LineKind::ArticleRange { .. }));
    while i < lines.len() {
        let kind = &kinds[i];
        let titled_toc = is_titled_toc(&lines[i].text, kind, kinds.get(i + 1));
        if matches!(kind, LineKind::Toc) || titled_toc {
            // A heading that carries the title keeps it (in the 目次 entries).
            if titled_toc {
                toc.push(lines[i].text.to_string());
            }
            i = b.skip_toc(&kinds, i + 1, &mut toc);
            continue;
        }
        // 附則 before the first article of the main provision, with a chapter heading
        // after it, is the last entry of a table of contents (whose heading the builder
        // did not see): the 附則 block starts after the main provision, never before it.
        if matches!(kind, LineKind::Suppl { .. })
            && b.in_suppl.is_none()
            && first_article.is_some_and(|a| a > i)
            && matches!(kinds.get(i + 1), Some(LineKind::Division { .. }))
        {
            toc.push(lines[i].text.to_string());
            i += 1;
            continue;
        }
        // A caption line is kept for the next article or paragraph; before anything else
        // it is ordinary text.
        if let LineKind::Caption { text } = kind {
            let next = kinds.get(i + 1);
            let attaches = matches!(
                next,
                Some(LineKind::Article { caption: None, .. } | LineKind::Paragraph { .. })
            ) || (b.in_suppl.is_some() && matches!(next, Some(LineKind::Text)));
            if attaches {
                caption = Some((text.range(), i));
                i += 1;
                continue;
            }
        }
        let pending = caption.take();
        b.next_is_text = match kinds.get(i + 1) {
            // A table row (tab-separated) is not the body text of a heading.
            Some(LineKind::Text) => !lines[i + 1].text.contains('\t'),
            Some(LineKind::Item { .. }) => true,
            Some(LineKind::Section { nums, .. }) => nums.len() == 1,
            _ => false,
        };
        b.line(i, kind, pending);
        i += 1;
    }
    b.finish_tables();
    // Spec-style sections (1, 1.2), not 節 divisions (第1章第1節).
    let has_sections = b.nodes.iter().any(|n| {
        n.prov.kind == ProvisionKind::Section
            && (n.prov.path.contains('.') || !n.prov.path.starts_with('第'))
    });
    let head = Head {
        title,
        law_number,
        toc,
        has_articles: article_style,
        has_sections,
    };
    (b.nodes, b.roots, b.suppl_roots, head)
}

/// Classify a logical line, letting Markdown list structure take precedence.
fn classify_line(l: &LogicalLine) -> LineKind {
    let kind = if l.markdown.heading.is_some() {
        classify_heading(&l.text)
    } else {
        classify(&l.text)
    };
    // A tab separates the cells of a table row (e-Gov text layout; tabs stand nowhere
    // else): a row whose first cell starts with a label (一　財産権上の訴え<TAB>…,
    // 第二十条　…<TAB>…) is a row, not an item or an article out of sequence.
    if l.text.contains('\t')
        && l.markdown.list.is_none()
        && matches!(
            kind,
            LineKind::Item { .. }
                | LineKind::Article { .. }
                | LineKind::ArticleRange { .. }
                | LineKind::Paragraph { .. }
                | LineKind::Section { .. }
                | LineKind::Caption { .. }
        )
    {
        return LineKind::Text;
    }
    if let Some((depth, ordered)) = l.markdown.list {
        // A list item whose text carries its own label ((1), ア, ①) keeps that label.
        if let LineKind::Item { .. } = kind {
            return kind;
        }
        return LineKind::Item {
            style: ItemStyle::MarkdownList(depth, ordered),
            value: ItemValue::Number(0),
            label: Offsets::EMPTY,
            rest: Some((0..l.text.len()).into()),
        };
    }
    kind
}

impl<'a> Builder<'a> {
    fn node(&self, prov: Provision, rank: u32, src: Range<usize>) -> Node {
        Node {
            prov,
            rank,
            children: Vec::new(),
            src: Offsets::new(src),
            item_style: None,
            kana_order: None,
            labelled_paragraphs: false,
            counter: 0,
            pending_cell: None,
            items: 0,
            tables: 0,
            last_item_by_style: None,
            list_paragraph: false,
            tab_table: false,
            heading: false,
        }
    }

    fn top(&self) -> usize {
        *self.stack.last().unwrap_or(&0)
    }

    /// Close open nodes of rank >= `rank`; return the parent for a new node of that rank.
    fn close_to(&mut self, rank: u32) -> usize {
        while self.stack.len() > 1 && self.nodes[self.top()].rank >= rank {
            let n = self.stack.pop().unwrap_or(0);
            self.flush_table(n);
        }
        self.top()
    }

    /// Add a node under `parent` (0: the root) without opening it.
    fn attach(&mut self, parent: usize, prov: Provision, rank: u32, src: Range<usize>) -> usize {
        let idx = self.nodes.len();
        let node = self.node(prov, rank, src);
        self.nodes.push(node);
        if parent == 0 {
            self.roots.push(idx);
        } else {
            self.nodes[parent].children.push(idx);
        }
        idx
    }

    /// Add a node under `parent` and open it.
    fn add(&mut self, parent: usize, prov: Provision, rank: u32, src: Range<usize>) -> usize {
        let idx = self.attach(parent, prov, rank, src);
        self.stack.push(idx);
        idx
    }

    /// Text and its map for a range of line `i`.
    fn text(&self, i: usize, r: Range<usize>) -> (Text, TextMap) {
        let l = &self.lines[i];
        (l.text.slice(r.clone()), l.map.slice(r.start, r.end))
    }

    fn src(&self, i: usize, r: Range<usize>) -> Range<usize> {
        self.lines[i].src(r)
    }

    /// The nearest open node of one of these kinds.
    fn nearest(&self, kinds: &[ProvisionKind]) -> Option<usize> {
        self.stack
            .iter()
            .rev()
            .copied()
            .find(|&n| n != 0 && kinds.contains(&self.nodes[n].prov.kind))
    }

    /// Prefix for article paths: "" in the main provisions, "附則" (or "附則2") in a suppl.
    fn article_prefix(&self) -> &str {
        self.in_suppl
            .map_or("", |s| self.nodes[s].prov.path.as_str())
    }

    /// A caption line that found nothing to attach to: ordinary text, never dropped.
    fn orphan_caption(&mut self, caption: Option<(Range<usize>, usize)>) {
        if let Some((_, ci)) = caption {
            if self.after_end_marker {
                self.unplaced(ci);
            } else {
                self.text_line(ci, 0..self.lines[ci].text.len());
            }
        }
    }

    fn line(&mut self, i: usize, kind: &LineKind, caption: Option<(Range<usize>, usize)>) {
        let line = &self.lines[i];
        let whole = 0..line.text.len();
        let appendix_heading = matches!(kind, LineKind::Appendix { .. })
            && (self.in_suppl.is_some()
                || self.in_appendix.is_some()
                || self.last_article.is_none_or(|a| a < i));
        if let LineKind::Appendix { label, title } = kind {
            if appendix_heading {
                self.orphan_caption(caption);
                self.appendix(i, label.range(), title.map(Offsets::range));
            } else {
                self.orphan_caption(caption);
                self.text_line(i, whole);
            }
            return;
        }
        // Inside an appendix every line is its text, a row or an item.
        if self.in_appendix.is_some() && !matches!(kind, LineKind::Suppl { .. }) {
            self.orphan_caption(caption);
            match kind {
                LineKind::Item {
                    style,
                    value,
                    label,
                    rest,
                } => self.item(i, *style, *value, label.range(), rest.map(Offsets::range)),
                _ => self.text_line(i, whole),
            }
            return;
        }
        if self.after_end_marker && !matches!(kind, LineKind::Suppl { .. }) {
            self.orphan_caption(caption);
            self.unplaced(i);
            return;
        }
        match kind {
            LineKind::Article {
                no,
                label,
                caption: own,
                rest,
            } => {
                let mut cap = own
                    .as_ref()
                    .map(|c| (self.text(i, c.range()), self.src(i, c.range())));
                let mut rest = rest.map(Offsets::range);
                if cap.is_none() {
                    if let Some((c, ci)) = caption {
                        cap = Some((self.text(ci, c.clone()), self.src(ci, c)));
                    } else if let Some(r) = rest.clone() {
                        // 第１条　目的 (caption after a space) and Markdown headings. In
                        // statutes the text follows the label (第十二条　本則ニ…処断ス), so a
                        // short unpunctuated rest is a caption only when body text follows.
                        if line.markdown.heading.is_some()
                            || (looks_like_caption(&line.text[r.clone()]) && self.next_is_text)
                        {
                            cap = Some((self.text(i, r.clone()), self.src(i, r)));
                            rest = None;
                        }
                    }
                }
                let art = self.article(i, no, label.range(), cap.as_ref().map(|c| c.0 .0.as_str()));
                if let Some(r) = rest {
                    self.paragraph(i, art, None, r);
                }
            }
            LineKind::ArticleRange {
                first,
                last,
                label,
                rest,
            } => {
                // 第三十八条から第八十四条まで　削除: one provision for the range, numbered as
                // e-Gov numbers it ("38:84").
                let parent = self.close_to(RANK_ARTICLE);
                let mut p = empty_provision(ProvisionKind::Article);
                p.label = line.text[label.range()].into();
                p.num = format!(
                    "{}:{}",
                    article_num(first.main, &first.branches),
                    article_num(last.main, &last.branches)
                )
                .into();
                p.path = format!(
                    "{}第{}条{}から第{}条{}まで",
                    self.article_prefix(),
                    first.main,
                    branch_suffix(&first.branches),
                    last.main,
                    branch_suffix(&last.branches)
                )
                .into();
                p.set_label_range(self.src(i, label.range()));
                let src = line.src_range();
                let art = self.add(parent, p, RANK_ARTICLE, src);
                if let Some(r) = rest.map(Offsets::range) {
                    self.paragraph(i, art, None, r);
                }
            }
            LineKind::Division {
                level,
                no,
                label,
                title,
            } => {
                let rank = rank_division(*level);
                let parent = self.close_to(rank);
                let mut p = empty_provision(if *level <= DivisionLevel::Chapter {
                    ProvisionKind::Chapter
                } else {
                    ProvisionKind::Section
                });
                p.label = line.text[label.range()].into();
                p.num = article_num(no.main, &no.branches).into();
                let comp = format!(
                    "第{}{}{}",
                    no.main,
                    level.suffix(),
                    branch_suffix(&no.branches)
                );
                let parent_path = if self.nodes[parent].prov.kind == ProvisionKind::Chapter
                    || (self.nodes[parent].prov.kind == ProvisionKind::Section
                        && self.nodes[parent].prov.path.starts_with('第'))
                {
                    self.nodes[parent].prov.path.clone()
                } else {
                    self.article_prefix().into()
                };
                p.path = format_compact!("{parent_path}{comp}");
                if let Some(t) = title {
                    p.caption = Some(line.text[t.range()].to_compact_string());
                }
                p.set_label_range(self.src(i, label.range()));
                let src = line.src_range();
                self.add(parent, p, rank, src);
            }
            LineKind::Suppl {
                label,
                note,
                excerpt,
            } => {
                self.close_to(RANK_SUPPL);
                self.stack.truncate(1);
                self.in_appendix = None;
                self.after_end_marker = false;
                let mut p = empty_provision(ProvisionKind::Suppl);
                p.label = line.text[label.range()].into();
                let n = self.suppl_roots.len() + 1;
                p.num = eco_format!("{n}");
                p.path = if n == 1 {
                    "附則".to_compact_string()
                } else {
                    format_compact!("附則{n}")
                };
                p.caption = note.as_ref().map(|r| {
                    let s = &line.text[r.range()];
                    s.trim_start_matches(['（', '('])
                        .trim_end_matches(['）', ')'])
                        .into()
                });
                p.set_label_range(self.src(i, label.range()));
                p.excerpt = *excerpt;
                let idx = self.nodes.len();
                let src = line.src_range();
                let node = self.node(p, RANK_SUPPL, src);
                self.nodes.push(node);
                self.suppl_roots.push(idx);
                self.stack.push(idx);
                self.in_suppl = Some(idx);
            }
            LineKind::Appendix { .. } => {}
            LineKind::EndMarker => {
                self.close_to(RANK_SUPPL);
                if self.in_suppl.is_none() {
                    self.after_end_marker = true;
                }
            }
            LineKind::Toc => self.text_line(i, whole),
            LineKind::TableHeader => {
                let parent = self.table_parent();
                let t = self.add_table(i, parent);
                self.nodes[t].prov.cells = line
                    .text
                    .split(['\t', ' ', '\u{3000}'])
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect();
            }
            LineKind::Caption { .. } => self.text_line(i, whole),
            LineKind::Paragraph { num, label, rest } => {
                let container = self.nearest(&[
                    ProvisionKind::Article,
                    ProvisionKind::Suppl,
                    ProvisionKind::Section,
                ]);
                match container {
                    Some(c)
                        if self.nodes[c].prov.kind != ProvisionKind::Section
                            || !self.article_style =>
                    {
                        let p = self.paragraph(i, c, Some((*num, label.range())), rest.range());
                        if let Some((cr, ci)) = caption {
                            let cap = self.text(ci, cr).0;
                            self.nodes[p].prov.caption = Some(cap.as_str().into());
                        }
                    }
                    None if self.paragraphs_only && self.in_appendix.is_none() => {
                        let p = self.paragraph(i, 0, Some((*num, label.range())), rest.range());
                        if let Some((cr, ci)) = caption {
                            let cap = self.text(ci, cr).0;
                            self.nodes[p].prov.caption = Some(cap.as_str().into());
                        }
                    }
                    _ => {
                        self.orphan_caption(caption);
                        self.text_line(i, whole);
                    }
                }
            }
            LineKind::Section { nums, label, rest } => {
                let in_article = self.nearest(&[ProvisionKind::Article]).is_some()
                    || (self.in_suppl.is_some()
                        && self.nearest(&[ProvisionKind::Section]).is_none());
                if self.article_style && in_article {
                    // 1. / １． inside an article: a numbered paragraph, or an item
                    // when the numbering says so.
                    if nums.len() == 1 {
                        let rest = rest.map_or(label.end()..label.end(), Offsets::range);
                        self.digit_dot(i, nums[0], label.range(), rest);
                    } else {
                        self.text_line(i, whole);
                    }
                } else {
                    self.section(i, nums, label.range(), rest.map(Offsets::range));
                }
            }
            LineKind::Item {
                style,
                value,
                label,
                rest,
            } => self.item(i, *style, *value, label.range(), rest.map(Offsets::range)),
            LineKind::Text => match caption {
                // （施行期日） above an unlabelled 附則 paragraph: that paragraph's caption.
                Some((cr, ci)) => {
                    let container = self.nearest(&[
                        ProvisionKind::Article,
                        ProvisionKind::Section,
                        ProvisionKind::Suppl,
                    ]);
                    match container {
                        Some(c) => {
                            let p = self.paragraph(i, c, None, whole);
                            let cap = self.text(ci, cr).0;
                            self.nodes[p].prov.caption = Some(cap.as_str().into());
                        }
                        None => {
                            self.orphan_caption(Some((cr, ci)));
                            self.text_line(i, whole);
                        }
                    }
                }
                None => self.text_line(i, whole),
            },
        }
    }

    fn article(
        &mut self,
        i: usize,
        no: &ArticleNo,
        label: Range<usize>,
        caption: Option<&str>,
    ) -> usize {
        let parent = self.close_to(RANK_ARTICLE);
        let line = &self.lines[i];
        let mut p = empty_provision(ProvisionKind::Article);
        p.label = line.text[label.clone()].into();
        p.num = article_num(no.main, &no.branches).into();
        p.path = child_path(self.article_prefix(), format_args!("第{}条", no.main)).into();
        for b in &no.branches {
            let _ = write!(p.path, "の{b}");
        }
        p.caption = caption.map(CompactString::from);
        p.set_label_range(self.src(i, label));
        let src = line.src_range();
        self.add(parent, p, RANK_ARTICLE, src)
    }

    /// Open an appendix (別表第一): a root after the main provision and the 附則.
    fn appendix(&mut self, i: usize, label: Range<usize>, title: Option<Range<usize>>) {
        self.close_to(RANK_SUPPL);
        self.stack.truncate(1);
        self.in_suppl = None;
        self.after_end_marker = false;
        let line = &self.lines[i];
        let mut p = empty_provision(ProvisionKind::Appendix);
        let label_text = &line.text[label.clone()];
        p.label = label_text.into();
        // 別表第一 → 別表第1; 別表 alone keeps its name.
        let mark: String = label_text.chars().take(2).collect();
        let number = label_text
            .get(mark.len()..)
            .and_then(|r| r.strip_prefix('第'))
            .and_then(|r| {
                let main = r.split(['の', 'ノ']).next().unwrap_or(r);
                parse_number(main)
            });
        p.num = number.map_or_else(String::new, |n| n.to_string()).into();
        p.path = match number {
            Some(n) => format_compact!("{mark}第{n}"),
            None => mark.into(),
        };
        p.caption = title.map(|t| line.text[t].into());
        p.set_label_range(self.src(i, label));
        let src = line.src_range();
        let idx = self.add(0, p, RANK_SUPPL, src);
        self.in_appendix = Some(idx);
    }

    fn section(&mut self, i: usize, nums: &[u32], label: Range<usize>, rest: Option<Range<usize>>) {
        let rank = rank_section(nums.len());
        let parent = self.close_to(rank);
        let line = &self.lines[i];
        let mut p = empty_provision(ProvisionKind::Section);
        p.label = line.text[label.clone()].into();
        p.num = nums
            .iter()
            .map(u32::to_string)
            .collect::<Vec<_>>()
            .join(".")
            .into();
        p.path = format_compact!("{}{}", self.article_prefix(), p.num);
        p.set_label_range(self.src(i, label));
        let src = line.src_range();
        let s = self.add(parent, p, rank, src);
        if let Some(r) = rest {
            let t = line.text[r.clone()].trim();
            if line.markdown.heading.is_some() || looks_like_caption(t) {
                self.nodes[s].prov.caption = Some(t.to_compact_string());
            } else {
                let (text, map) = self.text(i, r);
                self.nodes[s].prov.text = text;
                self.nodes[s].prov.text_map = map;
            }
        }
    }

    /// Add a paragraph under `container` (an article, a section or a suppl).
    fn paragraph(
        &mut self,
        i: usize,
        container: usize,
        label: Option<(u32, Range<usize>)>,
        rest: Range<usize>,
    ) -> usize {
        // Close everything below the container.
        while self.stack.len() > 1 && self.top() != container {
            let n = self.stack.pop().unwrap_or(0);
            self.flush_table(n);
        }
        let line = &self.lines[i];
        let c = &mut self.nodes[container];
        c.counter += 1;
        let num = match &label {
            Some((n, _)) => {
                c.labelled_paragraphs = true;
                c.counter = (*n).max(1);
                *n
            }
            None => c.counter,
        };
        let mut p = empty_provision(ProvisionKind::Paragraph);
        p.num = eco_format!("{num}");
        p.path = child_path(&c.prov.path, format_args!("第{num}項")).into();
        let (text, map) = (
            line.text.slice(rest.clone()),
            line.map.slice(rest.start, rest.end),
        );
        p.text = text;
        p.text_map = map;
        match &label {
            Some((_, l)) => {
                p.label = line.text[l.clone()].into();
                p.set_label_range(line.src(l.clone()));
            }
            None => p.set_label_range(line.src(rest.start..rest.start)),
        }
        // The paragraph starts at its label, or at its text when it shares the line with
        // its article's heading (第一条　この規則は…: 第1条第1項 is この規則は…).
        let start = match (&label, rest.is_empty()) {
            (Some((_, l)), _) => l.start,
            (None, false) => rest.start,
            (None, true) => 0,
        };
        let src = line.src(start..line.text.len());
        self.add(container, p, RANK_PARAGRAPH, src)
    }

    fn item(
        &mut self,
        i: usize,
        style: ItemStyle,
        value: ItemValue,
        label: Range<usize>,
        rest: Option<Range<usize>>,
    ) {
        let (style, value) = self.roman_or_latin(i, style, value, &label);
        // The item level: the depth of an open item of the same style, else one deeper.
        let mut depth = 0u32;
        let mut same: Option<usize> = None;
        for &n in self.stack.iter().rev() {
            let node = &self.nodes[n];
            if matches!(node.prov.kind, ProvisionKind::Item | ProvisionKind::Subitem) {
                if node.item_style == Some(style) {
                    same = Some(n);
                    break;
                }
                depth = depth.max(node.rank - RANK_ITEM + 1);
            } else if node.rank < RANK_ITEM {
                break;
            }
        }
        if let Some(n) = same {
            depth = self.nodes[n].rank - RANK_ITEM;
        }
        // Items need a container: the paragraph, section or article they stand in.
        let has_container = self.stack.iter().any(|&n| {
            n != 0
                && matches!(
                    self.nodes[n].prov.kind,
                    ProvisionKind::Paragraph
                        | ProvisionKind::Section
                        | ProvisionKind::Article
                        | ProvisionKind::Suppl
                        | ProvisionKind::Appendix
                        | ProvisionKind::Item
                        | ProvisionKind::Subitem
                )
        });
        if !has_container {
            self.text_line(i, 0..self.lines[i].text.len());
            return;
        }
        // An item directly in an article (heading with caption only, then items): give it
        // its paragraph first.
        if let Some(top) = self.nearest(&[
            ProvisionKind::Article,
            ProvisionKind::Paragraph,
            ProvisionKind::Item,
            ProvisionKind::Subitem,
            ProvisionKind::Section,
            ProvisionKind::Suppl,
            ProvisionKind::Appendix,
        ]) {
            // A list right under the article heading: its top-level items are the
            // article's paragraphs (and the items nested in them are its 号).
            if matches!(style, ItemStyle::MarkdownList(0, _)) {
                if let Some(c) = self.nearest(&[ProvisionKind::Article, ProvisionKind::Suppl]) {
                    let in_list_paragraph =
                        self.nearest(&[ProvisionKind::Paragraph]).is_some_and(|p| {
                            self.nodes[p].list_paragraph
                                && self.nodes[p]
                                    .prov
                                    .path
                                    .starts_with(&*self.nodes[c].prov.path)
                        });
                    let no_paragraph = matches!(
                        self.nodes[top].prov.kind,
                        ProvisionKind::Article | ProvisionKind::Suppl
                    );
                    if in_list_paragraph || no_paragraph {
                        self.list_paragraph(i, c, label, rest);
                        return;
                    }
                }
            }
            if matches!(
                self.nodes[top].prov.kind,
                ProvisionKind::Article | ProvisionKind::Suppl
            ) && same.is_none()
                && depth == 0
            {
                self.paragraph(i, top, None, 0..0);
            }
        }
        let rank = RANK_ITEM + depth;
        let parent = self.close_to(rank);
        let line = &self.lines[i];
        let parent_node = &self.nodes[parent];
        // The previous item of this style under the same parent.
        let previous = parent_node
            .last_item_by_style
            .iter()
            .flat_map(|v| v.iter())
            .find(|(s, _)| *s == style)
            .map(|&(_, k)| &self.nodes[k]);
        // Number the item.
        let kana_order = match value {
            ItemValue::Kana(c) => Some(
                previous
                    .and_then(|k| k.kana_order)
                    .unwrap_or_else(|| KanaOrder::for_first(c)),
            ),
            ItemValue::Number(_) | ItemValue::Branch(..) => None,
        };
        let siblings = parent_node.items;
        // A Markdown ordered list counts from the number of its first item, whatever the
        // later markers say (`1.` `1.` `1.` renders as 1, 2, 3).
        let markdown_num = |start: u32| {
            previous
                .and_then(|k| k.prov.num.parse::<u32>().ok())
                .map_or(start, |prev| prev.saturating_add(1))
        };
        let marker = line
            .markdown
            .marker_range()
            .filter(|_| matches!(style, ItemStyle::MarkdownList(..)))
            .and_then(|r| Some((self.source.get(r.clone())?, r)));
        let num = match (value, style) {
            (_, ItemStyle::MarkdownList(_, true)) => markdown_num(
                marker
                    .as_ref()
                    .and_then(|m| parse_number(m.0.trim_end_matches(['.', ')'])))
                    .unwrap_or(1),
            ),
            (_, ItemStyle::MarkdownList(..)) => siblings + 1,
            (ItemValue::Number(n) | ItemValue::Branch(n, _), _) => n,
            (ItemValue::Kana(c), _) => kana_order
                .and_then(|o| o.position_after(c, previous.and_then(|k| k.prov.num.parse().ok())))
                .unwrap_or(siblings + 1),
        };
        let kind = if depth == 0 {
            ProvisionKind::Item
        } else {
            ProvisionKind::Subitem
        };
        let mut p = empty_provision(kind);
        p.label = line.text[label.clone()].into();
        // A Markdown ordered item's label is its marker (`1.`); bullets stay unlabelled.
        let marker = marker.filter(|_| matches!(style, ItemStyle::MarkdownList(_, true)));
        if let Some((m, _)) = &marker {
            p.label = (*m).into();
        }
        // 二の二 → num "2の2", path …第2号の2
        let branch = match value {
            ItemValue::Branch(_, b) => format!("の{b}"),
            _ => String::new(),
        };
        p.num = eco_format!("{num}{branch}");
        let parent_path = &parent_node.prov.path;
        p.path = if depth == 0 {
            child_path(parent_path, format_args!("第{num}号{branch}")).into()
        } else if matches!(style, ItemStyle::MarkdownList(..) | ItemStyle::DigitDot(..)) {
            // List items below a list: numbered by position (a Markdown list and its
            // plain text give the same path).
            child_path(parent_path, format_args!("-{num}")).into()
        } else {
            // Paths use ASCII digits (SPEC §2): （１） → 1, ① → 1.
            let l: String = crate::text::nfkc(&p.label)
                .chars()
                .filter(|c| !matches!(c, '(' | ')' | '.' | ' '))
                .collect();
            if l.is_empty() {
                format_compact!("{parent_path}-{num}")
            } else {
                format_compact!("{parent_path}{l}")
            }
        };
        if let Some(r) = rest {
            p.text = line.text.slice(r.clone());
            p.text_map = line.map.slice(r.start, r.end);
        }
        p.set_label_range(if let Some((_, r)) = &marker {
            r.clone()
        } else if label.is_empty() {
            line.src(0..0)
        } else {
            line.src(label)
        });
        let mut src = line.src_range();
        if let Some((_, r)) = &marker {
            src.start = src.start.min(r.start);
        }
        let idx = self.add(parent, p, rank, src);
        self.nodes[idx].heading = line.markdown.heading.is_some();
        self.nodes[idx].item_style = Some(style);
        self.nodes[idx].kana_order = kana_order;
        let parent_node = &mut self.nodes[parent];
        parent_node.items += 1;
        let last_items = parent_node.last_item_by_style.get_or_insert_default();
        match last_items.iter_mut().find(|(s, _)| *s == style) {
            Some(last) => last.1 = idx,
            None => last_items.push((style, idx)),
        }
    }

    /// (i) (v) (x) continue an open (a) (b) … list when the letter comes next in it
    /// ((h) then (i)); otherwise they are roman numerals.
    fn roman_or_latin(
        &self,
        i: usize,
        style: ItemStyle,
        value: ItemValue,
        label: &Range<usize>,
    ) -> (ItemStyle, ItemValue) {
        if style != ItemStyle::ParenRoman {
            return (style, value);
        }
        let letters: Vec<char> = self.lines[i].text[label.clone()]
            .chars()
            .filter(|c| c.is_alphabetic())
            .collect();
        let [c] = letters[..] else {
            return (style, value);
        };
        let Some(latin) = super::numeral::parse_latin(c) else {
            return (style, value);
        };
        let continues = self.stack.iter().rev().any(|&n| {
            let node = &self.nodes[n];
            node.item_style == Some(ItemStyle::ParenLatin)
                && node.prov.num.parse::<u32>().ok() == Some(latin - 1)
        });
        if continues {
            (ItemStyle::ParenLatin, ItemValue::Number(latin))
        } else {
            (style, value)
        }
    }

    /// A paragraph written as a list item; its label is the list marker.
    fn list_paragraph(
        &mut self,
        i: usize,
        container: usize,
        label: Range<usize>,
        rest: Option<Range<usize>>,
    ) {
        let line = &self.lines[i];
        let rest = rest.unwrap_or(line.text.len()..line.text.len());
        // An ordered list's marker (`1.`) is the label; bullets stay unlabelled.
        let marker = line
            .markdown
            .marker_range()
            .and_then(|r| Some((self.source.get(r.clone())?.to_string(), r)))
            .filter(|(m, _)| m.starts_with(|c: char| c.is_ascii_digit()));
        let p = self.paragraph(i, container, None, rest);
        let node = &mut self.nodes[p];
        node.list_paragraph = true;
        match marker {
            Some((m, r)) => {
                node.prov.label = m.into();
                node.prov.set_label_range(r);
            }
            None if !label.is_empty() => node.prov.label = line.text[label].into(),
            None => {}
        }
    }

    /// `N.` inside an article. The numbering decides the level: the next number of an
    /// open list continues it; 1 starts a list — the article's paragraphs when it has no
    /// text yet, else items one level below the innermost open list.
    fn digit_dot(&mut self, i: usize, v: u32, label: Range<usize>, rest: Range<usize>) {
        let Some(article) = self.nearest(&[ProvisionKind::Article, ProvisionKind::Suppl]) else {
            self.text_line(i, 0..self.lines[i].text.len());
            return;
        };
        let open: Vec<usize> = self
            .stack
            .iter()
            .rev()
            .copied()
            .take_while(|&n| n != article)
            .filter(|&n| {
                let node = &self.nodes[n];
                (node.prov.kind == ProvisionKind::Paragraph && node.list_paragraph)
                    || matches!(node.item_style, Some(ItemStyle::DigitDot(_)))
            })
            .collect();
        let continues =
            |n: &usize| self.nodes[*n].prov.num.parse::<u32>().ok().map(|x| x + 1) == Some(v);
        let target = open
            .iter()
            .copied()
            .find(continues)
            .or_else(|| (v != 1).then(|| open.first().copied()).flatten());
        let as_paragraph = |b: &mut Self| {
            let p = b.paragraph(i, article, Some((v, label.clone())), rest.clone());
            b.nodes[p].list_paragraph = true;
        };
        match target {
            Some(n) if self.nodes[n].prov.kind == ProvisionKind::Paragraph => as_paragraph(self),
            Some(n) => {
                let style = self.nodes[n].item_style.unwrap_or(ItemStyle::DigitDot(0));
                self.item(i, style, ItemValue::Number(v), label, Some(rest));
            }
            None => {
                let has_paragraph = self.nodes[article].counter > 0;
                if !has_paragraph {
                    as_paragraph(self);
                } else {
                    let level = open
                        .first()
                        .and_then(|&n| match self.nodes[n].item_style {
                            Some(ItemStyle::DigitDot(l)) => Some(l.saturating_add(1)),
                            _ => None,
                        })
                        .unwrap_or(0);
                    self.item(
                        i,
                        ItemStyle::DigitDot(level),
                        ItemValue::Number(v),
                        label,
                        Some(rest),
                    );
                }
            }
        }
    }

    fn table_parent(&mut self) -> usize {
        self.nearest(&[
            ProvisionKind::Paragraph,
            ProvisionKind::Item,
            ProvisionKind::Subitem,
            ProvisionKind::Section,
            ProvisionKind::Article,
            ProvisionKind::Suppl,
            ProvisionKind::Appendix,
        ])
        .unwrap_or(0)
    }

    fn add_table(&mut self, i: usize, parent: usize) -> usize {
        let parent = self.close_to_child_of(parent, RANK_TABLE);
        let mut p = empty_provision(ProvisionKind::Table);
        let parent_path = self.nodes[parent].prov.path.clone();
        self.nodes[parent].tables += 1;
        let n = self.nodes[parent].tables;
        p.path = if n == 1 {
            format_compact!("{parent_path}表")
        } else {
            format_compact!("{parent_path}表{n}")
        };
        p.num = eco_format!("{n}");
        p.set_label_range(self.lines[i].src(0..0));
        let src = self.lines[i].src_range();
        self.add(parent, p, RANK_TABLE, src)
    }

    /// Close nodes down to `parent` (which stays open) before adding a child of `rank`.
    fn close_to_child_of(&mut self, parent: usize, rank: u32) -> usize {
        while self.stack.len() > 1
            && self.top() != parent
            && self.nodes[self.top()].rank >= rank.min(self.nodes[self.top()].rank)
            && self.stack.contains(&parent)
        {
            let n = self.stack.pop().unwrap_or(0);
            self.flush_table(n);
        }
        self.top()
    }

    /// Add a row with these cells to table `t`.
    fn add_row(&mut self, t: usize, cells: Vec<(String, TextMap, Range<usize>)>) {
        let table = &mut self.nodes[t];
        table.counter += 1;
        let n = table.counter;
        let mut p = empty_provision(ProvisionKind::Row);
        p.num = eco_format!("{n}");
        p.path = format_compact!("{}{}", table.prov.path, n);
        let mut src: Option<Range<usize>> = None;
        let mut texts = Vec::with_capacity(cells.len());
        for (k, (text, map, r)) in cells.into_iter().enumerate() {
            if k > 0 {
                p.text.push('\t');
            }
            p.text_map.append(&map, p.text.len());
            p.text.push_str(&text);
            texts.push(text);
            src = Some(match src {
                Some(s) => s.start.min(r.start)..s.end.max(r.end),
                None => r,
            });
        }
        p.cells = texts.into();
        let src = src.unwrap_or_else(|| {
            let at = self.nodes[t].src.range().end;
            at..at
        });
        p.set_label_range(src.start..src.start);
        let idx = self.nodes.len();
        let node = self.node(p, RANK_ROW, src);
        self.nodes.push(node);
        self.nodes[t].children.push(idx);
        let r_src = self.nodes[idx].src.range();
        self.nodes[t].src.cover(r_src);
    }

    /// A table that ends with a term cell but no meaning keeps it as a one-cell row.
    fn flush_table(&mut self, n: usize) {
        if self.nodes[n].prov.kind == ProvisionKind::Table {
            if let Some(cell) = self.nodes[n].pending_cell.take() {
                self.add_row(n, vec![*cell]);
            }
        }
    }

    fn finish_tables(&mut self) {
        while self.stack.len() > 1 {
            let n = self.stack.pop().unwrap_or(0);
            self.flush_table(n);
        }
    }

    /// A line with no label.
    fn text_line(&mut self, i: usize, r: Range<usize>) {
        let lines = self.lines;
        let line = &lines[i];
        let mut top = self.top();
        // A line without a tab after tab-separated rows ends that table: in old statutes,
        // whose paragraphs carry no number, it is the next paragraph.
        if self.nodes[top].prov.kind == ProvisionKind::Table
            && self.nodes[top].tab_table
            && !line.text.contains('\t')
        {
            self.stack.pop();
            top = self.top();
        }
        // Inside a table: cells.
        if self.nodes[top].prov.kind == ProvisionKind::Table {
            let cell = |s: &Self, r: Range<usize>| {
                let t = s.lines[i].text[r.clone()].to_string();
                (t, s.lines[i].map.slice(r.start, r.end), s.lines[i].src(r))
            };
            if line.text.contains('\t') {
                let mut cells = Vec::new();
                let mut start = 0;
                for (k, c) in line
                    .text
                    .char_indices()
                    .chain(std::iter::once((line.text.len(), '\t')))
                {
                    if c == '\t' {
                        cells.push(cell(self, start..k));
                        start = k + 1;
                    }
                }
                self.add_row(top, cells);
            } else if let Some(term) = self.nodes[top].pending_cell.take() {
                let meaning = cell(self, r);
                self.add_row(top, vec![*term, meaning]);
            } else {
                self.nodes[top].pending_cell = Some(Box::new(cell(self, r)));
            }
            return;
        }
        // Tab-separated rows outside a table start one (statute tables).
        if line.text.contains('\t') && line.markdown.list.is_none() {
            let parent = self.table_parent();
            if parent != 0 {
                let t = self.add_table(i, parent);
                self.nodes[t].tab_table = true;
                // The new table is now open: this line becomes its first row.
                self.text_line(i, r);
                return;
            }
        }
        let container = self.nearest(&[
            ProvisionKind::Article,
            ProvisionKind::Section,
            ProvisionKind::Suppl,
            ProvisionKind::Appendix,
        ]);
        match container {
            Some(c) => {
                let node = &self.nodes[c];
                let current = self
                    .nearest(&[ProvisionKind::Paragraph])
                    .filter(|&p| self.nodes[p].prov.path.starts_with(&*node.prov.path));
                // A paragraph that announces a list (…次のとおりとする。 / 以下の者をいう。)
                // followed by unlabelled lines: the lines are its items, as the bullets
                // of a Markdown list are.
                if let Some(p) = current {
                    let top = self.top();
                    // Bullets under a list paragraph are one level down, as in Markdown.
                    let bullet =
                        ItemStyle::MarkdownList(u8::from(self.nodes[p].list_paragraph), false);
                    let in_bullets = top != p && self.nodes[top].item_style == Some(bullet);
                    // Old statutes number no paragraph: there a new line is a new paragraph.
                    let numbered = self.nodes[c].labelled_paragraphs
                        || self.nodes[p].list_paragraph
                        || line.markdown != Default::default();
                    // A heading is never one of the bullets above it.
                    if numbered
                        && line.markdown.heading.is_none()
                        && ((top == p
                            && announces_list(&self.nodes[p].prov.text)
                            && self.nodes[p].items == 0)
                            || in_bullets)
                    {
                        let end = line.text.len();
                        self.item(i, bullet, ItemValue::Number(0), 0..0, Some(0..end));
                        return;
                    }
                }
                // A spec's item used as a heading (（３）問い合わせ対応, then its text on the
                // next line) owns the lines below it until the next label.
                let top = self.top();
                let spec_item =
                    !self.article_style && self.nodes[c].prov.kind == ProvisionKind::Section;
                if (spec_item || self.nodes[top].heading)
                    && top != c
                    && matches!(
                        self.nodes[top].prov.kind,
                        ProvisionKind::Item | ProvisionKind::Subitem
                    )
                    && self.nodes[top].children.is_empty()
                {
                    let heading = self.nodes[top].prov.caption.is_some()
                        || (self.nodes[top].heading && self.nodes[top].prov.text.is_empty());
                    if heading || looks_like_caption(&self.nodes[top].prov.text) {
                        let (text, map) = self.text(i, r.clone());
                        let src = line.src_range();
                        let item = &mut self.nodes[top];
                        if !heading {
                            item.prov.caption = Some(item.prov.text.as_str().into());
                            item.prov.text = Text::default();
                            item.prov.text_map = TextMap::default();
                        }
                        let at = item.prov.text.len();
                        item.prov.text_map.append(&map, at);
                        item.prov.text.push_str(&text);
                        item.src.cover(src);
                        return;
                    }
                }
                let node = &self.nodes[c];
                let continuation = match current {
                    // An article with numbered paragraphs (seen, or still to come):
                    // unlabelled text continues the current paragraph (text after its
                    // items, a soft wrap). Paragraph 1 is the only unlabelled one, so two
                    // unlabelled lines before ２ must not make two paragraphs (and two 第2項).
                    Some(p) => {
                        (node.labelled_paragraphs || self.labelled_ahead[i])
                            && self.nodes[p].prov.kind == ProvisionKind::Paragraph
                    }
                    None => false,
                };
                if continuation {
                    let p = current.unwrap_or(0);
                    let top = self.top();
                    // Text right after an item continues that item (「1. けん責」 then
                    // 「始末書を提出させて…」, a Markdown item's indented lines); else it
                    // continues the paragraph.
                    let onto = if top != p
                        && matches!(
                            self.nodes[top].prov.kind,
                            ProvisionKind::Item | ProvisionKind::Subitem
                        ) {
                        top
                    } else {
                        p
                    };
                    let map = line.map.slice(r.start, r.end);
                    let src = line.src_range();
                    let node = &mut self.nodes[onto];
                    let at = node.prov.text.len();
                    node.prov.text_map.append(&map, at);
                    node.prov.text.push_str(&line.text[r]);
                    node.src.cover(src);
                } else if node.prov.kind == ProvisionKind::Section
                    && node.prov.text.is_empty()
                    && node.prov.caption.is_none()
                    && node.children.is_empty()
                {
                    let (text, map) = self.text(i, r);
                    self.nodes[c].prov.text = text;
                    self.nodes[c].prov.text_map = map;
                } else {
                    self.paragraph(i, c, None, r);
                }
            }
            None if self.paragraphs_only && self.in_appendix.is_none() => {
                // A statute of paragraphs only: an unlabelled line is its next paragraph.
                self.paragraph(i, 0, None, r);
            }
            None => {
                // Before the first article or section: the preamble (前文).
                if let Some(c) = self.nearest(&[ProvisionKind::Chapter]) {
                    // Text directly under a chapter heading: a paragraph of the chapter.
                    self.paragraph(i, c, None, r);
                    return;
                }
                self.preamble_count += 1;
                let mut p = empty_provision(ProvisionKind::Paragraph);
                p.num = eco_format!("{}", self.preamble_count);
                p.path = if self.preamble_count == 1 {
                    "前文".into()
                } else {
                    format_compact!("前文{}", self.preamble_count)
                };
                let (text, map) = self.text(i, r.clone());
                p.text = text;
                p.text_map = map;
                p.set_label_range(line.src(r.start..r.start));
                let src = line.src_range();
                self.stack.truncate(1);
                self.add(0, p, RANK_PARAGRAPH, src);
                self.stack.truncate(1);
            }
        }
    }

    fn unplaced(&mut self, i: usize) {
        let line = &self.lines[i];
        let mut p = empty_provision(ProvisionKind::Unplaced);
        self.unplaced_count += 1;
        let n = self.unplaced_count;
        p.num = eco_format!("{n}");
        p.path = format_compact!("(unplaced {n})");
        p.text = line.text.clone();
        p.text_map = line.map.clone();
        p.set_label_range(line.src(0..0));
        let src = line.src_range();
        let parent = self.in_suppl.unwrap_or(0);
        self.attach(parent, p, RANK_ROW, src);
    }

    fn skip_toc(&mut self, kinds: &[LineKind], mut i: usize, toc: &mut Vec<String>) -> usize {
        let mut first: Option<String> = None;
        while i < self.lines.len() {
            let text = self.lines[i].text.trim();
            match &kinds[i] {
                LineKind::Article { .. }
                | LineKind::Caption { .. }
                | LineKind::Paragraph { .. }
                | LineKind::EndMarker
                | LineKind::Toc => break,
                _ => {}
            }
            let stripped = strip_toc_range(text);
            if first.as_deref() == Some(stripped) && stripped.len() == text.len() {
                break;
            }
            // 附則 is the last entry of a table of contents: what follows is the body.
            if first.is_some()
                && (matches!(kinds[i - 1], LineKind::Suppl { .. })
                    || self.lines[i - 1].text.starts_with("附則"))
            {
                break;
            }
            if first.is_none() {
                // A statute's TOC lists chapters; a spec's lists its sections (１．目的).
                if !matches!(
                    kinds[i],
                    LineKind::Division { .. }
                        | LineKind::Suppl { .. }
                        | LineKind::Section { .. }
                        | LineKind::Text
                ) {
                    break;
                }
                first = Some(stripped.to_string());
            }
            toc.push(text.to_string());
            i += 1;
        }
        i
    }
}

/// Turn an arena node into a provision with its children and its span, moving the
/// provisions out of the arena (each node is assembled once: the tree has no sharing).
fn assemble(nodes: &mut [Node], idx: usize) -> Provision {
    let children: Vec<usize> = std::mem::take(&mut nodes[idx].children);
    let kids: Vec<Provision> = children.into_iter().map(|c| assemble(nodes, c)).collect();
    let node = &mut nodes[idx];
    let p = std::mem::replace(&mut node.prov, empty_provision(ProvisionKind::Unplaced));
    with_children(p, node.src.range(), kids)
}

/// A node's provision with its assembled children, its span covering theirs.
fn with_children(mut p: Provision, mut src: Range<usize>, kids: Vec<Provision>) -> Provision {
    for k in &kids {
        // Child spans are still decoded ranges here (converted by the caller).
        let r = k.span.range();
        src = src.start.min(r.start)..src.end.max(r.end);
    }
    p.span = Span::new(src.start, src.end, 0);
    p.children = kids.into_boxed_slice();
    p
}

/// Is the arena laid out in document order of the tree: each node followed by its
/// children's subtrees in turn, the roots of the main provision and then of the 附則 one
/// after the other from node 1 (node 0 is the virtual root)? The builder appends nodes as
/// it reads the lines, so it nearly always is.
fn in_preorder(nodes: &[Node], roots: &[usize], suppl_roots: &[usize]) -> bool {
    let mut next = 1;
    let mut stack: Vec<usize> = roots.iter().chain(suppl_roots).rev().copied().collect();
    while let Some(n) = stack.pop() {
        if n != next {
            return false;
        }
        next += 1;
        stack.extend(nodes[n].children.iter().rev());
    }
    next == nodes.len()
}

/// The trees of an arena [`in_preorder`], assembled from its last node to its first: a
/// node's children are then the subtrees last finished, and the arena can shrink as the
/// tree grows, instead of the two being held whole at once (the peak of a large parse).
/// Returns the roots in order, the main provision's and then the 附則's.
fn assemble_from_the_end(mut nodes: Vec<Node>) -> Vec<Provision> {
    // Finished subtrees whose parent is still in the arena, the leftmost on top.
    let mut done: Vec<Provision> = Vec::new();
    while nodes.len() > 1 {
        let Some(node) = nodes.pop() else { break };
        let first = done.len().saturating_sub(node.children.len());
        let kids: Vec<Provision> = done.drain(first..).rev().collect();
        done.push(with_children(node.prov, node.src.range(), kids));
        // Give the emptied half back (a shrinking realloc stays in place).
        if nodes.capacity() > 4096 && nodes.len() < nodes.capacity() / 2 {
            nodes.shrink_to_fit();
        }
    }
    done.reverse();
    done.shrink_to_fit();
    done
}

/// A child's path: its parent's path and the child's own part, written into one String
/// sized for both (`format!` would start small and grow it while copying a long parent
/// path: several reallocations for every paragraph and item).
fn child_path(parent: &str, own: std::fmt::Arguments) -> String {
    let mut path = String::with_capacity(parent.len() + 24);
    path.push_str(parent);
    let _ = path.write_fmt(own);
    path
}

fn branch_suffix(b: &[u32]) -> String {
    b.iter().map(|n| format!("の{n}")).collect()
}
#[cfg(test)]
mod tests {
    /// A large document has an arena node, a logical line and a line kind for nearly
    /// every line, all alive at once at the parse's peak: their sizes are its memory.
    #[test]
    fn the_parse_stage_holds_compact_values_per_line() {
        use std::mem::size_of;
        assert_eq!(size_of::<super::Node>(), 248);
        assert_eq!(size_of::<crate::layout::LogicalLine>(), 72);
        assert_eq!(size_of::<crate::layout::MarkdownHint>(), 16);
        assert_eq!(size_of::<crate::parse::line::LineKind>(), 64);
        assert_eq!(size_of::<crate::model::Provision>(), 176);
        assert_eq!(size_of::<crate::corpus::TermUse>(), 16);
    }
}
