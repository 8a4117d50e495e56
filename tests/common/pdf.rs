//! A small PDF writer for the tests: clean text (one paragraph per line, tab-separated
//! table rows) set on A4 pages in a Japanese TrueType font, with a running header and
//! page numbers, as a word processor would print it.

/// How the text is encoded in the PDF.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Encoding {
    /// The font embedded as CIDFontType2, Identity-H glyph codes and a ToUnicode map
    /// (what LibreOffice and Word write).
    IdentityToUnicode,
    /// Not embedded, Adobe-Japan1 with the predefined UniJIS-UCS2-H CMap and no ToUnicode
    /// (older Japanese PDF writers).
    UniJisUcs2,
}

const PAGE_W: f32 = 595.28;
const PAGE_H: f32 = 841.89;
const LEFT: f32 = 72.0;
const RIGHT: f32 = PAGE_W - 72.0;
const TOP: f32 = 770.0;
const BOTTOM: f32 = 80.0;
const SIZE: f32 = 10.5;
const PITCH: f32 = 18.0;
/// The table's second column.
const COL2: f32 = LEFT + 110.0;

struct Font<'a> {
    face: ttf_parser::Face<'a>,
}

impl Font<'_> {
    fn gid(&self, c: char) -> u16 {
        self.face.glyph_index(c).map(|g| g.0).unwrap_or(0)
    }

    /// Advance in 1/1000 em.
    fn width(&self, c: char) -> f32 {
        let g = self.face.glyph_index(c).unwrap_or(ttf_parser::GlyphId(0));
        let adv = self.face.glyph_hor_advance(g).unwrap_or(0) as f32;
        adv * 1000.0 / self.face.units_per_em() as f32
    }
}

/// One line placed on a page: (x, y, size, text).
type Placed = (f32, f32, f32, String);

/// Break `text` into lines no wider than `width` points.
fn wrap(font: &Font, text: &str, width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut cur = String::new();
    let mut w = 0.0;
    for c in text.chars() {
        let cw = font.width(c) * SIZE / 1000.0;
        if w + cw > width && !cur.is_empty() {
            lines.push(std::mem::take(&mut cur));
            w = 0.0;
        }
        cur.push(c);
        w += cw;
    }
    if !cur.is_empty() {
        lines.push(cur);
    }
    lines
}

/// Lay the text out on pages.
fn layout(font: &Font, text: &str, header: &str) -> Vec<Vec<Placed>> {
    let mut pages: Vec<Vec<Placed>> = vec![Vec::new()];
    let mut y = TOP;
    let need = |pages: &mut Vec<Vec<Placed>>, y: &mut f32, h: f32| {
        if *y - h < BOTTOM {
            pages.push(Vec::new());
            *y = TOP;
        }
    };
    for line in text.lines() {
        if line.trim().is_empty() {
            // A blank line is a paragraph gap.
            y -= PITCH * 0.75;
            continue;
        }
        if let Some((term, meaning)) = line.split_once('\t') {
            let a = wrap(font, term, COL2 - LEFT - SIZE);
            let b = wrap(font, meaning, RIGHT - COL2);
            let rows = a.len().max(b.len());
            need(&mut pages, &mut y, rows as f32 * PITCH);
            for k in 0..rows {
                let page = pages.last_mut().unwrap();
                if let Some(t) = a.get(k) {
                    page.push((LEFT, y, SIZE, t.clone()));
                }
                if let Some(t) = b.get(k) {
                    page.push((COL2, y, SIZE, t.clone()));
                }
                y -= PITCH;
            }
            continue;
        }
        for l in wrap(font, line, RIGHT - LEFT) {
            need(&mut pages, &mut y, PITCH);
            pages.last_mut().unwrap().push((LEFT, y, SIZE, l));
            y -= PITCH;
        }
    }
    let n = pages.len();
    for (i, page) in pages.iter_mut().enumerate() {
        let hw: f32 = header.chars().map(|c| font.width(c) * 9.0 / 1000.0).sum();
        page.insert(0, (RIGHT - hw, PAGE_H - 40.0, 9.0, header.to_string()));
        let num = format!("- {} / {n} -", i + 1);
        page.push((PAGE_W / 2.0 - 20.0, 40.0, 9.0, num));
    }
    pages
}

