//! `yakkan init [DIR]`: a `yakkan.yaml` for the documents of a folder — every document,
//! the precedence their own sentences state (highest first), and the statutes they cite
//! as `external:`. It never overwrites a manifest.

use super::discover::folder_documents;
use super::{Corpus, CorpusError, Manifest, RefTarget};
use std::path::{Path, PathBuf};

/// Why no manifest was written (exit code 2).
#[derive(Debug, thiserror::Error)]
pub enum InitError {
    #[error("{0}: already exists; `yakkan init` never overwrites a manifest")]
    Exists(PathBuf),
    #[error("{0}: no .txt or .md documents in the folder")]
    Empty(PathBuf),
    #[error("{0}: no such folder")]
    NotAFolder(PathBuf),
    #[error(transparent)]
    Corpus(#[from] CorpusError),
    #[error("{0}: cannot write the manifest: {1}")]
    Write(PathBuf, std::io::Error),
}

/// A YAML scalar for a path, id or name: plain when that is unambiguous, else quoted.
fn scalar(s: &str) -> String {
    let plain = !s.is_empty()
        && !s.starts_with([
            '-', '?', ' ', '!', '&', '*', '\'', '"', '%', '@', '`', '|', '>',
        ])
        && !s.ends_with(' ')
        && !s.contains([':', '#', ',', '[', ']', '{', '}', '\n', '\t'])
        && !matches!(
            s.to_ascii_lowercase().as_str(),
            "null" | "true" | "false" | "yes" | "no" | "on" | "off" | "~"
        )
        && s.parse::<f64>().is_err();
    if plain {
        s.to_string()
    } else {
        serde_json::to_string(s).unwrap_or_default()
    }
}

/// Does a cited name look like a statute (電気通信事業法, 個人情報の保護に関する法律, …令)?
fn is_statute_name(name: &str) -> bool {
    [
        "法",
        "法律",
        "政令",
        "施行令",
        "施行規則",
        "省令",
        "規則",
        "条例",
    ]
    .iter()
    .any(|end| name.ends_with(end))
        && !name.starts_with('本')
}

/// The documents in precedence order, highest first, from the edges their statements
/// give: a topological order; documents the statements leave unordered keep the order
/// in which a higher document's statements name them, then their file order.
fn precedence(corpus: &Corpus) -> Vec<usize> {
    let n = corpus.docs.len();
    let mut indegree = vec![0usize; n];
    let mut edges: Vec<(usize, usize, usize)> = corpus
        .edges
        .iter()
        .filter(|e| e.higher != e.lower)
        .map(|e| (e.higher, e.lower, e.statement))
        .collect();
    edges.sort_unstable();
    edges.dedup_by_key(|e| (e.0, e.1));
    for e in &edges {
        indegree[e.1] += 1;
    }
    let involved: Vec<bool> = (0..n)
        .map(|d| edges.iter().any(|e| e.0 == d || e.1 == d))
        .collect();
    let mut order = Vec::new();
    let mut ready: Vec<usize> = (0..n)
        .filter(|&d| involved[d] && indegree[d] == 0)
        .collect();
    while let Some(d) = (!ready.is_empty()).then(|| ready.remove(0)) {
        order.push(d);
        for e in edges.iter().filter(|e| e.0 == d) {
            indegree[e.1] -= 1;
            if indegree[e.1] == 0 {
                ready.push(e.1);
            }
        }
    }
    // A cycle (Y402 reports it) leaves its documents out rather than guess.
    order
}

/// The text of the manifest for the documents of `dir` (paths relative to it).
pub fn manifest_text(dir: &Path) -> Result<String, InitError> {
    if !dir.is_dir() {
        return Err(InitError::NotAFolder(dir.to_path_buf()));
    }
    let files = folder_documents(dir);
    if files.is_empty() {
        return Err(InitError::Empty(dir.to_path_buf()));
    }
    let corpus = Corpus::load_files(&files)?;
    let mut out = String::from(
        "# The corpus of this folder, written by `yakkan init`; see the README's \"The manifest\".\ndocuments:\n",
    );
    let mut ids: Vec<String> = Vec::new();
    for (f, doc) in files.iter().zip(&corpus.docs) {
        let name = f
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        // Two files with one stem (terms.txt, terms.md) need ids of their own.
        let clash = corpus.docs.iter().filter(|d| d.id == doc.id).count() > 1;
        let id = if clash {
            name.replace('.', "-")
        } else {
            doc.id.clone()
        };
        out.push_str(&format!("  - path: {}", scalar(&name)));
        if clash {
            out.push_str(&format!("\n    id: {}", scalar(&id)));
        }
        let title = doc.title.trim();
        if !title.is_empty() {
            out.push_str(&format!("   # {}", title.replace('\n', " ")));
        }
        out.push('\n');
        ids.push(id);
    }
    let order = precedence(&corpus);
    if order.len() > 1 {
        let list: Vec<String> = order.iter().map(|&d| scalar(&ids[d])).collect();
        out.push_str(&format!(
            "precedence: [{}]   # highest first, as the documents state it\n",
            list.join(", ")
        ));
    }
    let mut external: Vec<String> = Vec::new();
    for (d, targets) in corpus.ref_targets.iter().enumerate() {
        for (r, t) in targets.iter().enumerate() {
            if !matches!(t, RefTarget::External | RefTarget::Unknown) {
                continue;
            }
            let Some(name) = &corpus.docs[d].references[r].document else {
                continue;
            };
            let name = name.trim();
            if is_statute_name(name) && !external.iter().any(|e| e == name) {
                external.push(name.to_string());
            }
        }
    }
    if !external.is_empty() {
        let list: Vec<String> = external.iter().map(|e| scalar(e)).collect();
        out.push_str(&format!(
            "external: [{}]   # statutes the documents cite\n",
            list.join(", ")
        ));
    }
    Ok(out)
}

/// Write `DIR/yakkan.yaml`; an existing one is left as it is (an error).
pub fn init(dir: &Path) -> Result<PathBuf, InitError> {
    let path = dir.join("yakkan.yaml");
    if path.exists() {
        return Err(InitError::Exists(path));
    }
    let text = manifest_text(dir)?;
    // What `check` will read back: a manifest it would refuse is a bug here.
    Manifest::parse(&path, &text).map_err(|e| InitError::Corpus(e.into()))?;
    use std::io::Write as _;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => InitError::Exists(path.clone()),
            _ => InitError::Write(path.clone(), e),
        })?;
    f.write_all(text.as_bytes())
        .and_then(|()| f.sync_all())
        .map_err(|e| InitError::Write(path.clone(), e))?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::scalar;

    #[test]
    fn scalars_are_quoted_only_when_needed() {
        assert_eq!(scalar("terms.txt"), "terms.txt");
        assert_eq!(scalar("電気通信事業法"), "電気通信事業法");
        assert_eq!(scalar("a: b"), "\"a: b\"");
        assert_eq!(scalar("-x"), "\"-x\"");
        assert_eq!(scalar("123"), "\"123\"");
        assert_eq!(scalar("yes"), "\"yes\"");
    }
}
