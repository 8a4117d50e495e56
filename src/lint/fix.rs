//! `check --fix`: the safe, mechanical fixes that rules attach to their findings (digit
//! width, counter variants, stray spaces, self-abbreviations), applied to the decoded
//! text of each document; `--diff` shows them as a unified diff instead.

use super::{Diagnostic, Edit};
use crate::corpus::Corpus;

/// The fixed text of one document.
#[derive(Debug, Clone)]
pub struct DocumentFix {
    pub doc: usize,
    /// The decoded text with the edits applied (its own line ends kept).
    pub text: String,
    /// How many findings the edits fix.
    pub fixed: usize,
}

/// Is this edit one that can be applied to the text: inside it, on character
/// boundaries, and changing something?
fn applicable(text: &str, e: &Edit) -> bool {
    e.range.start <= e.range.end
        && text
            .get(e.range.clone())
            .is_some_and(|old| old != e.replacement)
}

/// Does a diagnostic carry a fix that `--fix` would apply?
pub fn is_fixable(corpus: &Corpus, d: &Diagnostic) -> bool {
    d.finding
        .fix
        .as_ref()
        .is_some_and(|e| applicable(&corpus.docs[d.finding.doc].source.text, e))
}

/// The fixes of these diagnostics, by document. Edits are applied from the start of the
/// text; one that overlaps an edit already taken is left for the next run.
pub fn plan(corpus: &Corpus, diags: &[Diagnostic]) -> Vec<DocumentFix> {
    let mut by_doc: Vec<Vec<&Edit>> = vec![Vec::new(); corpus.docs.len()];
    for d in diags {
        if let Some(e) = &d.finding.fix {
            if applicable(&corpus.docs[d.finding.doc].source.text, e) {
                by_doc[d.finding.doc].push(e);
            }
        }
    }
    let mut out = Vec::new();
    for (doc, mut edits) in by_doc.into_iter().enumerate() {
        if edits.is_empty() {
            continue;
        }
        edits.sort_by_key(|e| (e.range.start, e.range.end));
        edits.dedup();
        let src = &corpus.docs[doc].source.text;
        let mut text = String::with_capacity(src.len());
        let mut at = 0;
        let mut fixed = 0;
        for e in edits {
            if e.range.start < at {
                continue;
            }
            text.push_str(&src[at..e.range.start]);
            text.push_str(&e.replacement);
            at = e.range.end;
            fixed += 1;
        }
        text.push_str(&src[at..]);
        out.push(DocumentFix { doc, text, fixed });
    }
    out
}

/// Lines of a text with their line ends.
fn lines(text: &str) -> Vec<&str> {
    text.split_inclusive('\n').collect()
}

/// A unified diff of two texts (`--- a/FILE` / `+++ b/FILE`), three lines of context.
/// Fixes change lines in place, so the lines are matched by a longest common
/// subsequence over the changed stretch only.
pub fn unified_diff(file: &str, old: &str, new: &str) -> String {
    let a = lines(old);
    let b = lines(new);
    // The common head and tail; the middle is what changed.
    let head = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let tail = a[head..]
        .iter()
        .rev()
        .zip(b[head..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    if head == a.len() && head == b.len() {
        return String::new();
    }
    let (am, bm) = (&a[head..a.len() - tail], &b[head..b.len() - tail]);
    // LCS table over the middle: fixes are few and small, the middle is short.
    let mut lcs = vec![vec![0u32; bm.len() + 1]; am.len() + 1];
    for i in (0..am.len()).rev() {
        for j in (0..bm.len()).rev() {
            lcs[i][j] = if am[i] == bm[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    // Operations over the whole texts: ' ' same, '-' old only, '+' new only.
    let mut ops: Vec<(char, &str)> = a[..head].iter().map(|l| (' ', *l)).collect();
    let (mut i, mut j) = (0, 0);
    while i < am.len() || j < bm.len() {
        if i < am.len() && j < bm.len() && am[i] == bm[j] {
            ops.push((' ', am[i]));
            i += 1;
            j += 1;
        } else if j == bm.len() || (i < am.len() && lcs[i + 1][j] >= lcs[i][j + 1]) {
            ops.push(('-', am[i]));
            i += 1;
        } else {
            ops.push(('+', bm[j]));
            j += 1;
        }
    }
    ops.extend(a[a.len() - tail..].iter().map(|l| (' ', *l)));
    let mut out = format!("--- a/{file}\n+++ b/{file}\n");
    const CONTEXT: usize = 3;
    let changed: Vec<usize> = (0..ops.len()).filter(|&k| ops[k].0 != ' ').collect();
    let mut k = 0;
    while k < changed.len() {
        let start = changed[k].saturating_sub(CONTEXT);
        let mut end = changed[k];
        while k < changed.len() && changed[k] <= end + 2 * CONTEXT + 1 {
            end = changed[k];
            k += 1;
        }
        let end = (end + CONTEXT + 1).min(ops.len());
        // 1-based first lines of the hunk in each text.
        let old_before = ops[..start].iter().filter(|o| o.0 != '+').count();
        let new_before = ops[..start].iter().filter(|o| o.0 != '-').count();
        let old_len = ops[start..end].iter().filter(|o| o.0 != '+').count();
        let new_len = ops[start..end].iter().filter(|o| o.0 != '-').count();
        out.push_str(&format!(
            "@@ -{},{old_len} +{},{new_len} @@\n",
            old_before + usize::from(old_len > 0),
            new_before + usize::from(new_len > 0)
        ));
        for (op, line) in &ops[start..end] {
            out.push(*op);
            out.push_str(line.trim_end_matches(['\n', '\r']));
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::unified_diff;

    #[test]
    fn a_changed_line_with_context() {
        let old = "a\nb\nc\nd\ne\nf\ng\nh\n";
        let new = "a\nb\nc\nD\ne\nf\ng\nh\n";
        assert_eq!(
            unified_diff("x.txt", old, new),
            "--- a/x.txt\n+++ b/x.txt\n@@ -1,7 +1,7 @@\n a\n b\n c\n-d\n+D\n e\n f\n g\n"
        );
        assert_eq!(unified_diff("x.txt", old, old), "");
    }

    #[test]
    fn crlf_lines_are_shown_without_their_ends() {
        let d = unified_diff("x.txt", "１年\r\n", "1年\r\n");
        assert_eq!(
            d,
            "--- a/x.txt\n+++ b/x.txt\n@@ -1,1 +1,1 @@\n-１年\n+1年\n"
        );
    }
}
