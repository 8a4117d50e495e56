//! Confinement: the documents (and statutes) a manifest lists, and the documents of a
//! folder, must lie inside the corpus folder. An absolute path, a `..` that climbs out,
//! or a symlink that leads out is refused with an error naming the entry, unless
//! `--allow-outside` ([`crate::limits::allow_outside`]). Symlinks that stay inside are
//! fine. Files given on the command line are the user's own choice and not confined.

use super::CorpusError;
use std::path::{Component, Path, PathBuf};

/// Why an entry leads outside, if it does.
fn outside(root: &Path, entry: &Path) -> Option<&'static str> {
    if entry.is_absolute()
        || entry
            .components()
            .any(|c| matches!(c, Component::Prefix(_)))
    {
        return Some("an absolute path");
    }
    let root = root.canonicalize().ok()?;
    let joined = root.join(entry);
    match joined.canonicalize() {
        Ok(real) if real.starts_with(&root) => None,
        Ok(_) if entry.components().any(|c| c == Component::ParentDir) => {
            Some("`..` climbs out of the folder")
        }
        Ok(_) => Some("a symlink leads out of the folder"),
        // Not there: the loader says so; a `..` that climbs out is refused anyway.
        Err(_) => {
            let mut depth = 0i64;
            for c in entry.components() {
                match c {
                    Component::ParentDir => depth -= 1,
                    Component::Normal(_) => depth += 1,
                    _ => {}
                }
                if depth < 0 {
                    return Some("`..` climbs out of the folder");
                }
            }
            None
        }
    }
}

/// Refuse an entry of `source` (a manifest, or a folder) that leads outside `root`.
pub(crate) fn confine(root: &Path, entry: &Path, source: &Path) -> Result<(), CorpusError> {
    if crate::limits::allow_outside() {
        return Ok(());
    }
    match outside(root, entry) {
        None => Ok(()),
        Some(why) => Err(CorpusError::Outside {
            origin: source.to_path_buf(),
            entry: entry.display().to_string(),
            why,
        }),
    }
}

/// Refuse any of a folder's documents (paths inside `dir`) that leads outside it.
pub(crate) fn confine_folder(dir: &Path, files: &[PathBuf]) -> Result<(), CorpusError> {
    for f in files {
        let name = f
            .file_name()
            .map(PathBuf::from)
            .unwrap_or_else(|| f.clone());
        confine(dir, &name, dir)?;
    }
    Ok(())
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn escapes_are_refused_and_inside_links_kept() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path().join("corpus");
        std::fs::create_dir_all(root.join("sub")).expect("mkdir");
        std::fs::write(root.join("a.txt"), "x").expect("write");
        std::fs::write(dir.path().join("outside.txt"), "x").expect("write");
        std::os::unix::fs::symlink(root.join("a.txt"), root.join("in.txt")).expect("link");
        std::os::unix::fs::symlink(dir.path().join("outside.txt"), root.join("out.txt"))
            .expect("link");
        assert_eq!(outside(&root, Path::new("a.txt")), None);
        assert_eq!(outside(&root, Path::new("sub/../a.txt")), None);
        assert_eq!(outside(&root, Path::new("in.txt")), None);
        assert!(outside(&root, Path::new("../outside.txt")).is_some());
        assert!(outside(&root, Path::new("../missing.txt")).is_some());
        assert!(outside(&root, Path::new("/etc/passwd")).is_some());
        assert!(outside(&root, Path::new("out.txt")).is_some());
    }
}
