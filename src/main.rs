//! The `yakkan` command line: parses arguments and calls the library.

use clap::{Parser, Subcommand, ValueEnum};
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

#[derive(Subcommand)]
enum Command {
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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(msg) => {
            eprintln!("error: {msg}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode, String> {
    match cli.command {
        Command::Parse { file, format } => {
            let src = Arc::new(yakkan::SourceFile::load(&file).map_err(|e| e.to_string())?);
            let doc = yakkan::parse_text_source(src);
            let out = match format {
                ModelFormat::Yaml => serde_yaml::to_string(&doc).map_err(|e| e.to_string())?,
                ModelFormat::Json => {
                    serde_json::to_string_pretty(&doc).map_err(|e| e.to_string())? + "\n"
                }
            };
            print!("{out}");
            Ok(ExitCode::SUCCESS)
        }
        Command::Fmt { file, write } => {
            let src = yakkan::SourceFile::load(&file).map_err(|e| e.to_string())?;
            let text = yakkan::fmt::format_source(&src);
            if write {
                let changed = yakkan::fmt::write_if_changed(&file, &text)
                    .map_err(|e| format!("{}: cannot write the file: {e}", file.display()))?;
                if changed {
                    eprintln!("formatted {}", file.display());
                }
            } else {
                print!("{text}");
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
