//! Limits on what yakkan reads, and the one bounded way it reads a file.
//!
//! * Only regular files are read as documents, manifests, statutes or baselines: a FIFO
//!   would block forever, `/dev/zero` never ends. The check is made before opening
//!   (opening a FIFO blocks) and again on the open file, which is opened non-blocking.
//! * Every read goes through `take(limit + 1)`: never `fs::read` of an unknown size.
//! * A manifest has its own size limit and a nesting-depth limit checked before the
//!   YAML parser sees it ([`yaml_nesting`]).
//!
//! The limits are process-wide settings that the command line sets once
//! (`--max-file-size`, `--allow-outside`) before any file is read.

use std::io::Read as _;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

/// The default largest document: 64 MiB.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 64 << 20;
/// The largest manifest: 1 MiB.
pub const MAX_MANIFEST_SIZE: u64 = 1 << 20;
/// The deepest nesting of YAML collections a manifest may have.
pub const MAX_MANIFEST_DEPTH: usize = 32;

static MAX_FILE_SIZE: AtomicU64 = AtomicU64::new(DEFAULT_MAX_FILE_SIZE);
static ALLOW_OUTSIDE: AtomicBool = AtomicBool::new(false);

/// The largest file read as a document (`--max-file-size`).
pub fn max_file_size() -> u64 {
    MAX_FILE_SIZE.load(Ordering::Relaxed)
}

pub fn set_max_file_size(bytes: u64) {
    MAX_FILE_SIZE.store(bytes, Ordering::Relaxed);
}

/// May manifest and folder entries lead outside the corpus folder (`--allow-outside`)?
pub fn allow_outside() -> bool {
    ALLOW_OUTSIDE.load(Ordering::Relaxed)
}

pub fn set_allow_outside(allow: bool) {
    ALLOW_OUTSIDE.store(allow, Ordering::Relaxed);
}

/// Why a file was not read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("is not a regular file ({0}); only regular files are read")]
    NotRegular(&'static str),
    #[error("is larger than the limit of {limit} bytes (--max-file-size)")]
    TooLarge { limit: u64 },
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

impl ReadError {
    /// As an I/O error (for the errors that hold one).
    pub fn into_io(self) -> std::io::Error {
        match self {
            ReadError::Io(e) => e,
            other => std::io::Error::new(std::io::ErrorKind::InvalidInput, other.to_string()),
        }
    }
}

/// What kind of thing a path is, when it is not a regular file.
fn kind(meta: &std::fs::Metadata) -> Option<&'static str> {
    let t = meta.file_type();
    if t.is_file() {
        return None;
    }
    if t.is_dir() {
        return Some("a folder");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Some("a FIFO");
        }
        if t.is_char_device() || t.is_block_device() {
            return Some("a device");
        }
        if t.is_socket() {
            return Some("a socket");
        }
    }
    Some("not a file")
}

/// Is `path` (followed through symlinks) a regular file? `Err` says what it is.
pub fn check_regular(path: &Path) -> Result<(), ReadError> {
    let meta = std::fs::metadata(path)?;
    match kind(&meta) {
        None => Ok(()),
        Some(k) => Err(ReadError::NotRegular(k)),
    }
}

/// All of a regular file, at most `limit` bytes.
pub fn read_bounded(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    check_regular(path)?;
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // O_NONBLOCK: a FIFO put in the file's place after the check does not block.
        options.custom_flags(0o4000);
    }
    let file = options.open(path)?;
    let meta = file.metadata()?;
    if let Some(k) = kind(&meta) {
        return Err(ReadError::NotRegular(k));
    }
    if meta.len() > limit {
        return Err(ReadError::TooLarge { limit });
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge { limit });
    }
    Ok(bytes)
}

/// The deepest nesting of a YAML text's collections, by a cheap scan that never
/// recurses: flow brackets (`[`, `{`) outside quotes and comments, plus block nesting
/// by indentation (a line indented deeper than the one before opens a level). Returns
/// the depth and the 1-based line where it was first reached past `limit` (or 0).
pub fn yaml_nesting(text: &str, limit: usize) -> (usize, usize) {
    let mut deepest = 0;
    let mut indents: Vec<usize> = Vec::new();
    let mut flow = 0usize;
    for (n, line) in text.lines().enumerate() {
        let body = line.trim_start_matches(' ');
        if body.is_empty() || body.starts_with('#') {
            continue;
        }
        if flow == 0 {
            let indent = line.len() - body.len();
            while indents.last().is_some_and(|&i| i > indent) {
                indents.pop();
            }
            if indents.last() != Some(&indent) {
                indents.push(indent);
            }
            // A list item `- - x` opens a level per dash.
            let dashes = body
                .split_inclusive(' ')
                .take_while(|w| w.trim_end() == "-")
                .count();
            let depth = indents.len() + dashes;
            deepest = deepest.max(depth);
            if depth > limit {
                return (depth, n + 1);
            }
        }
        let mut quote: Option<char> = None;
        for c in body.chars() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '\'' | '"') => quote = Some(c),
                (None, '#') => break,
                (None, '[' | '{') => {
                    flow += 1;
                    let depth = indents.len() + flow;
                    deepest = deepest.max(depth);
                    if depth > limit {
                        return (depth, n + 1);
                    }
                }
                (None, ']' | '}') => flow = flow.saturating_sub(1),
                _ => {}
            }
        }
        crate::work::add(line.len());
    }
    (deepest, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_of_flow_and_block_yaml() {
        assert_eq!(yaml_nesting("a: 1\nb:\n  - x\n", 32).1, 0);
        let deep = format!("documents: {}", "[".repeat(100));
        assert_eq!(yaml_nesting(&deep, 32), (33, 1));
        let quoted = "title: '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[['\n";
        assert_eq!(yaml_nesting(quoted, 32).1, 0);
        let block: String = (0..40)
            .map(|i| format!("{}k{i}:\n", " ".repeat(i)))
            .collect();
        assert_eq!(yaml_nesting(&block, 32).1, 33);
    }

    #[cfg(unix)]
    #[test]
    fn devices_and_folders_are_refused_and_sizes_bounded() {
        let dir = tempfile::tempdir().expect("tempdir");
        assert!(matches!(
            read_bounded(dir.path(), 10),
            Err(ReadError::NotRegular("a folder"))
        ));
        if Path::new("/dev/zero").exists() {
            assert!(matches!(
                read_bounded(Path::new("/dev/zero"), 10),
                Err(ReadError::NotRegular("a device"))
            ));
        }
        let f = dir.path().join("a.txt");
        std::fs::write(&f, "0123456789x").expect("write");
        assert!(matches!(
            read_bounded(&f, 10),
            Err(ReadError::TooLarge { limit: 10 })
        ));
        assert_eq!(read_bounded(&f, 11).expect("read").len(), 11);
    }
}
