//! The `yakkan` command line: parses arguments and calls the library.

mod cli;

use clap::{Parser, Subcommand, ValueEnum};
use cli::Outcome;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

#[derive(Parser)]
#[command(
    name = "yakkan",
    version,
    about = "Compile and lint Japanese legal terms documents (約款, 利用規約, 仕様書)"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// The largest file read as a document, in bytes (K, M, G suffixes: 64M).
    #[arg(long, global = true, value_name = "SIZE", value_parser = parse_size, default_value = "64M")]
    max_file_size: u64,
    /// Read manifest and folder entries that lead outside the corpus folder (absolute
    /// paths, `..`, symlinks out).
    #[arg(long, global = true)]
    allow_outside: bool,
    /// Replace a hard-linked file or another user's file anyway (fmt --write, check
    /// --fix, -o).
    #[arg(long, global = true)]
    force: bool,
}

/// 1000, 64K, 64M, 1G (binary multiples).
fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let (num, shift) = match t.chars().last().map(|c| c.to_ascii_uppercase()) {
        Some('K') => (&t[..t.len() - 1], 10),
        Some('M') => (&t[..t.len() - 1], 20),
        Some('G') => (&t[..t.len() - 1], 30),
        _ => (t, 0),
    };
    num.trim()
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(1u64 << shift))
        .ok_or_else(|| format!("`{s}` is not a size (bytes, or with K, M or G)"))
}

