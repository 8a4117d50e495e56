//! PDF: the glyphs of every page with their positions (lopdf parses the file; the
//! content streams are interpreted here), grouped into lines by the page geometry and
//! written in the PDF-extracted layout (SPEC §1.1) for the layout stage: a line that
//! reaches the right margin is a wrap, a shorter one ends its block (trailing space),
//! table rows are joined cell by cell, and running headers, footers and page numbers
//! repeated on the pages are dropped.
//!
//! Text is decoded by the font's ToUnicode map; without one, by the predefined CMaps of
//! Adobe-Japan1 whose codes are Unicode (Uni…-UCS2/UTF16) or Shift_JIS (…RKSJ) or
//! EUC-JP (EUC-H), and by Latin-1 for simple fonts.

use super::{Format, TextBuilder};
use crate::origin::LayoutKind;
use crate::source::SourceFile;
use foldhash::{HashMap, HashMapExt};
use lopdf::{Dictionary, Document, Object};
use std::path::Path;

/// Form XObjects nested deeper than this are not followed.
const MAX_FORM_DEPTH: usize = 8;

/// Read a PDF; the error says what is wrong with the file.
pub fn read(path: &Path, bytes: &[u8]) -> Result<SourceFile, String> {
    let encrypted_claim = bytes.windows(8).any(|w| w == b"/Encrypt");
    let doc = Document::load_mem(bytes).map_err(|e| {
        if encrypted_claim {
            format!("the PDF is encrypted (password-protected): decrypt it first ({e})")
        } else {
            format!("not a readable PDF (truncated or damaged?): {e}")
        }
    })?;
    if doc.is_encrypted() && doc.encryption_state.is_none() {
        return Err("the PDF is encrypted (password-protected): decrypt it first".into());
    }
    let mut pages = Vec::new();
    let mut undecodable = 0usize;
    for (_, page_id) in doc.get_pages() {
        let mut glyphs = Vec::new();
        let content = doc
            .get_page_content(page_id)
            .map_err(|e| format!("cannot read a page's content: {e}"))?;
        let resources = page_resources(&doc, page_id);
        let mut run = Interpreter {
            doc: &doc,
            fonts: HashMap::new(),
            glyphs: &mut glyphs,
            undecodable: 0,
        };
        run.content(&content, &resources, [1.0, 0.0, 0.0, 1.0, 0.0, 0.0], 0)?;
        undecodable += run.undecodable;
        pages.push(lines_of(glyphs));
    }
    if pages.iter().all(|p| p.is_empty()) {
        if undecodable > 0 {
            return Err(
                "the text cannot be decoded: its fonts have no ToUnicode map and no known \
                 encoding (export the PDF again with Unicode text, or run OCR)"
                    .into(),
            );
        }
        return Err("no text layer: run OCR first".into());
    }
    Ok(write_text(path, pages))
}

/// Resources of a page (inherited from its parents when the page has none).
fn page_resources(doc: &Document, page_id: lopdf::ObjectId) -> Dictionary {
    let mut res = Dictionary::new();
    if let Ok((own, inherited)) = doc.get_page_resources(page_id) {
        for id in inherited.iter().rev() {
            if let Ok(d) = doc.get_dictionary(*id) {
                for (k, v) in d.iter() {
                    res.set(k.clone(), v.clone());
                }
            }
        }
        if let Some(d) = own {
            for (k, v) in d.iter() {
                res.set(k.clone(), v.clone());
            }
        }
    }
    res
}

/// A shown glyph: its text, origin, end (user space) and size.
#[derive(Debug, Clone)]
struct Glyph {
    text: String,
    x: f32,
    y: f32,
    end: f32,
    size: f32,
}

/// How a font's codes become text and widths.
struct FontCodes {
    /// Bytes per code (1 or 2); 0 = Shift_JIS / EUC variable width.
    bytes: usize,
    to_unicode: HashMap<u32, String>,
    predefined: Predefined,
    widths: HashMap<u32, f32>,
    default_width: f32,
}

