//! What is being typed, kept where the signal thread can reach it: when the app is ended by
//! a signal (SIGTERM, SIGHUP …) while a prompt is open, the text is written to a file in the
//! user's data folder before the process exits, and the path is printed. Nothing typed is
//! lost to a closed terminal window or a `kill`.

use std::path::PathBuf;
use std::sync::Mutex;

use crate::lang::Lang;

struct Typed {
    /// The prompt's title: what the text was for.
    title: String,
    text: String,
    lang: Lang,
}

static TYPED: Mutex<Option<Typed>> = Mutex::new(None);

/// Remembers the open prompt's title and text, or that none is open.
pub fn remember(typed: Option<(&str, String)>, lang: Lang) {
    let typed = typed
        .filter(|(_, text)| !text.trim().is_empty())
        .map(|(title, text)| Typed {
            title: title.to_owned(),
            text,
            lang,
        });
    if let Ok(mut slot) = TYPED.lock() {
        *slot = typed;
    }
}

/// Where texts typed into a session that was ended are kept.
pub fn drafts_dir() -> Option<PathBuf> {
    if let Some(xdg) = std::env::var_os("XDG_DATA_HOME").filter(|v| !v.is_empty()) {
        return Some(PathBuf::from(xdg).join("dagsorden/drafts"));
    }
    if let Some(home) = std::env::var_os("HOME").filter(|v| !v.is_empty()) {
        return Some(PathBuf::from(home).join(".local/share/dagsorden/drafts"));
    }
    directories::ProjectDirs::from("", "", "dagsorden").map(|d| d.data_dir().join("drafts"))
}

/// Writes the text being typed (if any) to a new file in [`drafts_dir`], and returns a line
/// saying where, in the session's language.
pub fn save_draft(now: chrono::NaiveDateTime) -> Option<String> {
    let slot = TYPED.lock().ok()?;
    let typed = slot.as_ref()?;
    let dir = drafts_dir()?;
    std::fs::create_dir_all(&dir).ok()?;
    let stamp = now.format("%Y-%m-%dT%H-%M-%S");
    let path = (0..1000)
        .map(|n| match n {
            0 => dir.join(format!("{stamp}.txt")),
            n => dir.join(format!("{stamp}-{n}.txt")),
        })
        .find(|p| !p.exists())?;
    let content = format!("# {}\n\n{}\n", typed.title, typed.text.trim_end());
    std::fs::write(&path, content).ok()?;
    let path = crate::text::sanitize(&path.display().to_string()).into_owned();
    Some(match typed.lang {
        Lang::Da => format!("dagsorden blev afbrudt; teksten, du skrev, er gemt i {path}"),
        Lang::En => format!("dagsorden was ended; the text you were typing is kept in {path}"),
    })
}

/// A line about texts kept from ended sessions, if there are any, for the first screen.
pub fn drafts_notice(lang: Lang) -> Option<String> {
    let dir = drafts_dir()?;
    let n = std::fs::read_dir(&dir)
        .ok()?
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
        .count();
    let dir = crate::text::sanitize(&dir.display().to_string()).into_owned();
    match (n, lang) {
        (0, _) => None,
        (1, Lang::Da) => Some(format!("En tekst fra en afbrudt session er gemt i {dir}")),
        (n, Lang::Da) => Some(format!(
            "{n} tekster fra afbrudte sessioner er gemt i {dir}"
        )),
        (1, Lang::En) => Some(format!("A text from an ended session is kept in {dir}")),
        (n, Lang::En) => Some(format!("{n} texts from ended sessions are kept in {dir}")),
    }
}
