//! The one way yakkan replaces or creates a file: `fmt --write`, `check --fix` and every
//! `-o FILE` come through [`replace`].
//!
//! * A temp file in the same folder, created with the original's permission bits (never
//!   wider: the mode is given to `open`, before any byte is written), written, synced,
//!   then renamed over the target; the folder is synced. A full disk leaves the target
//!   as it was and no temp file behind.
//! * A symlink is followed: its target is replaced and the link kept.
//! * Refused (the file unchanged): a file without its owner's write permission (even
//!   for root), something that is not a regular file, and — unless `force` — a file with
//!   other hard links (a rename would silently break them) or owned by another user (a
//!   rename would make it ours).

use std::io::Write as _;
use std::path::{Path, PathBuf};

/// How a write may go.
#[derive(Debug, Clone, Copy, Default)]
pub struct Policy {
    /// Replace a hard-linked file or another user's file anyway (`--force`).
    pub force: bool,
}

fn refuse(kind: std::io::ErrorKind, why: &str) -> std::io::Error {
    std::io::Error::new(kind, why.to_string())
}

/// Replace (or create) `path` with `bytes`, only when they differ from what is there.
/// Returns whether the file changed. The error says why nothing was written.
pub fn replace(path: &Path, bytes: &[u8], policy: Policy) -> std::io::Result<bool> {
    // The file the path leads to: a symlink is followed (to its final target).
    let target = match std::fs::canonicalize(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => path.to_path_buf(),
        Err(e) => return Err(e),
    };
    let existing = match std::fs::metadata(&target) {
        Ok(m) => Some(m),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(e),
    };
    if let Some(meta) = &existing {
        if !meta.is_file() {
            return Err(refuse(
                std::io::ErrorKind::InvalidInput,
                "not a regular file; refusing to replace it",
            ));
        }
        if same_bytes(&target, meta.len(), bytes) {
            return Ok(false);
        }
        check_writable(meta, policy)?;
    }
    let dir = target
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (tmp, mut file) = create_temp(dir, &name, existing.as_ref())?;
    let written = (|| {
        if let Some(meta) = &existing {
            check_owner(meta, &file, policy)?;
        }
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&tmp, &target)
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    // The rename itself is durable once the folder is synced (not possible everywhere).
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(true)
}

/// Does the file hold exactly `bytes`? Read through a bounded reader (its size as the
/// metadata says), so a file that grows meanwhile is never read without end.
fn same_bytes(target: &Path, len: u64, bytes: &[u8]) -> bool {
    use std::io::Read as _;
    if len != bytes.len() as u64 {
        return false;
    }
    let Ok(f) = std::fs::File::open(target) else {
        return false;
    };
    let mut have = Vec::with_capacity(bytes.len());
    f.take(len + 1).read_to_end(&mut have).is_ok() && have == bytes
}

#[cfg(unix)]
fn check_writable(meta: &std::fs::Metadata, policy: Policy) -> std::io::Result<()> {
    use std::os::unix::fs::MetadataExt;
    if meta.mode() & 0o200 == 0 {
        return Err(refuse(
            std::io::ErrorKind::PermissionDenied,
            "the file is read-only; refusing to replace it (the file was not changed)",
        ));
    }
    if meta.nlink() > 1 && !policy.force {
        return Err(refuse(
            std::io::ErrorKind::PermissionDenied,
            "the file has other hard links, which replacing it would break \
             (the file was not changed; --force replaces it anyway)",
        ));
    }
    Ok(())
}

#[cfg(not(unix))]
fn check_writable(meta: &std::fs::Metadata, _: Policy) -> std::io::Result<()> {
    if meta.permissions().readonly() {
        return Err(refuse(
            std::io::ErrorKind::PermissionDenied,
            "the file is read-only; refusing to replace it (the file was not changed)",
        ));
    }
    Ok(())
}

/// The temp file is ours: when the target is another user's, replacing it would change
/// its owner. With `force`, the temp file is given the target's owner (when allowed).
#[cfg(unix)]
fn check_owner(
    meta: &std::fs::Metadata,
    tmp: &std::fs::File,
    policy: Policy,
) -> std::io::Result<()> {
    use std::os::unix::fs::MetadataExt;
    let mine = tmp.metadata()?;
    if mine.uid() == meta.uid() {
        return Ok(());
    }
    if !policy.force {
        return Err(refuse(
            std::io::ErrorKind::PermissionDenied,
            &format!(
                "the file belongs to another user (uid {}), and replacing it would make it \
                 ours (the file was not changed; --force replaces it anyway)",
                meta.uid()
            ),
        ));
    }
    let _ = std::os::unix::fs::fchown(tmp, Some(meta.uid()), Some(meta.gid()));
    Ok(())
}

#[cfg(not(unix))]
fn check_owner(_: &std::fs::Metadata, _: &std::fs::File, _: Policy) -> std::io::Result<()> {
    Ok(())
}

/// A new temp file beside the target (never an existing file), created with the
/// target's permission bits (or the default for a new file), never wider.
fn create_temp(
    dir: &Path,
    name: &str,
    like: Option<&std::fs::Metadata>,
) -> std::io::Result<(PathBuf, std::fs::File)> {
    let mut n = 0u32;
    loop {
        let tmp = dir.join(format!(".{name}.yakkan-{}-{n}.tmp", std::process::id()));
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
            options.mode(like.map_or(0o666, |m| m.mode() & 0o777));
        }
        match options.open(&tmp) {
            Ok(f) => {
                // The umask may have narrowed the mode: the original's bits exactly (never
                // wider, as they are the original's).
                #[cfg(unix)]
                if let Some(m) = like {
                    use std::os::unix::fs::{MetadataExt, PermissionsExt};
                    let perms = std::fs::Permissions::from_mode(m.mode() & 0o777);
                    if let Err(e) = f.set_permissions(perms) {
                        let _ = std::fs::remove_file(&tmp);
                        return Err(e);
                    }
                }
                #[cfg(not(unix))]
                let _ = like;
                return Ok((tmp, f));
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && n < 100 => n += 1,
            Err(e) => return Err(e),
        }
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::{MetadataExt, PermissionsExt};

    #[test]
    fn keeps_the_mode_and_refuses_read_only_and_hard_links() {
        let dir = tempfile::tempdir().expect("tempdir");
        let f = dir.path().join("a.txt");
        std::fs::write(&f, "old").expect("write");
        std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o600)).expect("chmod");
        assert!(replace(&f, b"new", Policy::default()).expect("replace"));
        assert_eq!(std::fs::read(&f).expect("read"), b"new");
        assert_eq!(std::fs::metadata(&f).expect("meta").mode() & 0o777, 0o600);
        // Unchanged bytes: nothing written.
        assert!(!replace(&f, b"new", Policy::default()).expect("same"));

        std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o444)).expect("chmod");
        let e = replace(&f, b"other", Policy { force: true }).unwrap_err();
        assert!(e.to_string().contains("read-only"), "{e}");
        assert_eq!(std::fs::read(&f).expect("read"), b"new");

        std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o644)).expect("chmod");
        let link = dir.path().join("b.txt");
        std::fs::hard_link(&f, &link).expect("link");
        let e = replace(&f, b"other", Policy::default()).unwrap_err();
        assert!(e.to_string().contains("hard links"), "{e}");
        assert_eq!(std::fs::read(&link).expect("read"), b"new");
        assert!(replace(&f, b"other", Policy { force: true }).expect("forced"));
        assert_eq!(std::fs::read(&f).expect("read"), b"other");
        // No temp file left behind.
        let left: Vec<_> = std::fs::read_dir(dir.path())
            .expect("dir")
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(left.is_empty());
    }
}
