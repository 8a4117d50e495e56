//! The index as one self-contained HTML page: inline CSS, an inline SVG graph, no
//! script; every path a link into the documents' text, every finding marked there.

use super::*;

fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Links to provisions, only for paths that exist (so that every link has its target).
struct Linker<'a> {
    paths: &'a [HashSet<String>],
    names: &'a Names<'a>,
}

impl Linker<'_> {
    fn path(&self, doc: &str, path: &str, text: &str) -> String {
        match self.names.idx(doc) {
            Some(d) if self.paths.get(d).is_some_and(|p| p.contains(path)) => {
                format!("<a href=\"#{}\">{}</a>", esc(&anchor(doc, path)), esc(text))
            }
            _ => esc(text),
        }
    }

    /// 「Document path」 with the document name linked to the document and the path to
    /// the provision; the name is left out for `from`.
    fn place(&self, from: Option<&str>, doc: &str, path: &str) -> String {
        let p = self.path(doc, path, path);
        if from == Some(doc) {
            p
        } else {
            format!(
                "<a class=\"doc\" href=\"#{}\">{}</a> {}",
                esc(&doc_anchor(doc)),
                esc(self.names.name(doc)),
                p
            )
        }
    }
}

const CSS: &str = r#"
:root { --ink: #1f2328; --muted: #5f6670; --line: #d8dce1; --accent: #0b5cad; --soft: #f5f7fa; --warn: #a4361b; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; color: var(--ink); background: #fff;
  font-family: "Hiragino Kaku Gothic ProN", "Hiragino Sans", "Yu Gothic UI", "Yu Gothic", YuGothic, Meiryo, "Noto Sans CJK JP", "Noto Sans JP", sans-serif;
  font-size: 16px; line-height: 1.85; letter-spacing: 0.02em;
  line-break: strict; word-break: normal; overflow-wrap: anywhere; font-kerning: normal; }
