//! Whether an attachment may be handed to the system's opener: it must exist, lie inside the
//! archive (after following links), and not be a program.

use std::path::{Path, PathBuf};

/// Why an attachment is not opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    Missing(PathBuf),
    OutsideArchive(PathBuf),
    Executable(PathBuf),
    NotAFile(PathBuf),
}

/// File name endings that run code when "opened" on some system.
const PROGRAM_EXTENSIONS: &[&str] = &[
    "exe", "com", "bat", "cmd", "msi", "scr", "ps1", "vbs", "vbe", "js", "jse", "wsf", "wsh",
    "hta", "cpl", "lnk", "reg", "jar", "sh", "bash", "zsh", "command", "app", "desktop",
    "appimage", "run", "bin", "py", "pl", "rb",
];

/// The canonical path to open for `path`, or why it must not be opened.
pub fn check_openable(archive_root: &Path, path: &Path) -> Result<PathBuf, Refusal> {
    let real = match path.canonicalize() {
        Ok(real) => real,
        Err(_) => return Err(Refusal::Missing(path.to_path_buf())),
    };
    let root = archive_root
        .canonicalize()
        .unwrap_or_else(|_| archive_root.to_path_buf());
    if !real.starts_with(&root) {
        return Err(Refusal::OutsideArchive(real));
    }
    let meta = std::fs::metadata(&real).map_err(|_| Refusal::Missing(real.clone()))?;
    if !meta.is_file() {
        return Err(Refusal::NotAFile(real));
    }
    if is_executable(&meta) || is_program(&real) {
        return Err(Refusal::Executable(real));
    }
    Ok(real)
}

/// Whether a file is a program, by its name's ending (trailing dots and spaces ignored, as
/// Windows ignores them) or by its content: a script's `#!`, an ELF, Mach-O or Windows
/// executable, a Java class, or a desktop entry, whatever the file is called.
pub fn is_program(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| {
            n.to_string_lossy()
                .trim_end_matches(['.', ' '])
                .to_ascii_lowercase()
        })
        .unwrap_or_default();
    let by_name = name
        .rsplit_once('.')
        .is_some_and(|(_, ext)| PROGRAM_EXTENSIONS.contains(&ext));
    by_name || program_by_content(path)
}

fn program_by_content(path: &Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 512];
    let Ok(n) = std::fs::File::open(path).and_then(|mut f| f.read(&mut head)) else {
        return false;
    };
    let head = &head[..n];
    let magic: &[&[u8]] = &[
        b"#!",
        b"\x7fELF",
        b"MZ",
        &[0xfe, 0xed, 0xfa, 0xce],
        &[0xfe, 0xed, 0xfa, 0xcf],
        &[0xce, 0xfa, 0xed, 0xfe],
        &[0xcf, 0xfa, 0xed, 0xfe],
        &[0xca, 0xfe, 0xba, 0xbe],
    ];
    magic.iter().any(|m| head.starts_with(m))
        || String::from_utf8_lossy(head).contains("[Desktop Entry]")
}

#[cfg(unix)]
fn is_executable(meta: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::PermissionsExt;
    meta.permissions().mode() & 0o111 != 0
}

#[cfg(not(unix))]
fn is_executable(_meta: &std::fs::Metadata) -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_inside_the_archive_may_be_opened() {
        let dir = tempfile::tempdir().unwrap();
        let doc = dir.path().join("bilag.pdf");
        std::fs::write(&doc, b"%PDF").unwrap();
        assert_eq!(
            check_openable(dir.path(), &doc),
            Ok(doc.canonicalize().unwrap())
        );
    }

    #[test]
    fn missing_outside_and_program_files_are_refused() {
        let outer = tempfile::tempdir().unwrap();
        let root = outer.path().join("agendas");
        std::fs::create_dir(&root).unwrap();
        let secret = outer.path().join("secret.pdf");
        std::fs::write(&secret, b"x").unwrap();
        let sneaky = root.join("../secret.pdf");
        assert!(matches!(
            check_openable(&root, &sneaky),
            Err(Refusal::OutsideArchive(_))
        ));
        assert!(matches!(
            check_openable(&root, &root.join("none.pdf")),
            Err(Refusal::Missing(_))
        ));
        let script = root.join("run.bat");
        std::fs::write(&script, b"x").unwrap();
        assert!(matches!(
            check_openable(&root, &script),
            Err(Refusal::Executable(_))
        ));
        assert!(matches!(
            check_openable(&root, &root),
            Err(Refusal::OutsideArchive(_)) | Err(Refusal::NotAFile(_))
        ));
    }

    #[test]
    fn programs_are_known_by_their_content_whatever_their_name() {
        let dir = tempfile::tempdir().unwrap();
        for (name, bytes) in [
            ("bilag.pdf", &b"#!/bin/sh\nrm -rf ~\n"[..]),
            ("rapport.docx", b"\x7fELF\x02\x01"),
            ("referat", b"MZ\x90\x00"),
            ("notat.txt", b"\xcf\xfa\xed\xfe"),
            ("link.txt", b"[Desktop Entry]\nExec=evil\n"),
            ("start.desktop.", b"x"),
            ("start.desktop ", b"x"),
        ] {
            let path = dir.path().join(name);
            std::fs::write(&path, bytes).unwrap();
            assert!(is_program(&path), "{name}");
            assert!(
                matches!(
                    check_openable(dir.path(), &path),
                    Err(Refusal::Executable(_))
                ),
                "{name}"
            );
        }
        let pdf = dir.path().join("ok.pdf");
        std::fs::write(&pdf, b"%PDF-1.7").unwrap();
        assert!(!is_program(&pdf));
    }

    #[cfg(unix)]
    #[test]
    fn files_with_the_execute_bit_and_links_out_are_refused() {
        use std::os::unix::fs::PermissionsExt;
        let outer = tempfile::tempdir().unwrap();
        let root = outer.path().join("agendas");
        std::fs::create_dir(&root).unwrap();
        let tool = root.join("bilag.pdf");
        std::fs::write(&tool, b"x").unwrap();
        std::fs::set_permissions(&tool, std::fs::Permissions::from_mode(0o755)).unwrap();
        assert!(matches!(
            check_openable(&root, &tool),
            Err(Refusal::Executable(_))
        ));
        let target = outer.path().join("elsewhere.pdf");
        std::fs::write(&target, b"x").unwrap();
        let link = root.join("link.pdf");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        assert!(matches!(
            check_openable(&root, &link),
            Err(Refusal::OutsideArchive(_))
        ));
    }
}