#[derive(Clone, Copy, PartialEq)]
enum Predefined {
    None,
    /// Codes are UTF-16BE (Uni…-UCS2-H, Uni…-UTF16-H).
    Utf16,
    ShiftJis,
    EucJp,
    /// A simple font: Latin-1.
    Latin1,
}

fn num(o: &Object) -> Option<f32> {
    match o {
        Object::Integer(i) => Some(*i as f32),
        Object::Real(r) => Some(*r),
        _ => None,
    }
}

fn deref<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    doc.dereference(o).map(|(_, o)| o).unwrap_or(o)
}

impl FontCodes {
    fn new(doc: &Document, font: &Dictionary) -> FontCodes {
        let subtype = font
            .get(b"Subtype")
            .and_then(Object::as_name)
            .unwrap_or_default();
        let encoding = font
            .get(b"Encoding")
            .map(|o| deref(doc, o))
            .and_then(Object::as_name)
            .unwrap_or_default();
        let enc = String::from_utf8_lossy(encoding);
        let mut f = FontCodes {
            bytes: 1,
            to_unicode: HashMap::new(),
            predefined: Predefined::Latin1,
            widths: HashMap::new(),
            default_width: 1000.0,
        };
        if subtype == b"Type0" {
            f.bytes = 2;
            f.predefined =
                if enc.starts_with("Uni") && (enc.contains("UCS2") || enc.contains("UTF16")) {
                    Predefined::Utf16
                } else if enc.contains("RKSJ") {
                    f.bytes = 0;
                    Predefined::ShiftJis
                } else if enc.contains("EUC") {
                    f.bytes = 0;
                    Predefined::EucJp
                } else {
                    Predefined::None
                };
            let desc = font
                .get(b"DescendantFonts")
                .map(|o| deref(doc, o))
                .and_then(Object::as_array)
                .ok()
                .and_then(|a| a.first())
                .map(|o| deref(doc, o))
                .and_then(|o| o.as_dict().ok());
            if let Some(d) = desc {
                if let Some(dw) = d.get(b"DW").ok().and_then(num) {
                    f.default_width = dw;
                }
                if let Ok(w) = d
                    .get(b"W")
                    .map(|o| deref(doc, o))
                    .and_then(Object::as_array)
                {
                    cid_widths(doc, w, &mut f.widths);
                }
            }
        } else {
            f.default_width = 500.0;
            let first = font.get(b"FirstChar").ok().and_then(num).unwrap_or(0.0) as u32;
            if let Ok(w) = font
                .get(b"Widths")
                .map(|o| deref(doc, o))
                .and_then(Object::as_array)
            {
                for (i, x) in w.iter().enumerate() {
                    if let Some(v) = num(deref(doc, x)) {
                        f.widths.insert(first + i as u32, v);
                    }
                }
            }
        }
        if let Ok(tu) = font
            .get(b"ToUnicode")
            .map(|o| deref(doc, o))
            .and_then(Object::as_stream)
        {
            if let Ok(data) = tu
                .decompressed_content()
                .or_else(|_| Ok::<_, ()>(tu.content.clone()))
            {
                parse_to_unicode(&data, &mut f.to_unicode);
            }
        }
        f
    }

    /// Split a shown string into codes.
    fn codes(&self, s: &[u8]) -> Vec<(u32, usize)> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < s.len() {
            let n = match self.bytes {
                0 => {
                    let b = s[i];
                    let two = match self.predefined {
                        Predefined::ShiftJis => matches!(b, 0x81..=0x9F | 0xE0..=0xFC),
                        _ => b >= 0x8E,
                    };
                    if two && i + 1 < s.len() {
                        2
                    } else {
                        1
                    }
                }
                n => n.min(s.len() - i),
            };
            let code = s[i..i + n].iter().fold(0u32, |a, &b| (a << 8) | b as u32);
            out.push((code, n));
            i += n;
        }
        out
    }

    /// The text of a code, None when the font does not say.
    fn text(&self, code: u32, n: usize) -> Option<String> {
        if let Some(t) = self.to_unicode.get(&code) {
            return Some(t.clone());
        }
        let bytes: Vec<u8> = (0..n).rev().map(|k| (code >> (8 * k)) as u8).collect();
        match self.predefined {
            Predefined::Utf16 => char::from_u32(code).map(String::from),
            Predefined::ShiftJis => {
                let (t, _, bad) = encoding_rs::SHIFT_JIS.decode(&bytes);
                (!bad).then(|| t.into_owned())
            }
            Predefined::EucJp => {
                let (t, _, bad) = encoding_rs::EUC_JP.decode(&bytes);
                (!bad).then(|| t.into_owned())
            }
            Predefined::Latin1 => char::from_u32(code).map(String::from),
            Predefined::None => None,
        }
    }

    fn width(&self, code: u32, text: Option<&str>) -> f32 {
        if let Some(w) = self.widths.get(&code) {
            return *w;
        }
        // Predefined CMaps give no CIDs here: half-width characters are half an em.
        if self.predefined != Predefined::None && self.predefined != Predefined::Latin1 {
            if let Some(c) = text.and_then(|t| t.chars().next()) {
                if c.is_ascii() || ('\u{FF61}'..='\u{FF9F}').contains(&c) {
                    return 500.0;
                }
            }
        }
        self.default_width
    }
}

