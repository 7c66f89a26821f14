//! The user's configuration file: where it is looked for and what it may hold.
//!
//! Looked for, in order: `--config FILE`, `$DAGSORDEN_CONFIG`, `$XDG_CONFIG_HOME/dagsorden/config.toml`,
//! `~/.config/dagsorden/config.toml` (also on macOS), then the platform's config folder.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::lang::Lang;
use crate::text::line_col;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The archive folder; relative paths count from the config file's folder.
    pub dir: Option<PathBuf>,
    pub lang: Option<String>,
    pub theme: Option<String>,
    pub mouse: Option<bool>,
    /// Your name in the hint others see while you edit a meeting ("Anne redigerer siden 09.12").
    pub name: Option<String>,
    /// Where exports from the screens are proposed (default: `exports/` in the archive);
    /// relative paths count from the config file's folder.
    pub exports: Option<PathBuf>,
    /// Every save a commit, when the archive is in git (default: on); off for archives
    /// kept in git by hand.
    pub auto_commit: Option<bool>,
    /// Where the file was read from; not a key in the file.
    #[serde(skip)]
    pub path: Option<PathBuf>,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{path}: cannot read the configuration file: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}: {}", path.display(), message.en)]
    Invalid {
        path: PathBuf,
        message: crate::lang::Said,
    },
}

impl ConfigError {
    /// The message in Danish and English.
    pub fn said(&self) -> crate::lang::Said {
        match self {
            ConfigError::Read { path, source } => crate::said!(
                "{}: konfigurationsfilen kan ikke læses: {}", path.display(), crate::lang::Said::io(source).da;
                "{}", self
            ),
            ConfigError::Invalid { path, message } => crate::said!(
                "{}: {}", path.display(), message.da;
                "{}: {}", path.display(), message.en
            ),
        }
    }
}

/// The folder that holds `config.toml`, themes and keymaps.
pub fn config_dir() -> Option<PathBuf> {
    if let Some(xdg) = std::env::var_os("XDG_CONFIG_HOME").filter(|v| !v.is_empty()) {
        return Some(PathBuf::from(xdg).join("dagsorden"));
    }
    if let Some(home) = std::env::var_os("HOME").filter(|v| !v.is_empty()) {
        return Some(PathBuf::from(home).join(".config").join("dagsorden"));
    }
    directories::ProjectDirs::from("", "", "dagsorden").map(|d| d.config_dir().to_path_buf())
}

impl Config {
    /// Loads the configuration. An explicitly named file must exist; the default one may not.
    pub fn load(explicit: Option<&Path>) -> Result<Config, ConfigError> {
        let (path, required) = match explicit {
            Some(p) => (p.to_path_buf(), true),
            None => match config_dir() {
                Some(dir) => (dir.join("config.toml"), false),
                None => return Ok(Config::default()),
            },
        };
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if !required && e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Config::default());
            }
            Err(source) => return Err(ConfigError::Read { path, source }),
        };
        let mut config: Config = toml::from_str(&text).map_err(|e| {
            let (line, col) = e.span().map_or((0, 0), |s| line_col(&text, s.start));
            let m = crate::archive::toml_said(e.message());
            ConfigError::Invalid {
                path: path.clone(),
                message: crate::said!("{line}:{col}: {}", m.da; "{line}:{col}: {}", m.en),
            }
        })?;
        if let Some(lang) = &config.lang
            && lang.parse::<Lang>().is_err()
        {
            return Err(ConfigError::Invalid {
                path,
                message: crate::said!(
                    "lang = \"{lang}\": brug \"da\" eller \"en\"";
                    "lang = \"{lang}\": use \"da\" or \"en\""
                ),
            });
        }
        let base = path.parent().unwrap_or(Path::new(".")).to_path_buf();
        for folder in [&mut config.dir, &mut config.exports].into_iter().flatten() {
            if folder.is_relative() {
                *folder = base.join(&*folder);
            }
        }
        config.path = Some(path);
        Ok(config)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_dirs_count_from_the_config_file() {
        let tmp = tempfile::tempdir().unwrap();
        let file = tmp.path().join("config.toml");
        std::fs::write(&file, "dir = \"arkiv\"\nlang = \"en\"\nexports = \"ud\"\n").unwrap();
        let c = Config::load(Some(&file)).unwrap();
        assert_eq!(c.dir, Some(tmp.path().join("arkiv")));
        assert_eq!(c.exports, Some(tmp.path().join("ud")));
        assert_eq!(c.lang.as_deref(), Some("en"));
    }

    #[test]
    fn bad_keys_are_reported_with_their_place() {
        let tmp = tempfile::tempdir().unwrap();
        let file = tmp.path().join("config.toml");
        std::fs::write(&file, "lang = \"en\"\ndirr = \"x\"\n").unwrap();
        let e = Config::load(Some(&file)).unwrap_err().to_string();
        assert!(e.contains("2:1: unknown field `dirr`"), "{e}");
    }

    #[test]
    fn a_named_config_file_must_exist() {
        assert!(Config::load(Some(Path::new("/nonexistent/dagsorden.toml"))).is_err());
    }
}
