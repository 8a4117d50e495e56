//! Word (.docx): the body's paragraphs in order, with the labels Word's automatic
//! numbering displays, tracked changes resolved, fields by their result, tables as rows
//! of tab-separated cells; written as clean text (one paragraph per line).
//!
//! Each line of the text is one body paragraph (a table row is one line, its cells
//! joined by tabs); the location map names the paragraph's ordinal (1-based, counting
//! every `w:p` of the body in order, those in table cells too) and the column in it.

use super::{Format, TextBuilder};
use crate::origin::LayoutKind;
use crate::source::SourceFile;
use foldhash::{HashMap, HashMapExt};
use std::io::Read;
use std::path::Path;

/// A part bigger than this is refused (a zip bomb, not a document).
const MAX_PART: u64 = 256 << 20;
/// Elements nested deeper than this are refused (walks recurse on the tree).
const MAX_DEPTH: usize = 256;

/// Read a .docx; the error says what is wrong with the file.
pub fn read(path: &Path, bytes: &[u8]) -> Result<SourceFile, String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| format!("not a readable zip archive (truncated or damaged?): {e}"))?;
    let main = main_part(&mut zip)?;
    let body = part(&mut zip, &main)?.ok_or_else(|| {
        format!("the archive has no {main}: it is not a Word document (or the body is missing)")
    })?;
    let body = parse_xml(&body).map_err(|e| format!("{main}: {e}"))?;
    let dir = main.rsplit_once('/').map(|(d, _)| d).unwrap_or("");
    let at = |name: &str| {
        if dir.is_empty() {
            name.to_string()
        } else {
            format!("{dir}/{name}")
        }
    };
    let numbering = match part(&mut zip, &at("numbering.xml"))? {
        Some(x) => Numbering::parse(&parse_xml(&x).map_err(|e| format!("numbering.xml: {e}"))?),
        None => Numbering::default(),
    };
    let styles = match part(&mut zip, &at("styles.xml"))? {
        Some(x) => Styles::parse(&parse_xml(&x).map_err(|e| format!("styles.xml: {e}"))?),
        None => Styles::default(),
    };
    let mut reader = BodyReader {
        numbering,
        styles,
        counters: HashMap::new(),
        out: TextBuilder::default(),
        ordinal: 0,
        joined: false,
    };
    let body_el = body
        .find("body")
        .ok_or_else(|| format!("{main} has no w:body"))?;
    reader.blocks(body_el);
    Ok(reader.out.finish(path, Format::Docx, LayoutKind::Clean))
}

/// The main document part named in `_rels/.rels` (usually `word/document.xml`).
fn main_part<R: Read + std::io::Seek>(zip: &mut zip::ZipArchive<R>) -> Result<String, String> {
    let default = "word/document.xml".to_string();
    let Some(rels) = part(zip, "_rels/.rels")? else {
        return Ok(default);
    };
    let Ok(rels) = parse_xml(&rels) else {
        return Ok(default);
    };
    let mut stack = vec![&rels];
    while let Some(el) = stack.pop() {
        if el.name == "Relationship"
            && el
                .attr("Type")
                .is_some_and(|t| t.ends_with("/officeDocument"))
        {
            if let Some(target) = el.attr("Target") {
                return Ok(target.trim_start_matches('/').to_string());
            }
        }
        stack.extend(el.elements());
    }
    Ok(default)
}

/// The bytes of a part, `None` when the archive lacks it.
fn part<R: Read + std::io::Seek>(
    zip: &mut zip::ZipArchive<R>,
    name: &str,
) -> Result<Option<Vec<u8>>, String> {
    let file = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(format!("{name}: {e}")),
    };
    let mut buf = Vec::new();
    file.take(MAX_PART + 1)
        .read_to_end(&mut buf)
        .map_err(|e| format!("{name}: cannot decompress (truncated or damaged?): {e}"))?;
    if buf.len() as u64 > MAX_PART {
        return Err(format!("{name} is larger than {} MiB", MAX_PART >> 20));
    }
    Ok(Some(buf))
}