/// `/W [c [w1 w2 …] c1 c2 w …]` of a CID font.
fn cid_widths(doc: &Document, w: &[Object], out: &mut HashMap<u32, f32>) {
    let mut i = 0;
    while i < w.len() {
        let Some(first) = num(deref(doc, &w[i])) else {
            break;
        };
        match w.get(i + 1).map(|o| deref(doc, o)) {
            Some(Object::Array(list)) => {
                for (k, v) in list.iter().enumerate() {
                    if let Some(v) = num(v) {
                        out.insert(first as u32 + k as u32, v);
                    }
                }
                i += 2;
            }
            Some(o) => {
                let (Some(last), Some(v)) = (num(o), w.get(i + 2).and_then(num)) else {
                    break;
                };
                // A huge range is not a font; keep it bounded.
                for c in first as u32..=(last as u32).min(first as u32 + 65535) {
                    out.insert(c, v);
                }
                i += 3;
            }
            None => break,
        }
    }
}

/// Hex strings and words of a CMap.
fn cmap_tokens(data: &[u8]) -> Vec<CmapToken> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < data.len() {
        match data[i] {
            b'<' => {
                let end = data[i..].iter().position(|&b| b == b'>').map(|p| i + p);
                let Some(end) = end else { break };
                let hex: Vec<u8> = data[i + 1..end]
                    .iter()
                    .copied()
                    .filter(u8::is_ascii_hexdigit)
                    .collect();
                let bytes: Vec<u8> = hex
                    .chunks(2)
                    .filter_map(|c| u8::from_str_radix(std::str::from_utf8(c).ok()?, 16).ok())
                    .collect();
                out.push(CmapToken::Hex(bytes));
                i = end + 1;
            }
            b'[' => {
                out.push(CmapToken::Open);
                i += 1;
            }
            b']' => {
                out.push(CmapToken::Close);
                i += 1;
            }
            b if b.is_ascii_whitespace() => i += 1,
            _ => {
                let start = i;
                while i < data.len() && !data[i].is_ascii_whitespace() && !b"<[]".contains(&data[i])
                {
                    i += 1;
                }
                out.push(CmapToken::Word(
                    String::from_utf8_lossy(&data[start..i]).into_owned(),
                ));
            }
        }
    }
    out
}

enum CmapToken {
    Hex(Vec<u8>),
    Word(String),
    Open,
    Close,
}

fn be(bytes: &[u8]) -> u32 {
    bytes.iter().take(4).fold(0u32, |a, &b| (a << 8) | b as u32)
}

fn utf16(bytes: &[u8]) -> String {
    let units: Vec<u16> = bytes
        .chunks(2)
        .map(|c| ((c[0] as u16) << 8) | c.get(1).copied().unwrap_or(0) as u16)
        .collect();
    String::from_utf16_lossy(&units)
}