#[derive(Clone, Copy, ValueEnum)]
enum ModelFormat {
    Yaml,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum DiffDeny {
    /// Exit 1 when a reference still points at an old number.
    Stale,
}

#[derive(Clone, Copy, ValueEnum)]
enum RulesFormat {
    Human,
    Json,
}

#[derive(Subcommand)]
enum Command {
    /// Lint a corpus folder (with yakkan.yaml), a manifest, or documents (default: the
    /// corpus of the current folder).
    Check(cli::check::CheckArgs),
    /// Write a yakkan.yaml for the documents of a folder (never over an existing one).
    Init {
        /// The folder (default: the current one).
        dir: Option<PathBuf>,
    },
    /// List the rule catalogue.
    Rules {
        #[arg(long, value_enum, default_value = "human")]
        format: RulesFormat,
    },
    /// Print a rule's text: what it finds, why it matters, an example, how to fix
    #[command(visible_alias = "explain")]
    Rule {
        /// A rule code (Y601) or name (mixed-digit-width).
        rule: String,
    },
    /// Print the clause model of one document (`-`: standard input).
    Parse {
        file: PathBuf,
        #[arg(long, value_enum, default_value = "yaml")]
        format: ModelFormat,
        /// The name of the document read from standard input.
        #[arg(long, value_name = "NAME")]
        stdin_filename: Option<PathBuf>,
    },
    /// Print the canonical clean text of a document (`-`: standard input), or rewrite
    /// it with --write.
    Fmt {
        file: PathBuf,
        /// Replace the file atomically, only when the result differs.
        #[arg(long)]
        write: bool,
        /// The name of the document read from standard input.
        #[arg(long, value_name = "NAME")]
        stdin_filename: Option<PathBuf>,
    },
    /// Write the clause index: contents, defined terms, references, precedence graph.
    Index {
        /// A corpus folder (with yakkan.yaml), a manifest, or a document (default: clauses).
        path: Option<PathBuf>,
        /// Default: from the extension of -o, else md.
        #[arg(long, value_parser = ["md", "html", "json"])]
        format: Option<String>,
        /// Write to FILE instead of standard output (never to an input of the corpus).
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Compare two revisions (files, or corpus folders): a 新旧対照表 and stale references.
    Diff {
        old: PathBuf,
        new: PathBuf,
        /// Default: from the extension of -o, else md.
        #[arg(long, value_parser = ["md", "html", "json"])]
        format: Option<String>,
        /// Write to FILE instead of standard output (never to OLD, NEW or a file in them).
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
        /// Exit 1 on stale references.
        #[arg(long, value_enum)]
        deny: Option<DiffDeny>,
    },
    /// List the statutes citations are checked against, with their revision.
    Statutes {
        /// A corpus folder or manifest whose `statutes:` to include (default: shipped only).
        path: Option<PathBuf>,
        #[arg(long, value_enum, default_value = "human")]
        format: RulesFormat,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(Outcome { stdout, code }) => emit(&stdout, code),
        Err(msg) => {
            report_error(&msg);
            ExitCode::from(2)
        }
    }
}

/// Write a command's output to a locked standard output — the one way command output
/// leaves the process. A reader that went away (`| head`) ends the command quietly with
/// the code it had earned; any other write error (a full disk) is one line on standard
/// error and exit 2.
fn emit(text: &str, code: ExitCode) -> ExitCode {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => code,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => code,
        Err(e) => {
            report_error(&format!("cannot write the output: {e}"));
            ExitCode::from(2)
        }
    }
}

/// `error: …` on standard error; never panics, even when standard error is gone.
fn report_error(msg: &str) {
    let _ = writeln!(std::io::stderr().lock(), "error: {msg}");
}

/// A line on standard error that is not an error (`formatted FILE`).
fn report(msg: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{msg}");
}

fn run(cli: Cli) -> Result<Outcome, String> {
    yakkan::limits::set_max_file_size(cli.max_file_size);
    yakkan::limits::set_allow_outside(cli.allow_outside);
    let policy = yakkan::write::Policy { force: cli.force };
    match cli.command {
        Command::Check(args) => cli::check::run(args, policy),
        Command::Init { dir } => {
            let dir = dir.unwrap_or_else(|| PathBuf::from("."));
            let path = yakkan::corpus::init::init(&dir).map_err(|e| e.to_string())?;
            report(&format!(
                "wrote {} (check it with `yakkan check {}`)",
                path.display(),
                dir.display()
            ));
            Ok(Outcome::ok(String::new()))
        }
        Command::Rules { format } => {
            let rules = yakkan::lint::registry();
            let mut out = String::new();
            match format {
                RulesFormat::Human => {
                    for r in rules {
                        let m = r.meta();
                        let _ = writeln!(
                            out,
                            "{}  {:<30} {:<8} {}",
                            m.code,
                            m.name,
                            m.severity.as_str(),
                            m.summary
                        );
                    }
                }
                RulesFormat::Json => {
                    let list: Vec<serde_json::Value> = rules
                        .iter()
                        .map(|r| {
                            let m = r.meta();
                            serde_json::json!({"code": m.code, "name": m.name, "severity": m.severity.as_str(), "summary": m.summary, "explain": m.explain()})
                        })
                        .collect();
                    out = serde_json::to_string_pretty(&list).map_err(|e| e.to_string())? + "\n";
                }
            }
            Ok(Outcome::ok(out))
        }
        Command::Statutes { path, format } => {
            let table = match path {
                Some(p) => {
                    yakkan::Corpus::load(&[p])
                        .map_err(|e| e.to_string())?
                        .statutes
                }
                None => yakkan::statutes::Table::default(),
            };
            let json = matches!(format, RulesFormat::Json);
            Ok(Outcome::ok(yakkan::statutes::listing(&table, json)))
        }
        Command::Rule { rule } => {
            let r = yakkan::lint::find_rule(&rule)
                .ok_or_else(|| format!("unknown rule `{rule}` (see `yakkan rules`)"))?;
            let m = r.meta();
            Ok(Outcome::ok(format!(
                "{} {} ({} by default)\n\n{}\n\n{}\n",
                m.code,
                m.name,
                m.severity.as_str(),
                m.summary,
                m.explain().trim_end()
            )))
        }
        Command::Parse {
            file,
            format,
            stdin_filename,
        } => {
            let src = Arc::new(load_source(&file, stdin_filename.as_ref())?);
            let doc = yakkan::parse_text_source(src);
            let out = match format {
                ModelFormat::Yaml => serde_yaml::to_string(&doc).map_err(|e| e.to_string())?,
                ModelFormat::Json => {
                    serde_json::to_string_pretty(&doc).map_err(|e| e.to_string())? + "\n"
                }
            };
            Ok(Outcome::ok(out))
        }
        Command::Fmt {
            file,
            write,
            stdin_filename,
        } => {
            if write && cli::is_stdin(&file) {
                return Err("--write rewrites a file; standard input has none".into());
            }
            let src = load_source(&file, stdin_filename.as_ref())?;
            let text = yakkan::fmt::format_source(&src);
            if !write {
                return Ok(Outcome::ok(text));
            }
            // Written in the file's own encoding and line ends, through a symlink to its
            // target; a text the encoding cannot hold leaves the file as it was.
            let changed = yakkan::fmt::write_formatted(&file, &src, &text, policy)
                .map_err(|e| e.to_string())?;
            if changed {
                report(&format!("formatted {}", file.display()));
            }
            Ok(Outcome::ok(String::new()))
        }
        Command::Index {
            path,
            format,
            output,
        } => {
            let path = path.unwrap_or_else(|| PathBuf::from("clauses"));
            let corpus = yakkan::Corpus::load(&[path]).map_err(|e| e.to_string())?;
            let format = output_format(format, output.as_ref());
            let format = yakkan::index::Format::parse(&format)
                .ok_or_else(|| format!("unknown format `{format}` (use md, html or json)"))?;
            let out = yakkan::index::render(&corpus, format);
            match output {
                Some(file) => {
                    yakkan::index::write_output(&corpus, &file, &out)?;
                    Ok(Outcome::ok(String::new()))
                }
                None => Ok(Outcome::ok(out)),
            }
        }
        Command::Diff {
            old,
            new,
            format,
            output,
            deny,
        } => {
            let format = output_format(format, output.as_ref());
            let (text, summary) = match output {
                Some(file) => {
                    let summary = yakkan::diff::run(&old, &new, &format, Some(&file))
                        .map_err(|e| e.to_string())?;
                    (String::new(), summary)
                }
                None => {
                    let format = yakkan::diff::Format::parse(&format).ok_or_else(|| {
                        yakkan::diff::DiffError::Format(format.clone()).to_string()
                    })?;
                    let (diff, _, _) =
                        yakkan::diff::diff_paths(&old, &new).map_err(|e| e.to_string())?;
                    (yakkan::diff::render(&diff, format), diff.summary)
                }
            };
            let stale = summary.stale_references;
            if deny.is_some() && stale > 0 {
                report(&format!(
                    "{} still {} at an old number",
                    yakkan::report::plural(stale, "stale reference", "stale references"),
                    if stale == 1 { "points" } else { "point" }
                ));
            }
            Ok(Outcome::with_code(text, deny.is_some() && stale > 0))
        }
    }
}

/// `--format` when given, else the format `-o`'s extension names, else Markdown.
fn output_format(format: Option<String>, output: Option<&PathBuf>) -> String {
    format
        .or_else(|| {
            cli::format_of_output(output.map(PathBuf::as_path), &["md", "html", "json"])
                .map(str::to_string)
        })
        .unwrap_or_else(|| "md".to_string())
}

/// A document from its file, or from standard input for `-`.
fn load_source(
    file: &std::path::Path,
    stdin_filename: Option<&PathBuf>,
) -> Result<yakkan::SourceFile, String> {
    if cli::is_stdin(file) {
        let bytes = cli::read_stdin()?;
        yakkan::SourceFile::from_bytes(&cli::stdin_name(stdin_filename), &bytes)
            .map_err(|e| e.to_string())
    } else {
        yakkan::SourceFile::load(file).map_err(|e| e.to_string())
    }
}
