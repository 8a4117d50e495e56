//! `yakkan check`: find the corpus, lint it, keep what the run asks for (`--select`,
//! `--ignore`, the documents given, `--baseline`), then report, record a baseline, or fix.

use super::{format_of_output, is_stdin, read_stdin, stdin_name, write_report, Outcome};
use clap::{Args, ValueEnum};
use std::io::{IsTerminal, Write as _};
use std::path::PathBuf;
use yakkan::corpus::discover::{self, Discovered};
use yakkan::lint::baseline::Baseline;
use yakkan::lint::select::Selection;
use yakkan::lint::{fix, Diagnostic};

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    Human,
    Json,
    Sarif,
    Github,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Deny {
    Warnings,
}

#[derive(Args)]
pub struct CheckArgs {
    /// Corpus folders, manifests or documents; `-` reads one document from standard
    /// input. Default: the nearest yakkan.yaml from here upward, else the documents here.
    pub paths: Vec<PathBuf>,
    /// Default: from the extension of -o (json, sarif), else human.
    #[arg(long, value_enum)]
    pub format: Option<CheckFormat>,
    /// Treat warnings as errors for the exit code.
    #[arg(long, value_enum)]
    pub deny: Option<Deny>,
    #[arg(long, value_enum, default_value = "auto")]
    pub color: ColorChoice,
    /// Use this manifest for the documents given, instead of the nearest yakkan.yaml.
    #[arg(long, value_name = "FILE", conflicts_with = "isolated")]
    pub config: Option<PathBuf>,
    /// Use no yakkan.yaml at all: the documents alone, with default rules.
    #[arg(long)]
    pub isolated: bool,
    /// The name of the document read from standard input, for messages and discovery.
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<PathBuf>,
    /// Report only these rules: codes, names or code prefixes (Y6), comma-separated.
    #[arg(long, value_name = "RULES", value_delimiter = ',')]
    pub select: Vec<String>,
    /// Do not report these rules: codes, names or code prefixes, comma-separated.
    #[arg(long, value_name = "RULES", value_delimiter = ',')]
    pub ignore: Vec<String>,
    /// Print how many findings each rule has instead of the findings.
    #[arg(long)]
    pub statistics: bool,
    /// Print the findings only, without the summary.
    #[arg(short, long)]
    pub quiet: bool,
    /// Exit 0 even when there are error-level findings (bad input still exits 2).
    #[arg(long)]
    pub exit_zero: bool,
    /// Write the report to FILE instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Apply the safe fixes (digit width, counter variants, stray spaces,
    /// self-abbreviations) to the files, then report what is left.
    #[arg(long)]
    pub fix: bool,
    /// Print the fixes as a unified diff and change nothing.
    #[arg(long)]
    pub diff: bool,
    /// Report only the findings that this baseline file does not hold.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Record the findings of this run in FILE (a baseline) and report nothing.
    #[arg(long, value_name = "FILE", conflicts_with = "baseline")]
    pub write_baseline: Option<PathBuf>,
}

/// The corpus and the findings this run reports.
struct Checked {
    found: Discovered,
    diags: Vec<Diagnostic>,
}

impl Checked {
    fn documents(&self) -> usize {
        self.found
            .report
            .as_ref()
            .map_or(self.found.corpus.docs.len(), Vec::len)
    }

    /// The files read: the report never overwrites them.
    fn inputs(&self) -> Vec<PathBuf> {
        let c = &self.found.corpus;
        c.docs
            .iter()
            .map(|d| PathBuf::from(&d.path))
            .chain(c.manifest_path.iter().cloned())
            .collect()
    }
}

fn analyse(
    paths: &[PathBuf],
    options: &discover::Options,
    selection: &Selection,
    baseline: Option<&Baseline>,
) -> Result<Checked, String> {
    // On more than one thread, the patterns nearly every document reaches are built while
    // the documents are read and parsed, on a core that would wait for them otherwise.
    if rayon::current_num_threads() > 1 {
        rayon::spawn(|| {
            yakkan::extract::warm_up();
            yakkan::lint::facts::warm_up();
        });
    }
    let found = discover::discover(paths, options).map_err(|e| e.to_string())?;
    let mut diags = yakkan::lint(&found.corpus);
    selection.retain(&mut diags);
    if let Some(report) = &found.report {
        diags.retain(|d| report.contains(&d.finding.doc));
    }
    if let Some(b) = baseline {
        b.retain_new(&found.corpus, &mut diags);
    }
    Ok(Checked { found, diags })
}

/// A line on standard error (what was fixed or written).
fn tell(msg: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{msg}");
}

/// The end of a check: its model is left to the process's exit, which returns the memory
/// at once, rather than freed piece by piece (a large corpus holds millions of small
/// allocations; freeing them took more than a percent of a check). `check` runs once a
/// process, so nothing accumulates.
fn leave(checked: Checked) {
    std::mem::forget(checked);
}

