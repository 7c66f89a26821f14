//! The user's theme and keymap, read from the folder of the configuration file, and read
//! again while the app runs when either file changes (the watcher sees the folder too), so
//! a colour or a key tried out in an editor shows without a restart.

use std::path::{Path, PathBuf};

use super::app::{App, Message};
use super::keymap::Keymap;
use super::theme::{self, Theme};
use crate::lang::{Lang, Said};

/// Where the theme and keymap come from.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// The folder of the configuration file in use: `keymap.toml` and `themes/` live here.
    pub folder: Option<PathBuf>,
    /// The theme asked for (`--theme`, else the configuration's `theme`).
    pub theme: Option<String>,
    /// `NO_COLOR` is set: the monochrome theme unless one is asked for.
    pub no_color: bool,
}

/// What the settings give: the theme, the keymap and what was wrong with them.
pub struct Loaded {
    pub theme: Theme,
    pub keymap: Keymap,
    pub problems: Vec<Said>,
}

impl Settings {
    pub fn load(&self) -> Loaded {
        let chosen = theme::choose(self.theme.as_deref(), self.no_color, self.folder.as_deref());
        let (keymap, keymap_problems) = Keymap::load(self.folder.as_deref());
        let mut problems = chosen.problems;
        problems.extend(keymap_problems);
        Loaded {
            theme: chosen.theme,
            keymap,
            problems,
        }
    }

    /// Whether `path` (absolute, as the watcher reports it) is one of the settings' files:
    /// `keymap.toml` or a theme in `themes/`.
    pub fn is_settings_file(&self, path: &Path) -> bool {
        let Some(folder) = &self.folder else {
            return false;
        };
        let Ok(rel) = path.strip_prefix(folder) else {
            return false;
        };
        let toml = rel.extension().is_some_and(|e| e == "toml");
        rel == Path::new("keymap.toml") || (toml && rel.parent() == Some(Path::new("themes")))
    }
}

impl App {
    /// The theme or keymap file changed: both are read again and take effect at once; what
    /// is wrong with them is said (and listed in the problems panel), and the bundled ones
    /// stand in for what cannot be read.
    pub fn settings_changed(&mut self) {
        let Some(settings) = &self.settings else {
            return;
        };
        let loaded = settings.load();
        self.theme = loaded.theme;
        self.keymap = loaded.keymap;
        self.settings_problems = loaded.problems;
        self.message = Some(match self.settings_problems.first() {
            Some(problem) => Message::Error(problem.get(self.lang).to_owned()),
            None => Message::Info(
                match self.lang {
                    Lang::Da => "Farvetema og taster læst igen",
                    Lang::En => "Theme and keys read again",
                }
                .to_owned(),
            ),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_keymap_and_themes_are_settings_files_and_nothing_else_is() {
        let s = Settings {
            folder: Some(PathBuf::from("/home/a/.config/dagsorden")),
            ..Settings::default()
        };
        assert!(s.is_settings_file(Path::new("/home/a/.config/dagsorden/keymap.toml")));
        assert!(s.is_settings_file(Path::new("/home/a/.config/dagsorden/themes/mine.toml")));
        assert!(!s.is_settings_file(Path::new("/home/a/.config/dagsorden/config.toml.swp")));
        assert!(!s.is_settings_file(Path::new("/home/a/.config/dagsorden/themes/x.txt")));
        assert!(!s.is_settings_file(Path::new("/home/a/arkiv/forum.toml")));
        assert!(!Settings::default().is_settings_file(Path::new("/keymap.toml")));
    }
}
