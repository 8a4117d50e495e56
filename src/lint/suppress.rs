//! Suppressions of known findings: in Markdown, `<!-- yakkan-ignore Y606 -->` on the line
//! before a block and `<!-- yakkan-disable Y601 -->` … `<!-- yakkan-enable Y601 -->`; for
//! every format, the manifest's `ignore:` entries. A suppression that suppresses nothing
//! is itself a finding (Y001), as ruff's RUF100, so stale ones do not pile up.

use super::{find_rule, Diagnostic, Finding, Findings, Rule, Severity};
use crate::corpus::Corpus;
use crate::layout::{self, LayoutKind};
use regex::Regex;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

// Found by `apply`, after every other rule has run, since only then is it known
// what a suppression silenced.
declare_rule! {
    /// ## What it does
    /// Reports a suppression that silences no finding: a Markdown comment `<!-- yakkan-ignore Y606 -->` before a block in which Y606 finds nothing, a `<!-- yakkan-disable Y601 -->` region without a Y601 finding, or an `ignore:` entry of yakkan.yaml that matches no finding.
    ///
    /// ## Why is this bad?
    /// A suppression outlives the text it was written for. Once the finding is gone it only hides the next, real finding of that rule in the same place.
    ///
    /// ## Example
    ///     <!-- yakkan-ignore Y606 -->
    ///     本サービスの料金は、別表に定めます。
    ///
    /// Use instead: remove the comment (or the `ignore:` entry).
    pub struct UnusedSuppression;
    pub static UNUSED_SUPPRESSION = ("Y001", "unused-suppression", Warning, "a yakkan-ignore / yakkan-disable comment or an `ignore:` entry that suppresses nothing");
}

fn check(_facts: &super::facts::Facts, _out: &mut Findings) {
    // Reported by `apply` once the other rules' findings are known.
}

pub(super) const RULES: &[&dyn Rule] = &[&UnusedSuppression];

/// What a suppression silences.
#[derive(Debug)]
enum Scope {
    /// Findings whose primary span starts in this decoded range of the document.
    Region(Range<usize>),
    /// An `ignore:` entry: findings in its provision (and its sub-provisions) and/or
    /// whose span text contains its text.
    Entry {
        provision: Option<String>,
        text: Option<String>,
    },
}

#[derive(Debug)]
struct Suppression {
    doc: usize,
    /// Rule codes; empty means every rule.
    codes: Vec<&'static str>,
    scope: Scope,
    /// Where it is written: the comment's decoded range, or the manifest line.
    at: Origin,
    used: Vec<bool>,
}

#[derive(Debug)]
enum Origin {
    Comment(Range<usize>),
    Manifest { line: usize, index: usize },
}

static COMMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*<!--\s*yakkan-(ignore|disable|enable)\b([^>]*?)-->\s*$").expect("comment")
});

/// Rule codes or names separated by spaces or commas; unknown ones are left out.
fn codes(list: &str) -> Vec<&'static str> {
    list.split([' ', ',', '\t', '\u{3000}'])
        .filter(|s| !s.is_empty())
        .filter_map(|s| find_rule(s).map(|r| r.meta().code))
        .collect()
}

/// The suppression comments of a Markdown document.
fn comments(doc: usize, source: &crate::source::SourceFile) -> Vec<Suppression> {
    let text = &source.text;
    let lines = source.line_count();
    let line = |i: usize| source.line_range(i);
    let mut out = Vec::new();
    // Open `disable` regions: (code, comment range, region start).
    let mut open: Vec<(Vec<&'static str>, Range<usize>, usize)> = Vec::new();
    let mut fence = false;
    for i in 0..lines {
        let r = line(i);
        let l = &text[r.clone()];
        let t = l.trim_start();
        if t.starts_with("```") || t.starts_with("~~~") {
            fence = !fence;
            continue;
        }
        if fence {
            continue;
        }
        let Some(c) = COMMENT.captures(l) else {
            continue;
        };
        let list = codes(c.get(2).map_or("", |m| m.as_str()));
        match &c[1] {
            "ignore" => {
                // The block below: from the next non-blank line to the line before the
                // next blank line.
                let mut j = i + 1;
                while j < lines && text[line(j)].trim().is_empty() {
                    j += 1;
                }
                let begin = if j < lines { line(j).start } else { text.len() };
                let mut end = begin;
                while j < lines && !text[line(j)].trim().is_empty() {
                    end = line(j).end;
                    j += 1;
                }
                out.push(Suppression {
                    doc,
                    used: vec![false; list.len().max(1)],
                    codes: list,
                    scope: Scope::Region(begin..end),
                    at: Origin::Comment(r),
                });
            }
            "disable" => open.push((list, r.clone(), r.end)),
            _ => {
                // `enable` closes the regions of its codes (all of them when it lists none).
                let mut k = 0;
                while k < open.len() {
                    let closes = list.is_empty()
                        || open[k].0.is_empty()
                        || open[k].0.iter().all(|c| list.contains(c));
                    if closes {
                        let (l, at, start) = open.remove(k);
                        out.push(Suppression {
                            doc,
                            used: vec![false; l.len().max(1)],
                            codes: l,
                            scope: Scope::Region(start..r.start),
                            at: Origin::Comment(at),
                        });
                    } else {
                        k += 1;
                    }
                }
            }
        }
    }
    // A region never enabled again runs to the end of the document.
    for (l, at, start) in open {
        out.push(Suppression {
            doc,
            used: vec![false; l.len().max(1)],
            codes: l,
            scope: Scope::Region(start..text.len()),
            at: Origin::Comment(at),
        });
    }
    out
}

/// An absolute, symlink-resolved form of a path, when it exists.
fn resolve(p: &Path) -> PathBuf {
    p.canonicalize().unwrap_or_else(|_| p.to_path_buf())
}

/// The manifest's `ignore:` entries, each tied to its document.
fn entries(corpus: &Corpus) -> Vec<Suppression> {
    let Some(manifest_path) = &corpus.manifest_path else {
        return Vec::new();
    };
    let root = manifest_path.parent().unwrap_or(Path::new("."));
    let docs: Vec<PathBuf> = corpus
        .docs
        .iter()
        .map(|d| resolve(Path::new(&d.path)))
        .collect();
    let mut out = Vec::new();
    for (index, e) in corpus.manifest.ignore.iter().enumerate() {
        let target = resolve(&root.join(&e.path));
        let Some(doc) = docs.iter().position(|d| *d == target) else {
            continue;
        };
        let Some(rule) = find_rule(&e.rule) else {
            continue;
        };
        out.push(Suppression {
            doc,
            codes: vec![rule.meta().code],
            scope: Scope::Entry {
                provision: e.provision.clone(),
                text: e.text.clone(),
            },
            at: Origin::Manifest {
                line: crate::corpus::Manifest::ignore_line(&corpus.manifest_text, index),
                index,
            },
            used: vec![false],
        });
    }
    out
}

/// Is `path` the provision `within` or inside it (第7条第1項 is inside 第7条)?
fn inside(path: &str, within: &str) -> bool {
    path.strip_prefix(within)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('第') || rest.starts_with('.'))
}

