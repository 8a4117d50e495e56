//! Human output: codespan-reporting with the rule code and name, the source line, notes
//! and a help line; a summary at the end.

use super::escape::escape;
use super::{plural, Options, Summary};
use crate::corpus::Corpus;
use crate::lint::{Diagnostic, Severity};
use codespan_reporting::diagnostic::{
    Diagnostic as CsDiagnostic, Label, LabelStyle, Severity as CsSeverity,
};
use codespan_reporting::files::{Files, SimpleFiles};
use codespan_reporting::term::termcolor::{Ansi, NoColor, WriteColor};
use codespan_reporting::term::{self, Config};
use std::ops::Range;
use std::sync::Arc;

/// The documents' texts, numbered as their readers say: a .docx line by its paragraph
/// ordinal, a PDF line by its line on the page (the page is in a note).
struct Located {
    files: SimpleFiles<String, std::sync::Arc<str>>,
    origins: Vec<Option<Arc<crate::input::Origin>>>,
}

impl<'a> Files<'a> for Located {
    type FileId = usize;
    type Name = String;
    type Source = &'a str;

    fn name(&'a self, id: usize) -> Result<String, codespan_reporting::files::Error> {
        self.files.name(id)
    }

    fn source(&'a self, id: usize) -> Result<&'a str, codespan_reporting::files::Error> {
        self.files.source(id)
    }

    fn line_index(
        &'a self,
        id: usize,
        at: usize,
    ) -> Result<usize, codespan_reporting::files::Error> {
        self.files.line_index(id, at)
    }

    fn line_range(
        &'a self,
        id: usize,
        line: usize,
    ) -> Result<Range<usize>, codespan_reporting::files::Error> {
        self.files.line_range(id, line)
    }

    fn line_number(
        &'a self,
        id: usize,
        line: usize,
    ) -> Result<usize, codespan_reporting::files::Error> {
        match self.origins.get(id).and_then(|o| o.as_ref()) {
            Some(o) => {
                let start = self.files.line_range(id, line)?.start;
                Ok(o.position(self.files.source(id)?, start).line)
            }
            None => Ok(line + 1),
        }
    }

    fn location(
        &'a self,
        id: usize,
        at: usize,
    ) -> Result<codespan_reporting::files::Location, codespan_reporting::files::Error> {
        match self.origins.get(id).and_then(|o| o.as_ref()) {
            Some(o) => {
                let p = o.position(self.files.source(id)?, at);
                Ok(codespan_reporting::files::Location {
                    line_number: p.line,
                    column_number: p.column,
                })
            }
            None => self.files.location(id, at),
        }
    }
}

/// Render all diagnostics; `color` adds ANSI colours.
pub fn render_human(corpus: &Corpus, diags: &[Diagnostic], color: bool) -> String {
    render_human_with(
        corpus,
        diags,
        &Options {
            color,
            ..Options::default()
        },
    )
}

/// Render all diagnostics as `options` say, into a string (see [`render_human_to`]).
pub fn render_human_with(corpus: &Corpus, diags: &[Diagnostic], options: &Options) -> String {
    let mut out = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = render_human_to(&mut out, corpus, diags, options);
    String::from_utf8_lossy(&out).into_owned()
}

/// A source line longer than this (in characters) is shown as a window around the span.
pub const MAX_LINE: usize = 512;
/// The width (characters) of that window, and how much of it stands before the span.
const WINDOW: usize = 160;
const WINDOW_BEFORE: usize = 40;

/// Render all diagnostics as `options` say, written to `w` as they go: the report is
/// never held whole. A finding that `--fix` fixes is marked `[*]`, and the summary says
/// how many there are (as ruff does). Text from documents is escaped
/// ([`super::escape`]); a line longer than [`MAX_LINE`] characters shows a window around
/// the span with `…`, so the output of a finding is bounded whatever its line.
pub fn render_human_to(
    w: &mut dyn std::io::Write,
    corpus: &Corpus,
    diags: &[Diagnostic],
    options: &Options,
) -> std::io::Result<()> {
    let color = options.color;
    let mut files = SimpleFiles::new();
    let ids: Vec<usize> = corpus
        .docs
        .iter()
        .map(|d| files.add(d.path.clone(), d.source.text.clone()))
        .collect();
    let files = Located {
        files,
        origins: corpus
            .docs
            .iter()
            .map(|d| d.source.origin.clone())
            .collect(),
    };
    let config = Config::default();
    let mut plain;
    let mut ansi;
    let writer: &mut dyn WriteColor = if color {
        ansi = Ansi::new(&mut *w);
        &mut ansi
    } else {
        plain = NoColor::new(&mut *w);
        &mut plain
    };
    for d in diags {
        let f = &d.finding;
        let severity = match d.severity {
            Severity::Error => CsSeverity::Error,
            Severity::Warning => CsSeverity::Warning,
            Severity::Info => CsSeverity::Note,
        };
        let mut labels = vec![Label::new(LabelStyle::Primary, ids[f.doc], f.range.clone())];
        for l in &f.labels {
            labels.push(
                Label::new(LabelStyle::Secondary, ids[l.doc], l.range.clone())
                    .with_message(escape(&l.message).into_owned()),
            );
        }
        let mut notes: Vec<String> = f.notes.iter().map(|n| escape(n).into_owned()).collect();
        if !f.path.is_empty() {
            notes.insert(0, format!("in {}", escape(&f.path)));
        }
        let src = &corpus.docs[f.doc].source;
        if let Some(o) = &src.origin {
            let p = o.position(&src.text, f.range.start);
            notes.insert(
                0,
                match p.page {
                    Some(page) => format!("on page {page}, line {}", p.line),
                    None => format!("in paragraph {}", p.line),
                },
            );
        }
        if let Some(h) = &f.help {
            notes.push(format!("help: {}", escape(h)));
        }
        let fixable = crate::lint::fix::is_fixable(corpus, d);
        let message = escape(&f.message);
        let cs = CsDiagnostic::new(severity)
            .with_code(format!("{}/{}", d.code, d.rule))
            .with_message(if fixable {
                format!("[*] {message}")
            } else {
                message.into_owned()
            })
            .with_notes(notes);
        if labels.iter().all(|l| plain_lines(&files, l)) {
            emit(writer, &config, &files, &cs.with_labels(labels))?;
        } else {
            let (excerpts, labels) = Excerpts::of(&files, &labels, corpus);
            emit(writer, &config, &excerpts, &cs.with_labels(labels))?;
        }
    }
    if options.quiet {
        return writer.flush();
    }
    let s = Summary::with_options(corpus, diags, options);
    writeln!(
        writer,
        "{}, {}, {} in {}",
        plural(s.errors, "error", "errors"),
        plural(s.warnings, "warning", "warnings"),
        plural(s.infos, "info", "infos"),
        plural(s.documents, "document", "documents"),
    )?;
    let fixable = diags
        .iter()
        .filter(|d| crate::lint::fix::is_fixable(corpus, d))
        .count();
    if fixable > 0 {
        writeln!(
            writer,
            "[*] {} fixable with `yakkan check --fix`",
            plural(fixable, "finding", "findings")
        )?;
    }
    writer.flush()
}

/// One diagnostic through codespan; its I/O errors come back as I/O errors.
fn emit<'f, F: Files<'f, FileId = usize>>(
    writer: &mut dyn WriteColor,
    config: &Config,
    files: &'f F,
    cs: &CsDiagnostic<usize>,
) -> std::io::Result<()> {
    match term::emit_to_write_style(writer, config, files, cs) {
        Ok(()) => Ok(()),
        Err(codespan_reporting::files::Error::Io(e)) => Err(e),
        // A range codespan cannot place: the finding is skipped, as before.
        Err(_) => Ok(()),
    }
}

/// The lines codespan shows for a label: its first lines and its last ones.
fn shown_lines(files: &Located, label: &Label<usize>) -> Vec<usize> {
    let (Ok(first), Ok(last)) = (
        files.files.line_index(label.file_id, label.range.start),
        files.files.line_index(label.file_id, label.range.end),
    ) else {
        return Vec::new();
    };
    let mut lines: Vec<usize> = (first..=last.min(first + 4)).collect();
    lines.extend(last.saturating_sub(2).max(first)..=last);
    lines.sort_unstable();
    lines.dedup();
    lines
}

/// The text of a line without its line end.
fn line_text(files: &Located, id: usize, line: usize) -> Option<(usize, &str)> {
    let range = files.files.line_range(id, line).ok()?;
    let text = files.files.source(id).ok()?.get(range.clone())?;
    Some((range.start, text.trim_end_matches(['\n', '\r'])))
}

/// May the label's lines be shown as they are: short, and nothing to escape? (Looks at
/// a bounded number of bytes, whatever the line's length.)
fn plain_lines(files: &Located, label: &Label<usize>) -> bool {
    shown_lines(files, label).into_iter().all(|line| {
        line_text(files, label.file_id, line).is_some_and(|(_, t)| {
            crate::work::add(t.len().min(4 * MAX_LINE));
            t.len() <= 4 * MAX_LINE
                && t.chars().take(MAX_LINE + 1).count() <= MAX_LINE
                && !t.chars().any(super::escape::is_unsafe)
        })
    })
}

/// For one diagnostic whose lines are long or hold characters to escape: per file, only
/// the lines it shows, each cut to a window around the labels and escaped, numbered and
/// located as in the document.
struct Excerpts {
    files: Vec<Excerpt>,
}

struct Excerpt {
    name: String,
    source: String,
    line_starts: Vec<usize>,
    line_numbers: Vec<usize>,
    /// (excerpt offset, original location) of each label's start.
    locations: Vec<(usize, codespan_reporting::files::Location)>,
    windows: Vec<Window>,
}

impl Excerpts {
    fn of(
        files: &Located,
        labels: &[Label<usize>],
        corpus: &Corpus,
    ) -> (Excerpts, Vec<Label<usize>>) {
        let mut out = Excerpts { files: Vec::new() };
        let mut file_of: Vec<(usize, usize)> = Vec::new();
        for l in labels {
            if !file_of.iter().any(|&(id, _)| id == l.file_id) {
                file_of.push((l.file_id, out.files.len()));
                out.files
                    .push(Excerpt::of(files, l.file_id, labels, corpus));
            }
        }
        let new_labels = labels
            .iter()
            .map(|l| {
                let k = file_of
                    .iter()
                    .find(|&&(id, _)| id == l.file_id)
                    .map_or(0, |&(_, k)| k);
                let e = &out.files[k];
                let start = e.map(files, l.file_id, l.range.start);
                let end = e.map(files, l.file_id, l.range.end).max(start);
                let mut new = Label::new(l.style, k, start..end);
                new.message = l.message.clone();
                new
            })
            .collect();
        (out, new_labels)
    }
}

/// Each shown line of an excerpt: (original line start, original window start and end,
/// excerpt offset of the window's first character).
type Window = (usize, usize, usize, usize);

impl Excerpt {
    fn of(files: &Located, id: usize, labels: &[Label<usize>], corpus: &Corpus) -> Excerpt {
        let mine: Vec<&Label<usize>> = labels.iter().filter(|l| l.file_id == id).collect();
        let mut lines: Vec<usize> = mine.iter().flat_map(|l| shown_lines(files, l)).collect();
        lines.sort_unstable();
        lines.dedup();
        let mut e = Excerpt {
            name: files
                .files
                .name(id)
                .map(|n| escape(&n).into_owned())
                .unwrap_or_default(),
            source: String::new(),
            line_starts: Vec::new(),
            line_numbers: Vec::new(),
            locations: Vec::new(),
            windows: Vec::new(),
        };
        let mut windows: Vec<Window> = Vec::new();
        for line in lines {
            let Some((start, text)) = line_text(files, id, line) else {
                continue;
            };
            let end = start + text.len();
            // The first label boundary on the line anchors the window.
            let anchor = mine
                .iter()
                .flat_map(|l| [l.range.start, l.range.end])
                .filter(|&b| b >= start && b <= end)
                .min()
                .unwrap_or(start);
            let (ws, we) = window(text, start, anchor);
            crate::work::add(we - ws);
            e.line_starts.push(e.source.len());
            e.line_numbers
                .push(files.line_number(id, line).unwrap_or(line + 1));
            if ws > start {
                e.source.push('…');
            }
            windows.push((start, ws, we, e.source.len()));
            e.source.push_str(&escape(&text[ws - start..we - start]));
            if we < end {
                e.source.push('…');
            }
            e.source.push('\n');
        }
        e.windows = windows;
        for l in &mine {
            let at = e.map(files, id, l.range.start);
            // From the document's own line/column checkpoints (file ids are document
            // indices), not a count from the start of a long line.
            let loc = match corpus.docs.get(id).map(|d| &d.source) {
                Some(src) if src.origin.is_none() => {
                    let (line_number, column_number) = src.line_col(l.range.start);
                    Ok(codespan_reporting::files::Location {
                        line_number,
                        column_number,
                    })
                }
                _ => files.location(id, l.range.start),
            };
            if let Ok(loc) = loc {
                e.locations.push((at, loc));
            }
        }
        e
    }
}

/// The window of a line (original offsets) shown around `anchor`: the whole line when it
/// is at most [`MAX_LINE`] characters, else [`WINDOW`] characters from a little before.
fn window(text: &str, start: usize, anchor: usize) -> (usize, usize) {
    let end = start + text.len();
    if text.chars().take(MAX_LINE + 1).count() <= MAX_LINE {
        return (start, end);
    }
    let at = anchor.clamp(start, end) - start;
    let mut at = at;
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let ws = text[..at]
        .char_indices()
        .rev()
        .take(WINDOW_BEFORE)
        .last()
        .map_or(at, |(i, _)| i);
    let we = text[ws..]
        .char_indices()
        .nth(WINDOW)
        .map_or(text.len(), |(i, _)| ws + i);
    (start + ws, start + we)
}

impl Excerpt {
    /// The excerpt offset of an original offset (clamped to the window of its line).
    fn map(&self, files: &Located, id: usize, offset: usize) -> usize {
        let k = self.windows.partition_point(|w| w.0 <= offset);
        let Some(&(_, ws, we, at)) = k.checked_sub(1).and_then(|k| self.windows.get(k)) else {
            return 0;
        };
        let Ok(source) = files.files.source(id) else {
            return at;
        };
        let mut o = offset.clamp(ws, we);
        while !source.is_char_boundary(o) {
            o -= 1;
        }
        at + escape(&source[ws..o]).len()
    }
}

impl<'a> Files<'a> for Excerpts {
    type FileId = usize;
    type Name = String;
    type Source = &'a str;