/// A PDF of `text` (clean text) set in the TrueType font `ttf`.
pub fn build(text: &str, header: &str, ttf: &[u8], enc: Encoding) -> Vec<u8> {
    let font = Font {
        face: ttf_parser::Face::parse(ttf, 0).expect("a TrueType font"),
    };
    let pages = layout(&font, text, header);
    let mut used: std::collections::BTreeMap<u16, (char, f32)> = Default::default();
    let mut objects: Vec<Vec<u8>> = Vec::new();
    // 1 catalog, 2 pages, 3 font, 4 descendant, 5 descriptor, 6 font file, 7 ToUnicode.
    let page_base = 8;
    let mut kids = String::new();
    let mut contents = Vec::new();
    for (i, page) in pages.iter().enumerate() {
        let mut s = String::new();
        for (x, y, size, t) in page {
            let hex: String = match enc {
                Encoding::IdentityToUnicode => t
                    .chars()
                    .map(|c| {
                        let g = font.gid(c);
                        used.insert(g, (c, font.width(c)));
                        format!("{g:04X}")
                    })
                    .collect(),
                Encoding::UniJisUcs2 => t.chars().map(|c| format!("{:04X}", c as u32)).collect(),
            };
            // Two show operations per line, as writers split runs.
            let cut = hex.len() / 8 * 4;
            s.push_str(&format!(
                "BT /F1 {size} Tf 1 0 0 1 {x:.2} {y:.2} Tm [<{}> 0 <{}>] TJ ET\n",
                &hex[..cut],
                &hex[cut..]
            ));
        }
        contents.push(s);
        kids.push_str(&format!("{} 0 R ", page_base + 2 * i));
    }
    objects.push(b"<< /Type /Catalog /Pages 2 0 R >>".to_vec());
    objects.push(format!("<< /Type /Pages /Kids [{kids}] /Count {} >>", pages.len()).into_bytes());
    match enc {
        Encoding::IdentityToUnicode => {
            objects.push(b"<< /Type /Font /Subtype /Type0 /BaseFont /IPAexGothic /Encoding /Identity-H /DescendantFonts [4 0 R] /ToUnicode 7 0 R >>".to_vec());
            let w: String = used
                .iter()
                .map(|(g, (_, w))| format!("{g} [{w:.0}] "))
                .collect();
            objects.push(format!("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /IPAexGothic /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 5 0 R /DW 1000 /W [{w}] /CIDToGIDMap /Identity >>").into_bytes());
            objects.push(b"<< /Type /FontDescriptor /FontName /IPAexGothic /Flags 4 /FontBBox [0 -140 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 /FontFile2 6 0 R >>".to_vec());
            let mut ff = format!("<< /Length {} >>\nstream\n", ttf.len()).into_bytes();
            ff.extend_from_slice(ttf);
            ff.extend_from_slice(b"\nendstream");
            objects.push(ff);
            let mut cmap = String::from("/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def /CMapName /Adobe-Identity-UCS def /CMapType 2 def 1 begincodespacerange <0000> <FFFF> endcodespacerange\n");
            let entries: Vec<_> = used.iter().collect();
            for chunk in entries.chunks(100) {
                cmap.push_str(&format!("{} beginbfchar\n", chunk.len()));
                for (g, (c, _)) in chunk {
                    let mut u = [0u16; 2];
                    let hex: String = c
                        .encode_utf16(&mut u)
                        .iter()
                        .map(|x| format!("{x:04X}"))
                        .collect();
                    cmap.push_str(&format!("<{g:04X}> <{hex}>\n"));
                }
                cmap.push_str("endbfchar\n");
            }
            cmap.push_str("endcmap CMapName currentdict /CMap defineresource pop end end");
            objects.push(
                format!("<< /Length {} >>\nstream\n{cmap}\nendstream", cmap.len()).into_bytes(),
            );
        }
        Encoding::UniJisUcs2 => {
            objects.push(b"<< /Type /Font /Subtype /Type0 /BaseFont /IPAexGothic /Encoding /UniJIS-UCS2-H /DescendantFonts [4 0 R] >>".to_vec());
            objects.push(b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /IPAexGothic /CIDSystemInfo << /Registry (Adobe) /Ordering (Japan1) /Supplement 2 >> /FontDescriptor 5 0 R /DW 1000 >>".to_vec());
            objects.push(b"<< /Type /FontDescriptor /FontName /IPAexGothic /Flags 4 /FontBBox [0 -140 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>".to_vec());
            objects.push(b"<< >>".to_vec());
            objects.push(b"<< >>".to_vec());
        }
    }
    for (i, c) in contents.iter().enumerate() {
        objects.push(format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_W} {PAGE_H}] /Resources << /Font << /F1 3 0 R >> >> /Contents {} 0 R >>", page_base + 2 * i + 1).into_bytes());
        objects.push(format!("<< /Length {} >>\nstream\n{c}endstream", c.len()).into_bytes());
    }
    write_objects(&objects, "")
}

/// A PDF whose pages hold only a drawn rectangle (a scan has an image instead): no text.
pub fn image_only() -> Vec<u8> {
    let c = "0.5 g 72 72 400 600 re f\n";
    write_objects(
        &[
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_W} {PAGE_H}] /Contents 4 0 R >>"
            )
            .into_bytes(),
            format!("<< /Length {} >>\nstream\n{c}endstream", c.len()).into_bytes(),
        ],
        "",
    )
}

/// A PDF that says it is encrypted with a password nobody knows.
pub fn encrypted() -> Vec<u8> {
    let c = "BT /F1 12 Tf 72 700 Td (secret) Tj ET\n";
    let o = "A".repeat(64);
    let u = "B".repeat(64);
    write_objects(
        &[
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
            format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_W} {PAGE_H}] /Contents 4 0 R >>").into_bytes(),
            format!("<< /Length {} >>\nstream\n{c}endstream", c.len()).into_bytes(),
            format!("<< /Filter /Standard /V 2 /R 3 /Length 128 /P -3904 /O <{o}> /U <{u}> >>").into_bytes(),
        ],
        "/Encrypt 5 0 R /ID [<00112233445566778899AABBCCDDEEFF> <00112233445566778899AABBCCDDEEFF>]",
    )
}

fn write_objects(objects: &[Vec<u8>], trailer_extra: &str) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(o);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for off in offsets {
        out.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R {trailer_extra} >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}