/// `beginbfchar` / `beginbfrange` of a ToUnicode CMap.
fn parse_to_unicode(data: &[u8], out: &mut HashMap<u32, String>) {
    let t = cmap_tokens(data);
    let mut i = 0;
    let mut mode = "";
    while i < t.len() {
        match &t[i] {
            CmapToken::Word(w) if w == "beginbfchar" => mode = "char",
            CmapToken::Word(w) if w == "beginbfrange" => mode = "range",
            CmapToken::Word(w) if w.starts_with("end") => mode = "",
            CmapToken::Hex(a) if mode == "char" => {
                if let Some(CmapToken::Hex(u)) = t.get(i + 1) {
                    out.insert(be(a), utf16(u));
                    i += 1;
                }
            }
            CmapToken::Hex(a) if mode == "range" => {
                let (lo, hi) = match t.get(i + 1) {
                    Some(CmapToken::Hex(b)) => (be(a), be(b)),
                    _ => break,
                };
                let hi = hi.min(lo + 65535);
                match t.get(i + 2) {
                    Some(CmapToken::Hex(u)) => {
                        let mut units: Vec<u16> = u
                            .chunks(2)
                            .map(|c| ((c[0] as u16) << 8) | c.get(1).copied().unwrap_or(0) as u16)
                            .collect();
                        for code in lo..=hi {
                            out.insert(code, String::from_utf16_lossy(&units));
                            if let Some(last) = units.last_mut() {
                                *last = last.wrapping_add(1);
                            }
                        }
                        i += 2;
                    }
                    Some(CmapToken::Open) => {
                        let mut k = i + 3;
                        let mut code = lo;
                        while let Some(CmapToken::Hex(u)) = t.get(k) {
                            if code <= hi {
                                out.insert(code, utf16(u));
                            }
                            code += 1;
                            k += 1;
                        }
                        i = k;
                    }
                    _ => {}
                }
            }
            _ => {}
        }
        i += 1;
    }
}

type Matrix = [f32; 6];

fn mul(a: Matrix, b: Matrix) -> Matrix {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

fn apply(m: Matrix, x: f32, y: f32) -> (f32, f32) {
    (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])
}

struct Interpreter<'a, 'g> {
    doc: &'a Document,
    fonts: HashMap<Vec<u8>, std::rc::Rc<FontCodes>>,
    glyphs: &'g mut Vec<Glyph>,
    undecodable: usize,
}

#[derive(Clone)]
struct TextState {
    ctm: Matrix,
    font: Option<std::rc::Rc<FontCodes>>,
    size: f32,
    char_space: f32,
    word_space: f32,
    scale: f32,
    leading: f32,
    rise: f32,
}

impl Interpreter<'_, '_> {
    fn font(&mut self, res: &Dictionary, name: &[u8]) -> Option<std::rc::Rc<FontCodes>> {
        let fonts = res
            .get(b"Font")
            .map(|o| deref(self.doc, o))
            .ok()?
            .as_dict()
            .ok()?;
        let font = deref(self.doc, fonts.get(name).ok()?).as_dict().ok()?;
        // Cached by the font dictionary's name within this page.
        let key = name.to_vec();
        if let Some(f) = self.fonts.get(&key) {
            return Some(f.clone());
        }
        let f = std::rc::Rc::new(FontCodes::new(self.doc, font));
        self.fonts.insert(key, f.clone());
        Some(f)
    }

