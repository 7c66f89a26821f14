//! Lock-file hints: while someone edits a meeting file, a small file beside it says who and
//! since when, so that two people on a shared drive see each other ("Anne redigerer siden
//! 09.12"). It is only a hint: safety comes from the check before every save, never from
//! the lock, so a lock left by a crash does no harm.

use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

/// After this long a lock is ignored even when its owner cannot be checked.
const STALE_HOURS: i64 = 12;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holder {
    pub name: String,
    pub host: String,
    pub pid: u32,
    pub since: NaiveDateTime,
}

impl Holder {
    /// This process, as named by the config's `name`, else the login name.
    pub fn me(name: Option<&str>, since: NaiveDateTime) -> Holder {
        let name = name
            .map(str::to_owned)
            .or_else(|| std::env::var("USER").ok())
            .or_else(|| std::env::var("USERNAME").ok())
            .unwrap_or_else(|| "?".to_owned());
        Holder {
            name,
            host: host_name(),
            pid: std::process::id(),
            since,
        }
    }

    fn is_same_process(&self, other: &Holder) -> bool {
        self.host == other.host && self.pid == other.pid
    }
}

fn host_name() -> String {
    std::fs::read_to_string("/etc/hostname")
        .ok()
        .map(|h| h.trim().to_owned())
        .filter(|h| !h.is_empty())
        .or_else(|| std::env::var("HOSTNAME").ok())
        .or_else(|| std::env::var("COMPUTERNAME").ok())
        .unwrap_or_default()
}

/// `2018/2018-02-09-sdf.toml` → `2018/.2018-02-09-sdf.toml.lock` (hidden, and not `.toml`,
/// so the archive never reads it as a meeting).
pub fn lock_path(file: &Path) -> PathBuf {
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    file.with_file_name(format!(".{name}.lock"))
}

/// Someone else's live lock on `file`, if any.
pub fn other_holder(file: &Path, me: &Holder, now: NaiveDateTime) -> Option<Holder> {
    let text = std::fs::read_to_string(lock_path(file)).ok()?;
    let holder: Holder = toml::from_str(&text).ok()?;
    if holder.is_same_process(me) || is_stale(&holder, me, now) {
        return None;
    }
    Some(holder)
}

fn is_stale(holder: &Holder, me: &Holder, now: NaiveDateTime) -> bool {
    if (now - holder.since).num_hours() >= STALE_HOURS {
        return true;
    }
    // On this machine a lock whose process is gone is left over from a crash.
    holder.host == me.host
        && Path::new("/proc/self").exists()
        && !Path::new("/proc").join(holder.pid.to_string()).exists()
}

/// Puts our hint on `file`, unless someone else holds one.
pub fn take(file: &Path, me: &Holder, now: NaiveDateTime) -> std::io::Result<()> {
    if other_holder(file, me, now).is_some() {
        return Ok(());
    }
    let text = toml::to_string(me).map_err(std::io::Error::other)?;
    super::atomic::write_atomic(&lock_path(file), text.as_bytes())?;
    if let Ok(mut held) = HELD.lock() {
        held.push((file.to_path_buf(), me.clone()));
    }
    Ok(())
}

/// The hints this process holds, so a signal that ends it can take them away.
static HELD: std::sync::Mutex<Vec<(PathBuf, Holder)>> = std::sync::Mutex::new(Vec::new());

/// Removes every hint this process holds (when it is ended by a signal).
pub fn release_all() {
    let held = HELD
        .lock()
        .map(|mut h| std::mem::take(&mut *h))
        .unwrap_or_default();
    for (file, me) in held {
        release(&file, &me);
    }
}

/// Removes our hint from `file` (never someone else's).
pub fn release(file: &Path, me: &Holder) {
    if let Ok(mut held) = HELD.lock() {
        held.retain(|(f, _)| f != file);
    }
    let path = lock_path(file);
    let ours = std::fs::read_to_string(&path)
        .ok()
        .and_then(|t| toml::from_str::<Holder>(&t).ok())
        .is_some_and(|h| h.is_same_process(me));
    if ours {
        let _ = std::fs::remove_file(path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(hm: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(&format!("2018-02-09 {hm}"), "%Y-%m-%d %H:%M").unwrap()
    }

    #[test]
    fn another_holder_is_seen_and_our_own_is_not() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("2018-02-09-sdf.toml");
        let me = Holder::me(Some("Bo"), at("09:00"));
        take(&file, &me, at("09:00")).unwrap();
        assert_eq!(other_holder(&file, &me, at("09:05")), None);

        // Someone on another machine.
        let anne = Holder {
            name: "Anne".into(),
            host: "other-pc".into(),
            pid: 1,
            since: at("09:12"),
        };
        std::fs::write(lock_path(&file), toml::to_string(&anne).unwrap()).unwrap();
        assert_eq!(other_holder(&file, &me, at("09:30")), Some(anne.clone()));
        // Ours is not taken over theirs, and releasing leaves theirs.
        take(&file, &me, at("09:31")).unwrap();
        release(&file, &me);
        assert_eq!(other_holder(&file, &me, at("09:32")), Some(anne));
        // Half a day later it is stale.
        assert_eq!(other_holder(&file, &me, at("23:59")), None);
    }

    #[test]
    fn a_lock_from_a_dead_process_on_this_machine_is_stale() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("2018-02-09-sdf.toml");
        let me = Holder::me(Some("Bo"), at("09:00"));
        let ghost = Holder {
            pid: u32::MAX - 1,
            ..me.clone()
        };
        std::fs::write(lock_path(&file), toml::to_string(&ghost).unwrap()).unwrap();
        if Path::new("/proc/self").exists() {
            assert_eq!(other_holder(&file, &me, at("09:01")), None);
        }
    }
}