/// Text without the line breaks and wrap spaces of the source.
fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| !matches!(c, '\n' | '\r' | ' ' | '\t'))
        .collect()
}

impl Suppression {
    /// Which of its codes (by index into `used`) silences this diagnostic.
    fn matches(&self, corpus: &Corpus, d: &Diagnostic) -> Option<usize> {
        let f = &d.finding;
        if f.doc != self.doc {
            return None;
        }
        let slot = if self.codes.is_empty() {
            0
        } else {
            self.codes.iter().position(|c| *c == d.code)?
        };
        let hit = match &self.scope {
            Scope::Region(r) => r.contains(&f.range.start) || (r.start == f.range.start),
            Scope::Entry { provision, text } => {
                provision.as_ref().is_none_or(|p| inside(&f.path, p))
                    && text.as_ref().is_none_or(|t| {
                        let src = &corpus.docs[f.doc].source.text;
                        src.get(f.range.clone())
                            .is_some_and(|s| squash(s).contains(&squash(t)))
                    })
            }
        };
        hit.then_some(slot)
    }
}

violation! {
    /// A suppression (or one code of it, `slot`) that silenced nothing, and the manifest's
    /// path as the help names it.
    struct Unused<'a> { suppression: &'a Suppression, slot: usize, manifest: String }

    fn message(&self) -> String {
        let what = match self.suppression.codes.get(self.slot) {
            Some(c) => format!("no {c} finding"),
            None => "no finding".to_string(),
        };
        match &self.suppression.at {
            Origin::Comment(_) => format!("this suppression comment silences {what}"),
            Origin::Manifest { line, index } => format!(
                "`ignore:` entry {} of the manifest{} silences {what}",
                index + 1,
                if *line > 0 {
                    format!(" (line {line})")
                } else {
                    String::new()
                }
            ),
        }
    }

    fn help(&self) -> Option<String> {
        Some(match &self.suppression.at {
            Origin::Comment(_) => {
                "remove the comment, or the code that no longer applies".to_string()
            }
            Origin::Manifest { .. } => format!("remove the entry from {}", self.manifest),
        })
    }
}

/// Remove the suppressed diagnostics from `diags`; with `unused` set, add a Y001
/// finding of that severity for every suppression (or code of one) that silenced
/// nothing. The result stays sorted.
pub fn apply(corpus: &Corpus, diags: &mut Vec<Diagnostic>, unused: Option<Severity>) {
    let mut all = Vec::new();
    for (d, doc) in corpus.docs.iter().enumerate() {
        if doc.source.text.contains("yakkan-")
            && layout::detect(&doc.source) == LayoutKind::Markdown
        {
            all.extend(comments(d, &doc.source));
        }
    }
    all.extend(entries(corpus));
    if all.is_empty() {
        return;
    }
    diags.retain(|d| {
        let mut silenced = false;
        for s in all.iter_mut() {
            if let Some(slot) = s.matches(corpus, d) {
                s.used[slot] = true;
                silenced = true;
            }
        }
        !silenced
    });
    let Some(severity) = unused else {
        return;
    };
    for s in &all {
        for (slot, used) in s.used.iter().enumerate() {
            if *used {
                continue;
            }
            let doc = &corpus.docs[s.doc];
            let range = match &s.at {
                Origin::Comment(r) => r.clone(),
                // The document's title line stands for the manifest entry about it.
                Origin::Manifest { .. } => doc.title_range.clone(),
            };
            let unused = Unused {
                suppression: s,
                slot,
                manifest: corpus
                    .manifest_path
                    .as_ref()
                    .map_or("the manifest".to_string(), |p| p.display().to_string()),
            };
            let f = Finding::of(s.doc, range, "", &unused);
            diags.push(Diagnostic {
                code: UNUSED_SUPPRESSION.code,
                rule: UNUSED_SUPPRESSION.name,
                severity,
                finding: f,
            });
        }
    }
    diags.sort_by(|a, b| {
        (a.finding.doc, a.finding.range.start, a.code).cmp(&(
            b.finding.doc,
            b.finding.range.start,
            b.code,
        ))
    });
}
