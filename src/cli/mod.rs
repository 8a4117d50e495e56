//! The pieces of the command line that grew past a few lines: `check` (discovery,
//! selection, baseline, fixes, output files), `init`, and what the commands share
//! (standard input, output files, formats taken from `-o`).

pub mod check;

use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// What a command produced: the text for standard output and the exit code it earned.
pub struct Outcome {
    pub stdout: String,
    pub code: ExitCode,
}

impl Outcome {
    pub fn ok(stdout: String) -> Outcome {
        Outcome {
            stdout,
            code: ExitCode::SUCCESS,
        }
    }

    pub fn with_code(stdout: String, failed: bool) -> Outcome {
        Outcome {
            stdout,
            code: if failed {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            },
        }
    }
}

/// Is this path argument `-` (standard input)?
pub fn is_stdin(p: &Path) -> bool {
    p.as_os_str() == "-"
}

/// All of standard input, at most `--max-file-size` bytes.
pub fn read_stdin() -> Result<Vec<u8>, String> {
    let limit = yakkan::limits::max_file_size();
    let mut bytes = Vec::new();
    std::io::stdin()
        .lock()
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read standard input: {e}"))?;
    if bytes.len() as u64 > limit {
        return Err(format!(
            "standard input is larger than the limit of {limit} bytes (--max-file-size)"
        ));
    }
    Ok(bytes)
}

/// The name a document read from standard input goes by.
pub fn stdin_name(given: Option<&PathBuf>) -> PathBuf {
    given
        .cloned()
        .unwrap_or_else(|| PathBuf::from(yakkan::corpus::discover::STDIN_NAME))
}

/// The format an output file's extension names, when it is one of `formats`.
pub fn format_of_output<'a>(output: Option<&Path>, formats: &[&'a str]) -> Option<&'a str> {
    let ext = output?.extension()?.to_str()?.to_ascii_lowercase();
    let ext = if ext == "htm" {
        "html".to_string()
    } else {
        ext
    };
    formats.iter().copied().find(|f| *f == ext)
}

/// A report written to `-o FILE`: never over an input, through the one atomic writer.
pub fn write_report(file: &Path, text: &str, inputs: &[PathBuf]) -> Result<(), String> {
    if yakkan::fmt::names_an_input(file, inputs) {
        return Err(format!(
            "{}: is an input of the corpus; refusing to overwrite it (choose another -o FILE)",
            file.display()
        ));
    }
    yakkan::fmt::write_if_changed(file, text)
        .map(|_| ())
        .map_err(|e| format!("{}: cannot write the file: {e}", file.display()))
}
