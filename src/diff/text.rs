//! The character diff of two texts (LCS between the common prefix and suffix, by
//! sentence when that is too large), folded and snapped to whole numbers.

use super::*;

/// The largest character LCS table (cells) for one line; longer lines diff by sentence.
const LCS_CELLS: usize = 250_000;
/// LCS cells for the whole diff; beyond it, lines diff by sentence or as a whole.
pub(super) const LCS_BUDGET: usize = 40_000_000;
/// Equal runs this short between two changes are folded into the change (readability).
const FOLD: usize = 2;

/// The LCS cells left for the whole diff.
pub(super) struct Budget(pub(super) usize);

/// A diff of two texts as segments: character LCS on the part between the common prefix
/// and suffix; by sentence when that is too large; as a whole when even that is.
pub(super) fn diff_text(old: &str, new: &str, budget: &mut Budget) -> Vec<Segment> {
    let a: Vec<char> = old.chars().collect();
    let b: Vec<char> = new.chars().collect();
    let key = |c: char| if c.is_whitespace() { ' ' } else { c };
    let mut pre = 0;
    while pre < a.len() && pre < b.len() && key(a[pre]) == key(b[pre]) {
        pre += 1;
    }
    let mut suf = 0;
    while suf < a.len() - pre
        && suf < b.len() - pre
        && key(a[a.len() - 1 - suf]) == key(b[b.len() - 1 - suf])
    {
        suf += 1;
    }
    let (am, bm) = (&a[pre..a.len() - suf], &b[pre..b.len() - suf]);
    let mut chunks: Vec<Chunk> = Vec::new();
    if pre > 0 {
        chunks.push(Chunk::Equal(b[..pre].iter().collect()));
    }
    let cells = (am.len() + 1).saturating_mul(bm.len() + 1);
    if am.is_empty() || bm.is_empty() {
        chunks.push(Chunk::Change(am.iter().collect(), bm.iter().collect()));
    } else if cells <= LCS_CELLS && cells <= budget.0 {
        budget.0 -= cells;
        let ka: Vec<char> = am.iter().map(|&c| key(c)).collect();
        let kb: Vec<char> = bm.iter().map(|&c| key(c)).collect();
        let toks_a: Vec<String> = am.iter().map(|c| c.to_string()).collect();
        let toks_b: Vec<String> = bm.iter().map(|c| c.to_string()).collect();
        chunks.extend(lcs_chunks(&ka, &kb, &toks_a, &toks_b));
    } else {
        let sa = sentences(&am.iter().collect::<String>());
        let sb = sentences(&bm.iter().collect::<String>());
        let cells = (sa.len() + 1).saturating_mul(sb.len() + 1);
        if cells <= LCS_CELLS && cells <= budget.0 {
            budget.0 -= cells;
            let ka: Vec<String> = sa.iter().map(|s| name_key(s)).collect();
            let kb: Vec<String> = sb.iter().map(|s| name_key(s)).collect();
            chunks.extend(lcs_chunks(&ka, &kb, &sa, &sb));
        } else {
            chunks.push(Chunk::Change(am.iter().collect(), bm.iter().collect()));
        }
    }
    if suf > 0 {
        chunks.push(Chunk::Equal(b[b.len() - suf..].iter().collect()));
    }
    segments(fold(snap_numbers(fold(chunks))))
}

/// Split a text after every 。 and line break (the pieces concatenate to the text).
fn sentences(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in s.chars() {
        cur.push(c);
        if c == '。' || c == '\n' {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

enum Chunk {
    Equal(String),
    Change(String, String),
}

/// LCS of two token sequences (compared by key) as equal and changed chunks; the equal
/// text is NEW's tokens.
fn lcs_chunks<K: Eq>(ka: &[K], kb: &[K], ta: &[String], tb: &[String]) -> Vec<Chunk> {
    let (n, m) = (ka.len(), kb.len());
    let w = m + 1;
    let mut t = vec![0u32; (n + 1) * w];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            t[i * w + j] = if ka[i] == kb[j] {
                t[(i + 1) * w + j + 1] + 1
            } else {
                t[(i + 1) * w + j].max(t[i * w + j + 1])
            };
        }
    }
    let mut out = Vec::new();
    let (mut i, mut j) = (0, 0);
    let (mut del, mut ins, mut eq) = (String::new(), String::new(), String::new());
    let flush_change = |del: &mut String, ins: &mut String, out: &mut Vec<Chunk>| {
        if !del.is_empty() || !ins.is_empty() {
            out.push(Chunk::Change(std::mem::take(del), std::mem::take(ins)));
        }
    };
    while i < n || j < m {
        if i < n && j < m && ka[i] == kb[j] {
            flush_change(&mut del, &mut ins, &mut out);
            eq.push_str(&tb[j]);
            i += 1;
            j += 1;
            continue;
        }
        if !eq.is_empty() {
            out.push(Chunk::Equal(std::mem::take(&mut eq)));
        }
        if j >= m || (i < n && t[(i + 1) * w + j] >= t[i * w + j + 1]) {
            del.push_str(&ta[i]);
            i += 1;
        } else {
            ins.push_str(&tb[j]);
            j += 1;
        }
    }
    if !eq.is_empty() {
        out.push(Chunk::Equal(eq));
    }
    flush_change(&mut del, &mut ins, &mut out);
    out
}

/// Fold equal runs of at most [`FOLD`] characters that stand between two changes into one
/// change, so that a rewritten phrase reads as one replacement.
fn fold(chunks: Vec<Chunk>) -> Vec<Chunk> {
    let mut out: Vec<Chunk> = Vec::new();
    let mut it = chunks.into_iter().peekable();
    while let Some(c) = it.next() {
        match c {
            Chunk::Equal(e)
                if e.chars().count() <= FOLD
                    && matches!(out.last(), Some(Chunk::Change(..)))
                    && matches!(it.peek(), Some(Chunk::Change(..))) =>
            {
                if let (Some(Chunk::Change(d, i)), Some(Chunk::Change(d2, i2))) =
                    (out.last_mut(), it.next())
                {
                    d.push_str(&e);
                    d.push_str(&d2);
                    i.push_str(&e);
                    i.push_str(&i2);
                }
            }
            Chunk::Change(d, i) => {
                if let Some(Chunk::Change(pd, pi)) = out.last_mut() {
                    pd.push_str(&d);
                    pi.push_str(&i);
                } else {
                    out.push(Chunk::Change(d, i));
                }
            }
            Chunk::Equal(e) => {
                if let Some(Chunk::Equal(pe)) = out.last_mut() {
                    pe.push_str(&e);
                } else if !e.is_empty() {
                    out.push(Chunk::Equal(e));
                }
            }
        }
    }
    out
}

fn is_numeral(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c) || "〇一二三四五六七八九十百千".contains(c)
}

