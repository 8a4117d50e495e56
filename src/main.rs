//! The `yakkan` command line: parses arguments and calls the library.

use clap::{Parser, Subcommand, ValueEnum};
use std::fmt::Write as _;
use std::io::{IsTerminal, Write as _};
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
}

#[derive(Clone, Copy, ValueEnum)]
enum ModelFormat {
    Yaml,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum CheckFormat {
    Human,
    Json,
    Sarif,
    Github,
}

#[derive(Clone, Copy, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, ValueEnum)]
enum Deny {
    Warnings,
}

#[derive(Clone, Copy, ValueEnum)]
enum RulesFormat {
    Human,
    Json,
}

#[derive(Subcommand)]
enum Command {
    /// Lint a corpus folder (with yakkan.yaml), a manifest, or documents (default: clauses).
    Check {
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value = "human")]
        format: CheckFormat,
        /// Treat warnings as errors for the exit code.
        #[arg(long, value_enum)]
        deny: Option<Deny>,
        #[arg(long, value_enum, default_value = "auto")]
        color: ColorChoice,
    },
    /// List the rule catalogue.
    Rules {
        #[arg(long, value_enum, default_value = "human")]
        format: RulesFormat,
    },
    /// Explain a rule: what it finds, why it matters, an example, how to fix.
    Explain {
        /// A rule code (Y601) or name (mixed-digit-width).
        rule: String,
    },
    /// Print the clause model of one document.
    Parse {
        file: PathBuf,
        #[arg(long, value_enum, default_value = "yaml")]
        format: ModelFormat,
    },
    /// Print the canonical clean text of a document (or rewrite it with --write).
    Fmt {
        file: PathBuf,
        /// Replace the file atomically, only when the result differs.
        #[arg(long)]
        write: bool,
    },
    /// Write the clause index: contents, defined terms, references, precedence graph.
    Index {
        /// A corpus folder (with yakkan.yaml), a manifest, or a document (default: clauses).
        path: Option<PathBuf>,
        #[arg(long, default_value = "md", value_parser = ["md", "html", "json"])]
        format: String,
        /// Write to FILE instead of standard output (never to an input of the corpus).
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Compare two revisions (files, or corpus folders): a 新旧対照表 and stale references.
    Diff {
        old: PathBuf,
        new: PathBuf,
        #[arg(long, default_value = "md", value_parser = ["md", "html", "json"])]
        format: String,
        /// Write to FILE instead of standard output (never to OLD, NEW or a file in them).
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
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

/// What a command produced: the text for standard output and the exit code it earned.
struct Outcome {
    stdout: String,
    code: ExitCode,
}

impl Outcome {
    fn ok(stdout: String) -> Outcome {
        Outcome {
            stdout,
            code: ExitCode::SUCCESS,
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
    match cli.command {
        Command::Check {
            paths,
            format,
            deny,
            color,
        } => {
            let paths = if paths.is_empty() {
                vec![PathBuf::from("clauses")]
            } else {
                paths
            };
            let corpus = yakkan::Corpus::load(&paths).map_err(|e| e.to_string())?;
            let diags = yakkan::lint(&corpus);
            let out = match format {
                CheckFormat::Human => {
                    let color = match color {
                        ColorChoice::Always => true,
                        ColorChoice::Never => false,
                        ColorChoice::Auto => {
                            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                                && std::io::stdout().is_terminal()
                        }
                    };
                    yakkan::report::render_human(&corpus, &diags, color)
                }
                CheckFormat::Json => yakkan::report::render_json(&corpus, &diags),
                CheckFormat::Sarif => yakkan::report::render_sarif(&corpus, &diags),
                CheckFormat::Github => yakkan::report::render_github(&corpus, &diags),
            };
            let summary = yakkan::report::Summary::of(&corpus, &diags);
            let failed = summary.errors > 0 || (deny.is_some() && summary.warnings > 0);
            Ok(Outcome {
                stdout: out,
                code: if failed {
                    ExitCode::from(1)
                } else {
                    ExitCode::SUCCESS
                },
            })
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
                            serde_json::json!({"code": m.code, "name": m.name, "severity": m.severity.as_str(), "summary": m.summary, "explain": m.explain})
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
        Command::Explain { rule } => {
            let r = yakkan::lint::find_rule(&rule)
                .ok_or_else(|| format!("unknown rule `{rule}` (see `yakkan rules`)"))?;
            let m = r.meta();
            Ok(Outcome::ok(format!(
                "{} {} ({} by default)\n\n{}\n\n{}\n",
                m.code,
                m.name,
                m.severity.as_str(),
                m.summary,
                m.explain.trim_end()
            )))
        }
        Command::Parse { file, format } => {
            let src = Arc::new(yakkan::SourceFile::load(&file).map_err(|e| e.to_string())?);
            let doc = yakkan::parse_text_source(src);
            let out = match format {
                ModelFormat::Yaml => serde_yaml::to_string(&doc).map_err(|e| e.to_string())?,
                ModelFormat::Json => {
                    serde_json::to_string_pretty(&doc).map_err(|e| e.to_string())? + "\n"
                }
            };
            Ok(Outcome::ok(out))
        }
        Command::Fmt { file, write } => {
            let src = yakkan::SourceFile::load(&file).map_err(|e| e.to_string())?;
            let text = yakkan::fmt::format_source(&src);
            if !write {
                return Ok(Outcome::ok(text));
            }
            // Written in the file's own encoding and line ends, through a symlink to its
            // target; a text the encoding cannot hold leaves the file as it was.
            let changed =
                yakkan::fmt::write_formatted(&file, &src, &text).map_err(|e| e.to_string())?;
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
        } => match output {
            Some(file) => {
                yakkan::diff::run(&old, &new, &format, Some(&file)).map_err(|e| e.to_string())?;
                Ok(Outcome::ok(String::new()))
            }
            None => {
                let format = yakkan::diff::Format::parse(&format)
                    .ok_or_else(|| yakkan::diff::DiffError::Format(format.clone()).to_string())?;
                let (diff, _, _) =
                    yakkan::diff::diff_paths(&old, &new).map_err(|e| e.to_string())?;
                Ok(Outcome::ok(yakkan::diff::render(&diff, format)))
            }
        },
    }
}
