//! The corpus: documents that are checked together — base terms, terms, specs and
//! individual conditions. Loading (manifest or plain files), name and group resolution,
//! cross-document references, the precedence graph and the uses of defined terms.

mod confine;
mod conflict;
pub mod discover;
pub mod init;
pub mod manifest;
mod names;
pub mod precedence;
mod terms;

pub use conflict::{Conflict, Side};
pub use manifest::{Manifest, ManifestError};
pub use names::{NameTarget, Names};
pub(crate) use terms::{automaton, WordFinder};
pub use terms::{TermKeys, TermUse};

use crate::model::Document;
use crate::source::{SourceError, SourceFile};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Why a corpus could not be loaded (exit code 2).
#[derive(Debug, thiserror::Error)]
pub enum CorpusError {
    #[error(transparent)]
    Source(#[from] SourceError),
    #[error(transparent)]
    Manifest(#[from] ManifestError),
    #[error("{0}: no such file or folder")]
    Missing(PathBuf),
    #[error(
        "{0}: the folder has no yakkan.yaml and no .txt, .md, .docx or .pdf documents \
         (README, CHANGELOG, LICENSE and CONTRIBUTING files are not documents)"
    )]
    Empty(PathBuf),
    #[error(
        "{0}: a corpus folder or manifest cannot be combined with other paths; \
         pass a corpus folder or manifest alone, or documents"
    )]
    Mixed(PathBuf),
    #[error(transparent)]
    Statute(#[from] crate::statutes::StatuteError),
    #[error(
        "{0}: no yakkan.yaml here or in a folder above, and no .txt or .md documents here; \
         pass a corpus folder, a manifest or documents (or run `yakkan init`)"
    )]
    NoCorpus(PathBuf),
    #[error(
        "{origin}: `{entry}` leads outside the corpus folder ({why}); refusing to read it \
         (pass --allow-outside to allow it)"
    )]
    Outside {
        origin: PathBuf,
        entry: String,
        why: &'static str,
    },
    #[error("--config names the manifest for documents; pass documents (or no path), not a corpus folder or manifest")]
    ConfigWithCorpus,
}

/// Is this path a corpus (a folder or a manifest) rather than a document?
fn is_corpus_path(p: &Path) -> bool {
    p.is_dir() || matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml"))
}

/// Is this file of a folder without a manifest a document: `.txt`, `.md`, `.docx` or
/// `.pdf`, and not a
/// project file (README, CHANGELOG, LICENSE, CONTRIBUTING) or a hidden file?
fn is_folder_document(p: &Path) -> bool {
    let ext = p.extension().and_then(|e| e.to_str());
    if !matches!(ext, Some("txt" | "md" | "docx" | "pdf" | "DOCX" | "PDF")) {
        return false;
    }
    let Some(name) = p
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_uppercase())
    else {
        return false;
    };
    !name.starts_with('.')
        && !["README", "CHANGELOG", "LICENSE", "CONTRIBUTING"]
            .iter()
            .any(|stem| name.starts_with(stem))
}

/// The paths without repeats: two paths that lead to the same file (`a.txt`, `./a.txt`,
/// a symlink) count once; the first one given is kept.
fn distinct(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut seen = foldhash::HashSet::default();
    paths
        .iter()
        .filter(|p| seen.insert(p.canonicalize().unwrap_or_else(|_| p.to_path_buf())))
        .cloned()
        .collect()
}

/// Where a cross-document reference leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RefTarget {
    /// A reference within its own document.
    Own,
    /// Documents of the corpus (one, or the members of a group such as 仕様書).
    Documents(Vec<usize>),
    /// A statute or a name the manifest lists as external.
    External,
    /// A name the corpus does not know.
    Unknown,
}

/// One edge of the precedence graph: `higher` prevails over `lower`, as stated by the
/// statement `statement` of document `doc`.
#[derive(Debug, Clone)]
pub struct PrecedenceEdge {
    pub higher: usize,
    pub lower: usize,
    pub doc: usize,
    pub statement: usize,
}

/// A linked corpus.
pub struct Corpus {
    pub docs: Vec<Document>,
    pub manifest: Manifest,
    /// The manifest file and its text, when there is one.
    pub manifest_path: Option<PathBuf>,
    pub manifest_text: String,
    pub names: Names,
    /// For every document, for every reference: where it leads.
    pub ref_targets: Vec<Vec<RefTarget>>,
    pub edges: Vec<PrecedenceEdge>,
    /// For every document: the uses of defined terms, in order.
    pub uses: Vec<Vec<TermUse>>,
    /// The terms the uses name ([`Corpus::term`]).
    pub term_keys: TermKeys,
    /// For every document: the indices of the precedence edges that leave it.
    pub out_edges: Vec<Vec<usize>>,
    /// For every document: the documents it applies together with — those it cites or
    /// names, those that cite or name it, those a precedence statement or the manifest's
    /// `precedence:` orders it against. Sorted, without itself.
    pub related: Vec<Vec<usize>>,
    /// The statutes citations are checked against: the shipped tables and the
    /// manifest's `statutes:`.
    pub statutes: crate::statutes::Table,
    /// The conflicts between documents (Y501/Y502), computed by the lint's conflict
    /// rules on first use (`lint::rules::conflicts::conflicts`) and shared by every rule
    /// that reads them, so that a run computes them once. A corpus is not changed after
    /// it is linked, so they stay true.
    pub conflicts: std::sync::OnceLock<Vec<Conflict>>,
    /// The manifest's documents by id ([`Corpus::manifest_entry`]), gathered on first use.
    manifest_entries: std::sync::OnceLock<foldhash::HashMap<String, usize>>,
}