header, main { max-width: 64rem; margin: 0 auto; padding: 0 1.25rem; }
header { padding-top: 1.5rem; border-bottom: 1px solid var(--line); }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; font-feature-settings: "palt"; }
h2 { font-size: 1.3rem; margin: 2.5rem 0 1rem; padding-bottom: .25rem; border-bottom: 2px solid var(--ink); font-feature-settings: "palt"; }
h3 { font-size: 1.1rem; margin: 1.75rem 0 .5rem; font-feature-settings: "palt"; }
h4 { font-size: 1rem; margin: 1.25rem 0 .25rem; }
a { color: var(--accent); text-decoration: none; }
a:hover, a:focus { text-decoration: underline; }
nav ul { list-style: none; padding: 0; margin: .5rem 0 1rem; display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; }
.meta, .legend { color: var(--muted); font-size: .875rem; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .85em; }
ul.toc, ul.toc ul { list-style: none; margin: 0; padding-left: 1.5em; }
ul.toc { padding-left: 0; }
.terms dt { font-weight: bold; margin-top: 1rem; font-size: 1.05rem; }
.terms dd { margin: 0 0 0 1.5em; }
.def { border-left: 3px solid var(--line); padding: .1rem 0 .1rem .75rem; margin: .35rem 0; }
.def p { margin: 0; }
.meaning { font-family: "Hiragino Mincho ProN", "Yu Mincho", YuMincho, "Noto Serif CJK JP", "Noto Serif JP", serif; }
.uses { color: var(--muted); font-size: .9rem; }
table { border-collapse: collapse; width: 100%; margin: .25rem 0 1rem; font-size: .925rem; }
th, td { border: 1px solid var(--line); padding: .3rem .5rem; vertical-align: top; text-align: left; }
th { background: var(--soft); font-weight: 600; }
td.path { white-space: nowrap; width: 9em; }
.tag { display: inline-block; font-size: .75rem; line-height: 1.4; padding: 0 .35em; margin-left: .25em; border: 1px solid var(--line); border-radius: 3px; color: var(--muted); }
.tag.dangling, .tag.unknown { color: var(--warn); border-color: var(--warn); }
.graph { overflow-x: auto; margin: .5rem 0 1rem; }
.graph svg { display: block; max-width: 100%; height: auto; }
.graph .box rect { fill: #fff; stroke: var(--ink); stroke-width: 1.2; }
.graph .box:hover rect { fill: var(--soft); }
.graph .title { font-size: 13px; fill: var(--ink); }
.graph .id { font-size: 10px; fill: var(--muted); }
.graph .edge { fill: none; stroke: var(--ink); stroke-width: 1.2; }
.graph .edge.manifest { stroke: var(--muted); stroke-dasharray: 5 4; }
.text { font-family: "Hiragino Mincho ProN", "Yu Mincho", YuMincho, "Noto Serif CJK JP", "Noto Serif JP", serif; }
.text article { margin: 1.5rem 0 3rem; }
.prov { margin: 0; }
.prov .prov { margin-left: 1.25em; }
.k-chapter > .head, .k-section > .head, .k-suppl > .head { font-weight: bold; margin-top: 1.25rem; }
.k-article > .head { font-weight: bold; margin-top: .9rem; }
.prov p { margin: .1rem 0; text-indent: -1em; padding-left: 1em; }
.num { font-weight: bold; margin-right: .5em; }
.unplaced p { color: var(--muted); }
.mark { display: inline-block; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .7rem; line-height: 1.4; padding: 0 .35em; margin-left: .35em; border-radius: 3px; color: #fff; background: var(--muted); text-indent: 0; vertical-align: .1em; }
.mark.error { background: var(--warn); }
.mark.warning { background: #9a6700; }
ol.findings { padding-left: 2.5em; }
ol.findings li { margin: .2rem 0; }
.tag.error { color: var(--warn); border-color: var(--warn); }
.msg { color: var(--muted); font-size: .9rem; }
:target { background: #fff6d6; scroll-margin-top: 1rem; }
@media print { a { color: inherit; } h2 { break-before: page; } }
"#;

/// The index as one self-contained HTML page: inline CSS, an inline SVG graph, no
/// script and no external resource; every provision path is a link into the documents'
/// text, which the page carries at the end.
pub fn to_html(page: &Page) -> String {
    let index = &page.index;
    let names = Names::new(index);
    let link = Linker {
        paths: &page.paths,
        names: &names,
    };
    let mut s = String::new();
    // Titled by what it indexes — the document, or the corpus by its first document —
    // never by a path.
    let title = match index.documents.as_slice() {
        [] => "索引".to_string(),
        [one] => format!("索引 — {}", one.name),
        [first, rest @ ..] => format!("索引 — {}ほか{}文書", first.name, rest.len()),
    };
    s.push_str("<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n<meta charset=\"utf-8\">\n");
    s.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    s.push_str("<meta name=\"generator\" content=\"yakkan index\">\n");
    s.push_str(&format!(
        "<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n",
        esc(&title),
        CSS
    ));
    let findings = &page.findings;
    let cites: usize = index.references.iter().map(|e| e.cites.len()).sum();
    s.push_str(&format!(
        "<header>\n<h1>{}</h1>\n<p class=\"meta\">{}文書・定義語{}語・参照{}件・指摘{}件</p>\n",
        esc(&title),
        index.documents.len(),
        index.terms.len(),
        cites,
        findings.len()
    ));
    s.push_str("<nav aria-label=\"索引の項目\"><ul><li><a href=\"#_toc\">目次</a></li><li><a href=\"#_terms\">定義語索引</a></li><li><a href=\"#_refs\">参照索引</a></li><li><a href=\"#_graph\">優先関係</a></li><li><a href=\"#_findings\">指摘</a></li><li><a href=\"#_text\">本文</a></li></ul></nav>\n</header>\n<main>\n");

    html_toc(&mut s, index, &link);
    html_terms(&mut s, index, &link);
    html_refs(&mut s, index, &link);
    html_graph(&mut s, index, &link);
    html_findings(&mut s, findings, &link);
    html_text(&mut s, page, &link);

    s.push_str("</main>\n</body>\n</html>\n");
    s
}

fn html_toc(s: &mut String, index: &Index, link: &Linker<'_>) {
    s.push_str("<section id=\"_toc\">\n<h2>目次</h2>\n");
    for d in &index.documents {
        s.push_str(&format!(
            "<h3><a href=\"#{}\">{}</a></h3>\n<p class=\"meta\"><code>{}</code> {}</p>\n",
            esc(&doc_anchor(&d.id)),
            esc(&d.name),
            esc(&d.id),
            esc(&d.path)
        ));
        if d.toc.is_empty() {
            s.push_str("<p class=\"meta\">（見出しなし）</p>\n");
            continue;
        }
        s.push_str("<ul class=\"toc\">");
        let mut depth = 0;
        for (i, t) in d.toc.iter().enumerate() {
            if i > 0 {
                if t.depth > depth {
                    // Depth grows one level at a time (see walk_document).
                    s.push_str("<ul>");
                } else {
                    s.push_str("</li>");
                    for _ in t.depth..depth {
                        s.push_str("</ul></li>");
                    }
                }
            }
            depth = t.depth;
            s.push_str(&format!("\n<li>{}", link.path(&d.id, &t.path, &t.heading)));
        }
        s.push_str("</li>");
        for _ in 0..depth {
            s.push_str("</ul></li>");
        }
        s.push_str("</ul>\n");
        if !d.checklist.is_empty() {
            s.push_str("<p class=\"meta\">必要条項</p>\n<ul class=\"checklist\">");
            for e in &d.checklist {
                let place = match (&e.document, &e.path) {
                    (Some(doc), Some(p)) => link.path(doc, p, &checklist_place(&d.id, e)),
                    _ => esc("なし"),
                };
                let mark = if e.document.is_some() { "✓" } else { "✗" };
                s.push_str(&format!("\n<li>{mark} {} — {place}</li>", esc(&e.clause)));
            }
            s.push_str("</ul>\n");
        }
    }
    s.push_str("</section>\n");
}

fn html_terms(s: &mut String, index: &Index, link: &Linker<'_>) {
    s.push_str("<section id=\"_terms\">\n<h2>定義語索引</h2>\n");
    if index.terms.is_empty() {
        s.push_str("<p class=\"meta\">（定義語なし）</p>\n");
    }
    s.push_str("<dl class=\"terms\">\n");
    for t in &index.terms {
        match &t.reading {
            Some(r) => s.push_str(&format!(
                "<dt><ruby>{}<rp>（</rp><rt>{}</rt><rp>）</rp></ruby></dt>\n<dd>\n",
                esc(&t.term),
                esc(r)
            )),
            None => s.push_str(&format!("<dt>{}</dt>\n<dd>\n", esc(&t.term))),
        }
        for def in &t.definitions {
            s.push_str("<div class=\"def\">\n");
            s.push_str(&format!(
                "<p class=\"meaning\">{}</p>\n",
                esc(def.meaning.trim())
            ));
            let scope = def
                .scope
                .as_deref()
                .map(|x| format!("<span class=\"tag\">{}に限る</span>", esc(x)))
                .unwrap_or_default();
            s.push_str(&format!(
                "<p>定義: {}<span class=\"tag\">{}</span>{}</p>\n",
                link.place(None, &def.document, &def.path),
                definition_kind(def.kind),
                scope
            ));
            let uses = uses_by_document(def, |u| link.path(&u.document, &u.path, &u.path));
            if uses.is_empty() {
                s.push_str("<p class=\"uses\">使用: なし</p>\n");
            }
            for (doc, list) in uses {
                s.push_str(&format!(
                    "<p class=\"uses\">使用: <a class=\"doc\" href=\"#{}\">{}</a> — {}</p>\n",
                    esc(&doc_anchor(doc)),
                    esc(link.names.name(doc)),
                    list.join("、")
                ));
            }
            s.push_str("</div>\n");
        }
        s.push_str("</dd>\n");
    }
    s.push_str("</dl>\n</section>\n");
}

fn html_tags(items: &[(Option<&str>, &str)]) -> String {
    items
        .iter()
        .filter_map(|(t, class)| {
            t.map(|t| format!("<span class=\"tag {class}\">{}</span>", esc(t)))
        })
        .collect()
}

fn status_class(s: TargetStatus) -> &'static str {
    match s {
        TargetStatus::Resolved => "resolved",
        TargetStatus::Dangling => "dangling",
        TargetStatus::External => "external",
        TargetStatus::Unknown => "unknown",
    }
}

fn html_refs(s: &mut String, index: &Index, link: &Linker<'_>) {
    s.push_str("<section id=\"_refs\">\n<h2>参照索引</h2>\n");
    if index.references.is_empty() {
        s.push_str("<p class=\"meta\">（参照なし）</p>\n");
    }
    for (doc, units) in reference_units(index) {
        s.push_str(&format!(
            "<h3><a href=\"#{}\">{}</a></h3>\n",
            esc(&doc_anchor(doc)),
            esc(link.names.name(doc))
        ));
        for (path, heading, unit) in units {
            let h = match path {
                Some(u) => link.path(doc, u, heading),
                None => heading.to_string(),
            };
            s.push_str(&format!(
                "<h4>{h}</h4>\n<table>\n<thead><tr><th>条項</th><th>引用（→）</th><th>被引用（←）</th></tr></thead>\n<tbody>\n"
            ));
            for e in unit {
                let cites: Vec<String> = e
                    .cites
                    .iter()
                    .map(|c| {
                        let t = &c.target;
                        let to = match (&t.document, t.status) {
                            (Some(d), TargetStatus::Resolved) => link.place(Some(doc), d, &t.path),
                            _ => esc(&target_text(link.names, doc, t)),
                        };
                        format!(
                            "→ 「{}」 {}{}",
                            esc(&c.text),
                            to,
                            html_tags(&[
                                (reference_kind(c.kind), "kind"),
                                (status_tag(t.status), status_class(t.status)),
                            ])
                        )
                    })
                    .collect();
                let cited: Vec<String> = e
                    .cited_by
                    .iter()
                    .map(|c| {
                        format!(
                            "← {}「{}」{}",
                            link.place(Some(doc), &c.document, &c.path),
                            esc(&c.text),
                            html_tags(&[(reference_kind(c.kind), "kind")])
                        )
                    })
                    .collect();
                s.push_str(&format!(
                    "<tr><td class=\"path\">{}</td><td>{}</td><td>{}</td></tr>\n",
                    link.path(doc, &e.path, &e.path),
                    cites.join("<br>"),
                    cited.join("<br>")
                ));
            }
            s.push_str("</tbody>\n</table>\n");
        }
    }
    s.push_str("</section>\n");
}

/// Display width of a text in px at a font size (wide characters one em, others 0.6).
fn text_width(t: &str, size: f64) -> f64 {
    t.chars()
        .map(|c| {
            let u = c as u32;
            if u >= 0x2E80 && !(0xFF61..=0xFFDC).contains(&u) {
                size
            } else {
                size * 0.6
            }
        })
        .sum()
}

fn html_graph(s: &mut String, index: &Index, link: &Linker<'_>) {
    s.push_str("<section id=\"_graph\">\n<h2>優先関係</h2>\n");
    s.push_str("<p class=\"legend\">矢印は上位の文書から下位の文書へ（A → B: A が B に優先する）。実線は文書の定め、破線は yakkan.yaml の <code>precedence:</code>。</p>\n");
    s.push_str(&graph_svg(index, link.names));
    s.push_str("<ul>\n");
    for e in &index.precedence.edges {
        let mut why: Vec<String> = e
            .stated_by
            .iter()
            .map(|p| link.place(None, &p.document, &p.path))
            .collect();
        if e.manifest {
            why.push("yakkan.yaml の <code>precedence:</code>".to_string());
        }
        s.push_str(&format!(
            "<li><a class=\"doc\" href=\"#{}\">{}</a> → <a class=\"doc\" href=\"#{}\">{}</a>: {}</li>\n",
            esc(&doc_anchor(&e.higher)),
            esc(link.names.name(&e.higher)),
            esc(&doc_anchor(&e.lower)),
            esc(link.names.name(&e.lower)),
            why.join("、")
        ));
    }
    s.push_str("</ul>\n");
    if index.precedence.edges.is_empty() {
        s.push_str("<p class=\"meta\">（優先関係の定めなし）</p>\n");
    }
    s.push_str("</section>\n");
}

/// The precedence graph as an inline SVG: one row of boxes per rank (highest on top),
/// arrows from higher to lower. Edges between adjacent rows are straight; longer edges
/// (and edges that close a cycle) run in their own lane right of the boxes, through the
/// gaps between the rows, so no edge crosses a box. Every edge has its own port on the
/// side of a box; lanes nest (the shortest edge innermost), so lane edges do not cross
/// each other where they share ends.
fn graph_svg(index: &Index, names: &Names<'_>) -> String {
    const PAD: f64 = 16.0;
    const H: f64 = 44.0;
    const VGAP: f64 = 48.0;
    const HGAP: f64 = 24.0;
    const LANE: f64 = 14.0;
    let nodes = &index.precedence.nodes;
    if nodes.is_empty() {
        return String::new();
    }
    let rows = nodes.iter().map(|n| n.rank).max().unwrap_or(0) + 1;
    // Box geometry per document id: (x, y, width).
    let mut boxes: HashMap<&str, (f64, f64, f64)> = HashMap::new();
    let mut row_nodes: Vec<Vec<(&str, f64)>> = vec![Vec::new(); rows];
    for n in nodes {
        let name = names.name(&n.document);
        let w = (text_width(name, 13.0).max(text_width(&n.document, 10.0)) + 24.0).max(96.0);
        row_nodes[n.rank].push((n.document.as_str(), w));
    }
    let row_width = |r: &Vec<(&str, f64)>| -> f64 {
        r.iter().map(|x| x.1).sum::<f64>() + HGAP * (r.len().saturating_sub(1)) as f64
    };
    let max_w = row_nodes.iter().map(row_width).fold(0.0, f64::max);
    for (r, row) in row_nodes.iter().enumerate() {
        let mut x = PAD + (max_w - row_width(row)) / 2.0;
        let y = PAD + r as f64 * (H + VGAP);
        for &(id, w) in row {
            boxes.insert(id, (x, y, w));
            x += w + HGAP;
        }
    }
    let rank: HashMap<&str, usize> = nodes
        .iter()
        .map(|n| (n.document.as_str(), n.rank))
        .collect();
    let edges = &index.precedence.edges;
    let ends = |e: &GraphEdge| (rank[e.higher.as_str()], rank[e.lower.as_str()]);
    // Lanes: the edges that do not join adjacent rows, shortest span innermost.
    let mut long: Vec<usize> = (0..edges.len())
        .filter(|&i| {
            let (h, l) = ends(&edges[i]);
            l != h + 1
        })
        .collect();
    long.sort_by_key(|&i| {
        let (h, l) = ends(&edges[i]);
        (h.abs_diff(l), h, l, i)
    });
    let mut lane_of: Vec<Option<usize>> = vec![None; edges.len()];
    for (k, &i) in long.iter().enumerate() {
        lane_of[i] = Some(k);
    }
    let lanes = long.len();
    // Ports: per (document, side), the edges that meet it there, ordered left to right:
    // straight edges by the x of their other end, then lane edges, outermost last.
    // side: true = bottom. A downward edge leaves the bottom and enters the top; an edge
    // that closes a cycle leaves the top (the bottom, within a row) and enters the bottom.
    let center = |id: &str| {
        let (x, _, w) = boxes[id];
        x + w / 2.0
    };
    // (sort key, edge, whether the edge starts here)
    type Port = ((usize, i64), usize, bool);
    let mut sides: HashMap<(&str, bool), Vec<Port>> = HashMap::new();
    for (i, e) in edges.iter().enumerate() {
        let (h, l) = ends(e);
        let down = l > h;
        let key = |other: &str| match lane_of[i] {
            None => (0, (center(other) * 10.0) as i64),
            Some(k) => (1, k as i64),
        };
        sides
            .entry((e.higher.as_str(), down || l == h))
            .or_default()
            .push((key(&e.lower), i, true));
        sides
            .entry((e.lower.as_str(), !down))
            .or_default()
            .push((key(&e.higher), i, false));
    }
    // Edge → (x of its start port, x of its end port).
    let mut ports: Vec<(f64, f64)> = vec![(0.0, 0.0); edges.len()];
    for ((id, _), list) in sides.iter_mut() {
        list.sort();
        let (x, _, w) = boxes[id];
        let k = list.len() as f64;
        for (j, &(_, i, start)) in list.iter().enumerate() {
            let px = x + w * (j as f64 + 1.0) / (k + 1.0);
            if start {
                ports[i].0 = px;
            } else {
                ports[i].1 = px;
            }
        }
    }
    let width = PAD * 2.0
        + max_w
        + if lanes > 0 {
            12.0 + LANE * lanes as f64
        } else {
            0.0
        };
    let height = PAD * 2.0 + rows as f64 * H + (rows - 1) as f64 * VGAP;
    // Lane edges' horizontal runs: the outermost nearest to the boxes.
    let step = if lanes > 0 {
        ((VGAP / 2.0 - 6.0) / lanes as f64).min(4.0)
    } else {
        0.0
    };
    let mut s = format!(
        "<div class=\"graph\"><svg viewBox=\"0 0 {width:.0} {height:.0}\" width=\"{width:.0}\" height=\"{height:.0}\" role=\"img\" aria-label=\"文書の優先関係\">\n"
    );
    s.push_str("<defs><marker id=\"yakkan-arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#1f2328\"/></marker></defs>\n");
    for (i, e) in edges.iter().enumerate() {
        let (_, hy, _) = boxes[e.higher.as_str()];
        let (_, ly, _) = boxes[e.lower.as_str()];
        let (rh, rl) = ends(e);
        let (sx, tx) = ports[i];
        let d = match lane_of[i] {
            None => format!("M{sx:.1},{:.1} L{tx:.1},{ly:.1}", hy + H),
            Some(k) => {
                let x = PAD + max_w + 12.0 + LANE * k as f64;
                // Distance of the horizontal runs from the rows they leave and enter.
                let dist = VGAP / 2.0 - step * (k as f64 + 1.0);
                let (sy, gs) = if rl >= rh {
                    (hy + H, hy + H + dist)
                } else {
                    (hy, hy - dist)
                };
                let (ty, gt) = if rl > rh {
                    (ly, ly - dist)
                } else {
                    (ly + H, ly + H + dist)
                };
                format!(
                    "M{sx:.1},{sy:.1} L{sx:.1},{gs:.1} L{x:.1},{gs:.1} L{x:.1},{gt:.1} L{tx:.1},{gt:.1} L{tx:.1},{ty:.1}"
                )
            }
        };
        let class = if e.stated_by.is_empty() {
            "edge manifest"
        } else {
            "edge"
        };
        let mut why: Vec<String> = e
            .stated_by
            .iter()
            .map(|p| format!("{} {}", names.name(&p.document), p.path))
            .collect();
        if e.manifest {
            why.push("yakkan.yaml の precedence:".to_string());
        }
        s.push_str(&format!(
            "<path class=\"{class}\" d=\"{d}\" marker-end=\"url(#yakkan-arrow)\"><title>{} → {}: {}</title></path>\n",
            esc(names.name(&e.higher)),
            esc(names.name(&e.lower)),
            esc(&why.join("、"))
        ));
    }
    for n in nodes {
        let (x, y, w) = boxes[n.document.as_str()];
        s.push_str(&format!(
            "<a class=\"box\" href=\"#{}\"><rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{H:.0}\" rx=\"4\"/><text class=\"title\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text><text class=\"id\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text></a>\n",
            esc(&doc_anchor(&n.document)),
            x + w / 2.0,
            y + 19.0,
            esc(names.name(&n.document)),
            x + w / 2.0,
            y + 35.0,
            esc(&n.document)
        ));
    }
    s.push_str("</svg></div>\n");
    s
}

/// A severity in the page's words.
fn severity_word(s: crate::lint::Severity) -> &'static str {
    match s {
        crate::lint::Severity::Error => "エラー",
        crate::lint::Severity::Warning => "警告",
        crate::lint::Severity::Info => "情報",
    }
}

/// The marks of findings in the text: each links to its entry in the list.
fn mark_links(marks: &[usize], findings: &[FindingEntry]) -> String {
    marks
        .iter()
        .filter_map(|&i| findings.get(i))
        .map(|f| {
            format!(
                "<a class=\"mark {}\" id=\"_m{n}\" href=\"#_f{n}\" title=\"指摘{n}（{}）\">{}</a>",
                f.severity.as_str(),
                severity_word(f.severity),
                f.code,
                n = f.number
            )
        })
        .collect()
}

/// The list of findings, by document; each entry links to the provision it stands in
/// and back to its mark in the text.
fn html_findings(s: &mut String, findings: &[FindingEntry], link: &Linker<'_>) {
    s.push_str("<section id=\"_findings\">\n<h2>指摘</h2>\n");
    if findings.is_empty() {
        s.push_str("<p class=\"meta\">（指摘なし）</p>\n");
    } else {
        s.push_str("<p class=\"legend\">規則の番号は本文の印へ、条項は本文の条項へのリンクです。本文の印から、ここに戻ります。指摘の文言は yakkan check の出力と同じ英語です。</p>\n");
    }
    for per_doc in groups(findings, |f| f.doc) {
        let doc = per_doc[0].document.as_str();
        s.push_str(&format!(
            "<h3><a href=\"#{}\">{}</a></h3>\n<ol class=\"findings\">\n",
            esc(&doc_anchor(doc)),
            esc(link.names.name(doc))
        ));
        for f in per_doc {
            let place = if f.path.is_empty() {
                "条項外".to_string()
            } else {
                link.path(doc, &f.path, &f.path)
            };
            let quote = if f.text.trim().is_empty() {
                String::new()
            } else {
                format!("「{}」", esc(f.text.trim()))
            };
            s.push_str(&format!(
                "<li id=\"_f{n}\"><a class=\"mark {}\" href=\"#_m{n}\">{}</a><span class=\"tag {}\">{}</span> {place}（{}行）{quote} <span class=\"msg\" lang=\"en\">{}</span></li>\n",
                f.severity.as_str(),
                f.code,
                f.severity.as_str(),
                severity_word(f.severity),
                f.line,
                esc(&f.message),
                n = f.number
            ));
        }
        s.push_str("</ol>\n");
    }
    s.push_str("</section>\n");
}

/// The documents' text, every provision with its anchor, every reference a link and
/// every finding a mark that links to it in the list of findings.
fn html_text(s: &mut String, page: &Page, link: &Linker<'_>) {
    s.push_str("<section id=\"_text\" class=\"text\">\n<h2>本文</h2>\n");
    let findings = &page.findings;
    for (doc, text) in page.index.documents.iter().zip(&page.text) {
        s.push_str(&format!(
            "<article id=\"{}\">\n<h3>{}</h3>\n<p class=\"meta\"><code>{}</code> {}</p>\n",
            esc(&doc_anchor(&doc.id)),
            esc(link.names.name(&doc.id)),
            esc(&doc.id),
            esc(&doc.path)
        ));
        // Findings outside every provision (a path the document does not have, or none)
        // are marked under the document's heading.
        if !text.outside.is_empty() {
            s.push_str(&format!(
                "<p class=\"meta\">条項外の指摘{}</p>\n",
                mark_links(&text.outside, findings)
            ));
        }
        for block in &text.blocks {
            let p = match block {
                Block::Close => {
                    s.push_str("</div>\n");
                    continue;
                }
                Block::Table(t) => {
                    html_table(s, t, findings);
                    continue;
                }
                Block::Open(p) => p,
            };
            let id_attr = id_attr(p.anchor.as_deref());
            let own_marks = mark_links(&p.marks, findings);
            let kind = format!("{:?}", p.kind).to_lowercase();
            s.push_str(&format!("<div class=\"prov k-{kind}\"{id_attr}>\n"));
            match &p.heading {
                Some(h) => {
                    s.push_str(&format!(
                        "<div class=\"head\">{}{own_marks}</div>\n",
                        esc(h)
                    ));
                    if !p.text.trim().is_empty() {
                        s.push_str(&format!("<p>{}</p>\n", linked_text(&p.text, &p.links)));
                    }
                }
                None => {
                    if !p.label.is_empty() || !p.text.is_empty() || !own_marks.is_empty() {
                        let num = if p.label.is_empty() {
                            String::new()
                        } else {
                            format!("<span class=\"num\">{}</span>", esc(&p.label))
                        };
                        s.push_str(&format!(
                            "<p>{num}{}{own_marks}</p>\n",
                            linked_text(&p.text, &p.links)
                        ));
                    }
                }
            }
        }
        // Findings on a provision whose anchor another element holds (a repeated path).
        if !text.rest.is_empty() {
            s.push_str(&format!(
                "<p class=\"meta\">その他の指摘{}</p>\n",
                mark_links(&text.rest, findings)
            ));
        }
        s.push_str("</article>\n");
    }
    s.push_str("</section>\n");
}

/// ` id="…"`, or nothing.
fn id_attr(anchor: Option<&str>) -> String {
    anchor
        .map(|a| format!(" id=\"{}\"", esc(a)))
        .unwrap_or_default()
}

/// A table (the definitions table of 第２条) with its rows and their finding marks.
fn html_table(s: &mut String, t: &TextTable, findings: &[FindingEntry]) {
    s.push_str(&format!(
        "<div class=\"prov k-table\"{}>\n",
        id_attr(t.anchor.as_deref())
    ));
    let marks = mark_links(&t.marks, findings);
    if !marks.is_empty() {
        s.push_str(&format!("<p>{marks}</p>\n"));
    }
    s.push_str("<table>\n");
    if !t.header.is_empty() {
        s.push_str("<thead><tr>");
        for c in &t.header {
            s.push_str(&format!("<th>{}</th>", esc(c)));
        }
        s.push_str("</tr></thead>\n");
    }
    s.push_str("<tbody>\n");
    for row in &t.rows {
        let marks = mark_links(&row.marks, findings);
        s.push_str(&format!("<tr{}>", id_attr(row.anchor.as_deref())));
        if row.cells.is_empty() {
            s.push_str(&format!("<td colspan=\"2\">{}{marks}</td>", esc(&row.text)));
        } else {
            let last = row.cells.len() - 1;
            for (k, c) in row.cells.iter().enumerate() {
                let m = if k == last { marks.as_str() } else { "" };
                s.push_str(&format!("<td>{}{m}</td>", esc(c)));
            }
        }
        s.push_str("</tr>\n");
    }
    s.push_str("</tbody>\n</table>\n</div>\n");
}

/// A provision's text with its references as links (spans that overlap an earlier
/// one or do not fall on character boundaries stay plain).
fn linked_text(text: &str, refs: &[(Range<usize>, String)]) -> String {
    if refs.is_empty() {
        return esc(text);
    }
    let mut out = String::with_capacity(text.len() + refs.len() * 40);
    let mut at = 0;
    for (r, target) in refs {
        if r.start < at || r.start >= r.end {
            continue;
        }
        let (Some(before), Some(inner)) = (text.get(at..r.start), text.get(r.clone())) else {
            continue;
        };
        out.push_str(&esc(before));
        out.push_str(&format!("<a href=\"#{}\">{}</a>", esc(target), esc(inner)));
        at = r.end;
    }
    out.push_str(&esc(text.get(at..).unwrap_or("")));
    out
}