    fn name(&'a self, id: usize) -> Result<String, codespan_reporting::files::Error> {
        self.get(id).map(|e| e.name.clone())
    }

    fn source(&'a self, id: usize) -> Result<&'a str, codespan_reporting::files::Error> {
        self.get(id).map(|e| e.source.as_str())
    }

    fn line_index(
        &'a self,
        id: usize,
        at: usize,
    ) -> Result<usize, codespan_reporting::files::Error> {
        let e = self.get(id)?;
        Ok(e.line_starts
            .partition_point(|&s| s <= at)
            .saturating_sub(1))
    }

    fn line_range(
        &'a self,
        id: usize,
        line: usize,
    ) -> Result<Range<usize>, codespan_reporting::files::Error> {
        let e = self.get(id)?;
        let start =
            *e.line_starts
                .get(line)
                .ok_or(codespan_reporting::files::Error::LineTooLarge {
                    given: line,
                    max: e.line_starts.len(),
                })?;
        let end = e
            .line_starts
            .get(line + 1)
            .copied()
            .unwrap_or(e.source.len());
        Ok(start..end)
    }

    fn line_number(
        &'a self,
        id: usize,
        line: usize,
    ) -> Result<usize, codespan_reporting::files::Error> {
        let e = self.get(id)?;
        Ok(e.line_numbers.get(line).copied().unwrap_or(line + 1))
    }

    fn location(
        &'a self,
        id: usize,
        at: usize,
    ) -> Result<codespan_reporting::files::Location, codespan_reporting::files::Error> {
        let e = self.get(id)?;
        if let Some((_, loc)) = e.locations.iter().find(|(o, _)| *o == at) {
            return Ok(codespan_reporting::files::Location {
                line_number: loc.line_number,
                column_number: loc.column_number,
            });
        }
        let line = self.line_index(id, at)?;
        Ok(codespan_reporting::files::Location {
            line_number: self.line_number(id, line)?,
            column_number: e.source[e.line_starts[line]..at.min(e.source.len())]
                .chars()
                .count()
                + 1,
        })
    }
}

impl Excerpts {
    fn get(&self, id: usize) -> Result<&Excerpt, codespan_reporting::files::Error> {
        self.files
            .get(id)
            .ok_or(codespan_reporting::files::Error::FileMissing)
    }
}
