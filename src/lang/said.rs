//! A message said in both languages, for text made before the reader's language is known.
//!
//! The archive is loaded once and shown in Danish or English (and switched live in the
//! screens), so its diagnostics carry both wordings from the moment they are made; the
//! screen or command picks one when it shows them.

use super::Lang;

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Said {
    pub da: String,
    pub en: String,
}

impl Said {
    pub fn new(da: impl Into<String>, en: impl Into<String>) -> Self {
        Said {
            da: da.into(),
            en: en.into(),
        }
    }

    /// The wording in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Da => &self.da,
            Lang::En => &self.en,
        }
    }

    /// An input/output error: the system's own words in English, the common kinds in Danish
    /// (with the system's words after them, for the rare kinds said no better).
    pub fn io(e: &std::io::Error) -> Said {
        use std::io::ErrorKind as K;
        let da = match e.kind() {
            K::NotFound => "findes ikke".to_owned(),
            K::PermissionDenied => "ingen adgang (tjek rettighederne)".to_owned(),
            K::AlreadyExists => "findes allerede".to_owned(),
            K::StorageFull => "disken er fuld".to_owned(),
            K::ReadOnlyFilesystem => "drevet er skrivebeskyttet".to_owned(),
            K::IsADirectory => "er en mappe".to_owned(),
            K::NotADirectory => "er ikke en mappe".to_owned(),
            K::InvalidData => "indholdet kan ikke læses".to_owned(),
            _ => format!("fejl ved læsning eller skrivning ({e})"),
        };
        Said::new(da, e.to_string())
    }

    /// Whether either wording contains `needle` (for tests and filters that do not care
    /// which language they meet).
    pub fn contains(&self, needle: &str) -> bool {
        self.da.contains(needle) || self.en.contains(needle)
    }
}

/// `said!("dansk {x}"; "English {x}")`, each side a `format!` with its own arguments:
/// `said!("punkt {}", n; "item {}", n)`.
#[macro_export]
macro_rules! said {
    ($da:literal $(, $da_arg:expr)* ; $en:literal $(, $en_arg:expr)* $(,)?) => {
        $crate::lang::Said::new(format!($da $(, $da_arg)*), format!($en $(, $en_arg)*))
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_language_gets_its_own_wording() {
        let n = 3;
        let s = crate::said!("punkt {n} mangler"; "item {} is missing", n);
        assert_eq!(s.get(Lang::Da), "punkt 3 mangler");
        assert_eq!(s.get(Lang::En), "item 3 is missing");
    }
}