    fn content(
        &mut self,
        bytes: &[u8],
        res: &Dictionary,
        ctm: Matrix,
        depth: usize,
    ) -> Result<(), String> {
        let content = lopdf::content::Content::decode(bytes)
            .map_err(|e| format!("a page's content stream is damaged: {e}"))?;
        let mut st = TextState {
            ctm,
            font: None,
            size: 0.0,
            char_space: 0.0,
            word_space: 0.0,
            scale: 1.0,
            leading: 0.0,
            rise: 0.0,
        };
        let mut stack: Vec<TextState> = Vec::new();
        let mut tm: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];
        let mut tlm = tm;
        for op in &content.operations {
            let f = |i: usize| op.operands.get(i).and_then(num).unwrap_or(0.0);
            match op.operator.as_str() {
                "q" => stack.push(st.clone()),
                "Q" => {
                    if let Some(s) = stack.pop() {
                        st = s;
                    }
                }
                "cm" => st.ctm = mul([f(0), f(1), f(2), f(3), f(4), f(5)], st.ctm),
                "BT" => {
                    tm = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];
                    tlm = tm;
                }
                "Tf" => {
                    st.size = f(1);
                    st.font = op
                        .operands
                        .first()
                        .and_then(|o| o.as_name().ok())
                        .and_then(|n| self.font(res, n));
                }
                "Tc" => st.char_space = f(0),
                "Tw" => st.word_space = f(0),
                "Tz" => st.scale = f(0) / 100.0,
                "TL" => st.leading = f(0),
                "Ts" => st.rise = f(0),
                "Td" | "TD" => {
                    if op.operator == "TD" {
                        st.leading = -f(1);
                    }
                    tlm = mul([1.0, 0.0, 0.0, 1.0, f(0), f(1)], tlm);
                    tm = tlm;
                }
                "Tm" => {
                    tlm = [f(0), f(1), f(2), f(3), f(4), f(5)];
                    tm = tlm;
                }
                "T*" => {
                    tlm = mul([1.0, 0.0, 0.0, 1.0, 0.0, -st.leading], tlm);
                    tm = tlm;
                }
                "Tj" | "'" | "\"" => {
                    if op.operator != "Tj" {
                        if op.operator == "\"" {
                            st.word_space = f(0);
                            st.char_space = f(1);
                        }
                        tlm = mul([1.0, 0.0, 0.0, 1.0, 0.0, -st.leading], tlm);
                        tm = tlm;
                    }
                    if let Some(Object::String(s, _)) = op.operands.last() {
                        self.show(&st, &mut tm, s);
                    }
                }
                "TJ" => {
                    if let Some(Object::Array(items)) = op.operands.first() {
                        for it in items {
                            match it {
                                Object::String(s, _) => self.show(&st, &mut tm, s),
                                o => {
                                    if let Some(adj) = num(o) {
                                        let tx = -adj / 1000.0 * st.size * st.scale;
                                        tm = mul([1.0, 0.0, 0.0, 1.0, tx, 0.0], tm);
                                    }
                                }
                            }
                        }
                    }
                }
                "Do" if depth < MAX_FORM_DEPTH => {
                    let Some(name) = op.operands.first().and_then(|o| o.as_name().ok()) else {
                        continue;
                    };
                    let Some(xobj) = res
                        .get(b"XObject")
                        .map(|o| deref(self.doc, o))
                        .ok()
                        .and_then(|o| o.as_dict().ok())
                        .and_then(|d| d.get(name).ok())
                        .map(|o| deref(self.doc, o))
                        .and_then(|o| o.as_stream().ok())
                    else {
                        continue;
                    };
                    if xobj.dict.get(b"Subtype").and_then(Object::as_name).ok()
                        != Some(&b"Form"[..])
                    {
                        continue;
                    }
                    let m = xobj
                        .dict
                        .get(b"Matrix")
                        .and_then(Object::as_array)
                        .ok()
                        .filter(|a| a.len() == 6)
                        .map(|a| {
                            let v: Vec<f32> = a.iter().map(|o| num(o).unwrap_or(0.0)).collect();
                            [v[0], v[1], v[2], v[3], v[4], v[5]]
                        })
                        .unwrap_or([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);
                    let inner = xobj
                        .dict
                        .get(b"Resources")
                        .map(|o| deref(self.doc, o))
                        .ok()
                        .and_then(|o| o.as_dict().ok())
                        .cloned()
                        .unwrap_or_else(|| res.clone());
                    let data = xobj
                        .decompressed_content()
                        .unwrap_or_else(|_| xobj.content.clone());
                    self.content(&data, &inner, mul(m, st.ctm), depth + 1)?;
                }
                _ => {}
            }
        }
        Ok(())
    }

    fn show(&mut self, st: &TextState, tm: &mut Matrix, s: &[u8]) {
        let Some(font) = st.font.clone() else { return };
        for (code, n) in font.codes(s) {
            let text = font.text(code, n);
            let w0 = font.width(code, text.as_deref()) / 1000.0;
            let space = if n == 1 && code == 32 {
                st.word_space
            } else {
                0.0
            };
            let trm = mul(
                [st.size * st.scale, 0.0, 0.0, st.size, 0.0, st.rise],
                mul(*tm, st.ctm),
            );
            let (x, y) = apply(trm, 0.0, 0.0);
            let size = (trm[2] * trm[2] + trm[3] * trm[3]).sqrt();
            let tx = (w0 * st.size + st.char_space + space) * st.scale;
            *tm = mul([1.0, 0.0, 0.0, 1.0, tx, 0.0], *tm);
            let (end, _) = apply(mul(*tm, st.ctm), 0.0, 0.0);
            match text {
                Some(t) => self.glyphs.push(Glyph {
                    text: t,
                    x,
                    y,
                    end,
                    size,
                }),
                None => self.undecodable += 1,
            }
        }
    }
}

