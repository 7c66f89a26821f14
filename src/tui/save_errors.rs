//! Why a save did not happen, told in the user's language with what to do about it.

use std::io::ErrorKind;

use crate::lang::Lang;
use crate::store::SaveError;

/// The message for a save that did not happen (after "Ikke gemt: ").
pub fn describe(error: &SaveError, lang: Lang) -> String {
    if lang == Lang::En {
        return error.to_string();
    }
    let rel = |rel: &std::path::Path| rel.display().to_string();
    match error {
        SaveError::ReadOnly => {
            "arkivet er skrivebeskyttet her; ændringer kan ikke gemmes".to_owned()
        }
        SaveError::Conflict(c) => {
            format!("{} er ændret på disken, siden den blev læst", rel(&c.rel))
        }
        SaveError::Exists { rel: r } => format!(
            "{}: filen findes allerede; åbn den i skærmene (dagsorden) eller i en editor",
            rel(r)
        ),
        SaveError::Unparsable { rel: r, message } => format!(
            "{}: filen kan ikke læses ({}); ret den i en editor først",
            rel(r),
            message.da
        ),
        SaveError::Refused { rel: r, message } => format!("{}: {}", rel(r), message.da),
        SaveError::ReadOnlyFile { rel: r } => format!(
            "{}: filen er skrivebeskyttet; gør den skrivbar (chmod u+w) for at gemme i den",
            rel(r)
        ),
        SaveError::Io { rel: r, source } => {
            let what = match source.kind() {
                ErrorKind::StorageFull => "disken er fuld; gør plads, og gem igen".to_owned(),
                ErrorKind::PermissionDenied => {
                    "ingen skriveadgang til mappen; tjek rettighederne, og gem igen".to_owned()
                }
                ErrorKind::ReadOnlyFilesystem => {
                    "drevet er skrivebeskyttet; gem på et drev, der kan skrives på".to_owned()
                }
                _ => format!("kunne ikke skrives ({})", crate::lang::Said::io(source).da),
            };
            format!("{}: {what}", rel(r))
        }
        SaveError::NothingToUndo => "intet at fortryde".to_owned(),
        SaveError::NothingToRedo => "intet at gentage".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn a_full_disk_and_a_read_only_file_are_told_in_danish_with_what_to_do() {
        let rel = PathBuf::from("2018/2018-02-09-sdf.toml");
        let full = SaveError::Io {
            rel: rel.clone(),
            source: std::io::Error::from(ErrorKind::StorageFull),
        };
        assert_eq!(
            describe(&full, Lang::Da),
            "2018/2018-02-09-sdf.toml: disken er fuld; gør plads, og gem igen"
        );
        let read_only = SaveError::ReadOnlyFile { rel };
        assert!(describe(&read_only, Lang::Da).contains("skrivebeskyttet; gør den skrivbar"));
        assert!(describe(&read_only, Lang::En).contains("the file is read-only"));
    }
}