/// A change of digits only takes the whole number: 第１~~０~~条 → 第~~１０~~条.
fn snap_numbers(chunks: Vec<Chunk>) -> Vec<Chunk> {
    let mut chunks: Vec<Chunk> = chunks;
    for k in 0..chunks.len() {
        let numeric = match &chunks[k] {
            Chunk::Change(d, i) => {
                !(d.is_empty() && i.is_empty()) && d.chars().chain(i.chars()).all(is_numeral)
            }
            Chunk::Equal(_) => false,
        };
        if !numeric {
            continue;
        }
        let mut head = String::new();
        if let Some(Chunk::Equal(e)) = k.checked_sub(1).and_then(|p| chunks.get_mut(p)) {
            let cut = e
                .char_indices()
                .rev()
                .take_while(|&(_, c)| is_numeral(c))
                .last()
                .map_or(e.len(), |(i, _)| i);
            head = e.split_off(cut);
        }
        let mut tail = String::new();
        if let Some(Chunk::Equal(e)) = chunks.get_mut(k + 1) {
            let cut = e
                .char_indices()
                .find(|&(_, c)| !is_numeral(c))
                .map_or(e.len(), |(i, _)| i);
            tail = e[..cut].to_string();
            e.replace_range(..cut, "");
        }
        if let Chunk::Change(d, i) = &mut chunks[k] {
            *d = format!("{head}{d}{tail}");
            *i = format!("{head}{i}{tail}");
        }
    }
    chunks
        .into_iter()
        .filter(|c| !matches!(c, Chunk::Equal(e) if e.is_empty()))
        .collect()
}

fn segments(chunks: Vec<Chunk>) -> Vec<Segment> {
    let mut out = Vec::new();
    for c in chunks {
        match c {
            Chunk::Equal(text) => out.push(Segment {
                op: Op::Equal,
                text,
            }),
            Chunk::Change(d, i) => {
                if !d.is_empty() {
                    out.push(Segment {
                        op: Op::Delete,
                        text: d,
                    });
                }
                if !i.is_empty() {
                    out.push(Segment {
                        op: Op::Insert,
                        text: i,
                    });
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(segs: &[Segment]) -> String {
        segs.iter()
            .map(|s| match s.op {
                Op::Equal => s.text.clone(),
                Op::Insert => format!("[+{}]", s.text),
                Op::Delete => format!("[-{}]", s.text),
            })
            .collect()
    }

    #[test]
    fn character_diff_marks_the_change() {
        let mut b = Budget(LCS_BUDGET);
        let d = diff_text(
            "承認した日から１年間とします。",
            "承認した日から２年間とします。",
            &mut b,
        );
        assert_eq!(show(&d), "承認した日から[-１][+２]年間とします。");
        let d = diff_text("予約を取り消す", "利用を停止する", &mut b);
        assert_eq!(show(&d), "[-予約を取り消す][+利用を停止する]");
        assert_eq!(show(&diff_text("", "新", &mut b)), "[+新]");
        assert_eq!(show(&diff_text("同じ", "同じ", &mut b)), "同じ");
        assert_eq!(
            show(&diff_text("第１０条", "第１１条", &mut b)),
            "第[-１０][+１１]条"
        );
        assert_eq!(
            show(&diff_text("第十条", "第十一条", &mut b)),
            "第[-十][+十一]条"
        );
    }

    #[test]
    fn long_texts_fall_back_to_sentences() {
        let mut b = Budget(LCS_BUDGET);
        let a = "あ".repeat(600) + "。変わる前。" + &"い".repeat(600);
        let c = "う".repeat(600) + "。変わる前。" + &"え".repeat(600);
        let d = diff_text(&a, &c, &mut b);
        let new: String = d
            .iter()
            .filter(|s| s.op != Op::Delete)
            .map(|s| s.text.as_str())
            .collect();
        let old: String = d
            .iter()
            .filter(|s| s.op != Op::Insert)
            .map(|s| s.text.as_str())
            .collect();
        assert_eq!((old, new), (a, c));
        assert!(d
            .iter()
            .any(|s| s.op == Op::Equal && s.text == "変わる前。"));
    }
}