/// An XML element: local name (prefix dropped), attributes by local name, children.
#[derive(Debug, Default)]
struct El {
    name: String,
    attrs: Vec<(String, String)>,
    children: Vec<Node>,
}

#[derive(Debug)]
enum Node {
    El(El),
    Text(String),
}

impl El {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    fn elements(&self) -> impl Iterator<Item = &El> {
        self.children.iter().filter_map(|n| match n {
            Node::El(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    fn child(&self, name: &str) -> Option<&El> {
        self.elements().find(|e| e.name == name)
    }

    /// `w:val` of a child element.
    fn val(&self, name: &str) -> Option<&str> {
        self.child(name).and_then(|c| c.attr("val"))
    }

    /// The first element of this name at any depth (breadth-first, no recursion).
    fn find(&self, name: &str) -> Option<&El> {
        let mut queue = std::collections::VecDeque::from([self]);
        while let Some(e) = queue.pop_front() {
            if e.name == name {
                return Some(e);
            }
            queue.extend(e.elements());
        }
        None
    }

    fn text(&self) -> String {
        let mut s = String::new();
        for n in &self.children {
            if let Node::Text(t) = n {
                s.push_str(t);
            }
        }
        s
    }
}

fn local(name: &[u8]) -> String {
    let name = match name.iter().position(|&b| b == b':') {
        Some(i) => &name[i + 1..],
        None => name,
    };
    String::from_utf8_lossy(name).into_owned()
}

/// Parse a part into a tree (an explicit stack; depth bounded by [`MAX_DEPTH`]).
fn parse_xml(bytes: &[u8]) -> Result<El, String> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_reader(bytes);
    let mut stack: Vec<El> = vec![El::default()];
    let err = |reader: &quick_xml::Reader<&[u8]>, e: &dyn std::fmt::Display| {
        format!(
            "XML error at byte {}: {e}",
            reader.error_position().max(reader.buffer_position())
        )
    };
    let open = |e: &quick_xml::events::BytesStart| -> Result<El, String> {
        let mut attrs = Vec::new();
        for a in e.attributes() {
            let a = a.map_err(|e| format!("XML error: bad attribute: {e}"))?;
            let v = a
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map_err(|e| format!("XML error: bad attribute value: {e}"))?;
            attrs.push((local(a.key.as_ref()), v.into_owned()));
        }
        Ok(El {
            name: local(e.name().as_ref()),
            attrs,
            children: Vec::new(),
        })
    };
    let push_text = |stack: &mut Vec<El>, s: &str| {
        let top = stack.last_mut().expect("root stays");
        if let Some(Node::Text(t)) = top.children.last_mut() {
            t.push_str(s);
        } else {
            top.children.push(Node::Text(s.to_string()));
        }
    };
    loop {
        let ev = reader.read_event().map_err(|e| err(&reader, &e))?;
        match ev {
            Event::Start(e) => {
                if stack.len() > MAX_DEPTH {
                    return Err(format!("elements nested deeper than {MAX_DEPTH}"));
                }
                stack.push(open(&e)?);
            }
            Event::Empty(e) => {
                let el = open(&e)?;
                stack
                    .last_mut()
                    .expect("root stays")
                    .children
                    .push(Node::El(el));
            }
            Event::End(_) => {
                let el = stack.pop().expect("checked end names");
                let Some(parent) = stack.last_mut() else {
                    return Err(err(&reader, &"unexpected closing tag"));
                };
                parent.children.push(Node::El(el));
            }
            Event::Text(t) => {
                let s = t.xml10_content().map_err(|e| err(&reader, &e))?;
                push_text(&mut stack, &s);
            }
            Event::CData(t) => {
                let s = t.decode().map_err(|e| err(&reader, &e))?;
                push_text(&mut stack, &s);
            }
            Event::GeneralRef(r) => {
                let s = match r.resolve_char_ref().map_err(|e| err(&reader, &e))? {
                    Some(c) => c.to_string(),
                    None => {
                        let name = r.decode().map_err(|e| err(&reader, &e))?;
                        quick_xml::escape::resolve_predefined_entity(&name)
                            .ok_or_else(|| err(&reader, &format!("unknown entity &{name};")))?
                            .to_string()
                    }
                };
                push_text(&mut stack, &s);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if stack.len() != 1 {
        return Err(format!(
            "XML error: the part ends inside <{}> (truncated?)",
            stack.last().map(|e| e.name.as_str()).unwrap_or("")
        ));
    }
    let root = stack.pop().expect("root");
    if root.elements().next().is_none() {
        return Err("XML error: no root element".into());
    }
    Ok(root)
}

/// One level of a list definition.
#[derive(Debug, Clone)]
struct Level {
    start: i64,
    format: String,
    text: String,
    suffix: String,
    /// `w:lvlRestart w:val="0"`: never restarts.
    no_restart: bool,
    legal: bool,
}

impl Default for Level {
    fn default() -> Self {
        Level {
            start: 1,
            format: "decimal".into(),
            text: String::new(),
            suffix: "tab".into(),
            no_restart: false,
            legal: false,
        }
    }
}

/// `numbering.xml`: abstract list definitions and the numbering instances on them.
#[derive(Debug, Default)]
struct Numbering {
    abstracts: HashMap<String, Vec<Level>>,
    /// numId → (abstractNumId, start overrides by level).
    nums: HashMap<String, (String, Vec<(usize, i64)>)>,
}

fn levels_of(el: &El, levels: &mut Vec<Level>) {
    for lvl in el.elements().filter(|e| e.name == "lvl") {
        let Some(i) = lvl.attr("ilvl").and_then(|v| v.parse::<usize>().ok()) else {
            continue;
        };
        if i >= 9 {
            continue;
        }
        if levels.len() <= i {
            levels.resize(i + 1, Level::default());
        }
        let l = &mut levels[i];
        if let Some(s) = lvl.val("start").and_then(|v| v.parse().ok()) {
            l.start = s;
        }
        if let Some(f) = lvl.val("numFmt") {
            l.format = f.to_string();
        }
        if let Some(t) = lvl.val("lvlText") {
            l.text = t.to_string();
        }
        if let Some(s) = lvl.val("suff") {
            l.suffix = s.to_string();
        }
        l.no_restart = lvl.val("lvlRestart") == Some("0");
        l.legal = lvl
            .child("isLgl")
            .is_some_and(|e| !matches!(e.attr("val"), Some("0" | "false")));
    }
}

impl Numbering {
    fn parse(root: &El) -> Numbering {
        let mut n = Numbering::default();
        let Some(top) = root.find("numbering") else {
            return n;
        };
        for a in top.elements().filter(|e| e.name == "abstractNum") {
            let Some(id) = a.attr("abstractNumId") else {
                continue;
            };
            let mut levels = Vec::new();
            levels_of(a, &mut levels);
            n.abstracts.insert(id.to_string(), levels);
        }
        for num in top.elements().filter(|e| e.name == "num") {
            let (Some(id), Some(abs)) = (num.attr("numId"), num.val("abstractNumId")) else {
                continue;
            };
            let mut overrides = Vec::new();
            for o in num.elements().filter(|e| e.name == "lvlOverride") {
                let Some(i) = o.attr("ilvl").and_then(|v| v.parse::<usize>().ok()) else {
                    continue;
                };
                if let Some(s) = o.val("startOverride").and_then(|v| v.parse().ok()) {
                    overrides.push((i, s));
                }
                // A full level redefinition in an override: its start counts too.
                let mut lv = Vec::new();
                levels_of(o, &mut lv);
                if let Some(l) = lv.get(i) {
                    if o.child("lvl").and_then(|l| l.child("start")).is_some() {
                        overrides.push((i, l.start));
                    }
                }
            }
            n.nums.insert(id.to_string(), (abs.to_string(), overrides));
        }
        n
    }
}

/// What a paragraph style says about numbering: numId, ilvl, and the style it is based on.
type StyleNumbering = (Option<String>, Option<usize>, Option<String>);

/// `styles.xml`: the numbering a paragraph style gives, and what it is based on.
#[derive(Debug, Default)]
struct Styles {
    styles: HashMap<String, StyleNumbering>,
}

impl Styles {
    fn parse(root: &El) -> Styles {
        let mut s = Styles::default();
        let Some(top) = root.find("styles") else {
            return s;
        };
        for st in top.elements().filter(|e| e.name == "style") {
            let Some(id) = st.attr("styleId") else {
                continue;
            };
            let num_pr = st.child("pPr").and_then(|p| p.child("numPr"));
            let num = num_pr.and_then(|n| n.val("numId")).map(str::to_string);
            let ilvl = num_pr
                .and_then(|n| n.val("ilvl"))
                .and_then(|v| v.parse().ok());
            let based = st.val("basedOn").map(str::to_string);
            s.styles.insert(id.to_string(), (num, ilvl, based));
        }
        s
    }

    /// (numId, ilvl) a style gives, following `basedOn` (a bounded chain).
    fn numbering(&self, style: &str) -> (Option<String>, Option<usize>) {
        let (mut num, mut ilvl) = (None, None);
        let mut at = Some(style.to_string());
        for _ in 0..16 {
            let Some(id) = at.take() else { break };
            let Some((n, l, based)) = self.styles.get(&id) else {
                break;
            };
            if num.is_none() {
                num.clone_from(n);
            }
            if ilvl.is_none() {
                ilvl = *l;
            }
            at.clone_from(based);
        }
        (num, ilvl)
    }
}

/// Counters of one abstract list: Word continues a list across numbering instances
/// that share its definition, unless an instance overrides a start (a restart).
#[derive(Default)]
struct Counters {
    values: [Option<i64>; 9],
    last_num: Option<String>,
}

struct BodyReader {
    numbering: Numbering,
    styles: Styles,
    counters: HashMap<String, Counters>,
    out: TextBuilder,
    /// Ordinal of the last paragraph read.
    ordinal: usize,
    /// The last paragraph's mark was deleted (a tracked change): the next one joins it.
    joined: bool,
}

impl BodyReader {
    /// Paragraphs and tables of a body, a cell or a content control, in order.
    fn blocks(&mut self, el: &El) {
        for c in el.elements() {
            match c.name.as_str() {
                "p" => {
                    let (label, text, breaks) = self.paragraph(c);
                    let ord = self.ordinal;
                    let mut col = 0;
                    if !label.is_empty() && !self.joined {
                        self.out.push(&label, None, ord, 0);
                        col = label.chars().count();
                    }
                    self.push_text(&text, &breaks, ord, col);
                    self.joined = mark_deleted(c);
                    if !self.joined {
                        self.out.push_synthetic("\n");
                    }
                }
                "tbl" => {
                    if self.joined {
                        self.out.push_synthetic("\n");
                        self.joined = false;
                    }
                    self.table(c);
                }
                "sdt" => {
                    if let Some(content) = c.child("sdtContent") {
                        self.blocks(content);
                    }
                }
                // Tracked insertions of whole blocks are kept, deletions dropped.
                "ins" | "moveTo" | "customXml" => self.blocks(c),
                _ => {}
            }
        }
    }

    /// Push a paragraph's text, breaking lines where Word had `w:br`.
    fn push_text(&mut self, text: &str, breaks: &[usize], ord: usize, mut col: usize) {
        let mut from = 0;
        for &b in breaks.iter().chain(std::iter::once(&text.len())) {
            let piece = &text[from..b];
            self.out.push(piece, None, ord, col);
            col += piece.chars().count();
            if b < text.len() {
                self.out.push_synthetic("\n");
            }
            from = b;
        }
    }

    /// A table: one line per row, cells joined by tabs (as the parser reads table rows).
    fn table(&mut self, tbl: &El) {
        for tr in tbl.elements().filter(|e| e.name == "tr") {
            let mut cells: Vec<Vec<(String, usize)>> = Vec::new();
            for tc in tr.elements().filter(|e| e.name == "tc") {
                let mut cell = Vec::new();
                self.cell_paragraphs(tc, &mut cell, 0);
                cells.push(cell);
            }
            if cells
                .iter()
                .all(|c| c.iter().all(|(t, _)| t.trim().is_empty()))
            {
                continue;
            }
            for (k, cell) in cells.iter().enumerate() {
                if k > 0 {
                    self.out.push_synthetic("\t");
                }
                let mut first = true;
                for (text, ord) in cell.iter().filter(|(t, _)| !t.trim().is_empty()) {
                    if !first {
                        self.out.push_synthetic(" ");
                    }
                    first = false;
                    // A cell's own line breaks are spaces: the row stays one line.
                    self.out
                        .push(&text.replace(['\n', '\t'], " "), None, *ord, 0);
                }
            }
            self.out.push_synthetic("\n");
        }
    }

    /// The paragraphs of a cell (nested tables flattened), each with its ordinal.
    fn cell_paragraphs(&mut self, el: &El, out: &mut Vec<(String, usize)>, depth: usize) {
        for c in el.elements() {
            match c.name.as_str() {
                "p" => {
                    let (label, text, _) = self.paragraph(c);
                    out.push((format!("{label}{text}"), self.ordinal));
                }
                "tbl" | "tr" | "tc" | "sdt" | "sdtContent" | "ins" | "moveTo"
                    if depth < MAX_DEPTH =>
                {
                    self.cell_paragraphs(c, out, depth + 1)
                }
                _ => {}
            }
        }
    }

    /// One paragraph: its numbering label (with the suffix Word puts after it), its
    /// text, and the byte offsets in the text where `w:br` breaks the line.
    fn paragraph(&mut self, p: &El) -> (String, String, Vec<usize>) {
        self.ordinal += 1;
        let label = self.label(p);
        let mut text = String::new();
        let mut breaks = Vec::new();
        // Complex fields: true while inside the instruction part (begin … separate).
        let mut fields: Vec<bool> = Vec::new();
        let mut stack: Vec<std::slice::Iter<Node>> = vec![p.children.iter()];
        while let Some(top) = stack.last_mut() {
            let Some(node) = top.next() else {
                stack.pop();
                continue;
            };
            let Node::El(e) = node else { continue };
            let in_instr = fields.last() == Some(&true);
            match e.name.as_str() {
                "t" if !in_instr => text.push_str(&e.text()),
                "tab" if !in_instr => text.push('\u{3000}'),
                // A page or column break is not a line of the text.
                "br" | "cr" if !in_instr && !matches!(e.attr("type"), Some("page" | "column")) => {
                    breaks.push(text.len());
                }
                "noBreakHyphen" if !in_instr => text.push('-'),
                "fldChar" => match e.attr("fldCharType") {
                    Some("begin") => fields.push(true),
                    Some("separate") => {
                        if let Some(f) = fields.last_mut() {
                            *f = false;
                        }
                    }
                    Some("end") => {
                        fields.pop();
                    }
                    _ => {}
                },
                // Runs, insertions, hyperlinks, simple fields (their result runs),
                // content controls: their text counts.
                "r" | "ins" | "moveTo" | "hyperlink" | "fldSimple" | "smartTag" | "sdt"
                | "sdtContent" | "customXml" | "bdo" | "dir"
                    if stack.len() < MAX_DEPTH =>
                {
                    stack.push(e.children.iter());
                }
                // Deletions, properties, footnote and comment marks, drawings and
                // text boxes, alternate content: not the paragraph's text.
                _ => {}
            }
        }
        (label, text, breaks)
    }

    /// The label Word's numbering displays before a paragraph ("" when unnumbered).
    fn label(&mut self, p: &El) -> String {
        let ppr = p.child("pPr");
        let num_pr = ppr.and_then(|x| x.child("numPr"));
        let (mut num, mut ilvl) = (
            num_pr.and_then(|n| n.val("numId")).map(str::to_string),
            num_pr
                .and_then(|n| n.val("ilvl"))
                .and_then(|v| v.parse::<usize>().ok()),
        );
        if let Some(style) = ppr.and_then(|x| x.val("pStyle")) {
            let (sn, sl) = self.styles.numbering(style);
            if num.is_none() {
                num = sn;
            }
            if ilvl.is_none() {
                ilvl = sl;
            }
        }
        let Some(num) = num.filter(|n| n != "0") else {
            return String::new();
        };
        let ilvl = ilvl.unwrap_or(0).min(8);
        let Some((abs, overrides)) = self.numbering.nums.get(&num) else {
            return String::new();
        };
        let Some(levels) = self.numbering.abstracts.get(abs) else {
            return String::new();
        };
        let level = |i: usize| levels.get(i).cloned().unwrap_or_default();
        let counters = self.counters.entry(abs.clone()).or_default();
        // A new instance with start overrides restarts those levels.
        if counters.last_num.as_deref() != Some(num.as_str()) {
            if counters.last_num.is_some() || !overrides.is_empty() {
                for &(i, start) in overrides {
                    if i < 9 {
                        counters.values[i] = Some(start - 1);
                    }
                }
            }
            counters.last_num = Some(num.clone());
        }
        let start = overrides
            .iter()
            .find(|(i, _)| *i == ilvl)
            .map(|&(_, s)| s)
            .unwrap_or(level(ilvl).start);
        let v = counters.values[ilvl].map_or(start, |v| v + 1);
        counters.values[ilvl] = Some(v);
        for deeper in ilvl + 1..9 {
            if !level(deeper).no_restart {
                counters.values[deeper] = None;
            }
        }
        let lv = level(ilvl);
        let mut label = String::new();
        let mut chars = lv.text.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '%' {
                if let Some(d) = chars.peek().and_then(|d| d.to_digit(10)) {
                    chars.next();
                    let i = (d as usize).saturating_sub(1).min(8);
                    let li = level(i);
                    let value = counters.values[i].unwrap_or(li.start);
                    let fmt = if lv.legal && i < ilvl {
                        "decimal"
                    } else {
                        li.format.as_str()
                    };
                    label.push_str(&format_number(value, fmt));
                    continue;
                }
            }
            label.push(c);
        }
        if lv.format == "bullet" {
            // Symbol-font bullets are private-use characters: show a middle dot.
            label = label
                .chars()
                .map(|c| {
                    if ('\u{E000}'..='\u{F8FF}').contains(&c) {
                        '・'
                    } else {
                        c
                    }
                })
                .collect();
        }
        if label.is_empty() {
            return label;
        }
        match lv.suffix.as_str() {
            "nothing" => {}
            "space" => label.push(' '),
            _ => label.push('\u{3000}'),
        }
        label
    }
}

/// Is the paragraph mark itself a tracked deletion (the paragraph joins the next)?
fn mark_deleted(p: &El) -> bool {
    p.child("pPr")
        .and_then(|x| x.child("rPr"))
        .is_some_and(|r| r.child("del").is_some() || r.child("moveFrom").is_some())
}

const AIUEO: &str =
    "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン";
const IROHA: &str = "イロハニホヘトチリヌルヲワカヨタレソツネナラムウヰノオクヤマケフコエテアサキユメミシヱヒモセス";
const AIUEO_HALF: &str = "ｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜｦﾝ";
const IROHA_HALF: &str = "ｲﾛﾊﾆﾎﾍﾄﾁﾘﾇﾙｦﾜｶﾖﾀﾚｿﾂﾈﾅﾗﾑｳｲﾉｵｸﾔﾏｹﾌｺｴﾃｱｻｷﾕﾒﾐｼｴﾋﾓｾｽ";
const TEN_STEMS: &str = "甲乙丙丁戊己庚辛壬癸";
const ZODIAC: &str = "子丑寅卯辰巳午未申酉戌亥";

/// A counter value in one of Word's number formats (`w:numFmt`).
pub fn format_number(n: i64, format: &str) -> String {
    let cycle = |set: &str| -> String {
        let chars: Vec<char> = set.chars().collect();
        let i = (n.max(1) - 1) as usize % chars.len();
        chars[i].to_string()
    };
    let ascii = n.to_string();
    match format {
        "decimalFullWidth" | "decimalFullWidth2" => ascii
            .chars()
            .map(|c| char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap_or(c))
            .collect(),
        "japaneseCounting"
        | "chineseCounting"
        | "chineseCountingThousand"
        | "taiwaneseCounting"
        | "taiwaneseCountingThousand"
        | "koreanCounting" => u32::try_from(n)
            .ok()
            .and_then(crate::parse::numeral::to_kanji)
            .unwrap_or(ascii),
        "japaneseDigitalTenThousand" | "ideographDigital" | "taiwaneseDigital" => ascii
            .chars()
            .map(|c| {
                "〇一二三四五六七八九"
                    .chars()
                    .nth(c.to_digit(10).unwrap_or(0) as usize)
                    .unwrap_or(c)
            })
            .collect(),
        "aiueoFullWidth" => cycle(AIUEO),
        "aiueo" => cycle(AIUEO_HALF),
        "irohaFullWidth" => cycle(IROHA),
        "iroha" => cycle(IROHA_HALF),
        "ideographTraditional" => cycle(TEN_STEMS),
        "ideographZodiac" => cycle(ZODIAC),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" | "ideographEnclosedCircle" => {
            let c = match n {
                1..=20 => char::from_u32(0x2460 + n as u32 - 1),
                21..=35 => char::from_u32(0x3251 + n as u32 - 21),
                36..=50 => char::from_u32(0x32B1 + n as u32 - 36),
                _ => None,
            };
            c.map(String::from).unwrap_or(ascii)
        }
        "decimalEnclosedParen" if (1..=20).contains(&n) => {
            char::from_u32(0x2474 + n as u32 - 1).map_or(ascii, String::from)
        }
        "decimalEnclosedFullstop" if (1..=20).contains(&n) => {
            char::from_u32(0x2488 + n as u32 - 1).map_or(ascii, String::from)
        }
        "lowerLetter" | "upperLetter" => {
            // a … z, then aa … zz (Word repeats the letter).
            let k = (n.max(1) - 1) as usize;
            let c = (b'a' + (k % 26) as u8) as char;
            let s: String = std::iter::repeat_n(c, k / 26 + 1).collect();
            if format == "upperLetter" {
                s.to_ascii_uppercase()
            } else {
                s
            }
        }
        "lowerRoman" | "upperRoman" => {
            let s = roman(n);
            if format == "lowerRoman" {
                s.to_ascii_lowercase()
            } else {
                s
            }
        }
        "none" => String::new(),
        _ => ascii,
    }
}

fn roman(mut n: i64) -> String {
    if !(1..4000).contains(&n) {
        return n.to_string();
    }
    let mut s = String::new();
    for (v, r) in [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ] {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_number_formats() {
        assert_eq!(format_number(12, "decimalFullWidth"), "１２");
        assert_eq!(format_number(19, "japaneseCounting"), "十九");
        assert_eq!(format_number(10, "japaneseDigitalTenThousand"), "一〇");
        assert_eq!(format_number(3, "aiueoFullWidth"), "ウ");
        assert_eq!(format_number(2, "irohaFullWidth"), "ロ");
        assert_eq!(format_number(3, "iroha"), "ﾊ");
        assert_eq!(format_number(2, "decimalEnclosedCircle"), "②");
        assert_eq!(format_number(27, "lowerLetter"), "aa");
        assert_eq!(format_number(14, "upperRoman"), "XIV");
        assert_eq!(format_number(7, "decimal"), "7");
    }

    #[test]
    fn xml_errors_name_the_problem() {
        let e = parse_xml(b"<w:document><w:body><w:p></w:body></w:document>").unwrap_err();
        assert!(e.contains("XML error"), "{e}");
        let e = parse_xml(b"<w:document><w:body>").unwrap_err();
        assert!(e.contains("truncated"), "{e}");
    }
}
