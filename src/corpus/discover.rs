//! Which corpus a run lints, found as ruff finds its configuration: with no path, the
//! nearest `yakkan.yaml` from the current folder upward, else the shipped `clauses/`
//! (in this repository), else the documents of the current folder; a document is checked in the corpus of
//! the nearest `yakkan.yaml` above it that lists it — with that manifest's rules,
//! glossary, external names and precedence, the other documents there for
//! cross-references — and only its own findings are reported. `--config FILE` names
//! the manifest, `--isolated` uses none. Standard input stands in for a document.

use super::{distinct, is_corpus_path, is_folder_document, Corpus, CorpusError, Manifest};
use std::path::{Component, Path, PathBuf};

/// The text of a document read from standard input (`check -`).
#[derive(Debug, Clone)]
pub struct Stdin {
    /// The name it goes by (`--stdin-filename`), for messages and discovery.
    pub name: PathBuf,
    pub bytes: Vec<u8>,
}

/// How the run was asked to find its manifest.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// `--config FILE`: this manifest, not the nearest one.
    pub config: Option<PathBuf>,
    /// `--isolated`: no manifest at all.
    pub isolated: bool,
    /// The document read from standard input, when a path was `-`.
    pub stdin: Option<Stdin>,
}

/// A corpus and which of its documents to report on.
pub struct Discovered {
    pub corpus: Corpus,
    /// The documents whose findings are reported; `None` for all.
    pub report: Option<Vec<usize>>,
}

/// The name standard input goes by without `--stdin-filename`.
pub const STDIN_NAME: &str = "<stdin>";

/// The folder a path lies in, lexically (`a/b.txt` → `a`, `b.txt` → `.`).
fn folder_of(p: &Path) -> PathBuf {
    match p.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// The folder above, lexically where that is exact (`a/b` → `a`, `.` → `..`).
fn up(dir: &Path) -> PathBuf {
    match dir.components().next_back() {
        Some(Component::Normal(_)) => folder_of(dir),
        Some(Component::CurDir) | None => PathBuf::from(".."),
        _ => dir.join(".."),
    }
}

/// The nearest `yakkan.yaml` in `dir` or a folder above it, as a path relative to
/// `dir` when `dir` is relative (`../yakkan.yaml`).
pub fn nearest_manifest(dir: &Path) -> Option<PathBuf> {
    let mut canon = dir.canonicalize().ok()?;
    let mut dir = dir.to_path_buf();
    loop {
        // `yakkan.yaml`, not `./yakkan.yaml`: document paths are shown as they join.
        let m = if dir == Path::new(".") {
            PathBuf::from("yakkan.yaml")
        } else {
            dir.join("yakkan.yaml")
        };
        if m.is_file() {
            return Some(m);
        }
        if !canon.pop() {
            return None;
        }
        dir = up(&dir);
    }
}

/// An absolute, symlink-resolved form of a path (lexical when it does not exist).
pub fn resolve(p: &Path) -> PathBuf {
    if let Ok(c) = p.canonicalize() {
        return c;
    }
    let abs = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(p)
    };
    match (
        abs.parent().and_then(|d| d.canonicalize().ok()),
        abs.file_name(),
    ) {
        (Some(d), Some(n)) => d.join(n),
        _ => abs,
    }
}

/// The documents of a folder (never its manifest), sorted.
pub fn folder_documents(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file() && is_folder_document(p))
                .map(|p| p.strip_prefix("./").map(Path::to_path_buf).unwrap_or(p))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// The corpus `check` lints for these paths (`-` is standard input).