impl Corpus {
    /// Load a corpus from a folder (with `yakkan.yaml`), a manifest file, or documents.
    ///
    /// A folder or a manifest comes alone; documents may be many, and a file given twice
    /// (by the same or another path) is read once. A folder without a manifest holds the
    /// `.txt` and `.md` documents in it, less the project files (README, CHANGELOG,
    /// LICENSE, CONTRIBUTING) and hidden files.
    pub fn load(paths: &[PathBuf]) -> Result<Corpus, CorpusError> {
        for p in paths {
            if !p.exists() {
                return Err(CorpusError::Missing(p.clone()));
            }
        }
        let paths = distinct(paths);
        if paths.len() > 1 {
            if let Some(p) = paths.iter().find(|p| is_corpus_path(p)) {
                return Err(CorpusError::Mixed(p.clone()));
            }
        }
        if let [one] = &paths[..] {
            if one.is_dir() {
                let m = one.join("yakkan.yaml");
                if m.is_file() {
                    return Corpus::load_manifest(&m);
                }
                let mut files: Vec<PathBuf> = std::fs::read_dir(one)
                    .map_err(|_| CorpusError::Missing(one.clone()))?
                    .filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.is_file() && is_folder_document(p))
                    .collect();
                files.sort();
                if files.is_empty() {
                    return Err(CorpusError::Empty(one.clone()));
                }
                confine::confine_folder(one, &files)?;
                return Corpus::load_files(&files);
            }
            if is_corpus_path(one) {
                return Corpus::load_manifest(one);
            }
        }
        Corpus::load_files(&paths)
    }

    fn load_manifest(path: &Path) -> Result<Corpus, CorpusError> {
        Corpus::load_manifest_with(path, None)
    }

    /// Load the corpus of a manifest; `stdin` stands in for the document of its name.
    fn load_manifest_with(
        path: &Path,
        stdin: Option<&discover::Stdin>,
    ) -> Result<Corpus, CorpusError> {
        if !path.is_file() {
            return Err(CorpusError::Missing(path.to_path_buf()));
        }
        let (manifest, text) = Manifest::load(path)?;
        let root = path.parent().unwrap_or(Path::new("."));
        let root = if root.as_os_str().is_empty() {
            Path::new(".")
        } else {
            root
        };
        for entry in manifest
            .documents
            .iter()
            .map(|d| &d.path)
            .chain(&manifest.statutes)
        {
            confine::confine(root, Path::new(entry), path)?;
        }
        manifest.check_files(path, &text, root)?;
        let entries: Vec<(PathBuf, String)> = manifest
            .documents
            .iter()
            .map(|d| (root.join(&d.path), d.id()))
            .collect();
        let statutes =
            crate::statutes::Table::default().with_user_files(root, &manifest.statutes)?;
        let docs = parse_all(&entries, stdin)?;
        let mut corpus = Corpus::link(docs, manifest, Some(path.to_path_buf()), text);
        corpus.statutes = statutes;
        Ok(corpus)
    }

    fn load_files(paths: &[PathBuf]) -> Result<Corpus, CorpusError> {
        Corpus::load_files_with(paths, None, None)
    }

    /// Load documents as one corpus, with the settings of a manifest (its path and
    /// text) when one governs them; `stdin` stands in for the document of its name.
    fn load_files_with(
        paths: &[PathBuf],
        settings: Option<(Manifest, PathBuf, String)>,
        stdin: Option<&discover::Stdin>,
    ) -> Result<Corpus, CorpusError> {
        let entries: Vec<(PathBuf, String)> = paths
            .iter()
            .map(|p| {
                (
                    p.clone(),
                    p.file_stem()
                        .map(|s| s.to_string_lossy().into_owned())
                        .unwrap_or_default(),
                )
            })
            .collect();
        let docs = parse_all(&entries, stdin)?;
        Ok(match settings {
            Some((manifest, path, text)) => Corpus::link(docs, manifest, Some(path), text),
            None => Corpus::link(docs, Manifest::default(), None, String::new()),
        })
    }

    /// Link parsed documents into a corpus.
    pub fn link(
        mut docs: Vec<Document>,
        manifest: Manifest,
        manifest_path: Option<PathBuf>,
        manifest_text: String,
    ) -> Corpus {
        // The statute table is decoded on the side while the documents are linked.
        let (statutes, (names, ref_targets, edges, (term_keys, uses))) =
            rayon::join(crate::statutes::Table::default, || {
                let names = Names::build(&docs);
                let ref_targets = names::resolve_references(&mut docs, &names, &manifest);
                let edges = names::precedence_edges(&docs, &names);
                let (term_keys, uses) = terms::find_uses(&docs);
                (names, ref_targets, edges, (term_keys, uses))
            });
        let mut out_edges = vec![Vec::new(); docs.len()];
        for (i, e) in edges.iter().enumerate() {
            out_edges[e.higher].push(i);
        }
        let related = related_documents(&docs, &names, &ref_targets, &edges, &manifest);
        Corpus {
            docs,
            manifest,
            manifest_path,
            manifest_text,
            names,
            ref_targets,
            edges,
            uses,
            term_keys,
            out_edges,
            related,
            statutes,
            conflicts: std::sync::OnceLock::new(),
            manifest_entries: std::sync::OnceLock::new(),
        }
    }

    /// The index of the document with this id.
    pub fn doc_by_id(&self, id: &str) -> Option<usize> {
        self.docs.iter().position(|d| d.id == id)
    }

    /// The manifest's entry for the document with this id (the first that gives it), when
    /// the corpus has a manifest file. Looked up, not searched: each document asks for its
    /// own, and a manifest lists every document of a large corpus.
    pub fn manifest_entry(&self, id: &str) -> Option<&manifest::DocumentEntry> {
        self.manifest_path.as_ref()?;
        let by_id = self.manifest_entries.get_or_init(|| {
            let mut by_id = foldhash::HashMap::default();
            for (i, e) in self.manifest.documents.iter().enumerate() {
                by_id.entry(e.id()).or_insert(i);
            }
            by_id
        });
        by_id.get(id).map(|&i| &self.manifest.documents[i])
    }
}