/// A line of a page: its pieces (a large gap starts a new piece: a table column).
#[derive(Debug, Clone)]
struct Line {
    y: f32,
    size: f32,
    /// (x start, x end, text) of each piece, left to right.
    pieces: Vec<(f32, f32, String)>,
}

impl Line {
    fn x(&self) -> f32 {
        self.pieces.first().map(|p| p.0).unwrap_or(0.0)
    }
    fn end(&self) -> f32 {
        self.pieces.last().map(|p| p.1).unwrap_or(0.0)
    }
    fn text(&self) -> String {
        self.pieces
            .iter()
            .map(|p| p.2.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// Group a page's glyphs into lines, top to bottom.
fn lines_of(mut glyphs: Vec<Glyph>) -> Vec<Line> {
    glyphs.retain(|g| !g.text.chars().all(char::is_whitespace) || g.text == " ");
    glyphs.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x.total_cmp(&b.x)));
    let mut rows: Vec<Vec<Glyph>> = Vec::new();
    for g in glyphs {
        match rows.last_mut() {
            Some(r) if (r[0].y - g.y).abs() < 0.4 * r[0].size.max(g.size) => r.push(g),
            _ => rows.push(vec![g]),
        }
    }
    let mut lines = Vec::new();
    for mut r in rows {
        r.sort_by(|a, b| a.x.total_cmp(&b.x));
        let size = r.iter().map(|g| g.size).fold(0.0, f32::max);
        let y = r[0].y;
        let mut pieces: Vec<(f32, f32, String)> = Vec::new();
        for g in r {
            match pieces.last_mut() {
                Some(p) if g.x - p.1 < 1.5 * size => {
                    // A visible gap between two glyphs is a space the writer did not draw.
                    if g.x - p.1 > 0.25 * size && !p.2.ends_with(' ') && g.text != " " {
                        p.2.push(' ');
                    }
                    p.2.push_str(&g.text);
                    p.1 = p.1.max(g.end);
                }
                _ => pieces.push((g.x, g.end, g.text)),
            }
        }
        for p in &mut pieces {
            p.2 = p.2.trim().to_string();
        }
        pieces.retain(|p| !p.2.is_empty());
        if !pieces.is_empty() {
            lines.push(Line { y, size, pieces });
        }
    }
    lines
}

/// A line's text with its digits made one character, to see the same header or footer
/// on every page (`- 1 -`, `- 2 -`).
fn shape(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars().filter(|c| !c.is_whitespace()) {
        let c = if c.is_ascii_digit() || ('０'..='９').contains(&c) {
            '#'
        } else {
            c
        };
        if !(c == '#' && out.ends_with('#')) {
            out.push(c);
        }
    }
    out
}

/// A page number alone: digits with dashes, slashes, brackets or "Page".
fn is_page_number(s: &str) -> bool {
    let t: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    t.chars()
        .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
        && t.chars().all(|c| {
            c.is_ascii_digit()
                || ('０'..='９').contains(&c)
                || "-–—/()（）－ー・|ページPpageof頁".contains(c)
        })
        && t.chars().count() <= 16
}

/// Write the pages' body lines in the PDF-extracted layout with their locations.
fn write_text(path: &Path, pages: Vec<Vec<Line>>) -> SourceFile {
    let n = pages.len();
    // Running headers and footers: the first or last lines whose shape recurs at the
    // same place on at least half the pages (and on two at least).
    let mut top: HashMap<String, usize> = HashMap::new();
    let mut bottom: HashMap<String, usize> = HashMap::new();
    for p in &pages {
        if let Some(l) = p.first() {
            *top.entry(shape(&l.text())).or_default() += 1;
        }
        if let Some(l) = p.last() {
            *bottom.entry(shape(&l.text())).or_default() += 1;
        }
    }
    let recurs = |m: &HashMap<String, usize>, l: &Line| {
        n >= 2
            && m.get(&shape(&l.text()))
                .is_some_and(|&k| k >= 2 && k * 2 >= n)
    };
    let mut body: Vec<(usize, usize, &Line)> = Vec::new(); // (page, line on page, line)
    for (pi, p) in pages.iter().enumerate() {
        for (li, l) in p.iter().enumerate() {
            let edge_top = li == 0;
            let edge_bottom = li + 1 == p.len();
            if (edge_top && (recurs(&top, l) || is_page_number(&l.text())))
                || (edge_bottom && (recurs(&bottom, l) || is_page_number(&l.text())))
            {
                continue;
            }
            body.push((pi + 1, li + 1, l));
        }
    }
    // The right margin: where the longest body lines end.
    let right = body
        .iter()
        .map(|(_, _, l)| l.end())
        .fold(f32::MIN, f32::max);
    // The usual distance between two lines (the median on the pages).
    let mut pitches: Vec<f32> = body
        .windows(2)
        .filter(|w| w[0].0 == w[1].0)
        .map(|w| w[0].2.y - w[1].2.y)
        .filter(|d| *d > 0.0)
        .collect();
    pitches.sort_by(f32::total_cmp);
    let pitch = pitches.get(pitches.len() / 2).copied().unwrap_or(f32::MAX);
    let mut out = TextBuilder::default();
    out.push_synthetic("\n");
    let mut k = 0;
    while k < body.len() {
        let (page, line, l) = body[k];
        if l.pieces.len() > 1 {
            // A table row: its cells, with the lines below that continue a cell.
            let cols: Vec<f32> = l.pieces.iter().map(|p| p.0).collect();
            let mut cells: Vec<Vec<(usize, usize, usize, String)>> = l
                .pieces
                .iter()
                .scan(0usize, |col, p| {
                    let c = *col;
                    *col += p.2.chars().count() + 1;
                    Some(vec![(page, line, c, p.2.clone())])
                })
                .collect();
            let mut j = k + 1;
            while j < body.len() {
                let (pg, ln, next) = body[j];
                let col = cols
                    .iter()
                    .position(|&x| (x - next.x()).abs() < next.size.max(1.0));
                match col {
                    Some(c) if c > 0 && next.pieces.len() == 1 => {
                        cells[c].push((pg, ln, 0, next.pieces[0].2.clone()));
                        j += 1;
                    }
                    _ => break,
                }
            }
            for (ci, cell) in cells.iter().enumerate() {
                if ci > 0 {
                    out.push_synthetic("\t");
                }
                for (pg, ln, col, t) in cell {
                    out.push(t, Some(*pg), *ln, *col);
                }
            }
            out.push_synthetic(" \n\n");
            k = j;
            continue;
        }
        let text = l.text();
        out.push(&text, Some(page), line, 0);
        let next = body.get(k + 1).map(|b| b.2);
        let wraps = l.end() >= right - 1.2 * l.size
            && next.is_some_and(|n| {
                n.pieces.len() == 1
                    && !matches!(
                        crate::parse::line::classify(&n.text()),
                        crate::parse::line::LineKind::Article { .. }
                            | crate::parse::line::LineKind::Paragraph { .. }
                            | crate::parse::line::LineKind::Item { .. }
                    )
            });
        out.push_synthetic(if wraps { "\n\n" } else { " \n\n" });
        // A gap wider than the usual pitch is a blank line of the source.
        if next.is_some_and(|n| body[k + 1].0 == page && l.y - n.y > 1.4 * pitch) {
            out.push_synthetic("\n");
        }
        k += 1;
    }
    out.finish(path, Format::Pdf, LayoutKind::PdfExtracted)
}