pub fn discover(paths: &[PathBuf], opts: &Options) -> Result<Discovered, CorpusError> {
    let stdin_name = opts.stdin.as_ref().map(|s| s.name.clone());
    let paths: Vec<PathBuf> = paths
        .iter()
        .map(|p| match (&stdin_name, p.as_os_str() == "-") {
            (Some(name), true) => name.clone(),
            _ => p.clone(),
        })
        .collect();
    let stdin = opts.stdin.as_ref();
    let all = |corpus| Discovered {
        corpus,
        report: None,
    };
    if paths.is_empty() {
        if let Some(cfg) = &opts.config {
            return Ok(all(Corpus::load_manifest_with(cfg, None)?));
        }
        if !opts.isolated {
            if let Some(m) = nearest_manifest(Path::new(".")) {
                return Ok(all(Corpus::load_manifest_with(&m, None)?));
            }
        }
        // The project's own shipped corpus (SPEC §3: the default of `yakkan check`),
        // before the folder's documents: in this repository they are its own notes.
        let shipped = Path::new("clauses").join("yakkan.yaml");
        if !opts.isolated && shipped.is_file() {
            return Ok(all(Corpus::load_manifest_with(&shipped, None)?));
        }
        let docs = folder_documents(Path::new("."));
        super::confine::confine_folder(Path::new("."), &docs)?;
        if !docs.is_empty() {
            return Ok(all(Corpus::load_files_with(&docs, None, None)?));
        }
        return Err(CorpusError::NoCorpus(
            std::env::current_dir().unwrap_or_else(|_| PathBuf::from(".")),
        ));
    }
    let is_stdin = |p: &Path| stdin_name.as_deref() == Some(p);
    for p in &paths {
        if !is_stdin(p) && !p.exists() {
            return Err(CorpusError::Missing(p.clone()));
        }
    }
    // A corpus given by its folder or manifest is that corpus (a folder under
    // --isolated: its documents without the manifest).
    if paths.iter().any(|p| !is_stdin(p) && is_corpus_path(p)) {
        if opts.config.is_some() {
            return Err(CorpusError::ConfigWithCorpus);
        }
        if let [dir] = &paths[..] {
            if opts.isolated && dir.is_dir() {
                let docs = folder_documents(dir);
                if docs.is_empty() {
                    return Err(CorpusError::Empty(dir.clone()));
                }
                super::confine::confine_folder(dir, &docs)?;
                return Ok(all(Corpus::load_files_with(&docs, None, None)?));
            }
        }
        return Ok(all(Corpus::load(&paths)?));
    }
    // A file given twice (`a.txt`, `./a.txt`) is one document.
    let paths = distinct(&paths);
    if opts.isolated {
        return Ok(all(Corpus::load_files_with(&paths, None, stdin)?));
    }
    // Documents: the manifest that governs them, if they share one.
    let manifests: Vec<Option<PathBuf>> = match &opts.config {
        Some(cfg) => vec![Some(cfg.clone()); paths.len()],
        None => paths
            .iter()
            .map(|p| nearest_manifest(&folder_of(p)))
            .collect(),
    };
    let first = manifests[0].clone();
    let shared = first.filter(|m| {
        manifests
            .iter()
            .all(|x| x.as_ref().is_some_and(|x| resolve(x) == resolve(m)))
    });
    let Some(m) = shared else {
        return Ok(all(Corpus::load_files_with(&paths, None, stdin)?));
    };
    let (manifest, text) = Manifest::load(&m)?;
    let root = folder_of(&m);
    let listed: Vec<PathBuf> = manifest
        .documents
        .iter()
        .map(|d| resolve(&root.join(&d.path)))
        .collect();
    let wanted: Vec<PathBuf> = paths.iter().map(|p| resolve(p)).collect();
    if wanted.iter().all(|w| listed.contains(w)) {
        let corpus = Corpus::load_manifest_with(&m, stdin)?;
        let mut report: Vec<usize> = wanted
            .iter()
            .filter_map(|w| listed.iter().position(|l| l == w))
            .collect();
        report.sort_unstable();
        report.dedup();
        return Ok(Discovered {
            corpus,
            report: Some(report),
        });
    }
    // Documents the manifest does not list still follow its settings.
    let settings = Manifest {
        documents: Vec::new(),
        precedence: Vec::new(),
        ..manifest
    };
    let corpus = Corpus::load_files_with(&paths, Some((settings, m, text)), stdin)?;
    Ok(all(corpus))
}
