//! Writing a file so that a crash, a power cut or a full disk leaves either the old or the
//! new version on disk, never a mix: write a temporary file in the same folder, flush it to
//! the disk, rename it over the target, and flush the folder so the rename itself survives.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::Path;
use std::time::{Duration, SystemTime};

/// Every temporary file this tool writes starts with this, so that leftovers from a crash
/// can be recognised and removed.
pub const TEMP_PREFIX: &str = ".dagsorden-tmp-";

/// Temporary files younger than this may belong to a save in progress in another instance
/// (on a shared drive), so they are left alone.
const STALE_AFTER: Duration = Duration::from_secs(10 * 60);

/// Replaces `path` with `bytes` atomically.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let temp = write_temp(path, bytes)?;
    // Keep the file's permissions: a rename gives the target the temporary file's mode.
    if let Ok(meta) = fs::metadata(path) {
        let _ = fs::set_permissions(temp.path(), meta.permissions());
    }
    temp.persist(path).map_err(|e| e.error)?;
    sync_folder(path)
}

/// Why a guarded replace did not happen.
#[derive(Debug)]
pub enum ReplaceError {
    /// The file no longer holds what was expected (another program changed it); it holds
    /// this now (`None`: it is gone).
    Changed(Option<String>),
    Io(io::Error),
}

impl From<io::Error> for ReplaceError {
    fn from(e: io::Error) -> Self {
        ReplaceError::Io(e)
    }
}

/// Replaces `path` with `bytes` atomically, but only while it still holds `expected`.
///
/// Instances of this tool take an advisory lock (`flock`) on the file for the whole save, so
/// two of them never interleave; and the file is read again after the new version is written
/// to its temporary file and just before the rename, so a change another program wrote
/// during the save is a conflict, not overwritten. The file's mode, owner and group are
/// given to the new version.
pub fn replace_if_unchanged(path: &Path, bytes: &[u8], expected: &str) -> Result<(), ReplaceError> {
    let target = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(ReplaceError::Changed(None)),
        Err(e) => return Err(e.into()),
    };
    // Held until the rename is done; another instance waits here, then finds the file
    // changed.
    target.lock()?;
    let unchanged = |path: &Path| -> Result<(), ReplaceError> {
        match fs::read_to_string(path) {
            Ok(now) if now == expected => Ok(()),
            Ok(now) => Err(ReplaceError::Changed(Some(now))),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Err(ReplaceError::Changed(None)),
            Err(e) => Err(e.into()),
        }
    };
    unchanged(path)?;
    let meta = fs::metadata(path)?;
    if meta.permissions().readonly() {
        return Err(ReplaceError::Io(io::Error::new(
            io::ErrorKind::PermissionDenied,
            "the file is read-only",
        )));
    }
    let temp = write_temp(path, bytes)?;
    let _ = fs::set_permissions(temp.path(), meta.permissions());
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        // As far as this user may: the group of a shared folder's file is kept; a file of
        // another owner keeps its owner only when run by someone allowed to give it.
        let _ = std::os::unix::fs::chown(temp.path(), Some(meta.uid()), Some(meta.gid()));
        let _ = std::os::unix::fs::chown(temp.path(), None, Some(meta.gid()));
        copy_extended_attributes(path, temp.path());
    }
    unchanged(path)?;
    temp.persist(path).map_err(|e| e.error)?;
    drop(target);
    sync_folder(path)?;
    Ok(())
}

/// Gives `to` the extended attributes of `from`: its ACL (`system.posix_acl_access`, who
/// else may read and write a shared file) and the user's own attributes, as far as this user
/// may set them. A file system without them has none to copy.
#[cfg(unix)]
fn copy_extended_attributes(from: &Path, to: &Path) {
    let Ok(names) = xattr::list(from) else {
        return;
    };
    for name in names {
        if let Ok(Some(value)) = xattr::get(from, &name) {
            let _ = xattr::set(to, &name, &value);
        }
    }
}

/// Writes a new file atomically; fails with `AlreadyExists` rather than replace one.
pub fn write_new(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let temp = write_temp(path, bytes)?;
    temp.persist_noclobber(path).map_err(|e| e.error)?;
    sync_folder(path)
}

fn write_temp(path: &Path, bytes: &[u8]) -> io::Result<tempfile::NamedTempFile> {
    let dir = folder_of(path);
    let mut builder = tempfile::Builder::new();
    builder.prefix(TEMP_PREFIX).suffix(".part");
    // A new file gets the usual mode (0666 less the umask), not a temporary file's 0600.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let mut temp = builder.tempfile_in(dir)?;
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    Ok(temp)
}

fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Flushes the folder entry, so that the rename is on disk too. Folders cannot be opened
/// for this on every system; where they cannot, the rename is as durable as the system makes it.
fn sync_folder(path: &Path) -> io::Result<()> {
    match File::open(folder_of(path)) {
        Ok(dir) => match dir.sync_all() {
            Ok(()) => Ok(()),
            // Some file systems (and Windows) refuse fsync on a folder; the data is written.
            Err(e) if e.kind() == io::ErrorKind::InvalidInput => Ok(()),
            Err(e) if e.kind() == io::ErrorKind::PermissionDenied => Ok(()),
            Err(e) => Err(e),
        },
        Err(_) => Ok(()),
    }
}

/// Removes temporary files left by a save that was interrupted, in `root` and its folders
/// one level down (the year folders and `calendar/`). Returns how many were removed.
pub fn clean_stale_temps(root: &Path, now: SystemTime) -> usize {
    let mut removed = 0;
    let mut folders = vec![root.to_path_buf()];
    if let Ok(entries) = fs::read_dir(root) {
        folders.extend(
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.is_dir()),
        );
    }
    for folder in folders {
        let Ok(entries) = fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.filter_map(Result::ok) {
            let name = entry.file_name();
            if !name.to_string_lossy().starts_with(TEMP_PREFIX) {
                continue;
            }
            let old = entry
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| now.duration_since(t).ok())
                .is_some_and(|age| age >= STALE_AFTER);
            if old && fs::remove_file(entry.path()).is_ok() {
                removed += 1;
            }
        }
    }
    removed
}

/// Whether files can be written in `folder`: tries to create (and drops) a temporary file.
pub fn is_writable(folder: &Path) -> bool {
    tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .tempfile_in(folder)
        .is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An ACL and the user's attributes survive a save (where the file system has them;
    /// ext4, xfs, btrfs and tmpfs do).
    #[cfg(unix)]
    #[test]
    #[allow(clippy::disallowed_macros)] // a test's note to whoever runs it
    fn extended_attributes_and_the_acl_survive_a_replace() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.toml");
        fs::write(&path, "a = 1\n").unwrap();
        if xattr::set(&path, "user.dagsorden-test", b"kept").is_err() {
            eprintln!("this file system has no user attributes; nothing to check");
            return;
        }
        // A POSIX ACL as `setfacl -m u:12345:rw` writes it (version 2; user::rw-,
        // user:12345:rw-, group::r--, mask::rw-, other::r--).
        let acl: Vec<u8> = [
            2u32.to_le_bytes().to_vec(),
            entry(0x01, 6, u32::MAX),
            entry(0x02, 6, 12345),
            entry(0x04, 4, u32::MAX),
            entry(0x10, 6, u32::MAX),
            entry(0x20, 4, u32::MAX),
        ]
        .concat();
        let acl_set = xattr::set(&path, "system.posix_acl_access", &acl).is_ok();
        replace_if_unchanged(&path, b"a = 2\n", "a = 1\n").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "a = 2\n");
        assert_eq!(
            xattr::get(&path, "user.dagsorden-test").unwrap().as_deref(),
            Some(&b"kept"[..])
        );
        if acl_set {
            assert_eq!(
                xattr::get(&path, "system.posix_acl_access").unwrap(),
                Some(acl),
                "the ACL is kept"
            );
        }
    }

    #[cfg(unix)]
    fn entry(tag: u16, perm: u16, id: u32) -> Vec<u8> {
        [tag.to_le_bytes(), perm.to_le_bytes()]
            .concat()
            .into_iter()
            .chain(id.to_le_bytes())
            .collect()
    }

    #[test]
    fn replaces_the_file_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.toml");
        fs::write(&path, "old").unwrap();
        write_atomic(&path, b"new").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("a.toml")]);
    }

    #[cfg(unix)]
    #[test]
    fn a_new_file_is_readable_by_others_like_any_file_the_user_makes() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.toml");
        write_new(&path, b"x").unwrap();
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_ne!(mode, 0o600, "not a temporary file's mode");
        assert!(mode & 0o600 == 0o600, "{mode:o}");
    }

    #[test]
    fn write_new_refuses_an_existing_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.toml");
        fs::write(&path, "mine").unwrap();
        let err = write_new(&path, b"other").unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read_to_string(&path).unwrap(), "mine");
    }

    #[test]
    fn only_old_temporary_files_are_cleaned() {
        let dir = tempfile::tempdir().unwrap();
        let year = dir.path().join("2018");
        fs::create_dir(&year).unwrap();
        fs::write(year.join(format!("{TEMP_PREFIX}abc.part")), "x").unwrap();
        fs::write(year.join("2018-02-09-sdf.toml"), "keep").unwrap();
        // Just written: may belong to a save in progress.
        assert_eq!(clean_stale_temps(dir.path(), SystemTime::now()), 0);
        let later = SystemTime::now() + Duration::from_secs(3600);
        assert_eq!(clean_stale_temps(dir.path(), later), 1);
        assert!(year.join("2018-02-09-sdf.toml").exists());
    }
}
