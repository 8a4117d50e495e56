//! The corpus manifest `yakkan.yaml` (SPEC §3), read with serde.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub documents: Vec<DocumentEntry>,
    /// Document ids, highest first.
    #[serde(default)]
    pub precedence: Vec<String>,
    /// Names known to live outside the corpus (statutes, other companies' terms).
    #[serde(default)]
    pub external: Vec<String>,
    /// Words that need no definition.
    #[serde(default)]
    pub glossary: Vec<String>,
    /// Rule code or name → off | info | warning | error.
    #[serde(default)]
    pub rules: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentEntry {
    pub path: String,
    /// Defaults to the file stem.
    #[serde(default)]
    pub id: Option<String>,
}

/// A manifest that cannot be used: the file, the line, and what is wrong.
#[derive(Debug, thiserror::Error)]
#[error("{path}:{line}: {message}")]
pub struct ManifestError {
    pub path: PathBuf,
    pub line: usize,
    pub message: String,
}

impl Manifest {
    /// Read and validate a manifest; document paths are relative to its folder.
    pub fn load(path: &Path) -> Result<(Manifest, String), ManifestError> {
        let text = std::fs::read_to_string(path).map_err(|e| ManifestError {
            path: path.to_path_buf(),
            line: 0,
            message: format!("cannot read the manifest: {e}"),
        })?;
        let manifest = Manifest::parse(path, &text)?;
        Ok((manifest, text))
    }

    pub fn parse(path: &Path, text: &str) -> Result<Manifest, ManifestError> {
        let manifest: Manifest = serde_yaml::from_str(text).map_err(|e| ManifestError {
            path: path.to_path_buf(),
            line: e.location().map_or(0, |l| l.line()),
            message: format!("invalid manifest: {}", strip_location(&e.to_string())),
        })?;
        let err = |needle: &str, message: String| ManifestError {
            path: path.to_path_buf(),
            line: line_of(text, needle),
            message,
        };
        let mut seen = BTreeMap::new();
        for d in &manifest.documents {
            let id = d.id();
            if let Some(first) = seen.insert(id.clone(), d.path.clone()) {
                return Err(err(
                    &d.path,
                    format!(
                        "duplicate document id `{id}` ({first} and {}); give one of them an `id:`",
                        d.path
                    ),
                ));
            }
        }
        for id in &manifest.precedence {
            if !seen.contains_key(id) {
                return Err(err(
                    id,
                    format!("`precedence:` names `{id}`, which is not the id of a document in `documents:`"),
                ));
            }
        }
        for (rule, level) in &manifest.rules {
            if crate::lint::find_rule(rule).is_none() {
                return Err(err(
                    rule,
                    format!("unknown rule `{rule}` in `rules:` (see `yakkan rules`)"),
                ));
            }
            if crate::lint::Level::parse(level).is_none() {
                return Err(err(
                    rule,
                    format!(
                        "rule `{rule}`: `{level}` is not a level; use off, info, warning or error"
                    ),
                ));
            }
        }
        Ok(manifest)
    }

    /// Check that every listed document exists (relative to `root`).
    pub fn check_files(
        &self,
        manifest_path: &Path,
        text: &str,
        root: &Path,
    ) -> Result<(), ManifestError> {
        for d in &self.documents {
            let p = root.join(&d.path);
            if !p.is_file() {
                return Err(ManifestError {
                    path: manifest_path.to_path_buf(),
                    line: line_of(text, &d.path),
                    message: format!("document `{}` does not exist ({})", d.path, p.display()),
                });
            }
        }
        Ok(())
    }
}

impl DocumentEntry {
    pub fn id(&self) -> String {
        self.id.clone().unwrap_or_else(|| {
            Path::new(&self.path)
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default()
        })
    }
}

/// serde_yaml appends " at line N column M"; we print the line ourselves.
fn strip_location(s: &str) -> String {
    match s.find(" at line ") {
        Some(p) => s[..p].to_string(),
        None => s.to_string(),
    }
}

/// 1-based line of the first occurrence of `needle` (0 when absent).
fn line_of(text: &str, needle: &str) -> usize {
    text.find(needle)
        .map_or(0, |p| text[..p].matches('\n').count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_key_names_the_line() {
        let e = Manifest::parse(
            Path::new("y.yaml"),
            "documents:\n  - path: a.txt\nprecedance: [a]\n",
        )
        .unwrap_err();
        assert_eq!(e.line, 3);
        assert!(
            e.message.contains("unknown field `precedance`"),
            "{}",
            e.message
        );
    }

    #[test]
    fn duplicate_ids_are_refused() {
        let e = Manifest::parse(
            Path::new("y.yaml"),
            "documents:\n  - path: a.txt\n  - path: sub/a.txt\n",
        )
        .unwrap_err();
        assert_eq!(e.line, 3);
        assert!(e.message.contains("duplicate document id `a`"));
    }

    #[test]
    fn rule_levels_are_checked() {
        let e = Manifest::parse(
            Path::new("y.yaml"),
            "documents: []\nrules: { mixed-digit-width: loud }\n",
        )
        .unwrap_err();
        assert!(e.message.contains("not a level"), "{}", e.message);
        assert!(Manifest::parse(
            Path::new("y.yaml"),
            "documents: []\nrules: { Y601: off, unused-definition: error }\n"
        )
        .is_ok());
    }
}