/// Which documents apply together (see [`Corpus::related`]): linear in the number of
/// references, names and edges, never in the square of the documents.
fn related_documents(
    docs: &[Document],
    names: &Names,
    ref_targets: &[Vec<RefTarget>],
    edges: &[PrecedenceEdge],
    manifest: &Manifest,
) -> Vec<Vec<usize>> {
    let mut related: Vec<Vec<usize>> = vec![Vec::new(); docs.len()];
    let mut link = |a: usize, b: usize| {
        if a != b {
            related[a].push(b);
            related[b].push(a);
        }
    };
    for (d, targets) in ref_targets.iter().enumerate() {
        for t in targets {
            if let RefTarget::Documents(ds) = t {
                ds.iter().for_each(|&x| link(d, x));
            }
        }
    }
    for d in 0..docs.len() {
        for x in names.named_by(d) {
            link(d, x);
        }
    }
    for e in edges {
        link(e.higher, e.lower);
    }
    // The manifest's order relates consecutive documents; transitivity is not needed
    // for "applies together" (it is for "prevails", which precedence rules compute).
    let ordered: Vec<usize> = manifest
        .precedence
        .iter()
        .filter_map(|id| docs.iter().position(|d| d.id == *id))
        .collect();
    for w in ordered.windows(2) {
        link(w[0], w[1]);
    }
    for r in &mut related {
        r.sort_unstable();
        r.dedup();
    }
    related
}

impl Corpus {
    /// The key of the term a use is a use of (NFKC, no spaces).
    pub fn term(&self, u: &TermUse) -> &str {
        self.term_keys.of(u)
    }

    /// Pairs (a, b), a < b, of documents that apply together.
    pub fn related_pairs(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.related
            .iter()
            .enumerate()
            .flat_map(|(a, rs)| rs.iter().filter(move |&&b| b > a).map(move |&b| (a, b)))
    }
}

/// Parse documents in parallel; the order of `entries` is kept. The document that
/// `stdin` is named for is read from its bytes, not from the file.
fn parse_all(
    entries: &[(PathBuf, String)],
    stdin: Option<&discover::Stdin>,
) -> Result<Vec<Document>, SourceError> {
    let stdin_target = stdin.map(|s| same_file_key(&s.name));
    entries
        .par_iter()
        .map(|(path, id)| {
            let src = match (stdin, &stdin_target) {
                (Some(s), Some(t)) if same_file_key(path) == *t => {
                    Arc::new(SourceFile::from_bytes(path, &s.bytes)?)
                }
                _ => Arc::new(SourceFile::load(path)?),
            };
            let mut doc = crate::parse::parse_source(src, id).document;
            crate::extract::extract(&mut doc);
            Ok(doc)
        })
        .collect()
}

/// What two paths to one file have in common: the resolved path when it exists, else
/// the path as given.
fn same_file_key(p: &Path) -> PathBuf {
    p.canonicalize().unwrap_or_else(|_| p.to_path_buf())
}
