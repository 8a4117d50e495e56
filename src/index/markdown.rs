//! The index as Markdown (GitHub flavour, the precedence graph as a Mermaid block).

use super::*;

fn md_checklist(s: &mut String, d: &DocumentIndex) {
    if d.checklist.is_empty() {
        return;
    }
    s.push_str("| 必要条項 | 所在 |\n|---|---|\n");
    for e in &d.checklist {
        let mark = if e.document.is_some() { "✓" } else { "✗" };
        s.push_str(&format!(
            "| {mark} {} | {} |\n",
            md(&e.clause),
            md(&checklist_place(&d.id, e))
        ));
    }
    s.push('\n');
}

fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            c if crate::report::escape::is_unsafe(c) => out.push_str(&crate::mdsafe::visible(c)),
            _ => out.push(c),
        }
    }
    out
}

/// A node id for Mermaid: the document id in ASCII letters, digits and `_`, unique.
fn mermaid_ids(index: &Index) -> HashMap<&str, String> {
    let mut seen = HashSet::new();
    let mut out = HashMap::new();
    for (i, d) in index.documents.iter().enumerate() {
        let clean: String =
            d.id.chars()
                .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
                .collect();
        let mut id = format!("doc_{clean}");
        if !seen.insert(id.clone()) {
            id = format!("doc{i}_{clean}");
            seen.insert(id.clone());
        }
        out.insert(d.id.as_str(), id);
    }
    out
}

/// The index as Markdown (GitHub flavour; the precedence graph as a Mermaid block).
pub fn to_markdown(index: &Index) -> String {
    let names = Names::new(index);
    let mut s = String::new();
    let title = if index.corpus.is_empty() {
        "索引".to_string()
    } else {
        format!("索引: {}", md(&index.corpus))
    };
    s.push_str(&format!("# {title}\n\n"));
    let cites: usize = index.references.iter().map(|e| e.cites.len()).sum();
    s.push_str(&format!(
        "{}文書・定義語{}語・参照{}件\n\n",
        index.documents.len(),
        index.terms.len(),
        cites
    ));
    s.push_str("- [目次](#目次)\n- [定義語索引](#定義語索引)\n- [参照索引](#参照索引)\n- [優先関係](#優先関係)\n\n");

    // 目次
    s.push_str("## 目次\n\n");
    for d in &index.documents {
        s.push_str(&format!("### {}\n\n", md(&d.name)));
        s.push_str(&format!(
            "{} — {}\n\n",
            crate::mdsafe::code(&d.id),
            md(&d.path)
        ));
        if d.toc.is_empty() {
            s.push_str("（見出しなし）\n\n");
            continue;
        }
        for t in &d.toc {
            s.push_str(&format!("{}- {}\n", "  ".repeat(t.depth), md(&t.heading)));
        }
        s.push('\n');
        md_checklist(&mut s, d);
    }

    // 定義語索引
    s.push_str("## 定義語索引\n\n");
    if index.terms.is_empty() {
        s.push_str("（定義語なし）\n\n");
    }
    for t in &index.terms {
        match &t.reading {
            Some(r) => s.push_str(&format!("### {}（{}）\n\n", md(&t.term), md(r))),
            None => s.push_str(&format!("### {}\n\n", md(&t.term))),
        }
        for def in &t.definitions {
            s.push_str(&format!("- {}\n", md(def.meaning.trim())));
            let scope = def
                .scope
                .as_deref()
                .map(|x| format!("、{}に限る", md(x)))
                .unwrap_or_default();
            s.push_str(&format!(
                "  - 定義: {} {}（{}{}）\n",
                md(names.name(&def.document)),
                md(&def.path),
                definition_kind(def.kind),
                scope
            ));
            let uses = uses_by_document(def, |u| md(&u.path));
            if uses.is_empty() {
                s.push_str("  - 使用: なし\n");
            }
            for (doc, list) in uses {
                s.push_str(&format!(
                    "  - 使用: {} — {}\n",
                    md(names.name(doc)),
                    list.join(", ")
                ));
            }
        }
        s.push('\n');
    }

    // 参照索引
    s.push_str("## 参照索引\n\n");
    s.push_str("→ この条項が引用するもの　← この条項を引用するもの\n\n");
    for (doc, units) in reference_units(index) {
        s.push_str(&format!("### {}\n\n", md(names.name(doc))));
        for (_, h, unit) in units {
            s.push_str(&format!("#### {}\n\n", md(h)));
            for e in unit {
                s.push_str(&format!("- {}\n", md(&e.path)));
                for c in &e.cites {
                    s.push_str(&format!(
                        "  - → 「{}」: {}{}\n",
                        md(&c.text),
                        md(&target_text(&names, doc, &c.target)),
                        tags(&[reference_kind(c.kind), status_tag(c.target.status)])
                    ));
                }
                for c in &e.cited_by {
                    let from = if c.document == doc {
                        md(&c.path)
                    } else {
                        format!("{} {}", md(names.name(&c.document)), md(&c.path))
                    };
                    s.push_str(&format!(
                        "  - ← {}「{}」{}\n",
                        from,
                        md(&c.text),
                        tags(&[reference_kind(c.kind)])
                    ));
                }
            }
            s.push('\n');
        }
    }
    if index.references.is_empty() {
        s.push_str("（参照なし）\n\n");
    }

    // 優先関係
    s.push_str("## 優先関係\n\n");
    s.push_str(
        "A → B: A が B に優先する（実線は文書の定め、破線は yakkan.yaml の `precedence:`）。\n\n",
    );
    let ids = mermaid_ids(index);
    s.push_str("```mermaid\ngraph TD\n");
    for n in &index.precedence.nodes {
        let label = crate::mdsafe::mermaid_label(names.name(&n.document));
        s.push_str(&format!("  {}[\"{}\"]\n", ids[n.document.as_str()], label));
    }
    for e in &index.precedence.edges {
        let arrow = if e.stated_by.is_empty() {
            "-.->|yakkan.yaml|"
        } else {
            "-->"
        };
        s.push_str(&format!(
            "  {} {} {}\n",
            ids[e.higher.as_str()],
            arrow,
            ids[e.lower.as_str()]
        ));
    }
    s.push_str("```\n\n");
    for e in &index.precedence.edges {
        let mut why: Vec<String> = e
            .stated_by
            .iter()
            .map(|p| format!("{} {}", md(names.name(&p.document)), md(&p.path)))
            .collect();
        if e.manifest {
            why.push("yakkan.yaml の `precedence:`".to_string());
        }
        s.push_str(&format!(
            "- {} → {}: {}\n",
            md(names.name(&e.higher)),
            md(names.name(&e.lower)),
            why.join("、")
        ));
    }
    if index.precedence.edges.is_empty() {
        s.push_str("（優先関係の定めなし）\n");
    }
    s
}