pub fn run(args: CheckArgs, policy: yakkan::write::Policy) -> Result<Outcome, String> {
    let reads_stdin = args.paths.iter().any(|p| is_stdin(p))
        || (args.paths.is_empty() && args.stdin_filename.is_some());
    if reads_stdin && args.paths.len() > 1 {
        return Err("`-` (standard input) is one document: pass it alone".into());
    }
    let paths = if reads_stdin {
        vec![PathBuf::from("-")]
    } else {
        args.paths.clone()
    };
    let options = discover::Options {
        config: args.config.clone(),
        isolated: args.isolated,
        stdin: if reads_stdin {
            Some(discover::Stdin {
                name: stdin_name(args.stdin_filename.as_ref()),
                bytes: read_stdin()?,
            })
        } else {
            None
        },
    };
    let selection = Selection::new(&args.select, &args.ignore).map_err(|e| e.to_string())?;
    let baseline = match &args.baseline {
        Some(b) => Some(Baseline::load(b).map_err(|e| e.to_string())?),
        None => None,
    };
    let mut checked = analyse(&paths, &options, &selection, baseline.as_ref())?;

    if let Some(file) = &args.write_baseline {
        let b = Baseline::of(&checked.found.corpus, &checked.diags);
        write_report(file, &b.to_json(), &checked.inputs())?;
        tell(&format!(
            "recorded {} in {}",
            yakkan::report::plural(b.findings.len(), "finding", "findings"),
            file.display()
        ));
        return Ok(Outcome::ok(String::new()));
    }

    if args.diff || args.fix {
        let corpus = &checked.found.corpus;
        let plan = fix::plan(corpus, &checked.diags);
        let fixed: usize = plan.iter().map(|f| f.fixed).sum();
        if args.diff {
            let mut out = String::new();
            for f in &plan {
                let doc = &corpus.docs[f.doc];
                out.push_str(&fix::unified_diff(&doc.path, &doc.source.text, &f.text));
            }
            tell(&format!(
                "{} would be fixed by `yakkan check --fix`",
                yakkan::report::plural(fixed, "finding", "findings")
            ));
            return Ok(Outcome::with_code(out, fixed > 0));
        }
        if let Some(stdin) = &options.stdin {
            // Standard input in, the fixed document out (as formatters do for editors).
            let text = plan
                .iter()
                .find(|f| {
                    discover::resolve(&corpus.docs[f.doc].source.path)
                        == discover::resolve(&stdin.name)
                })
                .map(|f| f.text.clone());
            let text = match text {
                Some(t) => t,
                None => yakkan::SourceFile::from_bytes(&stdin.name, &stdin.bytes)
                    .map_err(|e| e.to_string())?
                    .text
                    .to_string(),
            };
            return Ok(Outcome::ok(text));
        }
        for f in &plan {
            let doc = &corpus.docs[f.doc];
            let path = PathBuf::from(&doc.path);
            yakkan::fmt::write_fixed(&path, &doc.source, &f.text, policy)
                .map_err(|e| e.to_string())?;
            tell(&format!(
                "fixed {} in {}",
                yakkan::report::plural(f.fixed, "finding", "findings"),
                doc.path
            ));
        }
        if !plan.is_empty() {
            // What is left, read from the files as they are now.
            checked = analyse(&paths, &options, &selection, baseline.as_ref())?;
        }
    }

    let corpus = &checked.found.corpus;
    let diags = &checked.diags;
    let format = match args.format {
        Some(f) => f,
        None => match format_of_output(args.output.as_deref(), &["json", "sarif", "html", "md"]) {
            Some("json") => CheckFormat::Json,
            Some("sarif") => CheckFormat::Sarif,
            Some(other) => {
                return Err(format!(
                    "check writes human, json, sarif or github output, not {other}; \
                     name the file .json or .sarif, or give --format (`yakkan index` writes {other})"
                ))
            }
            None => CheckFormat::Human,
        },
    };
    let options = yakkan::report::Options {
        color: args.output.is_none()
            && match args.color {
                ColorChoice::Always => true,
                ColorChoice::Never => false,
                ColorChoice::Auto => {
                    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                        && std::io::stdout().is_terminal()
                }
            },
        documents: Some(checked.documents()),
        quiet: args.quiet,
    };
    let summary = yakkan::report::Summary::with_options(corpus, diags, &options);
    let failed =
        !args.exit_zero && (summary.errors > 0 || (args.deny.is_some() && summary.warnings > 0));
    if format == CheckFormat::Human && !args.statistics && args.output.is_none() {
        // Streamed to standard output as it is rendered: never held whole.
        let stdout = std::io::stdout();
        let mut w = std::io::BufWriter::new(stdout.lock());
        let written = yakkan::report::render_human_to(&mut w, corpus, diags, &options)
            .and_then(|()| w.flush());
        drop(w);
        leave(checked);
        return match written {
            Ok(()) => Ok(Outcome::with_code(String::new(), failed)),
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                Ok(Outcome::with_code(String::new(), failed))
            }
            Err(e) => Err(format!("cannot write the output: {e}")),
        };
    }
    let out = if args.statistics {
        yakkan::report::render_statistics(corpus, diags)
    } else {
        match format {
            CheckFormat::Human => yakkan::report::render_human_with(corpus, diags, &options),
            CheckFormat::Json => yakkan::report::render_json_with(corpus, diags, &options),
            CheckFormat::Sarif => yakkan::report::render_sarif(corpus, diags),
            CheckFormat::Github => yakkan::report::render_github(corpus, diags),
        }
    };
    let inputs = checked.inputs();
    leave(checked);
    match &args.output {
        Some(file) => {
            write_report(file, &out, &inputs)?;
            Ok(Outcome::with_code(String::new(), failed))
        }
        None => Ok(Outcome::with_code(out, failed)),
    }
}
